"""Open Referral HSDS 3.0: import, export and the records of the HSDS API.

* :func:`read_hsds` — HSDS (a JSON record, a list, an API page, tabular JSON,
  the JSON-form folder, or the CSV data package) → a
  :class:`~socialmap.dataset.reader.Document` holding one ``socialmap-dataset/1``
  region, with what could not be mapped in ``doc.notes``.
* :func:`to_hsds` — one region → HSDS records; :func:`write_folder` writes them
  as JSON files and a tabular data package.
* :mod:`socialmap.hsds.taxonomy` — the published ``socialmap`` taxonomy that
  carries what HSDS has no field for (ladder rungs, target groups, eligibility,
  referral links, the region).

This package reads and writes files only when asked to, never a database, and
never imports Flask.
"""

from __future__ import annotations

from .export import HsdsRecords, to_hsds, to_tables
from .import_ import FileRead, read_hsds, read_hsds_files, to_document
from .read import is_hsds_folder, looks_like_hsds
from .write import write_folder

__all__ = [
    "read_hsds",
    "read_hsds_files",
    "FileRead",
    "to_document",
    "to_hsds",
    "to_tables",
    "HsdsRecords",
    "write_folder",
    "looks_like_hsds",
    "is_hsds_folder",
]
