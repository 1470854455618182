"""The SQLite store: schema migrations, and reading and writing whole regions.

SQLite is socialmap's single source of truth.  This module is the only one that
writes to it.  Tables are plain and readable with ordinary tools (``sqlite3``,
``sqlite-utils``, Datasette); list-valued fields that routing, analysis or the
map query live in link tables.

Every write is one transaction of :func:`write` (``BEGIN IMMEDIATE`` … one
``COMMIT``): an import, the change feed entries that describe it, a migration.
A crash at any moment leaves the state before or after it, and readers (WAL
mode; one :func:`snapshot` each) see the old records until the commit.

SQL text is a constant or made by :func:`socialmap.sql.sql`; every value is a
bound parameter.

It must not validate datasets (``socialmap.dataset`` does) nor compute
geography (``socialmap.geo`` does): it stores what it is given.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import DatasetError, NotFound, SocialmapError
from .fields import LINK_TABLES, OFFER_LISTS
from .sql import sql, where
from .vocab import RUNG_LABELS, labels

__all__ = [
    "open_db",
    "write",
    "snapshot",
    "migrations",
    "REGION_TABLES",
    "replace_region",
    "region_hash",
    "region_ids",
    "table_counts",
    "iter_rows",
    "list_links",
    "log_change",
    "changes_since",
    "data_version",
]

migrations = Migrations("socialmap")

#: The tables one region's import writes, in foreign-key order.
REGION_TABLES = (
    "regions",
    "neighbourhoods",
    "neighbourhood_postcodes",
    "neighbourhood_tags",
    "target_groups",
    "target_group_labels",
    "region_target_groups",
    "organisations",
    "locations",
    "offers",
    *LINK_TABLES,
    "referral_links",
)


# --- transactions ---------------------------------------------------------------------------


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """The one way socialmap writes: ``BEGIN IMMEDIATE`` … one ``COMMIT``.

    Any exception inside rolls everything back.  sqlite-utils' own writes join
    the open transaction (as savepoints); nothing inside commits on its own.
    Writes do not nest: a write path calls the others' parts, not their
    :func:`write`.

    >>> db = open_db(":memory:")
    >>> with write(db):
    ...     _ = db.execute("UPDATE rungs SET label_en = 'changed' WHERE id = 1")
    ...     raise KeyError("something failed")
    Traceback (most recent call last):
    KeyError: 'something failed'
    >>> db.execute("SELECT label_en FROM rungs WHERE id = 1").fetchone() == ("changed",)
    False
    """
    if db.conn.in_transaction:
        raise RuntimeError("store.write(): a transaction is already open on this connection")
    try:
        db.conn.execute("BEGIN IMMEDIATE")  # waits up to the connection's timeout (5 s)
    except sqlite3.OperationalError as exc:
        raise SocialmapError(f"the database is busy with another write ({exc})") from None
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


@contextmanager
def snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Read one committed state: every query inside sees the same commit (a read transaction).

    Inside a transaction already (a :func:`write`, an outer snapshot) it adds nothing.
    """
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")


