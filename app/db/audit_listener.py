"""Automatic audit: every flushed change to a model is written to ``audit_log``.

The listener runs inside the flush, so the audit row is part of the same
transaction as the change.  A session that changes data without naming an
actor is refused, so no code path (service, CLI, import) can change data
unaudited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.db.models.audit import AuditEntry

SECRET_FIELDS = {"password_hash"}
_MAX_VALUE = 80


class UnauditedChangeError(RuntimeError):
    """A change was flushed from a session that has no actor."""


def _fmt(value: Any) -> str:
    if value is None:
        return "空"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if len(text) > _MAX_VALUE:
        text = text[: _MAX_VALUE - 1] + "…"
    return text


def _label(obj: Any) -> str:
    label = getattr(obj, "audit_label", None)
    return label() if callable(label) else ""


def _pk(obj: Any) -> str:
    ident = inspect(obj).identity
    if ident is None:
        return ""
    return ",".join(str(v) for v in ident)


def _changes(obj: Any) -> str:
    parts = []
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        if attr.key in SECRET_FIELDS:
            parts.append(f"{attr.key}: 已修改")
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        if before == after:
            continue
        parts.append(f"{attr.key}: {_fmt(before)} → {_fmt(after)}")
    return "；".join(parts)


def _audited(obj: Any) -> bool:
    """Rows that are themselves a record of a change (the audit log, a request's
    timeline) are not audited again."""
    return not isinstance(obj, AuditEntry) and not getattr(obj, "__audit_skip__", False)


def install(session_factory: Any) -> None:
    """Attach the audit hooks to a sessionmaker."""

    @event.listens_for(session_factory, "before_flush")
    def _before_flush(session: Session, flush_context: Any, instances: Any) -> None:
        pending_updates = [o for o in session.dirty if _audited(o) and session.is_modified(o)]
        deleted = [o for o in session.deleted if _audited(o)]
        new = [o for o in session.new if _audited(o)]
        if not (pending_updates or deleted or new):
            return
        actor = session.info.get("actor")
        if not actor:
            raise UnauditedChangeError("changes flushed without an actor; use db.session(actor=...)")
        action = session.info.get("action", "")
        for obj in pending_updates:
            session.add(
                AuditEntry(
                    actor=actor,
                    entity=type(obj).__tablename__,
                    entity_id=_pk(obj),
                    action=action or "修改",
                    summary=_label(obj) + ("：" if _label(obj) else "") + _changes(obj),
                )
            )
        for obj in deleted:
            session.add(
                AuditEntry(
                    actor=actor,
                    entity=type(obj).__tablename__,
                    entity_id=_pk(obj),
                    action=action or "删除",
                    summary=_label(obj),
                )
            )
        # New objects get their primary key only during the flush; record them after.
        session.info.setdefault("_audit_new", []).extend(new)

    @event.listens_for(session_factory, "after_flush")
    def _after_flush(session: Session, flush_context: Any) -> None:
        new = session.info.pop("_audit_new", [])
        if not new:
            return
        actor = session.info["actor"]
        action = session.info.get("action", "")
        rows = [
            {
                "actor": actor,
                "entity": type(obj).__tablename__,
                "entity_id": _pk(obj),
                "action": action or "新增",
                "summary": _label(obj),
            }
            for obj in new
        ]
        # Insert directly on the connection: adding objects inside after_flush is not allowed.
        from app.db.base import utcnow

        for row in rows:
            row["at"] = utcnow()
        session.connection().execute(AuditEntry.__table__.insert(), rows)
