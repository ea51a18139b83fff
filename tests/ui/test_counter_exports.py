"""Exports for the head: the list export carries the clock and masks IDs; the ledger export round-trips."""

import datetime as dt

from openpyxl import load_workbook

from app.services.requests import actions, intake, ledger, ledger_export
from tests.app.conftest_requests import make_input
from ui.files import dated_path, documents_folder

D = dt.date


def test_list_export_has_state_due_remaining_handler_and_masked_ids(office, clerk, tmp_path):
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    actions.assign(office, clerk, rid, "预算股", today=D(2025, 3, 3))
    out = tmp_path / "list.xlsx"
    assert ledger_export.export_ledger(office, out, view=True, today=D(2025, 3, 5)) == 1
    rows = [[c.value for c in r] for r in load_workbook(out)["台账"].iter_rows()]
    head, row = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert head[-4:] == ["状态", "答复期限", "剩余/逾期工作日", "承办人"]
    assert row["证件号码"] == "1101**********002X"
    assert row["状态"] == "办理中" and row["承办人"] == "预算股"
    assert row["答复期限"].date() == D(2025, 3, 31) and row["剩余/逾期工作日"] == "还剩18个工作日"
    late = tmp_path / "late.xlsx"
    ledger_export.export_ledger(office, late, view=True, today=D(2025, 4, 2))
    assert [c.value for c in load_workbook(late)["台账"][2]][-2] == "已逾期2个工作日"


def test_ledger_export_keeps_full_ids_for_the_round_trip(office, clerk, tmp_path):
    intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    out = tmp_path / "ledger.xlsx"
    ledger_export.export_ledger(office, out)
    rows = [[c.value for c in r] for r in load_workbook(out)["台账"].iter_rows()]
    assert rows[0] == ledger.COLUMNS and rows[1][6] == "11010519491231002X"


def test_save_dialogs_start_in_documents_with_a_dated_name():
    path = dated_path("依申请公开列表", ".xlsx", D(2026, 11, 29))
    assert path.startswith(str(documents_folder())) and path.endswith("依申请公开列表-20261129.xlsx")
