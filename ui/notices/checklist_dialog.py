"""The counter checklist: find a matter, tick what the person brought, print the 一次性告知书.

Keyboard only: type the matter (name or pinyin initials) and press Enter; in the
material list Space ticks 已提交, Ctrl+D marks 不符合要求 (asks why), Ctrl+U marks
不适用 (conditional materials only); Tab to the person's name and phone;
Ctrl+P issues and prints.  Everything still missing is listed live on the right,
with requirements, conditions, fee and promised time.

Other tabs open it pre-filled: ``ChecklistDialog(db, actor, person=…, contact=…,
matter="政府信息公开申请", request_id=…)`` (first-responder entries, a request's 补正).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.paths import data_dir
from app.services.actor import Actor
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import fee_text
from app.services.errors import ServiceError, ValidationError
from app.services.notices import issue
from app.services.notices.issue import BROUGHT, DEFECTIVE, MISSING, NOT_APPLICABLE, Mark
from ui.fit import start_size
from ui.forms import FieldForm
from ui.letters import PdfPreview, Printed, preview_print, print_and_preview

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


class ChecklistDialog(QDialog):
    """``notice_id`` is set once a notice was issued; ``complete`` when the materials were all there."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, person: str = "",
                 contact: str = "", matter: str | int | None = None, request_id: int | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.request_id = db, actor, request_id
        self.notice_id: int | None = None
        self.detail: catalogue.MatterDetail | None = None
        self.marks: dict[int, Mark] = {}
        self.ask_reason: Callable[[str], str | None] = self._ask_reason  # replaceable in tests
        self.show_pdf: Callable[[PdfPreview], object] = print_and_preview  # tests look at the preview instead
        self.setWindowTitle("一次性告知")
        start_size(self, 1180, 760)  # a 1366×768 counter screen keeps the buttons in view
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("办理事项（输入名称或拼音首字母，回车选择）："))
        self.search = QLineEdit()
        self.search.setPlaceholderText("如：小额贷款 或 xedk")
        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self._pick_current)
        self.search.installEventFilter(self)
        left.addWidget(self.search)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(150)
        self.matches.itemActivated.connect(lambda item: self.choose(item.data(ID_ROLE)))
        left.addWidget(self.matches)
        self.matter_label = QLabel("尚未选择事项")
        self.matter_label.setWordWrap(True)
        self.matter_label.setStyleSheet("font-weight: bold;")
        left.addWidget(self.matter_label)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["申请材料（空格：已提交）", "核对结果", "要求"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 300)
        self.table.setColumnWidth(1, 160)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the person's name, as a form does
        self.table.itemChanged.connect(self._item_changed)
        self.table.installEventFilter(self)
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, slot in (("已提交/未提交（空格）", self.toggle_brought),
                           ("不符合要求…（Ctrl+D）", self.mark_defective),
                           ("不适用（Ctrl+U）", self.toggle_not_applicable)):
            b = QPushButton(text)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        left.addLayout(buttons)
        self.form = FieldForm()
        self.applicant = self.form.add_field("applicant_name", "申请人（个人或单位）", QLineEdit(person))
        self.phone = self.form.add_field("contact_phone", "联系电话", QLineEdit(contact))
        self.clerk_phone = self.form.add_field("clerk_phone", f"经办人（{actor.full_name or actor.label}）电话",
                                               QLineEdit(str(_settings().value("notices/clerk_phone", "") or "")))
        self.remarks = self.form.add_field("remarks", "备注", QLineEdit())
        left.addLayout(self.form)
        top.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(QLabel("一次性告知内容（随勾选更新）："))
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right.addWidget(self.summary, 1)
        top.addLayout(right, 2)
        lay.addLayout(top, 1)
        self.errors = QLabel()
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        lay.addWidget(self.errors)
        row = QHBoxLayout()
        row.addStretch(1)
        self.issue_button = QPushButton("出具一次性告知书并打印（Ctrl+P）")
        self.issue_button.clicked.connect(self.issue)
        # Enter picks a matter in the search box; it must never issue a notice by accident
        self.issue_button.setAutoDefault(False)
        row.addWidget(self.issue_button)
        close = QPushButton("关闭")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row.addWidget(close)
        lay.addLayout(row)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.issue)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.mark_defective)
        QShortcut(QKeySequence("Ctrl+U"), self, activated=self.toggle_not_applicable)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        self._find("")
        if matter is not None:
            mid = matter if isinstance(matter, int) else catalogue.find_by_name(db, str(matter))
            if mid is not None:
                self.choose(mid)
        if self.detail is None:
            self.search.setFocus()

    # -- finding the matter ------------------------------------------------------------
    def _find(self, text: str) -> None:
        self.matches.clear()
        for m in catalogue.list_matters(self.db, search=text):
            item = QListWidgetItem(f"{m.name}（{m.category}，{m.department}，承诺{m.promised_days}个工作日）")
            item.setData(ID_ROLE, m.id)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _pick_current(self) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self.choose(item.data(ID_ROLE))

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802
        """Up/Down in the search box move through the matches; Space in the list ticks a material."""
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if obj is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                self.matches.setCurrentRow(max(0, min(self.matches.count() - 1, self.matches.currentRow() + step)))
                return True
            if obj is self.table and key == Qt.Key.Key_Space:
                self.toggle_brought()
                return True
        return super().eventFilter(obj, event)

    def choose(self, matter_id: int) -> None:
        try:
            self.detail = issue.checklist(self.db, matter_id)
        except ServiceError as exc:
            self.errors.setText(str(exc))
            return
        d = self.detail
        self.marks = {}
        self.matter_label.setText(f"{d.content.name}（事项清单第{d.version}版） · {d.content.category} · "
                                  f"承诺时限{d.content.promised_days}个工作日")
        if not self.clerk_phone.text().strip():
            self.clerk_phone.setText(d.content.enquiry_phone)
        self.table.blockSignals(True)
        self.table.setRowCount(len(d.material_ids))
        for row, (mid, x) in enumerate(zip(d.material_ids, d.content.materials, strict=True)):
            name = QTableWidgetItem(x.name + ("" if x.required else "（视情形）"))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)
            name.setData(ID_ROLE, mid)
            requirement = issue.requirement_text(x)
            name.setToolTip(requirement)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(MISSING))
            req = QTableWidgetItem(requirement)
            req.setToolTip(requirement)
            self.table.setItem(row, 2, req)
        self.table.blockSignals(False)
        self.table.setFocus()
        self.table.setCurrentCell(0, 0)
        self.errors.clear()
        self._refresh()

    # -- marking materials -----------------------------------------------------------------
    def _current(self) -> tuple[int, int] | None:
        row = self.table.currentRow()
        if self.detail is None or row < 0:
            return None
        return row, self.detail.material_ids[row]

    def set_mark(self, row: int, mark: Mark) -> None:
        assert self.detail is not None
        mid = self.detail.material_ids[row]
        if mark.status == MISSING:
            self.marks.pop(mid, None)
        else:
            self.marks[mid] = mark
        self.table.blockSignals(True)
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if mark.status == BROUGHT
                                              else Qt.CheckState.Unchecked)
        self.table.item(row, 1).setText(mark.status + (f"：{mark.reason}" if mark.reason else ""))
        self.table.blockSignals(False)
        self._refresh()

    def _status(self, mid: int) -> str:
        return self.marks.get(mid, Mark()).status

    def toggle_brought(self) -> None:
        cur = self._current()
        if cur is not None:
            row, mid = cur
            self.set_mark(row, Mark(MISSING if self._status(mid) == BROUGHT else BROUGHT))

    def _item_changed(self, item: QTableWidgetItem) -> None:
        """A mouse click on the check box."""
        if item.column() == 0 and self.detail is not None:
            brought = item.checkState() == Qt.CheckState.Checked
            self.set_mark(item.row(), Mark(BROUGHT if brought else MISSING))

    def mark_defective(self) -> None:
        cur = self._current()
        if cur is None:
            return
        row, mid = cur
        assert self.detail is not None
        reason = self.ask_reason(self.detail.content.materials[row].name)
        if reason is not None and reason.strip():
            self.set_mark(row, Mark(DEFECTIVE, reason.strip()))

    def _ask_reason(self, name: str) -> str | None:
        text, ok = QInputDialog.getText(self, "不符合要求", f"“{name}”哪里不符合要求？")
        return text if ok else None

    def toggle_not_applicable(self) -> None:
        cur = self._current()
        if cur is None:
            return
        row, mid = cur
        assert self.detail is not None
        if self.detail.content.materials[row].required:
            self.errors.setText(f"“{self.detail.content.materials[row].name}”是必需材料，不能标为不适用")
            return
        self.set_mark(row, Mark(MISSING if self._status(mid) == NOT_APPLICABLE else NOT_APPLICABLE))

    # -- what is still missing ------------------------------------------------------------------
    def items(self) -> list[issue.Item]:
        if self.detail is None:
            return []
        return issue.missing_items(list(zip(self.detail.material_ids, self.detail.content.materials, strict=True)),
                                   self.marks)

    def _refresh(self) -> None:
        d = self.detail
        if d is None:
            self.summary.clear()
            return
        items = self.items()
        m = d.content
        if not items:
            self.summary.setPlainText("材料已齐全，无需出具一次性告知书，可直接受理。")
            return
        lines = [f"尚需补齐或补正的材料（共{len(items)}项）："]
        for n, it in enumerate(items, start=1):
            lines.append(f"{n}. {it.name}：{it.problem}" + (f"（{it.reason}）" if it.reason else ""))
            lines.append(f"    要求：{it.requirement}")
        lines += ["", f"办理条件：{m.conditions}", f"收费：{fee_text(m)}",
                  f"承诺时限：{m.promised_days}个工作日（法定时限{m.statutory_days}个工作日）",
                  f"办理地点：{m.place}{m.service_window}", f"办理时间：{m.hours}",
                  f"咨询电话：{m.enquiry_phone}　监督投诉电话：{m.complaint_phone}"]
        self.summary.setPlainText("\n".join(lines))

    # -- issuing ------------------------------------------------------------------------------------
    def collect(self) -> issue.NoticeInput | None:
        if self.detail is None:
            return None
        return issue.NoticeInput(self.detail.id, self.applicant.text(), self.phone.text(), dict(self.marks),
                                 self.clerk_phone.text(), self.request_id, self.remarks.text())

    def issue(self) -> None:
        """Issue and print (Ctrl+P): the notice is typeset as it is issued, off the UI thread."""
        from ui.notices.prints import TITLE, notice_printed

        data = self.collect()
        if data is None:
            self.errors.setText("请先选择办理事项")
            self.search.setFocus()
            return

        def work(_progress: object) -> Printed:
            return notice_printed(self.db, issue.issue_notice(self.db, self.actor, data))

        def issued(printed: Printed) -> None:
            self.notice_id = printed.record
            s = _settings()
            s.setValue("notices/clerk_phone", data.clerk_phone)
            s.sync()
            self.accept()

        # issuing writes: 取消 could not undo it, so the progress dialog offers none
        preview_print(self, TITLE, work, cancellable=False, show=self.show_pdf, on_built=issued,
                      on_refused=self._refused)

    def _refused(self, exc: ServiceError) -> None:
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc)
            self.errors.setText(exc.fields.get("materials", "") or exc.fields.get("request", ""))
        else:
            self.errors.setText(str(exc))
