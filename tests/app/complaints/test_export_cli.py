"""`gongkai export complaints`: exactly the issue's columns; identities （保密） or 匿名."""

from openpyxl import load_workbook

from app.cli import main
from app.services.complaints import register
from app.services.complaints.export import COLUMNS
from tests.app.complaints.conftest import DAY, named


def test_cli_export_columns_and_masking(office, clerk, inspector, tmp_path, capsys):
    register.register(office, clerk, named(), today=DAY)
    register.register(office, clerk, named(anonymous=True, wants_reply=False), today=DAY)
    path = office.path
    office.dispose()
    out = tmp_path / "投诉.xlsx"
    assert main(["export", "complaints", "-o", str(out), "--year", "2025", "--db", str(path)]) == 0
    assert "已导出2件" in capsys.readouterr().out
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS == ["编号", "收到日期", "渠道", "署名或匿名", "投诉举报人", "证件号码", "联系电话",
                                        "被投诉举报对象", "类别", "状态", "调查结论", "办理期限"]
    assert rows[1][3:7] == ("署名", "（保密）", "（保密）", "（保密）")
    assert rows[2][3:7] == ("匿名", "匿名", "匿名", "匿名")
    assert rows[1][7] == "不明" and rows[1][9] == "待受理"
    assert main(["export", "complaints", "-o", str(tmp_path / "x.csv"), "--db", str(path)]) != 0
