"""Issuing letters: render, keep every version (bytes + SHA-256, who, when), reprint identically."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db import Database
from app.db.models import InfoRequest, IssuedLetter, LetterTemplate
from app.letters import compose, fonts, kinds, layout
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.profile import get_profile
from app.services.progress import NullProgress, ProgressSink
from app.services.requests import queries
from app.services.requests.intake import add_event


class MissingGlyphs(ServiceError):
    """Characters no font can draw: refuse rather than print boxes."""

    def __init__(self, chars: list[str]) -> None:
        self.chars = chars
        listed = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in chars)
        super().__init__(f"以下字符在本机所有可用字体中都没有，打印会显示为方框：{listed}。"
                         "请安装包含该字的字体（如仿宋_GB2312、宋体或花园明朝），或修改相关文字后再出具。")


@dataclass(frozen=True)
class IssuedInfo:
    id: int
    request_id: int
    number: str
    kind: str
    title: str
    version: int
    letter_date: dt.date
    sha256: str
    size: int
    issued_by: str
    issued_at: dt.datetime

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.title}-第{self.version}版.pdf"


def template_body(db: Database, kind: kinds.LetterKind) -> str:
    with db.session() as s:
        row = s.get(LetterTemplate, kind.code)
        return row.body if row is not None else kind.body


def render(db: Database, request_id: int, kind_code: str) -> tuple[kinds.LetterKind, bytes]:
    """Render without storing (preview of what would be issued)."""
    return _render(db, queries.detail(db, request_id), kind_code)


def _render(db: Database, d: queries.RequestDetail, kind_code: str) -> tuple[kinds.LetterKind, bytes]:
    kind = kinds.resolve(kind_code, d)
    why_not = kind.available(d)
    if why_not:
        raise ServiceError(f"不能出具{kind.title}：{why_not}")
    profile = get_profile(db)
    if not profile.full_name:
        raise ServiceError("机关信息中尚未填写机关全称，请系统管理员先填写")
    doc = compose.build(kind, d, profile, template_body(db, kind))
    text = "".join(b.text for b in doc.blocks)
    missing = fonts.missing_characters(text)
    if missing:
        raise MissingGlyphs(missing)
    return kind, layout.render(doc)


def _info(row: IssuedLetter, number: str) -> IssuedInfo:
    return IssuedInfo(row.id, row.request_id, number, row.kind, row.title, row.version, row.letter_date,
                      row.sha256, row.size, row.issued_by, row.issued_at)


def issue(db: Database, actor: Actor, request_id: int, kind_code: str) -> IssuedInfo:
    """Render and store.  Same content as the last version → that version (no new row)."""
    d = queries.detail(db, request_id)
    kind, pdf = _render(db, d, kind_code)
    digest = hashlib.sha256(pdf).hexdigest()
    with db.session(actor=actor.label, action=f"出具{kind.title}") as s:
        latest = s.scalars(select(IssuedLetter).where(IssuedLetter.request_id == request_id,
                                                      IssuedLetter.kind == kind.code)
                           .order_by(IssuedLetter.version.desc())).first()
        if latest is not None and latest.sha256 == digest:
            return _info(latest, d.number)
        row = IssuedLetter(request_id=request_id, kind=kind.code, title=kind.title,
                           version=(latest.version + 1) if latest else 1,
                           letter_date=compose.letter_date(kind, d), sha256=digest, size=len(pdf), pdf=pdf,
                           issued_by=actor.label)
        s.add(row)
        req = s.get(InfoRequest, request_id)
        assert req is not None
        add_event(req, actor, "出具文书", f"{kind.title}第{row.version}版（SHA-256 {digest[:16]}…）", db.today())
        s.flush()
        return _info(row, d.number)


def letter_pdf(db: Database, letter_id: int) -> bytes:
    with db.session() as s:
        row = s.get(IssuedLetter, letter_id)
        if row is None:
            raise NotFound("文书不存在")
        if hashlib.sha256(row.pdf).hexdigest() != row.sha256:
            raise ServiceError("文书内容与出具时的校验值不一致，可能已被篡改")
        return row.pdf


def issued_for(db: Database, request_id: int) -> list[IssuedInfo]:
    with db.session() as s:
        rows = s.execute(select(IssuedLetter, InfoRequest.number).join(InfoRequest)
                         .where(IssuedLetter.request_id == request_id).order_by(IssuedLetter.id)).all()
        return [_info(r, n) for r, n in rows]


def issued_between(db: Database, start: dt.date, end: dt.date) -> list[IssuedInfo]:
    """Letters whose issue time falls on the given local days (for batch printing)."""
    lo = dt.datetime.combine(start, dt.time.min).astimezone(dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min).astimezone(dt.UTC)
    with db.session() as s:
        rows = s.execute(select(IssuedLetter, InfoRequest.number).join(InfoRequest)
                         .where(IssuedLetter.issued_at >= lo, IssuedLetter.issued_at < hi)
                         .order_by(IssuedLetter.id)).all()
        return [_info(r, n) for r, n in rows]


def export_batch(db: Database, letters: list[IssuedInfo], folder: Path,
                 progress: ProgressSink | None = None) -> int:
    progress = progress or NullProgress()
    folder.mkdir(parents=True, exist_ok=True)
    for i, info in enumerate(letters, start=1):
        progress.check()
        progress.report(i - 1, len(letters), f"正在导出 {info.filename}")
        (folder / info.filename.replace("/", "_")).write_bytes(letter_pdf(db, info.id))
    progress.report(len(letters), len(letters), "完成")
    return len(letters)


def issue_batch(db: Database, actor: Actor, request_ids: list[int], kind_code: str,
                progress: ProgressSink | None = None) -> tuple[list[IssuedInfo], list[str]]:
    """Issue one kind for many requests; requests not in the right state are listed, not fatal."""
    progress = progress or NullProgress()
    done, skipped = [], []
    for i, rid in enumerate(request_ids, start=1):
        progress.check()
        progress.report(i - 1, len(request_ids), f"正在生成第{i}/{len(request_ids)}份")
        try:
            done.append(issue(db, actor, rid, kind_code))
        except ServiceError as exc:
            skipped.append(f"{queries.detail(db, rid).number}：{exc}")
    progress.report(len(request_ids), len(request_ids), "完成")
    return done, skipped


# -- templates -------------------------------------------------------------------------
def save_template(db: Database, actor: Actor, kind_code: str, body: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以修改文书模板")
    kind = kinds.BY_CODE[kind_code]
    problems = kinds.template_problems(kind, body)
    if problems:
        raise ValidationError({"body": "；".join(problems)})
    with db.session(actor=actor.label, action=f"修改{kind.title}模板") as s:
        row = s.get(LetterTemplate, kind_code)
        if row is None:
            s.add(LetterTemplate(kind=kind_code, body=body))
        else:
            row.body = body


def reset_template(db: Database, actor: Actor, kind_code: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以修改文书模板")
    with db.session(actor=actor.label, action="恢复默认文书模板") as s:
        row = s.get(LetterTemplate, kind_code)
        if row is not None:
            s.delete(row)


def kind_list() -> list[tuple[str, str]]:
    return [("reply", "答复告知书（按办理结果自动选择）")] + [(k.code, k.title) for k in kinds.KINDS]

