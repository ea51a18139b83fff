"""Fill a letter kind's template from a request and the agency profile, and lay it out."""

from __future__ import annotations

import datetime as dt

from app.dates import cn_date
from app.domain import taxonomy
from app.letters import kinds
from app.letters.layout import TITLE_PT, Block, LetterLayout
from app.letters.remedy import remedy_clause
from app.services.holidays import provisional_note
from app.services.profile import Profile
from app.services.requests.queries import RequestDetail


class _Fields(dict):
    def __missing__(self, key: str) -> str:  # unknown names are refused at template save time
        return ""


def letter_date(kind: kinds.LetterKind, d: RequestDetail) -> dt.date:
    """The date printed on the letter: the day of the act it records, so a reprint is identical."""
    c = d.consultations[0] if d.consultations else None
    by_kind = {
        "receipt": d.received_date, "correction": d.correction_date, "extension": d.extension_date,
        "fee": d.fee_notice_date, "consult_party": c.sent_date if c else None,
        "consult_notice": c.sent_date if c else None, "service": d.delivered_date or d.reply_date,
    }
    return by_kind.get(kind.code) or d.reply_date or d.received_date


def fields_for(kind: kinds.LetterKind, d: RequestDetail, profile: Profile) -> dict[str, str]:
    c = d.consultations[-1] if d.consultations else None
    due = cn_date(d.clock.due if d.clock else d.due_date)
    if d.clock and d.clock.provisional and kind.code == "receipt":
        due += provisional_note(d.clock.provisional_years)
    return _Fields({
        "申请人": d.applicant_name, "收到日期": cn_date(d.received_date), "申请内容": d.content.strip(),
        "文号": d.number, "答复期限": due,
        "补正事项": d.correction_items, "补正期限": cn_date(d.correction_deadline),
        "征求对象": c.party if c else "", "征求发出日期": cn_date(c.sent_date) if c else "",
        "意见期限": cn_date(c.reply_due) if c else "",
        "延期天数": str(d.extension_days), "延期理由": d.extension_reason.rstrip("。"), "新答复期限": due,
        "收费方式": d.fee_method, "收费数量": f"{d.fee_quantity}{'件' if '件' in d.fee_method else '页'}",
        "收费金额": str(d.fee_amount), "收费明细": d.fee_breakdown, "缴费期限": cn_date(d.fee_deadline),
        "依据条款": d.article, "理由": d.reasons.rstrip("。"), "法律依据": d.legal_basis,
        "不予公开内容": d.withheld.rstrip("。"), "提供信息": d.provided_docs.rstrip("。")
        + (f"（共{d.page_count}页）" if d.page_count else ""),
        "页数": str(d.page_count), "负责机关": d.responsible_agency or "（无法确定）",
        "负责机关联系方式": d.responsible_contact or "（不详）",
        "救济条款": remedy_clause(profile, reconsideration_first=d.result_code.startswith("3.")),
        "机关名称": profile.full_name, "受理窗口": profile.window_location or profile.address,
        "联系电话": profile.phone, "工作机构": profile.disclosure_office or profile.full_name,
        "办理结果": d.result_label,
        "不予公开条款": taxonomy.BY_CODE[d.result_code].article if d.result_code in taxonomy.BY_CODE else "", "送达方式": d.service_method or "　", "送达地点": d.address or "　",
        "邮件单号": d.tracking_number,
        "送达文书": reply.title if (reply := kinds.reply_kind(d)) else "答复告知书",
    })


def build(kind: kinds.LetterKind, d: RequestDetail, profile: Profile, body: str | None = None) -> LetterLayout:
    text = (body or kind.body).format_map(fields_for(kind, d, profile))
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    blocks = [Block(kind.title, role="title", size=TITLE_PT, align="center", first_indent=0),
              Block(d.number, align="center", first_indent=0), Block("")]
    for i, p in enumerate(paragraphs):
        salutation = i == 0 and p.endswith("：") and len(p) <= 40
        blocks.append(Block(p, first_indent=0 if salutation or kind.code == "service" else 2))
    date_text = cn_date(letter_date(kind, d))
    name = profile.full_name or "（机关名称）"
    # GB/T 9704: date 4 characters from the right; the agency name centred over it; the seal over both.
    name_indent = max(2, 4 + (len(date_text) - len(name)) // 2)
    group = 1
    if kind.closing:
        blocks.append(Block(kind.closing, group=group))
    blocks += [Block("", group=group), Block("", group=group),
               Block(name, align="right", first_indent=name_indent, group=group),
               Block(date_text, align="right", first_indent=4, group=group)]
    return LetterLayout(kind.title, blocks, meta_title=f"{kind.title} {d.number}", author=name)
