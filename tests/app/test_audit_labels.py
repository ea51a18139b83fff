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
