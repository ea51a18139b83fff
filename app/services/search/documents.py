"""What a record's search document is: its searchable fields, normalised, plus pinyin of names.

A register declares a :class:`SearchSpec` in :mod:`app.services.search.catalog`;
everything else (the index tables, keeping them in step, the query paths) is
generic.  Normalisation is applied identically to documents and queries, so
"Ｘ财" finds "x财" and "ZS" finds 张三 ("zs").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import add
from typing import Any

SEP = "\x1f"  # between fields: never typed, so no match spans two fields
FIELD_CHARS = 300  # long texts (申请内容) are indexed by their first 300 characters
PINYIN_CHARS = 100  # initials of long texts: first 100 characters


@dataclass(frozen=True)
class SearchSpec:
    """How one kind of record is searched.

    ``kind`` is the key stored in ``search_doc.kind`` (use the table name);
    ``model`` the ORM class whose flushes keep the index in step; ``fields``
    the attributes searched as typed; ``names`` also searchable by full pinyin
    and initials ("zhangsan", "zs"); ``initials`` by pinyin initials only
    (long free text such as 申请内容: "yszx" finds 预算执行).
    """

    kind: str
    model: type
    fields: tuple[str, ...]
    names: tuple[str, ...] = ()
    initials: tuple[str, ...] = ()

    @property
    def watched(self) -> frozenset[str]:
        """Attributes whose change rewrites the document."""
        return frozenset(self.fields) | frozenset(self.names) | frozenset(self.initials)

    def document(self, get: Callable[[str], Any]) -> str:
        """The body for one record; ``get(field)`` reads a value (ORM object or row mapping)."""
        parts = [normalise(_text(get(f))[:FIELD_CHARS]) for f in self.fields]
        for f in self.names:
            initials, full = pinyin_keys(normalise(_text(get(f))[:FIELD_CHARS]))
            parts += [initials, full]
        for f in self.initials:
            parts.append(pinyin_keys(normalise(_text(get(f))[:PINYIN_CHARS]))[0])
        return SEP.join(p for p in parts if p)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to half-width) and lower case; whitespace runs to one space."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def terms(query: str) -> list[str]:
    """The query's space-separated terms, normalised, without duplicates; all must match."""
    out: list[str] = []
    for t in normalise(query).split(" "):
        if t and t not in out:
            out.append(t)
    return out


@lru_cache(maxsize=200_000)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(initials, full pinyin) so "zs" and "zhangsan" both find 张三.

    Character by character (each character's usual reading, cached), so a
    ledger of 10,000 rows or a demo of a million names costs dictionary
    lookups, not a phrase segmentation per name.  Characters without pinyin
    (digits, letters, punctuation) are kept as they are.
    """
    if not text or text.isascii():
        return "", ""
    pairs = [_char_pinyin(c) for c in text]
    return "".join(p[0] for p in pairs), "".join(p[1] for p in pairs)


@lru_cache(maxsize=50_000)
def _char_pinyin(char: str) -> tuple[str, str]:
    if char.isascii():
        return char, char
    from pypinyin import Style, lazy_pinyin  # imported on first use: keeps start-up fast

    full = lazy_pinyin(char, errors="default")[0].lower()
    if full == char:
        return char, char
    return lazy_pinyin(char, style=Style.FIRST_LETTER, errors="default")[0].lower(), full


_TOKEN_RUN = re.compile(r"[^\W_]+")


def short_grams(body: str) -> str:
    """Every distinct 1- and 2-character piece of each field, space separated.

    Indexed as whole tokens (FTS5 ``unicode61``, ``detail=none``) this makes a
    one- or two-character query one index lookup, which the trigram index
    cannot serve.  Pieces are taken inside runs of letters and digits (what
    unicode61 keeps together), so every piece is exactly one token.
    """
    grams: set[str] = set()
    for run in _TOKEN_RUN.findall(body):  # SEP and spaces are not word characters: runs stay inside fields
        grams.update(run)
        grams.update(map(add, run, run[1:]))
    return " ".join(grams)


def is_token(text: str) -> bool:
    """True when FTS5's unicode61 tokenizer keeps ``text`` as one token (letters, digits, CJK)."""
    return _TOKEN_RUN.fullmatch(text) is not None


def documents(spec: SearchSpec, rows: Iterable[Any]) -> list[tuple[int, str]]:
    """(record id, body) for ORM objects or row mappings that have ``id``."""
    out = []
    for r in rows:
        get = r.get if isinstance(r, dict) else (lambda f, r=r: getattr(r, f))
        out.append((get("id"), spec.document(get)))
    return out
