"""Demo catalogues: a county finance bureau (地方金融监管 matters) and a civil-affairs bureau.

The matters, legal bases and material lists follow the published 办事指南 of such
offices (names of laws and articles as in force), so the demo shows what a real
catalogue looks like.  Phone numbers and places are fictitious.
"""

from __future__ import annotations

from app.services.catalogue.elements import MaterialInput, MatterInput

M = MaterialInput


def _m(name: str, original: str = "原件", copies: int = 1, medium: str = "纸质", condition: str = "",
       requirement: str = "", source: str = "申请人自备") -> MaterialInput:
    return M(name, original, copies, medium, not condition, condition, requirement, source)


def _matter(office: dict, **kw) -> MatterInput:
    base = dict(office)
    base.update(kw)
    return MatterInput(**base)


FINANCE_OFFICE = dict(
    implementing_body="某某县财政局", place="某某县政务服务中心二楼", service_window="12号综合受理窗口",
    hours="工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外）", enquiry_phone="0731-83561234",
    complaint_phone="0731-83561200", update_time="信息形成或者变更之日起20个工作日内",
    disclosure_subject="某某县财政局", disclosure_channel="县人民政府门户网站、政务服务中心公示栏",
    disclosure_column="政府信息公开/部门信息/办事指南", audience="全社会", disclosure_method="主动公开",
    disclosure_basis="《中华人民共和国政府信息公开条例》第二十条",
)
_INFO_REQUEST = dict(
    name="政府信息公开申请", category="依申请公开", legal_basis="《中华人民共和国政府信息公开条例》第二十七条至第三十三条",
    conditions="公民、法人或者其他组织申请获取本机关制作或者保存的政府信息",
    procedure="1. 申请人提交书面申请（当面、邮寄、网络或传真）\n2. 窗口登记并出具接收回执\n"
              "3. 内容不明确的，7个工作日内一次性告知补正\n4. 承办科室检索、审查，需要时征求第三方意见\n"
              "5. 作出答复并送达", fee_standard="一般不收费；申请数量、频次明显超过合理范围的，按件或按量收取信息处理费",
    fee_basis="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", statutory_days=20, promised_days=15,
    disclosure_content="政府信息公开申请的受理方式、办理流程、答复期限",
    materials=(
        _m("政府信息公开申请表", requirement="写明申请人姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号"
                                           "或者便于查询的其他特征性描述；获取信息的方式、途径"),
        _m("申请人身份证明", "原件及复印件", requirement="公民提交居民身份证；法人或者其他组织提交营业执照或统一社会信用代码证书",
           source="申请人自备"),
        _m("授权委托书及代理人身份证明", "原件", condition="委托代理人提出申请的", requirement="载明委托事项、权限和期限"),
        _m("联系人身份证明", "复印件", condition="法人或者其他组织提出申请的", requirement="加盖单位公章"),
    ),
)

