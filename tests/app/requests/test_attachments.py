import datetime as dt
import hashlib

import pytest

from app.db.models import Attachment
from app.services.errors import NotFound
from app.services.requests import actions, queries


def test_attachment_kept_with_checksum(office, clerk, registered, tmp_path):
    scan = tmp_path / "申请表扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    digest = actions.add_attachment(office, clerk, registered, scan, today=dt.date(2025, 3, 3))
    assert digest == hashlib.sha256(b"%PDF-1.4 scan").hexdigest()
    d = queries.detail(office, registered)
    assert d.attachments[0].filename == "申请表扫描件.pdf" and d.events[-1].kind == "附件"
    name, data, intact = actions.attachment_bytes(office, d.attachments[0].id)
    assert intact and data == b"%PDF-1.4 scan"
    with office.session(actor="篡改测试") as s:
        s.get(Attachment, d.attachments[0].id).data = b"changed"
    assert actions.attachment_bytes(office, d.attachments[0].id)[2] is False
    with pytest.raises(NotFound):
        actions.attachment_bytes(office, 999)
