"""Every clock rule, on real 2025/2026 calendar dates."""

import datetime as dt

import pytest

from app.calendar import YearSchedule
from app.domain import fees
from app.services import holidays
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.requests import actions, clock, decisions, delivery, intake, queries
from tests.app.conftest_requests import make_input

D = dt.date


def det(db, rid, today):
    return queries.detail(db, rid, today=today)


def test_correction_restarts_the_clock(office, clerk, registered):
    # 补正 within 7 working days of 2025-03-03 → by 2025-03-12
    actions.issue_correction(office, clerk, registered, "1. 请写明所需信息的文号", D(2025, 3, 20),
                             issued=D(2025, 3, 5), today=D(2025, 3, 5))
    assert det(office, registered, D(2025, 3, 5)).state == "补正中"
    actions.receive_correction(office, clerk, registered, D(2025, 3, 14), today=D(2025, 3, 14))
    d = det(office, registered, D(2025, 3, 14))
    # 20 working days from Friday 2025-03-14: 清明 2025-04-04 is off → 2025-04-14
    assert d.state == "补正已收到" and d.clock_start == D(2025, 3, 14) and d.due_date == D(2025, 4, 14)


def test_correction_must_be_within_seven_working_days_and_once(office, clerk, registered):
    with pytest.raises(ValidationError, match="7个工作日内"):
        actions.issue_correction(office, clerk, registered, "x", D(2025, 3, 30), issued=D(2025, 3, 13),
                                 today=D(2025, 3, 13))
    actions.issue_correction(office, clerk, registered, "x", D(2025, 3, 30), issued=D(2025, 3, 12),
                             today=D(2025, 3, 12))
    with pytest.raises(ServiceError):
        actions.issue_correction(office, clerk, registered, "y", D(2025, 3, 30), issued=D(2025, 3, 12),
                                 today=D(2025, 3, 12))


def test_correction_lapse_runs_from_delivery_and_closes_on_the_lapse_day(office, clerk, registered):
    # issued 2025-03-04 with a deadline of 2025-03-20: a period of 12 working days from receipt
    actions.issue_correction(office, clerk, registered, "x", D(2025, 3, 20), issued=D(2025, 3, 4),
                             today=D(2025, 3, 4))
    d = det(office, registered, D(2025, 3, 4))
    assert d.correction_days == 12 and d.correction_delivered is None
    with pytest.raises(ServiceError, match="预计"):  # no lapse on an estimate
        actions.close_correction_lapsed(office, clerk, registered, today=D(2025, 3, 21))
    # received by the applicant on 2025-03-06: 12 working days → 2025-03-24
    assert delivery.record_delivery(office, clerk, registered, delivery.CORRECTION, D(2025, 3, 6), "邮寄送达",
                                    today=D(2025, 3, 21)) == D(2025, 3, 24)
    with pytest.raises(ServiceError, match="尚未届满"):
        actions.close_correction_lapsed(office, clerk, registered, today=D(2025, 3, 24))
    actions.close_correction_lapsed(office, clerk, registered, today=D(2025, 3, 28))
    d = det(office, registered, D(2025, 3, 28))
    assert d.state == "已答复" and d.result_code == "6.1" and d.clock.remaining is None
    assert d.reply_date == D(2025, 3, 24)  # the day the period lapsed, not the day of the click


def test_third_party_consultation_pauses_until_opinion(office, clerk, registered):
    actions.start_consultation(office, clerk, registered, "第三方", "某某建设有限公司", D(2025, 3, 10),
                               today=D(2025, 3, 10))
    d = det(office, registered, D(2025, 3, 10))
    # 15 working days after 2025-03-10 → 2025-03-31
    assert d.state == "征求意见中" and d.consultations[0].reply_due == D(2025, 3, 31)
    actions.record_consultation_reply(office, clerk, registered, d.consultations[0].id, D(2025, 3, 14),
                                      "不同意公开，涉及商业秘密", today=D(2025, 3, 14))
    d = det(office, registered, D(2025, 3, 14))
    # paused 3-11..3-14 (4 working days): 2025-03-31 + 4 working days = 2025-04-07 (4-4 清明 off)
    assert d.state == "办理中" and d.due_date == D(2025, 4, 7)


def test_consultation_pause_ends_when_fifteen_days_run_out(office, clerk, registered):
    actions.start_consultation(office, clerk, registered, "其他机关", "县自然资源局", D(2025, 3, 10),
                               today=D(2025, 3, 10))
    d = det(office, registered, D(2025, 4, 10))
    # pause 3-11..3-31 = 15 working days; due 3-31 → +15 working days (4-4 off) → 2025-04-22
    assert d.due_date == D(2025, 4, 22)
    # a decision is allowed once the 15 days are over even without an opinion
    decisions.decide(office, clerk, registered, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项（可以公开）", provided_docs="文件", reply_date=D(2025, 4, 10)),
        today=D(2025, 4, 10))
    assert det(office, registered, D(2025, 4, 10)).on_time is True


def test_decision_blocked_while_consultation_running(office, clerk, registered):
    actions.start_consultation(office, clerk, registered, "第三方", "甲公司", D(2025, 3, 10), today=D(2025, 3, 10))
    with pytest.raises(ServiceError, match="正在征求"):
        decisions.decide(office, clerk, registered, decisions.DecisionInput(
            result_code="1", article="x", provided_docs="y", reply_date=D(2025, 3, 12)), today=D(2025, 3, 12))


def test_extension_needs_approver_and_only_once(office, clerk, head, registered):
    with pytest.raises(PermissionDenied):
        actions.extend(office, clerk, registered, 10, "钱科长", "需要调取档案", D(2025, 3, 20), today=D(2025, 3, 20))
    with pytest.raises(ValidationError, match="1到20"):
        actions.extend(office, head, registered, 21, "钱科长", "理由", D(2025, 3, 20), today=D(2025, 3, 20))
    actions.extend(office, head, registered, 20, "钱科长", "需要调取档案", D(2025, 3, 20), today=D(2025, 3, 20))
    d = det(office, registered, D(2025, 3, 20))
    # 2025-03-31 + 20 working days (4-4 清明 off; Sunday 4-27 is a make-up working day) → 2025-04-28
    assert d.state == "已延期" and d.due_date == D(2025, 4, 28)
    with pytest.raises(ServiceError, match="当前状态"):
        actions.extend(office, head, registered, 5, "钱科长", "再延", D(2025, 3, 21), today=D(2025, 3, 21))


def test_extension_after_due_date_refused(office, head, registered):
    with pytest.raises(ValidationError, match="已于"):
        actions.extend(office, head, registered, 5, "钱科长", "理由", D(2025, 4, 1), today=D(2025, 4, 1))


def test_fee_per_piece_counts_the_month(office, clerk, registered):
    other = intake.register(office, clerk, make_input(received=D(2025, 3, 4), content="另一批文件清单"),
                            today=D(2025, 3, 4))
    assert actions.issue_fee_notice(office, clerk, registered, fees.PER_PIECE, 15, D(2025, 3, 5),
                                    today=D(2025, 3, 5)) == 500  # pieces 11-15 at 100元
    # same applicant, same month: pieces 16-35 → 15×100 + 5×200
    assert actions.issue_fee_notice(office, clerk, other, fees.PER_PIECE, 20, D(2025, 3, 6),
                                    today=D(2025, 3, 6)) == 2500
    d = det(office, registered, D(2025, 3, 5))
    assert d.state == "待缴费" and d.fee_deadline == D(2025, 4, 2)
    actions.record_fee_paid(office, clerk, registered, D(2025, 3, 12), today=D(2025, 3, 12))
    d = det(office, registered, D(2025, 3, 12))
    # fee pause 3-6..3-12 = 5 working days → 2025-03-31 + 5 (4-4 off) → 2025-04-08
    assert d.state == "办理中" and d.due_date == D(2025, 4, 8)


def test_fee_per_volume_lapse_runs_from_delivery(office, clerk, registered):
    assert actions.issue_fee_notice(office, clerk, registered, fees.PER_VOLUME, 120, D(2025, 3, 5),
                                    today=D(2025, 3, 5)) == 70 * 10 + 20 * 20
    with pytest.raises(ServiceError, match="预计"):  # before: closable on 2025-04-03, before the legal last day
        actions.close_fee_lapsed(office, clerk, registered, today=D(2025, 4, 3))
    # received 2025-03-07: 20 working days from the next day → 2025-04-07 (4-4 清明 off)
    assert delivery.record_delivery(office, clerk, registered, delivery.FEE, D(2025, 3, 7), "直接送达",
                                    today=D(2025, 4, 3)) == D(2025, 4, 7)
    with pytest.raises(ServiceError, match="尚未届满"):
        actions.close_fee_lapsed(office, clerk, registered, today=D(2025, 4, 7))
    actions.close_fee_lapsed(office, clerk, registered, today=D(2025, 4, 8))
    d = det(office, registered, D(2025, 4, 8))
    assert d.result_code == "6.2" and d.state == "已答复" and d.reply_date == D(2025, 4, 7)


