"""The reply decision (第三十六条): exactly one annual-report leaf per closed request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.dates import cn_date
from app.db import Database
from app.db.models import InfoRequest
from app.domain import taxonomy
from app.domain.vocab import CONSULT_KINDS, State
from app.services.actor import Actor
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.requests.actions import WORKING, _acting, _Ctx
from app.services.requests.intake import (
    RequestInput,
    add_event,
    numbering_profile,
    open_request,
    validate,
)
from app.services.rights import Right, require

# 6.1 and 6.2 are reached through their own actions (correction / fee lapsed).
DECIDABLE = [leaf for leaf in taxonomy.LEAVES if leaf.code not in ("6.1", "6.2")]


@dataclass
class DecisionInput:
    result_code: str = ""
    article: str = ""
    reasons: str = ""
    legal_basis: str = ""
    withheld: str = ""
    responsible_agency: str = ""
    responsible_contact: str = ""
    provided_docs: str = ""
    page_count: int = 0
    reply_date: dt.date | None = None
    # 不予公开-4 without a 第三方 consultation on file: why none was needed (asked, then recorded).
    no_consultation_reason: str = ""


THIRD_PARTY_CODE = "3.4"


THIRD_PARTY_QUESTION = ("以“保护第三方合法权益”不予公开的，一般应先书面征求第三方意见（第三十二条），"
                        "本申请没有征求第三方意见的记录。确需直接作出决定的，请说明理由。")


def third_party_missing(db: Database, request_id: int, code: str) -> bool:
    """True when 不予公开-4 would be decided with no 第三方 consultation on file (the form then asks why)."""
    if code != THIRD_PARTY_CODE:
        return False
    with db.session() as s:
        req = s.get(InfoRequest, request_id)
        return req is not None and not any(x.kind == CONSULT_KINDS[0] for x in req.consultations)


def needs_signoff(code: str) -> bool:
    """部分公开, 不予公开 and every other withholding result need a 科室负责人 or above to sign."""
    leaf = taxonomy.BY_CODE.get(code)
    return bool(leaf and leaf.withholds)


def validate_decision(d: DecisionInput, actor: Actor, today: dt.date, not_before: dt.date,
                      check_right: bool = True) -> taxonomy.Leaf:
    """Field checks, then the right to sign (skipped when preparing it for 签批)."""
    e: dict[str, str] = {}
    leaf = taxonomy.BY_CODE.get(d.result_code)
    if leaf is None or leaf not in DECIDABLE:
        raise ValidationError({"result_code": "请在分类中选择一个具体的办理结果（细类）"})
    if not d.article.strip():
        e["article"] = "请选择所依据的条款"
    if leaf.code != "1" and not d.reasons.strip():
        e["reasons"] = "请填写理由"
    if leaf.withholds:
        if not d.withheld.strip():
            e["withheld"] = "请写明不予公开的内容及理由"
        if not d.legal_basis.strip():
            e["legal_basis"] = "请填写法律依据"
    if d.article == taxonomy.NOT_THIS_AGENCY and not d.responsible_agency.strip():
        e["responsible_agency"] = "非本机关负责公开的，请写明负责公开的机关（能够确定的）"
    if leaf.code in ("1", "2") and not d.provided_docs.strip() and d.article != taxonomy.ALREADY_PUBLIC:
        e["provided_docs"] = "请填写提供的政府信息（文件名称）"
    if d.article == taxonomy.ALREADY_PUBLIC and not d.provided_docs.strip():
        e["provided_docs"] = "已主动公开的，请写明获取该信息的方式和途径"
    if d.page_count < 0:
        e["page_count"] = "页数不能为负数"
    if d.reply_date is None:
        e["reply_date"] = "请填写答复日期"
    elif d.reply_date > today:
        e["reply_date"] = "答复日期不能晚于今天"
    elif d.reply_date < not_before:
        e["reply_date"] = f"答复日期不能早于收到申请日期（{cn_date(not_before)}）"
    if e:
        raise ValidationError(e)
    if check_right and leaf.withholds and not actor.can_approve:
        raise PermissionDenied(f"“{leaf.label}”的决定须由科室负责人或以上签发，请提交签批")
    return leaf


def _apply(req: InfoRequest, d: DecisionInput, leaf: taxonomy.Leaf, actor: Actor, today: dt.date) -> None:
    assert d.reply_date is not None
    req.result_code = leaf.code
    req.article = d.article.strip()[:60]
    req.reasons = d.reasons.strip()
    req.legal_basis = d.legal_basis.strip()
    req.withheld = d.withheld.strip()
    req.responsible_agency = d.responsible_agency.strip()[:100]
    req.responsible_contact = d.responsible_contact.strip()[:100]
    req.provided_docs = d.provided_docs.strip()
    req.page_count = d.page_count
    req.reply_date = d.reply_date
    req.on_time = d.reply_date <= req.due_date
    req.signed_off_by = actor.full_name or actor.label if leaf.withholds else ""
    req.state = State.ANSWERED.value
    late = "" if req.on_time else f"（超过答复期限{cn_date(req.due_date)}）"
    text = f"{leaf.label}，依据{req.article}，{cn_date(d.reply_date)}答复{late}"
    if req.signed_off_by:
        text += f"，{req.signed_off_by}签发"
    add_event(req, actor, "答复", text, today)


def decide(db: Database, actor: Actor, request_id: int, d: DecisionInput, today: dt.date | None = None) -> None:
    with _acting(db, actor, request_id, "作出答复", today) as c:
        decide_in(c, d)


def decide_in(c: _Ctx, d: DecisionInput, check_right: bool = True, apply: bool = True) -> taxonomy.Leaf:
    """The decision inside an open transaction (also the 签批 hooks: check, then apply as the head)."""
    _check_decidable(c)
    leaf = validate_decision(d, c.actor, c.today, c.req.received_date, check_right)
    if check_right:
        _require_sign_right(c.s, c.actor, leaf)
    if apply:
        _apply(c.req, d, leaf, c.actor, c.today)
        if leaf.code == THIRD_PARTY_CODE and d.no_consultation_reason.strip():
            add_event(c.req, c.actor, "说明", f"未征求第三方意见即作出决定，理由：{d.no_consultation_reason.strip()}",
                      c.today)
    return leaf


def _require_sign_right(s, actor: Actor, leaf: taxonomy.Leaf) -> None:  # noqa: ANN001
    """The right to decide, and for a withholding result to sign, as the database holds it now."""
    if leaf.withholds:
        require(s, actor, Right.APPROVE, f"“{leaf.label}”的决定须由科室负责人或以上签发，请提交签批")
    else:
        require(s, actor, Right.DECIDE)


def _check_decidable(c: _Ctx) -> None:
    state = State(c.req.state)
    if state is State.CONSULTING:
        waiting = [x for x in c.req.consultations if x.reply_date is None and x.reply_due >= c.today]
        if waiting:
            raise ServiceError(f"正在征求{waiting[0].party}意见（至{cn_date(waiting[0].reply_due)}），"
                               "请先登记对方意见或等待期满")
        return
    if state is State.AWAITING_FEE:
        raise ServiceError("申请人尚未缴费，请先登记缴费或按逾期未缴费处理")
    if state is State.CORRECTION:
        raise ServiceError("正在等待申请人补正，请先登记补正或按逾期未补正处理")
    if state not in WORKING:
        raise ServiceError(f"申请当前状态为“{state.value}”，不能再作出答复")


def register_on_the_spot(db: Database, actor: Actor, data: RequestInput, d: DecisionInput,
                         today: dt.date | None = None) -> int:
    """当场答复: register and close in one transaction."""
    today = today or db.today()
    clean = validate(data, today)
    assert clean.received_date is not None
    leaf = validate_decision(d, actor, today, clean.received_date)
    profile = numbering_profile(db)
    calendar = db.calendar()
    with db.session(actor=actor.label, action="登记并当场答复") as s:
        require(s, actor, Right.REGISTER)
        _require_sign_right(s, actor, leaf)
        req = open_request(s, calendar, profile, actor, clean, today, note="当场答复")
        _apply(req, d, leaf, actor, today)
        s.flush()
        return req.id
