"""socialmap.files: a write that fails half-way leaves the earlier file or folder as it was."""

from __future__ import annotations

import pytest

from socialmap.files import atomic_folder, atomic_write


def _fail(_):
    raise RuntimeError("disk full")


def test_a_failed_file_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = atomic_write(tmp_path / "out.json", lambda handle: handle.write("old"))
    with pytest.raises(RuntimeError):
        atomic_write(target, lambda handle: (handle.write("half"), _fail(handle)))
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_folder_write_keeps_the_old_folder(tmp_path):
    folder = atomic_folder(tmp_path / "export", lambda tmp: (tmp / "a.csv").write_text("old"))
    with pytest.raises(RuntimeError):
        atomic_folder(folder, _fail)
    assert (folder / "a.csv").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["export"]
    atomic_folder(folder, lambda tmp: (tmp / "b.csv").write_text("new"))
    assert [p.name for p in folder.iterdir()] == ["b.csv"]
