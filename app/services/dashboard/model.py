"""The duty view's plain data: one ``Line`` per thing due, grouped by kind, and whose view it is.

Why plain dataclasses: the 工作台 (and a test, and the benchmark) get the same objects; no ORM row
leaves app/.  Each line names its record (``record_type``, ``record_id``) so the window can open
it through its ``RECORD_OPENERS`` without knowing where the line came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from app.db import Database
from app.db.models import Role, User
from app.services.actor import Actor
from app.services.rights import current_role

# the kinds, in the order the 工作台 shows them
REQUESTS = "依申请公开答复期限"
CORRECTIONS = "等待补正"
CONSULTATIONS = "征求意见"
REFERRALS = "首问转办"
COMPLAINTS = "投诉举报"
DUTIES = "一岗双责职责"
TASKS = "整改任务"
ANNUAL_REPORT = "年度报告"
SIGNOFF = "签批"
KINDS = (REQUESTS, CORRECTIONS, CONSULTATIONS, REFERRALS, COMPLAINTS, DUTIES, TASKS, ANNUAL_REPORT, SIGNOFF)

#: lines kept per kind (the count is always exact): a backlog of thousands is a number to act on,
#: not a list to scroll; the oldest come first and the rest are in the tab's own list
LINE_LIMIT = 50
#: "this week": deadlines up to six days ahead are shown beside everything already past
WEEK_DAYS = 6


@dataclass(frozen=True)
class Line:
    kind: str
    title: str
    due: dt.date | None
    state: str  # what a person reads: 已逾期3个工作日, 待接办, 临近期限 …
    record_type: str  # request, contact, complaint, duty, rectification, annual_report (RECORD_OPENERS keys)
    record_id: int
    overdue: bool = False
    record_key: str = ""  # when an id alone does not name the record (a duty: "季度督查|2026Q4")


@dataclass(frozen=True)
class Group:
    kind: str
    count: int  # exact, even when ``lines`` stops at LINE_LIMIT
    lines: tuple[Line, ...]
    overdue: int = 0  # exact too: how many of ``count`` are past their date

    @staticmethod
    def listed(kind: str, lines: list[Line]) -> Group:
        """A group built in Python from every line (duties, tasks, dates): counted before the cut."""
        return Group(kind, len(lines), tuple(lines[:LINE_LIMIT]), sum(1 for line in lines if line.overdue))


@dataclass(frozen=True)
class DutyView:
    today: dt.date
    until: dt.date  # the end of "this week"
    everything: bool  # a head's view (True) or a clerk's own work (False)
    groups: tuple[Group, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    def group(self, kind: str) -> Group:
        return next((g for g in self.groups if g.kind == kind), Group(kind, 0, ()))


@dataclass(frozen=True)
class Scope:
    """Whose work: everything (heads, inspectors, the administrator) or one clerk's own.

    A clerk's own work, per module: requests they handle (承办: their name, login or 科室) or
    registered while nobody was assigned; 首问 entries they answer for (我的首问) and referrals to
    their 科室 (转我办理); complaints they took (never one about themselves); duties they hold;
    rectification tasks they are 责任人 for (or their 科室's when no person is named); their own
    sign-off items.
    """

    everything: bool
    user_id: int | None = None
    login: str = ""
    full_name: str = ""
    label: str = ""  # the actor label stored in created_by columns
    department_id: int | None = None
    department: str = ""

    @property
    def names(self) -> list[str]:
        """How a person may be written in a free-text 承办/责任人 field."""
        return [n for n in {self.full_name, self.login} if n]


HEAD_ROLES = (Role.SECTION_HEAD, Role.LEADER, Role.INSPECTOR, Role.ADMIN)


def scope_of(db: Database, actor: Actor) -> Scope:
    """The scope from the account as the database holds it now (a head demoted since sign-in
    gets the clerk's view at the next refresh)."""
    if actor.cli:
        return Scope(everything=True, label=actor.label)
    if actor.user_id is None:
        return Scope(everything=False, label=actor.label)
    with db.session() as s:
        role = current_role(s, actor)
        u = s.execute(select(User).where(User.id == actor.user_id)).scalar_one()
        return Scope(everything=role in HEAD_ROLES, user_id=u.id, login=u.login, full_name=u.full_name,
                     label=actor.label, department_id=u.department_id,
                     department=u.department.name if u.department else "")


def week_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=WEEK_DAYS)


def short(text: str, n: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
