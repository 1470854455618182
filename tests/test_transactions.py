"""Every write is one transaction: a kill -9 at any moment of an import, a value SQLite
refuses, and readers (the web server) during a re-import all see the old region or the
new one — never a mix, never neither.

The kills are real: a child process imports a region and sends itself SIGKILL at the
N-th SQL statement (SQLite's trace hook) or the N-th progress tick of SQLite's virtual
machine, so each moment is chosen deterministically, not by a sleep.
"""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from builders import tiny_dataset
from click.testing import CliRunner

from socialmap import store
from socialmap.cli import cli
from socialmap.dataset.tables import dataset_to_tables
from socialmap.errors import DatasetError, SocialmapError
from socialmap.importer import import_path
from socialmap.sql import sql

REGION = "testville"

#: Imports ``argv[2]`` into ``argv[1]``, killing itself at the ``argv[4]``-th tick of kind
#: ``argv[3]`` ("statement": each SQL statement SQLite starts; "step": every 50 virtual
#: machine instructions).  Never killed, it prints the statements it ran, as JSON.
CHILD = """
import json, os, signal, sys
from socialmap import importer, store

db_path, dataset, kind, kill_at = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = store.open_db(db_path)
ran = []

def tick(statement=None):
    ran.append(statement)
    if len(ran) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return 0

if kind == "statement":
    db.conn.set_trace_callback(tick)
else:
    db.conn.set_progress_handler(tick, 50)
importer.import_path(db, dataset)
print(json.dumps(ran))
"""

#: Creates the database ``argv[1]`` (every migration), killing itself as the ``argv[2]``-th
#: SQL statement starts; never killed, it prints the statements it ran, as JSON.
CREATE_CHILD = """
import json, os, signal, sqlite3, sys
from socialmap import store
from socialmap.sql import sql

kill_at, ran, connect = int(sys.argv[2]), [], sqlite3.connect

def tick(statement):
    ran.append(statement)
    if len(ran) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

def traced(*args, **kwargs):
    conn = connect(*args, **kwargs)
    conn.set_trace_callback(tick)
    return conn

sqlite3.connect = traced
store.open_db(sys.argv[1]).close()
print(json.dumps(ran))
"""


def _new_version() -> dict[str, Any]:
    """The tiny dataset edited: an offer renamed, one more offer, other lists and links."""
    data = tiny_dataset()
    coffee = data["offers"][0]
    coffee["name"] = "Koffieochtend Nieuw"
    data["offers"].append(
        {**coffee, "id": "coffee-2", "name": "Tweede koffie", "languages": ["ar"]}
    )
    data["referral_links"].append({"from": "coffee", "to": "language", "kind": "informal"})
    return data


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def state(path: Path) -> dict[str, Any]:
    """What a reader would see: every data table's rows, the change feed's length, a search.

    Opened with plain sqlite3 (no migrations, no writes); ``integrity_check`` must pass.
    """
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        db = sqlite_utils.Database(conn)
        tables = {}
        for name in store.table_counts(db):
            columns = [c.name for c in db[name].columns if c.name != "imported_at"]
            rows = conn.execute(sql("SELECT {columns} FROM {table}", columns=columns, table=name))
            tables[name] = sorted(rows.fetchall(), key=repr)
        found = conn.execute(
            "SELECT o.id FROM offers_fts JOIN offers o ON o.rowid = offers_fts.rowid "
            "WHERE offers_fts MATCH 'koffie*' ORDER BY o.id"
        ).fetchall()
        changes = conn.execute("SELECT count(*) FROM record_changes").fetchone()[0]
        return {"tables": tables, "search": found, "changes": changes}
    finally:
        conn.close()


def offer_ids(path: Path) -> list[str]:
    return [row[0] for row in state(path)["tables"]["offers"]]


@pytest.fixture
def versions(tmp_path) -> dict[str, Any]:
    """An old database holding the tiny region, the new version's file, and the states
    an untouched re-import starts from and ends in."""
    old_file = _write(tmp_path / "old" / "testville.json", tiny_dataset())
    new_file = _write(tmp_path / "new" / "testville.json", _new_version())
    old_db = tmp_path / "old.db"
    db = store.open_db(old_db)
    import_path(db, old_file)
    db.close()  # the last connection checkpoints: old.db is one self-contained file
    new_db = tmp_path / "new.db"
    shutil.copy(old_db, new_db)
    db = store.open_db(new_db)
    import_path(db, new_file)
    db.close()
    old, new = state(old_db), state(new_db)
    assert old["tables"] != new["tables"] and old["changes"] + 1 == new["changes"]
    return {"old_db": old_db, "old_file": old_file, "new_file": new_file, "old": old, "new": new}


