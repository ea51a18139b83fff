"""一次性告知书 as printed: the stored PDF (byte for byte) with its number in the title and file name.

One builder for the three places that show a notice — the counter checklist right after issuing,
the register's 打印 (Ctrl+P) and the notice's own 重印 — all through ``ui.letters.preview_print``.
"""

from __future__ import annotations

from app.db import Database
from app.services.notices import issue, register
from ui.letters import Printed

TITLE = "一次性告知书"


def notice_printed(db: Database, notice_id: int) -> Printed:
    """Reads the database only (runs in the print worker); ``record`` is the notice's id."""
    number = register.fetch_rows(db, [notice_id])[notice_id].number
    return Printed(issue.notice_pdf(db, notice_id), f"{TITLE} — {number}", f"{number}-{TITLE}.pdf", notice_id)
