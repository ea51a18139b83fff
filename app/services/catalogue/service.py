"""The matter catalogue: add, change (a new version with its 备案), 下架, and read.

A change never edits a version: it writes the next version and a 备案 record
listing each changed element before → after, so notices issued from an earlier
version keep pointing at exactly what the applicant was told.  Saving a matter
whose content equals its current version changes nothing (no new version).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import Matter, MatterChange, MatterFiling, MatterMaterial, MatterVersion
from app.services.actor import Actor
from app.services.catalogue.elements import (
    ELEMENTS,
    REASONS,
    MaterialInput,
    MatterInput,
    differences,
    validate_matter,
)
from app.services.errors import NotFound, ServiceError, ValidationError
from app.services.profile import list_departments
from app.services.rights import ROLE_RIGHTS, Right, require
from app.services.search.catalog import MATTERS
from app.services.search.query import match_ids
from app.validation.text import Invalid, clean_text

ELEMENT_KEYS = [e.key for e in ELEMENTS]
# every element empty: a new matter's 备案 lists each element it was created with
_BLANK = MatterInput(**{e.key: 0 if e.kind == "int" else "" for e in ELEMENTS})
MATERIAL_KEYS = [f.name for f in fields(MaterialInput)]


@dataclass(frozen=True)
class Filing:
    """备案 as the user gives it: the 第四条 reason and the 调整依据."""

    reason: str = ""
    basis: str = ""


@dataclass(frozen=True)
class MatterSummary:
    id: int
    name: str
    category: str
    department: str
    version: int
    promised_days: int
    material_count: int
    retired: bool
    retired_on: dt.date | None


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    action: str
    reason: str
    basis: str
    filed_on: dt.date
    actor: str
    changes: tuple[tuple[str, str, str], ...]  # (element, before, after)


def can_edit(actor: Actor) -> bool:
    """A hint for the window (which buttons to offer); the service checks the current role again."""
    return actor.role is not None and Right.EDIT_CATALOGUE in ROLE_RIGHTS[actor.role]


def validate_filing(f: Filing) -> Filing:
    """One check of a 备案 for the form, the import and the CLI."""
    e: dict[str, str] = {}
    reason = f.reason.strip()
    if reason not in REASONS:
        e["reason"] = f"请选择调整原因（{'、'.join(REASONS)}）"
    try:
        basis = clean_text(f.basis, 1000, multiline=True)
    except Invalid as exc:
        e["basis"] = f"调整依据{exc}"
        basis = ""
    if "basis" not in e and not basis:
        e["basis"] = "请填写调整依据（如法规名称及条款、上级文件或职能调整的决定）"
    if e:
        raise ValidationError(e)
    return Filing(reason, basis)


def to_input(v: MatterVersion) -> MatterInput:
    mats = tuple(MaterialInput(**{k: getattr(x, k) for k in MATERIAL_KEYS}) for x in v.materials)
    return MatterInput(name=v.name, materials=mats, **{k: getattr(v, k) for k in ELEMENT_KEYS})


def _write_version(s: Session, matter: Matter, number: int, m: MatterInput, day: dt.date) -> MatterVersion:
    v = MatterVersion(matter=matter, version=number, effective_on=day, name=m.name,
                      **{k: getattr(m, k) for k in ELEMENT_KEYS})
    v.materials = [MatterMaterial(position=i, **{k: getattr(x, k) for k in MATERIAL_KEYS})
                   for i, x in enumerate(m.materials, start=1)]
    s.add(v)
    return v


def _file(s: Session, matter: Matter, version: int, action: str, filing: Filing, actor: Actor, day: dt.date,
          changes: list[tuple[str, str, str]]) -> None:
    row = MatterFiling(matter_id=matter.id, version=version, action=action, reason=filing.reason,
                       basis=filing.basis, filed_on=day, actor=actor.full_name or actor.label)
    row.changes = [MatterChange(element=el, before=b, after=a) for el, b, a in changes]
    s.add(row)


def _name_taken(s: Session, name: str, except_id: int | None = None) -> bool:
    q = select(Matter.id).where(Matter.name == name)
    if except_id is not None:
        q = q.where(Matter.id != except_id)
    return s.scalar(q) is not None


def add_matter(s: Session, actor: Actor, m: MatterInput, filing: Filing, day: dt.date) -> Matter:
    """Inside the caller's transaction (the form and the import share it)."""
    if _name_taken(s, m.name):
        raise ValidationError({"name": f"事项清单中已有“{m.name}”，事项名称不能重复"})
    order = (s.scalar(select(func.max(Matter.sort_order))) or 0) + 1
    matter = Matter(name=m.name, current_version=1, sort_order=order)
    s.add(matter)
    _write_version(s, matter, 1, m, day)
    s.flush()
    _file(s, matter, 1, "新增", filing, actor, day, [(el, "", a) for el, _, a in differences(_BLANK, m)])
    return matter


