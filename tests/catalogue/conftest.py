"""Fixtures for the page readers: the HTML copies and the variant pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from secresponder.catalogue.reader import PageReading, read_page_file

DATA = Path(__file__).parent.parent / "data"
HTML = DATA / "html"
PAGES = DATA / "pages"
SEEDS = DATA / "seeds"


@pytest.fixture(scope="session")
def seed_consultations() -> PageReading:
    return read_page_file(SEEDS / "open-consultations.txt")


@pytest.fixture(scope="session")
def seed_releases() -> PageReading:
    return read_page_file(SEEDS / "sec-releases.txt")


@pytest.fixture(scope="session")
def html_consultations() -> PageReading:
    return read_page_file(HTML / "open-consultations.html")


@pytest.fixture(scope="session")
def html_releases() -> PageReading:
    return read_page_file(HTML / "sec-releases.html")
