"""File names from record data, attachment names and sizes."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services import letters
from app.services.errors import ValidationError
from app.services.requests import actions, queries
from app.validation.files import safe_filename, stored_name, unique_path
from tests.app.hostile import NASTY

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


@pytest.mark.parametrize(("name", "safe"), [
    ("X财公开〔2025〕1号-答复告知书-第1版.pdf", "X财公开〔2025〕1号-答复告知书-第1版.pdf"),
    ("C:\\Windows\\evil.pdf", "C__Windows_evil.pdf"),
    ("../../etc/passwd", "_._etc_passwd"),
    ("CON.pdf", "_CON.pdf"), ("nul", "_nul"), ("com1.txt.pdf", "_com1.txt.pdf"),
    ("名称. ", "名称"), ("...", "文件"), ("  .pdf", "文件.pdf"), ("abc\u202efdp.exe", "abcfdp.exe"),
])
def test_safe_filename_examples(name, safe):
    assert safe_filename(name) == safe


@settings(max_examples=500, deadline=None)
@given(name=st.one_of(st.text(max_size=300), st.sampled_from(NASTY), st.sampled_from(sorted(RESERVED))))
def test_safe_filename_is_safe_on_windows(name):
    safe = safe_filename(name)
    assert safe and len(safe) <= 131
    assert not any(c in safe for c in '\\/:*?"<>|') and not any(ord(c) < 32 for c in safe)
    assert ".." not in safe and not safe.endswith((".", " "))
    assert safe.split(".")[0].strip().upper() not in RESERVED


def test_unique_path_never_reuses_a_name(tmp_path):
    first = unique_path(tmp_path, "a.pdf")
    first.write_bytes(b"1")
    second = unique_path(tmp_path, "a.pdf")
    assert second.name == "a (2).pdf"
    second.write_bytes(b"2")
    assert unique_path(tmp_path, "a.pdf").name == "a (3).pdf"


def test_batch_export_keeps_existing_files(office, clerk, registered, tmp_path):
    info = letters.issue(office, clerk, registered, "receipt")
    out = tmp_path / "out"
    out.mkdir()
    (out / info.filename).write_bytes(b"mine")
    assert letters.export_batch(office, [info, info], out) == 2
    assert (out / info.filename).read_bytes() == b"mine"
    stem = info.filename[:-4]
    assert (out / f"{stem} (2).pdf").read_bytes()[:4] == b"%PDF" and (out / f"{stem} (3).pdf").exists()


def test_attachment_size_checked_before_reading_and_name_cleaned(office, clerk, registered, tmp_path, monkeypatch):
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(actions.MAX_ATTACHMENT + 1)  # sparse: costs no disk
    read = []
    monkeypatch.setattr(type(big), "read_bytes", lambda self: read.append(self) or b"")
    with pytest.raises(ValidationError, match="附件不能超过"):
        actions.add_attachment(office, clerk, registered, big, today=dt.date(2025, 3, 3))
    assert not read
    sneaky = tmp_path / "发票\u202efdp.exe"
    sneaky.write_bytes(b"x")
    actions.add_attachment(office, clerk, registered, sneaky, today=dt.date(2025, 3, 3))
    assert queries.detail(office, registered).attachments[-1].filename == "发票fdp.exe"
    with pytest.raises(ValidationError, match="找不到文件"):
        actions.add_attachment(office, clerk, registered, tmp_path / "none.pdf", today=dt.date(2025, 3, 3))
    assert stored_name("x" * 300 + ".pdf").endswith(".pdf") and len(stored_name("x" * 300 + ".pdf")) == 200
