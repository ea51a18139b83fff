"""Describe a record's fields once; the form, the Excel import and the command line check with it.

A :class:`Field` says what a value is (its label as the user sees it, its kind,
its length limit, whether it is required and what to say if it is missing, the
allowed choices).  :meth:`Schema.check` cleans a mapping of raw values and returns
the cleaned values and a message per bad field.  The message never contains the
label, so each way in adds the label the way it shows it:

* the form: the message next to the field (``ValidationError(errors)``);
* the import: ``第N行 列名: 消息`` (:func:`row_problems`);
* the command line: ``列名：消息`` (:func:`cli_lines`).

The words are therefore identical whatever the source, which the tests check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from app.validation import contact, identity
from app.validation.text import Invalid, clean_text, normalise_identifier

Cleaner = Callable[[str], str]


def _identifier(value: str) -> str:
    return normalise_identifier(value)


KINDS: dict[str, Cleaner | None] = {
    "text": None,  # one line of free text (a name, an address)
    "multiline": None,  # several lines of free text (a request's content, remarks)
    "identifier": _identifier,  # NFKC, no spaces (a record number, a document number)
    "phone": contact.phone,
    "email": contact.email,
    "postcode": contact.postcode,
    "other_id": identity.other_id,
}


@dataclass(frozen=True)
class Field:
    """One input field.  ``limit`` is in characters and is told to the user (:attr:`hint`)."""

    name: str
    label: str
    limit: int
    kind: str = "text"
    required: str = ""  # the message when blank; empty means optional
    choices: tuple[str, ...] = ()
    default: str = ""  # used when blank (the import's "留空为纸质")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")

    @property
    def hint(self) -> str:
        """What the form shows as a tooltip and the template's 说明 sheet lists."""
        if self.choices:
            return "可选：" + "、".join(self.choices)
        return ("必填，" if self.required else "") + f"最多{self.limit}个字"

    def clean(self, value: object) -> str:
        """The cleaned value, or Invalid with the message."""
        text = clean_text(value, self.limit, multiline=self.kind == "multiline",
                          printable=self.kind in ("text", "multiline"))
        if not text:
            if self.default:
                return self.default
            if self.required:
                raise Invalid(self.required)
            return ""
        if self.choices:
            if text not in self.choices:
                raise Invalid(f"“{text}”不是可选的值（可选：{'、'.join(self.choices)}）")
            return text
        cleaner = KINDS[self.kind]
        return cleaner(text) if cleaner is not None else text


class Schema:
    """The fields of one record type, in the order they are shown."""

    def __init__(self, fields: Iterable[Field]) -> None:
        self.fields = tuple(fields)
        self.by_name = {f.name: f for f in self.fields}
        self.by_label = {f.label: f for f in self.fields}

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    def label(self, name: str) -> str:
        f = self.by_name.get(name)
        return f.label if f is not None else name

    def check(self, values: Mapping[str, object], only: Iterable[str] | None = None
              ) -> tuple[dict[str, str], dict[str, str]]:
        """(cleaned values, {field name: message}) for the fields present in ``values``."""
        names = set(only) if only is not None else None
        cleaned: dict[str, str] = {}
        errors: dict[str, str] = {}
        for f in self.fields:
            if f.name not in values or (names is not None and f.name not in names):
                continue
            try:
                cleaned[f.name] = f.clean(values[f.name])
            except Invalid as exc:
                errors[f.name] = str(exc)
        return cleaned, errors


def row_problems(line: int, errors: Mapping[str, str], schema: Schema) -> list[str]:
    """``第N行 列名: 消息`` for every bad field, as the import lists them."""
    return [f"第{line}行 {schema.label(name)}: {msg}" for name, msg in errors.items()]


def cli_lines(errors: Mapping[str, str], schema: Schema) -> list[str]:
    """``列名：消息`` lines for the command line."""
    return [f"{schema.label(name)}：{msg}" if name else msg for name, msg in errors.items()]


MAX_LISTED = 200


def cap_problems(problems: list[str], limit: int = MAX_LISTED) -> list[str]:
    """The first ``limit`` problems and one line counting the rest (a broken file can have millions)."""
    if len(problems) <= limit:
        return problems
    return [*problems[:limit], f"……另有{len(problems) - limit}处问题未列出（共{len(problems)}处）"]
