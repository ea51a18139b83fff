"""Issuing one-time notices: what is listed, numbering, the archived PDF, states, links to requests."""

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from app.db.models import Notice, NumberSequence
from app.services import numbering
from app.services.catalogue import service as catalogue
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from app.services.notices import document, issue, register
from app.services.notices.issue import BROUGHT, DEFECTIVE, NOT_APPLICABLE, Mark, NoticeInput
from tests.app.notices.conftest import FILING, TODAY, make_matter

DAY = dt.date(2026, 3, 3)


def _materials(db, matter_id) -> dict[str, int]:
    d = catalogue.detail(db, matter_id)
    return {x.name: mid for mid, x in zip(d.material_ids, d.content.materials, strict=True)}


def _input(db, matter_id, **marks_by_name) -> NoticeInput:
    ids = _materials(db, matter_id)
    marks = {ids[name]: mark for name, mark in marks_by_name.items()}
    return NoticeInput(matter_id, "张三", "13800000000", marks, "0432-62345678")


def _issue(db, actor, matter_id, day=DAY, **marks) -> int:
    return issue.issue_notice(db, actor, _input(db, matter_id, **marks), today=day)


def test_everything_missing_or_defective_is_listed_at_once(finance, clerk, matter_id):
    nid = _issue(finance, clerk, matter_id, 设立申请书=Mark(BROUGHT), 营业执照=Mark(DEFECTIVE, "未加盖公章"))
    d = register.detail(finance, nid)
    assert [(p, m) for p, m, _, _ in d.items] == [("不符合要求", "营业执照"), ("缺少", "法定代表人身份证明"),
                                                  ("缺少", "授权委托书")]
    assert d.items[0][2] == "未加盖公章"
    assert "适用于：委托他人代为办理的" in d.items[2][3]  # the condition is told, not left out
    assert d.row.state == "待补齐" and d.row.matter_version == 1 and d.row.clerk == "赵窗口"


def test_conditional_material_marked_not_applicable_is_left_out(finance, clerk, matter_id):
    nid = _issue(finance, clerk, matter_id, 设立申请书=Mark(BROUGHT), 授权委托书=Mark(NOT_APPLICABLE))
    assert [m for _, m, _, _ in register.detail(finance, nid).items] == ["营业执照", "法定代表人身份证明"]


def test_notice_text_has_every_element_the_duty_requires(finance, clerk, matter_id):
    items = issue.missing_items(list(zip(range(4), make_matter().materials, strict=True)), {0: Mark(BROUGHT),
                                                                                          1: Mark(DEFECTIVE, "已过期")})
    doc = document.NoticeDoc("X财公开告〔2026〕1号", DAY, "张三", "13800000000", make_matter(), 3, items, "赵窗口",
                             "0432-62345678", "某某县财政局")
    text = "".join(b.text for b in document.build(doc).blocks)
    for words in ("一次性告知书", "X财公开告〔2026〕1号", "张三：", "小额贷款公司设立", "省小额贷款公司管理办法第八条",
                  "需要补齐的材料", "法定代表人身份证明（原件及复印件1份，纸质；原件核验后退回；来源：申请人自备）",
                  "需要补正的材料", "营业执照：已过期", "办理条件", "注册资本不低于5000万元", "不收费",
                  "自受理之日起15个工作日内办结（法定时限20个工作日）", "县政务服务中心二楼12号窗口",
                  "工作日 9:00—12:00", "经办人：赵窗口，联系电话：0432-62345678", "监督投诉电话：0432-62340000",
                  "第3版", "2026年3月3日", "申请人签收", "某某县财政局"):
        assert words in text, words


