"""签批: clerks prepare, heads decide — one queue for every kind of thing that needs a signer.

A module that has something needing sign-off registers a ``SignoffKind`` once::

    signoff.register_kind(SignoffKind(
        key="request_decision", label="答复决定",
        check=lambda ctx: ...,      # full validation at submission (everything except the right)
        apply=lambda ctx: ...,      # does it, in the approval's transaction, with ctx.actor = the head
        describe=lambda payload: "不予公开/…",
        record_label=lambda s, record_id: "X财公开〔2026〕12号",
        remaining=lambda db, record_ids, today: {record_id: working days left},  # optional
        on_event=lambda ctx, kind, text: ...,  # optional: put 提交签批/退回 on the record's timeline
    ))

A kind signed by someone other than a head (the 监督检查人员 confirming a 责任追究 record) names
``approve_right`` (and ``approver_roles`` when the right alone is too wide, as for the
administrator who holds every right) and ``approver`` for the refusal message.

then calls ``submit(db, actor, key, record_id, payload)`` where the clerk would have acted.
The payload is everything typed, stored as typed JSON (dates stay dates), so the head approves
exactly what was prepared and the clerk gets it back unchanged when returned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.base import utcnow
from app.db.models.signoff import APPROVED, PENDING, RETURNED, WITHDRAWN, SignoffItem
from app.db.models.users import Role
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.rights import ROLE_RIGHTS, Right, current_role, require

# -- typed JSON --------------------------------------------------------------------------


def dump_payload(payload: dict[str, Any]) -> str:
    """JSON where dates and datetimes keep their type (``{"$date": "2026-11-20"}``)."""

    def enc(v: Any) -> Any:
        if isinstance(v, dt.datetime):
            return {"$datetime": v.isoformat()}
        if isinstance(v, dt.date):
            return {"$date": v.isoformat()}
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {k: enc(x) for k, x in dataclasses.asdict(v).items()}
        if isinstance(v, dict):
            return {str(k): enc(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [enc(x) for x in v]
        if v is None or isinstance(v, bool | int | float | str):
            return v
        raise TypeError(f"签批内容中有无法保存的值：{type(v).__name__}")

    return json.dumps(enc(payload), ensure_ascii=False, sort_keys=True)


def load_payload(text: str) -> dict[str, Any]:
    def dec(v: Any) -> Any:
        if isinstance(v, dict):
            if set(v) == {"$date"}:
                return dt.date.fromisoformat(v["$date"])
            if set(v) == {"$datetime"}:
                return dt.datetime.fromisoformat(v["$datetime"])
            return {k: dec(x) for k, x in v.items()}
        if isinstance(v, list):
            return [dec(x) for x in v]
        return v

    return dec(json.loads(text))


# -- kinds -------------------------------------------------------------------------------


@dataclass
class SignoffContext:
    """What a kind's hooks get: the open transaction, who acts, on which record, with what."""

    db: Database
    s: Session
    actor: Actor
    record_id: int
    payload: dict[str, Any]
    today: dt.date


@dataclass(frozen=True)
class SignoffKind:
    key: str
    label: str
    check: Callable[[SignoffContext], None]
    apply: Callable[[SignoffContext], None]
    describe: Callable[[dict[str, Any]], str]
    record_label: Callable[[Session, int], str]
    remaining: Callable[[Database, list[int], dt.date], dict[int, int | None]] | None = None
    on_event: Callable[[SignoffContext, str, str], None] | None = None
    record_type: str = ""  # which tab opens the record ("request", ...), for the 工作台
    submit_right: Right = Right.HANDLE
    approve_right: Right = Right.APPROVE
    approver_roles: frozenset[Role] | None = None  # None: whoever holds approve_right
    approver: str = "科室负责人或以上"  # who signs, as the refusal names them
    # records a signer must stay out of (回避): a select of their ids for that user; kept out of their queue
    recused: Callable[[int], Any] | None = None


