"""投诉举报 lines: open complaints past or near their running deadline.

Overdue and near are the complaints module's own conditions (``listing.where`` with its 逾期 and
临近期限 filters and the office's near-due days, the same as ``clock.due_board``; the words come
from ``clock.urgency`` and ``clock.due_text``, as in the register's 办理期限 column); this module adds whose work a complaint is and how the line reads.
Counted and limited in SQL, so a backlog of thousands costs one indexed count.  Never a
complainant's identity: the title is the number, the category and the 科室 concerned.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select, true

from app.db import Database
from app.db.models import Complaint, ComplaintSettings
from app.services.complaints import clock, listing
from app.services.dashboard.model import COMPLAINTS, LINE_LIMIT, Group, Line, Scope

C = Complaint


def near_limits(db: Database, scope: Scope, today: dt.date) -> Group:
    with db.session() as s:
        # no settings row: nothing was ever registered (registering creates it; reading it here
        # would insert it in a read-only session)
        near_days = s.scalar(select(ComplaintSettings.near_due_days).where(ComplaintSettings.id == 1))
        if near_days is None:
            return Group(COMPLAINTS, 0, ())
        # never one about the viewer (回避), whoever they are; a clerk sees the ones they took
        late, near = (and_(*listing.where(listing.ComplaintFilter(state=state, viewer_id=scope.user_id), today,
                                          near_days)) for state in (listing.OVERDUE, listing.NEAR))
        mine = true() if scope.everything else C.created_by == scope.label
        due = and_(or_(late, near), mine)
        count = s.scalar(select(func.count()).select_from(C).where(due)) or 0
        overdue = s.scalar(select(func.count()).select_from(C).where(late, mine)) or 0
        rows = s.execute(select(C.id, C.number, C.state, C.due, C.category, C.target_department).where(due)
                         .order_by(C.due, C.id).limit(LINE_LIMIT)).all()
    lines = []
    for cid, number, state, day, category, department in rows:
        urgency = clock.urgency(day, state, today, near_days)
        late = urgency == listing.OVERDUE
        text = f"{state}，办理期限{clock.due_text(day, urgency)}"  # the register's 办理期限 column, word for word
        title = f"{number} {category}" + (f"（{department}）" if department else "")
        lines.append(Line(COMPLAINTS, title, day, text, "complaint", cid, overdue=late))
    return Group(COMPLAINTS, count, tuple(lines), overdue)
