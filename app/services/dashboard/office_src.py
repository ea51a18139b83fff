"""Office-wide lines: the annual report's dates and the sign-off (签批) queue.

The report's dates are the annual-report module's reminders (``reminders.due_items``: material by
12月20日 or the date set, publication by 1月31日); the queue is ``signoff``'s own lists.
"""

from __future__ import annotations

import datetime as dt

from app.dates import days_left_text
from app.db import Database
from app.services import signoff
from app.services.actor import Actor
from app.services.annual_report import reminders
from app.services.dashboard.model import (
    ANNUAL_REPORT,
    SIGNOFF,
    Group,
    Line,
    Scope,
    short,
)


def _report_year(r: reminders.Reminder) -> int:
    """The report's year: material is due in its December, publication in the next January."""
    return r.due.year if r.due.month == 12 else r.due.year - 1


def annual_report(db: Database, scope: Scope, today: dt.date) -> Group:
    """Everyone sees the 科室 material date (each 科室 reports); the publication date is the heads'."""
    found = [r for r in reminders.due_items(db, today) if scope.everything or r.due.month == 12]
    lines = tuple(Line(ANNUAL_REPORT, r.text, r.due, "已逾期" if r.overdue else "待办", "annual_report",
                       _report_year(r), overdue=r.overdue) for r in found)
    return Group.listed(ANNUAL_REPORT, lines)


def signoff_items(db: Database, scope: Scope, actor: Actor, today: dt.date) -> Group:
    """A head: everything waiting for a decision.  A clerk: their own items returned or waiting."""
    if scope.everything and signoff.may_sign_any(actor):  # the kinds this person signs, as in 待签批
        items = signoff.pending(db, today, actor)
    elif actor.user_id is not None:
        items = signoff.returned_to(db, actor, today) + signoff.submitted_by(db, actor, today)
    else:
        items = []
    lines = []
    for i in items:
        waiting = "被退回" if i.state == signoff.RETURNED else "等候签批"
        late = i.remaining is not None and i.remaining < 0
        lines.append(Line(SIGNOFF, f"{i.record_label} {i.kind_label}：{short(i.summary, 24)}", None,
                          f"{waiting}，{days_left_text(i.remaining)}", i.record_type, i.record_id, overdue=late))
    return Group.listed(SIGNOFF, lines)
