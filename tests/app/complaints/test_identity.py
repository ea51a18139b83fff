"""The protected identity: sealed at rest, shown only to authorised users holding the key, every view logged."""

import html
import zipfile

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, Complaint, ComplaintKeyWrap, Role
from app.services import users
from app.services.complaints import identity, register
from app.services.complaints.export import export_complaints
from app.services.errors import PermissionDenied, ValidationError
from tests.app.complaints.conftest import DAY, ID, NAME, PHONE, named

SECRETS = [NAME, ID, PHONE]


def _reveal(db, actor, cid):
    with db.session() as s:
        row = s.get(Complaint, cid)
        blob, number = row.identity, row.number
    return identity.reveal(db, actor, cid, blob, number)


def test_no_key_yet_refuses_named_registration(office, clerk):
    with pytest.raises(ValidationError, match="监督检查人员登录"):
        register.register(office, clerk, named(), today=DAY)


def test_only_inspector_sees_and_each_view_is_logged(office, admin, clerk, inspector):
    cid = register.register(office, clerk, named(), today=DAY)
    assert _reveal(office, clerk, cid) is None
    assert _reveal(office, admin.actor(), cid) is None
    ident = _reveal(office, inspector, cid)
    assert (ident.name, ident.id_number, ident.phone) == (NAME, ID, PHONE)
    with office.session() as s:
        views = [(e.entity_id, e.actor) for e in
                 s.scalars(select(AuditEntry).where(AuditEntry.action == "查看投诉举报人身份"))]
    assert len(views) == 1 and views[0][0] == str(cid) and "李监督" in views[0][1]


def test_database_file_audit_log_and_export_hold_no_identity_in_clear(office, clerk, inspector, tmp_path):
    cid = register.register(office, clerk, named(), today=DAY)
    register.register(office, clerk, named(anonymous=True, name="", id_number="", phone="13800001111",
                                            reply_how="短信"), today=DAY)
    assert _reveal(office, inspector, cid).name == NAME  # a view is logged, but not what was seen
    out = tmp_path / "c.xlsx"
    assert export_complaints(office, out) == 2
    with office.session() as s:
        log = "\n".join(f"{e.summary} {e.changes}" for e in s.scalars(select(AuditEntry)))
    assert "（保密）" in log
    path = office.path
    office.dispose()
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    with zipfile.ZipFile(out) as z:
        xlsx = html.unescape("".join(z.read(n).decode("utf-8") for n in z.namelist()))  # &#...; refs too
    assert "（保密）" in xlsx and "匿名" in xlsx
    for secret in [*SECRETS, "13800001111"]:
        assert secret.encode("utf-8") not in raw
        assert secret.encode("utf-16-le") not in raw
        assert secret not in log
        assert secret not in xlsx


def test_grant_needs_an_inspector_signed_in_and_reset_drops_the_copy(office, admin, clerk, inspector):
    cid = register.register(office, clerk, named(), today=DAY)
    second = users.create_user(office, admin.actor(), "zhao", "赵纪检", Role.CLERK, "pass1234")
    with pytest.raises(PermissionDenied):
        identity.grant(office, clerk, second.id, "pass1234", name_in_setting=True)
    with pytest.raises(ValidationError, match="不是监督检查人员"):
        identity.grant(office, inspector, second.id, "pass1234")
    with pytest.raises(ValidationError, match="密码不正确"):
        identity.grant(office, inspector, second.id, "wrong123", name_in_setting=True)
    identity.grant(office, inspector, second.id, "pass1234", name_in_setting=True)
    info = users.sign_in(office, "zhao", "pass1234")
    assert _reveal(office, info.actor(), cid).phone == PHONE
    # one's own password change keeps the copy
    users.set_password(office, info.actor(), info.id, "newpass99", "newpass99", old_password="pass1234")
    identity.forget(office, info.id)
    info = users.sign_in(office, "zhao", "newpass99")
    assert _reveal(office, info.actor(), cid).name == NAME
    # an administrator's reset drops it: the administrator knows the new password
    users.set_password(office, admin.actor(), info.id, "reset1234", "reset1234")
    identity.forget(office, info.id)
    info = users.sign_in(office, "zhao", "reset1234")
    assert _reveal(office, info.actor(), cid) is None
    with office.session() as s:
        assert s.scalar(select(ComplaintKeyWrap).where(ComplaintKeyWrap.user_id == info.id)) is None


def test_revoked_user_sees_nothing(office, admin, clerk, inspector):
    cid = register.register(office, clerk, named(), today=DAY)
    second = users.create_user(office, admin.actor(), "zhao", "赵纪检", Role.CLERK, "pass1234")
    identity.grant(office, inspector, second.id, "pass1234", name_in_setting=True)
    info = users.sign_in(office, "zhao", "pass1234")
    identity.revoke(office, inspector, second.id)
    assert _reveal(office, info.actor(), cid) is None


def test_signing_out_forgets_the_key(office, admin, clerk):
    users.create_user(office, admin.actor(), "lijian", "李监督", Role.INSPECTOR, "pass1234")
    info = users.sign_in(office, "lijian", "pass1234")
    cid = register.register(office, clerk, named(), today=DAY)
    assert _reveal(office, info.actor(), cid) is not None
    users.sign_out(office, info)
    assert _reveal(office, info.actor(), cid) is None
