"""The counter form tells the limits the service layer checks (one Field description)."""

from ui.requests.intake_dialog import IntakeDialog


def test_form_fields_carry_the_service_limits(qtbot, office, clerk):
    dlg = IntakeDialog(office, clerk)
    qtbot.addWidget(dlg)
    assert dlg.applicant_name.toolTip() == "必填，最多100个字"
    assert dlg.phone.toolTip() == "最多40个字" and "4000" in dlg.content.toolTip()


def test_holidays_dialog_names_missing_holidays_and_confirms(qtbot, db, admin):
    from app.calendar.schedule_io import parse_schedule
    from app.services import holidays
    from ui.dialogs.holidays import HolidaysDialog

    holidays.enter_year(db, admin.actor(), parse_schedule("休 2027-01-01 元旦\n"), "通知")
    dlg = HolidaysDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    dlg.reload(2027)
    assert "缺少法定节日：春节、清明节" in dlg.message.text() and dlg.confirm_button.isEnabled()
    dlg.confirm()
    assert "已确认2027年" in dlg.info.text() and not dlg.confirm_button.isEnabled()
    assert holidays.year_statuses(db, range(2027, 2028))[0].confirmed
