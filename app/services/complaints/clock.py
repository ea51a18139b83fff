"""The complaint clock: 15 days to say whether it is accepted, 60 days for the result, one extension ≤ 30.

Defaults from the 信访工作条例 (2022) §§31, 34; the office may change them in the
settings, and may count working days instead of calendar days (then the shared
working-day calendar counts them).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.models import Complaint
from app.services.complaints.identity import settings
from app.services.complaints.vocab import OPEN_STATES


def add_days(s: Session, db: Database, start: dt.date, n: int) -> dt.date:
    if settings(s).working_days:
        return db.calendar().add_working_days(start, n).date
    return start + dt.timedelta(days=n)


def accept_due(s: Session, db: Database, received: dt.date) -> dt.date:
    return add_days(s, db, received, settings(s).accept_days)


def result_due(s: Session, db: Database, accepted: dt.date, extension_days: int = 0) -> dt.date:
    return add_days(s, db, accepted, settings(s).result_days + extension_days)


def urgency(due: dt.date | None, state: str, today: dt.date, near_days: int) -> str:
    """'逾期', '临近期限' or '' for the list and the head's view."""
    if due is None or state not in OPEN_STATES:
        return ""
    if due < today:
        return "逾期"
    if (due - today).days <= near_days:
        return "临近期限"
    return ""


def due_text(due: dt.date | None, urgency_word: str) -> str:
    """The 办理期限 as the register's column and the 工作台 both say it: 2026年11月20日（逾期）."""
    if due is None:
        return ""
    return cn_date(due) + (f"（{urgency_word}）" if urgency_word else "")


def due_board(db: Database, today: dt.date) -> list[tuple[int, str, str, dt.date, str]]:
    """The head's view: open complaints overdue or near due, soonest first (id, number, state, due, urgency)."""
    with db.session(actor="系统", action="初始化投诉举报设置") as s:  # the first read creates the defaults
        near = settings(s).near_due_days
        rows = s.execute(select(Complaint.id, Complaint.number, Complaint.state, Complaint.due).where(
            Complaint.state.in_(OPEN_STATES), Complaint.due <= today + dt.timedelta(days=near))
            .order_by(Complaint.due, Complaint.id)).all()
    return [(r.id, r.number, r.state, r.due, urgency(r.due, r.state, today, near)) for r in rows]
