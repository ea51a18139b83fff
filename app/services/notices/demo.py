"""Demo catalogue and one-time notices, through the same services as real use.

Called once from ``app.services.demo.create_demo`` after the office and staff
exist: the office's catalogue (finance or civil affairs, by the office's name)
with one later adjustment on 备案, and notices over the last months in every
state — including people who needed a second notice for the same matter, and
notices of 政府信息公开申请 linked to requests in 补正.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from sqlalchemy import select

from app.db import Database
from app.db.models import InfoRequest
from app.domain.vocab import State
from app.services import profile as profile_service
from app.services import users
from app.services.actor import Actor
from app.services.catalogue import service as catalogue
from app.services.catalogue.demo_data import catalogue_for, departments_of
from app.services.catalogue.elements import GOV_INFO_CATEGORY
from app.services.notices import issue
from app.services.notices.issue import BROUGHT, DEFECTIVE, NOT_APPLICABLE, Mark, NoticeInput

PEOPLE = [("刘建国", "13907310001"), ("陈丽娟", "13807312233"), ("某某县宏达小额贷款有限公司", "0731-83990011"),
          ("杨海燕", "15973100123"), ("某某县恒信融资担保有限公司", "0731-83887766"), ("黄志强", "18673105566"),
          ("周秀英", "13574100987"), ("某某县永兴典当有限公司", "0731-83776655"), ("吴俊峰", "13017318899"),
          ("徐晓东", "15111234567")]
DEFECTS = ["复印件不清晰，无法辨认", "未加盖单位公章", "已超过有效期", "签字与身份证姓名不一致", "缺少骑缝章",
           "内容与申请书填写的注册资本不一致"]


def _actor(db: Database, login: str) -> Actor | None:
    return next((u.actor() for u in users.list_users(db) if u.login == login), None)


def populate(db: Database, admin: Actor, today: dt.date, seed: int = 2026, notices: int = 36) -> None:
    """Catalogue, one 备案 adjustment, and ``notices`` notices over the last four months."""
    # the request demo's names (imported late: that module imports this one)
    from app.services.demo import GIVEN, SURNAMES

    rng = random.Random(seed)
    agency = profile_service.get_profile(db).full_name
    matters = catalogue_for(agency)
    existing = set(profile_service.list_departments(db))
    for dept in departments_of(matters):
        if dept not in existing:
            profile_service.add_department(db, admin, dept)
    start = today - dt.timedelta(days=150)
    ids = [catalogue.create_matter(db, admin, m, catalogue.Filing("其他", "依据县政务公开领导小组部署编制本机关事项清单"),
                                   today=start) for m in matters]
    # one real adjustment: the promised time of the first matter shortened, filed with its basis
    first = catalogue.detail(db, ids[0]).content
    catalogue.change_matter(db, admin, ids[0], replace(first, promised_days=max(1, first.promised_days - 5)),
                            catalogue.Filing("要素变化", "县人民政府办公室关于进一步压缩政务服务事项承诺时限的通知"),
                            today=start + dt.timedelta(days=40))
    clerks = [a for a in (_actor(db, "zhaochuang"), _actor(db, "qianke")) if a is not None] or [admin]
    calendar = db.calendar()
    with db.session() as s:
        correcting = list(s.scalars(select(InfoRequest.id).where(InfoRequest.state == State.CORRECTION.value)
                                    .order_by(InfoRequest.id).limit(3)))
    days = sorted(start + dt.timedelta(days=rng.randrange(150)) for _ in range(notices))
    seen: list[tuple[tuple[str, str], int]] = []  # (person, matter) already given a notice
    for n, day in enumerate(days):
        while not calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        day = min(day, today)
        if n % 6 == 5 and seen:  # now and then the same person again for the same matter (the duty failed)
            person, mid = rng.choice(seen)
        else:
            person = PEOPLE[n] if n < len(PEOPLE) else (
                rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}")
            mid = ids[rng.randrange(len(ids))]
            seen.append((person, mid))
        d = catalogue.detail(db, mid)
        marks = {}
        for material_id, x in zip(d.material_ids, d.content.materials, strict=True):
            roll = rng.random()
            if not x.required and roll < 0.6:
                marks[material_id] = Mark(NOT_APPLICABLE)
            elif roll < 0.65:
                marks[material_id] = Mark(BROUGHT)
            elif roll < 0.8:
                marks[material_id] = Mark(DEFECTIVE, rng.choice(DEFECTS))
        if len(marks) == len(d.material_ids) and all(m.status in (BROUGHT, NOT_APPLICABLE) for m in marks.values()):
            marks.pop(d.material_ids[0])  # something is always missing, or there would be no notice
        request_id = correcting.pop() if correcting and d.content.category == GOV_INFO_CATEGORY else None
        clerk = clerks[n % len(clerks)]
        data = NoticeInput(mid, person[0], person[1], marks, d.content.enquiry_phone, request_id)
        nid = issue.issue_notice(db, clerk, data, today=day)
        age = (today - day).days
        if age > 20 and rng.random() < 0.75:
            issue.mark_completed(db, clerk, nid, min(today, day + dt.timedelta(days=rng.randint(2, 15))))
        elif age > 30:
            issue.mark_not_returned(db, clerk, nid, min(today, day + dt.timedelta(days=30)))
