"""The counter checklist and the numbered 一次性告知书 (seed 000 三（三）, seed 004 六, 条例第三十条).

The clerk marks each material of the matter's current version; everything not
brought, not applicable-by-exception, or brought but defective is listed at once.
Issuing numbers the notice (gap-free per year, a setting pattern), renders the
PDF on the letter typesetter, stores it with its SHA-256 and links it to the
matter version it was given from.  A notice with nothing missing is refused:
the materials are complete and the matter can be accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from app.db import Database
from app.db.models import InfoRequest, MatterVersion, Notice, NoticeItem
from app.letters import fonts, layout
from app.services import attachments, numbering
from app.services.actor import Actor
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import GOV_INFO_CATEGORY, MaterialInput
from app.services.errors import NotFound, ServiceError, ValidationError
from app.services.letters import MissingGlyphs
from app.services.notices import document
from app.services.profile import get_profile
from app.services.rights import ROLE_RIGHTS, Right, require
from app.validation import contact
from app.validation.text import Invalid, clean_text, normalise_identifier

NOTICE = numbering.register_kind("notice", "一次性告知书编号", "{文号代字}告〔{年}〕{序号}号")

BROUGHT, MISSING, DEFECTIVE, NOT_APPLICABLE = "已提交", "缺少", "不符合要求", "不适用"
MARKS = (MISSING, BROUGHT, DEFECTIVE, NOT_APPLICABLE)
PENDING, COMPLETED, NOT_RETURNED = "待补齐", "已补齐", "未再来办理"
STATES = (PENDING, COMPLETED, NOT_RETURNED)


@dataclass(frozen=True)
class Mark:
    status: str = MISSING
    reason: str = ""


@dataclass
class NoticeInput:
    matter_id: int
    applicant_name: str = ""
    contact_phone: str = ""
    marks: dict[int, Mark] = field(default_factory=dict)  # material id → mark; unmarked = 缺少
    clerk_phone: str = ""
    request_id: int | None = None
    remarks: str = ""


@dataclass(frozen=True)
class Item:
    """A line of the notice: the material, what is wrong, and what it must be."""

    material_id: int | None
    name: str
    problem: str
    reason: str
    requirement: str


def requirement_text(x: MaterialInput) -> str:
    """Form, copies, medium, requirement, condition and source in one sentence."""
    parts = [f"{x.original}{x.copies}份，{x.medium}"]
    if not x.required:
        parts.append(f"适用于：{x.condition}")
    if x.requirement:
        parts.append(x.requirement.rstrip("。；;"))
    if x.source:
        parts.append(f"来源：{x.source}")
    return "；".join(parts)


def missing_items(materials: list[tuple[int, MaterialInput]], marks: dict[int, Mark]) -> list[Item]:
    """Everything still to bring, in catalogue order (the UI shows this live; issue prints it)."""
    out = []
    for mid, x in materials:
        mark = marks.get(mid, Mark())
        if mark.status in (BROUGHT, NOT_APPLICABLE):
            continue
        out.append(Item(mid, x.name, DEFECTIVE if mark.status == DEFECTIVE else MISSING, mark.reason.strip(),
                        requirement_text(x)))
    return out


def can_issue(actor: Actor) -> bool:
    """A hint for the window; the service checks the current role again."""
    return actor.role is not None and Right.ISSUE_NOTICE in ROLE_RIGHTS[actor.role]


def validate_notice(n: NoticeInput, materials: list[tuple[int, MaterialInput]]) -> tuple[NoticeInput, list[Item]]:
    """The one check of a notice (window and CLI); returns the cleaned input and its items."""
    e: dict[str, str] = {}
    try:
        name = clean_text(n.applicant_name, 100)
        if not name:
            e["applicant_name"] = "请填写申请人姓名或单位名称"
    except Invalid as exc:
        name, e["applicant_name"] = "", f"申请人{exc}"
    phones = {}
    for key, label in (("contact_phone", "联系电话"), ("clerk_phone", "经办人电话")):
        try:
            phones[key] = contact.phone(getattr(n, key))
        except Invalid as exc:
            phones[key], e[key] = "", str(exc) if getattr(n, key).strip() else f"请填写{label}"
    try:
        remarks = clean_text(n.remarks, 500, multiline=True)
    except Invalid as exc:
        remarks, e["remarks"] = "", f"备注{exc}"
    by_id = dict(materials)
    problems = []
    for mid, mark in n.marks.items():
        x = by_id.get(mid)
        if x is None:
            problems.append("勾选的材料不属于该事项的现行版本，请重新打开清单")
        elif mark.status not in MARKS:
            problems.append(f"“{x.name}”的状态应为{'、'.join(MARKS)}之一")
        elif mark.status == NOT_APPLICABLE and x.required:
            problems.append(f"“{x.name}”是必需材料，不能标为不适用")
        elif mark.status == DEFECTIVE and not mark.reason.strip():
            problems.append(f"“{x.name}”不符合要求：请写明哪里不符合要求")
        elif len(mark.reason) > 500:
            problems.append(f"“{x.name}”的说明不能超过500个字")
    items = missing_items(materials, n.marks) if not problems else []
    if not problems and not items:
        problems.append("材料已齐全，无需出具一次性告知书，可直接受理")
    if problems:
        e["materials"] = "；".join(problems)
    if e:
        raise ValidationError(e)
    clean = NoticeInput(n.matter_id, name, phones["contact_phone"], dict(n.marks), phones["clerk_phone"],
                        n.request_id, remarks)
    return clean, items


def missing_text(items: list[Item]) -> str:
    """The items in one line, as the register lists them and the Excel export writes them."""
    return "；".join(it.name + ("" if it.problem == MISSING else f"（{it.problem}）") for it in items)


def person_key(name: str, phone: str) -> str:
    """The same person: name without spaces and the phone's digits."""
    return f"{''.join(name.split())}|{normalise_identifier(phone)}"[:160]


