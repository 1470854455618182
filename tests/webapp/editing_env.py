"""The shared world of the editing tests (write API and web forms): two regions, one user per
role, and a dump of the database to show that a denied action changed nothing.

Testville is the tiny dataset plus two unused locations; Otherville is a second region
with its own organisation.  Every user has an API token and the password
:data:`PASSWORD`; the editor and the case worker work for ``women-centre``, the
coordinator for Testville.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from builders import tiny_dataset
from web_datasets import import_dataset

from socialmap import editing
from socialmap.store import open_db

__all__ = [
    "ROLES",
    "OTHERVILLE",
    "PASSWORD",
    "TARGETS",
    "ALLOWED",
    "build_world",
    "dump",
    "auth",
    "set_password",
]

ROLES = ("editor", "caseworker", "coordinator", "admin")
PASSWORD = "correct horse battery"

OTHERVILLE = {
    "format": "socialmap-dataset/1",
    "region": {"id": "otherville", "name": "Otherville", "country": "NL"},
    "organisations": [{"id": "far-org", "name": "Far away", "kind": "welfare"}],
    "locations": [
        {"id": "far-loc", "organisation": "far-org", "lat": 53.2, "lon": 6.56},
        {"id": "far-spare", "organisation": "far-org", "lat": 53.21, "lon": 6.57},
    ],
    "offers": [
        {
            "id": "far-offer",
            "organisation": "far-org",
            "locations": ["far-loc"],
            "name": "Far offer",
            "category": "counselling",
            "ladder": {"accepts": [1], "leads_to": 2},
        },
        {
            "id": "far-other",
            "organisation": "far-org",
            "online": True,
            "name": "Far online",
            "category": "information",
            "ladder": {"accepts": [1], "leads_to": 2},
        },
    ],
    "referral_links": [{"from": "far-org", "to": "far-offer", "kind": "regular"}],
}


def testville() -> dict[str, Any]:
    """The tiny dataset with two unused locations (one of the editor's, one of another's)."""
    data = tiny_dataset()
    data["locations"] += [
        {"id": "spare-own", "organisation": "women-centre", "lat": 52.076, "lon": 4.316},
        {"id": "spare-other", "organisation": "college", "lat": 52.076, "lon": 4.306},
    ]
    return data


def set_password(db: Any, email: str, token: str, password: str = PASSWORD) -> None:
    """Accept the invitation ``token`` of ``email`` with ``password``."""
    editing.accept_invitation(db, token, password)


def build_world(path: Path) -> dict[str, str]:
    """Import both regions into ``path``, add the users; answer their API tokens by role."""
    import_dataset(path, testville())
    db = open_db(path)
    from socialmap.dataset.reader import Document
    from socialmap.importer import import_document

    import_document(db, Document(OTHERVILLE, "otherville.json"))
    own = {"organisations": ("women-centre",), "regions": ()}
    settings = {
        "editor": own,
        "caseworker": own,
        "coordinator": {"organisations": (), "regions": ("testville",)},
        "admin": {"organisations": (), "regions": ()},
    }
    tokens = {}
    for role, where in settings.items():
        email = f"{role}@example.org"
        invitation = editing.add_user(db, email, role, where["regions"], where["organisations"])
        set_password(db, email, invitation)
        tokens[role] = editing.issue_token(db, email)
    editing.add_user(db, "gone@example.org", "admin")
    tokens["disabled"] = editing.issue_token(db, "gone@example.org")
    editing.disable_user(db, "gone@example.org")
    tokens["invalid"] = "smt_not-a-token"
    db.close()
    return tokens


def dump(db_path: Path) -> list[str]:
    """Every row of the database: equal dumps, nothing written."""
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def auth(tokens: dict[str, str], who: str | None) -> dict[str, str]:
    """The bearer header of ``who`` (a role, ``disabled`` or ``invalid``; None: no header)."""
    return {} if who is None else {"Authorization": f"Bearer {tokens[who]}"}


#: target -> (offer, organisation, location (unused), existing link from/to, new link from/to)
TARGETS = {
    "own": (
        "coffee",
        "women-centre",
        "spare-own",
        "women-centre/college",
        "women-centre/volunteer",
    ),
    "other": ("language", "college", "spare-other", "language/volunteer", "college/volunteer"),
    "region": ("far-offer", "far-org", "far-spare", "far-org/far-offer", "far-org/far-other"),
}

#: role -> the targets it may write; revert is coordinators' and admins' alone
ALLOWED = {
    "editor": {"own"},
    "caseworker": set(),
    "coordinator": {"own", "other"},
    "admin": {"own", "other", "region"},
}
