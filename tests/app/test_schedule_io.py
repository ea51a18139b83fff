import datetime as dt
import json

import pytest

from app.calendar.schedule_io import ScheduleFormatError, parse_schedule

HOLIDAY_CN = {
    "year": 2027,
    "papers": [],
    "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        {"name": "春节", "date": "2027-02-05", "isOffDay": True},
        {"name": "春节", "date": "2027-02-06", "isOffDay": True},
        {"name": "春节", "date": "2027-02-14", "isOffDay": False},
        {"name": "元旦", "date": "2028-01-01", "isOffDay": True},
    ],
}


def test_holiday_cn_json():
    s = parse_schedule(json.dumps(HOLIDAY_CN, ensure_ascii=False))
    assert s.year == 2027
    assert dt.date(2027, 2, 6) in s.holidays
    assert s.workdays == {dt.date(2027, 2, 14)}
    assert dt.date(2028, 1, 1) not in s.holidays  # other year's day is ignored
    assert s.names[dt.date(2027, 1, 1)] == "元旦"


def test_text_format_with_ranges_and_comments():
    text = "\ufeff# 2027年\n休 2027-01-01 元旦\n休 2027-02-05 至 2027-02-12 春节\n班 2027-02-13\n"
    s = parse_schedule(text)
    assert len(s.holidays) == 9
    assert s.workdays == {dt.date(2027, 2, 13)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("放 2027-01-01", "第1行"),
        ("休 2027-13-01", "格式不对"),
        ("休 2027-02-10 至 2027-02-01", "结束日期早于开始日期"),
        ("休 2027-01-01\n休 2028-01-01", "跨越多个年份"),
        ("", "没有任何"),
        ("{bad json", "JSON"),
        ('{"year": 2027}', "days"),
        ("休 2027-01-01\n班 2027-01-01", "既是放假日又是调休上班日"),
    ],
)
def test_bad_files_say_what_is_wrong(text, message):
    with pytest.raises(ScheduleFormatError, match=message):
        parse_schedule(text)


# -- hostile and incomplete schedules ----------------------------------------------------

from app.calendar.schedule_io import missing_holidays, read_schedule_file  # noqa: E402
from app.services import holidays  # noqa: E402
from app.services.errors import ValidationError  # noqa: E402


def _json(days, year=2027):
    return json.dumps({"year": year, "days": days}, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_json([{"name": "元旦", "date": "2027-01-01", "isOffDay": "false"}]), "isOffDay 应为 true 或 false"),
        (_json([{"name": "元旦", "date": "2027-01-01", "isOffDay": 1}]), "isOffDay"),
        (_json([{"name": "元旦", "date": 20270101, "isOffDay": True}]), "带引号"),
        (_json([{"name": "元旦\n班 2027-01-04", "date": "2027-01-01", "isOffDay": True}]), "换行"),
        (_json([{"name": ["元旦"], "date": "2027-01-01", "isOffDay": True}]), "name 应为文字"),
        (_json([{"name": "元旦", "date": "2027-01-01", "isOffDay": True}], year=True), "year 字段应为整数"),
        (_json([{"name": "元旦", "date": "9999-01-01", "isOffDay": True}], year=9999), "超出工作日历的范围"),
        (_json([{"name": "元旦", "date": "1999-01-01", "isOffDay": True}], year=1999), "超出工作日历的范围"),
        ("[" * 100_000 + "]" * 100_000, "第1行"),
        ('{"days": ' + "[" * 100_000 + "]" * 100_000 + "}", "嵌套层数过多|days 第1项"),
        ("休 2027-01-01 元旦\u2028班 2027-01-02", "换行"),
        ("休 2027-01-01 " + "节" * 41, "不能超过40个字"),
        ("休 2027-01-01\n" * 10 + "x" * 300_000, "文件太大"),
    ],
)
def test_hostile_schedules_give_a_message(text, message):
    with pytest.raises(ScheduleFormatError, match=message):
        parse_schedule(text)


