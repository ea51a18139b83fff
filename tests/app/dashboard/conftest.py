"""A small office for the duty view: two 科室, the registering clerk (赵窗口, no 科室), a 预算股 clerk,
a section head and a deputy head; requests registered on Monday 2025-03-03 (due 2025-03-31)."""

import datetime as dt

import pytest
from sqlalchemy import select

from app.db.models import Department, Role
from app.domain import taxonomy
from app.services import profile, users
from app.services.requests import decisions, intake
from app.services.requests.decisions import DecisionInput
from tests.app.conftest_requests import make_input

D = dt.date


@pytest.fixture
def depts(office, admin):
    for name in ("办公室", "预算股"):
        profile.add_department(office, admin.actor(), name)
    with office.session() as s:
        return {d.name: d.id for d in s.scalars(select(Department))}


@pytest.fixture
def budget(office, admin, depts):
    """孙预算, a clerk of 预算股."""
    return users.create_user(office, admin.actor(), "yg", "孙预算", Role.CLERK, "pass1234", department="预算股").actor()


@pytest.fixture
def deputy(office, admin, depts):
    return users.create_user(office, admin.actor(), "fj", "李副局长", Role.LEADER, "pass1234").actor()


def register(office, actor, received: dt.date, **kw) -> int:
    return intake.register(office, actor, make_input(received=received, **kw), today=received)


def answer(office, actor, rid: int, day: dt.date) -> None:
    decisions.decide(office, actor, rid, DecisionInput(
        result_code="1", article=taxonomy.suggested_article("1"), reasons="经检索，该信息属于公开范围",
        legal_basis="《中华人民共和国政府信息公开条例》第三十六条", provided_docs="2024年部门预算公开表", page_count=3,
        reply_date=day), today=day)
