"""Demo 首问负责 log: every category and outcome, referrals at every stage, some overdue, a 差评 in 整改.

Called from ``app.services.demo.create_demo`` after the office, staff and catalogue
exist.  The first ``HANDMADE`` entries go through the real services (numbering,
timeline, rights, rectification); beyond that (``gongkai demo --contacts 200000``
for the benchmark) older, closed entries are written in batches with the bulk
inserter and the search index, numbered gap-free before the hand-made ones.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from app.db import Database
from app.db.base import utcnow
from app.db.models import ContactEntry, Department, Matter
from app.services import audit, bulk, numbering, rectification, users
from app.services.actor import Actor
from app.services.contacts import entry as ce
from app.services.contacts import vocab as v
from app.services.progress import NullProgress, ProgressSink
from app.services.search import catalog as search_catalog
from app.services.search import index as search_index
from app.services.search.documents import documents

BATCH = 10_000
QUESTIONS = {
    "咨询": ["小额贷款公司设立需要哪些材料", "政府采购供应商如何注册", "惠农补贴什么时候发放", "会计人员继续教育在哪里报名",
           "非税收入票据如何领取", "行政事业性收费目录在哪里查"],
    "办事": ["办理融资担保公司变更登记", "领取财政票据", "办理政府采购备案", "开具非税收入缴款书"],
    "求助": ["工程款被拖欠，希望帮助协调", "低保资金未按时到账", "征地补偿款迟迟未发放"],
    "意见建议": ["建议在网站公开三公经费明细", "窗口午间能否安排值班", "建议增加网上预约"],
    "投诉举报": ["窗口人员态度生硬", "反映某乡镇违规发放补贴", "反映某单位公款吃喝"],
}
ANSWERS = ["已告知办理条件、所需材料和办理地点", "已现场查询并告知结果", "已当场办结并出具回执", "已解释相关政策规定"]
RESULTS = ["已核实情况并电话答复", "已按规定办结，结果已告知本人", "已协调相关单位处理完毕"]
AGENCIES = [("县人力资源和社会保障局", "劳动监察大队"), ("县市场监督管理局", "登记注册股"), ("县自然资源局", "征地办")]
HANDMADE = 40


def _person(rng: random.Random) -> tuple[str, str]:
    from app.services.demo import GIVEN, SURNAMES

    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)]), \
        f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}"


def _actor(db: Database, login: str, fallback: Actor) -> Actor:
    return next((u.actor() for u in users.list_users(db) if u.login == login), fallback)


def populate(db: Database, admin: Actor, today: dt.date, seed: int = 2026, count: int = HANDMADE,
             progress: ProgressSink | None = None) -> None:
    """``count`` entries: the hand-made set through the services, the rest generated in bulk."""
    rng = random.Random(seed + 14)
    if count > HANDMADE:
        _bulk(db, count - HANDMADE, rng, today, progress or NullProgress())
    _handmade(db, admin, today, rng, min(count, HANDMADE))


def _handmade(db: Database, admin: Actor, today: dt.date, rng: random.Random, n: int) -> None:
    clerk, head = _actor(db, "zhaochuang", admin), _actor(db, "qianke", admin)
    with db.session() as s:
        depts = {name: i for name, i in s.execute(select(Department.name, Department.id))}
        matters = list(s.scalars(select(Matter.id).order_by(Matter.id)).all())
    cal = db.calendar()
    # working days back from today, oldest first: the newest entries are still open
    days, d = [], today
    while len(days) < 12:
        if cal.is_working_day(d) and d <= today:
            days.append(d)
        d -= dt.timedelta(days=1)
    days.reverse()
    for i in range(n):
        outcome = v.OUTCOMES[i % len(v.OUTCOMES)]
        category = v.CATEGORIES[i % len(v.CATEGORIES)] if outcome != v.TO_COMPLAINT else v.COMPLAINT
        if category == v.COMPLAINT and outcome != v.TO_COMPLAINT:
            category = v.CATEGORIES[0]  # a complaint goes on to the 投诉举报 register (entry.validate_entry)
        day = days[min(len(days) - 1, i * len(days) // max(n, 1))]
        at = dt.datetime.combine(day, dt.time(9 + i % 8, (i * 7) % 60))
        person, phone = _person(rng) if category != v.COMPLAINT else ("", "")  # identity only in 投诉举报
        data = ce.EntryInput(contact_at=at, channel=v.CHANNELS[i % 4], person=person, phone=phone,
                             category=category, question=rng.choice(QUESTIONS[category]), outcome=outcome)
        # 0 untouched (overdue once a day passed), 1 accepted, 2 result, 3 closed; the newest are in time:
        # today's last two just referred, the two before accepted a few days ago and still within the limit
        stage = 0 if i >= n - 2 else 1 if i >= n - 9 else (i // len(v.OUTCOMES)) % 4
        if outcome in v.ON_THE_SPOT:
            data.answer = rng.choice(ANSWERS)
            if i % 9 == 0:  # a rating given at the counter; one 差评 whose 整改 is still running
                data.rating = "不满意" if i == 36 else rng.choice(v.RATINGS[:3])
                data.rating_words = "等候时间太长" if i == 36 else ""
        elif outcome == v.NOTICE and matters:
            data.matter_id = matters[i % len(matters)]
        elif outcome == v.NOTICE:
            data.outcome, data.answer = v.ANSWERED, rng.choice(ANSWERS)
        elif outcome == v.INTERNAL:
            to_treasury = stage == 0 and i % 2 == 0  # a referral nobody in 国库股 has taken up
            data.department_id = depts.get("国库股" if to_treasury else "预算股")
            data.referred_person = "" if to_treasury else "钱科长"
        elif outcome == v.EXTERNAL:
            data.agency, data.referred_person = AGENCIES[i % len(AGENCIES)]
            data.referred_how = "电话联系对方后告知来访人前往"
        actor = head if i % 5 == 4 else clerk
        # typed in as the call was taken: the timeline's 登记 event carries the day of the call
        eid = ce.log_entry(db, actor, data, now=at + dt.timedelta(minutes=3))
        if data.outcome in (v.NOTICE, v.TO_REQUEST):
            _convert(db, actor, eid, data.outcome, day)
        if outcome not in v.REFERRALS:
            continue
        if stage == 0 or (outcome == v.INTERNAL and data.department_id != depts.get("预算股")):
            continue
        ce.accept(db, head, eid, "" if outcome == v.INTERNAL else "王科员",
                  now=dt.datetime.combine(day, dt.time(16, 0)).astimezone(dt.UTC))
        if stage >= 2:
            ce.record_result(db, head, eid, rng.choice(RESULTS), day=min(today, day + dt.timedelta(days=1)))
        if stage == 3:
            rating = "不满意" if outcome == v.INTERNAL else rng.choice(v.RATINGS[:3])
            ce.follow_up(db, actor, eid, ce.FollowUp(day=today, how="电话", rating=rating,
                                                     words="答复不够清楚" if rating == "不满意" else ""))
    # one rectification done and followed up again
    with db.session() as s:
        done = s.scalar(select(ContactEntry.id).where(ContactEntry.rectification_id.is_not(None)).limit(1))
        task_id = s.scalar(select(ContactEntry.rectification_id).where(ContactEntry.id == done)) if done else None
    if done and task_id:
        rectification.mark_done(db, head, task_id, "重新书面答复并当面解释政策依据")
        ce.second_follow_up(db, clerk, done, ce.FollowUp(how="电话", rating="满意"))


def _convert(db: Database, actor: Actor, eid: int, outcome: str, day: dt.date) -> None:
    """What the window does after 一次性告知 / 转为申请: the real notice or request, through its own
    service, from the entry's data, then linked to the entry."""
    if outcome == v.NOTICE:
        from app.services.notices import issue

        notice = ce.notice_input(db, eid)
        notice.clerk_phone = issue.checklist(db, notice.matter_id).content.enquiry_phone
        ce.link_notice(db, actor, eid, issue.issue_notice(db, actor, notice, today=day))
    else:
        from app.services.demo import _resident_id
        from app.services.requests import intake

        request = ce.request_input(db, eid)
        rng = random.Random(eid)  # its own stream: the rest of the demo stays as it was
        request.id_number = _resident_id(rng, dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(15000)))
        ce.link_request(db, actor, eid, intake.register(db, actor, request, today=day))


