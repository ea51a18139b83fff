"""The 一次性告知 tab: 告知书登记, 事项清单 and 统计 (for the head)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.db import Database
from app.services.actor import Actor
from ui.lazy_tabs import LazyTabs, lazy_page
from ui.notices.catalogue_view import CatalogueView
from ui.notices.register_page import NoticeRegister
from ui.notices.stats_view import StatsView


class NoticesPage(QWidget):
    """告知书登记 is built with the tab; 事项清单 and 统计 when first shown or used (ui/lazy_tabs.py)."""

    catalogue, stats = lazy_page("catalogue", "sections"), lazy_page("stats", "sections")

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.sections = LazyTabs()
        self.register = self.sections.add_page(NoticeRegister(db, actor), "告知书登记")
        self._holders = {"catalogue": self.sections.add_lazy(lambda: CatalogueView(self.db, self.actor), "事项清单"),
                         "stats": self.sections.add_lazy(lambda: StatsView(self.db), "统计")}
        self.sections.currentChanged.connect(lambda _i: self.refresh())
        lay.addWidget(self.sections)

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor  # sections built later are built for this user
        for view in self.sections.built_pages():
            if hasattr(view, "set_actor"):
                view.set_actor(actor)

    def refresh(self) -> None:
        for view in self.sections.built_pages():
            view.refresh()

    def _on_catalogue(self) -> bool:
        """事项清单 is in front (asked without building it when it is not)."""
        return self.sections.currentIndex() == self.sections.indexOf(self._holders["catalogue"])

    # the main window's 新建 / 查找 / 打印 (Ctrl+N / Ctrl+F / Ctrl+P) on this tab
    def new_record(self) -> None:
        self.new_notice()

    def focus_search(self) -> None:
        box = self.catalogue.search if self._on_catalogue() else self.register.search
        box.setFocus()
        box.selectAll()

    def print_current(self) -> None:
        if self._on_catalogue():
            self.catalogue.print_guide()
        else:
            self.register.reprint_selected()

    def new_notice(self, **prefill) -> None:  # noqa: ANN003
        """Open the counter checklist (person=, contact=, matter=, request_id= pre-fill it)."""
        self.sections.setCurrentWidget(self.register)
        self.register.new_notice(**prefill)
