"""socialmap — a social map (Sozialatlas / sociale kaart) with referral routing.

Organisations and offers are stored in SQLite (:mod:`socialmap.store`), imported
from datasets (:mod:`socialmap.importer`), and turned into a typed networkx graph
(:mod:`socialmap.graph`) that the routing engine and the coach analysis read.
This package never imports Flask; the web front end lives in ``web/``.
"""

from __future__ import annotations

from .errors import DatasetError, InvalidProfile, NotFound, SocialmapError
from .graph import build_graph
from .importer import export_dataset, import_path
from .store import open_db

__all__ = [
    "SocialmapError",
    "DatasetError",
    "NotFound",
    "InvalidProfile",
    "open_db",
    "import_path",
    "export_dataset",
    "build_graph",
]

__version__ = "0.1.0"
