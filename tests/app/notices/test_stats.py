"""Statistics match a hand count of a small, known set of notices."""

import datetime as dt
from dataclasses import replace

from app.db.models import Role
from app.services import users
from app.services.catalogue import service as catalogue
from app.services.notices import issue, stats
from app.services.notices.issue import BROUGHT, DEFECTIVE, NOT_APPLICABLE, Mark, NoticeInput
from tests.app.notices.conftest import FILING, TODAY, make_matter


def test_statistics_match_a_hand_count(finance, admin, clerk, head, matter_id):
    other = catalogue.create_matter(finance, head, make_matter("典当行设立审核"), FILING, today=TODAY)
    li = users.create_user(finance, admin.actor(), "lq", "李前台", Role.CLERK, "pass1234").actor()

    def give(actor, mid, name, phone, day, **marks):
        d = catalogue.detail(finance, mid)
        ids = {x.name: i for i, x in zip(d.material_ids, d.content.materials, strict=True)}
        data = NoticeInput(mid, name, phone, {ids[k]: v for k, v in marks.items()}, "0432-62345678")
        return issue.issue_notice(finance, actor, data, today=dt.date(2026, 3, day))

    all_but_licence = {"设立申请书": Mark(BROUGHT), "法定代表人身份证明": Mark(BROUGHT), "授权委托书": Mark(NOT_APPLICABLE)}
    # 张三 twice for 小额贷款 (the duty failed once), once for 典当行; 李四 once; 王五 once in April (outside)
    give(clerk, matter_id, "张三", "13800000000", 2)                      # 4 items
    give(clerk, matter_id, "张 三", "138 0000 0000", 9, **all_but_licence)  # 1 item: 营业执照 (same person)
    give(li, other, "张三", "13800000000", 9, 设立申请书=Mark(BROUGHT),
         营业执照=Mark(DEFECTIVE, "过期"))                                  # 3 items
    give(li, matter_id, "李四", "13900000000", 10, **all_but_licence)        # 1 item
    give(clerk, matter_id, "王五", "13700000000", 31)                        # outside the range

    s = stats.statistics(finance, dt.date(2026, 3, 1), dt.date(2026, 3, 30))
    assert s.total == 4
    assert s.by_matter == [("小额贷款公司设立", 3), ("典当行设立审核", 1)]
    assert s.by_clerk == [("李前台", 2), ("赵窗口", 2)]
    assert s.top_missing[0] == ("营业执照", 4)
    assert dict(s.top_missing) == {"营业执照": 4, "法定代表人身份证明": 2, "授权委托书": 2, "设立申请书": 1}
    assert [(m, n) for _, m, n in s.repeat_pairs] == [("小额贷款公司设立", 2)]
    assert s.repeat_notices == 1 and s.repeat_rate == 0.25
    assert s.by_state == {"待补齐": 4}
    everything = stats.statistics(finance)
    assert everything.total == 5 and everything.by_matter[0] == ("小额贷款公司设立", 4)


def test_empty_statistics(finance):
    s = stats.statistics(finance)
    assert (s.total, s.by_matter, s.top_missing, s.repeat_pairs, s.repeat_rate) == (0, [], [], [], 0.0)


def test_notice_for_another_person_is_no_repeat(finance, clerk, matter_id):
    base = NoticeInput(matter_id, "张三", "13800000000", {}, "0432-62345678")
    issue.issue_notice(finance, clerk, base, today=dt.date(2026, 3, 2))
    issue.issue_notice(finance, clerk, replace(base, contact_phone="13800000001"), today=dt.date(2026, 3, 3))
    assert stats.statistics(finance).repeat_notices == 0
