import datetime as dt

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from app.letters import kinds
from app.services import letters
from app.services.requests import intake
from tests.app.conftest_requests import make_input
from ui.batch_letters import BatchLettersDialog
from ui.dialogs.templates import TemplatesDialog
from ui.letters import letter_printed, print_pdf
from ui.requests.request_dialog import RequestDialog


def test_generate_preview_and_save(qtbot, office, clerk, tmp_path):
    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    dlg = RequestDialog(office, clerk, rid)
    qtbot.addWidget(dlg)
    tab = dlg.letters
    titles = [tab.kind.itemText(i) for i in range(tab.kind.count())]
    assert titles == ["政府信息公开申请接收回执"]  # only what the state allows
    shown = []
    tab.open_preview = lambda preview: shown.append(preview)
    assert tab.generate() is not None
    qtbot.waitUntil(lambda: bool(shown))  # issued and typeset off the UI thread
    preview = shown[0]
    qtbot.addWidget(preview)
    info = preview.record
    assert tab.table.rowCount() == 1 and info.title == "政府信息公开申请接收回执"
    assert preview.doc.pageCount() == 1
    out = tmp_path / "saved.pdf"
    preview.save_to(out)
    assert out.read_bytes() == letters.letter_pdf(office, info.id)
    kinds_on_timeline = [dlg.timeline.item(i, 2).text() for i in range(dlg.timeline.rowCount())]
    assert "出具文书" in kinds_on_timeline


def test_print_to_pdf_printer(qtbot, office, clerk, tmp_path):
    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    info = letters.issue(office, clerk, rid, "receipt")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QSizeF(210, 297), QPageSize.Unit.Millimeter))
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(letters.letter_pdf(office, info.id), printer) == 1
    assert out.stat().st_size > 1000


def test_templates_dialog(qtbot, office, admin):
    dlg = TemplatesDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    dlg.list.setCurrentRow([k.code for k in kinds.KINDS].index("reply_withhold"))
    dlg.editor.setPlainText(dlg.editor.toPlainText().replace("{救济条款}", ""))
    dlg.save()
    assert "救济条款" in dlg.message.text() and "未保存" in dlg.message.text()
    dlg.editor.setPlainText(dlg.editor.toPlainText() + "\n{救济条款}\n联系人：窗口")
    dlg.save()
    assert dlg.message.text().startswith("已保存")
    dlg.reset()
    assert dlg.editor.toPlainText() == kinds.BY_CODE["reply_withhold"].body


def test_batch_export_selected(qtbot, office, clerk, tmp_path):
    ids = [intake.register(office, clerk, make_input(content=f"信息{i}", applicant_name=f"申请人{i}",
                                                     id_number=f"E{i}", id_type="护照"), today=dt.date(2025, 3, 3))
           for i in range(3)]
    dlg = BatchLettersDialog(office, clerk, ids)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("receipt"))
    dlg.export_to(tmp_path / "out")
    qtbot.waitUntil(lambda: "已导出3份" in dlg.status.text(), timeout=20000)
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 3


def test_preview_dialog_title(qtbot, office, clerk):
    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    info = letters.issue(office, clerk, rid, "receipt")
    p = letter_printed(office, info)
    assert p.title == f"政府信息公开申请接收回执 — {info.number}（第1版）" and p.filename == info.filename
    assert p.data == letters.letter_pdf(office, info.id) and p.record == info


def test_record_delivery_and_reissue_in_the_letters_tab(qtbot, office, clerk):
    from app.services.requests import actions, queries

    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    actions.issue_correction(office, clerk, rid, "请写明文件名称", dt.date(2025, 3, 19), issued=dt.date(2025, 3, 5),
                             today=dt.date(2025, 3, 5))
    info = letters.issue(office, clerk, rid, "correction")
    dlg = RequestDialog(office, clerk, rid)
    qtbot.addWidget(dlg)
    tab = dlg.letters
    row = [i.id for i in tab.issued].index(info.id)
    assert tab.table.item(row, 3).text().startswith("未登记（期限预计至")
    tab.table.selectRow(row)

    def accept(delivery_dialog):
        delivery_dialog.day.set_value(dt.date(2025, 3, 7))
        delivery_dialog.method.setCurrentText("邮寄送达")
        return True

    tab.open_delivery = accept
    tab.record_delivery()
    d = queries.detail(office, rid)
    assert d.correction_delivered == dt.date(2025, 3, 7) and d.correction_delivery_method == "邮寄送达"
    qtbot.waitUntil(lambda: tab.table.item(row, 3).text().startswith("2025年3月7日送达"))
    shown = []
    tab.open_preview = lambda preview: shown.append(preview)
    tab.table.selectRow(row)
    assert tab.reissue_selected() is not None
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.addWidget(shown[0])
    new = shown[0].record
    assert new.number != info.number and new.id in [i.id for i in tab.issued]  # the list was refreshed first
    tab.table.selectRow(0)
    tab.open_selected()  # the stored letter, byte for byte
    qtbot.waitUntil(lambda: len(shown) == 2)
    qtbot.addWidget(shown[1])
    assert shown[1].data == letters.letter_pdf(office, tab.issued[0].id)


