"""The notice register on the shared register machinery (app.services.search): filters, sorted ids,
rows by id, search (name, pinyin, phone, number, matter, missing material), counts, and the Excel export."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import ColumnElement, select

from app.db import Database
from app.db.models import InfoRequest, Notice
from app.services.catalogue.excel import DATE_FORMAT, write_header
from app.services.errors import NotFound
from app.services.search import register
from app.services.search.catalog import NOTICES
from app.services.search.query import match_ids
from app.validation import excel

EXPORT_COLUMNS = ["告知书编号", "日期", "申请人", "联系电话", "事项名称", "事项版本", "缺少或不符合要求的材料",
                  "经办人", "状态"]
EXPORT_WIDTHS = (24, 12, 18, 16, 26, 8, 60, 10, 12)
SORT_COLUMNS = {"number": (Notice.year, Notice.seq), "notice_date": (Notice.notice_date, Notice.id),
                "applicant_name": (Notice.applicant_name, Notice.id), "matter_name": (Notice.matter_name, Notice.id),
                "clerk": (Notice.clerk, Notice.id), "state": (Notice.state, Notice.id)}
_REQUEST_NUMBER = select(InfoRequest.number).where(InfoRequest.id == Notice.request_id).scalar_subquery()
ROW_COLUMNS = (Notice.id, Notice.number, Notice.notice_date, Notice.applicant_name, Notice.contact_phone,
               Notice.matter_name, Notice.matter_version, Notice.missing, Notice.clerk, Notice.state,
               _REQUEST_NUMBER)
SPEC = register.RegisterSpec(model=Notice, search_kind=NOTICES.kind, sort=SORT_COLUMNS, columns=ROW_COLUMNS)


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

    @classmethod
    def of(cls, r: tuple) -> NoticeRow:
        """From a register row tuple (``ROW_COLUMNS``)."""
        return cls(*r[:10], r[10] or "")


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


def where(f: NoticeFilter) -> list[ColumnElement]:
    """The filters other than the search text, as SQL conditions."""
    w: list[ColumnElement] = []
    if f.state:
        w.append(Notice.state == f.state)
    if f.year is not None:
        w.append(Notice.year == f.year)
    if f.matter_id is not None:
        w.append(Notice.matter_id == f.matter_id)
    return w


def list_ids(db: Database, f: NoticeFilter | None = None, sort: str = "notice_date",
             descending: bool = True) -> list[int]:
    """The whole filtered, sorted list at once (CLI, export, tests; the window streams instead)."""
    f = f or NoticeFilter()
    ids = register.sorted_ids(db, SPEC, where(f), sort, descending)
    if f.search.strip():
        try:
            with db.engine.connect() as conn:
                matched = match_ids(conn, NOTICES.kind, f.search) or set()
        except ValueError:  # nothing searchable in the text
            return list(ids)
        ids = array("i", (i for i in ids if i in matched))
    return list(ids)


def fetch_rows(db: Database, ids: list[int]) -> dict[int, NoticeRow]:
    return {i: NoticeRow.of(r) for i, r in register.fetch_rows(db, SPEC, ids).items()}


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
    """Notices per state (the tab's counters), one indexed count each."""
    from app.services.notices.issue import STATES

    extra = [Notice.year == year] if year is not None else []
    found = {state: register.count_where(db, SPEC, [Notice.state == state, *extra]) for state in STATES}
    return {k: v for k, v in found.items() if v}


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
