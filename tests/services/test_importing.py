import functools
import http.server
import socket
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select
from tests.together import at_once

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.errors import InputError
from secresponder.services.bootstrap import SNAPSHOT_SOURCE, open_seeded_workspace
from secresponder.services.history import describe_history, modification_history
from secresponder.services.importing import fetch_url, import_sources
from secresponder.services.lookup import find_consultation
from secresponder.services.manual_consultations import (
    ManualEntry,
    add_consultation,
    keys_added_by_hand,
)
from secresponder.services.session import open_workspace
from secresponder.store.sql import catalogue, imports_log, session, tables

LATER = fixed_clock(datetime(2023, 5, 2, 10, 0, tzinfo=LONDON))
MP231_HEADING = "MP231 ‘Firmware upgrade pathways’ (Closing Date: 12 May 2023)"


@pytest.fixture
def ws(any_workspace):
    """Each kind of workspace in turn: a folder and a team database."""
    return any_workspace


def catalogue_dump(ws) -> list[tuple]:
    """Every catalogue row except the last-seen stamps, for before/after comparisons."""
    rows = []
    with session.reading(ws) as conn:
        for table in (tables.consultations, tables.deadline_changes, tables.releases,
                      tables.release_modifications, tables.release_affected):
            columns = [c for c in table.c if c.name != "last_seen"]
            rows += [(table.name, *r) for r in conn.execute(
                select(*columns).order_by(*columns[:2]))]
    return rows


def count(ws, table) -> int:
    with session.reading(ws) as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def counts(ws) -> tuple[int, int]:
    return count(ws, tables.consultations), count(ws, tables.releases)


def import_log(ws):
    with session.reading(ws) as conn:
        return imports_log.list_imports(conn)


def without_first_entry(text: str) -> str:
    """The consultations page with the MP231 entry cut out (it runs up to the MP216 heading)."""
    start = text.index(MP231_HEADING)
    end = text.index("MP216 ‘Incorporation")
    return text[:start] + text[end:]


def test_seed_pages_import_everything(ws, clock, consultations_txt, releases_txt):
    report = import_sources(ws, [str(consultations_txt), str(releases_txt)], clock=clock)
    assert report.ok
    assert counts(ws) == (10, 10)
    assert report.added == 20 and report.changed == 0
    first, second = report.sources
    assert (first.kind, first.format, first.consultations_found) == ("consultations", "text", 10)
    assert (second.kind, second.releases_found) == ("releases", 10)
    assert "MP231: added" in [c.message for c in first.changes]
    assert "v62.0: release added" in [c.message for c in second.changes]
    log = import_log(ws)
    assert [e.source for e in log] == [str(releases_txt), str(consultations_txt)]
    assert log[1].summary["changes"]["added"] == 10
    stored = find_consultation(ws, "MP231").consultation
    assert stored.closes_at == closing_instant(date(2023, 5, 12))
    assert stored.source == str(consultations_txt)


def test_importing_the_same_pages_again_changes_nothing(ws, clock, consultations_txt,
                                                         releases_txt):
    sources = [str(consultations_txt), str(releases_txt)]
    import_sources(ws, sources, clock=clock)
    before = catalogue_dump(ws)
    again = import_sources(ws, sources, clock=LATER)
    assert again.ok
    assert (again.added, again.changed, again.changes) == (0, 0, [])
    assert catalogue_dump(ws) == before
    assert count(ws, tables.deadline_changes) == 0


def test_deadline_extension_is_recorded_with_the_old_value(ws, clock, consultations_txt,
                                                           tmp_path):
    import_sources(ws, [str(consultations_txt)], clock=clock)
    text = consultations_txt.read_text("utf-8")
    extended = tmp_path / "extended.txt"
    extended.write_text(text.replace("12 May 2023", "26 May 2023"), "utf-8")

    report = import_sources(ws, [str(extended)], clock=LATER)
    messages = [c.message for c in report.changes]
    assert messages == ["MP231: deadline extended from 5pm 12 May 2023 to 5pm 26 May 2023"]
    assert (report.added, report.changed) == (0, 1)
    stored = find_consultation(ws, "MP231")
    assert stored.consultation.closes_at == closing_instant(date(2023, 5, 26))
    (old, new, seen_at), = stored.deadline_changes
    assert old == closing_instant(date(2023, 5, 12))
    assert new == closing_instant(date(2023, 5, 26))
    assert seen_at == LATER()

    forward = tmp_path / "forward.txt"
    forward.write_text(text.replace("12 May 2023", "5 May 2023"), "utf-8")
    report = import_sources(ws, [str(forward)], clock=LATER)
    assert [c.message for c in report.changes] == [
        "MP231: deadline brought forward from 5pm 26 May 2023 to 5pm 5 May 2023"
    ]
    assert len(find_consultation(ws, "MP231").deadline_changes) == 2


