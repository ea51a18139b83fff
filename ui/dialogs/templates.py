"""设置 → 文书模板: the office adjusts each letter's body; unknown fields or a removed
statutory element are refused; 恢复默认 restores the shipped text.  The 发文字号 pattern of
the letter's family (a numbering setting shared by the family's letters) is edited here too, and
so are the 文号 of the other numbered documents (责任追究决定, 考核结果通知), listed after the
letters: their text follows from the record, so they have a number format and no template."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.letters import kinds
from app.services import letters
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.profile import get_profile
from ui.forms import ERROR_STYLE
from ui.widgets import add_buttons, attach_pattern_example


class TemplatesDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle("文书模板")
        self.resize(980, 620)
        lay = QHBoxLayout(self)
        self.list = QListWidget()
        for k in kinds.KINDS:
            self.list.addItem(k.name)  # the code is for the command line, not for the window
        self.documents = list(letters.other_documents().items())  # (title, number kind), after the letters
        for title, _key in self.documents:
            self.list.addItem(title)
        self.list.currentRowChanged.connect(self.show_kind)
        lay.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.required = QLabel()
        self.required.setWordWrap(True)
        right.addWidget(self.required)
        self.editor = QPlainTextEdit()
        right.addWidget(self.editor, 1)
        fields = QLabel("可用字段：" + "  ".join(f"{{{n}}}" for n in kinds.FIELDS))
        fields.setWordWrap(True)
        fields.setStyleSheet("color: #555;")
        right.addWidget(fields)
        note = QLabel("标题、文号、落款机关和日期由程序按 GB/T 9704 自动排版，不在模板中。每行为一个自然段。")
        note.setWordWrap(True)
        right.addWidget(note)
        self.template_parts = (self.editor, fields, note)  # hidden for a document without a template
        right.addStretch(0)
        number_row = QHBoxLayout()
        self.number_label = QLabel()
        number_row.addWidget(self.number_label)
        self.pattern = QLineEdit()
        self.pattern.setToolTip("可用位置：{文号代字}（机关信息中的文号代字）、{年}、{序号}；如 {文号代字}答〔{年}〕{序号}号")
        number_row.addWidget(self.pattern, 1)
        save_pattern = QPushButton("保存文号格式")
        save_pattern.clicked.connect(self.save_pattern)
        number_row.addWidget(save_pattern)
        right.addLayout(number_row)
        doc_code = get_profile(db).doc_code
        self.number_example = attach_pattern_example(self.pattern, lambda: doc_code)
        right.addWidget(self.number_example)
        self.message = QLabel()
        self.message.setWordWrap(True)
        right.addWidget(self.message)
        row = QHBoxLayout()
        self.template_buttons = add_buttons(row, (("保存", self.save), ("恢复默认", self.reset), ("关闭", self.accept)))[:2]
        right.addLayout(row)
        lay.addLayout(right, 3)
        self.list.setCurrentRow(0)

    def kind(self) -> kinds.LetterKind:
        return kinds.KINDS[min(max(self.list.currentRow(), 0), len(kinds.KINDS) - 1)]

    def document(self) -> tuple[str, str] | None:
        """(title, number kind) when one of the other numbered documents is selected, else None."""
        row = self.list.currentRow() - len(kinds.KINDS)
        return self.documents[row] if 0 <= row < len(self.documents) else None

    def number_kind(self) -> str:
        doc = self.document()
        return doc[1] if doc else self.kind().family

    def show_kind(self) -> None:
        doc = self.document()
        for b in self.template_buttons:
            b.setEnabled(doc is None)
        for w in self.template_parts:
            w.setVisible(doc is None)
        if doc is None:
            k = self.kind()
            self.required.setText("必须保留的要素：" + "、".join(f"{{{n}}}（{kinds.FIELDS[n]}）" for n in k.required))
            self.editor.setPlainText(letters.template_body(self.db, k))
        else:
            self.required.setText(f"{doc[0]}的正文按记录内容生成，没有模板；此处只设置它的文号格式。")
            self.editor.clear()
        patterns = {key: (label, pattern) for key, label, pattern in letters.number_patterns(self.db)}
        label, pattern = patterns[self.number_kind()]
        self.number_label.setText(f"{label}格式" if doc else f"{label}格式（同类文书共用）")
        self.pattern.setText(pattern)
        self.message.clear()

    def save_pattern(self) -> None:
        try:
            letters.set_number_pattern(self.db, self.actor, self.number_kind(), self.pattern.text())
        except ServiceError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(f"未保存：{exc}")
            return
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText("文号格式已保存。此后出具的文书按新格式编号，序号按年连续；已出具的文书不变。")

    def save(self) -> None:
        try:
            letters.save_template(self.db, self.actor, self.kind().code, self.editor.toPlainText())
        except (ValidationError, ServiceError) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(f"未保存：{exc}")
            return
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText("已保存。此后出具的文书使用新模板；已出具的文书不变。")

    def reset(self) -> None:
        try:
            letters.reset_template(self.db, self.actor, self.kind().code)
        except ServiceError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(exc))
            return
        self.show_kind()
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText("已恢复默认模板。")
