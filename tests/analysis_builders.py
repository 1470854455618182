"""Datasets for the analysis tests whose findings are known by construction.

``planted_dataset()`` is Plantville: two neighbourhoods side by side in Den
Haag (``n-west`` 10,000 residents, ``n-east`` 5,000), three target groups
(``migrants`` > ``refugees``, ``single-parents``) and a participation ladder
with exactly these weaknesses, seen from :data:`TODAY`:

* **gap** — the only offers accepting rung 5 (``job``, ``job-a``) are for
  residents of ``n-west``: every group in ``n-east`` has a gap at rung 5 …
* **broken chain** — … so every chain in ``n-east`` stops at rung 5;
* **single point of failure** — organisation ``bridge`` runs the only offers
  from rung 3 to 4 (``volunteer``) and 4 to 5 (``coach``): without it every
  chain stops at rung 3 (an ended offer 3 → 4, ``expired``, does not help);
* **broker** — ``bridge`` is also the only link of organisation ``lonely``
  to the referral network;
* **funding cliff** — ``coach`` is funded until 2027-02-28 (3 months):
  without it every chain stops at rung 4.  ``later`` (2027-06-30) is no cliff;
* **duplicate pair** — ``dup-f`` and ``dup-g``: parenting courses for single
  parents 300 m apart with near-identical texts; the near misses ``near-h``
  (same text and place, but for migrants) and ``near-i`` (5 km north) are not;
* **isolated organisation** — ``iso`` (no referral link in or out); its offer
  ``iso-offer`` is the only offer nobody refers to;
* **stale** — organisation ``h``, offer ``later`` and the link ``d -> e``.

Every other record was verified recently.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from builders import square

TODAY = dt.date(2026, 11, 21)

#: The keys of ``socialmap gaps --json`` that DESIGN.md documents — the tests' own copy of
#: the contract, kept apart from :data:`socialmap.analysis.DESIGN_KEYS` on purpose.
DESIGN_KEYS = (
    "gaps",
    "broken_chains",
    "duplicates",
    "isolated_organisations",
    "single_points_of_failure",
    "stale",
    "funding_cliffs",
    "accessibility",
)
KM_LAT = 1 / 111.2  # degrees of latitude per km
FRESH = "2026-10-01"

#: (id, organisation, category, accepts, leads_to, location, extra fields)
_OFFERS: list[tuple[str, str, str, list[int], int, str, dict[str, Any]]] = [
    (
        "meet",
        "a",
        "information",
        [1],
        2,
        "loc-a",
        {"name": "Koffieochtend in de buurt", "description": "Kom koffie drinken en praat mee."},
    ),
    (
        "info-e",
        "e",
        "information",
        [1],
        2,
        "loc-e",
        {
            "name": "Informatiepunt werk en inkomen",
            "description": "Vragen over uitkering, toeslagen en formulieren.",
        },
    ),
    ("course", "b", "language-course", [2], 3, "loc-b", {"name": "Taalcursus Nederlands"}),
    ("course-e", "e", "digital-skills", [2], 3, "loc-e", {"name": "Computercursus"}),
    ("volunteer", "bridge", "volunteering", [3], 4, "loc-bridge", {"name": "Vrijwilligerswerk"}),
    (
        "coach",
        "bridge",
        "job-coaching",
        [4],
        5,
        "loc-bridge",
        {"name": "Werkfit traject", "valid_until": "2027-02-28"},
    ),
    (
        "job",
        "d",
        "employment",
        [5],
        6,
        "loc-d",
        {"name": "Werkplek bij de gemeente", "eligibility": {"neighbourhoods": ["n-west"]}},
    ),
    (
        "job-a",
        "a",
        "employment",
        [5],
        6,
        "loc-a",
        {"name": "Baan in de zorg", "eligibility": {"neighbourhoods": ["n-west"]}},
    ),
    (
        "expired",
        "d",
        "volunteering",
        [3],
        4,
        "loc-d",
        {"name": "Buurtproject", "valid_until": "2026-10-01"},
    ),
    (
        "later",
        "d",
        "counselling",
        [1],
        2,
        "loc-d",
        {"name": "Schuldhulp", "valid_until": "2027-06-30", "last_verified": "2024-12-01"},
    ),
    ("iso-offer", "iso", "health-support", [1], 2, "loc-iso", {"name": "Wandelgroep"}),
]

_PARENTING = {
    "category": "parenting-support",
    "ladder": {"accepts": [1, 2], "leads_to": 2},
    "description": "Een opvoedcursus voor alleenstaande ouders: samen met andere ouders "
    "leert u omgaan met stress, geld en de school van de kinderen.",
}


def _location(lid: str, org: str, lat: float, lon: float) -> dict[str, Any]:
    return {
        "id": lid,
        "organisation": org,
        "lat": lat,
        "lon": lon,
        "wheelchair": True,
        "address": f"Straat {lid}",
    }


def planted_dataset() -> dict[str, Any]:
    """Return a fresh Plantville dataset (see the module docstring)."""
    orgs = ["a", "b", "bridge", "d", "e", "iso", "f", "g", "h", "i", "lonely"]
    locations = [
        _location("loc-a", "a", 52.075, 4.303),
        _location("loc-b", "b", 52.076, 4.306),
        _location("loc-d", "d", 52.074, 4.307),
        _location("loc-iso", "iso", 52.073, 4.304),
        _location("loc-e", "e", 52.075, 4.315),
        _location("loc-bridge", "bridge", 52.076, 4.316),
        _location("loc-f", "f", 52.0720, 4.3050),
        _location("loc-g", "g", 52.0720 + 0.3 * KM_LAT, 4.3050),
        _location("loc-i", "i", 52.0720 + 5 * KM_LAT, 4.3050),
    ]
    offers = []
    for oid, org, category, accepts, leads_to, loc, extra in _OFFERS:
        record = {
            "id": oid,
            "organisation": org,
            "locations": [loc],
            "category": category,
            "ladder": {"accepts": accepts, "leads_to": leads_to},
            "languages": ["nl"],
            "capacity": 20,
            "last_verified": FRESH,
            "name": oid,
        }
        record.update(copy.deepcopy(extra))
        offers.append(record)
    for oid, org, loc, groups, name in [
        ("dup-f", "f", "loc-f", ["single-parents"], "Opvoedcursus voor alleenstaande ouders"),
        ("dup-g", "g", "loc-g", ["single-parents"], "Cursus opvoeden voor alleenstaande ouders"),
        ("near-h", "h", "loc-f", ["migrants"], "Opvoedcursus voor alleenstaande ouders"),
        ("near-i", "i", "loc-i", ["single-parents"], "Opvoedcursus voor alleenstaande ouders"),
    ]:
        offers.append(
            {
                "id": oid,
                "organisation": org,
                "locations": [loc],
                "name": name,
                "target_groups": groups,
                "languages": ["nl"],
                "capacity": 12,
                "last_verified": FRESH,
                **copy.deepcopy(_PARENTING),
            }
        )
    links = [
        ("a", "b"),
        ("b", "d"),
        ("d", "e"),
        ("e", "a"),
        ("bridge", "a"),
        ("bridge", "d"),
        ("lonely", "bridge"),
    ]
    links += [(source, target) for target in "fghi" for source in "ab"]
    return {
        "format": "socialmap-dataset/1",
        "region": {"id": "plantville", "name": "Plantville", "country": "NL", "languages": ["nl"]},
        "neighbourhoods": [
            {"id": "n-west", "name": "West", "population": 10000, "geometry": square(4.30, 52.07)},
            {"id": "n-east", "name": "East", "population": 5000, "geometry": square(4.31, 52.07)},
        ],
        "target_groups": [
            {
                "id": "migrants",
                "labels": {"de": "Zugewanderte", "nl": "Migranten", "en": "Migrants"},
            },
            {
                "id": "refugees",
                "parent": "migrants",
                "labels": {"de": "Geflüchtete", "nl": "Vluchtelingen", "en": "Refugees"},
            },
            {
                "id": "single-parents",
                "labels": {
                    "de": "Alleinerziehende",
                    "nl": "Alleenstaande ouders",
                    "en": "Single parents",
                },
            },
        ],
        "organisations": [
            {
                "id": o,
                "name": f"Organisatie {o.upper()}",
                "kind": "network" if o == "lonely" else "welfare",
                "last_verified": "2025-05-01" if o == "h" else FRESH,
            }
            for o in orgs
        ],
        "locations": locations,
        "offers": offers,
        "referral_links": [
            {
                "from": s,
                "to": t,
                "kind": "agreement",
                "since": "2020-01-01",
                "last_confirmed": "2025-01-01" if (s, t) == ("d", "e") else "2026-06-01",
            }
            for s, t in links
        ],
    }


GROUPS = ("migrants", "refugees", "single-parents")
