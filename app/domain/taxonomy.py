"""The annual-report taxonomy of results (国办公开办函〔2021〕30号) and 第三十六条 items.

Every closed request is filed under exactly one leaf, so the yearly statistics
are a query.  Leaf codes are stable strings stored in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Leaf:
    code: str  # "1", "2", "3.1" ... "6.3"
    category: str  # 大类
    name: str  # 细类 (== category for the single-row categories)
    article: str  # the articles of the 条例 this row relies on, exactly as cited in a letter
    letter: str  # the reply letter's title (shown in the decision dialog)
    wording: str = ""  # what the reply letter says for this row, in the regulation's words

    @property
    def label(self) -> str:
        """As written in the ledger: 大类/细类, or just the category.  Never printed in a letter."""
        return self.category if self.name == self.category else f"{self.category}/{self.name}"

    @property
    def withholds(self) -> bool:
        """Decisions a 科室负责人 or above must sign off."""
        return self.code == "2" or self.code.startswith("3.")

    @property
    def reconsideration_first(self) -> bool:
        """行政复议法（2023）第二十三条第一款第（四）项: a 不予公开 decision — also the withheld part
        of a 部分公开 — must go to reconsideration before any lawsuit."""
        return self.withholds


CATEGORIES = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]

_WITHHELD = "您申请获取的政府信息"
LEAVES: list[Leaf] = [
    Leaf("1", "予以公开", "予以公开", "第三十六条第（二）项", "政府信息公开告知书",
         "您申请获取的政府信息属于公开范围，本机关予以公开"),
    Leaf("2", "部分公开", "部分公开", "第三十六条第（二）项、第三十七条", "政府信息部分公开告知书",
         "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关对可以公开的部分予以公开"),
    Leaf("3.1", "不予公开", "属于国家秘密", "第三十六条第（三）项、第十四条", "政府信息不予公开告知书",
         _WITHHELD + "属于依法确定为国家秘密的政府信息"),
    Leaf("3.2", "不予公开", "其他法律行政法规禁止公开", "第三十六条第（三）项、第十四条", "政府信息不予公开告知书",
         _WITHHELD + "属于法律、行政法规禁止公开的政府信息"),
    Leaf("3.3", "不予公开", "危及“三安全一稳定”", "第三十六条第（三）项、第十四条", "政府信息不予公开告知书",
         _WITHHELD + "公开后可能危及国家安全、公共安全、经济安全、社会稳定"),
    Leaf("3.4", "不予公开", "保护第三方合法权益", "第三十六条第（三）项、第十五条", "政府信息不予公开告知书",
         _WITHHELD + "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"),
    Leaf("3.5", "不予公开", "属于三类内部事务信息", "第三十六条第（三）项、第十六条第一款", "政府信息不予公开告知书",
         _WITHHELD + "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息"),
    Leaf("3.6", "不予公开", "属于四类过程性信息", "第三十六条第（三）项、第十六条第二款", "政府信息不予公开告知书",
         _WITHHELD + "属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"),
    Leaf("3.7", "不予公开", "属于行政执法案卷", "第三十六条第（三）项、第十六条第二款", "政府信息不予公开告知书",
         _WITHHELD + "属于行政执法案卷信息"),
    Leaf("3.8", "不予公开", "属于行政查询事项", "第三十六条第（七）项", "政府信息公开申请告知书",
         "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的查询事项，应当依照有关法律、行政法规的规定办理"),
    Leaf("4.1", "无法提供", "本机关不掌握相关政府信息", "第三十六条第（四）项", "政府信息不存在告知书",
         "经检索查找，本机关没有制作或者获取您申请的政府信息，该政府信息不存在"),
    Leaf("4.2", "无法提供", "没有现成信息需要另行制作", "第三十八条", "政府信息无法提供告知书",
         "本机关没有您所申请的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供"),
    Leaf("4.3", "无法提供", "补正后申请内容仍不明确", "第二十九条第二款第（二）项、第三十条", "政府信息无法提供告知书",
         "经补正，您的申请内容仍不明确，本机关无法据此确定您所申请的政府信息，无法向您提供"),
    Leaf("5.1", "不予处理", "信访举报投诉类申请", "第三十九条第一款", "政府信息公开申请不予处理告知书",
         "您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，"
         "您可以通过相应渠道提出"),
    Leaf("5.2", "不予处理", "重复申请", "第三十六条第（六）项", "政府信息公开申请不予处理告知书",
         "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同的政府信息，本机关不予重复处理"),
    Leaf("5.3", "不予处理", "要求提供公开出版物", "第三十九条第二款", "政府信息公开申请不予处理告知书",
         "您申请的内容为要求提供政府公报、报刊、书籍等公开出版物，本机关告知您获取的途径"),
    Leaf("5.4", "不予处理", "无正当理由大量反复申请", "第三十五条", "政府信息公开申请不予处理告知书",
         "您申请公开政府信息的数量、频次明显超过合理范围，本机关认为您说明的理由不合理，不予处理"),
    Leaf("5.5", "不予处理", "要求行政机关确认或重新出具已获取信息", "第二条", "政府信息公开申请不予处理告知书",
         "您的申请是要求本机关确认或者重新出具您已经获取的信息，不是申请获取本机关在履行行政管理职能过程中"
         "制作或者获取的、以一定形式记录和保存的政府信息，本机关不作为政府信息公开申请处理"),
    Leaf("6.1", "其他处理", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "第三十条", "政府信息公开申请办结告知书",
         "您未在补正期限内补正，也没有正当理由，视为放弃申请，本机关不再处理该政府信息公开申请"),
    Leaf("6.2", "其他处理", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
         "第四十二条", "政府信息公开申请办结告知书",
         "您未在收到收费通知次日起20个工作日内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请"),
    Leaf("6.3", "其他处理", "其他", "", "政府信息公开申请办结告知书"),
]

BY_CODE = {leaf.code: leaf for leaf in LEAVES}
BY_LABEL = {leaf.label: leaf for leaf in LEAVES}

# 第三十六条 items a decision may rely on (shown as choices; the leaf suggests one).
ARTICLE_36_ITEMS = [
    "第三十六条第（一）项（已主动公开）",
    "第三十六条第（二）项（可以公开）",
    "第三十六条第（三）项（不予公开）",
    "第三十六条第（四）项（信息不存在）",
    "第三十六条第（五）项（非本机关负责公开）",
    "第三十六条第（六）项（重复申请）",
    "第三十六条第（七）项（依其他法律法规办理）",
]

NOT_THIS_AGENCY = ARTICLE_36_ITEMS[4]
ALREADY_PUBLIC = ARTICLE_36_ITEMS[0]


_GLOSS = re.compile(r"（(?![一二三四五六七八九十]+）)[^（）]*）")
_ITEM = re.compile(r"第三十六条第（([一二三四五六七])）项")


def citation(text: str) -> str:
    """An article as a letter cites it: the dialog's glosses ("第三十六条第（二）项（可以公开）")
    removed, item numbers such as "第（二）项" kept, surrounding punctuation trimmed."""
    return _GLOSS.sub("", text).strip().strip("，,、；;。 ")


def article_36_item(text: str) -> str:
    """Which 第三十六条 item a chosen article names ("一" … "七"), or ""."""
    m = _ITEM.search(text)
    return m.group(1) if m else ""


def suggested_article(code: str) -> str:
    leaf = BY_CODE[code]
    for item in ARTICLE_36_ITEMS:
        marker = item.split("（")[1].split("）")[0]  # 一, 二 ...
        if f"第三十六条第（{marker}）项" in leaf.article:
            return item
    return leaf.article


def parse_label(text: str) -> Leaf | None:
    """Accept `大类/细类`, the full-width slash, or just 予以公开 / 部分公开."""
    t = text.strip().replace("／", "/").replace(" ", "")
    return BY_LABEL.get(t)
