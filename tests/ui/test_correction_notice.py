"""The request window: the 补正 action opens the 一次性告知 checklist for 政府信息公开申请, pre-filled with
the applicant; the notice it issues is linked to the request and its items become the 补正事项; the piece count (109号) is recorded."""

from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import MaterialInput
from app.services.notices import register
from tests.app.notices.conftest import FILING, TODAY, finance, make_matter  # noqa: F401
from ui.notices.checklist_dialog import ChecklistDialog
from ui.requests.request_dialog import RequestDialog

GOV_INFO_MATERIALS = (
    MaterialInput("政府信息公开申请表", "原件", 1, "纸质", True, "", "写明所需信息的名称、文号或者便于查询的其他特征性描述",
                  "申请人自备"),
    MaterialInput("申请人身份证明", "复印件", 1, "纸质", True, "", "居民身份证或者营业执照", "申请人自备"),
)


def test_correction_takes_its_items_from_a_linked_one_time_notice(qtbot, finance, head, clerk, registered,  # noqa: F811
                                                                  monkeypatch):
    catalogue.create_matter(finance, head, make_matter("政府信息公开申请", category="依申请公开",
                                                      materials=GOV_INFO_MATERIALS), FILING, today=TODAY)
    req = RequestDialog(finance, clerk, registered)
    qtbot.addWidget(req)
    seen: dict = {}

    def run_checklist(dlg: ChecklistDialog) -> int:
        seen["person"], seen["contact"] = dlg.applicant.text(), dlg.phone.text()
        assert dlg.detail is not None and dlg.detail.content.name == "政府信息公开申请"
        dlg.show_pdf = lambda preview: None
        dlg.ask_reason = lambda name: "未写明所需信息的文号或者特征性描述"
        dlg.table.setCurrentCell(0, 0)
        dlg.mark_defective()
        dlg.issue()
        qtbot.waitUntil(lambda: dlg.notice_id is not None)  # issued off the UI thread
        seen["notice"] = dlg.notice_id
        return int(dlg.notice_id is not None)

    monkeypatch.setattr(ChecklistDialog, "exec", run_checklist)
    action = req.dialog_for("correction")
    qtbot.addWidget(action)
    button = next(b for b in action.findChildren(QPushButton) if "一次性告知书" in b.text())
    button.click()
    assert (seen["person"], seen["contact"]) == ("张三", "13800000000")
    items = action.widgets["items"]
    assert isinstance(items, QPlainTextEdit)
    text = items.toPlainText()
    assert "一次性告知书" in text and "政府信息公开申请表" in text and "申请人身份证明" in text
    assert register.detail(finance, seen["notice"]).request_id == registered


def test_piece_count_is_recorded_from_the_request_window(qtbot, office, clerk, registered):
    from app.services.requests import queries

    req = RequestDialog(office, clerk, registered)
    qtbot.addWidget(req)
    action = req.dialog_for("pieces")
    qtbot.addWidget(action)
    action.widgets["pieces"].setValue(3)
    action.save()
    assert action.result() == 1 and queries.detail(office, registered).piece_count == 3
    req.refresh()
    again = req.dialog_for("pieces")
    qtbot.addWidget(again)
    assert again.widgets["pieces"].value() == 3
