"""百分制考核: the year's table 科室 × items with totals and grades, and the actions around it.

Everything is computed by app/services/supervision/assessment*.py (the 责任追究
deduction from the ledger, the grade, the notices and their rectification task);
this view shows the table, opens one dialog per action and refreshes.  Who may do
what is decided by the services at the moment of acting: a refusal is shown as is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.dates import cn_date
from app.db import Database
from app.services.actor import Actor
from app.services.supervision import assessment as asm
from ui.files import ask_save_path
from ui.forms import tell
from ui.supervision.assessment_dialogs import NoticeDialog, ScoreDialog, TemplateDialog
from ui.supervision.rows import Col, RowsModel, current_row, table


def _cell_tip(u: asm.UnitResult, ordinal: int) -> str:
    sc = u.scores[ordinal]
    parts = []
    if sc.tenths is not None:
        parts.append(f"考核分{asm.points(sc.tenths)}" + (f"：{sc.reason}" if sc.reason else ""))
    if sc.self_tenths is not None:
        parts.append(f"自评分{asm.points(sc.self_tenths)}" + (f"：{sc.self_reason}" if sc.self_reason else ""))
    return "\n".join(parts)


def _notice_text(u: asm.UnitResult) -> str:
    n = u.notice
    if n is None:
        return ""
    text = f"{cn_date(n.notified_on)}通报" + (f"（{n.number}）" if n.number else "")
    if n.task_due is not None:
        text += f"；整改措施{cn_date(n.task_due)}前提出（{n.task_state}）"
    return text


def _deduction_text(u: asm.UnitResult) -> str:
    if not u.deduction_tenths:
        return "0"
    return f"-{asm.points(u.deduction_tenths)}" + ("（通报时）" if u.complaints is None else f"（{u.complaints}件）")


def columns(year: asm.YearAssessment) -> list[Col[asm.UnitResult]]:
    """科室, one column per item (考核分; 自评分 in brackets while different), then the totals."""
    def item_col(i: asm.ItemRow) -> Col[asm.UnitResult]:
        def text(u: asm.UnitResult) -> str:
            sc = u.scores[i.ordinal]
            shown = asm.points(sc.tenths)
            if sc.self_tenths is not None and sc.self_tenths != sc.tenths:
                shown += f"（自评{asm.points(sc.self_tenths)}）"
            return shown
        return Col(f"{i.name}\n{i.weight}分", text)

    return [Col("科室", lambda u: u.department),
            *(item_col(i) for i in year.items),
            Col("自评合计", lambda u: asm.points(u.self_tenths)),
            Col("项目得分", lambda u: asm.points(u.items_tenths)),
            Col("责任追究扣分", _deduction_text),
            Col("总分", lambda u: asm.points(u.total_tenths)),
            Col("等次", lambda u: u.grade, alert=lambda u: u.grade == asm.FAIL),
            Col("通报", _notice_text)]


class AssessmentModel(RowsModel[asm.UnitResult]):
    """The shared rows model; an item cell's tooltip gives the reasons behind its scores."""

    def __init__(self) -> None:
        super().__init__([])
        self.items: list[asm.ItemRow] = []

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: ANN001
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 1 <= index.column() <= len(self.items):
            return _cell_tip(self.rows[index.row()], self.items[index.column() - 1].ordinal) or None
        return super().data(index, role)


