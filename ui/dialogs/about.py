"""帮助 → 关于."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import APP_TITLE, __version__
from app.db import Database
from app.logging_setup import LOG_FILE_NAME
from app.paths import data_dir, log_dir


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_TITLE}")
        lay = QVBoxLayout(self)
        self.text = QLabel(
            f"<h3>{APP_TITLE}</h3>"
            f"<p>版本：{__version__}</p>"
            "<p>用于政府信息依申请公开登记、答复期限计算、一次性告知、首问负责、投诉举报登记和年度报告统计。"
            "期限按国务院办公厅节假日安排的工作日计算。</p>"
            f"<p>数据库：{db.describe()}</p>"
            f"<p>数据文件夹：{data_dir()}</p>"
            f"<p>日志文件：{log_dir() / LOG_FILE_NAME}</p>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
