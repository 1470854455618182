"""Where socialmap finds the files it ships next to the package.

One place for path logic, so that modules do not each guess where ``data/``
lives.  It only computes paths; it never reads or writes files.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "default_db_path"]


def data_dir() -> Path:
    """Return the project's ``data`` folder (demo datasets and open reference data).

    It sits next to the ``socialmap`` package: ``<checkout>/data``.

    Returns
    -------
    pathlib.Path
        Absolute path of the folder; it holds ``geo/`` and ``demo/``.

    >>> (data_dir() / "geo").name
    'geo'
    """
    return Path(__file__).resolve().parent.parent / "data"


def default_db_path() -> Path:
    """Return the database path: ``$SOCIALMAP_DB``, else ``socialmap.db`` in the working folder."""
    return Path(os.environ.get("SOCIALMAP_DB") or "socialmap.db")
