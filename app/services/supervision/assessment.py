"""The yearly 100-point assessment (百分制考核) of each 科室: template, scores, deductions, grades, notices.

Seed 001 附件5 第三条/第四条 give the eight items and the grades (优秀 90分以上, 良好 80分以上,
合格 60分以上, 不合格 不足60分); the seeds give no weights, so the defaults below are this
office's starting point (they sum to 100) and every year's template is editable.  Seed 002
七: a 不合格 科室 submits its rectification measures "在接到通报后的1周内" — read as 7
calendar days after the result notice — tracked as a task in app/services/rectification.

Who may do what (read from the role in the action's transaction, like the 整改 tracker):
a 局领导 (分管领导/主要负责人) or the 系统管理员 sets the template, enters 考核分 and issues
the notices ("heads assess"); a 科室's own staff (窗口工作人员, 科室负责人) enter that
科室's 自评分, and a 局领导 may enter it for them.

The 责任追究 deduction is never counted here: ``ledger.year_summary`` is the one query
over confirmed records (−section_points, a setting, 5 by default, per 属实 complaint).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import (
    AssessmentItem,
    AssessmentNotice,
    AssessmentScore,
    AssessmentUnit,
    Department,
    PostAssignment,
    RectificationTask,
    User,
)
from app.services import rights
from app.services.actor import Actor
from app.services.complaints import ledger
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.rights import Right
from app.services.supervision import posts
from app.validation.text import Invalid, clean_text

EXCELLENT, GOOD, PASS, FAIL = "优秀", "良好", "合格", "不合格"
GRADES = (EXCELLENT, GOOD, PASS, FAIL)
UNFINISHED = "未评完"  # shown while an item has no 考核分 yet
PLAN_DAYS = 7  # seed 002 七: measures within 1周 of the notice = 7 calendar days
SOURCE = "assessment"  # rectification source kind of a 不合格 科室's plan
YEAR_FIRST, YEAR_LAST = 2000, 2100


@dataclass(frozen=True)
class ItemSpec:
    name: str
    weight: int
    rule: str
    figure_key: str = ""


# Seed 001 附件5 第四条 (一)–(八); rule texts from the same article and seed 002's 考核内容.
DEFAULT_ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec("组织机构", 10, "组织机构是否健全，领导责任是否明确（一岗双责：分管负责人每季度督查、"
             "主要负责人每半年专题研究）。", "organisation"),
    ItemSpec("公开范围", 10, "公开的范围是否全面，重点是否突出；事项清单是否动态调整。", "scope"),
    ItemSpec("公开内容", 15, "公开的内容是否齐全，是否明确具体；是否按要求编制公开目录并适时调整更新，"
             "按目录内容如实公开。", "content"),
    ItemSpec("公开形式", 10, "公开的形式是否完备，是否实用有效；应公开的内容是否及时在网站公开，"
             "是否通过公开栏、新媒体等多种载体公开。", "form"),
    ItemSpec("监督保障制度", 10, "监督保障制度是否完善健全；督查发现问题的整改是否到位。", "system"),
    ItemSpec("公开效果和群众满意", 15, "公开的效果是否显著，群众是否满意；首问负责、一次性告知是否落实，"
             "回访是否满意。", "effect"),
    ItemSpec("责任追究和投诉处理", 15, "落实责任追究制度、群众的投诉处理是否得当，是否按期办结。",
             "complaints"),
    ItemSpec("年度工作要点落实", 15, "年度政务公开工作要点是否落实；主动公开信息是否在产生或变更后10个工作日内公开，"
             "依申请公开是否按期答复。", "tasks"),
)


def grade(tenths: int) -> str:
    """优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 < 60 (seed 001 附件5 第三条)."""
    if tenths >= 900:
        return EXCELLENT
    if tenths >= 800:
        return GOOD
    if tenths >= 600:
        return PASS
    return FAIL


def points(tenths: int | None) -> str:
    """Tenths as the points a person writes: 85, 59.5 ("" for no score)."""
    if tenths is None:
        return ""
    whole, rest = divmod(tenths, 10)
    return f"{whole}.{rest}" if rest else str(whole)


_SCORE = re.compile(r"^(\d{1,3})(?:\.(\d))?$")


def parse_points(value: object) -> int | None:
    """A typed score in tenths (None for blank); one decimal at most, full-width digits allowed."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{value:g}"
    text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("分").strip()
    if not text:
        return None
    m = _SCORE.match(text)
    if m is None:
        raise Invalid("应为不小于0的分数，最多一位小数（如 8 或 7.5）")
    return int(m.group(1)) * 10 + int(m.group(2) or 0)


