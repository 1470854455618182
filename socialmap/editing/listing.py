"""What a user may edit, for the editing screens: their organisations, read only.

The one rule is :func:`~socialmap.editing.permissions.may` on each stored
organisation; nothing here decides by role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from ..errors import NotFound
from .accounts import User
from .permissions import Target, may
from .records import Stored, load

__all__ = ["Entries", "editable_organisations", "organisation_entries", "region_nodes"]


def editable_organisations(db: sqlite_utils.Database, user: User | None) -> list[dict[str, Any]]:
    """The organisations ``user`` may edit: ``{id, name, region}``, by region and name."""
    rows = db.execute(
        "SELECT id, name, region FROM organisations ORDER BY region, name COLLATE NOCASE, id"
    ).fetchall()
    return [
        {"id": row[0], "name": row[1], "region": row[2]}
        for row in rows
        if may(user, "edit organisation", Target(row[2], frozenset({row[0]})))
    ]


@dataclass(frozen=True)
class Entries:
    """An organisation with every offer, location and referral link it edits."""

    organisation: Stored
    offers: list[Stored]
    locations: list[Stored]
    #: referral links from or to the organisation or one of its offers
    links: list[Stored]


def organisation_entries(db: sqlite_utils.Database, organisation: str) -> Entries:
    """The stored records of ``organisation`` (:class:`NotFound` if there is none)."""
    stored = load(db, "organisation", organisation)
    if stored is None:
        raise NotFound(f"organisation {organisation!r}: no such organisation")

    def ids(query: str, params: Any) -> list[str]:
        return [row[0] for row in db.execute(query, params).fetchall()]

    offer_ids = ids(
        "SELECT id FROM offers WHERE organisation = ? ORDER BY name COLLATE NOCASE, id",
        [organisation],
    )
    location_ids = ids(
        "SELECT id FROM locations WHERE organisation = ? ORDER BY name COLLATE NOCASE, id",
        [organisation],
    )
    link_ids = ids(
        "SELECT id FROM referral_links WHERE from_organisation = :o OR to_organisation = :o"
        " OR from_offer IN (SELECT id FROM offers WHERE organisation = :o)"
        " OR to_offer IN (SELECT id FROM offers WHERE organisation = :o) ORDER BY id",
        {"o": organisation},
    )

    def loaded(kind: str, record_ids: list[str]) -> list[Stored]:
        return [s for s in (load(db, kind, i) for i in record_ids) if s is not None]

    return Entries(
        organisation=stored,
        offers=loaded("offer", offer_ids),
        locations=loaded("location", location_ids),
        links=loaded("referral_link", link_ids),
    )


def region_nodes(db: sqlite_utils.Database, region: str) -> list[dict[str, Any]]:
    """The organisations and offers of ``region`` a referral link may name: ``{id, name,
    kind, organisation}`` (``kind`` is ``organisation`` or ``offer``), by name."""
    rows = db.execute(
        "SELECT id, name, 'organisation', id FROM organisations WHERE region = ?"
        " UNION ALL SELECT id, name, 'offer', organisation FROM offers WHERE region = ?"
        " ORDER BY 2 COLLATE NOCASE, 1",
        [region, region],
    ).fetchall()
    return [{"id": r[0], "name": r[1], "kind": r[2], "organisation": r[3]} for r in rows]
