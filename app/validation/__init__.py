"""The one validation layer: every way data gets in (form, Excel import, command line) uses it.

* :mod:`text` — control characters, length limits, printability, NFKC for identifiers;
* :mod:`contact` — phone numbers, e-mail, postcodes;
* :mod:`identity` — 居民身份证号码 and 统一社会信用代码 (check characters);
* :mod:`dates` — parsing and the sane ranges for events and for the calendar;
* :mod:`fields` — a record's fields described once, with the same messages everywhere;
* :mod:`excel` — reading workbooks defensively and writing cells that are never formulas;
* :mod:`files` — safe file names and attachment names.

Nothing here imports Qt or the database.
"""

from app.validation.fields import Field, Schema, cap_problems, cli_lines, row_problems
from app.validation.text import Invalid, clean_text, normalise_identifier

__all__ = ["Field", "Invalid", "Schema", "cap_problems", "clean_text", "cli_lines", "normalise_identifier",
           "row_problems"]
