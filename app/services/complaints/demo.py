"""Demo 投诉举报: named and anonymous complaints in every state, the ledger with its ladder and a 表扬.

Called from ``app.services.demo.create_demo`` after the office, staff and the 首问 log
exist.  The inspector (李监督) signs in once, which creates the office's complaint key,
so every named complaint's identity is sealed exactly like a real one.  The hand-made
set goes through the real services — registration, 受理, investigation, a finding
signed by the head through the 签批 queue, the inspector's confirmation, feedback —
so numbers, deadlines and the audit trail are the real ones; one finding and one
confirmation are left waiting in the queue.  Beyond that (``gongkai demo --complaints
10000`` for the benchmarks) older closed complaints are written in batches (identity
sealed per row, every row in the audit log through ``audit.record_rows``, the search
index filled), numbered before the hand-made ones.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from app.db import Database
from app.db.base import utcnow
from app.db.models import Complaint, ContactEntry, Department, User
from app.services import attachments, audit, bulk, numbering, signoff, users
from app.services.actor import Actor
from app.services.complaints import handling, identity, ledger, register
from app.services.complaints.register import COMPLAINT, ComplaintInput
from app.services.complaints.vocab import CATEGORIES, DONE, TOLD, TRANSFERRED
from app.services.progress import NullProgress, ProgressSink
from app.services.search import catalog as search_catalog
from app.services.search import index as search_index
from app.services.search.documents import documents

BATCH = 5_000
HANDMADE = 15  # the complaints made through the services below (14 when the 首问 log has none to convert)
FACTS = {
    "刁难": "窗口工作人员以材料格式不对为由多次拒收，未一次性告知需要补正的内容",
    "勒索索要": "办理补贴申领时，经办人员暗示需要“意思一下”才能尽快办理",
    "效率低下/拖延": "国库集中支付申请提交二十多天仍无答复，多次电话询问均称在走流程",
    "服务态度": "咨询政府采购备案时，工作人员态度生硬，不耐烦地让我自己上网查",
    "不履行服务承诺": "公示承诺五个工作日办结，实际超过十个工作日仍未办结",
    "擅自增设条件": "要求提供办事指南中没有列出的村委会证明才肯受理",
    "违反政务公开规定": "申请公开预算资金明细，超过法定期限未收到任何答复",
    "其他": "办事大厅取号机长期故障，无人维修",
}
OTHER_BODIES = ("县市场监督管理局", "县人力资源和社会保障局", "县纪委监委")
ASSIGNING = ("县人民政府办公室督查室", "市财政局办公室", "县纪委监委信访室")


def _person(rng: random.Random) -> tuple[str, str, str]:
    from app.services.demo import GIVEN, SURNAMES, _resident_id

    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", rng.choice(GIVEN)])
    born = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(18000))
    return name, _resident_id(rng, born), f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}"


def _staff(db: Database) -> dict[str, tuple[int, Actor]]:
    return {u.login: (u.id, u.actor()) for u in users.list_users(db)}


def create_key(db: Database, password: str) -> None:
    """李监督 signs in once: the first inspector's sign-in creates the office's complaint key."""
    info = users.sign_in(db, "lijian", password)
    identity.forget(db, info.id)


def populate(db: Database, admin: Actor, today: dt.date, password: str, seed: int = 2026,
             count: int = HANDMADE, progress: ProgressSink | None = None) -> None:
    """``count`` complaints: the rest in bulk first (older, closed), then the hand-made set."""
    create_key(db, password)
    rng = random.Random(seed + 15)
    if count > HANDMADE:
        _bulk(db, count - HANDMADE, rng, today, progress or NullProgress())
    _handmade(db, admin, today, rng)


def _inp(rng: random.Random, day: dt.date, channel: str, category: str, anonymous: bool, **kw: object) -> ComplaintInput:
    name, id_number, phone = _person(rng)
    base: dict[str, object] = dict(received_on=day, channel=channel, category=category, facts=FACTS[category],
                                   anonymous=anonymous)
    if anonymous:
        base.update(wants_reply=False)
    else:
        base.update(name=name, id_number=id_number, phone=phone, address=f"某某县{rng.choice('东西南北')}街{rng.randint(1, 99)}号",
                    wants_reply=True, reply_how="电话")
    if channel == "当面":
        base["taken_place"] = "县政务服务中心投诉接待室"
    base.update(kw)
    return ComplaintInput(**base)  # type: ignore[arg-type]


def _handmade(db: Database, admin: Actor, today: dt.date, rng: random.Random) -> None:
    """Every state, named before anonymous, a 属实 walk to the ledger, one of each thing waiting."""
    people = _staff(db)
    clerk, head, inspector = people["zhaochuang"][1], people["qianke"][1], people["lijian"][1]
    leader = people["sunju"][1]
    zhao = people["zhaochuang"][0]  # complaints about 赵窗口 are taken and handled by others (回避)
    with db.session() as s:
        budget = s.scalar(select(Department.id).where(Department.name == "预算股"))
        contact = s.scalar(select(ContactEntry.id).where(ContactEntry.outcome == "转为投诉举报")
                           .order_by(ContactEntry.id.desc()))
    d = lambda n: today - dt.timedelta(days=n)  # noqa: E731

    def reg(n: int, channel: str, category: str, anonymous: bool = False, by: Actor = clerk, **kw: object) -> int:
        return register.register(db, by, _inp(rng, d(n), channel, category, anonymous, **kw), today=d(n))

    def accept(cid: int, n: int, by: Actor = clerk) -> None:
        handling.decide(db, by, cid, "受理", d(n), today=d(n))

    # two appraisal years ago: two confirmed records against 赵窗口 (the ladder counts per year: 1st, 2nd
    # there, 1st again this year); last year is the 百分制考核 demo's, which adds its own record
    earlier = dt.date(today.year - 2, 6, 2)
    for month in (4, 9):
        day = dt.date(today.year - 2, month, 6)
        cid = register.register(db, head, _inp(rng, day, "电话", "服务态度", False, target_user_id=zhao),
                                today=day)
        handling.decide(db, head, cid, "受理", day, today=day)
        rec = handling.record_finding(db, head, cid, "属实", day + dt.timedelta(days=10), "批评教育，当面致歉",
                                      "调阅窗口录像，当事人承认态度生硬", today=day + dt.timedelta(days=10))
        ledger.confirm(db, inspector, rec, today=day + dt.timedelta(days=12))
        handling.feedback(db, head, cid, day + dt.timedelta(days=14), "电话", "已告知调查结论和处理措施", "表示认可",
                          today=day + dt.timedelta(days=14))
    ledger.confirm(db, inspector, ledger.commend(db, clerk, zhao, earlier.year, "群众送来锦旗，表扬窗口服务热情"),
                   today=earlier)

    # this year: a named in-person complaint walked to the ledger (confirmed) and feedback
    walked = reg(80, "当面", "刁难", by=head, target_user_id=zhao)
    accept(walked, 78, head)
    handling.investigate(db, head, walked, "报领导/党组", "孙副局长")
    item = handling.propose_finding(db, head, walked, "属实", d(60), "批评教育，责令书面检查",
                                    "调阅窗口录像并询问当事人，投诉属实", today=d(60))
    if item is not None:  # a 科室负责人's own finding takes effect without waiting for a signature
        signoff.approve(db, leader, item, today=d(59))
    confirm = next(i for i in signoff.pending(db, d(59), inspector) if i.kind == "complaint_ledger_confirm")
    signoff.approve(db, inspector, confirm.id, today=d(58))
    handling.feedback(db, head, walked, d(55), "当面", "已告知调查属实，当事人已受到批评教育并作书面检查", "满意",
                      today=d(55))
    _evidence(db, head, walked)

    # 上级交办, accepted, extended, 无法查实, fed back: the 办理结果报告 can be printed
    assigned = reg(70, "上级交办", "效率低下/拖延", target_department_id=budget, assigned_body=ASSIGNING[0],
                   assigned_due=d(70) + dt.timedelta(days=30))
    accept(assigned, 69)
    handling.investigate(db, clerk, assigned, "初步调查")
    handling.record_finding(db, clerk, assigned, "无法查实", d(50), "", "经查阅支付系统记录，未发现超期办理的情况",
                            today=d(50))
    handling.feedback(db, clerk, assigned, d(48), "电话", "已告知调查结论", "无异议", today=d(48))

    # 不属实 (anonymous, online) and 已查结 awaiting feedback
    anon = reg(45, "网络", "服务态度", anonymous=True)
    accept(anon, 44)
    handling.record_finding(db, clerk, anon, "不属实", d(30), "", "询问在场人员并调阅录像，未发现所述情况", today=d(30))
    found = reg(40, "信函", "擅自增设条件", target_department_id=budget)
    accept(found, 38)
    rec = handling.record_finding(db, leader, found, "部分属实", d(20), "科室内部通报，修订办事指南",
                                  "经核实，要求村委会证明的做法无依据", today=d(20))
    assert rec is not None  # its confirmation stays in the inspector's queue

    # a 属实 finding waiting for a signature (孙副局长's: 钱科长 heads 预算股 and must recuse)
    waiting = reg(35, "电话", "不履行服务承诺", target_department_id=budget)
    accept(waiting, 33)
    handling.investigate(db, clerk, waiting, "初步调查")
    handling.propose_finding(db, clerk, waiting, "属实", d(3), "批评教育", "承诺时限内未办结属实", today=d(3))

    # 办理中: one with an extension near its limit, one plain
    extended = reg(75, "委托他人", "效率低下/拖延", target_department_id=budget)
    accept(extended, 74)
    handling.investigate(db, clerk, extended, "报领导/党组", "孙副局长")
    handling.extend(db, leader, extended, 30)  # 钱科长 heads 预算股, complained about: 回避
    plain = reg(10, "意见箱", "其他", anonymous=True)
    accept(plain, 9)

    # not ours: told, and transferred (the 转办函 can be printed)
    told = reg(25, "电话", "违反政务公开规定")
    handling.decide(db, clerk, told, "告知向有权机关反映", d(24), OTHER_BODIES[2], today=d(24))
    moved = reg(22, "信函", "其他")
    handling.decide(db, clerk, moved, "转交有权机关", d(21), OTHER_BODIES[0], today=d(21))

    # 待受理: one overdue (anonymous), one near due, one named from the 首问 log, one today
    reg(20, "意见箱", "勒索索要", anonymous=True)
    reg(13, "网络", "服务态度")
    if contact is not None:
        reg(2, "转自首问", "服务态度", contact_entry_id=contact)
    reg(0, "当面", "刁难", by=head, target_user_id=zhao)

    # a 表扬 waiting for the inspector
    ledger.commend(db, clerk, people["qianke"][0], today.year, "来信表扬预算股耐心解答预算公开问题")


def _evidence(db: Database, actor: Actor, cid: int) -> None:
    """A small piece of evidence, checksummed like any attachment."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "窗口监控截图说明.txt"
        path.write_text("调取窗口监控录像：当日10时15分至10时32分，工作人员三次拒收材料。\n", encoding="utf-8")
        attachments.add(db, actor, "complaint", cid, path, note="办理人调取监控后整理")


