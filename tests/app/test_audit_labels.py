"""The 操作日志 names every table and every logged field in Chinese: a new one without a label would show 其他记录 or 字段xxx."""

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


def test_every_logged_field_has_a_chinese_name():
    """A column without a label would show as 字段xxx — an internal name — in the 操作日志."""
    from app.db.audit_listener import CHAIN_TABLES, mask_kind

    unnamed = [(m.class_.__tablename__, c.key) for m in Base.registry.mappers
               if m.class_.__tablename__ not in CHAIN_TABLES and not getattr(m.class_, "__audit_skip__", False)
               for c in m.class_.__table__.columns
               if mask_kind(c, c.key) != "omit" and field_label(m.class_.__tablename__, c.key).startswith("字段")]
    assert unnamed == []


def test_complaint_side_records_are_named_in_the_log_not_by_record_number():
    from app.db.models.complaints import (
        AccountabilityRecord,
        ComplaintKeyWrap,
        ComplaintSettings,
        LadderStep,
    )

    assert ComplaintSettings().audit_label() == "投诉举报设置"
    assert ComplaintKeyWrap().audit_label() == "查看投诉举报人身份的密钥"
    assert LadderStep(preset="本机关方案", ordinal=2).audit_label() == "责任追究方案本机关方案第2次"
    record = AccountabilityRecord(year=2026, kind="责任追究", person="徐窗口", department="政务服务科",
                                  number="X财公开责〔2026〕1号")
    assert record.audit_label() == "2026年度责任追究（徐窗口）X财公开责〔2026〕1号"
    assert AccountabilityRecord(year=2026, kind="表扬", person="", department="预算股", number="").audit_label() \
        == "2026年度表扬（预算股）"
