"""Controlled vocabularies of DESIGN.md and their labels in de, nl and en.

Extend these lists, never rename an id: ids are stored in databases and
datasets.  Labels are what a person reads; every id has all three languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

__all__ = [
    "LANGUAGES",
    "RUNGS",
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
    "group_lineage",
]

#: Interface languages, in the order they are offered.
LANGUAGES = ("de", "nl", "en")

RUNGS = (1, 2, 3, 4, 5, 6)

RUNG_LABELS: dict[int, dict[str, str]] = {
    1: {"nl": "Geïsoleerd", "de": "Isoliert", "en": "Isolated"},
    2: {
        "nl": "Sociale contacten buitenshuis",
        "de": "Soziale Kontakte außer Haus",
        "en": "Social contacts outside the home",
    },
    3: {
        "nl": "Deelname georganiseerde activiteiten",
        "de": "Teilnahme an organisierten Aktivitäten",
        "en": "Taking part in organised activities",
    },
    4: {
        "nl": "Onbetaald werk",
        "de": "Unbezahlte Arbeit (Ehrenamt, Praktikum)",
        "en": "Unpaid work (volunteering, internship)",
    },
    5: {
        "nl": "Betaald werk met ondersteuning",
        "de": "Bezahlte Arbeit mit Unterstützung",
        "en": "Paid work with support",
    },
    6: {"nl": "Betaald werk", "de": "Bezahlte Arbeit", "en": "Paid work"},
}

CATEGORIES: dict[str, dict[str, str]] = {
    "information": {"de": "Information", "nl": "Informatie", "en": "Information"},
    "counselling": {"de": "Beratung", "nl": "Advies en begeleiding", "en": "Counselling"},
    "language-course": {"de": "Sprachkurs", "nl": "Taalcursus", "en": "Language course"},
    "digital-skills": {
        "de": "Digitale Kompetenzen",
        "nl": "Digitale vaardigheden",
        "en": "Digital skills",
    },
    "childcare": {"de": "Kinderbetreuung", "nl": "Kinderopvang", "en": "Childcare"},
    "parenting-support": {
        "de": "Elternunterstützung",
        "nl": "Opvoedondersteuning",
        "en": "Parenting support",
    },
    "school-education": {"de": "Schulbildung", "nl": "Schoolopleiding", "en": "School education"},
    "qualification": {
        "de": "Qualifizierung",
        "nl": "Beroepsopleiding",
        "en": "Vocational qualification",
    },
    "job-coaching": {"de": "Jobcoaching", "nl": "Jobcoaching", "en": "Job coaching"},
    "work-experience": {"de": "Praktikum", "nl": "Werkervaring", "en": "Work experience"},
    "volunteering": {"de": "Ehrenamt", "nl": "Vrijwilligerswerk", "en": "Volunteering"},
    "study-fund": {"de": "Bildungsförderung", "nl": "Studiefinanciering", "en": "Study funding"},
    "entrepreneurship": {
        "de": "Existenzgründung",
        "nl": "Ondernemerschap",
        "en": "Starting a business",
    },
    "employment": {"de": "Arbeitsstelle", "nl": "Werk", "en": "Employment"},
    "health-support": {
        "de": "Gesundheitsförderung",
        "nl": "Gezondheidsondersteuning",
        "en": "Health support",
    },
}

ORGANISATION_KINDS: dict[str, dict[str, str]] = {
    "jobcenter": {"de": "Jobcenter", "nl": "Jobcenter", "en": "Job centre"},
    "employment-agency": {
        "de": "Agentur für Arbeit",
        "nl": "Uitkeringsinstantie (UWV)",
        "en": "Employment agency",
    },
    "municipality": {"de": "Kommune", "nl": "Gemeente", "en": "Municipality"},
    "welfare": {
        "de": "Wohlfahrtsverband",
        "nl": "Welzijnsorganisatie",
        "en": "Welfare organisation",
    },
    "education-provider": {
        "de": "Bildungsträger",
        "nl": "Onderwijsinstelling",
        "en": "Education provider",
    },
    "migrant-organisation": {
        "de": "Migrantenorganisation",
        "nl": "Migrantenorganisatie",
        "en": "Migrant organisation",
    },
    "women-centre": {"de": "Frauenzentrum", "nl": "Vrouwencentrum", "en": "Women's centre"},
    "family-centre": {"de": "Familienzentrum", "nl": "Gezinscentrum", "en": "Family centre"},
    "employer": {"de": "Arbeitgeber", "nl": "Werkgever", "en": "Employer"},
    "chamber": {"de": "Kammer", "nl": "Kamer", "en": "Chamber"},
    "network": {"de": "Netzwerk", "nl": "Netwerk", "en": "Network"},
    "other": {"de": "Sonstige", "nl": "Overig", "en": "Other"},
}

RESIDENCE_STATUSES: dict[str, dict[str, str]] = {
    "citizen": {"de": "Staatsangehörige", "nl": "Staatsburger", "en": "Citizen"},
    "eu-citizen": {"de": "EU-Bürger", "nl": "EU-burger", "en": "EU citizen"},
    "residence-permit": {
        "de": "Aufenthaltserlaubnis",
        "nl": "Verblijfsvergunning",
        "en": "Residence permit",
    },
    "asylum-seeker": {
        "de": "Aufenthaltsgestattung",
        "nl": "Asielzoeker",
        "en": "Asylum seeker",
    },
    "tolerated": {"de": "Duldung", "nl": "Gedoogd (Duldung)", "en": "Tolerated (Duldung)"},
    "undocumented": {"de": "Ohne Papiere", "nl": "Ongedocumenteerd", "en": "Undocumented"},
}

WORK_BANS: dict[str, dict[str, str]] = {
    "none": {"de": "kein Arbeitsverbot", "nl": "geen werkverbod", "en": "no work ban"},
    "temporary": {
        "de": "befristetes Arbeitsverbot",
        "nl": "tijdelijk werkverbod",
        "en": "temporary work ban",
    },
    "absolute": {"de": "Arbeitsverbot", "nl": "werkverbod", "en": "work ban"},
}

GENDERS: dict[str, dict[str, str]] = {
    "female": {"de": "weiblich", "nl": "vrouw", "en": "female"},
    "male": {"de": "männlich", "nl": "man", "en": "male"},
    "diverse": {"de": "divers", "nl": "anders", "en": "diverse"},
}

#: Who a gender rule is for, as a plural noun ("only for women").
GENDER_PLURALS: dict[str, dict[str, str]] = {
    "female": {"de": "Frauen", "nl": "vrouwen", "en": "women"},
    "male": {"de": "Männer", "nl": "mannen", "en": "men"},
    "diverse": {"de": "diverse Personen", "nl": "diverse personen", "en": "diverse people"},
}

REFERRAL_KINDS: dict[str, dict[str, str]] = {
    "agreement": {
        "de": "Kooperationsvereinbarung",
        "nl": "Samenwerkingsafspraak",
        "en": "Cooperation agreement",
    },
    "regular": {"de": "regelmäßige Zusammenarbeit", "nl": "vaste samenwerking", "en": "regular"},
    "informal": {"de": "informell", "nl": "informeel", "en": "informal"},
}


K = TypeVar("K")


def label(vocabulary: Mapping[K, Mapping[str, str]], key: K, lang: str = "en") -> str:
    """Return the label of ``key`` in ``lang``, falling back to English, then the id.

    Any ``{id: {lang: label}}`` table works: the vocabularies here, the rungs,
    a dataset's target groups.

    >>> label(CATEGORIES, "language-course", "de")
    'Sprachkurs'
    >>> label(CATEGORIES, "unknown-thing", "nl")
    'unknown-thing'
    >>> label(RUNG_LABELS, 6, "nl"), label(RUNG_LABELS, 9, "nl")
    ('Betaald werk', '9')
    """
    labels = vocabulary.get(key)
    if not labels:
        return str(key)
    return labels.get(lang) or labels.get("en") or str(key)


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
    {"id": "women", "parent": None, "labels": {"de": "Frauen", "nl": "Vrouwen", "en": "Women"}},
    {
        "id": "women-returners",
        "parent": "women",
        "labels": {
            "de": "Berufsrückkehrerinnen",
            "nl": "Herintredende vrouwen",
            "en": "Women returning to work",
        },
    },
    {"id": "parents", "parent": None, "labels": {"de": "Eltern", "nl": "Ouders", "en": "Parents"}},
    {
        "id": "single-parents",
        "parent": "parents",
        "labels": {"de": "Alleinerziehende", "nl": "Alleenstaande ouders", "en": "Single parents"},
    },
    {
        "id": "migrants",
        "parent": None,
        "labels": {"de": "Zugewanderte", "nl": "Migranten", "en": "Migrants"},
    },
    {
        "id": "refugees",
        "parent": "migrants",
        "labels": {"de": "Geflüchtete", "nl": "Vluchtelingen", "en": "Refugees"},
    },
    {
        "id": "highly-qualified-migrants",
        "parent": "migrants",
        "labels": {
            "de": "Hochqualifizierte Zugewanderte",
            "nl": "Hoogopgeleide migranten",
            "en": "Highly qualified migrants",
        },
    },
    {
        "id": "young-people",
        "parent": None,
        "labels": {"de": "Junge Menschen", "nl": "Jongeren", "en": "Young people"},
    },
    {
        "id": "early-school-leavers",
        "parent": "young-people",
        "labels": {
            "de": "Jugendliche ohne Schulabschluss",
            "nl": "Voortijdig schoolverlaters",
            "en": "Early school leavers",
        },
    },
    {
        "id": "long-term-unemployed",
        "parent": None,
        "labels": {
            "de": "Langzeitarbeitslose",
            "nl": "Langdurig werklozen",
            "en": "Long-term unemployed",
        },
    },
    {
        "id": "older-jobseekers",
        "parent": "long-term-unemployed",
        "labels": {
            "de": "Ältere Arbeitsuchende",
            "nl": "Oudere werkzoekenden",
            "en": "Older jobseekers",
        },
    },
    {
        "id": "people-with-disabilities",
        "parent": None,
        "labels": {
            "de": "Menschen mit Behinderung",
            "nl": "Mensen met een beperking",
            "en": "People with disabilities",
        },
    },
    {
        "id": "low-literacy",
        "parent": None,
        "labels": {
            "de": "Gering literalisierte Erwachsene",
            "nl": "Laaggeletterden",
            "en": "People with low literacy",
        },
    },
)
