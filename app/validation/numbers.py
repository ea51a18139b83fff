"""Record numbers typed or imported (申请编号 and every later numbered kind).

A number that follows the office's pattern is parsed into (year, sequence) by
``app.services.numbering.parse_number`` and compared as numbers: "01号", "1号" and
"１号" are the same.  The year must be a plausible one and the sequence must fit
the counter (a 20-digit sequence would overflow the database column).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.validation.text import Invalid, clean_text, normalise_identifier

NUMBER_LIMIT = 60
_LONG_DIGITS = re.compile(r"[0-9]{13,}")


@dataclass(frozen=True)
class ParsedNumber:
    text: str  # canonical text (the pattern's own form when parsed, else as typed)
    year: int | None
    seq: int | None


def record_number(value: object, pattern: str, doc_code: str, today: dt.date) -> ParsedNumber:
    """Parse and range-check a number; Invalid with the message otherwise."""
    from app.services import numbering  # the numbering service owns patterns and parsing

    text = clean_text(value, NUMBER_LIMIT, printable=True)
    parsed = numbering.parse_number(pattern, doc_code, text)
    if parsed is None:
        # parse_number stops at 12 digits; a longer run that makes the number parse
        # once shortened is a sequence typed far too long (it would overflow the counter).
        long_run = _LONG_DIGITS.search(normalise_identifier(text))
        if long_run and numbering.parse_number(pattern, doc_code, _LONG_DIGITS.sub("1", normalise_identifier(text))):
            raise Invalid(f"编号中的序号有{len(long_run.group())}位数字，超出范围（应为1至{numbering.MAX_SEQ}）")
        return ParsedNumber(text, None, None)
    year, seq = parsed
    if not 2000 <= year <= today.year + 1:
        raise Invalid(f"编号中的年份{year}不对（应在2000年至{today.year + 1}年之间）")
    if not 1 <= seq <= numbering.MAX_SEQ:
        shown = str(seq) if len(str(seq)) <= 12 else f"{str(seq)[:6]}…（{len(str(seq))}位）"
        raise Invalid(f"编号中的序号{shown}超出范围（应为1至{numbering.MAX_SEQ}）")
    return ParsedNumber(numbering.format_number(pattern, doc_code, year, seq), year, seq)
