"""One rule and one wording for the working days a request has left: the request window, the 工作台's
本周到期 line and its 签批 line, and the ledger's work list say the same words on the same day — due
today, one day left, the Sunday after a Friday deadline, and late."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from app.db import Database
from app.services import dashboard
from app.services.dashboard.model import REQUESTS, SIGNOFF
from app.services.requests import ledger_export, queries
from app.services.requests.signoff_kinds import submit_decision
from tests.app.dashboard.conftest import register
from tests.app.test_signoff import _withhold
from ui.requests.request_dialog import RequestDialog

D = dt.date
RECEIVED = D(2025, 2, 28)  # a Friday; day 20 is Friday 2025-03-28


@pytest.mark.parametrize(("today", "words"), [
    (D(2025, 3, 28), "今天到期"),
    (D(2025, 3, 27), "还剩1个工作日"),
    (D(2025, 3, 30), "已逾期1个工作日"),  # Sunday: no working day has passed, the deadline has
    (D(2025, 4, 2), "已逾期3个工作日"),
])
def test_window_dashboard_signoff_and_ledger_say_the_same(qtbot, monkeypatch, tmp_path, office, clerk, head,
                                                          today, words):
    rid = register(office, clerk, RECEIVED)
    assert queries.detail(office, rid).due_date == D(2025, 3, 28)
    submit_decision(office, clerk, rid, _withhold(reply_date=D(2025, 3, 10)), today=D(2025, 3, 10))
    monkeypatch.setattr(Database, "today", lambda self: today)

    window = RequestDialog(office, head, rid)
    qtbot.addWidget(window)
    assert f">{words}</b>" in window.clock_label.text()

    view = dashboard.duty_view(office, head, today=today)
    (line,) = view.group(REQUESTS).lines
    assert line.state.startswith(words) and line.overdue == words.startswith("已逾期")
    (queued,) = view.group(SIGNOFF).lines
    assert queued.state == f"等候签批，{words}"

    out = tmp_path / "list.xlsx"
    ledger_export.export_ledger(office, out, view=True, today=today)
    rows = list(load_workbook(out)["台账"].values)
    assert dict(zip(rows[0], rows[1], strict=True))["剩余/逾期工作日"] == words
