"""信息处理费 (国办函〔2020〕109号): progressive rates, per piece or per volume.

Per piece: the same applicant's pieces in one calendar month — up to 10 free,
11–30 at 100元, then each further band of 10 pieces costs 100元 more per piece.
Per volume: up to 30 pages free, 31–100 at 10元, 101–200 at 20元, 201+ at 40元.
"""

from __future__ import annotations

from dataclasses import dataclass

PER_PIECE = "按件计收"
PER_VOLUME = "按量计收"
METHODS = (PER_PIECE, PER_VOLUME)


@dataclass(frozen=True)
class Band:
    first: int
    last: int | None
    rate: int  # 元 per unit
    units: int

    @property
    def amount(self) -> int:
        return self.rate * self.units


def _piece_rate(n: int) -> int:
    """Rate of the n-th piece of the month."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100
    return 100 * ((n - 31) // 10 + 2)


def _page_rate(n: int) -> int:
    if n <= 30:
        return 0
    if n <= 100:
        return 10
    if n <= 200:
        return 20
    return 40


def breakdown(method: str, quantity: int, earlier_in_month: int = 0) -> list[Band]:
    """The bands charged for ``quantity`` units (per piece: after ``earlier_in_month``)."""
    if method not in METHODS:
        raise ValueError(f"未知的计收方式：{method}")
    if quantity < 0 or earlier_in_month < 0:
        raise ValueError("数量不能为负数")
    rate_of = _piece_rate if method == PER_PIECE else _page_rate
    start = earlier_in_month + 1 if method == PER_PIECE else 1
    bands: list[Band] = []
    for n in range(start, start + quantity):
        rate = rate_of(n)
        if bands and bands[-1].rate == rate:
            last = bands[-1]
            bands[-1] = Band(last.first, n, rate, last.units + 1)
        else:
            bands.append(Band(n, n, rate, 1))
    return bands


def amount(method: str, quantity: int, earlier_in_month: int = 0) -> int:
    return sum(b.amount for b in breakdown(method, quantity, earlier_in_month))


def describe(method: str, quantity: int, earlier_in_month: int = 0) -> str:
    unit = "件" if method == PER_PIECE else "页"
    parts = []
    for b in breakdown(method, quantity, earlier_in_month):
        rng = f"第{b.first}{unit}" if b.first == b.last else f"第{b.first}—{b.last}{unit}"
        parts.append(f"{rng}：{'免费' if not b.rate else f'{b.rate}元/{unit}×{b.units}={b.amount}元'}")
    return "；".join(parts)
