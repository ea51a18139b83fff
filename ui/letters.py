"""Letters in the window: generate and preview (QtPdf), print (QPrinter), save as PDF, batch export.

``preview_print`` is the one way a tab shows something it prints: the typesetting runs off the UI
thread, a refusal is told in Chinese, and the result opens in ``PdfPreview``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import letters
from app.services.errors import ServiceError
from app.services.progress import Cancelled, ProgressSink
from ui.files import ask_save_path
from ui.forms import tell
from ui.operations import Operation


def load_pdf(data: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over bytes (the buffer must outlive the document)."""
    doc = QPdfDocument(parent)
    buf = QBuffer(parent)
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc, buf


BAND_ROWS = 256
"""Printer pixel rows drawn at a time.  PySide holds the GIL while QPainter draws, so drawing a
whole page at 1200 dpi (a 140-megapixel image, seconds of work) stalled the window for as long
even from a worker; a band of 256 rows takes a fraction of a second and the window runs between
bands.  (The page is still rendered in one call: QtPdf's clip-rectangle rendering drifts by about
a pixel per hundred rows, which would show on paper.)"""


def print_pdf(data: bytes, printer: QPrinter, progress: ProgressSink | None = None) -> int:
    """Render each page at printer resolution onto ``printer``; returns the page count (see print_pdfs)."""
    return print_pdfs([data], printer, progress)


def print_pdfs(documents: Iterable[bytes], printer: QPrinter, progress: ProgressSink | None = None) -> int:
    """Render every page of every document onto ``printer`` as ONE print run; returns the page count.

    Runs in a print worker (Qt lets a QPainter paint on a QPrinter off the GUI thread), drawing
    band by band (``BAND_ROWS``).  One painter session for the whole run: a QPrinter begun a
    second time from a worker corrupted the heap (the batch print crashed the test suite), and a
    print to a file kept only the last letter.  ``progress`` hears 正在打印第N页 and, on 取消, the
    print run is aborted rather than finished (a print to a file leaves no file).
    """
    def check() -> None:
        if progress is not None:
            try:
                progress.check()
            except Cancelled:
                printer.abort()
                raise

    painter = QPainter()
    started, printed = False, 0
    try:
        try:
            for data in documents:
                doc, buf = load_pdf(data)
                try:
                    pages = doc.pageCount()
                    if pages == 0:
                        raise ServiceError("文书文件无法读取，未打印")
                    if not started:
                        if not painter.begin(printer):
                            raise ServiceError("无法连接打印机")
                        started = True
                    for i in range(pages):
                        if progress is not None:
                            progress.report(i, pages, f"正在打印第{i + 1}页，共{pages}页")
                        check()
                        if printed:
                            printer.newPage()
                        _draw_page(painter, printer, doc, i, check)
                        printed += 1
                finally:
                    doc.close()
                    buf.close()
        finally:
            if started:
                painter.end()
    except Cancelled:
        # printing to a file (打印到文件/PDF) that was cancelled: no half-written file is left behind
        if printer.outputFileName():
            Path(printer.outputFileName()).unlink(missing_ok=True)
        raise
    return printed


def _draw_page(painter: QPainter, printer: QPrinter, doc: QPdfDocument, i: int, check: Callable[[], None]) -> None:
    page_pts = doc.pagePointSize(i)
    target = printer.pageRect(QPrinter.Unit.DevicePixel)
    scale = min(target.width() / page_pts.width(), target.height() / page_pts.height())
    width, height = int(page_pts.width() * scale), int(page_pts.height() * scale)
    image = doc.render(i, QSize(width, height))
    for top in range(0, height, BAND_ROWS):
        band = QRectF(0, top, width, min(BAND_ROWS, height - top))
        painter.drawImage(band, image, band)  # 1:1, so the bands meet without a seam
        check()


