"""Workbooks in and out, defensively: one reader guard and one cell writer for every register.

Reading: a hostile or broken file must cost little and end in a Chinese message.
Before openpyxl sees a file we check its size on disk, recognise an encrypted
(password-protected) workbook — Excel stores those as an OLE compound file, not a
zip — and legacy .xls, open the zip ourselves to add up the unpacked sizes (a 1 GiB
cell compresses to a few MB and would cost gigabytes once loaded), and refuse any
XML part with a DOCTYPE (entity expansion; defusedxml is not installed, and no
genuine workbook has one).  Whatever openpyxl still raises is turned into a message.

Writing: :func:`cell` makes a write-only cell whose text is always text — a value
starting with = + - @ (or a tab/CR) is stored as a string, never as a formula, so the
round trip returns the same value — and never raises on a stored character: characters
XML cannot hold are replaced by U+FFFD, text beyond Excel's 32,767-character cell
limit is cut with a note.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from app.validation.text import Invalid

MAX_FILE_BYTES = 100 * 1024 * 1024  # on disk
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # all parts together, unpacked
MAX_PART_BYTES = 256 * 1024 * 1024  # one part (a sheet, the shared strings)
MAX_RATIO = 200  # unpacked/packed per part; real sheets stay well below 100
EXCEL_CELL_LIMIT = 32767
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCTYPE_MARKS = tuple(
    mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CUT_NOTE = "……（超出Excel单元格32767字的上限，以下从略）"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}MB"


def check_workbook_file(path: Path) -> None:
    """Raise Invalid (a Chinese message) unless ``path`` is a plausible, safe .xlsx file."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise Invalid(f"无法读取文件：{exc.strerror or type(exc).__name__}") from None
    if size > MAX_FILE_BYTES:
        raise Invalid(f"文件太大（{_mb(size)}），最大{_mb(MAX_FILE_BYTES)}；请分成几个文件导入")
    if head == OLE_MAGIC:
        if _is_encrypted_ole(path):
            raise Invalid("工作簿设置了打开密码，无法读取。请在Excel中打开，取消密码（文件 → 信息 → 保护工作簿）后另存再导入")
        raise Invalid("这是旧版Excel（.xls）文件，请在Excel中“另存为” .xlsx 格式后再导入")
    if not zipfile.is_zipfile(path):
        raise Invalid("不是Excel（.xlsx）文件，或文件已损坏")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED_BYTES:
                raise Invalid(f"文件解压后太大（{_mb(total)}），最大{_mb(MAX_UNPACKED_BYTES)}；请分成几个文件导入")
            for info in infos:
                if info.file_size > MAX_PART_BYTES or (
                    info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20
                ):
                    raise Invalid(f"文件中的“{info.filename[:60]}”部分异常庞大（解压后{_mb(info.file_size)}），"
                                  "可能有超长的单元格；已拒绝读取")
                if info.filename.lower().endswith((".xml", ".rels")):
                    _refuse_doctype(z, info)
    except Invalid:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError, ValueError):
        raise Invalid("Excel文件已损坏（压缩包结构不完整），请重新保存后再导入") from None


def _refuse_doctype(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    tail = b""
    with z.open(info) as part:
        while chunk := part.read(1 << 20):
            window = tail + chunk
            if any(mark in window for mark in _DOCTYPE_MARKS):
                raise Invalid("文件中含有文档类型声明（DOCTYPE/ENTITY），正常的Excel文件不会有，可能是恶意构造的文件；已拒绝读取")
            tail = window[-32:]


def _is_encrypted_ole(path: Path) -> bool:
    """An OLE file holding "EncryptedPackage" (UTF-16 directory name) is a password-protected .xlsx."""
    mark = "EncryptedPackage".encode("utf-16-le")
    try:
        with path.open("rb") as f:
            data = f.read(min(MAX_FILE_BYTES, 8 << 20))
    except OSError:
        return False
    return mark in data or "EncryptionInfo".encode("utf-16-le") in data


def load_error_message(exc: BaseException) -> str:
    """A Chinese message for whatever openpyxl (or the XML parser under it) raised."""
    name = type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile | EOFError | zlib.error):
        return "Excel文件已损坏（压缩包结构不完整），请重新保存后再导入"
    if isinstance(exc, KeyError):
        return "Excel文件不完整（缺少必需的部分），请在Excel中重新保存后再导入"
    if isinstance(exc, MemoryError):
        return "文件太大，内存不足，请分成几个文件导入"
    if "Parse" in name or "XML" in name.upper() or isinstance(exc, SyntaxError):
        return "Excel文件中的内容已损坏（XML格式错误），请在Excel中重新保存后再导入"
    if name == "InvalidFileException":
        return "不是Excel（.xlsx）文件"
    return f"无法读取Excel文件（{name}），请确认是 .xlsx 格式，并在Excel中重新保存后再试"


