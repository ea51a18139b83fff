"""The elements of a matter (事项要素) and their one validation function.

The element list is the single description the form, the Excel columns, the
change history and the 办事指南 all read: key, the label the user sees, whether
it is required and how long it may be.  ``validate_matter`` is the one place a
matter's content is checked, for the window, the Excel import and the CLI alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from app.services.errors import ValidationError
from app.validation import Field, Schema

CATEGORIES = ("行政许可", "行政确认", "公共服务", "依申请公开", "其他")
GOV_INFO_CATEGORY = "依申请公开"
# seed 001 附件3 第四条: why a catalogue is adjusted
REASONS = ("法律法规立改废", "要素变化", "职能调整", "其他")
ORIGINALS = ("原件", "复印件", "原件及复印件")
MEDIA = ("纸质", "电子", "纸质或电子")
DISCLOSURE_METHODS = ("主动公开", "依申请公开")
NO_FEE = "不收费"
MAX_DAYS = 365


@dataclass(frozen=True)
class Element:
    key: str
    label: str
    required: bool = True
    limit: int = 2000
    kind: str = "text"  # text | int | choice
    choices: tuple[str, ...] = ()


ELEMENTS: tuple[Element, ...] = (
    Element("category", "事项类别", kind="choice", choices=CATEGORIES),
    Element("implementing_body", "实施主体", limit=100),
    Element("department", "承办科室", limit=60),
    Element("legal_basis", "设定依据"),
    Element("conditions", "办理条件"),
    Element("procedure", "办理流程"),
    Element("fee_standard", "收费标准", required=False),
    Element("fee_basis", "收费依据", required=False),
    Element("statutory_days", "法定时限（工作日）", kind="int"),
    Element("promised_days", "承诺时限（工作日）", kind="int"),
    Element("place", "办理地点", limit=200),
    Element("service_window", "办理窗口", required=False, limit=100),
    Element("hours", "办理时间", limit=200),
    Element("enquiry_phone", "咨询电话", limit=60),
    Element("complaint_phone", "监督投诉电话", limit=60),
    Element("disclosure_content", "公开内容"),
    Element("update_time", "信息更新时间", limit=200),
    Element("disclosure_subject", "公开主体", limit=100),
    Element("guarantee_unit", "信息保障单位", required=False, limit=100),
    Element("disclosure_channel", "公开渠道", limit=200),
    Element("disclosure_column", "公开栏目", required=False, limit=200),
    Element("disclosure_basis", "公开依据", required=False),
    Element("audience", "公开对象", limit=100),
    Element("disclosure_method", "公开方式", kind="choice", choices=DISCLOSURE_METHODS),
)
BY_KEY = {e.key: e for e in ELEMENTS}
NAME_LABEL = "事项名称"
MATERIALS_LABEL = "申请材料"
NAME_LIMIT = 100


@dataclass(frozen=True)
class MaterialInput:
    name: str = ""
    original: str = "原件"
    copies: int = 1
    medium: str = "纸质"
    required: bool = True
    condition: str = ""
    requirement: str = ""
    source: str = ""

    def describe(self) -> str:
        """One line, as the history and the Excel comparison show a material."""
        need = "必需" if self.required else f"情形：{self.condition}"
        text = f"{self.name}（{self.original}{self.copies}份，{self.medium}，{need}）"
        if self.requirement:
            text += f"要求：{self.requirement}"
        if self.source:
            text += f"；来源：{self.source}"
        return text


@dataclass(frozen=True)
class MatterInput:
    """A matter's content as typed in the form or read from an Excel row."""

    name: str = ""
    category: str = CATEGORIES[0]
    implementing_body: str = ""
    department: str = ""
    legal_basis: str = ""
    conditions: str = ""
    procedure: str = ""
    fee_standard: str = NO_FEE
    fee_basis: str = ""
    statutory_days: int = 20
    promised_days: int = 20
    place: str = ""
    service_window: str = ""
    hours: str = ""
    enquiry_phone: str = ""
    complaint_phone: str = ""
    disclosure_content: str = ""
    update_time: str = ""
    disclosure_subject: str = ""
    guarantee_unit: str = ""
    disclosure_channel: str = ""
    disclosure_column: str = ""
    disclosure_basis: str = ""
    audience: str = ""
    disclosure_method: str = DISCLOSURE_METHODS[0]
    materials: tuple[MaterialInput, ...] = field(default_factory=tuple)

    @property
    def is_free(self) -> bool:
        return self.fee_standard in ("", NO_FEE)


