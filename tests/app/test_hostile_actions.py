"""Generated hostile values through the request actions (assign, correction, extension, withdrawal).

These fields are free text the clerk types; whatever arrives, the answer is a Chinese
ServiceError or success — never another exception — and a refusal changes nothing.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.services.errors import ServiceError
from app.services.requests import actions
from tests.app.hostile import chinese, hostile_text, snapshot

TODAY = dt.date(2025, 3, 10)
FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
days = st.one_of(st.dates(), st.dates(dt.date(2025, 3, 1), dt.date(2025, 3, 20)))

calls = st.one_of(
    st.tuples(st.just("assign"), hostile_text).map(lambda t: (actions.assign, (t[1],), {})),
    st.tuples(st.just("correction"), hostile_text, days).map(
        lambda t: (actions.issue_correction, (t[1], t[2]), {})),
    st.tuples(st.just("extend"), st.integers(-5, 10**12), hostile_text, hostile_text, days).map(
        lambda t: (actions.extend, (t[1], t[2], t[3]), {"day": t[4]})),
    st.tuples(st.just("withdraw"), days, hostile_text).map(lambda t: (actions.withdraw, (t[1], t[2]), {})),
)


@settings(max_examples=400, deadline=None, suppress_health_check=FIXTURES)
@given(call=calls)
def test_request_actions_refuse_cleanly(office, head, registered, call):
    fn, args, kw = call
    before = snapshot(office)
    try:
        fn(office, head, registered, *args, today=TODAY, **kw)
    except ServiceError as exc:
        event(f"{fn.__name__}: refused")
        assert chinese(str(exc)), str(exc)
        assert snapshot(office) == before
    else:
        event(f"{fn.__name__}: done")
