"""Small datasets built in memory for the tests.

``tiny_dataset()`` is a valid ``socialmap-dataset/1`` document with two square
neighbourhoods in Den Haag, three organisations, four offers up the ladder and
two referral links.  Tests copy it and change one thing.
"""

from __future__ import annotations

import copy
from typing import Any


def square(lon: float, lat: float, size: float = 0.01) -> dict[str, Any]:
    """A GeoJSON Polygon: a square with its south-west corner at (lon, lat)."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


_TINY: dict[str, Any] = {
    "format": "socialmap-dataset/1",
    "region": {"id": "testville", "name": "Testville", "country": "NL", "languages": ["nl"]},
    "neighbourhoods": [
        {
            "id": "n-west",
            "name": "West",
            "population": 10000,
            "geometry": square(4.30, 52.07),
            "postcodes": ["2513"],
            "tags": ["focus-area"],
        },
        {"id": "n-east", "name": "East", "population": 5000, "geometry": square(4.31, 52.07)},
    ],
    "target_groups": [
        {"id": "migrants", "labels": {"de": "Zugewanderte", "nl": "Migranten", "en": "Migrants"}},
        {
            "id": "refugees",
            "parent": "migrants",
            "labels": {"de": "Geflüchtete", "nl": "Vluchtelingen", "en": "Refugees"},
        },
    ],
    "organisations": [
        {
            "id": "municipality",
            "name": "Gemeente Testville",
            "kind": "municipality",
            "last_verified": "2026-10-01",
        },
        {
            "id": "women-centre",
            "name": "Vrouwencentrum",
            "kind": "women-centre",
            "last_verified": "2024-01-01",
        },
        {"id": "college", "name": "ROC Testville", "kind": "education-provider"},
    ],
    "locations": [
        {
            "id": "loc-west",
            "organisation": "municipality",
            "address": "Plein 1",
            "postcode": "2513 AA",
            "city": "Den Haag",
            "lat": 52.075,
            "lon": 4.305,
            "wheelchair": True,
        },
        {
            "id": "loc-east",
            "organisation": "women-centre",
            "lat": 52.075,
            "lon": 4.315,
            "wheelchair": False,
        },
        {"id": "loc-college", "organisation": "college", "postcode": "2513"},
    ],
    "offers": [
        {
            "id": "coffee",
            "organisation": "women-centre",
            "locations": ["loc-east"],
            "name": "Koffieochtend",
            "category": "information",
            "description": "Elkaar ontmoeten",
            "ladder": {"accepts": [1], "leads_to": 2},
            "eligibility": {"genders": ["female"]},
            "languages": ["nl", "tr"],
            "childcare": True,
        },
        {
            "id": "language",
            "organisation": "college",
            "locations": ["loc-college"],
            "name": "Taalcursus",
            "category": "language-course",
            "ladder": {"accepts": [2, 3], "leads_to": 3},
            "target_groups": ["migrants"],
            "languages": ["nl"],
            "cost_eur": 0,
            "capacity": 12,
            "wait_weeks": 2,
        },
        {
            "id": "volunteer",
            "organisation": "municipality",
            "locations": ["loc-west"],
            "name": "Vrijwilligerswerk",
            "category": "volunteering",
            "ladder": {"accepts": [3], "leads_to": 4},
            "languages": ["nl", "en"],
            "valid_from": "2020-01-01",
            "valid_until": "2030-12-31",
        },
        {
            "id": "job",
            "organisation": "municipality",
            "online": True,
            "name": "Werkfit",
            "category": "job-coaching",
            "ladder": {"accepts": [4, 5], "leads_to": 6},
            "eligibility": {"requires_referral_by": ["municipality"], "age_min": 18, "age_max": 64},
            "languages": ["nl"],
        },
    ],
    "referral_links": [
        {
            "from": "women-centre",
            "to": "college",
            "kind": "informal",
            "since": "2019-01-01",
            "last_confirmed": "2026-03-01",
        },
        {"from": "language", "to": "volunteer", "kind": "agreement", "since": "2021-05-01"},
    ],
}


def tiny_dataset() -> dict[str, Any]:
    """Return a fresh deep copy of the tiny valid dataset."""
    return copy.deepcopy(_TINY)


# --- graphs for the routing tests (added for issue #3) ---------------------------------------


def graph_of(data: dict[str, Any]) -> Any:
    """Import a dataset dict into a fresh in-memory database and return its graph."""
    from socialmap.dataset.reader import Document
    from socialmap.graph import build_graph
    from socialmap.importer import import_document
    from socialmap.store import open_db

    db = open_db(":memory:")
    import_document(db, Document(copy.deepcopy(data), source="<memory>"))
    return build_graph(db)


def tiny_graph() -> Any:
    """The graph of :func:`tiny_dataset`."""
    return graph_of(tiny_dataset())


#: Home of the routing tests: in neighbourhood ``n-west`` of :func:`offer_network`.
HOME = {"lat": 52.075, "lon": 4.305}
KM_LAT = 1 / 111.2  # degrees of latitude per km


def offer_network(
    offers: list[dict[str, Any]],
    links: list[tuple[str, str]] | list[dict[str, Any]] = (),  # type: ignore[assignment]
    organisations: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A dataset of the given offers in Testville (neighbourhoods ``n-west``, ``n-east``).

    Each offer spec is a dataset offer with shortcuts: ``accepts`` and ``leads_to``
    (the ladder), ``org`` (organisation id, default ``org-<id>``), ``km_north``
    (a location that far north of :data:`HOME`; omit for none) or ``at``
    (``(lat, lon)``), ``wheelchair`` (of that location, default true).  Links are
    ``(from, to)`` ids of offers or organisations (kind ``agreement``) or link dicts.
    Organisations named by offers, referral rules, links or ``organisations`` exist.
    """
    from socialmap.vocab import STANDARD_TARGET_GROUPS

    data = tiny_dataset()
    data["target_groups"] = [
        {k: v for k, v in g.items() if v is not None} for g in STANDARD_TARGET_GROUPS
    ]
    data["organisations"], data["locations"], data["offers"] = [], [], []
    orgs: dict[str, None] = dict.fromkeys(organisations)
    offer_ids = {spec["id"] for spec in offers}
    for spec in offers:
        orgs.update(dict.fromkeys(spec.get("eligibility", {}).get("requires_referral_by", [])))
    for link in links:
        ends = (link["from"], link["to"]) if isinstance(link, dict) else link
        orgs.update(dict.fromkeys(e for e in ends if e not in offer_ids))
    for spec in offers:
        spec = dict(spec)
        oid = spec.pop("id")
        org = spec.pop("org", f"org-{oid}")
        orgs[org] = None
        record: dict[str, Any] = {
            "id": oid,
            "organisation": org,
            "name": spec.pop("name", oid),
            "category": spec.pop("category", "counselling"),
        }
        accepts, leads_to = spec.pop("accepts"), spec.pop("leads_to")
        if accepts is not None:  # None: no ladder rung known
            record["ladder"] = {"accepts": accepts, "leads_to": leads_to}
        at = spec.pop("at", None)
        if "km_north" in spec:
            at = (HOME["lat"] + spec.pop("km_north") * KM_LAT, HOME["lon"])
        wheelchair = spec.pop("wheelchair", True)
        if at is not None:
            data["locations"].append(
                {
                    "id": f"loc-{oid}",
                    "organisation": org,
                    "lat": at[0],
                    "lon": at[1],
                    "wheelchair": wheelchair,
                    "address": f"Straat {len(data['locations']) + 1}",
                }
            )
            record["locations"] = [f"loc-{oid}"]
        record.update(spec)
        data["offers"].append(record)
    data["organisations"] = [
        {"id": o, "name": f"Organisation {o}", "kind": "welfare"} for o in orgs
    ]
    data["referral_links"] = [
        link
        if isinstance(link, dict)
        else {
            "from": link[0],
            "to": link[1],
            "kind": "agreement",
            "since": "2020-01-01",
            "last_confirmed": "2026-06-01",
        }
        for link in links
    ]
    return data
