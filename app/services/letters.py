"""Issuing letters: render, keep every version (bytes + SHA-256, who, when), reprint identically."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.base import utcnow
from app.db.models import InfoRequest, IssuedLetter, LetterTemplate, NumberSequence
from app.letters import compose, fonts, kinds, layout
from app.services import attachments, numbering
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.holidays import provisional_note
from app.services.profile import Profile, get_profile
from app.services.progress import NullProgress, ProgressSink
from app.services.requests import clock, queries
from app.services.requests.intake import add_event
from app.services.requests.queries import ConsultationView
from app.services.rights import Right, require
from app.validation.files import unique_path


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
    number: str  # the letter's own 发文字号 (the request's 申请编号 for letters issued before numbering)
    kind: str
    title: str
    version: int
    letter_date: dt.date
    sha256: str
    size: int
    issued_by: str
    issued_at: dt.datetime
    request_number: str = ""
    consultation_id: int | None = None
    outdated: str = ""  # why it is 已过时 (its record was corrected after issue); "" = current

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.title}.pdf"


def template_body(db: Database, kind: kinds.LetterKind) -> str:
    with db.session() as s:
        return _body(s, kind)


def _body(s: Session, kind: kinds.LetterKind) -> str:
    """The template in force: the office's edited text, else the shipped one."""
    row = s.get(LetterTemplate, kind.code)
    return row.body if row is not None else kind.body


def _prepare(db: Database, d: queries.RequestDetail, kind_code: str, consultation_id: int | None,
             ) -> tuple[kinds.LetterKind, ConsultationView | None, Profile, str]:
    kind = kinds.resolve(kind_code, d)
    c = kinds.consultation_for(kind, d, consultation_id)
    why_not = kind.available(d, c)
    if why_not:
        raise ServiceError(f"不能出具{kind.title}：{why_not}")
    profile = get_profile(db)
    for attr, label in (("full_name", "机关全称"), ("doc_code", "文号代字")):
        if not getattr(profile, attr):
            raise ServiceError(f"机关信息中尚未填写{label}，请系统管理员先填写")
    body = template_body(db, kind)
    problems = kinds.template_problems(kind, body)
    if problems:
        raise ServiceError(f"{kind.name}的文书模板需要更新（{'；'.join(problems)}），请在设置→文书模板中修改或恢复默认")
    return kind, c, profile, body


def _facts(db: Database, d: queries.RequestDetail, kind: kinds.LetterKind, c: ConsultationView | None,
           profile: Profile, day: dt.date, number: str, served: tuple[str, str]) -> compose.Facts:
    """What was true on ``day``, the letter's date: never a later extension or consultation."""
    due, years = clock.due_as_of(d, db.calendar(), profile.answer_days, profile.fee_pauses_clock, day)
    return compose.Facts(
        letter_date=day, number=number, due=due, due_note=provisional_note(years),
        consultation=c, consultations=tuple(x for x in d.consultations if x.sent_date <= day),
        disclosed_parties=frozenset(x.id for x in d.consultations if x.disclose_party),
        served_title=served[0], served_number=served[1])


def render(db: Database, request_id: int, kind_code: str, consultation_id: int | None = None,
           ) -> tuple[kinds.LetterKind, bytes]:
    """Render without storing (a preview; the number shown is the one the letter would get)."""
    d = queries.detail(db, request_id)
    kind, c, profile, body = _prepare(db, d, kind_code, consultation_id)
    day = compose.act_date(kind, d, c) or db.today()
    with db.session() as s:
        served = _served(s, d, kind)
        last = s.get(NumberSequence, (kind.family, day.year))
        number = numbering.format_number(numbering.pattern_for(s, kind.family), profile.doc_code, day.year,
                                         (last.last if last else 0) + 1)
    return kind, _render_pdf(compose.build(kind, d, profile, _facts(db, d, kind, c, profile, day, number, served), body))


def _render_pdf(doc: layout.LetterLayout) -> bytes:
    text = "".join(b.text for b in doc.blocks)
    missing = fonts.missing_characters(text)
    if missing:
        raise MissingGlyphs(missing)
    return layout.render(doc)


def _served(s: Session, d: queries.RequestDetail, kind: kinds.LetterKind) -> tuple[str, str]:
    """The reply letter a 送达回证 is for (its title and number)."""
    if kind.code != "service":
        return "", ""
    row = s.scalars(select(IssuedLetter).where(
        IssuedLetter.request_id == d.id, IssuedLetter.kind.in_([k.code for k in kinds.KINDS if k.is_reply]),
        IssuedLetter.outdated_at.is_(None)).order_by(IssuedLetter.id.desc())).first()
    if row is None:
        raise ServiceError("不能出具送达回证：请先出具答复告知书")
    return row.title, row.doc_number or d.number


def _info(row: IssuedLetter, request_number: str) -> IssuedInfo:
    return IssuedInfo(row.id, row.request_id, row.doc_number or request_number, row.kind, row.title, row.version,
                      row.letter_date, row.sha256, row.size, row.issued_by, row.issued_at, request_number,
                      row.consultation_id, row.outdated_reason if row.outdated_at is not None else "")


