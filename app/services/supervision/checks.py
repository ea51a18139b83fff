"""季度督查记录: a 分管负责人's quarterly check of the disclosure work of their 科室 (seed 001 附件1).

Opening a check for a duty pre-fills it with the office's own figures for the
holder's 科室 and the quarter (app.services.supervision.figures) and the
checklist template; saving keeps the figures as they were that day (a snapshot
in the record, so the printed record never changes under it) while the live
value stays one call away (:func:`live_figures`).  发现的问题 become tasks of the
shared rectification tracker, due no earlier than the check.  Completing the
record completes the duty in the same transaction — late if after its due day.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import CheckItem, ChecklistTemplateItem, Department, Role, SupervisionCheck, User
from app.services import attachments
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.rights import Right, current_role
from app.services.supervision import duties as du
from app.services.supervision import figures as fg
from app.services.supervision import records
from app.services.supervision.records import COMPLETED, DRAFT, period_name, record_day, text

RESULTS = ("符合", "基本符合", "不符合")
# seed 001 附件1 (督查内容) and seed 002 (主动公开时效: within 10 working days of being made or changed)
DEFAULT_ITEMS: tuple[tuple[str, str], ...] = (
    ("制度落实情况", "政务公开各项制度是否建立并落实"),
    ("目标任务完成情况", "年度政务公开工作要点、目标任务的完成进度"),
    ("主动公开时效", "信息形成或变更之日起10个工作日内公开"),
    ("依申请公开按期答复", "是否在法定期限内答复，有无超期"),
    ("一次性告知和首问负责落实", "一次性告知、首问负责制度执行情况"),
    ("投诉举报处理", "投诉举报是否按期受理、办理、反馈"),
    ("保密审查", "公开前是否经过保密审查"),
)
MAX_ITEMS = 30
RECORD_TYPE = "supervision_check"  # scans of the signed record, through the shared attachments
attachments.register_record_type(RECORD_TYPE, "季度督查记录", Right.EXPORT, Right.SUPERVISE,
                                 lambda s, i: s.get(SupervisionCheck, i) is not None)


@dataclass(frozen=True)
class TemplateItem:
    name: str
    hint: str = ""


@dataclass(frozen=True)
class ItemInput:
    name: str
    result: str = ""  # one of RESULTS, or '' while not yet checked
    note: str = ""


@dataclass(frozen=True)
class CheckInput:
    check_date: dt.date | None
    checker: str
    participants: str = ""
    problems: str = ""
    items: tuple[ItemInput, ...] = ()


@dataclass(frozen=True)
class FigureLine:
    """A figure as the record shows it: the value kept on save and the value now."""

    figure: fg.Figure  # scope and definition (its ``value`` is the live one)
    saved: int | None  # the snapshot value; None before the first save

    @property
    def shown(self) -> int:
        return self.figure.value if self.saved is None else self.saved


@dataclass(frozen=True)
class CheckForm:
    """Everything the check window shows for a duty (plain data)."""

    check_id: int | None
    duty: du.Duty
    title: str
    state: str
    completed_on: dt.date | None
    data: CheckInput
    figures: list[FigureLine]
    figures_on: dt.date | None
    department_ids: tuple[int, ...]
    tasks: list[rect.TaskRow] = field(default_factory=list)
    saved_figures: dict[str, int] = field(default_factory=dict)  # the snapshot, key → value


def title_of(duty_or_period: du.Duty | str, holder_name: str = "") -> str:
    if isinstance(duty_or_period, du.Duty):
        duty_or_period, holder_name = duty_or_period.period, duty_or_period.holder_name
    return f"{period_name(duty_or_period)}督查（{holder_name}）"


# -- the template -------------------------------------------------------------------------


def template(db: Database) -> list[TemplateItem]:
    """The checklist a new check starts from: the office's template, or seed 001's items until it has one."""
    with db.session() as s:
        return _template(s)


def _template(s: Session) -> list[TemplateItem]:
    rows = s.scalars(select(ChecklistTemplateItem).order_by(ChecklistTemplateItem.position)).all()
    return [TemplateItem(r.name, r.hint) for r in rows] or [TemplateItem(n, h) for n, h in DEFAULT_ITEMS]


def save_template(db: Database, actor: Actor, items: list[TemplateItem]) -> None:
    """Replace the checklist template (checks already made keep their own items)."""
    errors: dict[str, str] = {}
    cleaned: list[TemplateItem] = []
    for n, item in enumerate(items):
        name = text(errors, f"item{n}", item.name, 60, f"第{n + 1}项的名称", multiline=False)
        hint = text(errors, f"hint{n}", item.hint, 500, f"第{n + 1}项的说明")
        if name:
            cleaned.append(TemplateItem(name, hint))
        elif hint and f"item{n}" not in errors:
            errors[f"item{n}"] = f"第{n + 1}项有说明但没有名称，请填写检查项目名称"
    names = [i.name for i in cleaned]
    if not cleaned and not errors:
        errors["items"] = "检查项目不能为空，至少保留一项"
    elif len(cleaned) > MAX_ITEMS:
        errors["items"] = f"检查项目不能超过{MAX_ITEMS}项"
    elif len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        errors["items"] = f"检查项目“{twice}”重复"
    if errors:
        raise ValidationError(errors)
    with db.session(actor=actor.label, action="修改督查检查项目") as s:
        role = current_role(s, actor)
        if role not in (Role.LEADER, Role.ADMIN):
            raise PermissionDenied("督查检查项目由分管领导/主要负责人或系统管理员修改")
        for row in s.scalars(select(ChecklistTemplateItem)):
            s.delete(row)
        s.flush()
        for n, item in enumerate(cleaned):
            s.add(ChecklistTemplateItem(position=n, name=item.name, hint=item.hint))


# -- opening and saving -------------------------------------------------------------------


def _area_ids(s: Session, duty: du.Duty) -> tuple[int, ...]:
    if not duty.areas:
        return ()
    return tuple(s.scalars(select(Department.id).where(Department.name.in_(duty.areas))
                           .order_by(Department.sort_order, Department.id)))


def _ids(text_ids: str) -> tuple[int, ...]:
    return tuple(int(i) for i in text_ids.split(",") if i)


def live_figures(db: Database, duty: du.Duty, department_ids: tuple[int, ...],
                 today: dt.date | None = None) -> list[fg.Figure]:
    """The figures for the check's 科室 and quarter as they are now (overdue judged on ``today``)."""
    return fg.figures(db, duty.start, duty.end, list(department_ids), today)


