"""The sentences the analysis writes (reasons, report headings) in English, German and Dutch.

Each key maps to its English text, the message id in the one catalog
``socialmap/locale`` (see :mod:`socialmap.i18n`).  Placeholders use
``str.format``; :func:`say` falls back to English for a missing language.
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, gettext

__all__ = ["say", "TEXT"]

TEXT: dict[str, str] = {
    "same_category": N_("same category {category}"),
    "both_for": N_("both for {groups}"),
    "all_for": N_("all for {groups}"),
    "related_groups": N_("overlapping target groups ({groups})"),
    "open_to_all": N_("open to everyone"),
    "both_accept": N_("both accept rung {rungs}"),
    "all_accept": N_("all accept rung {rungs}"),
    "km_apart": N_("{km} km apart"),
    "same_place": N_("at the same place"),
    "both_online": N_("both online"),
    "similar_text": N_("descriptions {pct} similar"),
    "same_organisation": N_("run by the same organisation ({name})"),
    "organisations": N_("run by {n} organisations"),
    "offers_n": N_("{n} offer(s)"),
    "chain_line": N_("{group} in {place}: stops at rung {rung}"),
    "gap_line": N_("{group} in {place}: rung {rungs}"),
    "cliff_detour": N_("on the best path of {n} chain(s); without it a dearer path gets as high"),
    "cliff_line": N_("{name} until {date}"),
    "cliff_breaks": N_("breaks {n} chain(s)"),
    "what_is_missing": N_("What is missing"),
    "near_miss": N_("would close it if one rule changed: {name} ({why})"),
    "chain_missing": N_(
        "no offer open to {group} takes them from rung {rung} to {next} or higher; "
        "the offers that would are closed: {reasons}"
    ),
    "chain_referral": N_(
        "the offers that take {group} beyond rung {rung} need a referral that no earlier step gives"
    ),
    "chain_no_onward": N_("offers accept {group} on rung {rung}, but none of them leads higher"),
}


#: Headings and sentences of the report and the coach page.
TEXT.update(
    {
        "title": N_("Network analysis"),
        "as_of": N_("as of {date}"),
        "summary": N_("Summary"),
        "coverage": N_("Coverage: is there an offer for each group on each rung?"),
        "coverage_intro": N_(
            "Each cell counts the offers open to a typical client of the target group who "
            "lives in the neighbourhood and stands on rung 1–5 (within {km} km, or online). "
            "Red cells are gaps."
        ),
        "legend_gap": N_("no offer (gap)"),
        "legend_many": N_("10 or more"),
        "gaps": N_("Gaps"),
        "chains": N_("Broken chains"),
        "chains_intro": N_(
            "From rung 1 the routing engine takes a typical client of the group no higher "
            "than this rung: here the chain breaks."
        ),
        "duplicates": N_("Duplicated offers"),
        "duplicates_intro": N_(
            "Offers that do the same thing for the same people in the same area."
        ),
        "weak_links": N_("Weak links"),
        "isolated": N_("Isolated organisations (no referral link in or out)"),
        "brokers": N_("Brokers (without them the referral network falls apart)"),
        "spof": N_("Single points of failure (without them a chain gets shorter)"),
        "nobody": N_("Offers nobody refers to"),
        "stale": N_("Not verified for 12 months"),
        "cliffs": N_("Funding cliffs (funding ends within 6 months)"),
        "after_date": N_("After {date} ({n} offers end)"),
        "accessibility": N_("Accessibility per neighbourhood (E2SFCA)"),
        "accessibility_intro": N_(
            "Places per 1,000 residents within reach ({km} km, {decay} distance decay). "
            "Darker is more; white: nothing in reach; hatched: no population data."
        ),
        "no_local_offer": N_("Neighbourhoods without a location of any current offer"),
        "no_population": N_("Neighbourhoods without population data (not scored)"),
        "none": N_("None found."),
        "more": N_("… and {n} more"),
        "never": N_("never"),
        "rung_to": N_("rung {a} → {b}"),
        "max": N_("max. {value}"),
        "target_group": N_("Target group"),
        "neighbourhood": N_("Neighbourhood"),
        "highest_rung": N_("Highest rung"),
        "best_path": N_("Best path"),
        "organisation": N_("Organisation"),
        "offer": N_("Offer"),
        "offers": N_("Offers"),
        "score": N_("Score"),
        "reasons": N_("Why"),
        "valid_until": N_("Funded until"),
        "breaks": N_("Chains it breaks"),
        "last_verified": N_("Last verified"),
        "kind": N_("Kind"),
        "referral_link": N_("Referral link"),
        "cuts_off": N_("Cuts off"),
        "betweenness": N_("Betweenness"),
        "category": N_("Category"),
        "gaussian": N_("Gaussian"),
        "step": N_("stepped"),
        "typical_clients": N_(
            "Typical client: age 35 (young people 19, older jobseekers 58), women's groups "
            "and single parents female, migrants with a residence permit, others citizens, "
            "speaking the region's language."
        ),
    }
)


def say(key: str, lang: str = "en", **values: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``values`` filled in.

    >>> say("km_apart", "de", km=0.4)
    '0.4 km voneinander'
    >>> say("both_online", "fr")
    'both online'
    """
    return gettext(TEXT[key], lang).format(**values)