_KINDS: dict[str, SignoffKind] = {}


def register_kind(kind: SignoffKind) -> SignoffKind:
    _KINDS[kind.key] = kind
    return kind


def kind_of(key: str) -> SignoffKind:
    _load_builtin_kinds()
    try:
        return _KINDS[key]
    except KeyError:
        raise ServiceError(f"未知的签批事项类型“{key}”") from None


# Modules whose import registers kinds; a new tab adds its module here (one line).
KIND_MODULES = ["app.services.requests.signoff_kinds", "app.services.complaints.signoff_kinds"]


def _load_builtin_kinds() -> None:
    """Kinds register themselves on import; make sure every known module is imported."""
    for name in KIND_MODULES:
        importlib.import_module(name)


def can_sign(actor: Actor) -> bool:
    return actor.can_approve


def _may_approve(kind: SignoffKind, role: Role | None) -> bool:
    if role is None or kind.approve_right not in ROLE_RIGHTS[role]:
        return False
    return kind.approver_roles is None or role in kind.approver_roles


def may_sign_any(actor: Actor) -> bool:
    """A hint for the 工作台: does this person sign some kind (a head, or an inspector confirming)?"""
    _load_builtin_kinds()
    return any(_may_approve(k, actor.role) for k in _KINDS.values())


def _require_signer(s: Session, actor: Actor, kind: SignoffKind) -> None:
    """The signer's right for this kind, read now (a head demoted meanwhile is refused)."""
    message = f"只有{kind.approver}可以签批{kind.label}"
    require(s, actor, kind.approve_right, message)
    if kind.approver_roles is not None and current_role(s, actor) not in kind.approver_roles:
        raise PermissionDenied(message)


# -- actions -----------------------------------------------------------------------------


def submit(db: Database, actor: Actor, key: str, record_id: int, payload: dict[str, Any],
           today: dt.date | None = None) -> int:
    """提交签批: checked in full now (so the head never gets a form with holes); returns the item id."""
    kind = kind_of(key)
    today = today or db.today()
    with db.session(actor=actor.label, action=f"提交签批：{kind.label}") as s:
        return submit_in(s, db, actor, key, record_id, payload, today)


def submit_in(s: Session, db: Database, actor: Actor, key: str, record_id: int, payload: dict[str, Any],
              today: dt.date) -> int:
    """``submit`` inside an open transaction (an approval that puts the next step in the queue)."""
    kind = kind_of(key)
    text = dump_payload(payload)
    require(s, actor, kind.submit_right)
    ctx = SignoffContext(db, s, actor, record_id, load_payload(text), today)
    kind.check(ctx)
    waiting = s.scalar(select(SignoffItem.id).where(SignoffItem.kind == key, SignoffItem.record_id == record_id,
                                                     SignoffItem.state == PENDING))
    if waiting is not None:
        raise ServiceError(f"该{kind.label}已提交签批，正在等待审批，不能重复提交")
    # Resubmitting answers the earlier return: it leaves 我的待办.
    for old in s.scalars(select(SignoffItem).where(SignoffItem.kind == key, SignoffItem.record_id == record_id,
                                                    SignoffItem.state == RETURNED,
                                                    SignoffItem.acknowledged.is_(False))):
        old.acknowledged = True
    summary = kind.describe(ctx.payload)
    item = SignoffItem(kind=key, record_id=record_id, record_label=kind.record_label(s, record_id)[:100],
                       summary=summary, payload=text, state=PENDING, submitted_by=actor.full_name or actor.label,
                       submitter_id=actor.user_id, submitted_day=today, decided_by="", comment="",
                       acknowledged=False)
    s.add(item)
    if kind.on_event:
        kind.on_event(ctx, "提交签批", f"{kind.label}提交签批：{summary}")
    s.flush()
    return item.id


