"""首问负责 lines: referrals not yet taken (待接办), and referrals whose result is due this week or late.

已逾期 is the contacts module's own condition (``register.overdue_condition``); whose work an
entry is comes from its own views (我的首问 = I answer for it, 转我办理 = referred to my 科室).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, func, or_, select

from app.dates import cn_date
from app.db import Database
from app.db.models import ContactEntry
from app.services.contacts import register
from app.services.contacts import vocab as v
from app.services.dashboard.model import LINE_LIMIT, REFERRALS, Group, Line, Scope, short, week_end

E = ContactEntry


def _views(scope: Scope, today: dt.date) -> list[ColumnElement]:
    """我的首问 and 转我办理 (the contacts module's own views)."""
    return [and_(*register.where(register.ContactFilter(view=register.MINE, user_id=scope.user_id), today)),
            and_(*register.where(register.ContactFilter(view=register.TO_ME, department_id=scope.department_id),
                                 today))]


def referrals(db: Database, scope: Scope, today: dt.date) -> Group:
    due = or_(E.state == v.AWAIT_ACCEPT, register.overdue_condition(today),
              and_(E.state == v.IN_HAND, E.result_due <= week_end(today)))
    # the views' OR compared with true: checked per row, never planned by — SQLite otherwise walked
    # the 处理方式 index over every referral (~150 ms at 200,000 entries); the open states lead
    cond = due if scope.everything else and_(or_(*_views(scope, today)).is_(True), due)
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(E).where(cond)) or 0
        overdue = s.scalar(select(func.count()).select_from(E).where(cond, register.overdue_condition(today))) or 0
        rows = s.execute(select(E.id, E.number, E.person, E.matter_name, E.question, E.referred_to, E.responder,
                                E.state, E.accept_due, E.result_due).where(cond)
                         .order_by(func.coalesce(E.accept_due, E.result_due), E.id).limit(LINE_LIMIT)).all()
    lines = []
    for eid, number, person, matter, question, referred_to, responder, state, accept_due, result_due in rows:
        shown = register.shown_state(state, accept_due, result_due, today)
        day = accept_due if state == v.AWAIT_ACCEPT else result_due
        what = "接办" if state == v.AWAIT_ACCEPT else "办理结果"
        text = f"{shown}（{what}期限{cn_date(day)}）" if day else shown
        if referred_to:
            text += f"，转至{referred_to}"
        title = f"{number} {person or '（未留姓名）'}：{short(matter or question, 24)}（首问：{responder}）"
        lines.append(Line(REFERRALS, title, day, text, "contact", eid, overdue=shown == v.OVERDUE))
    return Group(REFERRALS, count, tuple(lines), overdue)