def _check_year(year: int) -> None:
    if not YEAR_FIRST <= year <= YEAR_LAST:
        raise ValidationError({"year": "考核年度应为2000至2100之间的四位数"})


# ------------------------------------------------------------------ template and 科室


@dataclass(frozen=True)
class ItemRow:
    id: int  # 0 until the year's template is first saved
    ordinal: int
    name: str
    weight: int
    rule: str
    figure_key: str


@dataclass(frozen=True)
class ItemInput:
    name: str
    weight: int | str
    rule: str = ""
    figure_key: str = ""
    item_id: int = 0  # the stored item this row edits (a rename keeps its scores); 0 = matched by name


def _stored_items(s: Session, year: int) -> list[AssessmentItem]:
    return list(s.scalars(select(AssessmentItem).where(AssessmentItem.year == year)
                          .order_by(AssessmentItem.ordinal, AssessmentItem.id)))


def _template(s: Session, year: int) -> list[ItemRow]:
    """The year's items; unsaved, the latest earlier year's template, else the defaults."""
    items = _stored_items(s, year)
    if items:
        return [ItemRow(i.id, i.ordinal, i.name, i.weight, i.rule, i.figure_key) for i in items]
    earlier = s.scalar(select(func.max(AssessmentItem.year)).where(AssessmentItem.year < year))
    if earlier is not None:
        return [ItemRow(0, i.ordinal, i.name, i.weight, i.rule, i.figure_key) for i in _stored_items(s, earlier)]
    return [ItemRow(0, n, d.name, d.weight, d.rule, d.figure_key) for n, d in enumerate(DEFAULT_ITEMS, start=1)]


def _default_units(s: Session, year: int) -> list[int]:
    """科室 covered by a 分管负责人 some day of the year (局领导 is not a 科室), else every 科室."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    covered = {a.department_id for a in s.scalars(select(PostAssignment).where(
        PostAssignment.post == posts.DEPUTY, PostAssignment.start_on <= last))
        if a.department_id is not None and (a.end_on is None or a.end_on >= first)}
    depts = s.execute(select(Department.id).order_by(Department.sort_order, Department.id)).scalars().all()
    return [d for d in depts if d in covered] or list(depts)


def _units(s: Session, year: int) -> list[tuple[int, str]]:
    stored = s.execute(select(Department.id, Department.name).join(
        AssessmentUnit, AssessmentUnit.department_id == Department.id).where(AssessmentUnit.year == year)
        .order_by(Department.sort_order, Department.id)).all()
    if stored:
        return [(i, n) for i, n in stored]
    ids = _default_units(s, year)
    names = dict(s.execute(select(Department.id, Department.name)).all())
    return [(i, names[i]) for i in ids]


def _ensure_year(s: Session, year: int) -> list[AssessmentItem]:
    """Store the shown template and 科室 the first time a year is written to (scores need item ids)."""
    items = _stored_items(s, year)
    if items:
        return items
    for row in _template(s, year):
        s.add(AssessmentItem(year=year, ordinal=row.ordinal, name=row.name, weight=row.weight, rule=row.rule,
                             figure_key=row.figure_key))
    if not s.scalar(select(func.count()).select_from(AssessmentUnit).where(AssessmentUnit.year == year)):
        for dept_id in _default_units(s, year):
            s.add(AssessmentUnit(year=year, department_id=dept_id))
    s.flush()
    return _stored_items(s, year)


def template(db: Database, year: int) -> list[ItemRow]:
    with db.session() as s:
        return _template(s, year)


def departments_of(db: Database, year: int) -> list[tuple[int, str]]:
    """The 科室 assessed in ``year`` (id, name), in the office's order."""
    with db.session() as s:
        return _units(s, year)


def unit_choices(db: Database, year: int) -> list[tuple[int, str, bool]]:
    """Every 科室 (id, name) and whether it is assessed in ``year`` (the template dialog's list)."""
    with db.session() as s:
        assessed = {i for i, _n in _units(s, year)}
        rows = s.execute(select(Department.id, Department.name).order_by(Department.sort_order, Department.id))
        return [(i, n, i in assessed) for i, n in rows]


