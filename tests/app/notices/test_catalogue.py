"""The matter catalogue: versions with 备案, search, 下架, and refused input."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.db.models import Matter, MatterFiling, MatterVersion
from app.services.catalogue import guide
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import MaterialInput
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from tests.app.notices.conftest import FILING, MATERIALS, TODAY, make_matter

CHANGE = catalogue.Filing("要素变化", "县政府办公室〔2026〕5号通知压缩承诺时限")


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_new_matter_is_version_one_with_its_filing(finance, matter_id):
    d = catalogue.detail(finance, matter_id)
    assert d.version == 1 and d.content.name == "小额贷款公司设立"
    assert [x.name for x in d.content.materials] == [x.name for x in MATERIALS]
    (entry,) = catalogue.history(finance, matter_id)
    assert (entry.action, entry.reason, entry.actor) == ("新增", "法律法规立改废", "钱科长")
    changes = dict((el, after) for el, _, after in entry.changes)
    assert changes["承诺时限（工作日）"] == "15"
    assert "1. 设立申请书" in changes["申请材料"]


@pytest.mark.parametrize("typed", ["xedk", "XEDK", "xiaoedaikuan", "贷款", "小额 "])
def test_counter_finds_a_matter_by_name_or_pinyin(finance, matter_id, typed):
    assert [m.id for m in catalogue.list_matters(finance, search=typed)] == [matter_id]


def test_search_for_something_else_finds_nothing(finance, matter_id):
    assert catalogue.list_matters(finance, search="hyd") == []


def test_change_makes_a_new_version_with_before_and_after(finance, matter_id, head):
    new = replace(make_matter(), promised_days=10,
                  materials=(*MATERIALS, MaterialInput("公司章程", "原件", 1, "纸质", True, "", "全体股东签字", "申请人自备")))
    assert catalogue.change_matter(finance, head, matter_id, new, CHANGE, today=TODAY) is True
    d = catalogue.detail(finance, matter_id)
    assert d.version == 2 and d.content.promised_days == 10 and len(d.content.materials) == 5
    assert catalogue.detail(finance, matter_id, 1).content.promised_days == 15  # version 1 is untouched
    latest = catalogue.history(finance, matter_id)[-1]
    assert (latest.action, latest.reason, latest.basis, latest.version) == ("调整", "要素变化", CHANGE.basis, 2)
    by_element = {el: (b, a) for el, b, a in latest.changes}
    assert by_element["承诺时限（工作日）"] == ("15", "10")
    assert "公司章程" not in by_element["申请材料"][0] and "5. 公司章程" in by_element["申请材料"][1]
    assert set(by_element) == {"承诺时限（工作日）", "申请材料"}


def test_saving_unchanged_content_writes_nothing(finance, matter_id, head):
    before = _count(finance, MatterVersion), _count(finance, MatterFiling)
    assert catalogue.change_matter(finance, head, matter_id, make_matter(), CHANGE) is False
    assert (_count(finance, MatterVersion), _count(finance, MatterFiling)) == before


def test_a_change_needs_a_filing(finance, matter_id, head):
    with pytest.raises(ValidationError) as e:
        catalogue.change_matter(finance, head, matter_id, replace(make_matter(), promised_days=10),
                                catalogue.Filing("", ""))
    assert "调整原因" in e.value.fields["reason"] and "调整依据" in e.value.fields["basis"]
    assert catalogue.detail(finance, matter_id).version == 1


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"promised_days": 30}, "promised_days", "不能长于法定时限"),
    ({"materials": ()}, "materials", "申请材料不能为空"),
    ({"name": ""}, "name", "请填写事项名称"),
    ({"department": "审批股"}, "department", "不在机关信息的科室中"),
    ({"category": "行政处罚"}, "category", "不是可选的值"),
    ({"enquiry_phone": "12"}, "enquiry_phone", "不是有效的电话号码"),
    ({"fee_standard": "每件100元", "fee_basis": ""}, "fee_basis", "收费依据"),
    ({"statutory_days": 0}, "statutory_days", "1到365"),
    ({"legal_basis": "依据\x00"}, "legal_basis", "控制字符"),
    ({"materials": (MaterialInput("授权委托书", required=False),)}, "materials", "什么情形"),
    ({"materials": (MaterialInput("身份证"), MaterialInput("身份证"))}, "materials", "重复"),
])
def test_bad_matter_is_refused_in_chinese_and_nothing_saved(finance, head, change, field, words):
    with pytest.raises(ValidationError) as e:
        catalogue.create_matter(finance, head, make_matter(**change), FILING)
    assert words in e.value.fields[field]
    assert _count(finance, Matter) == 0 and _count(finance, MatterVersion) == 0


def test_duplicate_matter_name_is_refused(finance, head, matter_id):
    with pytest.raises(ValidationError, match="不能重复"):
        catalogue.create_matter(finance, head, make_matter(), FILING)
    assert _count(finance, Matter) == 1


def test_clerk_cannot_change_the_catalogue(finance, clerk, matter_id):
    with pytest.raises(PermissionDenied, match="调整事项清单"):
        catalogue.change_matter(finance, clerk, matter_id, replace(make_matter(), promised_days=10), CHANGE)


def test_retired_matter_leaves_the_counter_but_keeps_its_history(finance, head, matter_id):
    catalogue.retire_matter(finance, head, matter_id, catalogue.Filing("职能调整", "该事项划转县行政审批局"), today=TODAY)
    assert catalogue.list_matters(finance) == []
    (row,) = catalogue.list_matters(finance, include_retired=True)
    assert row.retired and row.retired_on == TODAY
    assert catalogue.history(finance, matter_id)[-1].action == "下架"
    with pytest.raises(ServiceError, match="已下架"):
        catalogue.change_matter(finance, head, matter_id, replace(make_matter(), promised_days=10), CHANGE)
    with pytest.raises(ServiceError, match="已经下架"):
        catalogue.retire_matter(finance, head, matter_id, CHANGE)


def test_guide_is_an_a4_pdf_of_the_version(finance, matter_id):
    pdf = guide.guide_pdf(finance, matter_id)
    assert pdf.startswith(b"%PDF") and b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf
    assert guide.guide_pdf(finance, matter_id) == pdf  # reproducible
    text = "".join(b.text for b in guide.build(make_matter(), 1, "某某县财政局", TODAY).blocks)
    for words in ("办事指南", "设定依据", "申请材料", "授权委托书", "适用于：委托他人代为办理的", "承诺时限15个工作日",
                  "监督投诉电话：0432-62340000", "公开方式：主动公开", "不收费"):
        assert words in text
