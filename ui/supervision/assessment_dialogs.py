"""The 百分制考核 dialogs: scores of one 科室 (自评分 or 考核分), the year's items, the result notice.

Each dialog calls one service function on 保存; a refusal keeps everything typed and
shows the messages under the fields (or above the buttons for the whole template).
The figures beside the items are read in the background (they count over the
registers) and filled in when ready.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services.actor import Actor
from app.services.errors import ServiceError, ValidationError
from app.services.supervision import assessment as asm
from app.services.supervision import assessment_figures as af
from app.services.supervision import assessment_notices as notices
from ui.forms import ERROR_STYLE, FieldForm, ok_cancel_buttons, tell
from ui.guard import GuardedDialog
from ui.widgets import DateEdit

HINT_STYLE = "color: #555555;"


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(HINT_STYLE)
    label.setWordWrap(True)
    # never squeezed below its wrapped height when error lines appear in the scrolled form
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setVisible(bool(text))
    return label


class ScoreDialog(GuardedDialog):
    """One 科室's scores for every item, each with its reason; the rule and the app's figures beside."""

    def __init__(self, db: Database, actor: Actor, year: int, items: list[asm.ItemRow], unit: asm.UnitResult,
                 self_assessment: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.year, self.items, self.unit = db, actor, year, items, unit
        self.self_assessment = self_assessment
        self.what = "自评分" if self_assessment else "考核分"
        self.setWindowTitle(f"{unit.department} {year}年度{self.what}")
        self.form = FieldForm()
        self.scores: dict[int, QLineEdit] = {}
        self.reasons: dict[int, QLineEdit] = {}
        self.figure_labels: dict[int, QLabel] = {}
        self.figures_loaded = False
        for i in items:
            sc = unit.scores[i.ordinal]
            mine, mine_reason = (sc.self_tenths, sc.self_reason) if self_assessment else (sc.tenths, sc.reason)
            other, other_reason = (sc.tenths, sc.reason) if self_assessment else (sc.self_tenths, sc.self_reason)
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            line = QHBoxLayout()
            edit = QLineEdit(asm.points(mine))
            edit.setMaximumWidth(80)
            edit.setPlaceholderText(f"0–{i.weight}")
            line.addWidget(edit)
            line.addWidget(QLabel(f"满分{i.weight}分"))
            if other is not None:
                line.addWidget(_hint(f"{'考核分' if self_assessment else '自评分'}：{asm.points(other)}"
                                     + (f"（{other_reason}）" if other_reason else "")), 1)
            else:
                line.addStretch(1)
            col.addLayout(line)
            col.addWidget(_hint(f"评分标准：{i.rule}" if i.rule else ""))
            figs = _hint("相关数据：读取中……" if i.figure_key in af.ITEM_FIGURES else "")
            col.addWidget(figs)
            self.scores[i.ordinal], self.figure_labels[i.ordinal] = edit, figs
            box.setFocusProxy(edit)  # a wrong score puts the cursor in its box
            self.form.add_field(f"score{i.ordinal}", f"{i.ordinal}. {i.name}：", box)
            reason = QLineEdit(mine_reason)
            reason.setPlaceholderText("未得满分的，写明扣分理由")
            self.reasons[i.ordinal] = reason
            self.form.add_field(f"reason{i.ordinal}", "　　理由：", reason)
        inner = QWidget()
        inner.setLayout(self.form)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("分数最多一位小数；留空表示该项尚未评分。"))
        lay.addWidget(scroll, 1)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))
        self.resize(760, 640)
        self.mark_clean()  # Esc or 取消 asks before throwing away typed scores
        self._load_figures()

    def _load_figures(self) -> None:
        from ui.operations import run_in_background

        db, year, dept = self.db, self.year, self.unit.department_id
        self._op = run_in_background(self, lambda _p: af.item_figures(db, year, dept), title="读取相关数据",
                                     on_success=self._show_figures, on_failure=self._figures_failed,
                                     show_progress=False)

    def _show_figures(self, lines: dict[str, list[af.FigureLine]]) -> None:
        for i in self.items:
            got = lines.get(i.figure_key)
            label = self.figure_labels[i.ordinal]
            label.setText(f"相关数据（{self.year}年）：{af.text(got)}" if got else "")
            label.setVisible(bool(got))
        self.figures_loaded = True

    def _figures_failed(self, _exc: BaseException) -> None:
        for label in self.figure_labels.values():
            if label.text():
                label.setText("相关数据暂时无法读取")
        self.figures_loaded = True

    def save(self) -> None:
        entries = [asm.ScoreInput(o, self.scores[o].text(), self.reasons[o].text()) for o in self.scores]
        try:
            asm.save_scores(self.db, self.actor, self.year, self.unit.department_id, entries,
                            self_assessment=self.self_assessment)
        except ValidationError as exc:
            self.form.show_errors(exc)
            first = next((w for name in exc.fields if (w := self.findChild(QLabel, f"error_{name}"))), None)
            if first is not None:  # the first message may be below the scrolled part (once laid out)
                QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(first))
            return
        except ServiceError as exc:
            tell(self, f"登记{self.what}", str(exc), "warning")
            return
        self.accept()


class TemplateDialog(QDialog):
    """The year's items (name, weight, rule) and the 科室 assessed; the weights must sum to 100."""

    def __init__(self, db: Database, actor: Actor, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.year = db, actor, year
        self.setWindowTitle(f"{year}年度考核项目和分值")
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels(["考核项目", "分值", "评分标准"])
        self.grid.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.grid.setColumnWidth(0, 160)
        self.grid.setColumnWidth(1, 60)
        for item in asm.template(db, year):
            self.add_row(item.name, str(item.weight), item.rule, item.figure_key, item.id)
        self.grid.cellChanged.connect(lambda _r, _c: self._update_sum())
        self.total = QLabel()
        add, remove = QPushButton("添加项目"), QPushButton("删除所选项目")
        add.clicked.connect(lambda: self.add_row("", "", ""))
        remove.clicked.connect(self.remove_row)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(self.total)
        self.units = QListWidget()
        for dept_id, name, assessed in asm.unit_choices(db, year):
            it = QListWidgetItem(name)
            it.setData(Qt.ItemDataRole.UserRole, dept_id)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if assessed else Qt.CheckState.Unchecked)
            self.units.addItem(it)
        self.units.setMaximumHeight(120)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("各项分值为整数，合计应为100分。已有评分的项目不能删除，分值不能低于已评分数。"))
        lay.addWidget(self.grid, 1)
        lay.addLayout(row)
        lay.addWidget(QLabel("参加考核的科室："))
        lay.addWidget(self.units)
        lay.addWidget(self.error)
        lay.addWidget(ok_cancel_buttons(self, "保存", "取消", self.save))
        self.resize(820, 560)
        self._update_sum()

    def add_row(self, name: str, weight: str, rule: str, figure_key: str = "", item_id: int = 0) -> None:
        n = self.grid.rowCount()
        self.grid.insertRow(n)
        first = QTableWidgetItem(name)
        first.setData(Qt.ItemDataRole.UserRole, (figure_key, item_id))
        self.grid.setItem(n, 0, first)
        self.grid.setItem(n, 1, QTableWidgetItem(weight))
        self.grid.setItem(n, 2, QTableWidgetItem(rule))

    def remove_row(self) -> None:
        rows = sorted({i.row() for i in self.grid.selectedIndexes()}, reverse=True)
        for r in rows:
            self.grid.removeRow(r)
        self._update_sum()

    def _text(self, r: int, c: int) -> str:
        it = self.grid.item(r, c)
        return it.text() if it is not None else ""

    def items(self) -> list[asm.ItemInput]:
        out = []
        for r in range(self.grid.rowCount()):
            first = self.grid.item(r, 0)
            key, item_id = (first.data(Qt.ItemDataRole.UserRole) if first is not None else None) or ("", 0)
            out.append(asm.ItemInput(self._text(r, 0), self._text(r, 1), self._text(r, 2), key, item_id))
        return out

    def department_ids(self) -> list[int]:
        return [self.units.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.units.count())
                if self.units.item(n).checkState() == Qt.CheckState.Checked]

    def _update_sum(self) -> None:
        total = 0
        for r in range(self.grid.rowCount()):
            try:
                total += int(self._text(r, 1).strip() or 0)
            except ValueError:
                pass
        self.total.setText(f"合计：{total}分")
        self.total.setStyleSheet("" if total == 100 else f"color: {QColor('#b00020').name()};")

    def save(self) -> None:
        try:
            asm.save_template(self.db, self.actor, self.year, self.items(), self.department_ids())
        except ValidationError as exc:
            self.error.setText("；".join(exc.fields.values()))
            self.error.show()
            return
        except ServiceError as exc:
            tell(self, "考核项目", str(exc), "warning")
            return
        self.accept()


