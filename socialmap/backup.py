"""Online backup and checked restore of a socialmap database, with SQLite's backup API.

:func:`backup_database` copies the database while the server runs and others
write: SQLite's online backup (``sqlite3.Connection.backup``) in one step reads
one consistent snapshot, whatever commits meanwhile.  The copy is checked
(``PRAGMA integrity_check``), made a standalone file (rollback journal, no
``-wal``) and renamed into place (:func:`socialmap.files.atomic_file`); an
existing file is replaced only with ``force``.

:func:`restore_database` first checks the file to restore from — an SQLite
database that passes ``PRAGMA integrity_check``, with socialmap's migrations
and none from a newer socialmap — and refuses with one line, changing nothing,
when it is not (nor does it replace a ``--db`` that is another program's
database).  Then the backup API copies it *into* the database, in one
write transaction: a reader sees the old data or the new, and SQLite itself
takes care of the ``-wal`` and ``-shm`` files, so they are never deleted under
a running process.  Only a database file that SQLite cannot open at all is
replaced as a file (its stale ``-wal``/``-shm`` removed first: they would be
replayed into the restored copy).  Running servers keep their routing model
until they restart.

This module copies whole databases; it writes no records (:mod:`socialmap.store` does).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from .errors import NotADatabase, NotFound, SocialmapError
from .files import atomic_file
from .store import migrations, open_db

__all__ = ["backup_database", "restore_database", "check_backup", "Restored"]

_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Restored:
    """What a restore put back: the database, and how many regions and offers it holds."""

    db: Path
    regions: int
    offers: int


def backup_database(db_path: str | Path, out: str | Path, *, force: bool = False) -> Path:
    """Write a consistent copy of the database ``db_path`` to the file ``out``; return ``out``.

    Safe while the server runs and while another process writes: the copy is one
    snapshot.  ``out`` must not exist unless ``force`` is given.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise NotFound(f"database {str(db_path)!r} does not exist")
    _refuse_same_file(Path(out), db_path, "--out")

    def fill(tmp: Path) -> None:
        try:
            with closing(_connect(db_path)) as source, closing(sqlite3.connect(tmp)) as copy:
                _check_socialmap(source, str(db_path))
                source.backup(copy)  # pages=-1: every page in one step, one snapshot
                copy.execute("PRAGMA journal_mode = DELETE")  # a standalone file: no -wal
                _check_integrity(copy, f"the copy of {db_path}")
        except sqlite3.DatabaseError as exc:
            raise SocialmapError(f"{db_path}: cannot be backed up ({exc})") from None
        finally:
            _remove_side_files(tmp)

    return atomic_file(out, fill, force=force)


def check_backup(path: str | Path) -> None:
    """Raise :class:`~socialmap.errors.NotADatabase` unless ``path`` is an intact socialmap db."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: no such file")
    try:
        with closing(_connect(path, read_only=True)) as conn:
            _check_integrity(conn, str(path))
            _check_socialmap(conn, str(path))
    except sqlite3.DatabaseError as exc:
        raise NotADatabase(
            f"{path}: not an intact SQLite database ({exc}); nothing was restored"
        ) from None
    except NotADatabase as exc:
        raise NotADatabase(f"{exc}; nothing was restored") from None


def restore_database(backup: str | Path, db_path: str | Path) -> Restored:
    """Replace the database ``db_path`` by the checked copy ``backup``, in one transaction.

    Nothing is changed when ``backup`` is not an intact socialmap database.  The
    schema of an older backup is brought up to date afterwards.
    """
    backup, db_path = Path(backup), Path(db_path)
    _refuse_same_file(backup, db_path, "the file to restore")
    check_backup(backup)
    if not _restore_in_place(backup, db_path):
        _restore_as_file(backup, db_path)
    db = open_db(db_path)  # migrates an older backup
    try:
        return Restored(db_path, db["regions"].count, db["offers"].count)
    finally:
        db.close()


def _restore_in_place(backup: Path, db_path: Path) -> bool:
    """Copy ``backup`` into the existing database; False when there is none SQLite can open."""
    if not db_path.is_file():
        return False
    with closing(_connect(backup, read_only=True)) as source, closing(_connect(db_path)) as target:
        try:
            (tables,) = target.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            return False  # not a database at all: nothing can be using it
        if tables:  # another program's database is not socialmap's to replace
            _check_socialmap(target, f"{db_path} (--db)")
        try:
            source.backup(target)
        except sqlite3.OperationalError as exc:
            raise SocialmapError(
                f"{db_path}: cannot restore into it ({exc}); stop the server, move the "
                "database away and restore again"
            ) from None
    return True


def _restore_as_file(backup: Path, db_path: Path) -> None:
    def fill(tmp: Path) -> None:
        try:
            with (
                closing(_connect(backup, read_only=True)) as source,
                closing(sqlite3.connect(tmp)) as copy,
            ):
                source.backup(copy)
        finally:
            _remove_side_files(tmp)
        _remove_side_files(db_path)  # a stale -wal would be replayed into the restored copy

    atomic_file(db_path, fill, force=True)


def _refuse_same_file(path: Path, db_path: Path, what: str) -> None:
    """The database (or its -wal/-shm) is never the other side of its own backup."""
    own = {db_path.resolve(), *(Path(f"{db_path.resolve()}{s}") for s in _SIDE_FILES)}
    if path.resolve() in own:
        raise SocialmapError(f"{path}: {what} is the database itself (--db {db_path})")


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    return sqlite3.connect(path)


def _check_integrity(conn: sqlite3.Connection, name: str) -> None:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return
    # One problem per line, without SQLite's "*** in database main ***" headings.
    problems = [line for row in rows for line in row.splitlines() if not line.startswith("***")]
    more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
    raise NotADatabase(f"{name}: fails SQLite's integrity check ({problems[0]}{more})")


def _check_socialmap(conn: sqlite3.Connection, name: str) -> None:
    applied = {m.name for m in migrations.applied(sqlite_utils.Database(conn))}
    if not applied:
        raise NotADatabase(f"{name}: not a socialmap database (it has no socialmap migrations)")
    known = {m.name for m in migrations.pending(sqlite_utils.Database(memory=True))}
    newer = sorted(applied - known)
    if newer:
        raise NotADatabase(f"{name}: written by a newer socialmap (unknown migration {newer[0]!r})")


def _remove_side_files(path: Path) -> None:
    for suffix in _SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
