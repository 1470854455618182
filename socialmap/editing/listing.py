"""What a user may edit, for the editing screens: their organisations, read only.

The one rule is :func:`~socialmap.editing.permissions.may` on each stored
organisation; nothing here decides by role.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .accounts import User
from .permissions import Target, may

__all__ = ["editable_organisations"]


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
