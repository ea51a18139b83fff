"""Every figure of a check equals an independent count over a database built with known records.

The rows are generated (seeded) straight into the tables with every field the
figures look at varied; the expected numbers are counted here in Python from the
generated values with the rules written out, not through the app's conditions.
"""

import datetime as dt
import random

import pytest
from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Text, select

from app.db.models import (
    Complaint,
    ContactEntry,
    InfoRequest,
    Matter,
    MatterVersion,
    Notice,
    RectificationTask,
)
from app.services.supervision import figures as fg

D = dt.date
TODAY = D(2024, 7, 15)
Q2 = (D(2024, 4, 1), D(2024, 6, 30))
OPEN_REQ = {"已登记", "补正中", "补正已收到", "办理中", "征求意见中", "已延期", "待缴费"}
REQ_STATES = sorted(OPEN_REQ | {"逾期未补正", "已答复", "已送达", "已归档", "申请人撤回"})
HANDLERS = ["预算股", "预算股 王五", "国库股", "", "预算股甲", "办公室"]


def filled(model, **values):
    """A row with every required column filled with a plain value, then ``values``."""
    row = {}
    for col in model.__table__.columns:
        if col.primary_key or col.nullable or col.default is not None or col.server_default is not None:
            continue
        if col.foreign_keys:
            continue
        t = col.type
        row[col.name] = (0 if isinstance(t, Integer) else False if isinstance(t, Boolean) else
                         D(2024, 1, 1) if isinstance(t, Date) else dt.datetime(2024, 1, 1, 9) if isinstance(t, DateTime)
                         else b"" if isinstance(t, LargeBinary) else "x" if isinstance(t, String | Text) else None)
    row.update(values)
    return model(**row)


def day(rng, first=None, span=200):
    first = first or D(2024, 1, 1)
    return first + dt.timedelta(days=rng.randrange(span))


def maybe(rng, value):
    return value if rng.random() < 0.6 else None


def between(d, first, last):
    return d is not None and first <= d <= last


