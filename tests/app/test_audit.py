"""The audit trail as evidence: one complete row per change (ORM or Core), masked, hash-chained."""

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import select, text, update

from app.db.audit_listener import UnauditedChangeError, mask_id_number
from app.db.models import AuditChain, AuditEntry, InfoRequest, NumberSequence, User
from app.db.models.audit import chain_hash
from app.services import audit, numbering, users
from app.services.requests import actions, intake
from tests.app.conftest_requests import make_input

D = dt.date


def rows(db, **where):
    t = AuditEntry.__table__
    q = select(t).order_by(t.c.id)
    for k, v in where.items():
        q = q.where(t.c[k] == v)
    with db.engine.connect() as conn:
        return conn.execute(q).all()


def changes(entry):
    return json.loads(entry.changes)


# -- completeness ---------------------------------------------------------------------------


def test_insert_row_names_its_id_and_every_value(office, clerk, registered):
    [entry] = rows(office, entity="info_request")
    assert entry.entity_id == str(registered)
    assert entry.action == "登记申请" and entry.actor == "赵窗口（zs）"
    c = changes(entry)
    assert c["applicant_name"] == [None, "张三"]
    assert c["content"] == [None, "2024年县级部门预算公开情况"]
    # the personal ID number is masked in the log, kept whole in the record itself
    assert c["id_number"] == [None, "1101**********002X"]
    assert "search_key" not in c  # derived text holding the number in the clear
    with office.session() as s:
        assert s.get(InfoRequest, registered).id_number == "11010519491231002X"
    assert "11010519491231002X" not in json.dumps([e.changes + e.summary for e in rows(office)])


def test_update_logs_full_before_and_after_once(office, clerk, registered):
    long_text = "需要补正的事项：" + "请写明文件名称、文号和发布时间。" * 20
    before = len(rows(office))
    actions.issue_correction(office, clerk, registered, long_text, D(2025, 3, 20), issued=D(2025, 3, 4),
                             today=D(2025, 3, 4))
    new = rows(office)[before:]
    # one row per changed table row: the request (the timeline event is not audited again)
    assert [(e.entity, e.entity_id) for e in new] == [("info_request", str(registered))]
    c = changes(new[0])
    assert c["correction_items"] == ["", long_text]  # not cut at 80 characters
    assert len(long_text) > 300
    assert all(b != a for b, a in c.values())  # no unchanged fields, no empty rows
    assert f"补正事项：（空） → {long_text}" in audit.details("info_request", new[0].changes)


def test_relationship_only_change_writes_no_empty_row(office, clerk, registered):
    before = len(rows(office))
    with office.session(actor="测试", action="仅添加办理记录") as s:
        req = s.get(InfoRequest, registered)
        intake.add_event(req, clerk, "说明", "只加一条办理记录", D(2025, 3, 4))
    assert len(rows(office)) == before


def test_changes_merge_per_row_within_a_transaction(db, admin):
    with db.session(actor="测试", action="两次修改") as s:
        u = s.get(User, admin.id)
        u.title = "甲"
        s.flush()
        u.title = "乙"
        s.flush()
        u.full_name = "王管理员"
    [entry] = rows(db, action="两次修改")
    assert changes(entry) == {"title": ["系统管理员", "乙"], "full_name": ["王管理", "王管理员"]}
    with db.session(actor="测试", action="改回原值") as s:
        u = s.get(User, admin.id)
        u.title = "临时"
        s.flush()
        u.title = "乙"
    assert rows(db, action="改回原值") == []


def test_insert_then_update_is_one_insert_and_delete_is_logged(db, admin):
    from app.db.models import Department

    with db.session(actor="测试", action="建科室") as s:
        d = Department(name="办公室", sort_order=1)
        s.add(d)
        s.flush()
        d.sort_order = 2
    [entry] = rows(db, action="建科室")
    assert entry.entity == "department" and entry.entity_id
    assert changes(entry)["sort_order"] == [None, 2]
    with db.session(actor="测试", action="删科室") as s:
        s.delete(s.get(Department, int(entry.entity_id)))
    [gone] = rows(db, action="删科室")
    assert changes(gone)["name"] == ["办公室", None]


def test_rolled_back_savepoint_leaves_no_audit_row(db, admin):
    with db.session(actor="测试", action="保存点") as s:
        sp = s.begin_nested()
        s.get(User, admin.id).title = "不会保存"
        s.flush()
        sp.rollback()
        s.get(User, admin.id).full_name = "会保存"
    [entry] = rows(db, action="保存点")
    assert changes(entry) == {"full_name": ["王管理", "会保存"]}