def test_december_fee_lapse_closed_in_january_belongs_to_december(office, clerk):
    rid = intake.register(office, clerk, make_input(received=D(2025, 12, 1)), today=D(2025, 12, 1))
    actions.issue_fee_notice(office, clerk, rid, fees.PER_VOLUME, 100, D(2025, 12, 2), today=D(2025, 12, 2))
    assert delivery.record_delivery(office, clerk, rid, delivery.FEE, D(2025, 12, 3), "电子送达",
                                    today=D(2025, 12, 3)) == D(2025, 12, 31)
    actions.close_fee_lapsed(office, clerk, rid, today=D(2026, 1, 5))
    d = det(office, rid, D(2026, 1, 5))
    assert d.reply_date == D(2025, 12, 31) and d.reply_date.year == 2025


def test_per_piece_fee_counts_the_applicants_month_of_application(office, clerk):
    # February's application does not count; March's free one does; the notice is sent in April
    feb = intake.register(office, clerk, make_input(received=D(2025, 2, 27), content="二月的申请"),
                          today=D(2025, 2, 27))
    delivery.set_piece_count(office, clerk, feb, 9, today=D(2025, 2, 27))
    first = intake.register(office, clerk, make_input(received=D(2025, 3, 3), content="三月第一件"), today=D(2025, 3, 3))
    delivery.set_piece_count(office, clerk, first, 6, today=D(2025, 3, 3))
    other = intake.register(office, clerk, make_input(received=D(2025, 3, 4), applicant_name="李四",
                                                      id_number="110105198001010016", content="别人的申请"),
                            today=D(2025, 3, 4))
    delivery.set_piece_count(office, clerk, other, 30, today=D(2025, 3, 4))
    second = intake.register(office, clerk, make_input(received=D(2025, 3, 20), content="三月第二件"),
                             today=D(2025, 3, 20))
    amount = actions.issue_fee_notice(office, clerk, second, fees.PER_PIECE, 8, D(2025, 4, 1), today=D(2025, 4, 1))
    assert amount == 4 * 100  # pieces 7–14 of March: 11–14 at 100元
    d = det(office, second, D(2025, 4, 1))
    assert d.piece_count == 8 and d.fee_breakdown.startswith("第7—10件：免费；第11—14件：100元/件×4=400元")
    with pytest.raises(ValidationError):
        delivery.set_piece_count(office, clerk, first, 0, today=D(2025, 4, 1))


def test_consultation_period_runs_from_delivery(office, clerk, registered):
    actions.start_consultation(office, clerk, registered, "第三方", "某某建设有限公司", D(2025, 3, 10),
                               today=D(2025, 3, 10))
    c = det(office, registered, D(2025, 3, 10)).consultations[0]
    assert c.reply_due == D(2025, 3, 31) and c.delivered_date is None  # estimate from the day sent
    delivery.record_delivery(office, clerk, registered, delivery.CONSULTATION, D(2025, 3, 12), "邮寄送达",
                             consultation_id=c.id, today=D(2025, 3, 12))
    c = det(office, registered, D(2025, 3, 12)).consultations[0]
    assert c.reply_due == D(2025, 4, 2) and c.delivered_date == D(2025, 3, 12)


def test_due_as_of_ignores_what_happened_later(office, clerk, head, registered):
    from app.services.profile import get_profile

    actions.extend(office, head, registered, 20, "钱科长", "需要调取历年档案", D(2025, 3, 20), today=D(2025, 3, 20))
    d = det(office, registered, D(2025, 3, 20))
    p = get_profile(office)
    cal = office.calendar()
    assert clock.due_as_of(d, cal, p.answer_days, p.fee_pauses_clock, D(2025, 3, 3))[0] == D(2025, 3, 31)
    assert clock.due_as_of(d, cal, p.answer_days, p.fee_pauses_clock, D(2025, 3, 20))[0] == d.due_date


def test_free_quantity_needs_no_notice(office, clerk, registered):
    with pytest.raises(ValidationError, match="不收费"):
        actions.issue_fee_notice(office, clerk, registered, fees.PER_PIECE, 10, D(2025, 3, 5), today=D(2025, 3, 5))


def test_withholding_needs_section_head(office, clerk, head, registered):
    d = decisions.DecisionInput(result_code="3.4", article="第三十六条第（三）项（不予公开）",
                                reasons="涉及第三方商业秘密", legal_basis="《条例》第十五条",
                                withheld="投标报价明细", reply_date=D(2025, 3, 20))
    with pytest.raises(PermissionDenied, match="科室负责人"):
        decisions.decide(office, clerk, registered, d, today=D(2025, 3, 20))
    decisions.decide(office, head, registered, d, today=D(2025, 3, 20))
    r = det(office, registered, D(2025, 3, 20))
    assert r.signed_off_by == "钱科长" and r.result_label == "不予公开/保护第三方合法权益"


