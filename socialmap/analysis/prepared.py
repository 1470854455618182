"""An analysis prepared once per data version, in a child process, in files every worker shares.

The network analysis of a region takes seconds (minutes for a Land) and a
networkx graph of the whole region.  Computed inside a web worker it would hold
that worker's interpreter (every request waits for the GIL) and cost each worker
the graph's memory.  :func:`prepare` instead runs it in a child process
(``python -m socialmap.analysis.prepared``) and keeps what the pages show — the
report's sections, the whole report and the JSON — in a folder per data version,
region, day and language under ``cache_dir``, written atomically.  The first
process to ask takes a lock file and starts the child; the others wait for the
folder.  A lock whose process is gone is taken over.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..files import atomic_folder
from ..store import open_db
from . import analyse, region_graph
from .clients import CLIENT_TYPES
from .outcomes import outcome_result
from .report import render_report, sections

__all__ = ["Prepared", "prepare", "load", "folder_of"]

#: Seconds a child may take (a Land's analysis takes minutes).
CHILD_SECONDS = 3600
_POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Prepared:
    """What the coach's pages show of one analysis: sections, the report, the JSON."""

    sections: list[tuple[str, str, str]]
    report: str
    json: str


def folder_of(
    cache_dir: Path,
    version: int,
    region: str | None,
    day: dt.date,
    lang: str,
    client: str = "typical",
) -> Path:
    """The folder of one analysis (data version, region, day, language and client type).

    >>> folder_of(Path("c"), 7, "den-haag", dt.date(2026, 12, 2), "nl").name
    '7-den-haag-2026-12-02-nl'
    >>> folder_of(Path("c"), 7, "den-haag", dt.date(2026, 12, 2), "nl", "arabic").name
    '7-den-haag-2026-12-02-nl-arabic'
    """
    suffix = "" if client == "typical" else f"-{client}"
    return Path(cache_dir) / f"{version}-{region or 'all'}-{day.isoformat()}-{lang}{suffix}"


def load(folder: Path) -> Prepared | None:
    """The prepared analysis in ``folder``, or None when it is not (yet) there."""
    try:
        parts = json.loads((folder / "sections.json").read_text("utf-8"))
        report = (folder / "report.html").read_text("utf-8")
        text = (folder / "analysis.json").read_text("utf-8")
    except FileNotFoundError:
        return None
    return Prepared([tuple(p) for p in parts], report, text)  # type: ignore[misc]


def prepare(
    db_path: str | Path,
    cache_dir: str | Path,
    version: int,
    region: str | None,
    day: dt.date,
    lang: str,
    link_prefix: str = "",
    client: str = "typical",
) -> Prepared:
    """The analysis of ``region`` on ``day`` in ``lang`` for data ``version``: loaded, or made.

    Blocks until it is there (call it from a background thread).  ``link_prefix``
    is where the app is mounted ("" at the root): offers link to
    ``{prefix}/offers/<id>``, organisations to ``{prefix}/organisations/<id>``;
    ``client`` is a key of :data:`~socialmap.analysis.clients.CLIENT_TYPES`.
    """
    if client not in CLIENT_TYPES:
        raise ValueError(f"unknown client type {client!r}")
    folder = folder_of(Path(cache_dir), version, region, day, lang, client)
    lock = folder.with_name(folder.name + ".lock")
    deadline = time.monotonic() + CHILD_SECONDS
    while (found := load(folder)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the analysis {folder.name} was not ready in time")
        if _take(lock):
            try:
                _run_child(db_path, folder, region, day, lang, link_prefix, client)
                _prune(folder.parent, version)
            finally:
                lock.unlink(missing_ok=True)
        else:
            time.sleep(_POLL_SECONDS)
    return found


def _prune(cache_dir: Path, version: int, keep: int = 2) -> None:
    """Remove the folders of data versions older than the ``keep`` newest up to ``version``."""
    import shutil

    kept = {version}
    try:
        entries = sorted(cache_dir.iterdir(), reverse=True)
    except FileNotFoundError:  # the folder went away with its database: nothing to prune
        return
    for path in entries:
        head = path.name.split("-", 1)[0]
        if not head.isdigit() or path.name.endswith(".lock") or not path.is_dir():
            continue
        if len(kept) < keep or int(head) in kept:
            kept.add(int(head))
            continue
        shutil.rmtree(path, ignore_errors=True)


def _take(lock: Path) -> bool:
    """Take the lock file (True), or leave it to the living process that holds it (False)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        if _holder_alive(lock):
            return False
        lock.unlink(missing_ok=True)  # its process is gone: take it over
        return _take(lock)
    with os.fdopen(fd, "w") as handle:
        handle.write(str(os.getpid()))
    return True


def _holder_alive(lock: Path) -> bool:
    try:
        pid = int(lock.read_text() or "0")
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _run_child(
    db_path: str | Path,
    folder: Path,
    region: str | None,
    day: dt.date,
    lang: str,
    link_prefix: str,
    client: str = "typical",
) -> None:
    command = [
        sys.executable,
        "-m",
        "socialmap.analysis.prepared",
        str(db_path),
        str(folder),
        region or "",
        day.isoformat(),
        lang,
        link_prefix,
        client,
    ]
    subprocess.run(command, check=True, timeout=CHILD_SECONDS, stdout=subprocess.DEVNULL)


def write(
    db_path: str | Path,
    folder: Path,
    region: str | None,
    day: dt.date,
    lang: str,
    prefix: str,
    client: str = "typical",
) -> None:
    """Analyse and write the folder (what the child process does)."""
    db = open_db(db_path, create=False)
    try:
        G = region_graph(db, region)
        result = analyse(G, today=day, lang=lang, client=CLIENT_TYPES[client])
        result["outcomes"] = outcome_result(db, region or None, day)
    finally:
        db.close()

    def link(kind: str, id: str) -> str | None:
        if kind == "offer":
            return f"{prefix}/offers/{quote(id, safe='')}"
        if kind == "organisation":
            return f"{prefix}/organisations/{quote(id, safe='')}"
        return None

    def fill(tmp: Path) -> None:
        parts = sections(G, result, lang=lang, link=link)
        (tmp / "sections.json").write_text(json.dumps(parts, ensure_ascii=False), "utf-8")
        (tmp / "report.html").write_text(render_report(G, result, lang=lang), "utf-8")
        (tmp / "analysis.json").write_text(json.dumps(result, ensure_ascii=False), "utf-8")

    atomic_folder(folder, fill)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m socialmap.analysis.prepared")
    for name in ("db", "folder", "region", "day", "lang", "prefix"):
        parser.add_argument(name)
    parser.add_argument("client", nargs="?", default="typical", choices=sorted(CLIENT_TYPES))
    args = parser.parse_args(argv)
    write(
        args.db,
        Path(args.folder),
        args.region or None,
        dt.date.fromisoformat(args.day),
        args.lang,
        args.prefix,
        args.client,
    )


if __name__ == "__main__":
    main()
