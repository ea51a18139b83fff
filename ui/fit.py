"""Dialog sizing: grow to show a message, never beyond the screen.

A form that shows error labels under its fields must get taller rather than squash the
fields; a dialog holding a very long value (a 10,000-character name) must stay on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget


def screen_room(w: QWidget) -> QSize:
    """The space a top-level window may take: the available screen area, less a margin."""
    screen = w.screen() or QApplication.primaryScreen()
    if screen is None:
        return QSize(1280, 800)
    avail = screen.availableGeometry()
    return QSize(max(400, avail.width() - 40), max(300, avail.height() - 60))


def start_size(w: QWidget, width: int, height: int) -> None:
    """Open at ``width`` × ``height``, or smaller where the screen is (a 1366×768 counter screen must show the buttons)."""
    room = screen_room(w)
    w.resize(min(width, room.width()), min(height, room.height()))


def limit_width(w: QWidget, width: int) -> None:
    """Start at ``width`` (or the screen, if smaller) and never grow past the screen."""
    room = screen_room(w)
    w.setMaximumSize(room)
    hint = w.sizeHint()
    w.resize(min(max(width, 0), room.width()), min(hint.height(), room.height()))


def grow_to_fit(w: QWidget) -> None:
    """After showing messages: take the height (and width) the layout now asks for, within the screen."""
    room = screen_room(w)
    w.setMaximumSize(room)
    layout = w.layout()
    if layout is not None:
        layout.activate()
    hint = w.sizeHint()
    w.resize(min(max(w.width(), hint.width()), room.width()), min(max(w.height(), hint.height()), room.height()))
