"""``gongkai --help`` and every subcommand's help are Chinese, argparse's own words included."""

from __future__ import annotations

import argparse
import re

import pytest

from app.cli import build_parser, main, translate_error

ENGLISH = ("usage:", "options:", "positional arguments", "optional arguments", "show this help",
           "show program's version", "subcommands")
ALLOWED_CAPS = {"PDF", "JSON", "URL", "YYYY", "MM", "DD", "SHA", "CSV", "ID", "GB"}


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


ALL = list(_parsers(build_parser()))


@pytest.mark.parametrize("path, parser", ALL, ids=[" ".join(p) or "gongkai" for p, _ in ALL])
def test_help_is_chinese(path, parser):
    text = parser.format_help()
    for word in ENGLISH:
        assert word not in text.lower(), (path, word)
    assert text.startswith("用法：")
    caps = set(re.findall(r"\b[A-Z][A-Z_]{1,}\b", text)) - ALLOWED_CAPS
    assert not caps, f"English placeholders in gongkai {' '.join(path)} --help: {caps}"
    for action in parser._actions:
        if action.help not in (None, argparse.SUPPRESS):
            assert re.search(r"[\u4e00-\u9fff]", action.help), (path, action.option_strings, action.help)


def test_help_exits_zero(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "用法：gongkai" in capsys.readouterr().out


@pytest.mark.parametrize("argv, words", [
    (["nonsense"], "无效的选项“nonsense”"),
    (["due", "2026-01-01", "--days", "x"], "不是有效的整数"),
    (["due"], "缺少必需的参数"),
    (["due", "2026-01-01", "--bogus"], "无法识别的参数"),
    (["due", "2026-01-01", "--pause", "2026-01-02"], "需要 2 个值"),
])
def test_usage_errors_are_chinese(capsys, argv, words):
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and words in err and "Traceback" not in err
    assert "error" not in err and "argument" not in err


def test_unknown_english_message_passes_through():
    assert translate_error("something new") == "something new"
