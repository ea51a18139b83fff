"""`gongkai export catalogue`, `gongkai import catalogue`, `gongkai export notices`."""

import datetime as dt

from openpyxl import load_workbook

from app.cli import main
from app.services.catalogue import service as catalogue
from app.services.notices import issue
from app.services.notices.issue import NoticeInput


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out.strip(), out.err


def _db_arg(db) -> str:
    return str(db.path)


def test_export_import_round_trip(capsys, finance, matter_id, tmp_path):
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    assert run(capsys, "--db", _db_arg(finance), "export", "catalogue", "-o", str(first))[0] == 0
    code, out, err = run(capsys, "--db", _db_arg(finance), "import", "catalogue", str(first))
    assert (code, err) == (0, "") and "未变化1项" in out
    assert run(capsys, "export", "catalogue", "-o", str(second), "--db", _db_arg(finance))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert catalogue.detail(finance, matter_id).version == 1


def test_import_change_is_filed_under_the_command_line(capsys, finance, matter_id, tmp_path):
    path = tmp_path / "c.xlsx"
    run(capsys, "--db", _db_arg(finance), "export", "catalogue", "-o", str(path))
    wb = load_workbook(path)
    cols = {c.value: c.column for c in wb["事项"][1]}
    wb["事项"].cell(2, cols["办理时间"], "工作日 8:30—17:30")
    wb["事项"].cell(2, cols["调整原因"], "要素变化：延长窗口服务时间")
    wb.save(path)
    code, out, _ = run(capsys, "--db", _db_arg(finance), "import", "catalogue", str(path))
    assert code == 0 and "调整1项" in out
    entry = catalogue.history(finance, matter_id)[-1]
    assert entry.actor.startswith("命令行:") and entry.changes == (("办理时间", "工作日 9:00—12:00，13:30—17:00",
                                                                      "工作日 8:30—17:30"),)


def test_import_errors_exit_1_and_change_nothing(capsys, finance, matter_id, tmp_path):
    path = tmp_path / "c.xlsx"
    run(capsys, "--db", _db_arg(finance), "export", "catalogue", "-o", str(path))
    wb = load_workbook(path)
    cols = {c.value: c.column for c in wb["事项"][1]}
    wb["事项"].cell(2, cols["承诺时限（工作日）"], 99)
    wb.save(path)
    code, out, err = run(capsys, "--db", _db_arg(finance), "import", "catalogue", str(path))
    assert code == 1 and "没有做任何修改" in err and "第2行 承诺时限（工作日）:" in err and "Traceback" not in err
    assert catalogue.detail(finance, matter_id).version == 1


def test_missing_file_and_wrong_suffix(capsys, finance, tmp_path):
    code, _, err = run(capsys, "--db", _db_arg(finance), "import", "catalogue", str(tmp_path / "no.xlsx"))
    assert code == 2 and "找不到文件" in err
    code, _, err = run(capsys, "--db", _db_arg(finance), "export", "notices", "-o", str(tmp_path / "n.csv"))
    assert code == 2 and ".xlsx" in err


def test_export_notices_columns_and_year(capsys, finance, clerk, matter_id, tmp_path):
    data = NoticeInput(matter_id, "张三", "13800000000", {}, "0432-62345678")
    issue.issue_notice(finance, clerk, data, today=dt.date(2026, 3, 3))
    issue.issue_notice(finance, clerk, data, today=dt.date(2027, 1, 5))
    path = tmp_path / "n.xlsx"
    code, out, _ = run(capsys, "--db", _db_arg(finance), "export", "notices", "-o", str(path), "--year", "2026")
    assert code == 0 and "1份" in out
    ws = load_workbook(path).active
    assert [c.value for c in ws[1]] == ["告知书编号", "日期", "申请人", "联系电话", "事项名称", "事项版本",
                                        "缺少或不符合要求的材料", "经办人", "状态"]
    row = [c.value for c in ws[2]]
    assert row[0] == "X财公开告〔2026〕1号" and row[1].date() == dt.date(2026, 3, 3)
    assert row[2:6] == ["张三", "13800000000", "小额贷款公司设立", "第1版"]
    assert row[6] == "设立申请书；营业执照；法定代表人身份证明；授权委托书" and row[7:] == ["赵窗口", "待补齐"]
