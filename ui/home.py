"""The 工作台 tab: the day at a glance — agency, calendar status, what needs setting up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.dates import cn_date_weekday
from app.db import Database
from app.services import holidays
from app.services import profile as profile_service


class HomePage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        lay = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setOpenExternalLinks(False)
        lay.addWidget(self.label)
        lay.addStretch()
        self.refresh()

    def refresh(self) -> None:
        today = dt.date.today()
        prof = profile_service.get_profile(self.db)
        cal = self.db.calendar()
        parts = [f"<h2>{prof.full_name or '（尚未填写机关名称）'}</h2>", f"<p>今天是{cn_date_weekday(today)}，"
                 + ("工作日" if cal.is_working_day(today) else "休息日") + "。</p>"]
        if not prof.is_complete:
            parts.append("<p style='color:#b00020'>机关信息尚未填写完整（机关全称、文号代字、行政复议机关、管辖人民法院）。"
                         "答复书和回执要用到这些信息，请系统管理员在“设置 → 机关信息”中填写。</p>")
        for st in holidays.year_statuses(self.db, range(today.year, today.year + 2)):
            if st.source == "estimated":
                parts.append(f"<p style='color:#8a5a00'>{st.year}年的节假日安排尚未录入：涉及{st.year}年的期限按法定节日估算，"
                             "标注为“暂估”。国务院办公厅通知发布后，请在“设置 → 节假日安排”中录入。</p>")
            else:
                parts.append(f"<p>{st.year}年节假日安排：{st.label}。</p>")
        parts.append(f"<p>答复期限：{prof.answer_days}个工作日；延期上限：{prof.extension_days}个工作日。</p>")
        self.label.setText("".join(parts))
