import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, Role, User
from app.services import users
from app.services.errors import PermissionDenied, ServiceError, ValidationError


def test_password_hash_is_salted_and_verifiable():
    a, b = users.hash_password("secret123"), users.hash_password("secret123")
    assert a != b and a.startswith("scrypt$")
    assert users.verify_password("secret123", a)
    assert not users.verify_password("secret124", a)


def test_first_admin_only_once(db):
    assert users.needs_first_admin(db)
    with pytest.raises(ValidationError) as e:
        users.create_first_admin(db, "admin", "王", "short", "short")
    assert "password" in e.value.fields
    users.create_first_admin(db, "admin", "王管理", "secret123", "secret123")
    assert not users.needs_first_admin(db)
    with pytest.raises(ServiceError):
        users.create_first_admin(db, "admin2", "李", "secret123", "secret123")


def test_lockout_after_five_wrong_passwords(db, admin):
    t0 = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
    for _i in range(4):
        with pytest.raises(users.SignInError, match="还可尝试"):
            users.sign_in(db, "admin", "wrong", now=t0)
    with pytest.raises(users.SignInError, match="锁定5分钟"):
        users.sign_in(db, "admin", "wrong", now=t0)
    # even the right password is refused while locked
    with pytest.raises(users.SignInError, match="已锁定"):
        users.sign_in(db, "admin", "secret123", now=t0 + dt.timedelta(minutes=4))
    info = users.sign_in(db, "admin", "secret123", now=t0 + dt.timedelta(minutes=6))
    assert info.role is Role.ADMIN


def test_only_admin_creates_users_and_changes_are_audited(db, admin):
    clerk = users.create_user(db, admin.actor(), "zhangsan", "张三", Role.CLERK, "pass1234")
    with pytest.raises(PermissionDenied):
        users.create_user(db, clerk.actor(), "lisi", "李四", Role.CLERK, "pass1234")
    with pytest.raises(ValidationError, match="已被使用"):
        users.create_user(db, admin.actor(), "zhangsan", "张三", Role.CLERK, "pass1234")
    users.set_password(db, clerk.actor(), clerk.id, "newpass99", "newpass99", old_password="pass1234")
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [e.action for e in entries] == ["创建管理员", "添加用户", "修改密码"]
        assert entries[1].actor == "王管理（admin）"
        assert "scrypt" not in entries[2].summary  # never the hash itself
        assert s.scalar(select(User).where(User.login == "zhangsan")).role == "窗口工作人员"


def test_change_without_actor_is_refused(db, admin):
    from app.db.audit_listener import UnauditedChangeError

    with pytest.raises(UnauditedChangeError), db.session() as s:
        s.get(User, admin.id).title = "x"
        s.flush()


def test_failed_service_call_leaves_nothing_half_saved(db, admin):
    with pytest.raises(RuntimeError), db.session(actor="t") as s:
        s.get(User, admin.id).title = "新职务"
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.get(User, admin.id).title == "系统管理员"
        assert s.scalar(select(AuditEntry).where(AuditEntry.actor == "t")) is None


# -- password hashing (scrypt N=2^17), upgrade at sign-in, unknown logins ---------------------


def test_production_cost_is_scrypt_2_17_within_openssl_memory_limit(monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2**17)  # the suite lowers it for speed (tests/conftest.py)
    stored = users.hash_password("secret123")
    assert stored.startswith("scrypt$131072$8$1$")
    assert users.verify_password("secret123", stored) and not users.needs_rehash(stored)


def test_weaker_hash_is_upgraded_at_next_sign_in(db, admin, monkeypatch):
    monkeypatch.setattr(users, "SCRYPT_N", 2**11)
    with db.session() as s:
        old = s.get(User, admin.id).password_hash
    assert old.startswith("scrypt$1024$") and users.needs_rehash(old)
    with pytest.raises(users.SignInError):
        users.sign_in(db, "admin", "wrong")  # a failed sign-in changes nothing
    with db.session() as s:
        assert s.get(User, admin.id).password_hash == old
    users.sign_in(db, "admin", "secret123")
    with db.session() as s:
        new = s.get(User, admin.id).password_hash
    assert new.startswith("scrypt$2048$") and users.verify_password("secret123", new)
    assert users.sign_in(db, "admin", "secret123").login == "admin"


def test_unknown_login_costs_a_scrypt_like_a_wrong_password(db, admin, monkeypatch):
    calls = []
    real = users._scrypt

    def counting(*args, **kw):
        calls.append(args[2])
        return real(*args, **kw)

    monkeypatch.setattr(users, "_scrypt", counting)
    users._dummy_hash(users.SCRYPT_N, users.SCRYPT_R, users.SCRYPT_P)  # made once per process
    calls.clear()
    with pytest.raises(users.SignInError, match="登录名或密码不正确") as unknown:
        users.sign_in(db, "nobody", "secret123")
    assert calls == [users.SCRYPT_N]
    calls.clear()
    with pytest.raises(users.SignInError, match="登录名或密码不正确") as wrong:
        users.sign_in(db, "admin", "secret124")
    assert calls == [users.SCRYPT_N]
    assert str(unknown.value).startswith(users.WRONG) and str(wrong.value).startswith(users.WRONG)


def test_tampered_hash_parameters_are_refused_not_run():
    assert not users.verify_password("x", "scrypt$1073741824$8$1$AAAA$AAAA")
    assert not users.verify_password("x", "scrypt$abc$8$1$AAAA$AAAA")
    assert not users.verify_password("x", "md5$whatever")


# -- first sign-in, login names ----------------------------------------------------------------


def test_new_user_must_change_password_at_first_sign_in(db, admin):
    assert not users.sign_in(db, "admin", "secret123").must_change_password  # chose it herself
    created = users.create_user(db, admin.actor(), "zs", "赵窗口", Role.CLERK, "pass1234")
    first = users.sign_in(db, "zs", "pass1234")
    assert created.must_change_password and first.must_change_password
    with pytest.raises(ValidationError, match="不能与原密码相同"):
        users.set_password(db, first.actor(), first.id, "pass1234", "pass1234", old_password="pass1234")
    users.set_password(db, first.actor(), first.id, "mine5678", "mine5678", old_password="pass1234")
    assert not users.sign_in(db, "zs", "mine5678").must_change_password
    # a reset by the administrator is a password she knows: change it again
    users.set_password(db, admin.actor(), first.id, "reset999", "reset999")
    assert users.sign_in(db, "zs", "reset999").must_change_password


def test_login_rule_matches_the_hint(db, admin):
    assert "英文字母、数字和 . _ -" in users.LOGIN_RULE
    for bad in ("张三", "a b", "x" * 41, "a/b"):
        with pytest.raises(ValidationError) as e:
            users.create_user(db, admin.actor(), bad, "某", Role.CLERK, "pass1234")
        assert e.value.fields["login"] == users.LOGIN_RULE
    # full-width letters typed with a Chinese input method are the same login
    info = users.create_user(db, admin.actor(), "ｗａｎｇ．ｌｉ", "王丽", Role.CLERK, "pass1234")
    assert info.login == "wang.li"
    assert users.sign_in(db, "ｗａｎｇ.ｌｉ", "pass1234").id == info.id
