"""Generated malformed ledgers: hostile cell values in otherwise good rows, and broken files.

Every refusal is a LedgerError with Chinese ``第N行 列名: 问题`` lines, never another
exception, and the database is unchanged after it.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from app.services.actor import cli_actor
from app.services.requests import ledger, ledger_export
from app.validation import excel
from tests.app.hostile import NASTY, chinese, hostile_text, snapshot

TODAY = dt.date(2025, 6, 1)
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
GOOD = {"申请编号": "", "收到申请日期": dt.date(2025, 3, 3), "申请方式": "当面提交", "申请人类型": "自然人",
        "申请人姓名或名称": "张三", "证件类型": "居民身份证", "证件号码": "11010519491231002X", "联系电话": "13800000000",
        "通信地址": "某县人民路1号", "电子邮箱": "", "申请内容": "预算公开", "获取方式": "纸质", "办理结果": "",
        "答复日期": None, "是否延期": "否", "延期原因": "", "备注": ""}
NUMBERS = ["", "X财公开〔2025〕1号", "X财公开〔2025〕01号", "X财公开〔２０２５〕１号", "X财公开〔2025〕2号",
           "X财公开〔9999〕1号", "X财公开〔2025〕12345678901234567890号", "自编-1", "X财公开〔1999〕3号"]

cell_values = st.one_of(
    hostile_text.map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t).replace("\ud800", "")),
    st.none(), st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.dates(), st.datetimes(), st.times(),
    st.sampled_from(["予以公开", "不予公开/保护第三方合法权益", "不予公开/不知道", "是", "否", "邮寄", "电子邮件",
                     "商业企业", "统一社会信用代码", "护照", "2025-02-30", "2025/3/4", "45000"]),
)


@st.composite
def ledgers(draw):
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        row = dict(GOOD, 申请编号=draw(st.sampled_from(NUMBERS)))
        for col in draw(st.lists(st.sampled_from(ledger.COLUMNS), max_size=3, unique=True)):
            row[col] = draw(cell_values)
        rows.append([row[c] for c in ledger.COLUMNS])
    header = list(ledger.COLUMNS)
    if draw(st.integers(0, 9)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(st.sampled_from(["", "多余", "联系人", None]))
    return header, rows


def _write(path, header, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURES)
@given(sheet=ledgers())
def test_hostile_ledger_rows(office, tmp_path, sheet):
    header, rows = sheet
    path = _write(tmp_path / "hostile.xlsx", header, rows)
    before = snapshot(office)
    try:
        count = ledger.import_ledger(office, cli_actor(), path, today=TODAY)
    except ledger.LedgerError as exc:
        event("refused")
        assert exc.problems and all(chinese(p) for p in exc.problems), exc.problems
        assert snapshot(office) == before
        return
    event("imported")
    assert snapshot(office)["info_request"] == before["info_request"] + count


def _good_bytes(tmp_path) -> bytes:
    return _write(tmp_path / "good.xlsx", ledger.COLUMNS, [[GOOD[c] for c in ledger.COLUMNS]]).read_bytes()


def _rezip(data: bytes, change) -> bytes:  # noqa: ANN001
    """Rewrite a workbook's zip with ``change(name, content) -> content | None`` applied to each part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


MUTATIONS = ["truncate", "flip", "garbage_part", "drop_part", "doctype", "broken_xml", "random", "ole", "empty",
             "html"]


@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURES)
@given(kind=st.sampled_from(MUTATIONS), seed=st.integers(0, 2**32 - 1))
def test_broken_files_give_a_message(office, tmp_path, kind, seed):
    rnd = random.Random(seed)
    data = _good_bytes(tmp_path)
    parts = zipfile.ZipFile(io.BytesIO(data)).namelist()
    victim = rnd.choice(parts)
    if kind == "truncate":
        data = data[: rnd.randrange(len(data))]
    elif kind == "flip":
        buf = bytearray(data)
        for _ in range(rnd.randint(1, 20)):
            buf[rnd.randrange(len(buf))] = rnd.randrange(256)
        data = bytes(buf)
    elif kind == "garbage_part":
        data = _rezip(data, lambda n, c: rnd.randbytes(rnd.randint(0, 300)) if n == victim else c)
    elif kind == "drop_part":
        data = _rezip(data, lambda n, c: None if n == victim else c)
    elif kind == "doctype":
        bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        data = _rezip(data, lambda n, c: bomb + c.split(b"?>", 1)[-1] if n == victim else c)
    elif kind == "broken_xml":
        data = _rezip(data, lambda n, c: c[: rnd.randrange(max(len(c), 1))] if n == victim else c)
    elif kind == "random":
        data = rnd.randbytes(rnd.randint(0, 2000))
    elif kind == "ole":
        data = excel.OLE_MAGIC + rnd.randbytes(600)
    elif kind == "empty":
        data = b""
    else:
        data = "<html><body>台账</body></html>".encode()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data)
    before = snapshot(office)
    try:
        ledger.import_ledger(office, cli_actor(), path, today=TODAY)
    except ledger.LedgerError as exc:
        event(f"{kind}: refused")
        assert all(chinese(p) for p in exc.problems), (kind, exc.problems)
        assert snapshot(office) == before
    else:
        event(f"{kind}: still a readable workbook")  # e.g. only docProps was damaged


def test_oversized_and_encrypted_workbooks_are_refused_before_reading(office, tmp_path):
    data = _good_bytes(tmp_path)
    # a 300 MB cell compresses to a few hundred KB: refused from the zip directory, never unpacked
    big = tmp_path / "big.xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            chunk = b"A" * (1 << 20)
            for _ in range(300):
                part.write(chunk)
    big.write_bytes(out.getvalue())
    with pytest.raises(ledger.LedgerError, match="解压后太大|异常庞大"):
        ledger.read_ledger(office, big, today=TODAY)
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(excel.OLE_MAGIC + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    with pytest.raises(ledger.LedgerError, match="设置了打开密码"):
        ledger.read_ledger(office, encrypted, today=TODAY)
    legacy = tmp_path / "old.xlsx"
    legacy.write_bytes(excel.OLE_MAGIC + b"\0" * 2048)
    with pytest.raises(ledger.LedgerError, match=r"\.xls"):
        ledger.read_ledger(office, legacy, today=TODAY)
    doctype = tmp_path / "entity.xlsx"
    doctype.write_bytes(_rezip(data, lambda n, c: b'<!DOCTYPE x [<!ENTITY a "b">]>' + c if n.endswith("sheet1.xml") else c))
    with pytest.raises(ledger.LedgerError, match="DOCTYPE"):
        ledger.read_ledger(office, doctype, today=TODAY)


def test_nasty_values_survive_export_round_trip(office, clerk, tmp_path):
    """Whatever a register holds goes out as text and comes back the same (formula-looking text included)."""
    from app.services.requests import intake
    from tests.app.conftest_requests import make_input

    kept = [t for t in NASTY if t.startswith(("=", "+", "-", "@"))]
    for i, t in enumerate(kept):
        intake.register(office, clerk, make_input(content=f"{t}", remarks=t, applicant_name=f"张三{i}"), today=TODAY)
    out = tmp_path / "out.xlsx"
    ledger_export.export_ledger(office, out)
    from openpyxl import load_workbook

    ws = load_workbook(out)["台账"]
    contents = {r[10].value: r[10].data_type for r in ws.iter_rows(min_row=2)}
    assert set(contents) == set(kept) and set(contents.values()) == {"s"}
