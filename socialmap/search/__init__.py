"""Read queries behind the map, the offer list and the JSON API: filter, search, page.

Every query here is parameterised: values a person typed are bound, never
pasted into SQL, and full-text search input is reduced to quoted terms so FTS5
query syntax (``OR``, ``NEAR``, ``*``, ``"``, column filters) cannot be
injected.  SQL text is a constant or made by :func:`socialmap.sql.sql` from
constant templates and the schema's own names.  It only reads: the store
(:mod:`socialmap.store`) writes.

It returns plain dicts and lists of ids and codes; turning codes into labels
in a language is the caller's job.

Modules: :mod:`.offers` (filter, search, sort, page; the map's points),
:mod:`.records` (one offer or organisation, regions, neighbourhoods, labels,
filter choices).
"""

from __future__ import annotations

from . import offers, records
from .offers import *  # noqa: F403
from .records import *  # noqa: F403

__all__ = [*offers.__all__, *records.__all__]
