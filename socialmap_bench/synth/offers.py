"""One synthetic offer record: ladder, target groups, rules, languages, funding.

Called once per offer, in order, with the shared ``random.Random``; it records
each offer in the :class:`~socialmap_bench.synth.plan.OfferIndex` so that referral
links can be drawn afterwards.  Empty optional fields are left out.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from socialmap.vocab import STANDARD_TARGET_GROUPS
from socialmap_bench.synth.plan import OfferIndex, Plan, day, verified
from socialmap_bench.synth.tables import (
    CATEGORY_START_RUNGS,
    EXTRA_LANGUAGES,
    FUNDING,
    KIND_CATEGORIES,
    KIND_TARGET_GROUPS,
    RESIDENCE_RULES,
    SHARE,
)
from socialmap_bench.synth.texts import contact, offer_name, offer_texts

__all__ = ["offer"]

_GROUP_IDS = tuple(str(group["id"]) for group in STANDARD_TARGET_GROUPS)
_WOMEN_GROUPS = ("women", "women-returners", "single-parents")
_YOUTH_GROUPS = frozenset({"young-people", "early-school-leavers"})
_WORK_RUNG = 4  # offers leading here or higher are about work: work-ban rules apply
_COSTS = (5, 10, 15, 25, 40, 60, 90, 150, 250)
_WIDTH_CUM = (45, 80, 100)  # an offer accepts 1, 2 or 3 rungs
_LANGUAGE_COUNT_CUM = (45, 75, 90, 100)  # 0, 1, 2 or 3 extra languages


def _cumulative(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    return list(weights), np.cumsum(list(weights.values())).tolist()


_KIND_CATEGORIES = {kind: _cumulative(weights) for kind, weights in KIND_CATEGORIES.items()}


def offer(plan: Plan, rng: random.Random, index: OfferIndex, i: int) -> dict[str, Any]:
    """Build offer number ``i`` (0-based) and add it to ``index``.

    An offer a planted duplicate re-enters gets its site from the plan and a
    funding period that has not ended (the detector leaves ended ones out).
    """
    o = plan.offer_org[i]
    kind = plan.org_kind[o]
    region = plan.region
    categories, cum = _KIND_CATEGORIES[kind]
    category = rng.choices(categories, cum_weights=cum)[0]
    accepts, leads_to = _ladder(rng, category)
    fixed = plan.fixed_location.get(i)
    if fixed is None:
        locations = [] if rng.random() < SHARE["online"] else _locations(plan, rng, o)
    else:
        locations = [] if fixed < 0 else [fixed]
    area = int(plan.loc_area[locations[0]]) if locations else plan.org_area[o]
    women_only = (
        rng.random()
        < SHARE["women_only_women_centre" if kind == "women-centre" else "women_only_other"]
    )
    groups = _target_groups(rng, kind, women_only)
    index.add(i, area, accepts, leads_to)
    record: dict[str, Any] = {"id": f"s-off-{i + 1}", "organisation": f"s-org-{o + 1}"}
    if locations:
        record["locations"] = [f"s-loc-{loc + 1}" for loc in locations]
    record["online"] = not locations
    taken = plan.names_taken.setdefault((o, category), set())
    record["name"] = offer_name(
        rng, region.language, category, groups, region.area_names[area], taken
    )
    delivery = _delivery(rng, region.language, category)
    record["purpose"], record["description"] = offer_texts(
        rng,
        region.language,
        category,
        organisation=plan.org_names[o],
        cost_eur=delivery.get("cost_eur"),
        capacity=delivery["capacity"],
        notice=region.description,
    )
    record["category"] = category
    record["ladder"] = {"accepts": accepts, "leads_to": leads_to}
    if groups:
        record["target_groups"] = groups
    rules = _client_rules(rng, groups, women_only, leads_to)
    jobcenter = _access_rules(plan, rng, kind, area, rules)
    if jobcenter is not None:
        index.required.append((jobcenter, i))
    if rules:
        record["eligibility"] = rules
    record.update(delivery)
    record.update(_funding(plan, rng, running=fixed is not None))
    record["contact"] = contact(rng, region.language, o, plan.org_area[o])
    record["last_verified"] = verified(plan, rng)
    return record


def _ladder(rng: random.Random, category: str) -> tuple[list[int], int]:
    """A contiguous range of 1–3 accepted rungs and the rung the offer leads to.

    Usually one rung above the highest accepted; sometimes lateral (the same).
    """
    low, high = CATEGORY_START_RUNGS[category]
    start = rng.randint(low, high)
    width = 1 + rng.choices((0, 1, 2), cum_weights=_WIDTH_CUM)[0]
    top = min(6, start + width - 1)
    lateral = rng.random() < SHARE["lateral"]
    return list(range(start, top + 1)), top if lateral else min(6, top + 1)


def _locations(plan: Plan, rng: random.Random, o: int) -> list[int]:
    """Location indices of a face-to-face offer: one site of its organisation, or all."""
    start, count = plan.loc_start[o], plan.loc_count[o]
    if count > 1 and rng.random() < SHARE["all_locations"]:
        return list(range(start, start + count))
    return [start + rng.randrange(count)]


def _target_groups(rng: random.Random, kind: str, women_only: bool) -> list[str]:
    """None (open to all), or one or two groups fitting the organisation."""
    if rng.random() >= SHARE["target_groups"]:
        return []
    if women_only:
        pool: tuple[str, ...] = _WOMEN_GROUPS
    elif kind in KIND_TARGET_GROUPS and rng.random() < 0.6:
        pool = KIND_TARGET_GROUPS[kind]
    else:
        pool = _GROUP_IDS
    count = 2 if rng.random() < SHARE["two_target_groups"] else 1
    return rng.sample(pool, min(count, len(pool)))


def _client_rules(
    rng: random.Random, groups: list[str], women_only: bool, leads_to: int
) -> dict[str, Any]:
    """Rules on who the client is: age, gender, residence status, work ban."""
    rules: dict[str, Any] = _age_limits(rng, groups)
    if women_only:
        rules["genders"] = ["female"]
    if rng.random() < SHARE["residence_rule"]:
        # the first two rules are those of refugee programmes
        choices = 2 if "refugees" in groups else len(RESIDENCE_RULES)
        rules["residence_statuses"] = list(RESIDENCE_RULES[rng.randrange(choices)])
    share = "work_ban_rule_work" if leads_to >= _WORK_RUNG else "work_ban_rule_other"
    if rng.random() < SHARE[share]:
        rules["excludes_work_ban"] = ["absolute"]
    return rules


def _access_rules(
    plan: Plan, rng: random.Random, kind: str, area: int, rules: dict[str, Any]
) -> int | None:
    """Add residents-only and referral rules to ``rules``; return the referring jobcenter."""
    if rng.random() < SHARE["neighbourhood_rule"]:
        rules["neighbourhoods"] = _neighbourhoods(plan, rng, area)
    if kind == "jobcenter" or rng.random() >= SHARE["referral_rule"]:
        return None
    jobcenter = plan.area_jobcenter[area]
    rules["requires_referral_by"] = [f"s-org-{jobcenter + 1}"]
    return jobcenter


def _age_limits(rng: random.Random, groups: list[str]) -> dict[str, int]:
    """Age limits for youth and older-jobseeker offers; adults-only now and then."""
    if _YOUTH_GROUPS.intersection(groups):
        return {"age_min": rng.choice((15, 16, 18)), "age_max": rng.choice((21, 25, 27))}
    if "older-jobseekers" in groups:
        return {"age_min": rng.choice((45, 50, 55)), "age_max": 67}
    return {"age_min": 18} if rng.random() < 0.1 else {}


def _neighbourhoods(plan: Plan, rng: random.Random, area: int) -> list[str]:
    """Residents-only rule: the offer's own area and up to two neighbours."""
    neighbours = plan.region.neighbours[area]
    extra = rng.sample(neighbours, min(rng.randint(0, 2), len(neighbours)))
    return [plan.region.area_ids[a] for a in [area, *extra]]


