"""The year's report: tables from the counts, texts from the draft, checks before finalising.

``build(db, year)`` gathers everything the six sections need in one read
transaction; the PDF, Word and Excel outputs are drawn from that one object, so
they cannot disagree.  ``finalise`` refuses while the table does not add up,
主动公开 figures are missing or section 五 is empty, and archives the three
files with their SHA-256 as a new version (a reissue needs a reason).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.dates import cn_date
from app.db import Database
from app.db.models import AnnualReportVersion, ReportDraft
from app.services import attachments
from app.services.actor import Actor
from app.services.annual_report import counting
from app.services.annual_report.figures import Figures, get_figures
from app.services.errors import ServiceError, ValidationError
from app.services.profile import get_profile
from app.services.rights import Right, require

FIRST_YEAR = 2008
FINALISE_REFUSED = "年度报告须由科室负责人或以上定稿，请由有权限的人员办理"  # the first year of the 2007 regulations' annual reports


@dataclass
class AnnualReport:
    year: int
    agency: str
    table3: counting.Table3
    table4: list[int]
    figures: Figures
    fees_yuan: int
    overview: str
    problems: str
    other: str
    breaches: list[counting.Breach] = field(default_factory=list)
    previous: counting.Table3 | None = None
    previous_table4: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    previous_months: list[int] = field(default_factory=list)
    material_due: dt.date | None = None

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def empty(self) -> bool:
        return self.table3.empty and not any(self.table4)

    def blocking(self) -> list[str]:
        """Why the report cannot be finalised yet (empty when it can)."""
        out: list[str] = []
        balance = self.table3.balance()
        if any(balance):
            cols = "、".join(f"{counting.COLUMNS[i]}（差{v:+d}）" for i, v in enumerate(balance) if v)
            out.append(f"表三不平衡：第一项加第二项之和不等于第三项（七）加第四项之和——{cols}")
        for b in self.breaches:
            out.append(f"申请 {b.number}：{b.problem}")
        missing = self.figures.missing()
        if missing:
            out.append("主动公开数据尚未填写：" + "、".join(missing))
        if not self.problems.strip():
            out.append("第五部分“存在的主要问题及改进情况”尚未填写")
        if not self.agency:
            out.append("机关信息中尚未填写机关全称")
        return out

    def fee_sentence(self) -> str:
        if not self.fees_yuan:
            return f"{self.year}年度本机关未收取信息处理费。"
        return f"{self.year}年度本机关依据《政府信息公开信息处理费管理办法》收取信息处理费共计{self.fees_yuan}元。"

    def as_json(self) -> dict[str, object]:
        """The --json form: the tables as numbers, in the national column order."""
        return {
            "year": self.year,
            "table3": {key: list(values) for key, values in self.table3.rows.items()},
            "table4": list(self.table4),
            "table2": self.figures.as_json(),
            "fees_yuan": self.fees_yuan,
        }


def check_year(year: int, today: dt.date) -> None:
    if year > today.year:
        raise ValidationError({"year": f"{year}年尚未到来，不能编制该年度的报告"})
    if year < FIRST_YEAR:
        raise ValidationError({"year": f"年度应在{FIRST_YEAR}年至{today.year}年之间"})


def default_overview(year: int, agency: str, t3: counting.Table3, previous_text: str) -> str:
    new, carried, closed, out = (t3.rows[k][6] for k in (counting.NEW, counting.CARRIED_IN, counting.TOTAL,
                                                           counting.CARRIED_OUT))
    head = (f"{year}年，{agency or '本机关'}认真贯彻落实《中华人民共和国政府信息公开条例》，"
            f"全年共收到政府信息公开申请{new}件，上年结转{carried}件，本年度办结{closed}件，结转下年度继续办理{out}件。")
    return head + ("\n" + previous_text.strip() if previous_text.strip() else "")


def build(db: Database, year: int, today: dt.date | None = None, compare: bool = False) -> AnnualReport:
    """The whole report for ``year``; ``compare`` also counts the previous year (the window's
    side-by-side view), which the files and the CLI do not need."""
    today = today or db.today()
    check_year(year, today)
    profile = get_profile(db)
    with db.session() as s:
        t3 = counting.table3(s, year)
        t4 = counting.table4(s, year)
        fees = counting.fees_collected(s, year)
        breaches = counting.check(s, year)
        months = counting.by_month(s, year)
        previous = counting.table3(s, year - 1) if compare else None
        previous_t4 = counting.table4(s, year - 1) if compare else []
        previous_months = counting.by_month(s, year - 1) if compare else []
        draft = s.get(ReportDraft, year)
        last_draft = s.get(ReportDraft, year - 1)
        texts = (draft.overview, draft.problems, draft.other) if draft else ("", "", "")
        material_due = draft.material_due if draft else None
        last_overview = last_draft.overview if last_draft else ""
    overview = texts[0] or default_overview(year, profile.full_name, t3, last_overview)
    return AnnualReport(year, profile.full_name, t3, t4, get_figures(db, year), fees, overview, texts[1],
                        texts[2], breaches, previous, previous_t4, months, previous_months,
                        material_due or dt.date(year, 12, 20))


def save_draft(db: Database, actor: Actor, year: int, overview: str, problems: str, other: str,
               material_due: dt.date | None = None, today: dt.date | None = None) -> None:
    check_year(year, today or db.today())
    e = {k: "不能超过20000个字" for k, v in (("overview", overview), ("problems", problems), ("other", other))
         if len(v) > 20000}
    if material_due is not None and material_due.year not in (year, year + 1):
        e["material_due"] = f"材料报送日期应在{year}年或{year + 1}年"
    if e:
        raise ValidationError(e)
    with db.session(actor=actor.label, action=f"编辑{year}年度报告") as s:
        require(s, actor, Right.HANDLE)
        row = s.get(ReportDraft, year) or ReportDraft(year=year)
        row.overview, row.problems, row.other = overview.strip(), problems.strip(), other.strip()
        if material_due is not None:
            row.material_due = material_due
        s.add(row)


@dataclass(frozen=True)
class VersionInfo:
    id: int
    year: int
    version: int
    reason: str
    pdf_sha256: str
    docx_sha256: str
    xlsx_sha256: str
    finalised_by: str
    finalised_at: dt.datetime


def versions(db: Database, year: int | None = None) -> list[VersionInfo]:
    q = select(AnnualReportVersion.id, AnnualReportVersion.year, AnnualReportVersion.version,
               AnnualReportVersion.reason, AnnualReportVersion.pdf_sha256, AnnualReportVersion.docx_sha256,
               AnnualReportVersion.xlsx_sha256, AnnualReportVersion.finalised_by, AnnualReportVersion.finalised_at)
    if year is not None:
        q = q.where(AnnualReportVersion.year == year)
    with db.session() as s:
        return [VersionInfo(*row) for row in s.execute(q.order_by(AnnualReportVersion.year.desc(),
                                                                  AnnualReportVersion.version.desc()))]


def archived_file(db: Database, version_id: int, fmt: str) -> tuple[bytes, bool]:
    """The archived bytes of one format, and whether they still match their SHA-256."""
    if fmt not in ("pdf", "docx", "xlsx"):
        raise ValidationError({"format": "格式应为 pdf、docx 或 xlsx"})
    with db.session() as s:
        row = s.get(AnnualReportVersion, version_id)
        if row is None:
            raise ServiceError("该版本的年度报告不存在")
        data, digest = getattr(row, fmt), getattr(row, f"{fmt}_sha256")
    return data, attachments.intact(data, digest)


def ready_to_finalise(db: Database, actor: Actor, year: int, today: dt.date | None = None) -> AnnualReport:
    """The year's report if this person may finalise it now; else refused with every problem — asked
    before the window's “定稿？” question too, so nobody confirms what is then refused."""
    with db.session() as s:  # refused before anything is counted or rendered
        require(s, actor, Right.APPROVE, FINALISE_REFUSED)
    report = build(db, year, today)
    problems = report.blocking()
    if problems:
        raise ServiceError("年度报告不能定稿：\n" + "\n".join(problems))
    return report


