"""Identity document numbers: normalise what was typed, then check it (GB 11643, GB 32100).

Full-width digits ("１１０１…"), superscripts ("²") and spaces are common in pasted
data; they are normalised by NFKC before checking, and anything that is still not
an ASCII digit is refused with a message instead of reaching ``int()``.
"""

from __future__ import annotations

import datetime as dt
import re

from app.domain import ids
from app.validation.text import Invalid, describe_char, normalise_identifier

ID_LIMIT = 40
_OTHER_ID = re.compile(r"[A-Za-z0-9()\-./]+")


def resident_id(value: str, today: dt.date | None = None) -> str:
    """A valid 居民身份证号码 in canonical form (ASCII, upper-case X) or Invalid."""
    v = normalise_identifier(value).upper()
    if len(v) == 15 and ids.is_ascii_digits(v):
        raise Invalid("15位的旧身份证号码已停止使用，请填写18位号码")
    if len(v) != 18:
        raise Invalid(f"居民身份证号码应为18位，现在是{len(v)}位")
    for ch in v[:17]:
        if ch not in ids.ASCII_DIGITS:
            raise Invalid(f"居民身份证号码前17位应为数字，其中有{describe_char(ch)}")
    if v[17] not in "0123456789X":
        raise Invalid("居民身份证号码最后一位应为数字或X")
    if int(v[:2]) not in ids.PROVINCES:
        raise Invalid(f"居民身份证号码前两位“{v[:2]}”不是省级行政区划代码")
    birth = ids.resident_id_birth(v)
    if birth is None:
        raise Invalid(f"居民身份证号码中的出生日期{v[6:14]}不存在")
    if birth.year < 1900 or birth > (today or dt.date.today()):
        raise Invalid(f"居民身份证号码中的出生日期{v[6:14]}不可能")
    expected = ids.resident_id_check_char(v[:17])
    if v[17] != expected:
        raise Invalid(f"居民身份证号码校验码不对（最后一位应为{expected}），请核对是否抄错")
    return v


def uscc(value: str) -> str:
    """A valid 统一社会信用代码 in canonical form or Invalid."""
    v = normalise_identifier(value).upper()
    if len(v) != 18:
        raise Invalid(f"统一社会信用代码应为18位，现在是{len(v)}位")
    bad = [c for c in v if c not in ids.USCC_CHARS]
    if bad:
        raise Invalid(f"统一社会信用代码含有不允许的字符{describe_char(bad[0])}（不使用 I、O、Z、S、V）")
    expected = ids.uscc_check_char(v[:17])
    if v[17] != expected:
        raise Invalid(f"统一社会信用代码校验码不对（最后一位应为{expected}），请核对是否抄错")
    return v


def other_id(value: str) -> str:
    """Passports, permits and the like: letters, digits and - ( ) . / only."""
    v = normalise_identifier(value).upper()
    if not _OTHER_ID.fullmatch(v) or not v.isascii():
        bad = next((c for c in v if not (c.isascii() and _OTHER_ID.fullmatch(c))), v[:1])
        raise Invalid(f"证件号码只能包含字母、数字和 - ( ) . /，其中有{describe_char(bad)}")
    return v


def validate_resident_id(value: str) -> str | None:
    """None if valid, else the message — for callers that collect messages."""
    try:
        resident_id(value)
    except Invalid as exc:
        return str(exc)
    return None


def validate_uscc(value: str) -> str | None:
    try:
        uscc(value)
    except Invalid as exc:
        return str(exc)
    return None