def test_passwords_are_masked(db, admin):
    [entry] = rows(db, action="创建管理员")
    assert changes(entry)["password_hash"] == [None, "******"]
    assert "scrypt" not in entry.changes


def test_core_number_upsert_is_audited(office, clerk, registered):
    [seq] = rows(office, entity="number_sequence")
    assert seq.entity_id == "request,2025" and changes(seq)["last"] == [None, 1]
    intake.register(office, clerk, make_input(content="第二件"), today=D(2025, 3, 3))
    assert [changes(e)["last"] for e in rows(office, entity="number_sequence")] == [[None, 1], [1, 2]]
    with office.session(actor="测试", action="导入编号") as s:
        numbering.bump_seq(s, "request", 2025, 9)
        numbering.bump_seq(s, "request", 2025, 5)  # lower: no change, no row
    [bump] = rows(office, action="导入编号")
    assert changes(bump)["last"] == [2, 9]


def test_unmarked_core_statement_is_refused(office, registered):
    with pytest.raises(UnauditedChangeError), office.session(actor="测试") as s:
        s.execute(update(NumberSequence).values(last=99))
    with pytest.raises(UnauditedChangeError), office.session(actor="测试") as s:
        s.execute(update(AuditEntry).values(summary="x").execution_options(audited=True))
    with office.session() as s:
        assert numbering.last_seq(s, "request", 2025) == 1


def test_mask_id_number():
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number("E1234") == "*1234"


# -- sign-in, sign-out ---------------------------------------------------------------------


def test_sign_in_success_failure_and_sign_out_are_logged(db, admin):
    with pytest.raises(users.SignInError):
        users.sign_in(db, "admin", "wrong-password-1")
    with pytest.raises(users.SignInError):
        users.sign_in(db, "nobody", "wrong-password-2")
    info = users.sign_in(db, "admin", "secret123")
    users.sign_out(db, info)
    events = [e for e in rows(db) if not any(isinstance(v, list) for v in changes(e).values())]
    log = [(e.action, e.actor) for e in events if e.action in ("登录", "登录失败", "退出登录")]
    assert log == [("登录失败", "登录:admin"), ("登录失败", "登录:nobody"), ("登录", "王管理（admin）"),
                   ("退出登录", "王管理（admin）")]
    failed = [e for e in events if e.action == "登录失败"]
    assert changes(failed[1]) == {"login": "nobody", "reason": "没有这个登录名"}
    counter = [e for e in rows(db, action="登录失败") if e not in failed]
    assert [changes(e)["failed_attempts"] for e in counter] == [[0, 1]]
    assert all("wrong-password" not in e.changes + e.summary for e in rows(db))


# -- the chain -----------------------------------------------------------------------------


def _some_history(db, admin, n=5):
    for i in range(n):
        users.create_user(db, admin.actor(), f"user{i}", f"用户{i}", users.Role.CLERK, "pass1234")


def _raw(db, sql, **params):
    with db.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_chain_is_whole_and_each_hash_covers_its_row(any_db):
    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123")
    _some_history(any_db, admin)
    result = audit.verify(any_db)
    assert result.ok and result.last_id == len(rows(any_db)) == 6
    prev = "0" * 64
    for e in rows(any_db):
        assert e.hash == chain_hash(prev, e.id, e.at, e.actor, e.entity, e.entity_id, e.action, e.summary,
                                    e.changes)
        prev = e.hash


def test_edited_row_is_found(db, admin):
    _some_history(db, admin)
    _raw(db, "UPDATE audit_log SET actor = '张三' WHERE id = 3")
    result = audit.verify(db)
    assert not result.ok and result.broken_id == 3
    assert "第3条" in result.problem and "被改动" in result.problem and "张三" in result.problem


def test_deleted_row_is_found(db, admin):
    _some_history(db, admin)
    _raw(db, "DELETE FROM audit_log WHERE id = 4")
    result = audit.verify(db)
    assert not result.ok and "第4条记录已被删除" in result.problem


def test_deleted_last_rows_are_found(db, admin):
    _some_history(db, admin)
    _raw(db, "DELETE FROM audit_log WHERE id >= 5")
    result = audit.verify(db)
    assert not result.ok and "最后的第5条至第6条记录已被删除" in result.problem


