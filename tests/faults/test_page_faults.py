"""Pages that are wrong in ways the site really is: nothing readable, an unreadable
entry on the list, an entry listed twice, a single consultation's own page. What the
import stores, what it leaves alone and what it says."""

from __future__ import annotations

import json
from pathlib import Path

from tests.catalogue.test_arrangements import _single_page_with_theme_heading
from tests.faults.conftest import one_sentence, stored

SEED = Path(__file__).parent.parent / "data" / "seeds" / "open-consultations.txt"


def test_a_page_whose_only_entry_cannot_be_read_changes_nothing(drafted, cli, tmp_path):
    before = stored(drafted)
    page = tmp_path / "list.txt"
    page.write_text("Open Industry Consultations – SEC\n\n"
                    "MP300 ‘Placeholder’ (Closing Date: 1 January 0001)\n\nSoon.\n", "utf-8")
    code, out, err = cli(drafted, "import", str(page))
    assert code == 1 and out == ""
    assert one_sentence(err) == (
        f"{page}: its entry could be read (‘MP300 ‘Placeholder’ (Closing Date: 1 January "
        "0001)’: its closing date is in the year 0001, outside 2000 to 2100); "
        "nothing was changed."
    )
    assert stored(drafted) == before


def test_a_list_with_an_unreadable_entry_unlists_nothing(drafted, cli, tmp_path):
    text = SEED.read_text("utf-8")
    # The list as it stands, with an entry whose closing date cannot be read and
    # without the entries after MP210.
    cut = text.index("MP116 ‘")
    unreadable = "MP299 ‘Placeholder’ (Closing Date: TBC)\n\nTo be announced.\n\n"
    page = tmp_path / "list.txt"
    page.write_text(text[:cut] + unreadable, "utf-8")
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert "skipped: MP299 ‘Placeholder’ (Closing Date: TBC) (no closing date could be read" in out
    assert "  7 stored consultations not on this page were left listed, because one of its " \
           "entries could not be read.\n" in out, out
    code, out, _ = cli(drafted, "list")
    assert "no longer listed" not in out


def test_a_clean_full_list_still_unlists_what_it_no_longer_holds(drafted, cli, tmp_path):
    text = SEED.read_text("utf-8")
    page = tmp_path / "list.txt"
    page.write_text(text[: text.index("MP116 ‘")], "utf-8")
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert "MP116: no longer listed" in out


def test_an_entry_listed_twice_with_two_dates_keeps_both_and_says_which_is_which(
    drafted, cli, tmp_path
):
    text = SEED.read_text("utf-8")
    first = text.index("MP231 ‘")
    end = text.index("MP216 ‘")
    entry = text[first:end]
    later = entry.replace("12 May 2023", "2 June 2023")
    page = tmp_path / "list.txt"
    page.write_text(text[:end] + later + text[end:], "utf-8")
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert (
        "MP231: listed twice on the page with different closing dates; both kept: closing "
        "5pm, Friday 12 May 2023 as mp231-consultation, and closing 5pm, Friday 2 June 2023 "
        "as mp231-consultation-closing-2023-06-02." in out
    )
    code, out, err = cli(drafted, "list", "--json")
    rows = [c for c in json.loads(out) if c["reference"] == "MP231"]
    assert sorted(c["closes_at"] for c in rows) == [
        "2023-05-12T17:00:00+01:00", "2023-06-02T17:00:00+01:00"]
    # The same page again finds each copy where it was stored: nothing changes.
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert "0 added, 0 changed" in out
    assert "no longer listed" not in out


def test_an_entry_listed_twice_with_the_same_date_is_read_once_and_said(drafted, cli, tmp_path):
    text = SEED.read_text("utf-8")
    first, end = text.index("MP231 ‘"), text.index("MP216 ‘")
    page = tmp_path / "list.txt"
    page.write_text(text + "\n\n" + text[first:end], "utf-8")
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert ("MP231: listed twice on the page with the same closing date (5pm, Friday 12 May "
            "2023); read once.") in out
    assert "0 added, 0 changed" in out


def test_a_single_page_saved_under_any_name_unlists_nothing(drafted, cli, tmp_path):
    page = tmp_path / "Open Industry Consultations – SEC.html"
    page.write_bytes(_single_page_with_theme_heading())
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert "1 consultation found" in out
    assert "no longer listed" not in out
    code, out, _ = cli(drafted, "show", "MP231", "--json")
    shown = json.loads(out)
    assert shown["audience"] == ["Suppliers", "The DCC"]


RELEASES = Path(__file__).parent.parent / "data" / "seeds" / "sec-releases.txt"


def test_a_release_listed_twice_is_said_and_the_first_kept(drafted, cli, tmp_path):
    text = RELEASES.read_text("utf-8")
    first = text.index("SEC v62.0 released")
    end = text.index("SEC v61.0 published")
    entry = text[first:end]
    page = tmp_path / "releases.txt"
    page.write_text(text + "\n\n" + entry + "\n\n" + entry.replace("MP200", "MP999"), "utf-8")
    code, out, err = cli(drafted, "import", str(page))
    assert code == 0, err
    assert "  v62.0: listed twice on the page; read once.\n" in out
    assert ("  v62.0: listed twice on the page, the two differing in title, modifications and "
            "summary; the first is kept.\n") in out
    code, out, err = cli(drafted, "releases", "--json")
    (v62,) = [r for r in json.loads(out) if r["version"] == "v62.0"]
    assert [m["reference"] for m in v62["modifications"]] == ["MP200"]
