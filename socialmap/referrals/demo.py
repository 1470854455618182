"""The demo's referrals: a ready case worker and a synthetic outcome history per region.

``socialmap demo`` calls :func:`demo_caseworker` (one account working at one
organisation of every region — Gladbeck's job centre, Den Haag's municipality —
with a one-time login link) and :func:`demo_history`, which writes a few hundred
referrals per region drawn from hidden start probabilities
(:mod:`.synthetic`), so that the coach's outcome tables show real-looking figures.
"""

from __future__ import annotations

import sqlite_utils

from ..editing.accounts import add_user, new_invitation
from ..routing.index import load_index
from .synthetic import Truth, simple_profiles, simulate, write_history

__all__ = ["DEMO_CASEWORKER", "demo_caseworker", "demo_history"]

DEMO_CASEWORKER = "caseworker@demo.socialmap.example"
#: The kinds of organisation a demo case worker works at, in order of preference.
_KINDS = ("jobcenter", "municipality", "welfare")


def _organisation(db: sqlite_utils.Database, region: str) -> str | None:
    for kind in _KINDS:
        row = db.execute(
            "SELECT o.id FROM organisations o LEFT JOIN offers f ON f.organisation = o.id"
            " WHERE o.region = ? AND o.kind = ? GROUP BY o.id ORDER BY count(f.id) DESC, o.id"
            " LIMIT 1",
            [region, kind],
        ).fetchone()
        if row:
            return str(row[0])
    return None


def demo_caseworker(db: sqlite_utils.Database) -> tuple[str, tuple[str, ...], str]:
    """Create (or invite again) the demo case worker: ``(email, organisations, token)``."""
    regions = [r[0] for r in db.execute("SELECT id FROM regions ORDER BY id").fetchall()]
    organisations = tuple(o for o in (_organisation(db, r) for r in regions) if o)
    if db.table("users").count_where("email = ?", [DEMO_CASEWORKER]):
        token = new_invitation(db, DEMO_CASEWORKER)
    else:
        token = add_user(db, DEMO_CASEWORKER, "caseworker", (), organisations)
    return DEMO_CASEWORKER, organisations, token


def demo_history(db: sqlite_utils.Database, per_region: int = 240, seed: int = 7) -> int:
    """Write ``per_region`` synthetic referrals into every region that has none yet;
    return how many were written."""
    written = 0
    for region, languages in db.execute("SELECT id, languages FROM regions ORDER BY id"):
        if db.execute("SELECT 1 FROM referrals WHERE region = ? LIMIT 1", [region]).fetchone():
            continue
        index = load_index(db, region)
        language = (languages or "en").split(",")[0].strip()  # stored comma-separated
        truth = Truth.draw(index, seed)
        history = simulate(index, truth, per_region, seed, simple_profiles(index, language))
        written += write_history(db, history, seed=seed)
    return written
