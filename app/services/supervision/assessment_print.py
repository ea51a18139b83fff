"""Prints of the 百分制考核 on the shared engine (app.letters.tables): the year's table for all
科室 (A4 landscape: eight item columns do not fit a portrait block) and a result notice per 科室.

The notice is printed only once the result has been notified: its rectification due
date (不合格), its date and its 文号 are those of the notice, not of the day it is printed.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from app.dates import cn_date
from app.db import Database
from app.letters import tables as t
from app.services.errors import NotFound, ValidationError
from app.services.profile import get_profile
from app.services.supervision import assessment as asm

TABLE_TITLE = "政务公开工作考核结果汇总表"
NOTICE_TITLE = "政务公开工作考核结果通知"


def _head(name: str) -> str:
    """An item's name in its column (five characters wide): the eight default names read best broken
    after their first four characters (监督保障/制度, 公开效果/和群众满意), not wherever the column ends."""
    return name if len(name) <= 5 or len(name) > 9 else f"{name[:4]}\n{name[4:]}"


def table_document(db: Database, year: int) -> t.Document:
    """Every assessed 科室: each item's 考核分, the 责任追究 deduction, total and grade."""
    year_ = asm.assessment(db, year)
    agency = get_profile(db).full_name
    items = year_.items
    header = [[t.Cell("序号", role="hei"), t.Cell("科室", role="hei")]
              + [t.Cell(f"{_head(i.name)}\n（{i.weight}分）", role="hei") for i in items]
              + [t.Cell("项目得分", role="hei"), t.Cell("责任追究\n扣分", role="hei"), t.Cell("总分", role="hei"),
                 t.Cell("等次", role="hei")]]
    rows: list[list[t.Cell]] = []
    for n, u in enumerate(year_.units, start=1):
        rows.append([t.Cell(str(n)), t.Cell(u.department)]
                    + [t.Cell(asm.points(u.scores[i.ordinal].tenths)) for i in items]
                    + [t.Cell(asm.points(u.items_tenths)),
                       t.Cell(f"-{asm.points(u.deduction_tenths)}" if u.deduction_tenths else "0"),
                       t.Cell(asm.points(u.total_tenths)), t.Cell(u.grade)])
    if not rows:
        rows = [[t.Cell("本年度没有参加考核的科室", colspan=len(header[0]))]]
    # an item column holds five characters of 9 pt, so a nine-character name takes two lines, not three
    widths = [0.95, 1.4] + [1.86] * len(items) + [1.0, 1.55, 0.95, 1.25]
    body: list[t.Item] = [
        t.Title(f"{year}年度{TABLE_TITLE}"),
        t.Paragraph(f"单位：{agency}　　考核年度：{year}年　　满分100分：优秀90分以上，良好80分以上，"
                    "合格60分以上，不合格不足60分", first_indent=0),
        t.Table(widths=widths, header=header, rows=rows, size=9),
    ]
    deducted = [f"{u.department}{year_.deduction_line(u).removeprefix('责任追究：')}" for u in year_.units
                if u.deduction_tenths]
    if deducted:
        body.append(t.Paragraph("责任追究扣分（依据责任追究台账，每件属实投诉扣减科室分数）：" + "；".join(deducted) + "。"))
    if year_.commended:
        body.append(t.Paragraph(f"考核优秀、拟通报表彰的科室：{'、'.join(year_.commended)}。"))
    failing = [u.department for u in year_.units if u.grade == asm.FAIL]
    if failing:
        body.append(t.Paragraph(f"考核不合格的科室：{'、'.join(failing)}。予以通报批评，责令限期整改，"
                                f"整改措施在接到通报后{asm.PLAN_DAYS}日内报局政务公开工作领导小组办公室。"))
    unfinished = [u.department for u in year_.units if u.grade == asm.UNFINISHED]
    if unfinished:
        body.append(t.Paragraph(f"尚未评完的科室：{'、'.join(unfinished)}（总分和等次待评完后确定）。"))
    return t.Document(frame=t.LANDSCAPE, meta_title=f"{year}年度{TABLE_TITLE}", author=agency, items=body)


