"""The log and crash reports keep what finds a bug and drop what identifies an applicant."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.logging_setup import format_exception_masked, mask_text, setup_logging

PERSONAL = ["张三丰", "110101199003070011", "13800138000", "zhang@example.com", "北京市东城区"]


@pytest.mark.parametrize("value", PERSONAL)
def test_personal_values_are_masked(value):
    assert value not in mask_text(f"bad value {value} here")
    assert value not in mask_text(f"invalid literal for int() with base 10: '{value}'")


def test_structure_stays_readable():
    assert mask_text("UNIQUE constraint failed: info_request.number") == "UNIQUE constraint failed: info_request.number"
    assert mask_text("list index out of range") == "list index out of range"
    assert mask_text("KeyError: 'applicant_name'") == "KeyError: '＊14'"


def _raise_with(values):
    def inner(row):
        return int(row["phone"])  # ValueError carrying the value

    try:
        inner({"phone": " ".join(values)})
    except ValueError as exc:
        raise RuntimeError("import failed for " + values[0]) from exc


def test_masked_traceback_keeps_frames_and_types():
    with pytest.raises(RuntimeError) as info:
        _raise_with(PERSONAL)
    report = format_exception_masked(info.value)
    for value in PERSONAL:
        assert value not in report
    assert "in inner" in report and "in _raise_with" in report and "test_logging_setup.py" in report
    assert "ValueError" in report and "RuntimeError" in report and "direct cause" in report


def test_sql_parameters_never_reach_the_log(db, tmp_path):
    """hide_parameters on the engine, and the formatter masks what a foreign engine leaks."""
    path = setup_logging(tmp_path)
    with pytest.raises(IntegrityError) as info, db.session(actor="测试") as s:
        s.execute(text("INSERT INTO app_user (login) VALUES (:login)"), {"login": PERSONAL[0]})
    logging.getLogger("gongkai.test").error("write failed: %s", info.value, exc_info=info.value)
    for h in logging.getLogger().handlers:
        h.flush()
    logged = path.read_text(encoding="utf-8")
    assert "IntegrityError" in logged and "app_user" in logged
    assert PERSONAL[0] not in logged and PERSONAL[0] not in str(info.value)


def test_format_string_stays_values_masked(tmp_path):
    path = setup_logging(tmp_path)
    logging.getLogger("gongkai.test").warning("cannot open database %s for %s", "/data/库.sqlite3", PERSONAL[0])
    for h in logging.getLogger().handlers:
        h.flush()
    logged = path.read_text(encoding="utf-8")
    assert "cannot open database" in logged and PERSONAL[0] not in logged