def finalise(db: Database, actor: Actor, year: int, reason: str = "", today: dt.date | None = None) -> VersionInfo:
    """Archive the report as a new version; the first is 定稿, later ones are 重新发布 with a reason."""
    from app.services.annual_report import output  # the renderers pull in ReportLab and python-docx

    report = ready_to_finalise(db, actor, year, today)
    with db.session() as s:
        last = s.scalar(select(func.max(AnnualReportVersion.version)).where(AnnualReportVersion.year == year)) or 0
    if last and not reason.strip():
        raise ValidationError({"reason": f"{year}年度报告已定稿（第{last}版），重新发布请写明原因"})
    pdf, docx, xlsx = output.pdf(report), output.docx(report), output.xlsx(report)
    action = f"定稿{year}年度报告" if not last else f"重新发布{year}年度报告"
    with db.session(actor=actor.label, action=action) as s:
        require(s, actor, Right.APPROVE, FINALISE_REFUSED)  # the role now, in the writing transaction
        row = AnnualReportVersion(
            year=year, version=last + 1, reason=reason.strip(),
            numbers=json.dumps(report.as_json(), ensure_ascii=False),
            pdf=pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            docx=docx, docx_sha256=hashlib.sha256(docx).hexdigest(),
            xlsx=xlsx, xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
            finalised_by=actor.full_name or actor.label)
        s.add(row)
        s.flush()
        return VersionInfo(row.id, row.year, row.version, row.reason, row.pdf_sha256, row.docx_sha256,
                           row.xlsx_sha256, row.finalised_by, row.finalised_at)


def describe_version(v: VersionInfo) -> str:
    when = cn_date(v.finalised_at.astimezone().date())
    head = f"第{v.version}版，{when}由{v.finalised_by}定稿"
    return head + (f"（重新发布原因：{v.reason}）" if v.reason else "")