def safe_text(value: str) -> str:
    """Text a worksheet can hold: XML-illegal characters and lone surrogates become U+FFFD."""
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(_CUT_NOTE)] + _CUT_NOTE
    return text


def cell(ws, value: object, number_format: str | None = None, font=None) -> WriteOnlyCell:  # noqa: ANN001
    """A write-only cell; text is always stored as text (never a formula) and never makes save() fail."""
    if isinstance(value, str):
        text = safe_text(value)
        c = WriteOnlyCell(ws, value=text)
        c.data_type = "s"  # openpyxl infers "f" (formula) for a leading "="; the value is text
        if text.startswith(FORMULA_START):
            c.quotePrefix = True  # Excel shows it as typed text even after the cell is edited
    else:
        c = WriteOnlyCell(ws, value=value)
    if number_format:
        c.number_format = number_format
    if font is not None:
        c.font = font
    return c


def put(ws, row: int, column: int, value: object):  # noqa: ANN001, ANN201
    """Set a cell of an ordinary (not write-only) sheet with the same rules as :func:`cell`."""
    c = ws.cell(row, column)
    if isinstance(value, str):
        text = safe_text(value)
        c.value = text
        c.data_type = "s"
        if text.startswith(FORMULA_START):
            c.quotePrefix = True
    else:
        c.value = value
    return c


def row(ws, values: list[object]) -> list[object]:  # noqa: ANN001
    """A row of values for ``ws.append``: strings through :func:`cell`, cells and others as they are."""
    return [cell(ws, v) if isinstance(v, str) else v for v in values]


# -- sheets by column name, and byte-reproducible files (the catalogue round trip) -----------------


def cell_text(value: object) -> str:
    """A read cell as the text the user typed: whole numbers without ".0", dates as YYYY-MM-DD."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_sheet(path: Path, sheet: str, columns: list[str], required: list[str]
               ) -> tuple[list[tuple[int, dict[str, object]]], list[str]]:
    """``([(line, {column: raw value})], warnings)`` of one named sheet; blank rows are skipped.

    Raises Invalid for an unsafe or unreadable file, a missing sheet, or missing required
    columns; unknown columns are a warning, not an error.
    """
    with open_workbook(path) as wb:
        return _read_sheet(wb, sheet, columns, required)


@contextlib.contextmanager
def open_workbook(path: Path) -> Iterator:
    """A read-only workbook of a vetted file; every failure, opening or reading, is Invalid.

    The file handle is ours, not openpyxl's: openpyxl leaves its own open when it fails
    half-way through a damaged file.
    """
    from openpyxl import load_workbook

    check_workbook_file(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Invalid(f"无法读取文件：{exc.strerror or type(exc).__name__}") from None
    with handle:
        try:
            wb = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parser raise many types for a bad file
            raise Invalid(load_error_message(exc)) from None
        try:
            yield wb
        except Invalid:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged sheet part fails only when its rows are read
            from app.services.errors import ServiceError

            if isinstance(exc, ServiceError):
                raise
            raise Invalid(load_error_message(exc)) from None
        finally:
            wb.close()


def _read_sheet(wb, sheet: str, columns: list[str], required: list[str]  # noqa: ANN001
                ) -> tuple[list[tuple[int, dict[str, object]]], list[str]]:
    rows = None
    try:
        if sheet not in wb.sheetnames:
            raise Invalid(f"缺少工作表“{sheet}”（现有：{'、'.join(wb.sheetnames)}）")
        rows = wb[sheet].iter_rows(values_only=True)
        header = [cell_text(h) for h in next(rows, None) or ()]
        index = {name: i for i, name in enumerate(header) if name}
        missing = [c for c in required if c not in index]
        if missing:
            raise Invalid(f"工作表“{sheet}”第1行缺少必需的列：{'、'.join(missing)}")
        unknown = [n for n in index if n not in columns]
        warnings = [f"工作表“{sheet}”中以下列不认识，已忽略：{'、'.join(unknown)}"] if unknown else []
        out = []
        for line, raw in enumerate(rows, start=2):
            values = {c: raw[i] if i < len(raw) else None for c, i in index.items() if c in columns}
            if any(cell_text(v) for v in values.values()):
                out.append((line, values))
        return out, warnings
    finally:
        if rows is not None:
            rows.close()  # an unfinished read-only row iterator keeps the sheet's file open


def save_reproducible(wb, path: Path) -> None:  # noqa: ANN001
    """Save so that the same content gives the same bytes (fixed document and zip entry times).

    openpyxl stamps the save time into docProps and every zip entry, so two exports of an
    unchanged register would differ; an office comparing files (or a checksum) must not see that.
    """
    import datetime as dt
    import io

    from openpyxl.writer.excel import ExcelWriter

    fixed = dt.datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    if getattr(wb, "write_only", False) and not wb.worksheets:
        wb.create_sheet()
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    path.write_bytes(out.getvalue())