@migrations(name="0001_initial_schema")
def _initial_schema(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE regions (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT, languages TEXT,
            content_hash TEXT, imported_at TEXT, source TEXT
        );
        CREATE TABLE rungs (id INTEGER PRIMARY KEY, label_de TEXT, label_nl TEXT, label_en TEXT);
        CREATE TABLE neighbourhoods (
            id TEXT PRIMARY KEY,
            region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            name TEXT NOT NULL, population INTEGER, geometry TEXT,
            lat REAL, lon REAL, min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL
        );
        CREATE TABLE neighbourhood_postcodes (
            neighbourhood TEXT NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
            postcode TEXT NOT NULL, PRIMARY KEY (neighbourhood, postcode)
        );
        CREATE TABLE neighbourhood_tags (
            neighbourhood TEXT NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
            tag TEXT NOT NULL, PRIMARY KEY (neighbourhood, tag)
        );
        CREATE TABLE target_groups (
            id TEXT PRIMARY KEY,
            parent TEXT REFERENCES target_groups(id) DEFERRABLE INITIALLY DEFERRED
        );
        CREATE TABLE target_group_labels (
            target_group TEXT NOT NULL REFERENCES target_groups(id) ON DELETE CASCADE,
            language TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (target_group, language)
        );
        CREATE TABLE region_target_groups (
            region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            target_group TEXT NOT NULL REFERENCES target_groups(id),
            PRIMARY KEY (region, target_group)
        );
        CREATE TABLE organisations (
            id TEXT PRIMARY KEY,
            region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            name TEXT NOT NULL, kind TEXT NOT NULL, description TEXT, website TEXT, email TEXT,
            phone TEXT, last_verified TEXT
        );
        CREATE TABLE locations (
            id TEXT PRIMARY KEY,
            region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            organisation TEXT REFERENCES organisations(id) ON DELETE CASCADE,
            name TEXT, address TEXT, postcode TEXT, city TEXT, lat REAL, lon REAL,
            approximate INTEGER NOT NULL DEFAULT 0, wheelchair INTEGER,
            declared_neighbourhood TEXT REFERENCES neighbourhoods(id) ON DELETE SET NULL,
            neighbourhood TEXT REFERENCES neighbourhoods(id) ON DELETE SET NULL
        );
        CREATE TABLE offers (
            id TEXT PRIMARY KEY,
            region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            organisation TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            online INTEGER NOT NULL DEFAULT 0, name TEXT NOT NULL, description TEXT, purpose TEXT,
            category TEXT NOT NULL, leads_to INTEGER NOT NULL REFERENCES rungs(id),
            age_min INTEGER, age_max INTEGER, interpreter INTEGER NOT NULL DEFAULT 0,
            cost_eur REAL, cost_description TEXT, childcare INTEGER NOT NULL DEFAULT 0,
            capacity INTEGER, wait_weeks REAL, valid_from TEXT, valid_until TEXT, funding TEXT,
            contact_name TEXT, contact_email TEXT, contact_phone TEXT, last_verified TEXT
        );
        CREATE TABLE referral_links (
            id TEXT PRIMARY KEY,
            region TEXT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            from_organisation TEXT REFERENCES organisations(id) ON DELETE CASCADE,
            from_offer TEXT REFERENCES offers(id) ON DELETE CASCADE,
            to_organisation TEXT REFERENCES organisations(id) ON DELETE CASCADE,
            to_offer TEXT REFERENCES offers(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, since TEXT, last_confirmed TEXT, note TEXT,
            CHECK ((from_organisation IS NULL) <> (from_offer IS NULL)),
            CHECK ((to_organisation IS NULL) <> (to_offer IS NULL))
        );
        CREATE INDEX idx_neighbourhoods_region ON neighbourhoods(region);
        CREATE INDEX idx_neighbourhood_postcodes_postcode ON neighbourhood_postcodes(postcode);
        CREATE INDEX idx_organisations_region ON organisations(region);
        CREATE INDEX idx_locations_region ON locations(region);
        CREATE INDEX idx_locations_organisation ON locations(organisation);
        CREATE INDEX idx_locations_neighbourhood ON locations(neighbourhood);
        CREATE INDEX idx_locations_lat_lon ON locations(lat, lon);
        CREATE INDEX idx_offers_region ON offers(region);
        CREATE INDEX idx_offers_organisation ON offers(organisation);
        CREATE INDEX idx_offers_category ON offers(category);
        CREATE INDEX idx_offers_valid_until ON offers(valid_until);
        CREATE INDEX idx_referral_links_region ON referral_links(region);
        CREATE INDEX idx_referral_links_from_organisation ON referral_links(from_organisation);
        CREATE INDEX idx_referral_links_from_offer ON referral_links(from_offer);
        CREATE INDEX idx_referral_links_to_organisation ON referral_links(to_organisation);
        CREATE INDEX idx_referral_links_to_offer ON referral_links(to_offer);
        """
    )
    # The one place SQL text is formatted without socialmap.sql: these statements create the
    # names sql() accepts, from socialmap.fields' constants.
    for f in OFFER_LISTS:
        table, column, value_type = f.table, f.column, f.sql_type
        references = f" REFERENCES {f.references} ON DELETE CASCADE" if f.references else ""
        db.execute(
            f"CREATE TABLE {table} ("
            " offer TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,"
            f" {column} {value_type} NOT NULL{references},"
            f" PRIMARY KEY (offer, {column}))"
        )
        db.execute(f"CREATE INDEX idx_{table}_{column} ON {table}({column})")
    db.table("rungs").insert_all(
        {"id": rung, **{f"label_{lang}": text for lang, text in labels(RUNG_LABELS, rung).items()}}
        for rung in RUNG_LABELS
    )


@migrations(name="0002_offer_search")
def _offer_search(db: sqlite_utils.Database) -> None:
    # Filled after each import (no triggers: they would slow a 250,000-offer import).
    db.table("offers").enable_fts(
        ["name", "description", "purpose"], tokenize="unicode61 remove_diacritics 2"
    )


@migrations(name="0003_offer_name_index")
def _offer_name_index(db: sqlite_utils.Database) -> None:
    # The offer list (web and API) is sorted by name: page 1 then needs no sort of every offer.
    db.execute("CREATE INDEX IF NOT EXISTS idx_offers_name ON offers(name COLLATE NOCASE, id)")


@migrations(name="0004_record_changes")
def _record_changes(db: sqlite_utils.Database) -> None:
    # The feed every server process follows to update its in-memory model in place:
    # one row per written record (or per region an import replaced), in commit order.
    db.execute(
        "CREATE TABLE record_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        " at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
        " kind TEXT NOT NULL, record TEXT NOT NULL, region TEXT)"
    )


@migrations(name="0005_offer_cost_index_and_statistics")
def _offer_cost_index(db: sqlite_utils.Database) -> None:
    # "free only" on a page sorted by name: with statistics the planner starts from the few
    # free offers instead of walking every name (0.3 s → 1 ms at 250,000 offers).
    db.execute("CREATE INDEX IF NOT EXISTS idx_offers_cost_eur ON offers(cost_eur)")
    _analyse(db)


@migrations(name="0006_editing_and_accounts")
def _editing_and_accounts(db: sqlite_utils.Database) -> None:
    # Web edits: every editable record carries a version (optimistic locking); every edit is
    # one row of `changes` (before/after as dataset JSON; seq: its entry in record_changes,
    # which orders it against the imports). Accounts: users with their regions
    # and organisations (link tables, no foreign keys: an import replaces organisations),
    # API tokens and invitations stored only as hashes.
    for table in ("organisations", "locations", "offers", "referral_links"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.executescript(
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT,
            action TEXT NOT NULL, record TEXT NOT NULL, region TEXT,
            before TEXT, after TEXT, reverts INTEGER REFERENCES changes(id),
            seq INTEGER NOT NULL
        );
        CREATE INDEX idx_changes_record ON changes(record, id);
        CREATE INDEX idx_changes_region ON changes(region, seq);
        CREATE TABLE users (
            email TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT,
            disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
        );
        CREATE TABLE user_regions (
            user TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            region TEXT NOT NULL, PRIMARY KEY (user, region)
        );
        CREATE TABLE user_organisations (
            user TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            organisation TEXT NOT NULL, PRIMARY KEY (user, organisation)
        );
        CREATE TABLE api_tokens (
            token_hash TEXT PRIMARY KEY,
            user TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE invitations (
            token_hash TEXT PRIMARY KEY,
            user TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            expires_at TEXT NOT NULL, used_at TEXT
        );
        """
    )


@migrations(name="0007_referrals_and_outcomes")
def _referrals_and_outcomes(db: sqlite_utils.Database) -> None:
    # DESIGN.md "Referrals and outcomes": a client is only a random code with the profile
    # fields routing needs (no name, address, contact, birth date or free text); a referral
    # is one step of a path sent to the receiving organisation; its status history and the
    # client's rungs over time are rows of their own.  Erasing a code deletes every row that
    # carries it (secure_delete is on for these deletes, see the referrals module).
    db.executescript(
        """
        CREATE TABLE clients (
            code TEXT PRIMARY KEY, region TEXT, created_at TEXT NOT NULL,
            age_band TEXT, gender TEXT, target_groups TEXT, languages TEXT,
            residence_status TEXT, work_ban TEXT, rung INTEGER, goal INTEGER,
            neighbourhood TEXT, profile TEXT
        );
        CREATE TABLE referrals (
            id TEXT PRIMARY KEY,
            client_code TEXT NOT NULL REFERENCES clients(code) ON DELETE CASCADE,
            region TEXT, offer_id TEXT NOT NULL,
            from_organisation TEXT NOT NULL, to_organisation TEXT NOT NULL,
            previous_organisation TEXT, step INTEGER NOT NULL DEFAULT 1,
            path TEXT, warm INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL, reason TEXT,
            appointment_date TEXT, contact_person TEXT,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            created_by TEXT, version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX idx_referrals_to ON referrals(to_organisation, status);
        CREATE INDEX idx_referrals_from ON referrals(from_organisation, status);
        CREATE INDEX idx_referrals_offer ON referrals(offer_id, created_at);
        CREATE INDEX idx_referrals_client ON referrals(client_code);
        CREATE TABLE referral_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            referral_id TEXT NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
            at TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, user TEXT
        );
        CREATE INDEX idx_referral_events ON referral_events(referral_id, id);
        CREATE TABLE client_rungs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_code TEXT NOT NULL REFERENCES clients(code) ON DELETE CASCADE,
            rung INTEGER NOT NULL, date TEXT NOT NULL, organisation TEXT, recorded_at TEXT NOT NULL
        );
        CREATE INDEX idx_client_rungs ON client_rungs(client_code, date);
        """
    )


@migrations(name="0008_referral_link_contacts")
def _referral_link_contacts(db: sqlite_utils.Database) -> None:
    # The named contact persons on both sides of a referral link (dataset: from_contact,
    # to_contact), so that the network's knowledge survives staff changes.
    for side in ("from", "to"):
        for part in ("name", "email", "phone"):
            db.execute(f"ALTER TABLE referral_links ADD COLUMN {side}_contact_{part} TEXT")


@migrations(name="0009_network_upkeep")
def _network_upkeep(db: sqlite_utils.Database) -> None:
    # How the network keeps the map true: one-time password reset links (hash + expiry, as
    # invitations), the reminders sent (a run is idempotent within a week), suggestions from
    # the public (text only, no sender) and organisations that asked to join (nothing
    # visible until a coordinator approves; approval writes through the editing path).
    db.executescript(
        """
        CREATE TABLE password_resets (
            token_hash TEXT PRIMARY KEY,
            user TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
            expires_at TEXT NOT NULL, used_at TEXT
        );
        CREATE TABLE reminders_sent (
            id INTEGER PRIMARY KEY AUTOINCREMENT, organisation TEXT NOT NULL,
            user TEXT NOT NULL, sent_at TEXT NOT NULL, entries TEXT NOT NULL
        );
        CREATE INDEX idx_reminders_sent ON reminders_sent(organisation, user, sent_at);
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, record TEXT NOT NULL,
            kind TEXT NOT NULL, text TEXT NOT NULL, region TEXT, organisation TEXT,
            done_at TEXT, done_by TEXT
        );
        CREATE INDEX idx_suggestions_region ON suggestions(region, done_at, id);
        CREATE INDEX idx_suggestions_organisation ON suggestions(organisation, done_at, id);
        CREATE TABLE registrations (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, region TEXT NOT NULL,
            record TEXT NOT NULL, contact_email TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending', decided_at TEXT, decided_by TEXT,
            organisation TEXT
        );
        CREATE INDEX idx_registrations_region ON registrations(region, status, id);
        """
    )


@migrations(name="0010_referral_outcome_indexes")
def _referral_outcome_indexes(db: sqlite_utils.Database) -> None:
    # Routing counts outcomes of the last twelve months (by updated_at) and retention finds
    # clients without recent activity; the coach's ladder reads rungs per organisation.
    db.executescript(
        """
        CREATE INDEX idx_referrals_updated ON referrals(updated_at);
        CREATE INDEX idx_referral_events_status ON referral_events(status, referral_id);
        CREATE INDEX idx_client_rungs_organisation ON client_rungs(organisation, date);
        """
    )


@migrations(name="0012_opening_hours_and_hsds_sources")
def _opening_hours_and_sources(db: sqlite_utils.Database) -> None:
    # opening_hours: JSON list of weekly periods (socialmap.hours). cost_options: JSON list of
    # priced options with currency, conditions and validity; regions.currency: the default a
    # region's prices are in (never invented). source: JSON of what an imported HSDS record
    # said that socialmap has no field for, exported again verbatim. unknown_fields: the
    # fields the source did not state (';'-separated) — the NOT NULL columns hold a
    # placeholder that must not be exported or routed on.
    for table, column in (
        ("offers", "opening_hours"),
        ("locations", "opening_hours"),
        ("offers", "cost_options"),
        ("regions", "currency"),
        ("organisations", "source"),
        ("locations", "source"),
        ("offers", "source"),
        ("offers", "unknown_fields"),
    ):
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")


@migrations(name="0013_neighbourhood_aliases")
def _neighbourhood_aliases(db: sqlite_utils.Database) -> None:
    # aliases: JSON list of the other names people use for a neighbourhood ("Schilderswijk",
    # "Zuidwest", "Escamp"); the referral desk's picker finds a neighbourhood by them.
    db.execute("ALTER TABLE neighbourhoods ADD COLUMN aliases TEXT")


@migrations(name="0011_offer_search_terms")
def _offer_search_terms(db: sqlite_utils.Database) -> None:
    # The words of the offer index, for the search's typing-mistake tolerance
    # (socialmap.search.words): read live from offers_fts, nothing to fill.
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS offers_fts_terms USING fts5vocab(offers_fts, row)"
    )


