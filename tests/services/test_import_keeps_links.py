"""A text copy of a page, imported after an HTML copy, must not forget known links."""

from __future__ import annotations

from pathlib import Path

from secresponder.services.importing import import_sources
from secresponder.store import catalogue_repo
from secresponder.store.workspace import Workspace

HTML = Path(__file__).parents[1] / "data" / "html" / "open-consultations.html"


def _documents(ws: Workspace, key: str):
    return catalogue_repo.get_consultation(ws.connection, key).consultation.documents


def test_text_import_after_html_keeps_the_links(workspace_root, consultations_txt, clock):
    with Workspace.open(workspace_root) as ws:
        import_sources(ws, [str(HTML)], clock=clock)
        linked = _documents(ws, "mp231-consultation")
        assert linked[0].label == "consultation document"
        assert linked[0].url and linked[0].url.startswith("https://")

        report = import_sources(ws, [str(consultations_txt)], clock=clock)

        assert _documents(ws, "mp231-consultation") == linked
        assert report.changed == 0


def test_html_import_after_text_adds_the_links(workspace_root, consultations_txt, clock):
    with Workspace.open(workspace_root) as ws:
        import_sources(ws, [str(consultations_txt)], clock=clock)
        assert _documents(ws, "mp231-consultation")[0].url is None
        import_sources(ws, [str(HTML)], clock=clock)
        assert _documents(ws, "mp231-consultation")[0].url.startswith("https://")
