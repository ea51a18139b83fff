"""After a 更正 or 撤销 in the request window: the letters it made 已过时 are offered for 重新出具 —
one question for one letter, a list to tick for several — and made through the 文书 tab's one print
path (ui.letters.preview_print, as its 重新出具 button does).  Also the window's Ctrl+P."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.letters import kinds
from app.services.letters import IssuedInfo
from ui.forms import ok_cancel_buttons, tell

if TYPE_CHECKING:
    from ui.requests.request_dialog import RequestDialog


class ReissueDialog(QDialog):
    """Which outdated letters to 重新出具 now: all ticked; one left unticked stays 已过时 in the 文书
    tab, whose 重新出具 button makes it later."""

    def __init__(self, question: str, due: list[IssuedInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("重新出具文书")
        self.due = due
        lay = QVBoxLayout(self)
        text = QLabel(question)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.list = QListWidget()
        for info in due:
            item = QListWidgetItem(f"{kinds.BY_CODE[info.kind].name}（原{info.number}）")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        # every line whole and no empty box below: as wide and as tall as the letters listed
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame = 2 * self.list.frameWidth()
        self.list.setMinimumWidth(self.list.sizeHintForColumn(0) + frame + 8)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * len(due) + frame + 4)
        lay.addWidget(self.list)
        lay.addWidget(ok_cancel_buttons(self, "生成并预览", "稍后", self.accept))

    def chosen(self) -> list[IssuedInfo]:
        return [info for i, info in enumerate(self.due) if self.list.item(i).checkState() == Qt.CheckState.Checked]


def pick_letters(parent: QWidget, question: str, due: list[IssuedInfo]) -> list[IssuedInfo]:
    dlg = ReissueDialog(question, due, parent)
    return dlg.chosen() if dlg.exec() else []


def offer_reissue(window: RequestDialog, current: set[int]) -> None:
    """``current``: ids of the letters that were current before the correction (the window is refreshed)."""
    now_outdated = {i.id for i in window.letters.issued if i.outdated} & current
    if not now_outdated:
        return
    due = [i for i in window.letters.needing_reissue() if i.id in now_outdated]
    names = "、".join(f"{kinds.BY_CODE[i.kind].name}（{i.number}）" for i in window.letters.issued
                     if i.id in now_outdated)
    told = f"以下文书是按更正前的内容出具的，已标记为“已过时”：{names}。"
    if not due:  # e.g. an undone decision: the record no longer calls for them
        window.tabs.setCurrentWidget(window.letters)
        tell(window, "出具文书", told + "按现在的记录已不需要这些文书；如需其他文书，请在“文书”页生成。")
        return
    if len(due) == 1:
        chosen = due if window.offer_letter(told + "需要重新出具吗？（新文号、今日落款；原文书保留，不会被修改）") else []
    else:
        chosen = window.pick_letters("以下文书是按更正前的内容出具的，已标记为“已过时”。请勾选现在重新出具的文书"
                                     "（新文号、今日落款；原文书保留，不会被修改；未勾选的可稍后在“文书”页重新出具）：", due)
    if chosen:
        window.tabs.setCurrentWidget(window.letters)
        window.letters.reissue_letters(chosen)


def print_selected_letter(window: RequestDialog) -> None:
    """Ctrl+P: the letter selected in the 文书 tab — the print dialog, then the preview for a second copy."""
    if window.letters.selected() is None:
        window.tabs.setCurrentWidget(window.letters)
        tell(window, "打印文书", "请先在“文书”页选中要打印的文书，再按Ctrl+P。" if window.letters.issued
             else "本申请还没有出具文书，请先在“文书”页生成。")
        return
    window.letters.open_selected(print_first=True)