def _analyse(db: sqlite_utils.Database) -> None:
    """Refresh the query planner's statistics (sampled: milliseconds, even for a state)."""
    db.execute("PRAGMA analysis_limit = 1000")
    db.execute("ANALYZE")


def log_change(db: sqlite_utils.Database, kind: str, record: str, region: str | None) -> None:
    """Note that a record (``kind`` = ``region``, ``offer``, ``location``, ``organisation``
    or ``referral_link``) was written — inside the :func:`write` that wrote it."""
    if not db.conn.in_transaction:
        raise RuntimeError("store.log_change() belongs inside the store.write() of its records")
    db.execute(
        "INSERT INTO record_changes (kind, record, region) VALUES (?, ?, ?)",
        [kind, record, region],
    )


def data_version(db: sqlite_utils.Database) -> int:
    """The latest change sequence number: it grows with every write, import or edit."""
    row = db.execute("SELECT max(seq) FROM record_changes").fetchone()
    return int(row[0] or 0)


def changes_since(db: sqlite_utils.Database, seq: int) -> list[tuple[int, str, str, str | None]]:
    """``(seq, kind, record, region)`` of every change logged after ``seq``, in order."""
    return db.execute(
        "SELECT seq, kind, record, region FROM record_changes WHERE seq > ? ORDER BY seq", [seq]
    ).fetchall()


