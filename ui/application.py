"""Start-up: Qt application, logging, crash handler, database, first admin, sign-in, window."""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_TITLE
from app.db import Database, DatabaseError, open_database
from app.errors import environment_message
from app.logging_setup import setup_logging
from app.paths import default_database, resources_dir
from app.services import users

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


def open_or_explain(db_arg: str | None) -> Database | None:
    """Open and migrate the database, or tell the user in plain Chinese why not."""
    target = db_arg or str(default_database())
    try:
        db = open_database(target)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return None
    except Exception as exc:
        msg = environment_message(exc)
        if msg is None:
            raise
        log.warning("cannot open database %s: %s", target, exc)
        QMessageBox.critical(None, APP_TITLE, f"{msg}\n\n数据库：{target}")
        return None
    warning = db.network_warning()
    if warning:
        QMessageBox.warning(None, APP_TITLE, warning)
    return db


def sign_in_flow(db: Database) -> users.UserInfo | None:
    from ui.dialogs.signin import FirstAdminDialog, SignInDialog

    if users.needs_first_admin(db):
        first = FirstAdminDialog(db)
        if not first.exec() or first.user is None:
            return None
        return first.user
    dlg = SignInDialog(db)
    if not dlg.exec():
        return None
    return dlg.user


def run_gui(db_arg: str | None) -> int:
    from ui.crash import ExceptionHandler

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    from ui import gc_guard

    gc_guard.install(app)  # cycles collected on this thread only: a worker must never delete a widget
    install_translations(app)
    log_path = setup_logging()
    ExceptionHandler(str(log_path)).install()
    db = open_or_explain(db_arg)
    if db is None:
        return 1
    import threading

    from ui.dialogs.audit_log import quick_verify, startup_check

    # The start-up audit check (and the ORM's first-use set-up it triggers) runs while the sign-in
    # dialog waits for the password, not before it appears; its warning, if any, follows sign-in.
    checked: list = []
    checking = threading.Thread(target=lambda: checked.append(quick_verify(db)), name="启动检查", daemon=True)
    checking.start()
    user = sign_in_flow(db)
    if user is None:
        return 0
    checking.join()
    if checked[0] is not None:
        startup_check(db, result=checked[0])
    # after sign-in: the dialog appears without the tabs' imports
    from ui.main_window import MainWindow

    window = MainWindow(db, user)
    window.show()
    QTimer.singleShot(0, settle_heap)  # after the first paint
    return app.exec()
