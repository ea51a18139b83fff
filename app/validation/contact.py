"""Phone numbers, e-mail addresses and postcodes as Chinese offices meet them."""

from __future__ import annotations

import re

from app.validation.text import Invalid, normalise_identifier

PHONE_LIMIT = 40
EMAIL_LIMIT = 100

_MOBILE = re.compile(r"(?:\+?86-?|0086-?)?1[3-9]\d{9}")
# Area code 010/02x (3 digits) or 0xxx (4 digits), then 7-8 digits; brackets or a hyphen allowed.
_LANDLINE = re.compile(r"(?:\+?86-?|0086-?)?(?:\(0\d{2,3}\)|0\d{2,3}-?)[2-9]\d{6,7}")
_SERVICE = re.compile(r"[48]00-?\d{3}-?\d{4}")
_EXTENSION = re.compile(r"(?:-|转|分机|ext\.?|x|#)(\d{1,6})", re.IGNORECASE)
_SEPARATORS = re.compile(r"[/,，、;；]|或")
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
)

PHONE_HELP = ("手机号码为1开头的11位数字；固定电话须带区号，如 0591-87654321，分机写作“转123”；"
              "也可填400/800电话")


def _one_phone(text: str) -> bool:
    if _MOBILE.fullmatch(text.replace("-", "")) or _SERVICE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return True
    for m in _EXTENSION.finditer(text):
        head = text[: m.start()]
        if m.end() == len(text) and (_LANDLINE.fullmatch(head) or _SERVICE.fullmatch(head)):
            return True
    return False


def phone(value: str) -> str:
    """One or more numbers separated by "/" "、" or "或"; returned NFKC-normalised, spaces removed."""
    text = normalise_identifier(value)
    parts = [p for p in _SEPARATORS.split(text) if p]
    if not parts:
        raise Invalid("请填写联系电话")
    if len(parts) > 3:
        raise Invalid("最多填写3个电话号码")
    for p in parts:
        if not _one_phone(p):
            if p.isdigit() and 7 <= len(p) <= 8 and p[0] != "0":
                raise Invalid(f"固定电话“{p}”缺少区号，请写成“区号-号码”，如 0591-{p}")
            raise Invalid(f"“{p}”不是有效的电话号码（{PHONE_HELP}）")
    return text


def email(value: str) -> str:
    text = value.strip()
    text = normalise_identifier(text) if not any(ch.isspace() for ch in text) else text  # "a b@c.cn" stays wrong
    if not _EMAIL.fullmatch(text):
        raise Invalid("电子邮箱格式不对，应写成 name@example.cn 的形式")
    return text


def postcode(value: str) -> str:
    text = normalise_identifier(value)
    if not (len(text) == 6 and text.isascii() and text.isdigit()):
        raise Invalid("邮政编码应为6位数字")
    return text