def _bulk(db: Database, n: int, rng: random.Random, today: dt.date, progress: ProgressSink) -> None:
    """Older closed complaints (不属实/无法查实, told or transferred), two in three named with the identity
    sealed per row, every row audited."""
    start = dt.date(today.year - 3, 1, 1)
    span = (today - start).days - 100  # the last months are the hand-made ones'
    days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(n))
    spec = search_catalog.COMPLAINTS
    table = Complaint.__table__
    defaults = bulk.row_defaults(table)
    with db.session() as s:
        targets = [(u.id, u.full_name) for u in s.scalars(select(User).where(User.role != "系统管理员"))]
        sections = [(x.id, x.name) for x in s.scalars(select(Department))]
        pattern = numbering.pattern_for(s, COMPLAINT.key)
    seqs: dict[int, int] = {}
    done = 0
    while done < n:
        chunk = days[done:done + BATCH]
        now = utcnow()
        with db.session(actor="演示数据", action="生成演示数据") as s:
            conn = s.connection()
            seal = identity.sealer(s)
            ids = bulk.new_ids(conn, table, len(chunk))
            rows = []
            for rid, day in zip(ids, chunk, strict=True):
                seqs[day.year] = seq = seqs.get(day.year, 0) + 1
                rows.append(_bulk_row(seal, rng, defaults, pattern, rid, day, seq, targets, sections, now))
            bulk.insert_rows(conn, table, rows)
            audit.record_rows(s, table, rows, label=lambda r: f"投诉举报{r['number']}")
            search_index.put(conn, spec.kind, documents(spec, rows))
        done += len(chunk)
        progress.check()
        progress.report(done, n, f"正在生成第{done}件投诉举报")
    with db.session(actor="演示数据", action="生成演示数据") as s:
        for year, last in seqs.items():
            numbering.bump_seq(s, COMPLAINT.key, year, last)


