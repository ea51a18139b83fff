"""The 督查 records' print: through the shared print path, the typeset record or why it cannot be."""

import io
import threading

from PySide6.QtWidgets import QWidget
from reportlab.pdfgen import canvas

import ui.letters
from app.services.errors import ServiceError
from ui.supervision.rows import preview_record


def _pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(100, 700, "record")
    c.save()
    return out.getvalue()


def test_preview_shows_the_record_or_tells_why_not(qtbot, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    shown, told = [], []
    monkeypatch.setattr(ui.letters.PdfPreview, "exec", lambda self: shown.append(self) or 1)
    monkeypatch.setattr(ui.letters, "tell", lambda parent, title, text, icon="information": told.append(text))
    data, threads = _pdf(), []

    def make() -> bytes:
        threads.append(threading.current_thread())
        return data

    preview_record(parent, make, "季度督查记录", "2026年第一季度督查（李副局长）")
    qtbot.waitUntil(lambda: bool(shown))
    assert shown[0].data == data and shown[0].filename == "季度督查记录（2026年第一季度督查（李副局长））.pdf"
    assert shown[0].windowTitle() == "季度督查记录 — 2026年第一季度督查（李副局长）"
    assert threads[0] is not threading.main_thread()  # typeset off the UI thread

    def refused() -> bytes:
        raise ServiceError("该督查记录不存在")

    preview_record(parent, refused, "季度督查记录", "x")
    qtbot.waitUntil(lambda: bool(told))
    assert told == ["该督查记录不存在"] and len(shown) == 1
