"""Fill a letter kind's template from a request and the agency profile, and lay it out.

A letter states the facts as of its own date (:class:`Facts`, computed by the letters
service from the request's history), speaks only the regulation's words (the decision
dialog's glosses and the annual-report row names never reach it), and is refused —
naming the missing item — rather than printed with an empty field.  Free text typed by
staff has its trailing punctuation trimmed; the template supplies exactly one mark.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.dates import cn_date
from app.domain import fees, taxonomy
from app.letters import kinds
from app.letters.layout import Block, LetterLayout, heading
from app.letters.remedy import remedy_clause
from app.services.errors import ServiceError
from app.services.profile import Profile
from app.services.requests.queries import ConsultationView, RequestDetail

_TRAILING = "。．.；;，,、：: \u3000\t\r\n"
# Where a missing profile value is fixed, so the refusal tells the clerk whom to ask.
_PROFILE_HINT = {"机关名称": "机关全称", "受理窗口": "受理窗口地点（或通信地址）", "联系电话": "联系电话",
                 "救济条款": "行政复议机关和管辖人民法院"}


def clause(text: str) -> str:
    """Free text as the inside of a sentence: trimmed, without its own closing punctuation."""
    return (text or "").strip().rstrip(_TRAILING).strip()


def sentence(text: str) -> str:
    """Free text as a whole sentence ending in exactly one "。" ("" stays "")."""
    t = clause(text)
    if not t:
        return ""
    return t if t[-1] in "？！?!" else t + "。"


@dataclass(frozen=True)
class Facts:
    """What was true on the letter's date, and what the letter is about."""

    letter_date: dt.date
    number: str  # this letter's 发文字号
    due: dt.date | None = None  # the answer deadline as of letter_date
    due_note: str = ""  # "（暂估…）" when the deadline reaches an unpublished holiday year
    consultation: ConsultationView | None = None
    consultations: tuple[ConsultationView, ...] = ()  # those sent by letter_date (for the applicant's notice)
    disclosed_parties: frozenset[int] = frozenset()  # consultation ids whose third party may be named
    served_title: str = ""  # 送达回证: the letter served
    served_number: str = ""


def act_date(kind: kinds.LetterKind, d: RequestDetail, c: ConsultationView | None) -> dt.date | None:
    """The day of the act a letter records: its date on first issue."""
    by_kind = {
        "receipt": d.received_date, "correction": d.correction_date, "extension": d.extension_date,
        "fee": d.fee_notice_date, "consult_party": c.sent_date if c else None,
        "consult_agency": c.sent_date if c else None, "consult_notice": c.sent_date if c else None,
        "service": d.reply_date,
    }
    return by_kind[kind.code] if kind.code in by_kind else d.reply_date


def withheld_citation(leaf: taxonomy.Leaf, legal_basis: str) -> str:
    """The row's articles plus the ground typed in 法律依据, without repeating an article or
    the regulation's name: "第三十六条第（二）项、第三十七条、第十五条", or "…第十四条和《其他法律》第N条"."""
    base = leaf.article
    text = clause(taxonomy.citation(legal_basis)).replace(kinds.REG, "").replace("《条例》", "")
    laws = [m.group().strip("、，,；; 和及") for m in re.finditer(r"《[^》]+》[^、，,；;《]*", text)]
    rest = re.sub(r"《[^》]+》[^、，,；;《]*", "、", text)
    arts = [a.strip() for a in re.split(r"[、，,；;和及]", rest) if a.strip() and a.strip() not in base]
    cited = "、".join([base, *dict.fromkeys(arts)])
    return cited + ("和" + "、".join(dict.fromkeys(laws)) if laws else "")


