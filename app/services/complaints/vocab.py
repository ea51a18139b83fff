"""The words of the 投诉举报 register (seed 000 四(三), 六(二); 信访工作条例 2022), in one place."""

from __future__ import annotations

CHANNELS = ("当面", "电话", "信函", "网络", "委托他人", "意见箱", "上级交办", "转自首问")
CATEGORIES = ("刁难", "勒索索要", "效率低下/拖延", "服务态度", "不履行服务承诺", "擅自增设条件",
              "违反政务公开规定", "其他")
REPLY_HOW = ("电话", "短信", "信函", "当面")
DECISIONS = ("受理", "告知向有权机关反映", "转交有权机关")
INVESTIGATIONS = ("初步调查", "报领导/党组")
FINDINGS = ("属实", "部分属实", "不属实", "无法查实")
FEEDBACK_HOW = ("电话", "短信", "信函", "当面", "网络")

# states
WAITING = "待受理"
HANDLING = "办理中"
FOUND = "已查结"
DONE = "已办结"
TOLD = "已告知"
TRANSFERRED = "已转交"
OPEN_STATES = (WAITING, HANDLING, FOUND)

BLAME = "责任追究"
PRAISE = "表扬"
UNCONFIRMED = "待确认"
CONFIRMED = "已确认"

# The two ladder presets (data an office may edit; these are only the first contents).
LADDER_004 = "逐次递进（警告—扣分—停职培训）"
LADDER_000 = "按情节（告诫—通报批评—处分—移送司法）"
PRESETS: dict[str, list[tuple[str, int]]] = {
    LADDER_004: [("警告，记入个人档案", 0), ("年度考评扣10分", 10), ("停职培训", 0)],
    LADDER_000: [("告诫或批评教育，并限期改正", 0),
                 ("通报批评，责令作出书面检查，取消当年评优资格，扣发全年绩效奖金的50%", 0),
                 ("通报批评，责令限期整改，取消年度评优资格，调离原工作岗位，按规定给予相应的党纪政纪处分", 0),
                 ("移送司法机关处理", 0)],
}
