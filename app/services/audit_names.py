"""What a logged value names: another row (by its name, not its id) or a registered code (in Chinese).

A field holding another row's id (every ForeignKey column, plus the few id
columns listed in ``EXTRA_REFERENCES`` and ``TYPED_REFERENCES``) is shown as that
row's name — a head reads "被投诉举报的工作人员：赵窗口", not "：1".
``REFERENCE_NAMES`` says, per referenced table, which columns name a row; a test
keeps every referenced table in it and keeps masked columns (secrets, ID numbers,
a complainant's sealed identity) out of it, so a name can never reveal what the
log masks.  ``ReferenceNames`` looks the names up for a page of log rows: one
query per referenced table, whatever the number of rows or cells.  A row since
deleted reads 已删除（记录号N）: the log keeps its id, nothing else is known here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db.base import Base
from app.services.audit_labels import entity_label


def _period(period: str) -> str:
    from app.services.supervision.records import period_name  # lazy: supervision imports the audit

    return period_name(period)


def _short(text: str, limit: int = 30) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit] + "…"


def _day(value: Any) -> str:
    return cn_date(value) if isinstance(value, dt.date) else str(value or "")


@dataclass(frozen=True)
class RowName:
    """How a row of a referenced table is named: the columns read and how they are put together."""

    columns: tuple[str, ...]
    text: Callable[..., str] = lambda first, *_rest: str(first)


REFERENCE_NAMES: dict[str, RowName] = {
    "app_user": RowName(("full_name",)),
    "department": RowName(("name",)),
    "info_request": RowName(("number",)),
    # The complaint's number only: who complained is sealed and never named in the log.
    "complaint": RowName(("number",)),
    "contact_entry": RowName(("number",)),  # the number, not the visitor's name
    "notice": RowName(("number",)),  # likewise, not the applicant's name
    "matter": RowName(("name",)),
    "matter_version": RowName(("name", "version"), lambda name, version: f"{name}（第{version}版）"),
    "matter_material": RowName(("name",)),
    "matter_filing": RowName(("version", "action"), lambda version, action: f"第{version}版（{action}）"),
    "assessment_item": RowName(("name",)),
    "rectification_task": RowName(("what",), _short),
    "supervision_check": RowName(("period", "check_date"),
                                 lambda period, day: f"{_period(period)}督查（{_day(day)}）"),
    "consultation": RowName(("party",), lambda party: f"征求{party}意见"),
    "holiday_year": RowName(("year",), lambda year: f"{year}年"),
    "supervision_meeting": RowName(("period", "meeting_date"),
                                   lambda period, day: f"{_period(period)}专题会议（{_day(day)}）"),
    "assessment_notice": RowName(("year",), lambda year: f"{year}年度考核结果通报"),
}

# Id columns without a ForeignKey constraint; "many" columns hold ids joined by commas.
EXTRA_REFERENCES: dict[tuple[str, str], tuple[str, bool]] = {
    ("signoff_item", "submitter_id"): ("app_user", False),
    ("issued_letter", "consultation_id"): ("consultation", False),
    ("complaint_settings", "viewer_ids"): ("app_user", True),
    ("supervision_check", "department_ids"): ("department", True),
}

# Id columns shared by several kinds of record: another field of the same row says which table
# (the kinds are registered by their modules; a test keeps every registered kind here).
TYPED_REFERENCES: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("record_attachment", "record_id"): ("record_type", {
        "complaint": "complaint", "supervision_check": "supervision_check", "meeting": "supervision_meeting"}),
    ("record_correction", "record_id"): ("record_type", {"request": "info_request", "contact": "contact_entry"}),
    ("rectification_task", "source_id"): ("source_kind", {
        "contact": "contact_entry", "supervision": "supervision_check", "supervision_meeting": "supervision_meeting",
        "assessment": "assessment_notice"}),
}
_KIND_COLUMNS = {(entity, kind_col): tables for (entity, _key), (kind_col, tables) in TYPED_REFERENCES.items()}


@dataclass(frozen=True)
class Reference:
    """A column of a logged table that holds the key of a row of ``table`` (``many``: comma-separated)."""

    table: str
    column: str  # the referenced column (the primary key, or holiday_year.year)
    many: bool = False


@functools.cache
def references() -> dict[str, dict[str, Reference]]:
    """Logged table -> column key -> what it refers to, read from the models' ForeignKey metadata."""
    import app.db.models  # noqa: F401  (every model registered before reading the metadata)

    out: dict[str, dict[str, Reference]] = {}
    for table in Base.metadata.tables.values():
        for col in table.columns:
            fks = list(col.foreign_keys)
            if len(fks) == 1 and len(fks[0].constraint.columns) == 1:
                target = fks[0].column
                out.setdefault(table.name, {})[col.key] = Reference(target.table.name, target.name)
    for (entity, key), (target, many) in EXTRA_REFERENCES.items():
        out.setdefault(entity, {})[key] = Reference(target, _primary(target), many)
    return out


