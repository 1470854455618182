"""The demo's ready accounts: a coordinator of every region and an editor of one
organisation per region, each with a one-time login (invitation) link."""

from __future__ import annotations

import sqlite_utils

from .accounts import add_user, new_invitation

__all__ = ["DEMO_COORDINATOR", "DEMO_EDITOR", "demo_accounts"]

DEMO_COORDINATOR = "coordinator@demo.socialmap.example"
DEMO_EDITOR = "editor@demo.socialmap.example"


def _busiest_organisation(db: sqlite_utils.Database, region: str) -> str | None:
    """The organisation of ``region`` with the most offers (then by id): a full demo page."""
    row = db.execute(
        "SELECT organisation FROM offers WHERE region = ? GROUP BY organisation"
        " ORDER BY count(*) DESC, organisation LIMIT 1",
        [region],
    ).fetchone()
    return row[0] if row else None


def demo_accounts(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """Create (or invite again) the demo coordinator and editor: ``(email, role, token)``.

    The coordinator works in every region, the editor for the busiest organisation
    of each region.  Run again, it issues new invitation tokens.
    """
    regions = tuple(r[0] for r in db.execute("SELECT id FROM regions ORDER BY id").fetchall())
    organisations = tuple(
        o for o in (_busiest_organisation(db, r) for r in regions) if o is not None
    )
    accounts = [
        (DEMO_COORDINATOR, "coordinator", regions, ()),
        (DEMO_EDITOR, "editor", (), organisations),
    ]
    made = []
    for email, role, in_regions, of_organisations in accounts:
        if db.table("users").count_where("email = ?", [email]):
            token = new_invitation(db, email)
        else:
            token = add_user(db, email, role, in_regions, of_organisations)
        made.append((email, role, token))
    return made
