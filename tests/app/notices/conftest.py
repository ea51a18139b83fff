"""A finance office with departments, and one matter in its catalogue."""

import datetime as dt

import pytest

from app.services import profile
from app.services.catalogue import service as catalogue
from app.services.catalogue.elements import MaterialInput, MatterInput

D = dt.date
TODAY = D(2026, 3, 2)

MATERIALS = (
    MaterialInput("设立申请书", "原件", 1, "纸质", True, "", "载明公司名称、住所、注册资本、经营范围", "申请人自备"),
    MaterialInput("营业执照", "复印件", 1, "纸质", True, "", "加盖公章", "市场监督管理部门"),
    MaterialInput("法定代表人身份证明", "原件及复印件", 1, "纸质", True, "", "原件核验后退回", "申请人自备"),
    MaterialInput("授权委托书", "原件", 1, "纸质", False, "委托他人代为办理的", "载明委托事项和权限", "申请人自备"),
)


def make_matter(name: str = "小额贷款公司设立", **kw) -> MatterInput:
    base = dict(
        name=name, category="行政许可", implementing_body="某某县财政局", department="金融股",
        legal_basis="《国务院关于在市场准入环节建立健全公平竞争审查机制的意见》；省小额贷款公司管理办法第八条",
        conditions="有符合规定的章程；注册资本不低于5000万元", procedure="受理\n审查\n决定\n送达",
        fee_standard="不收费", statutory_days=20, promised_days=15, place="县政务服务中心二楼",
        service_window="12号窗口", hours="工作日 9:00—12:00，13:30—17:00", enquiry_phone="0432-62345678",
        complaint_phone="0432-62340000", disclosure_content="办事指南、办理结果", update_time="信息形成或变更之日起20个工作日内",
        disclosure_subject="某某县财政局", guarantee_unit="金融股", disclosure_channel="政府网站、政务服务中心",
        disclosure_column="政务公开/办事服务", disclosure_basis="《中华人民共和国政府信息公开条例》第二十条",
        audience="全社会", disclosure_method="主动公开", materials=MATERIALS)
    base.update(kw)
    return MatterInput(**base)


FILING = catalogue.Filing("法律法规立改废", "依据省小额贷款公司管理办法建立事项")


@pytest.fixture
def finance(office, admin):
    for dept in ("办公室", "金融股", "国库股"):
        profile.add_department(office, admin.actor(), dept)
    return office


@pytest.fixture
def matter_id(finance, head):
    return catalogue.create_matter(finance, head, make_matter(), FILING, today=TODAY)
