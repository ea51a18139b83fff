"""The annual-report taxonomy of results (国办公开办函〔2021〕30号) and 第三十六条 items.

Every closed request is filed under exactly one leaf, so the yearly statistics
are a query.  Leaf codes are stable strings stored in the database.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Leaf:
    code: str  # "1", "2", "3.1" ... "6.3"
    category: str  # 大类
    name: str  # 细类 (== category for the single-row categories)
    article: str  # suggested 第三十六条 item / basis
    letter: str  # the reply letter kind

    @property
    def label(self) -> str:
        """As written in the ledger: 大类/细类, or just the category."""
        return self.category if self.name == self.category else f"{self.category}/{self.name}"

    @property
    def withholds(self) -> bool:
        """Decisions a 科室负责人 or above must sign off."""
        return self.code == "2" or self.code.startswith("3.")


CATEGORIES = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]

LEAVES: list[Leaf] = [
    Leaf("1", "予以公开", "予以公开", "第三十六条第（二）项", "政府信息公开告知书"),
    Leaf("2", "部分公开", "部分公开", "第三十六条第（二）项、第三十七条", "部分公开告知书"),
    Leaf("3.1", "不予公开", "属于国家秘密", "第三十六条第（三）项、第十四条", "不予公开告知书"),
    Leaf("3.2", "不予公开", "其他法律行政法规禁止公开", "第三十六条第（三）项、第十四条", "不予公开告知书"),
    Leaf("3.3", "不予公开", "危及“三安全一稳定”", "第三十六条第（三）项、第十四条", "不予公开告知书"),
    Leaf("3.4", "不予公开", "保护第三方合法权益", "第三十六条第（三）项、第十五条", "不予公开告知书"),
    Leaf("3.5", "不予公开", "属于三类内部事务信息", "第三十六条第（三）项、第十六条第一款", "不予公开告知书"),
    Leaf("3.6", "不予公开", "属于四类过程性信息", "第三十六条第（三）项、第十六条第二款", "不予公开告知书"),
    Leaf("3.7", "不予公开", "属于行政执法案卷", "第三十六条第（三）项、第十六条第二款", "不予公开告知书"),
    Leaf("3.8", "不予公开", "属于行政查询事项", "第三十六条第（七）项", "不予公开告知书"),
    Leaf("4.1", "无法提供", "本机关不掌握相关政府信息", "第三十六条第（四）项", "信息不存在告知书"),
    Leaf("4.2", "无法提供", "没有现成信息需要另行制作", "第三十八条", "信息不存在告知书"),
    Leaf("4.3", "无法提供", "补正后申请内容仍不明确", "第三十条", "不予处理告知书"),
    Leaf("5.1", "不予处理", "信访举报投诉类申请", "第三十九条第一款", "不予处理告知书"),
    Leaf("5.2", "不予处理", "重复申请", "第三十六条第（六）项", "不予处理告知书"),
    Leaf("5.3", "不予处理", "要求提供公开出版物", "第三十九条第二款", "不予处理告知书"),
    Leaf("5.4", "不予处理", "无正当理由大量反复申请", "第三十五条", "不予处理告知书"),
    Leaf("5.5", "不予处理", "要求行政机关确认或重新出具已获取信息", "第三十九条第二款", "不予处理告知书"),
    Leaf("6.1", "其他处理", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "第三十条", "其他处理告知书"),
    Leaf("6.2", "其他处理", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
         "第四十二条", "其他处理告知书"),
    Leaf("6.3", "其他处理", "其他", "", "其他处理告知书"),
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