def _bulk(db: Database, n: int, rng: random.Random, today: dt.date, progress: ProgressSink) -> None:
    """Older closed entries (and a few overdue referrals), numbered before the hand-made ones."""
    start = dt.date(today.year - 3, 1, 1)
    span = (today - start).days - 20  # the last weeks are the hand-made ones'
    stamps = sorted(rng.randrange(span * 480) for _ in range(n))  # minutes of office time
    spec = search_catalog.CONTACTS
    table = ContactEntry.__table__
    defaults = bulk.row_defaults(table)
    staff = ["赵窗口", "钱科长", "孙副局长"]
    seqs: dict[int, int] = {}
    with db.session() as s:
        dept_ids = {name: i for name, i in s.execute(select(Department.name, Department.id))}
    done = 0
    while done < n:
        chunk = stamps[done:done + BATCH]
        now = utcnow()
        with db.session(actor="演示数据", action="生成演示数据") as s:
            conn = s.connection()
            ids = bulk.new_ids(conn, table, len(chunk))
            rows = []
            for rid, stamp in zip(ids, chunk, strict=True):
                day = start + dt.timedelta(days=stamp // 480)
                at = dt.datetime.combine(day, dt.time(8 + (stamp % 480) // 60, stamp % 60))
                seqs[day.year] = seq = seqs.get(day.year, 0) + 1
                category = rng.choice(v.CATEGORIES)
                outcome = rng.choices(v.OUTCOMES, weights=(50, 15, 10, 12, 5, 4, 4))[0]
                if outcome == v.TO_COMPLAINT:
                    category = v.COMPLAINT
                elif category == v.COMPLAINT:
                    category = v.CATEGORIES[0]
                person, phone = _person(rng) if category != v.COMPLAINT else ("", "")
                row = defaults | dict(
                    id=rid, number=f"SW{day.year}-{seq:06d}", year=day.year, seq=seq, contact_at=at, day=day,
                    channel=rng.choice(v.CHANNELS), person=person, phone=phone, matter_name="",
                    category=category, question=rng.choice(QUESTIONS[category]), responder=rng.choice(staff),
                    outcome=outcome, answer=rng.choice(ANSWERS) if outcome in v.ON_THE_SPOT else "",
                    referred_to="", referred_person="", referred_how="", accepted_by="", result="",
                    followup_how="", rating="", followup_words="", rating2="", followup2_words="",
                    state=v.CLOSED, closed_day=day, created_by="演示数据", created_at=now)
                if outcome in v.REFERRALS:
                    name = "预算股" if outcome == v.INTERNAL else rng.choice(AGENCIES)[0]
                    row.update(department_id=dept_ids.get(name), referred_to=name, accepted_by="钱科长",
                               accepted_at=now, result=rng.choice(RESULTS), result_day=day, followup_day=day,
                               followup_how="电话", rating=rng.choices(v.RATINGS[:3], weights=(55, 35, 10))[0],
                               accept_due=day + dt.timedelta(days=1), result_due=day + dt.timedelta(days=7))
                rows.append(row)
            bulk.insert_rows(conn, table, rows)
            audit.event(s, "生成演示数据", entity="contact_entry",
                        summary=f"{len(rows)}条演示首问登记（id {ids[0]}—{ids[-1]}）")
            search_index.put(conn, spec.kind, documents(spec, rows))
        done += len(chunk)
        progress.check()
        progress.report(done, n, f"正在生成第{done}条首问登记")
    with db.session(actor="演示数据", action="生成演示数据") as s:
        for year, last in seqs.items():
            numbering.bump_seq(s, ce.CONTACT.key, year, last)
