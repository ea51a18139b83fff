"""The one validation layer: each rule, and the same message whatever the way in."""

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import main
from app.services.actor import cli_actor
from app.services.errors import ValidationError
from app.services.requests import intake, ledger, ledger_export
from app.validation import (
    Field,
    Invalid,
    Schema,
    cap_problems,
    contact,
    dates,
    excel,
    identity,
    text,
)
from tests.app.conftest_requests import make_input

D = dt.date
TODAY = D(2025, 6, 1)


@pytest.mark.parametrize("value", ["13800000000", "+86 138 0000 0000", "138-0000-0000", "0591-87654321",
                                   "0591-87654321转123", "(010)62345678", "400-123-4567", "800 123 4567",
                                   "13800000000/0591-87654321", "１３８００００００００", "021-6234567-88"])
def test_phone_numbers_accepted(value):
    assert contact.phone(value).isascii() or "转" in contact.phone(value)


@pytest.mark.parametrize(("value", "words"), [("87654321", "缺少区号"), ("123", "不是有效的电话号码"),
                                             ("12800000000", "不是有效"), ("138000000001", "不是有效"),
                                             ("1/2/3/4", "最多"), ("abc", "不是有效")])
def test_phone_numbers_refused(value, words):
    with pytest.raises(Invalid, match=words):
        contact.phone(value)


def test_email_and_postcode():
    assert contact.email(" a.b@example.cn ") == "a.b@example.cn"
    assert contact.email("ａ@ｂ.ｃｎ") == "a@b.cn"
    for bad in ("a@b", "a b@c.cn", "@c.cn", "a@.cn", "a@b.c"):
        with pytest.raises(Invalid):
            contact.email(bad)
    assert contact.postcode("３５００００") == "350000"
    with pytest.raises(Invalid, match="6位数字"):
        contact.postcode("35000²")


def test_resident_id_normalises_full_width_and_never_crashes_on_odd_digits():
    assert identity.resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert identity.resident_id("110105 19491231 002x") == "11010519491231002X"
    for bad, words in [("1101051949123100²X", "“²”"), ("11010519491231002", "18位"), ("110105194913310021", "出生日期"),
                       ("110105194912310021", "校验码"), ("99010519491231002X", "行政区划"),
                       ("110105491231002", "15位"), ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "应为数字"),
                       ("110105299912310020", "不可能")]:
        with pytest.raises(Invalid, match=words):
            identity.resident_id(bad)


def test_uscc():
    assert identity.uscc("91350100m000100y43") == "91350100M000100Y43"
    with pytest.raises(Invalid, match="校验码"):
        identity.uscc("91350100M000100Y44")
    with pytest.raises(Invalid, match="不允许的字符"):
        identity.uscc("91350100M000100IO3")


def test_text_controls_length_and_printability():
    assert text.clean_text("  张三 ", 10) == "张三"
    with pytest.raises(Invalid, match="控制字符"):
        text.clean_text("张\x07三", 10)
    with pytest.raises(Invalid, match="控制字符"):
        text.clean_text("abc\u202efdp.exe", 40)
    with pytest.raises(Invalid, match="不能换行"):
        text.clean_text("第一行\n第二行", 40)
    assert text.clean_text("第一行\r\n第二行", 40, multiline=True) == "第一行\n第二行"
    with pytest.raises(Invalid, match="不能超过10个字（现有11个）"):
        text.clean_text("一" * 11, 10)
    with pytest.raises(Invalid, match="不能超过10个字"):
        text.clean_text("x" * 10_000_000, 10)
    with pytest.raises(Invalid, match="无法打印的字符“\U0001f600”"):
        text.clean_text("张三\U0001f600", 10)
    assert text.clean_text("䶮", 10) == "䶮"  # extension A is printable (shipped fonts)


