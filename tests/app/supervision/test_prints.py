"""The signed check and meeting records print on the shared engine with their figures, items, tasks and signatures."""

import datetime as dt
import os
import shutil
import subprocess

import pytest

from app.letters import tables as t
from app.services import rectification as rect
from app.services.profile import get_profile
from app.services.supervision import checks, meetings, prints
from app.services.supervision import duties as du
from tests.app.supervision.test_checks import answers, duty, request, setup  # noqa: F401  (shared fixture)

D = dt.date


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    if os.environ.get("SUP_KEEP_PDF"):  # to look at it: SUP_KEEP_PDF=/tmp/sup pytest …
        shutil.copy(path, os.path.join(os.environ["SUP_KEEP_PDF"], f"{pdf[:0].hex()}{len(pdf)}.pdf"))
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_check_record_prints_snapshot_items_tasks_and_signatures(setup, tmp_path):  # noqa: F811
    b, db = setup, setup.db
    request(db, 1, "预算股", D(2024, 5, 6), D(2024, 6, 20), False)
    q2 = duty(db, du.CHECK, "2024Q2")
    form = checks.open_check(db, q2)
    items = list(answers(form))
    items[2] = checks.ItemInput(items[2].name, "不符合", "两条预算信息超过10个工作日才公开")
    cid = checks.save_check(db, b.dep1.actor(), q2, checks.CheckInput(
        D(2024, 7, 5), "李副局长", "王股长、钱科长", "预算股两条信息超期公开。\n一次性告知书未签收。", tuple(items)),
        complete=True)
    checks.add_task(db, b.dep1.actor(), cid, rect.TaskInput("补发超期信息并更正日期", "王股长", "预算股", D(2024, 7, 31)))
    request(db, 2, "预算股", D(2024, 6, 3))  # after the save: the print keeps the saved figures
    doc = prints.check_document(db, cid)
    text = t.all_text(doc)
    assert prints.CHECK_TITLE in text and "2024年第二季度" in text and "预算股、国库股" in text
    assert "2024年7月5日" in text and "两条预算信息超过10个工作日才公开" in text and "不符合" in text
    received = next(r for r in doc.items if isinstance(r, t.Table) and r.header and r.header[0][2].text == "数量")
    assert [c.text for c in received.rows[0]] == ["依申请公开", "收到申请", "1"] and received.rows[0][0].rowspan == 7
    assert [c.text for c in received.rows[1]] == ["已答复", "1"]
    assert "补发超期信息并更正日期" in text and "整改中" in text
    assert "督查人（签字）" in text and "被督查科室负责人（签字）" in text
    _signed_on_one_page(doc, "督查人（签字）", "被督查科室负责人（签字）")
    assert [c.text for c in doc.items[1].rows[0]] == ["单位", get_profile(db).full_name or "—"]
    pdf_text = _text(prints.check_pdf(db, cid), tmp_path)
    assert "政务公开季度督查记录" in pdf_text.replace(" ", "") and "— 1 —" in pdf_text


def test_meeting_record_prints(setup, tmp_path):  # noqa: F811
    b, db = setup, setup.db
    h1 = duty(db, du.MEETING, "2024H1")
    mid = meetings.save_meeting(db, b.chief.actor(), h1, meetings.MeetingInput(
        D(2024, 6, 20), "三楼会议室", "孙局长", "李副局长、周副局长", "办公室上半年工作汇报", "超期答复", "建立超期预警"),
        complete=True)
    text = t.all_text(prints.meeting_document(db, mid))
    for part in ("政务公开专题会议记录", "2024年上半年政务公开专题会议", "三楼会议室", "建立超期预警", "主持人（签字）",
                 "已完成（2024年6月20日）", "无。"):
        assert part in text
    assert "专题会议记录" in _text(prints.meeting_pdf(db, mid), tmp_path).replace(" ", "")
    doc = prints.meeting_document(db, mid)
    _signed_on_one_page(doc, "主持人（签字）", "记录人（签字）")
    assert doc.items[1].rows[0][0].text == "单位"  # the record names the body whose meeting it was


def _signed_on_one_page(doc: t.Document, *labels: str) -> None:
    """All signature lines sit in one paragraph the engine keeps on one page (none left alone overleaf)."""
    block = [p for p in doc.items if isinstance(p, t.Paragraph) and labels[0] in p.text]
    assert len(block) == 1 and block[0].keep_together and all(x in block[0].text for x in labels)


def test_missing_record_refused(setup):  # noqa: F811
    from app.services.errors import NotFound

    with pytest.raises(NotFound):
        prints.check_document(setup.db, 99)
