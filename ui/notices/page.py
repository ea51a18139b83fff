"""The 一次性告知 tab: 告知书登记, 事项清单 and 统计 (for the head)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from ui.notices.catalogue_view import CatalogueView
from ui.notices.register_page import NoticeRegister
from ui.notices.stats_view import StatsView


class NoticesPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.sections = QTabWidget()
        self.register = NoticeRegister(db, actor)
        self.catalogue = CatalogueView(db, actor)
        self.stats = StatsView(db)
        self.sections.addTab(self.register, "告知书登记")
        self.sections.addTab(self.catalogue, "事项清单")
        self.sections.addTab(self.stats, "统计")
        self.sections.currentChanged.connect(lambda _i: self.refresh())
        lay.addWidget(self.sections)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.register.set_actor(actor)
        self.catalogue.set_actor(actor)

    def refresh(self) -> None:
        self.register.refresh()
        self.catalogue.refresh()
        self.stats.refresh()

    # the main window's 新建 / 查找 / 打印 (Ctrl+N / Ctrl+F / Ctrl+P) on this tab
    def new_record(self) -> None:
        self.new_notice()

    def focus_search(self) -> None:
        current = self.sections.currentWidget()
        box = self.catalogue.search if current is self.catalogue else self.register.search
        box.setFocus()
        box.selectAll()

    def print_current(self) -> None:
        if self.sections.currentWidget() is self.catalogue:
            self.catalogue.print_guide()
        else:
            self.register.reprint_selected()

    def new_notice(self, **prefill) -> None:  # noqa: ANN003
        """Open the counter checklist (person=, contact=, matter=, request_id= pre-fill it)."""
        self.sections.setCurrentWidget(self.register)
        self.register.new_notice(**prefill)