def _bulk_row(seal: Callable[[identity.Identity], bytes], rng: random.Random, defaults: dict, pattern: str, rid: int, day: dt.date, seq: int,
              targets: list[tuple[int, str]], sections: list[tuple[int, str]], now: dt.datetime) -> dict:
    anonymous = rng.random() < 0.33
    blob = None
    if not anonymous:
        name, id_number, phone = _person(rng)
        blob = seal(identity.Identity(name=name, id_number=id_number, phone=phone))
    category = rng.choice(CATEGORIES)
    channel = rng.choice(("当面", "电话", "信函", "网络", "意见箱"))
    row = defaults | dict(
        id=rid, number=numbering.format_number(pattern, "", day.year, seq),
        year=day.year, seq=seq, received_on=day, channel=channel, anonymous=anonymous, identity=blob,
        wants_reply=not anonymous, reply_how="" if anonymous else "电话", category=category, facts=FACTS[category],
        taken_by="赵窗口", taken_place="县政务服务中心投诉接待室" if channel == "当面" else "", state=DONE,
        created_by="演示数据", created_at=now, assigned_body="", other_body="", target_person="",
        target_department="", happened="", decision="受理", decision_on=day + dt.timedelta(days=2),
        investigation="初步调查", approved_by="", finding="", measures="", report="", extension_approved_by="",
        feedback_how="", feedback_words="", feedback_response="")
    roll = rng.random()
    if roll < 0.08:
        row.update(decision="告知向有权机关反映", state=TOLD, other_body=rng.choice(OTHER_BODIES), investigation="")
        return row
    if roll < 0.14:
        row.update(decision="转交有权机关", state=TRANSFERRED, other_body=rng.choice(OTHER_BODIES), investigation="")
        return row
    if rng.random() < 0.6:
        uid, name = rng.choice(targets)
        row.update(target_user_id=uid, target_person=name)
    else:
        did, dname = rng.choice(sections)
        row.update(department_id=did, target_department=dname)
    # 属实 findings open ledger records through the services (the hand-made set); these do not
    finding = rng.choices(("不属实", "无法查实"), weights=(70, 30))[0]
    row.update(finding=finding, finding_on=day + dt.timedelta(days=20), measures="",
               report="经调阅录像并询问当事人，" + ("未发现所反映的情况" if finding == "不属实" else "现有证据无法查实"))
    if not anonymous:
        row.update(feedback_on=day + dt.timedelta(days=25), feedback_how="电话", feedback_words="已告知调查结论",
                   feedback_response=rng.choice(("满意", "基本满意", "无异议")))
    return row
