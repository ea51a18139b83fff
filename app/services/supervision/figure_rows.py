"""The records behind a figure, as plain rows for the window's list (issue 16: each figure opens its list).

The ids come from ``figures.ids_behind`` (the same condition that counted them);
the rows are read through each module's own fetch function where it has one
(requests, entries, notices, matters, tasks); complaints are read by their case
fields only — who complained is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.dates import cn_date
from app.db import Database
from app.db.models import Complaint
from app.services import rectification
from app.services.catalogue import service as catalogue
from app.services.contacts import register as contacts
from app.services.notices import register as notices
from app.services.requests import queries as requests
from app.services.supervision import figures as fg


@dataclass(frozen=True)
class Listing:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[int, list[str]]]  # (record id, cells)


def _d(day) -> str:  # noqa: ANN001 - a date, datetime or None
    return cn_date(day.date() if hasattr(day, "date") else day) if day else ""


def _requests(db: Database, ids: list[int]) -> Listing:
    rows = requests.fetch_rows(db, ids)
    R = requests
    return Listing("", ("编号", "收到日期", "申请人", "状态", "答复期限", "答复日期", "承办"),
                   [(i, [r[R.R_NUMBER], _d(r[R.R_RECEIVED]), r[R.R_APPLICANT], r[R.R_STATE], _d(r[R.R_DUE]),
                         _d(r[R.R_REPLY]), r[R.R_HANDLER]]) for i in ids if (r := rows.get(i))])


def _notices(db: Database, ids: list[int]) -> Listing:
    rows = notices.fetch_rows(db, ids)
    return Listing("", ("编号", "日期", "申请人", "事项", "经办人", "状态"),
                   [(i, [r.number, _d(r.notice_date), r.applicant_name, r.matter_name, r.clerk, r.state])
                    for i in ids if (r := rows.get(i))])


def _contacts(db: Database, ids: list[int], today) -> Listing:  # noqa: ANN001
    rows = contacts.fetch_rows(db, ids, today)
    return Listing("", ("编号", "时间", "事项", "首问责任人", "处理方式", "转至", "状态", "评价"),
                   [(i, [r.number, _d(r.contact_at), r.matter_name, r.responder, r.outcome, r.referred_to, r.state,
                         r.rating]) for i in ids if (r := rows.get(i))])


def _complaints(db: Database, ids: list[int]) -> Listing:
    """Who complained is never read here: only the case's own facts (the list the head sees)."""
    C = Complaint
    with db.session() as s:
        rows = {r[0]: r[1:] for r in s.execute(select(C.id, C.number, C.received_on, C.category, C.target_department,
                                                      C.state, C.due, C.finding).where(C.id.in_(ids)))}
    return Listing("", ("编号", "收到日期", "类别", "被投诉科室", "状态", "办理期限", "调查结论"),
                   [(i, [r[0], _d(r[1]), r[2], r[3], r[4], _d(r[5]), r[6]]) for i in ids if (r := rows.get(i))])


def _matters(db: Database, ids: list[int]) -> Listing:
    wanted = set(ids)
    return Listing("", ("事项名称", "类别", "责任科室", "现行版本"),
                   [(m.id, [m.name, m.category, m.department, f"第{m.version}版"])
                    for m in catalogue.list_matters(db) if m.id in wanted])


def _tasks(db: Database, ids: list[int], today) -> Listing:  # noqa: ANN001
    return Listing("", ("来源", "整改内容", "责任人", "责任科室", "整改期限", "状态"),
                   [(t.id, [t.source_label, t.what, t.owner, t.department, _d(t.due_date), t.shown_state])
                    for t in rectification.list_tasks(db, today, ids=ids, limit=len(ids))])


def rows_behind(db: Database, figure: fg.Figure) -> Listing:
    """The figure's records with the columns their own tab shows first."""
    ids = fg.ids_behind(db, figure)
    today = figure.today or db.today()
    listing = {fg.REQUEST: lambda: _requests(db, ids), fg.NOTICE: lambda: _notices(db, ids),
               fg.CONTACT: lambda: _contacts(db, ids, today), fg.COMPLAINT: lambda: _complaints(db, ids),
               fg.MATTER: lambda: _matters(db, ids), fg.TASK: lambda: _tasks(db, ids, today)}[figure.source]()
    period = f"{cn_date(figure.first)}至{cn_date(figure.last)}"
    return Listing(f"{figure.group}：{figure.label}（{period}，{figure.value}条）", listing.headers, listing.rows)