def _pending_item(s: Session, item_id: int) -> SignoffItem:
    item = s.get(SignoffItem, item_id)
    if item is None:
        raise NotFound("签批事项不存在")
    if item.state != PENDING:
        raise ServiceError(f"该事项当前为“{item.state}”，不能再处理")
    return item


def approve(db: Database, actor: Actor, item_id: int, comment: str = "", today: dt.date | None = None) -> None:
    """批准: the kind's apply hook runs in this same transaction, with the head as signer and date."""
    if not may_sign_any(actor):
        raise PermissionDenied("只有科室负责人或以上可以签批")
    today = today or db.today()
    with db.session(actor=actor.label, action="签批：批准") as s:
        item = _pending_item(s, item_id)
        kind = kind_of(item.kind)
        _require_signer(s, actor, kind)
        ctx = SignoffContext(db, s, actor, item.record_id, load_payload(item.payload), today)
        kind.apply(ctx)
        item.state, item.decided_by = APPROVED, actor.full_name or actor.label
        item.decided_at, item.decided_day, item.comment = utcnow(), today, comment.strip()
        if kind.on_event:
            kind.on_event(ctx, "签批", f"{item.decided_by}批准{kind.label}（{item.submitted_by}提交）"
                          + (f"，意见：{comment.strip()}" if comment.strip() else ""))


def return_item(db: Database, actor: Actor, item_id: int, comment: str, today: dt.date | None = None) -> None:
    """退回: back to the clerk's 我的待办 with the head's comment; nothing is applied."""
    if not may_sign_any(actor):
        raise PermissionDenied("只有科室负责人或以上可以签批")
    if not comment.strip():
        raise ValidationError({"comment": "退回时请写明意见，告诉经办人需要怎样修改"})
    today = today or db.today()
    with db.session(actor=actor.label, action="签批：退回") as s:
        item = _pending_item(s, item_id)
        kind = kind_of(item.kind)
        _require_signer(s, actor, kind)
        item.state, item.decided_by = RETURNED, actor.full_name or actor.label
        item.decided_at, item.decided_day, item.comment = utcnow(), today, comment.strip()
        if kind.on_event:
            ctx = SignoffContext(db, s, actor, item.record_id, {}, today)
            kind.on_event(ctx, "签批退回", f"{item.decided_by}退回{kind.label}，意见：{comment.strip()}")


def withdraw(db: Database, actor: Actor, item_id: int, today: dt.date | None = None) -> None:
    """The submitter takes a pending item back (e.g. to change it before the head looks)."""
    with db.session(actor=actor.label, action="撤回签批") as s:
        item = _pending_item(s, item_id)
        require(s, actor, kind_of(item.kind).submit_right)
        if item.submitter_id != actor.user_id and not can_sign(actor):
            raise PermissionDenied("只能撤回自己提交的签批事项")
        item.state, item.decided_at, item.decided_day = WITHDRAWN, utcnow(), today or db.today()
        item.decided_by = actor.full_name or actor.label


def acknowledge(db: Database, actor: Actor, item_id: int) -> None:
    """The clerk has read a returned item and will not resubmit: it leaves 我的待办."""
    with db.session(actor=actor.label, action="知悉退回意见") as s:
        item = s.get(SignoffItem, item_id)
        if item is None:
            raise NotFound("签批事项不存在")
        if item.state != RETURNED:
            raise ServiceError("只有被退回的事项可以标记为已阅")
        if item.submitter_id != actor.user_id:
            raise PermissionDenied("这不是你提交的事项")
        item.acknowledged = True


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    id: int
    kind: str
    kind_label: str
    record_type: str
    record_id: int
    record_label: str
    summary: str
    state: str
    submitted_by: str
    submitted_day: dt.date
    decided_by: str
    decided_day: dt.date | None
    comment: str
    remaining: int | None  # working days left on the record's clock (negative: overdue)
    payload: dict[str, Any]


