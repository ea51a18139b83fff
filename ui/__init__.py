"""The Qt window.  Thin: every action calls a function in ``app.services``."""

from ui.pyside_guard import keep_singletons_alive

keep_singletons_alive()  # before any Qt call: PySide6 6.12 on Python 3.11 drops references to None/True
