"""Correcting a saved record: a timeline event with who, when, field, before → after and reason.

Nothing is edited in place silently.  A record type (a request now; one-time notices,
first-responder entries and complaints later) registers once::

    corrections.register_type(RecordType(
        key="request", label="依申请公开申请",
        load=lambda s, record_id: s.get(InfoRequest, record_id),
        fields=lambda ctx: [CorrectableField(...), ...],  # with get/set closures and who recorded it
        undoables=lambda ctx: [Undoable(...), ...],       # recorded actions that can be undone
        validate=lambda ctx: ...,                         # the record's own rules, after the change
        recompute=lambda ctx: ["答复期限由…改为…"],        # dependent figures, said in the event
        event=lambda ctx, kind, text: ...,                # the record's timeline
        after=lambda ctx, summary: ...,                   # e.g. mark issued letters 已过时
        prepare=lambda db: ...,                           # read outside the transaction (ctx.extra)
        snapshot=lambda ctx: ...,                         # before-values for recompute (ctx.before)
    ))

Rights: whoever recorded a field or action may correct it the same day; later (or someone
else's entry) it takes a 科室负责人 or above.  Every correction also lands in
``record_correction`` (one row per field) for the inspection trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.models.corrections import RecordCorrection
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.rights import Right, has, require

TEXT, LONG_TEXT, DATE, INT, CHOICE, BOOL = "text", "long_text", "date", "int", "choice", "bool"
MAX_REASON = 500


@dataclass
class CorrectionContext:
    db: Database
    s: Session
    actor: Actor
    record_id: int
    obj: Any
    today: dt.date
    extra: Any = None
    before: Any = None  # the record type's snapshot, taken before anything changed
    changes: list[tuple[CorrectableField, Any, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Recorded:
    """Who entered a value and on which day (decides who may correct it)."""

    by: str
    day: dt.date


@dataclass(frozen=True)
class CorrectableField:
    key: str
    label: str
    type: str
    get: Callable[[], Any]
    set: Callable[[Any], None]
    group: str = ""
    recorded: Recorded | None = None
    choices: tuple[str, ...] = ()
    optional: bool = False  # may be emptied
    max_len: int = 0


@dataclass(frozen=True)
class Undoable:
    key: str
    label: str
    undo: Callable[[CorrectionContext], str]  # returns what was undone, for the event
    recorded: Recorded | None = None


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    load: Callable[[Session, int], Any]
    fields: Callable[[CorrectionContext], list[CorrectableField]]
    validate: Callable[[CorrectionContext], None]
    recompute: Callable[[CorrectionContext], list[str]]
    undoables: Callable[[CorrectionContext], list[Undoable]] = lambda ctx: []
    event: Callable[[CorrectionContext, str, str], None] | None = None
    after: Callable[[CorrectionContext, str], None] | None = None
    prepare: Callable[[Database], Any] | None = None
    snapshot: Callable[[CorrectionContext], Any] | None = None


_TYPES: dict[str, RecordType] = {}
# Modules whose import registers record types; a new tab adds its module here (one line).
TYPE_MODULES = ["app.services.requests.correct", "app.services.contacts.correct"]


def register_type(rt: RecordType) -> RecordType:
    _TYPES[rt.key] = rt
    return rt


def record_type(key: str) -> RecordType:
    import importlib

    for name in TYPE_MODULES:
        importlib.import_module(name)
    try:
        return _TYPES[key]
    except KeyError:
        raise ServiceError(f"未知的记录类型“{key}”") from None


def may_correct(ctx: CorrectionContext, recorded: Recorded | None) -> bool:
    """The author on the day of entry, otherwise a 科室负责人 or above — the role as it is now in the
    database (read in the correction's own transaction), not as it was at sign-in."""
    if has(ctx.s, ctx.actor, Right.APPROVE):
        return True
    return recorded is not None and recorded.by == ctx.actor.label and recorded.day == ctx.today


def show(value: Any) -> str:
    """A value as the timeline shows it (dates Chinese-style, empty as “空”)."""
    if value is None or value == "":
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return cn_date(value)
    return str(value)


def _clean(f: CorrectableField, value: Any) -> Any:
    """Type-check one new value; the record type's validate does the business rules."""
    if value is None or value == "":
        if not f.optional:
            raise ValidationError({f.key: f"{f.label}不能为空"})
        return None if f.type == DATE else ("" if f.type in (TEXT, LONG_TEXT, CHOICE) else value)
    if f.type == DATE:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ValidationError({f.key: f"{f.label}应为日期"})
        if value.year < 2000:
            raise ValidationError({f.key: f"{f.label}不正确"})
        return value
    if f.type == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError({f.key: f"{f.label}应为整数"})
        return value
    if f.type == BOOL:
        return bool(value)
    text = str(value).strip()
    if not text and not f.optional:
        raise ValidationError({f.key: f"{f.label}不能为空"})
    if f.type == CHOICE and text not in f.choices:
        raise ValidationError({f.key: f"请在{'、'.join(f.choices)}中选择{f.label}"})
    if f.max_len and len(text) > f.max_len:
        raise ValidationError({f.key: f"{f.label}不能超过{f.max_len}个字符（现有{len(text)}个）"})
    return text


def _check_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请填写更正理由"})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": f"更正理由不能超过{MAX_REASON}个字符"})
    return reason


