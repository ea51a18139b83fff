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


# What each figure counts, said for a whole year beside an item: the figures count different sets —
# 收到 counts requests received in the year, 答复 those answered in it (some received the year before),
# 超期未答复 every request still unanswered past its deadline whenever received — so "收到申请128，
# 已答复128，已超期未答复1" read as if one of the 128 received was both answered and not.  The
# numbers stay the figures' (same conditions, same lists); only the words say which set each is.
YEAR_LABELS: dict[str, str] = {
    "requests_received": "本年收到申请",
    "requests_answered": "本年作出答复（不论何年收到）",
    "requests_late": "其中超期答复",
    "requests_overdue": "至今超期未答复（年末前收到）",
    "contacts": "本年首问登记",
    "contacts_overdue": "其中至今转办逾期",
    "contacts_bad": "其中回访不满意",
    "complaints": "本年收到投诉举报",
    "complaints_found": "本年查实（属实、部分属实）",
    "complaints_overdue": "至今逾期未办结（年末前收到）",
    "notices": "本年一次性告知书",
    "notices_repeat": "其中同一事项再次告知",
    "tasks_open": "整改未销号（年末前下达）",
}
ON_TIME = "本年答复的按期答复率"


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
        out[key] = [FigureLine(YEAR_LABELS.get(k, figs[k].label), str(figs[k].value), figs[k])
                    for k in wanted if k in figs]
    answered, late = figs.get("requests_answered"), figs.get("requests_late")
    if answered is not None and late is not None:
        out["tasks"].append(FigureLine(ON_TIME, on_time_rate(answered.value, late.value), None))
    return out


def text(lines: list[FigureLine]) -> str:
    """本年收到申请12，本年作出答复（不论何年收到）10，… — one line for a table cell or a tooltip."""
    return "，".join(f"{x.label}{x.value}" for x in lines)
