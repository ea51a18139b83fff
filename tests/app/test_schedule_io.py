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
