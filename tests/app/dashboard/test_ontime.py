"""依申请公开按期答复率 by month against a hand count of requests built through the services."""

from app.services.dashboard import ontime
from app.services.requests import actions, queries
from tests.app.dashboard.conftest import D, answer, register


def test_monthly_rate_matches_a_hand_count(office, clerk, head):
    a = register(office, clerk, D(2025, 3, 3), content="甲")  # due 03-31, answered 03-20: March, on time
    answer(office, clerk, a, D(2025, 3, 20))
    b = register(office, clerk, D(2025, 3, 3), content="乙")  # due 03-31, answered 04-02: April, late
    answer(office, clerk, b, D(2025, 4, 2))
    c = register(office, clerk, D(2025, 3, 10), content="丙")  # still open, its deadline passed in April: late
    d = register(office, clerk, D(2025, 4, 1), content="丁")  # withdrawn: counts nowhere
    actions.withdraw(office, clerk, d, D(2025, 4, 3), "申请人撤回", today=D(2025, 4, 3))
    register(office, clerk, D(2025, 5, 6), content="戊")  # open, not yet due: counts nowhere
    f = register(office, clerk, D(2025, 3, 3), content="己")  # extended by 20 days, answered 04-20: April, on time
    actions.extend(office, head, f, 20, "钱科长", "需要调取档案", D(2025, 3, 25), today=D(2025, 3, 25))
    answer(office, clerk, f, D(2025, 4, 21))
    today = D(2025, 5, 15)
    assert queries.detail(office, c).due_date.month == 4 and queries.detail(office, f).due_date > D(2025, 4, 21)

    months = ontime.monthly_rates(office, today)
    assert [(m.year, m.month) for m in months][0] == (2024, 6) and [(m.year, m.month) for m in months][-1] == (2025, 5)
    by_month = {(m.year, m.month): (m.on_time, m.total, m.rate) for m in months}
    assert by_month[(2025, 3)] == (1, 1, 100.0)
    assert by_month[(2025, 4)] == (1, 3, 33.3)  # 己 on time; 乙 late; 丙 overdue and open
    assert by_month[(2025, 5)] == (0, 0, None)
    assert all(by_month[k] == (0, 0, None) for k in by_month if k < (2025, 3))
    assert months[-1].label == "5月" and months[7].label == "1月"
    assert ontime.span_text(months) == "2024年6月至2025年5月"
