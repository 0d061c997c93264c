"""The answer library through its service, on a real workspace folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from secresponder.services.session import open_workspace
from secresponder.services.snippets import save_snippet, search_snippets


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_a_saved_snippet_is_found_by_every_word_in_any_case(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "ws") as ws:
        save_snippet(ws, "Cost recovery", "Costs should fall on the DCC, not suppliers.",
                     clock=_clock)
        save_snippet(ws, "agree", "We agree with the proposed legal text.", clock=_clock)
        assert [s.name for s in search_snippets(ws)] == ["agree", "Cost recovery"]
        assert [s.name for s in search_snippets(ws, "dcc COSTS")] == ["Cost recovery"]
        assert search_snippets(ws, "dcc agree") == []


def test_saving_under_a_name_in_use_replaces_its_text_and_survives_reopening(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    with open_workspace(root) as ws:
        first = save_snippet(ws, "agree", "We agree.", clock=_clock)
        second = save_snippet(ws, "agree", "We agree, subject to the SEC release date.",
                              clock=_clock)
    assert first == second
    with open_workspace(root) as ws:
        found = search_snippets(ws, "agree")
    assert [(s.name, s.text) for s in found] == [
        ("agree", "We agree, subject to the SEC release date.")
    ]
