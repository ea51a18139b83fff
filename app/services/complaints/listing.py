"""Reading the 投诉举报 register for the window: the lazy list's spec and filters, one complaint's
details, the ledger's records, settings as plain data, and the identity shown on request.

Why a module of its own: the tab must not query the ORM itself (widgets get plain data
objects), and the register machinery (app.services.search.register) needs a spec, filter
conditions and row tuples.  Nothing here changes data except ``reveal``, which goes through
``identity.reveal`` so every view of an identity is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select

from app.db import Database
from app.db.models import (
    AccountabilityRecord,
    Complaint,
    ComplaintKeyWrap,
    ComplaintSettings,
    Department,
    Role,
    User,
)
from app.services.actor import Actor
from app.services.complaints import identity, ledger, recusal
from app.services.complaints.identity import settings
from app.services.complaints.register import target_text
from app.services.complaints.vocab import OPEN_STATES
from app.services.errors import NotFound
from app.services.search import register

C = Complaint
OVERDUE, NEAR = "逾期", "临近期限"
URGENCIES = (OVERDUE, NEAR)
SEARCH_KIND = "complaint"

# named before anonymous (seed 000 六(四)), newest first: NOT anonymous sorts named first when descending
SORT_COLUMNS = {"list": (~C.anonymous, C.received_on, C.id), "number": (C.year, C.seq),
                "received": (C.received_on, C.id), "due": (C.due, C.id), "state": (C.state, C.id),
                "category": (C.category, C.id), "channel": (C.channel, C.id)}
ROW_COLUMNS = (C.id, C.number, C.received_on, C.channel, C.anonymous, C.target_person, C.target_department,
               C.category, C.facts, C.state, C.due, C.finding, C.wants_reply)
SPEC = register.RegisterSpec(model=C, search_kind=SEARCH_KIND, sort=SORT_COLUMNS, columns=ROW_COLUMNS)
R = {name: n for n, name in enumerate(("id", "number", "received_on", "channel", "anonymous", "target_person",
                                       "target_department", "category", "facts", "state", "due", "finding",
                                       "wants_reply"))}


@dataclass(frozen=True)
class ComplaintFilter:
    year: int | None = None
    state: str = ""  # a stored state, or 逾期 / 临近期限 (derived from the due date)
    channel: str = ""
    category: str = ""
    department_id: int | None = None
    viewer_id: int | None = None  # the signed-in user: complaints they must recuse from are not listed (回避)


def _open() -> ColumnElement:
    # an OR of equalities, not IN: the register machinery runs statements on the raw cursor,
    # where SQLAlchemy's expanding IN parameters are not rendered
    return or_(*(C.state == s for s in OPEN_STATES))


def where(f: ComplaintFilter, today: dt.date, near_days: int) -> list[ColumnElement]:
    """The filters as SQL conditions (the search text is applied by the register machinery)."""
    w: list[ColumnElement] = []
    if f.year is not None:
        w.append(C.year == f.year)
    if f.state == OVERDUE:
        w += [_open(), C.due < today]
    elif f.state == NEAR:
        w += [_open(), C.due >= today, C.due <= today + dt.timedelta(days=near_days)]
    elif f.state:
        w.append(C.state == f.state)
    if f.channel:
        w.append(C.channel == f.channel)
    if f.category:
        w.append(C.category == f.category)
    if f.department_id is not None:
        w.append(C.department_id == f.department_id)
    if f.viewer_id is not None:
        w.append(~recusal.recused(f.viewer_id))
    return w


def due_counts(db: Database, today: dt.date, near_days: int, viewer_id: int | None) -> dict[str, int]:
    """逾期 and 临近期限 as the viewer's register filters them (never one about the viewer: 回避) —
    the tab's counter, the status bar and the 工作台 read the same conditions; one indexed count each."""
    return register.counts(db, C, {state: and_(*where(ComplaintFilter(state=state, viewer_id=viewer_id), today,
                                                      near_days)) for state in (OVERDUE, NEAR)})


def overdue_count(db: Database, today: dt.date, viewer_id: int | None) -> int:
    """Open complaints past their running deadline that ``viewer_id`` may see (the status bar's figure)."""
    return due_counts(db, today, 0, viewer_id)[OVERDUE]


def years(db: Database) -> list[int]:
    with db.session() as s:
        return sorted(s.scalars(select(C.year).distinct()), reverse=True)


def who_text(anonymous: bool) -> str:
    """What the list, export and prints show for a complainant: never the identity itself."""
    return identity.ANONYMOUS if anonymous else identity.HIDDEN


@dataclass(frozen=True)
class ComplaintDetail:
    id: int
    number: str
    received_on: dt.date
    channel: str
    assigned_body: str
    assigned_due: dt.date | None
    contact_entry_id: int | None
    anonymous: bool
    has_identity: bool
    wants_reply: bool
    reply_how: str
    target: str
    target_user_id: int | None
    department_id: int | None
    category: str
    facts: str
    happened: str
    taken_by: str
    taken_place: str
    state: str
    due: dt.date | None
    decision: str
    decision_on: dt.date | None
    other_body: str
    investigation: str
    approved_by: str
    finding: str
    finding_on: dt.date | None
    measures: str
    report: str
    extension_days: int
    extension_approved_by: str
    feedback_on: dt.date | None
    feedback_how: str
    feedback_words: str
    feedback_response: str
    report_on: dt.date | None = None  # 上级交办: the day the 办理结果报告 was issued (报送日期)


