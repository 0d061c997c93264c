"""A stored draft as the command line prints it with ``draft --json``: the stable shape."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from secresponder.domain.draft import Draft, readiness_warnings, to_snapshot
from secresponder.domain.forms import RESPONDENT_KEYS
from secresponder.services.drafting import effective_respondent
from secresponder.services.types import StoredConsultation
from secresponder.store.sql.session import AnyWorkspace


def draft_json(ws: AnyWorkspace, stored: StoredConsultation, draft: Draft,
               now: datetime) -> dict[str, Any]:
    """The draft as JSON: its snapshot plus where it is stored and what is missing at ``now``."""
    c = stored.consultation
    respondent = effective_respondent(ws, draft)
    data = to_snapshot(draft)
    data.pop("format", None)
    data["key"] = stored.key
    data["reference"] = c.reference
    data["title"] = c.title
    data["version"] = draft.version
    data["respondent_overrides"] = data.pop("respondent")
    data["respondent"] = {k: respondent.value(k) for k in RESPONDENT_KEYS}
    data["questions"] = [
        {
            "number": q.number,
            "text": q.text,
            "response": draft.answers[q.number].response if q.number in draft.answers else "",
            "rationale": draft.answers[q.number].rationale if q.number in draft.answers else "",
        }
        for q in draft.questions()
    ]
    data["missing"] = readiness_warnings(draft, respondent, c.closes_at, now)
    return data
