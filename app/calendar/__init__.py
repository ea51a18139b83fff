"""The official working-day calendar (国务院办公厅节假日安排).

Deadlines in the disclosure regulation are counted in working days, so every
date computation in the app goes through :class:`WorkCalendar`.
"""

from app.calendar.workcalendar import (
    DayCount,
    Deadline,
    Pause,
    WorkCalendar,
    YearSchedule,
    official_years,
)

__all__ = ["DayCount", "Deadline", "Pause", "WorkCalendar", "YearSchedule", "official_years"]
