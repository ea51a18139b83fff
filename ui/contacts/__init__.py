"""The 首问负责 tab."""

QUICK_ENTRY_KEY = "Ctrl+Shift+L"
"""首问登记 from any tab: the main window binds it, the tab's button names it."""
