"""The printed 首问负责登记簿: a day's or a month's log as a ruled table on A4 landscape.

Typeset by the letters' engine (app.letters.tables: the GB/T 9704 grid, its fonts
and missing-glyph refusal); header rows repeat on every page.
"""

from __future__ import annotations

import calendar
import datetime as dt

from app.dates import cn_date
from app.db import Database
from app.letters import tables as t
from app.services.complaints.identity import HIDDEN
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import ValidationError
from app.services.profile import get_profile
from app.services.progress import ProgressSink

HEADER = ["编号", "时间", "方式", "姓名或名称\n联系电话", "事项及问题", "类别", "首问\n责任人", "处理方式\n转至",
          "接办人\n接办时间", "办理结果", "回访", "状态"]
WIDTHS = [2.9, 1.5, 1.0, 2.6, 3.4, 1.2, 1.6, 2.9, 1.8, 2.8, 1.9, 1.4]  # 处理方式 holds a 发文字号


def period(day: dt.date | None = None, year: int | None = None, month: int | None = None) -> tuple[dt.date, dt.date]:
    """A day, or a whole month."""
    if day is not None:
        return day, day
    if year is None or month is None or not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError({"period": "请选择要打印的日期或年月"})
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _links(db: Database, first: dt.date, last: dt.date) -> dict[int, str]:
    """The notice, request or complaint each converted entry of the period led to, by number (the
    book is evidence: 一次性告知 names the notice it gave)."""
    from sqlalchemy import select

    from app.db.models import Complaint, ContactEntry, InfoRequest, Notice

    e = ContactEntry
    span = (e.day >= first, e.day <= last)
    with db.session() as s:
        out: dict[int, str] = {}
        for number, target in ((Notice.number, Notice.id == e.notice_id),
                               (InfoRequest.number, InfoRequest.id == e.request_id),
                               (Complaint.number, Complaint.contact_entry_id == e.id)):
            out.update((i, n) for i, n in s.execute(select(e.id, number).join(number.class_, target).where(*span)))
    return out


def _breakable(number: str) -> str:
    """A 发文字号 in a narrow column: break before its 〔年份〕, never inside the year or the 号."""
    return number.replace("〔", "\n〔", 1) if "〔" in number else number


def _who(r: reg.ContactRow) -> str:
    """Name and phone — except a complainant's: whoever complains or reports is kept secret (seed 000 六,
    seed 004 二) in everything printed, and this book goes to anyone who keeps or inspects it."""
    if r.category == v.COMPLAINT or r.outcome == v.TO_COMPLAINT:
        return HIDDEN if r.person or r.phone else ""
    return "\n".join(x for x in (r.person, r.phone) if x)


def _row(r: reg.ContactRow, link: str = "") -> list[t.Cell]:
    accepted = r.accepted_by + (f"\n{r.accepted_at.astimezone():%m-%d %H:%M}" if r.accepted_at else "")
    matter = f"{r.matter_name}：{r.question}" if r.matter_name else r.question
    left = "left"
    return [t.Cell(r.number), t.Cell(f"{r.contact_at:%m-%d %H:%M}"), t.Cell(r.channel),
            t.Cell(_who(r), align=left), t.Cell(matter, align=left),
            t.Cell(r.category), t.Cell(r.responder),
            t.Cell("\n".join(x for x in (r.outcome, r.referred_to, _breakable(link)) if x), align=left),
            t.Cell(accepted),
            t.Cell(r.result, align=left), t.Cell(r.followup_text, align=left), t.Cell(r.state)]


def document(db: Database, first: dt.date, last: dt.date, ids: list[int] | None = None) -> t.Document:
    today = db.today()
    if ids is None:
        ids = reg.list_ids(db, reg.ContactFilter(date_from=first, date_to=last), sort="time", descending=False,
                           today=today)
    rows = reg.fetch_rows(db, ids, today)
    agency = get_profile(db).full_name
    span = cn_date(first) if first == last else f"{cn_date(first)}至{cn_date(last)}"
    links = _links(db, first, last)
    body: list[list[t.Cell]] = [_row(rows[i], links.get(i, "")) for i in ids if i in rows]
    if not body:
        body = [[t.Cell("本期无登记", colspan=len(HEADER))]]
    return t.Document(frame=t.LANDSCAPE, meta_title="首问负责登记簿", author=agency, items=[
        t.Title("首问负责登记簿"),
        t.Paragraph(f"单位：{agency}　　期间：{span}　　共{len(ids)}条", first_indent=0),
        t.Table(widths=WIDTHS, header=[[t.Cell(h, role="hei") for h in HEADER]], rows=body, size=9),
    ])


def render(db: Database, first: dt.date, last: dt.date, ids: list[int] | None = None,
           progress: ProgressSink | None = None) -> bytes:
    """The PDF (raises MissingGlyphs for a character no available font has); a month of a busy
    office is hundreds of pages, so the window hears each page and may stop it."""
    return t.render(document(db, first, last, ids), progress)