def test_changed_summary_is_an_update_without_deadline_change(ws, clock, consultations_txt,
                                                               tmp_path):
    import_sources(ws, [str(consultations_txt)], clock=clock)
    edited = tmp_path / "edited.txt"
    edited.write_text(
        consultations_txt.read_text("utf-8").replace(
            "Certain Device models need", "Some Device models need"
        ),
        "utf-8",
    )
    report = import_sources(ws, [str(edited)], clock=LATER)
    assert [c.message for c in report.changes] == ["MP231: updated (summary)"]
    stored = find_consultation(ws, "MP231")
    assert stored.consultation.summary.startswith("Some Device models need")
    assert stored.deadline_changes == ()
    assert stored.first_seen == clock() and stored.last_seen == LATER()


def test_full_list_marks_missing_consultations_and_brings_them_back(ws, clock,
                                                                    consultations_txt, tmp_path):
    import_sources(ws, [str(consultations_txt)], clock=clock)
    shorter = tmp_path / "shorter.txt"
    shorter.write_text(without_first_entry(consultations_txt.read_text("utf-8")), "utf-8")

    report = import_sources(ws, [str(shorter)], clock=LATER)
    assert [c.message for c in report.changes] == ["MP231: no longer listed"]
    assert counts(ws)[0] == 10  # nothing is deleted
    assert find_consultation(ws, "MP231").listed is False
    with session.reading(ws) as conn:
        listed = catalogue.list_consultations(conn, listed_only=True)
    assert len(listed) == 9

    report = import_sources(ws, [str(consultations_txt)], clock=LATER)
    assert [c.message for c in report.changes] == ["MP231: listed again"]
    assert find_consultation(ws, "MP231").listed is True


