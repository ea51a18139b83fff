"""Unexpected exceptions: log them, show a copyable report, keep the app running."""

from __future__ import annotations

import logging
import platform
import sys
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import environment_message
from app.logging_setup import format_exception_masked
from app.services.errors import ServiceError

log = logging.getLogger("gongkai.crash")


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("程序出错")
        lay = QVBoxLayout(self)
        msg = QLabel(
            "程序遇到了一个意外错误，当前操作没有完成，已保存的数据不受影响。\n"
            f"错误详情已写入日志：{log_path}\n请把下面的报告复制给技术支持人员。"
        )
        msg.setWordWrap(True)
        lay.addWidget(msg)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        lay.addWidget(self.report)
        buttons = QDialogButtonBox()
        copy = buttons.addButton("复制报告", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("继续使用", QDialogButtonBox.ButtonRole.AcceptRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        close.clicked.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(640, 420)


def build_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """Version, platform and the masked traceback: enough to find the bug, no applicant data."""
    lines = format_exception_masked(exc, tb)
    return (
        f"gongkai {__version__} / Python {platform.python_version()} / {platform.platform()}\n\n{lines}"
    )


class ExceptionHandler:
    """Installed as ``sys.excepthook`` while the window runs."""

    def __init__(self, log_path: str) -> None:
        self.log_path = log_path
        self.shown: list[str] = []  # reports shown, for tests

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        handle_exception(exc, self.log_path, self.shown, tb)

    def install(self) -> None:
        sys.excepthook = self


def handle_exception(exc: BaseException, log_path: str, shown: list[str] | None = None,
                     tb: TracebackType | None = None) -> None:
    """Route an exception: user-facing message, environment message, or crash report."""
    parent = QApplication.activeWindow()
    if isinstance(exc, ServiceError):
        QMessageBox.warning(parent, "无法完成操作", str(exc))
        return
    env = environment_message(exc)
    if env is not None:
        log.warning("environment error: %s", exc)
        QMessageBox.critical(parent, "无法完成操作", env)
        return
    tb = tb or exc.__traceback__
    report = build_report(type(exc), exc, tb)
    log.error("unexpected exception", exc_info=(type(exc), exc, tb))
    if shown is not None:
        shown.append(report)
    CrashDialog(report, log_path, parent).exec()


def show_unexpected(exc: BaseException) -> None:
    """Route an exception that reached the UI from a background operation."""
    from app.logging_setup import setup_logging

    handle_exception(exc, str(setup_logging()))
