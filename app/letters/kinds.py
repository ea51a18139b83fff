"""Every letter the regulation requires: what it says by default, what must stay in it,
and when it can be issued.  Body templates use named fields such as {申请人}."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.domain import taxonomy
from app.services.errors import ServiceError
from app.services.requests.queries import RequestDetail

FIELDS = {
    "申请人": "申请人姓名或名称", "收到日期": "收到申请日期", "申请内容": "所需信息", "文号": "本文书文号",
    "答复期限": "答复期限", "补正事项": "需要补正的事项", "补正期限": "补正期限", "征求对象": "第三方或机关名称",
    "征求发出日期": "征求意见发出日期", "意见期限": "第三方答复期限", "延期天数": "延长的工作日数",
    "延期理由": "延期理由", "新答复期限": "延期后的答复期限", "收费方式": "计收方式", "收费数量": "件数或页数",
    "收费金额": "应缴金额", "收费明细": "分档计算明细", "缴费期限": "缴费期限", "依据条款": "第三十六条等依据",
    "理由": "理由", "法律依据": "法律依据", "不予公开内容": "不予公开的内容及理由", "提供信息": "提供的政府信息",
    "页数": "页数", "负责机关": "负责公开的机关", "负责机关联系方式": "该机关联系方式", "救济条款": "救济条款",
    "机关名称": "机关全称", "受理窗口": "受理窗口地点", "联系电话": "机关联系电话", "工作机构": "政府信息公开工作机构",
    "办理结果": "办理结果（年度报告分类）", "不予公开条款": "不予公开所依据的条款",
}
FIELD_RE = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: str
    required: tuple[str, ...]
    body: str
    available: Callable[[RequestDetail], str | None]  # None = can be issued, else why not
    is_reply: bool = False
    closing: str = "特此告知。"


def _needs(attr: str, message: str) -> Callable[[RequestDetail], str | None]:
    return lambda d: None if getattr(d, attr) else message


def _reply_if(*codes: str, article: str | None = None, not_article: str | None = None):  # noqa: ANN202
    def check(d: RequestDetail) -> str | None:
        if not d.result_code:
            return "尚未作出答复决定"
        ok = d.result_code in codes and (article is None or d.article == article) and (
            not_article is None or d.article != not_article)
        return None if ok else f"该申请的办理结果为“{d.result_label}”，应出具其他告知书"
    return check


OPENING = "{收到日期}，本机关收到您提出的政府信息公开申请，申请获取“{申请内容}”。"
REPLY_REQUIRED = ("收到日期", "依据条款", "救济条款")

KINDS: list[LetterKind] = [
    LetterKind("receipt", "政府信息公开申请接收回执", ("收到日期", "答复期限"),
               "{申请人}：\n{收到日期}，本机关收到您提出的政府信息公开申请（申请编号{文号}），申请获取“{申请内容}”。"
               "根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将在收到申请之日起20个工作日内"
               "（即{答复期限}前）予以答复；需要延长答复期限的，将另行书面告知。\n"
               "如有疑问，请向{工作机构}咨询（地址：{受理窗口}，电话：{联系电话}）。",
               lambda d: None, closing=""),
    LetterKind("correction", "政府信息公开申请补正告知书", ("收到日期", "补正事项", "补正期限"),
               "{申请人}：\n" + OPENING + "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》"
               "第三十条的规定，现一次性告知您需要补正的事项如下：\n{补正事项}\n"
               "请您于{补正期限}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起重新计算。"
               "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
               _needs("correction_date", "尚未发出补正告知")),
    LetterKind("consult_party", "政府信息公开征求第三方意见书", ("征求对象", "意见期限"),
               "{征求对象}：\n本机关于{收到日期}收到政府信息公开申请，申请获取“{申请内容}”。经审查，该信息可能"
               "涉及贵方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。"
               "请于{意见期限}前（自收到本意见书之日起15个工作日内）提出书面意见。"
               "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。",
               _needs("consultations", "尚未登记征求意见"), closing="特此函告。"),
    LetterKind("consult_notice", "政府信息公开征求意见告知书", ("收到日期", "征求对象"),
               "{申请人}：\n" + OPENING + "因该信息可能涉及第三方合法权益，根据《中华人民共和国政府信息公开条例》"
               "第三十二条的规定，本机关已于{征求发出日期}书面征求{征求对象}的意见，对方应在15个工作日内提出意见。"
               "根据第三十三条第三款的规定，征求意见所需时间不计算在答复期限内。第三方逾期未提出意见的，"
               "由本机关依照条例的规定决定是否公开。",
               _needs("consultations", "尚未登记征求意见")),
    LetterKind("extension", "延期答复告知书", ("收到日期", "延期理由", "新答复期限"),
               "{申请人}：\n" + OPENING + "因{延期理由}，本机关不能在规定期限内作出答复。根据《中华人民共和国"
               "政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
               "{延期天数}个工作日，本机关将于{新答复期限}前作出答复。",
               _needs("extension_days", "该申请没有延期")),
    LetterKind("fee", "政府信息公开信息处理费缴费通知书", ("收到日期", "收费金额", "缴费期限"),
               "{申请人}：\n" + OPENING + "因您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国"
               "政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
               "本机关{收费方式}收取信息处理费。计收数量：{收费数量}；计算明细：{收费明细}；应缴金额：{收费金额}元。\n"
               "请于{缴费期限}前（自收到本通知书次日起20个工作日内）到{受理窗口}缴纳。"
               "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。缴费期间不计算在答复期限内。",
               _needs("fee_notice_date", "尚未发出收费通知")),
    LetterKind("reply_public", "政府信息公开告知书", REPLY_REQUIRED,
               "{申请人}：\n" + OPENING + "经审查，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n您申请获取的政府信息属于公开范围，本机关予以公开：{提供信息}。{理由}\n{救济条款}",
               _reply_if("1", not_article=taxonomy.ALREADY_PUBLIC), is_reply=True),
    LetterKind("reply_published", "政府信息公开告知书", REPLY_REQUIRED,
               "{申请人}：\n" + OPENING + "经审查，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n您申请获取的政府信息已经主动公开，您可以通过以下方式和途径获取：{提供信息}。\n{救济条款}",
               _reply_if("1", article=taxonomy.ALREADY_PUBLIC), is_reply=True),
    LetterKind("reply_partial", "政府信息部分公开告知书", REPLY_REQUIRED + ("不予公开内容",),
               "{申请人}：\n" + OPENING + "经审查，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n您申请获取的政府信息中含有不应当公开的内容，本机关作区分处理后予以公开：{提供信息}。"
               "其中以下内容不予公开：{不予公开内容}。理由：{理由}。法律依据：{法律依据}。\n{救济条款}",
               _reply_if("2"), is_reply=True),
    LetterKind("reply_withhold", "政府信息不予公开告知书", REPLY_REQUIRED + ("理由", "法律依据"),
               "{申请人}：\n" + OPENING + "经审查，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n您申请获取的政府信息属于不予公开的范围（{办理结果}，《中华人民共和国政府信息公开条例》"
               "{不予公开条款}），本机关不予公开。"
               "不予公开的内容及理由：{不予公开内容}。理由：{理由}。法律依据：{法律依据}。\n{救济条款}",
               _reply_if(*[leaf.code for leaf in taxonomy.LEAVES if leaf.code.startswith("3.")]), is_reply=True),
    LetterKind("reply_nonexistent", "政府信息不存在告知书", REPLY_REQUIRED,
               "{申请人}：\n" + OPENING + "经本机关检索查找，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n本机关未制作或者获取您申请的政府信息，该政府信息不存在。{理由}\n{救济条款}",
               _reply_if("4.1", "4.2", not_article=taxonomy.NOT_THIS_AGENCY), is_reply=True),
    LetterKind("reply_not_ours", "非本机关政府信息告知书", REPLY_REQUIRED + ("负责机关",),
               "{申请人}：\n" + OPENING + "经审查，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n您申请获取的政府信息不属于本机关负责公开。{理由}该政府信息由{负责机关}负责公开，"
               "联系方式：{负责机关联系方式}。\n{救济条款}",
               _reply_if("4.1", article=taxonomy.NOT_THIS_AGENCY), is_reply=True),
    LetterKind("reply_refuse", "政府信息公开申请不予处理告知书", REPLY_REQUIRED + ("理由",),
               "{申请人}：\n" + OPENING + "经审查，根据《中华人民共和国政府信息公开条例》{依据条款}的规定，"
               "现答复如下：\n您的申请属于“{办理结果}”的情形，本机关不予处理。理由：{理由}。\n{救济条款}",
               _reply_if("4.3", "5.1", "5.2", "5.3", "5.4", "5.5"), is_reply=True),
    LetterKind("reply_other", "政府信息公开申请办结告知书", REPLY_REQUIRED + ("理由",),
               "{申请人}：\n" + OPENING + "根据《中华人民共和国政府信息公开条例》{依据条款}的规定，现告知如下：\n"
               "{理由}。\n{救济条款}",
               _reply_if("6.1", "6.2", "6.3"), is_reply=True),
    LetterKind("service", "送达回证", ("文号",),
               "受送达人：{申请人}\n送达文书：{送达文书}（{文号}）\n送达方式：{送达方式}\n"
               "送达地点：{送达地点}\n受送达人签收：　　　　　　　　年　　月　　日\n"
               "送达人签名：　　　　　　　　　　年　　月　　日\n备注：{邮件单号}",
               lambda d: None if d.reply_date else "尚未作出答复，没有可送达的文书", closing=""),
]
BY_CODE = {k.code: k for k in KINDS}
for _name in ("送达文书", "送达方式", "送达地点", "邮件单号"):
    FIELDS[_name] = _name


def reply_kind(d: RequestDetail) -> LetterKind | None:
    for k in KINDS:
        if k.is_reply and k.available(d) is None:
            return k
    return None


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
