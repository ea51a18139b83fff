"""One function per user action.  The window, the CLI and the tests call the same functions."""
