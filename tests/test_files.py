"""socialmap.files: a write that fails half-way leaves the earlier file or folder as it was,
and nothing socialmap did not write is ever deleted."""

from __future__ import annotations

import os

import pytest

from socialmap.errors import OutputExists
from socialmap.files import atomic_file, atomic_folder, atomic_write


def _fail(_):
    raise RuntimeError("disk full")


def _tree(folder):
    return {
        str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_failed_file_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = atomic_write(tmp_path / "out.json", lambda handle: handle.write("old"))
    with pytest.raises(RuntimeError):
        atomic_write(target, lambda handle: (handle.write("half"), _fail(handle)), force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    target = atomic_write(tmp_path / "out.json", lambda handle: handle.write("mine"))
    with pytest.raises(OutputExists, match="out.json: the file exists"):
        atomic_write(target, lambda handle: handle.write("new"))
    with pytest.raises(OutputExists, match="the file exists"):
        atomic_file(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_text() == "mine"
    atomic_write(target, lambda handle: handle.write("new"), force=True)
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_file_is_never_written_over_a_folder(tmp_path):
    (tmp_path / "out.json").mkdir()
    with pytest.raises(OutputExists, match="is a folder"):
        atomic_write(tmp_path / "out.json", lambda handle: handle.write("x"), force=True)


def test_a_failed_folder_write_keeps_the_old_folder(tmp_path):
    folder = atomic_folder(tmp_path / "export", lambda tmp: (tmp / "a.csv").write_text("old"))
    with pytest.raises(RuntimeError):
        atomic_folder(folder, _fail, force=True)
    assert _tree(folder) == {"a.csv": "old"}
    assert [p.name for p in tmp_path.iterdir()] == ["export"]


def test_a_folder_that_is_not_empty_is_refused_without_force(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(OutputExists, match="export: the folder is not empty.*--force"):
        atomic_folder(folder, lambda tmp: (tmp / "a.csv").write_text("new"))
    assert _tree(folder) == {"notes.txt": "mine"}


def test_an_empty_folder_is_written_into_without_force(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    atomic_folder(folder, lambda tmp: (tmp / "a.csv").write_text("new"))
    assert _tree(folder) == {"a.csv": "new"}


def test_with_force_only_the_files_written_are_replaced(tmp_path):
    folder = tmp_path / "export"
    (folder / "csv").mkdir(parents=True)
    (folder / "a.csv").write_text("old export")
    (folder / "notes.txt").write_text("mine")
    (folder / "csv" / "mine.csv").write_text("mine too")

    def fill(tmp):
        (tmp / "a.csv").write_text("new")
        (tmp / "csv").mkdir()
        (tmp / "csv" / "b.csv").write_text("new b")

    atomic_folder(folder, fill, force=True)
    assert _tree(folder) == {
        "a.csv": "new",
        "csv/b.csv": "new b",
        "csv/mine.csv": "mine too",
        "notes.txt": "mine",
    }
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no staging left


def test_a_file_where_the_folder_has_a_folder_is_refused_before_anything_moves(tmp_path):
    folder = tmp_path / "export"
    (folder / "csv").mkdir(parents=True)
    (folder / "csv" / "mine.csv").write_text("mine")
    (folder / "a.csv").write_text("old")

    def fill(tmp):
        (tmp / "a.csv").write_text("new")
        (tmp / "csv").write_text("a file where a folder is")

    with pytest.raises(OutputExists, match="csv: is a folder"):
        atomic_folder(folder, fill, force=True)
    assert _tree(folder) == {"a.csv": "old", "csv/mine.csv": "mine"}


def test_the_current_folder_can_be_written_into(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputExists, match="not empty"):
        atomic_folder(".", lambda tmp: (tmp / "a.csv").write_text("new"))
    atomic_folder(".", lambda tmp: (tmp / "a.csv").write_text("new"), force=True)
    assert _tree(tmp_path) == {"a.csv": "new", "notes.txt": "mine"}
    assert sorted(os.listdir(tmp_path)) == ["a.csv", "notes.txt"]


def test_a_file_in_the_way_of_a_folder_is_refused(tmp_path):
    (tmp_path / "export").write_text("mine")
    with pytest.raises(OutputExists, match="not a folder"):
        atomic_folder(tmp_path / "export", lambda tmp: None, force=True)
    assert (tmp_path / "export").read_text() == "mine"