def notice_document(db: Database, year: int, department_id: int) -> t.Document:
    """One 科室's result notice: items with 自评分/考核分 and reasons, the deduction line, grade,
    and for 不合格 the rectification plan's due date."""
    year_ = asm.assessment(db, year)
    u = next((x for x in year_.units if x.department_id == department_id), None)
    if u is None:
        raise NotFound("该科室不在本年度参加考核的科室之中")
    if u.notice is None:
        raise ValidationError({"notice": f"{u.department}的考核结果尚未通报，通报后才能打印结果通知"})
    n = u.notice
    agency = get_profile(db).full_name
    rows = [[t.Cell(str(k)), t.Cell(i.name, align="left"), t.Cell(str(i.weight)),
             t.Cell(asm.points(u.scores[i.ordinal].self_tenths)), t.Cell(asm.points(u.scores[i.ordinal].tenths)),
             t.Cell(u.scores[i.ordinal].reason, align="left")] for k, i in enumerate(year_.items, start=1)]
    rows.append([t.Cell("项目得分合计", colspan=3), t.Cell(asm.points(u.self_tenths)),
                 t.Cell(asm.points(u.items_tenths)), t.Cell("")])
    rows.append([t.Cell("责任追究扣分", colspan=3), t.Cell(""),
                 t.Cell(f"-{asm.points(u.deduction_tenths)}" if u.deduction_tenths else "0"),
                 t.Cell(year_.deduction_line(u), align="left")])
    rows.append([t.Cell("总分", colspan=3), t.Cell(""), t.Cell(asm.points(n.total_tenths)),
                 t.Cell(f"等次：{n.grade}", align="left")])
    body: list[t.Item] = [
        t.Title(f"{year}年度{NOTICE_TITLE}", number=n.number),  # "" for a notice issued before numbering
        t.Paragraph(f"{u.department}：", first_indent=0),
        t.Paragraph(f"根据本局政务公开监督考核制度，经科室自评、局办公室考核和局政务公开工作领导小组审定，"
                    f"你科室{year}年度政务公开工作考核总分{asm.points(n.total_tenths)}分"
                    # the breakdown only when a deduction makes the total differ from the items' sum
                    + (f"（项目得分{asm.points(u.items_tenths)}分，责任追究扣{asm.points(u.deduction_tenths)}分）"
                       if u.deduction_tenths else "")
                    + f"，等次为{n.grade}。各项得分如下："),
        t.Table(widths=[0.9, 3.6, 1.1, 1.2, 1.2, 5.2],
                header=[[t.Cell(h, role="hei") for h in ("序号", "考核项目", "分值", "自评分", "考核分", "扣分理由")]],
                rows=rows, size=9, min_row_height=6 * mm),
    ]
    if n.grade == asm.EXCELLENT:
        body.append(t.Paragraph("你科室考核等次为优秀，予以通报表彰。"))
    elif n.grade == asm.FAIL:
        due = cn_date(n.task_due) if n.task_due else f"接到本通知后{asm.PLAN_DAYS}日内"
        body.append(t.Paragraph(f"你科室考核等次为不合格，予以通报批评并责令限期整改。请于{due}前提出整改措施，"
                                "报局政务公开工作领导小组办公室。对不认真整改或整改后仍不能达到合格的，"
                                "视情节取消本年度评先评优资格，并追究相关负责人和个人的责任。"))
    body.append(t.Paragraph(f"{agency}\n{cn_date(n.notified_on)}", align="right", first_indent=0,
                            keep_together=True))
    number = f" {n.number}" if n.number else ""  # the 文号 names the file's Title too, when it has one
    return t.Document(meta_title=f"{year}年度{NOTICE_TITLE}{number}（{u.department}）", author=agency, items=body)


def render_table(db: Database, year: int) -> bytes:
    return t.render(table_document(db, year))


def render_notice(db: Database, year: int, department_id: int) -> bytes:
    return t.render(notice_document(db, year, department_id))
