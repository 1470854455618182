"""``socialmap backup`` and ``restore``: consistent copies while others write; checked restores."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from builders import tiny_dataset
from click.testing import CliRunner
from helpers import wait_until

from socialmap.cli import cli
from socialmap.importer import export_dataset, import_path
from socialmap.store import data_version, open_db


def _edited(data: dict, suffix: str) -> dict:
    """The dataset with every offer renamed: a write that touches many rows at once."""
    data = json.loads(json.dumps(data))
    for offer in data["offers"]:
        offer["name"] += suffix
    data["locations"][0]["address"] = f"Straat {suffix}"
    return data


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    paths = {}
    for name, data in {"a": tiny_dataset(), "b": _edited(tiny_dataset(), " (edited)")}.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps(data), "utf-8")
    return paths


@pytest.fixture
def db_path(tmp_path, files) -> Path:
    path = tmp_path / "live" / "city.db"
    path.parent.mkdir()
    db = open_db(path)
    import_path(db, files["a"])
    db.close()
    return path


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _one_line_error(result, *needles: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()
    for needle in needles:
        assert needle in line, line
    return line


def _contents(db_path: Path) -> list[dict]:
    db = open_db(db_path)
    try:
        return export_dataset(db)
    finally:
        db.close()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


# --- backup --------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from socialmap.importer import import_path
    from socialmap.store import open_db

    db_path, a, b, stop = sys.argv[1:]
    db = open_db(db_path)
    n = 0
    while not Path(stop).exists():
        import_path(db, a if n % 2 else b)  # one transaction each: every offer renamed
        n += 1
    print(n)
    """
)


def test_a_backup_while_a_writer_writes_is_one_consistent_state(tmp_path, files, db_path):
    expected = []
    for name in ("a", "b"):
        reference = open_db(tmp_path / f"{name}.db")
        import_path(reference, files[name])
        expected.append(export_dataset(reference))
        reference.close()
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(files["a"]), str(files["b"]), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        watcher = open_db(db_path)
        start = data_version(watcher)

        def under_way() -> bool:
            assert writer.poll() is None, "writer did not write"
            return data_version(watcher) >= start + 3

        wait_until(under_way, timeout=60, what="the writer under way")
        before = data_version(watcher)
        copies = []
        for n in range(6):
            copies.append(tmp_path / f"copy-{n}.db")
            result = _run("--db", str(db_path), "backup", "--out", str(copies[-1]))
            assert result.exit_code == 0, result.output
        during = data_version(watcher)
        watcher.close()
    finally:
        stop.touch()
        out, _ = writer.communicate(timeout=60)
    assert writer.returncode == 0
    assert during > before, "the writer wrote nothing while the backups ran"
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        conn.close()
        assert _contents(copy) in expected  # all of one import or all of the other
    assert int(out) >= 3


def test_backup_refuses_to_overwrite_a_file_without_force(tmp_path, db_path):
    out = tmp_path / "backup.db"
    out.write_text("something else")
    _one_line_error(_run("--db", str(db_path), "backup", "--out", str(out)), "exists", "--force")
    assert out.read_text() == "something else"
    result = _run("--db", str(db_path), "backup", "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert _contents(out) == _contents(db_path)


def test_backup_is_a_standalone_file(tmp_path, db_path):
    out = tmp_path / "backups" / "city.db"
    assert _run("--db", str(db_path), "backup", "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["city.db"]  # no -wal, no temporary


def test_backup_of_a_missing_or_foreign_database_is_one_line(tmp_path):
    missing = _run("--db", str(tmp_path / "none.db"), "backup", "--out", str(tmp_path / "b.db"))
    _one_line_error(missing, "none.db", "does not exist")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    _one_line_error(
        _run("--db", str(other), "backup", "--out", str(tmp_path / "b.db")),
        "not a socialmap database",
    )
    assert not (tmp_path / "b.db").exists()


# --- restore -------------------------------------------------------------------------------


def _backup(db_path: Path, out: Path) -> Path:
    result = _run("--db", str(db_path), "backup", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def _random_bytes(good: Path, bad: Path) -> None:
    bad.write_bytes(os.urandom(8192))


def _truncated(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 3])


def _scribbled(good: Path, bad: Path) -> None:
    data = bytearray(good.read_bytes())
    data[8192 : 8192 + 4096] = os.urandom(4096)
    bad.write_bytes(bytes(data))


def _index_on_the_wrong_page(good: Path, bad: Path) -> None:
    """Opens fine, but PRAGMA integrity_check finds problems."""
    shutil.copy(good, bad)
    conn = sqlite3.connect(bad)
    (first, _), (_, page) = conn.execute(
        "SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "ORDER BY rootpage LIMIT 2"
    ).fetchall()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", [page, first])
    conn.commit()
    conn.close()


def _not_socialmap(good: Path, bad: Path) -> None:
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()


def _from_a_newer_socialmap(good: Path, bad: Path) -> None:
    shutil.copy(good, bad)
    conn = sqlite3.connect(bad)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('socialmap', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_random_bytes, "not an intact SQLite database"),
        (_truncated, "not an intact SQLite database"),
        (_scribbled, "nothing was restored"),
        (_index_on_the_wrong_page, "fails SQLite's integrity check"),
        (_not_socialmap, "not a socialmap database"),
        (_from_a_newer_socialmap, "newer socialmap"),
    ],
)
def test_restore_of_a_bad_file_refuses_and_changes_nothing(
    tmp_path, files, db_path, spoil, message
):
    good = _backup(db_path, tmp_path / "good.db")
    bad = tmp_path / "bad.db"
    spoil(good, bad)
    db = open_db(db_path)
    import_path(db, files["b"])  # the live data differs from the backup
    db.close()
    contents = _contents(db_path)
    before = _fingerprint(db_path.parent)  # db and any -wal/-shm, byte for byte
    line = _one_line_error(_run("--db", str(db_path), "restore", str(bad)), str(bad), message)
    assert "nothing was restored" in line
    assert _fingerprint(db_path.parent) == before
    assert _contents(db_path) == contents