def _run_child(db: Path, dataset: Path, kind: str, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(dataset), kind, str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _ticks(start: Path, dataset: Path, kind: str, tmp_path: Path) -> list[str | None]:
    """The ticks of an import of ``dataset`` into a copy of ``start`` that nobody kills."""
    db = tmp_path / f"counting-{kind}.db"
    shutil.copy(start, db)
    done = _run_child(db, dataset, kind, 0)
    assert done.returncode == 0, done.stderr
    ticks: list[str | None] = json.loads(done.stdout)
    return ticks


@pytest.mark.slow
def test_a_kill_at_any_moment_of_a_re_import_leaves_the_old_region_or_the_new(versions, tmp_path):
    statements = _ticks(versions["old_db"], versions["new_file"], "statement", tmp_path)
    # Ticks are 1-based: kill_at=n dies as the n-th statement starts.  Eight moments spread
    # over the import, the first DELETE and the final COMMIT among them.
    n = len(statements)
    first_delete = next(i for i, s in enumerate(statements, 1) if s.startswith("DELETE"))
    last_commit = max(i for i, s in enumerate(statements, 1) if s == "COMMIT")
    moments = sorted({1 + i * (n - 1) // 7 for i in range(8)} | {first_delete, last_commit})
    steps = len(_ticks(versions["old_db"], versions["new_file"], "step", tmp_path))
    assert len(moments) >= 8 and steps > 10, (moments, steps)
    seen: list[Path] = []
    for kind, kill_at in [("statement", m) for m in moments] + [
        ("step", steps * k // 4) for k in (1, 2, 3)
    ]:
        db = tmp_path / f"{kind}-{kill_at}.db"
        shutil.copy(versions["old_db"], db)
        result = _run_child(db, versions["new_file"], kind, kill_at)
        assert result.returncode == -signal.SIGKILL, (kind, kill_at, result.stderr)
        after = state(db)
        assert after in (versions["old"], versions["new"]), (kind, kill_at)
        if kind == "statement":  # until COMMIT has run the old state is all there is
            assert after == versions["old"], (kind, kill_at)
        seen.append(db)
    # …and after a kill half-way the next import goes through as if nothing had happened.
    halfway = tmp_path / f"statement-{moments[len(moments) // 2]}.db"
    assert _run_child(halfway, versions["new_file"], "statement", 0).returncode == 0
    assert state(halfway) == versions["new"]
    assert len(seen) >= 9


@pytest.mark.slow
def test_a_kill_during_the_first_import_leaves_no_half_region(versions, tmp_path):
    empty = tmp_path / "empty.db"
    store.open_db(empty).close()
    before = state(empty)
    statements = _ticks(empty, versions["old_file"], "statement", tmp_path)
    n = len(statements)
    for kill_at in (n // 3, 2 * n // 3, n):
        db = tmp_path / f"first-{kill_at}.db"
        shutil.copy(empty, db)
        assert _run_child(db, versions["old_file"], "statement", kill_at).returncode == -9
        assert state(db) == before


@pytest.mark.slow
def test_a_kill_while_a_new_database_is_migrated_leaves_one_the_next_open_migrates(tmp_path):
    def create(db: Path, kill_at: int) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", CREATE_CHILD, str(db), str(kill_at)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    done = create(tmp_path / "counting.db", 0)
    assert done.returncode == 0, done.stderr
    statements = json.loads(done.stdout)
    begin = statements.index("BEGIN IMMEDIATE") + 1
    commit = max(i for i, s in enumerate(statements, 1) if s == "COMMIT")
    fresh = state(tmp_path / "counting.db")
    for kill_at in (begin, (2 * begin + commit) // 3, (begin + 2 * commit) // 3, commit):
        db = tmp_path / f"create-{kill_at}.db"
        assert create(db, kill_at).returncode == -signal.SIGKILL, kill_at
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,), kill_at
        conn.close()
        reopened = store.open_db(db)
        assert store.migrations.pending(reopened) == []
        reopened.close()
        assert state(db) == fresh


def test_a_value_sqlite_refuses_rolls_back_with_one_line_naming_the_field(versions, tmp_path):
    bad = tiny_dataset()
    bad["offers"][1]["capacity"] = 10**30  # valid JSON; too large for an SQLite INTEGER
    bad_file = _write(tmp_path / "new" / "bad.json", bad)
    result = CliRunner().invoke(cli, ["--db", str(versions["old_db"]), "import", str(bad_file)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: ") and "capacity" in line, line
    assert state(versions["old_db"]) == versions["old"]


def test_replace_region_names_the_record_and_field_sqlite_refused(versions):
    # Straight to the store: a value only the write can find wrong, past any validation.
    bad = tiny_dataset()
    bad["offers"][1]["capacity"] = 10**30
    db = store.open_db(versions["old_db"])
    with pytest.raises(DatasetError) as caught:
        store.replace_region(db, dataset_to_tables(bad))
    db.close()
    assert str(caught.value).startswith("offers 'language': capacity: 10000000000")
    assert "\n" not in str(caught.value)
    assert state(versions["old_db"]) == versions["old"]


def test_readers_see_the_old_region_until_the_import_commits(versions):
    old_ids = offer_ids(versions["old_db"])
    writer, reader = store.open_db(versions["old_db"]), store.open_db(versions["old_db"])
    seen_during: list[list[str]] = []

    def progress(done: int, total: int) -> None:
        seen_during.append([r[0] for r in reader.execute("SELECT id FROM offers ORDER BY id")])

    with store.snapshot(reader):  # a request that began before the commit…
        import_path(writer, versions["new_file"], progress=progress)
        in_snapshot = [r[0] for r in reader.execute("SELECT id FROM offers ORDER BY id")]
    after = [r[0] for r in reader.execute("SELECT id FROM offers ORDER BY id")]
    writer.close(), reader.close()
    assert seen_during and all(ids == old_ids for ids in seen_during)
    assert in_snapshot == old_ids  # …reads its one snapshot to the end
    assert after == sorted([*old_ids, "coffee-2"])


def test_a_second_writer_waits_then_gets_one_line_and_changes_nothing(versions):
    first, second = store.open_db(versions["old_db"]), store.open_db(versions["old_db"])
    second.execute("PRAGMA busy_timeout = 50")  # instead of the 5 s default
    with store.write(first):
        with pytest.raises(SocialmapError, match="busy with another write") as caught:
            import_path(second, versions["new_file"])
        assert "\n" not in str(caught.value)
    first.close(), second.close()
    assert state(versions["old_db"]) == versions["old"]


def test_log_change_belongs_inside_a_write():
    db = store.open_db(":memory:")
    with pytest.raises(RuntimeError, match="inside the store.write"):
        store.log_change(db, "offer", "coffee", REGION)
    with store.write(db):
        store.log_change(db, "offer", "coffee", REGION)
        with pytest.raises(RuntimeError, match="already open"), store.write(db):
            pass
    assert store.data_version(db) == 1


@pytest.mark.slow
def test_the_server_answers_every_request_while_the_region_is_imported_again(
    versions, tmp_path, monkeypatch
):
    from socialmap_bench.server import free_port, gunicorn_server

    monkeypatch.delenv("SOCIALMAP_SECRET_KEY", raising=False)
    db_path = versions["old_db"]
    files = [versions["new_file"], versions["old_file"]]  # each import changes something
    totals = {len(versions["old"]["tables"]["offers"]), len(versions["new"]["tables"]["offers"])}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    paths = [f"/api/offers?region={REGION}", "/offers/language", "/api/offers/coffee"]
    failures: list[str] = []
    answered: list[float] = []
    importing = threading.Event()
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            for path in paths:
                try:
                    with urllib.request.urlopen(base + path, timeout=30) as response:
                        body = response.read()
                    if path.startswith("/api/offers?"):
                        total = json.loads(body)["total"]
                        if total not in totals:
                            failures.append(f"{path}: total {total}")
                    if importing.is_set():
                        answered.append(time.monotonic())
                except urllib.error.HTTPError as exc:
                    failures.append(f"{path}: HTTP {exc.code}")
                except OSError as exc:
                    failures.append(f"{path}: {exc}")

    with (
        (tmp_path / "gunicorn.log").open("w+b") as log,
        gunicorn_server(
            db_path, port, 2, log=log, settings={"SOCIALMAP_TILES": "none"}, ready_within=60
        ),
    ):
        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for thread in threads:
            thread.start()
        writer = store.open_db(db_path)
        imports = 0
        try:
            importing.set()
            deadline = time.monotonic() + 90
            # At least six imports, and until many requests were answered while importing.
            while imports < 6 or (len(answered) < 50 and time.monotonic() < deadline):
                report = import_path(writer, files[imports % 2])
                assert not report.unchanged
                imports += 1
            importing.clear()
        finally:
            writer.close()
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
    assert failures == []
    assert len(answered) >= 50, (imports, len(answered))  # requests really overlapped the imports
