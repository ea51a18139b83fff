"""投诉举报 lines: open complaints past or near their running deadline.

Which complaints are overdue or near is the complaints module's own head's view
(``complaints.clock.due_board``, with the office's near-due days); this module adds whose work
a complaint is and how the line reads.  Never a complainant's identity: the title is the number,
the category and the 科室 concerned.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

from app.dates import cn_date
from app.db import Database
from app.db.models import Complaint
from app.services.complaints import clock
from app.services.dashboard.model import COMPLAINTS, LINE_LIMIT, Group, Line, Scope

C = Complaint
OVERDUE = "逾期"  # clock.urgency's words


def _own_ids(db: Database, scope: Scope) -> set[int]:
    """Complaints the clerk took, except any about the clerk (those are the heads' to handle)."""
    with db.session() as s:
        return set(s.scalars(select(C.id).where(C.created_by == scope.label, or_(
            C.target_user_id.is_(None), C.target_user_id != (scope.user_id or -1)))))


def near_limits(db: Database, scope: Scope, today: dt.date) -> Group:
    with db.session() as s:
        if s.scalar(select(C.id).limit(1)) is None:
            # nothing registered yet; also, due_board's first read of the settings would insert
            # them in this read-only session (the audit refuses that) — registering creates them
            return Group(COMPLAINTS, 0, ())
    board = clock.due_board(db, today)
    if not scope.everything:
        mine = _own_ids(db, scope) if board else set()
        board = [b for b in board if b[0] in mine]
    shown = board[:LINE_LIMIT]
    with db.session() as s:
        about = {r.id: (r.category, r.target_department) for r in s.execute(
            select(C.id, C.category, C.target_department).where(C.id.in_([b[0] for b in shown])))}
    lines = []
    for cid, number, state, due, urgency in shown:
        category, department = about.get(cid, ("", ""))
        title = f"{number} {category}" + (f"（{department}）" if department else "")
        late = urgency == OVERDUE
        text = f"{state}，" + (f"期限{cn_date(due)}已过" if late else f"{urgency}（{cn_date(due)}）")
        lines.append(Line(COMPLAINTS, title, due, text, "complaint", cid, overdue=late))
    return Group(COMPLAINTS, len(board), tuple(lines))
