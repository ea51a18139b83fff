"""Plain text as typed, pasted or read from a file: control characters, length, printability.

Every message here is the part after the field's label, so the form (next to the
field), the Excel import (``第N行 列名: 消息``) and the command line (``列名：消息``)
show the same words.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Direction overrides and isolates reorder what is displayed (a file name "abc\u202Efdp.exe"
# shows as "abcexe.pdf"); zero-width characters hide differences between two equal-looking names.
BIDI_AND_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)
LINE_BREAKS = "\r\n\u2028\u2029\x85\x0b\x0c"


class Invalid(ValueError):
    """A value was refused; ``str(exc)`` is the Chinese message (without the field label)."""


def describe_char(ch: str) -> str:
    """A character as a clerk can find it: itself if visible, else its code point."""
    cp = ord(ch)
    if unicodedata.category(ch)[0] in "CZ" and ch != " ":
        return f"U+{cp:04X}"
    return f"“{ch}”（U+{cp:04X}）"


def is_control(ch: str, multiline: bool = False) -> bool:
    """True for characters that must never be stored in a text field."""
    if multiline and ch in "\n\t":
        return False
    if ch in BIDI_AND_INVISIBLE:
        return True
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def strip_controls(text: str, multiline: bool = False) -> str:
    """Remove (rather than refuse) control and direction characters — for names of stored files."""
    return "".join(ch for ch in text if not is_control(ch, multiline))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def _fold_width(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uffef" or ch == "\u3000" else ch


def normalise_identifier(text: str) -> str:
    """Full-width forms NFKC-folded to ASCII ("１２号" → "12号", "Ｘ" → "X"), no inner spaces.

    For identifiers only (ID numbers, phone numbers, postcodes, e-mail, record numbers).
    Only the full-width block is folded: full NFKC would also quietly turn "²" or "①"
    into "2" and "1", hiding a paste error the clerk should see; those stay and are
    refused by the identifier's own check, naming the character.
    """
    if text.isascii():
        return "".join(text.split())
    return "".join("".join(_fold_width(ch) for ch in text).split())


def check_controls(text: str, multiline: bool = False) -> None:
    if text.isprintable():  # fast path: no Cc/Cf/Cs/Co/Cn/Zl/Zp character (and no line break)
        return
    for ch in text:
        if is_control(ch, multiline):
            if ch in LINE_BREAKS and not multiline:
                raise Invalid("不能换行，请写在一行内")
            raise Invalid(f"含有不可见的控制字符（{describe_char(ch)}），请删除后重新输入")


def check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise Invalid(f"不能超过{limit}个字（现有{len(text)}个）")


@lru_cache(maxsize=65536)
def _printable(ch: str, fonts_key: tuple[int, ...]) -> bool:  # noqa: ARG001 - part of the cache key
    from app.letters import fonts

    return not fonts.missing_characters(ch)


def _fonts_key() -> tuple[int, ...]:
    """Identifies the fonts found now; ``fonts.reset()`` makes new ones, so old answers are not reused."""
    from app.letters import fonts  # deferred: the font tables are loaded only for non-ASCII text

    return tuple(id(fonts.chain(role)) for role in ("title", "body", "song")) + (id(fonts.system_fallbacks()),)


_SEEN_PRINTABLE: set[str] = set()  # characters already found printable: the common case costs one set lookup


def unprintable(text: str) -> list[str]:
    """Characters of ``text`` that no available font can print (ASCII is always printable)."""
    if text.isascii():
        return []
    todo = [ch for ch in set(text) if ord(ch) > 0x7E and ch not in _SEEN_PRINTABLE and not ch.isspace()]
    if not todo:
        return []
    key = _fonts_key()
    bad = []
    for ch in todo:
        if _printable(ch, key):
            _SEEN_PRINTABLE.add(ch)
        else:
            bad.append(ch)
    return sorted(bad, key=text.index)


def check_printable(text: str) -> None:
    bad = unprintable(text)
    if bad:
        shown = "、".join(describe_char(c) for c in bad[:3]) + ("等" if len(bad) > 3 else "")
        raise Invalid(f"含有无法打印的字符{shown}（本机所有字体都没有这个字），请改用常用字或同音字加注")


def clean_text(value: object, limit: int, multiline: bool = False, printable: bool = True) -> str:
    """Strip, refuse control characters, enforce the limit, refuse unprintable characters.

    The length is checked before anything expensive, so a 1 GB cell costs one ``len``.
    """
    text = "" if value is None else str(value)
    if len(text) > limit * 4 + 64:  # far beyond the limit: do not scan it
        raise Invalid(f"不能超过{limit}个字（现有{len(text)}个）")
    text = normalise_newlines(text).strip() if multiline else text.strip()
    check_controls(text, multiline)
    check_length(text, limit)
    if printable:
        check_printable(text)
    return text


def text_field(errors: dict[str, str], key: str, value: object, limit: int, *, label: str = "",
               required: str = "", multiline: bool = False) -> str:
    """One free-text field of a form, cleaned by :func:`clean_text`; a problem goes to ``errors[key]``.

    Why here: a service checks all of a form's fields before refusing it as a whole, so each
    field's problem is collected rather than raised.  The message is ``label`` + the rule's words
    (the label may be empty where the form shows it beside the field); a blank value gets
    ``required`` when that message is given.  A refused value comes back as "".
    """
    try:
        text = clean_text(value, limit, multiline=multiline)
    except Invalid as exc:
        errors[key] = f"{label}{exc}"
        return ""
    if required and not text:
        errors[key] = required
    return text
