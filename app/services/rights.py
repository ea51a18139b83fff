"""Who may do what, checked at the moment of acting.

Every service function that changes data calls ``require(session, actor, Right.X)``
inside its own transaction.  For a signed-in user the role and the active flag
are read from the database in that transaction, so a user the administrator
deactivated or demoted while they were signed in is refused at their next
action, not at their next sign-in.  The command line is login-free (whoever runs
it already holds the database file or the server password) but it is not
"everything": it acts as the role 命令行 with the rights in ``CLI_RIGHTS``.
An actor that is neither a user nor the command line has no rights at all.
"""

from __future__ import annotations

import enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Role, User
from app.services.actor import Actor
from app.services.errors import PermissionDenied


class Right(enum.StrEnum):
    """One right per kind of action; the value is what a refusal message names."""

    REGISTER = "登记申请"
    HANDLE = "办理申请"  # clock actions: 补正, 征求意见, 收费, 送达, 撤回, 归档, 分办, 附件
    DECIDE = "作出答复决定"
    APPROVE = "批准延期和签发不予公开、部分公开决定"
    IMPORT = "导入台账"
    ISSUE_LETTER = "出具文书"
    EXPORT = "导出"
    EDIT_TEMPLATES = "修改文书模板"
    EDIT_PROFILE = "修改机关信息"
    MANAGE_USERS = "管理用户"
    EDIT_HOLIDAYS = "录入节假日安排"
    VIEW_AUDIT = "查看操作日志和检查数据完整性"
    ISSUE_NOTICE = "出具一次性告知书"
    EDIT_CATALOGUE = "调整事项清单"
    FIRST_RESPONSE = "登记和办理首问"  # 首问负责: log a contact, 接办, result, 回访
    # 投诉举报 (issue 15): reading a complaint never shows who complained (identity.py decides that)
    COMPLAINT_READ = "查阅投诉举报"
    COMPLAINT_REGISTER = "登记投诉举报"
    COMPLAINT_HANDLE = "办理投诉举报"  # 受理, 调查, 提交调查结论, 反馈, 证据附件, 表扬
    COMPLAINT_CONFIRM = "确认责任追究记录"  # the 监督检查人员 (纪检) confirms the ledger
    COMPLAINT_EXPORT = "导出投诉举报"  # identities always （保密） in exports
    SUPERVISE = "填写督查记录和专题会议记录"  # 一岗双责 records and their scans (issue 16)
    ASSESS = "百分制考核评分和结果通报"  # template, 考核分, notices: the 局领导, not a 科室 head
    SELF_ASSESS = "填报本科室自评分"  # the service also checks it is the actor's own 科室


_STAFF = frozenset({Right.REGISTER, Right.HANDLE, Right.DECIDE, Right.IMPORT, Right.ISSUE_LETTER, Right.EXPORT,
                    Right.ISSUE_NOTICE, Right.FIRST_RESPONSE,
                    Right.COMPLAINT_READ, Right.COMPLAINT_REGISTER, Right.COMPLAINT_HANDLE,
                    Right.SELF_ASSESS})
# Complaints are about the office's own staff: the list of them leaves the building only
# through the heads and the 监督检查人员, never a clerk's export.
_HEADS = frozenset({Right.APPROVE, Right.EDIT_CATALOGUE, Right.COMPLAINT_EXPORT, Right.SUPERVISE})

ROLE_RIGHTS: dict[Role, frozenset[Right]] = {
    Role.CLERK: _STAFF,
    Role.SECTION_HEAD: _STAFF | _HEADS,
    Role.LEADER: _STAFF | _HEADS | {Right.ASSESS},
    # read and inspect: sees and exports everything, changes nothing but its own confirmations
    Role.INSPECTOR: frozenset({Right.EXPORT, Right.VIEW_AUDIT, Right.COMPLAINT_READ, Right.COMPLAINT_EXPORT,
                               Right.COMPLAINT_CONFIRM}),
    Role.ADMIN: frozenset(Right),
}

CLI_ROLE = "命令行"
# What `gongkai ...` commands may do (README, 命令行): bring in a ledger, issue letters,
# export (complaints with identities （保密）), check the audit trail, bring in the matter
# catalogue (`gongkai import catalogue`, each change with its 备案).  Not: register or decide by hand, sign off, manage
# users, change the agency profile, templates or holidays.
CLI_RIGHTS: frozenset[Right] = frozenset({Right.IMPORT, Right.ISSUE_LETTER, Right.EXPORT, Right.VIEW_AUDIT,
                                          Right.EDIT_CATALOGUE, Right.COMPLAINT_READ, Right.COMPLAINT_EXPORT})


def current_role(session: Session, actor: Actor) -> Role | None:
    """The user's role now, read in ``session``; refuses a removed or deactivated account."""
    if actor.user_id is None:
        return None
    row = session.execute(select(User.role, User.active).where(User.id == actor.user_id)).first()
    if row is None:
        raise PermissionDenied("你的账号已被删除，不能继续办理。请重新登录")
    if not row.active:
        raise PermissionDenied("你的账号已被系统管理员停用，不能继续办理。如有疑问请联系系统管理员")
    return Role(row.role)


def rights_of(session: Session, actor: Actor) -> frozenset[Right]:
    if actor.user_id is not None:
        role = current_role(session, actor)
        return ROLE_RIGHTS[role] if role is not None else frozenset()
    if actor.cli:
        return CLI_RIGHTS
    return frozenset()


def has(session: Session, actor: Actor, right: Right) -> bool:
    """True if ``actor`` holds ``right`` now (a deactivated account still raises)."""
    return right in rights_of(session, actor)


def require(session: Session, actor: Actor, right: Right, message: str = "") -> None:
    """Refuse the action unless ``actor`` holds ``right`` now.  ``message`` replaces the generic refusal."""
    held = rights_of(session, actor)
    if right in held:
        return
    if message:
        raise PermissionDenied(message)
    if actor.user_id is not None:
        role = current_role(session, actor)
        holders = "、".join(r.value for r in Role if right in ROLE_RIGHTS[r])
        raise PermissionDenied(f"当前角色（{role.value if role else ''}）没有“{right.value}”的权限，请由{holders}办理")
    if actor.cli:
        raise PermissionDenied(f"{CLI_ROLE}不能{right.value}，请在程序窗口中由有权限的人员办理")
    raise PermissionDenied(f"没有登录的用户不能{right.value}")
