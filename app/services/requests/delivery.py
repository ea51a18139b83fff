"""送达 of the letters whose periods run from receipt, and the piece count of a request.

条例第三十二条 (third party), 第三十四条 (other agency), 第三十条 (补正) and 109号
(fee payment) count their periods from the day the other side receives the letter.
Recording that day and the method turns the estimated deadline into the legal one; a
lapse can only be closed on a legal deadline (clock.lapse_day).
"""

from __future__ import annotations

import datetime as dt

from app.dates import cn_date
from app.db import Database
from app.domain.vocab import SERVICE_METHODS
from app.services.actor import Actor
from app.services.errors import NotFound, ServiceError, ValidationError
from app.services.requests import clock
from app.services.requests.actions import _acting, _check_date

# What was delivered: the 补正告知书, the 收费通知书, or a consultation's letter.
CORRECTION, FEE, CONSULTATION = "correction", "fee", "consultation"
MAX_PIECES = 9999


def record_delivery(db: Database, actor: Actor, request_id: int, what: str, day: dt.date, method: str,
                    consultation_id: int | None = None, today: dt.date | None = None) -> dt.date:
    """Record 送达日期 and 方式; returns the deadline that now runs from it."""
    if method not in SERVICE_METHODS:
        raise ValidationError({"method": "请选择送达方式"})
    with _acting(db, actor, request_id, "登记文书送达", today) as c:
        req = c.req
        if what == CORRECTION:
            if req.correction_date is None:
                raise ServiceError("该申请没有发出补正告知")
            _check_date(day, "day", "送达日期", c.today, req.correction_date, "补正告知日期")
            req.correction_delivered, req.correction_delivery_method = day, method
            req.correction_deadline = clock.received_deadline(day, day, req.correction_days, c.calendar)[0]
            deadline, label = req.correction_deadline, "补正告知书"
        elif what == FEE:
            if req.fee_notice_date is None:
                raise ServiceError("该申请没有发出收费通知")
            if req.fee_paid_date is not None:
                raise ServiceError("申请人已缴费，无需再登记收费通知书送达")
            _check_date(day, "day", "送达日期", c.today, req.fee_notice_date, "收费通知日期")
            req.fee_delivered, req.fee_delivery_method = day, method
            req.fee_deadline = clock.received_deadline(day, day, clock.FEE_PAY_DAYS, c.calendar)[0]
            deadline, label = req.fee_deadline, "收费通知书"
        elif what == CONSULTATION:
            cons = next((x for x in req.consultations if x.id == consultation_id), None)
            if cons is None:
                raise NotFound("征求意见记录不存在")
            _check_date(day, "day", "送达日期", c.today, cons.sent_date, "征求意见发出日期")
            cons.delivered_date, cons.delivery_method = day, method
            cons.reply_due = clock.received_deadline(cons.sent_date, day, clock.CONSULT_DAYS, c.calendar)[0]
            deadline = cons.reply_due
            label = "征求意见函" if cons.kind == "其他机关" else "征求第三方意见书"
            label += f"（{cons.party}）"
        else:
            raise ValueError(f"unknown delivery {what!r}")
        c.refresh()
        c.event("文书送达", f"{label}于{cn_date(day)}{method}，期限自该日起计算，至{cn_date(deadline)}；"
                         f"答复期限至{cn_date(req.due_date)}")
        return deadline


def set_piece_count(db: Database, actor: Actor, request_id: int, pieces: int, today: dt.date | None = None) -> None:
    """How many pieces (件) the application counts for per-piece fees — recorded for every
    request, free or not, because the month's total decides the rate (109号第四条)."""
    if not 1 <= pieces <= MAX_PIECES:
        raise ValidationError({"pieces": f"件数应为1到{MAX_PIECES}之间的整数"})
    with _acting(db, actor, request_id, "登记申请件数", today) as c:
        if c.req.fee_notice_date is not None:
            raise ServiceError("已发出收费通知，件数不能再修改")
        c.req.piece_count = pieces
        c.event("申请件数", f"本申请按{pieces}件计")


def set_party_disclosure(db: Database, actor: Actor, request_id: int, consultation_id: int, disclose: bool,
                         today: dt.date | None = None) -> None:
    """第十五条: the applicant's notice says "第三方" unless the office decides to name the party."""
    with _acting(db, actor, request_id, "设定是否向申请人告知第三方名称", today) as c:
        cons = next((x for x in c.req.consultations if x.id == consultation_id), None)
        if cons is None:
            raise NotFound("征求意见记录不存在")
        cons.disclose_party = disclose
        c.event("征求意见", f"向申请人告知时{'写明' if disclose else '不写明'}{cons.party}的名称")
