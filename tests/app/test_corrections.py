"""Corrections are timeline events; dependent figures follow; issued letters become 已过时."""

import datetime as dt

import pytest

from app.domain.vocab import State
from app.services import corrections, letters
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.requests import actions, decisions, queries

D = dt.date
DAY = D(2025, 3, 3)  # the day of registration in the `registered` fixture


def fix(db, actor, rid, changes, reason="录入错误", today=DAY):
    return corrections.correct(db, actor, "request", rid, changes, reason, today=today)


def test_wrong_date_of_receipt_moves_the_due_date_and_says_so(office, clerk, registered):
    before = queries.detail(office, registered, today=DAY)
    result = fix(office, clerk, registered, {"received_date": D(2025, 2, 28)}, "收件章日期看错")
    d = queries.detail(office, registered, today=DAY)
    assert d.received_date == D(2025, 2, 28) and d.clock_start == D(2025, 2, 28)
    assert d.due_date == office.calendar().add_working_days(D(2025, 2, 28), 20).date != before.due_date
    event = d.events[-1]
    assert event.kind == "更正" and event.actor == clerk.label
    assert "收到申请日期：2025年3月3日 → 2025年2月28日" in event.text
    assert "理由：收件章日期看错" in event.text
    assert f"答复期限由{before.due_date.year}年" in event.text
    assert result.consequences == [event.text.split("；")[-1]]
    hist = corrections.history(office, "request", registered)
    assert [(h.label, h.before, h.after, h.reason) for h in hist] == [
        ("收到申请日期", "2025年3月3日", "2025年2月28日", "收件章日期看错")]


def test_reason_required_and_nothing_saved_on_bad_input(office, clerk, registered):
    with pytest.raises(ValidationError) as e:
        fix(office, clerk, registered, {"applicant_name": "李四"}, reason=" ")
    assert "reason" in e.value.fields
    with pytest.raises(ValidationError) as e:
        fix(office, clerk, registered, {"applicant_name": "", "received_date": D(2030, 1, 1)})
    assert {"applicant_name", "received_date"} <= set(e.value.fields)
    with pytest.raises(ValidationError, match="无需更正"):
        fix(office, clerk, registered, {"applicant_name": "张三"})
    with pytest.raises(ValidationError) as e:
        fix(office, clerk, registered, {"id_number": "110105194912310021"})
    assert "id_number" in e.value.fields
    d = queries.detail(office, registered)
    assert d.applicant_name == "张三" and d.events[-1].kind == "登记"
    assert corrections.history(office, "request", registered) == []


def test_author_same_day_only_then_a_head(office, clerk, head, registered):
    fix(office, clerk, registered, {"phone": "13900000000"})
    with pytest.raises(PermissionDenied, match="科室负责人"):
        fix(office, clerk, registered, {"phone": "13700000000"}, today=D(2025, 3, 4))
    fix(office, head, registered, {"phone": "13700000000"}, today=D(2025, 3, 4))
    fields, _ = corrections.correctable(office, clerk, "request", registered, today=D(2025, 3, 4))
    assert not any(f.allowed for f in fields)
    fields, _ = corrections.correctable(office, head, "request", registered, today=D(2025, 3, 4))
    assert all(f.allowed for f in fields)


def test_undo_a_mistaken_extension_is_a_correction(office, head, registered):
    actions.extend(office, head, registered, 10, "钱科长", "需调档", D(2025, 3, 5), today=D(2025, 3, 5))
    extended = queries.detail(office, registered, today=D(2025, 3, 5))
    assert extended.state == State.EXTENDED
    _, undos = corrections.correctable(office, head, "request", registered, today=D(2025, 3, 5))
    assert [u.key for u in undos] == ["extension"]
    corrections.undo(office, head, "request", registered, "extension", "延期记在了别的申请上", today=D(2025, 3, 5))
    d = queries.detail(office, registered, today=D(2025, 3, 5))
    assert d.extension_days == 0 and d.extension_approver == "" and d.state == State.REGISTERED
    assert d.due_date == office.calendar().add_working_days(DAY, 20).date
    assert d.events[-1].kind == "撤销" and "撤销误录的延期" in d.events[-1].text
    assert "状态由“已延期”改为“已登记”" in d.events[-1].text


