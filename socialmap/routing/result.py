"""What the routing engine returns, and its JSON form (DESIGN.md, ``route --json``).

The documented keys are never renamed; these add keys (allowed by DESIGN):
a step's ``name``, ``organisation_name``, ``category``, ``rung_before``,
``rung_after``, ``online``, ``location``, ``address``, ``lat``, ``lon``,
``warm_via``, ``reason_codes``, ``start_share`` and ``outcomes``; a path's ``chance``
(the estimated chance of arriving at every step); an excluded offer's ``name`` and ``rules``
(machine codes, one per reason); the result's ``rung``, ``goal_rung``,
``highest_rung``, ``home``, ``lang`` and ``truncated``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .eligibility import Reason
from .home import ResolvedHome

__all__ = ["Step", "Path", "Excluded", "RouteResult"]


@dataclass(frozen=True)
class Step:
    """One step of a path: an offer, how the client gets there, and why it fits."""

    offer: str
    organisation: str
    name: str
    organisation_name: str
    category: str
    accepts: tuple[int, ...]
    leads_to: int
    rung_before: int
    rung_after: int
    handover: str  # start | warm | cold
    distance_km: float | None
    online: bool
    location: str | None
    address: str | None
    lat: float | None
    lon: float | None
    warm_via: dict[str, Any] | None
    reasons: tuple[Reason, ...]
    #: The estimated share of clients who start this step (the prior where data is thin).
    start_share: float = 1.0
    #: ``{"started", "referred"}`` when observed outcomes priced this step, else None.
    outcomes: dict[str, int] | None = None

    def to_json(self) -> dict[str, Any]:
        """The step as in DESIGN.md, plus the added keys."""
        return {
            "offer": self.offer,
            "organisation": self.organisation,
            "accepts": list(self.accepts),
            "leads_to": self.leads_to,
            "distance_km": self.distance_km,
            "handover": self.handover,
            "reasons": [r.text for r in self.reasons],
            "reason_codes": [r.code for r in self.reasons],
            "name": self.name,
            "organisation_name": self.organisation_name,
            "category": self.category,
            "rung_before": self.rung_before,
            "rung_after": self.rung_after,
            "online": self.online,
            "location": self.location,
            "address": self.address,
            "lat": self.lat,
            "lon": self.lon,
            "warm_via": self.warm_via,
            "start_share": round(self.start_share, 3),
            "outcomes": self.outcomes,
        }


@dataclass(frozen=True)
class Path:
    """A referral path: its cost (cost units, see :mod:`~socialmap.routing.cost`) and steps."""

    cost: float
    reaches_rung: int
    steps: tuple[Step, ...]

    @property
    def chance(self) -> float:
        """The estimated chance a client arrives at every step: the product of the steps'
        shares started."""
        chance = 1.0
        for step in self.steps:
            chance *= step.start_share
        return round(chance, 3)

    @property
    def offers(self) -> list[str]:
        """The offer ids of the steps, in order."""
        return [s.offer for s in self.steps]

    def to_json(self) -> dict[str, Any]:
        """The path as in DESIGN.md."""
        return {
            "cost": self.cost,
            "reaches_rung": self.reaches_rung,
            "steps": [s.to_json() for s in self.steps],
            "chance": self.chance,
        }


@dataclass(frozen=True)
class Excluded:
    """An offer the engine considered and rejected, with every rule it failed."""

    offer: str
    name: str
    why: tuple[Reason, ...]

    @property
    def rules(self) -> list[str]:
        """The machine codes of the failed rules."""
        return [r.code for r in self.why]

    def to_json(self) -> dict[str, Any]:
        """``{"offer", "why"}`` as in DESIGN.md, plus ``name`` and ``rules``."""
        return {
            "offer": self.offer,
            "why": [r.text for r in self.why],
            "name": self.name,
            "rules": self.rules,
        }


@dataclass
class RouteResult:
    """The answer to "where do I refer this client next, and after that?".

    ``excluded`` is computed on first access: the web app may never need it.
    """

    reached_goal: bool
    rung: int
    goal_rung: int
    #: The highest rung the returned paths reach (the client's rung when there is none).
    highest_rung: int
    paths: list[Path]
    home: ResolvedHome | None
    lang: str
    truncated: bool = False
    #: The client's work ban, if the profile states one (an absolute ban stops paths at rung 4).
    work_ban: str | None = None
    #: Profile fields left out that would decide a step of the paths ("check"): ask for them.
    undecided: tuple[str, ...] = ()
    #: ``_excluded(limit)``: the first ``limit`` excluded offers (None: all), nearest first.
    _excluded: Callable[[int | None], list[Excluded]] = field(default=lambda limit: [], repr=False)
    #: How many offers the engine considered and rejected.
    excluded_count: int = 0

    @cached_property
    def excluded(self) -> list[Excluded]:
        """Offers considered and rejected, nearest first (see :mod:`socialmap.routing`)."""
        return self._excluded(None)

    def excluded_first(self, limit: int) -> list[Excluded]:
        """Only the ``limit`` nearest excluded offers: a page shows a few, so only those
        are explained (see :attr:`excluded_count` for how many there are)."""
        if "excluded" in self.__dict__:
            return self.excluded[:limit]
        return self._excluded(limit)

    def to_json(self) -> dict[str, Any]:
        """Exactly the shape of DESIGN.md's ``route --json``, plus the added keys."""
        home = None
        if self.home is not None:
            home = {
                "lat": round(self.home.lat, 6),
                "lon": round(self.home.lon, 6),
                "neighbourhoods": list(self.home.neighbourhoods),
                "regions": list(self.home.regions),
                "source": self.home.source,
                "postcode": self.home.postcode,
            }
        return {
            "reached_goal": self.reached_goal,
            "paths": [p.to_json() for p in self.paths],
            "excluded": [e.to_json() for e in self.excluded],
            "rung": self.rung,
            "goal_rung": self.goal_rung,
            "highest_rung": self.highest_rung,
            "home": home,
            "lang": self.lang,
            "truncated": self.truncated,
            "undecided": list(self.undecided),
        }
