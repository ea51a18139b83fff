"""The log's fixed vocabulary, as the issue and the 登记簿 name it."""

from __future__ import annotations

CHANNELS = ("来访", "来电", "网上咨询", "信函", "其他")
CATEGORIES = ("咨询", "办事", "求助", "意见建议", "投诉举报")
COMPLAINT = "投诉举报"

ANSWERED, DONE_ON_SPOT = "当场答复", "当场办理"
NOTICE = "一次性告知"
INTERNAL, EXTERNAL = "引导至本机关科室", "协助转其他机关"
TO_REQUEST, TO_COMPLAINT = "转为政府信息公开申请", "转为投诉举报"
OUTCOMES = (ANSWERED, DONE_ON_SPOT, NOTICE, INTERNAL, EXTERNAL, TO_REQUEST, TO_COMPLAINT)
REFERRALS = (INTERNAL, EXTERNAL)
ON_THE_SPOT = (ANSWERED, DONE_ON_SPOT)

CLOSED, AWAIT_ACCEPT, IN_HAND, AWAIT_FOLLOWUP, OVERDUE = "已办结", "待接办", "办理中", "待回访", "已逾期"
STATES = (CLOSED, AWAIT_ACCEPT, IN_HAND, AWAIT_FOLLOWUP)  # stored; 已逾期 is derived from the due dates
SHOWN_STATES = (*STATES, OVERDUE)

# the national 好差评 scale; the last two are a 差评
RATINGS = ("非常满意", "满意", "基本满意", "不满意", "非常不满意")
BAD_RATINGS = ("不满意", "非常不满意")
FOLLOWUP_WAYS = ("电话", "当面", "短信", "网上", "上门")

ACCEPT_DAYS = 1  # a referral not 接办 within one working day is overdue
DEFAULT_RESULT_DAYS = 5
DEFAULT_RECTIFICATION_DAYS = 15  # 国办发〔2019〕51号 as commonly applied