@dataclass(frozen=True)
class CorrectionResult:
    summary: str  # the timeline text
    consequences: list[str]  # dependent figures that changed


def _open(db: Database, actor: Actor, rt: RecordType, s: Session, record_id: int, today: dt.date,
          extra: Any) -> CorrectionContext:
    require(s, actor, Right.HANDLE)
    obj = rt.load(s, record_id)
    if obj is None:
        raise NotFound(f"{rt.label}不存在或已被删除")
    ctx = CorrectionContext(db, s, actor, record_id, obj, today, extra)
    if rt.snapshot is not None:
        ctx.before = rt.snapshot(ctx)
    return ctx


def _finish(rt: RecordType, ctx: CorrectionContext, kind: str, what: str, reason: str,
            rows: list[tuple[str, str, str, str]]) -> CorrectionResult:
    notes = rt.recompute(ctx)
    summary = f"{what}；理由：{reason}" + (f"；{'；'.join(notes)}" if notes else "")
    for key, label, before, after in rows:
        ctx.s.add(RecordCorrection(record_type=rt.key, record_id=ctx.record_id, field=key[:60], label=label[:60],
                                   before=before, after=after, reason=reason, consequences="；".join(notes),
                                   actor=ctx.actor.label, day=ctx.today))
    if rt.event is not None:
        rt.event(ctx, kind, summary)
    if rt.after is not None:
        rt.after(ctx, summary)
    return CorrectionResult(summary, notes)


def correct(db: Database, actor: Actor, type_key: str, record_id: int, changes: dict[str, Any], reason: str,
            today: dt.date | None = None) -> CorrectionResult:
    """更正 one or more fields in one transaction; unchanged values are refused, not recorded."""
    rt = record_type(type_key)
    reason = _check_reason(reason)
    if not changes:
        raise ValidationError("请选择要更正的内容")
    today = today or db.today()
    extra = rt.prepare(db) if rt.prepare else None
    with db.session(actor=actor.label, action=f"更正{rt.label}") as s:
        ctx = _open(db, actor, rt, s, record_id, today, extra)
        by_key = {f.key: f for f in rt.fields(ctx)}
        errors: dict[str, str] = {}
        for key, value in changes.items():
            f = by_key.get(key)
            if f is None:
                raise ServiceError(f"“{key}”不能更正")
            if not may_correct(ctx, f.recorded):
                raise PermissionDenied(f"{f.label}由{f.recorded.by if f.recorded else '他人'}"
                                       f"{'于' + cn_date(f.recorded.day) if f.recorded else ''}录入，"
                                       "录入人只能在当天更正；其他情况须由科室负责人或以上更正")
            try:
                new = _clean(f, value)
            except ValidationError as exc:
                errors.update(exc.fields)
                continue
            old = f.get()
            if (old or None) == (new or None):
                errors[key] = f"{f.label}与原来相同，无需更正"
                continue
            ctx.changes.append((f, old, new))
        for f, _old, new in ctx.changes:
            f.set(new)
        try:
            rt.validate(ctx)
        except ValidationError as exc:
            errors = {**exc.fields, **errors}
        if errors:
            raise ValidationError(errors)  # the transaction rolls back: nothing half-saved
        rows = [(f.key, f.label, show(old), show(new)) for f, old, new in ctx.changes]
        what = "；".join(f"更正{label}：{before} → {after}" for _k, label, before, after in rows)
        return _finish(rt, ctx, "更正", what, reason, rows)


