"""Accounts, passwords and sign-in.

Passwords are stored only as salted scrypt hashes (N=2^17, r=8, p=1: about 128 MiB
and a few tenths of a second per try, which is what makes a stolen database
expensive to attack).  Hashes made with weaker parameters are replaced at the
next successful sign-in.  An unknown login name is checked against a dummy hash
of the same cost, so it takes as long to refuse as a wrong password and does not
reveal which names exist.  Five wrong passwords lock the account for five
minutes; the counter lives in the database so a restart does not reset it.
Sign-ins (successful or not) and sign-outs are rows of the 操作日志.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from app.db import Database
from app.db.base import utcnow
from app.db.models import Department, Role, User
from app.services import audit
from app.services.actor import Actor
from app.services.errors import NotFound, ServiceError, ValidationError
from app.services.rights import Right, current_role, require

MAX_FAILED = 5
LOCK_MINUTES = 5
MIN_PASSWORD = 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_MAX_N = 2**20  # a stored hash asking for more is refused rather than allowed to exhaust memory
LOGIN_RULE = "登录名只能用英文字母、数字和 . _ -，不超过40个字符"
_LOGIN = re.compile(r"[A-Za-z0-9._-]{1,40}")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    # OpenSSL refuses more than 32 MiB unless told: scrypt needs 128 * r * n bytes (plus a little).
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen,
                          maxmem=129 * r * n + 1024 * 1024)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        n_, r_, p_ = int(n), int(r), int(p)
        expected = base64.b64decode(digest)
        salt_ = base64.b64decode(salt)
    except ValueError:
        return False
    if scheme != "scrypt" or not (1 < n_ <= _MAX_N and 0 < r_ <= 32 and 0 < p_ <= 16) or not expected:
        return False
    return hmac.compare_digest(expected, _scrypt(password, salt_, n_, r_, p_, len(expected)))


def needs_rehash(stored: str) -> bool:
    """True for a hash made with weaker parameters than the current ones."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    except ValueError:
        return True


@functools.cache
def _dummy_hash(n: int, r: int, p: int) -> str:
    return hash_password(secrets.token_hex(16))


def _burn_time(password: str) -> None:
    """Spend what checking a real password costs, for logins that do not exist."""
    verify_password(password, _dummy_hash(SCRYPT_N, SCRYPT_R, SCRYPT_P))


def normalise_login(login: str) -> str:
    """Full-width letters and digits typed with a Chinese input method become ASCII."""
    return unicodedata.normalize("NFKC", login).strip()


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    full_name: str
    department: str
    title: str
    role: Role
    active: bool
    must_change_password: bool = False

    def actor(self) -> Actor:
        return Actor(label=f"{self.full_name}（{self.login}）", user_id=self.id, role=self.role,
                     full_name=self.full_name)


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.login, u.full_name, u.department.name if u.department else "",
                    u.title, Role(u.role), u.active, u.must_change_password)


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
    elif not _LOGIN.fullmatch(normalise_login(login)):
        errors["login"] = LOGIN_RULE
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
        user = User(login=normalise_login(login), full_name=full_name.strip(), role=Role.ADMIN.value,
                    password_hash=hash_password(password), title="系统管理员", must_change_password=False)
        s.add(user)
        s.flush()
        return _info(user)


def create_user(db: Database, actor: Actor, login: str, full_name: str, role: Role,
                password: str, department: str = "", title: str = "") -> UserInfo:
    """An account made by the administrator; its owner must choose a new password at first sign-in."""
    _validate_fields(login, full_name)
    check_password_rules(password)
    login = normalise_login(login)
    with db.session(actor=actor.label, action="添加用户") as s:
        require(s, actor, Right.MANAGE_USERS, "只有系统管理员可以添加用户")
        if s.scalar(select(User).where(User.login == login)):
            raise ValidationError({"login": f"登录名“{login}”已被使用"})
        dept = None
        if department:
            dept = s.scalar(select(Department).where(Department.name == department))
            if dept is None:
                raise ValidationError({"department": f"没有名为“{department}”的科室"})
        user = User(login=login, full_name=full_name.strip(), role=role.value,
                    password_hash=hash_password(password), department=dept, title=title.strip(),
                    must_change_password=True)
        s.add(user)
        s.flush()
        return _info(user)


