"""The request window after a 更正: 生成并预览 re-issues the outdated letters (picked when several);
Ctrl+P prints the selected letter; the 文书模板 list names each kind once."""

import datetime as dt
import io

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.letters import kinds
from app.services import corrections, letters
from app.services.requests import decisions, intake
from tests.app.conftest_requests import make_input
from tests.app.requests.test_correct_letters import issued_answer
from ui.correction_dialog import CorrectionDialog, UndoDialog
from ui.dialogs.templates import TemplatesDialog
from ui.requests import reissue
from ui.requests.request_dialog import RequestDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "".join(p.extract_text() or "" for p in doc.pages).replace("\n", "")


def _correcting(monkeypatch, key: str, value: str) -> None:
    """The 更正 dialog as a person fills it: pick the field, type the new value and the reason, 确定."""
    def run(dlg: CorrectionDialog) -> int:
        dlg.select(key)
        editor = dlg.editor()
        editor.setText(value) if hasattr(editor, "setText") else editor.setPlainText(value)
        dlg.reason.setPlainText("录入错误")
        dlg.save()
        return QDialog.DialogCode.Accepted if dlg.result is not None else QDialog.DialogCode.Rejected
    monkeypatch.setattr(CorrectionDialog, "exec", run)


def _window(qtbot, office, actor, rid) -> tuple[RequestDialog, list]:
    dlg = RequestDialog(office, actor, rid)
    qtbot.addWidget(dlg)
    shown: list = []
    dlg.letters.open_preview = shown.append
    return dlg, shown


def test_generate_after_a_correction_reissues_the_outdated_reply(qtbot, monkeypatch, office, clerk, head):
    rid = issued_answer(office, clerk, head)
    old = {i.kind: i for i in letters.issued_for(office, rid)}
    dlg, shown = _window(qtbot, office, head, rid)
    asked: list[str] = []
    dlg.offer_letter = lambda question: asked.append(question) or True  # 生成并预览
    _correcting(monkeypatch, "provided_docs", "2024年部门预算及说明")
    dlg.amend()
    qtbot.waitUntil(lambda: len(shown) == 1)  # issued and typeset off the UI thread, then previewed
    assert len(asked) == 1 and "政府信息公开告知书（予以公开）" in asked[0]
    assert "接收回执" not in asked[0] and "送达回证" not in asked[0]  # they do not print 提供的信息
    new = shown[0].record
    assert new.kind == "reply_public" and new.outdated == "" and new.number != old["reply_public"].number
    assert new.version == 2 and "2024年部门预算及说明" in _text(shown[0].data)  # today's facts
    assert dlg.tabs.currentWidget() is dlg.letters
    current = {i.kind for i in letters.issued_for(office, rid) if not i.outdated}
    assert current == {"receipt", "reply_public", "service"}
    assert dlg.letters.table.rowCount() == 4  # the old reply stays, marked 已过时


def test_several_outdated_letters_are_picked_and_made_one_after_another(qtbot, monkeypatch, office, clerk, head):
    rid = issued_answer(office, clerk, head)
    dlg, shown = _window(qtbot, office, head, rid)
    offered: list = []

    def pick(question, due):
        assert "请勾选" in question
        offered.extend(due)
        return due[:2]  # 接收回执 and 告知书; the 送达回证 later
    dlg.pick_letters = pick
    dlg.offer_letter = lambda question: (_ for _ in ()).throw(AssertionError("one question for several letters"))
    _correcting(monkeypatch, "applicant_name", "张叁")
    dlg.amend()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert [i.kind for i in offered] == ["receipt", "reply_public", "service"]  # each prints 申请人
    assert [p.record.kind for p in shown] == ["receipt", "reply_public"]
    issued = letters.issued_for(office, rid)
    assert {i.kind for i in issued if not i.outdated} == {"receipt", "reply_public"}
    assert [i.kind for i in dlg.letters.needing_reissue()] == ["service"]


def test_later_leaves_the_letters_outdated(qtbot, monkeypatch, office, clerk, head):
    rid = issued_answer(office, clerk, head)
    dlg, shown = _window(qtbot, office, head, rid)
    dlg.offer_letter = lambda question: False  # 稍后
    _correcting(monkeypatch, "provided_docs", "2024年部门预算及说明")
    dlg.amend()
    assert not shown and len(letters.issued_for(office, rid)) == 3
    assert [i.kind for i in dlg.letters.needing_reissue()] == ["reply_public"]