def _norm(text: object) -> str:
    """Strip, and normalise line ends so the form, Excel and the database compare equal."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def clean_matter(m: MatterInput) -> MatterInput:
    values = {f.name: _norm(getattr(m, f.name)) for f in fields(MatterInput)
              if isinstance(getattr(m, f.name), str)}
    if not values["fee_standard"]:
        values["fee_standard"] = NO_FEE
    mats = tuple(replace(x, **{f.name: _norm(getattr(x, f.name)) for f in fields(MaterialInput)
                               if isinstance(getattr(x, f.name), str)}) for x in m.materials)
    return replace(m, materials=mats, **values)


def _field(e: Element) -> Field:
    kind = "phone" if e.key.endswith("phone") else ("multiline" if e.limit > 200 else "text")
    return Field(e.key, e.label, max(e.limit, 20), kind=kind, choices=e.choices,
                 required=(f"请选择{e.label}" if e.choices else f"请填写{e.label}") if e.required else "")


# The shared field checks (control characters, length, printable, phone numbers) for every way in.
MATTER_SCHEMA = Schema([Field("name", NAME_LABEL, NAME_LIMIT, required="请填写事项名称")]
                       + [_field(e) for e in ELEMENTS if e.kind != "int"])
MATERIAL_SCHEMA = Schema([
    Field("name", "材料名称", 200, required="不能为空"),
    Field("original", "原件/复印件", 10, choices=ORIGINALS, required="不能为空"),
    Field("medium", "纸质/电子", 10, choices=MEDIA, required="不能为空"),
    Field("condition", "适用情形", 500, kind="multiline"),
    Field("requirement", "材料要求", 1000, kind="multiline"),
    Field("source", "来源", 200),
])


def validate_material(x: MaterialInput) -> tuple[MaterialInput, dict[str, str]]:
    """(cleaned material, {column label: message}) — the form and the import list the same words."""
    cleaned, errors = MATERIAL_SCHEMA.check({f.name: getattr(x, f.name) for f in MATERIAL_SCHEMA.fields})
    e = {MATERIAL_SCHEMA.label(k): v for k, v in errors.items()}
    if not isinstance(x.copies, int) or isinstance(x.copies, bool) or not 1 <= x.copies <= 99:
        e["份数"] = "应为1到99之间的整数"
    if not x.required and not cleaned.get("condition") and "适用情形" not in e:
        e["适用情形"] = "不是必需的材料须写明在什么情形下需要提交"
    return replace(x, **cleaned), e


def validate_matter(m: MatterInput, departments: list[str]) -> MatterInput:
    """Return the cleaned matter or raise ValidationError keyed by element key (``materials`` for the list).

    Messages do not repeat the element's label (the form shows them next to the field,
    the import after ``第N行 列名:``).
    """
    m = clean_matter(m)
    cleaned, e = MATTER_SCHEMA.check({f.name: getattr(m, f.name) for f in MATTER_SCHEMA.fields})
    for key in ("statutory_days", "promised_days"):
        value = getattr(m, key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_DAYS:
            e[key] = f"应为1到{MAX_DAYS}之间的整数（工作日）"
    if "promised_days" not in e and "statutory_days" not in e and m.promised_days > m.statutory_days:
        e["promised_days"] = f"承诺时限（{m.promised_days}个工作日）不能长于法定时限（{m.statutory_days}个工作日）"
    if "department" not in e:
        if not departments:
            e["department"] = "机关信息中还没有科室，请系统管理员先添加科室"
        elif cleaned["department"] not in departments:
            e["department"] = f"“{cleaned['department']}”不在机关信息的科室中（{'、'.join(departments)}）"
    if not m.is_free and not cleaned.get("fee_basis") and "fee_basis" not in e:
        e["fee_basis"] = "收费的事项须写明收费依据"
    materials = []
    if not m.materials:
        e["materials"] = "申请材料不能为空：请至少列出一项材料"
    else:
        problems = []
        seen: set[str] = set()
        for n, x in enumerate(m.materials, start=1):
            x, errors = validate_material(x)
            problems += [f"第{n}项材料 {col}: {msg}" for col, msg in errors.items()]
            if x.name and x.name in seen:
                problems.append(f"第{n}项材料 材料名称: “{x.name}”重复")
            seen.add(x.name)
            materials.append(x)
        if problems:
            e["materials"] = "；".join(problems)
    if e:
        raise ValidationError(e)
    return replace(m, materials=tuple(materials), **cleaned)


def element_text(m: MatterInput, key: str) -> str:
    """An element's value as the history and the Excel sheet show it."""
    if key == "materials":
        return "\n".join(f"{n}. {x.describe()}" for n, x in enumerate(m.materials, start=1))
    if key == "name":
        return m.name
    return str(getattr(m, key))


def differences(before: MatterInput, after: MatterInput) -> list[tuple[str, str, str]]:
    """(element label, before, after) for every element that changed, in catalogue order."""
    out = []
    keys = ["name"] + [e.key for e in ELEMENTS] + ["materials"]
    labels = {"name": NAME_LABEL, "materials": MATERIALS_LABEL} | {e.key: e.label for e in ELEMENTS}
    for key in keys:
        if key == "materials":
            changed = before.materials != after.materials
        else:
            changed = getattr(before, key) != getattr(after, key)
        if changed:
            out.append((labels[key], element_text(before, key), element_text(after, key)))
    return out


def fee_text(m: MatterInput) -> str:
    if m.is_free:
        return NO_FEE
    return f"{m.fee_standard}（收费依据：{m.fee_basis}）"