def checklist(db: Database, matter_id: int) -> catalogue.MatterDetail:
    """The matter's current version for the counter (refused for a 下架 matter)."""
    d = catalogue.detail(db, matter_id)
    if d.retired:
        raise ServiceError(f"事项“{d.content.name}”已下架，不能再出具一次性告知书")
    return d


def issue_notice(db: Database, actor: Actor, data: NoticeInput, today: dt.date | None = None) -> int:
    """出具一次性告知书: validate, number, render, store — one transaction; returns the notice id."""
    today = today or db.today()
    d = checklist(db, data.matter_id)
    materials = list(zip(d.material_ids, d.content.materials, strict=True))
    clean, items = validate_notice(data, materials)
    profile = get_profile(db)
    if not (profile.full_name and profile.doc_code):
        raise ServiceError("机关信息中尚未填写机关全称和文号代字，无法编号出具。请系统管理员先在“设置 → 机关信息”中填写。")
    if clean.request_id is not None and d.content.category != GOV_INFO_CATEGORY:
        raise ValidationError({"request": f"只有“{GOV_INFO_CATEGORY}”类事项的告知书可以关联申请的补正"})
    with db.session(actor=actor.label, action="出具一次性告知书") as s:
        require(s, actor, Right.ISSUE_NOTICE)
        if clean.request_id is not None and s.get(InfoRequest, clean.request_id) is None:
            raise NotFound("关联的申请不存在")
        number, seq = numbering.next_number(s, NOTICE.key, today.year, profile.doc_code)
        clerk = actor.full_name or actor.label
        doc = document.NoticeDoc(number=number, day=today, applicant=clean.applicant_name,
                                 phone=clean.contact_phone, matter=d.content, version=d.version, items=items,
                                 clerk=clerk, clerk_phone=clean.clerk_phone, agency=profile.full_name)
        built = document.build(doc)
        missing = fonts.missing_characters("".join(b.text for b in built.blocks))
        if missing:
            raise MissingGlyphs(missing)
        pdf = layout.render(built)
        row = Notice(number=number, year=today.year, seq=seq, notice_date=today,
                     applicant_name=clean.applicant_name, contact_phone=clean.contact_phone,
                     person_key=person_key(clean.applicant_name, clean.contact_phone), matter_id=d.id,
                     matter_version_id=d.version_id, matter_name=d.content.name, matter_version=d.version,
                     clerk=clerk, clerk_label=actor.label, clerk_phone=clean.clerk_phone, state=PENDING,
                     request_id=clean.request_id, remarks=clean.remarks,
                     missing=missing_text(items),
                     sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf), pdf=pdf)
        row.items = [NoticeItem(position=i, material_id=it.material_id, material_name=it.name, problem=it.problem,
                                reason=it.reason, requirement=it.requirement) for i, it in enumerate(items, 1)]
        s.add(row)
        s.flush()
        return row.id


