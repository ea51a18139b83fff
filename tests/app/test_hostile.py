"""Generated malformed input through the service layer, the holiday files and the command line.

Every refusal must be a Chinese message (a ServiceError, a format error, or a non-zero
exit code with one line on stderr), never a traceback, and must leave the database as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.calendar.schedule_io import ScheduleFormatError, parse_schedule
from app.cli import main
from app.domain.vocab import APPLICANT_TYPES, CHANNELS, DELIVERY_FORMS, ID_TYPES
from app.services import holidays
from app.services.errors import ServiceError
from app.services.requests import intake
from tests.app.hostile import NASTY, chinese, hostile_text, snapshot

TODAY = dt.date(2025, 6, 1)
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]


VALID = dict(channel="当面提交", received_date=dt.date(2025, 3, 3), applicant_type="自然人", applicant_name="张三",
             id_type="居民身份证", id_number="11010519491231002X", phone="13800000000", address="某县人民路1号",
             postcode="350000", email="a@b.cn", contact_person="王经理", content="2024年预算公开情况",
             delivery_form="纸质", remarks="")
FIELD_VALUES = {
    "channel": st.one_of(st.sampled_from(CHANNELS), hostile_text),
    "received_date": st.one_of(st.none(), st.dates(), st.dates(dt.date(1999, 12, 1), dt.date(2026, 1, 31))),
    "applicant_type": st.one_of(st.sampled_from(APPLICANT_TYPES), hostile_text),
    "id_type": st.one_of(st.sampled_from(ID_TYPES), hostile_text),
    "delivery_form": st.one_of(st.sampled_from(DELIVERY_FORMS), hostile_text),
}
# A valid request with one to three fields replaced by hostile values: each example reaches
# the checks of the fields it did not break, and some get through and are saved.
request_inputs = st.builds(
    lambda changes, oral: intake.RequestInput(**{**VALID, **changes}, oral=oral),
    st.dictionaries(st.sampled_from(sorted(VALID)), hostile_text, max_size=3).flatmap(
        lambda d: st.fixed_dictionaries({k: FIELD_VALUES.get(k, st.just(v)) for k, v in d.items()})),
    st.booleans(),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=FIXTURES)
@given(data=request_inputs)
def test_counter_form_refuses_cleanly(office, clerk, data):
    before = snapshot(office)
    try:
        rid = intake.register(office, clerk, data, today=TODAY)
    except ServiceError as exc:
        event("refused")
        assert chinese(str(exc)), str(exc)
        assert snapshot(office) == before
        return
    event("registered")
    assert rid and snapshot(office)["info_request"] == before["info_request"] + 1


# -- holiday files -------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)
def _day(d: dt.date, off: bool, name: str) -> dict:
    return {"name": name, "date": d.isoformat(), "isOffDay": off}


good_days = st.lists(st.builds(_day, st.dates(dt.date(2027, 1, 1), dt.date(2027, 12, 31)), st.booleans(),
                               st.sampled_from(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", ""])),
                     min_size=1, max_size=10)
spoiled_day = st.fixed_dictionaries({}, optional={"date": json_values, "isOffDay": json_values, "name": json_values})
holiday_json = st.one_of(
    st.builds(lambda days, bad, at: {"year": 2027, "days": days[:at] + bad + days[at:]},
              good_days, st.lists(spoiled_day, max_size=2), st.integers(0, 10)),
    st.builds(lambda days, year: {"year": year, "days": days}, good_days, json_values),
    st.fixed_dictionaries({"days": json_values}, optional={"year": json_values}),
).map(lambda d: json.dumps(d, ensure_ascii=False))
text_lines = st.lists(
    st.tuples(st.sampled_from(["休", "班", "放假", "x", ""]), st.dates(dt.date(2026, 12, 25), dt.date(2028, 1, 5)),
              st.sampled_from(["", " 至 ", "..", "~"]), st.dates(dt.date(2026, 12, 25), dt.date(2028, 1, 5)),
              hostile_text),
    max_size=8,
).map(lambda rows: "\n".join(f"{k} {a}{sep}{b if sep else ''} {n}" for k, a, sep, b, n in rows))
schedule_texts = st.one_of(holiday_json, text_lines, hostile_text, json_values.map(json.dumps),
                           st.integers(1, 3000).map(lambda n: "[" * n + "]" * n))


@settings(max_examples=1000, deadline=None, suppress_health_check=FIXTURES)
@given(text=schedule_texts)
def test_holiday_files_refused_cleanly(db, admin, text):
    try:
        schedule = parse_schedule(text)
    except ScheduleFormatError as exc:
        event("format refused")
        assert chinese(str(exc)), str(exc)
        return
    event("parsed")
    before = snapshot(db)
    try:
        holidays.enter_year(db, admin.actor(), schedule, "测试")
    except ServiceError as exc:
        assert chinese(str(exc)), str(exc)
        assert snapshot(db) == before


# -- the command line, in-process -------------------------------------------------------------

def run_cli(argv: list[str]) -> tuple[object, str, str]:
    """Run main() as the console would; any exception other than SystemExit escapes (= a traceback)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli_world(office, registered, tmp_path):
    """A database with one request, plus files a hostile user might point the commands at."""
    bad_xlsx = tmp_path / "bad.xlsx"
    bad_xlsx.write_bytes(b"PK\x03\x04 not really a zip")
    folder = tmp_path / "folder"
    folder.mkdir()
    paths = [str(office.path), str(bad_xlsx), str(folder), str(tmp_path / "missing" / "x.sqlite3"),
             str(tmp_path / "out.xlsx"), str(tmp_path / "out.pdf"), str(tmp_path / "out.docx"),
             str(tmp_path / "out.txt"), str(folder / "o.xlsx")]
    return office, paths