def require_head(s: Session, actor: Actor, what: str) -> None:
    """Heads assess: the 局领导 (and the 系统管理员) hold ``Right.ASSESS`` in rights.py."""
    rights.require(s, actor, Right.ASSESS, f"{what}由局领导（分管领导/主要负责人）办理")


def _notified(s: Session, year: int) -> list[int]:
    return list(s.scalars(select(AssessmentNotice.department_id).where(AssessmentNotice.year == year)))


def save_template(db: Database, actor: Actor, year: int, items: list[ItemInput],
                  department_ids: list[int] | None = None) -> None:
    """Replace the year's items (in the given order) and, if given, the 科室 assessed.

    Refused as a whole: weights not summing to 100, a blank or repeated name, a weight
    below a score already given, dropping an item or 科室 that has scores, or any change
    once a result notice of the year is out.
    """
    _check_year(year)
    errors: dict[str, str] = {}
    cleaned: list[tuple[str, int, str, str, int]] = []
    for n, item in enumerate(items, start=1):
        try:
            name = clean_text(item.name, 40)
            rule = clean_text(item.rule, 2000, multiline=True)
        except Invalid as exc:
            errors[f"item{n}"] = f"第{n}项{exc}"
            continue
        try:
            weight = int(unicodedata.normalize("NFKC", str(item.weight)).strip())
        except ValueError:
            errors[f"weight{n}"] = f"第{n}项“{name}”的分值应为整数"
            continue
        if not name:
            errors[f"item{n}"] = f"第{n}项没有填写名称"
        elif any(name == c[0] for c in cleaned):
            errors[f"item{n}"] = f"考核项目“{name}”重复"
        if not 1 <= weight <= 100:
            errors[f"weight{n}"] = f"第{n}项“{name}”的分值应为1至100分"
        cleaned.append((name, weight, rule, item.figure_key[:20], item.item_id))
    if not items:
        errors["items"] = "请至少设置一个考核项目"
    elif not errors and sum(c[1] for c in cleaned) != 100:
        errors["weights"] = f"各项分值合计应为100分，现为{sum(c[1] for c in cleaned)}分"
    if department_ids is not None and not department_ids:
        errors["departments"] = "请至少选择一个参加考核的科室"
    if errors:
        raise ValidationError(errors)
    with db.session(actor=actor.label, action="修改考核项目") as s:
        require_head(s, actor, "考核项目和分值")
        if _notified(s, year):
            raise ServiceError(f"{year}年度考核结果已经通报，不能再修改考核项目和参加考核的科室")
        stored = _ensure_year(s, year)
        by_id, by_name = {i.id: i for i in stored}, {i.name: i for i in stored}
        old = {i.name: i for i in stored}
        scored = _scored_items(s, year)
        kept: set[int] = set()
        for n, (name, weight, rule, key, item_id) in enumerate(cleaned, start=1):
            row = by_id.get(item_id) if item_id else by_name.get(name)
            if row is not None and row.id in kept:  # two rows claim one stored item: the second is new
                row = None
            if row is not None and row.id in scored and weight * 10 < scored[row.id]:
                errors[f"weight{n}"] = (f"“{name}”已有{points(scored[row.id])}分的评分，分值不能低于该分数")
            if row is None:
                row = AssessmentItem(year=year, figure_key=key)
                s.add(row)
            row.ordinal, row.name, row.weight, row.rule = n, name, weight, rule
            if row.id:
                kept.add(row.id)
        for name, row in old.items():
            if row.id not in kept:
                if row.id in scored:
                    errors["items"] = f"“{name}”已有评分，不能删除（可以改名称、分值和评分标准）"
                else:
                    s.delete(row)
        if department_ids is not None:
            _save_units(s, year, department_ids, errors)
        if errors:
            raise ValidationError(errors)


def _scored_items(s: Session, year: int) -> dict[int, int]:
    """Item id → the highest 自评分 or 考核分 given on it this year (tenths)."""
    rows = s.execute(select(AssessmentScore.item_id, func.max(AssessmentScore.score_tenths),
                            func.max(AssessmentScore.self_tenths))
                     .join(AssessmentItem, AssessmentItem.id == AssessmentScore.item_id)
                     .where(AssessmentItem.year == year).group_by(AssessmentScore.item_id)).all()
    return {i: max(a or 0, b or 0) for i, a, b in rows if a is not None or b is not None}


