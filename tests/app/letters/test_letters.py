"""Every letter kind: mandatory elements, A4, text inside the GB/T 9704 block, fonts embedded."""

import datetime as dt
import io
import shutil
import subprocess

import pdfplumber
import pytest

from app.domain import fees, taxonomy
from app.letters import fonts, kinds
from app.letters.layout import BLOCK_H, BLOCK_W, LEFT, PAGE_H, TOP
from app.services import letters
from app.services.errors import ServiceError, ValidationError
from app.services.requests import actions, decisions, intake
from tests.app.conftest_requests import make_input

D = dt.date
TODAY = D(2025, 6, 30)


def text_and_chars(pdf: bytes):
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = doc.pages
        return ("".join(p.extract_text() or "" for p in pages).replace("\n", ""),
                [c for p in pages for c in p.chars], [(p.width, p.height) for p in pages])


def check_layout(pdf: bytes) -> str:
    text, chars, sizes = text_and_chars(pdf)
    for w, h in sizes:
        assert (round(w), round(h)) == (595, 842)  # A4 in points
    tolerance = 1.0
    block_top = TOP
    block_bottom = TOP + BLOCK_H
    for c in chars:
        if c["top"] > block_bottom and c["text"] in "— 0123456789":
            # the page number lives 7 mm below the block by design
            assert c["top"] >= block_bottom + 7 * 72 / 25.4 - tolerance, c
            continue
        assert LEFT - tolerance <= c["x0"] and c["x1"] <= LEFT + BLOCK_W + tolerance, c
        assert block_top - tolerance <= c["top"] and c["bottom"] <= block_bottom + tolerance, c
    return text


def embedded_fonts_ok(pdf: bytes, tmp_path) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) 未安装")
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert " yes yes " in row, row  # embedded and subset


@pytest.fixture
def setup(office, clerk, head):
    return office, clerk, head


def _reg(office, clerk, **kw):
    return intake.register(office, clerk, make_input(**kw), today=D(2025, 3, 3))


def _decide(office, actor, rid, code, article=None, **kw):
    leaf = taxonomy.BY_CODE[code]
    base = dict(result_code=code, article=article or taxonomy.suggested_article(code), reasons="经检索核查",
                legal_basis="《中华人民共和国政府信息公开条例》", withheld="第三人的身份证号码" if leaf.withholds else "",
                provided_docs="2024年部门预算公开表" if code in ("1", "2") else "", page_count=3,
                reply_date=D(2025, 3, 20))
    base.update(kw)
    decisions.decide(office, actor, rid, decisions.DecisionInput(**base), today=D(2025, 3, 20))


def test_process_letters(setup, tmp_path):
    office, clerk, head = setup
    rid = _reg(office, clerk)
    receipt = check_layout(letters.letter_pdf(office, letters.issue(office, clerk, rid, "receipt").id))
    assert "接收回执" in receipt and "2025年3月31日" in receipt
    with pytest.raises(ServiceError, match="尚未发出补正告知"):
        letters.issue(office, clerk, rid, "correction")
    actions.issue_correction(office, clerk, rid, "1. 请写明文件名称；2. 请提供身份证明", D(2025, 3, 25),
                             issued=D(2025, 3, 5), today=D(2025, 3, 5))
    corr = check_layout(letters.letter_pdf(office, letters.issue(office, clerk, rid, "correction").id))
    assert "请写明文件名称" in corr and "视为放弃申请" in corr and "收到补正后的申请之日起计算" in corr
    assert "自收到本告知书之日起14个工作日内" in corr  # a period from receipt, not a date that may be false
    actions.receive_correction(office, clerk, rid, D(2025, 3, 10), today=D(2025, 3, 10))
    actions.start_consultation(office, clerk, rid, "第三方", "某某建设有限公司", D(2025, 3, 11), today=D(2025, 3, 11))
    party = check_layout(letters.letter_pdf(office, letters.issue(office, clerk, rid, "consult_party").id))
    assert "某某建设有限公司" in party and "15个工作日" in party
    notice = check_layout(letters.letter_pdf(office, letters.issue(office, clerk, rid, "consult_notice").id))
    assert "不计算在答复期限内" in notice
    c_id = __import__("app.services.requests.queries", fromlist=["x"]).detail(office, rid).consultations[0].id
    actions.record_consultation_reply(office, clerk, rid, c_id, D(2025, 3, 14), "同意公开", today=D(2025, 3, 14))
    actions.extend(office, head, rid, 20, "钱科长", "需要调取历年档案", D(2025, 3, 20), today=D(2025, 3, 20))
    ext = check_layout(letters.letter_pdf(office, letters.issue(office, clerk, rid, "extension").id))
    assert "需要调取历年档案" in ext and "20个工作日" in ext
    actions.issue_fee_notice(office, clerk, rid, fees.PER_VOLUME, 120, D(2025, 3, 21), today=D(2025, 3, 21))
    fee = check_layout(letters.letter_pdf(office, letters.issue(office, clerk, rid, "fee").id))
    assert "1100元" in fee and "视为放弃申请" in fee and "10元/页" in fee