def test_dates_parse_and_ranges():
    for typed in ("2025-03-03", "2025/3/3", "2025.3.3", "2025年3月3日", "２０２５－０３－０３", "20250303"):
        assert dates.parse_date(typed) == D(2025, 3, 3), typed
    assert dates.parse_date("  ") is None
    for bad in ("2025-02-30", "3/3/2025", "昨天", "2025-13-01", "9" * 100):
        with pytest.raises(Invalid):
            dates.parse_date(bad)
    with pytest.raises(Invalid, match="2000年1月1日"):
        dates.event_date(D(1999, 12, 31), TODAY)
    with pytest.raises(Invalid, match="不能晚于今天"):
        dates.event_date(D(2025, 6, 2), TODAY)
    assert dates.event_date(D(2026, 12, 31), TODAY, not_after_today=False)
    with pytest.raises(Invalid):
        dates.event_date(D(2027, 1, 1), TODAY, not_after_today=False)
    with pytest.raises(Invalid):
        dates.calendar_date(D(2099, 1, 1))


def test_schema_describes_fields_once():
    schema = Schema([Field("name", "姓名", 5, required="请填写姓名"), Field("kind", "类型", 4, choices=("甲", "乙"))])
    cleaned, errors = schema.check({"name": "  ", "kind": "丙"})
    assert errors == {"name": "请填写姓名", "kind": "“丙”不是可选的值（可选：甲、乙）"}
    assert schema["name"].hint == "必填，最多5个字" and schema["kind"].hint == "可选：甲、乙"
    assert cap_problems([str(i) for i in range(250)])[-1] == "……另有50处问题未列出（共250处）"
    assert len(cap_problems([str(i) for i in range(250)])) == 201


# -- the same message whatever the way in ------------------------------------------------

def _ledger_row(**kw):
    row = {c: "" for c in ledger.COLUMNS}
    row.update({"收到申请日期": "2025-03-03", "申请方式": "当面提交", "申请人类型": "自然人", "申请人姓名或名称": "张三",
                "证件号码": "11010519491231002X", "联系电话": "13800000000", "申请内容": "预算公开"})
    row.update(kw)
    return [row[c] for c in ledger.COLUMNS]


