"""The skeleton of a synthetic network: who sits where, before any record exists.

:func:`make_plan` draws, with numpy, the organisations' kinds and home areas,
their locations' coordinates and which organisation runs each offer, as
compact arrays, and which offers are planted duplicates (re-entries of an
earlier offer by another organisation, at a slightly moved copy of its
address).  :class:`OfferIndex` collects, while offers are generated, what the
referral links need of them.  No records are built here.
"""

from __future__ import annotations

import math
import random
from array import array
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import shapely

from socialmap_bench.synth.regions import Region, sample_points
from socialmap_bench.synth.tables import ORGANISATION_KIND_WEIGHTS, SHARE

__all__ = ["Plan", "OfferIndex", "make_plan", "day", "verified"]


@dataclass
class Plan:
    """Parallel lists per organisation, per location and per offer (by index).

    An organisation's own sites are locations ``loc_start[o]`` to
    ``loc_start[o] + loc_count[o] - 1``; after all of them come the sites of
    planted duplicates (``moved_from``: such a site → the site it copies).
    ``planted`` maps each planted duplicate's offer index to the earlier offer
    it re-enters; ``fixed_location`` gives both offers of a pair their site
    (``-1``: online) instead of a random one.
    """

    region: Region
    today: int
    org_kind: list[str]
    org_area: list[int]
    area_jobcenter: list[int]
    loc_start: list[int]
    loc_count: list[int]
    loc_org: np.ndarray
    loc_area: np.ndarray
    loc_lon: np.ndarray
    loc_lat: np.ndarray
    offer_org: list[int]
    planted: dict[int, int] = field(default_factory=dict)
    fixed_location: dict[int, int] = field(default_factory=dict)
    moved_from: dict[int, int] = field(default_factory=dict)
    org_names: list[str] = field(default_factory=list)
    #: ``(organisation, category)`` → the usual names its offers of that category took.
    names_taken: dict[tuple[int, str], set[str]] = field(default_factory=dict)


@dataclass
class OfferIndex:
    """Per offer its area and leads_to rung; per (area, rung) the offers accepting it."""

    areas: int
    offer_area: array = field(default_factory=lambda: array("i"))
    offer_leads: array = field(default_factory=lambda: array("b"))
    required: list[tuple[int, int]] = field(default_factory=list)
    by_area_rung: list[array] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_area_rung = [array("i") for _ in range(self.areas * 7)]

    def add(self, offer: int, area: int, accepts: list[int], leads_to: int) -> None:
        """Record offer ``offer`` (index) placed in ``area``."""
        self.offer_area.append(area)
        self.offer_leads.append(leads_to)
        for rung in accepts:
            self.by_area_rung[area * 7 + rung].append(offer)

    def accepting(self, area: int, rung: int) -> array:
        """Indices of the offers in ``area`` that accept ``rung``."""
        return self.by_area_rung[area * 7 + rung]