def _failure(parent: QWidget, what: str,
             on_refused: Callable[[ServiceError], None] | None = None) -> Callable[[BaseException], None]:
    """A refusal told in Chinese (or handed to ``on_refused``); anything else to the crash report."""
    def failed(exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            if on_refused is not None:
                on_refused(exc)
            else:
                tell(parent, what, str(exc), "warning")
            return
        from ui.crash import show_unexpected

        show_unexpected(exc)

    return failed


class PdfPreview(QDialog):
    """Shows a stored PDF; 打印 and 另存为 PDF act on the given bytes (a reprint is identical)."""

    def __init__(self, data: bytes, title: str, filename: str, parent: QWidget | None = None,
                 record: Any = None) -> None:
        super().__init__(parent)
        self.data, self.filename = data, filename
        self.record = record  # what was printed, when the caller needs it (an issued letter's IssuedInfo …)
        self.setWindowTitle(title)
        area = self.screen().availableGeometry()  # an A4 page is taller than many counter screens
        self.resize(min(760, area.width() - 40), min(980, area.height() - 60))
        lay = QVBoxLayout(self)
        self.doc, self._buf = load_pdf(self.data, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        lay.addWidget(self.view, 1)
        row = QHBoxLayout()
        for text, slot in (("打印…", self.print_letter), ("另存为 PDF…", self.save_as), ("关闭", self.accept)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        lay.addLayout(row)

    def print_letter(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.filename)
        dlg = QPrintDialog(printer, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Operation:
        """Send the pages to the chosen printer off the UI thread, with 正在打印第N页 and 取消."""
        data = self.data  # the worker holds the bytes, not the dialog
        op = Operation(self, lambda progress: print_pdf(data, printer, progress), title="正在打印",
                       on_failure=_failure(self, "打印"))
        self._printing = op  # referenced until it finishes
        return op.start()

    def save_as(self) -> None:
        path, _ = ask_save_path(self, "另存为 PDF", self.filename, "PDF 文件 (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.data)


@dataclass(frozen=True)
class Printed:
    """A typeset document with the preview's window title and the name 另存为 offers.

    A builder returns one when the title depends on what it made (a letter's 文号 is
    assigned as it is issued); ``record`` carries that record to the caller's hooks.
    """

    data: bytes
    title: str
    filename: str
    record: Any = None


def letter_printed(db: Database, info: letters.IssuedInfo) -> Printed:
    """An issued letter as stored (byte for byte), titled with its 文号 and version."""
    return Printed(letters.letter_pdf(db, info.id), f"{info.title} — {info.number}（第{info.version}版）",
                   info.filename, info)


# One document is typeset at a time: the engine's font registration and caches are shared,
# and a second print started while a month's register is being set waits its turn.
_BUILD_LOCK = threading.Lock()
_running: dict[int, Operation] = {}  # per window: a double click must not issue a letter twice


def _release(key: int, op: Operation) -> None:
    if _running.get(key) is op:
        del _running[key]


def _exec(dlg: PdfPreview) -> object:
    return dlg.exec()


def print_and_preview(dlg: PdfPreview) -> object:
    """出具并打印 (Ctrl+P): the print dialog straight away, then the preview stays for a second copy."""
    dlg.print_letter()
    return dlg.exec()


def preview_print(parent: QWidget, what: str, build: Callable[[ProgressSink], bytes | Printed], *,
                  title: str = "", filename: str = "", cancellable: bool = True,
                  show: Callable[[PdfPreview], object] | None = None,
                  on_built: Callable[[Printed], None] | None = None,
                  on_refused: Callable[[ServiceError], None] | None = None) -> Operation | None:
    """Typeset ``build`` off the UI thread, then show the PDF for printing; the one path every tab uses.

    Why: a print reads the database and sets pages (the first one also loads the fonts), which
    froze the window for as long.  ``build`` runs in a worker and gets the progress sink
    (``tables.render(doc, progress)`` reports 正在排版第N页，共M页 and stops on 取消); it must take
    plain data only — read the widgets before calling.  A progress dialog with 取消 appears when
    the work lasts; cancelled, nothing is shown.  A refusal (``ServiceError``, e.g. a character no
    font has, a missing right) is told in a message box titled ``what`` — or handed to
    ``on_refused`` (a form puts it under its fields); anything else takes the crash-report path.
    ``cancellable=False`` is for builders that write (issuing a letter): 取消 cannot undo them.
    On success ``on_built`` runs first (refresh a list, close a form), then ``show`` opens the
    preview (default ``exec``; ``print_and_preview`` for 出具并打印; tests look at the dialog
    instead).  Returns the operation, or None when this window is already printing.
    """
    key = id(parent)
    if key in _running:
        return None
    name = title or what

    def work(progress: ProgressSink) -> Printed:
        with _BUILD_LOCK:
            progress.check()
            made = build(progress)
        return made if isinstance(made, Printed) else Printed(made, name, filename or f"{name}.pdf")

    def built(printed: Printed) -> None:
        _release(key, op)  # the work is over: the window may print again from the preview on
        if op.progress.cancelled:
            return
        if on_built is not None:
            on_built(printed)
        (show or _exec)(PdfPreview(printed.data, printed.title, printed.filename, parent, printed.record))

    refusal = _failure(parent, what, on_refused)

    def failed(exc: BaseException) -> None:
        _release(key, op)
        refusal(exc)

    op = Operation(parent, work, title=f"正在生成{what}…", on_success=built, on_failure=failed)
    if not cancellable and op.dialog is not None:
        op.dialog.canceled.disconnect(op.progress.cancel)
        op.dialog.setCancelButton(None)
    _running[key] = op
    op.finished.connect(lambda: _release(key, op))
    op.destroyed.connect(lambda: _release(key, op))  # freed with a window closed mid-print
    return op.start()


def print_batch(parent: QWidget, db: Database, items: list[letters.IssuedInfo],
                on_done: Callable[[int], None]) -> Operation | None:
    """Print many letters with one print dialog, off the UI thread; 取消 stops between letters.

    ``on_done`` hears how many were sent (also after 取消); None when there was nothing to print.
    """
    if not items:
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return None
    ids = [(info.id, info.filename) for info in items]

    def work(progress: ProgressSink) -> int:
        done = [0]

        def documents():  # noqa: ANN202 - one letter at a time, read as the run reaches it
            for i, (letter_id, filename) in enumerate(ids):
                progress.report(i, len(ids), f"正在打印 {filename}")
                if progress.cancelled:
                    return
                yield letters.letter_pdf(db, letter_id)
                done[0] += 1

        printer.setDocName("批量打印文书")
        print_pdfs(documents(), printer)  # one print run: the letters in order, 取消 stops between letters
        return done[0]

    return Operation(parent, work, title="正在打印", on_success=on_done, on_failure=_failure(parent, "打印")).start()