def update_user(db: Database, actor: Actor, user_id: int, *, full_name: str, role: Role,
                department: str, title: str, active: bool) -> UserInfo:
    with db.session(actor=actor.label, action="修改用户") as s:
        require(s, actor, Right.MANAGE_USERS, "只有系统管理员可以修改用户")
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
    """Everyone changes their own password with the old one; administrators reset others'.

    A reset password is one the administrator knows, so its owner must change it at the
    next sign-in; a password people chose themselves clears that flag.
    """
    check_password_rules(password, again)
    with db.session(actor=actor.label, action="修改密码") as s:
        user = s.get(User, user_id)
        if user is None:
            raise NotFound("用户不存在")
        own = user.id == actor.user_id
        if own:
            current_role(s, actor)  # a deactivated account cannot change anything
            if old_password is None or not verify_password(old_password, user.password_hash):
                raise ValidationError({"old": "原密码不正确"})
            if old_password == password:
                raise ValidationError({"password": "新密码不能与原密码相同"})
        else:
            require(s, actor, Right.MANAGE_USERS, "只能修改自己的密码")
        # 投诉举报 key (app.services.complaints.identity): a reset drops the user's wrapped copy,
        # one's own change re-wraps it under the new password.
        from app.services.complaints import identity as complaint_key

        if own:
            complaint_key.rewrap(s, user.id, old_password or "", password)
        else:
            complaint_key.drop(s, user.id)
        user.password_hash = hash_password(password)
        user.must_change_password = not own
        user.failed_attempts = 0
        user.locked_until = None


def list_users(db: Database) -> list[UserInfo]:
    with db.session() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.id))]


class SignInError(ServiceError):
    pass


WRONG = "登录名或密码不正确"


def _refuse(s, login: str, user: User | None, reason: str, message: str) -> SignInError:  # noqa: ANN001
    """Log the failed attempt (the login name typed, never the password) and commit it."""
    s.info["action"] = "登录失败"  # also for the failure counter's own row
    audit.event(s, "登录失败", entity="app_user", entity_id=str(user.id) if user else "",
                summary=user.audit_label() if user else f"登录名“{login[:40]}”",
                details={"login": login[:100], "reason": reason})
    s.commit()  # the failure (count and log row) must persist although we raise
    return SignInError(message)


def sign_in(db: Database, login: str, password: str, now: dt.datetime | None = None) -> UserInfo:
    """Check a password; count failures and lock after five; log every attempt."""
    now = now or utcnow()
    login = normalise_login(login)
    with db.session(actor=f"登录:{login[:40]}", action="登录") as s:
        user = s.scalar(select(User).where(User.login == login)) if login else None
        if user is None:
            _burn_time(password)
            raise _refuse(s, login, None, "没有这个登录名", WRONG)
        if not user.active:
            _burn_time(password)
            raise _refuse(s, login, user, "账号已停用", WRONG)
        if user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise _refuse(s, login, user, "账号锁定中",
                          f"密码连续输错{MAX_FAILED}次，账号已锁定，请约{minutes}分钟后再试")
        if not verify_password(password, user.password_hash):
            user.failed_attempts += 1
            if user.failed_attempts >= MAX_FAILED:
                user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                user.failed_attempts = 0
                message = f"密码连续输错{MAX_FAILED}次，账号锁定{LOCK_MINUTES}分钟"
            else:
                message = f"{WRONG}（还可尝试{MAX_FAILED - user.failed_attempts}次）"
            raise _refuse(s, login, user, "密码不正确", message)
        if user.failed_attempts or user.locked_until:
            user.failed_attempts = 0
            user.locked_until = None
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        info = _info(user)
        s.info["actor"] = info.actor().label
        audit.event(s, "登录", entity="app_user", entity_id=str(user.id), summary=user.audit_label())
        # 投诉举报: the password is in hand only here, so the user's complaint key is unwrapped now
        from app.services.complaints import identity as complaint_key

        complaint_key.unlock(s, db, user, password)
        return info


def sign_out(db: Database, user: UserInfo) -> None:
    """退出登录 (switching user or closing the window) is a row of the 操作日志."""
    from app.services.complaints import identity as complaint_key

    complaint_key.forget(db, user.id)  # the complaint key leaves memory with the user
    with db.session(actor=user.actor().label, action="退出登录") as s:
        audit.event(s, "退出登录", entity="app_user", entity_id=str(user.id), summary=f"{user.full_name}（{user.login}）")