def make_plan(offers: int, region: Region, rng: np.random.Generator, today: date) -> Plan:
    """Place ``ceil(offers / 3)`` organisations, their locations, and assign the offers.

    Jobcenters come first (``min(region.jobcenters, organisations // 10)``, at
    least one), one per area where there are as many as areas, otherwise in
    areas drawn by population; every area is served by its nearest jobcenter.
    The other organisations' kinds follow ``ORGANISATION_KIND_WEIGHTS`` and
    their areas the population.  Every organisation runs at least one offer;
    the rest go to organisations of random (gamma-distributed) size.
    """
    weights = np.asarray(region.population, dtype=float)
    weights /= weights.sum()
    n_areas = len(weights)
    n_orgs = math.ceil(offers / SHARE["offers_per_organisation"])
    n_jobcenters = min(region.jobcenters, max(1, n_orgs // 10), n_areas)
    if n_jobcenters == n_areas:
        jobcenter_areas = np.arange(n_areas)
    else:
        jobcenter_areas = rng.choice(n_areas, n_jobcenters, replace=False, p=weights)
    other_areas = rng.choice(n_areas, n_orgs - n_jobcenters, p=weights)
    org_area = np.concatenate([jobcenter_areas, other_areas])
    loc_count = 1 + (rng.random(n_orgs) < SHARE["second_location"]).astype(np.int64)
    loc_area = _location_areas(region, org_area, loc_count, rng)
    lon, lat = sample_points(region, loc_area, rng)
    plan = Plan(
        region=region,
        today=today.toordinal(),
        org_kind=["jobcenter"] * n_jobcenters + _kinds(n_orgs - n_jobcenters, rng),
        org_area=org_area.tolist(),
        area_jobcenter=_nearest_jobcenter(region, jobcenter_areas),
        loc_start=(np.cumsum(loc_count) - loc_count).tolist(),
        loc_count=loc_count.tolist(),
        loc_org=np.repeat(np.arange(n_orgs), loc_count),
        loc_area=loc_area,
        loc_lon=lon,
        loc_lat=lat,
        offer_org=_offer_organisations(offers, n_orgs, n_jobcenters, rng),
    )
    _plant_duplicates(plan, rng)
    return plan


def _kinds(count: int, rng: np.random.Generator) -> list[str]:
    """Kinds of ``count`` non-jobcenter organisations."""
    kinds = list(ORGANISATION_KIND_WEIGHTS)
    p = np.array(list(ORGANISATION_KIND_WEIGHTS.values()), dtype=float)
    return [kinds[k] for k in rng.choice(len(kinds), count, p=p / p.sum()).tolist()]


def _location_areas(
    region: Region, org_area: np.ndarray, loc_count: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Area of each location: the organisation's; a second site half the time next door."""
    loc_area = np.repeat(org_area, loc_count)
    second = (np.cumsum(loc_count) - 1)[loc_count == 2]
    pick = rng.random(len(second))
    for k, loc in enumerate(second.tolist()):
        neighbours = region.neighbours[int(loc_area[loc])]
        if neighbours and pick[k] < 0.5:
            loc_area[loc] = neighbours[int(pick[k] * 2 * len(neighbours))]
    return loc_area


def _nearest_jobcenter(region: Region, jobcenter_areas: np.ndarray) -> list[int]:
    """For each area, the jobcenter (organisation index) whose area is closest."""
    mid_lat = math.radians(float(region.centroids[:, 1].mean()))
    xy = region.centroids * np.array([math.cos(mid_lat), 1.0])
    distance = np.linalg.norm(xy[:, None, :] - xy[jobcenter_areas][None, :, :], axis=2)
    return distance.argmin(axis=1).tolist()


def _offer_organisations(
    offers: int, n_orgs: int, n_jobcenters: int, rng: np.random.Generator
) -> list[int]:
    """Organisation index of each offer, in random order."""
    size = rng.gamma(1.0, size=n_orgs)
    size[:n_jobcenters] *= 5
    extra = rng.choice(n_orgs, offers - n_orgs, p=size / size.sum())
    return rng.permutation(np.concatenate([np.arange(n_orgs), extra])).tolist()


def _plant_duplicates(plan: Plan, rng: np.random.Generator) -> None:
    """Choose the planted duplicates: ``SHARE["planted_duplicates"]`` of the offers.

    Each is a later offer of another organisation that re-enters an earlier
    one; both are online, or the copy sits at a new site of its organisation
    up to :data:`_MOVED_M` metres from the original's site (inside the same
    area).  The offers of distinct pairs are distinct.
    """
    offers = len(plan.offer_org)
    wanted = round(SHARE["planted_duplicates"] * offers)
    drawn = rng.permutation(offers)[: 2 * wanted].reshape(-1, 2)
    online = rng.random(len(drawn)) < SHARE["online"]
    pick = rng.random(len(drawn))  # which site of the original's organisation
    angle = rng.uniform(0, 2 * math.pi, len(drawn))
    metres = rng.uniform(0, _MOVED_M, len(drawn))
    moved: list[tuple[int, int, float, float]] = []  # (new site, its org, lon, lat)
    first_new = len(plan.loc_area)
    for k, (a, b) in enumerate(drawn.tolist()):
        source, copy = min(a, b), max(a, b)
        src_org, copy_org = plan.offer_org[source], plan.offer_org[copy]
        if src_org == copy_org:
            continue
        plan.planted[copy] = source
        if online[k]:
            plan.fixed_location[source] = plan.fixed_location[copy] = -1
            continue
        site = plan.loc_start[src_org] + int(pick[k] * plan.loc_count[src_org])
        new = first_new + len(moved)
        lon, lat = _moved(plan, site, float(angle[k]), float(metres[k]))
        moved.append((new, copy_org, lon, lat))
        plan.fixed_location[source], plan.fixed_location[copy] = site, new
        plan.moved_from[new] = site
    if moved:
        sites = [plan.moved_from[new] for new, *_ in moved]
        plan.loc_area = np.concatenate([plan.loc_area, plan.loc_area[sites]])
        plan.loc_org = np.concatenate([plan.loc_org, [org for _, org, _, _ in moved]])
        plan.loc_lon = np.concatenate([plan.loc_lon, [lon for *_, lon, _ in moved]])
        plan.loc_lat = np.concatenate([plan.loc_lat, [lat for *_, lat in moved]])


#: Farthest a planted duplicate's site is moved from the original's (metres).
_MOVED_M = 250.0


def _moved(plan: Plan, site: int, angle: float, metres: float) -> tuple[float, float]:
    """The point ``metres`` from ``site`` towards ``angle``; the site itself if outside its area."""
    lon, lat = float(plan.loc_lon[site]), float(plan.loc_lat[site])
    new_lat = round(lat + metres * math.sin(angle) / 111_200.0, 6)
    new_lon = round(lon + metres * math.cos(angle) / (111_200.0 * math.cos(math.radians(lat))), 6)
    shape = plan.region.shapes[int(plan.loc_area[site])]
    if shapely.contains_xy(shape, new_lon, new_lat):
        return new_lon, new_lat
    return lon, lat


def day(plan: Plan, offset: int) -> str:
    """The date ``offset`` days after today (negative: before), as YYYY-MM-DD."""
    return date.fromordinal(plan.today + offset).isoformat()


def verified(plan: Plan, rng: random.Random) -> str:
    """A last_verified date: mostly within the last 11 months, sometimes over a year old."""
    if rng.random() < SHARE["stale"]:
        return day(plan, -rng.randint(380, 1500))
    return day(plan, -rng.randint(0, 330))
