"""The text index: what finds a request, that it follows every write, and that every path agrees."""

from __future__ import annotations

import logging
import random

import pytest
from sqlalchemy import text

from app.db import open_database
from app.db.models import InfoRequest
from app.services.requests import intake
from app.services.search import documents, index, query
from tests.app.conftest_requests import D, make_input


def _ids(db, q: str) -> set[int]:
    with db.engine.connect() as conn:
        result = query.match_ids(conn, "info_request", q)
    assert result is not None
    return result


def test_finds_by_every_field_and_pinyin(office, clerk):
    rid = intake.register(office, clerk, make_input(applicant_name="张三丰", content="县级部门预算执行情况"),
                          today=D(2025, 3, 3))
    other = intake.register(office, clerk, make_input(applicant_name="李四", id_number="E7654321", id_type="护照",
                                                      phone="13900000001", content="征地补偿款拨付"),
                            today=D(2025, 3, 3))
    for q in ["张", "张三", "张三丰", "zs", "zsf", "zhangsanfeng", "ZS", "ｚｓ", "预算", "预算执行", "ysz",
              "1101051949", "13800000000", "x财公开〔2025〕1号", "张三 预算", "预算 zs"]:
        assert _ids(office, q) == {rid}, q
    assert _ids(office, "拨付") == {other}
    assert _ids(office, "13") == {rid, other}
    assert _ids(office, "张三 征地") == set()
    assert _ids(office, "丰预") == set()  # never across two fields


def test_index_follows_updates_and_deletes(office, clerk):
    rid = intake.register(office, clerk, make_input(applicant_name="王五"), today=D(2025, 3, 3))
    with office.session(actor="测试", action="更正") as s:
        s.get(InfoRequest, rid).applicant_name = "赵六"
    assert _ids(office, "王五") == set() and _ids(office, "ww") == set()
    assert _ids(office, "赵六") == {rid} and _ids(office, "zl") == {rid}
    with office.session(actor="测试", action="删除") as s:
        s.delete(s.get(InfoRequest, rid))
    assert _ids(office, "赵六") == set() and _ids(office, "zl") == set()
    with office.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_doc")).scalar() == 0


def test_rolled_back_write_leaves_no_document(office, clerk):
    with pytest.raises(RuntimeError), office.session(actor="测试", action="登记") as s:
        s.add(InfoRequest(number="N1", year=2025, channel="当面提交", received_date=D(2025, 3, 3),
                          applicant_type="自然人", applicant_name="孙七", content="x", state="已登记",
                          clock_start=D(2025, 3, 3), due_date=D(2025, 3, 31)))
        s.flush()
        raise RuntimeError
    assert _ids(office, "孙七") == set()


def test_rebuild_recreates_documents(office, clerk):
    rid = intake.register(office, clerk, make_input(applicant_name="周八"), today=D(2025, 3, 3))
    with office.engine.begin() as conn:
        conn.execute(text("UPDATE search_doc SET body = 'stale'"))
        index.rebuild(conn, "info_request")
    assert _ids(office, "周八") == {rid} and _ids(office, "stale") == set()


def test_cap_reports_unselective_queries(office, clerk):
    for i in range(5):
        intake.register(office, clerk, make_input(applicant_name=f"吴{i}", id_number="E7654321", id_type="护照"),
                        today=D(2025, 3, 3))
    with office.engine.connect() as conn:
        assert query.match_ids(conn, "info_request", "吴", cap=3) is None
        assert len(query.match_ids(conn, "info_request", "吴", cap=5)) == 5


WORDS = ["预算", "执行", "征地", "补偿", "x财", "公开", "〔2025〕", "张三", "zs", "a_b%", '"引号"', "13"]


def _random_corpus(db, clerk, rng: random.Random) -> None:
    # straight ORM rows in one transaction: the flush listener indexes them like any save
    with db.session(actor="测试", action="登记") as s:
        for i in range(40):
            content = "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
            name = rng.choice(["张三", "李四", "王五", "欧阳娜娜", "Smith"]) + str(i % 3)
            s.add(InfoRequest(number=f"X财公开〔2025〕{i + 1}号", year=2025, channel="当面提交",
                              received_date=D(2025, 3, 3), applicant_type="自然人", applicant_name=name,
                              phone=f"1380000{i:04d}", content=content, state="已登记",
                              clock_start=D(2025, 3, 3), due_date=D(2025, 3, 31)))


def _queries(rng: random.Random) -> list[str]:
    qs = ["张", "三", "zs", "x", "财", "〔", "〔2", "2025〕", "a_b", "%", "_", '"', '引号"', "预算执行", "算征"]
    qs += [rng.choice(WORDS)[: rng.randint(1, 4)] + " " + rng.choice(WORDS)[:2] for _ in range(20)]
    return qs


def _scan_truth(db, q: str) -> set[int]:
    ts = documents.terms(q)
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT record_id, body FROM search_doc")).all()
    return {r for r, b in rows if all(t in b for t in ts)}


def test_fts_paths_agree_with_a_plain_scan(office, clerk):
    rng = random.Random(12)
    _random_corpus(office, clerk, rng)
    with office.engine.connect() as conn:
        assert index.fts_enabled(conn)
    for q in _queries(rng):
        assert _ids(office, q) == _scan_truth(office, q), q


