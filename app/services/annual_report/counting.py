"""The counting rules of the annual report's tables 三 and 四, as SQL GROUP BYs.

Table 三 (收到和处理政府信息公开申请情况), for year Y:

* 一、本年新收: requests whose date of receipt (收到申请日期) falls in Y.  A 补正
  restart does not make a new request: the original date of receipt counts.
* 二、上年结转: received before 1月1日 of Y and not closed before it.
* 三、本年度办理结果: closed in Y, under the one taxonomy row of its decision.  The
  closing date is the reply date (答复日期) — for 其他处理-1/2 the day the 补正 or
  fee period lapsed, which is recorded as the reply date of that closing.
  A request the applicant withdrew (申请人撤回) has no row of its own in the
  national table: it closes on the withdrawal date and counts under
  其他处理-3 其他.
* 四、结转下年度继续办理: received by 12月31日 of Y and not closed by it.

So 一 + 二 = 三（七）+ 四 in every column whenever each closed request has a
closing date on or after its date of receipt and a result; :func:`check`
lists the requests that break it (the report refuses to be finalised then).

Table 四 (行政复议、行政诉讼): every case open at some time in Y (filed by 12月31日
and not decided before 1月1日), by its result if decided by 12月31日, else 尚未审结.

Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 (the register's
其他组织), 总计.  Everything here is aggregate queries over ranges of the narrow
index ``ix_info_request_closing``; no Python loop over requests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, case, extract, func, literal, or_, select
from sqlalchemy.orm import Session

from app.db.models import DisputeCase, InfoRequest
from app.db.models.annual import (
    CASE_RESULTS,
    LAWSUIT,
    PENDING,
    RECONSIDERATION,
    SUIT_ROUTES,
)
from app.domain import taxonomy
from app.domain.vocab import CLOSED_STATES, NATURAL_PERSON, ORG_TYPES

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
_COLUMN_OF = {NATURAL_PERSON: 0, **{t: i + 1 for i, t in enumerate(ORG_TYPES)}}
WITHDRAWN_LEAF = "6.3"
NEW, CARRIED_IN, TOTAL, CARRIED_OUT = "本年新收", "上年结转", "总计", "结转下年度继续办理"
# every row of table 三 in national order, as the --json keys name them
ROWS: list[str] = [NEW, CARRIED_IN]
for _cat in taxonomy.CATEGORIES:
    ROWS.append(_cat)
    ROWS += [leaf.label for leaf in taxonomy.LEAVES if leaf.category == _cat and leaf.label != _cat]
ROWS += [TOTAL, CARRIED_OUT]
TABLE4_LABELS = ([f"行政复议/{r}" for r in (*CASE_RESULTS, "总计")]
                 + [f"行政诉讼/{route}/{r}" for route in SUIT_ROUTES for r in (*CASE_RESULTS, "总计")])

R = InfoRequest
# The closing date and the taxonomy row of a request, as SQL expressions.
CLOSED_ON = func.coalesce(R.reply_date, R.withdrawn_date)
LEAF = case((R.result_code != "", R.result_code), (R.withdrawn_date.is_not(None), literal(WITHDRAWN_LEAF)),
            else_=literal(""))


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _conditions(year: int) -> dict[str, object]:
    first, last = year_bounds(year)
    return {
        NEW: R.received_date.between(first, last),
        CARRIED_IN: and_(R.received_date < first, or_(CLOSED_ON.is_(None), CLOSED_ON >= first)),
        # (received by the year's end: always so for sound data; check() names a request closed
        # before it was received, which no table can hold)
        "closed": and_(CLOSED_ON.between(first, last), R.received_date <= last),
        CARRIED_OUT: and_(R.received_date <= last, or_(CLOSED_ON.is_(None), CLOSED_ON > last)),
    }


@dataclass
class Table3:
    """Rows of 7 numbers (national column order, 总计 last)."""

    year: int
    rows: dict[str, list[int]] = field(default_factory=dict)

    def row(self, key: str) -> list[int]:
        return self.rows[key]

    def balance(self) -> list[int]:
        """一 + 二 − 三（七）− 四 per column: all zeros when the table adds up."""
        return [self.rows[NEW][i] + self.rows[CARRIED_IN][i] - self.rows[TOTAL][i] - self.rows[CARRIED_OUT][i]
                for i in range(7)]

    @property
    def adds_up(self) -> bool:
        return not any(self.balance())

    @property
    def empty(self) -> bool:
        return not any(self.rows[NEW]) and not any(self.rows[CARRIED_IN]) and not any(self.rows[TOTAL])


def _column(applicant_type: str) -> int:
    return _COLUMN_OF.get(applicant_type, 5)


def table3(s: Session, year: int) -> Table3:
    """Table 三 from two narrow range queries over ``ix_info_request_closing``.

    The rows that matter for a year are those replied on or after 1月1日, plus those without a
    reply (open, or withdrawn on or after 1月1日) — each a range of the closing index, so the
    requests closed in earlier years (most of a ten-year register) are never read.
    """
    first, last = year_bounds(year)
    out = Table3(year, {key: [0] * 7 for key in ROWS})
    received_by_end = R.received_date <= last
    unreplied = R.reply_date.is_(None)
    open_at_end = or_(R.reply_date > last, and_(unreplied, or_(R.withdrawn_date.is_(None), R.withdrawn_date > last)))
    # grouped by an expression, not the bare column: SQLite would otherwise walk the one-column
    # applicant_type index (to skip a sort) and read every wide row instead of the index range
    kind = R.applicant_type.concat("")
    sums = (func.sum(case((R.received_date >= first, 1), else_=0)),
            func.sum(case((R.received_date < first, 1), else_=0)), func.sum(case((open_at_end, 1), else_=0)),
            func.count())
    ranges = ((R.reply_date <= last, (R.reply_date >= first, received_by_end)),
              (R.withdrawn_date <= last,
               (unreplied, or_(R.withdrawn_date.is_(None), R.withdrawn_date >= first), received_by_end)))
    for closed_in_year, where in ranges:
        result = case((closed_in_year, LEAF), else_=None)
        q = select(kind, result, *sums).where(*where).group_by(kind, result)
        for applicant_type, code, new, carried_in, carried_out, n in s.execute(q):
            col = _column(applicant_type)
            out.rows[NEW][col] += int(new or 0)
            out.rows[CARRIED_IN][col] += int(carried_in or 0)
            out.rows[CARRIED_OUT][col] += int(carried_out or 0)
            leaf = taxonomy.BY_CODE.get(code) if code is not None else None
            if leaf is None:  # not closed in the year, or closed without a result (check() names it)
                continue
            out.rows[leaf.label][col] += n
            if leaf.label != leaf.category:
                out.rows[leaf.category][col] += n
            out.rows[TOTAL][col] += n
    for values in out.rows.values():
        values[6] = sum(values[:6])
    return out


def _column_condition(col: int):
    if col == 6:
        return literal(True)
    if col == 5:
        return R.applicant_type.not_in([t for t, i in _COLUMN_OF.items() if i != 5])
    return R.applicant_type == next(t for t, i in _COLUMN_OF.items() if i == col)


def _row_condition(year: int, row: str):
    c = _conditions(year)
    if row in (NEW, CARRIED_IN, CARRIED_OUT):
        return c[row]
    if row == TOTAL:
        return and_(c["closed"], LEAF.in_(list(taxonomy.BY_CODE)))
    leaf = taxonomy.BY_LABEL.get(row)
    if leaf is not None and leaf.label != leaf.category:
        return and_(c["closed"], LEAF == leaf.code)
    if row in taxonomy.CATEGORIES:
        codes = [x.code for x in taxonomy.LEAVES if x.category == row]
        return and_(c["closed"], LEAF.in_(codes))
    raise KeyError(row)


def cell_condition(year: int, row: str, col: int):  # noqa: ANN201 - a SQL expression
    """The SQL condition selecting the requests behind one cell of table 三 (the window's
    drill-down list filters the register with it, so the list is the cell by construction)."""
    return and_(_row_condition(year, row), _column_condition(col))


def drill(s: Session, year: int, row: str, col: int) -> list[int]:
    """The ids of the requests behind one cell of table 三 (in number order)."""
    q = select(R.id).where(cell_condition(year, row, col)).order_by(R.year, R.seq, R.id)
    return list(s.scalars(q))


EARLY = "办结日期早于收到申请日期"
OPEN_BUT_CLOSED = "有办结日期但状态仍为办理中"
PROBLEMS = [EARLY, "有答复日期但没有办理结果", "有办理结果但没有答复日期", "状态为已办结但没有办结日期", OPEN_BUT_CLOSED]


@dataclass
class Breach:
    request_id: int
    number: str
    problem: str


def check(s: Session, year: int) -> list[Breach]:
    """Requests that make 一 + 二 ≠ 三（七）+ 四, or whose state and dates disagree.

    The rules are written so each query walks one narrow index range (requests without a
    reply date; requests replied in the year) instead of evaluating every rule on every row.
    """
    first, last = year_bounds(year)
    closed = R.state.in_([x.value for x in CLOSED_STATES])
    no_reply = [
        (and_(R.withdrawn_date.between(first, last), R.withdrawn_date < R.received_date), EARLY),
        (and_(R.result_code != "", R.received_date <= last), "有办理结果但没有答复日期"),
        (and_(closed, R.withdrawn_date.is_(None), R.received_date <= last), "状态为已办结但没有办结日期"),
        (and_(~closed, R.withdrawn_date.between(first, last)), OPEN_BUT_CLOSED),
    ]
    replied = [
        (R.reply_date < R.received_date, EARLY),
        (and_(R.result_code == "", R.withdrawn_date.is_(None)), "有答复日期但没有办理结果"),
        (~closed, OPEN_BUT_CLOSED),
    ]
    hits: list[tuple[int, str]] = []
    for where, rules in ((R.reply_date.is_(None), no_reply), (R.reply_date.between(first, last), replied)):
        problem = case(*[(cond, literal(i)) for i, (cond, _text) in enumerate(rules)], else_=None)
        q = select(R.id, problem).where(where, or_(*[cond for cond, _text in rules]))
        hits += [(rid, rules[i][1]) for rid, i in s.execute(q)]
    if not hits:
        return []
    hits.sort(key=lambda h: (PROBLEMS.index(h[1]), h[0]))
    shown = hits[:1000]
    numbers = dict(s.execute(select(R.id, R.number).where(R.id.in_([rid for rid, _p in shown]))).all())
    return [Breach(rid, numbers.get(rid, ""), text) for rid, text in shown]


def table4(s: Session, year: int) -> list[int]:
    """15 numbers: 复议 (维持, 纠正, 其他, 尚未审结, 总计), then 诉讼 未经复议 and 复议后 the same."""
    first, last = year_bounds(year)
    D = DisputeCase
    effective = case((and_(D.decided_date.is_not(None), D.decided_date <= last, D.result != PENDING), D.result),
                     else_=literal(PENDING))
    q = (select(D.kind, D.route, effective, func.count())
         .where(D.filed_date <= last, or_(D.decided_date.is_(None), D.decided_date >= first))
         .group_by(D.kind, D.route, effective))
    out = [0] * 15
    for kind, route, result, n in s.execute(q):
        if kind == RECONSIDERATION:
            base = 0
        elif kind == LAWSUIT and route in SUIT_ROUTES:
            base = 5 + 5 * SUIT_ROUTES.index(route)
        else:
            continue
        out[base + CASE_RESULTS.index(result)] += n
        out[base + 4] += n
    return out


def table4_cases(s: Session, year: int, index: int) -> list[int]:
    """The case ids behind one of the 15 numbers of table 四."""
    first, last = year_bounds(year)
    D = DisputeCase
    base, pos = divmod(index, 5)
    q = select(D.id).where(D.filed_date <= last, or_(D.decided_date.is_(None), D.decided_date >= first))
    q = q.where(D.kind == RECONSIDERATION) if base == 0 else q.where(D.kind == LAWSUIT,
                                                                      D.route == SUIT_ROUTES[base - 1])
    if pos < 4:
        decided = and_(D.decided_date.is_not(None), D.decided_date <= last, D.result != PENDING)
        q = q.where(and_(decided, D.result == CASE_RESULTS[pos]) if pos < 3 else ~decided)
    return list(s.scalars(q.order_by(D.filed_date, D.id)))


def fees_collected(s: Session, year: int) -> int:
    """信息处理费 paid in the year (元), from the register's fee records."""
    first, last = year_bounds(year)
    total = s.scalar(select(func.coalesce(func.sum(R.fee_amount), 0)).where(R.fee_paid_date.between(first, last)))
    return int(total or 0)


def fee_requests(s: Session, year: int) -> list[int]:
    first, last = year_bounds(year)
    return list(s.scalars(select(R.id).where(R.fee_paid_date.between(first, last)).order_by(R.id)))


def by_month(s: Session, year: int) -> list[int]:
    """Requests received per month (for the chart)."""
    first, last = year_bounds(year)
    month = extract("month", R.received_date)  # SQLAlchemy renders it for SQLite and PostgreSQL
    q = select(month, func.count()).where(R.received_date.between(first, last)).group_by(month)
    out = [0] * 12
    for m, n in s.execute(q):
        out[int(m) - 1] = n
    return out


def data_years(s: Session) -> tuple[int, int] | None:
    lo, hi = s.execute(select(func.min(R.received_date), func.max(R.received_date))).one()
    return (lo.year, hi.year) if lo and hi else None
