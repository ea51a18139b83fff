"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from app.db.models.annual import AnnualReportVersion, DisputeCase, ProactiveFigures, ReportDraft
from app.db.models.assessment import (
    AssessmentItem,
    AssessmentNotice,
    AssessmentScore,
    AssessmentUnit,
)
from app.db.models.attachments import RecordAttachment
from app.db.models.audit import AuditChain, AuditEntry
from app.db.models.catalogue import (
    Matter,
    MatterChange,
    MatterFiling,
    MatterMaterial,
    MatterVersion,
)
from app.db.models.complaints import (
    AccountabilityRecord,
    Complaint,
    ComplaintKeyWrap,
    ComplaintSettings,
    LadderStep,
)
from app.db.models.contacts import ContactEntry, ContactEvent
from app.db.models.corrections import RecordCorrection
from app.db.models.holidays import HolidayDay, HolidayYear
from app.db.models.letters import IssuedLetter, LetterTemplate
from app.db.models.notices import Notice, NoticeItem
from app.db.models.numbering import NumberPattern, NumberSequence
from app.db.models.profile import AgencyProfile, Department
from app.db.models.rectification import RectificationTask
from app.db.models.requests import (
    Attachment,
    Consultation,
    InfoRequest,
    RequestEvent,
)
from app.db.models.search import SearchDoc
from app.db.models.signoff import SignoffItem
from app.db.models.supervision import (
    CheckItem,
    ChecklistTemplateItem,
    DutyCompletion,
    PostAssignment,
    SupervisionCheck,
    SupervisionMeeting,
    SupervisionSettings,
)
from app.db.models.users import Role, User

__all__ = [
    "AnnualReportVersion",
    "DisputeCase",
    "ProactiveFigures",
    "ReportDraft",
    "AssessmentItem",
    "AssessmentNotice",
    "AssessmentScore",
    "AssessmentUnit",
    "Matter",
    "MatterChange",
    "MatterFiling",
    "MatterMaterial",
    "MatterVersion",
    "ContactEntry",
    "ContactEvent",
    "AccountabilityRecord",
    "Complaint",
    "ComplaintKeyWrap",
    "ComplaintSettings",
    "LadderStep",
    "Notice",
    "NoticeItem",
    "AgencyProfile",
    "Attachment",
    "Consultation",
    "InfoRequest",
    "IssuedLetter",
    "LetterTemplate",
    "NumberPattern",
    "NumberSequence",
    "RecordAttachment",
    "RecordCorrection",
    "RectificationTask",
    "RequestEvent",
    "SearchDoc",
    "SignoffItem",
    "CheckItem",
    "ChecklistTemplateItem",
    "DutyCompletion",
    "PostAssignment",
    "SupervisionCheck",
    "SupervisionMeeting",
    "SupervisionSettings",
    "AuditChain",
    "AuditEntry",
    "Department",
    "HolidayDay",
    "HolidayYear",
    "Role",
    "User",
]
