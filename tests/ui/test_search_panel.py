"""The search box: marked snippets rendered safely, and results that open the right thing."""

from __future__ import annotations

import pytest

from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.documents import attach_file
from secresponder.services.lookup import find_consultation
from secresponder.services.search import split_snippet
from secresponder.store.search_index import MATCH_END, MATCH_START
from secresponder.ui.search_panel import SearchPanel, snippet_html


@pytest.fixture
def seeded(workspace_root, clock):
    open_seeded_workspace(workspace_root, clock=clock).close()
    return workspace_root


@pytest.fixture
def panel(qtbot, seeded):
    widget = SearchPanel(seeded)
    qtbot.addWidget(widget)
    yield widget
    widget.close_workspace()


def test_snippet_html_escapes_before_marking():
    pieces = split_snippet(f"<script>x</script> & {MATCH_START}<b>{MATCH_END} tail")
    assert snippet_html(pieces) == (
        "&lt;script&gt;x&lt;/script&gt; &amp; <b><u>&lt;b&gt;</u></b> tail"
    )


def test_results_show_marked_snippets_and_open_consultations(qtbot, panel):
    panel.set_query("firmware upgrade")
    assert panel.hits and panel.results.count() == len(panel.hits)
    first = panel.row_label(0).text()
    assert "<b>MP231 Firmware upgrade pathways</b>" in first
    assert "<b><u>firmware</u></b>" in first.lower()
    assert panel.status.text() == f"{len(panel.hits)} match{'es' if len(panel.hits) > 1 else ''}."
    with qtbot.waitSignal(panel.consultationActivated) as activated:
        panel.activate_row(0)
    assert activated.args == ["mp231-consultation"]


def test_release_results_open_the_release(qtbot, panel):
    panel.set_query("MP116")
    rows = [i for i, hit in enumerate(panel.hits) if hit.kind == "release"]
    assert rows
    with qtbot.waitSignal(panel.releaseActivated) as activated:
        panel.activate_row(rows[0])
    assert activated.args == [panel.hits[rows[0]].target.release_version]


def test_document_text_is_never_rendered_as_html(qtbot, panel, seeded, tmp_path, clock):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('<img src="x" onerror="alert(1)"> <a href="http://evil">pangolin</a>')
    with open_seeded_workspace(seeded, clock=clock) as ws:
        attachment = attach_file(ws, find_consultation(ws, "MP216").id, hostile, clock=clock)
    panel.set_query("pangolin")
    assert len(panel.hits) == 1
    text = panel.row_label(0).text()
    assert "<img" not in text and "<a href" not in text
    assert "&lt;img src=&quot;x&quot;" in text and "<b><u>pangolin</u></b>" in text
    with qtbot.waitSignal(panel.documentActivated) as activated:
        panel.activate_row(0)
    assert activated.args == ["mp216-consultation", attachment.attachment.id]


def test_typing_searches_after_a_pause_and_bad_queries_are_sentences(qtbot, panel):
    panel.box.setText("firmw*")
    assert panel.timer.isActive()
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=5_000)
    panel.set_query("()")
    assert panel.results.count() == 0
    assert panel.status.text() == "The search '()' has no words to look for."
    panel.set_query("xylophonic")
    assert panel.status.text() == "No matches for xylophonic."
    panel.set_query("")
    assert panel.status.text() == "" and panel.results.count() == 0
