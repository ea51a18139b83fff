"""The figures the app already knows, shown beside the assessment items they inform.

Nothing is counted here: the numbers are ``supervision.figures.figures`` for the 科室
and the assessment year (the same definitions, and the same lists behind them, as a
季度督查 record), grouped by the item they bear on.  Only the on-time rate is derived,
from two of those figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.db import Database
from app.services.supervision import figures as fg

# item figure_key (the default items, app/services/supervision/assessment.py) → figure keys
ITEM_FIGURES: dict[str, tuple[str, ...]] = {
    "scope": ("matters_stale",),
    "content": ("notices", "notices_repeat"),
    "system": ("tasks_open",),
    "effect": ("contacts", "contacts_overdue", "contacts_bad"),
    "complaints": ("complaints", "complaints_found", "complaints_overdue"),
    "tasks": ("requests_received", "requests_answered", "requests_late", "requests_overdue"),
}


@dataclass(frozen=True)
class FigureLine:
    label: str
    value: str
    figure: fg.Figure | None  # None for the derived on-time rate


def on_time_rate(answered: int, late: int) -> str:
    """按期答复率 as a percentage with one decimal; a dash when nothing was answered."""
    if answered <= 0:
        return "—"
    return f"{(answered - late) * 100 / answered:.1f}%"


def item_figures(db: Database, year: int, department_id: int,
                 today: dt.date | None = None) -> dict[str, list[FigureLine]]:
    """For one 科室 and year: figure_key → the lines shown beside that item."""
    figs = {f.key: f for f in fg.figures(db, dt.date(year, 1, 1), dt.date(year, 12, 31), [department_id], today)}
    out: dict[str, list[FigureLine]] = {}
    for key, wanted in ITEM_FIGURES.items():
        out[key] = [FigureLine(figs[k].label, str(figs[k].value), figs[k]) for k in wanted if k in figs]
    answered, late = figs.get("requests_answered"), figs.get("requests_late")
    if answered is not None and late is not None:
        out["tasks"].append(FigureLine("按期答复率", on_time_rate(answered.value, late.value), None))
    return out


def text(lines: list[FigureLine]) -> str:
    """收到申请12，已答复10，… — one line for a table cell or a tooltip."""
    return "，".join(f"{x.label}{x.value}" for x in lines)