def open_db(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and migrate) a socialmap database.

    Parameters
    ----------
    path : str or Path
        The SQLite file, or ``":memory:"``.
    create : bool
        When False, a missing file is a :class:`NotFound` error instead of a new database.

    >>> db = open_db(":memory:")
    >>> {"offers", "referral_links", "offer_accepts"} <= set(db.table_names())
    True
    >>> [m.name for m in migrations.applied(db)][:2]
    ['0001_initial_schema', '0002_offer_search']
    >>> migrations.pending(db)
    []
    """
    if str(path) != ":memory:" and not create and not Path(path).exists():
        raise NotFound(f"database {str(path)!r} does not exist (run 'socialmap init-db' first)")
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        if migrations.pending(db):
            with write(db):
                migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise SocialmapError(f"database {str(path)!r}: cannot be opened ({exc})") from None
    return db


def region_hash(db: sqlite_utils.Database, region: str) -> str | None:
    """Return the content hash recorded by the last import of ``region``, or None."""
    row = db.execute("SELECT content_hash FROM regions WHERE id = ?", [region]).fetchone()
    return row[0] if row else None


def region_ids(db: sqlite_utils.Database, table: str, region: str | None = None) -> dict[str, str]:
    """Return ``{id: region}`` of a region-owned table, for collision checks across regions."""
    assert table in {"neighbourhoods", "organisations", "locations", "offers"}, table
    conditions, params = ([sql("region = ?")], [region]) if region is not None else ([], [])
    statement = sql("SELECT id, region FROM {table} {where}", table=table, where=where(conditions))
    return dict(db.execute(statement, params).fetchall())


def replace_region(
    db: sqlite_utils.Database,
    tables: dict[str, list[dict[str, Any]]],
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Replace every record of one region with ``tables``, in one :func:`write`.

    ``tables`` maps table names to rows, with exactly one row in ``regions``.
    Target groups are shared between regions: the region's target groups are
    upserted, and target groups no region uses any more are removed.
    ``progress(done, total)`` is called as rows are written.  A row SQLite
    refuses (an integer too large, say) is a :class:`DatasetError` naming the
    record and field; the region then stays as it was.
    """
    (region,) = tables["regions"]
    try:
        with write(db):
            _write_region(db, tables, progress)
            log_change(db, "region", region["id"], region["id"])
    except sqlite3.IntegrityError as exc:  # a deferred foreign key, checked at COMMIT
        raise DatasetError(f"region {region['id']!r}: cannot be stored ({exc})") from None


