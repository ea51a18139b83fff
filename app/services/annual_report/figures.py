"""主动公开 figures for table 二, entered per year with a source note.

A figure not entered is ``None`` (not 0): the report names the missing ones and
will not be finalised until each is filled in (0 is a real answer).  The fee
amount is entered in 万元 as the national table asks and kept in whole 元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from app.db import Database
from app.db.models import ProactiveFigures
from app.services.actor import Actor
from app.services.errors import ValidationError
from app.services.rights import Right, require

# field → label as printed in table 二
LABELS: dict[str, str] = {
    "rules_made": "规章·本年制发件数",
    "rules_repealed": "规章·本年废止件数",
    "rules_current": "规章·现行有效件数",
    "norms_made": "行政规范性文件·本年制发件数",
    "norms_repealed": "行政规范性文件·本年废止件数",
    "norms_current": "行政规范性文件·现行有效件数",
    "licensing": "行政许可·本年处理决定数量",
    "penalty": "行政处罚·本年处理决定数量",
    "enforcement": "行政强制·本年处理决定数量",
    "fees_yuan": "行政事业性收费·本年收费金额（万元）",
}
COUNT_FIELDS = [k for k in LABELS if k != "fees_yuan"]
MAX_COUNT = 10_000_000


@dataclass
class Figures:
    year: int
    rules_made: int | None = None
    rules_repealed: int | None = None
    rules_current: int | None = None
    norms_made: int | None = None
    norms_repealed: int | None = None
    norms_current: int | None = None
    licensing: int | None = None
    penalty: int | None = None
    enforcement: int | None = None
    fees_yuan: int | None = None
    source_note: str = ""

    def missing(self) -> list[str]:
        return [label for key, label in LABELS.items() if getattr(self, key) is None]

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {key: getattr(self, key) for key in COUNT_FIELDS}
        out["fees_wan"] = wan(self.fees_yuan)
        return out


def wan(yuan: int | None) -> str | None:
    """元 → 万元 text with up to four decimals (12345 → "1.2345", 120000 → "12")."""
    if yuan is None:
        return None
    whole, rest = divmod(yuan, 10000)
    return f"{whole}.{rest:04d}".rstrip("0").rstrip(".") if rest else str(whole)


_WAN = re.compile(r"^\d{1,9}(\.\d{1,4})?$")


def parse_wan(text: str) -> int | None:
    """万元 text (half- or full-width digits) → whole 元; "" → None; bad text → ValueError."""
    t = text.strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).replace(",", "")
    if not t:
        return None
    if not _WAN.match(t):
        raise ValueError(t)
    whole, _, frac = t.partition(".")
    return int(whole) * 10000 + int((frac + "0000")[:4])


def parse_count(text: str) -> int | None:
    t = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not t:
        return None
    if not t.isdigit():
        raise ValueError(t)
    return int(t)


def get_figures(db: Database, year: int) -> Figures:
    with db.session() as s:
        row = s.get(ProactiveFigures, year)
        if row is None:
            return Figures(year)
        return Figures(**{f.name: getattr(row, f.name) for f in fields(Figures)})


def validate(f: Figures) -> None:
    e: dict[str, str] = {}
    for key in COUNT_FIELDS:
        v = getattr(f, key)
        if v is not None and not 0 <= v <= MAX_COUNT:
            e[key] = f"{LABELS[key]}应为0到{MAX_COUNT}之间的整数"
    if f.fees_yuan is not None and f.fees_yuan < 0:
        e["fees_yuan"] = "收费金额不能为负数"
    if len(f.source_note) > 2000:
        e["source_note"] = "数据来源说明不能超过2000个字"
    if e:
        raise ValidationError(e)


def save_figures(db: Database, actor: Actor, f: Figures) -> None:
    validate(f)
    with db.session(actor=actor.label, action=f"填写{f.year}年主动公开数据") as s:
        require(s, actor, Right.HANDLE)
        row = s.get(ProactiveFigures, f.year) or ProactiveFigures(year=f.year)
        for field in fields(Figures):
            if field.name != "year":
                setattr(row, field.name, getattr(f, field.name))
        row.source_note = f.source_note.strip()
        s.add(row)
