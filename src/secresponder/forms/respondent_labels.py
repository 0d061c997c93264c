"""One vocabulary of respondent-detail labels, shared by the Word and Excel readers.

A label is matched as a WHOLE ("Organisation name", "E-mail address:", "Please
state your name") after normalising case, punctuation, a trailing colon, "(s)",
"please state", "(optional)" and the like. Matching whole labels, never words
inside them, keeps "Role of Respondent", "No. of Parties Represented" or "Job
title" from being read as the respondent's name: such labels are still details
the form asks for, with no key, so that a user can fill them by label.
"""

from __future__ import annotations

import re

# Characters that decorate a label without changing its meaning.
_GLYPHS = "☐☑☒⊠□■✓✔✗✘*•"
_MAX_LABEL_CHARS = 140

# Leading phrases that only introduce the label ("Please state your name").
_LEAD = re.compile(
    r"^(?:(?:please|kindly)\s+)?(?:state|provide|enter|give|insert|specify|confirm|"
    r"indicate|add|include|type|write)\s+(?:in\s+)?(?:here\s+)?|^(?:please|kindly)\s+"
)
# Bracketed notes that do not change the meaning: "(s)", "(optional)", "(y/n)".
_NOTES = re.compile(
    r"\((?:s|es|optional|required|mandatory|y/n|yes/no|y or n|yes or no|in full|"
    r"block capitals|capitals|(?:if|where|e\.?g\.?|i\.?e\.?|please|delete|tick|see)\b[^()]*)\)"
)
# Options offered after the label ("Confidential? Yes / No").
_TRAILING_OPTIONS = re.compile(r"\s*[-–—:?]?\s*\(?\s*(?:yes|y)\s*/\s*(?:no|n)\s*\)?\s*$")
_OWNERS = re.compile(r"^(?:your|the|respondent'?s?|responder'?s?|respondent)\s+")

_WHOLE: dict[str, frozenset[str]] = {
    "name": frozenset(
        {
            "name",
            "full name",
            "contact name",
            "contact",
            "contact person",
            "name of contact",
            "name of contact person",
            "main contact",
            "main contact name",
            "primary contact",
            "primary contact name",
            "respondent",
            "respondent name",
            "name of respondent",
            "responder",
            "responder name",
            "name of responder",
            "name of person responding",
            "person responding",
            "individual name",
            "name of individual",
            "submitted by",
            "completed by",
            "response submitted by",
            "response completed by",
            "response author",
            "author",
            "contact name for this response",
            "name of person submitting response",
            "name of person completing this form",
            "representative",
            "representative name",
            "name of representative",
            "point of contact",
            "contact point",
            "respondent contact",
            "respondent contact name",
            "contact name and title",
        }
    ),
    "organisation": frozenset(
        {
            "organisation",
            "organisations",
            "organisation name",
            "name of organisation",
            "organisation responding",
            "responding organisation",
            "respondent organisation",
            "organisation or company",
            "company or organisation",
            "organisation/company",
            "company/organisation",
            "organisation/company name",
            "company/organisation name",
            "name of organisation/company",
            "name of company/organisation",
            "company",
            "company name",
            "name of company",
            "companies",
            "business name",
            "name of business",
            "employer",
            "firm",
            "party",
            "party name",
            "name of party",
            "sec party",
            "sec party name",
            "party organisation",
            "party/organisation",
            "organisation/party",
            "legal entity",
            "legal entity name",
            "licensee",
            "licensee name",
            "on behalf of",
            "responding on behalf of",
            "response on behalf of",
            "organisation represented",
            "company represented",
            "representing",
            "company/organisation represented",
            "member organisation",
            "name of member",
            "participant name",
            "market participant",
            "market participant name",
        }
    ),
    "email": frozenset(
        {
            "email",
            "email address",
            "contact email",
            "contact email address",
            "email contact",
            "email for contact",
            "emails",
            "email addresses",
            "email of contact",
            "email address of contact",
        }
    ),
    "phone": frozenset(
        {
            "phone",
            "phone number",
            "phone no",
            "telephone",
            "telephone number",
            "telephone no",
            "tel",
            "tel no",
            "tel number",
            "contact number",
            "contact no",
            "contact phone",
            "contact phone number",
            "contact telephone",
            "contact telephone number",
            "contact tel",
            "contact tel no",
            "mobile",
            "mobile number",
            "mobile no",
            "telephone/mobile",
            "phone/mobile",
            "direct dial",
            "direct line",
            "contact telephone no",
        }
    ),
    "party_category": frozenset(
        {
            "party category",
            "party categories",
            "sec party category",
            "sec party categories",
            "category",
            "sec category",
            "party type",
            "sec party type",
            "type of party",
            "category of party",
            "category of sec party",
            "which party category are you",
            "party category you represent",
        }
    ),
    "confidential": frozenset(
        {
            "confidential",
            "confidentiality",
            "confidential response",
            "response confidential",
            "is your response confidential",
            "is this response confidential",
            "is the response confidential",
            "is any of your response confidential",
            "is any part of your response confidential",
            "is your response or any part of it confidential",
            "does your response contain confidential information",
            "does this response contain confidential information",
            "confidential information",
            "contains confidential information",
            "treat as confidential",
            "treat response as confidential",
            "mark as confidential",
            "confidential or non-confidential",
            "confidential/non-confidential",
            "non-confidential/confidential",
        }
    ),
}
_LOOKUP: dict[str, str] = {label: key for key, labels in _WHOLE.items() for label in labels}