def _primary(table: str) -> str:
    return next(iter(Base.metadata.tables[table].primary_key.columns)).name


def reference(entity: str, key: str, data: dict[str, Any]) -> Reference | None:
    """What field ``key`` of a logged row refers to, if anything (``data``: the row's logged fields)."""
    ref = references().get(entity, {}).get(key)
    if ref is not None or (entity, key) not in TYPED_REFERENCES:
        return ref
    kind_col, tables = TYPED_REFERENCES[(entity, key)]
    kind = data.get(kind_col)
    if isinstance(kind, list) and len(kind) == 2:
        kind = kind[1] if kind[1] is not None else kind[0]
    table = tables.get(kind) if isinstance(kind, str) else None
    return Reference(table, _primary(table)) if table else None


def _keys(ref: Reference, value: Any) -> list[str]:
    """The referenced keys in one logged value (text, so 7 and "7" are the same row)."""
    if value is None or value == "" or isinstance(value, bool):
        return []
    if ref.many and isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    return [str(value)]


def _signoff_kind(key: str) -> str | None:
    from app.services import signoff
    from app.services.errors import ServiceError

    try:
        return signoff.kind_of(key).label
    except ServiceError:
        return None


# Modules whose import registers a numbered kind (a test keeps this list complete).
NUMBERING_MODULES = ("app.services.contacts.entry", "app.services.complaints.register",
                     "app.services.complaints.ledger", "app.services.notices.issue",
                     "app.services.supervision.assessment_notices", "app.letters.kinds")


def _number_kind(key: str) -> str | None:
    import importlib

    from app.services import numbering

    for name in NUMBERING_MODULES:
        importlib.import_module(name)
    return next((k.label for k in numbering.kinds() if k.key == key), None)


def _figure_key(key: str) -> str | None:
    from app.services.supervision.assessment import DEFAULT_ITEMS

    return next((f"{d.name}的相关数据" for d in DEFAULT_ITEMS if d.figure_key == key), None)


# Columns holding a code of a registry (not a row): shown as the registry's Chinese name.
_CODED_VALUES: dict[tuple[str, str], Callable[[str], str | None]] = {
    ("signoff_item", "kind"): _signoff_kind,
    ("number_sequence", "kind"): _number_kind,
    ("number_pattern", "kind"): _number_kind,
    ("assessment_item", "figure_key"): _figure_key,
}


def deleted_name(key: str) -> str:
    """A referenced row that no longer exists: said so, with the only thing still known about it."""
    return f"已删除（记录号{key}）"


class ReferenceNames:
    """The names of every row referenced by a page of log rows, fetched in one query per referenced table."""

    def __init__(self, session: Session, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        wanted: dict[tuple[str, str], set[str]] = {}
        for entity, data in rows:
            for key, value in data.items():
                if not (isinstance(value, list) and len(value) == 2):
                    continue  # only a row change's [before, after] holds references (events hold other details)
                ref = reference(entity, key, data)
                if ref is not None and ref.table in REFERENCE_NAMES:
                    for v in value:
                        wanted.setdefault((ref.table, ref.column), set()).update(_keys(ref, v))
        self._names: dict[tuple[str, str], str] = {}
        for (table, column), keys in wanted.items():
            self._fetch(session, table, column, keys)

    def _fetch(self, session: Session, table_name: str, column: str, keys: set[str]) -> None:
        naming = REFERENCE_NAMES[table_name]
        table = Base.metadata.tables[table_name]
        key_col: Column = table.c[column]
        if key_col.type.python_type is int:
            values: list[Any] = sorted({int(k) for k in keys if k.isdigit()})
        else:
            values = sorted(keys)
        cols = [table.c[c] for c in naming.columns]
        for start in range(0, len(values), 500):  # bounded IN lists (SQLite's variable limit)
            for key, *parts in session.execute(select(key_col, *cols).where(key_col.in_(values[start:start + 500]))):
                self._names[(table_name, str(key))] = naming.text(*parts)

    def show(self, entity: str, key: str, value: Any, data: dict[str, Any] | None = None) -> str | None:
        """``value`` of field ``key`` as the name(s) of what it refers to (or, for a kind column, the kind's
        Chinese name); None when the field is neither.  ``data``: the row's logged fields."""
        coded = _CODED_VALUES.get((entity, key))
        if coded is not None:
            return coded(value) if isinstance(value, str) and value else None
        kinds = _KIND_COLUMNS.get((entity, key))
        if kinds is not None:
            return entity_label(kinds[value]) if isinstance(value, str) and value in kinds else None
        ref = reference(entity, key, data or {})
        if ref is None or ref.table not in REFERENCE_NAMES:
            return None
        keys = _keys(ref, value)
        if not keys:
            return None
        return "、".join(self._names.get((ref.table, k)) or deleted_name(k) for k in keys)
