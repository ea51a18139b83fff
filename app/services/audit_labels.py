"""Chinese names of tables and fields for the 操作日志 (users never see internal names).

A model may also name itself with ``__audit_name__`` and its columns with
``mapped_column(..., info={"label": "..."})``; those win over the tables here.
Unknown names fall back to a neutral 字段/记录 wording, never the raw key (tests
keep every table and every logged column named).  What a field's *value* names —
another row, a registered code — is ``app.services.audit_names``.
"""

from __future__ import annotations

import functools

from app.db.base import Base

ENTITY_LABELS = {
    "agency_profile": "机关信息",
    "department": "科室",
    "app_user": "用户",
    "holiday_year": "节假日安排",
    "holiday_day": "节假日",
    "info_request": "依申请公开申请",
    "consultation": "征求意见",
    "request_event": "办理记录",
    "attachment": "附件",
    "letter_template": "文书模板",
    "issued_letter": "出具的文书",
    "number_sequence": "编号序列",
    "number_pattern": "编号格式",
    "record_correction": "更正记录",
    "signoff_item": "签批事项",
    "notice": "一次性告知书",
    "notice_item": "告知事项",
    "matter": "办事事项",
    "matter_version": "事项版本",
    "matter_filing": "事项备案",
    "matter_change": "事项变更",
    "matter_material": "申请材料",
    "session": "登录",
    "complaint": "投诉举报",
    "complaint_settings": "投诉举报设置",
    "complaint_key_wrap": "投诉举报人身份密钥",
    "accountability_record": "责任追究记录",
    "accountability_step": "责任追究方案",
    "contact_entry": "首问登记",
    "contact_event": "首问办理记录",
    "rectification_task": "整改任务",
    "post_assignment": "责任分工",
    "duty_completion": "一岗双责职责完成情况",
    "supervision_settings": "督查频次设置",
    "checklist_template_item": "督查检查项目模板",
    "supervision_check": "季度督查记录",
    "supervision_check_item": "督查检查项目",
    "supervision_meeting": "专题会议记录",
    "assessment_item": "考核项目",
    "assessment_unit": "参加考核的科室",
    "assessment_score": "考核评分",
    "assessment_notice": "考核结果通报",
    "dispute_case": "行政复议和行政诉讼案件",
    "proactive_figures": "主动公开情况",
    "annual_report_draft": "年度报告草稿",
    "annual_report_version": "年度报告定稿",
    "search_doc": "检索索引",
    "audit_log": "操作日志",
    "audit_chain": "操作日志校验链",
}