class NoticeDialog(QDialog):
    """考核结果通报: which 科室 and on which day; 不合格 ones get their rectification-plan task."""

    def __init__(self, db: Database, actor: Actor, year: int, units: list[asm.UnitResult],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.year = db, actor, year
        self.setWindowTitle(f"通报{year}年度考核结果")
        self.form = FieldForm()
        self.day = DateEdit(db.today())
        self.form.add_field("notified_on", "通报日期：", self.day)
        self.units = QListWidget()
        for u in units:
            done = u.total_tenths is not None
            it = QListWidgetItem(f"{u.department}　{asm.points(u.total_tenths)}分　{u.grade}" if done
                                 else f"{u.department}　（尚未评完）")
            it.setData(Qt.ItemDataRole.UserRole, u.department_id)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
            self.units.addItem(it)
        self.form.add_field("departments", "通报的科室：", self.units)
        lay = QVBoxLayout(self)
        lay.addWidget(_hint(f"通报后等次即确定，不能再修改评分。考核不合格的科室下达整改任务："
                            f"在通报后{asm.PLAN_DAYS}日内提出整改措施；优秀的科室列入通报表彰。"))
        self.resize(560, 380)
        lay.addLayout(self.form)
        lay.addWidget(self.form.general_label())
        lay.addWidget(ok_cancel_buttons(self, "通报", "取消", self.save))

    def department_ids(self) -> list[int]:
        return [self.units.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.units.count())
                if self.units.item(n).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        day = self.day.value()
        if day is None:
            self.form.show_errors(ValidationError({"notified_on": self.day.error() or "请填写通报日期"}))
            return
        try:
            notices.issue_notices(self.db, self.actor, self.year, self.department_ids(), day)
        except ValidationError as exc:
            self.form.show_errors(exc)
            return
        except ServiceError as exc:
            tell(self, "通报考核结果", str(exc), "warning")
            return
        self.accept()
