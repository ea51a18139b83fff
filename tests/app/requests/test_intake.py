import datetime as dt
import threading

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, InfoRequest
from app.services.errors import ValidationError
from app.services.requests import intake, queries
from app.validation import identity as ids
from tests.app.conftest_requests import make_input

D = dt.date


def test_resident_id_and_uscc_check_characters():
    assert ids.validate_resident_id("11010519491231002X") is None
    assert "校验码不对" in ids.validate_resident_id("110105194912310021")
    assert "出生日期" in ids.validate_resident_id("110105194913310021")
    assert "18位" in ids.validate_resident_id("1101051949")
    assert ids.validate_uscc("91350100M000100Y43") is None
    assert "校验码不对" in ids.validate_uscc("91350100M000100Y44")
    assert "不允许的字符" in ids.validate_uscc("91350100M000100IO3")


def test_register_numbers_and_due_date(office, clerk):
    first = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    second = intake.register(office, clerk, make_input(content="另一项信息", id_number="E12345678",
                                                         id_type="护照", applicant_name="李四"),
                             today=D(2025, 3, 3))
    a, b = queries.detail(office, first), queries.detail(office, second)
    assert (a.number, b.number) == ("X财公开〔2025〕1号", "X财公开〔2025〕2号")
    assert a.due_date == D(2025, 3, 31) and a.state == "已登记"
    assert a.events[0].kind == "登记"
    # sequence restarts each year
    c = intake.register(office, clerk, make_input(received=D(2026, 1, 5), content="其他"), today=D(2026, 1, 5))
    assert queries.detail(office, c).number == "X财公开〔2026〕1号"


def test_bad_input_names_each_field_and_saves_nothing(office, clerk):
    bad = make_input(id_number="110105194912310021", applicant_name="", content="", postcode="12",
                     email="not-an-email")
    with pytest.raises(ValidationError) as e:
        intake.register(office, clerk, bad, today=D(2025, 3, 3))
    assert set(e.value.fields) >= {"id_number", "applicant_name", "content", "postcode", "email"}
    assert "校验码" in e.value.fields["id_number"]
    with office.session() as s:
        assert s.scalar(select(InfoRequest)) is None


def test_organisation_needs_uscc_and_contact(office, clerk):
    org = make_input(applicant_type="商业企业", applicant_name="某某有限公司", id_type="统一社会信用代码",
                     id_number="91350100M000100Y44")
    with pytest.raises(ValidationError) as e:
        intake.register(office, clerk, org, today=D(2025, 3, 3))
    assert "校验码" in e.value.fields["id_number"] and "contact_person" in e.value.fields
    org.id_number, org.contact_person = "91350100M000100Y43", "王经理"
    assert intake.register(office, clerk, org, today=D(2025, 3, 3))


def test_future_receipt_date_refused(office, clerk):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        intake.register(office, clerk, make_input(received=D(2025, 3, 4)), today=D(2025, 3, 3))


def test_repeat_warning(office, clerk, registered):
    again = make_input(received=D(2025, 9, 1), content="2024年县级部门预算公开的情况")
    found = intake.find_repeats(office, again, D(2025, 9, 1))
    assert [c.id for c in found] == [registered]
    assert found[0].similarity >= 0.6
    # different content, or more than 12 months later: no warning
    assert intake.find_repeats(office, make_input(received=D(2025, 9, 1), content="征地补偿标准"), D(2025, 9, 1)) == []
    assert intake.find_repeats(office, make_input(received=D(2026, 3, 10)), D(2026, 3, 10)) == []
    # same name + phone without ID still matches
    by_phone = make_input(received=D(2025, 9, 1), id_number="JUNGUAN-1", id_type="其他")
    assert intake.find_repeats(office, by_phone, D(2025, 9, 1))


def test_pinyin_search(office, clerk, registered):
    for term in ("zs", "zhangsan", "张三", "〔2025〕1号", "预算", "13800000000"):
        assert queries.list_ids(office, queries.RegisterFilter(search=term), today=D(2025, 3, 3)) == [registered], term
    assert queries.list_ids(office, queries.RegisterFilter(search="ls"), today=D(2025, 3, 3)) == []


def test_oral_request_records_clerk(office, clerk):
    rid = intake.register(office, clerk, make_input(oral=True), today=D(2025, 3, 3))
    d = queries.detail(office, rid)
    assert d.oral and d.filled_by == "赵窗口" and "代为填写" in d.events[0].text


def test_register_is_audited(office, clerk, registered):
    with office.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity == "info_request"))
        assert entry.actor == "赵窗口（zs）" and entry.action == "登记申请"


def _concurrent_register(db, clerk, n_threads=4, per_thread=5):
    errors = []

    def work(i):
        try:
            for j in range(per_thread):
                intake.register(db, clerk, make_input(content=f"并发{i}-{j}", applicant_name=f"申请人{i}{j}",
                                                      id_number=f"E{i}{j}", id_type="护照"), today=D(2025, 3, 3))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with db.session() as s:
        seqs = sorted(s.scalars(select(InfoRequest.seq)))
    assert seqs == list(range(1, n_threads * per_thread + 1))


def test_numbers_have_no_gaps_or_duplicates_when_desks_save_at_once(office, clerk):
    _concurrent_register(office, clerk)


@pytest.mark.postgres
def test_numbers_concurrent_on_postgresql(pg_db):
    from app.db.models import Role
    from app.services import profile, users

    admin = users.create_first_admin(pg_db, "admin", "王管理", "secret123", "secret123")
    profile.save_profile(pg_db, admin.actor(), profile.Profile(full_name="某局", doc_code="X财公开"))
    clerk = users.create_user(pg_db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234").actor()
    _concurrent_register(pg_db, clerk)


def test_rollback_leaves_no_gap(office, clerk, monkeypatch):
    intake.register(office, clerk, make_input(), today=D(2025, 3, 3))

    def boom(*a, **k):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(intake, "add_event", boom)
    with pytest.raises(RuntimeError):
        intake.register(office, clerk, make_input(content="x"), today=D(2025, 3, 3))
    monkeypatch.undo()
    rid = intake.register(office, clerk, make_input(content="y"), today=D(2025, 3, 3))
    assert queries.detail(office, rid).number == "X财公开〔2025〕2号"


def test_search_on_both_backends(any_db):
    from app.services import profile, users

    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123")
    profile.save_profile(any_db, admin.actor(), profile.Profile(full_name="某局", doc_code="X财公开"))
    rid = intake.register(any_db, admin.actor(), make_input(content="100%_预算"), today=D(2025, 3, 3))
    assert queries.matching_ids(any_db, "zs 预算") == {rid}
    assert queries.matching_ids(any_db, "100%_") == {rid}
    assert queries.matching_ids(any_db, "0%x") == set()
    assert queries.list_ids(any_db, queries.RegisterFilter(search="zhangsan"), today=D(2025, 3, 3)) == [rid]
