"""Start-up installs Qt's Chinese texts, so Qt's own dialogs and buttons are Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from app.paths import resources_dir
from ui.application import install_translations
from ui.forms import ask, message_box


@pytest.fixture
def chinese(qapp):
    names = install_translations(qapp)
    return names


def test_qtbase_catalogue_is_loaded(chinese, qapp):
    assert chinese == ["qtbase_zh_CN", "qt_supplement_zh_CN"]
    assert install_translations(qapp) == chinese  # idempotent: installed once


def test_standard_buttons_read_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text().replace("&", "") == "确定"
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(buttons)
    assert "是" in buttons.button(QDialogButtonBox.StandardButton.Yes).text()
    assert "否" in buttons.button(QDialogButtonBox.StandardButton.No).text()


def test_qt_file_dialog_is_chinese(qtbot, chinese):
    dlg = QFileDialog(None, "保存")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dlg)
    texts = {b.text().replace("&", "") for b in dlg.findChildren(QDialogButtonBox)[0].buttons()}
    assert "取消" in texts
    labels = [label.text() for label in dlg.findChildren(QLabel)]
    assert labels and all(re.search(r"[\u4e00-\u9fff]", t) for t in labels), labels  # "&Look in:" included


def test_supplement_catalogue_is_compiled_from_its_source(tmp_path):
    source = resources_dir() / "translations" / "qt_supplement_zh_CN.ts"
    built = tmp_path / "check.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease 不在虚拟环境中")
    subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(built)], check=True)
    assert built.read_bytes() == source.with_suffix(".qm").read_bytes()


def test_our_boxes_have_our_captions_without_any_translation(qtbot, monkeypatch):
    box = message_box(None, "导入台账", "确定导入？", icon="question", buttons=("导入", "取消"))
    qtbot.addWidget(box)
    assert [b.text() for b in box.choices] == ["导入", "取消"]
    assert box.escapeButton() is box.choices[1]
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.choices[0].click())
    assert ask(None, "请确认", "确定吗？") is True
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.choices[1].click())
    assert ask(None, "请确认", "确定吗？") is False


def test_window_refuses_a_database_in_a_missing_folder(qtbot, tmp_path, monkeypatch):
    from ui.application import open_or_explain

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert open_or_explain(str(tmp_path / "没有" / "gk.sqlite3")) is None
    assert shown and "文件夹不存在" in shown[0] and not (tmp_path / "没有").exists()


def test_window_explains_a_file_that_is_not_a_database(qtbot, tmp_path, monkeypatch):
    from ui.application import open_or_explain

    target = tmp_path / "notes.sqlite3"
    target.write_text("不是数据库" * 100, encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert open_or_explain(str(target)) is None
    assert "不是政务公开工作台的数据库" in shown[0]


def test_settle_heap_freezes_what_is_alive():
    """Full collections must not walk the window's long-lived objects (a 110 ms freeze at 1M)."""
    import gc

    from ui.application import settle_heap

    settle_heap()
    try:
        assert gc.get_freeze_count() > 1000 and gc.get_count()[2] == 0
    finally:
        gc.unfreeze()
