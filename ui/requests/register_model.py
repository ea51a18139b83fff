"""The 依申请公开 register table: the shared lazy register model with this register's columns and colours."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QBrush, QColor

from app.dates import cn_date
from app.db import Database
from app.services.requests import queries
from app.services.requests.queries import (
    R_APPLICANT,
    R_CHANNEL,
    R_CONTENT,
    R_DUE,
    R_NUMBER,
    R_ON_TIME,
    R_PROVISIONAL,
    R_RECEIVED,
    R_REPLY,
    R_RESULT,
    R_STATE,
    R_TYPE,
)
from ui.register.model import ID_ROLE, Column, LazyRegisterModel

__all__ = ["ID_ROLE", "RegisterModel", "COL_CONTENT", "COLUMNS"]

_OPEN = frozenset(queries.OPEN)
OVERDUE = QColor("#f8d7da")
DUE_SOON = QColor("#fff3cd")


def _due(r: tuple) -> str:
    if r[R_STATE] not in _OPEN:
        return cn_date(r[R_DUE])
    return cn_date(r[R_DUE]) + ("（暂估）" if r[R_PROVISIONAL] else "")


def _reply(r: tuple) -> str:
    if r[R_REPLY] is None:
        return ""
    return cn_date(r[R_REPLY]) + ("" if r[R_ON_TIME] in (True, None) else "（超期）")


def _content_tip(r: tuple) -> str:
    text = r[R_CONTENT] or ""
    return text + ("……" if len(text) >= 300 else "")


COLUMNS = [
    Column("申请编号", lambda r: r[R_NUMBER], "number"),
    Column("收到日期", lambda r: cn_date(r[R_RECEIVED]), "received_date"),
    Column("申请人", lambda r: r[R_APPLICANT], "applicant_name", tooltip=lambda r: r[R_APPLICANT]),
    Column("申请人类型", lambda r: r[R_TYPE], "applicant_type"),
    Column("申请方式", lambda r: r[R_CHANNEL], "channel"),
    Column("申请内容", lambda r: r[R_CONTENT], None, tooltip=_content_tip, elide=True),
    Column("状态", lambda r: r[R_STATE], "state"),
    Column("答复期限", _due, "due_date",
           tooltip=lambda r: "暂估：涉及尚未录入节假日安排的年份" if r[R_PROVISIONAL] else None),
    Column("办理结果", lambda r: queries.result_label(r[R_RESULT]), "result"),
    Column("答复日期", _reply, "reply_date"),
]
COL_NUMBER, COL_RECEIVED, COL_APPLICANT, COL_TYPE, COL_CHANNEL, COL_CONTENT, COL_STATE, COL_DUE, COL_RESULT, \
    COL_REPLY = range(len(COLUMNS))


class RegisterModel(LazyRegisterModel):
    """Rows coloured by the clock: overdue red, due within 3 working days yellow."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(db, queries.SPEC, COLUMNS, parent)
        self.filter = queries.RegisterFilter()
        self.today = dt.date.today()
        self.soon = self.today

    def set_filter(self, f: queries.RegisterFilter, sort: str | None = None, descending: bool | None = None,
                   reload: bool = False) -> None:
        """Apply the filters (list reloads only if they changed, or ``reload``) and the search text."""
        self.filter = f
        self.today = self.db.today()
        self.soon = queries.due_soon_until(self.db, self.today)
        base = f.__class__(**{**f.__dict__, "search": ""})
        sort = sort or (self._base_key[1] if self._base_key else "received_date")
        descending = descending if descending is not None else (self._base_key[2] if self._base_key else True)
        self.set_base(queries.where(base, self.today, self.soon), sort, descending,
                      None if reload else (base, self.today))
        self.set_search(f.search)

    def reload(self) -> None:
        self.set_filter(self.filter, reload=True)

    def row_background(self, r: tuple) -> Any:
        if r[R_STATE] not in _OPEN:
            return None
        if r[R_DUE] < self.today:
            return QBrush(OVERDUE)
        if r[R_DUE] <= self.soon:
            return QBrush(DUE_SOON)
        return None

    def row_tooltip(self, r: tuple) -> str | None:
        if r[R_STATE] in _OPEN and r[R_DUE] < self.today:
            return "已逾期"
        return None