def test_a_bad_source_stores_nothing_but_good_ones_import(ws, clock, consultations_txt,
                                                          tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    report = import_sources(ws, [str(empty), str(consultations_txt)], clock=clock)
    assert not report.ok
    (failed,) = report.failed
    assert failed.source == str(empty)
    assert str(empty) in failed.error and failed.error.endswith(".")
    assert counts(ws) == (10, 0)
    assert [e.source for e in import_log(ws)] == [
        str(consultations_txt)
    ]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_cp1252_and_bom_copies_read_the_same(ws, clock, consultations_txt, tmp_path, encoding):
    import_sources(ws, [str(consultations_txt)], clock=clock)
    copy = tmp_path / f"copy-{encoding}.txt"
    copy.write_bytes(consultations_txt.read_text("utf-8").encode(encoding))
    report = import_sources(ws, [str(copy)], clock=LATER)
    assert report.ok
    assert report.sources[0].consultations_found == 10
    assert (report.added, report.changed) == (0, 0)


def test_history_links_consultations_to_their_releases(ws, clock, consultations_txt,
                                                       releases_txt):
    import_sources(ws, [str(consultations_txt), str(releases_txt)], clock=clock)
    expected = {"MP116": ("v57.0", date(2022, 2, 24)), "MP104": ("v61.0", date(2022, 6, 30)),
                "MP092": ("v34.0", date(2021, 2, 25))}
    for reference, (version, effective) in expected.items():
        history = modification_history(ws, find_consultation(ws, reference))
        assert history.implemented_in is not None, reference
        assert (history.implemented_in.version, history.implemented_in.effective) == (
            version, effective)
    mp116 = modification_history(ws, find_consultation(ws, "MP116"))
    assert describe_history(mp116)[:2] == [
        "MP116 consulted until 7 January 2022.",
        "Implemented in SEC v57.0 on 24 February 2022.",
    ]
    mp231 = modification_history(ws, find_consultation(ws, "MP231"))
    assert mp231.releases == () and mp231.related == ()


@pytest.fixture(params=["folder", "team"])
def where(request, workspace_root) -> str:
    """Where a workspace is, as the user names it: a folder path or a team database's URL."""
    if request.param == "folder":
        return str(workspace_root)
    return request.getfixturevalue("pg_workspace_url")


def test_first_open_seeds_from_the_bundled_snapshot_once(where, clock):
    with open_seeded_workspace(where, clock=clock) as ws:
        assert counts(ws) == (10, 10)
        assert {e.source for e in import_log(ws)} == {SNAPSHOT_SOURCE}
    with open_seeded_workspace(where, clock=LATER) as ws:
        assert counts(ws) == (10, 10)
        assert len(import_log(ws)) == 2


def test_two_first_opens_of_a_team_database_seed_it_once(pg_workspace_url, clock):
    def first_open() -> None:
        open_seeded_workspace(pg_workspace_url, clock=clock).close()

    _, errors = at_once([first_open, first_open])
    assert errors == []
    with open_workspace(pg_workspace_url) as ws:
        assert counts(ws) == (10, 10)
        assert [e.source for e in import_log(ws)] == [SNAPSHOT_SOURCE, SNAPSHOT_SOURCE]


def test_a_refresh_never_unlists_a_consultation_added_by_hand(ws, clock, consultations_txt):
    added = add_consultation(ws, ManualEntry(
        reference="DCC-C1", title="Changes to the DCC charging statement",
        closes="2023-06-02", respond_to="consult@dcc.example", authority="The DCC"),
        clock=clock, author="Sam")
    report = import_sources(ws, [str(consultations_txt)], clock=LATER)
    assert "unlisted" not in {c.what for c in report.changes}
    assert find_consultation(ws, "DCC-C1").listed is True
    assert keys_added_by_hand(ws) == {added.key}


def test_two_imports_at_once_into_a_team_database_store_every_row_once(
        pg_workspace_url, clock, consultations_txt, releases_txt):
    """Two people refreshing together: the second waits for the first, then finds
    nothing new; no unique-key error, no row lost or doubled."""
    sources = [str(consultations_txt), str(releases_txt)]
    # Each person's own workspace, open before they both press Refresh.
    with open_workspace(pg_workspace_url) as sam, open_workspace(pg_workspace_url) as asha:
        reports, errors = at_once([lambda: import_sources(sam, sources, clock=clock),
                                   lambda: import_sources(asha, sources, clock=clock)])
    assert errors == []
    assert sorted(r.added for r in reports) == [0, 20]
    assert all(r.ok and r.changed == 0 for r in reports)
    with open_workspace(pg_workspace_url) as ws:
        assert counts(ws) == (10, 10)
        assert count(ws, tables.release_modifications) > 10
        assert len(import_log(ws)) == 4
        assert count(ws, tables.deadline_changes) == 0


# --- URLs -------------------------------------------------------------------


@pytest.fixture
def web_root(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_import_from_a_url(ws, clock, web_root, consultations_txt, releases_txt):
    root, base = web_root
    (root / "open.txt").write_bytes(consultations_txt.read_bytes())
    (root / "releases.txt").write_bytes(releases_txt.read_bytes())
    report = import_sources(ws, [f"{base}/open.txt", f"{base}/releases.txt"], clock=clock)
    assert report.ok, report.failed
    assert counts(ws) == (10, 10)
    assert find_consultation(ws, "MP231").consultation.source == f"{base}/open.txt"


def test_missing_url_and_offline_url_are_one_sentence(ws, clock, web_root):
    _, base = web_root
    offline = f"http://127.0.0.1:{closed_port()}/open.txt"
    report = import_sources(ws, [f"{base}/gone.txt", offline], clock=clock)
    errors = [s.error for s in report.failed]
    assert errors == [
        f"{base}/gone.txt: the server answered 404 File not found.",
        f"{offline}: could not be fetched (no network connection?).",
    ]
    assert counts(ws) == (0, 0)


def test_fetch_stops_at_the_size_cap(web_root):
    root, base = web_root
    (root / "big.html").write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    with pytest.raises(InputError, match="over the"):
        fetch_url(f"{base}/big.html", limit=1000)
    assert fetch_url(f"{base}/big.html", limit=10_000).startswith(b"<p>x")


def test_fetcher_can_be_injected(ws, clock, consultations_txt):
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return consultations_txt.read_bytes()

    report = import_sources(ws, ["https://example.invalid/open"], clock=clock, fetch=fetch)
    assert report.ok and asked == ["https://example.invalid/open"]
    assert counts(ws) == (10, 0)

