"""Settings → 节假日安排: see which years are known, enter or load a State Council notice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.calendar.schedule_io import (
    ScheduleFormatError,
    missing_holidays,
    parse_schedule,
    read_schedule_file,
)
from app.dates import cn_date
from app.db import Database
from app.services import holidays
from app.services.actor import Actor
from app.services.errors import ServiceError
from ui.forms import ERROR_STYLE
from ui.widgets import add_buttons

EXAMPLE = """# 每行一天或一段：“休”为放假，“班”为调休上班；# 后为注释
休 2027-01-01 元旦
休 2027-02-05 至 2027-02-12 春节
班 2027-02-13 春节
"""


def schedule_text(schedule) -> str:  # noqa: ANN001
    lines = []
    for d in sorted(schedule.holidays | schedule.workdays):
        kind = "休" if d in schedule.holidays else "班"
        lines.append(f"{kind} {d.isoformat()} {schedule.names.get(d, '')}".rstrip())
    return "\n".join(lines) + "\n"


class HolidaysDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle("节假日安排（工作日历）")
        self.resize(820, 560)
        lay = QHBoxLayout(self)

        left = QVBoxLayout()
        self.years = QTableWidget(0, 2)
        self.years.setHorizontalHeaderLabels(["年份", "来源"])
        self.years.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.years.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.years.verticalHeader().hide()
        self.years.horizontalHeader().setStretchLastSection(True)
        self.years.currentCellChanged.connect(lambda *_: self.show_year())
        left.addWidget(self.years)
        lay.addLayout(left, 1)

        right = QVBoxLayout()
        explain = QLabel(
            "2004年至今的节假日安排已内置。尚未内置的年份，请按国务院办公厅当年发布的放假通知录入，"
            "或导入 holiday-cn 项目的 JSON 文件。未录入的年份按法定节日估算，涉及该年份的期限都会标注“暂估”。"
        )
        explain.setWordWrap(True)
        right.addWidget(explain)
        self.year_label = QLabel()
        right.addWidget(self.year_label)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(EXAMPLE)
        right.addWidget(self.editor, 1)
        src = QHBoxLayout()
        src.addWidget(QLabel("依据（通知文号）："))
        self.source = QLineEdit()
        self.source.setPlaceholderText("例如：国办发明电〔2026〕X号")
        src.addWidget(self.source)
        right.addLayout(src)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        right.addWidget(self.message)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: #1b5e20;")
        right.addWidget(self.info)
        buttons = QHBoxLayout()
        self.confirm_button = add_buttons(buttons, (
            ("从文件导入…", self.load_file), ("保存录入", self.save), ("确认完整", self.confirm),
            ("删除录入", self.remove), ("关闭", self.accept)))[2]
        right.addLayout(buttons)
        lay.addLayout(right, 2)
        self.reload()

    def reload(self, select_year: int | None = None) -> None:
        this_year = dt.date.today().year
        self.statuses = list(reversed(holidays.year_statuses(self.db, range(2004, this_year + 3))))
        self.years.setRowCount(len(self.statuses))
        select_row = 0
        for i, st in enumerate(self.statuses):
            self.years.setItem(i, 0, QTableWidgetItem(f"{st.year}年"))
            self.years.setItem(i, 1, QTableWidgetItem(st.label))
            if st.year == select_year:
                select_row = i
        self.years.setCurrentCell(select_row, 0)
        self.show_year()

    def current_year(self) -> int | None:
        row = self.years.currentRow()
        return self.statuses[row].year if 0 <= row < len(self.statuses) else None

    def show_year(self) -> None:
        year = self.current_year()
        if year is None:
            return
        st = next(s for s in self.statuses if s.year == year)
        self.year_label.setText(f"{year}年：{st.label}" + (f"（{st.note}）" if st.source == "entered" and st.note else ""))
        sched = holidays.entered_schedule(self.db, year)
        self.editor.setPlainText(schedule_text(sched) if sched else "")
        self.source.setText(st.note if st.source == "entered" else "")
        self.message.clear()
        self.info.clear()
        self.confirm_button.setEnabled(st.source == "entered" and not st.confirmed)
        if sched is not None and not st.confirmed:
            self.message.setText(holidays.missing_note(missing_holidays(sched)))

    def load_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "导入节假日安排", "", "节假日文件 (*.json *.txt);;所有文件 (*)")
        if path:
            self.load_path(Path(path))

    def load_path(self, path: Path) -> None:
        try:
            schedule = read_schedule_file(path)
        except ScheduleFormatError as exc:
            self.message.setText(f"文件格式不对：{exc}")
            return
        self.editor.setPlainText(schedule_text(schedule))
        if not self.source.text():
            self.source.setText(path.name)
        self.message.setText("")
        self.save()

    def save(self) -> None:
        try:
            schedule = parse_schedule(self.editor.toPlainText())
        except ScheduleFormatError as exc:
            self.message.setText(str(exc))
            return
        try:
            missing = holidays.enter_year(self.db, self.actor, schedule, self.source.text())
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.reload(schedule.year)
        self.info.setText(
            f"已保存{schedule.year}年节假日安排：放假{len(schedule.holidays)}天，调休上班{len(schedule.workdays)}天"
            f"（{cn_date(min(schedule.holidays))}起）。涉及该年的期限从现在起按此计算。"
        )
        self.message.setText(holidays.missing_note(missing))

    def confirm(self) -> None:
        year = self.current_year()
        if year is None:
            return
        try:
            holidays.confirm_year(self.db, self.actor, year)
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.reload(year)
        self.info.setText(f"已确认{year}年节假日安排完整，涉及该年的期限不再标注“暂估”。")

    def remove(self) -> None:
        year = self.current_year()
        if year is None:
            return
        try:
            holidays.remove_year(self.db, self.actor, year)
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.reload(year)
