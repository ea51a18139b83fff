"""The catalogue through Excel: round trip, changes with 备案, and broken files refused whole."""

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import func, select

from app.db.models import Matter, MatterFiling, MatterVersion
from app.services.catalogue import excel
from app.services.catalogue import service as catalogue
from app.services.errors import PermissionDenied
from tests.app.notices.conftest import FILING, TODAY, make_matter


@pytest.fixture
def two_matters(finance, head, matter_id):
    other = catalogue.create_matter(finance, head, make_matter(
        "政府信息公开申请", category="依申请公开", department="办公室", promised_days=20), FILING, today=TODAY)
    return matter_id, other


def _counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Matter, MatterVersion, MatterFiling))


def _edit(src, dst, sheet, cells: dict[str, object]) -> None:
    wb = load_workbook(src)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(dst)


def test_export_has_exactly_the_named_columns(finance, two_matters, tmp_path):
    path = tmp_path / "c.xlsx"
    assert excel.export_catalogue(finance, path) == 2
    wb = load_workbook(path)
    assert wb.sheetnames == ["事项", "材料"]
    head = [c.value for c in wb["事项"][1]]
    assert head[0] == "事项名称" and head[-1] == "调整原因" and "承诺时限（工作日）" in head and "公开方式" in head
    assert [c.value for c in wb["材料"][1]] == ["事项名称", "材料名称", "原件/复印件", "份数", "纸质/电子", "是否必需",
                                               "适用情形", "材料要求", "来源"]
    assert wb["事项"].max_row == 3 and wb["材料"].max_row == 9
    assert [c.value for c in wb["材料"][5]][:6] == ["小额贷款公司设立", "授权委托书", "原件", 1, "纸质", "否"]


def test_unchanged_file_changes_nothing_and_exports_identically(finance, two_matters, head, tmp_path):
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    excel.export_catalogue(finance, first)
    before = _counts(finance)
    result = excel.import_catalogue(finance, head, first)
    assert (result.added, result.changed, len(result.unchanged)) == ([], [], 2)
    assert _counts(finance) == before
    excel.export_catalogue(finance, second)
    assert first.read_bytes() == second.read_bytes()


def test_changed_row_becomes_a_new_version_with_its_reason(finance, two_matters, head, tmp_path):
    src, dst = tmp_path / "c.xlsx", tmp_path / "changed.xlsx"
    excel.export_catalogue(finance, src)
    cols = [c.value for c in load_workbook(src)["事项"][1]]
    reason = f"{get_column_letter(cols.index('调整原因') + 1)}2"
    promised = f"{get_column_letter(cols.index('承诺时限（工作日）') + 1)}2"
    _edit(src, dst, "事项", {promised: 10, reason: "要素变化：县政府办〔2026〕5号压缩承诺时限"})
    _edit(dst, dst, "材料", {"D3": 2})
    result = excel.import_catalogue(finance, head, dst)
    assert result.changed == ["小额贷款公司设立"] and len(result.unchanged) == 1
    mid = two_matters[0]
    d = catalogue.detail(finance, mid)
    assert d.version == 2 and d.content.promised_days == 10 and d.content.materials[1].copies == 2
    latest = catalogue.history(finance, mid)[-1]
    assert (latest.reason, latest.basis) == ("要素变化", "县政府办〔2026〕5号压缩承诺时限")
    assert {el for el, _, _ in latest.changes} == {"承诺时限（工作日）", "申请材料"}


def test_change_without_reason_is_refused_and_nothing_imported(finance, two_matters, head, tmp_path):
    src, dst = tmp_path / "c.xlsx", tmp_path / "changed.xlsx"
    excel.export_catalogue(finance, src)
    _edit(src, dst, "材料", {"D3": 2})
    before = _counts(finance)
    with pytest.raises(excel.CatalogueFileError) as e:
        excel.import_catalogue(finance, head, dst)
    assert e.value.problems[0].startswith("第2行 调整原因: 内容有变化，须填写调整原因")
    assert _counts(finance) == before


