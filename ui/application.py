"""Start-up: Qt application, logging, crash handler, database, first admin, sign-in, window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_TITLE
from app.db import Database, DatabaseError, open_database
from app.errors import environment_message
from app.logging_setup import setup_logging
from app.paths import default_database
from app.services import users

log = logging.getLogger("gongkai")


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
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    log_path = setup_logging()
    ExceptionHandler(str(log_path)).install()
    db = open_or_explain(db_arg)
    if db is None:
        return 1
    from ui.dialogs.audit_log import startup_check

    startup_check(db)
    user = sign_in_flow(db)
    if user is None:
        return 0
    window = MainWindow(db, user)
    window.show()
    return app.exec()
