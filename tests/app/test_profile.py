import pytest

from app.services import profile
from app.services.actor import cli_actor
from app.services.errors import ValidationError


def test_save_and_read_back(db, admin):
    p = profile.Profile(full_name="某某县财政局", doc_code="财公开", reconsideration_body="某某县人民政府",
                        court="某某县人民法院", postcode="123456")
    profile.save_profile(db, admin.actor(), p)
    back = profile.get_profile(db)
    assert back.full_name == "某某县财政局" and back.answer_days == 20
    # letters print the window and the phone too: the profile is not complete without them
    assert not back.is_complete and back.missing_for_letters() == ["联系电话", "受理窗口地点"]
    profile.save_profile(db, admin.actor(), profile.Profile(**{**back.__dict__, "phone": "0851-86123456",
                                                               "address": "某某县人民路1号"}))
    assert profile.get_profile(db).is_complete


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"full_name": ""}, "full_name"),
        ({"postcode": "12345"}, "postcode"),
        ({"number_pattern": "{文号代字}{序号}"}, "number_pattern"),
        ({"number_pattern": "{文号代字}〔{年}〕{编号}号"}, "number_pattern"),
        ({"answer_days": 0}, "answer_days"),
        ({"doc_code": "财 公开"}, "doc_code"),
    ],
)
def test_bad_profile_is_refused_per_field(db, admin, change, field):
    base = dict(full_name="某局", doc_code="财公开")
    base.update(change)
    with pytest.raises(ValidationError) as e:
        profile.save_profile(db, admin.actor(), profile.Profile(**base))
    assert field in e.value.fields


def test_departments(db, admin):
    profile.add_department(db, admin.actor(), "办公室")
    profile.add_department(db, admin.actor(), "预算股")
    with pytest.raises(ValidationError):
        profile.add_department(db, admin.actor(), "办公室")
    profile.rename_department(db, admin.actor(), "预算股", "预算管理股")
    assert profile.list_departments(db) == ["办公室", "预算管理股"]
    profile.remove_department(db, admin.actor(), "办公室")
    assert profile.list_departments(db) == ["预算管理股"]


def test_cli_actor_label():
    assert cli_actor().label.startswith("命令行:")
