"""Atomic writes: the one way socialmap puts a file or a folder in place.

Everything is written in full first — beside its destination, or for an
existing folder in a hidden folder inside it — and renamed into place at the
end, so an export that fails half-way (or is killed) leaves the earlier file or
folder, never a half-written one.

It never deletes what it did not write: an existing file is replaced only with
``force``; an existing folder that is not empty is written into only with
``force``, and then only the files its caller writes replace their namesakes —
every other file in the folder stays.  It writes only what its callers hand it;
it knows nothing about datasets or HSDS.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import OutputExists, SocialmapError

__all__ = ["atomic_file", "atomic_write", "atomic_folder"]

_FORCE_HINT = "--force replaces the files socialmap writes and keeps every other file"


def atomic_file(path: str | Path, fill: Callable[[Path], Any], *, force: bool = False) -> Path:
    """Create the file ``path`` by ``fill(tmp)``, which writes the file ``tmp`` beside it.

    ``tmp`` does not exist when ``fill`` is called.  It is renamed to ``path`` once
    ``fill`` has succeeded; an existing ``path`` is replaced only with ``force``
    (else :class:`~socialmap.errors.OutputExists`, before anything is written).

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.bin"
    >>> atomic_file(target, lambda tmp: tmp.write_bytes(b"hi")).read_bytes()
    b'hi'
    """
    path = Path(path)
    _check_file_target(path, force)
    parent = _make_parent(path)
    tmp = parent / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fill(tmp)
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write(path: str | Path, fill: Callable[[IO[str]], Any], *, force: bool = False) -> Path:
    """Create the text file ``path`` (UTF-8) by ``fill(handle)``, as :func:`atomic_file`.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write(target, lambda handle: handle.write("hello")).read_text()
    'hello'
    """

    def write(tmp: Path) -> None:
        with tmp.open("x", encoding="utf-8", newline="") as handle:
            fill(handle)

    return atomic_file(path, write, force=force)


def atomic_folder(folder: str | Path, fill: Callable[[Path], Any], *, force: bool = False) -> Path:
    """Create or update ``folder`` by ``fill(tmp)``, which writes into the empty folder ``tmp``.

    * ``folder`` does not exist: ``tmp`` is beside it and is renamed to ``folder``.
    * ``folder`` exists and is empty, or is not empty and ``force`` is given: ``tmp``
      is a hidden folder inside it (so ``--out .`` needs no right to write in the
      parent); once ``fill`` has succeeded each file it wrote replaces its namesake
      in ``folder`` (a rename each), and every other file is left as it was.
    * ``folder`` is not empty and ``force`` is not given, or it is a file, or a file
      of ``fill`` would land where ``folder`` has a folder (or the reverse):
      :class:`~socialmap.errors.OutputExists`, and ``folder`` is not touched.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "notes.txt").write_text("mine")
    >>> _ = atomic_folder(out, lambda tmp: (tmp / "a.csv").write_text("new"), force=True)
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv', 'notes.txt']
    """
    folder = Path(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputExists(f"{folder}: exists and is not a folder")
    if not folder.exists():
        return _new_folder(folder, fill)
    if not force and any(folder.iterdir()):
        raise OutputExists(f"{folder}: the folder is not empty ({_FORCE_HINT})")
    tmp = _make_temp_folder(folder, f".socialmap-{os.getpid()}-")
    try:
        fill(tmp)
        files = sorted(_files_in(tmp))
        _check_merge(folder, tmp, files)
        for relative in files:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp / relative, folder / relative)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _new_folder(folder: Path, fill: Callable[[Path], Any]) -> Path:
    parent = _make_parent(folder)
    tmp = _make_temp_folder(parent, f".{folder.name}.")
    try:
        fill(tmp)
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def _check_file_target(path: Path, force: bool) -> None:
    if path.is_dir() and not path.is_symlink():
        raise OutputExists(f"{path}: is a folder (expected a file name)")
    if path.exists() and not force:
        raise OutputExists(f"{path}: the file exists (--force replaces it)")


def _check_merge(folder: Path, tmp: Path, files: list[Path]) -> None:
    """Refuse, before anything is renamed, a file that would replace a folder (or the reverse)."""
    for relative in files:
        target = folder / relative
        if target.is_dir() and not target.is_symlink():
            raise OutputExists(f"{target}: is a folder; the export writes a file there")
        for parent in relative.parents:
            if parent == Path("."):
                continue
            place = folder / parent
            if place.is_symlink() or (place.exists() and not place.is_dir()):
                raise OutputExists(f"{place}: is not a folder; the export writes a folder there")


def _files_in(tmp: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(tmp):
        for name in names:
            yield (Path(root) / name).relative_to(tmp)


def _make_parent(path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SocialmapError(f"{path.parent}: cannot create the folder ({exc.strerror})") from None
    return path.parent


def _make_temp_folder(where: Path, prefix: str) -> Path:
    try:
        return Path(tempfile.mkdtemp(dir=where, prefix=prefix))
    except OSError as exc:
        raise SocialmapError(f"{where}: cannot write here ({exc.strerror})") from None


def _fsync(path: Path) -> None:
    """Put the file's bytes on disk before the rename makes it the real one."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
