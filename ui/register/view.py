"""The register table widget: one-line rows with long text elided (full text in the tooltip),
back to the top on every new result list, and a message instead of a blank table when nothing matches.

Usage::

    view = RegisterView(model)              # model: LazyRegisterModel
    view.empty_text = lambda: "没有符合条件的依申请公开记录"   # optional, context-aware message
    view.record_activated.connect(open_record)   # double-click or Enter, with the record id (once)
    view.enable_export("首问负责登记", lambda: page.actor)   # 导出当前列表 in the context menu (ui/register/export.py)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from app.services.actor import Actor
from app.services.rights import Right
from ui.register.model import LazyRegisterModel


class RegisterView(QTableView):
    record_activated = Signal(int)

    def __init__(self, model: LazyRegisterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.register_model = model
        self.empty_text: Callable[[], str] = self._default_empty_text
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for n, col in enumerate(model.columns):
            if col.elide:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
        model.results_changed.connect(self._new_results)
        model.searching_changed.connect(lambda _on: self.viewport().update())
        # ``activated`` is Enter, and a double-click (Qt emits it after ``doubleClicked``):
        # connecting only it opens a record once per double-click.
        self.activated.connect(self._activated)
        self.export_stem = "登记列表"
        self.export_actor: Callable[[], Actor] | None = None
        self.export_right = Right.EXPORT
        self.export_operation: Any = None
        self.export_action = QAction("导出当前列表（Excel）…", self)
        self.export_action.triggered.connect(self.export_current)
        self.context_actions: list[QAction] = []

    def enable_export(self, stem: str, actor: Callable[[], Actor], right: Right = Right.EXPORT) -> None:
        """Offer 导出当前列表 (context menu, ``export_current``): file name ``stem-日期.xlsx``; ``actor()``
        (the signed-in user then: users switch) must hold ``right`` when exporting (checked by the service)."""
        self.export_stem, self.export_actor, self.export_right = stem, actor, right
        if self.export_action not in self.context_actions:
            self.context_actions.append(self.export_action)
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.customContextMenuRequested.connect(self._context_menu)

    def export_current(self) -> Any:
        """Export the list as shown (asks for the file); the background operation, or None."""
        from ui.register.export import export_current_view

        return export_current_view(self)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for action in self.context_actions:
            menu.addAction(action)
        menu.exec(self.viewport().mapToGlobal(pos))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.record_activated.emit(self.register_model.id_at(index.row()))

    def _new_results(self) -> None:
        self.scrollToTop()
        self.viewport().update()

    def _default_empty_text(self) -> str:
        m = self.register_model
        if m.search_text:
            return f"没有找到包含“{m.search_text}”的记录"
        return "没有符合条件的记录"

    def current_message(self) -> str:
        """What the empty table says now ("" while rows are shown)."""
        m = self.register_model
        if m.rowCount():
            return ""
        if m.busy:
            return "正在查找…"
        return self.empty_text()

    def paintEvent(self, e: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(e)
        text = self.current_message()
        if text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect().adjusted(12, 24, -12, -12),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             text)
            painter.end()
