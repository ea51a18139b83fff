"""Every letter the regulation requires: what it says by default, what must stay in it,
when it can be issued, and which number sequence (发文字号) it draws from.

Body templates use named fields such as {申请人}; app.letters.compose fills them and
refuses a letter whose field would print empty.  Fields listed in OPTIONAL are whole
sentences (with their own punctuation) that may be left out; every other field is a
fact the letter cannot go without.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.domain import taxonomy
from app.services import numbering
from app.services.errors import ServiceError
from app.services.requests.queries import ConsultationView, RequestDetail

FIELDS = {
    "申请人": "申请人姓名或名称", "收到日期": "收到申请日期", "申请内容": "所需信息", "申请编号": "申请编号",
    "文号": "本文书的发文字号", "答复工作日数": "答复期限（工作日数）", "答复期限": "答复期限",
    "补正事项": "需要补正的事项", "补正工作日数": "补正期限（工作日数）",
    "征求对象": "被征求意见的第三方或机关", "征求情况": "已发出的征求意见书及日期",
    "延期天数": "延长的工作日数", "延期理由": "延期理由", "新答复期限": "延期后的答复期限",
    "收费方式": "计收方式", "收费数量": "件数或页数", "收费金额": "应缴金额", "收费明细": "分档计算明细",
    "当月件数": "同一申请人当月申请件数说明", "依据条款": "答复所依据的条款", "答复内容": "答复结论",
    "理由": "理由", "补充说明": "补充说明", "不予公开内容": "不予公开的内容", "提供信息": "提供的政府信息",
    "负责机关说明": "负责公开的机关及其联系方式", "查询指引": "依照特别规定办理的机关和依据",
    "救济条款": "救济条款", "机关名称": "机关全称", "受理窗口": "受理窗口地点", "联系电话": "机关联系电话",
    "工作机构": "政府信息公开工作机构",
    "送达文书": "送达的文书", "送达文书文号": "送达文书的发文字号", "送达方式": "送达方式", "送达地点": "送达地点",
    "邮件单号": "邮件单号",
}
# Whole sentences that may be absent; the form fields of the 送达回证 are filled in by hand when blank.
OPTIONAL = {"补充说明", "当月件数", "送达方式", "送达地点", "邮件单号"}
FIELD_RE = re.compile(r"\{([^{}]*)\}")
REG = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: str
    required: tuple[str, ...]
    body: str
    available: Callable[[RequestDetail, ConsultationView | None], str | None]  # None = may issue
    family: str  # number sequence key (see NUMBER_FAMILIES)
    is_reply: bool = False
    closing: str = "特此告知。"
    consultation: str = ""  # "第三方" / "其他机关": one letter per such consultation; "any": per latest one
    listed_as: str = ""  # where kinds are listed, when two kinds print the same title (see ``name``)

    @property
    def name(self) -> str:
        """The kind as lists show it: its printed title, told apart by what it tells where two
        kinds print the same title (both 政府信息公开告知书 — 予以公开 and 已主动公开, 第三十六条第（一）项)."""
        return self.listed_as or self.title


# 发文字号 per letter family: "{文号代字}答〔2025〕3号".  Each is a numbering kind, so the
# office can change the pattern (a setting) and each family counts gap-free per year.
NUMBER_FAMILIES = {
    "letter_receipt": ("接收回执编号", "收"), "letter_correction": ("补正告知书文号", "补"),
    "letter_consult": ("征求意见书（函）文号", "征"), "letter_notice": ("征求意见告知书文号", "告"),
    "letter_extension": ("延期答复告知书文号", "延"), "letter_fee": ("收费通知书文号", "费"),
    "letter_reply": ("答复告知书文号", "答"), "letter_service": ("送达回证编号", "送"),
}
for _key, (_label, _char) in NUMBER_FAMILIES.items():
    numbering.register_kind(_key, _label, "{文号代字}" + _char + "〔{年}〕{序号}号")


def _always(d: RequestDetail, c: ConsultationView | None) -> str | None:
    return None


def _needs(attr: str, message: str) -> Callable[[RequestDetail, ConsultationView | None], str | None]:
    return lambda d, c: None if getattr(d, attr) else message


def _consulted(kind: str) -> Callable[[RequestDetail, ConsultationView | None], str | None]:
    def check(d: RequestDetail, c: ConsultationView | None) -> str | None:
        if c is None:
            return "请选择征求意见记录" if any(x.kind == kind for x in d.consultations) else f"尚未征求{kind}意见"
        return None if c.kind == kind else f"该征求意见对象是{c.kind}，应出具其他文书"
    return check


def _reply_if(*codes: str, item: str | None = None, not_item: str | None = None):  # noqa: ANN202
    """A reply kind for these annual-report rows (and, for rows 1 and 4.1, this 第三十六条 item)."""
    def check(d: RequestDetail, c: ConsultationView | None) -> str | None:
        if not d.result_code:
            return "尚未作出答复决定"
        chosen = taxonomy.article_36_item(d.article)
        ok = d.result_code in codes and (item is None or chosen == item) and (not_item is None or chosen != not_item)
        leaf = taxonomy.BY_CODE.get(d.result_code)
        return None if ok else f"该申请的办理结果应出具{leaf.letter if leaf else '其他告知书'}"
    return check


OPENING = "{收到日期}，本机关收到您提出的政府信息公开申请（申请编号：{申请编号}），申请获取“{申请内容}”。"
REPLY_REQUIRED = ("收到日期", "依据条款", "答复内容", "救济条款")
_BASIS = "经审查，根据" + REG + "{依据条款}的规定，现答复如下：\n"
_WITHHOLD_ROWS = [leaf.code for leaf in taxonomy.LEAVES if leaf.code.startswith("3.") and leaf.code != "3.8"]

KINDS: list[LetterKind] = [
    LetterKind("receipt", "政府信息公开申请接收回执", ("收到日期", "答复期限", "答复工作日数"),
               "{申请人}：\n" + OPENING + "根据" + REG + "第三十三条的规定，本机关将自收到申请之日起"
               "{答复工作日数}个工作日内（即{答复期限}前）予以答复；需要延长答复期限的，将另行书面告知。\n"
               "如有疑问，请向{工作机构}咨询（地址：{受理窗口}，电话：{联系电话}）。",
               _always, "letter_receipt", closing=""),
    LetterKind("correction", "政府信息公开申请补正告知书", ("收到日期", "补正事项", "补正工作日数"),
               "{申请人}：\n" + OPENING + "经审查，您的申请内容不明确。根据" + REG + "第三十条的规定，"
               "现一次性告知您需要补正的事项如下：\n{补正事项}\n"
               "请您自收到本告知书之日起{补正工作日数}个工作日内向本机关提交补正后的申请。答复期限自本机关收到"
               "补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
               _needs("correction_date", "尚未发出补正告知"), "letter_correction"),
    LetterKind("consult_party", "政府信息公开征求第三方意见书", ("征求对象",),
               "{征求对象}：\n本机关于{收到日期}收到一份政府信息公开申请，申请获取“{申请内容}”。经审查，公开该信息"
               "可能损害贵方合法权益。根据" + REG + "第三十二条的规定，现书面征求贵方意见，请自收到本意见书之日起"
               "15个工作日内提出书面意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照" + REG
               + "的规定决定是否公开。",
               _consulted("第三方"), "letter_consult", closing="特此函告。", consultation="第三方"),
    LetterKind("consult_agency", "政府信息公开征求意见函", ("征求对象",),
               "{征求对象}：\n本机关于{收到日期}收到一份政府信息公开申请，申请获取“{申请内容}”。该信息由本机关与贵机关"
               "共同制作。根据" + REG + "第三十四条的规定，现征求贵机关意见，请自收到本函之日起15个工作日内提出意见。"
               "逾期未提出意见的，视为同意公开。",
               _consulted("其他机关"), "letter_consult", closing="特此函告。", consultation="其他机关"),
    LetterKind("consult_notice", "政府信息公开征求意见告知书", ("收到日期", "征求情况"),
               "{申请人}：\n" + OPENING + "{征求情况}根据" + REG + "第三十三条第三款的规定，征求意见所需时间"
               "不计算在答复期限内。本机关将在收到意见或者征求意见期限届满后依法作出答复。",
               lambda d, c: None if d.consultations else "尚未登记征求意见", "letter_notice", consultation="any"),
    LetterKind("extension", "政府信息公开延期答复告知书", ("收到日期", "延期理由", "新答复期限"),
               "{申请人}：\n" + OPENING + "因{延期理由}，本机关不能在规定期限内作出答复。根据" + REG
               + "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延期天数}个工作日，"
               "本机关将于{新答复期限}前作出答复。",
               _needs("extension_days", "该申请没有延期"), "letter_extension"),
    LetterKind("fee", "政府信息公开信息处理费缴费通知书", ("收到日期", "收费金额", "收费明细"),
               "{申请人}：\n" + OPENING + "因您申请公开政府信息的数量、频次明显超过合理范围，根据" + REG
               + "第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关{收费方式}"
               "收取信息处理费。{当月件数}计收数量：{收费数量}；计算明细：{收费明细}；应缴金额：{收费金额}元。\n"
               "请您自收到本通知书次日起20个工作日内到{受理窗口}缴纳（电话：{联系电话}）。逾期未缴纳的，视为放弃申请，"
               "本机关不再处理该政府信息公开申请。",
               _needs("fee_notice_date", "尚未发出收费通知"), "letter_fee"),
    LetterKind("reply_public", "政府信息公开告知书", REPLY_REQUIRED + ("提供信息",),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}：{提供信息}。{补充说明}\n{救济条款}",
               _reply_if("1", not_item="一"), "letter_reply", is_reply=True,
               listed_as="政府信息公开告知书（予以公开）"),
    LetterKind("reply_published", "政府信息公开告知书", REPLY_REQUIRED + ("提供信息",),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}，您可以通过以下方式和途径获取：{提供信息}。"
               "{补充说明}\n{救济条款}",
               _reply_if("1", item="一"), "letter_reply", is_reply=True,
               listed_as="政府信息公开告知书（已主动公开）"),
    LetterKind("reply_partial", "政府信息部分公开告知书", REPLY_REQUIRED + ("提供信息", "不予公开内容", "理由"),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}：{提供信息}。\n"
               "其中不予公开的部分：{不予公开内容}。理由：{理由}。\n{救济条款}",
               _reply_if("2"), "letter_reply", is_reply=True),
    LetterKind("reply_withhold", "政府信息不予公开告知书", REPLY_REQUIRED + ("不予公开内容", "理由"),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}，本机关不予公开。不予公开的内容：{不予公开内容}。"
               "理由：{理由}。\n{救济条款}",
               _reply_if(*_WITHHOLD_ROWS), "letter_reply", is_reply=True),
    LetterKind("reply_special", "政府信息公开申请告知书", REPLY_REQUIRED + ("查询指引",),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}。{查询指引}{补充说明}\n{救济条款}",
               _reply_if("3.8"), "letter_reply", is_reply=True),
    LetterKind("reply_nonexistent", "政府信息不存在告知书", REPLY_REQUIRED,
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}。{补充说明}\n{救济条款}",
               _reply_if("4.1", not_item="五"), "letter_reply", is_reply=True),
    LetterKind("reply_not_ours", "非本机关政府信息告知书", REPLY_REQUIRED + ("负责机关说明",),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}。{补充说明}{负责机关说明}\n{救济条款}",
               _reply_if("4.1", item="五"), "letter_reply", is_reply=True),
    LetterKind("reply_cannot", "政府信息无法提供告知书", REPLY_REQUIRED + ("理由",),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}。理由：{理由}。\n{救济条款}",
               _reply_if("4.2", "4.3"), "letter_reply", is_reply=True),
    LetterKind("reply_refuse", "政府信息公开申请不予处理告知书", REPLY_REQUIRED + ("理由",),
               "{申请人}：\n" + OPENING + _BASIS + "{答复内容}。理由：{理由}。\n{救济条款}",
               _reply_if("5.1", "5.2", "5.3", "5.4", "5.5"), "letter_reply", is_reply=True),
    LetterKind("reply_other", "政府信息公开申请办结告知书", REPLY_REQUIRED,
               "{申请人}：\n" + OPENING + "根据" + REG + "{依据条款}的规定，现告知如下：\n{答复内容}。{补充说明}\n"
               "{救济条款}",
               _reply_if("6.1", "6.2", "6.3"), "letter_reply", is_reply=True),
    LetterKind("service", "送达回证", ("送达文书", "送达文书文号"),
               "受送达人：{申请人}\n送达文书：{送达文书}（{送达文书文号}）\n送达方式：{送达方式}\n"
               "送达地点：{送达地点}\n受送达人签收：　　　　　　　　年　　月　　日\n"
               "送达人签名：　　　　　　　　　　年　　月　　日\n备注：{邮件单号}",
               lambda d, c: None if d.reply_date else "尚未作出答复，没有可送达的文书", "letter_service", closing=""),
]
BY_CODE = {k.code: k for k in KINDS}
# Letters whose periods run from the day the other side receives them (送达日期 must be recorded).
DELIVERY_COUNTS = {"correction", "consult_party", "consult_agency", "fee"}


def reply_kind(d: RequestDetail) -> LetterKind | None:
    for k in KINDS:
        if k.is_reply and k.available(d, None) is None:
            return k
    return None


def consultation_for(kind: LetterKind, d: RequestDetail, consultation_id: int | None) -> ConsultationView | None:
    """The consultation a per-consultation letter is about (the latest fitting one by default)."""
    if not kind.consultation:
        return None
    fitting = [c for c in d.consultations if kind.consultation == "any" or c.kind == kind.consultation]
    if consultation_id is not None:
        chosen = next((c for c in fitting if c.id == consultation_id), None)
        if chosen is None:
            raise ServiceError("该征求意见记录不属于此申请，或者不需要这种文书")
        return chosen
    return fitting[-1] if fitting else None


def resolve(code: str, d: RequestDetail) -> LetterKind:
    """``reply`` picks the reply letter from the decision; other codes name a kind."""
    if code == "reply":
        k = reply_kind(d)
        if k is None:
            raise ServiceError("尚未作出答复决定，不能出具答复告知书")
        return k
    if code not in BY_CODE:
        raise ServiceError(f"没有这种文书：{code}")
    return BY_CODE[code]


def template_problems(kind: LetterKind, body: str) -> list[str]:
    """Why an edited template is refused (unknown fields, removed statutory elements)."""
    used = FIELD_RE.findall(body)
    problems = [f"未知字段“{{{name}}}”" for name in dict.fromkeys(used) if name not in FIELDS]
    problems += [f"缺少法定要素“{{{name}}}”（{FIELDS[name]}）" for name in kind.required if name not in used]
    if body.count("{") != body.count("}"):
        problems.append("花括号不成对")
    return problems
