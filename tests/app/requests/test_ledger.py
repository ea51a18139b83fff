import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.db import open_database
from app.db.models import InfoRequest
from app.services.actor import cli_actor
from app.services.requests import ledger, ledger_export, queries

D = dt.date
HEADER = ledger.COLUMNS


def write(path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def good_rows():
    return [
        ["X财公开〔2025〕7号", D(2025, 3, 3), "当面提交", "自然人", "张三", "居民身份证", "11010519491231002X",
         "13800000000", "某县人民路1号", "", "2024年预算公开情况", "纸质", "予以公开", D(2025, 3, 20), "否", "", ""],
        ["", "2025-04-07", "邮寄", "商业企业", "某某有限公司", "统一社会信用代码", "91350100M000100Y43",
         "", "", "a@b.cn", "政府采购合同", "电子邮件", "不予公开/保护第三方合法权益", "2025-05-20", "是", "需征求意见", "备注一"],
        ["", D(2025, 5, 6), "互联网", "自然人", "李四", "", "", "13900000000", "", "", "征地补偿标准", "", "", None, "否",
         "", ""],
    ]


def test_import_then_export_round_trips(office, tmp_path):
    src = write(tmp_path / "in.xlsx", good_rows())
    assert ledger.import_ledger(office, cli_actor(), src, today=D(2025, 6, 1)) == 3
    out = tmp_path / "out.xlsx"
    assert ledger_export.export_ledger(office, out) == 3
    ws = load_workbook(out)["台账"]
    got = [[c.value for c in row] for row in ws.iter_rows(min_row=1)]
    assert got[0] == HEADER
    first = got[1]
    assert first[0] == "X财公开〔2025〕7号" and first[1].date() == D(2025, 3, 3) and first[12] == "予以公开"
    assert got[2][0] == "X财公开〔2025〕8号"  # blank number continues after the imported 7
    assert got[2][12] == "不予公开/保护第三方合法权益" and got[2][14] == "是" and got[2][15] == "需征求意见"
    assert got[3][12] is None and got[3][11] == "纸质"
    # import the export into a fresh database: the same values come back out
    db2 = open_database(tmp_path / "second.sqlite3")
    from app.services import profile, users

    admin = users.create_first_admin(db2, "admin", "王管理", "secret123", "secret123")
    profile.save_profile(db2, admin.actor(), profile.get_profile(office))
    ledger.import_ledger(db2, cli_actor(), out, today=D(2025, 6, 1))
    out2 = tmp_path / "out2.xlsx"
    ledger_export.export_ledger(db2, out2)
    got2 = [[c.value for c in row] for row in load_workbook(out2)["台账"].iter_rows()]
    assert got2 == got
    db2.dispose()


def test_imported_open_request_runs_on_the_clock(office, tmp_path):
    ledger.import_ledger(office, cli_actor(), write(tmp_path / "in.xlsx", good_rows()), today=D(2025, 6, 1))
    rid = queries.find_by_number(office, "X财公开〔2025〕9号")
    d = queries.detail(office, rid, today=D(2025, 6, 1))
    assert d.state == "已登记" and d.due_date == D(2025, 6, 4)


def test_broken_ledger_is_refused_with_row_numbers_and_changes_nothing(office, tmp_path):
    rows = good_rows()
    rows[0][6] = "110105194912310021"  # wrong check digit
    rows[1][12] = "不予公开/不知道"
    rows[2][1] = "2025-02-30"
    rows.append(list(rows[0]))  # duplicate number
    rows[3][6] = "11010519491231002X"
    path = write(tmp_path / "bad.xlsx", rows, HEADER + ["多余的列"])
    with pytest.raises(ledger.LedgerError) as e:
        ledger.import_ledger(office, cli_actor(), path, today=D(2025, 6, 1))
    problems = e.value.problems
    assert any(p.startswith("第2行 证件号码:") and "校验码" in p for p in problems)
    assert any(p.startswith("第3行 办理结果:") for p in problems)
    assert any(p.startswith("第4行 收到申请日期:") for p in problems)
    assert any(p.startswith("第5行 申请编号:") and "重复" in p for p in problems)
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(InfoRequest)) == 0


def test_missing_required_column(office, tmp_path):
    path = write(tmp_path / "x.xlsx", [["张三"]], ["申请人姓名或名称"])
    with pytest.raises(ledger.LedgerError, match="缺少必需的列"):
        ledger.read_ledger(office, path)


def test_existing_number_refused(office, tmp_path):
    path = write(tmp_path / "in.xlsx", good_rows())
    ledger.import_ledger(office, cli_actor(), path, today=D(2025, 6, 1))
    with pytest.raises(ledger.LedgerError, match="已存在"):
        ledger.import_ledger(office, cli_actor(), path, today=D(2025, 6, 1))


def test_not_an_excel_file(office, tmp_path):
    p = tmp_path / "x.xlsx"
    p.write_text("hello")
    with pytest.raises(ledger.LedgerError, match="不是Excel"):
        ledger.read_ledger(office, p)


def test_template_lists_allowed_values(tmp_path):
    ledger_export.write_template(tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    assert [c.value for c in wb["台账"][1]] == HEADER
    values = [r[1] for r in wb["说明"].iter_rows(values_only=True)]
    assert "无法提供/本机关不掌握相关政府信息" in values


def test_cli_import_export(office, tmp_path, capsys):
    db_path = str(office.path)
    bad = good_rows()
    bad[0][2] = "飞鸽传书"
    assert main(["--db", db_path, "import", "ledger", str(write(tmp_path / "b.xlsx", bad))]) == 1
    assert "第2行 申请方式" in capsys.readouterr().err
    assert main(["--db", db_path, "import", "ledger", str(write(tmp_path / "g.xlsx", good_rows()))]) == 0
    assert main(["export", "ledger", "-o", str(tmp_path / "o.xlsx"), "--year", "2025", "--db", db_path]) == 0
    assert "已导出3" in capsys.readouterr().out


def test_demo_database(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(path), "--requests", "200", "--seed", "7"]) == 0
    db = open_database(path)
    with db.session() as s:
        states = set(s.scalars(select(InfoRequest.state).distinct()))
        leaves = set(s.scalars(select(InfoRequest.result_code).distinct())) - {""}
    from app.domain import taxonomy
    from app.domain.vocab import State

    assert states == {st.value for st in State} - {"逾期未补正"}
    assert leaves == set(taxonomy.BY_CODE)
    first = queries.list_ids(db, queries.RegisterFilter(), sort="number", descending=False)[:3]
    db.dispose()
    # deterministic: same seed, same data
    path2 = tmp_path / "demo2.sqlite3"
    main(["demo", "--db", str(path2), "--requests", "200", "--seed", "7"])
    db2 = open_database(path2)
    assert queries.list_ids(db2, queries.RegisterFilter(), sort="number", descending=False)[:3] == first
    db2.dispose()
    assert main(["demo", "--db", str(path)]) == 2  # refuses a database with data
