"""The records behind one figure of a check, in a window of their own (issue 16: each figure opens its list).

The rows are read off the UI thread (a figure can stand for thousands of
requests on a large database) through app.services.supervision.figure_rows,
which uses each module's own fetch functions.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db import Database
from app.services.supervision import figure_rows
from app.services.supervision import figures as fg
from ui.operations import Operation, run_in_background
from ui.supervision.rows import Col, RowsModel, table


class FigureListDialog(QDialog):
    def __init__(self, listing: figure_rows.Listing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("数据明细")
        self.listing = listing
        cols = [Col(h, lambda r, n=n: r[1][n]) for n, h in enumerate(listing.headers)]
        self.model: RowsModel[tuple[int, list[str]]] = RowsModel(cols)
        self.model.set_rows(listing.rows)
        lay = QVBoxLayout(self)
        title = QLabel(listing.title)
        title.setWordWrap(True)
        lay.addWidget(title)
        if not listing.rows:
            lay.addWidget(QLabel("没有符合条件的记录"))
        lay.addWidget(table(self.model), 1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        lay.addWidget(close)
        self.resize(820, 480)


def open_figure_list(parent: QWidget, db: Database, figure: fg.Figure) -> Operation:
    """Read the figure's records in the background, then show them (the caller keeps the operation)."""
    def shown(listing: figure_rows.Listing) -> None:
        dialog = FigureListDialog(listing, parent)
        parent.figure_dialog = dialog  # type: ignore[attr-defined]  # tests and the next click find it
        dialog.show()

    return run_in_background(parent, lambda _p: figure_rows.rows_behind(db, figure), title="正在读取明细…",
                             on_success=shown)
