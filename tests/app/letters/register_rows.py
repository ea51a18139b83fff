"""Synthetic 首问负责登记簿 rows, built in memory, for the print-speed tests and benchmark.

The rows go through the book's own cell builder (app.services.contacts.book._row) so
the table has the real columns, wrapping and line breaks; the texts vary with the row
number the way a busy office's month does (short consultations, long complaints,
referrals carrying a 发文字号)."""

from __future__ import annotations

import datetime as dt

from app.letters import tables as t
from app.services.contacts import book
from app.services.contacts.register import ContactRow

QUESTIONS = ["会计人员继续教育在哪里报名", "窗口人员态度生硬",
             "反映某单位公款吃喝，要求查处并答复处理结果，附有照片三张和消费凭证复印件",
             "咨询城乡居民最低生活保障资金2025年度发放标准及发放时间，以及申请条件和需要提交的材料清单",
             "建议增加网上预约", "开具非税收入缴款书"]
PEOPLE = ["孟翼", "周东红", "曹磊", "雷桂", "丁超娟", "龙兰雪"]
OUTCOMES = [("当场答复", ""), ("引导至本机关科室", "预算股"), ("协助转其他机关", "县人力资源和社会保障局"),
            ("一次性告知", "")]


def contact_row(i: int) -> ContactRow:
    """The i-th synthetic entry of a month (deterministic)."""
    at = dt.datetime(2025, 5, 1 + i % 28, 8 + i % 9, i % 60, tzinfo=dt.UTC)
    outcome, referred = OUTCOMES[i % len(OUTCOMES)]
    done = i % 3 != 0
    return ContactRow(
        id=i + 1, number=f"SW2025-{i + 1:05d}", contact_at=at, channel=["来访", "来电", "网上咨询", "信函"][i % 4],
        person=PEOPLE[i % len(PEOPLE)], phone=f"138{i:08d}", matter_name="政府信息公开" if i % 5 == 0 else "",
        category=["咨询", "投诉举报", "意见建议", "办事"][i % 4], question=QUESTIONS[i % len(QUESTIONS)],
        responder="钱科长" if i % 2 else "孙副局长", outcome=outcome, referred_to=referred,
        accepted_by="钱科长" if referred else "", accepted_at=at + dt.timedelta(hours=2) if referred else None,
        result="已核实情况并电话答复" if done else "", followup_day=at.date() if done and i % 2 else None,
        rating="满意" if done else "", followup_how="电话", state="已办结" if done else "办理中",
        rectification_id=None, rating2="")


def book_document(n: int) -> t.Document:
    """A month's book of ``n`` rows, laid out as app.services.contacts.book.document lays it out."""
    links = {i: f"X财公开〔2025〕{i}号" for i in range(0, n, 7)}
    rows = [book._row(contact_row(i), links.get(i, "")) for i in range(n)]
    return t.Document(frame=t.LANDSCAPE, meta_title="首问负责登记簿", author="某某县财政局", items=[
        t.Title("首问负责登记簿"),
        t.Paragraph(f"单位：某某县财政局　　期间：2025年5月1日至2025年5月31日　　共{n}条", first_indent=0),
        t.Table(widths=book.WIDTHS, header=[[t.Cell(h, role="hei") for h in book.HEADER]], rows=rows, size=9),
    ])
