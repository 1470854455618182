"""Where socialmap finds the files it ships next to the package.

One place for path logic, so that modules do not each guess where ``data/``
lives.  It only computes paths; it never reads or writes files.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SocialmapError

__all__ = ["data_dir", "default_db_path"]


def data_dir() -> Path:
    """Return socialmap's data folder (the postcode gazetteer, boundaries, demo datasets).

    In this order: ``$SOCIALMAP_DATA``; the ``data`` folder of a checkout, next to
    the ``socialmap`` package; the same folder installed with the package (a
    wheel ships it as ``socialmap_data``).

    Raises
    ------
    SocialmapError
        One line naming the folder looked for, when none holds ``geo/postcodes.csv``.

    >>> (data_dir() / "geo").name
    'geo'
    """
    setting = os.environ.get("SOCIALMAP_DATA")
    if setting:
        candidates = [Path(setting)]
    else:
        here = Path(__file__).resolve().parent.parent
        candidates = [here / "data", here / "socialmap_data"]
    for folder in candidates:
        if (folder / "geo" / "postcodes.csv").is_file():
            return folder
    raise SocialmapError(
        f"socialmap's data folder is missing: no geo/postcodes.csv in {candidates[0]} "
        "(set SOCIALMAP_DATA to the folder holding geo/ and demo/)"
    )


def default_db_path() -> Path:
    """Return the database path: ``$SOCIALMAP_DB``, else ``socialmap.db`` in the working folder."""
    return Path(os.environ.get("SOCIALMAP_DB") or "socialmap.db")
