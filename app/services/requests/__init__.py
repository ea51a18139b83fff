"""依申请公开: intake, the statutory clock, decisions, queries, ledger import/export."""