def issue(db: Database, actor: Actor, request_id: int, kind_code: str, consultation_id: int | None = None,
          ) -> IssuedInfo:
    """Issue a letter, or hand back the one already issued.

    Reissue semantics: a letter once issued is a fixed document — issuing the same kind
    again (for the same consultation) returns it, same number, same bytes (a reprint is a
    copy).  A new letter is made only when there is none yet, or the earlier one was
    marked 已过时 because its record was corrected, or through :func:`reissue`; a new
    letter after an earlier one of its family is dated the day it is made, gets a new
    发文字号 and states the facts as of that day.  The first letter is dated the day of
    the act it records and states the facts as of that day (a receipt issued after an
    extension still states the original deadline).
    """
    return _issue(db, actor, request_id, kind_code, consultation_id, force_new=False)


def reissue(db: Database, actor: Actor, letter_id: int) -> IssuedInfo:
    """A new letter replacing an issued one: today's date, a new number, today's facts."""
    with db.session() as s:
        row = s.get(IssuedLetter, letter_id)
        if row is None:
            raise NotFound("文书不存在")
        request_id, kind, cons = row.request_id, row.kind, row.consultation_id
    return _issue(db, actor, request_id, kind, cons, force_new=True)


def _issue(db: Database, actor: Actor, request_id: int, kind_code: str, consultation_id: int | None,
           force_new: bool) -> IssuedInfo:
    d = queries.detail(db, request_id)
    kind, c, profile, body = _prepare(db, d, kind_code, consultation_id)
    cons_id = c.id if c else None
    with db.session(actor=actor.label, action=f"出具{kind.title}") as s:
        require(s, actor, Right.ISSUE_LETTER)
        same = s.scalars(select(IssuedLetter).where(
            IssuedLetter.request_id == request_id, IssuedLetter.kind == kind.code,
            IssuedLetter.consultation_id.is_(None) if cons_id is None else IssuedLetter.consultation_id == cons_id,
        ).order_by(IssuedLetter.id.desc())).all()
        if same and same[0].outdated_at is None and not force_new:
            return _info(same[0], d.number)
        family_codes = [k.code for k in kinds.KINDS if k.family == kind.family]
        earlier = s.scalar(select(IssuedLetter.id).where(
            IssuedLetter.request_id == request_id, IssuedLetter.kind.in_(family_codes),
            IssuedLetter.consultation_id.is_(None) if cons_id is None else IssuedLetter.consultation_id == cons_id,
        ).limit(1))
        day = db.today() if earlier is not None else (compose.act_date(kind, d, c) or db.today())
        number, _seq = numbering.next_number(s, kind.family, day.year, profile.doc_code)
        facts = _facts(db, d, kind, c, profile, day, number, _served(s, d, kind))
        pdf = _render_pdf(compose.build(kind, d, profile, facts, body))
        digest = hashlib.sha256(pdf).hexdigest()
        row = IssuedLetter(request_id=request_id, kind=kind.code, title=kind.title, version=len(same) + 1,
                           letter_date=day, sha256=digest, size=len(pdf), pdf=pdf, issued_by=actor.label,
                           doc_number=number, consultation_id=cons_id)
        s.add(row)
        req = s.get(InfoRequest, request_id)
        assert req is not None
        add_event(req, actor, "出具文书", f"{kind.title}{number}（落款{cn_date(day)}，校验值 {digest[:16]}…）",
                  db.today())
        s.flush()
        return _info(row, d.number)


Printed = dict[str, str] | None  # a letter's printed fields (name → text); None: the record no longer calls for it


def printed_values(s: Session, db: Database, d: queries.RequestDetail, profile: Profile) -> dict[int, Printed]:
    """For each current letter of the request, what its template prints as the record stands in ``s``.

    Why: a correction outdates exactly the letters that print something it changed.  Which fields a
    letter prints is read from its template (the ``{字段}`` placeholders of the text in force), and
    each is computed the way the letter computes it (compose.fields_for, facts as of the letter's
    own date and 文号) — so a corrected 提供的信息 outdates the reply, not the 接收回执 or 送达回证, and a
    corrected 收到日期 outdates every letter that states it or a deadline counted from it.  A letter
    the record no longer calls for (its decision or consultation undone or changed) gets None.
    """
    rows = s.scalars(select(IssuedLetter).where(IssuedLetter.request_id == d.id,
                                                IssuedLetter.outdated_at.is_(None))).all()
    return {row.id: _printed(s, db, d, profile, row) for row in rows}


def _printed(s: Session, db: Database, d: queries.RequestDetail, profile: Profile, row: IssuedLetter) -> Printed:
    kind = kinds.BY_CODE.get(row.kind)
    c = next((x for x in d.consultations if x.id == row.consultation_id), None)
    if kind is None or (row.consultation_id is not None and c is None) or kind.available(d, c) is not None:
        return None
    body = _body(s, kind)
    try:
        facts = _facts(db, d, kind, c, profile, row.letter_date, row.doc_number or d.number, _served(s, d, kind))
        values = compose.fields_for(kind, d, profile, facts)
    except ServiceError:
        return None
    return {name: values.get(name, "") for name in kinds.FIELD_RE.findall(body)}


