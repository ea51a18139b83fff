"""投诉举报笔录: printed for 当面 complaints; identity only for whoever may see it (and that view is logged)."""

import pytest
from sqlalchemy import func, select

from app.db.models import AuditEntry
from app.services.complaints import record_print, register
from app.services.errors import ValidationError
from tests.app.complaints.conftest import DAY, ID, NAME, PHONE, named


def _texts(lay):
    return "\n".join(b.text for b in lay.blocks)


def test_record_masks_for_clerk_and_shows_for_inspector(office, clerk, inspector):
    cid = register.register(office, clerk, named(facts="窗口工作人员拒绝解释\n要求我反复补交材料"), today=DAY)
    text = _texts(record_print.layout(office, clerk, cid))
    assert "投诉举报人：（保密）" in text and NAME not in text and ID not in text
    assert "投诉举报人签名" in text and "2025年3月3日" in text and "要求我反复补交材料" in text
    assert "时间：2025年3月3日　　时　　分至　　时　　分" in text  # hours written in by hand at the desk
    assert "是否要求答复：是（电话）" in text and "住址" not in text  # the address is part of the secret
    text = _texts(record_print.layout(office, inspector, cid))
    assert NAME in text and ID in text and "住址：某某县人民路8号" in text
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "查看投诉举报人身份")) == 1
    assert record_print.pdf(office, clerk, cid).startswith(b"%PDF")


def test_anonymous_record_does_not_demand_a_signature(office, clerk):
    cid = register.register(office, clerk, named(anonymous=True, name="", id_number="", phone="", address="",
                                                 wants_reply=False, reply_how=""), today=DAY)
    text = _texts(record_print.layout(office, clerk, cid))
    assert "投诉举报人：匿名" in text and "是否要求答复：否" in text and "投诉举报人签名（匿名的可不签）：" in text


def test_only_in_person_complaints_have_a_record(office, clerk, inspector):
    cid = register.register(office, clerk, named(channel="电话"), today=DAY)
    with pytest.raises(ValidationError, match="当面"):
        record_print.layout(office, clerk, cid)


def test_transfer_letter_only_after_a_transfer_decision(office, clerk, inspector):
    cid = register.register(office, clerk, named(channel="信函"), today=DAY)
    with pytest.raises(ValidationError, match="转交有权机关"):
        record_print.transfer_layout(office, clerk, cid)
    from app.services.complaints import handling
    handling.decide(office, clerk, cid, "转交有权机关", DAY, "县市场监督管理局", today=DAY)
    text = _texts(record_print.transfer_layout(office, clerk, cid, "某某县财政局"))
    assert text.startswith("投诉举报转办函") and "县市场监督管理局：" in text and "（保密）" not in text
    # the clerk may not see the identity: the letter says how it reaches the receiving body instead
    assert "投诉举报人：署名投诉举报，身份信息由本机关另行密封移送。" in text
    assert "请对另行移送的投诉举报人身份信息予以保密" in text
    assert NAME not in text and PHONE not in text and "2025年3月3日" in text
    assert "投诉举报编号：" in text and "通过信函收到投诉举报一件" in text
    assert "根据有关规定" not in text  # no empty legal basis: cite a provision or none
    assert "已将转交情况告知投诉举报人" in text
    shown = _texts(record_print.transfer_layout(office, inspector, cid))
    # whoever may see it prints it for the receiving body (and the view is logged)
    assert f"投诉举报人：{NAME}，联系电话：{PHONE}，住址：某某县人民路8号。" in shown
    assert "请对投诉举报人的身份信息予以保密" in shown and "另行密封移送" not in shown
    with office.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "查看投诉举报人身份", AuditEntry.summary.like("%打印转办函%"))) == 1


def test_transfer_letter_never_claims_an_anonymous_complainant_was_told(office, clerk):
    from app.services.complaints import handling
    cid = register.register(office, clerk, named(channel="意见箱", anonymous=True, name="", id_number="", phone="",
                                                 address="", wants_reply=False, reply_how=""), today=DAY)
    handling.decide(office, clerk, cid, "转交有权机关", DAY, "县市场监督管理局", today=DAY)
    text = _texts(record_print.transfer_layout(office, clerk, cid))
    assert "投诉举报人：匿名。" in text and "从投诉意见箱收到" in text and "告知投诉举报人" not in text
    assert "保密" not in text  # no identity exists: nothing to ask them to keep confidential


def test_time_and_place_have_their_own_line_in_the_record(office, clerk, inspector):
    """发生时间和地点 is never run into the statement: its own labelled line, a blank when not given."""
    cid = register.register(office, clerk, named(facts="拖延两周未办", happened="2025年2月20日，预算股"), today=DAY)
    lines = [b.text for b in record_print.layout(office, clerk, cid).blocks]
    assert "发生时间和地点：2025年2月20日，预算股" in lines
    assert lines.index("发生时间和地点：2025年2月20日，预算股") < lines.index("投诉举报人陈述：")
    assert "拖延两周未办" in lines and not any("未办2025" in line for line in lines)
    bare = register.register(office, clerk, named(facts="拖延两周未办"), today=DAY)
    lines = [b.text for b in record_print.layout(office, clerk, bare).blocks]
    assert "发生时间和地点：" + record_print.BLANK in lines
