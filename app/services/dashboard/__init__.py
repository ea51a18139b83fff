"""The head's duty view (工作台): everything due or overdue this week across the tabs, one provider
per source module, each calling that module's own queries (its definitions of due and overdue are
never rewritten here), and the monthly on-time rate for the chart."""

from app.services.dashboard.model import KINDS, DutyView, Group, Line
from app.services.dashboard.view import duty_view

__all__ = ["KINDS", "DutyView", "Group", "Line", "duty_view"]
