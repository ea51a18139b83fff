"""The 操作日志: recording what the flush cannot see, verifying the chain, searching and exporting.

* Changes made with Core statements are recorded here (``record_row``,
  ``record_rows``) and the statement is marked ``.execution_options(audited=True)``;
  the listener in ``app.db.audit_listener`` refuses unmarked ones.
* ``event`` records something that is not a row change (sign-in, sign-out).
* ``verify`` walks the hash chain (all of it, or only rows newer than the last
  verified one) and names the first broken link in words a person can act on.
* ``search_ids`` / ``entries`` / ``export`` serve the viewer (系统管理员 and
  监督检查人员 only).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, DateTime, Table, and_, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.audit_listener import Change, column_masks, stage_change
from app.db.models import AuditChain, AuditEntry
from app.db.models.audit import GENESIS, chain_hash, link_hash
from app.services.actor import Actor
from app.services.audit_labels import entity_label, field_label
from app.services.audit_names import ReferenceNames
from app.services.progress import NullProgress, ProgressSink
from app.services.rights import Right, require

# -- recording ------------------------------------------------------------------------


def _key_text(table: Table, row: dict[str, Any]) -> str:
    return ",".join(str(row.get(c.key, "")) for c in table.primary_key.columns)


def record_row(session: Session, table: Table, before: dict[str, Any] | None, after: dict[str, Any] | None,
               label: str = "") -> None:
    """Record one row changed by a Core statement: ``before`` None = inserted, ``after`` None = deleted.

    Both dicts hold the primary key columns; only fields whose value changed are logged.
    """
    if before is None and after is None:
        return
    masks = column_masks(table)
    key = _key_text(table, after if after is not None else before)  # type: ignore[arg-type]
    if before is None:
        op, fields = "insert", {k: (None, v) for k, v in after.items()}  # type: ignore[union-attr]
    elif after is None:
        op, fields = "delete", {k: (v, None) for k, v in before.items()}
    else:
        op = "update"
        fields = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
        if not fields:
            return
    stage_change(session, Change(op, table.name, key, label, fields, masks))


def record_rows(session: Session, table: Table, rows: Iterable[dict[str, Any]],
                label: Callable[[dict[str, Any]], str] | None = None) -> None:
    """Record rows inserted in bulk; each needs its primary key."""
    for row in rows:
        record_row(session, table, None, row, label(row) if label else "")


def event(session: Session, action: str, *, entity: str = "session", entity_id: str = "", summary: str = "",
          details: dict[str, Any] | None = None, actor: str = "") -> None:
    """A row in the log that is not a row change (sign-in, sign-out, a failed sign-in)."""
    stage_change(session, Change("event", entity, entity_id, summary, action=action, actor=actor,
                                 details=details or {}))


# -- verification -------------------------------------------------------------------------

_COLS = (AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.entity, AuditEntry.entity_id,
         AuditEntry.action, AuditEntry.summary, AuditEntry.changes, AuditEntry.hash)


# The same columns with the time read as stored (naive UTC), for the verifier's hot loop.
_RAW = (AuditEntry.id, type_coerce(AuditEntry.at, DateTime()), AuditEntry.actor, AuditEntry.entity,
        AuditEntry.entity_id, AuditEntry.action, AuditEntry.summary, AuditEntry.changes, AuditEntry.hash)


def _expected(prev_hash: str, r: Any) -> str:
    return chain_hash(prev_hash, r.id, r.at, r.actor, r.entity, r.entity_id, r.action, r.summary, r.changes)


def local_time(at: dt.datetime) -> str:
    t = at.astimezone()
    return f"{cn_date(t.date())} {t:%H:%M:%S}"


def describe_row(r: Any) -> str:
    """“第12条（2026年11月29日 10:15:02，赵窗口（zs），登记申请：依申请公开申请 X财公开〔2026〕12号）”."""
    what = r.action + "：" + " ".join(p for p in (entity_label(r.entity), r.summary) if p)
    return f"第{r.id}条（{local_time(r.at)}，{r.actor}，{what}）"


@dataclass(frozen=True)
class VerifyResult:
    checked: int  # rows read
    last_id: int  # the chain head
    problem: str = ""  # empty when the chain is whole
    broken_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem

    def message(self) -> str:
        if self.ok:
            return f"操作日志完整：共{self.last_id}条，逐条校验一致，没有被删除、改动或插入的记录。"
        return ("操作日志校验发现问题：" + self.problem +
                "\n之后的记录无法再证明未被改动。请保留数据库文件，报告系统管理员和监督检查人员。")


def _head(conn: Connection) -> tuple[int, str, int, str]:
    c = AuditChain.__table__.c
    row = conn.execute(select(c.last_id, c.last_hash, c.verified_id, c.verified_hash).where(c.id == 1)).first()
    return tuple(row) if row else (0, GENESIS, 0, GENESIS)  # type: ignore[return-value]


def _classify(conn: Connection, prev: Any | None, prev_hash: str, r: Any) -> str:
    """Say in words what happened where the chain broke at row ``r``."""
    prev_id = prev.id if prev is not None else 0
    if r.id > prev_id + 1:
        after = f"，位于{describe_row(prev)}之后" if prev is not None else ""
        span = f"第{prev_id + 1}条" if r.id == prev_id + 2 else f"第{prev_id + 1}条至第{r.id - 1}条"
        return f"{span}记录已被删除{after}。"
    nxt = conn.execute(select(*_COLS).where(AuditEntry.id > r.id).order_by(AuditEntry.id).limit(1)).first()
    if nxt is not None and _expected(prev_hash, nxt) == nxt.hash:
        return f"{describe_row(r)}不是本程序写入的，是在程序之外插入的。"
    if nxt is None or _expected(r.hash, nxt) == nxt.hash:
        return f"{describe_row(r)}的内容被改动过。"
    return f"{describe_row(r)}与前一条的校验链断开：这条或前一条记录被改动过。"


def verify(db: Database, full: bool = True, progress: ProgressSink | None = None, batch: int = 20_000) -> VerifyResult:
    """Walk the chain; ``full=False`` starts at the last verified row (start-up check).

    The head is read first, so rows appended meanwhile by another desk are left for
    the next check rather than mistaken for forgeries.  A whole chain is remembered
    as verified; a broken one is reported every time until it is dealt with.
    """
    progress = progress or NullProgress()
    with db.engine.connect() as conn:
        last_id, last_hash, verified_id, verified_hash = _head(conn)
        start_id, prev_hash = 0, GENESIS
        if not full and verified_id:
            anchor = conn.execute(select(*_COLS).where(AuditEntry.id == verified_id)).first()
            if anchor is None:
                return VerifyResult(0, last_id, f"已校验过的第{verified_id}条记录已被删除。", verified_id)
            if anchor.hash != verified_hash:
                return VerifyResult(1, last_id, f"{describe_row(anchor)}的校验值被改动过。", verified_id)
            start_id, prev_hash = verified_id, verified_hash
        checked = 0
        total = max(last_id - start_id, 0)
        prev_id = start_id
        while True:
            progress.check()
            rows = conn.execute(select(*_RAW).where(AuditEntry.id > prev_id, AuditEntry.id <= last_id)
                                .order_by(AuditEntry.id).limit(batch)).all()
            if not rows:
                break
            # the hot loop: plain tuples, the time as stored (naive UTC), no per-row conversions
            for id_, at, actor, entity, entity_id, action, summary, changes, stored in rows:
                if link_hash(prev_hash, id_, at.isoformat(timespec="microseconds"), actor, entity, entity_id,
                             action, summary, changes) != stored:
                    r = conn.execute(select(*_COLS).where(AuditEntry.id == id_)).one()
                    prev = conn.execute(select(*_COLS).where(AuditEntry.id == prev_id)).first() if prev_id else None
                    return VerifyResult(checked, last_id, _classify(conn, prev, prev_hash, r), id_)
                prev_id, prev_hash = id_, stored
                checked += 1
            progress.report(checked, total, f"正在校验操作日志：{checked}/{total}")
        if prev_id < last_id or prev_hash != last_hash:
            span = f"第{prev_id + 1}条" if last_id == prev_id + 1 else f"第{prev_id + 1}条至第{last_id}条"
            return VerifyResult(checked, last_id, f"最后的{span}记录已被删除。", prev_id + 1)
        # Rows beyond the head read after it: every real append moves the head in the same commit.
        beyond = conn.execute(select(*_COLS).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(1)).first()
        if beyond is not None and beyond.id > _head(conn)[0]:
            return VerifyResult(checked, last_id, f"{describe_row(beyond)}不是本程序写入的，是在程序之外添加的。",
                                beyond.id)
    if last_id != verified_id:
        with db.engine.begin() as conn:
            c = AuditChain.__table__.c
            conn.execute(update(AuditChain.__table__).where(c.id == 1, c.verified_id < last_id)
                         .values(verified_id=last_id, verified_hash=last_hash))
    return VerifyResult(checked, last_id)


# -- viewing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    record: str = ""  # a record's label or id (e.g. a request number)
    person: str = ""  # part of the actor
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str  # Chinese
    record: str
    details: str  # readable before -> after, one field a line

    @property
    def when(self) -> str:
        return local_time(self.at)


def _local_midnight_utc(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time()).astimezone().astimezone(dt.UTC)


def _where(f: AuditFilter) -> list[Any]:
    cond: list[Any] = []
    if f.record.strip():
        t = f.record.strip()
        cond.append(or_(AuditEntry.summary.contains(t, autoescape=True), AuditEntry.entity_id == t))
    if f.person.strip():
        cond.append(AuditEntry.actor.contains(f.person.strip(), autoescape=True))
    if f.start is not None:
        cond.append(AuditEntry.at >= _local_midnight_utc(f.start))
    if f.end is not None:
        cond.append(AuditEntry.at < _local_midnight_utc(f.end + dt.timedelta(days=1)))
    return cond


def search_ids(db: Database, actor: Actor, f: AuditFilter) -> list[int]:
    """Ids of matching rows, newest first."""
    with db.session() as s:
        require(s, actor, Right.VIEW_AUDIT)
        return list(s.scalars(select(AuditEntry.id).where(and_(True, *_where(f))).order_by(AuditEntry.id.desc())))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})?")


def _show(value: Any) -> str:
    """A logged value as a person reads it: 是/否, dates Chinese-style, local times."""
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return cn_date(dt.date.fromisoformat(value))
    if isinstance(value, str) and _ISO_TIME.fullmatch(value):
        at = dt.datetime.fromisoformat(value)
        return local_time(at if at.tzinfo else at.replace(tzinfo=dt.UTC))
    return str(value)


def _column_order(entity: str) -> dict[str, int]:
    from app.db.base import Base

    table = Base.metadata.tables.get(entity)
    return {c.key: i for i, c in enumerate(table.columns)} if table is not None else {}


def _parse(changes: str) -> dict[str, Any] | None:
    try:
        data = json.loads(changes or "{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _row_op(entity: str, data: dict[str, Any]) -> str:
    """"insert", "delete" or "update": only a new or deleted row logs its primary key (from or to nothing)."""
    from app.db.base import Base

    table = Base.metadata.tables.get(entity)
    keys = [c.key for c in table.primary_key.columns] if table is not None else list(data)
    pairs = [data.get(k) for k in keys]
    if not keys or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        return "update"
    if all(p[0] is None for p in pairs):
        return "insert"
    return "delete" if all(p[1] is None for p in pairs) else "update"


def details(entity: str, changes: str, names: ReferenceNames | None = None) -> str:
    """One line per field: 字段：改动前 → 改动后 (whole values; another row's id as its name, given ``names``)."""
    data = _parse(changes)
    if data is None:
        return changes

    def show(key: str, value: Any) -> str:
        named = names.show(entity, key, value, data) if names is not None else None
        return named if named is not None else _show(value)

    lines = []
    order = _column_order(entity)
    op = _row_op(entity, data)
    for key, value in sorted(data.items(), key=lambda kv: order.get(kv[0], len(order))):
        if isinstance(value, list) and len(value) == 2:
            before, after = value
            if before is None and op == "insert":
                if after not in (None, ""):  # a new record: the fields it was given
                    lines.append(f"{field_label(entity, key)}：{show(key, after)}")
            elif after is None and op == "delete":
                lines.append(f"{field_label(entity, key)}：{show(key, before)}（已删除）")
            else:
                lines.append(f"{field_label(entity, key)}：{show(key, before)} → {show(key, after)}")
        else:
            lines.append(f"{_DETAIL_LABELS.get(key, key)}：{_show(value)}")
    return "\n".join(lines)


_DETAIL_LABELS = {"login": "输入的登录名", "reason": "原因"}


def entries(db: Database, ids: Sequence[int]) -> list[AuditRow]:
    """The rows for ``ids`` (in that order): the viewer fetches only what is on screen."""
    with db.session() as s:
        found = {r.id: r for r in s.execute(select(*_COLS).where(AuditEntry.id.in_(list(ids))))}
        # every id in the page's changes named at once: one query per referenced table, not per cell
        names = ReferenceNames(s, ((r.entity, data) for r in found.values() if (data := _parse(r.changes))))
    return [AuditRow(r.id, r.at, r.actor, r.action, entity_label(r.entity),
                     r.summary or (f"记录号{r.entity_id}" if r.entity_id else ""),
                     details(r.entity, r.changes, names)) for i in ids if (r := found.get(i)) is not None]


EXPORT_HEADERS = ["编号", "时间", "操作人", "操作", "记录类型", "记录", "改动内容"]


def export(db: Database, actor: Actor, f: AuditFilter, path: Path, progress: ProgressSink | None = None) -> int:
    """Write the matching rows to an Excel file (values as text, never formulas); returns the count."""
    from openpyxl import Workbook

    from app.validation import excel

    progress = progress or NullProgress()
    ids = search_ids(db, actor, f)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("操作日志")
    ws.append(EXPORT_HEADERS)
    for k in range(0, len(ids), 2000):
        progress.check()
        progress.report(k, len(ids), "正在导出操作日志")
        for r in entries(db, ids[k:k + 2000]):
            ws.append(excel.row(ws, [r.id, r.when, r.actor, r.action, r.entity, r.record, r.details]))
    wb.save(path)
    return len(ids)


def count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def size(db: Database) -> int:
    """How many rows the log holds, read from the chain head (one row, whatever the log's length)."""
    with db.engine.connect() as conn:
        return _head(conn)[0]
