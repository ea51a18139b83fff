"""The 补正 and 延期答复 figures are answered from an index, not a scan of every request.

Each check counts a quarter's 补正 and 延期 per 科室; at 100,000 requests a scan took
25–60 ms per figure (migration 0023 measured 0.1–0.2 ms with the indexes).  The plan is
read from SQLite itself, so dropping or reshaping an index, or a figure filtering on
something the index does not hold, fails here.
"""

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select, text

from app.db.models import InfoRequest
from app.services.supervision import figures as fg

D = dt.date
INDEXES = {"corrections": "ix_info_request_correction", "extensions": "ix_info_request_extension"}


def _plan(db, key: str, department_ids) -> str:
    with db.session() as s:
        sc = fg._scope(s, D(2026, 10, 1), D(2026, 12, 31), department_ids, D(2026, 11, 29))
        stmt = select(func.count()).select_from(InfoRequest).where(*fg.SPECS[key].where(sc))
        sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
        return " | ".join(str(row[-1]) for row in s.execute(text("EXPLAIN QUERY PLAN " + sql)))


@pytest.mark.parametrize("key", sorted(INDEXES))
def test_figure_counts_from_a_covering_index(bureau, key):
    for depts in (None, [bureau.depts["预算股"]], [bureau.depts["预算股"], bureau.depts["国库股"]]):
        plan = _plan(bureau.db, key, depts)
        # covering: the 科室 (handler) is in the index too, so the count never reads the table
        assert f"USING COVERING INDEX {INDEXES[key]}" in plan, plan
        assert "SCAN info_request" not in plan, plan


def test_indexes_exist_on_both_databases(any_db):
    found = {ix["name"]: ix["column_names"] for ix in inspect(any_db.engine).get_indexes("info_request")}
    assert found["ix_info_request_correction"] == ["correction_date", "handler"]
    assert found["ix_info_request_extension"] == ["extension_date", "handler"]
