
from app.db.models import Role
from app.services import profile, users
from ui.dialogs.about import AboutDialog
from ui.dialogs.holidays import HolidaysDialog
from ui.dialogs.profile import ProfileDialog
from ui.main_window import MainWindow, window_settings


def test_window_has_chinese_menus_and_status(window, db):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "设置(&S)", "帮助(&H)"]
    assert db.describe() in window.db_label.text()
    assert "王管理" in window.user_label.text()
    assert window.tabs.tabText(0) == "工作台"
    assert "机关信息尚未填写完整" in window.home.label.text()


def test_geometry_is_remembered(qtbot, db, admin):
    w = MainWindow(db, admin)
    qtbot.addWidget(w)
    w.show()
    w.setGeometry(60, 50, w.minimumSizeHint().width() + 10, w.minimumSizeHint().height() + 10)
    expected = w.geometry()
    w.close()
    assert window_settings().value("main/geometry") is not None
    w2 = MainWindow(db, admin)
    qtbot.addWidget(w2)
    assert w2.geometry().size() == expected.size()


def test_profile_dialog_validates_next_to_field(qtbot, db, admin):
    dlg = ProfileDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    dlg.widgets["full_name"].setText("某某县财政局")
    dlg.widgets["doc_code"].setText("")
    dlg.widgets["postcode"].setText("12")
    dlg.save()
    assert dlg.result() == 0
    assert "文号代字" in dlg.form.error_text("doc_code")
    assert "6位" in dlg.form.error_text("postcode")
    assert profile.get_profile(db).full_name == ""  # nothing half-saved
    dlg.widgets["doc_code"].setText("财公开")
    dlg.widgets["postcode"].setText("123456")
    dlg.widgets["court"].setText("某某县人民法院")
    dlg.save()
    assert dlg.result() == 1
    saved = profile.get_profile(db)
    assert saved.full_name == "某某县财政局" and saved.reconsideration_body == "本级人民政府"


def test_clerk_sees_the_profile_read_only(qtbot, db, admin, monkeypatch):
    from ui.dialogs.profile import ProfileDialog

    clerk = users.create_user(db, admin.actor(), "zs", "张三", Role.CLERK, "pass1234")
    w = MainWindow(db, clerk)
    qtbot.addWidget(w)
    shown = []
    monkeypatch.setattr(ProfileDialog, "exec", lambda self: shown.append(self.read_only) or 0)
    w.edit_profile()
    assert shown == [True]


def test_holidays_dialog_enters_2027(qtbot, db, admin, window):
    dlg = HolidaysDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    row = next(i for i, s in enumerate(dlg.statuses) if s.year == 2027)
    dlg.years.setCurrentCell(row, 0)
    assert "估算" in dlg.year_label.text()
    dlg.editor.setPlainText("休 2027-01-01 元旦\n休 2027-02-30 春节\n")
    dlg.save()
    assert "格式不对" in dlg.message.text()
    dlg.editor.setPlainText("休 2027-01-01 元旦\n休 2027-02-05 至 2027-02-11 春节\n班 2027-02-13 春节\n")
    dlg.source.setText("国办发明电〔2026〕7号")
    dlg.save()
    assert "已保存2027年" in dlg.info.text()
    assert db.calendar().year_source(2027) == "entered"
    assert db.calendar().is_working_day(__import__("datetime").date(2027, 2, 13))


def test_holidays_dialog_loads_holiday_cn_json(qtbot, db, admin, tmp_path):
    f = tmp_path / "2027.json"
    f.write_text('{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}',
                 encoding="utf-8")
    dlg = HolidaysDialog(db, admin.actor())
    qtbot.addWidget(dlg)
    dlg.load_path(f)
    assert db.calendar().year_source(2027) == "entered"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    dlg.load_path(bad)
    assert "格式不对" in dlg.message.text()


def test_about_shows_version_and_database(qtbot, db):
    dlg = AboutDialog(db)
    qtbot.addWidget(dlg)
    assert "版本" in dlg.text.text() and db.describe() in dlg.text.text()
