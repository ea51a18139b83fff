"""Complaints on the shared search index: found by number, person complained about (and pinyin), facts;
the index never holds the complainant's name, ID number, phone or address."""

from sqlalchemy import text

from app.services.complaints import handling, register
from app.services.search import query
from tests.app.complaints.conftest import DAY, ID, NAME, PHONE, named

ADDRESS = "某某县人民路8号"


def _ids(office, q) -> set[int]:
    with office.engine.connect() as conn:
        return query.match_ids(conn, "complaint", q)


def test_found_by_number_target_and_facts_never_by_identity(office, clerk, inspector, staff):
    cid = register.register(office, clerk, named(target_user_id=staff.id, facts="窗口人员索要好处费才给办理"),
                            today=DAY)
    other = register.register(office, clerk, named(anonymous=True, wants_reply=False, phone="",
                                                   facts="办事大厅空调不开"), today=DAY)
    assert _ids(office, "TS2025-0001") == {cid}
    assert _ids(office, "徐窗口") == {cid} and _ids(office, "xck") == {cid}  # name and its initials
    assert _ids(office, "好处费") == {cid} and _ids(office, "空调") == {other}
    assert _ids(office, "政务服务科") == set()  # the staff member's 科室 counts only when the complaint names it
    for secret in (NAME, ID, PHONE, ADDRESS, "王秀", "1391234"):
        assert _ids(office, secret) == set(), secret
    handling.decide(office, clerk, cid, "转交有权机关", DAY, "县市场监督管理局", today=DAY)
    assert _ids(office, "市场监督") == {cid}  # a save keeps the document in step
    with office.engine.connect() as conn:
        bodies = "\n".join(r[0] for r in conn.execute(text("SELECT body FROM search_doc")))
        if conn.dialect.name == "sqlite":
            bodies += "\n".join(str(r) for r in conn.execute(text("SELECT * FROM search_tri")))
    for secret in (NAME, ID, PHONE, ADDRESS, "wangxiuying", "wxy"):
        assert secret.lower() not in bodies.lower(), secret
