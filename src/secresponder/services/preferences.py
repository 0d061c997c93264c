"""The user's preferences kept in the workspace: SEC page addresses and the reminder lead time.

Defaults live here and nowhere else; the Party profile is kept by the store's
settings repository and edited in the same dialog.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from secresponder.domain.deadline import DEFAULT_REMINDER_WORKING_DAYS
from secresponder.network.proxies import check_setting as check_proxy
from secresponder.store import settings_repo
from secresponder.store.workspace import Workspace

CONSULTATIONS_PAGE = (
    "https://smartenergycodecompany.co.uk/ufaq-category/open-industry-consultations-sec/"
)
RELEASES_PAGE = "https://smartenergycodecompany.co.uk/tag/sec-release/"
DEFAULT_PAGE_URLS: tuple[str, ...] = (CONSULTATIONS_PAGE, RELEASES_PAGE)
DEFAULT_REMINDER_DAYS = DEFAULT_REMINDER_WORKING_DAYS

PAGE_URLS_KEY = "page_urls"
REMINDER_DAYS_KEY = "reminder_lead_days"
PROXY_KEY = "network_proxy"


@dataclass(frozen=True)
class Preferences:
    page_urls: tuple[str, ...] = DEFAULT_PAGE_URLS
    reminder_days: int = DEFAULT_REMINDER_DAYS
    # Blank: the system's proxy settings (PAC included); else "direct", a proxy address
    # or a PAC file (see network.proxies).
    proxy: str = ""


def load_preferences(conn: sqlite3.Connection) -> Preferences:
    urls = settings_repo.get_setting(conn, PAGE_URLS_KEY)
    days = settings_repo.get_setting(conn, REMINDER_DAYS_KEY)
    return Preferences(
        page_urls=tuple(str(u) for u in urls) if isinstance(urls, list) and urls
        else DEFAULT_PAGE_URLS,
        reminder_days=int(days) if isinstance(days, int) and 0 <= days <= 60
        else DEFAULT_REMINDER_DAYS,
        proxy=proxy_setting(conn),
    )


def proxy_setting(conn: sqlite3.Connection) -> str:
    """The proxy chosen in Preferences; blank means the system's settings."""
    value = settings_repo.get_setting(conn, PROXY_KEY)
    return value.strip() if isinstance(value, str) else ""


def save_preferences(conn: sqlite3.Connection, preferences: Preferences) -> None:
    """Write inside the caller's transaction."""
    settings_repo.set_setting(conn, PAGE_URLS_KEY, list(preferences.page_urls))
    settings_repo.set_setting(conn, REMINDER_DAYS_KEY, preferences.reminder_days)
    settings_repo.set_setting(conn, PROXY_KEY, check_proxy(preferences.proxy))


def workspace_preferences(ws: Workspace) -> Preferences:
    """The preferences kept in an open workspace."""
    return load_preferences(ws.connection)