def test_numbers_are_gap_free_per_year_and_follow_the_setting(finance, clerk, admin, matter_id):
    first = _issue(finance, clerk, matter_id)
    with pytest.raises(ValidationError):
        issue.issue_notice(finance, clerk, replace(_input(finance, matter_id), applicant_name=""), today=DAY)
    second = _issue(finance, clerk, matter_id)
    issue.set_notice_pattern(finance, admin.actor(), "{文号代字}一次告〔{年}〕{序号:3}号")
    third = _issue(finance, clerk, matter_id)
    next_year = _issue(finance, clerk, matter_id, day=dt.date(2027, 1, 4))
    numbers = {nid: r.number for nid, r in register.fetch_rows(finance, [first, second, third, next_year]).items()}
    assert [numbers[first], numbers[second], numbers[third], numbers[next_year]] == [
        "X财公开告〔2026〕1号", "X财公开告〔2026〕2号", "X财公开一次告〔2026〕003号", "X财公开一次告〔2027〕001号"]
    with pytest.raises(PermissionDenied):
        issue.set_notice_pattern(finance, clerk, "{年}-{序号}")
    with pytest.raises(ValidationError):
        issue.set_notice_pattern(finance, admin.actor(), "告{序号}")


def test_nothing_missing_is_refused_as_complete_and_uses_no_number(finance, clerk, matter_id):
    everything = {name: Mark(BROUGHT) for name in _materials(finance, matter_id)}
    with pytest.raises(ValidationError) as e:
        _issue(finance, clerk, matter_id, **everything)
    assert "材料已齐全" in e.value.fields["materials"]
    with finance.session() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0
        assert numbering.last_seq(s, "notice", 2026) == 0


@pytest.mark.parametrize(("marks", "field", "words"), [
    ({"营业执照": Mark(DEFECTIVE)}, "materials", "请写明哪里不符合要求"),
    ({"营业执照": Mark(NOT_APPLICABLE)}, "materials", "必需材料，不能标为不适用"),
    ({"营业执照": Mark("丢了")}, "materials", "状态应为"),
])
def test_bad_marks_are_refused(finance, clerk, matter_id, marks, field, words):
    with pytest.raises(ValidationError) as e:
        _issue(finance, clerk, matter_id, **marks)
    assert words in e.value.fields[field]


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"applicant_name": "  "}, "applicant_name", "请填写申请人"),
    ({"contact_phone": "abc"}, "contact_phone", "不是有效的电话号码"),
    ({"clerk_phone": ""}, "clerk_phone", "请填写经办人电话"),
])
def test_bad_applicant_details_are_refused(finance, clerk, matter_id, change, field, words):
    with pytest.raises(ValidationError) as e:
        issue.issue_notice(finance, clerk, replace(_input(finance, matter_id), **change), today=DAY)
    assert words in e.value.fields[field]


def test_reprint_is_byte_identical_and_tampering_shows(finance, clerk, matter_id):
    nid = _issue(finance, clerk, matter_id)
    pdf = issue.notice_pdf(finance, nid)
    assert pdf.startswith(b"%PDF") and issue.notice_pdf(finance, nid) == pdf
    with finance.engine.begin() as conn:  # someone editing the database file directly
        conn.execute(update(Notice).where(Notice.id == nid).values(pdf=pdf.replace(b"%PDF", b"%PDX", 1)))
    with pytest.raises(ServiceError, match="篡改"):
        issue.notice_pdf(finance, nid)


def test_catalogue_change_leaves_earlier_notices_untouched(finance, clerk, head, matter_id):
    nid = _issue(finance, clerk, matter_id)
    pdf = issue.notice_pdf(finance, nid)
    before = register.detail(finance, nid)
    catalogue.change_matter(finance, head, matter_id, replace(make_matter(), promised_days=10, conditions="新条件"),
                            catalogue.Filing("要素变化", "压缩时限"), today=DAY)
    after = register.detail(finance, nid)
    assert after == before and after.row.matter_version == 1
    assert issue.notice_pdf(finance, nid) == pdf
    later = register.detail(finance, _issue(finance, clerk, matter_id))
    assert later.row.matter_version == 2 and later.matter_version_id != before.matter_version_id


