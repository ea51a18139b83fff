"""Check digits of Chinese identity numbers.

* 居民身份证号码 (GB 11643-1999): 17 digits + a check character from ISO 7064 MOD 11-2.
* 统一社会信用代码 (GB 32100-2015): 17 characters + a check character, MOD 31.
"""

from __future__ import annotations

import datetime as dt

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def resident_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_resident_id(value: str) -> str | None:
    """None if valid, else a Chinese message saying what is wrong."""
    v = value.strip().upper()
    if len(v) != 18:
        return f"居民身份证号码应为18位，现在是{len(v)}位"
    if not v[:17].isdigit():
        return "居民身份证号码前17位应为数字"
    if v[17] not in "0123456789X":
        return "居民身份证号码最后一位应为数字或X"
    try:
        dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return f"居民身份证号码中的出生日期{v[6:14]}不存在"
    expected = resident_id_check_char(v[:17])
    if v[17] != expected:
        return f"居民身份证号码校验码不对（最后一位应为{expected}），请核对是否抄错"
    return None


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str | None:
    v = value.strip().upper()
    if len(v) != 18:
        return f"统一社会信用代码应为18位，现在是{len(v)}位"
    bad = [c for c in v if c not in USCC_CHARS]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）"
    expected = uscc_check_char(v[:17])
    if v[17] != expected:
        return f"统一社会信用代码校验码不对（最后一位应为{expected}），请核对是否抄错"
    return None
