"""Tabs whose page is built the first time it is shown.

Why: the main window has seven tabs, and building them all before it appears cost 0.4-0.8 s
at 1,000,000 requests on a loaded counter PC (督查 alone 0.1-0.4 s, 一次性告知 0.1-0.5 s), against
issue 12's 500 ms from sign-in to the register on screen.  A clerk who only registers requests
never pays for the 督查 tab; a head opening it pays once, when clicking it.

A lazy tab holds a bare placeholder widget; its factory runs when the tab becomes current or
when code asks for the page (:meth:`LazyTabs.page`).  ``currentWidget``, ``setCurrentWidget``
and ``indexOf`` speak of pages, not placeholders, so callers (the window's menus, the 工作台's
links) need not know which tabs are built.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget


def lazy_page(attr: str, tabs: str = "tabs") -> property:
    """``owner.<attr>``: the page of the lazy tab ``owner._holders[attr]`` in ``owner.<tabs>``, built on
    first use — one way for the window and the tabs with lazy sections to name their pages."""
    return property(lambda self: getattr(self, tabs).page(self._holders[attr]), doc=f"The {attr} page.")


class _Holder(QWidget):
    """The tab's own widget until (and after) its page is built inside it."""

    def __init__(self, factory: Callable[[], QWidget], on_built: Callable[[_Holder], None]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._factory, self._on_built = factory, on_built
        self.page: QWidget | None = None

    def build(self) -> QWidget:
        if self.page is None:
            from PySide6.QtCore import Qt

            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            try:
                page = self._factory()
            finally:
                QApplication.restoreOverrideCursor()
            self.page = page
            self.layout().addWidget(page)
            self._on_built(self)
        return self.page


class LazyTabs(QTabWidget):
    """A QTabWidget with :meth:`add_lazy` tabs; the current tab's page is always built."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._built: list[QWidget] = []
        self._holder_of: dict[int, _Holder] = {}  # id(page) -> its placeholder
        self.currentChanged.connect(self._build_current)

    def add_page(self, page: QWidget, title: str) -> QWidget:
        """A tab built now (the one shown first)."""
        self.addTab(page, title)
        self._built.append(page)
        return page

    def add_lazy(self, factory: Callable[[], QWidget], title: str) -> _Holder:
        """A tab whose page ``factory()`` makes on first show or first :meth:`page` call."""
        holder = _Holder(factory, self._remember)
        self.addTab(holder, title)
        return holder

    def page(self, holder: _Holder) -> QWidget:
        return holder.build()

    def built_pages(self) -> list[QWidget]:
        """The pages that exist, in the order they were built."""
        return list(self._built)

    def _remember(self, holder: _Holder) -> None:
        self._built.append(holder.page)
        self._holder_of[id(holder.page)] = holder

    def _build_current(self, index: int) -> None:
        """A tab brought to the front on screen is built; while the window is being put together
        (the first tab added becomes current by itself) nothing is, until it is shown."""
        widget = super().widget(index)
        if isinstance(widget, _Holder) and self.isVisible():
            widget.build()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self._build_current(self.currentIndex())
        super().showEvent(event)

    # -- pages, not placeholders ------------------------------------------------------------
    def currentWidget(self) -> QWidget | None:  # noqa: N802 - Qt's name
        widget = super().currentWidget()
        return widget.build() if isinstance(widget, _Holder) else widget

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt's name
        super().setCurrentWidget(self._holder_of.get(id(widget), widget))

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 - Qt's name
        return super().indexOf(self._holder_of.get(id(widget), widget))
