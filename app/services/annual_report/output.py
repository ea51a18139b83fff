"""The report as PDF (national layout), Word (.docx for the website's CMS) and Excel.

All three are drawn from one document model, ``document(report)``: the same
title, six sections and the ruled tables 二、三、四 of 国办公开办函〔2021〕30号
(``app.letters.tables`` items).  The PDF is typeset by that engine; Word and
Excel walk the same items and merge the same cells, so the numbers cannot
differ between the formats.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm

from app.dates import cn_date
from app.domain import taxonomy
from app.letters import tables as t
from app.services.annual_report import counting
from app.services.annual_report.figures import wan
from app.services.annual_report.report import AnnualReport

SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
NUMERALS = "一二三四五六七八九"
TABLE_PT = 9.0  # 小五: the national tables fit the text block width at this size
SHEETS = ["表二 主动公开", "表三 申请情况", "表四 复议诉讼"]


def _n(v: int | None) -> str:
    return "" if v is None else str(v)


def _cells(*texts: str) -> list[t.Cell]:
    return [t.Cell(x) for x in texts]


def table2(report: AnnualReport) -> t.Table:
    f = report.figures

    def section(text: str) -> list[t.Cell]:
        return [t.Cell(text, colspan=4)]

    def single(label: str, value: str) -> list[t.Cell]:
        return [t.Cell(label), t.Cell(value, colspan=3)]

    rows = [
        section("第二十条第（一）项"),
        _cells("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        _cells("规章", _n(f.rules_made), _n(f.rules_repealed), _n(f.rules_current)),
        _cells("行政规范性文件", _n(f.norms_made), _n(f.norms_repealed), _n(f.norms_current)),
        section("第二十条第（五）项"),
        single("信息内容", "本年处理决定数量"),
        single("行政许可", _n(f.licensing)),
        section("第二十条第（六）项"),
        single("信息内容", "本年处理决定数量"),
        single("行政处罚", _n(f.penalty)),
        single("行政强制", _n(f.enforcement)),
        section("第二十条第（八）项"),
        single("信息内容", "本年收费金额（单位：万元）"),
        single("行政事业性收费", wan(f.fees_yuan) or ""),
    ]
    return t.Table([3, 2, 2, 2], [], rows, size=TABLE_PT, min_row_height=6.5 * mm, keep_together=True)


def table3_header() -> list[list[t.Cell]]:
    return [
        [t.Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3),
         t.Cell("申请人情况", colspan=7)],
        [t.Cell("自然人", rowspan=2), t.Cell("法人或其他组织", colspan=5), t.Cell("总计", rowspan=2)],
        _cells("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
    ]


CATEGORY_TITLES = {"部分公开": "部分公开（区分处理的，只计这一情形，不计其他情形）"}


def table3_layout() -> list[tuple[list[t.Cell], str]]:
    """Label cells of each body row of table 三 and the counting row it shows."""
    out: list[tuple[list[t.Cell], str]] = [
        ([t.Cell("一、本年新收政府信息公开申请数量", colspan=3, align="left")], counting.NEW),
        ([t.Cell("二、上年结转政府信息公开申请数量", colspan=3, align="left")], counting.CARRIED_IN),
    ]
    result_rows: list[tuple[list[t.Cell], str]] = []
    for i, cat in enumerate(taxonomy.CATEGORIES):
        leaves = [x for x in taxonomy.LEAVES if x.category == cat]
        title = f"（{NUMERALS[i]}）{CATEGORY_TITLES.get(cat, cat)}"
        if len(leaves) == 1:
            result_rows.append(([t.Cell(title, colspan=2, align="left")], cat))
            continue
        for k, leaf in enumerate(leaves):
            label = t.Cell(f"{k + 1}．{leaf.name}", align="left")
            cells = [t.Cell(title, rowspan=len(leaves)), label] if k == 0 else [label]
            result_rows.append((cells, leaf.label))
    result_rows.append(([t.Cell(f"（{NUMERALS[len(taxonomy.CATEGORIES)]}）总计", colspan=2, align="left")],
                        counting.TOTAL))
    first_cells, first_key = result_rows[0]
    result_rows[0] = ([t.Cell("三、本年度办理结果", rowspan=len(result_rows)), *first_cells], first_key)
    out += result_rows
    out.append(([t.Cell("四、结转下年度继续办理", colspan=3, align="left")], counting.CARRIED_OUT))
    return out


def table3(report: AnnualReport) -> t.Table:
    rows = [labels + [t.Cell(str(v)) for v in report.table3.rows[key]] for labels, key in table3_layout()]
    return t.Table([5, 6, 18] + [4] * 7, table3_header(), rows, size=TABLE_PT, min_row_height=6 * mm,
                   keep_together=True)


def table4_header() -> list[list[t.Cell]]:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [t.Cell("行政复议", colspan=5), t.Cell("行政诉讼", colspan=10)],
        [t.Cell(x, rowspan=2) for x in results] + [t.Cell("未经复议直接起诉", colspan=5),
                                                   t.Cell("复议后起诉", colspan=5)],
        _cells(*results, *results),
    ]


def table4(report: AnnualReport) -> t.Table:
    return t.Table([1] * 15, table4_header(), [[t.Cell(str(v)) for v in report.table4]], size=TABLE_PT,
                   min_row_height=8 * mm, keep_together=True)


def _paragraphs(text: str) -> list[t.Paragraph]:
    return [t.Paragraph(p.strip()) for p in text.split("\n") if p.strip()]


def document(report: AnnualReport) -> t.Document:
    y = report.year
    items: list[t.Item] = [
        t.Title(f"{report.agency}\n{report.year}年政府信息公开工作年度报告" if report.agency else report.title),
        t.Paragraph(f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作"
                    f"年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自{y}年1月1日起至"
                    f"{y}年12月31日止。"),
        t.Heading(SECTIONS[0]), *_paragraphs(report.overview),
        t.Heading(SECTIONS[1]), table2(report),
        t.Heading(SECTIONS[2]), table3(report),
        t.Heading(SECTIONS[3]), table4(report),
        t.Heading(SECTIONS[4]), *(_paragraphs(report.problems) or [t.Paragraph("（尚未填写）")]),
        t.Heading(SECTIONS[5]), t.Paragraph(report.fee_sentence()), *_paragraphs(report.other),
    ]
    if report.empty:
        items.insert(2, t.Paragraph(f"{y}年度本机关没有政府信息公开申请和行政复议、行政诉讼的记录，表三、表四各项均为0。"))
    return t.Document(items, meta_title=report.title, author=report.agency)


def pdf(report: AnnualReport) -> bytes:
    return t.render(document(report))


# ---------------------------------------------------------------- Word


def docx(report: AnnualReport) -> bytes:
    """A .docx with the same sections and merged-cell tables (offices paste it into their CMS)."""
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = Docx()
    style = d.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    style.font.size = Pt(16)
    d.core_properties.title = report.title
    d.core_properties.author = report.agency

    def run_font(run, name: str, size: float) -> None:
        run.font.name = name
        run.font.size = Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)

    for item in document(report).items:
        if isinstance(item, t.Title):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run_font(p.add_run(item.text), "方正小标宋简体", 22)
        elif isinstance(item, t.Heading):
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            run_font(p.add_run(item.text), "黑体", 16)
        elif isinstance(item, t.Paragraph):
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(16 * item.first_indent)
            run_font(p.add_run(item.text), "仿宋_GB2312", 16)
        elif isinstance(item, t.Table):
            grid = item.header + item.rows
            ncols = len(item.widths)
            table = d.add_table(rows=len(grid), cols=ncols)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for p in t._place(grid, ncols):
                cell = table.cell(p.row, p.col)
                if p.cell.rowspan > 1 or p.cell.colspan > 1:
                    cell = cell.merge(table.cell(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1))
                para = cell.paragraphs[0]
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT if p.cell.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
                run_font(para.add_run(p.cell.text), "宋体", 10.5)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- Excel


def xlsx(report: AnnualReport) -> bytes:
    """The three tables, one sheet each, merged like the national format; numbers stored as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from app.validation import excel

    wb = Workbook()
    wb.remove(wb.active)
    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    for name, table in zip(SHEETS, (table2(report), table3(report), table4(report)), strict=True):
        ws = wb.create_sheet(name)
        excel.put(ws, 1, 1, f"{report.title}·{name.split(' ')[0]}").font = Font(bold=True, size=12)
        grid = table.header + table.rows
        ncols = len(table.widths)
        for p in t._place(grid, ncols):
            r, c = p.row + 3, p.col + 1
            text = p.cell.text
            value: object = int(text) if text.isdigit() else text
            if name == SHEETS[0] and text and p.row == len(grid) - 1 and p.col == 1:
                value = float(text) if "." in text else int(text)  # 万元 as a number
            cell = excel.put(ws, r, c, value)  # text is never a formula
            cell.alignment = Alignment(horizontal="left" if p.cell.align == "left" else "center",
                                       vertical="center", wrap_text=True)
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + p.cell.rowspan - 1,
                               end_column=c + p.cell.colspan - 1)
            for rr in range(r, r + p.cell.rowspan):
                for cc in range(c, c + p.cell.colspan):
                    ws.cell(rr, cc).border = border
        for i, w in enumerate(table.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(6.0, w * 2.2)
    ws = wb.create_sheet("说明")
    excel.put(ws, 1, 1, report.title)
    excel.put(ws, 2, 1, f"统计期限：{cn_date(counting.year_bounds(report.year)[0])}至{cn_date(counting.year_bounds(report.year)[1])}")
    excel.put(ws, 3, 1, report.fee_sentence())
    excel.put(ws, 4, 1, "撤回的申请计入“（六）其他处理 3．其他”。")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
