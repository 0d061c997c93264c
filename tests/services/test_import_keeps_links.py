"""A text copy of a page, imported after an HTML copy, must not forget known links
(on both workspace kinds)."""

from __future__ import annotations

from pathlib import Path

from secresponder.services.importing import import_sources
from secresponder.services.lookup import find_consultation

HTML = Path(__file__).parents[1] / "data" / "html" / "open-consultations.html"


def _documents(ws, key: str):
    return find_consultation(ws, key).consultation.documents


def test_text_import_after_html_keeps_the_links(any_workspace, consultations_txt, clock):
    ws = any_workspace
    import_sources(ws, [str(HTML)], clock=clock)
    linked = _documents(ws, "mp231-consultation")
    assert linked[0].label == "consultation document"
    assert linked[0].url and linked[0].url.startswith("https://")

    report = import_sources(ws, [str(consultations_txt)], clock=clock)

    assert _documents(ws, "mp231-consultation") == linked
    assert report.changed == 0


def test_html_import_after_text_adds_the_links(any_workspace, consultations_txt, clock):
    ws = any_workspace
    import_sources(ws, [str(consultations_txt)], clock=clock)
    assert _documents(ws, "mp231-consultation")[0].url is None
    import_sources(ws, [str(HTML)], clock=clock)
    assert _documents(ws, "mp231-consultation")[0].url.startswith("https://")
