"""What a label means: respondent details, question-table headers and answer-row labels.

Labels vary from form to form ("Organisation", "Company name", "Name of
respondent", "Is your response confidential?"); these rules map them onto the
respondent keys and column roles the rest of the package works with.
"""

from __future__ import annotations

import re

from secresponder.forms.docx.placeholders import clean, is_placeholder, strip_glyphs
from secresponder.forms.respondent_labels import is_respondent_detail
from secresponder.forms.respondent_labels import respondent_key as shared_respondent_key

MAX_LABEL_CHARS = 60

_NUMBER_HEADERS = re.compile(
    r"^(?:no|no\.|nos?\.?|number|num|#|ref|ref\.|reference|q|q\.|q no\.?|qn|item|"
    r"question (?:no\.?|number|ref(?:erence)?|#)|consultation question (?:no\.?|number))$"
)
_QUESTION_HEADERS = re.compile(r"question")
_RESPONSE_HEADERS = re.compile(
    r"response|answer|\bposition\b|\bviews?\b|yes ?/ ?no|\bcomments?\b|your input"
)
# "Agree" reads as a response label only in a short label ("Do you agree?").
_SHORT_AGREE = re.compile(r"^(?:do you )?(?:agree|disagree)\b.{0,12}$")
_RATIONALE_HEADERS = re.compile(
    r"rationale|reason|explain|explanation|justification|supporting|evidence|\bwhy\b"
    r"|further comments?|additional comments?|detail"
)


def label_text(text: str) -> str:
    """A label as shown, without check-box glyphs, outer spaces or a trailing colon."""
    body = strip_glyphs(text).replace("\n", " ").replace("\t", " ")
    body = re.sub(r"\s+", " ", body).strip()
    return body.rstrip(":*").strip()


def _key_form(text: str) -> str:
    return re.sub(r"\s+", " ", label_text(text).lower().replace("’", "'"))


def respondent_key(text: str) -> tuple[bool, str | None]:
    """(True, key) when ``text`` reads as a respondent-detail label; (False, None) if not.

    The key comes from the shared whole-label vocabulary; a detail it does not know
    ("Role of Respondent", "Job title") is (True, None), so it is still listed.
    """
    body = label_text(text)
    if not body or len(body) > MAX_LABEL_CHARS * 2 or is_placeholder(text):
        return False, None
    if not is_respondent_detail(body):
        return False, None
    return True, shared_respondent_key(body)


def plausible_label(text: str) -> bool:
    """A short piece of text that could label a value (used for unrecognised fields)."""
    body = label_text(text)
    return 0 < len(body) <= 40 and body[-1:] != "." and "?" not in body[:-1]


def header_role(text: str) -> str | None:
    """The role of a question-table column from its header: number/question/response/rationale."""
    body = _key_form(text).rstrip("?.")
    if not body or len(body) > MAX_LABEL_CHARS:
        return None
    if _NUMBER_HEADERS.match(body):
        return "number"
    if _RATIONALE_HEADERS.search(body):
        return "rationale"
    if _QUESTION_HEADERS.search(body):
        return "question"
    if _RESPONSE_HEADERS.search(body) or _SHORT_AGREE.match(body):
        return "response"
    return None


def answer_row_role(text: str) -> str | None:
    """ "response" or "rationale" for the label of an answer row in a per-question table."""
    body = _key_form(text).rstrip("?.")
    if not body or len(body) > MAX_LABEL_CHARS:
        return None
    if _RATIONALE_HEADERS.search(body):
        return "rationale"
    if _RESPONSE_HEADERS.search(body) or _SHORT_AGREE.match(body):
        return "response"
    return None


def is_label_line(text: str) -> bool:
    """True when ``text`` could be cleaned to a non-empty label."""
    return bool(clean(label_text(text)))
