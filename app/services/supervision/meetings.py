"""专题会议记录: the 主要负责人's disclosure meeting, at least every half-year (seed 001 附件1).

Date, place, chair, attendees, which reports were heard (听取汇报), the issues
discussed and the decisions; decisions that need doing become tasks of the
shared rectification tracker (source ``rectification.MEETING``).  Completing the
record completes the 专题会议 duty in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.db import Database
from app.db.models import SupervisionMeeting
from app.services import attachments
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import ValidationError
from app.services.rights import Right
from app.services.supervision import duties as du
from app.services.supervision import records
from app.services.supervision.records import DRAFT, period_name, record_day, text

RECORD_TYPE = "meeting"  # scans of the signed minutes, through the shared attachments
attachments.register_record_type(RECORD_TYPE, "专题会议记录", Right.EXPORT, Right.SUPERVISE,
                                 lambda s, i: s.get(SupervisionMeeting, i) is not None)


@dataclass(frozen=True)
class MeetingInput:
    meeting_date: dt.date | None
    place: str
    chair: str
    attendees: str
    reports_heard: str = ""  # 听取汇报: which 科室 or reports
    issues: str = ""
    decisions: str = ""


@dataclass(frozen=True)
class MeetingForm:
    meeting_id: int | None
    duty: du.Duty
    title: str
    state: str
    completed_on: dt.date | None
    data: MeetingInput
    tasks: list[rect.TaskRow] = field(default_factory=list)


def title_of(period: str, holder_name: str = "") -> str:
    return f"{period_name(period)}政务公开专题会议" + (f"（{holder_name}）" if holder_name else "")


def open_meeting(db: Database, duty: du.Duty) -> MeetingForm:
    """The record of a 专题会议 duty: the saved one, or a new one with the chair filled in."""
    if duty.kind != du.MEETING:
        raise ValidationError({"kind": "只有专题会议职责填写会议记录"})
    with db.session() as s:
        row = records.find_row(s, SupervisionMeeting, duty.holder_id, duty.period)
        if row is None:
            data = MeetingInput(min(db.today(), duty.end), "", duty.holder_name, "")
            mid, state, done = None, DRAFT, None
        else:
            data = MeetingInput(row.meeting_date, row.place, row.chair, row.attendees, row.reports_heard, row.issues,
                                row.decisions)
            mid, state, done = row.id, row.state, row.completed_on
    tasks = rect.list_tasks(db, db.today(), source_kind=rect.MEETING, source_id=mid) if mid else []
    return MeetingForm(mid, duty, title_of(duty.period, duty.holder_name), state, done, data, tasks)


def validate_input(data: MeetingInput, duty: du.Duty, today: dt.date, completing: bool) -> MeetingInput:
    """The record as it will be saved, or every problem at once (the window asks before “完成？” too)."""
    errors: dict[str, str] = {}
    day = record_day(errors, "meeting_date", data.meeting_date, duty, today, "会议日期")
    place = text(errors, "place", data.place, 100, "会议地点", required=True, multiline=False)
    chair = text(errors, "chair", data.chair, 60, "主持人", required=True, multiline=False)
    attendees = text(errors, "attendees", data.attendees, 2000, "参会人员", required=True)
    reports = text(errors, "reports_heard", data.reports_heard, 2000, "听取汇报的内容", required=completing)
    issues = text(errors, "issues", data.issues, 5000, "研究的问题", required=completing)
    decisions = text(errors, "decisions", data.decisions, 5000, "议定事项", required=completing)
    if errors:
        raise ValidationError(errors)
    return MeetingInput(day, place, chair, attendees, reports, issues, decisions)


def save_meeting(db: Database, actor: Actor, duty: du.Duty, data: MeetingInput, complete: bool = False) -> int:
    """Save the meeting record (a draft), or save and complete it — which completes the 专题会议 duty."""
    clean = validate_input(data, duty, db.today(), complete)
    assert clean.meeting_date is not None
    with db.session(actor=actor.label, action="完成专题会议记录" if complete else "保存专题会议记录") as s:
        du.check_may_act(s, actor, du.MEETING, duty.holder_id)
        du.duty_of(s, db, du.MEETING, duty.holder_id, duty.period)
        row = records.draft_row(s, SupervisionMeeting, duty, actor, "该专题会议记录已完成，不能再修改")
        row.meeting_date, row.place, row.chair, row.attendees = (clean.meeting_date, clean.place, clean.chair,
                                                                 clean.attendees)
        row.reports_heard, row.issues, row.decisions = clean.reports_heard, clean.issues, clean.decisions
        return records.finish_row(s, db, actor, du.MEETING, duty, row, clean.meeting_date, "专题会议记录", complete)


def add_task(db: Database, actor: Actor, meeting_id: int, data: rect.TaskInput) -> int:
    """A decision of the meeting becomes a rectification task, due no earlier than the meeting."""
    return records.add_record_task(
        db, actor, rect.MEETING, SupervisionMeeting, meeting_id, data, missing="该专题会议记录不存在",
        day_word="会议日期", day_of=lambda row: row.meeting_date, label_of=lambda _s, row: title_of(row.period))


@dataclass(frozen=True)
class MeetingRow:
    id: int
    holder_id: int
    period: str
    holder: str
    meeting_date: dt.date
    place: str
    state: str
    completed_on: dt.date | None
    open_tasks: int


def list_meetings(db: Database, year: int) -> list[MeetingRow]:
    """The year's meeting records, newest period first."""
    return [MeetingRow(*r) for r in records.year_rows(
        db, SupervisionMeeting, year, rect.MEETING,
        lambda m, name: (m.id, m.holder_id, m.period, name, m.meeting_date, m.place, m.state, m.completed_on))]
