"""Rules around sign-off outside the queue: the ledger import and the office's period settings."""

import pytest
from openpyxl import Workbook

from app.services import profile
from app.services.errors import ValidationError
from app.services.requests import ledger, queries


def _ledger(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = ledger.SHEET
    ws.append(ledger.COLUMNS)
    for row in rows:
        ws.append([row.get(c, "") for c in ledger.COLUMNS])
    wb.save(path)
    return path


ROW = {"收到申请日期": "2025-03-03", "申请方式": "当面提交", "申请人类型": "自然人", "申请人姓名或名称": "张三",
       "证件号码": "11010519491231002X", "联系电话": "13800000000", "申请内容": "2024年预算"}


def test_clerk_cannot_import_decisions_they_could_not_sign(tmp_path, office, clerk, head):
    path = _ledger(tmp_path / "a.xlsx", [
        ROW | {"办理结果": "予以公开", "答复日期": "2025-03-10"},
        ROW | {"申请人姓名或名称": "李四", "办理结果": "不予公开/属于三类内部事务信息", "答复日期": "2025-03-10"},
        ROW | {"申请人姓名或名称": "王五", "是否延期": "是", "延期原因": "需调档"},
    ])
    with pytest.raises(ledger.LedgerError) as e:
        ledger.import_ledger(office, clerk, path)
    assert [p[:10] for p in e.value.problems] == ["第3行 办理结果: ", "第4行 是否延期: "]
    assert queries.years(office) == []  # nothing imported
    assert ledger.import_ledger(office, head, path) == 3


def test_clerk_may_import_plain_results(tmp_path, office, clerk):
    path = _ledger(tmp_path / "b.xlsx", [ROW | {"办理结果": "予以公开", "答复日期": "2025-03-10"}])
    assert ledger.import_ledger(office, clerk, path) == 1


def _profile(**kw) -> profile.Profile:
    base = dict(full_name="某某县财政局", doc_code="X财公开", reconsideration_body="某某县人民政府",
                court="某某县人民法院")
    return profile.Profile(**(base | kw))


@pytest.mark.parametrize(("kw", "field"), [
    ({"answer_days": 21}, "answer_days"), ({"extension_days": 30}, "extension_days"),
    ({"phone": "12345"}, "phone"), ({"phone": "87654321"}, "phone"), ({"address": "abc"}, "address"),
    ({"address": "某某县\x07人民路1号"}, "address"),
])
def test_profile_periods_never_longer_than_the_statute_and_contacts_checked(db, admin, kw, field):
    with pytest.raises(ValidationError) as e:
        profile.save_profile(db, admin.actor(), _profile(**kw))
    assert field in e.value.fields


def test_profile_shorter_periods_and_good_contacts_accepted(db, admin):
    saved = profile.save_profile(db, admin.actor(), _profile(answer_days=15, extension_days=10,
                                                            phone="0851-86123456转801", address="某某县人民路1号"))
    assert (saved.answer_days, saved.extension_days) == (15, 10)
