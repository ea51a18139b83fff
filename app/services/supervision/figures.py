"""The office's own figures for a period and a set of 科室: what a 季度督查 record is pre-filled with.

Issue 16: a check shows, for its area and quarter, requests received / answered /
answered late / open / overdue, 补正 and extensions, one-time notices and second
notices for the same matter, first-responder entries, overdue referrals, 不满意
回访, complaints received / found 属实 / overdue, catalogue matters not updated
for a year and rectification tasks not yet closed.  The 百分制考核 reuses them.

Each figure is ONE condition on one table (``_SPECS``): its value is a count of
the rows matching it and the list behind it is the ids of the same rows, so the
number and the list can never disagree.  Where a module owns a definition the
condition calls it (overdue requests: ``requests.queries.count_predicates``;
overdue referrals: ``contacts.register.overdue_condition``; overdue complaints:
``complaints.listing.where`` with its 逾期 filter), so "overdue" means here what it means in its tab.

What "of a 科室" means per table — requests carry their 承办科室 as the
``handler`` text (分办 writes the 科室 name, optionally followed by a person);
first-responder entries and complaints have a department id; notices and
catalogue matters belong to the 科室 named in the matter version; tasks name
their 责任科室.  ``department_ids=None`` means the whole office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.db.models import (
    Complaint,
    ContactEntry,
    Department,
    InfoRequest,
    Matter,
    MatterVersion,
    Notice,
    RectificationTask,
)
from app.domain.vocab import CLOSED_STATES, State
from app.services import rectification
from app.services.complaints import listing as complaint_listing
from app.services.contacts import vocab as contact_vocab
from app.services.contacts.register import overdue_condition
from app.services.requests import queries as request_queries

STALE_DAYS = 365  # a catalogue matter is "not updated for a year" when its version is older than this

# the table a figure counts, which is also the list its ids open
REQUEST, NOTICE, CONTACT, COMPLAINT, MATTER, TASK = "request", "notice", "contact", "complaint", "matter", "task"
FOUND = ("属实", "部分属实")  # complaint findings that substantiate it (they open a 责任追究 record)


@dataclass(frozen=True)
class Scope:
    """The period, the 科室 (ids and names) and the day "overdue" is judged on."""

    first: dt.date
    last: dt.date
    department_ids: tuple[int, ...] | None
    department_names: tuple[str, ...] | None
    today: dt.date


@dataclass(frozen=True)
class Figure:
    """One figure: ``key`` names its definition; ``source`` + the scope fields are the filter behind it."""

    key: str
    label: str
    value: int
    group: str
    source: str
    first: dt.date
    last: dt.date
    department_ids: tuple[int, ...] | None = None
    today: dt.date | None = None
    note: str = field(default="", compare=False)  # how the figure is counted, for the tooltip


@dataclass(frozen=True)
class _Spec:
    key: str
    label: str
    group: str
    source: str
    note: str
    where: Callable[[Scope], list[ColumnElement]]


# not finished: every state but the closed ones — 补正中 included, though its clock is paused (an IN list,
# not NOT IN, so the state index answers it)
_NOT_CLOSED = [s.value for s in State if s not in CLOSED_STATES]
_MODEL = {REQUEST: InfoRequest, NOTICE: Notice, CONTACT: ContactEntry, COMPLAINT: Complaint, MATTER: Matter,
          TASK: RectificationTask}


def _between(col, sc: Scope) -> ColumnElement:  # noqa: ANN001
    return and_(col >= sc.first, col <= sc.last)


def _request_area(sc: Scope) -> list[ColumnElement]:
    if sc.department_names is None:
        return []
    if not sc.department_names:
        return [false()]
    return [or_(*(or_(InfoRequest.handler == n, InfoRequest.handler.like(f"{n} %")) for n in sc.department_names))]


def _id_area(col, sc: Scope) -> list[ColumnElement]:  # noqa: ANN001
    if sc.department_ids is None:
        return []
    return [or_(*(col == i for i in sc.department_ids))] if sc.department_ids else [false()]


def _version_area(sc: Scope, version_col) -> list[ColumnElement]:  # noqa: ANN001
    """Rows whose matter version names one of the 科室 (notices: the version they were issued on)."""
    if sc.department_names is None:
        return []
    return [exists().where(MatterVersion.id == version_col, MatterVersion.department.in_(sc.department_names))]


def _requests_overdue(sc: Scope) -> list[ColumnElement]:
    soon = sc.today  # only the "overdue" predicate is used; it does not depend on the due-soon horizon
    return [request_queries.count_predicates(sc.today, soon)["overdue"], InfoRequest.received_date <= sc.last,
            *_request_area(sc)]


def _repeat_notices(sc: Scope) -> list[ColumnElement]:
    """A notice is a repeat when the same person (name and phone: ``person_key``) already had one for the
    same matter earlier in the period — notices.stats counts these as ``repeat_notices``."""
    earlier = aliased(Notice)
    return [_between(Notice.notice_date, sc), *_version_area(sc, Notice.matter_version_id),
            exists().where(earlier.person_key == Notice.person_key, earlier.matter_id == Notice.matter_id,
                           _between(earlier.notice_date, sc),
                           tuple_(earlier.notice_date, earlier.id) < tuple_(Notice.notice_date, Notice.id))]


def _complaints_overdue(sc: Scope) -> list[ColumnElement]:
    f = complaint_listing.ComplaintFilter(state=complaint_listing.OVERDUE)  # the register's own 逾期 filter
    return [*complaint_listing.where(f, sc.today, 0), Complaint.received_on <= sc.last,
            *_id_area(Complaint.department_id, sc)]


def _stale_matters(sc: Scope) -> list[ColumnElement]:
    limit = sc.last - dt.timedelta(days=STALE_DAYS)
    current = select(MatterVersion.id).where(MatterVersion.matter_id == Matter.id,
                                             MatterVersion.version == Matter.current_version)
    cond = [Matter.retired.is_(False), exists(current.where(MatterVersion.effective_on <= limit))]
    if sc.department_names is not None:
        cond.append(exists(current.where(MatterVersion.department.in_(sc.department_names))))
    return cond


_SPECS: tuple[_Spec, ...] = (
    _Spec("requests_received", "收到申请", "依申请公开", REQUEST, "收到申请日期在期间内",
          lambda sc: [_between(InfoRequest.received_date, sc), *_request_area(sc)]),
    _Spec("requests_answered", "已答复", "依申请公开", REQUEST, "答复日期在期间内",
          lambda sc: [_between(InfoRequest.reply_date, sc), *_request_area(sc)]),
    _Spec("requests_late", "超期答复", "依申请公开", REQUEST, "期间内答复且晚于答复期限",
          lambda sc: [_between(InfoRequest.reply_date, sc), InfoRequest.on_time.is_(False), *_request_area(sc)]),
    _Spec("requests_open", "尚未办结", "依申请公开", REQUEST, "期末前收到、至今尚未答复的申请",
          lambda sc: [InfoRequest.state.in_(_NOT_CLOSED), InfoRequest.received_date <= sc.last,
                      *_request_area(sc)]),
    _Spec("requests_overdue", "已超期未答复", "依申请公开", REQUEST, "尚未答复且已过答复期限",
          _requests_overdue),
    _Spec("corrections", "补正", "依申请公开", REQUEST, "期间内发出补正告知",
          lambda sc: [_between(InfoRequest.correction_date, sc), *_request_area(sc)]),
    _Spec("extensions", "延期答复", "依申请公开", REQUEST, "期间内批准延期",
          lambda sc: [_between(InfoRequest.extension_date, sc), *_request_area(sc)]),
    _Spec("notices", "一次性告知书", "一次性告知", NOTICE, "期间内出具的一次性告知书",
          lambda sc: [_between(Notice.notice_date, sc), *_version_area(sc, Notice.matter_version_id)]),
    _Spec("notices_repeat", "同一事项再次告知", "一次性告知", NOTICE,
          "同一申请人就同一事项在期间内第二次及以后的告知", _repeat_notices),
    _Spec("contacts", "首问登记", "首问负责", CONTACT, "期间内的首问登记",
          lambda sc: [_between(ContactEntry.day, sc), *_id_area(ContactEntry.department_id, sc)]),
    _Spec("contacts_overdue", "转办逾期", "首问负责", CONTACT, "期间内登记、至今逾期未接办或未办结",
          lambda sc: [_between(ContactEntry.day, sc), overdue_condition(sc.today),
                      *_id_area(ContactEntry.department_id, sc)]),
    _Spec("contacts_bad", "回访不满意", "首问负责", CONTACT, "期间内登记、评价为不满意或非常不满意",
          lambda sc: [_between(ContactEntry.day, sc), ContactEntry.rating.in_(contact_vocab.BAD_RATINGS),
                      *_id_area(ContactEntry.department_id, sc)]),
    _Spec("complaints", "收到投诉举报", "投诉举报", COMPLAINT, "期间内收到",
          lambda sc: [_between(Complaint.received_on, sc), *_id_area(Complaint.department_id, sc)]),
    _Spec("complaints_found", "查实（属实、部分属实）", "投诉举报", COMPLAINT, "期间内作出属实或部分属实的调查结论",
          lambda sc: [_between(Complaint.finding_on, sc), Complaint.finding.in_(FOUND),
                      *_id_area(Complaint.department_id, sc)]),
    _Spec("complaints_overdue", "逾期未办结", "投诉举报", COMPLAINT, "期末前收到、至今已过办理期限仍未办结",
          _complaints_overdue),
    _Spec("matters_stale", "一年以上未更新的事项", "事项清单", MATTER, "现行版本的生效日期早于期末一年以上",
          _stale_matters),
    _Spec("tasks_open", "整改未销号", "整改任务", TASK, "期末前下达、尚未销号的整改任务",
          lambda sc: [RectificationTask.state != rectification.CLOSED, RectificationTask.opened_on <= sc.last,
                      *([RectificationTask.department.in_(sc.department_names)]
                        if sc.department_names is not None else [])]),
)
SPECS = {s.key: s for s in _SPECS}
KEYS = tuple(SPECS)


def _scope(s: Session, first: dt.date, last: dt.date, department_ids: list[int] | tuple[int, ...] | None,
           today: dt.date) -> Scope:
    if department_ids is None:
        return Scope(first, last, None, None, today)
    ids = tuple(sorted(set(department_ids)))
    names = tuple(s.scalars(select(Department.name).where(Department.id.in_(ids)))) if ids else ()
    return Scope(first, last, ids, names, today)


def figures(db: Database, first: dt.date, last: dt.date, department_ids: list[int] | None = None,
            today: dt.date | None = None) -> list[Figure]:
    """Every figure for the period ``first``..``last`` and the 科室 (None: the whole office), in display order."""
    today = today or db.today()
    out = []
    with db.session() as s:
        sc = _scope(s, first, last, department_ids, today)
        for spec in _SPECS:
            model = _MODEL[spec.source]
            value = int(s.scalar(select(func.count()).select_from(model).where(*spec.where(sc))) or 0)
            out.append(Figure(spec.key, spec.label, value, spec.group, spec.source, first, last, sc.department_ids,
                              today, spec.note))
    return out


def ids_behind(db: Database, figure: Figure) -> list[int]:
    """The ids of the records a figure counts, as it is now (oldest first)."""
    spec = SPECS[figure.key]
    model = _MODEL[spec.source]
    with db.session() as s:
        sc = _scope(s, figure.first, figure.last, figure.department_ids, figure.today or db.today())
        return list(s.scalars(select(model.id).where(*spec.where(sc)).order_by(model.id)))