def test_schedule_file_size_checked_and_gb18030_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    with pytest.raises(ScheduleFormatError, match="文件太大"):
        read_schedule_file(big)
    gb = tmp_path / "gb.txt"
    gb.write_bytes("休 2027-01-01 元旦\n".encode("gb18030"))
    assert read_schedule_file(gb).names[dt.date(2027, 1, 1)] == "元旦"
    with pytest.raises(ScheduleFormatError, match="无法读取"):
        read_schedule_file(tmp_path / "none.txt")


FULL_2027 = """休 2027-01-01 元旦
休 2027-02-05 至 2027-02-11 春节
休 2027-04-05 清明节
休 2027-05-01 至 2027-05-05 劳动节
休 2027-06-09 端午节
休 2027-09-15 中秋节
休 2027-10-01 至 2027-10-07 国庆节
"""


def test_missing_statutory_holidays_named():
    assert missing_holidays(parse_schedule(FULL_2027)) == []
    partial = parse_schedule("休 2027-01-01 元旦\n休 2027-02-05 至 2027-02-11 春节\n")
    assert missing_holidays(partial) == ["清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    # unnamed days still count when they are the statutory days themselves
    assert "元旦" not in missing_holidays(parse_schedule("休 2027-01-01\n"))


def test_incomplete_year_stays_provisional_until_confirmed(db, admin):
    actor = admin.actor()
    partial = parse_schedule("休 2027-01-01 元旦\n休 2027-02-05 至 2027-02-11 春节\n")
    missing = holidays.enter_year(db, actor, partial, "国办发明电〔2026〕1号")
    assert missing == ["清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert "缺少法定节日：清明节" in holidays.missing_note(missing)
    status = next(s for s in holidays.year_statuses(db, range(2027, 2028)))
    assert status.label == "已录入（不完整，暂估）"
    due = db.calendar().add_working_days(dt.date(2027, 3, 1), 20)
    assert due.provisional_years == {2027}
    holidays.confirm_year(db, actor, 2027)
    assert not db.calendar().add_working_days(dt.date(2027, 3, 1), 20).provisional
    assert holidays.year_statuses(db, range(2027, 2028))[0].label == "已录入"
    # a complete year is confirmed at once
    holidays.enter_year(db, actor, parse_schedule(FULL_2027.replace("2027", "2028").replace("02-05 至 2028-02-11",
                                                                                             "01-25 至 2028-01-31")))
    assert holidays.year_statuses(db, range(2028, 2029))[0].confirmed


def test_entered_source_and_names_checked(db, admin):
    with pytest.raises(ValidationError, match="控制字符"):
        holidays.enter_year(db, admin.actor(), parse_schedule(FULL_2027), "通知\x07")


def test_removing_a_year_goes_back_to_the_estimate_and_only_an_administrator_may(db, admin):
    from app.db.models import Role
    from app.services import users
    from app.services.errors import NotFound, PermissionDenied

    actor = admin.actor()
    with pytest.raises(NotFound, match="没有录入2027年的节假日安排"):
        holidays.remove_year(db, actor, 2027)
    holidays.enter_year(db, actor, parse_schedule(FULL_2027), "国办发明电〔2026〕1号")
    assert not db.calendar().add_working_days(dt.date(2027, 3, 1), 20).provisional
    clerk = users.create_user(db, actor, "chuangkou", "窗口", Role.CLERK, "chuangkou-2026-pw", "")
    with pytest.raises(PermissionDenied, match="只有系统管理员可以删除节假日安排"):
        holidays.remove_year(db, clerk.actor(), 2027)
    holidays.remove_year(db, actor, 2027)
    assert db.calendar().add_working_days(dt.date(2027, 3, 1), 20).provisional_years == {2027}
    assert holidays.year_statuses(db, range(2027, 2028))[0].label != "已录入"