def find_check(db: Database, holder_id: int, period: str) -> int | None:
    with db.session() as s:
        return s.scalar(select(SupervisionCheck.id).where(SupervisionCheck.holder_id == holder_id,
                                                          SupervisionCheck.period == period))


def open_check(db: Database, duty: du.Duty, live: bool = True) -> CheckForm:
    """The check of a 季度督查 duty: the saved record, or a new one pre-filled (figures, template, today).

    ``live=False`` leaves ``figures`` empty — counting them takes a second on a large
    database, so the window opens at once and asks :func:`figure_lines` in the background.
    """
    if duty.kind != du.CHECK:
        raise ValidationError({"kind": "只有季度督查职责填写督查记录"})
    with db.session() as s:
        row = records.find_row(s, SupervisionCheck, duty.holder_id, duty.period)
        if row is None:
            ids = _area_ids(s, duty)
            items = tuple(ItemInput(t.name) for t in _template(s))
            data = CheckInput(min(db.today(), duty.end), duty.holder_name, "", "", items)
            saved, state, done, check_id, figures_on = {}, DRAFT, None, None, None
        else:
            ids = _ids(row.department_ids)
            data = CheckInput(row.check_date, row.checker, row.participants, row.problems,
                              tuple(ItemInput(i.name, i.result, i.note) for i in row.items))
            saved = {f["key"]: int(f["value"]) for f in json.loads(row.figures or "[]")}
            state, done, check_id, figures_on = row.state, row.completed_on, row.id, row.figures_on
    tasks = rect.list_tasks(db, db.today(), source_kind=rect.SUPERVISION, source_id=check_id) if check_id else []
    form = CheckForm(check_id, duty, title_of(duty), state, done, data, [], figures_on, ids, tasks, saved)
    return replace(form, figures=figure_lines(db, form)) if live else form


def figure_lines(db: Database, form: CheckForm) -> list[FigureLine]:
    """The figures now for the check's 科室 and quarter, each beside its saved value (if saved)."""
    saved = form.saved_figures
    return [FigureLine(f, saved.get(f.key) if saved else None)
            for f in live_figures(db, form.duty, form.department_ids)]