def _save_units(s: Session, year: int, department_ids: list[int], errors: dict[str, str]) -> None:
    wanted = list(dict.fromkeys(department_ids))
    names = dict(s.execute(select(Department.id, Department.name)).all())
    if any(d not in names for d in wanted):
        errors["departments"] = "所选科室不存在，请重新选择"
        return
    current = {u.department_id: u for u in s.scalars(select(AssessmentUnit).where(AssessmentUnit.year == year))}
    scored = set(s.scalars(select(AssessmentScore.department_id).join(
        AssessmentItem, AssessmentItem.id == AssessmentScore.item_id).where(AssessmentItem.year == year)))
    for dept_id, unit in current.items():
        if dept_id not in wanted:
            if dept_id in scored:
                errors["departments"] = f"{names[dept_id]}已有评分，不能取消其考核"
            else:
                s.delete(unit)
    for dept_id in wanted:
        if dept_id not in current:
            s.add(AssessmentUnit(year=year, department_id=dept_id))


# ------------------------------------------------------------------ scores


@dataclass(frozen=True)
class ScoreInput:
    """One item's score as typed (blank = not scored yet) and its reason."""

    ordinal: int
    score: object
    reason: str = ""


def save_scores(db: Database, actor: Actor, year: int, department_id: int, entries: list[ScoreInput],
                *, self_assessment: bool = False) -> None:
    """Record a 科室's 考核分 (or 自评分) per item; refused as a whole with per-item messages.

    A score is 0 … the item's weight with one decimal at most; a score below full marks
    needs its reason (what the 扣分 was for).
    """
    _check_year(year)
    what = "自评分" if self_assessment else "考核分"
    with db.session(actor=actor.label, action=f"登记{what}") as s:
        if self_assessment:
            own = s.scalar(select(User.department_id).where(User.id == actor.user_id)) if actor.user_id else None
            if not rights.has(s, actor, Right.ASSESS) and not (
                    rights.has(s, actor, Right.SELF_ASSESS) and own == department_id):
                raise PermissionDenied("自评分由本科室工作人员填报（局领导也可代为录入）")
        else:
            require_head(s, actor, "考核分")
        dept = s.get(Department, department_id)
        if dept is None:
            raise NotFound("该科室不存在")
        items = {i.ordinal: i for i in _ensure_year(s, year)}
        if department_id not in {d for d, _n in _units(s, year)}:
            raise ValidationError({"department": f"{dept.name}不在{year}年度参加考核的科室之中"})
        if s.scalar(select(AssessmentNotice.id).where(AssessmentNotice.year == year,
                                                      AssessmentNotice.department_id == department_id)):
            raise ServiceError(f"{dept.name}的{year}年度考核结果已经通报，不能再修改评分")
        errors: dict[str, str] = {}
        clean: list[tuple[AssessmentItem, int | None, str]] = []
        for e in entries:
            item = items.get(e.ordinal)
            if item is None:
                errors[f"score{e.ordinal}"] = "考核项目已经调整，请重新打开后再填写"
                continue
            try:
                tenths = parse_points(e.score)
            except Invalid as exc:
                errors[f"score{e.ordinal}"] = f"“{item.name}”的{what}{exc}"
                continue
            try:
                reason = clean_text(e.reason, 1000, multiline=True)
            except Invalid as exc:
                errors[f"reason{e.ordinal}"] = f"“{item.name}”的理由{exc}"
                continue
            if tenths is not None and tenths > item.weight * 10:
                errors[f"score{e.ordinal}"] = (f"“{item.name}”的{what}{points(tenths)}分超过该项分值"
                                               f"{item.weight}分")
            elif tenths is not None and tenths < item.weight * 10 and not reason:
                errors[f"reason{e.ordinal}"] = f"“{item.name}”未得满分，请写明扣分理由"
            clean.append((item, tenths, reason))
        if errors:
            raise ValidationError(errors)
        rows = {r.item_id: r for r in s.scalars(select(AssessmentScore).where(
            AssessmentScore.department_id == department_id,
            AssessmentScore.item_id.in_([i.id for i in items.values()])))}
        by = actor.full_name or actor.label
        for item, tenths, reason in clean:
            row = rows.get(item.id)
            if row is None:
                row = AssessmentScore(item_id=item.id, department_id=department_id)
                s.add(row)
            if self_assessment:
                row.self_tenths, row.self_reason, row.self_by = tenths, reason, by
            else:
                row.score_tenths, row.reason, row.scored_by = tenths, reason, by


