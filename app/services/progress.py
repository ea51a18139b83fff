"""Progress reporting and cancellation for long service calls, without Qt.

The window hands in an object with ``report`` and ``check`` (ui.operations.Progress);
the CLI and tests use ``NullProgress``.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user pressed 取消; the transaction is rolled back."""


class ProgressSink(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None: ...

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop."""


class NullProgress:
    def report(self, done: int, total: int, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass
