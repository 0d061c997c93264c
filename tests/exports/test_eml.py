"""The .eml draft: addressed right, subject exact, form attached, no header injection."""

from __future__ import annotations

import email
from datetime import datetime
from email import policy

from hypothesis import given, settings
from hypothesis import strategies as st

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON
from secresponder.domain.forms import Respondent
from secresponder.exports.eml import Attachment, build_eml

CLOSES = datetime(2023, 5, 12, 17, 0, tzinfo=LONDON)
ASHA = Respondent(name="Asha Pätel", organisation="Northern Power Ltd", email="asha@np.example")
DOCX = Attachment("MP231 Northern Power Ltd response.docx", b"PK\x03\x04docx-bytes" * 50)


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)


def test_addressed_to_the_response_mailbox_with_default_subject_and_attachment():
    c = Consultation("MP231", "Firmware upgrade pathways", None, CLOSES,
                     respond_to="SECAS@gemserv.com")
    data = build_eml(c, ASHA, DOCX)
    assert b"\r\n" in data
    msg = parse(data)
    assert msg["To"] == "SECAS@gemserv.com"
    assert msg["From"].addresses[0].addr_spec == "asha@np.example"
    assert msg["From"].addresses[0].display_name == "Asha Pätel"
    assert msg["Subject"] == "MP231 Firmware upgrade pathways consultation response"
    assert msg["X-Unsent"] == "1"
    body = msg.get_body(("plain",)).get_content()
    assert "Northern Power Ltd" in body and "MP231 'Firmware upgrade pathways'" in body
    assert "5pm, Friday 12 May 2023" in body
    [part] = list(msg.iter_attachments())
    assert part.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert part.get_filename() == DOCX.file_name
    assert part.get_content() == DOCX.data


def test_required_subject_line_is_used_exactly_and_xlsx_gets_its_type():
    c = Consultation(None, "SMETS1 Enrolment", "Request for Information", CLOSES,
                     subject="RFI Response – SMETS1 [Org Name]")
    msg = parse(build_eml(c, Respondent(), Attachment("log.xlsx", b"PK..")))
    assert msg["Subject"] == "RFI Response – SMETS1 [Org Name]"
    assert msg["From"] is None  # no respondent email known
    [part] = list(msg.iter_attachments())
    assert part.get_content_type().endswith("spreadsheetml.sheet")


def test_malicious_title_and_subject_cannot_add_headers():
    c = Consultation(
        "MP231",
        "Firmware\r\nBcc: victim@example.com\r\n\r\nInjected body",
        None,
        CLOSES,
        subject="Reply\nCc: other@example.com\x00\x1b",
    )
    r = Respondent(name="Eve\r\nBcc: x@example.com", email="eve@example.com\r\nBcc: y@ex.com")
    data = build_eml(c, r, DOCX)
    msg = parse(data)
    assert msg["Bcc"] is None and msg["Cc"] is None
    assert msg["Subject"] == "Reply Cc: other@example.com"
    assert msg["From"] is None  # not an address once cleaned
    headers = data.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in headers and b"\nCc:" not in headers
    c2 = Consultation("MP231", "Firmware\r\nBcc: victim@example.com", None, CLOSES)
    msg2 = parse(build_eml(c2, ASHA, DOCX))
    assert msg2["Bcc"] is None
    assert msg2["Subject"] == "MP231 Firmware Bcc: victim@example.com consultation response"


def test_bad_response_address_leaves_to_empty_rather_than_injecting():
    c = Consultation("MP1", "T", None, CLOSES, respond_to="a@b.com\r\nBcc: c@d.com")
    msg = parse(build_eml(c, ASHA, DOCX))
    assert msg["To"] is None and msg["Bcc"] is None


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=120),
    subject=st.none() | st.text(max_size=80),
)
def test_no_title_or_subject_can_add_a_header(title, subject):
    c = Consultation("MP231", title, None, CLOSES, subject=subject)
    data = build_eml(c, ASHA, DOCX)
    msg = parse(data)
    top = {k.lower() for k in msg}
    assert top <= {"to", "from", "subject", "x-unsent", "mime-version", "content-type"}
    assert "\n" not in str(msg["Subject"]) and "\r" not in str(msg["Subject"])
    assert len(list(msg.iter_attachments())) == 1
