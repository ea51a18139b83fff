"""主动公开 figures of a year (table 二): entered by hand with a source note; blank = not yet known."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from app.services.annual_report import figures
from app.services.errors import ServiceError, ValidationError
from ui.forms import FieldForm, ok_cancel_buttons, tell


class FiguresDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.year = db, actor, year
        self.setWindowTitle(f"{year}年主动公开数据（表二）")
        lay = QVBoxLayout(self)
        note = QLabel("件数填整数，收费金额以万元为单位（最多4位小数）。确实为零的填0；留空表示尚未统计，"
                      "报告会列出未填写的项目，且不能定稿。")
        note.setWordWrap(True)
        lay.addWidget(note)
        current = figures.get_figures(db, year)
        self.form = FieldForm()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in figures.LABELS.items():
            value = getattr(current, key)
            text = (figures.wan(value) or "") if key == "fees_yuan" else ("" if value is None else str(value))
            self.edits[key] = self.form.add_field(key, label, QLineEdit(text))
        self.source = self.form.add_field("source_note", "数据来源说明", QPlainTextEdit(current.source_note))
        self.source.setMaximumHeight(70)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))

    def value(self) -> figures.Figures:
        f = figures.Figures(self.year, source_note=self.source.toPlainText())
        errors: dict[str, str] = {}
        for key, edit in self.edits.items():
            try:
                parse = figures.parse_wan if key == "fees_yuan" else figures.parse_count
                setattr(f, key, parse(edit.text()))
            except ValueError:
                errors[key] = ("请填写以万元为单位的金额，如 12.35" if key == "fees_yuan"
                               else "请填写整数（确实为零的填0）")
        if errors:
            raise ValidationError(errors)
        return f

    def save(self) -> None:
        try:
            figures.save_figures(self.db, self.actor, self.value())
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:
            tell(self, self.windowTitle(), str(exc), "warning")
            return
        self.accept()
