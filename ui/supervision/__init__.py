"""The 督查 tab (issue 16)."""