_COMMON = {
    "id": "记录号", "number": "编号", "year": "年度", "seq": "序号", "kind": "种类", "name": "名称",
    "title": "职务", "state": "状态", "remarks": "备注", "created_at": "创建时间", "created_by": "登记人",
    "actor": "操作人", "at": "时间", "day": "日期", "text": "内容", "reason": "理由", "sort_order": "排序",
    "request_id": "所属申请", "pattern": "格式", "last": "已用到的序号", "body": "正文", "phone": "电话",
    "address": "地址", "postcode": "邮政编码", "sha256": "校验值", "size": "大小（字节）", "version": "版本",
    "before": "改动前", "after": "改动后", "comment": "意见", "search_key": "检索词",
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "agency_profile": {
        "full_name": "机关全称", "doc_code": "文号代字", "window_location": "受理窗口地点",
        "window_hours": "受理时间", "disclosure_office": "政府信息公开工作机构",
        "reconsideration_body": "行政复议机关", "court": "管辖法院", "answer_days": "答复期限（工作日）",
        "extension_days": "延期（工作日）", "fee_pauses_clock": "收费期间暂停计时", "number_pattern": "申请编号格式",
        "contact_result_days": "首问转办办结期限（工作日）", "rectification_days": "差评整改时限（工作日）",
    },
    "app_user": {
        "login": "登录名", "full_name": "姓名", "department_id": "科室", "role": "角色", "password_hash": "密码",
        "failed_attempts": "连续输错次数", "locked_until": "锁定至", "active": "启用",
        "must_change_password": "须在登录时修改密码",
    },
    "holiday_year": {"source": "来源", "entered_at": "录入时间", "confirmed": "已确认"},
    "holiday_day": {"off": "放假"},
    "info_request": {
        "channel": "申请方式", "received_date": "收到申请日期", "applicant_type": "申请人类型",
        "applicant_name": "申请人", "id_type": "证件类型", "id_number": "证件号码", "email": "电子邮箱",
        "contact_person": "联系人", "content": "申请内容", "delivery_form": "获取信息方式", "oral": "口头申请",
        "filled_by": "代为填写人", "clock_start": "起算日", "due_date": "答复期限",
        "due_provisional": "期限暂估", "handler": "承办人", "correction_date": "补正告知日期",
        "correction_items": "补正事项", "correction_deadline": "补正期限", "correction_received": "收到补正日期",
        "extension_days": "延期（工作日）", "extension_date": "延期日期", "extension_reason": "延期理由",
        "extension_approver": "延期批准人", "fee_method": "收费方式", "fee_quantity": "收费数量",
        "fee_amount": "收费金额（元）", "fee_breakdown": "收费明细", "fee_notice_date": "收费通知日期",
        "fee_deadline": "缴费期限", "fee_paid_date": "缴费日期", "result_code": "答复类型", "article": "条款",
        "reasons": "理由", "legal_basis": "法律依据", "withheld": "不予公开部分",
        "responsible_agency": "负责公开的机关", "responsible_contact": "联系方式", "provided_docs": "提供的信息",
        "page_count": "页数", "reply_date": "答复日期", "signed_off_by": "签发人", "on_time": "按期办结",
        "service_method": "送达方式", "delivered_date": "送达日期", "receiver": "签收人",
        "tracking_number": "邮件单号", "withdrawn_date": "撤回日期", "archived_date": "归档日期",
        "correction_days": "补正期限（工作日）", "correction_delivered": "补正告知书送达日期",
        "correction_delivery_method": "补正告知书送达方式", "fee_delivered": "收费通知书送达日期",
        "fee_delivery_method": "收费通知书送达方式", "piece_count": "计收件数",
    },
    "consultation": {"party": "征求对象", "sent_date": "发出日期", "reply_due": "答复期限",
                     "reply_date": "答复日期", "opinion": "意见", "delivered_date": "送达日期",
                     "delivery_method": "送达方式", "disclose_party": "告知申请人时写明第三方名称"},
    "attachment": {"filename": "文件名", "data": "文件内容", "added_by": "添加人", "added_at": "添加时间"},
    "complaint": {
        "received_on": "收到日期", "channel": "渠道", "assigned_body": "交办机关", "assigned_due": "交办回复期限",
        "contact_entry_id": "所转首问登记", "anonymous": "匿名", "identity": "投诉举报人身份",
        "wants_reply": "要求答复", "reply_how": "答复方式", "target_user_id": "被投诉举报的工作人员",
        "target_person": "被投诉举报人员", "department_id": "被投诉举报的科室", "target_department": "被投诉举报科室",
        "category": "类别", "facts": "事实和理由", "happened": "发生时间和地点", "taken_by": "接待（记录）人",
        "taken_place": "接待地点", "due": "办理期限", "decision": "受理决定", "decision_on": "决定日期",
        "other_body": "有权处理的机关", "investigation": "调查方式", "approved_by": "批准的领导",
        "finding": "调查结论", "finding_on": "查结日期", "measures": "处理措施", "report": "初步审查报告",
        "extension_days": "延长期限（日）", "extension_approved_by": "延期批准人", "feedback_on": "反馈日期",
        "feedback_how": "反馈方式", "feedback_words": "反馈的内容", "feedback_response": "投诉举报人的意见",
    },
    "accountability_record": {
        "complaint_id": "所涉投诉举报", "person_user_id": "工作人员", "person": "工作人员姓名",
        "department_id": "科室", "department": "科室名称", "ordinal": "第几次", "measure": "处理措施",
        "person_points": "个人扣分", "section_points": "科室扣分", "head_points": "科室负责人扣分",
        "confirmed_by": "确认人", "confirmed_on": "确认日期",
    },
    "accountability_step": {"preset": "方案", "ordinal": "第几次", "measure": "处理措施",
                            "person_points": "扣减年度考评（分）"},
    "complaint_settings": {
        "accept_days": "告知是否受理期限（日）", "result_days": "办结期限（日）", "extension_max_days": "最长延期（日）",
        "working_days": "按工作日计算", "near_due_days": "临近期限提示（日）", "ladder_preset": "责任追究方案",
        "section_points": "科室扣分", "head_points": "科室负责人扣分", "viewer_ids": "指定可查看身份的人员",
        "public_key": "公钥",
    },
    "complaint_key_wrap": {"user_id": "持有人", "salt": "盐值", "scrypt_n": "密钥派生参数", "nonce": "随机数",
                           "wrapped": "加密的密钥", "granted_by": "授予人"},
    "contact_entry": {
        "contact_at": "时间", "channel": "方式", "person": "姓名或名称", "matter_id": "事项", "matter_name": "事项名称",
        "category": "类别", "question": "问题", "responder_id": "首问责任人", "responder": "首问责任人姓名",
        "outcome": "处理方式", "answer": "答复或办理情况", "department_id": "转至科室", "referred_to": "转至",
        "referred_person": "接收人", "referred_how": "转交方式", "accept_due": "接办期限", "result_due": "办结期限",
        "accepted_by": "接办人", "accepted_at": "接办时间", "result": "办理结果", "result_day": "办结日期",
        "followup_day": "回访日期", "followup_how": "回访方式", "rating": "评价", "followup_words": "回访意见",
        "followup2_day": "再次回访日期", "rating2": "再次回访评价", "followup2_words": "再次回访意见",
        "rectification_id": "整改任务", "notice_id": "一次性告知书", "request_id": "政府信息公开申请",
        "closed_day": "办结日期",
    },
    "contact_event": {"entry_id": "所属首问登记"},
    "rectification_task": {
        "source_kind": "来源", "source_id": "来源记录", "source_label": "来源", "what": "整改内容", "owner": "责任人",
        "department": "责任科室", "opened_on": "开始日期", "due_date": "整改期限", "evidence": "整改情况",
        "done_on": "整改完成日期", "verified_by": "销号人", "verified_on": "销号日期",
    },
    "post_assignment": {"user_id": "人员", "post": "职务", "department_id": "分管科室", "start_on": "起始日期",
                        "end_on": "截止日期"},
    "duty_completion": {"user_id": "责任人", "period": "期间", "completed_on": "完成日期", "note": "说明",
                        "recorded_by": "登记人"},
    "supervision_settings": {"check_months": "督查间隔（月）", "meeting_months": "专题会议间隔（月）"},
    "checklist_template_item": {"position": "顺序", "hint": "检查要点"},
    "supervision_check": {
        "holder_id": "督查责任人", "period": "季度", "areas": "督查范围", "department_ids": "督查科室",
        "check_date": "督查日期", "checker": "督查人", "participants": "参加人员", "problems": "发现的问题",
        "figures": "工作数据", "figures_on": "数据提取日期", "completed_on": "完成日期",
    },
    "supervision_check_item": {"check_id": "所属督查记录", "position": "顺序", "result": "检查结果", "note": "说明"},
    "supervision_meeting": {
        "holder_id": "主要负责人", "period": "半年度", "meeting_date": "会议日期", "place": "会议地点", "chair": "主持人",
        "attendees": "参会人员", "reports_heard": "听取汇报", "issues": "研究的问题", "decisions": "会议决定",
        "completed_on": "完成日期",
    },
    "assessment_item": {"ordinal": "顺序", "weight": "分值", "rule": "评分标准", "figure_key": "参考数据"},
    "assessment_unit": {"department_id": "科室"},
    "assessment_score": {
        "item_id": "考核项目", "department_id": "科室", "self_tenths": "自评分（0.1分）", "self_reason": "自评说明",
        "self_by": "自评填报人", "score_tenths": "考核分（0.1分）", "reason": "扣分理由", "scored_by": "评分人",
    },
    "assessment_notice": {
        "department_id": "科室", "notified_on": "通报日期", "items_tenths": "项目得分（0.1分）",
        "deduction_tenths": "责任追究扣分（0.1分）", "total_tenths": "总分（0.1分）", "grade": "等次",
        "task_id": "整改任务", "notified_by": "通报人",
    },
    "record_attachment": {"record_id": "所属记录", "note": "说明"},
    "record_correction": {"record_type": "记录种类", "record_id": "所属记录", "field": "更正的项目",
                          "label": "项目名称", "consequences": "随之改变的内容"},
    "signoff_item": {
        "record_id": "所涉记录", "record_label": "所涉记录名称", "summary": "签批内容摘要", "payload": "提交的内容",
        "submitted_by": "提交人", "submitter_id": "提交人账号", "submitted_at": "提交时间", "submitted_day": "提交日期",
        "decided_by": "签批人", "decided_at": "签批时间", "decided_day": "签批日期", "acknowledged": "经办人已知悉退回",
    },
    "annual_report_draft": {"overview": "一、总体情况", "problems": "五、存在的主要问题及改进情况",
                            "other": "六、其他需要报告的事项", "material_due": "各科室报送材料截止"},
    "annual_report_version": {
        "numbers": "报告数据", "pdf": "PDF文件", "pdf_sha256": "PDF校验值", "docx": "Word文件",
        "docx_sha256": "Word校验值", "xlsx": "Excel文件", "xlsx_sha256": "Excel校验值", "finalised_by": "定稿人",
        "finalised_at": "定稿时间",
    },
    "proactive_figures": {"fees_yuan": "行政事业性收费·本年收费金额（元）", "source_note": "数据来源"},
    "dispute_case": {"route": "起诉途径", "case_number": "案号", "body": "复议机关或法院", "filed_date": "立案日期",
                     "result": "审结结果", "decided_date": "审结日期"},
    "matter": {"current_version": "现行版本", "retired": "已下架", "retired_on": "下架日期"},
    "matter_version": {"matter_id": "事项", "effective_on": "生效日期"},
    "matter_filing": {"matter_id": "事项", "action": "备案类型", "reason": "调整原因", "basis": "调整依据",
                      "filed_on": "备案日期"},
    "matter_change": {"filing_id": "所属备案", "element": "调整的要素"},
    "matter_material": {
        "version_id": "所属事项版本", "position": "顺序", "name": "材料名称", "original": "原件或复印件",
        "copies": "份数", "medium": "载体", "required": "必需提交", "condition": "视情形提交的情形",
        "requirement": "材料要求", "source": "材料来源",
    },
    "notice": {
        "notice_date": "告知日期", "applicant_name": "申请人", "contact_phone": "联系电话",
        "person_key": "申请人识别（姓名和电话）", "matter_id": "事项", "matter_version_id": "事项版本",
        "matter_name": "事项名称", "matter_version": "事项清单版本号", "clerk": "经办人", "clerk_label": "经办人账号",
        "clerk_phone": "经办人电话", "completed_on": "补齐日期", "closed_on": "办结日期",
        "request_id": "关联的政府信息公开申请", "missing": "尚缺材料", "pdf": "告知书文件",
    },
    "notice_item": {"notice_id": "所属告知书", "position": "顺序", "material_id": "申请材料",
                    "material_name": "材料名称", "problem": "问题", "requirement": "材料要求"},
    "issued_letter": {"doc_number": "发文字号", "consultation_id": "征求意见", "letter_date": "成文日期",
                      "pdf": "文书文件", "issued_by": "出具人", "issued_at": "出具时间",
                      "outdated_at": "过时时间", "outdated_reason": "过时原因"},
}


def _model_of(entity: str):  # noqa: ANN202
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == entity:
            return mapper.class_
    return None


def entity_label(entity: str) -> str:
    model = _model_of(entity)
    named = getattr(model, "__audit_name__", "") if model is not None else ""
    return named or ENTITY_LABELS.get(entity, "其他记录")


@functools.cache
def _borrowed() -> dict[str, dict[str, str]]:
    """Labels a module already shows for its own fields (事项要素, table 二 figures): read, never copied."""
    from app.services.annual_report.figures import LABELS as FIGURES
    from app.services.catalogue.elements import ELEMENTS

    return {"matter_version": {e.key: e.label for e in ELEMENTS}, "proactive_figures": dict(FIGURES)}


def field_label(entity: str, key: str) -> str:
    model = _model_of(entity)
    if model is not None:
        col = model.__table__.columns.get(key)
        if col is not None and col.info.get("label"):
            return col.info["label"]
    return (FIELD_LABELS.get(entity, {}).get(key) or _borrowed().get(entity, {}).get(key) or _COMMON.get(key)
            or f"字段{key}")