def _delivery(rng: random.Random, language: str, category: str) -> dict[str, Any]:
    """Languages, interpreter, cost, childcare, capacity and waiting time."""
    count = rng.choices((0, 1, 2, 3), cum_weights=_LANGUAGE_COUNT_CUM)[0]
    fields: dict[str, Any] = {"languages": [language, *rng.sample(EXTRA_LANGUAGES, count)]}
    if rng.random() < SHARE["interpreter"]:
        fields["interpreter"] = True
    if rng.random() < SHARE["cost"]:
        fields["cost_eur"] = rng.choice(_COSTS)
    if category == "childcare" or rng.random() < SHARE["childcare"]:
        fields["childcare"] = True
    fields["capacity"] = rng.randint(5, 40)
    fields["wait_weeks"] = min(rng.randint(0, 12), rng.randint(0, 12))
    return fields


def _funding(plan: Plan, rng: random.Random, *, running: bool = False) -> dict[str, Any]:
    """Funding period: ended (unless ``running``), ending within six months, running, or open."""
    ended, soon, later = (
        SHARE[k] for k in ("funding_ended", "funding_ends_soon", "funding_ends_later")
    )
    u = rng.random()
    if running:
        u = ended + u * (1 - ended)
    until: int | None
    if u < ended:
        until = -rng.randint(1, 900)
        start = until - rng.randint(180, 1500)
    elif u < ended + soon:
        until = rng.randint(1, 175)
        start = until - rng.randint(365, 1500)
    elif u < ended + soon + later:
        until = rng.randint(200, 1500)
        start = -rng.randint(30, 1500)
    else:
        until, start = None, -rng.randint(30, 3000)
    fields = {"valid_from": day(plan, start)}
    if until is not None:
        fields["valid_until"] = day(plan, until)
    if until is not None or rng.random() < SHARE["funding_named"]:
        fields["funding"] = rng.choice(FUNDING[plan.region.language])
    return fields
