"""Accounts, passwords and sign-in.

Passwords are stored only as salted scrypt hashes.  Five wrong passwords lock
the account for five minutes; the counter lives in the database so a restart
does not reset it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select

from app.db import Database
from app.db.base import utcnow
from app.db.models import Department, Role, User
from app.services.actor import Actor
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError

MAX_FAILED = 5
LOCK_MINUTES = 5
MIN_PASSWORD = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return "scrypt${n}${r}${p}${salt}${digest}".format(
        salt=base64.b64encode(salt).decode(), digest=base64.b64encode(digest).decode(), **_SCRYPT
    )


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(expected, actual)


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    full_name: str
    department: str
    title: str
    role: Role
    active: bool

    def actor(self) -> Actor:
        return Actor(label=f"{self.full_name}（{self.login}）", user_id=self.id, role=self.role,
                     full_name=self.full_name)


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.login, u.full_name, u.department.name if u.department else "",
                    u.title, Role(u.role), u.active)


def check_password_rules(password: str, again: str | None = None) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError({"password": f"密码至少{MIN_PASSWORD}位"})
    if password.isdigit() or password.isalpha():
        raise ValidationError({"password": "密码须同时包含字母和数字（或其他字符）"})
    if again is not None and password != again:
        raise ValidationError({"again": "两次输入的密码不一致"})


def needs_first_admin(db: Database) -> bool:
    with db.session() as s:
        return not s.scalar(select(func.count()).select_from(User))


def _validate_fields(login: str, full_name: str) -> None:
    errors = {}
    if not login.strip():
        errors["login"] = "请填写登录名"
    elif not all(c.isalnum() or c in "._-" for c in login) or len(login) > 40:
        errors["login"] = "登录名只能用字母、数字和 . _ -，不超过40个字符"
    if not full_name.strip():
        errors["full_name"] = "请填写姓名"
    elif len(full_name) > 40:
        errors["full_name"] = "姓名不超过40个字符"
    if errors:
        raise ValidationError(errors)


def create_first_admin(db: Database, login: str, full_name: str, password: str, again: str) -> UserInfo:
    """The first account; allowed only while there is no account at all."""
    _validate_fields(login, full_name)
    check_password_rules(password, again)
    with db.session(actor=f"首次启动:{login}", action="创建管理员") as s:
        if s.scalar(select(func.count()).select_from(User)):
            raise ServiceError("已经存在用户，不能再次创建初始管理员")
        user = User(login=login.strip(), full_name=full_name.strip(), role=Role.ADMIN.value,
                    password_hash=hash_password(password), title="系统管理员")
        s.add(user)
        s.flush()
        return _info(user)


def create_user(db: Database, actor: Actor, login: str, full_name: str, role: Role,
                password: str, department: str = "", title: str = "") -> UserInfo:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以添加用户")
    _validate_fields(login, full_name)
    check_password_rules(password)
    with db.session(actor=actor.label, action="添加用户") as s:
        if s.scalar(select(User).where(User.login == login.strip())):
            raise ValidationError({"login": f"登录名“{login}”已被使用"})
        dept = None
        if department:
            dept = s.scalar(select(Department).where(Department.name == department))
            if dept is None:
                raise ValidationError({"department": f"没有名为“{department}”的科室"})
        user = User(login=login.strip(), full_name=full_name.strip(), role=role.value,
                    password_hash=hash_password(password), department=dept, title=title.strip())
        s.add(user)
        s.flush()
        return _info(user)


def update_user(db: Database, actor: Actor, user_id: int, *, full_name: str, role: Role,
                department: str, title: str, active: bool) -> UserInfo:
    if not actor.is_admin:
        raise PermissionDenied("只有系统管理员可以修改用户")
    with db.session(actor=actor.label, action="修改用户") as s:
        user = s.get(User, user_id)
        if user is None:
            raise NotFound("用户不存在")
        _validate_fields(user.login, full_name)
        if user.id == actor.user_id and (not active or role is not Role.ADMIN):
            raise ValidationError({"role": "不能停用自己或取消自己的管理员角色"})
        dept = s.scalar(select(Department).where(Department.name == department)) if department else None
        user.full_name, user.role, user.department = full_name.strip(), role.value, dept
        user.title, user.active = title.strip(), active
        return _info(user)


def set_password(db: Database, actor: Actor, user_id: int, password: str, again: str,
                 old_password: str | None = None) -> None:
    """Administrators reset anyone's password; others change their own with the old one."""
    check_password_rules(password, again)
    with db.session(actor=actor.label, action="修改密码") as s:
        user = s.get(User, user_id)
        if user is None:
            raise NotFound("用户不存在")
        if not actor.is_admin or user.id == actor.user_id:
            if user.id != actor.user_id:
                raise PermissionDenied("只能修改自己的密码")
            if old_password is None or not verify_password(old_password, user.password_hash):
                raise ValidationError({"old": "原密码不正确"})
        user.password_hash = hash_password(password)
        user.failed_attempts = 0
        user.locked_until = None


def list_users(db: Database) -> list[UserInfo]:
    with db.session() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.id))]


class SignInError(ServiceError):
    pass


def sign_in(db: Database, login: str, password: str, now: dt.datetime | None = None) -> UserInfo:
    """Check a password; count failures and lock after five."""
    now = now or utcnow()
    with db.session(actor=f"登录:{login}", action="登录") as s:
        user = s.scalar(select(User).where(User.login == login.strip()))
        if user is None or not user.active:
            raise SignInError("用户名或密码不正确")
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise SignInError(f"密码连续输错{MAX_FAILED}次，账号已锁定，请约{minutes}分钟后再试")
        if not verify_password(password, user.password_hash):
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED:
                user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                user.failed_attempts = 0
                message = f"密码连续输错{MAX_FAILED}次，账号锁定{LOCK_MINUTES}分钟"
            else:
                message = f"用户名或密码不正确（还可尝试{MAX_FAILED - user.failed_attempts}次）"
            s.flush()
            s.commit()  # the failure count must persist although we raise
            raise SignInError(message)
        if user.failed_attempts or user.locked_until:
            user.failed_attempts = 0
            user.locked_until = None
        return _info(user)
