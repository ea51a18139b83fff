"""年度报告 tab: the annual disclosure report, its 主动公开 figures and the 复议/诉讼 cases."""
