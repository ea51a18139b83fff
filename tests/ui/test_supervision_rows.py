"""The 督查 records' print: one helper previews the typeset record or says why it cannot."""

import io

from PySide6.QtWidgets import QWidget
from reportlab.pdfgen import canvas

import ui.forms
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
    monkeypatch.setattr(ui.forms, "tell", lambda parent, title, text, icon="information": told.append(text))
    data = _pdf()
    preview_record(parent, lambda: data, "季度督查记录", "2026年第一季度督查（李副局长）")
    assert shown[0].data == data and shown[0].filename == "季度督查记录（2026年第一季度督查（李副局长））.pdf"

    def refused() -> bytes:
        raise ServiceError("该督查记录不存在")

    preview_record(parent, refused, "季度督查记录", "x")
    assert told == ["该督查记录不存在"] and len(shown) == 1
