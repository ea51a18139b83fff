"""Complaint rights per role: staff register and handle, only heads and 监督检查人员 export, the inspector
reads and confirms but does not handle, the command line exports (identities （保密）) and nothing else."""

import pytest
from openpyxl import load_workbook

from app.db.models import Role
from app.services import users
from app.services.actor import cli_actor
from app.services.complaints import export, handling, register
from app.services.errors import PermissionDenied
from app.services.rights import ROLE_RIGHTS, Right
from tests.app.complaints.conftest import DAY, named

COMPLAINT_RIGHTS = {r for r in Right if r.name.startswith("COMPLAINT_")}


def test_role_table():
    staff = {Right.COMPLAINT_READ, Right.COMPLAINT_REGISTER, Right.COMPLAINT_HANDLE}
    assert ROLE_RIGHTS[Role.CLERK] & COMPLAINT_RIGHTS == staff
    assert ROLE_RIGHTS[Role.SECTION_HEAD] & COMPLAINT_RIGHTS == staff | {Right.COMPLAINT_EXPORT}
    assert ROLE_RIGHTS[Role.LEADER] & COMPLAINT_RIGHTS == staff | {Right.COMPLAINT_EXPORT}
    assert ROLE_RIGHTS[Role.INSPECTOR] & COMPLAINT_RIGHTS == {Right.COMPLAINT_READ, Right.COMPLAINT_EXPORT,
                                                              Right.COMPLAINT_CONFIRM}


def test_each_service_checks_its_right(office, admin, clerk, head, inspector, tmp_path):
    cid = register.register(office, clerk, named(), today=DAY)
    with pytest.raises(PermissionDenied, match="登记投诉举报"):
        register.register(office, inspector, named(), today=DAY)
    with pytest.raises(PermissionDenied, match="办理投诉举报"):
        handling.decide(office, inspector, cid, "受理", DAY, today=DAY)
    with pytest.raises(PermissionDenied, match="登记投诉举报"):
        register.register(office, cli_actor(), named(), today=DAY)
    out = tmp_path / "x.xlsx"
    with pytest.raises(PermissionDenied, match="导出投诉举报"):
        export.export_complaints(office, out, actor=clerk)
    assert not out.exists()
    for who in (head, inspector, cli_actor()):
        assert export.export_complaints(office, out, actor=who) == 1
        row = [c.value for c in next(load_workbook(out).active.iter_rows(min_row=2, max_row=2))]
        assert row[3:7] == ["署名", "（保密）", "（保密）", "（保密）"]
    deactivated = users.create_user(office, admin.actor(), "ks2", "孙科长", Role.SECTION_HEAD, "pass1234").actor()
    users.update_user(office, admin.actor(), deactivated.user_id, full_name="孙科长", role=Role.SECTION_HEAD,
                      department="", title="", active=False)
    with pytest.raises(PermissionDenied, match="停用"):
        export.export_complaints(office, out, actor=deactivated)
