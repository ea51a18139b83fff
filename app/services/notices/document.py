"""The text of the 一次性告知书, laid out by the letter typesetter (app.letters.layout).

Everything the duty requires is printed at once (domain README §6): the matter
and its legal basis, each missing or defective material with its requirement,
conditions, fee, promised time, where and when to come back, the clerk with a
phone, the supervision phone, the date, the catalogue version, and a line for
the applicant to sign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.dates import cn_date
from app.letters.layout import Block, LetterLayout, heading, section_heading
from app.services.catalogue.elements import MatterInput, fee_text

TITLE = "一次性告知书"


@dataclass(frozen=True)
class NoticeDoc:
    number: str
    day: dt.date
    applicant: str
    phone: str
    matter: MatterInput
    version: int
    items: list  # list[issue.Item]
    clerk: str
    clerk_phone: str
    agency: str


def signature(agency: str, day: dt.date, group: int = 1) -> list[Block]:
    """Agency name centred over the date, the date 4 characters from the right (GB/T 9704)."""
    date_text = cn_date(day)
    name_indent = max(2, 4 + (len(date_text) - len(agency)) // 2)
    return [Block("", group=group), Block(agency, align="right", first_indent=name_indent, group=group),
            Block(date_text, align="right", first_indent=4, group=group)]


def build(d: NoticeDoc) -> LetterLayout:
    m = d.matter
    missing = [it for it in d.items if it.problem == "缺少"]
    defective = [it for it in d.items if it.problem != "缺少"]
    blocks = [*heading(TITLE, d.number),
              Block(f"{d.applicant}：", first_indent=0),
              Block(f"{cn_date(d.day)}，您到{d.agency}申请办理“{m.name}”事项。经核对，您提交的申请材料"
                    + ("尚不齐全" if missing else "") + ("、" if missing and defective else "")
                    + ("部分不符合要求" if defective else "")
                    + "。现将需要补齐、补正的全部材料及有关要求一次性告知如下：")]
    n = 0

    def section(title: str) -> None:
        nonlocal n
        n += 1
        blocks.append(section_heading(f"{'一二三四五六七八九'[n - 1]}、{title}"))

    section("设定依据")
    blocks.append(Block(m.legal_basis))
    if missing:
        section("需要补齐的材料")
        for i, it in enumerate(missing, start=1):
            blocks.append(Block(f"{i}. {it.name}（{it.requirement}）。"))
    if defective:
        section("需要补正的材料")
        for i, it in enumerate(defective, start=1):
            blocks.append(Block(f"{i}. {it.name}：{it.reason.rstrip('。')}。要求：{it.requirement}。"))
    section("办理条件")
    blocks.append(Block(m.conditions))
    section("收费")
    blocks.append(Block(fee_text(m) + "。"))
    section("办理时限")
    blocks.append(Block(f"自受理之日起{m.promised_days}个工作日内办结（法定时限{m.statutory_days}个工作日）。"))
    section("补齐材料后办理地点和时间")
    place = m.place + (f"{m.service_window}" if m.service_window else "")
    blocks.append(Block(f"办理地点：{place}；办理时间：{m.hours}。"))
    section("咨询和监督")
    blocks.append(Block(f"经办人：{d.clerk}，联系电话：{d.clerk_phone}；咨询电话：{m.enquiry_phone}；"
                        f"监督投诉电话：{m.complaint_phone}。"))
    blocks.append(Block(f"本告知书依据本机关事项清单“{m.name}”第{d.version}版出具，所列材料和要求以此为准。"))
    group = 1
    blocks += signature(d.agency, d.day, group)
    blocks += [Block("", group=group),
               Block(f"申请人签收：　　　　　　　　联系电话：{d.phone}", first_indent=0, group=group),
               Block("签收日期：　　　　年　　月　　日", first_indent=0, group=group)]
    return LetterLayout(TITLE, blocks, meta_title=f"{TITLE} {d.number}", author=d.agency)
