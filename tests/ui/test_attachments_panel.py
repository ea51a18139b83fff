"""The shared attachments panel: add through the file dialog, list columns, save a copy, a tampered file in red."""

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import func, select

from app.db.models import RecordAttachment
from app.services.complaints import register
from tests.app.complaints.conftest import DAY, named
from ui.attachments_panel import BAD, HEADERS, OK, AttachmentsPanel


def _complaint(office, clerk) -> int:
    return register.register(office, clerk, named(anonymous=True, wants_reply=False, phone=""), today=DAY)


def _panel(qtbot, office, actor, cid) -> AttachmentsPanel:
    panel = AttachmentsPanel(office, actor, "complaint", cid)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(panel.checked)
    return panel


def _cells(panel, row) -> list[str]:
    return [panel.model.index(row, c).data() for c in range(len(HEADERS))]


def _select(panel, row) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    panel.view.selectionModel().select(panel.model.index(row, 0), flags)


def test_add_through_dialogs_list_and_save_copy(qtbot, office, clerk, tmp_path, monkeypatch):
    cid = _complaint(office, clerk)
    panel = _panel(qtbot, office, clerk, cid)
    assert panel.model.rowCount() == 0 and panel.add_button.text() == "添加附件…"
    assert [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == list(HEADERS)
    scan = tmp_path / "现场照片.jpg"
    scan.write_bytes(b"\xff\xd8" + b"p" * 3000)
    monkeypatch.setattr("ui.attachments_panel.QFileDialog.getOpenFileName", lambda *a, **k: (str(scan), ""))
    monkeypatch.setattr("ui.attachments_panel.QInputDialog.getText", lambda *a, **k: ("窗口监控截图", True))
    with qtbot.waitSignal(panel.changed):
        panel.add_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.checked())
    name, size, who, when, check = _cells(panel, 0)
    assert (name, size, who, check) == ("现场照片.jpg", "3 KB", "赵窗口", OK)
    assert "年" in when and "月" in when and "日" in when
    assert "窗口监控截图" in panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    _select(panel, 0)
    out = tmp_path / "副本.jpg"
    monkeypatch.setattr("ui.attachments_panel.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    panel.save_button.click()
    qtbot.waitUntil(lambda: out.exists() and not panel.busy)
    assert out.read_bytes() == scan.read_bytes() and "已另存为" in panel.message.text()


def test_tampered_file_shown_in_red_and_not_saved(qtbot, office, clerk, tmp_path):
    cid = _complaint(office, clerk)
    scan = tmp_path / "a.pdf"
    scan.write_bytes(b"%PDF original")
    from app.services import attachments

    aid = attachments.add(office, clerk, "complaint", cid, scan)
    with office.session(actor="篡改测试") as s:
        s.get(RecordAttachment, aid).data = b"%PDF edited"
    panel = _panel(qtbot, office, clerk, cid)
    assert _cells(panel, 0)[4] == BAD
    assert panel.model.index(0, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c00000"
    assert "不一致" in panel.message.text()
    out = tmp_path / "copy.pdf"
    panel.save_to(aid, out)
    qtbot.waitUntil(lambda: not panel.busy)
    assert not out.exists() and "未另存" in panel.message.text()


def test_refused_file_shows_message_and_stores_nothing(qtbot, office, clerk, tmp_path):
    cid = _complaint(office, clerk)
    panel = _panel(qtbot, office, clerk, cid)
    panel.attach(Path(tmp_path / "gone.pdf"))
    qtbot.waitUntil(lambda: not panel.busy)
    assert "找不到文件" in panel.message.text() and panel.model.rowCount() == 0
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(RecordAttachment)) == 0
