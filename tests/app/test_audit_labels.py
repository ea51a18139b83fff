"""The 操作日志 names every table in Chinese: a new model without a label would show 其他记录."""

import app.db.models  # noqa: F401  (every model registered)
from app.db.base import Base
from app.services.audit_labels import entity_label, field_label


def test_every_table_has_a_chinese_name():
    unnamed = [m.class_.__tablename__ for m in Base.registry.mappers
               if entity_label(m.class_.__tablename__) == "其他记录"]
    assert unnamed == []


def test_first_responder_and_supervision_fields_are_named():
    assert field_label("contact_entry", "responder_id") == "首问责任人"
    assert field_label("rectification_task", "verified_by") == "销号人"
    assert field_label("assessment_score", "score_tenths").startswith("考核分")


def test_every_referenced_table_has_a_name_that_masks_nothing():
    """A new table referenced by a foreign key must say how its rows are named, or its ids would show raw."""
    from app.db.audit_listener import mask_kind
    from app.services.audit_labels import REFERENCE_NAMES, references

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
    from app.services.audit_labels import references

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
    from app.services.audit_labels import REFERENCE_NAMES, TYPED_REFERENCES

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


def test_every_logged_field_has_a_chinese_name():
    """A column without a label would show as 字段xxx — an internal name — in the 操作日志."""
    from app.db.audit_listener import CHAIN_TABLES, mask_kind

    unnamed = [(m.class_.__tablename__, c.key) for m in Base.registry.mappers
               if m.class_.__tablename__ not in CHAIN_TABLES and not getattr(m.class_, "__audit_skip__", False)
               for c in m.class_.__table__.columns
               if mask_kind(c, c.key) != "omit" and field_label(m.class_.__tablename__, c.key).startswith("字段")]
    assert unnamed == []


def test_every_module_numbering_a_kind_is_listed():
    """The 操作日志 names a numbered kind by importing NUMBERING_MODULES; a new one must be listed there."""
    from pathlib import Path

    import app
    from app.services.audit_labels import NUMBERING_MODULES

    root = Path(app.__file__).parent
    registering = {".".join(("app", *p.relative_to(root).with_suffix("").parts)) for p in root.rglob("*.py")
                   if "numbering.register_kind(" in p.read_text(encoding="utf-8")}
    assert "app.letters.kinds" in registering  # the scan finds them
    assert registering - {"app.services.audit_labels"} == set(NUMBERING_MODULES)
