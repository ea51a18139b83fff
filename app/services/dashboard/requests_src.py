"""依申请公开 lines: requests near or past their answer deadline, 补正 and consultations waiting.

"Near" and "overdue" are the requests module's own conditions (``queries.where`` with its
``due_soon`` / ``overdue`` filters, the register's badges); this module adds only whose work a
request is and how a line reads — in the request window's own words for the time left
(``WorkCalendar.days_left`` worded by ``app.dates.days_left_text``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true

from app.dates import cn_date, days_left_text
from app.db import Database
from app.db.models import Consultation, InfoRequest
from app.domain.vocab import State
from app.services.dashboard.model import (
    CONSULTATIONS,
    CORRECTIONS,
    LINE_LIMIT,
    REQUESTS,
    Group,
    Line,
    Scope,
    short,
)
from app.services.requests import queries

R = InfoRequest


def own(scope: Scope) -> ColumnElement:
    """A clerk's requests: 承办 by them (name, login) or their 科室, or registered by them while
    nobody has been assigned."""
    if scope.everything:
        return true()
    handlers = scope.names + ([scope.department] if scope.department else [])
    mine = [R.handler.in_(handlers)] if handlers else []
    if scope.label:
        mine.append(and_(R.handler == "", R.created_by == scope.label))
    return or_(*mine) if mine else false()


def _all(conditions: list[ColumnElement]) -> ColumnElement:
    return and_(*conditions)


def deadlines(db: Database, scope: Scope, today: dt.date) -> Group:
    soon = queries.due_soon_until(db, today)
    near = or_(_all(queries.where(queries.RegisterFilter(overdue=True), today, soon)),
               _all(queries.where(queries.RegisterFilter(due_soon=True), today, soon)))
    late = _all(queries.where(queries.RegisterFilter(overdue=True), today, soon))
    cond = and_(near, own(scope))
    cal = db.calendar()
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(R).where(cond)) or 0
        overdue = s.scalar(select(func.count()).select_from(R).where(late, own(scope))) or 0
        rows = s.execute(select(R.id, R.number, R.applicant_name, func.substr(R.content, 1, 40), R.due_date,
                                R.due_provisional, R.handler).where(cond)
                         .order_by(R.due_date, R.id).limit(LINE_LIMIT)).all()
    lines = []
    for rid, number, applicant, content, due, provisional, handler in rows:
        # the one rule and the one wording of the request window (clock_info): any day after the
        # deadline is late, so the Sunday after a Friday deadline is 已逾期1个工作日, as the register's due < today
        days = cal.days_left(today, due).days
        late = days < 0
        state = days_left_text(days) + ("（暂估）" if provisional else "") + (f"，承办：{handler}" if handler else "")
        lines.append(Line(REQUESTS, f"{number} {applicant}：{short(content)}", due, state, "request", rid,
                          overdue=late))
    return Group(REQUESTS, count, tuple(lines), overdue)


def corrections(db: Database, scope: Scope, today: dt.date) -> Group:
    """Every request waiting for the applicant's 补正, the nearest deadline first; one whose period
    has run out can be closed as 逾期未补正 (once the notice's 送达 is recorded)."""
    cond = and_(_all(queries.where(queries.RegisterFilter(state=State.CORRECTION.value), today, today)), own(scope))
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(R).where(cond)) or 0
        overdue = s.scalar(select(func.count()).select_from(R).where(cond, R.correction_deadline < today)) or 0
        rows = s.execute(select(R.id, R.number, R.applicant_name, R.correction_deadline, R.correction_delivered)
                         .where(cond).order_by(R.correction_deadline, R.id).limit(LINE_LIMIT)).all()
    lines = []
    for rid, number, applicant, deadline, delivered in rows:
        estimate = "（预计，尚未登记送达）" if delivered is None else ""
        if deadline is None:
            state, late = "等待补正", False
        elif deadline < today:
            state, late = f"补正期限{cn_date(deadline)}已过{estimate}", True
        else:
            state, late = f"补正期限至{cn_date(deadline)}{estimate}", False
        lines.append(Line(CORRECTIONS, f"{number} {applicant}", deadline, state, "request", rid, overdue=late))
    return Group(CORRECTIONS, count, tuple(lines), overdue)


def consultations(db: Database, scope: Scope, today: dt.date) -> Group:
    """征求意见 letters of requests still 征求意见中 whose opinion has not come back."""
    waiting = and_(_all(queries.where(queries.RegisterFilter(state=State.CONSULTING.value), today, today)),
                   own(scope), Consultation.reply_date.is_(None))
    q = select(Consultation.id, R.id, R.number, Consultation.party, Consultation.reply_due,
               Consultation.delivered_date).join(R, Consultation.request_id == R.id).where(waiting)
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(q.subquery())) or 0
        overdue = s.scalar(select(func.count()).select_from(
            q.where(Consultation.reply_due < today).subquery())) or 0
        rows = s.execute(q.order_by(Consultation.reply_due, Consultation.id).limit(LINE_LIMIT)).all()
    lines = []
    for _cid, rid, number, party, due, delivered in rows:
        estimate = "（预计，尚未登记送达）" if delivered is None else ""
        late = due < today
        state = f"答复期限{cn_date(due)}已过，尚未收到意见" if late else f"等待意见，期限至{cn_date(due)}"
        lines.append(Line(CONSULTATIONS, f"{number} 征求{party}意见", due, state + estimate, "request", rid,
                          overdue=late))
    return Group(CONSULTATIONS, count, tuple(lines), overdue)
