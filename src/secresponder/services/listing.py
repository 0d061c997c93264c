"""The consultation list as the command line shows it: which consultations, in what order.

The order is the domain's (domain/listing_order.py); this module adds the filters
that need the workspace: "relevant" means the Party profile's category is among a
consultation's Party Categories, so it needs a category to be set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from secresponder.domain.listing_order import sort_for_listing
from secresponder.domain.parties import PartyCategory
from secresponder.domain.release import Release
from secresponder.errors import InputError
from secresponder.services.history import release_index
from secresponder.services.profile import load_profile
from secresponder.store.records import ListedConsultation
from secresponder.store.sql import catalogue, releases, session
from secresponder.store.sql.session import AnyWorkspace

NO_CATEGORY = (
    "The Party profile has no Party Category, so nothing can be judged relevant; "
    "set one with `secresponder profile --party-category \"Large Supplier\"`."
)


@dataclass(frozen=True)
class ConsultationListing:
    rows: list[ListedConsultation]  # in list order
    # each implemented reference mapped to its release; filled only when asked for
    releases: dict[str, Release] = field(default_factory=dict)


def relevant_to(
    rows: Iterable[ListedConsultation], category: PartyCategory
) -> list[ListedConsultation]:
    """The consultations that name ``category`` among their Party Categories."""
    return [r for r in rows if category in r.party_categories]


def list_consultations(
    workspace: AnyWorkspace,
    now: datetime,
    *,
    open_only: bool = False,
    relevant: bool = False,
    with_releases: bool = False,
) -> ConsultationListing:
    """The workspace's consultations in list order at ``now``, filtered as asked.

    ``relevant`` keeps those relevant to the Party profile's category; InputError
    when the profile has none. ``with_releases`` also returns the release index.
    """
    category = None
    if relevant:
        category = load_profile(workspace).party_category
        if category is None:
            raise InputError(NO_CATEGORY)
    with session.reading(workspace) as conn:
        rows = catalogue.list_consultation_rows(conn)
        index = release_index(releases.list_releases(conn)) if with_releases else {}
    if category is not None:
        rows = relevant_to(rows, category)
    return ConsultationListing(sort_for_listing(rows, now, open_only=open_only), index)


def list_releases(workspace: AnyWorkspace) -> list[Release]:
    """Every release in the workspace, in the store's order."""
    with session.reading(workspace) as conn:
        return releases.list_releases(conn)