def apply_change(s: Session, actor: Actor, matter: Matter, m: MatterInput, filing: Filing | None,
                 day: dt.date) -> bool:
    """Write the next version if anything differs; False when the content is unchanged."""
    current = s.scalar(select(MatterVersion).where(MatterVersion.matter_id == matter.id,
                                                   MatterVersion.version == matter.current_version))
    assert current is not None
    changes = differences(to_input(current), m)
    if not changes:
        return False
    if matter.retired:
        raise ServiceError(f"事项“{matter.name}”已下架，不能再调整")
    if filing is None:
        raise ValidationError({"reason": "调整事项须备案：请填写调整原因和调整依据"})
    if m.name != matter.name and _name_taken(s, m.name, matter.id):
        raise ValidationError({"name": f"事项清单中已有“{m.name}”，事项名称不能重复"})
    number = matter.current_version + 1
    _write_version(s, matter, number, m, day)
    matter.current_version = number
    matter.name = m.name
    _file(s, matter, number, "调整", filing, actor, day, changes)
    return True


def create_matter(db: Database, actor: Actor, m: MatterInput, filing: Filing, today: dt.date | None = None) -> int:
    """新增事项: version 1 and its 备案."""
    today = today or db.today()
    m = validate_matter(m, list_departments(db))
    filing = validate_filing(filing)
    with db.session(actor=actor.label, action="新增事项") as s:
        require(s, actor, Right.EDIT_CATALOGUE)
        matter = add_matter(s, actor, m, filing, today)
        s.flush()
        return matter.id


def change_matter(db: Database, actor: Actor, matter_id: int, m: MatterInput, filing: Filing,
                  today: dt.date | None = None) -> bool:
    """调整事项: a new version with its 备案; False (nothing written) if the content is unchanged."""
    today = today or db.today()
    m = validate_matter(m, list_departments(db))
    with db.session(actor=actor.label, action="调整事项") as s:
        require(s, actor, Right.EDIT_CATALOGUE)
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise NotFound("事项不存在")
        current = s.scalar(select(MatterVersion).where(MatterVersion.matter_id == matter.id,
                                                       MatterVersion.version == matter.current_version))
        assert current is not None
        if not differences(to_input(current), m):
            return False
        return apply_change(s, actor, matter, m, validate_filing(filing), today)


def retire_matter(db: Database, actor: Actor, matter_id: int, filing: Filing, today: dt.date | None = None) -> None:
    """下架: the matter leaves the counter's search; its versions and notices stay."""
    today = today or db.today()
    filing = validate_filing(filing)
    with db.session(actor=actor.label, action="下架事项") as s:
        require(s, actor, Right.EDIT_CATALOGUE)
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise NotFound("事项不存在")
        if matter.retired:
            raise ServiceError(f"事项“{matter.name}”已经下架")
        matter.retired = True
        matter.retired_on = today
        _file(s, matter, matter.current_version, "下架", filing, actor, today, [("状态", "在办", "已下架")])


# -- reading ------------------------------------------------------------------------------


def list_matters(db: Database, include_retired: bool = False, search: str = "") -> list[MatterSummary]:
    """The catalogue in its order; ``search`` matches the name, its pinyin initials or full pinyin
    (the shared search index, kept in step by every save)."""
    q = (select(Matter, MatterVersion, func.count(MatterMaterial.id))
         .join(MatterVersion, (MatterVersion.matter_id == Matter.id)
               & (MatterVersion.version == Matter.current_version))
         .outerjoin(MatterMaterial, MatterMaterial.version_id == MatterVersion.id)
         .group_by(Matter.id, MatterVersion.id)
         .order_by(Matter.retired, Matter.sort_order, Matter.id))
    if not include_retired:
        q = q.where(Matter.retired.is_(False))
    if search.strip():
        try:
            with db.engine.connect() as conn:
                found = match_ids(conn, MATTERS.kind, search)
        except ValueError:  # nothing searchable in the text (only spaces or punctuation)
            found = None
        if found is not None:
            q = q.where(Matter.id.in_(found))
    with db.session() as s:
        return [MatterSummary(m.id, m.name, v.category, v.department, v.version, v.promised_days, n,
                              m.retired, m.retired_on) for m, v, n in s.execute(q)]


def find_by_name(db: Database, name: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(Matter.id).where(Matter.name == name.strip()))


@dataclass(frozen=True)
class MatterDetail:
    id: int
    version_id: int
    version: int
    effective_on: dt.date
    retired: bool
    content: MatterInput
    material_ids: tuple[int, ...]


def detail(db: Database, matter_id: int, version: int | None = None) -> MatterDetail:
    """A matter's content at ``version`` (default: current)."""
    with db.session() as s:
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise NotFound("事项不存在")
        v = s.scalar(select(MatterVersion).where(MatterVersion.matter_id == matter_id,
                                                 MatterVersion.version == (version or matter.current_version)))
        if v is None:
            raise NotFound(f"事项“{matter.name}”没有第{version}版")
        return MatterDetail(matter.id, v.id, v.version, v.effective_on, matter.retired, to_input(v),
                            tuple(x.id for x in v.materials))


def version_detail(db: Database, version_id: int) -> MatterDetail:
    with db.session() as s:
        v = s.get(MatterVersion, version_id)
        if v is None:
            raise NotFound("事项版本不存在")
        return detail(db, v.matter_id, v.version)


def history(db: Database, matter_id: int) -> list[HistoryEntry]:
    """Every 备案 of a matter, oldest first, with its element changes."""
    with db.session() as s:
        rows = s.scalars(select(MatterFiling).where(MatterFiling.matter_id == matter_id)
                         .order_by(MatterFiling.id)).all()
        return [HistoryEntry(r.version, r.action, r.reason, r.basis, r.filed_on, r.actor,
                             tuple((c.element, c.before, c.after) for c in r.changes)) for r in rows]
