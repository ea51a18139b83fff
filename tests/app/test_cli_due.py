import datetime as dt
import json

import pytest

from app.calendar import YearSchedule
from app.cli import main
from app.services import holidays


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out.strip(), out.err


def test_example(capsys):
    assert run(capsys, "due", "2026-09-25") == (0, "2026-10-29", "")


def test_extension_and_pause(capsys):
    code, out, _ = run(capsys, "due", "2025-03-03", "--extension", "5")
    assert out == "2025-04-08"
    code, out, _ = run(capsys, "due", "2025-03-03", "--pause", "2025-03-10", "2025-03-14")
    assert out == "2025-04-08"
    code, out, _ = run(capsys, "due", "2025-03-03", "--days", "1")
    assert out == "2025-03-04"


def test_provisional_2027(capsys):
    code, out, err = run(capsys, "due", "2026-12-20", "--json")
    data = json.loads(out)
    assert code == 0 and data["provisional"] is True and data["provisional_years"] == [2027]
    assert "警告" in err and "2027年" in err


@pytest.mark.parametrize(
    "args",
    [("due", "2026-02-30"), ("due",), ("due", "2026-01-01", "--days", "x"),
     ("due", "2026-01-01", "--pause", "2026-01-05", "2026-01-02"), ("due", "2026-01-01", "--days", "0")],
)
def test_bad_input_is_chinese_with_exit_2(capsys, args):
    with pytest.raises(SystemExit) if "x" in args or len(args) == 1 else _noop():
        code = main(list(args))
        assert code == 2
    err = capsys.readouterr().err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


class _noop:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def test_entered_year_in_database_counts(db, admin, capsys):
    path = db.path
    holidays.enter_year(db, admin.actor(), YearSchedule(2027, frozenset({dt.date(2027, 1, 1), dt.date(2027, 1, 4)})),
                        confirm=True)
    db.dispose()
    code, out, err = run(capsys, "--db", str(path), "due", "2026-12-20", "--json")
    data = json.loads(out)
    assert data["provisional"] is False and data["due"] == "2027-01-19"
    # --db after the command works too
    code, out, err = run(capsys, "due", "2026-12-20", "--db", str(path))
    assert out == "2027-01-19" and err == ""
