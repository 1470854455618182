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
