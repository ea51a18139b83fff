"""What the 季度督查 and 专题会议 records share: states, field cleaning, the record's date, period names,
the draft row of a duty and its completion, the year's list, tasks from findings.

Both records belong to a duty (kind, holder, period) of app.services.supervision.duties;
both are drafts until completed, and completing one completes its duty in the same
transaction.  Their findings become tasks of the shared rectification tracker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.models import User
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import NotFound, ServiceError, ValidationError
from app.services.supervision import duties as du
from app.services.supervision.duties import Duty
from app.validation import dates
from app.validation.text import Invalid, text_field

DRAFT, COMPLETED = "草稿", "已完成"


def period_name(period: str) -> str:
    """2026Q1 → 2026年第一季度, 2026H2 → 2026年下半年, 2026-03 → 2026年3月, 2026 → 2026年."""
    year, rest = period[:4], period[4:]
    if rest.startswith("Q"):
        return f"{year}年第{'一二三四'[int(rest[1]) - 1]}季度"
    if rest.startswith("H"):
        return f"{year}年{'上下'[int(rest[1]) - 1]}半年"
    if rest.startswith("-"):
        return f"{year}年{int(rest[1:])}月"
    return f"{year}年"


def text(errors: dict[str, str], key: str, value: str, limit: int, what: str, *, required: bool = False,
         multiline: bool = True) -> str:
    """A record's free-text field: the shared text rules, ``what`` named in its messages."""
    return text_field(errors, key, value, limit, label=what, required=f"请填写{what}" if required else "",
                      multiline=multiline)


def record_day(errors: dict[str, str], key: str, day: dt.date | None, duty: Duty, today: dt.date,
               what: str) -> dt.date | None:
    """The day a check or meeting took place: given, not after today, not before its period began."""
    if day is None:
        errors[key] = f"请填写{what}"
        return None
    try:
        dates.event_date(day, today)
    except Invalid as exc:
        errors[key] = f"{what}{exc}"
        return None
    if day < duty.start:
        errors[key] = f"{what}不能早于该期间的第一天（{cn_date(duty.start)}）"
        return None
    return day


def add_record_task(db: Database, actor: Actor, source_kind: str, model: type, record_id: int,
                    data: rect.TaskInput, *, missing: str, day_word: str, day_of: Callable[[Any], dt.date],
                    label_of: Callable[[Session, Any], str]) -> int:
    """A finding of a check or a decision of a meeting becomes a rectification task of that record.

    One rule for both records: the task is opened on the record's day and may not fall due before it
    (``day_word`` names that day in the message); ``missing`` is the refusal when the record is gone.
    """
    with db.session() as s:
        row = s.get(model, record_id)
        if row is None:
            raise NotFound(missing)
        day, label = day_of(row), label_of(s, row)
    if data.due is not None and data.due < day:
        raise ValidationError({"due": f"整改期限不能早于{day_word}（{cn_date(day)}）"})
    return rect.add_task(db, actor, rect.Source(source_kind, record_id, label), data, day)


def find_row(s: Session, model: Any, holder_id: int, period: str) -> Any:
    """The saved record (check or meeting) of a holder's period, or None."""
    return s.scalar(select(model).where(model.holder_id == holder_id, model.period == period))


def draft_row(s: Session, model: Any, duty: Duty, actor: Actor, completed: str, **first: object) -> Any:
    """The record of ``duty`` to write into: its saved draft, or a new draft (``first``: the values only a
    new record takes); a completed record is refused with ``completed`` — it no longer changes."""
    row = find_row(s, model, duty.holder_id, duty.period)
    if row is None:
        row = model(holder_id=duty.holder_id, period=duty.period, state=DRAFT,
                    created_by=actor.full_name or actor.label, **first)
        s.add(row)
    elif row.state == COMPLETED:
        raise ServiceError(completed)
    return row


def finish_row(s: Session, db: Database, actor: Actor, kind: str, duty: Duty, row: Any, day: dt.date, what: str,
               complete: bool) -> int:
    """The record written; ``complete`` also completes its ``kind`` of duty in the same transaction (late if
    after the due day) and freezes the record.  Returns the record's id."""
    if complete:
        du.complete_in(s, db, actor, kind, duty.holder_id, duty.period, day, f"{what}（{cn_date(day)}）")
        row.state, row.completed_on = COMPLETED, day
    s.flush()
    return row.id


def year_rows(db: Database, model: Any, year: int, source_kind: str, values: Callable[[Any, str], tuple],
              *order: Any) -> list[tuple]:
    """The year's records, newest period first (then ``order``), as ``values(record, holder name)``
    followed by the count of their rectification tasks not yet 已销号."""
    du.check_year(year)
    with db.session() as s:
        rows = s.execute(select(model, User.full_name).join(User, User.id == model.holder_id)
                         .where(model.period.like(f"{year}%")).order_by(model.period.desc(), *order)).all()
        out = [values(r, name) for r, name in rows]
    open_by = rect.open_by_source(db, source_kind)
    return [(*r, open_by.get(r[0], 0)) for r in out]
