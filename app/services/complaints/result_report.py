"""办理结果报告: the report to the body that assigned a complaint (上级交办), on the shared typesetter.

The assigning body set a reply deadline when it handed the complaint down; this is
what goes back: how it was taken in, investigated, what was found and done, and
whether the complainant was told.  It cites the complaint by number and never
prints who complained (the assigning body has its own record of that; the
identity stays （保密） in everything this office prints for others).

The report is dated the day it is first issued (报送日期, stored on the complaint in
the audited action that issues it); every later print is dated that day and says
what was true then — a feedback given after the report is not in its reprint.
"""

from __future__ import annotations

import datetime as dt

from app.dates import cn_date
from app.db import Database
from app.db.models import Complaint
from app.letters.layout import TITLE_PT, Block, LetterLayout, render
from app.services.actor import Actor
from app.services.complaints import handling
from app.services.complaints.register import target_text
from app.services.complaints.vocab import DECISIONS, DONE, FOUND, INVESTIGATIONS, TOLD, TRANSFERRED
from app.services.errors import NotFound, ValidationError
from app.services.rights import Right, require

TITLE = "投诉举报办理结果报告"
ASSIGNED = "上级交办"


def _clause(text: str) -> str:
    """A typed paragraph as one clause ending in 。 (line breaks become ；)."""
    return text.strip().replace("\n", "；").rstrip("。；") + "。"


def _reportable(r: Complaint | None) -> Complaint:
    """The complaint, if a result report can be made for it (上级交办, with a result to report)."""
    if r is None:
        raise NotFound("该投诉举报不存在")
    if r.channel != ASSIGNED:
        raise ValidationError(f"只有上级交办的投诉举报才向交办机关报送办理结果报告（本件为{r.channel}）")
    if r.state not in (FOUND, DONE, TOLD, TRANSFERRED):
        raise ValidationError("作出调查结论（或决定不予受理并告知、转交）后才能出具办理结果报告")
    return r


def issue(db: Database, actor: Actor, cid: int, today: dt.date | None = None) -> dt.date:
    """出具办理结果报告: the first issue stores today as its 报送日期 (one audited action, by someone who
    handles complaints and is not the one complained about); later calls return the stored day."""
    today = today or db.today()
    with db.session() as s:
        require(s, actor, Right.COMPLAINT_READ)
        stored = _reportable(s.get(Complaint, cid)).report_on
    if stored is not None:
        return stored
    with db.session(actor=actor.label, action="出具投诉举报办理结果报告") as s:
        require(s, actor, Right.COMPLAINT_HANDLE,
                "办理结果报告须由办理投诉举报的工作人员出具；出具后可查阅和打印")
        r = _reportable(handling._get(s, cid, actor))  # the 回避 rule of every handling step
        if r.report_on is None:  # another desk may have issued it a moment ago: keep its day
            r.report_on = today
        return r.report_on


def layout(db: Database, actor: Actor, cid: int, agency: str = "", today: dt.date | None = None) -> LetterLayout:
    """The report's layout, dated its 报送日期 once issued (before that, ``today``: a draft);
    refused for any channel but 上级交办 and before there is a result to report."""
    with db.session() as s:
        require(s, actor, Right.COMPLAINT_READ)
        r = _reportable(s.get(Complaint, cid))
        day = r.report_on or today or db.today()
        blocks = [
            Block(TITLE, role="title", size=TITLE_PT, align="center", first_indent=0),
            Block(f"投诉举报编号：{r.number}", align="right", first_indent=0),
            Block(f"{r.assigned_body}：", first_indent=0),
            Block(f"{cn_date(r.received_on)}，本机关收到你单位交办的投诉举报一件（类别：{r.category}；"
                  f"被投诉举报对象：{target_text(r)}），要求于{cn_date(r.assigned_due)}前报送办理结果。"
                  "现将办理情况报告如下："),
        ]
        if r.decision != DECISIONS[0]:
            action = (f"告知投诉举报人向{r.other_body}反映" if r.state == TOLD else f"转交{r.other_body}依法处理")
            blocks.append(Block(f"经审查，该投诉举报不属于本机关受理范围。本机关已于{cn_date(r.decision_on)}{action}。"))
        else:
            blocks += [
                Block(f"一、受理情况。本机关于{cn_date(r.decision_on)}决定受理，{_how(r)}。"),
                Block(f"二、调查情况。{_clause(r.report)}"),
                Block(f"三、调查结论。经调查，投诉举报反映的问题{r.finding}。"),
                Block(f"四、处理措施。{_clause(r.measures) if r.measures.strip() else '无需采取处理措施。'}"),
            ]
            if r.extension_days:
                blocks.append(Block(f"办理期间经{r.extension_approved_by}批准延长办理期限{r.extension_days}日。"))
            blocks.append(Block(f"五、反馈情况。{_feedback(r, day)}"))
        late = r.assigned_due is not None and day > r.assigned_due
        if late:
            blocks.append(Block(f"本报告晚于要求的报送期限（{cn_date(r.assigned_due)}），特此说明。"))
        blocks += [Block("特此报告。"),
                   Block("", group=1),
                   Block(agency or "（本机关）", align="right", first_indent=0, group=1),
                   Block(cn_date(day), align="right", first_indent=0, group=1)]
        meta = f"{TITLE} {r.number}"
    return LetterLayout(TITLE, blocks, meta_title=meta, author=agency)


def _how(r: Complaint) -> str:
    """How it was investigated, as a sentence (not "按报领导/党组的方式")."""
    approved = f"，经{r.approved_by}批准" if r.approved_by else ""
    if r.investigation == INVESTIGATIONS[1]:
        return f"报局领导（党组）研究{approved}后开展调查"
    return f"开展{r.investigation or '调查'}{approved}"


def _feedback(r: Complaint, day: dt.date) -> str:
    """The feedback as of the report's day: one given later is not in it."""
    if r.feedback_on is not None and r.feedback_on <= day:
        said = _clause(r.feedback_words)
        answer = f"投诉举报人的意见：{_clause(r.feedback_response)}" if r.feedback_response.strip() else ""
        return f"本机关已于{cn_date(r.feedback_on)}以{r.feedback_how}方式向投诉举报人反馈办理结果：{said}{answer}"
    if r.anonymous and not r.wants_reply:
        return "投诉举报人未署名，未要求答复。"
    return "尚未向投诉举报人反馈，本机关将按期反馈。"


def pdf(db: Database, actor: Actor, cid: int, agency: str = "", today: dt.date | None = None) -> bytes:
    """The report as PDF bytes: issued (报送日期 stored) on its first print, dated that day ever after."""
    day = issue(db, actor, cid, today)
    return render(layout(db, actor, cid, agency, day))
