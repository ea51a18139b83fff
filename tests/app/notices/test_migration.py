"""0012 on a database that already has matters and notices: nothing lost, search documents built."""

from alembic import command
from sqlalchemy import text

from app.db.migrate import _config
from app.services.catalogue import service as catalogue
from app.services.notices import issue, register
from tests.app.notices.conftest import TODAY


def _migrate(db, target: str, direction=command.upgrade) -> None:
    cfg = _config()
    with db.engine.begin() as conn:  # foreign keys on, as in the program
        cfg.attributes["connection"] = conn
        direction(cfg, target)


def test_down_and_up_with_data_keeps_every_item(finance, clerk, matter_id):
    nid = issue.issue_notice(finance, clerk, issue.NoticeInput(matter_id, "张三", "13800000000", {}, "0432-62345678"),
                             today=TODAY)
    _migrate(finance, "0011_holiday_confirmed", command.downgrade)
    with finance.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM notice_item")).scalar() == 4
        assert conn.execute(text("SELECT count(*) FROM search_doc WHERE kind = 'notice'")).scalar() == 0
    _migrate(finance, "head")
    assert len(register.detail(finance, nid).items) == 4
    assert register.fetch_rows(finance, [nid])[nid].missing == "设立申请书；营业执照；法定代表人身份证明；授权委托书"
    assert register.list_ids(finance, register.NoticeFilter(search="zs")) == [nid]
    assert [m.id for m in catalogue.list_matters(finance, search="xedk")] == [matter_id]


def test_down_and_up_on_both_databases(any_db):
    from app.services import profile, users
    from tests.app.notices.conftest import FILING, make_matter

    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123").actor()
    profile.save_profile(any_db, admin, profile.Profile(full_name="某某县财政局", doc_code="X财公开",
                                                         reconsideration_body="某某县人民政府", court="某某县人民法院"))
    profile.add_department(any_db, admin, "金融股")
    mid = catalogue.create_matter(any_db, admin, make_matter(), FILING, today=TODAY)
    d = catalogue.detail(any_db, mid)
    marks = {d.material_ids[1]: issue.Mark(issue.DEFECTIVE, "过期")}
    nid = issue.issue_notice(any_db, admin, issue.NoticeInput(mid, "张三", "13800000000", marks, "0432-62345678"),
                             today=TODAY)
    _migrate(any_db, "0011_holiday_confirmed", command.downgrade)
    _migrate(any_db, "head")
    assert register.fetch_rows(any_db, [nid])[nid].missing == "设立申请书；营业执照（不符合要求）；法定代表人身份证明；授权委托书"
