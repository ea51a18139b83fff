"""text_field: one form field through the shared text rules, its problem collected under its key."""

from __future__ import annotations

from app.validation.text import text_field


def test_clean_value_comes_back_and_leaves_no_error():
    errors: dict[str, str] = {}
    assert text_field(errors, "place", "  三楼会议室 ", 100, label="会议地点") == "三楼会议室"
    assert errors == {}


def test_a_broken_rule_is_labelled_and_the_value_dropped():
    errors: dict[str, str] = {}
    assert text_field(errors, "place", "x" * 101, 100, label="会议地点", required="请填写会议地点") == ""
    assert errors == {"place": "会议地点不能超过100个字（现有101个）"}
    errors.clear()
    assert text_field(errors, "owner", "王\x00股长", 60) == "" and errors["owner"].startswith("含有")


def test_blank_is_refused_only_with_a_required_message():
    errors: dict[str, str] = {}
    assert text_field(errors, "note", "   ", 100, label="说明") == "" and errors == {}
    text_field(errors, "what", "\n", 2000, label="整改内容", required="请写明需要整改的问题", multiline=True)
    assert errors == {"what": "请写明需要整改的问题"}


def test_lines_are_kept_only_in_a_multiline_field():
    errors: dict[str, str] = {}
    assert text_field(errors, "issues", "第一条\r\n第二条", 100, multiline=True) == "第一条\n第二条" and errors == {}
    text_field(errors, "place", "第一条\n第二条", 100, label="会议地点")
    assert errors["place"].startswith("会议地点")
