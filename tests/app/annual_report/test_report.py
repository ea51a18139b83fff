"""The report end to end: requests handled through the real services and a ledger import, the three
outputs holding the same numbers, finalise/reissue with checksums, bad input, the CLI."""

import datetime as dt
import hashlib
import io
import json

import pdfplumber
import pytest
from docx import Document as Docx
from openpyxl import Workbook, load_workbook

from app.cli import main
from app.services.annual_report import cases, counting, figures, output, report
from app.services.errors import ServiceError, ValidationError
from app.services.requests import actions, decisions, intake, ledger, ledger_export
from tests.app.conftest_requests import make_input

D = dt.date
TODAY = D(2026, 11, 29)
FULL = figures.Figures(2025, 0, 0, 0, 2, 1, 30, 150, 12, 0, 123456, "规范性文件目录")


def _decide(db, actor, rid, code, day):
    decisions.decide(db, actor, rid, decisions.DecisionInput(
        result_code=code, article="第三十六条第（二）项（可以公开）", reasons="经审查", provided_docs="文件一",
        reply_date=day), today=day)


@pytest.fixture
def handled(office, clerk, head, tmp_path):
    """2024-2026 requests through the services: carried over twice, 补正 restart, consultation, withdrawal,
    plus two historical ledger rows (one a withdrawal filed as 其他处理/其他)."""
    db = office
    reg = lambda day, **kw: intake.register(db, clerk, make_input(received=day, **kw), today=day)  # noqa: E731
    long_run = reg(D(2024, 12, 16))  # open over two year ends, answered 2026
    corrected = reg(D(2025, 3, 3), applicant_type="商业企业", applicant_name="某某有限公司", id_type="统一社会信用代码",
                    id_number="91350100M000100Y43", contact_person="王经理")
    actions.issue_correction(db, clerk, corrected, "请写明文件名称", D(2025, 3, 20), today=D(2025, 3, 5))
    actions.receive_correction(db, clerk, corrected, D(2025, 3, 12), today=D(2025, 3, 12))
    _decide(db, clerk, corrected, "1", D(2025, 4, 1))
    consulted = reg(D(2025, 6, 2))
    actions.start_consultation(db, clerk, consulted, "第三方", "某公司", D(2025, 6, 3), today=D(2025, 6, 3))
    withdrawn = reg(D(2025, 7, 1))
    actions.withdraw(db, clerk, withdrawn, D(2025, 7, 3), "不再需要", today=D(2025, 7, 3))
    answered_next_year = reg(D(2025, 12, 29))
    _decide(db, clerk, answered_next_year, "1", D(2026, 1, 5))
    _decide(db, clerk, long_run, "1", D(2026, 2, 2))
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(ledger.COLUMNS)
    ws.append(["", D(2025, 2, 3), "邮寄", "法律服务机构", "某律师事务所", "统一社会信用代码", "31350000MD0000000U",
               "0591-87654321", "", "", "执法案卷", "纸质", "其他处理/其他", D(2025, 2, 10), "否", "", "申请人撤回"])
    ws.append(["", D(2025, 5, 6), "互联网", "自然人", "李四", "", "", "13900000000", "", "", "补偿标准", "",
               "予以公开", D(2025, 5, 20), "否", "", ""])
    wb.save(tmp_path / "l.xlsx")
    ledger.import_ledger(db, clerk, tmp_path / "l.xlsx", today=D(2025, 6, 1))
    figures.save_figures(db, head, FULL)
    report.save_draft(db, head, 2025, "", "一是主动公开意识不够强。", "无。", today=TODAY)
    return db


def test_services_and_ledger_rows_count_by_the_rules(handled):
    r = report.build(handled, 2025, TODAY)
    t = r.table3.rows
    assert t["本年新收"] == [4, 1, 0, 0, 1, 0, 6]
    assert t["上年结转"] == [1, 0, 0, 0, 0, 0, 1]
    assert t["予以公开"] == [1, 1, 0, 0, 0, 0, 2]
    assert t["其他处理/其他"] == [1, 0, 0, 0, 1, 0, 2]  # the withdrawal and the imported one
    assert t["总计"] == [2, 1, 0, 0, 1, 0, 4]
    assert t["结转下年度继续办理"] == [3, 0, 0, 0, 0, 0, 3]  # long run, consultation, Dec 29 still open
    assert r.table3.adds_up and r.breaches == [] and r.blocking() == []
    r26 = report.build(handled, 2026, TODAY)
    assert r26.table3.rows["上年结转"][6] == 3 and r26.table3.rows["予以公开"][6] == 2