# The confidentiality question, however it is put ("Do you wish your response to
# be treated as confidential?", "Would you like this response to remain confidential").
_CONFIDENTIAL_QUESTION = re.compile(
    r"^(?:(?:do|would|should|does) (?:you|the respondent) (?:wish|want|like|require|request)"
    r"|(?:should|shall|can|must|may) (?:we treat )?)"
    r"(?: for)? (?:your|this|the|any part of your|any of your|all or part of your) "
    r"(?:response|submission|answers?|reply|comments?)(?: or any part of it)?"
    r"(?: to)?(?: be)? (?:treated as|kept|remain|held as|considered|marked as|marked)? ?"
    r"confidential(?: or not)?$"
    r"|^(?:is|are) (?:your|this|the) (?:response|submission|answers?|reply)"
    r"(?: or any part of it)? (?:to be )?(?:treated as )?confidential$"
    r"|^(?:please )?(?:indicate|confirm|state)?(?: whether| if)? (?:your|this|the) "
    r"(?:response|submission) (?:is|should be) (?:treated as )?confidential$"
)


# Details asked as questions ("Which organisation do you represent?").
_ASKED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "name",
        re.compile(
            r"^(?:what is )?your (?:full )?name$|^who (?:is|are) (?:responding|the respondent)$"
        ),
    ),
    (
        "organisation",
        re.compile(
            r"^(?:which|what) (?:organisation|company|party|business) (?:do|are) you "
            r"(?:represent|representing|work for|responding (?:on behalf of|for))$"
            r"|^(?:on behalf of )?(?:which|what) (?:organisation|company|party) "
            r"(?:are you responding|is this response)(?: on behalf of| for| from)?$"
            r"|^who are you responding on behalf of$"
        ),
    ),
    ("email", re.compile(r"^what is your (?:contact )?email(?: address)?$")),
    ("phone", re.compile(r"^what is your (?:contact )?(?:tele)?phone(?: number)?$")),
    (
        "party_category",
        re.compile(
            r"^(?:which|what) (?:[a-z]{2,6} )?party (?:category|type) "
            r"(?:are you|do you (?:belong to|represent|fall into)|is your organisation|applies)$"
            r"|^(?:which|what) is your (?:[a-z]{2,6} )?party (?:category|type)$"
        ),
    ),
)
# "DCUSA Party Category", "BSC party type", "REC Party category".
_ANY_PARTY_CATEGORY = re.compile(r"^(?:[a-z]{2,6} )?party (?:category|categories|type)$")


def normalise_respondent_label(label: str) -> str:
    """A label as compared: lower case, no decoration, notes or trailing punctuation."""
    text = "".join(ch for ch in label if ch not in _GLYPHS)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("’", "'").lower()
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\be-mail\b", "email", text)
    text = text.replace("&", " and ").replace("organization", "organisation")
    text = re.sub(r"\s*/\s*", "/", text)
    text = _NOTES.sub(" ", text)
    text = re.sub(r"\.(?=\s|$)", "", text)  # abbreviations: "Tel. No." reads "tel no"
    text = _TRAILING_OPTIONS.sub("", text)
    text = re.sub(r"[\s:;.?!,\-–—]+$", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _LEAD.sub("", text).strip()
    return text


def respondent_key(label: str) -> str | None:
    """The respondent key ("name", "email", ...) a whole label asks for, or None."""
    if not label or len(label) > _MAX_LABEL_CHARS:
        return None
    text = normalise_respondent_label(label)
    if not text:
        return None
    key = _LOOKUP.get(text)
    if key is None:
        bare = _OWNERS.sub("", text)
        key = _LOOKUP.get(bare)
    if key is None and _CONFIDENTIAL_QUESTION.match(text):
        key = "confidential"
    if key is None and _ANY_PARTY_CATEGORY.match(text):
        key = "party_category"
    if key is None:
        key = next((k for k, pattern in _ASKED if pattern.match(text)), None)
    return key


# Words that mark a detail about the respondent even when the whole label is not one
# we know ("Role of Respondent", "Job title", "No. of Parties Represented").
_DETAIL_WORDS = re.compile(
    r"\b(?:respondent|responder|responding|name|organisation|company|job|title|role|"
    r"address|contact|party|parties|represent(?:ed|ing)?|signature|signed|sector|"
    r"licence|license|licensee|mpid|participant|department|team|date|publish|published|"
    r"publication)\b"
)
# Questions about the response itself that a form asks beside the respondent's details.
_ABOUT_RESPONSE = re.compile(r"\b(?:publish|publication|published|disclos\w*|anonym\w*)\b")


def is_respondent_detail(label: str) -> bool:
    """True for a short label asking about the respondent, known key or not."""
    if respondent_key(label) is not None:
        return True
    text = normalise_respondent_label(label)
    if not text or text[0] in "[<{(_" or len(text) > 60:
        return False
    if "?" in label or len(text.split()) > 6:
        return len(text.split()) <= 10 and bool(_ABOUT_RESPONSE.search(text))
    return bool(_DETAIL_WORDS.search(text))