def test_correcting_consultation_dates_recomputes_pause_and_due(office, clerk, registered):
    actions.start_consultation(office, clerk, registered, "第三方", "某公司", D(2025, 3, 5), today=D(2025, 3, 5))
    actions.record_consultation_reply(office, clerk, registered, 1, D(2025, 3, 10), "不同意", today=D(2025, 3, 10))
    before = queries.detail(office, registered, today=D(2025, 3, 10))
    fields, _ = corrections.correctable(office, clerk, "request", registered, today=D(2025, 3, 10))
    key = next(f.key for f in fields if f.key.endswith(".reply_date"))
    fix(office, clerk, registered, {key: D(2025, 3, 7)}, today=D(2025, 3, 10))
    d = queries.detail(office, registered, today=D(2025, 3, 10))
    assert d.due_date < before.due_date  # the pause ended sooner
    assert "答复期限由" in d.events[-1].text


def test_reply_date_correction_by_author_same_day_only(office, clerk, registered):
    decisions.decide(office, clerk, registered, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项", provided_docs="预算表", reply_date=D(2025, 3, 20)),
        today=D(2025, 3, 20))
    with pytest.raises(PermissionDenied):
        fix(office, clerk, registered, {"reply_date": D(2025, 3, 21)}, today=D(2025, 4, 2))
    fix(office, clerk, registered, {"reply_date": D(2025, 3, 19)}, today=D(2025, 3, 20))
    assert queries.detail(office, registered).on_time is True


def test_undo_decision_reopens_the_request(office, clerk, registered):
    decisions.decide(office, clerk, registered, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项", provided_docs="预算表", reply_date=D(2025, 3, 20)),
        today=D(2025, 3, 20))
    corrections.undo(office, clerk, "request", registered, "decision", "点错了申请", today=D(2025, 3, 20))
    d = queries.detail(office, registered, today=D(2025, 3, 20))
    assert d.state == State.REGISTERED and d.result_code == "" and d.reply_date is None and d.on_time is None
    with pytest.raises(ServiceError, match="不能撤销"):
        corrections.undo(office, clerk, "request", registered, "decision", "再来一次", today=D(2025, 3, 20))


def test_issued_letters_become_outdated_not_changed(office, clerk, head, registered):
    info = letters.issue(office, clerk, registered, "receipt")
    pdf = letters.letter_pdf(office, info.id)
    fix(office, head, registered, {"applicant_name": "张叁"}, "姓名写错", today=office.today())
    issued = letters.issued_for(office, registered)
    assert len(issued) == 1 and "姓名写错" in issued[0].outdated
    assert letters.letter_pdf(office, info.id) == pdf
    again = letters.issue(office, clerk, registered, "receipt")
    assert again.version == 2 and again.outdated == ""
    assert [i.outdated == "" for i in letters.issued_for(office, registered)] == [False, True]


def test_unknown_field_refused(office, clerk, registered):
    with pytest.raises(ServiceError, match="不能更正"):
        fix(office, clerk, registered, {"state": "已归档"})


def test_correcting_the_correction_notice_date_moves_its_deadline(office, clerk, registered):
    cal, day = office.calendar(), D(2025, 3, 5)
    actions.issue_correction(office, clerk, registered, "请写明所需文件的文号", cal.add_working_days(day, 15).date,
                             day, today=day)
    with pytest.raises(ValidationError, match="不能早于收到申请日期"):
        fix(office, clerk, registered, {"correction_date": D(2025, 2, 28)}, "日期写错", today=day)
    fix(office, clerk, registered, {"correction_date": D(2025, 3, 4)}, "告知书实际上前一天已发出", today=day)
    d = queries.detail(office, registered, today=day)
    assert d.correction_deadline == cal.add_working_days(D(2025, 3, 4), 15).date
    assert "补正期限由" in d.events[-1].text
    _, undos = corrections.correctable(office, clerk, "request", registered, today=day)
    assert [u.key for u in undos] == ["correction"]
    corrections.undo(office, clerk, "request", registered, "correction", "不需要补正", today=day)
    d = queries.detail(office, registered, today=day)
    assert d.correction_date is None and d.state == State.REGISTERED
