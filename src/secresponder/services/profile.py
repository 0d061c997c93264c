"""The Party profile: read it, and change it with every value checked first.

The command line and the window both save the profile through ``update_profile``,
so an address that is not one is refused in the same sentence wherever it is typed,
and an .eml is never written without a From.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from secresponder.domain.email_address import email_address_problem
from secresponder.domain.parties import PartyProfile
from secresponder.errors import InputError
from secresponder.store.sql import session
from secresponder.store.sql import settings as settings_store
from secresponder.store.sql.session import AnyWorkspace

EXAMPLE_ADDRESS = "regulation@example.co.uk"


def checked_email(text: str) -> str:
    """``text`` as the profile's address (blank clears it); InputError if it is not one."""
    address = text.strip()
    if not address:
        return ""
    problem = email_address_problem(address)
    if problem:
        raise InputError(
            f"‘{address}’ is not an email address ({problem}); give one such as "
            f"{EXAMPLE_ADDRESS}."
        )
    return address


def load_profile(workspace: AnyWorkspace) -> PartyProfile:
    """The saved Party profile, or an empty one."""
    with session.reading(workspace) as conn:
        return settings_store.load_profile(conn)


def update_profile(workspace: AnyWorkspace, **changes: Any) -> PartyProfile:
    """Check ``changes`` (profile field names), then save them; returns the saved profile."""
    if "email" in changes and changes["email"] is not None:
        changes["email"] = checked_email(changes["email"])

    def change(kept: object) -> dict[str, Any]:
        profile = PartyProfile.from_dict(kept)
        return dataclasses.replace(profile, **changes).to_dict()

    # Read and written with the row locked on a team database, so two people changing
    # different fields at once both keep their change.
    with session.transaction(workspace) as conn:
        saved = settings_store.change_setting(conn, settings_store.PROFILE_KEY, change,
                                              default={})
    return PartyProfile.from_dict(saved)