def validate_input(data: CheckInput, duty: du.Duty, today: dt.date, completing: bool) -> CheckInput:
    """The record as it will be saved, or every problem at once (the window asks before “完成？” too)."""
    errors: dict[str, str] = {}
    day = record_day(errors, "check_date", data.check_date, duty, today, "督查日期")
    checker = text(errors, "checker", data.checker, 60, "督查人", required=True, multiline=False)
    participants = text(errors, "participants", data.participants, 1000, "参加人员")
    problems = text(errors, "problems", data.problems, 5000, "发现的问题")
    items = []
    for n, item in enumerate(data.items):
        if item.result not in ("", *RESULTS):
            errors[f"result{n}"] = f"“{item.name}”的结果应为{'、'.join(RESULTS)}之一"
        elif completing and not item.result:
            errors[f"result{n}"] = f"请填写“{item.name}”的检查结果"
        note = text(errors, f"note{n}", item.note, 1000, f"“{item.name}”的情况说明")
        items.append(ItemInput(item.name[:60], item.result, note))
    if not items:
        errors["items"] = "督查记录至少要有一个检查项目"
    if errors:
        raise ValidationError(errors)
    return CheckInput(day, checker, participants, problems, tuple(items))


def save_check(db: Database, actor: Actor, duty: du.Duty, data: CheckInput, complete: bool = False,
               today: dt.date | None = None) -> int:
    """Save the check of ``duty`` (kept as a draft), or save and complete it — which completes the duty.

    The figures are taken again on every save of a draft and frozen once completed, dated ``today``
    (the day of saving; the demo, replaying past checks, passes each check's own day).
    """
    today = today or db.today()
    clean = validate_input(data, duty, today, complete)
    assert clean.check_date is not None
    action = "完成季度督查记录" if complete else "保存季度督查记录"
    with db.session() as s:  # who may act, the duty as 责任分工 has it now, and the record's 科室
        du.check_may_act(s, actor, du.CHECK, duty.holder_id)
        current = du.duty_of(s, db, du.CHECK, duty.holder_id, duty.period)
        row = records.find_row(s, SupervisionCheck, duty.holder_id, duty.period)
        if row is not None and row.state == COMPLETED:
            raise ServiceError("该督查记录已完成，不能再修改")
        ids = _area_ids(s, current) if row is None else _ids(row.department_ids)
    figures = live_figures(db, current, ids, today)  # read outside the write transaction
    with db.session(actor=actor.label, action=action) as s:
        du.check_may_act(s, actor, du.CHECK, duty.holder_id)
        row = records.draft_row(s, SupervisionCheck, duty, actor, "该督查记录已完成，不能再修改",
                                areas="、".join(current.areas), department_ids=",".join(map(str, ids)))
        row.check_date, row.checker, row.participants = clean.check_date, clean.checker, clean.participants
        row.problems = clean.problems
        row.figures = json.dumps([{"key": f.key, "label": f.label, "group": f.group, "value": f.value}
                                  for f in figures], ensure_ascii=False)
        row.figures_on = today
        row.items.clear()
        s.flush()
        for n, item in enumerate(clean.items):
            row.items.append(CheckItem(position=n, name=item.name, result=item.result, note=item.note))
        return records.finish_row(s, db, actor, du.CHECK, duty, row, clean.check_date, "季度督查记录", complete)


def add_task(db: Database, actor: Actor, check_id: int, data: rect.TaskInput) -> int:
    """A problem found in the check becomes a rectification task; its due day may not precede the check."""
    return records.add_record_task(
        db, actor, rect.SUPERVISION, SupervisionCheck, check_id, data, missing="该督查记录不存在", day_word="督查日期",
        day_of=lambda row: row.check_date,
        label_of=lambda s, row: title_of(row.period, s.get(User, row.holder_id).full_name))


@dataclass(frozen=True)
class CheckRow:
    id: int
    holder_id: int
    period: str
    holder: str
    areas: str
    check_date: dt.date
    state: str
    completed_on: dt.date | None
    open_tasks: int


def list_checks(db: Database, year: int) -> list[CheckRow]:
    """The year's check records, newest period first."""
    return [CheckRow(*r) for r in records.year_rows(
        db, SupervisionCheck, year, rect.SUPERVISION,
        lambda c, name: (c.id, c.holder_id, c.period, name, c.areas, c.check_date, c.state, c.completed_on),
        User.full_name)]