def mark_outdated(s: Session, reason: str, before: dict[int, Printed], now: dict[int, Printed]) -> list[int]:
    """Inside a correction's transaction: the letters whose printed values differ between ``before``
    and ``now`` (printed_values around the change) become 已过时 — never changed themselves, they are
    what was sent; the next issue makes a new letter.  Returns their ids."""
    ids = [letter_id for letter_id, values in before.items() if now.get(letter_id) != values]
    for letter_id in ids:
        row = s.get(IssuedLetter, letter_id)
        assert row is not None
        row.outdated_at = utcnow()
        row.outdated_reason = reason.strip() or "记录已更正"
    return ids


def letter_pdf(db: Database, letter_id: int) -> bytes:
    with db.session() as s:
        row = s.get(IssuedLetter, letter_id)
        if row is None:
            raise NotFound("文书不存在")
        return attachments.verified(row.pdf, row.sha256, "文书")


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
    """Write each letter's PDF into ``folder``.

    Names come from record data, so they are made safe on Windows too (no drive
    letters, "..", reserved names or "\\"), and an existing file is never replaced:
    the new one is saved as "名称 (2).pdf" (created exclusively, so not even a file
    appearing meanwhile is overwritten).
    """
    progress = progress or NullProgress()
    folder.mkdir(parents=True, exist_ok=True)
    for i, info in enumerate(letters, start=1):
        progress.check()
        progress.report(i - 1, len(letters), f"正在导出 {info.filename}")
        data = letter_pdf(db, info.id)
        while True:
            try:
                with unique_path(folder, info.filename).open("xb") as f:
                    f.write(data)
                break
            except FileExistsError:
                continue
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
    with db.session(actor=actor.label, action=f"修改{kind.name}模板") as s:
        require(s, actor, Right.EDIT_TEMPLATES, "只有系统管理员可以修改文书模板")
        row = s.get(LetterTemplate, kind_code)
        if row is None:
            s.add(LetterTemplate(kind=kind_code, body=body))
        else:
            row.body = body


def reset_template(db: Database, actor: Actor, kind_code: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以修改文书模板")
    with db.session(actor=actor.label, action="恢复默认文书模板") as s:
        require(s, actor, Right.EDIT_TEMPLATES, "只有系统管理员可以修改文书模板")
        row = s.get(LetterTemplate, kind_code)
        if row is not None:
            s.delete(row)


def kind_list() -> list[tuple[str, str]]:
    return [("reply", "答复告知书（按办理结果自动选择）")] + [(k.code, k.name) for k in kinds.KINDS]



# -- delivery and numbering settings ------------------------------------------------------
_DELIVERED = {"correction": "correction", "fee": "fee", "consult_party": "consultation",
              "consult_agency": "consultation"}


def record_letter_delivery(db: Database, actor: Actor, letter_id: int, day: dt.date, method: str,
                           today: dt.date | None = None) -> dt.date:
    """送达 of an issued letter whose period runs from receipt; returns the deadline now in force."""
    from app.services.requests import delivery

    with db.session() as s:
        row = s.get(IssuedLetter, letter_id)
        if row is None:
            raise NotFound("文书不存在")
        kind, request_id, cons = row.kind, row.request_id, row.consultation_id
    if kind not in _DELIVERED:
        raise ServiceError("这种文书的期限不从送达之日起计算，无需在此登记送达（答复的送达请用“送达”操作登记）")
    return delivery.record_delivery(db, actor, request_id, _DELIVERED[kind], day, method, cons, today=today)


def other_documents() -> dict[str, str]:
    """Numbered documents besides the request letters — title → number kind.  Their 文号 formats are
    edited in 设置 → 文书模板 beside the letters' (their text follows from the record, no template)."""
    from app.services.complaints import decision_print, ledger
    from app.services.supervision import assessment_notices, assessment_print

    return {decision_print.TITLE: ledger.DECISION_NUMBER.key,
            assessment_print.NOTICE_TITLE: assessment_notices.NOTICE_NUMBER.key}


def number_patterns(db: Database) -> list[tuple[str, str, str]]:
    """(number kind, label, pattern in force) for each letter family and each other numbered document."""
    keys = [*kinds.NUMBER_FAMILIES, *other_documents().values()]
    with db.session() as s:
        return [(key, numbering.kind(key).label, numbering.pattern_for(s, key)) for key in keys]


def set_number_pattern(db: Database, actor: Actor, family: str, pattern: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以修改发文字号格式")
    if family not in kinds.NUMBER_FAMILIES and family not in other_documents().values():
        raise ValidationError({"family": "没有这种文书编号"})
    with db.session(actor=actor.label, action=f"修改{numbering.kind(family).label}格式") as s:
        require(s, actor, Right.EDIT_TEMPLATES, "只有系统管理员可以修改文号格式")
        numbering.set_pattern(s, family, pattern)