FINANCE: tuple[MatterInput, ...] = (
    _matter(FINANCE_OFFICE, name="小额贷款公司设立", category="行政许可", department="金融股",
            legal_basis="《中国银行业监督管理委员会 中国人民银行关于小额贷款公司试点的指导意见》（银监发〔2008〕23号）；"
                        "《某某省小额贷款公司监督管理暂行办法》第八条、第九条",
            conditions="1. 有符合规定的公司章程\n2. 注册资本不低于5000万元，且为实缴货币资本\n"
                       "3. 有具备任职资格的董事、监事和高级管理人员\n4. 有符合要求的营业场所、安全防范措施和与业务有关的其他设施",
            procedure="1. 受理\n2. 县级初审并出具推荐意见\n3. 现场核查\n4. 审查决定\n5. 制证送达",
            statutory_days=20, promised_days=15, disclosure_content="办事指南、审批结果",
            materials=(
                _m("设立申请书", requirement="载明拟设立公司名称、住所、注册资本、股东及出资额、经营范围"),
                _m("可行性研究报告"),
                _m("公司章程（草案）", requirement="全体股东签字或盖章"),
                _m("股东出资承诺书及出资能力证明", requirement="法人股东提供近三年经审计的财务报告"),
                _m("主要股东营业执照", "复印件", requirement="加盖公章", source="市场监督管理部门"),
                _m("拟任董事、监事和高级管理人员任职资格证明及身份证", "原件及复印件", requirement="原件核验后退回"),
                _m("营业场所所有权或使用权证明", "复印件", requirement="租赁的须提供1年以上租赁合同"),
                _m("企业名称预先核准通知书", "复印件", source="市场监督管理部门"),
                _m("授权委托书", condition="委托他人代为办理的", requirement="载明委托事项和权限"),
            )),
    _matter(FINANCE_OFFICE, name="融资担保公司设立及变更", category="行政许可", department="金融股",
            legal_basis="《融资担保公司监督管理条例》（国务院令第683号）第六条、第七条、第十条",
            conditions="1. 股东信誉良好，最近3年无重大违法违规记录\n2. 注册资本不低于人民币2000万元，且为实缴货币资本\n"
                       "3. 拟任董事、监事、高级管理人员熟悉与融资担保业务相关的法律法规，具有履行职责所需的从业经验和管理能力\n"
                       "4. 有健全的业务规范和风险控制等内部管理制度",
            procedure="1. 受理\n2. 审查（含股东资格审查和高管谈话）\n3. 作出批准或不予批准的决定\n4. 送达",
            statutory_days=30, promised_days=20, disclosure_content="办事指南、审批结果",
            materials=(
                _m("申请书"),
                _m("公司章程"),
                _m("股东名册及出资额、持股比例"),
                _m("验资报告", requirement="由会计师事务所出具", source="会计师事务所"),
                _m("拟任董事、监事、高级管理人员资格证明", "原件及复印件"),
                _m("业务发展计划和风险控制制度"),
                _m("营业场所证明", "复印件"),
                _m("变更事项说明及股东会决议", condition="申请变更名称、注册资本、股权结构或高级管理人员的",
                   requirement="决议须经全体股东签字"),
            )),
    _matter(FINANCE_OFFICE, name="典当行设立审核", category="行政许可", department="金融股",
            legal_basis="《典当管理办法》（商务部 公安部令2005年第8号）第八条、第十一条、第十五条",
            conditions="1. 有符合规定的章程\n2. 有符合规定的最低限额的注册资本\n3. 有符合要求的营业场所和办理业务必需的设施\n"
                       "4. 有熟悉典当业务的经营管理人员及鉴定评估人员",
            procedure="1. 受理\n2. 县级初审并报送上级主管部门\n3. 根据上级审批结果告知申请人",
            statutory_days=20, promised_days=10, disclosure_content="办事指南、初审意见",
            materials=(
                _m("设立申请", requirement="载明拟设立典当行名称、住所、注册资本、股东及出资额、经营范围"),
                _m("典当行章程"),
                _m("出资证明文件"),
                _m("法定代表人、个人股东和其他高级管理人员的简历和有效身份证件", "复印件"),
                _m("法定代表人、个人股东和其他高级管理人员的无故意犯罪记录证明", source="公安机关"),
                _m("经营场所所有权或使用权证明文件", "复印件"),
                _m("企业名称预先核准通知书", "复印件", source="市场监督管理部门"),
            )),
    _matter(FINANCE_OFFICE, name="地方金融组织年审", category="行政确认", department="金融股",
            legal_basis="《某某省地方金融监督管理条例》第二十二条",
            conditions="在本县登记注册的小额贷款公司、融资担保公司、典当行等地方金融组织",
            procedure="1. 提交年审材料\n2. 书面审查和现场检查\n3. 出具年审意见\n4. 公示年审结果",
            statutory_days=20, promised_days=15, disclosure_content="年审通知、年审结果",
            materials=(
                _m("年审申请表"),
                _m("上年度经审计的财务会计报告", source="会计师事务所"),
                _m("年度经营情况报告"),
                _m("合规经营承诺书"),
                _m("股权结构及高级管理人员变化情况说明", condition="上年度股权结构或高级管理人员发生变化的"),
                _m("整改情况报告", condition="上年度年审或检查中有整改要求的"),
            )),
    _matter(FINANCE_OFFICE, department="办公室", **{**_INFO_REQUEST, "disclosure_subject": "某某县财政局"}),
)

CIVIL_OFFICE = dict(
    implementing_body="某某县民政局", place="某某县政务服务中心一楼", service_window="民政综合窗口（5号—7号）",
    hours="工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）", enquiry_phone="0731-83562001",
    complaint_phone="0731-83562010", update_time="信息形成或者变更之日起20个工作日内",
    disclosure_subject="某某县民政局", disclosure_channel="县人民政府门户网站、民政局公示栏",
    disclosure_column="政府信息公开/民政服务", audience="全社会", disclosure_method="主动公开",
    disclosure_basis="《中华人民共和国政府信息公开条例》第二十条",
)