def test_not_this_agency_needs_the_responsible_agency(office, clerk, registered):
    d = decisions.DecisionInput(result_code="4.1", article="第三十六条第（五）项（非本机关负责公开）",
                                reasons="该信息由县自然资源局制作", reply_date=D(2025, 3, 20))
    with pytest.raises(ValidationError) as e:
        decisions.decide(office, clerk, registered, d, today=D(2025, 3, 20))
    assert "responsible_agency" in e.value.fields


def test_late_reply_is_marked(office, clerk, registered):
    decisions.decide(office, clerk, registered, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项（可以公开）", provided_docs="x", reply_date=D(2025, 4, 1)),
        today=D(2025, 4, 1))
    assert det(office, registered, D(2025, 4, 1)).on_time is False


def test_on_the_spot_reply(office, clerk):
    rid = decisions.register_on_the_spot(office, clerk, make_input(), decisions.DecisionInput(
        result_code="1", article="第三十六条第（一）项（已主动公开）", provided_docs="县政府门户网站“财政预决算”栏目",
        reply_date=D(2025, 3, 3)), today=D(2025, 3, 3))
    d = det(office, rid, D(2025, 3, 3))
    assert d.state == "已答复" and d.on_time and [e.kind for e in d.events] == ["登记", "答复"]


def test_delivery_archive_and_counts(office, clerk, registered):
    assert queries.counts(office, today=D(2025, 4, 1)).overdue == 1
    assert queries.counts(office, today=D(2025, 3, 31)).due_today == 1
    assert queries.counts(office, today=D(2025, 3, 27)).due_soon == 1
    decisions.decide(office, clerk, registered, decisions.DecisionInput(
        result_code="1", article="第三十六条第（二）项（可以公开）", provided_docs="x", reply_date=D(2025, 3, 28)),
        today=D(2025, 3, 28))
    with pytest.raises(ValidationError, match="邮件单号"):
        actions.deliver(office, clerk, registered, "邮寄送达", D(2025, 3, 31), "张三", today=D(2025, 3, 31))
    actions.deliver(office, clerk, registered, "邮寄送达", D(2025, 3, 31), "张三", "EMS1234567890",
                    today=D(2025, 3, 31))
    actions.archive(office, clerk, registered, today=D(2025, 4, 2))
    assert det(office, registered, D(2025, 4, 2)).state == "已归档"
    assert queries.counts(office, today=D(2025, 4, 10)).overdue == 0


def test_withdraw(office, clerk, registered):
    actions.withdraw(office, clerk, registered, D(2025, 3, 5), "已自行取得", today=D(2025, 3, 5))
    assert det(office, registered, D(2025, 3, 5)).state == "申请人撤回"


def test_provisional_due_date_into_2027_and_entered_year(office, clerk, admin):
    rid = intake.register(office, clerk, make_input(received=D(2026, 12, 20)), today=D(2026, 12, 21))
    d = det(office, rid, D(2026, 12, 21))
    assert d.clock.provisional_years == {2027} and "暂估" in d.clock.note
    missing = holidays.enter_year(office, admin.actor(), YearSchedule(2027, frozenset({D(2027, 1, 1), D(2027, 1, 4)})))
    d = det(office, rid, D(2026, 12, 21))
    assert d.clock.provisional_years == {2027} and d.due_date == D(2027, 1, 19)  # days used, year not complete
    assert "春节" in missing
    holidays.confirm_year(office, admin.actor(), 2027)  # the administrator checked it against the notice
    d = det(office, rid, D(2026, 12, 21))
    assert not d.clock.provisional and d.due_date == D(2027, 1, 19)  # stored due date follows


def test_a_rest_day_after_the_last_day_is_already_late(office, clerk):
    """The request window and the register agree: past the due date is 已逾期 even on a holiday."""
    rid = intake.register(office, clerk, make_input(received=D(2025, 3, 6)), today=D(2025, 3, 6))
    on_time = det(office, rid, D(2025, 4, 3)).clock  # day 20 is Thursday 4月3日; 清明 4月4日–6日 off
    assert on_time.due == D(2025, 4, 3) and on_time.remaining == 0 and not on_time.overdue
    late = det(office, rid, D(2025, 4, 5)).clock
    assert late.overdue and late.remaining == -1
    assert det(office, rid, D(2025, 4, 7)).clock.remaining == -1
