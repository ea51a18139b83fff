"""操作日志 shows another row's id as that row's name: looked up per page, never per cell, never a sealed identity."""

import json

from sqlalchemy import event, select

from app.db.base import Base
from app.db.models import AuditEntry, Complaint, Role
from app.services import audit, profile, users
from app.services.audit_names import ReferenceNames
from app.services.complaints import register
from tests.app.complaints.conftest import DAY, ID, NAME, PHONE, inspector, named, section, staff  # noqa: F401


def _log(db, entity: str | None = None) -> list[audit.AuditRow]:
    with db.session() as s:
        q = select(AuditEntry.id).order_by(AuditEntry.id)
        ids = list(s.scalars(q.where(AuditEntry.entity == entity) if entity else q))
    return audit.entries(db, ids)


def _user_id(db, login: str) -> int:
    return next(u.id for u in users.list_users(db) if u.login == login)


def test_complaint_names_the_staff_member_and_section_not_their_ids(office, clerk, inspector, staff, section):  # noqa: F811
    register.register(office, clerk, named(target_user_id=staff.id, target_department_id=section), today=DAY)
    [row] = _log(office, "complaint")
    lines = row.details.splitlines()
    assert "被投诉举报的工作人员：徐窗口" in lines
    assert "被投诉举报的科室：政务服务科" in lines
    assert f"被投诉举报的工作人员：{staff.id}" not in lines
    assert "投诉举报人身份：（保密）" in lines


def test_a_complaint_is_named_by_its_number_and_its_complainant_never_appears(  # noqa: F811
        office, clerk, inspector, staff, section):  # noqa: F811
    cid = register.register(office, clerk, named(target_user_id=staff.id), today=DAY)
    with office.session() as s:
        number = s.get(Complaint, cid).number
        names = ReferenceNames(s, [("accountability_record", {"complaint_id": [None, cid]})])
        assert names.show("accountability_record", "complaint_id", cid) == number
    shown = "\n".join(f"{r.record} {r.details}" for r in _log(office))
    for secret in (NAME, ID, PHONE, "某某县人民路8号"):
        assert secret not in shown


def test_a_changed_reference_reads_name_to_name(office, admin, clerk):
    for name in ("办公室", "财务科"):
        profile.add_department(office, admin.actor(), name)
    uid = _user_id(office, "zs")
    users.update_user(office, admin.actor(), uid, full_name="赵窗口", role=Role.CLERK, department="办公室",
                      title="", active=True)
    users.update_user(office, admin.actor(), uid, full_name="赵窗口", role=Role.CLERK, department="财务科",
                      title="", active=True)
    updates = [r for r in _log(office, "app_user") if r.action == "修改用户"]
    assert updates[0].details == "科室：（空） → 办公室"
    assert updates[1].details == "科室：办公室 → 财务科"


def test_a_deleted_referent_is_said_to_be_deleted_with_its_record_number(office, admin):
    profile.add_department(office, admin.actor(), "临时科")
    user = users.create_user(office, admin.actor(), "ls", "李四", Role.CLERK, "pass1234", department="临时科")
    with office.session() as s:
        dept_id = json.loads(s.scalars(select(AuditEntry.changes).where(AuditEntry.entity == "app_user")
                                       .order_by(AuditEntry.id.desc())).first())["department_id"][1]
    users.update_user(office, admin.actor(), user.id, full_name="李四", role=Role.CLERK, department="", title="",
                      active=True)
    profile.remove_department(office, admin.actor(), "临时科")
    inserted, moved = [r for r in _log(office, "app_user") if r.record.startswith("李四")]
    assert f"科室：已删除（记录号{dept_id}）" in inserted.details.splitlines()
    assert moved.details == f"科室：已删除（记录号{dept_id}） → （空）"
    # the department's own rows still name it, as they always did
    assert [r.record for r in _log(office, "department")][-1] == "临时科"


def test_comma_separated_ids_are_each_named(office, admin, clerk, inspector):  # noqa: F811
    uid, lid = _user_id(office, "zs"), _user_id(office, "lijian")
    with office.session() as s:
        names = ReferenceNames(s, [("complaint_settings", {"viewer_ids": ["", f"{uid},{lid},999"]})])
        assert names.show("complaint_settings", "viewer_ids", f"{uid},{lid},999") == "赵窗口、李监督、已删除（记录号999）"
        assert names.show("complaint_settings", "viewer_ids", "") is None  # shown as （空）
        assert names.show("complaint_settings", "ladder_preset", "1") is None  # not a reference


def test_a_page_costs_one_query_per_referenced_table_whatever_its_length(office, admin):
    for name in ("办公室", "财务科", "预算股"):
        profile.add_department(office, admin.actor(), name)
    for i in range(40):
        users.create_user(office, admin.actor(), f"u{i}", f"用户{i}", Role.CLERK, "pass1234",
                          department=("办公室", "财务科", "预算股")[i % 3])
    with office.session() as s:
        ids = list(s.scalars(select(AuditEntry.id).where(AuditEntry.entity == "app_user")))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(office.engine, "before_cursor_execute", count)
    try:
        few = audit.entries(office, ids[:3])
        few_queries = len(statements)
        statements.clear()
        page = audit.entries(office, ids)
    finally:
        event.remove(office.engine, "before_cursor_execute", count)
    assert len(page) == 41 and sum("科室：财务科" in r.details for r in page) >= 13
    assert "科室：办公室" in few[1].details
    # the log rows, then the departments once: the same two queries for 3 rows or 41
    assert few_queries == len(statements) == 2