def _write(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(ledger.COLUMNS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize(("field", "column", "value"), [
    ("phone", "联系电话", "87654321"),
    ("phone", "联系电话", "138\u200b00000000"),
    ("email", "电子邮箱", "not-an-email"),
    ("id_number", "证件号码", "1101051949123100²X"),
    ("id_number", "证件号码", "110105194912310021"),
    ("applicant_name", "申请人姓名或名称", "张" * 101),
    ("applicant_name", "申请人姓名或名称", "张三\U0001f600"),
    ("content", "申请内容", "内容\u202e"),
    ("channel", "申请方式", "飞鸽传书"),
])
def test_form_import_and_cli_say_the_same(office, clerk, tmp_path, capsys, field, column, value):
    with pytest.raises(ValidationError) as form:
        intake.register(office, clerk, make_input(**{field: value}), today=TODAY)
    message = form.value.fields[field]
    path = _write(tmp_path / "x.xlsx", [_ledger_row(**{column: value})])
    with pytest.raises(ledger.LedgerError) as imp:
        ledger.read_ledger(office, path, today=TODAY)
    assert f"第2行 {column}: {message}" in imp.value.problems
    assert main(["--db", str(office.path), "import", "ledger", str(path)]) == 1
    assert f"第2行 {column}: {message}" in capsys.readouterr().err


def test_received_date_before_2000_refused_everywhere(office, clerk, tmp_path):
    with pytest.raises(ValidationError) as form:
        intake.register(office, clerk, make_input(received=D(1999, 5, 1)), today=TODAY)
    path = _write(tmp_path / "x.xlsx", [_ledger_row(收到申请日期="1999-05-01")])
    with pytest.raises(ledger.LedgerError) as imp:
        ledger.read_ledger(office, path, today=TODAY)
    assert f"第2行 收到申请日期: {form.value.fields['received_date']}" in imp.value.problems


# -- request numbers -----------------------------------------------------------------------

def _numbers(office, tmp_path, numbers):
    rows = [_ledger_row(申请编号=n, 申请内容=f"内容{i}") for i, n in enumerate(numbers)]
    return ledger.read_ledger(office, _write(tmp_path / "n.xlsx", rows), today=TODAY)


def test_numbers_compared_as_numbers(office, tmp_path):
    with pytest.raises(ledger.LedgerError) as e:
        _numbers(office, tmp_path, ["X财公开〔2025〕01号", "X财公开〔2025〕1号", "X财公开〔２０２５〕１号"])
    assert [p[:9] for p in e.value.problems] == ["第3行 申请编号:", "第4行 申请编号:"]
    assert all("与第2行重复" in p for p in e.value.problems)
    preview = _numbers(office, tmp_path, ["X财公开〔2025〕０７号"])
    assert preview.rows[0].number == "X财公开〔2025〕7号" and preview.rows[0].year_seq == (2025, 7)


def test_blank_row_numbered_then_explicit_same_number_is_a_message(office, tmp_path):
    with pytest.raises(ledger.LedgerError) as e:
        _numbers(office, tmp_path, ["", "X财公开〔2025〕1号"])
    assert e.value.problems[0].startswith("第3行 申请编号: “X财公开〔2025〕1号”与第2行（申请编号留空")
    # the other order is fine: the blank row continues after the explicit number
    path = _write(tmp_path / "ok.xlsx", [_ledger_row(申请编号="X财公开〔2025〕12号"), _ledger_row(申请内容="另一项")])
    assert ledger.import_ledger(office, cli_actor(), path, today=TODAY) == 2


@pytest.mark.parametrize(("number", "words"), [("X财公开〔9999〕1号", "年份9999"),
                                               ("X财公开〔2025〕12345678901234567890号", "20位数字"),
                                               ("X财公开〔2025〕0号", "超出范围")])
def test_number_out_of_range(office, tmp_path, number, words):
    with pytest.raises(ledger.LedgerError) as e:
        _numbers(office, tmp_path, [number])
    assert words in e.value.problems[0] and e.value.problems[0].startswith("第2行 申请编号:")


def test_error_list_is_capped(office, tmp_path):
    rows = [_ledger_row(联系电话="123") for _ in range(260)]
    with pytest.raises(ledger.LedgerError) as e:
        ledger.read_ledger(office, _write(tmp_path / "many.xlsx", rows), today=TODAY)
    assert len(e.value.problems) == 201 and e.value.total == 260 and "另有60处" in e.value.problems[-1]


# -- Excel out -------------------------------------------------------------------------------

def test_export_never_writes_a_formula_and_round_trips(tmp_path):
    values = ["=1+1", "+86 138", "-5", "@SUM(A1)", "\t缩进", "=HYPERLINK(\"http://x\",\"点我\")", "普通"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("a")
    ws.append(excel.row(ws, values))
    ws.append(excel.row(ws, ["坏\x07字", "\ud800", "长" * 40000]))
    wb.save(tmp_path / "x.xlsx")
    back = load_workbook(tmp_path / "x.xlsx")["a"]
    assert [c.value for c in back[1]] == values and {c.data_type for c in back[1]} == {"s"}
    bad, surrogate, long = [c.value for c in back[2]][:3]
    assert bad == "坏\ufffd字" and surrogate == "\ufffd" and len(long) == excel.EXCEL_CELL_LIMIT


def test_limits_are_told_in_the_template(tmp_path):
    ledger_export.write_template(tmp_path / "t.xlsx")
    notes = dict(r[:2] for r in load_workbook(tmp_path / "t.xlsx")["说明"].iter_rows(values_only=True) if r[0])
    assert "最多100个字" in notes["申请人姓名或名称"] and "最多4000个字" in notes["申请内容"]


def test_guard_refuses_unstorable_text_in_any_table(db, admin):
    """The net under every service: a NUL or a lone surrogate never reaches the driver."""
    from sqlalchemy import func, select

    from app.db.models import Department

    for bad in ("科室\x00", "科室\ud800", "科室\x1b"):
        with pytest.raises(ValidationError, match="含有无法保存的字符"):
            with db.session(actor="测试", action="新增科室") as s:
                s.add(Department(name=bad))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Department)) == 0


def test_put_on_an_ordinary_sheet_never_writes_a_formula(tmp_path):
    wb = Workbook()
    for i, v in enumerate(["=1+1", "@x", "坏\x07", 7], start=1):
        excel.put(wb.active, i, 1, v)
    wb.save(tmp_path / "p.xlsx")
    back = [(c.value, c.data_type) for (c,) in load_workbook(tmp_path / "p.xlsx").active.iter_rows()]
    assert back == [("=1+1", "s"), ("@x", "s"), ("坏\ufffd", "s"), (7, "n")]
