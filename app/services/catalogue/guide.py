"""The printed 办事指南 of one matter version, on the letter typesetter (GB/T 9704 grid).

Sections follow the catalogue elements in their order, so what the counter
shows, what the notice cites and what the public reads are the same text.
"""

from __future__ import annotations

from app.db import Database
from app.letters import fonts, layout
from app.letters.layout import TITLE_PT, Block, LetterLayout, section_heading
from app.services.catalogue import service
from app.services.catalogue.elements import MatterInput, fee_text
from app.services.errors import ServiceError
from app.services.letters import MissingGlyphs
from app.services.notices.document import signature
from app.services.profile import get_profile

NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return "十" + NUMERALS[n - 11] if n < 20 else str(n)


def build(m: MatterInput, version: int, agency: str, effective_on) -> LetterLayout:  # noqa: ANN001
    blocks = [Block(f"“{m.name}”办事指南", role="title", size=TITLE_PT, align="center", first_indent=0),
              Block(f"（第{version}版）", align="center", first_indent=0), Block("")]
    sections: list[tuple[str, list[str]]] = [
        ("事项类别", [m.category]),
        ("实施主体和承办科室", [f"实施主体：{m.implementing_body}；承办科室：{m.department}。"]),
        ("设定依据", [m.legal_basis]),
        ("办理条件", m.conditions.split("\n")),
        ("申请材料", [f"{i}. {x.name}（{x.original}{x.copies}份，{x.medium}"
                      + ("" if x.required else f"；适用于：{x.condition}") + "）"
                      + (f"。要求：{x.requirement.rstrip('。')}" if x.requirement else "")
                      + (f"。来源：{x.source}" if x.source else "") + "。"
                      for i, x in enumerate(m.materials, start=1)]),
        ("办理流程", m.procedure.split("\n")),
        ("收费", [fee_text(m) + "。"]),
        ("办理时限", [f"法定时限{m.statutory_days}个工作日；承诺时限{m.promised_days}个工作日。"]),
        ("办理地点和时间", [f"办理地点：{m.place}{m.service_window}；办理时间：{m.hours}。"]),
        ("咨询和监督投诉", [f"咨询电话：{m.enquiry_phone}；监督投诉电话：{m.complaint_phone}。"]),
        ("公开要素", [f"公开内容：{m.disclosure_content}；信息更新时间：{m.update_time}；公开主体："
                      f"{m.disclosure_subject}" + (f"；信息保障单位：{m.guarantee_unit}" if m.guarantee_unit else "")
                      + f"；公开渠道：{m.disclosure_channel}"
                      + (f"；公开栏目：{m.disclosure_column}" if m.disclosure_column else "")
                      + (f"；公开依据：{m.disclosure_basis}" if m.disclosure_basis else "")
                      + f"；公开对象：{m.audience}；公开方式：{m.disclosure_method}。"]),
    ]
    for n, (title, paragraphs) in enumerate(sections, start=1):
        blocks.append(section_heading(f"{_numeral(n)}、{title}"))
        blocks.extend(Block(p) for p in paragraphs if p.strip())
    blocks += signature(agency, effective_on)
    return LetterLayout(f"{m.name}办事指南", blocks, meta_title=f"{m.name}办事指南 第{version}版", author=agency)


def guide_pdf(db: Database, matter_id: int, version: int | None = None) -> bytes:
    """The 办事指南 PDF of a matter version (current by default), dated the version's effective day."""
    d = service.detail(db, matter_id, version)
    agency = get_profile(db).full_name
    if not agency:
        raise ServiceError("机关信息中尚未填写机关全称，请系统管理员先填写")
    doc = build(d.content, d.version, agency, d.effective_on)
    missing = fonts.missing_characters("".join(b.text for b in doc.blocks))
    if missing:
        raise MissingGlyphs(missing)
    return layout.render(doc)