def undo(db: Database, actor: Actor, type_key: str, record_id: int, action_key: str, reason: str,
         today: dt.date | None = None) -> CorrectionResult:
    """撤销 a mistakenly recorded action: also a correction, with the same rights and evidence."""
    rt = record_type(type_key)
    reason = _check_reason(reason)
    today = today or db.today()
    extra = rt.prepare(db) if rt.prepare else None
    with db.session(actor=actor.label, action=f"撤销{rt.label}中的误录事项") as s:
        ctx = _open(db, actor, rt, s, record_id, today, extra)
        option = next((u for u in rt.undoables(ctx) if u.key == action_key), None)
        if option is None:
            raise ServiceError("该事项不存在或不能撤销")
        if not may_correct(ctx, option.recorded):
            raise PermissionDenied(f"“{option.label}”由{option.recorded.by if option.recorded else '他人'}办理，"
                                   "办理人只能在当天撤销；其他情况须由科室负责人或以上撤销")
        what = option.undo(ctx)
        rt.validate(ctx)
        return _finish(rt, ctx, "撤销", f"撤销误录的{option.label}：{what}", reason,
                       [(action_key, f"撤销{option.label}"[:60], what, "已撤销")])


# -- reading (plain data for forms) -------------------------------------------------------


@dataclass(frozen=True)
class FieldInfo:
    key: str
    label: str
    type: str
    group: str
    value: Any
    choices: tuple[str, ...]
    optional: bool
    max_len: int
    allowed: bool  # may this actor correct it today


@dataclass(frozen=True)
class UndoInfo:
    key: str
    label: str
    allowed: bool


def correctable(db: Database, actor: Actor, type_key: str, record_id: int,
                today: dt.date | None = None) -> tuple[list[FieldInfo], list[UndoInfo]]:
    """What the 更正 form offers for one record, and which of it this person may change today."""
    rt = record_type(type_key)
    today = today or db.today()
    extra = rt.prepare(db) if rt.prepare else None
    with db.session() as s:
        ctx = _open(db, actor, rt, s, record_id, today, extra)
        fields_ = [FieldInfo(f.key, f.label, f.type, f.group, f.get(), f.choices, f.optional, f.max_len,
                             may_correct(ctx, f.recorded)) for f in rt.fields(ctx)]
        undos = [UndoInfo(u.key, u.label, may_correct(ctx, u.recorded)) for u in rt.undoables(ctx)]
        return fields_, undos


@dataclass(frozen=True)
class CorrectionView:
    at: dt.datetime
    actor: str
    label: str
    before: str
    after: str
    reason: str
    consequences: str


def history(db: Database, type_key: str, record_id: int) -> list[CorrectionView]:
    with db.session() as s:
        rows = s.scalars(select(RecordCorrection).where(RecordCorrection.record_type == type_key,
                                                        RecordCorrection.record_id == record_id)
                         .order_by(RecordCorrection.id))
        return [CorrectionView(r.at, r.actor, r.label, r.before, r.after, r.reason, r.consequences) for r in rows]
