"""`gongkai export assessment` and the tab's 导出: one row per 科室 — each item's 考核分, the
责任追究 deduction, total and grade — written with the formula-safe writer."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.db import Database
from app.services.catalogue.excel import write_header
from app.services.supervision import assessment as asm
from app.validation import excel


def columns(items: list[asm.ItemRow]) -> list[str]:
    """科室, one column per item (its weight in the name), 项目得分, 责任追究扣分, 总分, 等次."""
    return ["科室", *(f"{i.name}（{i.weight}分）" for i in items), "项目得分", "责任追究扣分", "总分", "等次"]


def _number(tenths: int | None) -> float | int | str:
    if tenths is None:
        return ""
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


def export_assessment(db: Database, path: Path, year: int) -> int:
    """Write the year's table to ``path``; returns the number of 科室."""
    year_ = asm.assessment(db, year)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"{year}年度考核")
    cols = columns(year_.items)
    write_header(ws, cols, [14] + [12] * len(year_.items) + [10, 12, 8, 8])
    for u in year_.units:
        ws.append(excel.row(ws, [u.department, *(_number(u.scores[i.ordinal].tenths) for i in year_.items),
                                 _number(u.items_tenths), _number(u.deduction_tenths), _number(u.total_tenths),
                                 u.grade]))
    excel.save_reproducible(wb, path)
    return len(year_.units)
