"""The catalogue as an Excel workbook: sheet 事项 (one row per matter) and sheet 材料 (one row per material).

Export writes the current version of every matter in the catalogue's order, byte
for byte the same for the same content.  Import matches matters by 事项名称:
an unchanged row changes nothing; a changed row becomes a new version whose 备案
reason is the row's 调整原因 (``原因：调整依据``, required then); a new name is a
new matter.  Every row of both sheets is checked first, with the same checks as
the window; any problem → nothing is written and every problem is listed as
``第N行 列名: 问题``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select

from app.db import Database
from app.db.models import Matter
from app.services.actor import Actor
from app.services.catalogue import service
from app.services.catalogue.elements import (
    ELEMENTS,
    MATTER_SCHEMA,
    NAME_LABEL,
    REASONS,
    MaterialInput,
    MatterInput,
    differences,
    validate_material,
    validate_matter,
)
from app.services.errors import ServiceError, ValidationError
from app.services.profile import list_departments
from app.services.rights import Right, require
from app.validation import cap_problems, excel
from app.validation.text import Invalid

MATTER_SHEET, MATERIAL_SHEET = "事项", "材料"
REASON_COLUMN = "调整原因"
MATTER_COLUMNS = [NAME_LABEL] + [e.label for e in ELEMENTS] + [REASON_COLUMN]
MATERIAL_COLUMNS = [NAME_LABEL, "材料名称", "原件/复印件", "份数", "纸质/电子", "是否必需", "适用情形", "材料要求",
                    "来源"]
DATE_FORMAT = "yyyy-mm-dd"


class CatalogueFileError(ServiceError):
    """The file was refused; ``problems`` lists every ``第N行 列名: 问题``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = cap_problems(problems)
        head = "；".join(problems[:5]) + (f"……共{len(problems)}处问题" if len(problems) > 5 else "")
        super().__init__(f"事项清单未导入：{head}")


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"新增{len(self.added)}项、调整{len(self.changed)}项（均已备案）、"
                f"未变化{len(self.unchanged)}项")


def write_header(ws, columns: list[str], widths: tuple[int, ...] | list[int]) -> None:  # noqa: ANN001
    """Bold header, column widths and a frozen first row on a write-only sheet."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.append([excel.cell(ws, c, font=Font(bold=True)) for c in columns])


def export_catalogue(db: Database, path: Path) -> int:
    """Write both sheets for every matter in the catalogue (下架 matters are not listed)."""
    wb = Workbook(write_only=True)
    ms = wb.create_sheet(MATTER_SHEET)
    write_header(ms, MATTER_COLUMNS, [24] + [14] * len(ELEMENTS) + [24])
    mt = wb.create_sheet(MATERIAL_SHEET)
    write_header(mt, MATERIAL_COLUMNS, [24, 30, 12, 6, 10, 8, 24, 40, 20])
    matters = service.list_matters(db)
    for summary in matters:
        m = service.detail(db, summary.id).content
        ms.append(excel.row(ms, [m.name] + [getattr(m, e.key) for e in ELEMENTS] + [""]))
        for x in m.materials:
            mt.append(excel.row(mt, [m.name, x.name, x.original, x.copies, x.medium, "是" if x.required else "否",
                                     x.condition, x.requirement, x.source]))
    excel.save_reproducible(wb, path)
    return len(matters)


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _reason(text: str) -> service.Filing:
    """``要素变化：依据……`` → Filing; the reason must be one of 第四条's four."""
    for sep in ("：", ":"):
        if sep in text:
            reason, basis = text.split(sep, 1)
            return service.Filing(reason.strip(), basis.strip())
    return service.Filing(text.strip(), "")


