"""A realistic, deterministic demo database: a county finance bureau with staff and requests.

Used for trying the app and for the benchmarks.  Requests are spread over the
last years in every state and every annual-report leaf; everything derived
(numbers, due dates, fees, timelines) is computed by the same rules as real data.
It reads like a working office: each request is handled by the 科室 that holds what
is asked, is answered once its reply day has come (nearly always in time), and is
open only while that day is ahead — so each 科室's quarterly figures are its own and
nothing is left open for years.  Deterministic per seed.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from itertools import accumulate
from types import SimpleNamespace

from sqlalchemy import insert

from app.db import Database
from app.db.base import utcnow
from app.db.models import Consultation, InfoRequest, NumberSequence, RequestEvent
from app.domain import fees, ids, taxonomy
from app.domain.vocab import (
    APPLICANT_TYPES,
    CHANNELS,
    DELIVERY_FORMS,
    ID_USCC,
    NATURAL_PERSON,
    State,
)
from app.services import audit, bulk, users
from app.services import profile as profile_service
from app.services.actor import Actor
from app.services.complaints import demo as complaints_demo
from app.services.contacts import demo as contacts_demo
from app.services.notices import demo as notices_demo
from app.services.numbering import REQUEST, format_number
from app.services.progress import NullProgress, ProgressSink
from app.services.requests import clock
from app.services.search import catalog as search_catalog
from app.services.search import index as search_index
from app.services.search.documents import documents
from app.services.supervision import assessment_demo
from app.services.supervision import demo as supervision_demo

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅志强海燕晓东玉兰俊峰丽娟雪梅婷宇浩然子涵欣怡堃䶮"
ORG_WORDS = ["宏达", "永兴", "恒信", "华安", "鑫源", "长青", "博远", "正和", "新纪元", "金桥"]
ORG_SUFFIX = {"商业企业": "有限公司", "科研机构": "研究所", "社会公益组织": "公益服务中心",
              "法律服务机构": "律师事务所", "其他组织": "村民委员会"}
DEPARTMENTS = ("办公室", "预算股", "国库股", "局领导")
# what is asked for, and the 科室 that answers it (承办): budgets and fees to 预算股, money paid out of
# the treasury to 国库股, assets, procurement and staffing to 办公室 — so each 科室's figures are its own
SUBJECTS = [("县级部门预算", "预算股"), ("一般公共预算执行情况", "预算股"), ("政府采购合同", "办公室"),
            ("专项资金分配", "国库股"), ("惠农补贴发放名单", "国库股"), ("国有资产处置", "办公室"),
            ("政府债务限额", "预算股"), ("财政专户资金", "国库股"), ("三公经费决算", "预算股"),
            ("农村低保资金", "国库股"), ("征地补偿款拨付", "国库股"), ("城市建设维护税分配", "预算股"),
            ("乡镇财政所人员编制", "办公室"), ("行政事业性收费目录", "预算股"), ("财政投资评审报告", "办公室")]
ASKS = ["的相关文件", "的具体明细", "的审批材料", "的会议纪要", "的资金拨付凭证", "的统计数据"]
STAFF = [("zhaochuang", "赵窗口", "窗口工作人员", "办公室"), ("qianke", "钱科长", "科室负责人", "预算股"),
         ("sunju", "孙副局长", "分管领导/主要负责人", "局领导"), ("lijian", "李监督", "监督检查人员", "办公室")]


def _resident_id(rng: random.Random, born: dt.date) -> str:
    first = f"{rng.choice(['110105', '320102', '510104', '430102', '220102'])}{born:%Y%m%d}{rng.randint(100, 999)}"
    return first + ids.resident_id_check_char(first)


def _uscc(rng: random.Random) -> str:
    chars = ids.USCC_CHARS
    first = "91" + f"{rng.randint(110000, 659000)}" + "".join(rng.choice(chars) for _ in range(9))
    return first + ids.uscc_check_char(first)


_STATES_OPEN = [State.REGISTERED, State.PROCESSING, State.CORRECTION, State.CORRECTION_RECEIVED,
                State.CONSULTING, State.EXTENDED, State.AWAITING_FEE]
_STATES_CLOSED = [State.ANSWERED, State.DELIVERED, State.ARCHIVED, State.WITHDRAWN]


def create_demo(db: Database, requests: int = 2000, seed: int = 2026, password: str = "gongkai2026",
                today: dt.date | None = None, progress: ProgressSink | None = None,
                contacts: int = contacts_demo.HANDMADE, complaints: int = complaints_demo.HANDMADE) -> None:
    progress = progress or NullProgress()
    today = today or db.today()
    rng = random.Random(seed)
    actor = Actor(label="演示数据")
    admin = users.create_first_admin(db, "admin", "王管理", password, password).actor()
    prof = profile_service.Profile(
        full_name="某某县财政局", doc_code="X财公开", address="某某县人民路88号", postcode="100000",
        phone="0851-86123456", window_location="县政务服务中心二楼12号窗口", window_hours="工作日 9:00—12:00，13:30—17:00",
        disclosure_office="某某县财政局办公室", reconsideration_body="某某县人民政府", court="某某县人民法院")
    profile_service.save_profile(db, admin, prof)
    for dept in DEPARTMENTS:
        profile_service.add_department(db, admin, dept)
    for login, name, role, dept in STAFF:
        users.create_user(db, admin, login, name, users.Role(role), password, dept)
    if requests > 0:
        _generate_requests(db, prof, requests, rng, today, actor, seed, progress)
    notices_demo.populate(db, admin, today, seed)  # 事项清单 with 备案, and 一次性告知书 in every state
    contacts_demo.populate(db, admin, today, seed, contacts, progress)  # 首问负责登记 (every outcome and stage)
    complaints_demo.populate(db, admin, today, password, seed, complaints, progress)  # 投诉举报 and the ledger
    assessment_demo.complaint(db, admin, today)  # last June's 属实 complaint, a deduction in the assessment
    # after every other tab's records: a check's figures are taken as they stood on its day
    supervision_demo.populate(db, admin, today, password)  # 责任分工, duties, checks (one late, one missed), meetings
    assessment_demo.populate(db, admin, today)  # last year's 百分制考核 (优秀, 不合格 with its plan, a deduction)


BATCH = 10_000
_CHANNEL_CUM = list(accumulate([50, 15, 25, 2, 6, 2]))
_DONE_STATES = [State.ARCHIVED, State.DELIVERED, State.WITHDRAWN, State.ANSWERED]
_DONE_CUM = list(accumulate([80, 12, 3, 5]))
#: a believable office: about 3 in 100 answers come late, by up to three weeks; some requests had a 补正
#: (the clock restarts) or an extension before they were answered
LATE_SHARE, LATE_BY = 0.03, 15
#: this month's work is a little behind, so the 工作台 has a handful past their deadline to show
RECENT_DAYS, RECENT_LATE_SHARE = 50, 0.15
CORRECTED_SHARE, EXTENDED_SHARE = 0.06, 0.04
#: history (补正, 延期) only for requests long enough ago to have been answered since
HISTORY_AGE = 90
_LEAF_CUM = list(accumulate([60, 10] + [1] * 8 + [8, 3, 1] + [2, 2, 1, 1, 1] + [1, 1, 1]))


def _day_counts(rng: random.Random, start: dt.date, span: int, requests: int) -> list[int]:
    """How many requests arrive on each day: counts, not a sorted list of a million dates."""
    counts = [0] * (span + 1)
    for _ in range(requests):
        counts[rng.randrange(span + 1)] += 1
    return counts


class _CachedCalendar:
    """The real calendar, with its answers remembered: a million requests share a few thousand start days."""

    def __init__(self, calendar) -> None:  # noqa: ANN001
        self._calendar = calendar
        self._add = lru_cache(maxsize=100_000)(self._add_uncached)
        self.is_working_day = lru_cache(maxsize=10_000)(calendar.is_working_day)

    def _add_uncached(self, start: dt.date, days: int, pauses: tuple):  # noqa: ANN202
        return self._calendar.add_working_days(start, days, list(pauses))

    def add_working_days(self, start: dt.date, days: int, pauses=None):  # noqa: ANN001, ANN201
        return self._add(start, days, tuple(pauses or ()))

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self._calendar, name)


def _generate_requests(db: Database, prof: profile_service.Profile, requests: int, rng: random.Random,
                       today: dt.date, actor: Actor, seed: int, progress: ProgressSink) -> None:
    """Stream requests into the database in batches: plain dicts and executemany, one transaction per
    batch, so a million requests take minutes and the memory of one batch."""
    calendar = _CachedCalendar(db.calendar())
    start = dt.date(today.year - 3, 1, 1) if requests <= 200_000 else dt.date(today.year - 9, 1, 1)
    span = (today - start).days
    per_day = _day_counts(rng, start, span, requests)
    leaves = taxonomy.LEAVES
    seqs: dict[int, int] = {}
    clerk = "赵窗口（zhaochuang）"
    columns = InfoRequest.__table__.columns
    defaults = {c.key: c.default.arg for c in columns if c.default is not None and c.default.is_scalar}
    defaults |= {c.key: None for c in columns if c.nullable and c.key not in defaults}
    spec = search_catalog.REQUESTS
    i, day_index, left_today = 0, 0, per_day[0]
    cons_id = 0
    while i < requests:
        rows, events, consultations = [], [], []
        now = utcnow()  # one timestamp per batch: it is when the batch was written
        while len(rows) < BATCH and i < requests:
            while left_today == 0:
                day_index += 1
                left_today = per_day[day_index]
            left_today -= 1
            received = start + dt.timedelta(days=day_index)
            while not calendar.is_working_day(received) and received < today:
                received += dt.timedelta(days=1)
            row, texts, cons = _request(i, requests - i, received, rng, prof, today, calendar, leaves, seqs,
                                        clerk, now)
            for c in cons:
                cons_id += 1
                c["id"] = cons_id  # explicit, so the row is named in the log
            consultations += cons
            rows.append(defaults | row)
            events += [{"request_id": row["id"], "at": now, "day": day, "actor": clerk, "kind": kind,
                        "text": text.replace("{due}", row["due_date"].isoformat())} for kind, day, text in texts]
            i += 1
        progress.check()
        progress.report(i, requests, f"正在生成第{i}件")
        docs = documents(spec, rows)
        with db.session(actor=actor.label, action="生成演示数据") as s:
            conn = s.connection()
            bulk.insert_rows(conn, InfoRequest.__table__, rows)
            bulk.insert_rows(conn, RequestEvent.__table__, events)  # the timeline is not audited again
            bulk.insert_rows(conn, Consultation.__table__, consultations)
            # Generated data is logged per batch (ids and count), not one entry per invented row.
            audit.event(s, "生成演示数据", entity="info_request",
                        summary=f"{len(rows)}件演示申请（编号id {rows[0]['id']}—{rows[-1]['id']}，种子{seed}）")
            search_index.put(conn, spec.kind, docs)
    with db.session(actor=actor.label, action="生成演示数据") as s:
        sequences = [{"kind": REQUEST.key, "year": y, "last": n} for y, n in seqs.items()]
        s.execute(insert(NumberSequence).execution_options(audited=True), sequences)
        audit.record_rows(s, NumberSequence.__table__, sequences, label=lambda r: f"{r['year']}年申请编号")
        audit.event(s, "生成演示数据", entity="info_request", summary=f"共{requests}件申请（种子{seed}）")
        if db.url.get_backend_name() == "postgresql":
            from sqlalchemy import text
            for table in ("info_request", "consultation"):
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}','id'), "
                               f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def _request(i: int, newer: int, received: dt.date, rng: random.Random, prof: profile_service.Profile,
             today: dt.date, calendar, leaves: list, seqs: dict[int, int], clerk: str,  # noqa: ANN001
             now: dt.datetime) -> tuple[dict, list, list]:
    """One request as a plain row dict, its timeline texts and its consultations (``newer``: how many
    requests, this one included, are still to come — the newest show every open state)."""
    year = received.year
    seqs[year] = seqs.get(year, 0) + 1
    number = format_number(prof.number_pattern, prof.doc_code, year, seqs[year])
    atype = NATURAL_PERSON if rng.random() < 0.75 else rng.choice(APPLICANT_TYPES[1:])
    if atype == NATURAL_PERSON:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        id_type, id_number = "居民身份证", _resident_id(rng, dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000)))
        contact = ""
    else:
        name = f"某某县{rng.choice(ORG_WORDS)}{ORG_SUFFIX[atype]}"
        id_type, id_number, contact = ID_USCC, _uscc(rng), rng.choice(SURNAMES) + "经理"
    subject, section = SUBJECTS[rng.randrange(len(SUBJECTS))]
    content = f"{rng.randint(received.year - 3, received.year)}年{subject}{rng.choice(ASKS)}"
    phone = f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"
    state: State | None = None
    leaf = None
    if newer <= len(_STATES_OPEN):  # the newest requests (received in the last days) show every open state
        state = _STATES_OPEN[newer - 1]
    elif i < len(leaves):  # the oldest cover every leaf and every closed state at least once
        state, leaf = State.ARCHIVED, leaves[i]
    elif i < len(leaves) + len(_STATES_CLOSED):
        state = _STATES_CLOSED[i - len(leaves)]
    req = SimpleNamespace(
        id=i + 1, number=number, year=year, seq=seqs[year], channel=rng.choices(CHANNELS, cum_weights=_CHANNEL_CUM)[0],
        received_date=received, applicant_type=atype, applicant_name=name, id_type=id_type,
        id_number=id_number, phone=phone, address=f"某某县{rng.choice(['城关镇', '新华街道', '河西乡'])}{rng.randint(1, 200)}号",
        postcode="100000", email="", contact_person=contact, content=content,
        delivery_form=rng.choice(DELIVERY_FORMS[:4]), oral=False, filled_by="", remarks="",
        state=State.REGISTERED.value, clock_start=received, due_date=received, due_provisional=False,
        created_by=clerk, handler="", extension_days=0, consultations=[], created_at=now,
        fee_notice_date=None, fee_deadline=None, fee_paid_date=None,
    )
    texts = [("登记", received, "收到申请，答复期限至{due}")]
    consultations: list[dict] = []
    _shape(req, state, leaf, section, rng, calendar, prof, today, texts, consultations)
    row = {k: v for k, v in vars(req).items() if k != "consultations"}
    return row, texts, consultations


def _reply_offset(rng: random.Random, limit: int, least: int = 1, late_share: float = LATE_SHARE) -> int:
    """Working days from the clock's start to the reply: within ``limit`` but for a few late ones."""
    if rng.random() < late_share:
        return limit + rng.randint(1, LATE_BY)
    return rng.randint(min(least, limit), limit)