def test_an_attachment_names_its_record_and_the_kind_of_record(office, clerk, inspector, tmp_path):  # noqa: F811
    from app.services import attachments

    cid = register.register(office, clerk, named(), today=DAY)
    scan = tmp_path / "笔录.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    attachments.add(office, clerk, "complaint", cid, scan)
    with office.session() as s:
        number = s.get(Complaint, cid).number
    [row] = _log(office, "record_attachment")
    lines = row.details.splitlines()
    assert "记录种类：投诉举报" in lines and f"所属记录：{number}" in lines


def test_a_new_scores_record_names_its_section_and_item(office, admin, section):  # noqa: F811
    """The 记录 column of a new 考核评分 reads 政务服务科 组织机构, not the ids (labelled at commit)."""
    from app.services.supervision import assessment as asm

    leader = users.create_user(office, admin.actor(), "jz", "周局长", Role.LEADER, "pass1234").actor()
    items = asm.template(office, 2025)
    asm.save_scores(office, leader, 2025, section, [asm.ScoreInput(i.ordinal, str(i.weight), "") for i in items])
    records = [r.record for r in _log(office, "assessment_score")]
    assert records[0] == "考核评分：政务服务科 组织机构" and len(records) == len(items)
    first = _log(office, "assessment_score")[0].details.splitlines()
    assert "考核项目：组织机构" in first and "科室：政务服务科" in first


def test_codes_read_as_their_chinese_names(office):
    with office.session() as s:
        names = ReferenceNames(s, [])
    assert names.show("signoff_item", "kind", "request_decision") == "答复决定"
    assert names.show("record_attachment", "record_type", "meeting") == "专题会议记录"
    assert names.show("rectification_task", "source_kind", "contact") == "首问登记"
    assert names.show("signoff_item", "kind", "没有这种") is None  # shown as logged
    assert names.show("number_sequence", "kind", "request") == "申请编号"
    assert names.show("number_pattern", "kind", "complaint") == "投诉举报编号"
    assert names.show("assessment_item", "figure_key", "organisation") == "组织机构的相关数据"


def test_names_deleted_referents_and_relationship_changes_on_both_databases(any_db):
    a = users.create_first_admin(any_db, "admin", "王管理", "secret123", "secret123").actor()
    for name in ("办公室", "临时科"):
        profile.add_department(any_db, a, name)
    zs = users.create_user(any_db, a, "zs", "赵窗口", Role.CLERK, "pass1234", department="临时科")
    users.update_user(any_db, a, zs.id, full_name="赵窗口", role=Role.CLERK, department="办公室", title="",
                      active=True)
    profile.remove_department(any_db, a, "临时科")
    rows = _log(any_db, "app_user")
    [added] = [r for r in rows if r.action == "添加用户"]
    [moved] = [r for r in rows if r.action == "修改用户"]
    assert any(line.startswith("科室：已删除（记录号") for line in added.details.splitlines())
    assert moved.details.startswith("科室：已删除（记录号") and moved.details.endswith(" → 办公室")


# -- completeness: a new table, reference or registered kind cannot arrive unnamed ------------------


def test_every_referenced_table_has_a_name_that_masks_nothing():
    """A new table referenced by a foreign key must say how its rows are named, or its ids would show raw."""
    from app.db.audit_listener import mask_kind
    from app.services.audit_names import REFERENCE_NAMES, references

    targets = {ref.table for refs in references().values() for ref in refs.values()}
    fk_targets = {fk.column.table.name for t in Base.metadata.tables.values() for fk in t.foreign_keys}
    assert fk_targets <= targets
    assert sorted(targets - set(REFERENCE_NAMES)) == []
    for table, naming in REFERENCE_NAMES.items():
        columns = Base.metadata.tables[table].columns
        for key in naming.columns:
            assert key in columns, (table, key)
            # a name never carries what the log masks: secrets, ID numbers, a complainant's sealed identity
            assert mask_kind(columns[key], key) == "", (table, key)
    assert REFERENCE_NAMES["complaint"].columns == ("number",)


def test_every_foreign_key_column_is_a_reference():
    from app.services.audit_names import references

    refs = references()
    for t in Base.metadata.tables.values():
        for col in t.columns:
            if col.foreign_keys:
                assert col.key in refs.get(t.name, {}), (t.name, col.key)


def test_every_registered_kind_of_shared_record_names_its_table():
    """Attachments and corrections serve several tables; each registered kind must say which one."""
    import importlib
    import pkgutil

    import app.services
    from app.services import attachments, corrections
    from app.services.audit_names import REFERENCE_NAMES, TYPED_REFERENCES

    for info in pkgutil.walk_packages(app.services.__path__, "app.services."):
        importlib.import_module(info.name)  # every module that registers a kind
    for name in corrections.TYPE_MODULES:
        importlib.import_module(name)
    _kind, attachment_tables = TYPED_REFERENCES[("record_attachment", "record_id")]
    _kind, correction_tables = TYPED_REFERENCES[("record_correction", "record_id")]
    assert set(attachments._TYPES) <= set(attachment_tables)
    assert set(corrections._TYPES) <= set(correction_tables)
    for _kind, tables in TYPED_REFERENCES.values():
        assert set(tables.values()) <= set(REFERENCE_NAMES)


def test_every_module_numbering_a_kind_is_listed():
    """The 操作日志 names a numbered kind by importing NUMBERING_MODULES; a new one must be listed there."""
    from pathlib import Path

    import app
    from app.services.audit_names import NUMBERING_MODULES

    root = Path(app.__file__).parent
    registering = {".".join(("app", *p.relative_to(root).with_suffix("").parts)) for p in root.rglob("*.py")
                   if "numbering.register_kind(" in p.read_text(encoding="utf-8")}
    assert "app.letters.kinds" in registering  # the scan finds them
    assert registering - {"app.services.audit_labels"} == set(NUMBERING_MODULES)
