"""The world of the network pages' tests: :mod:`editing_env`'s two regions and users, plus in
each region one suggestion, one change, one pending registration and one account to disable.

``ITEMS`` names them by region — ``own`` is Testville (the coordinator's region, the
editor's organisation ``women-centre``), ``other`` is Otherville.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editing_env import PASSWORD, build_world

from socialmap import editing
from socialmap.network.registrations import register
from socialmap.network.suggestions import add_suggestion
from socialmap.store import open_db

__all__ = ["PASSWORD", "ITEMS", "build_network_world", "login"]

ADMIN = editing.User("admin@example.org", "admin")

#: Per region: the suggestion, change and registration numbers, the account to disable,
#: the organisation to invite for and the organisation whose entries to confirm.
ITEMS: dict[str, dict[str, Any]] = {
    "own": {
        "suggestion": 1,
        "change": 1,
        "registration": 1,
        "victim": "victim@college.example",
        "organisation": "college",
        "confirm": "women-centre",
    },
    "other": {
        "suggestion": 2,
        "change": 2,
        "registration": 2,
        "victim": "victim@far.example",
        "organisation": "far-org",
        "confirm": "far-org",
    },
}


def build_network_world(path: Path) -> dict[str, str]:
    """Build the world into ``path``; answer the API tokens by role."""
    tokens = build_world(path)
    db = open_db(path)
    add_suggestion(db, "offer:coffee", "wrong_contact", "The phone number is 070 123 4567")
    add_suggestion(db, "offer:far-offer", "closed", "Closed since the summer")
    editing.patch_offer(db, "coffee", {"name": "Koffie & praten"}, user=ADMIN)
    editing.patch_offer(db, "far-offer", {"name": "Far offer, renamed"}, user=ADMIN)
    register(
        db, "testville", {"name": "Buurthuis De Linde", "kind": "welfare"}, "lin@linde.example"
    )
    register(db, "otherville", {"name": "Far newcomer", "kind": "welfare"}, "new@far.example")
    editing.add_user(db, "victim@college.example", "editor", organisations=("college",))
    editing.add_user(db, "victim@far.example", "editor", organisations=("far-org",))
    db.close()
    return tokens


def login(client: Any, role: str) -> None:
    """Log ``client`` in as the world's user of ``role`` (CSRF off in these apps)."""
    response = client.post(
        "/account/login", data={"email": f"{role}@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