COMMANDS = [["due"], ["import", "ledger"], ["import", "catalogue"], ["import"], ["export", "ledger"],
            ["export", "template"], ["export", "catalogue"], ["export", "notices"], ["export"], ["letter"],
            ["letter", "--list"], ["report", "annual"], ["report"]]
FLAGS = ["--json", "--extension", "--pause", "--days", "--year", "-o", "--output", "--db", "--list", "--help",
         "-h", "--version", "--bogus", "--"]
VALUES = ["2026-09-25", "2026-12-20", "9999-12-31", "0001-01-01", "2026-02-30", "-1", "0", "20", "2025",
          "99999999999999999999", "1e3", "abc", "", "²", "２０２６-０９-２５", "X财公开〔2025〕1号", "reply",
          "receipt", "postgresql://nobody@127.0.0.1:1/x", "mysql://x/y", "sqlite:////nonexistent/dir/x.db"]


value = st.one_of(st.sampled_from(VALUES), st.sampled_from([t for t in NASTY if "\x00" not in t and len(t) < 100]))
path = st.integers(0, 8)  # index into cli_world's paths
# Well-formed commands with hostile values (they reach the command's own checks) and random token soup.
structured = st.one_of(
    st.tuples(st.just(["due"]), st.lists(value, min_size=1, max_size=1),
              st.lists(st.one_of(st.tuples(st.sampled_from(["--extension", "--days"]), value).map(list),
                                 st.tuples(st.just("--pause"), value, value).map(list), st.just(["--json"])),
                       max_size=2).map(lambda xs: [t for x in xs for t in x])).map(lambda t: t[0] + t[1] + t[2]),
    st.tuples(st.sampled_from([["import", "ledger"], ["import", "catalogue"]]), path).map(lambda t: [*t[0], t[1]]),
    st.tuples(st.sampled_from([["export", "ledger"], ["export", "template"], ["export", "catalogue"],
                               ["export", "notices"]]), path,
              st.lists(st.tuples(st.just("--year"), value).map(list), max_size=1)).map(
        lambda t: [*t[0], "-o", t[1], *(x for y in t[2] for x in y)]),
    st.tuples(st.one_of(value, st.just("X财公开〔2025〕1号")), st.sampled_from(["receipt", "reply", "bogus", ""]),
              path).map(lambda t: ["letter", t[0], t[1], "-o", t[2]]),
    st.tuples(value, path, st.booleans()).map(
        lambda t: ["report", "annual", "--year", t[0], "-o", t[1], *(["--json"] if t[2] else [])]),
)
soup = st.tuples(st.sampled_from(COMMANDS),
                 st.lists(st.one_of(st.sampled_from(FLAGS), value, path), max_size=6)).map(lambda t: t[0] + t[1])


@settings(max_examples=400, deadline=None, suppress_health_check=FIXTURES)
@given(tokens=st.one_of(structured, structured, soup), db_first=st.booleans())
def test_command_line_never_shows_a_traceback(cli_world, tokens, db_first):
    office, paths = cli_world
    argv = [paths[t] if isinstance(t, int) else t for t in tokens]
    argv = (["--db", paths[0], *argv]) if db_first else [*argv, "--db", paths[0]]
    before = snapshot(office)
    code, out, err = run_cli(argv)
    event(f"exit {code}")
    assert "Traceback" not in err and "Traceback" not in out, (argv, err)
    assert code is None or isinstance(code, int), (argv, code)
    if code not in (0, None):
        assert chinese(err) or err == "", (argv, err)
        if argv[0] == "import" or argv[2] == "import":
            assert snapshot(office) == before, argv
