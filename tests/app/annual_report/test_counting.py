"""Table 三/四 counts against an independent count over generated data (carry-over across two year
boundaries, 补正 restarts, consultations, withdrawals, lapses), the balance check and drill-down."""

import datetime as dt
import random

import pytest

from app.db.models import DisputeCase, InfoRequest
from app.domain import taxonomy
from app.domain.vocab import APPLICANT_TYPES, State
from app.services.annual_report import counting

D = dt.date
ACTOR = "测试"


def _row(i: int, received: D, applicant: str, closed: D | None = None, code: str = "",
         withdrawn: D | None = None, **kw) -> InfoRequest:
    state = State.WITHDRAWN if withdrawn else State.ANSWERED if closed else State.PROCESSING
    return InfoRequest(number=f"T{i:05d}", year=received.year, seq=i, channel="当面提交", received_date=received,
                       applicant_type=applicant, applicant_name=f"申请人{i}", content="内容", state=state.value,
                       clock_start=kw.pop("clock_start", received), due_date=received + dt.timedelta(days=28),
                       result_code=code if closed else "", reply_date=closed, withdrawn_date=withdrawn, **kw)


def generate(db, n: int = 400, seed: int = 7) -> list[InfoRequest]:
    """Requests received 2023-2026; some stay open over one or two year ends."""
    rng = random.Random(seed)
    leaves = [leaf.code for leaf in taxonomy.LEAVES]
    rows = []
    for i in range(n):
        received = D(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 4 * 365))
        applicant = rng.choice(APPLICANT_TYPES)
        fate = rng.random()
        kw: dict = {}
        if rng.random() < 0.15:  # 补正 restart: the clock restarts, the date of receipt does not change
            kw["correction_received"] = received + dt.timedelta(days=rng.randrange(3, 20))
            kw["clock_start"] = kw["correction_received"]
        if fate < 0.08:
            rows.append(_row(i, received, applicant, **kw))  # still open
        elif fate < 0.18:
            rows.append(_row(i, received, applicant, withdrawn=received + dt.timedelta(days=rng.randrange(0, 60)),
                             **kw))
        else:
            lag = rng.choice([0, 5, 20, 45, 90, 400, 800])  # 400/800: over one or two year ends
            rows.append(_row(i, received, applicant, received + dt.timedelta(days=lag), rng.choice(leaves), **kw))
    with db.session(actor=ACTOR) as s:
        s.add_all(rows)
    return rows


def independent(rows: list[InfoRequest], year: int) -> dict[str, list[int]]:
    """The rules written out once more in plain Python, row by row."""
    first, last = D(year, 1, 1), D(year, 12, 31)
    cols = {"自然人": 0, "商业企业": 1, "科研机构": 2, "社会公益组织": 3, "法律服务机构": 4, "其他组织": 5}
    out: dict[str, list[int]] = {}

    def add(key: str, col: int) -> None:
        out.setdefault(key, [0] * 7)
        out[key][col] += 1
        out[key][6] += 1

    for r in rows:
        col = cols[r.applicant_type]
        closed = r.reply_date or r.withdrawn_date
        leaf = taxonomy.BY_CODE[r.result_code] if r.result_code else taxonomy.BY_CODE["6.3"] if r.withdrawn_date else None
        if first <= r.received_date <= last:
            add("本年新收", col)
        if r.received_date < first and (closed is None or closed >= first):
            add("上年结转", col)
        if closed is not None and first <= closed <= last:
            add(leaf.label, col)
            if leaf.label != leaf.category:
                add(leaf.category, col)
            add("总计", col)
        if r.received_date <= last and (closed is None or closed > last):
            add("结转下年度继续办理", col)
    return out


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_table3_matches_an_independent_count(db, year):
    rows = generate(db)
    with db.session() as s:
        t3 = counting.table3(s, year)
        assert counting.check(s, year) == []
    expected = independent(rows, year)
    for key in counting.ROWS:
        assert t3.rows[key] == expected.get(key, [0] * 7), key
    assert t3.adds_up
    assert t3.rows["其他处理/其他"][6] >= sum(1 for r in rows if r.withdrawn_date and r.withdrawn_date.year == year)


def test_carried_over_across_two_year_ends(db):
    rows = [_row(1, D(2024, 12, 20), "自然人", D(2026, 3, 2), "1"), _row(2, D(2024, 6, 1), "商业企业")]
    with db.session(actor=ACTOR) as s:
        s.add_all(rows)
    with db.session() as s:
        t24, t25, t26 = (counting.table3(s, y) for y in (2024, 2025, 2026))
    assert t24.rows["本年新收"][6] == 2 and t24.rows["结转下年度继续办理"][6] == 2
    assert t25.rows["上年结转"][6] == 2 and t25.rows["总计"][6] == 0 and t25.rows["结转下年度继续办理"][6] == 2
    assert t26.rows["上年结转"] == [1, 1, 0, 0, 0, 0, 2] and t26.rows["予以公开"] == [1, 0, 0, 0, 0, 0, 1]
    assert t26.rows["结转下年度继续办理"] == [0, 1, 0, 0, 0, 0, 1]
    assert all(t.adds_up for t in (t24, t25, t26))


