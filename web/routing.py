"""The web layer's use of the routing engine: run a query, explain an exclusion, and pair
each step of the engine's result with the offer's record for the page.

The engine (:mod:`socialmap.routing`) works on the app's routing model
(:mod:`web.data`); what it returns is what the pages render.  The only thing
added per step is the stored record of the offer it names (contact person,
purpose, cost, the organisation's phone) — a look-up by id, never a second
routing decision: the place shown is the location the engine chose.  The
profile passed in is used for one request and not kept, logged or written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from socialmap import routing, search
from socialmap.errors import NotFound

from .data import get_db, get_index

__all__ = ["PageStep", "PagePath", "run_route", "why_not", "page_paths", "home_point"]


def run_route(profile: routing.Profile, k: int = 3, lang: str | None = None) -> routing.RouteResult:
    """Ranked referral paths (the engine's ``RouteResult``) for a parsed profile."""
    return routing.referral_paths(get_index(), profile, k=k, lang=lang)


def why_not(profile: routing.Profile, offer_id: str, lang: str | None = None) -> list[str]:
    """The rules that exclude ``offer_id`` for this client (empty when it is eligible)."""
    index = get_index()
    if offer_id not in index.position:
        raise NotFound(f"offer {offer_id!r} does not exist")
    return [str(r) for r in routing.check_eligibility(index, profile, offer_id, lang=lang)]


def home_point(result: routing.RouteResult) -> tuple[float, float] | None:
    """(lat, lon) where the engine placed the client's home, for the map; None without one."""
    home = result.home
    if home is None or home.lat is None or home.lon is None:
        return None
    return float(home.lat), float(home.lon)


@dataclass
class PageStep:
    """One step as a page shows it: the engine's step and the stored offer it names."""

    number: int
    step: routing.Step
    offer: dict[str, Any]  # search.get_offer(): lists, organisation, locations, referrers
    bring: list[str] = field(default_factory=list)  # the route sheet's "what to bring"
    # the desk's practical facts (web.referral.sheet.desk_facts): contact, hours, open now, …
    facts: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:  # the engine's fields: name, handover, reasons, …
        return getattr(self.step, name)

    @property
    def id(self) -> str:
        return self.step.offer

    @property
    def organisation(self) -> dict[str, Any]:
        return dict(self.offer.get("organisation") or {"name": self.step.organisation_name})

    @property
    def location(self) -> dict[str, Any] | None:
        """The stored record of the location the engine chose (None: online or unplaced)."""
        chosen = self.step.location
        return next((loc for loc in self.offer.get("locations", ()) if loc["id"] == chosen), None)

    @property
    def referrers(self) -> list[str]:
        return [org["name"] for org in self.offer.get("requires_referral_by", ())]


@dataclass
class PagePath:
    """One path as a page shows it."""

    number: int
    path: routing.Path
    steps: list[PageStep]
    map: Any = None

    @property
    def reaches_rung(self) -> int:
        return self.path.reaches_rung

    @property
    def cost(self) -> float:
        return self.path.cost


def page_paths(result: routing.RouteResult) -> list[PagePath]:
    """The result's paths, each step with its stored offer record (one look-up per offer)."""
    db = get_db()
    records: dict[str, dict[str, Any]] = {}
    for path in result.paths:
        for step in path.steps:
            if step.offer not in records:
                records[step.offer] = search.get_offer(db, step.offer)
    return [
        PagePath(
            number=n,
            path=path,
            steps=[
                PageStep(number=i, step=step, offer=records[step.offer])
                for i, step in enumerate(path.steps, start=1)
            ],
        )
        for n, path in enumerate(result.paths, start=1)
    ]
