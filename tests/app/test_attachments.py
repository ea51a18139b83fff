"""The one attachment mechanism: size, safe name, SHA-256, audit, rights per record type, nothing stored on refusal."""

import hashlib

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEntry, RecordAttachment, Role
from app.services import attachments, users
from app.services.actor import Actor
from app.services.complaints import register
from app.services.errors import NotFound, PermissionDenied, ServiceError, ValidationError
from tests.app.complaints.conftest import DAY, named


@pytest.fixture
def complaint(office, clerk):
    return register.register(office, clerk, named(anonymous=True, wants_reply=False, phone=""), today=DAY)


def _stored(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(RecordAttachment))


def test_evidence_kept_with_checksum_note_and_audit(office, clerk, complaint, tmp_path):
    scan = tmp_path / "录音整理.pdf"
    scan.write_bytes(b"%PDF-1.4 evidence")
    aid = attachments.add(office, clerk, "complaint", complaint, scan, note="投诉人当场提交")
    [info] = attachments.listing(office, clerk, "complaint", complaint)
    assert (info.id, info.filename, info.size, info.sha256, info.note, info.added_by) == (
        aid, "录音整理.pdf", 17, hashlib.sha256(b"%PDF-1.4 evidence").hexdigest(), "投诉人当场提交", "赵窗口")
    assert attachments.content(office, clerk, aid) == ("录音整理.pdf", b"%PDF-1.4 evidence", True)
    assert attachments.verify(office, clerk, "complaint", complaint) == {aid: True}
    assert attachments.count(office, "complaint", [complaint, 999]) == {complaint: 1}
    with office.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity == "record_attachment")).one()
        assert entry.action == "添加附件" and "%PDF" not in entry.changes  # bytes logged as size + checksum
        assert hashlib.sha256(b"%PDF-1.4 evidence").hexdigest() in entry.changes


def test_tampered_bytes_are_flagged(office, clerk, complaint, tmp_path):
    scan = tmp_path / "照片.jpg"
    scan.write_bytes(b"\xff\xd8original")
    aid = attachments.add(office, clerk, "complaint", complaint, scan)
    with office.session(actor="篡改测试") as s:
        s.get(RecordAttachment, aid).data = b"\xff\xd8edited"
    assert attachments.content(office, clerk, aid)[2] is False
    assert attachments.verify(office, clerk, "complaint", complaint) == {aid: False}


def test_refused_files_store_nothing(office, clerk, complaint, tmp_path, monkeypatch):
    big = tmp_path / "big.bin"
    with big.open("wb") as f:
        f.truncate(attachments.MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ValidationError, match="附件不能超过50MB"):
        attachments.add(office, clerk, "complaint", complaint, big)
    with pytest.raises(ValidationError, match="找不到文件"):
        attachments.add(office, clerk, "complaint", complaint, tmp_path / "none.pdf")
    ok = tmp_path / "a.pdf"
    ok.write_bytes(b"x")
    with pytest.raises(ValidationError):
        attachments.add(office, clerk, "complaint", complaint, ok, note="说明\x00")
    with pytest.raises(NotFound, match="该投诉举报不存在"):
        attachments.add(office, clerk, "complaint", 999, ok)
    with pytest.raises(ServiceError, match="没有附件功能"):
        attachments.add(office, clerk, "no-such-kind", complaint, ok)
    assert _stored(office) == 0


def test_safe_name_and_shared_with_requests(office, clerk, complaint, tmp_path):
    sneaky = tmp_path / "发票\u202efdp.exe"
    sneaky.write_bytes(b"x")
    aid = attachments.add(office, clerk, "complaint", complaint, sneaky)
    assert attachments.content(office, clerk, aid)[0] == "发票fdp.exe"
    from app.services.requests import actions

    assert actions.MAX_ATTACHMENT == attachments.MAX_BYTES  # one limit, one reader (read_file)


def test_rights_per_record_type(office, admin, clerk, complaint, tmp_path):
    scan = tmp_path / "s.pdf"
    scan.write_bytes(b"x")
    inspector = users.create_user(office, admin.actor(), "jc", "孙纪检", Role.INSPECTOR, "pass1234").actor()
    with pytest.raises(PermissionDenied, match="办理投诉举报"):
        attachments.add(office, inspector, "complaint", complaint, scan)  # reads, does not handle
    aid = attachments.add(office, clerk, "complaint", complaint, scan)
    assert attachments.content(office, inspector, aid)[2] is True
    nobody = Actor(label="无人")
    with pytest.raises(PermissionDenied):
        attachments.listing(office, nobody, "complaint", complaint)
    with pytest.raises(PermissionDenied):
        attachments.content(office, nobody, aid)
    with pytest.raises(NotFound):
        attachments.content(office, clerk, 12345)
    assert _stored(office) == 1


def test_size_text():
    assert [attachments.size_text(n) for n in (812, 35 * 1024, int(4.2 * 1024 * 1024))] == [
        "812 字节", "35 KB", "4.2 MB"]


@pytest.mark.postgres
def test_on_postgresql(pg_db, tmp_path):
    first = users.create_first_admin(pg_db, "admin", "王管理", "secret123", "secret123")
    clerk = users.create_user(pg_db, first.actor(), "zs", "赵窗口", Role.CLERK, "pass1234").actor()
    cid = register.register(pg_db, clerk, named(anonymous=True, wants_reply=False, phone=""), today=DAY)
    scan = tmp_path / "证据.pdf"
    scan.write_bytes(bytes(range(256)) * 40)  # every byte value survives bytea
    aid = attachments.add(pg_db, clerk, "complaint", cid, scan, note="扫描件")
    assert attachments.content(pg_db, clerk, aid) == ("证据.pdf", bytes(range(256)) * 40, True)
    assert [i.size for i in attachments.listing(pg_db, clerk, "complaint", cid)] == [10240]


def test_an_issued_document_is_given_out_only_while_it_matches_its_checksum():
    pdf = b"%PDF-1.4 letter"
    assert attachments.verified(pdf, hashlib.sha256(pdf).hexdigest(), "文书") is pdf
    with pytest.raises(ServiceError, match="^文书内容与出具时的校验值不一致，可能已被篡改$"):
        attachments.verified(pdf + b" changed", hashlib.sha256(pdf).hexdigest(), "文书")
