"""The complainant's identity, protected at rest and shown only to whoever may see it.

Why this shape: a clerk at the window must be able to *record* an identity without
being able to *read* any, and a copied database file must not reveal one.  So the
office has one complaint key pair (X25519).  The public half is stored in the clear
in ``complaint_settings``; each identity is sealed to it (ephemeral X25519 +
HKDF-SHA256 -> an AES-GCM key; the whole identity as one JSON ciphertext).  The
private half — the data key — exists in the database only wrapped for each
authorised user (AES-GCM under a scrypt key derived from that user's password),
is unwrapped at sign-in and kept in this process's memory until sign-out.

* The first 监督检查人员 to sign in while no key exists creates it.
* Granting another user (an inspector, or someone named in the setting) needs an
  authorised user signed in (their key in memory) and the grantee's password typed
  at the same desk, because the wrap is made under the grantee's password.
* An administrator resetting a password drops that user's wrap (the administrator
  knows the new password); changing one's own password re-wraps it.
* Every reveal is an audit event (who, which complaint); the audit never holds the
  identity itself (the column is masked as （保密）).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.db.models import ComplaintKeyWrap, ComplaintSettings, Role, User
from app.services import audit
from app.services.actor import Actor
from app.services.errors import PermissionDenied, ValidationError

HIDDEN = "（保密）"
ANONYMOUS = "匿名"
_VERSION = b"\x01"
_AAD = b"gongkai complaint identity v1"
_RAW = serialization.Encoding.Raw

# (database, user id) -> the unwrapped private key; memory only, gone at sign-out or exit
_KEYS: dict[tuple[str, int], bytes] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Identity:
    """What is sealed: everything that would tell who complained."""

    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""


def settings(session: Session) -> ComplaintSettings:
    """The one settings row, created with the defaults on first use."""
    row = session.get(ComplaintSettings, 1)
    if row is None:
        row = ComplaintSettings(id=1)
        session.add(row)
        session.flush()
    return row


def _db_key(db: Database) -> str:
    return db.describe()


def _kek(password: str, salt: bytes, n: int) -> bytes:
    from app.services.users import _scrypt  # the one scrypt call of the app (users owns its cost)

    return _scrypt(password, salt, n, 8, 1, 32)


def _wrap(session: Session, user_id: int, password: str, private: bytes, granted_by: str) -> None:
    from app.services import users

    salt, nonce = os.urandom(16), os.urandom(12)
    n = users.SCRYPT_N
    wrapped = AESGCM(_kek(password, salt, n)).encrypt(nonce, private, b"wrap:%d" % user_id)
    old = session.scalar(select(ComplaintKeyWrap).where(ComplaintKeyWrap.user_id == user_id))
    if old is not None:
        session.delete(old)
        session.flush()
    session.add(ComplaintKeyWrap(user_id=user_id, salt=salt, scrypt_n=n, nonce=nonce, wrapped=wrapped,
                                 granted_by=granted_by))
    session.flush()


def _unwrap(row: ComplaintKeyWrap, password: str) -> bytes | None:
    try:
        return AESGCM(_kek(password, row.salt, row.scrypt_n)).decrypt(row.nonce, row.wrapped,
                                                                         b"wrap:%d" % row.user_id)
    except Exception:  # noqa: BLE001 - a wrap under another password: no key, nothing else
        return None


def is_authorised(session: Session, user_id: int | None) -> bool:
    """监督检查人员, or named in the setting — read now, in this transaction."""
    if user_id is None:
        return False
    user = session.get(User, user_id)
    if user is None or not user.active:
        return False
    named = {int(x) for x in settings(session).viewer_ids.split(",") if x.strip().isdigit()}
    return user.role == Role.INSPECTOR.value or user_id in named


def unlock(session: Session, db: Database, user: User, password: str) -> None:
    """At sign-in (the password is in hand): unwrap this user's copy into memory.

    The first inspector signing in while the office has no key creates it.
    """
    if not is_authorised(session, user.id):
        return
    row = session.scalar(select(ComplaintKeyWrap).where(ComplaintKeyWrap.user_id == user.id))
    private: bytes | None = None
    if row is not None:
        private = _unwrap(row, password)
    else:
        conf = settings(session)
        if conf.public_key is None:
            key = X25519PrivateKey.generate()
            private = key.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
            conf.public_key = key.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
            _wrap(session, user.id, password, private, user.audit_label())
            audit.event(session, "建立投诉举报人身份密钥", entity="complaint_settings", entity_id="1",
                        summary=f"由{user.audit_label()}建立")
    if private is not None:
        with _LOCK:
            _KEYS[(_db_key(db), user.id)] = private


def forget(db: Database, user_id: int) -> None:
    """At sign-out: the key leaves memory."""
    with _LOCK:
        _KEYS.pop((_db_key(db), user_id), None)


def has_key(db: Database, actor: Actor) -> bool:
    return actor.user_id is not None and (_db_key(db), actor.user_id) in _KEYS


def drop(session: Session, user_id: int) -> None:
    """A password reset by someone else: that user's copy is gone (re-grant needed)."""
    row = session.scalar(select(ComplaintKeyWrap).where(ComplaintKeyWrap.user_id == user_id))
    if row is not None:
        session.delete(row)