@pytest.fixture
def no_fts(monkeypatch):
    """A Python whose SQLite has no FTS5: the migration creates no index tables."""
    monkeypatch.setattr(index, "fts5_compiled", lambda conn: False)
    monkeypatch.setattr(index, "_logged_fallback", False)


def test_without_fts5_search_scans_with_the_same_results(no_fts, tmp_path, caplog):
    from app.services import profile, users

    db = open_database(tmp_path / "nofts.sqlite3")
    try:
        with db.engine.connect() as conn:
            names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert not any(index.is_index_table(n) for n in names)
        admin = users.create_first_admin(db, "admin", "王管理", "secret123", "secret123").actor()
        profile.save_profile(db, admin, profile.Profile(full_name="某局", doc_code="X财公开"))
        rng = random.Random(12)
        with caplog.at_level(logging.WARNING):
            _random_corpus(db, admin, rng)
            for q in _queries(rng):
                assert _ids(db, q) == _scan_truth(db, q), q
        assert sum("不支持 FTS5" in r.message for r in caplog.records) == 1  # logged once
    finally:
        db.dispose()


@pytest.mark.postgres
def test_postgresql_search_uses_the_trigram_index(pg_db):
    from app.services import profile, users

    admin = users.create_first_admin(pg_db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(pg_db, admin, profile.Profile(full_name="某局", doc_code="X财公开"))
    rid = intake.register(pg_db, admin, make_input(applicant_name="张三丰", content="县级部门预算执行情况"),
                          today=D(2025, 3, 3))
    assert _ids(pg_db, "预算执行") == {rid} and _ids(pg_db, "zsf") == {rid} and _ids(pg_db, "张") == {rid}
    with pg_db.engine.begin() as conn:  # enough other documents for the planner to prefer an index
        conn.execute(text("INSERT INTO search_doc (kind, record_id, body) SELECT 'info_request', 100000 + g, "
                          "md5(g::text) || '甲乙丙' FROM generate_series(1, 50000) g"))
        conn.execute(text("ANALYZE search_doc"))
    for q in ["预算执行", "zsf"]:
        with pg_db.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))  # the choice between index and scan is the planner's
            plan = "\n".join(r[0] for r in conn.execute(text(
                "EXPLAIN SELECT record_id FROM search_doc WHERE kind = 'info_request' AND body LIKE :q"),
                {"q": f"%{q}%"}))
        assert "ix_search_doc_body_trgm" in plan, plan
    assert _ids(pg_db, "预算执行") == {rid}


@pytest.mark.parametrize("selective", [True, False])
def test_search_stream_orders_like_the_register(any_db, selective, monkeypatch):
    from app.services import profile, users
    from app.services.requests import queries
    from app.services.search import register

    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(any_db, admin, profile.Profile(full_name="某局", doc_code="X财公开"))
    for i in range(12):
        intake.register(any_db, admin, make_input(received=D(2025, 3, 3 + i % 5), applicant_name=f"张{i}",
                                                  id_type="护照", id_number=f"E{i:07d}",
                                                  content="预算执行" if i % 2 else "征地补偿"), today=D(2025, 3, 10))
    if not selective:
        monkeypatch.setattr(register, "SELECTIVE", 2)
        monkeypatch.setattr(register, "FIRST_SCREEN", 2)
    where = queries.where(queries.RegisterFilter(), D(2025, 3, 10), D(2025, 3, 13))
    head = register.sorted_ids(any_db, queries.SPEC, where, "received_date", True)
    results = list(register.search_stream(any_db, queries.SPEC, "预算", where, "received_date", True, head))
    expected = [i for i in head if i in queries.matching_ids(any_db, "预算")]
    assert list(results[-1][0]) == expected and results[-1][1] and len(expected) == 6
    assert len(results) == (1 if selective else 2)


def test_sorted_ids_with_an_in_list_filter(any_db):
    """A filter with an IN list (办理结果 by category) reads its ids like any other (it used to fail on
    SQLite with the unexpanded ``POSTCOMPILE`` placeholder)."""
    from app.services import profile, users
    from app.services.requests import queries
    from app.services.search import register

    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(any_db, admin, profile.Profile(full_name="某局", doc_code="X财公开"))
    rid = intake.register(any_db, admin, make_input(content="预算执行"), today=D(2025, 3, 10))
    with any_db.session(actor="测试", action="办结") as s:
        s.get(InfoRequest, rid).result_code = next(leaf.code for leaf in queries.taxonomy.LEAVES
                                                   if leaf.category == "不予公开")
    intake.register(any_db, admin, make_input(content="征地补偿"), today=D(2025, 3, 10))
    f = queries.RegisterFilter(result_category="不予公开")
    where = queries.where(f, D(2025, 3, 10), D(2025, 3, 13))
    assert list(register.sorted_ids(any_db, queries.SPEC, where, "received_date", True)) == [rid]
    assert queries.list_ids(any_db, f, today=D(2025, 3, 10)) == [rid]


def test_ranks_are_list_positions():
    from app.services.search import register

    r = register.ranks([7, 3, 5])
    assert [r[7], r[3], r[5], r[4]] == [0, 1, 2, -1]
    assert register.ranks([]) is None and register.ranks([10_000_000]) is None  # too sparse to keep
