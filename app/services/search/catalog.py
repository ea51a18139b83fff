"""Every searchable register, in one place so the index listener always knows them all.

Adding a register's search (e.g. a new tab's list): append one ``SearchSpec`` to
``SPECS`` below, and add one line to the new register's migration so existing
databases get their documents::

    from app.services.search import index
    index.rebuild(op.get_bind(), "complaint")   # in upgrade(), after creating the table

Every ORM flush then keeps ``search_doc`` (and the FTS5 / pg_trgm indexes) in
step in the same transaction; bulk Core inserts call ``index.put`` themselves.
"""

from __future__ import annotations

from app.db.models import Complaint, ContactEntry, InfoRequest, Matter, Notice
from app.services.search.documents import SearchSpec

REQUESTS = SearchSpec(
    kind="info_request", model=InfoRequest,
    fields=("number", "applicant_name", "id_number", "phone", "content", "contact_person"),
    names=("applicant_name",), initials=("content",),
)

# the counter finds a matter by name, full pinyin or initials ("xedk" → 小额贷款公司设立)
MATTERS = SearchSpec(kind="matter", model=Matter, fields=("name",), names=("name",))
NOTICES = SearchSpec(
    kind="notice", model=Notice,
    fields=("number", "applicant_name", "contact_phone", "matter_name", "missing", "clerk"),
    names=("applicant_name",), initials=("matter_name",),
)

# 首问负责登记: person (and pinyin), phone, matter, question, answer, where it went, who answered
CONTACTS = SearchSpec(
    kind="contact_entry", model=ContactEntry,
    fields=("number", "person", "phone", "matter_name", "question", "answer", "referred_to", "responder"),
    names=("person",), initials=("matter_name", "question"),
)

# 投诉举报: number, whom and what it is about, facts, where from — never who complained (the
# identity exists only as ciphertext in complaint.identity and is not a field here)
COMPLAINTS = SearchSpec(
    kind="complaint", model=Complaint,
    fields=("number", "target_person", "target_department", "category", "channel", "facts", "happened",
            "assigned_body", "other_body"),
    names=("target_person",), initials=("facts",),
)

SPECS: dict[str, SearchSpec] = {s.kind: s for s in (REQUESTS, MATTERS, NOTICES, CONTACTS, COMPLAINTS)}
BY_MODEL: dict[type, SearchSpec] = {s.model: s for s in SPECS.values()}
