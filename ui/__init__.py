"""The Qt window.  Thin: every action calls a function in ``app.services``."""