def _pdf_tables(pdf: bytes) -> list[list[list[str | None]]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [t for p in doc.pages for t in p.extract_tables()]


def _outputs_agree(r) -> None:
    """Table 三 and 四 read back from the PDF (ruled cells), the .docx and the .xlsx equal the counts."""
    expected = [[str(v) for v in r.table3.rows[key]] for _labels, key in output.table3_layout()]
    pdf_tables = _pdf_tables(output.pdf(r))
    pdf_t3 = next(t for t in pdf_tables if len(t) == 3 + len(expected))
    assert [row[-7:] for row in pdf_t3[3:]] == expected
    pdf_t4 = next(t for t in pdf_tables if len(t) == 4 and t[0][0] == "行政复议")
    assert pdf_t4[3] == [str(v) for v in r.table4]
    doc = Docx(io.BytesIO(output.docx(r)))
    assert [[c.text for c in row.cells][-7:] for row in doc.tables[1].rows][3:] == expected
    assert [c.text for c in doc.tables[2].rows[3].cells] == [str(v) for v in r.table4]
    wb = load_workbook(io.BytesIO(output.xlsx(r)))
    ws = wb[output.SHEETS[1]]
    assert [[str(ws.cell(3 + 3 + i, c).value) for c in range(4, 11)] for i in range(len(expected))] == expected
    assert [wb[output.SHEETS[2]].cell(6, c).value for c in range(1, 16)] == r.table4


def test_pdf_docx_xlsx_hold_the_same_numbers(handled):
    r = report.build(handled, 2025, TODAY)
    _outputs_agree(r)
    pdf_t2 = next(t for t in _pdf_tables(output.pdf(r)) if t[-1][0] == "行政事业性收费")
    assert pdf_t2[-1][1] == "12.3456" and pdf_t2[6][:2] == ["行政许可", "150"]  # ASCII '.' not spaced out
    doc = Docx(io.BytesIO(output.docx(r)))
    assert r.agency in doc.paragraphs[0].text
    assert load_workbook(io.BytesIO(output.xlsx(r)))[output.SHEETS[0]].cell(3 + 13, 2).value == 12.3456


def test_demo_database_adds_up_and_every_format_agrees(db):
    from app.services import demo

    demo.create_demo(db, 200, 2026)
    today = db.today()
    for year in range(today.year - 2, today.year + 1):
        r = report.build(db, year)
        assert r.table3.adds_up and r.breaches == [], year
        with db.session() as s:
            for key in ("本年新收", "上年结转", "总计", "结转下年度继续办理", "其他处理/其他"):
                assert len(counting.drill(s, year, key, 6)) == r.table3.rows[key][6]
    _outputs_agree(report.build(db, today.year - 1))


def test_finalise_archives_and_reissue_needs_a_reason(handled, clerk, head):
    with pytest.raises(ServiceError, match="科室负责人"):
        report.finalise(handled, clerk, 2025, today=TODAY)
    v1 = report.finalise(handled, head, 2025, today=TODAY)
    assert v1.version == 1
    data, intact = report.archived_file(handled, v1.id, "pdf")
    assert intact and hashlib.sha256(data).hexdigest() == v1.pdf_sha256 and data.startswith(b"%PDF")
    with pytest.raises(ValidationError, match="重新发布请写明原因"):
        report.finalise(handled, head, 2025, today=TODAY)
    v2 = report.finalise(handled, head, 2025, reason="更正表二数据", today=TODAY)
    assert v2.version == 2 and [v.version for v in report.versions(handled, 2025)] == [2, 1]
    assert "更正表二数据" in report.describe_version(v2)


def test_missing_figures_and_unbalanced_tables_block_finalising(handled, head):
    figures.save_figures(handled, head, figures.Figures(2025, licensing=3))
    with pytest.raises(ServiceError) as e:
        report.finalise(handled, head, 2025, today=TODAY)
    assert "主动公开数据尚未填写" in str(e.value) and "行政强制" in str(e.value)


def test_bad_years_and_empty_year(office, head):
    with pytest.raises(ValidationError, match="尚未到来"):
        report.build(office, 2027, TODAY)
    r = report.build(office, 2019, TODAY)
    assert r.empty and all(v == [0] * 7 for v in r.table3.rows.values())
    assert "均为0" in "".join(x.text for x in output.document(r).items if hasattr(x, "text"))


def test_case_validation_and_timeline(registered, office, clerk):
    bad = cases.CaseInput("行政复议", "", "复〔2025〕1号", "某某县人民政府", D(2025, 4, 1), "结果维持", D(2025, 3, 1))
    with pytest.raises(ValidationError) as e:
        cases.add_case(office, clerk, registered, bad, today=TODAY)
    assert "审结日期不能早于" in e.value.fields["decided_date"]
    with pytest.raises(ValidationError) as e:
        cases.add_case(office, clerk, registered, cases.CaseInput("行政诉讼", "", "", "", None), today=TODAY)
    assert set(e.value.fields) >= {"route", "case_number", "body", "filed_date"}
    cid = cases.add_case(office, clerk, registered, cases.CaseInput(
        "行政诉讼", "复议后起诉", "（2025）某01行初1号", "某某县人民法院", D(2025, 5, 1)), today=TODAY)
    (info,) = cases.cases(office, registered)
    assert info.id == cid and info.kind_label == "行政诉讼（复议后起诉）" and info.result == "尚未审结"
    r = report.build(office, 2025, TODAY)
    assert r.table4[5 + 5 + 3] == 1 and r.table4[14] == 1
    from app.services.requests import queries
    assert any(e.kind == "行政诉讼" for e in queries.detail(office, registered).events)


def test_cli_json_and_files(handled, tmp_path):
    path = str(handled.path)
    out = tmp_path / "报告.pdf"
    assert main(["report", "annual", "--year", "2025", "--db", path, "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    for suffix in (".docx", ".xlsx"):
        assert main(["--db", path, "report", "annual", "--year", "2025", "-o", str(tmp_path / f"r{suffix}")]) == 0
    assert main(["report", "annual", "--year", "2025", "--db", path, "-o", str(tmp_path / "r.txt")]) == 2
    assert main(["report", "annual", "--year", "2099", "--db", path, "--json"]) == 1


def test_cli_json_shape(handled, capsys):
    assert main(["report", "annual", "--year", "2025", "--db", str(handled.path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2025 and len(data["table4"]) == 15
    assert data["table3"]["总计"] == [2, 1, 0, 0, 1, 0, 4]
    assert data["table3"]["不予公开/属于国家秘密"] == [0] * 7
    assert data["table2"]["fees_wan"] == "12.3456"


def test_ledger_template_tells_how_to_import_a_withdrawal(tmp_path):
    ledger_export.write_template(tmp_path / "t.xlsx")
    notes = {row[0]: row[1] for row in load_workbook(tmp_path / "t.xlsx")["说明"].iter_rows(values_only=True)}
    assert "申请人撤回" in notes["办理结果"] and "其他处理/其他" in notes["办理结果"]


def test_read_only_role_cannot_change_report_data(office, admin, registered):
    from app.db.models import Role
    from app.services import users
    from app.services.errors import PermissionDenied

    inspector = users.create_user(office, admin.actor(), "jc", "孙督查", Role.INSPECTOR, "pass1234").actor()
    with pytest.raises(PermissionDenied):
        figures.save_figures(office, inspector, figures.Figures(2025, licensing=1))
    with pytest.raises(PermissionDenied):
        cases.add_case(office, inspector, registered, cases.CaseInput(
            "行政复议", "", "复1", "某某县人民政府", D(2025, 4, 1)), today=TODAY)
    assert figures.get_figures(office, 2025).licensing is None and cases.cases(office, registered) == []