def recusal_reason(db: Database, cid: int, user_id: int | None) -> str:
    """Why this user may neither see nor handle the complaint (回避, ``recusal``), or "" when they may."""
    with db.session() as s:
        return recusal.reason(s, cid, user_id)


def detail(db: Database, cid: int) -> ComplaintDetail:
    """Everything about one complaint except the identity (``reveal`` gives that, audited)."""
    with db.session() as s:
        r = s.get(C, cid)
        if r is None:
            raise NotFound("该投诉举报不存在")
        return ComplaintDetail(
            r.id, r.number, r.received_on, r.channel, r.assigned_body, r.assigned_due, r.contact_entry_id,
            r.anonymous, r.identity is not None, r.wants_reply, r.reply_how, target_text(r), r.target_user_id,
            r.department_id, r.category, r.facts, r.happened, r.taken_by, r.taken_place, r.state, r.due,
            r.decision, r.decision_on, r.other_body, r.investigation, r.approved_by, r.finding, r.finding_on,
            r.measures, r.report, r.extension_days, r.extension_approved_by, r.feedback_on, r.feedback_how,
            r.feedback_words, r.feedback_response, r.report_on)


def may_reveal(db: Database, actor: Actor) -> bool:
    """A hint for the window (offer the 查看身份 button); ``reveal`` decides again."""
    return identity.has_key(db, actor)


def reveal(db: Database, actor: Actor, cid: int, purpose: str = "查看") -> identity.Identity | None:
    """The identity for an authorised user holding the key (the view is logged); None otherwise."""
    with db.session() as s:
        r = s.get(C, cid)
        if r is None:
            raise NotFound("该投诉举报不存在")
        blob, number = r.identity, r.number
    return identity.reveal(db, actor, cid, blob, number, purpose=purpose)


# -- the ledger ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerRow:
    id: int
    kind: str
    year: int
    complaint_number: str
    person: str
    department: str
    ordinal: int
    measure: str
    person_points: int
    section_points: int
    head_points: int
    reason: str
    state: str
    confirmed_by: str
    confirmed_on: dt.date | None
    number: str = ""  # the 责任追究决定's 文号 (drawn at confirmation)


def ledger_rows(db: Database, year: int) -> list[LedgerRow]:
    """The appraisal year's 责任追究 and 表扬 records, newest first, each with its complaint's number."""
    A = AccountabilityRecord  # noqa: N806
    with db.session() as s:
        rows = s.execute(select(A, C.number).outerjoin(C, C.id == A.complaint_id).where(A.year == year)
                         .order_by(A.id.desc())).all()
        return [LedgerRow(a.id, a.kind, a.year, number or "", a.person, a.department, a.ordinal, a.measure,
                          a.person_points, a.section_points, a.head_points, a.reason, a.state, a.confirmed_by,
                          a.confirmed_on, a.number) for a, number in rows]


def ladder_presets(db: Database) -> tuple[str, dict[str, list[tuple[int, str, int]]]]:
    """(the preset in use, every preset's steps as (ordinal, measure, points)) for the settings dialog."""
    from app.db.models import LadderStep

    with db.session(actor="系统", action="初始化投诉举报设置") as s:  # the first read seeds the presets
        ledger.ensure_ladders(s)
        out: dict[str, list[tuple[int, str, int]]] = {}
        for st in s.scalars(select(LadderStep).order_by(LadderStep.preset, LadderStep.ordinal)):
            out.setdefault(st.preset, []).append((st.ordinal, st.measure, st.person_points))
        return settings(s).ladder_preset, out


# -- people --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    user_id: int
    name: str
    role: str
    inspector: bool
    named: bool  # in the office's setting (not an inspector)
    holds_key: bool  # a wrapped copy exists (granted, and not dropped by a reset)


def viewers(db: Database) -> list[Viewer]:
    """Who may see identities: every 监督检查人员 and the users named in the setting, with key state."""
    with db.session() as s:
        conf = s.get(ComplaintSettings, 1)
        named = {int(x) for x in (conf.viewer_ids if conf else "").split(",") if x.strip().isdigit()}
        wraps = set(s.scalars(select(ComplaintKeyWrap.user_id)))
        users = s.scalars(select(User).where(User.active.is_(True), or_(User.role == Role.INSPECTOR.value,
                                                                         User.id.in_(named or {-1})))
                          .order_by(User.id))
        return [Viewer(u.id, u.full_name, u.role, u.role == Role.INSPECTOR.value, u.id in named, u.id in wraps)
                for u in users]


def staff(db: Database) -> list[tuple[int, str, str]]:
    """Active staff (id, name, 科室) for the 被投诉举报对象 and 表扬 choices."""
    with db.session() as s:
        rows = s.execute(select(User.id, User.full_name, Department.name).outerjoin(
            Department, Department.id == User.department_id).where(User.active.is_(True)).order_by(User.id))
        return [(r[0], r[1], r[2] or "") for r in rows]


def departments(db: Database) -> list[tuple[int, str]]:
    with db.session() as s:
        return [(r.id, r.name) for r in s.execute(select(Department.id, Department.name)
                                                  .order_by(Department.sort_order, Department.id))]
