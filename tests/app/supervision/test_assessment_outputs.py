"""百分制考核 outputs: the table and notice prints, the Excel export and `gongkai export assessment`."""

import datetime as dt
import subprocess

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.db.models import Role
from app.letters import tables as t
from app.services import profile, users
from app.services.complaints import ledger
from app.services.errors import ValidationError
from app.services.supervision import assessment as asm
from app.services.supervision import assessment_notices as notices
from app.services.supervision import assessment_print as ap
from tests.app.complaints.conftest import inspector, section, staff  # noqa: F401  (fixtures)
from tests.app.supervision.test_assessment import _full, _substantiated

D = dt.date
YEAR = 2025


@pytest.fixture
def scored(office, admin, inspector, staff, section):  # noqa: F811
    """政务服务科 95 − 5 (one confirmed 属实 complaint) = 90 优秀; 国库股 59.5 不合格, both notified."""
    leader = users.create_user(office, admin.actor(), "jz", "周局长", Role.LEADER, "pass1234").actor()
    profile.add_department(office, admin.actor(), "国库股")
    depts = {n: i for i, n in asm.departments_of(office, YEAR)}
    items = asm.template(office, YEAR)
    asm.save_scores(office, leader, YEAR, depts["政务服务科"], _full(items, {8: "10"}))
    asm.save_scores(office, leader, YEAR, depts["国库股"], _full(items, {1: "0", 2: "9.5", 3: "0", 6: "0"}))
    ledger.confirm(office, inspector, _substantiated(office, leader, staff, D(YEAR, 3, 3)), today=D(YEAR, 3, 4))
    notices.issue_notices(office, leader, YEAR, list(depts.values()), D(2026, 1, 12))
    return depts


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_table_print_lists_every_section_with_deduction_grade_and_commendation(office, scored, tmp_path):
    doc = ap.table_document(office, YEAR)
    assert doc.frame is t.LANDSCAPE
    text = t.all_text(doc)
    assert "2025年度政务公开工作考核结果汇总表" in text
    assert "政务服务科属实投诉1件，扣5分" in text
    assert "考核优秀、拟通报表彰的科室：政务服务科。" in text
    assert "考核不合格的科室：国库股。" in text
    table = next(x for x in doc.items if isinstance(x, t.Table))
    heads = [c.text for c in table.header[0]]
    assert "公开效果\n和群众满意\n（15分）" in heads and "监督保障\n制度\n（10分）" in heads  # broken where it reads
    assert ap._head("组织机构") == "组织机构" and ap._head("公开效果和群众满意") == "公开效果\n和群众满意"
    pdf = ap.render_table(office, YEAR)
    assert pdf.startswith(b"%PDF")
    plain = _text(pdf, tmp_path).replace(" ", "")
    assert "-5" in plain and "59.5" in plain and "不合格" in plain


def test_notice_print_states_grade_deduction_and_plan_due(office, scored):
    doc = ap.notice_document(office, YEAR, scored["国库股"])
    assert t.page_count(doc) == 1  # the signature stays with the text
    fail = t.all_text(doc)
    assert "等次为不合格" in fail and "请于2026年1月19日前提出整改措施" in fail
    good = t.all_text(ap.notice_document(office, YEAR, scored["政务服务科"]))
    assert "总分90分（项目得分95分，责任追究扣5分），等次为优秀" in good
    assert "责任追究：属实投诉1件，扣5分" in good and "予以通报表彰" in good
    assert "2026年1月12日" in good
    assert ap.render_notice(office, YEAR, scored["国库股"]).startswith(b"%PDF")


def test_notice_before_notification_is_refused(office, admin, section):  # noqa: F811
    with pytest.raises(ValidationError, match="尚未通报"):
        ap.notice_document(office, YEAR, section)


def test_cli_export_one_row_per_section_with_the_issue_columns(office, scored, tmp_path, capsys):
    path = office.path
    office.dispose()
    out = tmp_path / "考核.xlsx"
    assert main(["export", "assessment", "--year", "2025", "-o", str(out), "--db", str(path)]) == 0
    assert "已导出2025年度2个科室的考核结果" in capsys.readouterr().out
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0]) == ["科室", "组织机构（10分）", "公开范围（10分）", "公开内容（15分）", "公开形式（10分）",
                             "监督保障制度（10分）", "公开效果和群众满意（15分）", "责任追究和投诉处理（15分）",
                             "年度工作要点落实（15分）", "项目得分", "责任追究扣分", "总分", "等次"]
    assert rows[1] == ("政务服务科", 10, 10, 15, 10, 10, 15, 15, 10, 95, 5, 90, "优秀")
    assert rows[2] == ("国库股", 0, 9.5, 0, 10, 10, 0, 15, 15, 59.5, 0, 59.5, "不合格")
    assert main(["export", "assessment", "-o", str(out), "--db", str(path)]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["export", "assessment", "--year", "1999", "-o", str(out), "--db", str(path)]) == 2
