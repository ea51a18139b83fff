"""投诉举报: registration with a protected identity, handling with its clock, the 责任追究 ledger."""
