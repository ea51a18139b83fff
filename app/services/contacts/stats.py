"""Statistics of the 首问负责 log for a period: what the quarterly checks and upward reports ask.

Per clerk and per 科室, the share answered on the spot, referrals overdue, satisfaction on
the 好差评 scale, 回访率 (referrals followed up / referrals with a result) and 差评整改率
(差评 whose rectification is done / all 差评), and the most asked matters.  Every figure is
one grouped query over the indexed columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select

from app.db import Database
from app.db.models import ContactEntry, RectificationTask
from app.services.contacts import vocab as v
from app.services.contacts.register import overdue_condition
from app.services.rectification import IN_PROGRESS

E = ContactEntry


@dataclass(frozen=True)
class Line:
    name: str
    entries: int
    on_the_spot: int
    referrals: int
    overdue: int


@dataclass(frozen=True)
class Stats:
    first: dt.date
    last: dt.date
    total: int
    on_the_spot: int
    referrals: int
    overdue: int
    followed_up: int  # referrals with a 回访
    to_follow_up: int  # referrals with a result (回访 due or done)
    ratings: dict[str, int]  # 好差评 scale → count (回访 and counter ratings)
    bad: int
    bad_rectified: int
    bad_followed_up: int  # 差评 followed up again after their rectification
    by_clerk: list[Line]
    by_department: list[Line]
    top_matters: list[tuple[str, int]]
    by_category: dict[str, int]
    by_outcome: dict[str, int]

    @staticmethod
    def share(part: int, whole: int) -> str:
        return f"{part * 100 / whole:.1f}%" if whole else "—"

    @property
    def on_the_spot_rate(self) -> str:
        return self.share(self.on_the_spot, self.total)

    @property
    def followup_rate(self) -> str:
        """回访率."""
        return self.share(self.followed_up, self.to_follow_up)

    @property
    def satisfaction_rate(self) -> str:
        """满意率: 非常满意, 满意 and 基本满意 among all ratings."""
        good = sum(self.ratings.get(r, 0) for r in v.RATINGS[:3])
        return self.share(good, good + self.bad)

    @property
    def rectification_rate(self) -> str:
        """差评整改率."""
        return self.share(self.bad_rectified, self.bad)

    @property
    def bad_followup_rate(self) -> str:
        """整改后回访率: rectified 差评 whose person was asked again (the 好差评 rules' 整改回访)."""
        return self.share(self.bad_followed_up, self.bad_rectified)


def _lines(db: Database, key, where: list, today: dt.date) -> list[Line]:  # noqa: ANN001
    spot = func.sum(case((E.outcome.in_(v.ON_THE_SPOT), 1), else_=0))
    ref = func.sum(case((E.outcome.in_(v.REFERRALS), 1), else_=0))
    late = func.sum(case((overdue_condition(today), 1), else_=0))
    with db.session() as s:
        rows = s.execute(select(key, func.count(), spot, ref, late).where(*where).group_by(key)
                         .order_by(func.count().desc(), key)).all()
    return [Line(name or "", int(n), int(a or 0), int(b or 0), int(c or 0)) for name, n, a, b, c in rows]


def compute(db: Database, first: dt.date, last: dt.date, today: dt.date | None = None) -> Stats:
    today = today or db.today()
    where = [E.day >= first, E.day <= last]
    with db.session() as s:
        def count(*cond) -> int:  # noqa: ANN002
            return int(s.scalar(select(func.count()).select_from(E).where(*where, *cond)) or 0)

        total = count()
        ratings = {k: n for k, n in s.execute(select(E.rating, func.count()).where(*where, E.rating != "")
                                              .group_by(E.rating))}
        bad_rectified = int(s.scalar(
            select(func.count()).select_from(E).join(RectificationTask, RectificationTask.id == E.rectification_id)
            .where(*where, RectificationTask.state != IN_PROGRESS)) or 0)
        top = [(m, int(n)) for m, n in s.execute(
            select(E.matter_name, func.count()).where(*where, E.matter_name != "").group_by(E.matter_name)
            .order_by(func.count().desc(), E.matter_name).limit(10))]
        # (a Result has .keys(): dict(result) would read it as a mapping, so build the dicts by hand)
        by_category = {k: n for k, n in s.execute(select(E.category, func.count()).where(*where)
                                                  .group_by(E.category))}
        by_outcome = {k: n for k, n in s.execute(select(E.outcome, func.count()).where(*where).group_by(E.outcome))}
        stats = dict(
            on_the_spot=count(E.outcome.in_(v.ON_THE_SPOT)), referrals=count(E.outcome.in_(v.REFERRALS)),
            overdue=count(overdue_condition(today)),
            followed_up=count(E.outcome.in_(v.REFERRALS), E.followup_day.is_not(None)),
            to_follow_up=count(E.outcome.in_(v.REFERRALS), E.result_day.is_not(None)),
            bad=count(E.rating.in_(v.BAD_RATINGS)), bad_followed_up=count(E.followup2_day.is_not(None)))
    return Stats(first, last, total, ratings={k: int(n) for k, n in ratings.items()}, bad_rectified=bad_rectified,
                 by_clerk=_lines(db, E.responder, where, today),
                 by_department=_lines(db, E.referred_to, [*where, and_(E.outcome == v.INTERNAL)], today),
                 top_matters=top, by_category={k: int(n) for k, n in by_category.items()},
                 by_outcome={k: int(n) for k, n in by_outcome.items()}, **stats)
