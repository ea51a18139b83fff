"""Check characters of Chinese identity numbers (pure arithmetic; no normalisation).

* 居民身份证号码 (GB 11643-1999): 17 digits + a check character from ISO 7064 MOD 11-2.
* 统一社会信用代码 (GB 32100-2015): 17 characters + a check character, MOD 31.

The user-facing checks (full-width digits, "²", lengths, messages) live in
``app.validation.identity``, which normalises first and then calls these.
Every function here accepts only ASCII input and never raises on it: ``str.isdigit``
is not used because it is true for "²" and "١", which ``int()`` then rejects.
"""

from __future__ import annotations

import datetime as dt

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
ASCII_DIGITS = frozenset("0123456789")

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

# First two digits of a resident ID: the province-level division (GB/T 2260),
# 83 for residence permits of Taiwan residents, 81/82 for Hong Kong and Macao.
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
     50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)


def is_ascii_digits(text: str) -> bool:
    return bool(text) and all(c in ASCII_DIGITS for c in text)


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character of 17 ASCII digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_birth(value: str) -> dt.date | None:
    """The birth date encoded in an 18-character ID, None if it is no real date."""
    if not is_ascii_digits(value[6:14]):
        return None
    try:
        return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character of 17 characters from ``USCC_CHARS``."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]
