"""How the user last left the consultation list (order and filters), kept in the workspace.

Kept with the workspace rather than the machine, so two workspaces (a personal one
and a team's) each open as they were left, and neither takes the other's filters.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secresponder.store.sql.session import AnyWorkspace

# The store (and with it SQLAlchemy) is imported in the functions that use it: the window
# imports this module before it is first shown, and reads the workspace only after.

LIST_VIEW_KEY = "window_list_view"
# The list's columns by name (the window maps them onto its own).
SORT_COLUMNS = ("reference", "title", "kind", "closes", "time_left", "draft")


@dataclass(frozen=True)
class ListView:
    """The list's order and filters; the default is the most urgent first, open ones only."""

    sort_column: str = "time_left"
    descending: bool = False
    open_only: bool = True
    relevant: bool = False


def load_list_view(ws: AnyWorkspace) -> ListView:
    """The stored view, with anything unknown or malformed replaced by the default."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        data = settings_store.get_setting(conn, LIST_VIEW_KEY)
    default = ListView()
    if not isinstance(data, dict):
        return default
    column = data.get("sort_column")
    return ListView(
        sort_column=column if column in SORT_COLUMNS else default.sort_column,
        descending=_flag(data.get("descending"), default.descending),
        open_only=_flag(data.get("open_only"), default.open_only),
        relevant=_flag(data.get("relevant"), default.relevant),
    )


def _flag(value: object, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def save_list_view(ws: AnyWorkspace, view: ListView) -> None:
    """Keep the list's order and filters for the next start."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    if view.sort_column not in SORT_COLUMNS:
        raise ValueError(f"unknown list column {view.sort_column!r}")
    with session.transaction(ws) as conn:
        settings_store.set_setting(conn, LIST_VIEW_KEY, asdict(view))


# --- change labels ---------------------------------------------------------------------------

HIGHLIGHTS_KEY = "window_change_labels"


def load_change_labels(ws: AnyWorkspace) -> dict[str, str]:
    """The labels the last refresh or import with changes put on the list (key -> label name)."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.reading(ws) as conn:
        data = settings_store.get_setting(conn, HIGHLIGHTS_KEY) or {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()}


def save_change_labels(ws: AnyWorkspace, labels: dict[str, str]) -> None:
    """Keep this import's labels, so they are still shown after a restart."""
    from secresponder.store.sql import session
    from secresponder.store.sql import settings as settings_store

    with session.transaction(ws) as conn:
        settings_store.set_setting(conn, HIGHLIGHTS_KEY, labels)
