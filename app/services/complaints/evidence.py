"""Evidence attached to a complaint: the shared attachment mechanism, registered for record type "complaint".

Whoever may read the complaint may read its evidence (the evidence is about the
facts, not the complainant; a file that names the complainant is the handler's to
keep out or to describe in the note).  Adding evidence is part of handling.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.db.models import Complaint
from app.services import attachments
from app.services.rights import Right

RECORD_TYPE = "complaint"


def _exists(s: Session, complaint_id: int) -> bool:
    return s.get(Complaint, complaint_id) is not None


EVIDENCE = attachments.register_record_type(RECORD_TYPE, "投诉举报", Right.COMPLAINT_READ, Right.COMPLAINT_HANDLE,
                                            _exists)
