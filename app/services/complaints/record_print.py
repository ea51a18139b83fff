"""投诉举报笔录: the written record of an in-person complaint, on the shared typesetting engine.

Printed at the desk for the complainant to read and sign.  The identity is
printed only when the person printing may see it (``identity.reveal`` — which
logs the view); for everyone else it reads （保密）, like every other display.
"""

from __future__ import annotations

from app.dates import cn_date
from app.db import Database
from app.db.models import Complaint
from app.letters.layout import TITLE_PT, Block, LetterLayout, render
from app.services.actor import Actor
from app.services.complaints import identity
from app.services.complaints.register import target_text
from app.services.errors import NotFound, ValidationError

TITLE = "投诉举报笔录"


def layout(db: Database, actor: Actor, cid: int, agency: str = "") -> LetterLayout:
    with db.session() as s:
        row = s.get(Complaint, cid)
        if row is None:
            raise NotFound("该投诉举报不存在")
        if row.channel != "当面":
            raise ValidationError("只有当面投诉举报需要打印笔录")
        r = {k: getattr(row, k) for k in ("number", "received_on", "anonymous", "identity", "taken_by",
                                           "taken_place", "category", "facts", "happened")}
        target = target_text(row)
    if r["anonymous"]:
        who = f"投诉举报人：{identity.ANONYMOUS}"
    else:
        ident = identity.reveal(db, actor, cid, r["identity"], r["number"], purpose="打印笔录")
        who = (f"投诉举报人：{ident.name}　证件号码：{ident.id_number or '未提供'}　联系电话：{ident.phone or '未提供'}"
               if ident else f"投诉举报人：{identity.HIDDEN}")
    blocks = [
        Block(TITLE, role="title", size=TITLE_PT, align="center", first_indent=0),
        Block(f"编号：{r['number']}", align="right", first_indent=0),
        Block(f"时间：{cn_date(r['received_on'])}", first_indent=0),
        Block(f"地点：{r['taken_place'] or '本机关'}", first_indent=0),
        Block(f"记录人：{r['taken_by']}", first_indent=0),
        Block(who, first_indent=0),
        Block(f"被投诉举报对象：{target}", first_indent=0),
        Block(f"类别：{r['category']}", first_indent=0),
    ]
    if r["happened"]:
        blocks.append(Block(f"发生时间和地点：{r['happened']}", first_indent=0))
    blocks += [Block("投诉举报人陈述：", first_indent=0)]
    blocks += [Block(p) for p in r["facts"].split("\n") if p.strip()]
    blocks += [Block("", group=1),
               Block("以上笔录我已看过（或已向我宣读），与我所述一致。", group=1),
               Block("投诉举报人签名：　　　　　　　　　　年　　月　　日", first_indent=0, group=1),
               Block("记录人签名：　　　　　　　　　　　　年　　月　　日", first_indent=0, group=1)]
    return LetterLayout(TITLE, blocks, meta_title=f"{TITLE} {r['number']}", author=agency)


def pdf(db: Database, actor: Actor, cid: int, agency: str = "") -> bytes:
    """The 笔录 as PDF bytes."""
    return render(layout(db, actor, cid, agency))
