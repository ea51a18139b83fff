"""行政复议 and 行政诉讼 cases about a request (table 四 of the annual report).

A case belongs to one request; entering, changing or removing it is one audited
transaction that also writes a line on the request's timeline, so the history
of the request shows the dispute.  Documents of a case are kept as the
request's attachments (the one attachment mechanism, with SHA-256).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn_date
from app.db import Database
from app.db.models import DisputeCase, InfoRequest
from app.db.models.annual import (
    CASE_KINDS,
    CASE_RESULTS,
    LAWSUIT,
    PENDING,
    RECONSIDERATION,
    SUIT_ROUTES,
)
from app.services.actor import Actor
from app.services.errors import NotFound, ValidationError
from app.services.requests.intake import add_event
from app.services.rights import Right, require


@dataclass
class CaseInput:
    kind: str = RECONSIDERATION
    route: str = ""
    case_number: str = ""
    body: str = ""
    filed_date: dt.date | None = None
    result: str = PENDING
    decided_date: dt.date | None = None
    remarks: str = ""


@dataclass(frozen=True)
class CaseInfo:
    id: int
    request_id: int
    request_number: str
    kind: str
    route: str
    case_number: str
    body: str
    filed_date: dt.date
    result: str
    decided_date: dt.date | None
    remarks: str

    @property
    def kind_label(self) -> str:
        return f"{self.kind}（{self.route}）" if self.route else self.kind


def validate_case(d: CaseInput, today: dt.date, received: dt.date) -> None:
    """Every field problem at once, in Chinese; nothing is saved when any is found."""
    e: dict[str, str] = {}
    if d.kind not in CASE_KINDS:
        e["kind"] = "请选择行政复议或行政诉讼"
    elif d.kind == LAWSUIT and d.route not in SUIT_ROUTES:
        e["route"] = "行政诉讼请选择“未经复议直接起诉”或“复议后起诉”"
    if not d.case_number.strip():
        e["case_number"] = "请填写案号"
    elif len(d.case_number.strip()) > 60:
        e["case_number"] = "案号不能超过60个字"
    if not d.body.strip():
        e["body"] = "请填写复议机关" if d.kind == RECONSIDERATION else "请填写受理法院"
    elif len(d.body.strip()) > 100:
        e["body"] = "名称不能超过100个字"
    if d.filed_date is None:
        e["filed_date"] = "请填写申请复议或起诉的日期"
    elif d.filed_date > today:
        e["filed_date"] = "申请复议或起诉的日期不能晚于今天"
    elif d.filed_date < received:
        e["filed_date"] = f"申请复议或起诉的日期不能早于收到政府信息公开申请的日期（{cn_date(received)}）"
    if d.result not in CASE_RESULTS:
        e["result"] = "请选择结果：结果维持、结果纠正、其他结果或尚未审结"
    elif d.result == PENDING and d.decided_date is not None:
        e["decided_date"] = "尚未审结的案件不填写审结日期"
    elif d.result != PENDING and d.decided_date is None:
        e["decided_date"] = "已有结果的，请填写审结日期"
    if d.decided_date is not None and "decided_date" not in e:
        if d.filed_date is not None and d.decided_date < d.filed_date:
            e["decided_date"] = f"审结日期不能早于申请复议或起诉的日期（{cn_date(d.filed_date)}）"
        elif d.decided_date > today:
            e["decided_date"] = "审结日期不能晚于今天"
    if e:
        raise ValidationError(e)


def _describe(c: DisputeCase) -> str:
    kind = f"{c.kind}（{c.route}）" if c.route else c.kind
    text = f"{kind}，案号{c.case_number}，{c.body}，{cn_date(c.filed_date)}申请/起诉，{c.result}"
    return text + (f"（{cn_date(c.decided_date)}审结）" if c.decided_date else "")


def _apply(row: DisputeCase, d: CaseInput) -> None:
    row.kind = d.kind
    row.route = d.route if d.kind == LAWSUIT else ""
    row.case_number = d.case_number.strip()
    row.body = d.body.strip()
    assert d.filed_date is not None
    row.filed_date = d.filed_date
    row.result = d.result
    row.decided_date = d.decided_date
    row.remarks = d.remarks.strip()


def _request(s: Session, request_id: int) -> InfoRequest:
    req = s.get(InfoRequest, request_id)
    if req is None:
        raise NotFound("申请不存在或已被删除")
    return req


def add_case(db: Database, actor: Actor, request_id: int, d: CaseInput, today: dt.date | None = None) -> int:
    today = today or db.today()
    with db.session(actor=actor.label, action=f"登记{d.kind}案件") as s:
        require(s, actor, Right.HANDLE)
        req = _request(s, request_id)
        validate_case(d, today, req.received_date)
        row = DisputeCase(request_id=request_id, created_by=actor.label)
        _apply(row, d)
        s.add(row)
        add_event(req, actor, d.kind, f"登记{_describe(row)}", today)
        s.flush()
        return row.id


def update_case(db: Database, actor: Actor, case_id: int, d: CaseInput, today: dt.date | None = None) -> None:
    today = today or db.today()
    with db.session(actor=actor.label, action=f"修改{d.kind}案件") as s:
        require(s, actor, Right.HANDLE)
        row = s.get(DisputeCase, case_id)
        if row is None:
            raise NotFound("该复议或诉讼案件不存在或已被删除")
        req = _request(s, row.request_id)
        validate_case(d, today, req.received_date)
        _apply(row, d)
        add_event(req, actor, d.kind, f"修改为：{_describe(row)}", today)


def delete_case(db: Database, actor: Actor, case_id: int, reason: str, today: dt.date | None = None) -> None:
    if not reason.strip():
        raise ValidationError({"reason": "请写明删除的原因"})
    today = today or db.today()
    with db.session(actor=actor.label, action="删除复议或诉讼案件") as s:
        require(s, actor, Right.HANDLE)
        row = s.get(DisputeCase, case_id)
        if row is None:
            raise NotFound("该复议或诉讼案件不存在或已被删除")
        req = _request(s, row.request_id)
        add_event(req, actor, row.kind, f"删除{_describe(row)}：{reason.strip()}", today)
        s.delete(row)


def _info(row: DisputeCase, number: str) -> CaseInfo:
    return CaseInfo(row.id, row.request_id, number, row.kind, row.route, row.case_number, row.body,
                    row.filed_date, row.result, row.decided_date, row.remarks)


def cases(db: Database, request_id: int | None = None, ids: list[int] | None = None) -> list[CaseInfo]:
    """Cases of one request, the cases with the given ids, or all cases (newest first)."""
    q = select(DisputeCase, InfoRequest.number).join(InfoRequest, InfoRequest.id == DisputeCase.request_id)
    if request_id is not None:
        q = q.where(DisputeCase.request_id == request_id)
    if ids is not None:
        q = q.where(DisputeCase.id.in_(ids))
    with db.session() as s:
        return [_info(row, number) for row, number in s.execute(q.order_by(DisputeCase.filed_date.desc(),
                                                                           DisputeCase.id.desc()))]
