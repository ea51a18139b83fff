"""Letters whose facts change over time: each consulted party its own letter and number, the
applicant's notice lists what was sent and when without naming a third party, a receipt
states the deadline as of its own date and the office's actual answer period, delivery of
a letter sets the deadline that runs from it."""

import datetime as dt

from app.services import letters, profile
from app.services.requests import actions, delivery, intake, queries
from tests.app.conftest_requests import make_input
from tests.app.letters.test_every_row import EMPTY, pdf_text

D = dt.date


def test_each_consultation_gets_its_own_letter_and_the_notice_lists_them(office, clerk):
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    actions.start_consultation(office, clerk, rid, "第三方", "某某建设有限公司", D(2025, 3, 11), today=D(2025, 3, 11))
    actions.start_consultation(office, clerk, rid, "其他机关", "某某县自然资源局", D(2025, 3, 12), today=D(2025, 3, 12))
    party_c, agency_c = queries.detail(office, rid).consultations
    party = letters.issue(office, clerk, rid, "consult_party", party_c.id)
    agency = letters.issue(office, clerk, rid, "consult_agency", agency_c.id)
    assert party.number != agency.number and party.number.startswith("X财公开征〔2025〕")
    p_text, a_text = pdf_text(letters.letter_pdf(office, party.id)), pdf_text(letters.letter_pdf(office, agency.id))
    assert "某某建设有限公司" in p_text and "第三十二条" in p_text and "2025年3月11日" in p_text
    assert "某某县自然资源局" in a_text and "第三十四条" in a_text and "视为同意公开" in a_text
    assert "第三十二条" not in a_text and "2025年3月12日" in a_text
    notice = letters.issue(office, clerk, rid, "consult_notice")
    n_text = pdf_text(letters.letter_pdf(office, notice.id))
    assert "于2025年3月11日书面征求第三方的意见" in n_text and "于2025年3月12日书面征求某某县自然资源局的意见" in n_text
    assert "某某建设有限公司" not in n_text  # 第十五条: the third party is not named to the applicant
    for bad in EMPTY:
        assert bad not in p_text + a_text + n_text, bad
    # the office chooses to name it: a new notice (new number, today's date) does
    delivery.set_party_disclosure(office, clerk, rid, party_c.id, True, today=D(2025, 3, 13))
    again = letters.reissue(office, clerk, notice.id)
    assert again.number != notice.number and "某某建设有限公司" in pdf_text(letters.letter_pdf(office, again.id))
    # delivery of the party's letter sets its 15 working days
    assert letters.record_letter_delivery(office, clerk, party.id, D(2025, 3, 13), "邮寄送达",
                                          today=D(2025, 3, 13)) == D(2025, 4, 3)


def test_receipt_states_the_facts_of_its_own_date_and_the_offices_period(office, clerk, head, admin):
    p = profile.get_profile(office)
    profile.save_profile(office, admin.actor(), profile.Profile(**{**p.__dict__, "answer_days": 15}))
    rid = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    actions.extend(office, head, rid, 10, "钱科长", "需要调取历年档案", D(2025, 3, 20), today=D(2025, 3, 20))
    receipt = letters.issue(office, clerk, rid, "receipt")  # issued after the extension
    text = pdf_text(letters.letter_pdf(office, receipt.id))
    # received 2025-03-03; 15 working days → 2025-03-24, dated the day of receipt
    assert "15个工作日内（即2025年3月24日前）" in text and "20个工作日" not in text
    assert receipt.letter_date == D(2025, 3, 3) and receipt.number.startswith("X财公开收〔2025〕")
    ext = pdf_text(letters.letter_pdf(office, letters.issue(office, clerk, rid, "extension").id))
    assert "延长10个工作日" in ext and "2025年4月8日前作出答复" in ext
    # a reprint is the same document; a reissue is a new letter stating today's deadline
    assert letters.issue(office, clerk, rid, "receipt").id == receipt.id
    new = letters.reissue(office, clerk, receipt.id)
    assert "2025年4月8日" in pdf_text(letters.letter_pdf(office, new.id)) and new.letter_date == office.today()


def test_lapse_rows_get_their_letter_dated_on_the_lapse_day(office, clerk):
    from app.domain import fees, taxonomy
    from app.letters import kinds

    assert {leaf.letter for leaf in taxonomy.LEAVES} <= {k.title for k in kinds.KINDS if k.is_reply}
    a = intake.register(office, clerk, make_input(), today=D(2025, 3, 3))
    actions.issue_correction(office, clerk, a, "请写明文件名称", D(2025, 3, 20), issued=D(2025, 3, 4), today=D(2025, 3, 4))
    delivery.record_delivery(office, clerk, a, delivery.CORRECTION, D(2025, 3, 6), "邮寄送达", today=D(2025, 3, 6))
    actions.close_correction_lapsed(office, clerk, a, today=D(2025, 3, 28))
    b = intake.register(office, clerk, make_input(content="另一项"), today=D(2025, 3, 3))
    actions.issue_fee_notice(office, clerk, b, fees.PER_VOLUME, 120, D(2025, 3, 5), today=D(2025, 3, 5))
    delivery.record_delivery(office, clerk, b, delivery.FEE, D(2025, 3, 7), "直接送达", today=D(2025, 3, 7))
    actions.close_fee_lapsed(office, clerk, b, today=D(2025, 4, 8))
    for rid, article, says, day in ((a, "第三十条", "您未在补正期限内补正", "2025年3月24日"),
                                    (b, "第四十二条", "未在收到收费通知次日起20个工作日内缴纳", "2025年4月7日")):
        info = letters.issue(office, clerk, rid, "reply")
        text = pdf_text(letters.letter_pdf(office, info.id))
        assert info.title == "政府信息公开申请办结告知书" and info.number.startswith("X财公开答〔2025〕")
        assert f"《中华人民共和国政府信息公开条例》{article}的规定" in text and says in text and day in text
        assert "或者自收到本告知书之日起6个月内" in text
        for bad in EMPTY:
            assert bad not in text, bad
