"""Shared fixtures: a fresh workspace per test, a fixed clock, the seed pages."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from secresponder.domain.clock import fixed_clock
from secresponder.domain.deadline import LONDON

# A throwaway PostgreSQL for the team-workspace tests (started only when one asks for it).
pytest_plugins = ["tests.pg.fixtures"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # Offscreen Qt's own screen is 800x800; the window's tests see a 1080p laptop screen at
    # 100% (tests/laptop/test_window_fits.py tries other scalings).
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).parent / 'data' / 'screens' / '1080p-100.json'}"
    )

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"


@pytest.fixture(scope="session", autouse=True)
def own_settings_elsewhere(tmp_path_factory: pytest.TempPathFactory):
    """The person's own settings (their name, in the configuration folder) go to a throwaway
    folder for the run: no test reads or writes the real user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def consultations_txt() -> Path:
    return SEEDS / "open-consultations.txt"


@pytest.fixture
def releases_txt() -> Path:
    return SEEDS / "sec-releases.txt"


@pytest.fixture
def workspace_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace folder; $SECRESPONDER_HOME points at it too."""
    root = tmp_path / "workspace"
    monkeypatch.setenv("SECRESPONDER_HOME", str(root))
    return root


@pytest.fixture
def now() -> datetime:
    """A fixed "now": 1 May 2023, 09:00 in London (BST)."""
    return datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)


@pytest.fixture
def clock(now: datetime):
    return fixed_clock(now)
