"""Search, filters, Excel export (`gongkai export contacts`) and conversions to a request or a notice."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services.catalogue import service as catalogue
from app.services.contacts import entry as ce
from app.services.contacts import register as reg
from app.services.contacts import vocab as v
from app.services.errors import ServiceError
from app.services.notices import issue
from app.services.requests import intake
from tests.app.contacts.conftest import MONDAY_10, quick, referral
from tests.app.notices.conftest import FILING, make_matter

NOW = dt.datetime(2025, 4, 30, 17, 0)


@pytest.fixture
def log(office, clerk, head, depts):
    """Four entries over two months, by two people."""
    ids = [ce.log_entry(office, clerk, quick(), now=NOW),
           ce.log_entry(office, clerk, quick(person="李四", phone="0851-86001122", category="求助",
                                             question="低保资金什么时候发放", contact_at=MONDAY_10.replace(hour=15)),
                        now=NOW),
           ce.log_entry(office, head, referral(depts, person="王五", contact_at=dt.datetime(2025, 4, 1, 9, 0)),
                        now=NOW),
           ce.log_entry(office, clerk, quick(outcome=v.TO_COMPLAINT, answer="", question="窗口人员态度差", person="", phone="",
                                             contact_at=dt.datetime(2025, 4, 2, 9, 0)), now=NOW)]
    return ids


def test_search_by_person_pinyin_phone_matter_and_text(office, log):
    def find(text):
        return sorted(reg.list_ids(office, reg.ContactFilter(search=text)))

    assert find("李四") == [log[1]] and find("ls") == [log[1]] and find("lisi") == [log[1]]
    assert find("86001122") == [log[1]]
    assert find("低保") == [log[1]] and find("态度") == [log[3]]
    assert find("专项资金") == [log[2]] and find("预算股") == [log[2]]
    assert find("张三") == [log[0]]  # the complaint entry names nobody


def test_filters(office, log, clerk, depts):
    def ids(**kw):
        return sorted(reg.list_ids(office, reg.ContactFilter(**kw), today=dt.date(2025, 4, 1)))

    assert ids(category="求助") == [log[1]]
    assert ids(category=v.COMPLAINT) == [log[3]]
    assert ids(outcome=v.INTERNAL) == [log[2]]
    assert ids(responder="钱科长") == [log[2]]
    assert ids(department_id=depts["预算股"]) == [log[2]]
    assert ids(date_from=dt.date(2025, 4, 1), date_to=dt.date(2025, 4, 1)) == [log[2]]
    assert ids(year=2025, month=3) == [log[0], log[1]]
    assert ids(state=v.AWAIT_ACCEPT) == [log[2]]
    assert reg.list_ids(office, reg.ContactFilter()) == [log[3], log[2], log[1], log[0]]  # newest first


def test_export_has_exactly_the_register_columns(office, log, budget_clerk, tmp_path, capsys):
    ce.accept(office, budget_clerk, log[2], now=dt.datetime(2025, 4, 1, 3, 0, tzinfo=dt.UTC))
    out = tmp_path / "首问.xlsx"
    assert main(["--db", str(office.path), "export", "contacts", "-o", str(out), "--year", "2025",
                 "--month", "4"]) == 0
    assert "已导出2条首问登记" in capsys.readouterr().out
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["编号", "时间", "方式", "姓名或名称", "联系电话", "事项", "类别", "问题", "首问责任人", "处理方式",
                       "转至", "接办人", "接办时间", "办理结果", "回访日期", "回访结果", "状态", "关联记录"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["编号"] == "SW2025-000003" and first["时间"] == dt.datetime(2025, 4, 1, 9, 0)
    assert first["处理方式"] == v.INTERNAL and first["转至"] == "预算股" and first["接办人"] == "孙预算"
    assert first["状态"] == v.OVERDUE  # no result within 5 working days (today is long after)
    assert dict(zip(rows[0], rows[2], strict=True))["处理方式"] == v.TO_COMPLAINT
    assert len(rows) == 3


@pytest.mark.parametrize(("args", "words"), [(["--month", "4"], "--year"), (["--year", "2025", "--month", "13"], "1至12")])
def test_export_refuses_bad_options(office, tmp_path, capsys, args, words):
    assert main(["--db", str(office.path), "export", "contacts", "-o", str(tmp_path / "x.xlsx"), *args]) != 0
    assert words in capsys.readouterr().err


def test_convert_to_request_carries_the_data_over(office, clerk, tmp_path):
    eid = ce.log_entry(office, clerk, quick(channel="来访", outcome=v.TO_REQUEST, answer="",
                                            question="申请公开2024年县级部门预算"), now=NOW)
    data = ce.request_input(office, eid)
    assert (data.applicant_name, data.phone, data.content, data.received_date, data.channel) == (
        "张三", "13800001111", "申请公开2024年县级部门预算", MONDAY_10.date(), "当面提交")
    data.id_number = "11010519491231002X"
    rid = intake.register(office, clerk, data, today=MONDAY_10.date())
    ce.link_request(office, clerk, eid, rid)
    d = reg.detail(office, eid)
    assert d.request_id == rid and d.events[-1].kind == "关联"
    other = ce.log_entry(office, clerk, quick(), now=NOW)
    out = tmp_path / "首问.xlsx"  # the export names the linked request as the detail view does
    reg.export_contacts(office, out, ids=[eid, other])
    ws = load_workbook(out).active
    linked = [r[-1].value for r in ws.iter_rows(min_row=2)]
    assert linked[0] == d.linked and d.linked.startswith("申请") and linked[1] in (None, "")


def test_convert_to_notice_carries_the_data_over(office, head, clerk, depts):
    from app.services import profile

    profile.add_department(office, profile_admin(office), "金融股")
    mid = catalogue.create_matter(office, head, make_matter(), FILING, today=dt.date(2025, 3, 1))
    eid = ce.log_entry(office, clerk, quick(outcome=v.NOTICE, answer="", matter_id=mid), now=NOW)
    assert reg.detail(office, eid).row.matter_name == "小额贷款公司设立"
    data = ce.notice_input(office, eid)
    assert (data.matter_id, data.applicant_name, data.contact_phone) == (mid, "张三", "13800001111")
    data.clerk_phone = "0851-86123456"
    nid = issue.issue_notice(office, clerk, data)
    ce.link_notice(office, clerk, eid, nid)
    assert reg.detail(office, eid).notice_id == nid
    with pytest.raises(ServiceError, match="不能关联"):
        other = ce.log_entry(office, clerk, quick(), now=NOW)
        ce.link_notice(office, clerk, other, nid)


def profile_admin(db):
    from app.services import users

    return next(u for u in users.list_users(db) if u.login == "admin").actor()