def _consultation_sentence(f: Facts) -> str:
    parts = []
    for c in f.consultations:
        if c.kind == "其他机关":
            who = c.party
        else:
            who = c.party if c.id in f.disclosed_parties else "第三方"
        parts.append(f"于{cn_date(c.sent_date)}书面征求{who}的意见")
    if not parts:
        return ""
    third = any(c.kind != "其他机关" for c in f.consultations)
    agency = any(c.kind == "其他机关" for c in f.consultations)
    why = "因您申请公开的政府信息" + "、".join(
        x for x in ("可能涉及第三方合法权益" if third else "", "由本机关与其他机关共同制作" if agency else "") if x)
    law = "、".join(x for x in ("第三十二条" if third else "", "第三十四条" if agency else "") if x)
    return (f"{why}，根据{kinds.REG}{law}的规定，本机关已" + "，".join(parts)
            + "。被征求意见方应当自收到征求意见书之日起15个工作日内提出意见。")


def _reply_fields(kind: kinds.LetterKind, d: RequestDetail) -> dict[str, str]:
    leaf = taxonomy.BY_CODE[d.result_code]
    out = {"答复内容": leaf.wording, "依据条款": leaf.article, "补充说明": sentence(d.reasons), "理由": clause(d.reasons)}
    item = taxonomy.article_36_item(d.article)
    if kind.code == "reply_published":
        out["答复内容"], out["依据条款"] = "您申请获取的政府信息已经主动公开", "第三十六条第（一）项"
    elif kind.code == "reply_not_ours":
        out["答复内容"], out["依据条款"] = "您申请获取的政府信息不属于本机关负责公开", "第三十六条第（五）项"
        agency, contact = clause(d.responsible_agency), clause(d.responsible_contact)
        if agency:
            out["负责机关说明"] = f"该政府信息由{agency}负责公开" + (f"，联系方式：{contact}。" if contact else "。")
        else:
            out["负责机关说明"] = "本机关无法确定负责公开该政府信息的行政机关。"
    elif leaf.code == "6.3":
        out["答复内容"], out["依据条款"], out["补充说明"] = clause(d.reasons), taxonomy.citation(d.article), ""
    elif leaf.code in ("6.1", "6.2"):
        out["补充说明"] = ""
    if leaf.withholds and leaf.code != "3.8":
        out["依据条款"] = withheld_citation(leaf, d.legal_basis)
        if out["依据条款"] == leaf.article and leaf.code in ("2", "3.2"):
            out["依据条款"] = ""  # refused below: the ground of the withheld part must be named
    if leaf.code == "3.8":
        law = clause(taxonomy.citation(d.legal_basis)).replace(kinds.REG + "第三十六条第（七）项", "")
        agency, contact = clause(d.responsible_agency), clause(d.responsible_contact)
        out["查询指引"] = (f"请您依照{law}的规定，向{agency}申请查询" + (f"（联系方式：{contact}）" if contact else "")
                       + "。") if law and "《" in law and agency else ""
    if leaf.code in ("1", "2"):
        docs = clause(d.provided_docs)
        out["提供信息"] = docs + (f"（共{d.page_count}页）" if docs and d.page_count and item != "一" else "")
    out["不予公开内容"] = clause(d.withheld)
    return out


_MISSING_REPLY = {
    "依据条款": "答复依据（部分公开、其他法律行政法规禁止公开的，须在“法律依据”中写明不予公开部分所依据的条款）",
    "查询指引": "办理查询的机关和对查询有特别规定的法律、行政法规（在答复决定的“负责机关”和“法律依据”中填写）",
}