# ------------------------------------------------------------------ the year's table


@dataclass(frozen=True)
class ItemScore:
    self_tenths: int | None = None
    self_reason: str = ""
    tenths: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    notified_on: dt.date
    grade: str
    total_tenths: int
    task_id: int | None
    task_due: dt.date | None
    task_state: str
    number: str = ""  # the notice's 文号 ("" if notified before notices were numbered)


@dataclass
class UnitResult:
    department_id: int
    department: str
    scores: dict[int, ItemScore]  # by item ordinal
    items_tenths: int | None  # sum of 考核分; None until every item is scored
    self_tenths: int | None  # sum of 自评分; None until every item is self-scored
    complaints: int | None  # confirmed 属实 records in the ledger; None: the ledger changed after the notice
    deduction_tenths: int
    total_tenths: int | None
    grade: str  # 优秀 … or 未评完
    notice: NoticeInfo | None = None


@dataclass(frozen=True)
class YearAssessment:
    year: int
    items: list[ItemRow]
    units: list[UnitResult]
    notified: bool  # some notice is out: the template is fixed

    @property
    def commended(self) -> list[str]:
        """优秀 科室, listed for 通报表彰 (seed 001 附件5 第六条)."""
        return [u.department for u in self.units if u.grade == EXCELLENT]

    def deduction_line(self, u: UnitResult) -> str:
        if u.complaints is None:
            return f"责任追究：扣{points(u.deduction_tenths)}分（按通报时的责任追究台账）"
        if not u.complaints and not u.deduction_tenths:
            return "无"
        return f"责任追究：属实投诉{u.complaints}件，扣{points(u.deduction_tenths)}分"


def assessment(db: Database, year: int) -> YearAssessment:
    """Every assessed 科室 with its scores, the ledger deduction, total and grade."""
    _check_year(year)
    _people, sections = ledger.year_summary(db, year)
    tallies = {t.name: t for t in sections}
    with db.session() as s:
        items = _template(s, year)
        units = _units(s, year)
        scores: dict[tuple[int, int], ItemScore] = {}
        for sc, ordinal in s.execute(select(AssessmentScore, AssessmentItem.ordinal).join(
                AssessmentItem, AssessmentItem.id == AssessmentScore.item_id).where(AssessmentItem.year == year)):
            scores[(sc.department_id, ordinal)] = ItemScore(sc.self_tenths, sc.self_reason, sc.score_tenths,
                                                            sc.reason)
        notices = {}
        fixed: dict[int, tuple[int, int, str]] = {}  # as notified: deduction, total, grade
        for n, task in s.execute(select(AssessmentNotice, RectificationTask).outerjoin(
                RectificationTask, RectificationTask.id == AssessmentNotice.task_id)
                .where(AssessmentNotice.year == year)):
            fixed[n.department_id] = (n.deduction_tenths, n.total_tenths, n.grade)
            notices[n.department_id] = NoticeInfo(n.id, n.notified_on, n.grade, n.total_tenths, n.task_id,
                                                  task.due_date if task else None, task.state if task else "",
                                                  n.number)
    out = []
    for dept_id, name in units:
        per = {i.ordinal: scores.get((dept_id, i.ordinal), ItemScore()) for i in items}
        given = [p.tenths for p in per.values()]
        own = [p.self_tenths for p in per.values()]
        items_tenths = sum(g for g in given if g is not None) if None not in given else None
        self_tenths = sum(g for g in own if g is not None) if None not in own else None
        tally = tallies.get(name)
        deduction = tally.points * 10 if tally else 0
        count: int | None = tally.blames if tally else 0
        total = max(0, items_tenths - deduction) if items_tenths is not None else None
        shown = grade(total) if total is not None else UNFINISHED
        notice = notices.get(dept_id)
        if notice is not None:  # notified: the result is the one notified, whatever the ledger says since
            was, total, shown = fixed[dept_id]
            if was != deduction:
                deduction, count = was, None
        out.append(UnitResult(dept_id, name, per, items_tenths, self_tenths, count, deduction, total, shown,
                              notice))
    return YearAssessment(year, items, out, bool(notices))
