"""The email draft (.eml) that carries a response to the consultation's mailbox.

Built with the standard library's ``EmailMessage`` (SMTP policy, CRLF line
ends) and marked ``X-Unsent: 1`` so mail programs open it as a draft to send.
Text that reaches a header (titles, subject lines, names) has CR, LF and other
control characters removed, so a crafted page cannot add headers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import format_deadline
from secresponder.domain.forms import Respondent

MIME_TYPES: dict[str, tuple[str, str]] = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pdf": ("application", "pdf"),
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\]+$")


@dataclass(frozen=True)
class Attachment:
    file_name: str
    data: bytes


def header_text(text: str) -> str:
    """``text`` fit for one header line: control characters become spaces, runs of spaces one."""
    return " ".join(_CONTROL.sub(" ", text).split())


def clean_address(text: str) -> str | None:
    """A bare address such as ``sec.change@gemserv.com``, or None if ``text`` is not one."""
    candidate = header_text(text)
    return candidate if _ADDRESS.match(candidate) else None


def default_subject(consultation: Consultation) -> str:
    parts = [consultation.reference or "", consultation.title, "consultation response"]
    return " ".join(p for p in parts if p)


def subject_line(consultation: Consultation) -> str:
    """The required subject line exactly when the page gives one, else ``<REF> <title> ...``."""
    required = header_text(consultation.subject or "")
    return required or header_text(default_subject(consultation))


def body_text(consultation: Consultation, respondent: Respondent) -> str:
    organisation = header_text(respondent.organisation) or "our organisation"
    title = header_text(consultation.title)
    name = " ".join(p for p in (consultation.reference, f"'{title}'") if p)
    kind = header_text(consultation.kind or "") or "consultation"
    lines = [
        "Dear SECAS,",
        "",
        f"Please find attached {organisation}'s response to the {name} {kind.lower()}, "
        f"which closes at {format_deadline(consultation.closes_at)}.",
        "",
    ]
    if respondent.confidential:
        lines += ["Please treat this response as confidential.", ""]
    lines += ["Kind regards,", ""]
    lines += [header_text(x) for x in (respondent.name, respondent.organisation) if x.strip()]
    return "\n".join(lines) + "\n"


def build_eml(
    consultation: Consultation,
    respondent: Respondent,
    attachment: Attachment,
    *,
    date: datetime | None = None,
) -> bytes:
    """The draft message as bytes ready to write to a ``.eml`` file.

    ``date`` (an aware datetime) sets the Date header when given.
    """
    msg = EmailMessage(policy=policy.SMTP)
    to = clean_address(consultation.respond_to)
    if to:
        msg["To"] = to
    sender = clean_address(respondent.email)
    if sender:
        display = header_text(respondent.name)
        msg["From"] = Address(display_name=display, addr_spec=sender) if display else sender
    msg["Subject"] = subject_line(consultation)
    if date is not None:
        msg["Date"] = format_datetime(date)
    msg["X-Unsent"] = "1"
    msg.set_content(body_text(consultation, respondent))
    suffix = "." + attachment.file_name.rsplit(".", 1)[-1].lower()
    maintype, subtype = MIME_TYPES.get(suffix, ("application", "octet-stream"))
    msg.add_attachment(
        attachment.data,
        maintype=maintype,
        subtype=subtype,
        filename=header_text(attachment.file_name),
    )
    return msg.as_bytes()
