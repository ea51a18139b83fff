"""The statutory clock of one request (条例第三十条、第三十二条、第三十三条、第四十二条).

* The reply period runs from ``clock_start``: the day of receipt, or the day the
  corrected application arrived (补正 restarts the clock, it does not pause it).
* Day 1 is the first working day after that day.
* Consultation pauses: from the day after the letter is sent until the opinion
  arrives, or until the 15-working-day reply period runs out.
* Fee pause (a setting, on by default): from the day after the notice until the
  fee is paid, or the 20-working-day payment period runs out.
* An approved extension adds its working days after the original period.
* Periods the regulation counts from the day the other side RECEIVES a letter (the
  third party's or agency's 15 working days, the applicant's 20 working days to pay,
  the 补正 period) run from the recorded 送达日期; until it is recorded the deadline is
  an estimate counted from the day the letter was sent, shown as 预计, and a lapse
  cannot be closed on it.
* A letter states the deadline as it stood on the letter's own date (:func:`due_as_of`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from app.calendar import Pause, WorkCalendar
from app.db.models import InfoRequest
from app.domain.vocab import State
from app.services.holidays import provisional_note

CORRECTION_ISSUE_DAYS = 7  # 第三十条: 补正 within 7 working days of receipt
CONSULT_DAYS = 15  # 第三十二条、第三十四条
FEE_PAY_DAYS = 20  # 109号: pay within 20 working days
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ClockInfo:
    due: dt.date
    provisional_years: frozenset[int]
    remaining: int | None  # working days left (negative = overdue), None when closed
    pauses: tuple[Pause, ...]

    @property
    def overdue(self) -> bool:
        return self.remaining is not None and self.remaining < 0

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def note(self) -> str:
        return provisional_note(self.provisional_years)


def pauses_of(req: InfoRequest, fee_pauses_clock: bool) -> list[Pause]:
    pauses: list[Pause] = []
    for c in req.consultations:
        end = min(c.reply_date, c.reply_due) if c.reply_date else c.reply_due
        if end > c.sent_date:
            pauses.append((c.sent_date + ONE_DAY, end))
    if fee_pauses_clock and req.fee_notice_date is not None and req.fee_deadline is not None:
        end = req.fee_paid_date or req.fee_deadline
        if end > req.fee_notice_date:
            pauses.append((req.fee_notice_date + ONE_DAY, end))
    return pauses


def compute_due(req: InfoRequest, calendar: WorkCalendar, answer_days: int,
                fee_pauses_clock: bool) -> tuple[dt.date, frozenset[int], list[Pause]]:
    pauses = [p for p in pauses_of(req, fee_pauses_clock) if p[1] > req.clock_start]
    result = calendar.add_working_days(req.clock_start, answer_days + req.extension_days, pauses)
    return result.date, result.provisional_years, pauses


def refresh_due(req: InfoRequest, calendar: WorkCalendar, answer_days: int, fee_pauses_clock: bool) -> None:
    """Store the due date on the row so lists can sort and filter on it in SQL."""
    due, years, _ = compute_due(req, calendar, answer_days, fee_pauses_clock)
    req.due_date = due
    req.due_provisional = bool(years)


def clock_info(req: InfoRequest, calendar: WorkCalendar, answer_days: int, fee_pauses_clock: bool,
               today: dt.date) -> ClockInfo:
    due, years, pauses = compute_due(req, calendar, answer_days, fee_pauses_clock)
    remaining = None
    if State(req.state).is_open:
        count = calendar.days_left(today, due)
        remaining = count.days
        years = years | count.provisional_years
    return ClockInfo(due, frozenset(years), remaining, tuple(pauses))


def correction_issue_limit(received: dt.date, calendar: WorkCalendar) -> dt.date:
    return calendar.add_working_days(received, CORRECTION_ISSUE_DAYS).date


def received_deadline(sent: dt.date, delivered: dt.date | None, days: int,
                      calendar: WorkCalendar) -> tuple[dt.date, bool]:
    """(last day, estimated) of a period of ``days`` working days counted from receipt of a letter.

    Day 1 is the first working day after the day of receipt.  Without a recorded receipt
    the estimate assumes receipt on the day it was sent — the earliest the period can end —
    so it is never used to close a request (see :func:`lapse_day`).
    """
    return calendar.add_working_days(delivered or sent, days).date, delivered is None


def lapse_day(deadline: dt.date | None, delivered: dt.date | None, today: dt.date, what: str) -> dt.date:
    """The day a period lapsed (its last day), for closing the request on that day —
    a December lapse closed in January still belongs to December's year.  Refuses while the
    deadline is only an estimate or has not passed yet."""
    from app.dates import cn_date
    from app.services.errors import ServiceError

    if deadline is None:
        raise ServiceError(f"没有{what}期限")
    if delivered is None:
        raise ServiceError(f"尚未登记{what}通知的送达日期，{what}期限（预计{cn_date(deadline)}）仍是预计，"
                           "不能按逾期处理；请先登记送达")
    if today <= deadline:
        raise ServiceError(f"{what}期限至{cn_date(deadline)}，尚未届满")
    return deadline


def due_as_of(req: Any, calendar: WorkCalendar, answer_days: int, fee_pauses_clock: bool,
              day: dt.date) -> tuple[dt.date, frozenset[int]]:
    """The answer deadline as it stood on ``day``: only what had happened by then counts
    (a later extension, consultation, payment or correction does not).  ``req`` is an
    InfoRequest or a RequestDetail (same attribute names)."""
    def known(d: dt.date | None) -> dt.date | None:
        return d if d is not None and d <= day else None

    start = req.correction_received if known(req.correction_received) else req.received_date
    then = SimpleNamespace(
        clock_start=start,
        consultations=[SimpleNamespace(sent_date=c.sent_date, reply_due=c.reply_due, reply_date=known(c.reply_date))
                       for c in req.consultations if c.sent_date <= day],
        fee_notice_date=known(req.fee_notice_date),
        fee_deadline=req.fee_deadline if known(req.fee_notice_date) else None,
        fee_paid_date=known(req.fee_paid_date),
        extension_days=req.extension_days if known(req.extension_date) else 0,
    )
    due, years, _ = compute_due(then, calendar, answer_days, fee_pauses_clock)  # type: ignore[arg-type]
    return due, years
