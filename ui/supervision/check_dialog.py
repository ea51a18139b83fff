"""The 季度督查记录 window: figures pre-filled, the checklist, problems and tasks, scans, print.

Everything it shows comes from ``checks.open_check`` (plain data); every button is
one service call (save, complete, add a task, print).  Until the record is saved
once there is nothing to attach tasks or scans to, so those pages say so.
A completed record is read-only; its tasks can still be worked and closed.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services import rectification as rect
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.supervision import checks, prints
from app.services.supervision import duties as du
from ui.forms import ERROR_STYLE, FieldForm, ask, tell
from ui.operations import Operation, run_in_background
from ui.supervision.figure_list import open_figure_list
from ui.supervision.record_dialog import RecordDialog
from ui.supervision.rows import Col, RowsModel, table
from ui.widgets import DateEdit

FIGURE_COLUMNS: list[Col[checks.FigureLine]] = [
    Col("类别", lambda f: f.figure.group),
    Col("项目", lambda f: f.figure.label),
    Col("数量", lambda f: str(f.shown)),
    Col("当前数", lambda f: str(f.figure.value), alert=lambda f: f.saved is not None and f.saved != f.figure.value),
    Col("统计口径", lambda f: f.figure.note),
]


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class CheckDialog(RecordDialog):
    source_kind, record_type, print_title = rect.SUPERVISION, checks.RECORD_TYPE, prints.CHECK_TITLE
    task_hint = "保存记录后即可把发现的问题列为整改任务。"
    add_task, record_pdf = checks.add_task, prints.check_pdf

    def __init__(self, db: Database, actor: Actor, duty: du.Duty, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, duty, parent)
        self._ops: list[Operation] = []
        self.figure_dialog = None
        self._running = 0  # saves or figure counts running off the UI thread
        self.form_data = checks.open_check(db, duty, live=False)
        self.setWindowTitle(f"季度督查记录 — {self.form_data.title}")
        self.resize(900, 680)
        self.pages = QTabWidget()
        self.pages.addTab(self._basics_page(), "基本情况和数据")
        self.pages.addTab(self._items_page(), "检查项目")
        self.pages.addTab(self._problems_page(), "发现的问题和整改")
        self.pages.addTab(self._attach_page(), "附件")
        self.general = _error_label()
        buttons = self._buttons("完成督查", "保存并登记本季度督查已完成（完成后记录不能再修改）")
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.general)
        lay.addLayout(buttons)
        self._loaded()
        self._count_figures()

    def record_id(self) -> int | None:
        return self.form_data.check_id

    # -- pages ------------------------------------------------------------------------------
    def _basics_page(self) -> QWidget:
        page = QWidget()
        self.fields = FieldForm()
        d = self.form_data.data
        self.check_date = DateEdit(d.check_date)
        self.fields.add_field("check_date", "督查日期：", self.check_date)
        self.checker = QLineEdit(d.checker)
        self.fields.add_field("checker", "督查人：", self.checker)
        self.participants = QLineEdit(d.participants)
        self.participants.setPlaceholderText("参加督查的人员，以顿号分隔")
        self.fields.add_field("participants", "参加人员：", self.participants)
        self.fields.addRow("被督查科室：", QLabel("、".join(self.duty.areas) or "—"))
        self.fields.addRow("督查期间：", QLabel(f"{cn_date(self.duty.start)}至{cn_date(self.duty.end)}"))
        self.figures_note = QLabel()
        self.figures_note.setWordWrap(True)
        self.figure_model: RowsModel[checks.FigureLine] = RowsModel(FIGURE_COLUMNS)
        self.figure_view = table(self.figure_model)
        self.figure_view.activated.connect(lambda index: self.open_figure(index.row()))
        lay = QVBoxLayout(page)
        lay.addLayout(self.fields)
        lay.addWidget(self.figures_note)
        lay.addWidget(self.figure_view, 1)
        return page

    def _items_page(self) -> QWidget:
        inner = QWidget()
        grid = QGridLayout(inner)
        for col, text in enumerate(("检查项目", "检查结果", "情况说明")):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        hints = {t.name: t.hint for t in checks.template(self.db)}
        self.item_rows: list[tuple[str, QComboBox, QLineEdit, QLabel]] = []
        for n, item in enumerate(self.form_data.data.items):
            name = QLabel(item.name)
            name.setToolTip(hints.get(item.name, ""))
            result = QComboBox()
            result.addItems(["", *checks.RESULTS])
            result.setCurrentText(item.result)
            note = QLineEdit(item.note)
            note.setPlaceholderText(hints.get(item.name, ""))
            err = _error_label()
            grid.addWidget(name, 2 * n + 1, 0)
            grid.addWidget(result, 2 * n + 1, 1)
            grid.addWidget(note, 2 * n + 1, 2)
            grid.addWidget(err, 2 * n + 2, 0, 1, 3)
            self.item_rows.append((item.name, result, note, err))
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(2 * len(self.item_rows) + 1, 1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    def _problems_page(self) -> QWidget:
        page = QWidget()
        self.problems = QPlainTextEdit(self.form_data.data.problems)
        self.problems.setPlaceholderText("督查中发现的问题，每条一段")
        self.problems.setTabChangesFocus(True)  # Tab moves on, as in every form (a clerk works by keyboard)
        self.problems_error = _error_label()
        self.tasks_box = QVBoxLayout()
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel("发现的问题："))
        lay.addWidget(self.problems, 1)
        lay.addWidget(self.problems_error)
        lay.addWidget(QLabel("整改任务："))
        lay.addLayout(self.tasks_box, 2)
        return page

    # -- state ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._running > 0

    def _loaded(self, clean: bool = True) -> None:
        """Show the record as ``self.form_data`` has it (after opening, every save, and when the figures arrive)."""
        f = self.form_data
        if f.figures:
            self.figure_model.set_rows(f.figures)
        if f.figures_on is None:
            self.figures_note.setText("以下数据由系统按被督查科室和本季度统计（尚未保存；保存时留存当日数据）。双击一行查看明细。")
        else:
            self.figures_note.setText(f"“数量”为{cn_date(f.figures_on)}保存时的数据，“当前数”为现在的统计（不同的标红）。"
                                      "双击一行查看明细。")
        done = self._show_state(f.state, f.completed_on)
        for w in (self.checker, self.participants, self.problems, *(n for _, _, n, _ in self.item_rows)):
            w.setReadOnly(done)  # still readable and copyable once completed
        for w in (self.check_date, *(r for _, r, _, _ in self.item_rows)):
            w.setEnabled(not done)
        self.save_button.setEnabled(not done and not self.busy)
        self.complete_button.setEnabled(not done and not self.busy)
        self.print_button.setEnabled(f.check_id is not None and not self.busy)
        self._show_parts(self.tasks_box, f.data.check_date)
        if clean:
            self.mark_clean()

    def data(self) -> checks.CheckInput:
        items = tuple(checks.ItemInput(name, r.currentText(), n.text()) for name, r, n, _ in self.item_rows)
        return checks.CheckInput(self.check_date.value(), self.checker.text(), self.participants.text(),
                                 self.problems.toPlainText(), items)

    def _clear_errors(self) -> None:
        for _, _, _, err in self.item_rows:
            err.hide()
        self.problems_error.hide()
        self.general.hide()
        self.fields.clear_errors()

    def _show_errors(self, exc: ValidationError) -> None:
        rows = {f"{kind}{n}": err for n, (_, _, _, err) in enumerate(self.item_rows) for kind in ("result", "note")}
        self._clear_errors()
        rest = {}
        for key, msg in exc.fields.items():
            label = rows.get(key) or (self.problems_error if key == "problems" else None)
            if label is not None:
                label.setText(msg)
                label.show()
            else:
                rest[key] = msg
        if rest:
            self.fields.show_errors(ValidationError(rest))
        outside = [m for k, m in rest.items() if k not in ("check_date", "checker", "participants")]
        self.general.setText("；".join(outside))
        self.general.setVisible(bool(outside))
        first = next(iter(exc.fields))
        self.pages.setCurrentIndex(1 if first in rows else 2 if first == "problems" else 0)

    def _background(self, fn, done, title: str) -> None:  # noqa: ANN001 - callables of the dialog
        """Run ``fn`` off the UI thread with the buttons held; ``done`` gets its result."""
        self._running += 1
        for b in (self.save_button, self.complete_button, self.print_button):
            b.setEnabled(False)

        def finished(result: object) -> None:
            self._running -= 1
            done(result)

        def failed(exc: BaseException) -> None:
            self._running -= 1
            self._loaded(clean=False)
            if isinstance(exc, ValidationError):
                self._show_errors(exc)
            elif isinstance(exc, ServiceError):
                tell(self, "季度督查记录", str(exc), "warning")
            else:
                from ui.crash import show_unexpected

                show_unexpected(exc)

        self._ops.append(run_in_background(self, lambda _p: fn(), title=title, on_success=finished,
                                           on_failure=failed, show_progress=False))

    def _count_figures(self) -> None:
        """The figures take up to a second on a large database: counted in the background."""
        self.figures_note.setText("正在统计本季度数据…")
        form = self.form_data

        def shown(lines: object) -> None:
            if self.form_data is form:  # not replaced by a save meanwhile (which brought its own figures)
                self.form_data = replace(form, figures=lines)  # type: ignore[arg-type]
            self._loaded(clean=False)

        self._background(lambda: checks.figure_lines(self.db, form), shown, "正在统计")

    def save(self, complete: bool) -> bool:
        """Save (or save and complete) in the background; False if refused before starting."""
        try:
            data = self.data()
            if complete:  # every problem shown before the question, not after a 完成
                checks.validate_input(data, self.duty, self.db.today(), completing=True)
        except ValidationError as exc:  # a date that is not one, or what completing needs
            self._show_errors(exc)
            return False
        if complete and not ask(self, "完成督查", "完成后督查记录不能再修改，并登记本季度督查已完成。确定完成吗？",
                                "完成", "取消"):
            return False
        self._clear_errors()
        self.status.setText(self.status.text() + "　正在保存…")

        def work() -> checks.CheckForm:
            checks.save_check(self.db, self.actor, self.duty, data, complete=complete)
            return checks.open_check(self.db, self.duty)

        def saved(form: object) -> None:
            self.form_data = form  # type: ignore[assignment]
            self._loaded()

        self._background(work, saved, "正在保存")
        return True

    # -- figures and print ----------------------------------------------------------------
    def open_figure(self, row: int) -> None:
        main = self.parentWidget().window() if self.parentWidget() is not None else None
        self._ops.append(open_figure_list(self, self.db, self.figure_model.row(row).figure, self.actor, main))
