"""Generate the records of a synthetic ``socialmap-dataset/1`` network, lazily.

:func:`dataset_parts` yields the top-level keys of a dataset in order; the
large tables come as generators, so a writer can stream them to disk without
ever holding them.  Only compact arrays (see :mod:`socialmap_bench.synth.plan`) are
kept between tables.  Every random draw comes from one ``random.Random`` and
one numpy generator, both seeded with the seed, in a fixed order: the same
arguments give the same records.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

import numpy as np

from socialmap.vocab import STANDARD_TARGET_GROUPS
from socialmap_bench.synth.offers import offer
from socialmap_bench.synth.plan import OfferIndex, Plan, day, make_plan, verified
from socialmap_bench.synth.planted import edit_address, re_entered
from socialmap_bench.synth.regions import Region
from socialmap_bench.synth.tables import ORGANISATION_NAMES, SHARE
from socialmap_bench.synth.texts import address

__all__ = ["FORMAT", "Network", "dataset_parts"]

FORMAT = "socialmap-dataset/1"

#: Kinds of referral link by source, as (kinds, cumulative weights).
_LINK_KINDS = {
    "offer": (("agreement", "regular", "informal"), (15, 60, 100)),
    "organisation": (("agreement", "regular", "informal"), (30, 75, 100)),
}


class Network(NamedTuple):
    """A synthetic network to be generated: its dataset parts and its ground truth."""

    #: ``(key, value)`` per top-level key of the dataset (see :func:`dataset_parts`).
    parts: Iterator[tuple[str, Any]]
    #: Planted duplicates as ``(original offer id, re-entered offer id)``, by the copy's id.
    planted: list[tuple[str, str]]


def dataset_parts(offers: int, seed: int, region: Region, today: date) -> Network:
    """Plan the network; return its parts, to be generated lazily, and the planted pairs.

    Each part's value is a plain value, or a generator of records for
    ``organisations``, ``locations``, ``offers`` and ``referral_links``;
    consume each generator completely before taking the next part (offers
    name their organisations, links are drawn among the offers).
    """
    plan = make_plan(offers, region, np.random.default_rng(seed), today)
    planted = [(f"s-off-{s + 1}", f"s-off-{c + 1}") for c, s in sorted(plan.planted.items())]
    return Network(_parts(plan, random.Random(seed), offers), planted)


def _parts(plan: Plan, rng: random.Random, offers: int) -> Iterator[tuple[str, Any]]:
    region = plan.region
    index = OfferIndex(len(region.area_ids))
    yield "format", FORMAT
    yield "region", _region(region)
    yield "neighbourhoods", [_neighbourhood(region, a) for a in range(len(region.area_ids))]
    yield "target_groups", [_target_group(group) for group in STANDARD_TARGET_GROUPS]
    yield "organisations", (_organisation(plan, rng, o) for o in range(len(plan.org_kind)))
    yield "locations", _locations(plan, rng)
    yield "offers", _offers(plan, rng, index, offers)
    yield "referral_links", _links(plan, rng, index)


def _offers(
    plan: Plan, rng: random.Random, index: OfferIndex, offers: int
) -> Iterator[dict[str, Any]]:
    """The offers in order; a planted duplicate is a re-entry of its (earlier) original."""
    originals = set(plan.planted.values())
    kept: dict[int, dict[str, Any]] = {}
    for i in range(offers):
        source = plan.planted.get(i)
        record = (
            offer(plan, rng, index, i)
            if source is None
            else re_entered(plan, rng, index, i, kept.pop(source))
        )
        if i in originals:
            kept[i] = record
        yield record


def _region(region: Region) -> dict[str, Any]:
    return {
        "id": region.id,
        "name": region.name,
        "country": region.country,
        "languages": [region.language],
    }


def _neighbourhood(region: Region, area: int) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": region.area_ids[area],
        "name": region.area_names[area],
        "population": region.population[area],
        "geometry": region.geometries[area],
    }
    if region.synthetic_population:
        record["tags"] = ["synthetic-population"]
    return record


def _target_group(group: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in group.items() if value is not None}


def _organisation(plan: Plan, rng: random.Random, o: int) -> dict[str, Any]:
    kind = plan.org_kind[o]
    area_name = plan.region.area_names[plan.org_area[o]]
    prefix = rng.choice(ORGANISATION_NAMES[plan.region.language][kind])
    name = f"{prefix} {area_name}" if kind == "jobcenter" else f"{prefix} {area_name} {o + 1}"
    plan.org_names.append(name)
    return {
        "id": f"s-org-{o + 1}",
        "name": name,
        "kind": kind,
        "last_verified": verified(plan, rng),
    }


def _locations(plan: Plan, rng: random.Random) -> Iterator[dict[str, Any]]:
    """The organisations' sites, then those of planted duplicates (the address re-typed)."""
    cities = plan.region.cities
    language = plan.region.language
    copied = set(plan.moved_from.values())
    addresses: dict[int, str] = {}
    rows = zip(plan.loc_area.tolist(), plan.loc_lat.tolist(), plan.loc_lon.tolist(), strict=True)
    org_of = plan.loc_org.tolist()
    for loc, (area, lat, lon) in enumerate(rows):
        source = plan.moved_from.get(loc)
        street = address(rng, language) if source is None else edit_address(rng, addresses[source])
        if loc in copied:
            addresses[loc] = street
        yield {
            "id": f"s-loc-{loc + 1}",
            "organisation": f"s-org-{org_of[loc] + 1}",
            "address": street,
            "city": cities[area],
            "lat": lat,
            "lon": lon,
            "wheelchair": rng.random() < SHARE["wheelchair"],
        }


