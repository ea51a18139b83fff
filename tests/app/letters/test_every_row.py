"""Every reply letter for every annual-report row: the article the law gives the row, the
remedy clause of its decision type, no internal string or gloss, no empty field, sentence
punctuation, 避头尾 and whole dates, and its own 发文字号."""

import datetime as dt
import io
import re

import pdfplumber
import pytest

from app.domain import taxonomy
from app.letters import compose, kinds, layout
from app.services import letters
from app.services.errors import ServiceError
from app.services.profile import get_profile
from app.services.requests import decisions, intake, queries
from tests.app.conftest_requests import make_input

D = dt.date
REPLY = D(2025, 3, 20)
GROUND = {"2": "《中华人民共和国政府信息公开条例》第十五条", "3.2": "《中华人民共和国统计法》第三十九条",
          "3.8": "《不动产登记资料查询暂行办法》"}
# (row, 第三十六条 item chosen in the dialog, letter title, articles cited, words the letter must say)
ROWS = [
    ("1", None, "政府信息公开告知书", "第三十六条第（二）项", "本机关予以公开"),
    ("1", taxonomy.ALREADY_PUBLIC, "政府信息公开告知书", "第三十六条第（一）项", "已经主动公开"),
    ("2", None, "政府信息部分公开告知书", "第三十六条第（二）项、第三十七条、第十五条", "作区分处理"),
    ("3.1", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十四条", "国家秘密"),
    ("3.2", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十四条和《中华人民共和国统计法》第三十九条",
     "法律、行政法规禁止公开"),
    ("3.3", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十四条", "国家安全、公共安全、经济安全、社会稳定"),
    ("3.4", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十五条", "第三方合法权益"),
    ("3.5", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十六条第一款", "内部事务信息"),
    ("3.6", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十六条第二款", "过程性信息"),
    ("3.7", None, "政府信息不予公开告知书", "第三十六条第（三）项、第十六条第二款", "行政执法案卷"),
    ("3.8", None, "政府信息公开申请告知书", "第三十六条第（七）项", "向某某县不动产登记中心申请查询"),
    ("4.1", None, "政府信息不存在告知书", "第三十六条第（四）项", "该政府信息不存在"),
    ("4.1", taxonomy.NOT_THIS_AGENCY, "非本机关政府信息告知书", "第三十六条第（五）项", "某某县自然资源局负责公开"),
    ("4.2", None, "政府信息无法提供告知书", "第三十八条", "加工、分析"),
    ("4.3", None, "政府信息无法提供告知书", "第二十九条第二款第（二）项、第三十条", "仍不明确"),
    ("5.1", None, "政府信息公开申请不予处理告知书", "第三十九条第一款", "信访、投诉、举报"),
    ("5.2", None, "政府信息公开申请不予处理告知书", "第三十六条第（六）项", "不予重复处理"),
    ("5.3", None, "政府信息公开申请不予处理告知书", "第三十九条第二款", "公开出版物"),
    ("5.4", None, "政府信息公开申请不予处理告知书", "第三十五条", "明显超过合理范围"),
    ("5.5", None, "政府信息公开申请不予处理告知书", "第二条", "确认或者重新出具"),
    ("6.3", "第四十条", "政府信息公开申请办结告知书", "第四十条", "申请人已通过其他途径取得"),
]
INTERNAL = [leaf.label for leaf in taxonomy.LEAVES if "/" in leaf.label] + [
    "（可以公开）", "（不予公开）", "（信息不存在）", "（已主动公开）", "（非本机关负责公开）", "（重复申请）",
    "（依其他法律法规办理）", "信访举报投诉类申请", "三类内部事务", "四类过程性", "三安全一稳定", "行政查询事项"]
EMPTY = ["：。", "（）", "（：", "：，", "，。", "；。", "“”", "到缴纳", "{", "}", "None", "。。", "。，", "，，"]


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join((p.extract_text() or "") for p in doc.pages).replace("\n", "")


def decide(office, head, rid, code, article=None, reasons="经检索核查。"):
    leaf = taxonomy.BY_CODE[code]
    kw = dict(result_code=code, article=article or taxonomy.suggested_article(code), reasons=reasons,
              legal_basis=GROUND.get(code, f"《中华人民共和国政府信息公开条例》{leaf.article}"),
              withheld="第三人的身份证号码。" if leaf.withholds else "", page_count=3, reply_date=REPLY,
              provided_docs="2024年部门预算公开表。" if code in ("1", "2") else "")
    if article == taxonomy.NOT_THIS_AGENCY or code == "3.8":
        kw.update(responsible_agency="某某县自然资源局" if code == "4.1" else "某某县不动产登记中心",
                  responsible_contact="0000-7654321")
    if code == "6.3":
        kw["reasons"] = "申请人已通过其他途径取得所需信息"
    decisions.decide(office, head, rid, decisions.DecisionInput(**kw), today=REPLY)


def paragraphs(office, rid, code) -> tuple[list[layout.Block], str]:
    """The letter's blocks as issued (same path as letters.issue)."""
    d = queries.detail(office, rid)
    kind, c, profile, body = letters._prepare(office, d, code, None)
    facts = letters._facts(office, d, kind, c, profile, REPLY, "X财公开答〔2025〕1号", ("", ""))
    return compose.build(kind, d, profile, facts, body).blocks, kind.code


def check_breaks(blocks: list[layout.Block]) -> None:
    for b in blocks:
        lines = layout.break_lines(b)
        for prev, line in zip(lines, lines[1:], strict=False):
            assert line.text[:1] not in layout.NO_START, (prev.text, line.text)
            assert prev.text[-1:] not in layout.NO_END, (prev.text, line.text)
        for date in re.findall(r"\d{4}年\d{1,2}月\d{1,2}日|[^\s，。（）“”]{0,8}〔\d{4}〕\d+号", b.text):
            assert any(date in line.text for line in lines), date


@pytest.mark.parametrize(("code", "article", "title", "cited", "says"), ROWS,
                         ids=[f"{r[0]}-{r[1] or ''}" for r in ROWS])
def test_reply_letter_for_every_row(office, clerk, head, code, article, title, cited, says):
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    decide(office, head, rid, code, article)
    info = letters.issue(office, clerk, rid, "reply")
    text = pdf_text(letters.letter_pdf(office, info.id))
    leaf = taxonomy.BY_CODE[code]
    assert info.title == title and title in text
    assert f"《中华人民共和国政府信息公开条例》{cited}的规定" in text
    assert says in text
    for bad in INTERNAL + EMPTY:
        assert bad not in text, bad
    # its own number, from the 答复 sequence; the request's number is printed as a reference
    req_number = queries.detail(office, rid).number
    assert re.fullmatch(r"X财公开答〔2025〕\d+号", info.number) and info.number in text
    assert f"申请编号：{req_number}" in text and info.number != req_number
    # the remedy clause of the decision type
    if leaf.reconsideration_first:
        assert "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内" in text
        assert "或者自收到本告知书之日起6个月内" not in text
    else:
        assert "60日内向某某县人民政府申请行政复议，或者自收到本告知书之日起6个月内向某某县人民法院提起行政诉讼" in text
    # the reason typed with "。" prints once; every paragraph ends with its punctuation
    blocks, kind_code = paragraphs(office, rid, "reply")
    body = [b.text for b in blocks[3:] if b.text and b.group == 0]
    assert body[0].endswith("：")
    for p in body[1:]:
        assert p[-1] in "。：", p
    check_breaks(blocks)
    assert "2025年3月20日" in text  # dated on the reply date


def test_gloss_typed_into_the_article_never_prints(office, clerk, head):
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    decide(office, head, rid, "6.3", article="第三十六条第（七）项（依其他法律法规办理）")
    text = pdf_text(letters.letter_pdf(office, letters.issue(office, clerk, rid, "reply").id))
    assert "第三十六条第（七）项的规定" in text and "依其他法律法规办理" not in text


@pytest.mark.parametrize(("code", "basis", "missing"), [
    ("2", "《中华人民共和国政府信息公开条例》第三十六条第（二）项、第三十七条", "不予公开部分所依据的条款"),
    ("3.8", "《中华人民共和国政府信息公开条例》第三十六条第（七）项", "特别规定的法律"),
])
def test_letter_with_missing_ground_is_refused_naming_it(office, clerk, head, code, basis, missing):
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    decide(office, head, rid, code)
    from app.db.models import InfoRequest

    with office.session(actor="test", action="测试") as s:
        s.get(InfoRequest, rid).legal_basis = basis
    with pytest.raises(ServiceError, match=missing):
        letters.issue(office, clerk, rid, "reply")
    assert letters.issued_for(office, rid) == []


def test_incomplete_profile_refuses_letter_naming_the_field(office, clerk, admin):
    from app.services import profile

    p = get_profile(office)
    profile.save_profile(office, admin.actor(), profile.Profile(**{**p.__dict__, "phone": ""}))
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    with pytest.raises(ServiceError, match="联系电话"):
        letters.issue(office, clerk, rid, "receipt")
    assert not get_profile(office).is_complete


def test_every_kind_has_a_number_family_and_templates_pass_their_own_check():
    for k in kinds.KINDS:
        assert k.family in kinds.NUMBER_FAMILIES
        assert kinds.template_problems(k, k.body) == [], k.code
        for name in kinds.FIELD_RE.findall(k.body):
            assert name in kinds.FIELDS


@pytest.mark.parametrize(("code", "basis", "cited"), [
    ("3.1", "《中华人民共和国政府信息公开条例》第十四条、《中华人民共和国保守国家秘密法》",
     "第三十六条第（三）项、第十四条和《中华人民共和国保守国家秘密法》"),
    ("2", "《中华人民共和国政府信息公开条例》第十五条", "第三十六条第（二）项、第三十七条、第十五条"),
    ("2", "《条例》第三十六条第（二）项、第三十七条", "第三十六条第（二）项、第三十七条"),
    ("3.4", "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条（涉及商业秘密）。",
     "第三十六条第（三）项、第十五条"),
])
def test_withheld_citation_joins_without_repeating(code, basis, cited):
    assert compose.withheld_citation(taxonomy.BY_CODE[code], basis) == cited
