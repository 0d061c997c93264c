"""The user's preferences kept in the workspace: SEC page addresses and the reminder lead time.

Defaults live here and nowhere else; the Party profile is kept by the store's
settings repository and edited in the same dialog. Kept in the workspace's settings
table, so a folder and a team database hold them alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from secresponder.domain.deadline import DEFAULT_REMINDER_WORKING_DAYS
from secresponder.network.proxies import check_setting as check_proxy

if TYPE_CHECKING:
    from secresponder.store.sql.session import AnyWorkspace

# The store (and with it SQLAlchemy) is imported in the functions that use it: the window
# imports this module before it is first shown, and reads the workspace only after.

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


def load_preferences(ws: AnyWorkspace) -> Preferences:
    """The preferences kept in an open workspace, defaults for anything unset or malformed."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        urls = settings_store.get_setting(conn, PAGE_URLS_KEY)
        days = settings_store.get_setting(conn, REMINDER_DAYS_KEY)
        proxy = settings_store.get_setting(conn, PROXY_KEY)
    return Preferences(
        page_urls=tuple(str(u) for u in urls) if isinstance(urls, list) and urls
        else DEFAULT_PAGE_URLS,
        reminder_days=int(days) if isinstance(days, int) and 0 <= days <= 60
        else DEFAULT_REMINDER_DAYS,
        proxy=_proxy(proxy),
    )


def _proxy(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def proxy_setting(ws: AnyWorkspace) -> str:
    """The proxy chosen in Preferences; blank means the system's settings."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        return _proxy(settings_store.get_setting(conn, PROXY_KEY))


def save_preferences(ws: AnyWorkspace, preferences: Preferences) -> None:
    """Check, then keep the preferences, all in one transaction."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    proxy = check_proxy(preferences.proxy)  # a refusal writes nothing
    with session.transaction(ws) as conn:
        settings_store.set_setting(conn, PAGE_URLS_KEY, list(preferences.page_urls))
        settings_store.set_setting(conn, REMINDER_DAYS_KEY, preferences.reminder_days)
        settings_store.set_setting(conn, PROXY_KEY, proxy)


def workspace_preferences(ws: AnyWorkspace) -> Preferences:
    """The preferences kept in an open workspace (the same as ``load_preferences``)."""
    return load_preferences(ws)
