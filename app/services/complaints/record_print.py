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
from app.services.rights import Right, require

TITLE = "投诉举报笔录"
BLANK = "　" * 16  # room to write by hand


def layout(db: Database, actor: Actor, cid: int, agency: str = "") -> LetterLayout:
    with db.session() as s:
        require(s, actor, Right.COMPLAINT_READ)
        row = s.get(Complaint, cid)
        if row is None:
            raise NotFound("该投诉举报不存在")
        if row.channel != "当面":
            raise ValidationError("只有当面投诉举报需要打印笔录")
        r = {k: getattr(row, k) for k in ("number", "received_on", "anonymous", "identity", "taken_by",
                                           "taken_place", "category", "facts", "happened", "wants_reply",
                                           "reply_how")}
        target = target_text(row)
    if r["anonymous"]:
        who = f"投诉举报人：{identity.ANONYMOUS}"
    else:
        ident = identity.reveal(db, actor, cid, r["identity"], r["number"], purpose="打印笔录")
        who = (f"投诉举报人：{ident.name}　证件号码：{ident.id_number or '未提供'}\n联系电话：{ident.phone or '未提供'}"
               f"\n住址：{ident.address or '未提供'}" if ident else f"投诉举报人：{identity.HIDDEN}")
    # what the complainant asked for is part of what they sign: the reply owed to them rests on it
    reply = f"是（{r['reply_how']}）" if r["wants_reply"] and r["reply_how"] else "是" if r["wants_reply"] else "否"
    blocks = [
        Block(TITLE, role="title", size=TITLE_PT, align="center", first_indent=0),
        Block(f"编号：{r['number']}", align="right", first_indent=0),
        Block(f"时间：{cn_date(r['received_on'])}　　时　　分至　　时　　分", first_indent=0),
        Block(f"地点：{r['taken_place'] or '本机关'}", first_indent=0),
        Block(f"记录人：{r['taken_by']}", first_indent=0),
        *[Block(line, first_indent=0) for line in who.split("\n")],
        Block(f"是否要求答复：{reply}", first_indent=0),
        Block(f"被投诉举报对象：{target}", first_indent=0),
        Block(f"类别：{r['category']}", first_indent=0),
        # always its own labelled line, a blank to fill in at the desk when not yet given: the
        # statement below is the complainant's words alone, never the time and place run into them
        Block(f"发生时间和地点：{r['happened'] or BLANK}", first_indent=0),
        Block("投诉举报人陈述：", first_indent=0),
    ]
    blocks += [Block(p) for p in r["facts"].split("\n") if p.strip()]
    blocks += [Block("", group=1),
               Block("以上笔录我已看过（或已向我宣读），与我所述一致。", group=1),
               Block(f"投诉举报人签名{'（匿名的可不签）' if r['anonymous'] else ''}：　　　　　　　　　　年　　月　　日",
                     first_indent=0, group=1),
               Block("记录人签名：　　　　　　　　　　　　年　　月　　日", first_indent=0, group=1)]
    return LetterLayout(TITLE, blocks, meta_title=f"{TITLE} {r['number']}", author=agency)


def pdf(db: Database, actor: Actor, cid: int, agency: str = "") -> bytes:
    """The 笔录 as PDF bytes."""
    return render(layout(db, actor, cid, agency))


TRANSFER_TITLE = "投诉举报转办函"
# how a complaint came in, as the letter says it ("本机关于X年X月X日{…}投诉举报一件")
RECEIVED = {"当面": "当面收到", "电话": "通过电话收到", "信函": "通过信函收到", "网络": "通过网络收到",
            "委托他人": "收到委托他人提出的", "意见箱": "从投诉意见箱收到", "上级交办": "收到上级交办的",
            "转自首问": "经首问负责登记转来"}


def transfer_layout(db: Database, actor: Actor, cid: int, agency: str = "") -> LetterLayout:
    """转办函 to the body with power to handle a complaint that is not ours (受理 decision 转交有权机关)."""
    with db.session() as s:
        require(s, actor, Right.COMPLAINT_READ)
        row = s.get(Complaint, cid)
        if row is None:
            raise NotFound("该投诉举报不存在")
        if row.decision != "转交有权机关":
            raise ValidationError("只有决定转交有权机关的投诉举报才出具转办函")
        r = {k: getattr(row, k) for k in ("number", "received_on", "anonymous", "identity", "other_body",
                                           "decision_on", "category", "facts", "channel", "wants_reply")}
    who, keep = _transfer_identity(db, actor, cid, r)
    # only what the register knows: an anonymous complainant who asked for no reply cannot have been told
    told = "本机关已将转交情况告知投诉举报人。" if not r["anonymous"] or r["wants_reply"] else ""
    blocks = [
        Block(TRANSFER_TITLE, role="title", size=TITLE_PT, align="center", first_indent=0),
        Block(f"投诉举报编号：{r['number']}", align="right", first_indent=0),
        Block(f"{r['other_body']}：", first_indent=0),
        Block(f"本机关于{cn_date(r['received_on'])}{RECEIVED.get(r['channel'], '收到')}投诉举报一件"
              f"（类别：{r['category']}），经审查不属于本机关受理范围，现转交你单位依法处理。"),
        Block(f"投诉举报人：{who}。"),
        Block(f"投诉举报的主要内容：{r['facts'].replace(chr(10), '；').rstrip('。；')}。"),
        *([Block(keep + told)] if keep + told else []),
        Block("", group=1),
        Block(agency or "（本机关）", align="right", first_indent=0, group=1),
        Block(cn_date(r["decision_on"]), align="right", first_indent=0, group=1),
    ]
    return LetterLayout(TRANSFER_TITLE, blocks, meta_title=f"{TRANSFER_TITLE} {r['number']}", author=agency)


SEALED = "署名投诉举报，身份信息由本机关另行密封移送"


def _transfer_identity(db: Database, actor: Actor, cid: int, r: dict) -> tuple[str, str]:
    """(who the letter names, the sentence asking the receiving body to keep it confidential).

    The receiving body must be able to contact a named complainant and reply to them, so the
    letter carries the identity when the person printing may see it (``identity.reveal``: the
    view is audited).  Otherwise it says how the identity reaches them — sealed, separately —
    and asks confidentiality for that; it never asks them to protect what they were not given.
    Anonymous: no identity exists, so nothing to keep confidential either."""
    if r["anonymous"]:
        return identity.ANONYMOUS, ""
    ident = identity.reveal(db, actor, cid, r["identity"], r["number"], purpose="打印转办函")
    if ident is None:
        return SEALED, "请对另行移送的投诉举报人身份信息予以保密，不得透露给被投诉举报对象。"
    who = f"{ident.name}，联系电话：{ident.phone or '未提供'}" + (f"，住址：{ident.address}" if ident.address else "")
    return who, "请对投诉举报人的身份信息予以保密，不得透露给被投诉举报对象。"
