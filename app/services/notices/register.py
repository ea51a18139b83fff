"""The notice register: filtered id lists, rows fetched in pages, detail, and the Excel export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from app.db import Database
from app.db.models import InfoRequest, Notice, NoticeItem
from app.services.catalogue.excel import DATE_FORMAT, write_header
from app.services.errors import NotFound
from app.validation import excel

EXPORT_COLUMNS = ["告知书编号", "日期", "申请人", "联系电话", "事项名称", "事项版本", "缺少或不符合要求的材料",
                  "经办人", "状态"]
EXPORT_WIDTHS = (24, 12, 18, 16, 26, 8, 60, 10, 12)
SORT_KEYS = {"number": (Notice.year, Notice.seq), "notice_date": (Notice.notice_date, Notice.id),
             "applicant_name": (Notice.applicant_name,), "matter_name": (Notice.matter_name,),
             "clerk": (Notice.clerk,), "state": (Notice.state,)}


@dataclass(frozen=True)
class NoticeFilter:
    search: str = ""
    state: str = ""
    year: int | None = None
    matter_id: int | None = None


@dataclass(frozen=True)
class NoticeRow:
    id: int
    number: str
    notice_date: dt.date
    applicant_name: str
    contact_phone: str
    matter_name: str
    matter_version: int
    missing: str
    clerk: str
    state: str
    request_number: str


@dataclass(frozen=True)
class NoticeDetail:
    row: NoticeRow
    matter_id: int
    matter_version_id: int
    clerk_phone: str
    completed_on: dt.date | None
    closed_on: dt.date | None
    request_id: int | None
    remarks: str
    sha256: str
    items: tuple[tuple[str, str, str, str], ...]  # (problem, material, reason, requirement)


def _where(q, f: NoticeFilter):  # noqa: ANN001, ANN202
    if f.state:
        q = q.where(Notice.state == f.state)
    if f.year is not None:
        q = q.where(Notice.year == f.year)
    if f.matter_id is not None:
        q = q.where(Notice.matter_id == f.matter_id)
    for term in f.search.lower().split():
        q = q.where(Notice.search_key.contains(term, autoescape=True))
    return q


def list_ids(db: Database, f: NoticeFilter | None = None, sort: str = "notice_date",
             descending: bool = True) -> list[int]:
    cols = SORT_KEYS.get(sort, SORT_KEYS["notice_date"])
    order = [c.desc() if descending else c for c in cols] + [Notice.id.desc() if descending else Notice.id]
    with db.session() as s:
        return list(s.scalars(_where(select(Notice.id), f or NoticeFilter()).order_by(*order)))


def _missing_text(items: list[NoticeItem]) -> str:
    return "；".join(it.material_name + ("（不符合要求）" if it.problem != "缺少" else "") for it in items)


def fetch_rows(db: Database, ids: list[int]) -> dict[int, NoticeRow]:
    """Rows for the given ids (one page of the list), items included, in two queries."""
    if not ids:
        return {}
    with db.session() as s:
        notices = s.execute(select(Notice.id, Notice.number, Notice.notice_date, Notice.applicant_name,
                                   Notice.contact_phone, Notice.matter_name, Notice.matter_version, Notice.clerk,
                                   Notice.state, InfoRequest.number)
                            .outerjoin(InfoRequest, InfoRequest.id == Notice.request_id)
                            .where(Notice.id.in_(ids))).all()
        items: dict[int, list[NoticeItem]] = {}
        for it in s.scalars(select(NoticeItem).where(NoticeItem.notice_id.in_(ids)).order_by(NoticeItem.position)):
            items.setdefault(it.notice_id, []).append(it)
        return {r[0]: NoticeRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _missing_text(items.get(r[0], [])),
                                r[7], r[8], r[9] or "") for r in notices}


def detail(db: Database, notice_id: int) -> NoticeDetail:
    row = fetch_rows(db, [notice_id]).get(notice_id)
    if row is None:
        raise NotFound("告知书不存在")
    with db.session() as s:
        n = s.get(Notice, notice_id)
        assert n is not None
        return NoticeDetail(row, n.matter_id, n.matter_version_id, n.clerk_phone, n.completed_on, n.closed_on,
                            n.request_id, n.remarks, n.sha256,
                            tuple((it.problem, it.material_name, it.reason, it.requirement) for it in n.items))


def counts(db: Database, year: int | None = None) -> dict[str, int]:
    """Notices per state (the tab's counters)."""
    from sqlalchemy import func

    q = select(Notice.state, func.count()).group_by(Notice.state)
    if year is not None:
        q = q.where(Notice.year == year)
    with db.session() as s:
        return {state: n for state, n in s.execute(q)}


def export_notices(db: Database, path: Path, year: int | None = None, ids: list[int] | None = None) -> int:
    """`gongkai export notices` and the tab's 导出: the register's columns, one row per notice."""
    if ids is None:
        ids = list_ids(db, NoticeFilter(year=year), sort="number", descending=False)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("一次性告知书")
    write_header(ws, EXPORT_COLUMNS, EXPORT_WIDTHS)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = fetch_rows(db, chunk)
        for nid in chunk:
            r = rows[nid]
            ws.append(excel.row(ws, [r.number, excel.cell(ws, r.notice_date, DATE_FORMAT), r.applicant_name,
                                     r.contact_phone, r.matter_name, f"第{r.matter_version}版", r.missing, r.clerk,
                                     r.state]))
    excel.save_reproducible(wb, path)
    return len(ids)
