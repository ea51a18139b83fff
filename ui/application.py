"""Start-up: Qt application, logging, crash handler, database, first admin, sign-in, window.

Issue 12 asks for the sign-in dialog within 2× the time of a bare PySide6 window.  Loading
SQLAlchemy and every model (``app.db``) alone takes about five bare windows, so the dialog is
shown on Qt alone and the database is opened, migrated and checked in a thread while the
password is typed (:class:`StartUp`); the modules the main window needs are imported there too.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_TITLE
from app.errors import DatabaseError, environment_message
from app.logging_setup import setup_logging
from app.paths import default_database, resources_dir

if TYPE_CHECKING:
    from app.db import Database
    from app.services.users import UserInfo

log = logging.getLogger("gongkai")


QT_CATALOGUES = ("qtbase_zh_CN",)
"""Qt's own Chinese texts: file and print dialogs, OK/Cancel/Yes/No, the calendar, context menus."""
SUPPLEMENT = "qt_supplement_zh_CN"
"""resources/translations: the few Qt texts qtbase_zh_CN lacks (see the .ts file); installed last,
so asked first."""


def install_translations(app: QCoreApplication) -> list[str]:
    """Load Qt's zh_CN catalogues once per application; the names loaded.

    Qt's standard dialogs and buttons are English unless these are installed;
    the catalogues ship with PySide6 (``QLibraryInfo.TranslationsPath``).  The
    default locale becomes zh_CN too, so the calendar and number formats are Chinese.
    """
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed: list[QTranslator] = getattr(app, "_gongkai_translators", [])
    if installed:
        return [t.objectName() for t in installed]
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(resources_dir() / "translations")
    for name, folder in [(n, qt_folder) for n in QT_CATALOGUES] + [(SUPPLEMENT, ours)]:
        translator = QTranslator(app)
        translator.setObjectName(name)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    app._gongkai_translators = installed  # keep them alive as long as the application
    return [t.objectName() for t in installed]


def settle_heap() -> None:
    """One collection, then everything alive moves to the permanent generation (``gc.freeze``).

    Why: a full (generation 2) collection walks every tracked object — with the window,
    SQLAlchemy's mappers and the tabs about 160,000 — and stops every thread meanwhile: at
    1,000,000 requests that was a 110 ms freeze while typing in the register, whenever a
    search's row batches happened to trigger it.  What is alive once the main window is up
    lives as long as the process; frozen, it is never walked again (full collections then
    take a few ms).  Called once the main window is up (and by the benchmarks at that point).
    """
    gc.collect()
    gc.freeze()


class Opened(NamedTuple):
    """What the opening thread found: the database and what sign-in needs to know of it."""

    db: Database
    warning: str | None  # e.g. a SQLite file on a network share
    first_admin: bool  # no administrator yet: the first-start dialog, not sign-in
    audit: Any  # app.services.audit.VerifyResult of the start-up check, or None


def open_for_window(target: str) -> Opened:
    """The slow part of start-up, run off the UI thread: load the database layer, open and
    migrate (after a backup), and run the start-up audit check while the password is typed."""
    from app.db import open_database
    from app.services import users
    from ui.dialogs.audit_log import quick_verify

    db = open_database(target)
    try:
        first = users.needs_first_admin(db)
        return Opened(db, db.network_warning(), first, None if first else quick_verify(db))
    except BaseException:
        db.dispose()
        raise


def warm_imports() -> None:
    """Import the main window's modules while the user is still signing in (import only: no
    widget is made off the UI thread); the window and, later, each tab open without waiting
    for them.  Python's import lock makes the UI thread wait for a module this is importing."""
    import importlib

    from ui.tab_pages import FIRST, TAB_PAGES

    importlib.import_module("ui.main_window")
    for tab in sorted(TAB_PAGES, key=lambda t: t.attr != FIRST):  # the one the window opens on first
        importlib.import_module(tab.module)


