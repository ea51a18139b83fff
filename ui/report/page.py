"""The 年度报告 tab: year chooser, the six sections, tables with drill-down, comparison and chart,
主动公开 figures, finalise / reissue and export.  Every action is one service call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.annual_report import cases, counting, output, report
from app.services.errors import ServiceError, ValidationError
from ui.files import ask_save_path
from ui.forms import FieldForm, ask, tell
from ui.operations import run_in_background
from ui.report.cases_dialog import HEADERS as CASE_HEADERS
from ui.report.cases_dialog import case_cells
from ui.report.chart import ReportCharts
from ui.report.drill import CaseListDialog, DrillDialog
from ui.report.figures_dialog import FiguresDialog
from ui.report.tables_view import TABLE4_HEADERS, Table2View, Table3View, Table4View
from ui.widgets import DateEdit

if TYPE_CHECKING:  # the PDF modules load with the first print, not with the tab
    from ui.letters import Printed

FORMATS = {"PDF（国家格式）": ("pdf", "PDF 文件 (*.pdf)"), "Word": ("docx", "Word 文档 (*.docx)"),
           "Excel（三张表）": ("xlsx", "Excel 工作簿 (*.xlsx)")}
RULES_HELP = ("统计口径：一、本年新收按收到申请日期计入（补正后仍按原收到日期）；二、上年结转为以前年度收到、1月1日仍未办结的申请；"
              "三、本年度办理结果为当年办结的申请，按办理结果分类，申请人撤回的计入“（六）其他处理 3．其他”；"
              "四、结转下年度为12月31日仍未办结的申请。每列都应满足：一＋二＝三（七）＋四。")


class ReportPage(QWidget):
    def __init__(self, db: Database, actor: Actor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.report: report.AnnualReport | None = None
        self.save_path = self._ask_save_path  # replaceable in tests: (title, filter) -> str
        self.show_pdf: Callable[[QWidget], object] = lambda dlg: dlg.exec()  # tests look at the preview instead
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度："))
        self.year = QSpinBox()
        today = db.today()
        self.year.setRange(report.FIRST_YEAR, today.year)
        self.year.setValue(today.year - 1 if today.month < 12 else today.year)
        self.year.valueChanged.connect(lambda _: self._year_changed())
        bar.addWidget(self.year)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("refresh", "重新统计", self.refresh), ("figures", "主动公开数据…", self.edit_figures),
                                ("save", "保存文字", self.save_texts), ("finalise", "定稿…", self.finalise),
                                ("export", "导出…", self.export)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
        bar.addStretch()
        lay.addLayout(bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self._build_text_tab()
        self.table2 = Table2View()
        self.tabs.addTab(self.table2, "表二 主动公开")
        t3 = QWidget()
        t3_lay = QVBoxLayout(t3)
        rules = QLabel(RULES_HELP)
        rules.setWordWrap(True)
        t3_lay.addWidget(rules)
        self.table3 = Table3View()
        self.table3.cell_chosen.connect(self.drill)
        t3_lay.addWidget(self.table3, 1)
        self.tabs.addTab(t3, "表三 申请情况")
        self.table4 = Table4View()
        self.table4.number_chosen.connect(self.drill_cases)
        self.tabs.addTab(self.table4, "表四 复议诉讼")
        self.charts = ReportCharts()
        self.tabs.addTab(self.charts, "对比图表")
        self.all_cases = QTableWidget(0, len(CASE_HEADERS))
        self.all_cases.setHorizontalHeaderLabels(CASE_HEADERS)
        self.all_cases.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.all_cases.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.all_cases.horizontalHeader().setStretchLastSection(True)
        self.all_cases.doubleClicked.connect(lambda _: self._open_case_request())
        self.tabs.addTab(self.all_cases, "复议诉讼案件")
        self.problems = QListWidget()
        self.problems.itemDoubleClicked.connect(self._open_problem)
        self.tabs.addTab(self.problems, "检查")
        self.versions = QTableWidget(0, 4)
        self.versions.setHorizontalHeaderLabels(["版本", "定稿", "PDF 校验值", "原因"])
        self.versions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.versions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.versions.horizontalHeader().setStretchLastSection(True)
        self.versions.doubleClicked.connect(lambda _: self.print_version())
        self.versions.setToolTip("双击打开所选版本的存档PDF，可打印或另存")
        self.tabs.addTab(self.versions, "已定稿版本")
        self.loaded_texts: tuple[str, str, str, str] = ("", "", "", "")
        self.loaded = False  # counted when first shown
        self._generation = 0  # the latest refresh asked for: only its count is shown

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if not self.loaded and self._generation == 0:  # the first show counts; 重新统计 counts again
            self.refresh()

    def _build_text_tab(self) -> None:
        page = QWidget()
        self.form = FieldForm(page)
        self.overview = self.form.add_field("overview", "一、总体情况", QPlainTextEdit())
        self.problems_text = self.form.add_field("problems", "五、存在的主要问题及改进情况", QPlainTextEdit())
        self.other = self.form.add_field("other", "六、其他需要报告的事项", QPlainTextEdit())
        self.fee_label = QLabel()
        self.form.addRow("信息处理费", self.fee_label)
        self.material_due = self.form.add_field("material_due", "各科室报送材料截止", DateEdit(None))
        self.form.addRow(self.form.general_label())
        self.tabs.addTab(page, "正文")

    # -- display ----------------------------------------------------------------------------
    def set_actor(self, actor: Actor) -> None:
        self.actor = actor

    def _texts(self) -> tuple[str, str, str, str]:
        return (self.overview.toPlainText(), self.problems_text.toPlainText(), self.other.toPlainText(),
                self.material_due.edit.text())

    def _year_changed(self) -> None:
        """Typed texts of the year left are saved first (never lost by turning the year)."""
        if self.report is not None and self._texts() != self.loaded_texts and not self.save_texts():
            self.year.blockSignals(True)
            self.year.setValue(self.report.year)
            self.year.blockSignals(False)
            return
        self.refresh()

    def refresh(self) -> None:
        """Count the year off the UI thread (every request of the year: 0.7 s at 1,000,000), then show it.

        The texts are read-only meanwhile, so nothing typed is overwritten by the count arriving;
        a refresh asked for while one runs (the year turned again) wins, the older result is dropped."""
        year = self.year.value()
        self._generation += 1
        generation = self._generation
        for edit in (self.overview, self.problems_text, self.other):
            edit.setReadOnly(True)
        self.status.setText(f"正在统计{year}年度的数据……")

        def counted(result: tuple[report.AnnualReport, list]) -> None:
            if generation == self._generation:
                self._show(*result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            for edit in (self.overview, self.problems_text, self.other):
                edit.setReadOnly(False)
            if isinstance(exc, ServiceError):
                self.status.setText(str(exc))
                return
            from ui.crash import show_unexpected

            show_unexpected(exc)

        self._op = run_in_background(self, lambda _p: (report.build(self.db, year, compare=True), cases.cases(self.db)),
                                     title="正在统计年度报告…", show_progress=False, on_success=counted,
                                     on_failure=failed)

    def _show(self, r: report.AnnualReport, case_items: list) -> None:
        self.report, self.loaded = r, True
        for edit in (self.overview, self.problems_text, self.other):
            edit.setReadOnly(False)
        self.overview.setPlainText(r.overview)
        self.problems_text.setPlainText(r.problems)
        self.other.setPlainText(r.other)
        self.fee_label.setText(r.fee_sentence() + "（来自登记的缴费记录，写入第六部分）")
        self.material_due.set_value(r.material_due)
        self.loaded_texts = self._texts()
        self.table2.show_report(r)
        self.table3.show_report(r)
        self.table4.show_report(r)
        self.charts.show_report(r)
        blocking = r.blocking()
        self.problems.clear()
        for text in blocking:
            self.problems.addItem(QListWidgetItem(text))
        for b in r.breaches:  # double-click opens the request
            self.problems.item(blocking.index(f"申请 {b.number}：{b.problem}")).setData(256, b.request_id)
        if not blocking:
            self.problems.addItem("没有发现问题：表三每列平衡，主动公开数据和第五部分都已填写。")
        head = f"{r.title}。"
        if r.empty:
            head += f"{r.year}年没有政府信息公开申请和复议、诉讼记录，各表数字均为0。"
        head += ("表三每列平衡。" if r.table3.adds_up else "表三不平衡，见“检查”页。")
        self._fill_versions()
        done = f"已定稿（第{max(v.version for v in self.version_items)}版），" if self.version_items else ""
        if blocking:
            head += f"{done}尚有{len(blocking)}项问题，不能{'重新发布' if done else '定稿'}（见“检查”页）。"
        else:
            head += f"{done}修改后可重新发布。" if done else "可以定稿。"
        self.status.setText(head)
        self.case_items = case_items
        self.all_cases.setRowCount(len(self.case_items))
        for i, c in enumerate(self.case_items):
            for col, text in enumerate(case_cells(c)):
                self.all_cases.setItem(i, col, QTableWidgetItem(text))
        self.all_cases.resizeColumnsToContents()

    def _fill_versions(self) -> None:
        self.version_items = report.versions(self.db, self.year.value())
        self.versions.setRowCount(len(self.version_items))
        for i, v in enumerate(self.version_items):
            when = cn_date(v.finalised_at.astimezone().date())
            for col, text in enumerate((f"第{v.version}版", f"{when} {v.finalised_by}", v.pdf_sha256, v.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole SHA-256 and reason, however narrow the column
                self.versions.setItem(i, col, item)
        self.versions.resizeColumnsToContents()  # 定稿 (date and who) was cut at a 1366×768 screen
        self.versions.setColumnWidth(2, min(self.versions.columnWidth(2), 260))

    # -- drill-down -------------------------------------------------------------------------
    def drill(self, row: str, col: int) -> None:
        if self.report is None or self.actor is None:
            return
        DrillDialog(self.db, self.actor, self.report.year, row, col, self.report.table3.rows[row][col], self).exec()

    def drill_cases(self, index: int) -> None:
        if self.report is None:
            return
        with self.db.session() as s:
            ids = counting.table4_cases(s, self.report.year, index)
        CaseListDialog(self.db, f"{self.report.year}年 表四 {TABLE4_HEADERS[index]}", ids, self).exec()

    def _open_case_request(self) -> None:
        row = self.all_cases.currentRow()
        if 0 <= row < len(self.case_items) and self.actor is not None:
            from ui.requests.request_dialog import RequestDialog

            RequestDialog(self.db, self.actor, self.case_items[row].request_id, self).exec()
            self.refresh()

    def _open_problem(self, item: QListWidgetItem) -> None:
        rid = item.data(256)
        if rid is not None and self.actor is not None:
            from ui.requests.request_dialog import RequestDialog

            RequestDialog(self.db, self.actor, int(rid), self).exec()
            self.refresh()

    # -- actions ----------------------------------------------------------------------------
    def edit_figures(self) -> None:
        if self.actor is not None and FiguresDialog(self.db, self.actor, self.year.value(), self).exec():
            self.refresh()

    def save_texts(self) -> bool:
        if self.actor is None:
            return False
        try:
            due = self.material_due.value()
            year = self.report.year if self.report is not None else self.year.value()
            report.save_draft(self.db, self.actor, year, self.overview.toPlainText(),
                              self.problems_text.toPlainText(), self.other.toPlainText(), due)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return False
        except ServiceError as exc:
            tell(self, "年度报告", str(exc), "warning")
            return False
        self.form.clear_errors()
        self.loaded_texts = self._texts()
        return True

    def finalise(self) -> None:
        """定稿 / 重新发布: first checked (off the UI thread) that it may be — a refusal comes before any
        question — then asked, then counted, rendered and archived, then the archived PDF for printing."""
        if self.actor is None or not self.save_texts():
            return
        year, actor = self.year.value(), self.actor

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, ServiceError):
                from ui.crash import show_unexpected

                show_unexpected(exc)
                return
            tell(self, "不能定稿", str(exc), "warning")
            self.refresh()

        self._op = run_in_background(self, lambda _p: report.ready_to_finalise(self.db, actor, year),
                                     title="正在检查年度报告…", show_progress=False,
                                     on_success=lambda _r: self._finalise_asked(year, actor, refused),
                                     on_failure=refused)

    def _finalise_asked(self, year: int, actor: Actor, refused: Callable[[BaseException], None]) -> None:
        reason = ""
        if report.versions(self.db, year):
            reason, ok = QInputDialog.getText(self, "重新发布", f"{year}年度报告已定稿。重新发布新版本的原因：")
            if not ok:
                return
        elif not ask(self, "定稿", f"将{year}年度报告定稿？定稿后的PDF、Word、Excel连同校验值存档，修改需重新发布。"):
            return
        from ui.letters import preview_print

        # archiving writes a version: 取消 could not undo it halfway, so none is offered
        preview_print(self, f"{year}年度报告", lambda _p: self._archived(report.finalise(self.db, actor, year, reason)),
                      cancellable=False, show=self.show_pdf, on_built=lambda _printed: self.refresh(),
                      on_refused=refused)

    def _archived(self, v: report.VersionInfo) -> Printed:
        """A finalised version's PDF as archived, refused when it no longer matches its 校验值 (runs in the worker)."""
        from ui.letters import Printed

        data, intact = report.archived_file(self.db, v.id, "pdf")
        if not intact:
            raise ServiceError("存档文件与定稿时的SHA-256校验值不符，可能已被改动。")
        return Printed(data, f"{v.year}年度报告 — {report.describe_version(v)}", f"{v.year}年度报告第{v.version}版.pdf", v)

    def export(self) -> None:
        if self.report is None:
            return
        choice, ok = QInputDialog.getItem(self, "导出年度报告", "格式：", list(FORMATS), 0, False)
        if not ok:
            return
        fmt, pattern = FORMATS[choice]
        path = self.save_path(f"导出{self.report.title}", str(Path.home() / f"{self.report.title}.{fmt}"), pattern)
        if not path:
            return
        if not self.save_texts():
            return
        year = self.year.value()

        def work(progress) -> None:  # noqa: ANN001 - counted and typeset off the UI thread (0.7 s+ at 1M)
            data = getattr(output, fmt)(report.build(self.db, year))
            progress.check()  # 取消 pressed meanwhile: nothing written
            Path(path).write_bytes(data)

        def failed(exc: BaseException) -> None:
            from app.errors import environment_message

            message = str(exc) if isinstance(exc, ServiceError) else environment_message(exc)
            if message is None:
                from ui.crash import show_unexpected

                show_unexpected(exc)
                return
            tell(self, "导出失败", message, "warning")

        self._op = run_in_background(self, work, title="正在导出年度报告…",
                                     on_success=lambda _r: tell(self, "已导出", f"已保存：{path}"), on_failure=failed)

    def print_version(self) -> None:
        """A finalised version (double-click): its archived PDF, checked, in the preview to print or save."""
        row = self.versions.currentRow()
        if not 0 <= row < len(self.version_items):
            return
        from ui.letters import preview_print

        v = self.version_items[row]
        preview_print(self, f"{v.year}年度报告第{v.version}版", lambda _p: self._archived(v), show=self.show_pdf)

    def _ask_save_path(self, title: str, suggested: str, pattern: str) -> str:
        path, _ = ask_save_path(self, title, suggested, pattern)
        return path