def _shape(req: InfoRequest, state: State | None, leaf: taxonomy.Leaf | None, section: str, rng: random.Random,
           calendar, prof: profile_service.Profile, today: dt.date, texts: list,  # noqa: ANN001
           consultations: list) -> None:
    """Fill the fields a request has, dated by the real calendar.

    ``state`` None: the request's fate follows the clock, as in a working office — it is answered
    (nearly always in time) once its reply day has come, and still open only while that day is ahead,
    so only a handful of the newest are past their deadline and nothing old is left open.
    """
    add = calendar.add_working_days
    received = req.received_date
    offset = None
    if state is None:
        recent = (today - received).days <= RECENT_DAYS
        offset = _reply_offset(rng, prof.answer_days, 3, RECENT_LATE_SHARE if recent else LATE_SHARE)
        if add(received, offset).date <= today:
            state = rng.choices(_DONE_STATES, cum_weights=_DONE_CUM)[0]
        elif offset > prof.answer_days:
            state = State.PROCESSING  # one of the few slipping past its deadline while being handled
        else:
            state = rng.choice(_STATES_OPEN)
            if state is State.REGISTERED and (today - received).days > 3:
                state = State.PROCESSING  # not left unassigned for weeks
    history = None
    if state in (State.ANSWERED, State.DELIVERED, State.ARCHIVED) and (today - received).days > HISTORY_AGE:
        roll = rng.random()
        history = (State.CORRECTION_RECEIVED if roll < CORRECTED_SHARE
                   else State.EXTENDED if roll < CORRECTED_SHARE + EXTENDED_SHARE else None)
    _steps(req, history or state, rng, calendar, prof, today, texts, consultations)
    if state not in (State.REGISTERED, State.CORRECTION):  # 分办 to the 科室 that holds the information
        req.handler = section
    req.state = state.value
    if state in (State.ANSWERED, State.DELIVERED, State.ARCHIVED):
        leaf = leaf or rng.choices(taxonomy.LEAVES, cum_weights=_LEAF_CUM)[0]
        if history is State.EXTENDED:  # extended because the answer needed more than the first period
            offset = _reply_offset(rng, prof.answer_days + req.extension_days, prof.answer_days + 1)
        elif offset is None or history is not None:
            offset = _reply_offset(rng, prof.answer_days, 3)
        reply = min(add(req.clock_start, offset).date, today)
        req.result_code, req.article, req.reply_date = leaf.code, leaf.article, reply
        req.reasons = "" if leaf.code == "1" else "经检索核查，依据《条例》相关规定作出答复"
        if leaf.withholds:
            req.withheld, req.legal_basis, req.signed_off_by = "涉及个人隐私的部分", "《政府信息公开条例》", "钱科长"
        if leaf.code in ("1", "2"):
            req.provided_docs, req.page_count = "相关文件", rng.randint(1, 60)
        req.on_time = reply <= req.due_date
        texts.append(("答复", reply, leaf.label))
        if state in (State.DELIVERED, State.ARCHIVED):
            req.service_method = rng.choice(["直接送达", "邮寄送达", "电子送达"])
            req.delivered_date = min(reply + dt.timedelta(days=rng.randint(0, 3)), today)
            req.receiver = req.applicant_name[:60]
            req.tracking_number = f"EMS{rng.randint(10**9, 10**10 - 1)}" if req.service_method == "邮寄送达" else ""
            texts.append(("送达", req.delivered_date, req.service_method))
        if state is State.ARCHIVED:
            req.archived_date = min(req.delivered_date + dt.timedelta(days=7), today)
            texts.append(("归档", req.archived_date, "材料整理归档"))
    elif state is State.WITHDRAWN:
        req.withdrawn_date = min(received + dt.timedelta(days=rng.randint(1, 10)), today)
        texts.append(("撤回", req.withdrawn_date, "申请人撤回申请"))


