"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from app.db.models.audit import AuditEntry
from app.db.models.holidays import HolidayDay, HolidayYear
from app.db.models.letters import IssuedLetter, LetterTemplate
from app.db.models.numbering import NumberPattern, NumberSequence
from app.db.models.profile import AgencyProfile, Department
from app.db.models.requests import (
    Attachment,
    Consultation,
    InfoRequest,
    RequestEvent,
)
from app.db.models.users import Role, User

__all__ = [
    "AgencyProfile",
    "Attachment",
    "Consultation",
    "InfoRequest",
    "IssuedLetter",
    "LetterTemplate",
    "NumberPattern",
    "NumberSequence",
    "RequestEvent",
    "AuditEntry",
    "Department",
    "HolidayDay",
    "HolidayYear",
    "Role",
    "User",
]