def _write_region(
    db: sqlite_utils.Database,
    tables: dict[str, list[dict[str, Any]]],
    progress: Callable[[int, int], None] | None,
) -> None:
    (region,) = tables["regions"]
    db.execute("PRAGMA defer_foreign_keys = ON")
    # ON DELETE CASCADE removes everything the region owns.
    db.execute("DELETE FROM regions WHERE id = ?", [region["id"]])
    _replace_target_group_labels(db, tables.get("target_groups", []))
    total = sum(len(tables.get(table) or []) for table in REGION_TABLES)
    done = 0
    for table in REGION_TABLES:
        rows = tables.get(table) or []
        if table == "target_groups":
            db.table(table).upsert_all(rows, pk="id", batch_size=2000)
        elif rows:
            _bulk_insert(db, table, rows)
        done += len(rows)
        if progress is not None:
            progress(done, total)
    _drop_unused_target_groups(db)
    _rebuild_search(db)
    _analyse(db)


def _bulk_insert(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    # executemany over one prepared statement: sqlite-utils' insert_all re-inspects every
    # row, which was two thirds of the time of a 250,000-offer import.
    columns = list(rows[0])
    statement = sql(
        "INSERT INTO {table} ({columns}) VALUES ({columns:marks})", table=table, columns=columns
    )
    try:
        db.conn.executemany(statement, ([row[c] for c in columns] for row in rows))
    except (OverflowError, sqlite3.Error) as exc:
        raise _refused(db, table, rows, exc) from None


def _refused(
    db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]], exc: Exception
) -> DatasetError:
    """The one-line error of rows SQLite refused, naming the record and field to blame."""
    for row in rows:
        for column, value in row.items():
            try:
                db.conn.execute("SELECT ?", [value])
            except (OverflowError, sqlite3.Error):
                record = row.get("id") or row.get("offer") or row.get("neighbourhood")
                return DatasetError(
                    f"{table} {record!r}: {column}: {value!r} cannot be stored ({exc})"
                )
    return DatasetError(f"{table}: cannot be stored ({exc})")


