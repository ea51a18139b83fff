"""签批: a clerk submits a prepared decision or extension, a head approves or returns it."""

import datetime as dt

import pytest

from app.db.models import Role
from app.domain.vocab import State
from app.services import signoff, users
from app.services.errors import PermissionDenied, ServiceError, ValidationError
from app.services.requests import actions, decisions, queries
from app.services.requests.signoff_kinds import submit_decision, submit_extension, waiting_text

D = dt.date
DAY = D(2025, 3, 10)


def _withhold(**kw) -> decisions.DecisionInput:
    base = dict(result_code="3.5", article="第三十六条第（三）项", reasons="属于内部事务信息",
                legal_basis="《中华人民共和国政府信息公开条例》第十六条第一款", withheld="内部人事管理文件",
                reply_date=DAY)
    base.update(kw)
    return decisions.DecisionInput(**base)


def test_clerk_cannot_decide_withholding_directly_but_can_submit(office, clerk, registered):
    with pytest.raises(PermissionDenied, match="提交签批"):
        decisions.decide(office, clerk, registered, _withhold(), today=DAY)
    item = submit_decision(office, clerk, registered, _withhold(), today=DAY)
    queue = signoff.pending(office, today=DAY)
    assert [q.id for q in queue] == [item]
    q = queue[0]
    assert q.record_label.startswith("X财公开") and q.kind_label == "答复决定"
    assert q.payload["reply_date"] == DAY and q.payload["withheld"] == "内部人事管理文件"
    assert q.remaining == office.calendar().working_days_between(DAY, D(2025, 3, 31)).days
    assert signoff.pending_count(office) == 1
    assert "等待审批" in waiting_text(office, registered)
    d = queries.detail(office, registered)
    assert d.state != State.ANSWERED and [e.kind for e in d.events][-1] == "提交签批"


def test_head_approves_decision_takes_effect_with_head_and_date(office, clerk, head, registered):
    item = submit_decision(office, clerk, registered, _withhold(), today=DAY)
    approve_day = D(2025, 3, 12)
    signoff.approve(office, head, item, today=approve_day)
    d = queries.detail(office, registered, today=approve_day)
    assert d.state == State.ANSWERED and d.result_code == "3.5"
    assert d.signed_off_by == "钱科长" and d.reply_date == approve_day
    assert d.withheld == "内部人事管理文件"
    assert signoff.pending(office) == [] and signoff.pending_count(office) == 0
    assert [e.kind for e in d.events][-2:] == ["答复", "签批"]


def test_return_goes_to_the_clerks_todo_and_resubmit_clears_it(office, clerk, head, registered):
    item = submit_decision(office, clerk, registered, _withhold(), today=DAY)
    with pytest.raises(ValidationError):
        signoff.return_item(office, head, item, "  ", today=DAY)
    signoff.return_item(office, head, item, "理由写得不够具体", today=DAY)
    todo = signoff.returned_to(office, clerk)
    assert [t.id for t in todo] == [item] and todo[0].comment == "理由写得不够具体"
    assert todo[0].payload["reasons"] == "属于内部事务信息"  # everything typed comes back
    assert signoff.pending(office) == []
    assert queries.detail(office, registered).state != State.ANSWERED
    again = submit_decision(office, clerk, registered, _withhold(reasons="属于内部人事管理信息，依第十六条"), today=DAY)
    assert signoff.returned_to(office, clerk) == []
    assert [q.id for q in signoff.pending(office)] == [again]


def test_only_heads_sign_and_no_double_submission(office, clerk, head, registered):
    item = submit_decision(office, clerk, registered, _withhold(), today=DAY)
    with pytest.raises(PermissionDenied):
        signoff.approve(office, clerk, item, today=DAY)
    with pytest.raises(ServiceError, match="已提交签批"):
        submit_decision(office, clerk, registered, _withhold(), today=DAY)
    signoff.approve(office, head, item, today=DAY)
    with pytest.raises(ServiceError, match="已批准"):
        signoff.approve(office, head, item, today=DAY)


def test_submission_is_checked_in_full(office, clerk, registered):
    with pytest.raises(ValidationError) as exc:
        submit_decision(office, clerk, registered, _withhold(withheld="", reasons=""), today=DAY)
    assert {"withheld", "reasons"} <= set(exc.value.fields)
    with pytest.raises(ServiceError, match="不需要签批"):
        submit_decision(office, clerk, registered, _withhold(result_code="1", provided_docs="预算表"), today=DAY)
    assert signoff.pending(office) == []


def test_extension_signoff_makes_the_head_the_approver(office, clerk, head, registered):
    with pytest.raises(PermissionDenied):
        actions.extend(office, clerk, registered, 10, "赵窗口", "需调档", today=DAY)
    item = submit_extension(office, clerk, registered, 10, "需要调取历年档案", DAY, today=DAY)
    signoff.approve(office, head, item, today=D(2025, 3, 11))
    d = queries.detail(office, registered)
    assert d.extension_days == 10 and d.extension_approver == "钱科长"
    assert d.extension_date == D(2025, 3, 11) and d.state == State.EXTENDED
    assert d.due_date == office.calendar().add_working_days(D(2025, 3, 3), 30).date


def test_approval_that_no_longer_fits_is_refused_and_stays_pending(office, clerk, head, registered):
    item = submit_extension(office, clerk, registered, 10, "需要调取历年档案", DAY, today=DAY)
    actions.extend(office, head, registered, 5, "钱科长", "领导直接批准", today=DAY)
    with pytest.raises(ServiceError, match="不能延期"):
        signoff.approve(office, head, item, today=DAY)
    assert [q.id for q in signoff.pending(office)] == [item]


def test_typed_payload_roundtrip():
    text = signoff.dump_payload({"d": D(2026, 11, 20), "n": [1, "二"], "x": None, "b": True})
    assert signoff.load_payload(text) == {"d": D(2026, 11, 20), "n": [1, "二"], "x": None, "b": True}


def test_withdraw_by_submitter_only(office, admin, clerk, registered):
    other = users.create_user(office, admin.actor(), "ls", "李窗口", Role.CLERK, "pass1234").actor()
    item = submit_decision(office, clerk, registered, _withhold(), today=DAY)
    with pytest.raises(PermissionDenied):
        signoff.withdraw(office, other, item)
    signoff.withdraw(office, clerk, item)
    assert signoff.pending(office) == []
