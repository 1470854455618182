"""Weights and name parts that make synthetic networks look like the demo data.

Plain constants only: the shares the generator aims for, which categories each
kind of organisation offers, where each category sits on the ladder, and the
words organisation names are built from (the offers' wording is in
:mod:`socialmap_bench.synth.words`).  Tuning the look of synthetic data
happens here and there, not in the generator.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SHARE",
    "ORGANISATION_KIND_WEIGHTS",
    "KIND_CATEGORIES",
    "CATEGORY_START_RUNGS",
    "KIND_TARGET_GROUPS",
    "RESIDENCE_RULES",
    "EXTRA_LANGUAGES",
    "ORGANISATION_NAMES",
    "FUNDING",
    "RegionSettings",
    "REGION_SETTINGS",
]

#: Share of offers (or organisations, locations, links) with a property.
SHARE = {
    "offers_per_organisation": 3.0,
    "second_location": 0.3,
    "online": 0.10,
    "all_locations": 0.15,
    "lateral": 0.10,
    "target_groups": 0.40,
    "two_target_groups": 0.30,
    "women_only_women_centre": 0.55,
    "women_only_other": 0.04,
    "residence_rule": 0.10,
    "work_ban_rule_work": 0.063,
    "work_ban_rule_other": 0.01,
    "neighbourhood_rule": 0.08,
    "referral_rule": 0.10,
    "funding_ended": 0.08,
    "funding_ends_soon": 0.05,
    "funding_ends_later": 0.35,
    "cost": 0.15,
    "interpreter": 0.05,
    "childcare": 0.10,
    "funding_named": 0.30,
    "stale": 0.10,
    "wheelchair": 0.70,
    "links_offer_to_offer": 0.30,
    "links_organisation_to_offer": 0.12,
    "link_same_area": 0.65,
    "link_stale": 0.10,
    # offers that re-enter another organisation's offer (the planted duplicates)
    "planted_duplicates": 0.015,
}

#: Kinds of non-jobcenter organisations and their relative frequency
#: (jobcenters are placed separately: one per cluster of neighbourhoods).
ORGANISATION_KIND_WEIGHTS = {
    "welfare": 20,
    "education-provider": 20,
    "migrant-organisation": 14,
    "family-centre": 10,
    "employer": 9,
    "women-centre": 8,
    "other": 8,
    "network": 4,
    "municipality": 3,
    "employment-agency": 2,
    "chamber": 2,
}

#: Which categories each kind of organisation offers, with relative weights.
KIND_CATEGORIES: dict[str, dict[str, int]] = {
    "jobcenter": {
        "job-coaching": 4,
        "counselling": 3,
        "qualification": 2,
        "study-fund": 2,
        "work-experience": 1,
        "information": 1,
    },
    "employment-agency": {
        "job-coaching": 3,
        "qualification": 2,
        "study-fund": 2,
        "counselling": 2,
        "information": 1,
    },
    "municipality": {
        "information": 2,
        "counselling": 2,
        "work-experience": 1,
        "volunteering": 1,
        "study-fund": 1,
        "employment": 1,
        "childcare": 1,
    },
    "welfare": {
        "counselling": 4,
        "information": 2,
        "health-support": 2,
        "volunteering": 2,
        "work-experience": 2,
        "job-coaching": 1,
        "digital-skills": 1,
    },
    "education-provider": {
        "language-course": 4,
        "qualification": 4,
        "school-education": 2,
        "digital-skills": 2,
        "job-coaching": 1,
        "study-fund": 1,
    },
    "migrant-organisation": {
        "language-course": 3,
        "counselling": 3,
        "information": 2,
        "volunteering": 1,
        "job-coaching": 1,
        "digital-skills": 1,
    },
    "women-centre": {
        "counselling": 3,
        "job-coaching": 2,
        "digital-skills": 2,
        "language-course": 2,
        "parenting-support": 1,
        "entrepreneurship": 1,
    },
    "family-centre": {
        "parenting-support": 4,
        "childcare": 3,
        "counselling": 2,
        "language-course": 1,
        "information": 1,
    },
    "employer": {"employment": 4, "work-experience": 3, "qualification": 1},
    "chamber": {"qualification": 3, "entrepreneurship": 2, "information": 1, "work-experience": 1},
    "network": {"information": 3, "counselling": 2, "volunteering": 1, "entrepreneurship": 1},
    "other": {
        "counselling": 2,
        "information": 2,
        "volunteering": 2,
        "health-support": 1,
        "digital-skills": 1,
        "employment": 1,
    },
}

#: Lowest and highest first accepted rung of an offer of each category.
CATEGORY_START_RUNGS: dict[str, tuple[int, int]] = {
    "information": (1, 3),
    "counselling": (1, 4),
    "health-support": (1, 3),
    "childcare": (1, 3),
    "parenting-support": (1, 3),
    "language-course": (1, 4),
    "digital-skills": (2, 4),
    "volunteering": (2, 3),
    "school-education": (2, 4),
    "qualification": (3, 5),
    "job-coaching": (3, 5),
    "work-experience": (3, 4),
    "study-fund": (3, 5),
    "entrepreneurship": (4, 5),
    "employment": (5, 6),
}

#: Target groups an organisation of a kind usually addresses; others draw from all.
KIND_TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "jobcenter": ("long-term-unemployed", "older-jobseekers", "young-people", "single-parents"),
    "employment-agency": ("young-people", "older-jobseekers", "women-returners"),
    "welfare": ("people-with-disabilities", "long-term-unemployed", "refugees", "low-literacy"),
    "education-provider": ("low-literacy", "early-school-leavers", "young-people", "migrants"),
    "migrant-organisation": ("migrants", "refugees", "highly-qualified-migrants"),
    "women-centre": ("women", "women-returners", "single-parents"),
    "family-centre": ("parents", "single-parents"),
    "employer": ("young-people", "people-with-disabilities", "highly-qualified-migrants"),
}

#: Residence-status rules offers use: refugee programmes and secure-status programmes.
RESIDENCE_RULES: tuple[tuple[str, ...], ...] = (
    ("residence-permit", "asylum-seeker", "tolerated"),
    ("asylum-seeker", "tolerated"),
    ("citizen", "eu-citizen", "residence-permit"),
    ("eu-citizen",),
)

#: Languages offers are delivered in besides the region's own.
EXTRA_LANGUAGES = ("en", "tr", "ar", "uk", "pl", "fa", "ti", "so")

#: Name prefixes of organisations by region language and kind.
ORGANISATION_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "de": {
        "jobcenter": ("Jobcenter",),
        "employment-agency": ("Agentur für Arbeit",),
        "municipality": ("Kommunales Integrationszentrum", "Sozialamt"),
        "welfare": ("Caritas", "Diakonie", "AWO", "DRK", "Der Paritätische"),
        "education-provider": ("VHS", "Bildungswerk", "Berufsbildungszentrum", "Sprachschule"),
        "migrant-organisation": ("Integrationsverein", "Kulturverein", "Migrantenverein"),
        "women-centre": ("Frauenzentrum", "Frauentreff"),
        "family-centre": ("Familienzentrum", "Elterncafé"),
        "employer": ("Pflegedienst", "Logistik GmbH", "Handwerksbetrieb", "Gastronomie"),
        "chamber": ("IHK", "Handwerkskammer"),
        "network": ("Netzwerk Arbeit", "Quartiersnetzwerk"),
        "other": ("Nachbarschaftsverein", "Bürgerzentrum"),
    },
    "nl": {
        "jobcenter": ("Werkplein",),
        "employment-agency": ("UWV",),
        "municipality": ("Servicepunt", "Gemeente Den Haag"),
        "welfare": ("Welzijnsorganisatie", "Buurthuis", "Vluchtelingenwerk"),
        "education-provider": ("ROC", "Taalhuis", "Volksuniversiteit", "Leerwerkcentrum"),
        "migrant-organisation": ("Stichting", "Migrantenvereniging", "Cultureel centrum"),
        "women-centre": ("Vrouwencentrum", "Vrouwenhuis"),
        "family-centre": ("Centrum Jong en Gezin", "Ouder- en kindcentrum"),
        "employer": ("Zorgorganisatie", "Logistiek bedrijf", "Installatiebedrijf", "Horeca"),
        "chamber": ("KVK", "Kenniscentrum"),
        "network": ("Netwerk Werk", "Buurtnetwerk"),
        "other": ("Bewonersorganisatie", "Buurtcentrum"),
    },
}

#: Funding programmes named on offers.
FUNDING: dict[str, tuple[str, ...]] = {
    "de": ("ESF Plus", "BIWAQ", "SGB II", "Land NRW", "Kommune"),
    "nl": ("ESF+", "Gemeente Den Haag", "Participatiewet", "Wmo", "Erasmus+"),
}


@dataclass(frozen=True)
class RegionSettings:
    """What a synthetic region takes from outside its polygons."""

    name: str
    country: str
    language: str
    #: GeoJSON file in ``data/geo``.
    file: str
    #: Jobcenters at full size: one per cluster of neighbourhoods.
    jobcenters: int
    #: City of every location; ``None``: the name of the location's area.
    city: str | None
    #: Carried by every offer, so nobody mistakes synthetic data for real.
    description: str


REGION_SETTINGS: dict[str, RegionSettings] = {
    "den-haag": RegionSettings(
        name="Den Haag (synthetisch)",
        country="NL",
        language="nl",
        file="denhaag_wijken_2016_wgs84.geojson",
        jobcenters=8,
        city="Den Haag",
        description="Synthetisch aanbod (testgegevens).",
    ),
    "nrw": RegionSettings(
        name="Nordrhein-Westfalen (synthetisch)",
        country="DE",
        language="de",
        file="nrw_kreise_53_bkg.geojson",
        jobcenters=53,
        city=None,
        description="Synthetisches Angebot (Testdaten).",
    ),
}
