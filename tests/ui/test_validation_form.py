"""The counter form tells the limits the service layer checks (one Field description)."""

from ui.requests.intake_dialog import IntakeDialog


def test_form_fields_carry_the_service_limits(qtbot, office, clerk):
    dlg = IntakeDialog(office, clerk)
    qtbot.addWidget(dlg)
    assert dlg.applicant_name.toolTip() == "必填，最多100个字"
    assert dlg.phone.toolTip() == "最多40个字" and "4000" in dlg.content.toolTip()