def test_withdrawal_counts_under_other_handling_3(db):
    with db.session(actor=ACTOR) as s:
        s.add(_row(1, D(2026, 3, 2), "法律服务机构", withdrawn=D(2026, 3, 5)))
    with db.session() as s:
        t = counting.table3(s, 2026)
        assert t.rows["其他处理/其他"] == [0, 0, 0, 0, 1, 0, 1]
        assert t.rows["其他处理"][6] == 1 and t.rows["总计"][6] == 1 and t.adds_up
        assert counting.drill(s, 2026, "其他处理/其他", 4) == counting.drill(s, 2026, "总计", 6)


def test_drill_down_lists_add_up_to_their_cells(db):
    generate(db, 250, seed=3)
    with db.session() as s:
        t = counting.table3(s, 2025)
        for key in counting.ROWS:
            for col in range(7):
                ids = counting.drill(s, 2025, key, col)
                assert len(ids) == t.rows[key][col] == len(set(ids)), (key, col)


def test_broken_rows_are_named_and_unbalance_the_table(db):
    bad = _row(1, D(2026, 5, 10), "自然人", D(2025, 12, 30), "1")  # closed before it was received
    no_result = _row(2, D(2025, 4, 1), "商业企业", D(2025, 4, 8), "1")
    no_result.result_code = ""
    with db.session(actor=ACTOR) as s:
        s.add_all([bad, no_result])
    with db.session() as s:
        t = counting.table3(s, 2025)
        problems = {(b.number, b.problem) for b in counting.check(s, 2025)}
    assert not t.adds_up
    assert t.balance()[:2] == [0, 1]  # the early-closed one is in no table; check() names it
    assert ("T00001", "办结日期早于收到申请日期") in problems
    assert ("T00002", "有答复日期但没有办理结果") in problems


def test_table4_cases_by_year_and_result(db):
    with db.session(actor=ACTOR) as s:
        req = _row(1, D(2025, 1, 6), "自然人", D(2025, 2, 1), "3.4")
        s.add(req)
        s.flush()
        s.add_all([
            DisputeCase(request_id=req.id, kind="行政复议", case_number="复1", body="某县人民政府",
                        filed_date=D(2025, 3, 1), result="结果维持", decided_date=D(2025, 5, 1)),
            DisputeCase(request_id=req.id, kind="行政复议", case_number="复2", body="某县人民政府",
                        filed_date=D(2025, 11, 1), result="结果纠正", decided_date=D(2026, 1, 20)),
            DisputeCase(request_id=req.id, kind="行政诉讼", route="复议后起诉", case_number="诉1", body="某县法院",
                        filed_date=D(2025, 6, 1)),
            DisputeCase(request_id=req.id, kind="行政诉讼", route="未经复议直接起诉", case_number="诉2",
                        body="某县法院", filed_date=D(2024, 6, 1), result="其他结果", decided_date=D(2024, 12, 1)),
        ])
    with db.session() as s:
        t25, t26, t24 = counting.table4(s, 2025), counting.table4(s, 2026), counting.table4(s, 2024)
        assert t25 == [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
        assert t26 == [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
        assert t24 == [0] * 5 + [0, 0, 1, 0, 1] + [0] * 5
        for i, n in enumerate(t25):
            assert len(counting.table4_cases(s, 2025, i)) == n, i


def test_by_month_and_fees(db):
    rows = [_row(i, D(2026, m, 3), "自然人") for i, m in enumerate([1, 1, 5, 12], start=1)]
    rows[0].fee_amount, rows[0].fee_paid_date = 300, D(2026, 2, 1)
    rows[1].fee_amount, rows[1].fee_paid_date = 100, D(2027, 1, 2)
    with db.session(actor=ACTOR) as s:
        s.add_all(rows)
    with db.session() as s:
        assert counting.by_month(s, 2026) == [2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
        assert counting.fees_collected(s, 2026) == 300


def test_same_counts_on_sqlite_and_postgresql(any_db):
    rows = generate(any_db, 120, seed=11)
    with any_db.session() as s:
        for year in (2024, 2025):
            t = counting.table3(s, year)
            expected = independent(rows, year)
            assert all(t.rows[k] == expected.get(k, [0] * 7) for k in counting.ROWS)
            assert counting.check(s, year) == []
            assert sum(counting.by_month(s, year)) == t.rows["本年新收"][6]
            assert len(counting.drill(s, year, "总计", 6)) == t.rows["总计"][6]
        assert counting.table4(s, 2025) == [0] * 15