@dataclass(frozen=True)
class _Row:
    id: int
    kind: str
    record_id: int
    record_label: str
    summary: str
    state: str
    submitted_by: str
    submitted_day: dt.date
    decided_by: str
    decided_day: dt.date | None
    comment: str
    payload: str


def _rows(db: Database, *where: Any, newest_first: bool = False) -> list[_Row]:
    order = SignoffItem.id.desc() if newest_first else SignoffItem.id
    with db.session() as s:
        return [_Row(r.id, r.kind, r.record_id, r.record_label, r.summary, r.state, r.submitted_by, r.submitted_day,
                     r.decided_by, r.decided_day, r.comment, r.payload)
                for r in s.scalars(select(SignoffItem).where(*where).order_by(order))]


def _views(db: Database, rows: list[_Row], today: dt.date) -> list[QueueItem]:
    _load_builtin_kinds()
    remaining: dict[tuple[str, int], int | None] = {}
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        by_kind.setdefault(r.kind, []).append(r.record_id)
    for key, ids in by_kind.items():
        kind = _KINDS.get(key)
        if kind is not None and kind.remaining is not None:
            for rid, days in kind.remaining(db, ids, today).items():
                remaining[(key, rid)] = days
    out = []
    for r in rows:
        kind = _KINDS.get(r.kind)
        out.append(QueueItem(r.id, r.kind, kind.label if kind else r.kind, kind.record_type if kind else "",
                             r.record_id, r.record_label, r.summary, r.state, r.submitted_by, r.submitted_day,
                             r.decided_by, r.decided_day, r.comment, remaining.get((r.kind, r.record_id)),
                             load_payload(r.payload)))
    return out


def _pending_where(actor: Actor | None) -> list:
    """Waiting items; with ``actor``, only the kinds that person signs (heads: decisions;
    监督检查人员: 责任追究 confirmations) — the list and its count use the same condition."""
    where = [SignoffItem.state == PENDING]
    if actor is not None:
        _load_builtin_kinds()
        where.append(SignoffItem.kind.in_([k.key for k in _KINDS.values() if _may_approve(k, actor.role)] or [""]))
        if actor.user_id is not None:
            where += [~and_(SignoffItem.kind == k.key, SignoffItem.record_id.in_(k.recused(actor.user_id)))
                      for k in _KINDS.values() if k.recused is not None]
    return where


def pending(db: Database, today: dt.date | None = None, actor: Actor | None = None) -> list[QueueItem]:
    """The 待签批 queue, oldest first, with the days left on each record's clock (see _pending_where)."""
    return _views(db, _rows(db, *_pending_where(actor)), today or db.today())


def pending_count(db: Database, actor: Actor | None = None) -> int:
    """How many :func:`pending` lists (the register's 待签批 button shows the head's own count)."""
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(SignoffItem).where(*_pending_where(actor))) or 0)


def returned_to(db: Database, actor: Actor, today: dt.date | None = None) -> list[QueueItem]:
    """我的待办: items this person submitted that came back, until resubmitted or dismissed."""
    rows = _rows(db, SignoffItem.state == RETURNED, SignoffItem.acknowledged.is_(False),
                 SignoffItem.submitter_id == actor.user_id)
    return _views(db, rows, today or db.today())


def submitted_by(db: Database, actor: Actor, today: dt.date | None = None) -> list[QueueItem]:
    """The person's own items still waiting (so a clerk sees what is with the head)."""
    rows = _rows(db, SignoffItem.state == PENDING, SignoffItem.submitter_id == actor.user_id)
    return _views(db, rows, today or db.today())


def for_record(db: Database, key_prefix: str, record_id: int) -> list[QueueItem]:
    """Every item of kinds starting with ``key_prefix`` on one record, newest first."""
    rows = _rows(db, SignoffItem.kind.startswith(key_prefix), SignoffItem.record_id == record_id, newest_first=True)
    return _views(db, rows, db.today())