CIVIL: tuple[MatterInput, ...] = (
    _matter(CIVIL_OFFICE, name="社会团体成立登记", category="行政许可", department="社会组织管理股",
            legal_basis="《社会团体登记管理条例》第九条、第十条、第十一条",
            conditions="1. 有50个以上的个人会员或者30个以上的单位会员\n2. 有规范的名称和相应的组织机构\n"
                       "3. 有固定的住所\n4. 有与其业务活动相适应的专职工作人员\n5. 有合法的资产和经费来源，"
                       "县级社会团体有1万元以上活动资金",
            procedure="1. 受理\n2. 审查\n3. 准予登记并发给《社会团体法人登记证书》或作出不予登记决定",
            statutory_days=60, promised_days=30, disclosure_content="办事指南、登记结果",
            materials=(
                _m("登记申请书", requirement="由拟任法定代表人签署"),
                _m("业务主管单位的批准文件", source="业务主管单位"),
                _m("验资报告", source="会计师事务所"),
                _m("住所使用权证明", "复印件"),
                _m("发起人和拟任负责人的基本情况、身份证明", "原件及复印件"),
                _m("章程草案", requirement="经会员大会或会员代表大会通过"),
                _m("会员名单", requirement="个人会员50个以上或单位会员30个以上"),
            )),
    _matter(CIVIL_OFFICE, name="民办非企业单位登记", category="行政许可", department="社会组织管理股",
            legal_basis="《民办非企业单位登记管理暂行条例》第八条、第九条",
            conditions="1. 经业务主管单位审查同意\n2. 有规范的名称、必要的组织机构\n3. 有与其业务活动相适应的从业人员\n"
                       "4. 有与其业务活动相适应的合法财产\n5. 有必要的场所",
            procedure="1. 受理\n2. 审查\n3. 准予登记或不予登记",
            statutory_days=60, promised_days=20, disclosure_content="办事指南、登记结果",
            materials=(
                _m("登记申请书"),
                _m("业务主管单位的批准文件", source="业务主管单位"),
                _m("场所使用权证明", "复印件"),
                _m("验资报告", source="会计师事务所"),
                _m("拟任负责人的基本情况、身份证明", "原件及复印件"),
                _m("章程草案"),
            )),
    _matter(CIVIL_OFFICE, name="最低生活保障申请", category="公共服务", department="社会救助股",
            legal_basis="《社会救助暂行办法》第九条至第十一条；《最低生活保障审核确认办法》（民发〔2021〕57号）",
            conditions="共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定",
            procedure="1. 向户籍所在地乡镇人民政府（街道办事处）提出申请\n2. 家庭经济状况调查和信息核对\n"
                      "3. 民主评议和公示\n4. 县民政局审核确认\n5. 发放最低生活保障金",
            fee_standard="不收费", statutory_days=30, promised_days=20,
            disclosure_content="低保标准、申请条件、审核确认结果（公示不含个人隐私）",
            materials=(
                _m("最低生活保障申请书", requirement="由共同生活的家庭成员代表签字"),
                _m("家庭成员户口簿和居民身份证", "原件及复印件"),
                _m("家庭经济状况声明及授权核对书", requirement="全部家庭成员签字"),
                _m("家庭收入证明", source="用人单位或村（居）委会"),
                _m("残疾证或疾病诊断证明", "复印件", condition="家庭成员有重度残疾或者患有重病的",
                   source="残联或二级以上医院"),
                _m("委托书", condition="委托他人代为申请的"),
            )),
    _matter(CIVIL_OFFICE, name="婚姻登记（结婚登记）", category="行政确认", department="婚姻登记处",
            legal_basis="《婚姻登记条例》第四条至第七条",
            conditions="男女双方完全自愿，男年满22周岁、女年满20周岁，双方均无配偶，且没有直系血亲和三代以内旁系血亲关系",
            procedure="1. 双方亲自到婚姻登记机关提出申请\n2. 审查\n3. 当场予以登记，发给结婚证", statutory_days=1,
            promised_days=1, disclosure_content="办事指南、办理时间", hours="工作日上午8:30—12:00，下午14:30—17:30",
            materials=(
                _m("本人的户口簿", "原件"),
                _m("本人有效的居民身份证", "原件"),
                _m("本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", requirement="在登记员面前签署"),
                _m("近期半身免冠合影照片", copies=3, requirement="2寸，红底"),
                _m("离婚证或人民法院生效的离婚判决书、调解书", condition="离过婚的"),
            )),
    _matter(CIVIL_OFFICE, department="办公室", **{**_INFO_REQUEST, "disclosure_subject": "某某县民政局"}),
)


def catalogue_for(agency_name: str) -> tuple[MatterInput, ...]:
    """The civil-affairs catalogue for a 民政 office, otherwise the finance one."""
    return CIVIL if "民政" in agency_name else FINANCE


def departments_of(matters: tuple[MatterInput, ...]) -> list[str]:
    return list(dict.fromkeys(m.department for m in matters))
