"""Which entries are due for confirmation (6 months; referral links 12), per organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import tiny_dataset

from socialmap import editing
from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.network.stale import organisation_upkeep, stale_entries
from socialmap.store import open_db

TODAY = dt.date(2026, 12, 1)
ADMIN = editing.User("admin@example.org", "admin")


@pytest.fixture
def db():
    db = open_db(":memory:")
    data = tiny_dataset()
    data["organisations"][2]["last_verified"] = "2026-05-01"  # college: 7 months
    data["offers"][1]["last_verified"] = "2026-07-01"  # language: 5 months, not due
    import_document(db, Document(data, source="tiny.json"))
    return db


def test_due_entries_by_kind_and_age(db):
    due = {(e.organisation, e.kind, e.id): e for e in stale_entries(db, today=TODAY)}
    assert ("college", "organisation", "college") in due  # 7 months
    assert ("college", "offer", "language") not in due  # 5 months
    assert ("municipality", "organisation", "municipality") not in due  # 2 months
    # women-centre → college was confirmed 2026-03-01 (9 months): links have 12
    assert not any(e.id == "women-centre->college" for e in due.values())
    link = due[("college", "referral_link", "language->volunteer")]  # never confirmed
    assert link.name == "Taalcursus → Vrijwilligerswerk" and link.last_verified is None
    assert ("municipality", "referral_link", "language->volunteer") in due  # both ends
    assert stale_entries(db, today=TODAY, region="elsewhere") == []


def test_upkeep_counts_per_organisation_longest_silent_first(db):
    rows = {u.organisation: u for u in organisation_upkeep(db, today=TODAY)}
    assert (rows["college"].due, rows["college"].oldest) == (2, None)  # the link never
    assert (rows["women-centre"].due, rows["women-centre"].oldest) == (2, None)
    assert rows["municipality"].due == 3
    editing.verify_offer(db, "coffee", user=ADMIN, today=TODAY)
    rows = {u.organisation: u for u in organisation_upkeep(db, today=TODAY)}
    assert (rows["women-centre"].due, rows["women-centre"].oldest) == (1, "2024-01-01")
    assert organisation_upkeep(db, today=TODAY, regions=["elsewhere"]) == []