def notice_pdf(db: Database, notice_id: int) -> bytes:
    """The issued PDF, byte for byte (refused if it no longer matches its checksum)."""
    with db.session() as s:
        row = s.get(Notice, notice_id)
        if row is None:
            raise NotFound("告知书不存在")
        return attachments.verified(row.pdf, row.sha256, "告知书")


def _transition(db: Database, actor: Actor, notice_id: int, day: dt.date | None, action: str) -> None:
    today = db.today()
    day = day or today
    with db.session(actor=actor.label, action=action) as s:
        require(s, actor, Right.ISSUE_NOTICE)
        row = s.get(Notice, notice_id)
        if row is None:
            raise NotFound("告知书不存在")
        if row.state != PENDING:
            raise ServiceError(f"告知书{row.number}已是“{row.state}”，不能再{action}")
        if day < row.notice_date or day > today:
            raise ValidationError({"day": "日期应在告知之日和今天之间"})
        if action == "确认已补齐":
            row.state, row.completed_on = COMPLETED, day
        else:
            row.state, row.closed_on = NOT_RETURNED, day


def mark_completed(db: Database, actor: Actor, notice_id: int, day: dt.date | None = None) -> None:
    """The person came back with everything: 待补齐 → 已补齐 (then the matter can be started)."""
    _transition(db, actor, notice_id, day, "确认已补齐")


def mark_not_returned(db: Database, actor: Actor, notice_id: int, day: dt.date | None = None) -> None:
    """待补齐 → 未再来办理."""
    _transition(db, actor, notice_id, day, "标记未再来办理")


def link_request(db: Database, actor: Actor, notice_id: int, request_id: int) -> None:
    """Link a 政府信息公开申请 notice to the request whose 补正 it served."""
    with db.session(actor=actor.label, action="关联申请补正") as s:
        require(s, actor, Right.ISSUE_NOTICE)
        row = s.get(Notice, notice_id)
        req = s.get(InfoRequest, request_id)
        if row is None or req is None:
            raise NotFound("告知书或申请不存在")
        version = s.get(MatterVersion, row.matter_version_id)
        assert version is not None
        if version.category != GOV_INFO_CATEGORY:
            raise ServiceError(f"只有“{GOV_INFO_CATEGORY}”类事项的告知书可以关联申请的补正")
        row.request_id = request_id


def correction_items(db: Database, notice_id: int) -> str:
    """The notice's items as the text of a request's 补正事项 (the request tab's 补正 action uses it)."""
    with db.session() as s:
        row = s.get(Notice, notice_id)
        if row is None:
            raise NotFound("告知书不存在")
        lines = []
        for n, it in enumerate(row.items, start=1):
            text = f"{n}. {it.problem}：{it.material_name}（{it.requirement}）"
            if it.reason:
                text += f"，{it.reason}"
            lines.append(text)
        return f"见一次性告知书{row.number}：\n" + "\n".join(lines)


def notice_pattern(db: Database) -> str:
    with db.session() as s:
        return numbering.pattern_for(s, NOTICE.key)


def set_notice_pattern(db: Database, actor: Actor, pattern: str) -> None:
    """告知书编号格式 (a setting, like the request numbers)."""
    with db.session(actor=actor.label, action="修改告知书编号格式") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改告知书编号格式")
        numbering.set_pattern(s, NOTICE.key, pattern)
