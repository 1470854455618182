"""Helpers shared by the tests: polling with a deadline, and databases built once and shared.

No test sleeps for a fixed time: it waits for the state it needs with
:func:`wait_until`. Databases that many tests only read are built once per
session (:class:`SharedDb`); a test that writes works on its own copy.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], T], *, timeout: float = 5.0, interval: float = 0.05, what: str = ""
) -> T:
    """Call ``predicate`` until it returns a true value, and return that value.

    It is called at least once, then every ``interval`` seconds; when ``timeout``
    seconds pass first, the test fails with an AssertionError naming ``what``.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"not within {timeout:g} s: {what or predicate}")
        time.sleep(interval)


def content_digest(path: Path) -> str:
    """SHA-256 of the SQL dump of the database at ``path`` (uncheckpointed WAL writes included)."""
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()
    finally:
        conn.close()


def copy_db(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to ``target`` (SQLite's online backup) and return ``target``."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


class SharedDb:
    """A database built once per session that the tests share and only read.

    SQLite cannot be made read-only from outside the app (the app opens the
    file itself, and as root a file mode does not stop it), so a write is
    caught instead: :meth:`check` compares the content with the digest taken
    when it was built, puts the database back as it was built (so that the
    tests after it are not hit too) and fails. A test that writes takes
    :meth:`copy`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digest = content_digest(path)
        self._pristine = copy_db(path, path.with_name(f"{path.stem}.pristine{path.suffix}"))

    def check(self) -> None:
        """Fail if the shared database changed since it was built (and restore it)."""
        if content_digest(self.path) == self.digest:
            return
        copy_db(self._pristine, self.path)
        raise AssertionError(
            f"a test wrote to the shared read-only database {self.path.name}: "
            "a test that writes must use its own copy (SharedDb.copy)"
        )

    def copy(self, target: Path) -> Path:
        """A private, writable copy of the database as it was built, at ``target``."""
        return copy_db(self._pristine, target)
