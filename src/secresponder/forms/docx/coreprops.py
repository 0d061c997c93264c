"""The core properties part (docProps/core.xml): stamping the modified date."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from secresponder.forms.docx.package import serialize_part
from secresponder.forms.docx.wordml import parse_part

DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
MODIFIED = f"{{{DCTERMS_NS}}}modified"


def stamp_modified(core_xml: bytes, when: datetime) -> bytes:
    """core.xml with dcterms:modified set to ``when`` in UTC; everything else kept."""
    root = parse_part(core_xml)
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    modified = root.find(MODIFIED)
    if modified is None:
        modified = etree.SubElement(root, MODIFIED)
        modified.set(f"{{{XSI_NS}}}type", "dcterms:W3CDTF")
    modified.text = stamp
    return serialize_part(root, core_xml)