def _replace_target_group_labels(db: sqlite_utils.Database, groups: list[dict[str, Any]]) -> None:
    # Target groups are shared: an import rewrites the labels of the groups it declares.
    db.execute(
        "DELETE FROM target_group_labels WHERE target_group IN (SELECT value FROM json_each(?))",
        [json.dumps([g["id"] for g in groups])],
    )


def _drop_unused_target_groups(db: sqlite_utils.Database) -> None:
    # Repeat: removing a leaf can leave its parent unused.
    while True:
        cursor = db.execute(
            "DELETE FROM target_groups WHERE id NOT IN "
            "(SELECT target_group FROM region_target_groups) AND id NOT IN "
            "(SELECT target_group FROM offer_target_groups) AND id NOT IN "
            "(SELECT parent FROM target_groups WHERE parent IS NOT NULL)"
        )
        if cursor.rowcount == 0:
            return


def _rebuild_search(db: sqlite_utils.Database) -> None:
    db.table("offers").rebuild_fts()


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Return the number of rows of every socialmap data table (FTS shadow tables and the
    change feed left out)."""
    return {
        name: db[name].count
        for name in db.table_names()
        if not name.startswith(("_", "offers_fts"))
        and name not in ("sqlite_stat1", "sqlite_sequence", "record_changes")
    }


def iter_rows(
    db: sqlite_utils.Database,
    table: str,
    region: str | None = None,
    order_by: str = "rowid",
    columns: Sequence[str] | None = None,
) -> Iterable[dict[str, Any]]:
    """Yield the rows of ``table`` (optionally one region's; all or some ``columns``) as dicts,
    in a stable order."""
    select = sql("{columns}", columns=columns) if columns is not None else "*"
    if region is None:
        return db[table].rows_where(select=select, order_by=order_by)
    return db[table].rows_where("region = ?", [region], select=select, order_by=order_by)


def list_links(
    db: sqlite_utils.Database,
    table: str,
    region: str | None = None,
    offers: Sequence[str] | None = None,
) -> dict[str, list]:
    """Return ``{offer id: [values]}`` of one offer link table, values in sorted order.

    ``region``: only that region's offers; ``offers``: only these offers.
    """
    column = LINK_TABLES[table].column
    conditions = []
    params: list[Any] = []
    if region is not None:
        conditions.append(sql("o.region = ?"))
        params.append(region)
    if offers is not None:
        conditions.append(sql("l.offer IN (SELECT value FROM json_each(?))"))
        params.append(json.dumps(list(offers)))
    statement = sql(
        "SELECT l.offer, l.{column} FROM {table} l JOIN offers o ON o.id = l.offer {scope}"
        " ORDER BY l.offer, l.{column}",
        column=column,
        table=table,
        scope=where(conditions),
    )
    result: dict[str, list] = {}
    for offer, value in db.execute(statement, params).fetchall():
        result.setdefault(offer, []).append(value)
    return result