def _steps(req: InfoRequest, state: State, rng: random.Random, calendar, prof: profile_service.Profile,  # noqa: ANN001
           today: dt.date, texts: list, consultations: list) -> None:
    """The 补正, consultation, extension or fee of a request in (or answered after) ``state``, and its due date."""
    add = calendar.add_working_days
    received = req.received_date

    def due() -> None:
        clock.refresh_due(req, calendar, prof.answer_days, prof.fee_pauses_clock)

    due()
    if state in (State.CORRECTION, State.CORRECTION_RECEIVED):
        req.correction_date = min(add(received, rng.randint(1, 5)).date, today)
        req.correction_items = "1. 请写明所需信息的文件名称或文号；2. 请补充身份证明复印件"
        req.correction_deadline = add(req.correction_date, 15).date
        texts.append(("补正告知", req.correction_date, "一次性告知补正事项"))
        if state is State.CORRECTION_RECEIVED:
            req.correction_received = min(add(req.correction_date, rng.randint(1, 10)).date, today)
            req.clock_start = req.correction_received
            texts.append(("收到补正", req.correction_received, "收到补正后的申请，重新计算答复期限"))
        due()
    elif state is State.CONSULTING:
        sent = min(add(received, rng.randint(1, 8)).date, today)
        cons = {"request_id": req.id, "kind": "第三方", "party": "某某县恒信建设有限公司", "sent_date": sent,
                "reply_due": add(sent, clock.CONSULT_DAYS).date, "reply_date": None, "opinion": ""}
        consultations.append(cons)
        # a plain stand-in lets the clock compute the pause exactly as for real requests
        req.consultations.append(SimpleNamespace(**cons))
        due()
        texts.append(("征求意见", sent, "书面征求第三方意见"))
    elif state is State.EXTENDED:
        req.extension_days = prof.extension_days
        req.extension_date = min(add(received, 15).date, today)
        req.extension_reason = "需调取历年档案，工作量较大"
        req.extension_approver = "钱科长"
        due()
        texts.append(("延期", req.extension_date, f"经钱科长批准延期{prof.extension_days}个工作日"))
    elif state is State.AWAITING_FEE:
        req.fee_method, req.fee_quantity = fees.PER_VOLUME, rng.randint(40, 300)
        req.fee_amount = fees.amount(req.fee_method, req.fee_quantity)
        req.fee_breakdown = fees.describe(req.fee_method, req.fee_quantity)
        req.fee_notice_date = min(add(received, 5).date, today)
        req.fee_deadline = add(req.fee_notice_date, clock.FEE_PAY_DAYS).date
        due()
        texts.append(("收费通知", req.fee_notice_date, f"应缴{req.fee_amount}元"))
