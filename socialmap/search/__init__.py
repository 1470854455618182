"""Read queries behind the map, the offer list and the JSON API: filter, search, page.

Every query here is parameterised: values a person typed are bound, never
pasted into SQL, and full-text search input is reduced to quoted terms so FTS5
query syntax (``OR``, ``NEAR``, ``*``, ``"``, column filters) cannot be
injected.  The only text formatted into SQL is this module's own constant
clauses.  It only reads: the store (:mod:`socialmap.store`) writes.

It returns plain dicts and lists of ids and codes; turning codes into labels
in a language is the caller's job.

Modules: :mod:`.offers` (filter, search, sort, page; the map's points),
:mod:`.records` (one offer or organisation, regions, neighbourhoods, labels,
filter choices), :mod:`.sql` (the one place SQL text is put together).
"""

from __future__ import annotations

from .offers import (
    OfferFilter,
    OfferPage,
    count_offers,
    fts_match,
    list_offers,
    offer_points,
    search_offers,
)
from .records import (
    data_fingerprint,
    filter_options,
    get_offer,
    get_organisation,
    list_neighbourhoods,
    list_regions,
    offer_exists,
    target_group_labels,
)

__all__ = [
    "OfferFilter",
    "OfferPage",
    "fts_match",
    "search_offers",
    "count_offers",
    "list_offers",
    "offer_points",
    "get_offer",
    "get_organisation",
    "list_regions",
    "list_neighbourhoods",
    "target_group_labels",
    "filter_options",
    "offer_exists",
    "data_fingerprint",
]