def fields_for(kind: kinds.LetterKind, d: RequestDetail, profile: Profile, f: Facts) -> dict[str, str]:
    c = f.consultation
    values = dict.fromkeys(kinds.FIELDS, "")
    values |= {
        "申请人": clause(d.applicant_name), "收到日期": cn_date(d.received_date), "申请内容": clause(d.content),
        "申请编号": d.number, "文号": f.number, "答复工作日数": str(profile.answer_days),
        "答复期限": cn_date(f.due) + f.due_note if f.due else "",
        "补正事项": sentence(d.correction_items), "补正工作日数": str(getattr(d, "correction_days", 0) or ""),
        "征求对象": clause(c.party) if c else "", "征求情况": _consultation_sentence(f),
        "延期天数": str(d.extension_days or ""), "延期理由": clause(d.extension_reason),
        "新答复期限": cn_date(f.due) + f.due_note if f.due else "",
        "机关名称": profile.full_name, "受理窗口": profile.window_location or profile.address,
        "联系电话": profile.phone, "工作机构": profile.disclosure_office or profile.full_name,
        "送达文书": f.served_title, "送达文书文号": f.served_number,
        "送达方式": d.service_method, "送达地点": clause(d.address), "邮件单号": d.tracking_number,
    }
    if d.fee_method:
        unit = "件" if d.fee_method == fees.PER_PIECE else "页"
        values.update({"收费方式": "按件" if unit == "件" else "按量", "收费数量": f"{d.fee_quantity}{unit}",
                       "收费金额": str(d.fee_amount), "收费明细": clause(d.fee_breakdown)})
        first = re.match(r"第(\d+)", d.fee_breakdown)
        earlier = int(first.group(1)) - 1 if first and unit == "件" else 0
        if unit == "件":
            month = f"{d.received_date.year}年{d.received_date.month}月"
            values["当月件数"] = (f"您于{month}共提出政府信息公开申请{earlier + d.fee_quantity}件（本申请{d.fee_quantity}件），"
                              "同一申请人一个自然月内累计申请10件以下的不收费，超过部分按件计收。")
    if kind.is_reply:
        values.update(_reply_fields(kind, d))
        leaf = taxonomy.BY_CODE[d.result_code]
        if profile.reconsideration_body and profile.court:
            values["救济条款"] = remedy_clause(profile, reconsideration_first=leaf.reconsideration_first)
    return values


def check_fields(kind: kinds.LetterKind, body: str, values: dict[str, str]) -> None:
    """Refuse a letter any of whose non-optional fields would print empty, naming it."""
    for name in dict.fromkeys(kinds.FIELD_RE.findall(body)):
        if name in kinds.OPTIONAL or values.get(name, "").strip():
            continue
        if name in _PROFILE_HINT:
            raise ServiceError(f"不能出具{kind.title}：机关信息中尚未填写{_PROFILE_HINT[name]}，请系统管理员先填写")
        what = _MISSING_REPLY.get(name, kinds.FIELDS.get(name, name))
        raise ServiceError(f"不能出具{kind.title}：缺少{what}")


def build(kind: kinds.LetterKind, d: RequestDetail, profile: Profile, f: Facts, body: str | None = None) -> LetterLayout:
    body = body or kind.body
    values = fields_for(kind, d, profile, f)
    check_fields(kind, body, values)
    blank = "＿＿＿＿＿＿＿＿"  # the 送达回证 is a form: an unrecorded item is a line to fill in by hand
    text = body.format_map({k: v if v or k not in kinds.OPTIONAL or kind.code != "service" else blank
                            for k, v in values.items()})
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    blocks = heading(kind.title, f.number)
    for i, p in enumerate(paragraphs):
        salutation = i == 0 and p.endswith("：") and len(p) <= 40
        blocks.append(Block(p, first_indent=0 if salutation or kind.code == "service" else 2))
    date_text = cn_date(f.letter_date)
    name = profile.full_name
    # GB/T 9704: date 4 characters from the right; the agency name centred over it; the seal over both.
    name_indent = max(2, 4 + (len(date_text) - len(name)) // 2)
    group = 1
    if kind.closing:
        blocks.append(Block(kind.closing, group=group))
    blocks += [Block("", group=group), Block("", group=group),
               Block(name, align="right", first_indent=name_indent, group=group),
               Block(date_text, align="right", first_indent=4, group=group)]
    return LetterLayout(kind.title, blocks, meta_title=f"{kind.title} {f.number}", author=name)
