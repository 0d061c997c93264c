"""`list --open` with nothing open says how current the list is and what to do."""

from __future__ import annotations

from datetime import datetime

from tests.cli.test_catalogue_cli import run

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON

MARCH_2024 = fixed_clock(datetime(2024, 3, 1, 12, 0, tzinfo=LONDON))


def test_nothing_open_in_the_bundled_copy_says_it_may_be_out_of_date(workspace_root):
    code, out, err = run(workspace_root, "list", "--open", clock=MARCH_2024)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("None of the consultations from the bundled copy of May 2023 is still "
                        "open, but the list may be out of date: newer ones may be open.")
    assert lines[1].startswith("To update it, run: secresponder import https://")
    assert "drop --open" in lines[2]


def test_nothing_open_in_a_fresh_list_is_said_plainly(workspace_root, consultations_txt):
    code, _, err = run(workspace_root, "import", str(consultations_txt), clock=MARCH_2024)
    assert code == 0, err
    code, out, _ = run(workspace_root, "list", "--open", clock=MARCH_2024)
    assert out.startswith("No consultations are open right now (list from a saved copy "
                          f"({consultations_txt.name}), read 1 Mar 2024 12:00).")


def test_something_open_is_listed_as_before(workspace_root):
    code, out, _ = run(workspace_root, "list", "--open")
    assert code == 0
    assert "MP231" in out and "may be out of date" not in out