def test_restore_of_a_missing_file_is_one_line(tmp_path, db_path):
    _one_line_error(_run("--db", str(db_path), "restore", str(tmp_path / "no.db")), "no such file")


def test_restore_gives_back_the_data(tmp_path, files, db_path):
    saved = _contents(db_path)
    backup = _backup(db_path, tmp_path / "backup.db")
    db = open_db(db_path)
    import_path(db, files["b"])
    db.execute("DELETE FROM referral_links")
    db.conn.commit()
    db.close()
    assert _contents(db_path) != saved
    result = _run("--db", str(db_path), "restore", str(backup))
    assert result.exit_code == 0, result.output
    assert "1 regions, 4 offers" in result.output
    assert _contents(db_path) == saved
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_restore_under_an_open_reader_swaps_the_data_in_one_go(tmp_path, files, db_path):
    saved = _contents(db_path)
    backup = _backup(db_path, tmp_path / "backup.db")
    db = open_db(db_path)
    import_path(db, files["b"])
    names = "SELECT group_concat(name, '|') FROM (SELECT name FROM offers ORDER BY id)"
    edited = db.execute(names).fetchone()
    assert "(edited)" in edited[0]
    # `db` stays open, as a server's connection would (WAL mode: its -wal and -shm exist).
    result = _run("--db", str(db_path), "restore", str(backup))
    assert result.exit_code == 0, result.output
    restored = db.execute(names).fetchone()
    assert "(edited)" not in restored[0]
    db.close()
    assert _contents(db_path) == saved


def test_restore_creates_a_missing_database(tmp_path, db_path):
    backup = _backup(db_path, tmp_path / "backup.db")
    new = tmp_path / "new" / "city.db"
    new.parent.mkdir()
    result = _run("--db", str(new), "restore", str(backup))
    assert result.exit_code == 0, result.output
    assert _contents(new) == _contents(db_path)


def test_restore_replaces_a_database_file_sqlite_cannot_open(tmp_path, db_path):
    backup = _backup(db_path, tmp_path / "backup.db")
    broken = tmp_path / "broken" / "city.db"
    broken.parent.mkdir()
    broken.write_bytes(os.urandom(8192))
    Path(f"{broken}-wal").write_bytes(os.urandom(4096))  # a stale journal must not be replayed
    result = _run("--db", str(broken), "restore", str(backup))
    assert result.exit_code == 0, result.output
    assert _contents(broken) == _contents(db_path)


def test_the_database_is_never_its_own_backup(db_path):
    saved = _contents(db_path)
    for args in (["backup", "--out", str(db_path), "--force"], ["restore", str(db_path)]):
        _one_line_error(_run("--db", str(db_path), *args), "is the database itself")
    assert _contents(db_path) == saved


def test_restore_never_replaces_another_programs_database(tmp_path, db_path):
    backup = _backup(db_path, tmp_path / "backup.db")
    other = tmp_path / "other" / "notes.db"
    other.parent.mkdir()
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    before = _fingerprint(other.parent)
    _one_line_error(_run("--db", str(other), "restore", str(backup)), "not a socialmap database")
    assert _fingerprint(other.parent) == before
