"""Controlled vocabularies of DESIGN.md and their labels in de, nl and en.

Extend these lists, never rename an id: ids are stored in databases and
datasets.  Labels are what a person reads: each id maps to its English label,
the message id in the one catalog ``socialmap/locale`` (see :mod:`socialmap.i18n`),
where every label has its German and Dutch translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from .i18n import N_, gettext

__all__ = [
    "LANGUAGES",
    "RESIDENT_LANGUAGES",
    "RUNGS",
    "PAID_WORK_RUNG",
    "RUNG_LABELS",
    "CATEGORIES",
    "ORGANISATION_KINDS",
    "RESIDENCE_STATUSES",
    "WORK_BANS",
    "GENDERS",
    "GENDER_PLURALS",
    "REFERRAL_KINDS",
    "STANDARD_TARGET_GROUPS",
    "label",
    "labels",
    "group_lineage",
]

#: Interface languages of every page, in the order they are offered.
LANGUAGES = ("de", "nl", "en")

#: Interface languages of the residents' pages: those of every page, Turkish, Arabic,
#: Ukrainian, Farsi, and easy German and Dutch (gettext locale names with the modifier
#: ``@easy``; see ``socialmap/locale/README.md``).
RESIDENT_LANGUAGES = ("de", "nl", "en", "tr", "ar", "uk", "fa", "de@easy", "nl@easy")

RUNGS = (1, 2, 3, 4, 5, 6)

#: The rungs of paid work (with support, and without): a work ban closes or conditions them.
PAID_WORK_RUNG = 5

RUNG_LABELS: dict[int, str] = {
    1: N_("Isolated"),
    2: N_("Social contacts outside the home"),
    3: N_("Taking part in organised activities"),
    4: N_("Unpaid work (volunteering, internship)"),
    5: N_("Paid work with support"),
    6: N_("Paid work"),
}

CATEGORIES: dict[str, str] = {
    "information": N_("Information"),
    "counselling": N_("Counselling"),
    "language-course": N_("Language course"),
    "digital-skills": N_("Digital skills"),
    "childcare": N_("Childcare"),
    "parenting-support": N_("Parenting support"),
    "school-education": N_("School education"),
    "qualification": N_("Vocational qualification"),
    "job-coaching": N_("Job coaching"),
    "work-experience": N_("Work experience"),
    "volunteering": N_("Volunteering"),
    "study-fund": N_("Study funding"),
    "entrepreneurship": N_("Starting a business"),
    "employment": N_("Employment"),
    "health-support": N_("Health support"),
}

ORGANISATION_KINDS: dict[str, str] = {
    "jobcenter": N_("Job centre"),
    "employment-agency": N_("Employment agency"),
    "municipality": N_("Municipality"),
    "welfare": N_("Welfare organisation"),
    "education-provider": N_("Education provider"),
    "migrant-organisation": N_("Migrant organisation"),
    "women-centre": N_("Women's centre"),
    "family-centre": N_("Family centre"),
    "employer": N_("Employer"),
    "chamber": N_("Chamber"),
    "network": N_("Network"),
    "other": N_("Other"),
}

RESIDENCE_STATUSES: dict[str, str] = {
    "citizen": N_("Citizen"),
    "eu-citizen": N_("EU citizen"),
    "residence-permit": N_("Residence permit"),
    "asylum-seeker": N_("Asylum seeker"),
    "tolerated": N_("Tolerated (Duldung)"),
    "undocumented": N_("Undocumented"),
}

WORK_BANS: dict[str, str] = {
    "none": N_("no work ban"),
    "temporary": N_("temporary work ban"),
    "absolute": N_("work ban"),
}

GENDERS: dict[str, str] = {
    "female": N_("female"),
    "male": N_("male"),
    "diverse": N_("diverse"),
}

#: Who a gender rule is for, as a plural noun ("only for women").
GENDER_PLURALS: dict[str, str] = {
    "female": N_("women"),
    "male": N_("men"),
    "diverse": N_("diverse people"),
}

REFERRAL_KINDS: dict[str, str] = {
    "agreement": N_("Cooperation agreement"),
    "regular": N_("regular"),
    "informal": N_("informal"),
}


K = TypeVar("K")


def label(vocabulary: Mapping[K, str | Mapping[str, str]], key: K, lang: str = "en") -> str:
    """Return the label of ``key`` in ``lang``, falling back to English, then the id.

    Two kinds of table work: the vocabularies here (``{id: English label}``,
    translated through the catalog) and labels that come with the data, such as
    a dataset's target groups (``{id: {lang: label}}``).

    >>> label(CATEGORIES, "language-course", "de")
    'Sprachkurs'
    >>> label(CATEGORIES, "unknown-thing", "nl")
    'unknown-thing'
    >>> label(RUNG_LABELS, 6, "nl"), label(RUNG_LABELS, 9, "nl")
    ('Betaald werk', '9')
    >>> label({"tenants": {"de": "Mieter", "en": "Tenants"}}, "tenants", "nl")
    'Tenants'
    >>> label({"women": {"de": "Frauen", "en": "Women"}}, "women", "de@easy")
    'Frauen'
    """
    labels = vocabulary.get(key)
    if not labels:
        return str(key)
    if isinstance(labels, str):
        return gettext(labels, lang)
    plain = lang.partition("@")[0]
    if labels.get(lang) or labels.get(plain):
        return labels.get(lang) or labels[plain]
    # A language the data has no label in: the English label through the catalog.
    english = labels.get("en")
    return gettext(english, lang) if english else str(key)


def labels(vocabulary: Mapping[K, str], key: K) -> dict[str, str]:
    """The label of ``key`` in every interface language, ``{lang: label}``.

    >>> labels(GENDERS, "female")
    {'de': 'weiblich', 'nl': 'vrouw', 'en': 'female'}
    """
    return {lang: label(vocabulary, key, lang) for lang in LANGUAGES}


def group_lineage(group: str, parents: Mapping[str, str | None]) -> list[str]:
    """``group`` and every target group above it, nearest first (``parents``: id → parent).

    An offer for a group serves its sub-groups; a cycle in bad data ends the walk.

    >>> group_lineage("refugees", {"refugees": "migrants", "migrants": None})
    ['refugees', 'migrants']
    """
    lineage: list[str] = []
    current: str | None = group
    while current and current not in lineage:
        lineage.append(current)
        current = parents.get(current)
    return lineage


#: The target groups every shipped dataset uses (demo and synthetic), as
#: ``socialmap-dataset/1`` records: ``id``, ``parent`` (``None`` at the top of
#: the hierarchy) and ``labels`` in de, nl and en.  A group serves its sub-groups.
STANDARD_TARGET_GROUPS: tuple[dict, ...] = (
    {"id": "women", "parent": None, "labels": {"de": "Frauen", "nl": "Vrouwen", "en": N_("Women")}},
    {
        "id": "women-returners",
        "parent": "women",
        "labels": {
            "de": "Berufsrückkehrerinnen",
            "nl": "Herintredende vrouwen",
            "en": N_("Women returning to work"),
        },
    },
    {
        "id": "parents",
        "parent": None,
        "labels": {"de": "Eltern", "nl": "Ouders", "en": N_("Parents")},
    },
    {
        "id": "single-parents",
        "parent": "parents",
        "labels": {
            "de": "Alleinerziehende",
            "nl": "Alleenstaande ouders",
            "en": N_("Single parents"),
        },
    },
    {
        "id": "migrants",
        "parent": None,
        "labels": {"de": "Zugewanderte", "nl": "Migranten", "en": N_("Migrants")},
    },
    {
        "id": "refugees",
        "parent": "migrants",
        "labels": {"de": "Geflüchtete", "nl": "Vluchtelingen", "en": N_("Refugees")},
    },
    {
        "id": "highly-qualified-migrants",
        "parent": "migrants",
        "labels": {
            "de": "Hochqualifizierte Zugewanderte",
            "nl": "Hoogopgeleide migranten",
            "en": N_("Highly qualified migrants"),
        },
    },
    {
        "id": "young-people",
        "parent": None,
        "labels": {"de": "Junge Menschen", "nl": "Jongeren", "en": N_("Young people")},
    },
    {
        "id": "early-school-leavers",
        "parent": "young-people",
        "labels": {
            "de": "Jugendliche ohne Schulabschluss",
            "nl": "Voortijdig schoolverlaters",
            "en": N_("Early school leavers"),
        },
    },
    {
        "id": "long-term-unemployed",
        "parent": None,
        "labels": {
            "de": "Langzeitarbeitslose",
            "nl": "Langdurig werklozen",
            "en": N_("Long-term unemployed"),
        },
    },
    {
        "id": "older-jobseekers",
        "parent": "long-term-unemployed",
        "labels": {
            "de": "Ältere Arbeitsuchende",
            "nl": "Oudere werkzoekenden",
            "en": N_("Older jobseekers"),
        },
    },
    {
        "id": "people-with-disabilities",
        "parent": None,
        "labels": {
            "de": "Menschen mit Behinderung",
            "nl": "Mensen met een beperking",
            "en": N_("People with disabilities"),
        },
    },
    {
        "id": "low-literacy",
        "parent": None,
        "labels": {
            "de": "Gering literalisierte Erwachsene",
            "nl": "Laaggeletterden",
            "en": N_("People with low literacy"),
        },
    },
)
