"""Atomic writes: the one way socialmap puts a file or a folder in place.

Everything is written beside its destination first and renamed into place at
the end, so an export that fails half-way (or is killed) leaves the earlier
file or folder, never a half-written one.  It writes only what its callers
hand it; it knows nothing about datasets or HSDS.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "atomic_folder"]


def atomic_write(path: str | Path, fill: Callable[[IO[str]], Any]) -> Path:
    """Create the text file ``path`` (UTF-8) by ``fill(handle)``, replacing it atomically.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write(target, lambda handle: handle.write("hello")).read_text()
    'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            fill(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_folder(folder: str | Path, fill: Callable[[Path], Any]) -> Path:
    """Create ``folder`` by ``fill(tmp)`` on a temporary folder beside it, then rename it in place.

    An earlier file or folder at ``folder`` is replaced only once ``fill`` has succeeded.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        fill(tmp)
        if folder.is_dir():
            shutil.rmtree(folder)
        elif folder.exists():
            folder.unlink()
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder
