"""The coach analysis runs once per data version in a child process; workers read its files."""

from __future__ import annotations

import datetime as dt
import json
import threading

from builders import tiny_dataset

from socialmap.analysis import prepared
from socialmap.dataset.reader import Document
from socialmap.importer import import_document
from socialmap.store import open_db

DAY = dt.date(2026, 11, 21)


def _db(tmp_path):
    path = tmp_path / "tiny.db"
    db = open_db(path)
    import_document(db, Document(tiny_dataset(), source="<memory>"))
    db.close()
    return path


def test_a_child_process_writes_the_pages_once_and_later_callers_read_them(tmp_path, monkeypatch):
    db = _db(tmp_path)
    children = []
    real = prepared._run_child
    monkeypatch.setattr(prepared, "_run_child", lambda *a: (children.append(a), real(*a)))
    found = [None, None]

    def ask(i):
        found[i] = prepared.prepare(db, tmp_path / "cache", 1, "testville", DAY, "nl", "/app")

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(children) == 1  # two callers at once, one analysis
    assert found[0] == found[1]
    page = dict((anchor, html) for anchor, _, html in found[0].sections)
    assert 'href="/app/offers/' in " ".join(page.values())
    assert json.loads(found[0].json)["today"] == "2026-11-21"
    assert "<html" in found[0].report
    prepared.prepare(db, tmp_path / "cache", 1, "testville", DAY, "nl", "/app")
    assert len(children) == 1  # read from the files


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    db = _db(tmp_path)
    folder = prepared.folder_of(tmp_path / "cache", 3, "testville", DAY, "en")
    folder.parent.mkdir(parents=True)
    folder.with_name(folder.name + ".lock").write_text("999999999")
    assert prepared.prepare(db, tmp_path / "cache", 3, "testville", DAY, "en").sections


def test_only_the_newest_data_versions_are_kept(tmp_path):
    db = _db(tmp_path)
    for version in (1, 2, 3):
        prepared.prepare(db, tmp_path / "cache", version, "testville", DAY, "en")
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()) == ["2", "3"]
