"""The 依申请公开 tab: counters, filters, search, the register table, intake, ledger in and out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.domain import taxonomy
from app.domain.vocab import APPLICANT_TYPES, CHANNELS, State
from app.services.actor import Actor
from app.services.requests import ledger, ledger_export, queries
from ui.forms import ask
from ui.operations import run_in_background
from ui.register.view import RegisterView
from ui.requests.intake_dialog import IntakeDialog
from ui.requests.register_model import COL_RECEIVED, RegisterModel
from ui.requests.request_dialog import RequestDialog
from ui.widgets import counts_changed

ALL = "全部"


class ProblemsDialog(QDialog):
    """Shows every ``第N行 列名: 问题`` of a refused ledger, copyable."""

    def __init__(self, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("台账未导入")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"文件中有{len(problems)}处问题，没有导入任何数据。请在Excel中改正后重新导入："))
        self.text = QPlainTextEdit("\n".join(problems))
        self.text.setReadOnly(True)
        lay.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, 420)


class RegisterPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._ops: list = []
        self.show_pdf = lambda dlg: dlg.exec()  # tests look at the preview instead
        lay = QVBoxLayout(self)

        counters = QHBoxLayout()
        self.counter_buttons: dict[str, QPushButton] = {}
        for key, text in (("due_today", "今日到期"), ("due_soon", "3个工作日内到期"), ("overdue", "已逾期"),
                          ("awaiting_correction", "补正待回"), ("consulting", "征求意见中")):
            b = QPushButton(text)
            b.setFlat(True)
            b.clicked.connect(lambda _=False, k=key: self.show_counter(k))
            counters.addWidget(b)
            self.counter_buttons[key] = b
        # 待签批 (heads): the count here, the queue itself on the 工作台
        self.signoff_button = QPushButton()
        self.signoff_button.setFlat(True)
        self.signoff_button.clicked.connect(self.show_signoff_queue)
        counters.addWidget(self.signoff_button)
        counters.addStretch()
        lay.addLayout(counters)

        filters = QHBoxLayout()
        self.state = self._filter_combo(filters, "状态", [s.value for s in State])
        self.year = self._filter_combo(filters, "年度", [])
        self.channel = self._filter_combo(filters, "申请方式", list(CHANNELS))
        self.applicant_type = self._filter_combo(filters, "申请人类型", list(APPLICANT_TYPES))
        filters.addStretch()
        lay.addLayout(filters)
        filters = QHBoxLayout()
        self.result = self._filter_combo(filters, "办理结果",
                                         taxonomy.CATEGORIES + [leaf.label for leaf in taxonomy.LEAVES if "/" in leaf.label])
        self.due_soon = QCheckBox("3个工作日内到期")
        self.overdue = QCheckBox("已逾期")
        for cb in (self.due_soon, self.overdue):
            cb.toggled.connect(self.apply_filter)
            filters.addWidget(cb)

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：编号、申请人（可用拼音首字母，如 zs）、证件号、电话、申请内容（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        filters.addWidget(self.search, 1)
        lay.addLayout(filters)
        tools = QHBoxLayout()
        for text, slot in (("新登记（Ctrl+N）", self.new_request), ("清除筛选", self.clear_filters),
                           ("导出当前列表…", self.export_view), ("导入台账…", self.import_ledger_dialog),
                           ("台账模板…", self.save_template), ("打印回执（Ctrl+P）", self.print_receipt),
                           ("批量文书…", self.batch_letters)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            tools.addWidget(b)
        tools.addStretch()
        lay.addLayout(tools)

        self.model = RegisterModel(db, self)
        self.view = RegisterView(self.model)
        self.view.empty_text = self._empty_text
        # The sort indicator is set before sorting is enabled and the first load uses the
        # same order, so Qt's sort calls while setting up find the list already loaded.
        self.view.horizontalHeader().setSortIndicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self.model.set_filter(self.current_filter(), "received_date", True)
        self.view.setSortingEnabled(True)
        self.view.record_activated.connect(self.open_request)
        self.view.enable_export("依申请公开列表", lambda: self.actor)  # 导出当前列表 (visible columns) in its menu
        self.model.results_changed.connect(self._update_footer)
        self.model.searching_changed.connect(lambda _on: self._update_footer())
        lay.addWidget(self.view, 1)
        self.footer = QLabel()
        lay.addWidget(self.footer)
        self.refresh_counts()
        self._fill_years()
        self._update_footer()
        # 申请内容 takes what is left: at the counter's 1200-pixel window about 14 characters (it had 4)
        for col, width in ((0, 150), (1, 110), (2, 110), (3, 80), (4, 70), (6, 80), (7, 150), (8, 110), (9, 110)):
            self.view.setColumnWidth(col, width)

    def _filter_combo(self, lay: QHBoxLayout, label: str, items: list[str]) -> QComboBox:
        lay.addWidget(QLabel(label))
        box = QComboBox()
        box.addItems([ALL, *items])
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        box.currentIndexChanged.connect(self.apply_filter)
        lay.addWidget(box)
        return box

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self._refresh_signoff_count()

    # -- filters ----------------------------------------------------------------
    def current_filter(self) -> queries.RegisterFilter:
        def val(box: QComboBox) -> str:
            return "" if box.currentText() == ALL else box.currentText()

        result = val(self.result)
        leaf = taxonomy.parse_label(result) if "/" in result else None
        return queries.RegisterFilter(
            state=val(self.state), year=int(val(self.year)[:4]) if val(self.year) else None,
            channel=val(self.channel), applicant_type=val(self.applicant_type),
            result_category=leaf.code if leaf else result, due_soon=self.due_soon.isChecked(),
            overdue=self.overdue.isChecked(), search=self.search.text())

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_footer()

    def _update_footer(self) -> None:
        n = self.model.rowCount()
        if self.model.busy:
            self.footer.setText(f"已找到{n}件，正在查找…" if self.model.search_text else f"正在读取……已显示{n}件")
        elif self.model.filter.due_today:
            self.footer.setText(f"今日到期：共{n}件")
        else:
            self.footer.setText(f"共{n}件")

    def _empty_text(self) -> str:
        if self.model.search_text:
            return f"没有找到包含“{self.model.search_text}”的申请。可用编号、申请人（或拼音首字母）、证件号、电话、申请内容搜索。"
        if self.model.filter != queries.RegisterFilter():
            return "没有符合筛选条件的申请（可点“清除筛选”）"
        return "还没有登记任何申请（点“新登记”或按 Ctrl+N）"

    def clear_filters(self) -> None:
        for box in (self.state, self.year, self.channel, self.applicant_type, self.result):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        for cb in (self.due_soon, self.overdue):
            cb.blockSignals(True)
            cb.setChecked(False)
            cb.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def show_counter(self, key: str) -> None:
        self.clear_filters()
        if key == "due_soon":
            self.due_soon.setChecked(True)
        elif key == "overdue":
            self.overdue.setChecked(True)
        elif key == "due_today":
            f = self.current_filter()
            self.model.set_filter(queries.RegisterFilter(**{**f.__dict__, "due_today": True}))
            self._update_footer()
        elif key == "awaiting_correction":
            self.state.setCurrentText(State.CORRECTION.value)
        elif key == "consulting":
            self.state.setCurrentText(State.CONSULTING.value)

    # The main window's Ctrl+N / Ctrl+P reach the current tab through these names.
    def new_record(self) -> None:
        self.new_request()

    def print_current(self) -> None:
        self.print_receipt()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _fill_years(self) -> None:
        years = [f"{y}年" for y in queries.years(self.db)]
        current = self.year.currentText()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItems([ALL, *years])
        self.year.setCurrentText(current if current in years else ALL)
        self.year.blockSignals(False)

    def refresh_counts(self) -> None:
        c = self.counts = queries.counts(self.db)
        for key, text in (("due_today", "今日到期"), ("due_soon", "3个工作日内到期"), ("overdue", "已逾期"),
                          ("awaiting_correction", "补正待回"), ("consulting", "征求意见中")):
            n = getattr(c, key)
            b = self.counter_buttons[key]
            b.setText(f"{text}：{n}")
            b.setStyleSheet("color: #b00020; font-weight: bold;" if n and key in ("overdue", "due_today") else "")
        self._refresh_signoff_count()

    def _refresh_signoff_count(self) -> None:
        from app.services import signoff

        heads = signoff.may_sign_any(self.actor)  # heads, and 监督检查人员 confirming 责任追究
        n = signoff.pending_count(self.db, self.actor) if heads else 0  # what the 工作台 lists for them
        self.signoff_button.setVisible(heads)
        self.signoff_button.setText(f"待签批：{n}")
        self.signoff_button.setStyleSheet("color: #8a5a00; font-weight: bold;" if n else "")

    def show_signoff_queue(self) -> None:
        window = self.window()
        home = getattr(window, "home", None)
        if home is not None:
            home.refresh()
            window.tabs.setCurrentWidget(home)

    def refresh(self) -> None:
        """After changes in bulk (import, batch letters): re-read list, years and counts."""
        self._fill_years()
        self.refresh_counts()
        self.model.set_filter(self.current_filter(), reload=True)
        self._update_footer()

    def record_saved(self, request_id: int, new: bool = False) -> None:
        """After one request was saved: that row and the counts, not the whole list."""
        if new:
            self.model.add_record(request_id)
            if self.year.findText(f"{self.db.today().year}年") < 0:
                self._fill_years()
        else:
            self.model.refresh_record(request_id)
        self.refresh_counts()
        self._update_footer()
        counts_changed(self)

    def overdue_count(self) -> int:
        """For the status bar: the count refresh_counts() read last (it runs after every change)."""
        return self.counts.overdue

    # -- actions ------------------------------------------------------------------
    def new_request(self) -> None:
        dlg = IntakeDialog(self.db, self.actor, self)
        dlg.exec()
        if dlg.saved_id is not None:
            self.record_saved(dlg.saved_id, new=True)
            self.select(dlg.saved_id)
        elif dlg.open_request_id is not None:
            self.open_request(dlg.open_request_id)

    def open_request(self, request_id: int) -> None:
        dlg = RequestDialog(self.db, self.actor, request_id, self)
        dlg.exec()
        if dlg.changed:
            self.record_saved(request_id)
            self.select(request_id)

    def _after_change(self) -> None:
        self.refresh()
        counts_changed(self)

    def select(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(i.row()) for i in self.view.selectionModel().selectedRows()]

    EXPORT_VIEW = "工作列表：台账各列加状态、答复期限、剩余/逾期工作日、承办人，证件号码隐去中间部分 (*.xlsx)"
    EXPORT_LEDGER = "台账：可重新导入本程序，证件号码完整保留（请妥善保管） (*.xlsx)"

    def export_view(self) -> None:
        """One dialog, two formats: the working list (masked IDs) or the ledger (round-trips, full IDs)."""
        from ui.files import ask_save_path, dated_path

        path, chosen = ask_save_path(self, "导出当前列表", dated_path("依申请公开列表", ".xlsx"),
                                                   f"{self.EXPORT_VIEW};;{self.EXPORT_LEDGER}")
        if path:
            self.export_to(Path(path), view=chosen != self.EXPORT_LEDGER)

    def export_to(self, path: Path, view: bool = False):  # noqa: ANN201
        ids = list(self.model.ids)
        op = run_in_background(self, lambda p: ledger_export.export_ledger(self.db, path, ids_=ids, progress=p, view=view),
                               title="正在导出台账",
                               on_success=lambda n: self.footer.setText(f"已导出{n}件到 {path}"))
        return op

    def save_template(self) -> None:
        from ui.files import ask_save_path, documents_folder

        path, _ = ask_save_path(self, "保存台账模板", str(documents_folder() / "依申请公开台账模板.xlsx"),
                                              "Excel 文件 (*.xlsx)")
        if path:
            ledger_export.write_template(Path(path))

    def import_ledger_dialog(self) -> None:
        from ui.files import documents_folder

        path, _ = QFileDialog.getOpenFileName(self, "导入台账", str(documents_folder()), "Excel 文件 (*.xlsx)")
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path, confirm=None):  # noqa: ANN001, ANN201
        """Validate in the background, show the preview, then import in the background."""
        confirm = confirm or self._confirm_import

        def checked(preview: ledger.LedgerPreview) -> None:
            if not confirm(preview):
                return
            self._ops.append(run_in_background(
                self, lambda p: ledger.import_ledger(self.db, self.actor, path, progress=p, preview=preview),
                title="正在导入台账", on_success=self._imported, on_failure=self._import_failed))

        op = run_in_background(self, lambda p: ledger.read_ledger(self.db, path, progress=p), title="正在检查台账",
                               on_success=checked, on_failure=self._import_failed)
        self._ops.append(op)
        return op

    def _confirm_import(self, preview: ledger.LedgerPreview) -> bool:
        text = ledger.summary(preview)
        if preview.warnings:
            text += "\n\n注意：" + "；".join(preview.warnings)
        return ask(self, "导入台账", f"{text}\n\n确定导入？", "导入", "取消")

    def _imported(self, count: int) -> None:
        self._after_change()
        self.footer.setText(f"已导入{count}件申请")

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ledger.LedgerError):
            self.last_problems = ProblemsDialog(exc.problems, self)
            self.last_problems.open()
            return
        from ui.crash import show_unexpected

        show_unexpected(exc)

    # -- letters ------------------------------------------------------------------
    def print_receipt(self) -> None:
        """Ctrl+P: issue (or reuse) the receipt of the selected request and show it for printing."""
        from app.services import letters
        from ui.letters import letter_printed, preview_print

        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, "打印回执", "请先在列表中选中一件申请")
            return
        rid = ids[0]
        # issuing takes a 文号 the first time: not cancellable halfway
        preview_print(self, "接收回执",
                      lambda _p: letter_printed(self.db, letters.issue(self.db, self.actor, rid, "receipt")),
                      cancellable=False, show=self.show_pdf)

    def batch_letters(self) -> None:
        from ui.batch_letters import BatchLettersDialog

        BatchLettersDialog(self.db, self.actor, self.selected_ids(), self).exec()
        self._after_change()
