"""首问负责: the first-responder log (entry, referral follow-through, register, 登记簿, statistics)."""
