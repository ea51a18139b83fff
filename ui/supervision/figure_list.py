"""The records behind one figure of a check, in a window of their own (issue 16: each figure opens its list).

The rows are read off the UI thread (a figure can stand for thousands of
requests on a large database) through app.services.supervision.figure_rows,
which uses each module's own fetch functions.  A double-click opens the record
through the 工作台's record openers (ui.home.RECORD_OPENERS: a request's window,
a 首问 entry or a complaint in its tab, a task in 整改任务) — one way to open a
record from anywhere, not a second one here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from app.services.supervision import figure_rows
from app.services.supervision import figures as fg
from ui.operations import Operation, run_in_background
from ui.supervision.rows import Col, RowsModel, table

# figure source → the record type of ui.home.RECORD_OPENERS (notices and matters have none there)
OPENER = {fg.REQUEST: "request", fg.CONTACT: "contact", fg.COMPLAINT: "complaint", fg.TASK: "rectification"}


class FigureListDialog(QDialog):
    def __init__(self, listing: figure_rows.Listing, parent: QWidget | None = None, *, db: Database | None = None,
                 actor: Actor | None = None, source: str = "", main: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("数据明细")
        self.listing, self.db, self.actor, self.source, self.main = listing, db, actor, source, main
        cols = [Col(h, lambda r, n=n: r[1][n]) for n, h in enumerate(listing.headers)]
        self.model: RowsModel[tuple[int, list[str]]] = RowsModel(cols)
        self.model.set_rows(listing.rows)
        lay = QVBoxLayout(self)
        title = QLabel(listing.title)
        title.setWordWrap(True)
        lay.addWidget(title)
        if not listing.rows:
            lay.addWidget(QLabel("没有符合条件的记录"))
        self.view = table(self.model)
        self.view.activated.connect(lambda index: self.open_row(index.row()))
        if source in OPENER:
            self.view.setToolTip("双击打开该记录")
        lay.addWidget(self.view, 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        self.resize(820, 480)

    def open_row(self, n: int) -> bool:
        """Open the record of row ``n`` where its tab has an opener; False when there is none."""
        from ui.home import RECORD_OPENERS

        opener = RECORD_OPENERS.get(OPENER.get(self.source, ""))
        if opener is None or self.db is None or self.actor is None:
            return False
        opener(self.main or self, self.db, self.actor, None, self.model.row(n)[0])
        return True


def open_figure_list(parent: QWidget, db: Database, figure: fg.Figure, actor: Actor | None = None,
                     main: QWidget | None = None) -> Operation:
    """Read the figure's records in the background, then show them (the caller keeps the operation);
    ``main`` is the main window whose tabs a double-clicked record opens in."""
    def shown(listing: figure_rows.Listing) -> None:
        dialog = FigureListDialog(listing, parent, db=db, actor=actor, source=figure.source, main=main)
        parent.figure_dialog = dialog  # type: ignore[attr-defined]  # tests and the next click find it
        dialog.show()

    return run_in_background(parent, lambda _p: figure_rows.rows_behind(db, figure), title="正在读取明细…",
                             on_success=shown)
