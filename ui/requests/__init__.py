"""The 依申请公开 tab: register list, intake form, request window, decisions."""