@pytest.fixture
def built(bureau):
    rng = random.Random(16)
    db, depts = bureau.db, bureau.depts
    names = {v: k for k, v in depts.items()}
    data = {"req": [], "notice": [], "contact": [], "complaint": [], "matter": [], "task": []}
    with db.session(actor="测试", action="构造数据") as s:
        versions = []
        for n in range(8):
            m = Matter(name=f"事项{n}", current_version=2 if n % 2 else 1, retired=n == 7)
            s.add(m)
            s.flush()
            for v in range(1, m.current_version + 1):
                eff = D(2022, 6, 1) + dt.timedelta(days=150 * n + 90 * v)
                mv = filled(MatterVersion, matter_id=m.id, version=v, name=m.name, effective_on=eff,
                            department=rng.choice(list(depts)))
                s.add(mv)
                s.flush()
                versions.append((m.id, mv.id, mv.department))
                if v == m.current_version:
                    data["matter"].append(dict(id=m.id, retired=m.retired, eff=eff, dept=mv.department))
        for n in range(300):
            received = day(rng)
            r = dict(received=received, handler=rng.choice(HANDLERS), state=rng.choice(REQ_STATES),
                     due=received + dt.timedelta(days=rng.randrange(10, 60)),
                     reply=maybe(rng, received + dt.timedelta(days=rng.randrange(0, 50))),
                     on_time=rng.choice([True, False, None]), correction=maybe(rng, day(rng)),
                     extension=maybe(rng, day(rng)))
            row = filled(InfoRequest, number=f"Q{n}", year=2024, received_date=r["received"], handler=r["handler"],
                         state=r["state"], clock_start=received, due_date=r["due"], reply_date=r["reply"],
                         on_time=r["on_time"], correction_date=r["correction"], extension_date=r["extension"])
            s.add(row)
            s.flush()
            data["req"].append(dict(r, id=row.id))
        for n in range(120):
            matter_id, version_id, dept = rng.choice(versions)
            r = dict(date=day(rng), person=f"p{rng.randrange(6)}", matter=matter_id, dept=dept)
            row = filled(Notice, number=f"N{n}", year=2024, seq=n, notice_date=r["date"], person_key=r["person"],
                         matter_id=matter_id, matter_version_id=version_id, sha256="0" * 64, size=0)
            s.add(row)
            s.flush()
            data["notice"].append(dict(r, id=row.id))
        for n in range(200):
            r = dict(day=day(rng), dept=rng.choice([None, *depts.values()]),
                     state=rng.choice(["已办结", "待接办", "办理中", "待回访"]),
                     accept_due=maybe(rng, day(rng)), result_due=maybe(rng, day(rng)),
                     rating=rng.choice(["", "满意", "不满意", "非常不满意", "基本满意"]))
            row = filled(ContactEntry, number=f"C{n}", year=2024, seq=n, day=r["day"],
                         contact_at=dt.datetime.combine(r["day"], dt.time(9)), department_id=r["dept"],
                         state=r["state"], accept_due=r["accept_due"], result_due=r["result_due"], rating=r["rating"])
            s.add(row)
            s.flush()
            data["contact"].append(dict(r, id=row.id))
        for n in range(150):
            r = dict(received=day(rng), dept=rng.choice([None, *depts.values()]),
                     state=rng.choice(["待受理", "办理中", "已查结", "已办结", "已告知", "已转交"]),
                     due=maybe(rng, day(rng)), finding=rng.choice(["", "属实", "部分属实", "不属实", "无法查实"]),
                     finding_on=maybe(rng, day(rng)))
            row = filled(Complaint, number=f"T{n}", year=2024, seq=n, received_on=r["received"], anonymous=True,
                         department_id=r["dept"], state=r["state"], due=r["due"], finding=r["finding"],
                         finding_on=r["finding_on"])
            s.add(row)
            s.flush()
            data["complaint"].append(dict(r, id=row.id))
        for _ in range(40):
            r = dict(opened=day(rng), state=rng.choice(["整改中", "已整改", "已销号"]),
                     dept=rng.choice(["", *depts]))
            row = filled(RectificationTask, source_kind="supervision", source_id=1, what="w", opened_on=r["opened"],
                         due_date=r["opened"] + dt.timedelta(days=30), state=r["state"], department=r["dept"])
            s.add(row)
            s.flush()
            data["task"].append(dict(r, id=row.id))
    return bureau, data, names


