"""No English or internal names reach the window: a scan of every text the ui/ code shows.

A string literal passed to a call that shows text (setText, QLabel, QMessageBox.*, addAction,
setWindowTitle, setToolTip, header labels …) must not be ASCII words only: "BadZipFile",
"(receipt)", "SHA-256", "OK" and the like are what this test exists to catch.  f-strings are
checked on their literal parts.  The allow-list holds the few technical words a Chinese office
reads as such.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"

TEXT_METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip", "setWhatsThis",
    "addAction", "addMenu", "addTab", "insertTab", "setTabText", "addItem", "addItems", "addRow",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "showMessage",
    "setLabelText", "setInformativeText", "setDetailedText", "setTitle", "addButton", "add_field",
    "information", "warning", "critical", "question", "about", "getText", "getItem", "getInt",
    "getSaveFileName", "getOpenFileName", "getExistingDirectory", "setSpecialValueText", "setSuffix",
    "setPrefix", "ask", "tell", "message_box", "ok_cancel_buttons", "ask_save_path",
}
TEXT_CLASSES = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QToolButton",
                "QMessageBox", "QProgressDialog", "QTableWidgetItem", "QListWidgetItem", "QTreeWidgetItem",
                "QCommandLinkButton"}
# Positional arguments that are names, not texts: add_field(name, label, widget), tell(…, icon).
NOT_SHOWN = {"add_field": (0,), "tell": (3,)}
HTML_TAG = re.compile(r"<[^>]+>")
# Technical words an office reads as they are (file types, units, standards) and symbols.
ALLOWED = {"PDF", "Excel", "Word", "KB", "MB", "GB", "ID", "OK?", "JSON", "PostgreSQL", "SQLite", "URL", "Ctrl",
           "GB/T 9704", "xlsx", "docx", "pdf", "txt", "csv", "Alt", "Enter", "Esc", "Tab", "Shift", "F4"}
WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*[A-Za-z0-9]|[A-Za-z]")
FILE_FILTER = re.compile(r"\(\*\.[\w *.;]+\)")  # "(*.xlsx)" in a file dialog filter


def _literal_parts(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [p for elt in node.elts for p in _literal_parts(elt)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_parts(node.left) + _literal_parts(node.right)
    return []


def _is_english(text: str) -> bool:
    """ASCII words and no Chinese, once allowed technical words and file filters are removed."""
    if re.search(r"[\u3400-\u9fff]", text):
        return False
    text = FILE_FILTER.sub("", HTML_TAG.sub("", text))
    for word in sorted(ALLOWED, key=len, reverse=True):
        text = text.replace(word, "")
    return bool(WORD.search(text))


LOGGERS = {"log", "logger", "logging", "_log", "warnings"}


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value
        if isinstance(owner, ast.Name) and owner.id in LOGGERS:
            return ""  # log.warning(...) goes to the log file, not to the window
        if isinstance(owner, ast.Call) and getattr(owner.func, "attr", getattr(owner.func, "id", "")) == "getLogger":
            return ""
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _shown_texts(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        if name not in TEXT_METHODS and name not in TEXT_CLASSES:
            continue
        skip = NOT_SHOWN.get(name, ())
        args = [a for i, a in enumerate(node.args) if i not in skip]
        for arg in [*args, *(k.value for k in node.keywords if k.arg in (None, "text", "title"))]:
            for part in _literal_parts(arg):
                yield node.lineno, name, part


def english_texts(root: Path = UI) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, name, text in _shown_texts(tree):
            if text.strip() and _is_english(text):
                found.append(f"{path.relative_to(root.parent)}:{line} {name}({text!r})")
    return found


def test_no_english_texts_in_the_window():
    assert english_texts() == []


def test_the_scan_catches_what_it_is_for(tmp_path):
    sample = tmp_path / "ui" / "sample.py"
    sample.parent.mkdir()
    sample.write_text(
        'box.setText("BadZipFile")\n'
        'QLabel(f"{name} (receipt)")\n'
        'table.setHorizontalHeaderLabels(["文书", "SHA-256"])\n'
        'QMessageBox.warning(self, "OK", "好")\n'
        'label.setText("已导出 PDF")\n'
        'QFileDialog.getSaveFileName(self, "保存", "", "Excel 文件 (*.xlsx)")\n',
        encoding="utf-8")
    found = english_texts(sample.parent)
    assert [f.split(" ", 1)[1] for f in found] == [
        "setText('BadZipFile')", "QLabel(' (receipt)')", "setHorizontalHeaderLabels('SHA-256')", "warning('OK')"]


def test_questions_use_our_chinese_buttons():
    """QMessageBox.question with Qt's Yes/No reads 是/否 at best; ui.forms.ask names the choice (导入/取消)."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and (
                    node.attr in ("Yes", "No", "YesToAll", "NoToAll")
                    or node.attr == "question" and getattr(node.value, "id", "") == "QMessageBox"):
                found.append(f"{path.relative_to(UI.parent)}:{node.lineno} {node.attr}")
    assert found == []
