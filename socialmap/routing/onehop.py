"""The directory-search baseline: what an ordinary social-map directory gives a user.

:func:`one_hop_search` answers "which offers near home take this client now?"
with **one** parameterised SQL query against the store — eligible offers whose
location lies within ``radius_km``, nearest first.  It applies every hard rule
SQL expresses easily (rung accepted, dates, age, gender, residence status,
work ban, cost, language, target groups with their hierarchy, a lat/lon
bounding box and the distance) and none of the rest (neighbourhood, wheelchair,
online offers, referral rules, paths).  ``socialmap bench route`` times it next
to :func:`~socialmap.routing.referral_paths` to show what multi-step routing
costs over a one-hop search.

It only reads.  Distances are equirectangular (exact enough within a city
radius, and SQLite needs no math functions for them).
"""

from __future__ import annotations

import json
import math

import sqlite_utils

from .profile import Profile

__all__ = ["one_hop_search", "ONE_HOP_SQL"]

_KM_PER_DEGREE = 111.195

ONE_HOP_SQL = """
WITH RECURSIVE client_groups(id) AS (
    SELECT value FROM json_each(:groups)
    UNION
    SELECT tg.parent FROM target_groups tg JOIN client_groups c ON tg.id = c.id
    WHERE tg.parent IS NOT NULL
)
SELECT o.id,
       MIN((l.lat - :lat) * (l.lat - :lat) * :ky2 + (l.lon - :lon) * (l.lon - :lon) * :kx2) AS d2
FROM locations l
JOIN offer_locations ol ON ol.location = l.id
JOIN offers o ON o.id = ol.offer
WHERE l.lat BETWEEN :lat_min AND :lat_max
  AND l.lon BETWEEN :lon_min AND :lon_max
  AND EXISTS (SELECT 1 FROM offer_accepts a WHERE a.offer = o.id AND a.rung = :rung)
  AND (o.valid_from IS NULL OR o.valid_from <= :date)
  AND (o.valid_until IS NULL OR o.valid_until >= :date)
  AND (:age IS NULL OR ((o.age_min IS NULL OR o.age_min <= :age)
                        AND (o.age_max IS NULL OR o.age_max >= :age)))
  AND (:gender IS NULL
       OR NOT EXISTS (SELECT 1 FROM offer_genders g WHERE g.offer = o.id)
       OR EXISTS (SELECT 1 FROM offer_genders g WHERE g.offer = o.id AND g.gender = :gender))
  AND (:status IS NULL
       OR NOT EXISTS (SELECT 1 FROM offer_residence_statuses s WHERE s.offer = o.id)
       OR EXISTS (SELECT 1 FROM offer_residence_statuses s
                  WHERE s.offer = o.id AND s.residence_status = :status))
  AND (:work_ban IS NULL
       OR NOT EXISTS (SELECT 1 FROM offer_work_ban_exclusions w
                      WHERE w.offer = o.id AND w.work_ban = :work_ban))
  AND (:max_cost IS NULL OR o.cost_eur IS NULL OR o.cost_eur <= :max_cost)
  AND (:languages IS NULL OR o.interpreter = 1 OR o.category = 'language-course'
       OR NOT EXISTS (SELECT 1 FROM offer_languages x WHERE x.offer = o.id)
       OR EXISTS (SELECT 1 FROM offer_languages x WHERE x.offer = o.id
                  AND x.language IN (SELECT value FROM json_each(:languages))))
  AND (:groups IS NULL
       OR NOT EXISTS (SELECT 1 FROM offer_target_groups t WHERE t.offer = o.id)
       OR EXISTS (SELECT 1 FROM offer_target_groups t WHERE t.offer = o.id
                  AND t.target_group IN (SELECT id FROM client_groups)))
GROUP BY o.id
HAVING d2 <= :r2
ORDER BY d2, o.id
"""


def one_hop_search(
    db: sqlite_utils.Database, profile: Profile, lat: float, lon: float, radius_km: float
) -> list[tuple[str, float]]:
    """Eligible offers with a location within ``radius_km`` of (lat, lon), nearest first.

    Returns
    -------
    list of (offer id, distance in km)

    Examples
    --------
    >>> import sys; from socialmap.paths import data_dir
    >>> sys.path.insert(0, str(data_dir().parent / "tests"))
    >>> from builders import tiny_dataset
    >>> from socialmap.dataset.reader import Document
    >>> from socialmap.importer import import_document
    >>> from socialmap.routing import parse_profile
    >>> from socialmap.store import open_db
    >>> db = open_db(":memory:")
    >>> _ = import_document(db, Document(tiny_dataset(), "tiny"))
    >>> profile = parse_profile({"rung": 1, "gender": "female", "date": "2026-11-21"})
    >>> [(oid, round(km, 1)) for oid, km in one_hop_search(db, profile, 52.075, 4.305, 5)]
    [('coffee', 0.7)]
    """
    groups = None
    if profile.target_groups is not None:
        implied = ["women"] if profile.gender == "female" else []
        groups = json.dumps([*profile.target_groups, *implied])
    dlat = radius_km / _KM_PER_DEGREE
    cos = max(math.cos(math.radians(lat)), 1e-6)
    dlon = dlat / cos
    params = {
        "lat": lat,
        "lon": lon,
        "ky2": _KM_PER_DEGREE**2,
        "kx2": (_KM_PER_DEGREE * cos) ** 2,
        "lat_min": lat - dlat,
        "lat_max": lat + dlat,
        "lon_min": lon - dlon,
        "lon_max": lon + dlon,
        "r2": radius_km**2,
        "rung": profile.rung,
        "date": profile.on.isoformat(),
        "age": profile.age,
        "gender": profile.gender,
        "status": profile.residence_status,
        "work_ban": profile.work_ban,
        "max_cost": profile.max_cost_eur,
        "languages": None if profile.languages is None else json.dumps(list(profile.languages)),
        "groups": groups,
    }
    rows = db.execute(ONE_HOP_SQL, params).fetchall()
    return [(oid, math.sqrt(d2)) for oid, d2 in rows]