def test_long_content_flows_to_page_two_with_page_numbers(setup):
    office, clerk, head = setup
    rid = _reg(office, clerk, content="关于县级预算执行情况的说明材料" * 40)
    _decide(office, head, rid, "1")
    pdf = letters.letter_pdf(office, letters.issue(office, clerk, rid, "reply").id)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) >= 2
        first, second = doc.pages[0], doc.pages[1]
        assert "— 1 —" in first.extract_text() and "— 2 —" in second.extract_text()
        n1 = [c for c in first.chars if c["text"] == "1" and c["top"] > TOP + BLOCK_H]
        n2 = [c for c in second.chars if c["text"] == "2" and c["top"] > TOP + BLOCK_H]
        assert n1[0]["x0"] > PAGE_H / 2 / 1.5  # odd page: right
        assert n2[0]["x0"] < LEFT + 60  # even page: left
        last = doc.pages[-1].extract_text()
        assert "特此告知" in last and "某某县财政局" in last  # signature block not orphaned
        body_lines = [ln for ln in last.splitlines() if ln.strip() and "—" not in ln]
        assert len(body_lines) >= 4  # at least text before the signature block on its page
    check_layout(pdf)


def test_reprint_is_a_copy_and_reissue_is_a_new_letter(setup):
    office, clerk, head = setup
    rid = _reg(office, clerk)
    first = letters.issue(office, clerk, rid, "receipt")
    again = letters.issue(office, clerk, rid, "receipt")
    assert again.id == first.id and again.number == first.number
    assert letters.letter_pdf(office, first.id) == letters.letter_pdf(office, again.id)
    new = letters.reissue(office, clerk, first.id)
    assert new.id != first.id and new.number != first.number and new.version == 2
    assert new.letter_date == office.today()
    from app.services.requests import queries

    assert [e.kind for e in queries.detail(office, rid).events].count("出具文书") == 2


def test_template_validation(setup, admin):
    office, clerk, head = setup
    with pytest.raises(ValidationError, match="未知字段"):
        letters.save_template(office, admin.actor(), "reply_withhold",
                              kinds.BY_CODE["reply_withhold"].body + "{盖章人}")
    body = kinds.BY_CODE["reply_withhold"].body.replace("{救济条款}", "")
    with pytest.raises(ValidationError, match="救济条款"):
        letters.save_template(office, admin.actor(), "reply_withhold", body)
    with pytest.raises(Exception, match="系统管理员"):
        letters.save_template(office, clerk, "receipt", kinds.BY_CODE["receipt"].body)
    letters.save_template(office, admin.actor(), "receipt",
                          "{申请人}：\n已于{收到日期}收到，{答复工作日数}个工作日内（{答复期限}前）答复。")
    letters.reset_template(office, admin.actor(), "receipt")
    assert letters.template_body(office, kinds.BY_CODE["receipt"]) == kinds.BY_CODE["receipt"].body


def test_rare_name_characters_render_and_missing_ones_are_named(setup, monkeypatch):
    office, clerk, head = setup
    rid = _reg(office, clerk, applicant_name="王䶮堃𬌗")
    pdf = letters.letter_pdf(office, letters.issue(office, clerk, rid, "receipt").id)
    text, chars, _ = text_and_chars(pdf)
    assert "王䶮堃" in text
    # 𬌗 (U+2C317) is drawn from the shipped HanaMinB subset; ReportLab's ToUnicode map
    # cannot express code points beyond the BMP, so check the glyph's font, not the extracted text.
    assert any("HanaMinB" in c["fontname"] for c in chars)
    monkeypatch.setenv("GONGKAI_FONT_DIRS", "/nonexistent")
    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    fonts.reset()
    try:
        from app.letters.layout import Block, LetterLayout

        with pytest.raises(letters.MissingGlyphs) as e:
            letters._render_pdf(LetterLayout("x", [Block("李\U0002A6D6")]))
        assert "U+2A6D6" in str(e.value)
    finally:
        monkeypatch.undo()
        fonts.reset()


def test_cli_letter(setup, tmp_path, capsys):
    from app.cli import main

    office, clerk, head = setup
    rid = _reg(office, clerk)
    number = __import__("app.services.requests.queries", fromlist=["x"]).detail(office, rid).number
    assert main(["letter", "--list"]) == 0
    assert "receipt" in capsys.readouterr().out
    out = tmp_path / "r.pdf"
    assert main(["--db", str(office.path), "letter", number, "receipt", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["--db", str(office.path), "letter", number, "reply", "-o", str(out)]) == 1
    assert "尚未作出答复" in capsys.readouterr().err
    assert main(["--db", str(office.path), "letter", "不存在", "receipt", "-o", str(out)]) == 1
