"""Fixed vocabularies of the request register (第二十九条, 第三十一条, annual-report columns)."""

from __future__ import annotations

import enum

CHANNELS = ("当面提交", "邮寄", "互联网", "传真", "电子邮件", "其他")

# 第三十一条: which day counts as the day of receipt, per channel.
RECEIPT_RULES = {
    "当面提交": "当面提交的，以提交之日为收到申请之日",
    "邮寄": "邮寄的，以机关签收之日为收到申请之日；平常信函等无需签收的，以双方确认之日为收到申请之日",
    "互联网": "通过互联网渠道提交的，以双方确认之日为收到申请之日",
    "传真": "以传真提交的，以双方确认之日为收到申请之日",
    "电子邮件": "以电子邮件提交的，以双方确认之日为收到申请之日",
    "其他": "以双方确认之日为收到申请之日",
}

NATURAL_PERSON = "自然人"
ORG_TYPES = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他组织")
APPLICANT_TYPES = (NATURAL_PERSON, *ORG_TYPES)

ID_RESIDENT = "居民身份证"
ID_USCC = "统一社会信用代码"
ID_TYPES = (ID_RESIDENT, "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证",
            ID_USCC, "其他")

DELIVERY_FORMS = ("纸质", "电子邮件", "邮寄", "当面领取", "当场查阅", "其他")
SERVICE_METHODS = ("直接送达", "邮寄送达", "电子送达", "留置送达", "委托送达", "公告送达")

CONSULT_KINDS = ("第三方", "其他机关")


class State(enum.StrEnum):
    REGISTERED = "已登记"
    CORRECTION = "补正中"
    CORRECTION_RECEIVED = "补正已收到"
    CORRECTION_LAPSED = "逾期未补正"
    PROCESSING = "办理中"
    CONSULTING = "征求意见中"
    EXTENDED = "已延期"
    AWAITING_FEE = "待缴费"
    ANSWERED = "已答复"
    DELIVERED = "已送达"
    ARCHIVED = "已归档"
    WITHDRAWN = "申请人撤回"

    @property
    def is_open(self) -> bool:
        """Still running against the statutory clock."""
        return self in OPEN_STATES


OPEN_STATES = frozenset({State.REGISTERED, State.CORRECTION_RECEIVED, State.PROCESSING, State.CONSULTING,
                         State.EXTENDED, State.AWAITING_FEE})
CLOSED_STATES = frozenset({State.ANSWERED, State.DELIVERED, State.ARCHIVED, State.WITHDRAWN,
                           State.CORRECTION_LAPSED})
