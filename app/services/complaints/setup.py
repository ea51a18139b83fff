"""The office's complaint settings: time limits (calendar or working days), ladder and deductions."""

from __future__ import annotations

from dataclasses import dataclass

from app.db import Database
from app.services.actor import Actor
from app.services.complaints import ledger
from app.services.complaints.identity import settings
from app.services.errors import ValidationError
from app.services.rights import Right, require


@dataclass(frozen=True)
class Limits:
    accept_days: int = 15
    result_days: int = 60
    extension_max_days: int = 30
    working_days: bool = False
    near_due_days: int = 3
    section_points: int = 5
    head_points: int = 10
    ladder_preset: str = ""


def read(db: Database) -> Limits:
    with db.session(actor="系统", action="初始化投诉举报设置") as s:  # first read creates the defaults
        ledger.ensure_ladders(s)
        c = settings(s)
        return Limits(c.accept_days, c.result_days, c.extension_max_days, c.working_days, c.near_due_days,
                      c.section_points, c.head_points, c.ladder_preset)


def save(db: Database, actor: Actor, lim: Limits) -> None:
    """Change the limits; deadlines already computed stay as they were set (they were told to people)."""
    e: dict[str, str] = {}
    for key, lo, hi in (("accept_days", 1, 60), ("result_days", 1, 180), ("extension_max_days", 0, 90),
                        ("near_due_days", 0, 30), ("section_points", 0, 100), ("head_points", 0, 100)):
        if not lo <= getattr(lim, key) <= hi:
            e[key] = f"应为{lo}至{hi}之间的整数"
    with db.session(actor=actor.label, action="修改投诉举报设置") as s:
        require(s, actor, Right.EDIT_PROFILE, "只有系统管理员可以修改投诉举报的期限和责任追究设置")
        if lim.ladder_preset and not ledger.ladder(s, lim.ladder_preset):
            e["ladder_preset"] = f"没有名为“{lim.ladder_preset}”的责任追究方案"
        if e:
            raise ValidationError(e)
        c = settings(s)
        c.accept_days, c.result_days, c.extension_max_days = lim.accept_days, lim.result_days, lim.extension_max_days
        c.working_days, c.near_due_days = lim.working_days, lim.near_due_days
        c.section_points, c.head_points = lim.section_points, lim.head_points
        if lim.ladder_preset:
            c.ladder_preset = lim.ladder_preset
