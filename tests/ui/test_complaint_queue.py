"""The 监督检查人员's 工作台: a 责任追究 record waiting for confirmation is in 待签批; 批准 confirms it and the
责任追究台账 opens at its year with the record selected; heads do not see it."""

import datetime as dt

from app.db.models import Role
from app.services import users
from app.services.complaints import handling, identity, register
from tests.app.complaints.conftest import named
from ui.main_window import MainWindow


def test_inspector_confirms_from_the_queue(qtbot, office, admin, clerk, head, monkeypatch):
    today = office.today()
    users.create_user(office, admin.actor(), "lijian", "李监督", Role.INSPECTOR, "pass1234")
    info = users.sign_in(office, "lijian", "pass1234")  # creates the complaint key
    staff = users.create_user(office, admin.actor(), "xw", "徐窗口", Role.CLERK, "pass1234")
    day = today - dt.timedelta(days=5)
    cid = register.register(office, clerk, named(received_on=day, target_user_id=staff.id), today=day)
    handling.decide(office, clerk, cid, "受理", day, today=day)
    rec = handling.record_finding(office, head, cid, "属实", today, "批评教育", "属实", today=today)
    heads = MainWindow(office, users.sign_in(office, "ks", "pass1234"))
    qtbot.addWidget(heads)
    assert heads.home.queue_items == []  # not a head's to sign
    w = MainWindow(office, info)
    qtbot.addWidget(w)
    w.show()
    try:
        home = w.home
        assert not home.queue_box.isHidden() and [i.record_id for i in home.queue_items] == [rec]
        home.queue.setCurrentCell(0, 0)
        monkeypatch.setattr(home, "confirm", lambda question: True)
        home.approve_selected()
        book = w.complaints.ledger
        assert w.tabs.currentWidget() is w.complaints and w.complaints.sections.currentWidget() is book
        assert book.year.value() == today.year
        picked = book.records_view.selectionModel().selectedRows()
        assert [book.records.row(i.row()).id for i in picked] == [rec]
        assert book.records.row(picked[0].row()).state == "已确认" and home.queue_items == []
    finally:
        identity.forget(office, info.id)
