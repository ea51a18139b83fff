"""The 投诉举报 tab (register, registration form, handling steps, 责任追究台账, settings)."""
