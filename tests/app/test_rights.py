"""Who may act is decided from the database at the moment of acting, not from the sign-in."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.db.models import InfoRequest, Role
from app.services import audit, profile, rights, users
from app.services.actor import Actor, cli_actor
from app.services.errors import PermissionDenied
from app.services.requests import actions, decisions, intake
from app.services.rights import CLI_RIGHTS, ROLE_RIGHTS, Right
from tests.app.conftest_requests import make_input

D = dt.date

WITHHOLD = decisions.DecisionInput(result_code="3.4", article="第三十六条第（三）项（不予公开）",
                                   reasons="涉及第三方商业秘密", legal_basis="《条例》第十五条",
                                   withheld="投标报价明细", reply_date=D(2025, 3, 20),
                                   no_consultation_reason="第三方已书面声明不同意公开")


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(InfoRequest))


def _set(db, admin: Actor, user: Actor, role: Role, active: bool = True) -> None:
    users.update_user(db, admin, user.user_id, full_name=user.full_name, role=role, department="",
                      title="", active=active)


def test_head_demoted_while_signed_in_cannot_sign_off(office, admin, head, registered):
    """The head's window still holds the Actor from sign-in (role 科室负责人)."""
    _set(office, admin.actor(), head, Role.CLERK)
    assert head.can_approve  # the stale hint the window has
    with pytest.raises(PermissionDenied, match="科室负责人"):
        decisions.decide(office, head, registered, WITHHOLD, today=D(2025, 3, 20))
    with pytest.raises(PermissionDenied, match="科室负责人"):
        actions.extend(office, head, registered, 10, "钱科长", "需要调取档案", today=D(2025, 3, 10))
    _set(office, admin.actor(), head, Role.SECTION_HEAD)
    decisions.decide(office, head, registered, WITHHOLD, today=D(2025, 3, 20))


def test_deactivated_user_is_refused_at_the_next_action(office, admin, clerk):
    intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    _set(office, admin.actor(), clerk, Role.CLERK, active=False)
    with pytest.raises(PermissionDenied, match="停用"):
        intake.register(office, clerk, make_input(content="另一件"), today=D(2025, 3, 3))
    with pytest.raises(PermissionDenied, match="停用"):
        users.set_password(office, clerk, clerk.user_id, "newpass99", "newpass99", old_password="pass1234")
    assert _count(office) == 1


def test_admin_demoted_while_signed_in_cannot_manage_users(office, admin):
    second = users.create_user(office, admin.actor(), "admin2", "李管理", Role.ADMIN, "pass1234")
    _set(office, second.actor(), admin.actor(), Role.CLERK)
    with pytest.raises(PermissionDenied, match="系统管理员"):
        users.create_user(office, admin.actor(), "zs2", "赵二", Role.CLERK, "pass1234")
    with pytest.raises(PermissionDenied):
        profile.save_profile(office, admin.actor(), profile.get_profile(office))


def test_actor_without_role_is_not_an_administrator(office):
    nobody = Actor(label="无名")
    assert not nobody.is_admin and not nobody.can_approve
    with pytest.raises(PermissionDenied):
        profile.save_profile(office, nobody, profile.get_profile(office))
    with pytest.raises(PermissionDenied):
        intake.register(office, nobody, make_input(), today=D(2025, 3, 3))
    assert _count(office) == 0


def test_command_line_acts_with_its_listed_rights(office, registered):
    cli = cli_actor()
    assert cli.cli and not cli.is_admin
    with office.session() as s:
        assert rights.rights_of(s, cli) == CLI_RIGHTS
    assert Right.IMPORT in CLI_RIGHTS and Right.MANAGE_USERS not in CLI_RIGHTS
    with pytest.raises(PermissionDenied, match="命令行不能登记申请"):
        intake.register(office, cli, make_input(content="命令行登记"), today=D(2025, 3, 3))
    with pytest.raises(PermissionDenied, match="只有系统管理员"):
        users.create_user(office, cli, "x1", "某", Role.ADMIN, "pass1234")
    with pytest.raises(PermissionDenied, match="命令行"):
        decisions.decide(office, cli, registered, WITHHOLD, today=D(2025, 3, 20))


def test_inspector_reads_and_inspects_only(office, admin, registered):
    inspector = users.create_user(office, admin.actor(), "jc", "孙监督", Role.INSPECTOR, "pass1234").actor()
    for right in (Right.REGISTER, Right.HANDLE, Right.DECIDE, Right.APPROVE, Right.IMPORT, Right.ISSUE_LETTER):
        assert right not in ROLE_RIGHTS[Role.INSPECTOR]
    with pytest.raises(PermissionDenied, match="监督检查人员") as e:
        intake.register(office, inspector, make_input(content="监督登记"), today=D(2025, 3, 3))
    assert "当前角色（监督检查人员）" in str(e.value)
    with pytest.raises(PermissionDenied):
        decisions.decide(office, inspector, registered, WITHHOLD, today=D(2025, 3, 20))
    with pytest.raises(PermissionDenied):
        actions.assign(office, inspector, registered, "孙监督", today=D(2025, 3, 4))
    assert _count(office) == 1
    # ... and may read the 操作日志, which a clerk may not
    assert audit.search_ids(office, inspector, audit.AuditFilter(record="X财公开"))


def test_clerk_cannot_read_the_audit_log(office, clerk):
    with pytest.raises(PermissionDenied):
        audit.search_ids(office, clerk, audit.AuditFilter())


def test_every_role_has_a_rights_entry():
    assert set(ROLE_RIGHTS) == set(Role)
    assert ROLE_RIGHTS[Role.ADMIN] == frozenset(Right)


def test_inspector_cannot_import_a_ledger(office, admin, registered, tmp_path):
    from app.db import open_database
    from app.services.requests import ledger, ledger_export

    path = tmp_path / "台账.xlsx"
    assert ledger_export.export_ledger(office, path) == 1
    other = open_database(tmp_path / "other.sqlite3")
    try:
        boss = users.create_first_admin(other, "admin", "王管理", "secret123", "secret123").actor()
        profile.save_profile(other, boss, profile.get_profile(office))
        inspector = users.create_user(other, boss, "jc", "孙监督", Role.INSPECTOR, "pass1234").actor()
        with pytest.raises(PermissionDenied, match="导入台账"):
            ledger.import_ledger(other, inspector, path, today=D(2025, 6, 1))
        assert _count(other) == 0
        assert ledger.import_ledger(other, boss, path, today=D(2025, 6, 1)) == 1
    finally:
        other.dispose()


def test_head_demoted_while_signed_in_cannot_correct_others_entries(office, admin, head, registered):
    """Correcting another person's entry on a later day needs 科室负责人 as the role is now."""
    from app.services import corrections

    corrections.correct(office, head, "request", registered, {"remarks": "补记"}, "漏记备注", today=D(2025, 3, 5))
    _set(office, admin.actor(), head, Role.CLERK)
    with pytest.raises(PermissionDenied, match="科室负责人"):
        corrections.correct(office, head, "request", registered, {"remarks": "再补记"}, "漏记备注",
                            today=D(2025, 3, 6))
    fields, _undos = corrections.correctable(office, head, "request", registered, today=D(2025, 3, 6))
    assert not any(f.allowed for f in fields)