def test_forged_rows_are_found(db, admin):
    _some_history(db, admin)
    # appended after the head, even with a correctly computed hash
    last = rows(db)[-1]
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    forged = chain_hash(last.hash, 7, at, "王管理（admin）", "app_user", "1", "修改", "", "{}")
    _raw(db, "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, summary, changes, hash) "
         "VALUES (7, :at, '王管理（admin）', 'app_user', '1', '修改', '', '{}', :h)",
         at=at.replace(tzinfo=None), h=forged)
    result = audit.verify(db)
    assert not result.ok and "第7条" in result.problem and "程序之外" in result.problem


def test_row_replaced_by_a_forgery_is_found(db, admin):
    _some_history(db, admin)
    _raw(db, "DELETE FROM audit_log WHERE id = 4")
    _raw(db, "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, summary, changes, hash) "
         "VALUES (4, '2026-01-01 00:00:00.000000', '伪造', 'app_user', '9', '新增', '', '{}', :h)", h="f" * 64)
    result = audit.verify(db)
    assert not result.ok and result.broken_id == 4 and "伪造" in result.problem


def test_incremental_check_reads_only_new_rows(db, admin):
    _some_history(db, admin, 3)
    assert audit.verify(db, full=False).checked == 4
    users.create_user(db, admin.actor(), "late", "后来", users.Role.CLERK, "pass1234")
    again = audit.verify(db, full=False)
    assert again.ok and again.checked == 1 and again.last_id == 5
    # an edit of a new row is caught by the next start-up check
    users.create_user(db, admin.actor(), "later", "更后来", users.Role.CLERK, "pass1234")
    _raw(db, "UPDATE audit_log SET summary = '改过' WHERE id = 6")
    assert not audit.verify(db, full=False).ok


def test_old_rows_are_checked_by_the_full_check(db, admin):
    _some_history(db, admin, 3)
    assert audit.verify(db, full=False).ok
    _raw(db, "UPDATE audit_log SET summary = '改过' WHERE id = 2")
    assert audit.verify(db, full=False).ok  # the start-up check reads only newer rows
    result = audit.verify(db, full=True)
    assert not result.ok and result.broken_id == 2


def test_incremental_check_notices_a_tampered_anchor(db, admin):
    _some_history(db, admin, 2)
    assert audit.verify(db, full=False).ok
    _raw(db, "DELETE FROM audit_log WHERE id = 3")
    result = audit.verify(db, full=False)
    assert not result.ok and "第3条" in result.problem
    with db.session() as s:
        assert s.get(AuditChain, 1).verified_id == 3  # a broken chain is never marked verified further


def test_concurrent_writers_do_not_fork_the_chain(any_db):
    admin = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123")
    errors = []

    def work(i):
        try:
            for j in range(4):
                with any_db.session(actor=f"桌面{i}", action="并发修改") as s:
                    s.get(User, admin.id).title = f"职务{i}-{j}"
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    ids = [e.id for e in rows(any_db)]
    assert ids == list(range(1, len(ids) + 1))
    assert audit.verify(any_db).ok


def test_migration_chains_existing_rows(tmp_path):
    """A database from before the chain gets its old rows chained in order."""
    from alembic import command

    from app.db import Database
    from app.db.engine import to_url
    from app.db.migrate import _config

    database = Database(to_url(tmp_path / "old.sqlite3"))
    cfg = _config()
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006_notices")
        for i in range(3):
            conn.execute(text("INSERT INTO audit_log (at, actor, entity, entity_id, action, summary) "
                              "VALUES ('2026-01-01 08:00:00.000000', '旧', 'app_user', :i, '修改', '旧记录')"),
                         {"i": str(i)})
    database.upgrade(backup=False)
    result = audit.verify(database)
    assert result.ok and result.last_id == 3
    database.dispose()


def test_command_line_check(db, admin, capsys):
    from app.cli import main

    path = str(db.path)
    _some_history(db, admin, 2)
    assert main(["audit-check", "--db", path]) == 0
    assert "操作日志完整：共3条" in capsys.readouterr().out
    _raw(db, "UPDATE audit_log SET action = '删除' WHERE id = 2")
    assert main(["audit-check", "--db", path]) == 0  # row 2 was verified already: the quick check skips it
    capsys.readouterr()
    assert main(["audit-check", "--full", "--db", path]) == 1
    assert "第2条" in capsys.readouterr().out


def test_before_value_of_an_unloaded_attribute_is_read_from_the_database(db, admin):
    from sqlalchemy.orm import defer

    with db.session(actor="测试", action="未加载字段") as s:
        u = s.scalars(select(User).where(User.id == admin.id).options(defer(User.title))).one()
        u.title = "新职务"
    [entry] = rows(db, action="未加载字段")
    assert changes(entry) == {"title": ["系统管理员", "新职务"]}
