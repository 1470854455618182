"""A readable plain-text summary of an analysis, for ``socialmap gaps`` without ``--json``.

Counts first, then the first few findings of each kind with names, so a
coach sees at a glance where to look; ``--json`` and the HTML report have
everything.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from ..i18n import day
from .common import group_label, name_of
from .text import say

__all__ = ["format_summary", "SHOWN"]

#: Findings listed per kind.
SHOWN = 5


def _names(G: nx.MultiDiGraph, kind: str, ids: list[str]) -> str:
    return ", ".join(name_of(G, f"{kind}:{i}") for i in ids)


def _lines(title: str, items: list[str], total: int) -> list[str]:
    lines = [f"{title}: {total}"]
    lines += [f"  - {item}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        lines.append(f"  … {len(items) - SHOWN} more")
    return lines


def format_summary(G: nx.MultiDiGraph, result: dict[str, Any], *, lang: str = "en") -> str:
    """The analysis in a few dozen lines of text.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("organisation:a", kind="organisation", name="Alpha")
    >>> print(format_summary(G, {"today": "2026-11-21", "isolated_organisations": ["a"]}))
    Network analysis — as of 2026-11-21
    Gaps: 0
    Broken chains: 0
    Duplicated offers: 0
    Isolated organisations (no referral link in or out): 1
      - Alpha
    Brokers (without them the referral network falls apart): 0
    Single points of failure (without them a chain gets shorter): 0
    Offers nobody refers to: 0
    Not verified for 12 months: 0
    Funding cliffs (funding ends within 6 months): 0
    Neighbourhoods without population data (not scored): 0
    """
    get = result.get
    gap_cells = Counter((g["target_group"], g["neighbourhood"]) for g in get("gaps") or [])
    gaps = [
        say(
            "gap_line",
            lang,
            group=group_label(G, grp, lang),
            place=name_of(G, f"neighbourhood:{n}"),
            rungs=", ".join(
                str(g["rung"])
                for g in get("gaps") or []
                if (g["target_group"], g["neighbourhood"]) == (grp, n)
            ),
        )
        for grp, n in sorted(gap_cells)
    ]
    chains = [
        say(
            "chain_line",
            lang,
            group=group_label(G, c["target_group"], lang),
            place=name_of(G, "neighbourhood:" + c["neighbourhood"]),
            rung=c["highest_rung"],
        )
        + (f" — {c['missing']}" if c.get("missing") else "")
        + "".join(
            "\n      " + say("near_miss", lang, name=n["name"], why=n["why"])
            for n in c.get("near_misses") or []
        )
        for c in get("broken_chains") or []
    ]
    dups = [
        f"{d['score']:.2f} {_names(G, 'offer', d['offers'])} ({'; '.join(d['reasons'])})"
        for d in get("duplicates") or []
    ]
    isolated = [name_of(G, f"organisation:{o}") for o in get("isolated_organisations") or []]
    brokers = [
        f"{name_of(G, 'organisation:' + b['organisation'])} (cuts off {b['cuts_off']})"
        for b in get("brokers") or []
    ]
    spof = [
        f"{name_of(G, 'organisation:' + s['organisation'])}: {len(s['breaks'])} chain(s)"
        for s in get("single_points_of_failure") or []
    ]
    nobody = [name_of(G, f"offer:{o}") for o in get("offers_nobody_refers_to") or []]
    stale = [
        f"{s['kind']} {s['id']} (last verified {s.get('last_verified') or 'never'})"
        for s in get("stale") or []
    ]
    cliffs = [
        say(
            "cliff_line",
            lang,
            name=name_of(G, "offer:" + c["offer"]),
            date=day(c["valid_until"], lang),
        )
        + (
            ", " + say("cliff_breaks", lang, n=len(c["breaks"]))
            if c.get("breaks")
            else ", " + say("cliff_detour", lang, n=len(c["on_best_paths"]))
            if c.get("on_best_paths")
            else ""
        )
        for c in get("funding_cliffs") or []
    ]
    missing = [
        name_of(G, f"neighbourhood:{n}") for n in get("neighbourhoods_without_population") or []
    ]
    lines = [f"{say('title', lang)} — {say('as_of', lang, date=day(get('today', ''), lang))}"]
    for key, items in [
        ("gaps", gaps),
        ("chains", chains),
        ("duplicates", dups),
        ("isolated", isolated),
        ("brokers", brokers),
        ("spof", spof),
        ("nobody", nobody),
        ("stale", stale),
        ("cliffs", cliffs),
        ("no_population", missing),
    ]:
        total = len(get("gaps") or []) if key == "gaps" else len(items)
        lines += _lines(say(key, lang), items, total)
    return "\n".join(lines)
