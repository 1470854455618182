"""Typical clients: the routing profile the analysis uses for "a client of group g living in n".

Gaps, broken chains and single points of failure ask the routing engine about
one typical client per target group and neighbourhood.  That client is the
*plainest* member of the group — only what the group itself implies is set:

=====================================  ==========================================
field                                  value
=====================================  ==========================================
``target_groups``                      ``[group]``
``age``                                19 for ``young-people`` and its sub-groups,
                                       58 for ``older-jobseekers``, else 35
``gender``                             ``female`` for ``women`` and its sub-groups
                                       and for ``single-parents`` (most are
                                       mothers; the seeds' programmes are for
                                       them); else not given, so women-only
                                       offers count — the analysis asks about
                                       target groups, not genders
``residence_status``                   ``residence-permit`` for ``migrants`` and its
                                       sub-groups (refugees: recognised, with an
                                       Aufenthaltserlaubnis / verblijfsvergunning),
                                       else ``citizen``
``work_ban``                           ``none``
``languages``                          the region's language (see
                                       :func:`~socialmap.analysis.common.region_language`)
``home``                               ``{"neighbourhood": n}``
``max_distance_km``                    the region's catchment: 5 km in a city,
                                       25 km in a region of Kreise
``online_ok``                          true; no cost limit, no needs, known to no one
``date``                               the analysis' ``today``
=====================================  ==========================================

Groups the table does not know (a dataset may add its own) get the defaults,
inherited from their parent group (the one it is ``part-of``) where it is known.

A coach may choose the client type instead (``Setting.of(G, client=…)``,
``socialmap gaps --client``): profile fields that replace the table's values for
every typical client, e.g. ``{"languages": ["ar"], "max_distance_km": 3}`` — "are
there paths for Arabic speakers who travel at most 3 km?".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..errors import InvalidProfile
from ..graph import targets
from ..i18n import N_
from ..routing.profile import parse_profile
from ..vocab import group_lineage
from .common import CITY_KM, bare_id, nodes_of, region_language, region_scale_km

__all__ = ["typical_client", "Setting", "DEFAULT_AGE", "CLIENT_TYPES"]

#: Client types a coach picks on the coach page (``?client=``): profile fields every
#: typical client gets.  "typical" is the table above; the others ask about the
#: clients the network serves worst — who speak no local language, cannot travel or
#: cannot take part online.
CLIENT_TYPES: dict[str, dict[str, Any]] = {
    "typical": {},
    "arabic": {"languages": ["ar"]},
    "near": {"max_distance_km": 2},
    "arabic-near": {"languages": ["ar"], "max_distance_km": 2},
    "offline": {"online_ok": False},
}

DEFAULT_AGE = 35
_AGE = {"young-people": 19, "older-jobseekers": 58}
_FEMALE = ("women", "single-parents")
_MIGRANT = ("migrants",)


def typical_client(
    group: str,
    neighbourhood: str,
    *,
    parents: dict[str, str | None],
    language: str,
    max_distance_km: float,
    today: dt.date,
    rung: int = 1,
    goal_rung: int = 6,
) -> dict[str, Any]:
    """The profile of a typical client of ``group`` living in ``neighbourhood``.

    Parameters
    ----------
    group, neighbourhood : str
        Record ids.
    parents : dict
        ``{target group: parent or None}`` (the group hierarchy).
    language : str
        The region's language.
    max_distance_km : float
        How far the client travels.
    today : datetime.date
    rung, goal_rung : int

    Examples
    --------
    >>> p = typical_client("refugees", "wijk-28", parents={"refugees": "migrants"},
    ...                    language="nl", max_distance_km=5, today=dt.date(2026, 11, 21))
    >>> p["residence_status"], p["age"], "gender" in p, p["languages"]
    ('residence-permit', 35, False, ['nl'])
    >>> typical_client("women-returners", "n", parents={"women-returners": "women"},
    ...                language="de", max_distance_km=5, today=dt.date(2026, 1, 1))["gender"]
    'female'
    """
    lineage = group_lineage(group, parents)
    age = next((_AGE[g] for g in lineage if g in _AGE), DEFAULT_AGE)
    profile: dict[str, Any] = {
        "rung": rung,
        "goal_rung": goal_rung,
        "target_groups": [group],
        "age": age,
        "residence_status": "residence-permit" if set(lineage) & set(_MIGRANT) else "citizen",
        "work_ban": "none",
        "languages": [language],
        "home": {"neighbourhood": neighbourhood},
        "max_distance_km": max_distance_km,
        "online_ok": True,
        "date": today.isoformat(),
    }
    if set(lineage) & set(_FEMALE):
        profile["gender"] = "female"
    return profile


@dataclasses.dataclass(frozen=True)
class Setting:
    """What every per-group, per-neighbourhood question shares: the day, the groups,
    the neighbourhoods with a point, and each region's language and catchment."""

    today: dt.date
    groups: tuple[str, ...]
    parents: dict[str, str | None]
    neighbourhoods: tuple[tuple[str, str, float, float], ...]  # id, region, lat, lon
    language: dict[str, str]
    scale_km: dict[str, float]
    client: tuple[tuple[str, Any], ...] = ()  # profile fields the coach chose for every client

    @classmethod
    def of(
        cls,
        G: nx.MultiDiGraph,
        today: dt.date | None = None,
        client: Mapping[str, Any] | None = None,
    ) -> Setting:
        """Read the setting from the graph (``today`` defaults to the current date).

        ``client``: profile fields every typical client gets instead of the table's
        (checked like a profile: an unknown field or value raises ``InvalidProfile``).
        """
        chosen = dict(client or {})
        for fixed in ("rung", "goal_rung", "home", "target_groups", "date"):
            if fixed in chosen:
                raise InvalidProfile(fixed, N_("is set by the analysis for each client"))
        parse_profile({"rung": 1, "home": {"lat": 0.0, "lon": 0.0}, **chosen})
        groups = {bare_id(n): _parent(G, n) for n, _ in nodes_of(G, "target_group")}
        places = tuple(
            (bare_id(n), str(d["region"]), float(d["lat"]), float(d["lon"]))
            for n, d in nodes_of(G, "neighbourhood")
            if d.get("lat") is not None and d.get("lon") is not None
        )
        return cls(
            today=today or dt.date.today(),
            groups=tuple(sorted(groups)),
            parents=groups,
            neighbourhoods=places,
            language=region_language(G),
            scale_km=region_scale_km(G),
            client=tuple(sorted(chosen.items())),
        )

    def profile(self, group: str, neighbourhood: str, region: str, rung: int = 1) -> dict[str, Any]:
        """The typical client of ``group`` in ``neighbourhood`` (see the module docstring)."""
        profile = typical_client(
            group,
            neighbourhood,
            parents=self.parents,
            language=self.language.get(region, "en"),
            max_distance_km=self.scale_km.get(region, CITY_KM),
            today=self.today,
            rung=rung,
        )
        return {**profile, **dict(self.client)}


def _parent(G: nx.MultiDiGraph, group: str) -> str | None:
    """The group a target group node is ``part-of`` (None at the top of the hierarchy)."""
    parents = targets(G, group, "part-of")
    return bare_id(parents[0]) if parents else None