def rewrap(session: Session, user_id: int, old_password: str, new_password: str) -> None:
    """Changing one's own password keeps one's copy, now under the new password."""
    row = session.scalar(select(ComplaintKeyWrap).where(ComplaintKeyWrap.user_id == user_id))
    if row is None:
        return
    private = _unwrap(row, old_password)
    if private is None:
        session.delete(row)
        return
    _wrap(session, user_id, new_password, private, row.granted_by)


def grant(db: Database, actor: Actor, user_id: int, password: str, name_in_setting: bool = False) -> None:
    """Give ``user_id`` the right to see identities: an authorised user signed in, the grantee's password typed.

    ``name_in_setting`` adds a user who is not a 监督检查人员 (e.g. the 纪检 officer) to the setting.
    """
    from app.services.users import verify_password

    with db.session(actor=actor.label, action="授予查看投诉举报人身份权限") as s:
        if not is_authorised(s, actor.user_id) or not has_key(db, actor):
            raise PermissionDenied("只有已登录并持有密钥的监督检查人员（或设置中指定的人员）可以授予查看投诉举报人身份的权限")
        user = s.get(User, user_id)
        if user is None or not user.active:
            raise ValidationError({"user": "该用户不存在或已停用"})
        if not verify_password(password, user.password_hash):
            raise ValidationError({"password": "被授权人的密码不正确"})
        conf = settings(s)
        if user.role != Role.INSPECTOR.value:
            if not name_in_setting:
                raise ValidationError({"user": f"{user.full_name}不是监督检查人员，须在设置中指定后才能查看"})
            ids = [x for x in conf.viewer_ids.split(",") if x.strip()]
            if str(user.id) not in ids:
                conf.viewer_ids = ",".join([*ids, str(user.id)])
        _wrap(s, user.id, password, _KEYS[(_db_key(db), actor.user_id)], actor.label)


def revoke(db: Database, actor: Actor, user_id: int) -> None:
    """Take the right away: the user's wrap and their place in the setting go."""
    with db.session(actor=actor.label, action="收回查看投诉举报人身份权限") as s:
        if not is_authorised(s, actor.user_id):
            raise PermissionDenied("只有监督检查人员（或设置中指定的人员）可以收回该权限")
        conf = settings(s)
        conf.viewer_ids = ",".join(x for x in conf.viewer_ids.split(",") if x.strip() and x != str(user_id))
        drop(s, user_id)
    forget(db, user_id)


# -- sealing ---------------------------------------------------------------------------------


def _aes_key(shared: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_AAD).derive(shared)


def seal(session: Session, ident: Identity) -> bytes:
    """Encrypt an identity to the office's public key (anyone registering can, nobody can read back)."""
    return sealer(session)(ident)


def sealer(session: Session) -> Callable[[Identity], bytes]:
    """``seal`` with the public key read once (a bulk insert seals thousands in one transaction)."""
    public = settings(session).public_key
    if public is None:
        raise ValidationError({"name": "本机关尚未建立投诉举报人身份密钥，请先由监督检查人员登录一次后再登记署名投诉举报"})
    key = X25519PublicKey.from_public_bytes(public)
    return lambda ident: _seal_to(key, ident)


def _seal_to(public: X25519PublicKey, ident: Identity) -> bytes:
    eph = X25519PrivateKey.generate()
    aes = _aes_key(eph.exchange(public))
    nonce = os.urandom(12)
    data = json.dumps(asdict(ident), ensure_ascii=False).encode("utf-8")
    eph_pub = eph.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    return _VERSION + eph_pub + nonce + AESGCM(aes).encrypt(nonce, data, _AAD)


def unseal(private: bytes, blob: bytes) -> Identity:
    if blob[:1] != _VERSION:
        raise ValueError("unknown identity format")
    eph_pub, nonce, ct = blob[1:33], blob[33:45], blob[45:]
    key = X25519PrivateKey.from_private_bytes(private)
    aes = _aes_key(key.exchange(X25519PublicKey.from_public_bytes(eph_pub)))
    return Identity(**json.loads(AESGCM(aes).decrypt(nonce, ct, _AAD).decode("utf-8")))


def reveal(db: Database, actor: Actor, complaint_id: int, blob: bytes | None, number: str,
           purpose: str = "查看") -> Identity | None:
    """The identity for an authorised user holding the key — logged; None for everyone else."""
    if blob is None or not has_key(db, actor):
        return None
    with db.session(actor=actor.label, action="查看投诉举报人身份") as s:
        if not is_authorised(s, actor.user_id):
            return None
        ident = unseal(_KEYS[(_db_key(db), actor.user_id)], blob)
        audit.event(s, "查看投诉举报人身份", entity="complaint", entity_id=str(complaint_id),
                    summary=f"投诉举报{number}（{purpose}）")
        return ident
