"""The shared numbering service: per kind and year, gap-free, patterns per kind, numbers compared as numbers."""

import pytest

from app.services import numbering
from app.services.errors import ValidationError

numbering.register_kind("test_notice", "测试告知书编号", "{文号代字}告〔{年}〕{序号:3}号")


def test_kinds_count_separately_and_per_year(db):
    with db.session(actor="测试") as s:
        assert numbering.next_number(s, "test_notice", 2026, "X财") == ("X财告〔2026〕001号", 1)
        assert numbering.next_number(s, "test_notice", 2026, "X财")[1] == 2
        assert numbering.next_seq(s, "request", 2026) == 1
        assert numbering.next_seq(s, "test_notice", 2027) == 1
    with db.session() as s:
        assert numbering.last_seq(s, "test_notice", 2026) == 2


def test_rolled_back_save_leaves_no_gap(db):
    with pytest.raises(RuntimeError), db.session(actor="测试") as s:
        numbering.next_seq(s, "test_notice", 2026)
        raise RuntimeError
    with db.session(actor="测试") as s:
        assert numbering.next_seq(s, "test_notice", 2026) == 1


def test_bump_after_explicit_number(db):
    with db.session(actor="测试") as s:
        numbering.bump_seq(s, "test_notice", 2026, 40)
        numbering.bump_seq(s, "test_notice", 2026, 12)
        assert numbering.next_seq(s, "test_notice", 2026) == 41


def test_pattern_setting_per_kind(db):
    with db.session(actor="测试") as s:
        numbering.set_pattern(s, "test_notice", "告知〔{年}〕第{序号}号")
        assert numbering.next_number(s, "test_notice", 2026, "X财")[0] == "告知〔2026〕第1号"


@pytest.mark.parametrize("typed", ["X财公开〔2026〕12号", "X财公开〔2026〕012号", "X财公开〔２０２６〕１２号",
                                   " X财公开〔2026〕 12号 "])
def test_numbers_compare_as_numbers(typed):
    assert numbering.parse_number("{文号代字}〔{年}〕{序号}号", "X财公开", typed) == (2026, 12)


@pytest.mark.parametrize("pattern", ["", "{序号}", "{年}号", "{年}{序号}{序号}", "{年}{序号}{名称}", "x" * 61])
def test_bad_patterns_refused_in_chinese(pattern):
    with pytest.raises(ValidationError) as exc:
        numbering.check_pattern(pattern)
    assert "编号格式" in str(exc.value)
