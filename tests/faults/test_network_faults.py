"""A server that drips a byte at a time: the import gives up at its overall deadline in
one sentence naming the address, and nothing stored changes."""

from __future__ import annotations

import functools
import threading

from secresponder.services import importing
from tests.faults.conftest import one_sentence, stored
from tests.laptop.servers import drip, serve


def test_an_import_from_a_dripping_server_ends_at_its_deadline(drafted, cli, monkeypatch):
    # The deadline is 30 s for a page; the test shortens it rather than wait.
    monkeypatch.setattr(
        importing, "page_fetcher",
        lambda proxy: functools.partial(importing.fetch_url, proxy=proxy, deadline=1.5),
    )
    before = stored(drafted)
    stop = threading.Event()
    with serve({"/open-consultations": drip(100_000, 0.05, stop=stop)}) as (port, _):
        url = f"http://127.0.0.1:{port}/open-consultations"
        try:
            code, out, err = cli(drafted, "import", url)
        finally:
            stop.set()
    assert code == 1 and out == ""
    sentence = one_sentence(err)
    assert sentence.startswith(f"{url}: could not be fetched within 2 seconds")
    assert stored(drafted) == before
