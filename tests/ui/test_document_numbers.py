"""设置 → 文书模板 lists the 责任追究决定 and 考核结果通知 after the letters: only their 文号 format
is set there (their text follows from the record), saved through the one numbering service."""

from app.letters import kinds
from app.services import letters
from app.services.complaints import ledger
from app.services.supervision import assessment_notices
from ui.dialogs.templates import TemplatesDialog


def test_decision_and_notice_number_formats_in_the_templates_dialog(qtbot, office, admin):
    dlg = TemplatesDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    titles = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert titles[len(kinds.KINDS):] == ["责任追究决定", "政务公开工作考核结果通知"]
    dlg.list.setCurrentRow(len(kinds.KINDS))
    assert dlg.pattern.text() == "{文号代字}责〔{年}〕{序号}号"
    assert dlg.number_label.text() == "责任追究决定文号格式"
    assert "没有模板" in dlg.required.text() and dlg.editor.isReadOnly() and not dlg.editor.toPlainText()
    assert not any(b.isEnabled() for b in dlg.template_buttons)  # 保存/恢复默认 are the template's
    assert dlg.number_example.text().startswith("示例：X财公开责〔")
    dlg.pattern.setText("{文号代字}纪")
    dlg.save_pattern()
    assert "未保存" in dlg.message.text() and "{年}" in dlg.message.text()
    dlg.pattern.setText("{文号代字}纪〔{年}〕{序号}号")
    dlg.save_pattern()
    assert dlg.message.text().startswith("文号格式已保存")
    dlg.list.setCurrentRow(len(kinds.KINDS) + 1)
    assert dlg.pattern.text() == "{文号代字}考〔{年}〕{序号}号" and dlg.number_label.text() == "考核结果通知文号格式"
    dlg.list.setCurrentRow(0)  # back on a letter: its template and buttons again
    assert dlg.editor.toPlainText() and not dlg.editor.isReadOnly() and all(b.isEnabled() for b in dlg.template_buttons)
    patterns = {key: pattern for key, _label, pattern in letters.number_patterns(office)}
    assert patterns[ledger.DECISION_NUMBER.key] == "{文号代字}纪〔{年}〕{序号}号"
    assert patterns[assessment_notices.NOTICE_NUMBER.key] == "{文号代字}考〔{年}〕{序号}号"