def _read(db: Database, path: Path) -> tuple[list[tuple[int, MatterInput, str]], list[str]]:
    """Both sheets, checked: ([(line, matter, 调整原因 text)], warnings); raises CatalogueFileError."""
    try:
        matter_rows, w1 = excel.read_sheet(path, MATTER_SHEET, MATTER_COLUMNS, MATTER_COLUMNS[:-1])
        material_rows, w2 = excel.read_sheet(path, MATERIAL_SHEET, MATERIAL_COLUMNS, MATERIAL_COLUMNS)
    except Invalid as exc:
        raise CatalogueFileError([str(exc)]) from None
    problems: list[str] = []
    departments = list_departments(db)
    names: dict[str, int] = {}
    for line, v in matter_rows:
        name = excel.cell_text(v.get(NAME_LABEL))
        if name in names:
            problems.append(f"第{line}行 {NAME_LABEL}: “{name}”与第{names[name]}行重复，事项名称不能重复")
        elif name:
            names[name] = line
    materials: dict[str, list[MaterialInput]] = {n: [] for n in names}
    for line, v in material_rows:
        t = {c: excel.cell_text(v.get(c)) for c in MATERIAL_COLUMNS}
        where = f"{MATERIAL_SHEET}表第{line}行"
        if t[NAME_LABEL] not in materials:
            problems.append(f"{where} {NAME_LABEL}: “{t[NAME_LABEL]}”不在“{MATTER_SHEET}”工作表中")
            continue
        copies = _int(t["份数"])
        if t["是否必需"] not in ("是", "否"):
            problems.append(f"{where} 是否必需: 应填“是”或“否”")
        x = MaterialInput(name=t["材料名称"], original=t["原件/复印件"], copies=copies if copies is not None else 0,
                          medium=t["纸质/电子"], required=t["是否必需"] != "否", condition=t["适用情形"],
                          requirement=t["材料要求"], source=t["来源"])
        x, errors = validate_material(x)
        problems += [f"{where} {col}: {msg}" for col, msg in errors.items()]
        if x.name in {m.name for m in materials[t[NAME_LABEL]]}:
            problems.append(f"{where} 材料名称: “{x.name}”在该事项中重复")
        materials[t[NAME_LABEL]].append(x)
    out = []
    labels = {e.key: e.label for e in ELEMENTS} | {"name": NAME_LABEL}
    for line, v in matter_rows:
        t = {c: excel.cell_text(v.get(c)) for c in MATTER_COLUMNS}
        values: dict[str, object] = {e.key: t[e.label] for e in ELEMENTS}
        for e in ELEMENTS:
            if e.kind == "int":
                n = _int(t[e.label])
                values[e.key] = n if n is not None else 0
        m = MatterInput(name=t[NAME_LABEL], materials=tuple(materials.get(t[NAME_LABEL], [])), **values)
        try:
            m = validate_matter(m, departments)
        except ValidationError as exc:
            for key, msg in exc.fields.items():
                if key == "materials":
                    if not m.materials:
                        problems.append(f"第{line}行 {NAME_LABEL}: {msg}（“{MATERIAL_SHEET}”工作表中没有该事项的材料）")
                    continue  # material problems are listed with their own rows above
                problems.append(f"第{line}行 {labels.get(key, MATTER_SCHEMA.label(key))}: {msg}")
            continue
        out.append((line, m, t[REASON_COLUMN]))
    if problems:
        raise CatalogueFileError(problems)
    if not out:
        raise CatalogueFileError([f"“{MATTER_SHEET}”工作表中没有数据行"])
    return out, w1 + w2


def import_catalogue(db: Database, actor: Actor, path: Path, today=None) -> ImportResult:  # noqa: ANN001
    """Check everything, then add and change matters in one transaction (each change with its 备案)."""
    today = today or db.today()
    rows, warnings = _read(db, path)
    result = ImportResult(warnings=warnings)
    with db.session(actor=actor.label, action="导入事项清单") as s:
        require(s, actor, Right.EDIT_CATALOGUE)
        existing = {m.name: m for m in s.scalars(select(Matter))}
        plan = []
        problems = []
        for line, m, reason_text in rows:
            matter = existing.get(m.name)
            if matter is not None:
                current = service.to_input(matter.versions[matter.current_version - 1])
                if not differences(current, m):
                    result.unchanged.append(m.name)
                    continue
                if matter.retired:
                    problems.append(f"第{line}行 {NAME_LABEL}: “{m.name}”已下架，不能再调整")
                    continue
            try:
                if not reason_text:
                    raise ValidationError({"reason": "内容有变化，须填写调整原因，写成“原因：调整依据”，原因为"
                                                     + "、".join(REASONS) + "之一"})
                filing = service.validate_filing(_reason(reason_text))
            except ValidationError as exc:
                problems += [f"第{line}行 {REASON_COLUMN}: {msg}" for msg in exc.fields.values()]
                continue
            plan.append((matter, m, filing))
        if problems:
            raise CatalogueFileError(problems)
        for matter, m, filing in plan:
            if matter is None:
                service.add_matter(s, actor, m, filing, today)
                result.added.append(m.name)
            else:
                service.apply_change(s, actor, matter, m, filing, today)
                result.changed.append(m.name)
    return result
