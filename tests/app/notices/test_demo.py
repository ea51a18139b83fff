"""Demo catalogues for a finance and a civil-affairs office, and notices in every state."""

import datetime as dt

import pytest

from app.services import profile
from app.services.catalogue import service as catalogue
from app.services.catalogue.demo_data import CIVIL, FINANCE
from app.services.catalogue.elements import validate_matter
from app.services.notices import demo, register, stats


@pytest.mark.parametrize("matters", [FINANCE, CIVIL], ids=["finance", "civil"])
def test_demo_catalogues_pass_the_catalogue_checks(matters):
    departments = list({m.department for m in matters})
    for m in matters:
        assert validate_matter(m, departments) == m  # already clean, nothing to normalise
        assert len(m.materials) >= 4


@pytest.mark.parametrize(("agency", "first", "expected"), [
    ("某某县财政局", "小额贷款公司设立", {"融资担保公司设立及变更", "典当行设立审核", "地方金融组织年审", "政府信息公开申请"}),
    ("某某县民政局", "社会团体成立登记", {"民办非企业单位登记", "最低生活保障申请", "婚姻登记（结婚登记）", "政府信息公开申请"}),
])
def test_populate_builds_catalogue_and_notices_in_every_state(office, admin, agency, first, expected):
    p = profile.get_profile(office)
    profile.save_profile(office, admin.actor(), profile.Profile(**{**p.__dict__, "full_name": agency}))
    demo.populate(office, admin.actor(), dt.date(2026, 11, 27), notices=14)
    matters = {m.name: m for m in catalogue.list_matters(office)}
    assert set(matters) == expected | {first}
    assert matters[first].version == 2 and catalogue.history(office, matters[first].id)[-1].reason == "要素变化"
    s = stats.statistics(office)
    assert s.total == 14 and set(s.by_state) == {"待补齐", "已补齐", "未再来办理"}
    assert s.repeat_notices >= 1
    assert all(r.missing for r in register.fetch_rows(office, register.list_ids(office)).values())
