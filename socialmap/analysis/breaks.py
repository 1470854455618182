"""Broken chains that are not gaps: what is missing, and which offers nearly close them.

The two findings are defined so that nothing is counted twice:

* a **gap** (:mod:`.coverage`) is a target group × neighbourhood × rung where no
  offer open to the group's typical client accepts that rung at all;
* a **broken chain** is a target group × neighbourhood whose best path stops at
  rung *h* below 6 *although* offers open to the client accept rung *h* — so
  nothing is missing on the map, but no eligible path leads on: the offers that
  would take the client from *h* higher are closed to them (language, distance,
  residence status, …) or need a referral no earlier step gives.

A chain that stops at a gap is listed under ``gaps`` only.  For each broken
chain the analysis says what is missing (``missing``: one sentence in the
report's language, and ``blocked_by``: the rules that close the offers that
would lead on, with how many offers each closes) and lists the **near misses**:
offers that would lead on if one rule changed (they fail exactly one rule), each
with that rule and its reason.  Offers meant for someone else (another target
group, gender or age; starting a business, which nobody asked for) are not
counted as closed doors: what closes a door is access — language, distance,
residence status, work ban, cost, funding, wheelchair, neighbourhood.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

import numpy as np

from ..routing import messages
from .chains import TOP_RUNG, Chain
from .clients import Setting
from .common import group_label
from .engine import index_of, route
from .text import say

__all__ = ["explain_broken_chains", "NEAR_MISSES_SHOWN"]

#: Near-miss offers listed per broken chain.
NEAR_MISSES_SHOWN = 5

#: Rules that say whom an offer is for, not what keeps a client out of it.
PURPOSE = frozenset({"target-group", "gender", "age", "not-asked"})


def explain_broken_chains(
    G: Any,
    found: list[Chain],
    gap_cells: Collection[tuple[str, str, int]] | None,
    *,
    setting: Setting,
    lang: str = "en",
) -> list[dict[str, Any]]:
    """The broken chains that are not gaps, lowest first, each with what is missing.

    ``gap_cells`` are the (target_group, neighbourhood, rung) of the gaps; None when
    the coverage was not computed (then every chain below rung 6 is listed).

    Returns
    -------
    list of dict
        ``{target_group, neighbourhood, highest_rung, path, missing, blocked_by:
        [{rule, offers, example}], near_misses: [{offer, name, rule, why}]}``.
    """
    gaps = set(gap_cells or ())
    result = []
    for chain in found:
        h = chain.highest_rung
        if h >= TOP_RUNG or (chain.target_group, chain.neighbourhood, h) in gaps:
            continue
        result.append({**chain.to_json(), **_why_stuck(G, chain, setting, lang)})
    result.sort(key=lambda c: (c["highest_rung"], c["target_group"], c["neighbourhood"]))
    return result


def _why_stuck(G: Any, chain: Chain, setting: Setting, lang: str) -> dict[str, Any]:
    ix = index_of(G)
    h = chain.highest_rung
    profile = setting.profile(chain.target_group, chain.neighbourhood, chain.region)
    result = route(G, profile, k=1, lang=lang)
    # the offers that would take a client on rung h higher
    onward = {
        ix.offer_ids[o]
        for o in np.flatnonzero(
            ((ix.accepts >> np.uint8(h)) & np.uint8(1)).astype(bool) & (ix.leads_to > h)
        ).tolist()
    }
    # an offer meant for someone else (another group, gender or age, or only for clients
    # who ask for it) is no closed door: what closes a door is access — language,
    # distance, status, cost, funding, a wheelchair
    closed = [e for e in result.excluded if e.offer in onward and PURPOSE.isdisjoint(e.rules)]
    counts = Counter(rule for e in closed for rule in e.rules)
    example: dict[str, str] = {}
    for e in closed:
        for reason in e.why:
            example.setdefault(reason.code, reason.text)
    blocked = [
        {"rule": rule, "offers": n, "example": example.get(rule, "")}
        for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    near = sorted(
        (e for e in closed if len(e.rules) == 1), key=lambda e: (e.rules[0], e.name, e.offer)
    )
    group = group_label(G, chain.target_group, lang)
    if blocked:
        reasons = messages.listing(
            f"{b['example']} ({say('offers_n', lang, n=b['offers'])})" for b in blocked[:3]
        )
        missing = say("chain_missing", lang, group=group, rung=h, next=h + 1, reasons=reasons)
    elif any(ix.gated[ix.position[o]] for o in onward if o in _region_offers(ix, chain.region)):
        missing = say("chain_referral", lang, group=group, rung=h)
    else:
        missing = say("chain_no_onward", lang, group=group, rung=h)
    return {
        "missing": missing,
        "blocked_by": blocked,
        "near_misses": [
            {"offer": e.offer, "name": e.name, "rule": e.rules[0], "why": e.why[0].text}
            for e in near[:NEAR_MISSES_SHOWN]
        ],
    }


def _region_offers(ix: Any, region: str) -> set[str]:
    return {ix.offer_ids[o] for o in ix.region_offers.get(region, np.array([])).tolist()}
