"""一岗双责 lines: duties due this quarter or missed, and rectification (整改) tasks overdue or due this week.

Duty status (待办/逾期) is the supervision module's (``duties.duties_for_year``); a task's 逾期 is
the tracker's (``rectification.shown_state``).
"""

from __future__ import annotations

import datetime as dt

from app.dates import cn_date
from app.db import Database
from app.services import rectification
from app.services.dashboard.model import (
    DUTIES,
    TASKS,
    Group,
    Line,
    Scope,
    short,
    week_end,
)
from app.services.supervision import duties as duty_rules


def quarter_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    first_month = (today.month - 1) // 3 * 3 + 1
    first = dt.date(today.year, first_month, 1)
    after = dt.date(today.year + 1, 1, 1) if first_month == 10 else dt.date(today.year, first_month + 3, 1)
    return first, after - dt.timedelta(days=1)


def duties(db: Database, scope: Scope, today: dt.date) -> Group:
    """Duties not yet done that fall due this quarter, and those already missed (this year's, and
    last year's while still in the first quarter, so a December miss is not forgotten on 1月1日)."""
    first, last = quarter_bounds(today)
    years = [today.year - 1, today.year] if today.month <= 3 else [today.year]
    found = [d for y in years for d in duty_rules.duties_for_year(db, y, today)
             if (d.status == duty_rules.OVERDUE and (d.due.year == today.year or today.month <= 3))
             or (d.status == duty_rules.TODO and first <= d.due <= last)]
    if not scope.everything:
        found = [d for d in found if d.holder_id == scope.user_id]
    found.sort(key=lambda d: (d.due, d.kind, d.holder_login))
    lines = []
    for d in found:
        areas = f"（{'、'.join(d.areas)}）" if d.areas else ""
        late = d.status == duty_rules.OVERDUE
        state = f"逾期（应于{cn_date(d.due)}前完成）" if late else f"待办，{cn_date(d.due)}前完成"
        lines.append(Line(DUTIES, f"{d.kind}：{d.holder_name}{areas}", d.due, state, "duty", d.holder_id,
                          overdue=late, record_key=f"{d.kind}|{d.period}"))
    return Group.listed(DUTIES, lines)


def tasks(db: Database, scope: Scope, today: dt.date) -> Group:
    until = week_end(today)
    found = [t for t in rectification.list_tasks(db, today, state=rectification.IN_PROGRESS, limit=100_000)
             if t.due_date <= until]
    if not scope.everything:
        names = set(scope.names)
        found = [t for t in found if t.owner in names
                 or (not t.owner and scope.department and t.department == scope.department)]
    lines = []
    for t in found:
        late = t.shown_state == rectification.OVERDUE
        who = "、".join(x for x in (t.department, t.owner) if x)
        state = (f"逾期（限{cn_date(t.due_date)}前整改）" if late else f"整改中，限{cn_date(t.due_date)}前") + (
            f"，责任：{who}" if who else "")
        source = f"（{t.source_label}）" if t.source_label else ""
        lines.append(Line(TASKS, short(t.what, 30) + source, t.due_date, state, "rectification", t.id,
                          overdue=late))
    return Group.listed(TASKS, lines)