def test_number_pattern_setting_in_the_templates_dialog(qtbot, office, admin, clerk):
    dlg = TemplatesDialog(office, admin.actor())
    qtbot.addWidget(dlg)
    dlg.list.setCurrentRow([k.code for k in kinds.KINDS].index("receipt"))
    assert dlg.pattern.text() == "{文号代字}收〔{年}〕{序号}号"
    dlg.pattern.setText("{文号代字}回执")
    dlg.save_pattern()
    assert "未保存" in dlg.message.text() and "{年}" in dlg.message.text()
    dlg.pattern.setText("{文号代字}受〔{年}〕{序号:3}号")
    dlg.save_pattern()
    assert dlg.message.text().startswith("文号格式已保存")
    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    assert letters.issue(office, clerk, rid, "receipt").number == "X财公开受〔2025〕001号"


def _pdf_printer(out):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QSizeF(210, 297), QPageSize.Unit.Millimeter))
    printer.setOutputFileName(str(out))
    return printer


def test_printing_runs_off_the_ui_thread(qtbot, office, clerk, tmp_path, monkeypatch):
    import threading

    import ui.letters
    from ui.letters import PdfPreview

    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    p = letter_printed(office, letters.issue(office, clerk, rid, "receipt"))
    preview = PdfPreview(p.data, p.title, p.filename)
    qtbot.addWidget(preview)
    threads, real = [], ui.letters.print_pdf

    def spy(data, printer, progress=None):
        threads.append(threading.current_thread())
        return real(data, printer, progress)

    monkeypatch.setattr(ui.letters, "print_pdf", spy)
    out = tmp_path / "printed.pdf"
    op = preview.print_to(_pdf_printer(out))
    with qtbot.waitSignal(op.finished, timeout=20000):
        pass
    assert threads[0] is not threading.main_thread() and out.stat().st_size > 1000


def test_cancel_aborts_the_print_run(qtbot, office, clerk, tmp_path):
    from app.services.progress import Cancelled

    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    data = letters.letter_pdf(office, letters.issue(office, clerk, rid, "receipt").id)
    heard = []

    class Stop:
        def report(self, done, total, text=""):
            heard.append(text)

        def check(self):
            raise Cancelled()

    aborted = []

    class Printer(QPrinter):
        def abort(self) -> bool:
            aborted.append(True)
            return super().abort()

    printer = Printer(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "x.pdf"))
    with pytest.raises(Cancelled):
        print_pdf(data, printer, Stop())
    assert heard == ["正在打印第1页，共1页"] and aborted == [True]  # the run is aborted, not finished
    assert not (tmp_path / "x.pdf").exists()  # and a print to a file leaves no half-written file


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_that_cannot_be_reached_is_told_in_chinese(qtbot, office, clerk, monkeypatch):
    from app.services.errors import ServiceError

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName("/nonexistent-folder/x.pdf")
    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    data = letters.letter_pdf(office, letters.issue(office, clerk, rid, "receipt").id)
    with pytest.raises(ServiceError, match="无法连接打印机"):
        print_pdf(data, printer)


_KEPT: list = []  # see test_batch_print_off_the_ui_thread


def test_batch_print_off_the_ui_thread(qtbot, office, clerk, tmp_path, monkeypatch):
    import ui.letters

    ids = [intake.register(office, clerk, make_input(content=f"信息{i}", applicant_name=f"申请人{i}",
                                                     id_number=f"E{i}", id_type="护照"), today=dt.date(2025, 3, 3))
           for i in range(2)]
    items = [letters.issue(office, clerk, rid, "receipt") for rid in ids]
    out = tmp_path / "batch.pdf"

    class ChosenPrinter:  # the print dialog, answered: a PDF file instead of paper
        def __init__(self, printer, _parent):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(96)  # a test need not rasterise at 1200 dpi

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ui.letters, "QPrintDialog", ChosenPrinter)
    dlg = BatchLettersDialog(office, clerk, ids)
    # Not handed to qtbot: freeing this dialog (the operation's parent) right after a worker's print run crashed
    # the suite ("shared QObject was deleted directly") — an open problem, see the session 8 note; kept alive here.
    _KEPT.append(dlg)
    sent = []
    op = ui.letters.print_batch(dlg, office, items, sent.append)
    qtbot.waitUntil(lambda: bool(sent), timeout=20000)
    assert sent == [2] and op is not None
    doc, _buf = ui.letters.load_pdf(out.read_bytes())
    assert doc.pageCount() == 2  # one print run holding both letters (a run per letter kept only the last)


def test_a_page_is_drawn_in_bands_that_tile_it_one_to_one(qtbot, office, clerk, tmp_path, monkeypatch):
    """Bands let the window run between them (PySide holds the GIL while QPainter draws); on paper they
    must tile the page exactly once, each copied 1:1 from the page image, so no seam or gap can show."""
    import ui.letters

    rid = intake.register(office, clerk, make_input(), today=dt.date(2025, 3, 3))
    data = letters.letter_pdf(office, letters.issue(office, clerk, rid, "receipt").id)
    drawn = []

    class Recording(QPainter):
        def drawImage(self, target, image, source):  # noqa: N802 - Qt's name
            drawn.append((target, source, image.size()))
            return super().drawImage(target, image, source)

    monkeypatch.setattr(ui.letters, "QPainter", Recording)
    monkeypatch.setattr(ui.letters, "BAND_ROWS", 37)
    printer = _pdf_printer(tmp_path / "bands.pdf")
    printer.setResolution(150)
    assert print_pdf(data, printer) == 1
    size = drawn[0][2]
    assert len(drawn) == -(-size.height() // 37) > 1
    top = 0
    for target, source, _ in drawn:
        assert target == source and target.left() == 0 and target.width() == size.width() and target.top() == top
        top += target.height()
    assert top == size.height()