def test_broken_rows_are_each_named_and_nothing_imported(finance, two_matters, head, tmp_path):
    src, dst = tmp_path / "c.xlsx", tmp_path / "broken.xlsx"
    excel.export_catalogue(finance, src)
    wb = load_workbook(src)
    ms, mt = wb["事项"], wb["材料"]
    cols = {c.value: c.column for c in ms[1]}
    ms.cell(4, 1, "典当行设立审核")  # a new matter with no materials and a bad promised time
    for name, col in cols.items():
        if name not in ("事项名称", "调整原因"):
            ms.cell(4, col, ms.cell(2, col).value)
    ms.cell(4, cols["承诺时限（工作日）"], 30)
    ms.cell(4, cols["调整原因"], "新设：依据")
    ms.cell(5, 1, "小额贷款公司设立")  # duplicate name
    mt.cell(3, 4, "两")  # copies not a number
    mt.cell(4, 3, "扫描件")
    mt.append(["融资担保公司设立", "申请书", "原件", 1, "纸质", "是", "", "", ""])
    wb.save(dst)
    before = _counts(finance)
    with pytest.raises(excel.CatalogueFileError) as e:
        excel.import_catalogue(finance, head, dst)
    problems = e.value.problems
    assert "第5行 事项名称: “小额贷款公司设立”与第2行重复，事项名称不能重复" in problems
    assert "材料表第3行 份数: 应为1到99之间的整数" in problems
    assert any(p.startswith("材料表第4行 原件/复印件: “扫描件”不是可选的值") for p in problems)
    assert "材料表第10行 事项名称: “融资担保公司设立”不在“事项”工作表中" in problems
    assert any(p.startswith("第4行 承诺时限（工作日）: 承诺时限（30个工作日）不能长于法定时限") for p in problems)
    assert any(p.startswith("第4行 事项名称: 申请材料不能为空") for p in problems)
    assert _counts(finance) == before


def test_new_matter_needs_a_valid_reason(finance, two_matters, head, tmp_path):
    src, dst = tmp_path / "c.xlsx", tmp_path / "new.xlsx"
    excel.export_catalogue(finance, src)
    wb = load_workbook(src)
    ms, mt = wb["事项"], wb["材料"]
    ms.cell(2, 1, "融资担保公司设立及变更")
    for r in range(2, 6):
        mt.cell(r, 1, "融资担保公司设立及变更")
    ms.cell(2, ms.max_column, "新设")
    wb.save(dst)
    with pytest.raises(excel.CatalogueFileError) as e:
        excel.import_catalogue(finance, head, dst)
    assert any(p.startswith("第2行 调整原因: 请选择调整原因") for p in e.value.problems)
    ms.cell(2, ms.max_column, "法律法规立改废：《融资担保公司监督管理条例》第六条")
    wb.save(dst)
    result = excel.import_catalogue(finance, head, dst)
    assert result.added == ["融资担保公司设立及变更"]
    assert catalogue.find_by_name(finance, "融资担保公司设立及变更") is not None


@pytest.mark.parametrize("content", [b"not a workbook", b""])
def test_not_a_workbook_is_refused(finance, head, tmp_path, content):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(excel.CatalogueFileError, match="Excel"):
        excel.import_catalogue(finance, head, path)


def test_missing_sheet_is_named(finance, head, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "事项"
    wb.active.append(["事项名称"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    with pytest.raises(excel.CatalogueFileError) as e:
        excel.import_catalogue(finance, head, path)
    assert "缺少必需的列" in e.value.problems[0] or "缺少工作表“材料”" in e.value.problems[0]


def test_clerk_cannot_import(finance, two_matters, clerk, tmp_path):
    path = tmp_path / "c.xlsx"
    excel.export_catalogue(finance, path)
    with pytest.raises(PermissionDenied):
        excel.import_catalogue(finance, clerk, path)