def test_states_move_once_from_pending(finance, clerk, matter_id):
    a, b = _issue(finance, clerk, matter_id), _issue(finance, clerk, matter_id)
    finance.today = lambda: dt.date(2026, 3, 10)
    issue.mark_completed(finance, clerk, a, dt.date(2026, 3, 9))
    issue.mark_not_returned(finance, clerk, b)
    rows = register.fetch_rows(finance, [a, b])
    assert (rows[a].state, rows[b].state) == ("已补齐", "未再来办理")
    assert register.detail(finance, a).completed_on == dt.date(2026, 3, 9)
    with pytest.raises(ServiceError, match="已是“已补齐”"):
        issue.mark_not_returned(finance, clerk, a)
    c = _issue(finance, clerk, matter_id)
    with pytest.raises(ValidationError, match="告知之日和今天之间"):
        issue.mark_completed(finance, clerk, c, dt.date(2026, 3, 2))
    assert register.counts(finance) == {"已补齐": 1, "未再来办理": 1, "待补齐": 1}


def test_inspector_cannot_issue(finance, admin, matter_id):
    from app.db.models import Role
    from app.services import users

    inspector = users.create_user(finance, admin.actor(), "jc", "李监督", Role.INSPECTOR, "pass1234").actor()
    with pytest.raises(PermissionDenied):
        _issue(finance, inspector, matter_id)


def test_retired_matter_gets_no_notice(finance, clerk, head, matter_id):
    catalogue.retire_matter(finance, head, matter_id, catalogue.Filing("职能调整", "划转"))
    with pytest.raises(ServiceError, match="已下架"):
        _issue(finance, clerk, matter_id)


def test_gov_info_notice_links_to_a_request_correction(finance, clerk, head, registered, matter_id):
    info = catalogue.create_matter(finance, head, make_matter(
        "政府信息公开申请", category="依申请公开", statutory_days=20, promised_days=20), FILING, today=TODAY)
    with pytest.raises(ValidationError, match="只有“依申请公开”类事项"):
        issue.issue_notice(finance, clerk, replace(_input(finance, matter_id), request_id=registered), today=DAY)
    nid = issue.issue_notice(finance, clerk, replace(_input(finance, info), request_id=registered), today=DAY)
    assert register.detail(finance, nid).request_id == registered
    assert register.fetch_rows(finance, [nid])[nid].request_number.startswith("X财公开〔2025〕")
    text = issue.correction_items(finance, nid)
    assert text.startswith("见一次性告知书X财公开告〔2026〕1号") and "1. 缺少：设立申请书" in text
    other = _issue(finance, clerk, info)
    issue.link_request(finance, clerk, other, registered)
    assert register.detail(finance, other).request_id == registered
    with pytest.raises(ServiceError, match="只有“依申请公开”类事项"):
        issue.link_request(finance, clerk, _issue(finance, clerk, matter_id), registered)
    with pytest.raises(NotFound):
        issue.link_request(finance, clerk, other, 9999)


def test_register_search_and_filters(finance, clerk, matter_id):
    a = _issue(finance, clerk, matter_id)
    b = issue.issue_notice(finance, clerk, replace(_input(finance, matter_id), applicant_name="李四",
                                                   contact_phone="13900000000"), today=DAY)
    issue.mark_not_returned(finance, clerk, b)
    assert register.list_ids(finance, register.NoticeFilter(search="zs")) == [a]
    assert register.list_ids(finance, register.NoticeFilter(search="lisi")) == [b]
    assert register.list_ids(finance, register.NoticeFilter(search="139")) == [b]
    assert register.list_ids(finance, register.NoticeFilter(search="xedk")) == [b, a]
    assert register.list_ids(finance, register.NoticeFilter(state="未再来办理")) == [b]
    assert register.list_ids(finance, register.NoticeFilter(year=2025)) == []
    assert register.list_ids(finance, sort="number", descending=False) == [a, b]


def test_sequence_row_is_per_kind(finance, clerk, matter_id):
    _issue(finance, clerk, matter_id)
    with finance.session() as s:
        assert s.scalar(select(NumberSequence.last).where(NumberSequence.kind == "notice")) == 1