def explain_open_failure(exc: BaseException, target: str, parent: QWidget | None) -> bool:
    """Tell the user in plain Chinese why the database cannot be opened; False for a bug."""
    if isinstance(exc, DatabaseError):
        QMessageBox.critical(parent, APP_TITLE, str(exc))
        return True
    msg = environment_message(exc)
    if msg is None:
        return False
    log.warning("cannot open database %s: %s", target, exc)
    QMessageBox.critical(parent, APP_TITLE, f"{msg}\n\n数据库：{target}")
    return True


def is_new_file(target: str) -> bool:
    """A SQLite path with no file yet in an existing folder: the first start, so the first-admin
    dialog comes first (a missing folder is an error about to be told, not a first start)."""
    path = Path(target)
    return "://" not in target and not path.exists() and path.parent.is_dir()


class StartUp(QObject):
    """Shows the sign-in (or first-admin) dialog at once and opens the database meanwhile."""

    _opened = Signal(object)  # emitted by the opening thread; delivered on the UI thread

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target
        self.result: Opened | None = None
        self.failed = False
        self.dialog = None
        self._thread: threading.Thread | None = None
        self._opened.connect(self._on_opened)

    def sign_in(self) -> UserInfo | None:
        """The user who signed in (or was created as the first administrator), or None."""
        from ui.dialogs.signin import FirstAdminDialog, SignInDialog

        first = is_new_file(self.target)
        while True:
            db = self.result.db if self.result is not None else None
            self.dialog = FirstAdminDialog(db) if first else SignInDialog(db)
            if self._thread is None:  # after the first paint: the dialog comes before the work
                QTimer.singleShot(0, self._start)
            code = self.dialog.exec()
            if code == SignInDialog.SWITCH_TO_FIRST_ADMIN:
                first = True
                continue
            user = self.dialog.user if code else None
            self.dialog = None
            return user

    def wait(self) -> None:
        """Let a migration started meanwhile finish before the process ends."""
        if self._thread is not None:
            self._thread.join()

    def _start(self) -> None:
        self._thread = threading.Thread(target=self._work, name="打开数据库", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            result: Opened | BaseException = open_for_window(self.target)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            result = exc
        self._opened.emit(result)
        if not isinstance(result, BaseException):
            try:
                warm_imports()
            except Exception:  # noqa: BLE001 - only a head start; the window imports them itself
                log.warning("warming the window's imports failed", exc_info=True)

    def _on_opened(self, result: Opened | BaseException) -> None:
        from ui.dialogs.signin import FirstAdminDialog, SignInDialog

        dialog = self.dialog
        if isinstance(result, BaseException):
            self.failed = True
            if not explain_open_failure(result, self.target, dialog):
                sys.excepthook(type(result), result, result.__traceback__)  # a bug: crash dialog + log
            if dialog is not None:
                dialog.reject()
            return
        self.result = result
        if result.warning:
            QMessageBox.warning(dialog, APP_TITLE, result.warning)
        if dialog is None:
            return
        if result.first_admin and not isinstance(dialog, FirstAdminDialog):
            dialog.done(SignInDialog.SWITCH_TO_FIRST_ADMIN)
            return
        dialog.database_ready(result.db)


def run_gui(db_arg: str | None) -> int:
    from ui.crash import ExceptionHandler

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    from ui import gc_guard

    gc_guard.install(app)  # cycles collected on this thread only: a worker must never delete a widget
    install_translations(app)
    log_path = setup_logging()
    ExceptionHandler(str(log_path)).install()
    start = StartUp(db_arg or str(default_database()))
    user = start.sign_in()
    if user is None:
        start.wait()
        return 1 if start.failed else 0
    opened = start.result
    assert opened is not None  # a user signs in only once the database is open
    if opened.audit is not None:
        from ui.dialogs.audit_log import startup_check

        startup_check(opened.db, result=opened.audit)
    from ui.main_window import MainWindow

    window = MainWindow(opened.db, user)
    window.show()
    QTimer.singleShot(0, settle_heap)  # after the first paint
    return app.exec()
