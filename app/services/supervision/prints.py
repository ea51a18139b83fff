"""The signed records: 季度督查记录 and 专题会议记录 as A4 documents on the shared typesetting engine.

Printed for signing and filing (the signed paper is scanned back as an
attachment).  The check prints the figures as they were saved — the record's own
snapshot — so a reprint next year shows what the checker saw.  Tasks print with
their state at the time of printing.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from app.dates import cn_date
from app.db import Database
from app.db.models import SupervisionCheck, SupervisionMeeting, User
from app.letters import tables as t
from app.services import rectification as rect
from app.services.errors import NotFound
from app.services.profile import get_profile
from app.services.supervision import checks, meetings
from app.services.supervision.records import COMPLETED, period_name

CHECK_TITLE, MEETING_TITLE = "政务公开季度督查记录", "政务公开专题会议记录"
_LINE = 26  # characters of a signature line: label, room to sign, then 年　　月　　日 (fits the 28-character grid)


def _info(rows: list[tuple[str, str]]) -> t.Table:
    """The record's heading facts as a two-column ruled table (label | value)."""
    return t.Table(widths=[1, 3], rows=[[t.Cell(k), t.Cell(v or "—", align="left")] for k, v in rows],
                   keep_together=True)


def _paragraphs(text: str, empty: str) -> list[t.Item]:
    parts = [p for p in text.split("\n") if p.strip()]
    return [t.Paragraph(p) for p in parts] if parts else [t.Paragraph(empty)]


def _tasks(rows: list[rect.TaskRow]) -> list[t.Item]:
    if not rows:
        return [t.Paragraph("无。")]
    head = [[t.Cell(h) for h in ("序号", "整改内容", "责任人", "责任科室", "整改期限", "状态")]]
    body = [[t.Cell(str(n)), t.Cell(r.what, align="left"), t.Cell(r.owner), t.Cell(r.department or "—"),
             t.Cell(cn_date(r.due_date)), t.Cell(r.shown_state + (f"（{cn_date(r.verified_on)}）" if r.verified_on
                                                                  else ""))]
            for n, r in enumerate(rows, start=1)]
    return [t.Table(widths=[0.6, 2.8, 1.0, 1.0, 1.6, 2.0], header=head, rows=body)]


def _signatures(*who: str) -> list[t.Item]:
    """One signature line per signer, a blank line above each (room to sign) — one block kept on one
    page, so no signer's line is left alone on a page without the record it signs."""
    lines: list[str] = []
    for w in who:
        label = f"{w}（签字）："
        room = "　" * max(4, _LINE - len(label) - 7)
        lines += ["", f"{label}{room}年　　月　　日"]
    return [t.Spacer(), t.Paragraph("\n".join(lines), first_indent=0, keep_together=True)]


def check_document(db: Database, check_id: int) -> t.Document:
    agency = get_profile(db).full_name
    with db.session() as s:
        row = s.get(SupervisionCheck, check_id)
        if row is None:
            raise NotFound("该督查记录不存在")
        holder = s.scalar(select(User.full_name).where(User.id == row.holder_id)) or ""
        items = [(i.name, i.result, i.note) for i in row.items]
        c = {k: getattr(row, k) for k in ("period", "areas", "check_date", "checker", "participants", "problems",
                                          "figures", "figures_on", "state", "completed_on")}
    tasks = rect.list_tasks(db, db.today(), source_kind=rect.SUPERVISION, source_id=check_id)
    figures = json.loads(c["figures"] or "[]")
    fig_rows: list[list[t.Cell]] = []
    for n, f in enumerate(figures):  # the 类别 cell spans its group's rows
        first = n == 0 or figures[n - 1]["group"] != f["group"]
        span = next((k for k in range(n, len(figures)) if figures[k]["group"] != f["group"]), len(figures)) - n
        fig_rows.append(([t.Cell(f["group"], rowspan=span)] if first else [])
                        + [t.Cell(f["label"], align="left"), t.Cell(str(f["value"]))])
    items_table = t.Table(widths=[0.6, 2.4, 1.2, 3.6],
                          header=[[t.Cell(h) for h in ("序号", "检查项目", "检查结果", "情况说明")]],
                          rows=[[t.Cell(str(n)), t.Cell(name, align="left"), t.Cell(result or "—"),
                                 t.Cell(note or "", align="left")] for n, (name, result, note) in
                                enumerate(items, start=1)])
    state = f"已完成（{cn_date(c['completed_on'])}）" if c["state"] == COMPLETED else "草稿（未完成）"
    doc_items: list[t.Item] = [
        t.Title(CHECK_TITLE),
        _info([("单位", agency), ("督查期间", period_name(c["period"])), ("被督查科室", c["areas"]), ("督查日期", cn_date(c["check_date"])),
               ("督查人", c["checker"] if c["checker"] == holder else f"{c['checker']}（分管负责人：{holder}）"), ("参加人员", c["participants"]), ("记录状态", state)]),
        t.Heading("一、本季度工作数据"),
        t.Paragraph(f"以下数据由系统按被督查科室和督查期间统计，取数日期{cn_date(c['figures_on'])}。", first_indent=2),
        t.Table(widths=[1.4, 3.6, 1], header=[[t.Cell("类别"), t.Cell("项目"), t.Cell("数量")]], rows=fig_rows),
        t.Heading("二、检查情况"),
        items_table,
        t.Heading("三、发现的问题"),
        *_paragraphs(c["problems"], "未发现问题。"),
        t.Heading("四、整改任务"),
        *_tasks(tasks),
        *_signatures("督查人", "被督查科室负责人"),
    ]
    return t.Document(doc_items, meta_title=f"{CHECK_TITLE} {checks.title_of(c['period'], holder)}", author=agency)


def meeting_document(db: Database, meeting_id: int) -> t.Document:
    agency = get_profile(db).full_name
    with db.session() as s:
        row = s.get(SupervisionMeeting, meeting_id)
        if row is None:
            raise NotFound("该专题会议记录不存在")
        m = {k: getattr(row, k) for k in ("period", "meeting_date", "place", "chair", "attendees", "reports_heard",
                                          "issues", "decisions", "state", "completed_on")}
    tasks = rect.list_tasks(db, db.today(), source_kind=rect.MEETING, source_id=meeting_id)
    doc_items: list[t.Item] = [
        t.Title(MEETING_TITLE),
        _info([("单位", agency), ("会议名称", meetings.title_of(m["period"])), ("会议时间", cn_date(m["meeting_date"])),
               ("会议地点", m["place"]), ("主持人", m["chair"]), ("参会人员", m["attendees"]),
               ("记录状态", f"已完成（{cn_date(m['completed_on'])}）" if m["state"] == COMPLETED else "草稿（未完成）")]),
        t.Heading("一、听取汇报"),
        *_paragraphs(m["reports_heard"], "无。"),
        t.Heading("二、研究的问题"),
        *_paragraphs(m["issues"], "无。"),
        t.Heading("三、议定事项"),
        *_paragraphs(m["decisions"], "无。"),
        t.Heading("四、整改任务"),
        *_tasks(tasks),
        *_signatures("主持人", "记录人"),
    ]
    return t.Document(doc_items, meta_title=f"{MEETING_TITLE} {period_name(m['period'])}", author=agency)


def check_pdf(db: Database, check_id: int) -> bytes:
    return t.render(check_document(db, check_id))


def meeting_pdf(db: Database, meeting_id: int) -> bytes:
    return t.render(meeting_document(db, meeting_id))
