"""投诉举报: registration with a protected identity, handling with its clock, the 责任追究 ledger."""

from app.services.complaints import evidence as _evidence  # noqa: F401  (registers the "complaint" attachments)