def test_a_correction_no_letter_prints_asks_nothing(qtbot, monkeypatch, office, clerk, head):
    rid = issued_answer(office, clerk, head)
    dlg, _shown = _window(qtbot, office, head, rid)
    dlg.offer_letter = dlg.pick_letters = lambda *a: (_ for _ in ()).throw(AssertionError("asked"))
    _correcting(monkeypatch, "phone", "13900000000")
    dlg.amend()
    assert not any(i.outdated for i in letters.issued_for(office, rid))


def test_reissue_dialog_ticks_all_and_returns_the_ticked(qtbot, office, clerk, head):
    rid = issued_answer(office, clerk, head)
    due = letters.issued_for(office, rid)
    dlg = reissue.ReissueDialog("需要重新出具吗？", due)
    qtbot.addWidget(dlg)
    assert [dlg.list.item(i).text() for i in range(3)] == [
        f"政府信息公开申请接收回执（原{due[0].number}）", f"政府信息公开告知书（予以公开）（原{due[1].number}）",
        f"送达回证（原{due[2].number}）"]
    assert dlg.chosen() == due
    dlg.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dlg.chosen() == [due[0], due[2]]


def test_ctrl_p_prints_the_selected_letter_or_says_to_select_one(qtbot, monkeypatch, office, clerk, head):
    rid = issued_answer(office, clerk, head)
    dlg, shown = _window(qtbot, office, clerk, rid)
    printed: list = []
    dlg.letters.print_first = printed.append  # the print dialog, then the preview
    told: list[str] = []
    monkeypatch.setattr(reissue, "tell", lambda parent, title, text: told.append(text))
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    dlg.letters.table.setCurrentCell(-1, -1)
    qtbot.keyClick(dlg, Qt.Key.Key_P, CTRL)
    assert told == ["请先在“文书”页选中要打印的文书，再按Ctrl+P。"] and dlg.tabs.currentWidget() is dlg.letters
    dlg.letters.table.setCurrentCell(1, 0)
    qtbot.keyClick(dlg, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: bool(printed))
    assert printed[0].record.kind == "reply_public" and not shown
    assert printed[0].data == letters.letter_pdf(office, printed[0].record.id)  # the stored letter, byte for byte


def test_ctrl_p_without_letters_says_so(qtbot, monkeypatch, office, clerk, registered):
    dlg, _shown = _window(qtbot, office, clerk, registered)
    told: list[str] = []
    monkeypatch.setattr(reissue, "tell", lambda parent, title, text: told.append(text))
    dlg.print_letter()
    assert told == ["本申请还没有出具文书，请先在“文书”页生成。"]


def test_templates_list_names_each_kind_once(qtbot, office, admin):
    dlg = TemplatesDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    names = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert len(names) == len(set(names)), names
    assert {"政府信息公开告知书（予以公开）", "政府信息公开告知书（已主动公开）"} <= set(names)
    dlg.list.setCurrentRow(names.index("政府信息公开告知书（已主动公开）"))
    assert dlg.kind() is kinds.BY_CODE["reply_published"]


def test_an_undone_decision_says_its_letters_are_no_longer_needed(qtbot, monkeypatch, office, clerk, head):
    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    decisions.decide(office, head, rid, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项", reasons="", legal_basis="",
        provided_docs="2024年部门预算公开表", page_count=3, reply_date=dt.date(2025, 3, 20)), today=dt.date(2025, 3, 20))
    letters.issue(office, clerk, rid, "reply")
    dlg, shown = _window(qtbot, office, head, rid)
    dlg.offer_letter = dlg.pick_letters = lambda *a: (_ for _ in ()).throw(AssertionError("asked"))
    told: list[str] = []
    monkeypatch.setattr(reissue, "tell", lambda parent, title, text: told.append(text))

    def run(undo: UndoDialog) -> int:
        undo.result = corrections.undo(office, head, "request", rid, "decision", "点错了申请")
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(UndoDialog, "exec", run)
    dlg.undo()
    assert len(told) == 1 and "政府信息公开告知书（予以公开）" in told[0] and "已不需要" in told[0]
    assert not shown and dlg.tabs.currentWidget() is dlg.letters
