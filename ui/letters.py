"""Letters in the window: generate and preview (QtPdf), print (QPrinter), save as PDF, batch export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import letters


def load_pdf(data: bytes, parent: QWidget | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over bytes (the buffer must outlive the document)."""
    doc = QPdfDocument(parent)
    buf = QBuffer(parent)
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    return doc, buf


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Render each page at printer resolution onto ``printer``; returns the page count."""
    doc, buf = load_pdf(data)
    pages = doc.pageCount()
    if pages == 0:
        raise OSError("文书文件无法读取，未打印")
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法连接打印机")
    try:
        for i in range(pages):
            if i:
                printer.newPage()
            page_pts = doc.pagePointSize(i)
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            scale = min(target.width() / page_pts.width(), target.height() / page_pts.height())
            size = QSize(int(page_pts.width() * scale), int(page_pts.height() * scale))
            image = doc.render(i, size)
            painter.drawImage(QRectF(QPointF(0, 0), size.toSizeF()), image)
    finally:
        painter.end()
        doc.close()
        buf.close()
    return pages


class PdfPreview(QDialog):
    """Shows a stored PDF; 打印 and 另存为 PDF act on the given bytes (a reprint is identical)."""

    def __init__(self, data: bytes, title: str, filename: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data, self.filename = data, filename
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
            try:
                print_pdf(self.data, printer)
            except OSError as exc:
                QMessageBox.warning(self, "打印", str(exc))

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", self.filename, "PDF 文件 (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.data)


class LetterPreview(PdfPreview):
    """An issued letter (the stored version, byte for byte)."""

    def __init__(self, db: Database, info: letters.IssuedInfo, parent: QWidget | None = None) -> None:
        super().__init__(letters.letter_pdf(db, info.id), f"{info.title} — {info.number}（第{info.version}版）",
                         info.filename, parent)
        self.db, self.info = db, info


def print_batch(parent: QWidget, db: Database, items: list[letters.IssuedInfo]) -> int:
    """Print many letters with one print dialog; a progress bar with 取消 between letters."""
    if not items:
        return 0
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return 0
    progress = QProgressDialog("正在打印", "取消", 0, len(items), parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    done = 0
    for i, info in enumerate(items):
        if progress.wasCanceled():
            break
        progress.setLabelText(f"正在打印 {info.filename}")
        progress.setValue(i)
        QApplication.processEvents()
        printer.setDocName(info.filename)
        print_pdf(letters.letter_pdf(db, info.id), printer)
        done += 1
    progress.setValue(len(items))
    return done
