"""责任追究决定 record (seed 004 四) on the shared typesetting engine, for a confirmed ledger entry.

It names the staff member and the measure, never the complainant: the complaint is
cited by its number only.  Its 文号 was assigned when the record was confirmed (the decision's
issue), so every print of it carries the same number and date.
"""

from __future__ import annotations

from app.dates import cn_date
from app.db import Database
from app.db.models import AccountabilityRecord
from app.letters.layout import Block, LetterLayout, heading, render
from app.services.actor import Actor
from app.services.complaints.vocab import BLAME, CONFIRMED
from app.services.errors import NotFound, ValidationError
from app.services.rights import Right, require

TITLE = "责任追究决定"


def layout(db: Database, record_id: int, agency: str = "", actor: Actor | None = None) -> LetterLayout:
    """The decision's layout; with ``actor`` (the window) the right to read complaints is checked first."""
    with db.session() as s:
        if actor is not None:
            require(s, actor, Right.COMPLAINT_READ)
        rec = s.get(AccountabilityRecord, record_id)
        if rec is None:
            raise NotFound("该责任追究记录不存在")
        if rec.kind != BLAME:
            raise ValidationError("表扬记录不出具责任追究决定")
        if rec.state != CONFIRMED:
            raise ValidationError("责任追究记录经监督检查人员确认后才能出具决定")
        # the person and the 科室 are two different parties to the decision: never one "、" list
        if rec.person:
            party = [Block(f"被追究人：{rec.person}", first_indent=0)]
            if rec.department:
                party.append(Block(f"所在科室：{rec.department}", first_indent=0))
        else:
            party = [Block(f"被追究科室：{rec.department}", first_indent=0)]
        # the 文号 assigned at confirmation; a decision confirmed before decisions were numbered has none
        # and is reprinted as it was issued (a number appearing later would not match the delivered copy)
        blocks = [*heading(TITLE, rec.number),
                  *party,
                  Block(f"考评年度：{rec.year}年", first_indent=0),
                  Block(f"事由：{rec.reason}。")]
        if rec.person:
            blocks.append(Block(f"依照本机关责任追究办法，此为{rec.person}在{rec.year}年度的第{rec.ordinal}次责任追究，"
                                f"处理措施：{rec.measure}。"))
        if rec.person_points:
            blocks.append(Block(f"扣减其年度考评{rec.person_points}分。"))
        if rec.department and rec.section_points:
            blocks.append(Block(f"{rec.department}扣减目标责任制考核{rec.section_points}分，"
                                f"科室负责人扣减年度考评{rec.head_points}分。"))
        blocks += [Block("", group=1),
                   Block(agency or "（本机关）", align="right", first_indent=0, group=1),
                   Block(cn_date(rec.confirmed_on), align="right", first_indent=0, group=1),
                   Block(f"确认人：{rec.confirmed_by}", first_indent=0, group=1)]
        # proof the decision was delivered to the one it concerns
        receiver = "被追究人" if rec.person else "被追究科室负责人"
        blocks.append(Block(f"{receiver}签收：　　　　　　　　　　年　　月　　日", first_indent=0, group=1))
        nth = f"第{rec.ordinal}次" if rec.person and rec.ordinal else ""
        # no internal record id; the 文号 when it has one, as the preview title and file name do
        meta = f"{TITLE}{' ' + rec.number if rec.number else ''}（{rec.person or rec.department}，{rec.year}年度{nth}）"
    return LetterLayout(TITLE, blocks, meta_title=meta, author=agency)


def pdf(db: Database, record_id: int, agency: str = "", actor: Actor | None = None) -> bytes:
    return render(layout(db, record_id, agency, actor))
