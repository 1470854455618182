"""The ``socialmap-dataset/1`` format: read (JSON, CSV), validate, convert to tables.

The JSON Schema is ``schema.json`` beside this file; blank CSV templates are in
``templates/``.  Nothing here writes to a database.
"""

from __future__ import annotations

from .reader import FORMAT, Document
from .tables import dataset_to_tables, read_region, region_list
from .validate import schema, validate_document

__all__ = [
    "FORMAT",
    "Document",
    "validate_document",
    "schema",
    "dataset_to_tables",
    "read_region",
    "region_list",
]
