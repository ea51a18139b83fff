"""一岗双责 督查 (issue 16): post assignments and generated duties (``posts``, ``duties``).

The rectification tracker the checks open tasks in is app/services/rectification.py,
shared with the 首问负责 tab.
"""