def _links(plan: Plan, rng: random.Random, index: OfferIndex) -> Iterator[dict[str, Any]]:
    """Referral links: jobcenter agreements, then chains between nearby offers.

    Every offer that requires a jobcenter's referral gets an agreement link
    from it.  Then links from offers, and from organisations (through one of
    their offers), to an offer in the same or a neighbouring area that accepts
    the rung the source leads to — the handovers a real chain is made of.
    """
    seen: set[tuple[int, int]] = set()
    for jobcenter, target in index.required:
        seen.add((-1 - jobcenter, target))
        yield _link(plan, rng, f"s-org-{jobcenter + 1}", target, "agreement")
    n = len(index.offer_area)
    for source, share in (
        ("offer", "links_offer_to_offer"),
        ("organisation", "links_organisation_to_offer"),
    ):
        wanted, made = round(SHARE[share] * n), 0
        for _ in range(8 * wanted):
            if made == wanted:
                break
            s = rng.randrange(n)
            t = _link_target(plan, rng, index, s)
            key = (s if source == "offer" else -1 - plan.offer_org[s], t)
            if t < 0 or plan.offer_org[t] == plan.offer_org[s] or key in seen:
                continue
            seen.add(key)
            made += 1
            kinds, cum = _LINK_KINDS[source]
            name = f"s-off-{s + 1}" if source == "offer" else f"s-org-{plan.offer_org[s] + 1}"
            yield _link(plan, rng, name, t, rng.choices(kinds, cum_weights=cum)[0])


def _link_target(plan: Plan, rng: random.Random, index: OfferIndex, s: int) -> int:
    """An offer near offer ``s`` that accepts the rung ``s`` leads to, or -1."""
    area, rung = index.offer_area[s], index.offer_leads[s]
    neighbours = plan.region.neighbours[area]
    if neighbours and rng.random() >= SHARE["link_same_area"]:
        area = rng.choice(neighbours)
    candidates = index.accepting(area, rung) or index.accepting(index.offer_area[s], rung)
    return candidates[rng.randrange(len(candidates))] if candidates else -1


def _link(plan: Plan, rng: random.Random, source: str, target: int, kind: str) -> dict[str, Any]:
    """One referral link with its dates: ``since`` ≤ ``last_confirmed`` ≤ today."""
    if rng.random() < SHARE["link_stale"]:
        confirmed = -rng.randint(380, 1500)
    else:
        confirmed = -rng.randint(0, 330)
    return {
        "from": source,
        "to": f"s-off-{target + 1}",
        "kind": kind,
        "since": day(plan, confirmed - rng.randint(0, 2500)),
        "last_confirmed": day(plan, confirmed),
    }