def expected(data, names, first, last, dept_ids):
    """The figures counted in Python from the generated values (ids per key)."""
    area = None if dept_ids is None else {names[i] for i in dept_ids}

    def req_in(r):
        h = r["handler"]
        return area is None or any(h == a or h.startswith(a + " ") for a in area)

    def id_in(r):
        return dept_ids is None or r["dept"] in dept_ids

    def name_in(r):
        return area is None or r["dept"] in area

    req, con, com = data["req"], data["contact"], data["complaint"]
    late_contact = [c for c in con if (c["state"] == "待接办" and c["accept_due"] and c["accept_due"] < TODAY)
                    or (c["state"] == "办理中" and c["result_due"] and c["result_due"] < TODAY)]
    notices = sorted((n for n in data["notice"] if between(n["date"], first, last) and name_in(n)),
                     key=lambda n: (n["date"], n["id"]))
    seen, repeats = set(), []
    for n in sorted((n for n in data["notice"] if between(n["date"], first, last)), key=lambda n: (n["date"], n["id"])):
        if (n["person"], n["matter"]) in seen and name_in(n):
            repeats.append(n)
        seen.add((n["person"], n["matter"]))
    out = {
        "requests_received": [r for r in req if between(r["received"], first, last) and req_in(r)],
        "requests_answered": [r for r in req if between(r["reply"], first, last) and req_in(r)],
        "requests_late": [r for r in req if between(r["reply"], first, last) and r["on_time"] is False and req_in(r)],
        "requests_open": [r for r in req if r["state"] in OPEN_REQ and r["received"] <= last and req_in(r)],
        "requests_overdue": [r for r in req if r["state"] in OPEN_REQ - {"补正中"} and r["due"] < TODAY and r["received"] <= last
                             and req_in(r)],
        "corrections": [r for r in req if between(r["correction"], first, last) and req_in(r)],
        "extensions": [r for r in req if between(r["extension"], first, last) and req_in(r)],
        "notices": notices,
        "notices_repeat": repeats,
        "contacts": [c for c in con if between(c["day"], first, last) and id_in(c)],
        "contacts_overdue": [c for c in late_contact if between(c["day"], first, last) and id_in(c)],
        "contacts_bad": [c for c in con if between(c["day"], first, last) and c["rating"] in ("不满意", "非常不满意")
                         and id_in(c)],
        "complaints": [c for c in com if between(c["received"], first, last) and id_in(c)],
        "complaints_found": [c for c in com if between(c["finding_on"], first, last)
                             and c["finding"] in ("属实", "部分属实") and id_in(c)],
        "complaints_overdue": [c for c in com if c["state"] in ("待受理", "办理中", "已查结") and c["due"]
                               and c["due"] < TODAY and c["received"] <= last and id_in(c)],
        "matters_stale": [m for m in data["matter"] if not m["retired"] and m["eff"] <= last - dt.timedelta(days=365)
                          and name_in(m)],
        "tasks_open": [t for t in data["task"] if t["state"] != "已销号" and t["opened"] <= last and name_in(t)],
    }
    return {k: sorted(r["id"] for r in v) for k, v in out.items()}


def test_every_figure_equals_an_independent_count(built):
    bureau, data, names = built
    for area in (None, ["预算股"], ["预算股", "国库股"], []):  # the office, one 科室, a deputy's two, none
        dept_ids = None if area is None else [bureau.depts[a] for a in area]
        figs = fg.figures(bureau.db, *Q2, dept_ids, today=TODAY)
        want = expected(data, names, *Q2, dept_ids)
        assert [f.key for f in figs] == list(fg.KEYS) == list(want)
        for f in figs:
            assert (area, f.key, f.value) == (area, f.key, len(want[f.key]))
            assert fg.ids_behind(bureau.db, f) == want[f.key], f.key
        if area is None:  # the counts are not trivially zero: each figure sees some records
            assert all(f.value > 0 for f in figs), [(f.key, f.value) for f in figs if not f.value]


def test_office_figures_agree_with_the_notice_statistics(built):
    from app.services.notices import stats

    bureau, _, _ = built
    figs = {f.key: f.value for f in fg.figures(bureau.db, *Q2, None, today=TODAY)}
    st = stats.statistics(bureau.db, *Q2)
    assert (figs["notices"], figs["notices_repeat"]) == (st.total, st.repeat_notices)


@pytest.mark.postgres
def test_figures_run_on_postgresql(pg_db):
    from app.services import profile, users

    admin = users.create_first_admin(pg_db, "admin", "王管理", "pass1234", "pass1234").actor()
    profile.add_department(pg_db, admin, "预算股")
    with pg_db.session(actor="测试", action="构造数据") as s:
        for n, day in enumerate([D(2024, 5, 6), D(2024, 5, 7), D(2024, 5, 8)]):
            s.add(filled(InfoRequest, number=f"Q{n}", year=2024, received_date=day, handler="预算股", state="办理中",
                         clock_start=day, due_date=day + dt.timedelta(days=20)))
    from app.db.models import Department

    with pg_db.session() as s:
        dept = s.scalar(select(Department.id).where(Department.name == "预算股"))
    figs = {f.key: f for f in fg.figures(pg_db, *Q2, [dept], today=TODAY)}
    assert (figs["requests_received"].value, figs["requests_overdue"].value, figs["notices_repeat"].value) == (3, 3, 0)
    assert len(fg.ids_behind(pg_db, figs["requests_open"])) == 3