class AssessmentView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.data: asm.YearAssessment | None = None
        self.year = QSpinBox()
        self.year.setRange(asm.YEAR_FIRST, asm.YEAR_LAST)
        self.year.setValue(db.today().year)
        self.year.setSuffix("年度")
        self.summary = QLabel()
        self.model = AssessmentModel()
        self.view = table(self.model)
        self.view.doubleClicked.connect(lambda _i: self.enter_scores())
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("self", "填报自评分…", lambda: self.enter_scores(self_assessment=True)),
                                ("score", "考核评分…", self.enter_scores),
                                ("template", "考核项目…", self.edit_template),
                                ("notice", "通报结果…", self.issue_notices),
                                ("print_table", "打印汇总表", self.print_table),
                                ("print_notice", "打印结果通知", self.print_notice),
                                ("export", "导出 Excel…", self.export_dialog)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(QLabel("政务公开百分制考核："))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addLayout(buttons)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.notes)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.refresh()

    # -- the table -----------------------------------------------------------------------
    def refresh(self) -> None:
        data = asm.assessment(self.db, self.year.value())
        self.data = data
        self.model.columns = columns(data)
        self.model.items = data.items
        self.model.set_rows(data.units)
        counts = {g: sum(1 for u in data.units if u.grade == g) for g in (*asm.GRADES, asm.UNFINISHED)}
        self.summary.setText(f"共{len(data.units)}个科室：" + "，".join(f"{g}{n}个" for g, n in counts.items() if n))
        notes = [f"满分100分（{'、'.join(f'{i.name}{i.weight}分' for i in data.items)}）；"
                 "优秀90分以上，良好80分以上，合格60分以上，不合格不足60分。"]
        deducted = [f"{u.department}{data.deduction_line(u).removeprefix('责任追究：')}" for u in data.units
                    if u.deduction_tenths]
        if deducted:
            notes.append("责任追究扣分（依据已确认的责任追究记录）：" + "；".join(deducted) + "。")
        if data.commended:
            notes.append(f"考核优秀、列入通报表彰：{'、'.join(data.commended)}。")
        self.notes.setText("\n".join(notes))

    def selected(self, what: str) -> asm.UnitResult | None:
        n = current_row(self.view)
        if n is None:
            tell(self, what, "请先在表中选择一个科室")
            return None
        return self.model.row(n)

    def open_dialog(self, dlg: QDialog) -> bool:  # tests replace it
        return bool(dlg.exec())

    # -- actions -------------------------------------------------------------------------
    def enter_scores(self, self_assessment: bool = False) -> None:
        what = "填报自评分" if self_assessment else "考核评分"
        unit = self.selected(what)
        if unit is None or self.data is None:
            return
        if unit.notice is not None:
            tell(self, what, f"{unit.department}的考核结果已于{cn_date(unit.notice.notified_on)}通报，不能再修改评分")
            return
        dlg = ScoreDialog(self.db, self.actor, self.data.year, self.data.items, unit, self_assessment, self)
        if self.open_dialog(dlg):
            self.refresh()

    def edit_template(self) -> None:
        if self.open_dialog(TemplateDialog(self.db, self.actor, self.year.value(), self)):
            self.refresh()

    def issue_notices(self) -> None:
        if self.data is None:
            return
        waiting = [u for u in self.data.units if u.notice is None]
        if not waiting:
            tell(self, "通报考核结果", "本年度参加考核的科室都已通报")
            return
        if self.open_dialog(NoticeDialog(self.db, self.actor, self.data.year, waiting, self)):
            self.refresh()

    def print_table(self) -> None:
        from app.services.supervision import assessment_print as ap
        from ui.letters import preview_print

        year = self.year.value()
        preview_print(self, "考核汇总表", lambda _p: ap.render_table(self.db, year),
                      title="政务公开工作考核结果汇总表", filename=f"{year}年度政务公开考核汇总表.pdf",
                      show=self.open_dialog)

    def print_notice(self) -> None:
        from app.services.supervision import assessment_print as ap
        from ui.letters import preview_print

        unit = self.selected("打印结果通知")
        if unit is None:
            return
        year, department_id = self.year.value(), unit.department_id
        number = unit.notice.number if unit.notice is not None else ""  # its 文号 names preview and file
        preview_print(self, "考核结果通知", lambda _p: ap.render_notice(self.db, year, department_id),
                      title=f"考核结果通知{' ' + number if number else ''}（{unit.department}）",
                      filename=f"{year}年度政务公开考核结果通知-{number + '-' if number else ''}{unit.department}.pdf",
                      show=self.open_dialog)

    def export_dialog(self) -> None:
        year = self.year.value()
        path, _ = ask_save_path(self, "导出考核结果", f"{year}年度政务公开考核.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            count = self.export_to(Path(path))
            tell(self, "导出", f"已导出{year}年度{count}个科室的考核结果")

    def export_to(self, path: Path) -> int:
        from app.services.supervision.assessment_export import export_assessment

        return export_assessment(self.db, path, self.year.value())
