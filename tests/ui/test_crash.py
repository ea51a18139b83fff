import logging

from PySide6.QtWidgets import QMessageBox

from ui.crash import CrashDialog, ExceptionHandler


def test_unexpected_exception_is_logged_and_shown(qtbot, monkeypatch, caplog, tmp_path):
    shown = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self.report.toPlainText()))
    handler = ExceptionHandler(str(tmp_path / "gongkai.log"))
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        with caplog.at_level(logging.ERROR):
            handler(type(exc), exc, exc.__traceback__)
    assert shown and "ZeroDivisionError" in shown[0]
    assert "ZeroDivisionError" in caplog.text


def test_environment_error_gets_plain_message(qtbot, monkeypatch, tmp_path):
    from sqlalchemy.exc import OperationalError

    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: messages.append(a[2]))
    handler = ExceptionHandler(str(tmp_path / "gongkai.log"))
    exc = OperationalError("INSERT", {}, Exception("database is locked"))
    handler(type(exc), exc, None)
    assert messages == ["数据库正被其他窗口或电脑占用，请稍后再试。"]


def test_logging_writes_rotating_file(tmp_path):
    from app.logging_setup import setup_logging

    path = setup_logging(tmp_path)
    logging.getLogger("gongkai.test").error("记录一条")
    for h in logging.getLogger().handlers:
        h.flush()
    assert "记录一条" in path.read_text(encoding="utf-8")


def test_crash_report_has_frames_but_no_personal_data(qtbot, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self.report.toPlainText()))
    handler = ExceptionHandler(str(tmp_path / "gongkai.log"))
    name, id_number = "李四", "110101199003070011"

    def parse_row(row):
        return int(row)

    try:
        parse_row(f"{name} {id_number}")
    except ValueError as exc:
        handler(type(exc), exc, exc.__traceback__)
    report = shown[0]
    assert "in parse_row" in report and "ValueError" in report and "test_crash.py" in report
    assert name not in report and id_number not in report


def test_background_environment_error_is_one_chinese_message(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.exc import OperationalError

    from ui.operations import run_in_background

    messages, crashes = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: messages.append(a[2]))
    monkeypatch.setattr(CrashDialog, "exec", lambda self: crashes.append(self))
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress):
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    op = run_in_background(parent, work, title="正在导出", show_progress=False)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert messages == ["磁盘空间已满，数据未能保存。请清理磁盘后再试。"] and crashes == []
