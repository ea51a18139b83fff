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
