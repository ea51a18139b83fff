"""Generated command lines: whatever is typed, a Chinese answer and an exit code, never a traceback."""

from __future__ import annotations

import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ui.application
from app.cli import main
from app.db import open_database

COMMANDS = ["due", "import", "export", "letter", "report", "audit-check", "ledger", "template", "annual",
            "catalogue", "notices"]
PREFIXES = [[], ["due"], ["import", "ledger"], ["import", "catalogue"], ["export", "ledger"], ["export", "template"],
            ["export", "notices"], ["export", "catalogue"], ["letter"], ["report", "annual"], ["audit-check"]]
OPTIONS = ["--db", "--days", "--extension", "--pause", "--json", "--year", "-o", "--output", "--list", "--full",
           "--help", "-h", "--version", "--bogus"]
VALUES = ["2026-09-25", "2026-02-30", "20261120", "2026年11月20日", "0", "-5", "99999999999999999999", "x",
          "1850-01-01", "9999-12-31", "receipt", "reply", "X财公开〔2026〕1号", "", " ", "\x00", "ＡＢＣ",
          "postgresql://u:p@127.0.0.1:1/x", "foo://x", "/nonexistent/dir/x.sqlite3", "out.xlsx", "out.pdf"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(PREFIXES),
       st.lists(st.sampled_from(COMMANDS + OPTIONS + VALUES) | st.text(max_size=12), max_size=7))
def test_no_command_line_ends_in_a_traceback(tmp_path, monkeypatch, prefix, rest):
    argv = [*prefix, *rest]
    monkeypatch.setattr(ui.application, "run_gui", lambda db: 0)  # no command: would open the window
    monkeypatch.chdir(tmp_path)
    if not (tmp_path / "gk.sqlite3").exists():  # a real register, so commands get past opening it
        open_database(tmp_path / "gk.sqlite3").dispose()
    if argv and argv[0] == "--db":
        argv = argv[1:]
    argv = ["--db", str(tmp_path / "gk.sqlite3"), *argv] if "--db" not in argv else argv
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help / --version (0) or a usage error (2)
            code = exc.code
    text = err.getvalue()
    assert "Traceback" not in text, (argv, text)
    assert "程序内部错误" not in text, (argv, text)
    assert isinstance(code, int)
    assert all(ch.isprintable() or ch == "\n" for ch in text), (argv, text)  # typed control chars escaped
    if code:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), (argv, text)
