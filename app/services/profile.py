"""The bureau's own details (机关信息) and departments."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

from sqlalchemy import func, select

from app.db import Database
from app.db.base import settings_row
from app.db.models import AgencyProfile, Department, User
from app.db.models.profile import DEFAULT_NUMBER_PATTERN
from app.services import numbering
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ValidationError
from app.services.rights import Right, require
from app.validation import contact
from app.validation.text import Invalid, clean_text


@dataclass
class Profile:
    full_name: str = ""
    doc_code: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    window_location: str = ""
    window_hours: str = ""
    disclosure_office: str = ""
    reconsideration_body: str = ""
    court: str = ""
    answer_days: int = 20
    extension_days: int = 20
    fee_pauses_clock: bool = True
    number_pattern: str = DEFAULT_NUMBER_PATTERN

    @property
    def is_complete(self) -> bool:
        """Every value some letter prints is filled in (see missing_for_letters)."""
        return not self.missing_for_letters()

    def missing_for_letters(self) -> list[str]:
        """Labels of the values letters print that are still empty: a letter is refused rather
        than printed with a blank (the receipt's window and phone, the remedy clause's bodies)."""
        needed = {"full_name": self.full_name, "doc_code": self.doc_code, "phone": self.phone,
                  "window_location": self.window_location or self.address,
                  "reconsideration_body": self.reconsideration_body, "court": self.court}
        return [LABELS[k] for k, v in needed.items() if not str(v).strip()]


STATUTE_DAYS = 20

LABELS = {
    "full_name": "机关全称",
    "doc_code": "文号代字",
    "address": "通信地址",
    "postcode": "邮政编码",
    "phone": "联系电话",
    "window_location": "受理窗口地点",
    "window_hours": "受理时间",
    "disclosure_office": "政府信息公开工作机构",
    "reconsideration_body": "行政复议机关",
    "court": "管辖人民法院",
    "answer_days": "答复期限（工作日）",
    "extension_days": "延期上限（工作日）",
    "fee_pauses_clock": "缴费期间暂停计时",
    "number_pattern": "申请编号格式",
}


def get_profile(db: Database) -> Profile:
    with db.session() as s:
        row = s.get(AgencyProfile, 1)
        if row is None:
            return Profile()
        return Profile(**{f.name: getattr(row, f.name) for f in fields(Profile)})


def validate_profile(p: Profile) -> None:
    errors: dict[str, str] = {}
    if not p.full_name.strip():
        errors["full_name"] = "请填写机关全称"
    if not p.doc_code.strip():
        errors["doc_code"] = "请填写文号代字，例如“财公开”"
    elif re.search(r"[\s〔〕\[\]{}]", p.doc_code):
        errors["doc_code"] = "文号代字不能包含空格或括号"
    if p.postcode and not re.fullmatch(r"\d{6}", p.postcode):
        errors["postcode"] = "邮政编码应为6位数字"
    # 第三十三条: 20 working days each at most; an office may set itself a shorter period, never longer.
    if not 1 <= p.answer_days <= STATUTE_DAYS:
        errors["answer_days"] = f"答复期限应在1到{STATUTE_DAYS}个工作日之间（条例第三十三条：不得超过{STATUTE_DAYS}个工作日，可以更短）"
    if not 0 <= p.extension_days <= STATUTE_DAYS:
        errors["extension_days"] = f"延期上限应在0到{STATUTE_DAYS}个工作日之间（条例第三十三条：延长的期限最长不得超过{STATUTE_DAYS}个工作日）"
    if p.phone:
        try:
            contact.phone(p.phone)
        except Invalid as exc:
            errors["phone"] = str(exc)
    if p.address:
        try:
            clean_text(p.address, AgencyProfile.__table__.c["address"].type.length)
        except Invalid as exc:
            errors["address"] = f"通信地址{exc}"
        else:
            if len(p.address) < 6 or not re.search(r"[\u4e00-\u9fff]", p.address):
                errors["address"] = "请写明完整的通信地址（省、市、县及街道门牌），文书和回执会印出"
    try:
        numbering.check_pattern(p.number_pattern)
    except ValidationError as exc:
        errors["number_pattern"] = "申请" + exc.fields["pattern"]
    for name in LABELS:
        value = getattr(p, name)
        if isinstance(value, str) and len(value) > AgencyProfile.__table__.c[name].type.length:
            errors[name] = f"{LABELS[name]}过长"
    if errors:
        raise ValidationError(errors)


def save_profile(db: Database, actor: Actor, p: Profile) -> Profile:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以修改机关信息")
    p = Profile(**{k: v.strip() if isinstance(v, str) else v for k, v in asdict(p).items()})
    validate_profile(p)
    with db.session(actor=actor.label, action="修改机关信息") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改机关信息和科室")
        row = settings_row(s, AgencyProfile)
        for f in fields(Profile):
            setattr(row, f.name, getattr(p, f.name))
    return p


def list_departments(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Department.name).order_by(Department.sort_order, Department.id)))


def add_department(db: Database, actor: Actor, name: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以管理科室")
    name = name.strip()
    if not name:
        raise ValidationError({"department": "请填写科室名称"})
    if len(name) > 60:
        raise ValidationError({"department": "科室名称不超过60个字符"})
    with db.session(actor=actor.label, action="添加科室") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改机关信息和科室")
        if s.scalar(select(Department).where(Department.name == name)):
            raise ValidationError({"department": f"已有科室“{name}”"})
        order = (s.scalar(select(func.max(Department.sort_order))) or 0) + 1
        s.add(Department(name=name, sort_order=order))


def rename_department(db: Database, actor: Actor, old: str, new: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以管理科室")
    new = new.strip()
    if not new:
        raise ValidationError({"department": "请填写科室名称"})
    with db.session(actor=actor.label, action="修改科室") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改机关信息和科室")
        dept = s.scalar(select(Department).where(Department.name == old))
        if dept is None:
            raise NotFound(f"没有科室“{old}”")
        if new != old and s.scalar(select(Department).where(Department.name == new)):
            raise ValidationError({"department": f"已有科室“{new}”"})
        dept.name = new


def remove_department(db: Database, actor: Actor, name: str) -> None:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以管理科室")
    with db.session(actor=actor.label, action="删除科室") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改机关信息和科室")
        dept = s.scalar(select(Department).where(Department.name == name))
        if dept is None:
            raise NotFound(f"没有科室“{name}”")
        staff = s.scalar(select(func.count()).select_from(User).where(User.department_id == dept.id))
        if staff:
            raise ValidationError({"department": f"科室“{name}”还有{staff}名用户，请先调整他们的科室"})
        s.delete(dept)
