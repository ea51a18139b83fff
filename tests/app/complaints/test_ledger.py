"""The 责任追究 ladder: counts per appraisal year, presets as editable data, gaps refused."""

import datetime as dt

import pytest

from app.services.complaints import handling, ledger, register
from app.services.complaints.vocab import LADDER_000
from app.services.errors import ValidationError
from tests.app.complaints.conftest import named

D = dt.date


def _found(db, clerk, head, staff, day):
    """A 部分属实 finding recorded by a head (the signer: it takes effect at once)."""
    cid = register.register(db, clerk, named(target_user_id=staff.id, received_on=day), today=day)
    handling.decide(db, clerk, cid, "受理", day, today=day)
    return handling.record_finding(db, head, cid, "部分属实", day, "", "查明部分属实", today=day)


def test_ladder_counts_per_appraisal_year(office, clerk, head, inspector, staff):
    recs = [_found(office, clerk, head, staff, D(2025, m, 3)) for m in (3, 4, 5, 6)]
    recs.append(_found(office, clerk, head, staff, D(2026, 1, 5)))
    for r in recs:
        ledger.confirm(office, inspector, r, today=D(2026, 1, 6))
    with office.session() as s:
        from app.db.models import AccountabilityRecord
        got = [(x.year, x.ordinal, x.measure, x.person_points) for x in
               (s.get(AccountabilityRecord, r) for r in recs)]
    assert got == [(2025, 1, "警告，记入个人档案", 0), (2025, 2, "年度考评扣10分", 10), (2025, 3, "停职培训", 0),
                   (2025, 4, "停职培训", 0), (2026, 1, "警告，记入个人档案", 0)]
    people, sections = ledger.year_summary(office, 2025)
    assert people == [ledger.Tally("徐窗口", 4, 0, 10)]
    assert sections == [ledger.Tally("政务服务科", 4, 0, 20, 40)]
    assert ledger.year_summary(office, 2026)[0] == [ledger.Tally("徐窗口", 1, 0, 0)]


def test_commendation_is_recorded_and_counted(office, clerk, inspector, staff):
    rid = ledger.commend(office, clerk, staff.id, 2025, "窗口服务群众来信表扬")
    ledger.confirm(office, inspector, rid)
    assert ledger.year_summary(office, 2025)[0] == [ledger.Tally("徐窗口", 0, 1, 0)]


def test_preset_is_editable_data_and_a_gap_is_refused(office, admin, clerk, head, inspector, staff):
    with pytest.raises(ValidationError, match="缺少第2次"):
        ledger.set_ladder(office, admin.actor(), LADDER_000, [(1, "告诫", 0), (3, "移送司法机关处理", 0)])
    with pytest.raises(ValidationError, match="方案名称"):  # longer than the column: refused, never cut
        ledger.set_ladder(office, admin.actor(), "方" * 41, [(1, "批评教育", 0)])
    ledger.set_ladder(office, admin.actor(), "本局方案", [(1, "批评教育", 0), (2, "扣5分", 5)])
    from app.services.complaints import setup
    setup.save(office, admin.actor(), setup.Limits(ladder_preset="本局方案"))
    r1, r2 = _found(office, clerk, head, staff, D(2025, 3, 3)), _found(office, clerk, head, staff, D(2025, 3, 4))
    with office.session() as s:
        from app.db.models import AccountabilityRecord
        assert [(s.get(AccountabilityRecord, r).measure) for r in (r1, r2)] == ["批评教育", "扣5分"]
        assert [x.measure for x in ledger.ladder(s, LADDER_000)][0] == "告诫或批评教育，并限期改正"
