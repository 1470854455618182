"""Names, descriptions, contacts and addresses of synthetic records, from :mod:`.words`.

Each offer's name is what a provider would call it (a category's usual name,
sometimes with a level, an audience, a qualifier, a setting or the area);
its description is a few sentences on what happens, when, how, at what cost
and by whom, ending with the region's test-data notice.  Two offers of the
same category nearby therefore rarely read alike — as in real networks —
unless one is a re-entry of the other (:mod:`socialmap_bench.synth.planted`).
"""

from __future__ import annotations

import random

from socialmap_bench.synth.words import (
    AUDIENCES,
    BRANDS,
    BRING,
    CONTACTS,
    COSTS,
    DAYPARTS,
    DETAILS,
    FIRST_NAMES,
    FORMATS,
    LAST_NAMES,
    LEVELS,
    OFFER_NAMES,
    PHONE_PREFIX,
    PROVIDER,
    PURPOSES,
    QUALIFIERS,
    ROLES,
    ROOMS,
    SCHEDULES,
    SETTINGS,
    STREETS,
    WEEKDAYS,
    WHAT,
)

__all__ = ["offer_name", "offer_texts", "contact", "address", "phone"]

#: Share of names with each optional part.
_NAME_PARTS = {
    "brand": 0.4,
    "level": 0.6,
    "audience": 0.5,
    "qualifier": 0.3,
    "setting": 0.2,
    "area": 0.35,
}
_HOURS = (8, 9, 10, 13, 14, 15, 17, 18)


def offer_name(
    rng: random.Random,
    language: str,
    category: str,
    groups: list[str],
    area: str,
    taken: set[str],
) -> str:
    """A name such as ``Kompass – Deutschkurs B1 für Frauen im Stadtteilzentrum``.

    Its first part, the category's usual name, is not one of ``taken`` (the
    organisation's names for its other offers of the category) while the
    category has others; it is added to ``taken``.
    """
    usual = OFFER_NAMES[language][category]
    free = [name for name in usual if name not in taken] or list(usual)
    parts = [rng.choice(free)]
    taken.add(parts[0])
    if category == "language-course" and rng.random() < _NAME_PARTS["level"]:
        parts.append(rng.choice(LEVELS))
    if groups and rng.random() < _NAME_PARTS["audience"]:
        parts.append(AUDIENCES[language][rng.choice(groups)])
    if rng.random() < _NAME_PARTS["qualifier"]:
        parts.append(rng.choice(QUALIFIERS[language]))
    if rng.random() < _NAME_PARTS["setting"]:
        parts.append(rng.choice(SETTINGS[language]))
    elif rng.random() < _NAME_PARTS["area"]:
        parts.append(area)
    if rng.random() < _NAME_PARTS["brand"]:
        parts.insert(0, f"{rng.choice(BRANDS[language])} –")
    return " ".join(parts)


def offer_texts(
    rng: random.Random,
    language: str,
    category: str,
    *,
    organisation: str,
    cost_eur: int | None,
    capacity: int,
    notice: str,
) -> tuple[str, str]:
    """``(purpose, description)`` of an offer; the description ends with ``notice``."""
    start = rng.choice(_HOURS)
    schedule = rng.choice(SCHEDULES[language]).format(
        day=rng.choice(WEEKDAYS[language]),
        part=rng.choice(DAYPARTS[language]),
        start=start,
        end=start + rng.choice((1, 2, 3, 4)),
    )
    sentences = [
        rng.choice(WHAT[language][category]),
        schedule[0].upper() + schedule[1:],
        rng.choice(FORMATS[language]).format(n=capacity),
    ]
    free, paid = COSTS[language]
    sentences.append(paid.format(eur=cost_eur) if cost_eur else free)
    for detail in rng.sample(DETAILS[language], rng.randint(1, 3)):
        sentences.insert(rng.randint(1, len(sentences)), _detail(rng, language, detail))
    sentences.append(rng.choice(PROVIDER[language]).format(organisation=organisation))
    sentences.append(notice)
    return rng.choice(PURPOSES[language]), " ".join(sentences)


def _detail(rng: random.Random, language: str, template: str) -> str:
    """One detail sentence with its blanks filled."""
    return template.format(
        role=rng.choice(ROLES[language]),
        person=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        room=rng.choice(ROOMS[language]),
        floor=rng.randint(1, 4),
        item=rng.choice(BRING[language]),
        weeks=rng.choice((4, 6, 8, 10, 12, 16)),
        street=rng.choice(STREETS[language]),
    )


def phone(language: str, organisation: int, area: int) -> str:
    """The phone number of an organisation, in international format.

    >>> phone("de", 41, 3)
    '+49 311 5550290'
    """
    area_code = 200 + (area * 37) % 800
    return f"+{PHONE_PREFIX[language]} {area_code} {5_550_000 + organisation * 7 + area}"


def contact(rng: random.Random, language: str, organisation: int, area: int) -> dict[str, str]:
    """An offer's contact: a team, the organisation's ``example.org`` address and phone."""
    return {
        "name": rng.choice(CONTACTS[language]),
        "email": f"s-org-{organisation + 1}@example.org",
        "phone": phone(language, organisation, area),
    }


def address(rng: random.Random, language: str) -> str:
    """A street address such as ``Lindenallee 12``."""
    return f"{rng.choice(STREETS[language])} {rng.randint(1, 180)}"
