"""The last line of the validation layer: no row is written with text a database cannot hold.

Each service checks its own fields with :mod:`app.validation` and words the message for
its form.  This net catches what a service did not think of, for every table at once:
a lone surrogate (from an undecodable command-line byte or a broken file) would make
the database driver raise ``UnicodeEncodeError`` mid-transaction, and a NUL or other C0
control character is invisible in every list and letter.  Before each flush, every
changed text attribute is checked; a bad one raises :class:`ValidationError` naming the
field in Chinese, so the transaction is rolled back and nothing is half-saved.
"""

from __future__ import annotations

from sqlalchemy import String, Text, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.services.errors import ValidationError
from app.validation.text import describe_char

# Tab and line breaks are text; the information separators U+001C-U+001F are what the app
# itself puts between fields of derived search text (never typed: fields refuse them at entry).
_ALLOWED_CONTROLS = frozenset("\t\n\r\x1c\x1d\x1e\x1f")


def bad_char(text: str, derived: bool = False) -> str | None:
    """The first character no text column may store, or None.

    ``derived`` columns (search text the app builds with its own separators) are
    checked for surrogates only.
    """
    for ch in text:
        o = ord(ch)
        if 0xD800 <= o <= 0xDFFF or not derived and ((o < 0x20 and ch not in _ALLOWED_CONTROLS) or o == 0x7F):
            return ch
    return None


def _text_columns(mapper) -> list[tuple[str, bool]]:  # noqa: ANN001
    """(attribute, derived) for every text column; derived = built by the app, not typed."""
    out = []
    for a in mapper.column_attrs:
        cols = [c for c in a.columns if isinstance(c.type, String | Text)]
        if cols:
            out.append((a.key, a.key == "search_key" or any(c.info.get("audit") == "omit" for c in cols)))
    return out


def check_instance(obj: object, new: bool) -> None:
    state = inspect(obj)
    for key, derived in _text_columns(state.mapper):
        if not new and not state.attrs[key].history.has_changes():
            continue
        value = getattr(obj, key, None)
        if isinstance(value, str) and (ch := bad_char(value, derived)) is not None:
            from app.services.audit_labels import entity_label, field_label

            table = state.mapper.local_table.name
            raise ValidationError({key: f"{entity_label(table)}的“{field_label(table, key)}”含有无法保存的字符"
                                        f"{describe_char(ch)}，请删除后重试"})


def _before_flush(session: Session, _context, _instances) -> None:  # noqa: ANN001
    for obj in session.new:
        check_instance(obj, True)
    for obj in session.dirty:
        check_instance(obj, False)


def install(factory: sessionmaker) -> None:
    """Check every session the factory makes (idempotent)."""
    if not event.contains(factory, "before_flush", _before_flush):
        event.listen(factory, "before_flush", _before_flush)
