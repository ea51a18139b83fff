"""The duty view: every provider's group for one person on one day.

One function (``duty_view``) so the 工作台, the tests and the benchmark read the same thing.
The providers only read; each runs its own short read session, the largest being two indexed
range scans (requests, 首问) — no provider walks a whole table.
"""

from __future__ import annotations

import datetime as dt

from app.db import Database
from app.services.actor import Actor
from app.services.dashboard import (
    complaints_src,
    contacts_src,
    office_src,
    requests_src,
    supervision_src,
)
from app.services.dashboard.model import DutyView, scope_of, week_end


def duty_view(db: Database, actor: Actor, today: dt.date | None = None) -> DutyView:
    """Everything due or overdue this week: a head's across all tabs, a clerk's own work."""
    today = today or db.today()
    scope = scope_of(db, actor)
    groups = (
        requests_src.deadlines(db, scope, today),
        requests_src.corrections(db, scope, today),
        requests_src.consultations(db, scope, today),
        contacts_src.referrals(db, scope, today),
        complaints_src.near_limits(db, scope, today),
        supervision_src.duties(db, scope, today),
        supervision_src.tasks(db, scope, today),
        office_src.annual_report(db, scope, today),
        office_src.signoff_items(db, scope, actor, today),
    )
    return DutyView(today, week_end(today), scope.everything, groups)
