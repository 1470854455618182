"""Read and write one stored record of an editable kind (organisation, location, offer,
referral link) — its row, an offer's link-table rows and its search entry, and its version.

Rows come from :func:`socialmap.dataset.tables.record_rows`, the conversion the
import uses; records are read back with :func:`socialmap.dataset.tables.read_record`,
the conversion the export uses.  Nothing here validates or commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from ..dataset.tables import read_record, record_rows
from ..fields import OFFER_LISTS
from ..sql import sql

__all__ = ["KINDS", "Stored", "load", "save", "remove", "record_key", "organisation_ids"]

#: kind (as in ``"offer:<id>"`` and the routing change feed) -> its table
KINDS: dict[str, str] = {
    "organisation": "organisations",
    "location": "locations",
    "offer": "offers",
    "referral_link": "referral_links",
}


@dataclass(frozen=True)
class Stored:
    """A record as stored: its dataset form, region and version."""

    kind: str
    id: str
    region: str
    version: int
    record: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The record as the API answers it: the dataset record plus ``version``."""
        return {**self.record, "version": self.version}


def record_key(kind: str, record_id: str) -> str:
    """``"offer:coffee"`` — how ``changes`` and the API name a record."""
    return f"{kind}:{record_id}"


def load(db: sqlite_utils.Database, kind: str, record_id: str) -> Stored | None:
    """The stored record ``record_id`` of ``kind``, or None."""
    table = KINDS[kind]
    row = db.execute(
        sql("SELECT region, version FROM {table} WHERE id = ?", table=table), [record_id]
    ).fetchone()
    if row is None:
        return None
    record = read_record(db, table, record_id)
    assert record is not None
    return Stored(kind, record_id, row[0], int(row[1]), record)


def organisation_ids(db: sqlite_utils.Database, ids: set[str]) -> set[str]:
    """Which of ``ids`` are organisations (the others, for a referral link, are offers)."""
    return {i for i in ids if db.table("organisations").count_where("id = ?", [i])}


def save(
    db: sqlite_utils.Database,
    kind: str,
    region: str,
    record: dict[str, Any],
    version: int,
    *,
    exists: bool,
) -> None:
    """Write ``record`` (validated, placed) as version ``version`` of its row."""
    table = KINDS[kind]
    ends = {record["from"], record["to"]} if kind == "referral_link" else set()
    rows = record_rows(region, table, record, organisation_ids(db, ends))
    (row,) = rows.pop(table)
    row["version"] = version
    if kind == "offer" and exists:
        _unindex_offer(db, row["id"])
    if exists:
        db.table(table).update(row["id"], row)
    else:
        db.table(table).insert(row)
    for link_table, link_rows in rows.items():
        db.table(link_table).delete_where("offer = ?", [row["id"]])
        if link_rows:
            db.table(link_table).insert_all(link_rows)
    if kind == "offer":
        _index_offer(db, row["id"])


def remove(db: sqlite_utils.Database, kind: str, record_id: str) -> None:
    """Delete the row ``record_id`` (an offer's link rows go with it: ON DELETE CASCADE)."""
    if kind == "offer":
        _unindex_offer(db, record_id)
        for f in OFFER_LISTS:
            db.table(f.table).delete_where("offer = ?", [record_id])
    db.table(KINDS[kind]).delete(record_id)


# The offer search index is external-content FTS5 filled by the import: an edited offer
# leaves it (with its old text) and enters it again (with the new).
_FTS_REMOVE = (
    "INSERT INTO offers_fts (offers_fts, rowid, name, description, purpose)"
    " SELECT 'delete', rowid, name, description, purpose FROM offers WHERE id = ?"
)
_FTS_ADD = (
    "INSERT INTO offers_fts (rowid, name, description, purpose)"
    " SELECT rowid, name, description, purpose FROM offers WHERE id = ?"
)


def _unindex_offer(db: sqlite_utils.Database, offer: str) -> None:
    db.execute(_FTS_REMOVE, [offer])


def _index_offer(db: sqlite_utils.Database, offer: str) -> None:
    db.execute(_FTS_ADD, [offer])
