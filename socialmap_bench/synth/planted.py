"""Planted duplicates: an offer re-entered by another organisation, with small edits.

This is how duplicates arise in a real network: a partner, a network office
or a second provider types in an offer that is already on the map.  The copy
keeps what the offer *is* (category, ladder, target groups, rules, funding)
and differs the way re-typed records differ: a typo or two, words in another
order, a sentence left out, the phone number in another format, the address
written differently and the point set a little apart
(:func:`socialmap_bench.synth.plan.make_plan` chooses the pairs and places
the copy's site).  The pairs are written beside the dataset as ground truth.
"""

from __future__ import annotations

import copy
import random
import re
from typing import Any

from socialmap_bench.synth.plan import OfferIndex, Plan, verified
from socialmap_bench.synth.words import CONTACTS

__all__ = ["re_entered", "edit_name", "edit_description", "reformat_phone", "edit_address"]

_WORD = re.compile(r"[^\W\d_]{5,}")
_ACCENTS = str.maketrans("éèëïöüäÉ", "eeeiouaE")


def re_entered(
    plan: Plan, rng: random.Random, index: OfferIndex, i: int, source: dict[str, Any]
) -> dict[str, Any]:
    """Offer number ``i``: organisation ``plan.offer_org[i]``'s re-entry of ``source``."""
    o = plan.offer_org[i]
    language = plan.region.language
    record = copy.deepcopy(source)
    record["id"] = f"s-off-{i + 1}"
    record["organisation"] = f"s-org-{o + 1}"
    site = plan.fixed_location[i]
    if site >= 0:
        record["locations"] = [f"s-loc-{site + 1}"]
    record["name"] = edit_name(rng, source["name"])
    record["description"] = edit_description(rng, source["description"])
    if rng.random() < 0.3:
        record.pop("purpose", None)
    record["contact"] = {
        "name": rng.choice(CONTACTS[language]),
        "email": f"s-org-{o + 1}@example.org",
        "phone": reformat_phone(rng, source["contact"]["phone"]),
    }
    record["capacity"] = max(5, min(40, source["capacity"] + rng.randint(-3, 3)))
    record["last_verified"] = verified(plan, rng)
    s = int(source["id"].removeprefix("s-off-")) - 1
    index.add(i, index.offer_area[s], source["ladder"]["accepts"], source["ladder"]["leads_to"])
    for jobcenter in source.get("eligibility", {}).get("requires_referral_by", []):
        index.required.append((int(jobcenter.removeprefix("s-org-")) - 1, i))
    return record


def _typo(rng: random.Random, text: str) -> str:
    """One typing error in a word of five letters or more: swapped, dropped or doubled."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    word = rng.choice(words)
    k = rng.randrange(word.start() + 1, word.end() - 2)
    how = rng.randrange(3)
    if how == 0:
        edited = text[:k] + text[k + 1] + text[k] + text[k + 2 :]
    elif how == 1:
        edited = text[:k] + text[k + 1 :]
    else:
        edited = text[:k] + text[k] + text[k:]
    return edited


def edit_name(rng: random.Random, name: str) -> str:
    """``name`` as someone else would type it: one or two of typo, reorder, case, accents.

    >>> [edit_name(random.Random(seed), "Deutschkurs B1 für Frauen") for seed in (0, 3, 4)]
    ['Deutschkurs B1 fur Frauen', 'Deutschkurs für B1 Frauen', 'deutschkurs b1 für frauen']
    """
    for _ in range(rng.choice((1, 1, 2))):
        how = rng.randrange(4)
        words = name.split()
        if how == 0 or len(words) < 2:
            name = _typo(rng, name)
        elif how == 1:
            k = rng.randrange(len(words) - 1)
            words[k], words[k + 1] = words[k + 1], words[k]
            name = " ".join(words)
        elif how == 2:
            name = name.lower() if rng.random() < 0.5 else name.upper()
        else:  # accents left out, or else a typo
            folded = name.translate(_ACCENTS)
            name = folded if folded != name else _typo(rng, name)
    return name


def edit_description(rng: random.Random, description: str) -> str:
    """A typo, and two sentences swapped or one left out; the last (the notice) stays."""
    *sentences, notice = re.split(r"(?<=[.!?])\s+", description)
    if len(sentences) > 2:
        if rng.random() < 0.5:
            del sentences[rng.randrange(1, len(sentences))]
        else:
            k = rng.randrange(len(sentences) - 1)
            sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
    k = rng.randrange(len(sentences))
    sentences[k] = _typo(rng, sentences[k])
    return " ".join([*sentences, notice])


def reformat_phone(rng: random.Random, phone: str) -> str:
    """``+49 221 5550123`` in a national or differently punctuated format.

    >>> reformat_phone(random.Random(0), "+49 221 5550123") in {
    ...     "0221 5550123", "(0221) 555 01 23", "+49-221-5550123", "0049 221 5550123"}
    True
    """
    country, area, number = phone.removeprefix("+").split(" ")
    grouped = " ".join([number[:3], *re.findall(r"..?", number[3:])])
    return rng.choice(
        (
            f"0{area} {number}",
            f"(0{area}) {grouped}",
            f"+{country}-{area}-{number}",
            f"00{country} {area} {number}",
        )
    )


def edit_address(rng: random.Random, address: str) -> str:
    """``Hauptstraße 12`` as ``Hauptstr. 12``, ``Hauptstraße 12a`` or ``Hauptstraße 14``.

    >>> edit_address(random.Random(1), "Hauptstraße 12") != "Hauptstraße 12"
    True
    """
    street, number = address.rsplit(" ", 1)
    short = re.sub(r"(stra(ß|ss)e|straat)$", "str.", street)
    choices = [f"{street} {number}a", f"{street} {int(number) + 2}"]
    if short != street:
        choices.append(f"{short} {number}")
    return rng.choice(choices)
