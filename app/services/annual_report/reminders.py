"""工作台 reminders for the annual report (条例第四十九、五十条; seed 002).

From 12月1日: the sections' material is due by the year's material date (12月20日
unless changed in the report's 正文 page), and the report must be published by
1月31日 of the next year.  After 1月1日 the report line stays until the year's
report is finalised, and says so when 1月31日 has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.dates import cn_date
from app.db import Database
from app.db.models import AnnualReportVersion, ReportDraft

START_MONTH = 12  # reminders begin on 12月1日


@dataclass(frozen=True)
class Reminder:
    text: str
    due: dt.date
    overdue: bool


def due_items(db: Database, today: dt.date | None = None) -> list[Reminder]:
    """The annual-report lines the 工作台 shows today (empty outside the season)."""
    today = today or db.today()
    if today.month >= START_MONTH:
        year = today.year
    elif today.month <= 3:
        year = today.year - 1
    else:
        return []
    deadline = dt.date(year + 1, 1, 31)
    with db.session() as s:
        material = s.scalar(select(ReportDraft.material_due).where(ReportDraft.year == year)) or dt.date(year, 12, 20)
        finalised = s.scalar(select(AnnualReportVersion.id).where(AnnualReportVersion.year == year).limit(1))
    out: list[Reminder] = []
    if today.year == year and today <= material:
        out.append(Reminder(f"{year}年度政府信息公开工作年度报告：各科室于{cn_date(material)}前报送材料", material, False))
    if finalised is None and (today <= deadline or today.month <= 3):
        late = today > deadline
        text = (f"{year}年度政府信息公开工作年度报告须于{cn_date(deadline)}前公布"
                + ("，已超过期限，尚未定稿" if late else "（尚未定稿）"))
        out.append(Reminder(text, deadline, late))
    return out
