#!/usr/bin/env python3
"""Build the Gladbeck demo dataset ``data/demo/gladbeck.json`` (``socialmap-dataset/1``).

Run from anywhere::

    .venv/bin/python data/demo/sources/build_gladbeck.py          # (re)write the file
    .venv/bin/python data/demo/sources/build_gladbeck.py --check  # fail if it is out of date

What it is for: a realistic, *illustrative* social map of Gladbeck (Kreis
Recklinghausen, NRW) that exercises every routing rule and every analysis of
DESIGN.md.  The organisations and programmes come from the German seed texts
(Netzwerk W, WIR, BIWAQ IV in Gladbeck); the open reference data from
``data/geo/`` (GeoNames postcode centroids, BKG Kreis polygon).  Where a seed is
silent the entry is invented and listed as illustrative in
``data/demo/SOURCES-gladbeck.md``.

What it must not do: contain real contact data or real people.  The seeds name
real persons (e.g. the head of the Jobcenter, the BIWAQ contact at the
Wirtschaftsförderung) and a real phone number and e-mail address; none of them
is copied here.  Every e-mail ends in ``@example.org``, every website in
``.example.org`` and every phone number is ``+49 2043 000 xxx``.

The build is deterministic: no clock, no randomness, no network; the same
inputs give a byte-identical file.  It needs the standard library and shapely;
``jsonschema`` (a socialmap dependency) validates the result against
``socialmap/dataset/schema.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape

REPO = Path(__file__).resolve().parents[3]
OUT = REPO / "data" / "demo" / "gladbeck.json"
POSTCODES_CSV = REPO / "data" / "geo" / "postcodes.csv"
KREISE_GEOJSON = REPO / "data" / "geo" / "nrw_kreise_53_bkg.geojson"
SCHEMA = REPO / "socialmap" / "dataset" / "schema.json"

#: The date the demo is written for ("today" in the routing contract).  Used only
#: by the self-checks (stale entries, funding cliffs); nothing reads the clock.
REFERENCE_DATE = date(2026, 11, 21)

#: Kreis Recklinghausen in the BKG file; Gladbeck lies in it.
AGS_KREIS_RECKLINGHAUSEN = "05562"

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")


# --------------------------------------------------------------------------
# Region and neighbourhoods
# --------------------------------------------------------------------------

REGION = {"id": "gladbeck", "name": "Gladbeck", "country": "DE", "languages": ["de"]}

#: The three Gladbeck PLZ and the rough part of town each covers (from the
#: GeoNames centroids: 45964 centre, 45966 north-west, 45968 south-east).
GLADBECK_POSTCODES = ("45964", "45966", "45968")

BIWAQ_TAGS = ["focus-area", "biwaq"]

#: (id, name, PLZ, population, tags).  No Stadtteil polygons exist offline, so a
#: Stadtteil is defined by its PLZ; several Stadtteile share one PLZ, which is
#: why every location below also names its Stadtteil explicitly.  The PLZ
#: assignment follows the rough geography (centre / north-west / south-east)
#: and is approximate.  Populations are rounded, illustrative orders of
#: magnitude (Gladbeck ≈ 76,000 in total), ``None`` where we are not confident.
NEIGHBOURHOODS: list[tuple[str, str, str, int | None, list[str]]] = [
    ("gladbeck-stadtmitte", "Stadtmitte", "45964", 15000, BIWAQ_TAGS),
    ("gladbeck-schultendorf", "Schultendorf", "45964", None, []),
    ("gladbeck-brauck", "Brauck", "45968", 11000, BIWAQ_TAGS),
    ("gladbeck-butendorf", "Butendorf", "45968", 11000, BIWAQ_TAGS),
    ("gladbeck-rosenhuegel", "Rosenhügel", "45968", None, []),
    ("gladbeck-zweckel", "Zweckel", "45966", 9000, []),
    ("gladbeck-rentfort-nord", "Rentfort-Nord", "45966", 9000, []),
    ("gladbeck-alt-rentfort", "Alt-Rentfort", "45966", None, []),
    ("gladbeck-ellinghorst", "Ellinghorst", "45966", None, []),
]

#: Other names people use for a Stadtteil; the desk's picker finds them.
ALIASES: dict[str, list[str]] = {
    "gladbeck-stadtmitte": ["Mitte", "Innenstadt", "Gladbeck-Mitte"],
    "gladbeck-rentfort-nord": ["Rentfort"],
    "gladbeck-alt-rentfort": ["Rentfort"],
    "gladbeck-brauck": ["Gladbeck-Brauck"],
    "gladbeck-zweckel": ["Gladbeck-Zweckel"],
}

#: The approximate centre of each Stadtteil (lat, lon): Gladbeck has no open
#: Stadtteil polygons, so locations are spread around these (up to ~400 m, derived
#: from the id), not piled on three postcode centroids.  Approximate by design.
CENTRES: dict[str, tuple[float, float]] = {
    "gladbeck-stadtmitte": (51.5720, 6.9870),
    "gladbeck-schultendorf": (51.5850, 7.0000),
    "gladbeck-brauck": (51.5530, 6.9980),
    "gladbeck-butendorf": (51.5660, 7.0070),
    "gladbeck-rosenhuegel": (51.5610, 6.9830),
    "gladbeck-zweckel": (51.6000, 6.9760),
    "gladbeck-rentfort-nord": (51.5900, 6.9480),
    "gladbeck-alt-rentfort": (51.5820, 6.9560),
    "gladbeck-ellinghorst": (51.5660, 6.9560),
}

#: The BIWAQ Stadtteile "mit besonderem Erneuerungsbedarf" (seed 003).
BIWAQ_AREAS = ["gladbeck-stadtmitte", "gladbeck-brauck", "gladbeck-butendorf"]


# --------------------------------------------------------------------------
# Target groups — ids, hierarchy and labels shared with the Den Haag dataset,
# the synthetic generator and socialmap.vocab.STANDARD_TARGET_GROUPS.
# --------------------------------------------------------------------------

TARGET_GROUPS: list[dict[str, Any]] = [
    {"id": "women", "parent": None,
     "labels": {"de": "Frauen", "nl": "Vrouwen", "en": "Women"}},
    {"id": "women-returners", "parent": "women",
     "labels": {"de": "Berufsrückkehrerinnen", "nl": "Herintredende vrouwen",
                "en": "Women returning to work"}},
    {"id": "parents", "parent": None,
     "labels": {"de": "Eltern", "nl": "Ouders", "en": "Parents"}},
    {"id": "single-parents", "parent": "parents",
     "labels": {"de": "Alleinerziehende", "nl": "Alleenstaande ouders", "en": "Single parents"}},
    {"id": "migrants", "parent": None,
     "labels": {"de": "Zugewanderte", "nl": "Migranten", "en": "Migrants"}},
    {"id": "refugees", "parent": "migrants",
     "labels": {"de": "Geflüchtete", "nl": "Vluchtelingen", "en": "Refugees"}},
    {"id": "highly-qualified-migrants", "parent": "migrants",
     "labels": {"de": "Hochqualifizierte Zugewanderte", "nl": "Hoogopgeleide migranten",
                "en": "Highly qualified migrants"}},
    {"id": "young-people", "parent": None,
     "labels": {"de": "Junge Menschen", "nl": "Jongeren", "en": "Young people"}},
    {"id": "early-school-leavers", "parent": "young-people",
     "labels": {"de": "Jugendliche ohne Schulabschluss", "nl": "Voortijdig schoolverlaters",
                "en": "Early school leavers"}},
    {"id": "long-term-unemployed", "parent": None,
     "labels": {"de": "Langzeitarbeitslose", "nl": "Langdurig werklozen",
                "en": "Long-term unemployed"}},
    {"id": "older-jobseekers", "parent": "long-term-unemployed",
     "labels": {"de": "Ältere Arbeitsuchende", "nl": "Oudere werkzoekenden",
                "en": "Older jobseekers"}},
    {"id": "people-with-disabilities", "parent": None,
     "labels": {"de": "Menschen mit Behinderung", "nl": "Mensen met een beperking",
                "en": "People with disabilities"}},
    {"id": "low-literacy", "parent": None,
     "labels": {"de": "Gering literalisierte Erwachsene", "nl": "Laaggeletterden",
                "en": "People with low literacy"}},
]


# --------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------

#: (id, name, kind, description, last_verified).  Contact data is derived from
#: the id and a running number in ``build_organisations`` and is fictitious.
#: Entries marked "(fiktiv)" / "illustrativ" do not exist under that name.
ORGANISATIONS: list[tuple[str, str, str, str, str]] = [
    # --- the BIWAQ partnership (seed 003) ---------------------------------
    ("jobcenter-gladbeck", "Jobcenter Gladbeck", "jobcenter",
     "Grundsicherung für Arbeitsuchende (SGB II) in Gladbeck. Trägt BIWAQ gemeinsam mit der "
     "städtischen Wirtschaftsförderung und kofinanziert das Projekt; Beauftragte für "
     "Chancengleichheit am Arbeitsmarkt (BCA) im Netzwerk W.", "2026-10-01"),
    ("stadt-gladbeck-wirtschaftsfoerderung", "Stadt Gladbeck – Wirtschaftsförderung",
     "municipality",
     "Städtische Wirtschaftsförderung: stärkt die lokale Ökonomie und verantwortet im "
     "BIWAQ-Projekt die Digitalisierung von Handel, kleinen Betrieben und Heilberufen.",
     "2026-08-20"),
    ("rebeq", "rebeq (AWO-Tochter)", "education-provider",
     "Tochtergesellschaft der AWO mit Beratungs- und Bildungsangeboten für Langzeitarbeitslose "
     "und benachteiligte Zielgruppen; setzt die teilnehmendenbezogenen BIWAQ-Angebote "
     "(Einzelberatung, Gruppen, Jobcoaching) für das Jobcenter um.", "2026-10-20"),
    ("bug-brauck", "BUG – Braucker Unternehmen in Gladbeck", "employer",
     "Zusammenschluss von Unternehmen aus Brauck, die sich im Stadtteil engagieren; "
     "gewinnt über BIWAQ Personal aus dem direkten Lebensumfeld.", "2026-04-02"),
    ("stadtteilbuero-brauck", "Stadtteilbüro Brauck", "municipality",
     "Quartiersbüro der Stadterneuerung in Brauck: Anlaufstelle für Bewohnerinnen und "
     "Bewohner, Nachbarschaftsarbeit, Weitervermittlung.", "2026-06-11"),
    # --- Netzwerk W (seed 000) -------------------------------------------
    ("netzwerk-w-kreis-recklinghausen", "Netzwerk W Kreis Recklinghausen", "network",
     "Lokales Netzwerk Wiedereinstieg der Landesinitiative Netzwerk W NRW: kommunale "
     "Gleichstellungsstellen, Beauftragte für Chancengleichheit am Arbeitsmarkt von "
     "Arbeitsagentur und Jobcenter, Weiterbildungs- und Beratungseinrichtungen. Die Partnerinnen "
     "und Partner lotsen Wiedereinstiegsinteressierte zu passenden Angeboten.", "2026-07-01"),
    ("stadt-gladbeck-gleichstellungsstelle", "Stadt Gladbeck – Gleichstellungsstelle",
     "municipality",
     "Kommunale Gleichstellungsstelle; Partnerin im Netzwerk W und erste Anlaufstelle für "
     "Frauen in beruflichen und persönlichen Umbruchsituationen.", "2026-06-30"),
    ("kompetenzzentrum-frau-und-beruf-emscher-lippe",
     "Kompetenzzentrum Frau und Beruf Emscher-Lippe", "women-centre",
     "Regionales Kompetenzzentrum: unterstützt kleine und mittlere Unternehmen bei der "
     "Gewinnung und Bindung weiblicher Fachkräfte und die Netzwerke W bei der "
     "Wiedereinstiegsförderung.", "2026-03-18"),
    ("agentur-arbeit-gladbeck", "Agentur für Arbeit Recklinghausen – Geschäftsstelle Gladbeck",
     "employment-agency",
     "Arbeitsvermittlung, Berufsberatung, Reha-Beratung und Weiterbildungsförderung nach "
     "SGB III; Beauftragte für Chancengleichheit am Arbeitsmarkt (BCA).", "2026-09-15"),
    # --- WIR network (seed 001) ------------------------------------------
    ("wir-netzwerk-gladbeck", "WIR-Netzwerk Gladbeck – Geflüchtete in Arbeit", "network",
     "Projektverbund im Bundesprogramm „WIR – Netzwerke integrieren Geflüchtete in den "
     "regionalen Arbeitsmarkt“: Jobcenter und Agentur für Arbeit (verpflichtend), "
     "Migrationsberatung, Flüchtlingshilfe, Bildungsträger und Kammern. Name und Verbund "
     "illustrativ.", "2026-09-01"),
    ("awo-migrationsberatung-gladbeck", "AWO Migrationsberatung Gladbeck", "welfare",
     "Migrationsberatung für erwachsene Zugewanderte (MBE) der Arbeiterwohlfahrt.", "2026-02-10"),
    ("caritas-gladbeck", "Caritasverband Gladbeck – Integration und Migration", "welfare",
     "Flüchtlings- und Asylverfahrensberatung, Schuldnerberatung und weitere soziale Dienste "
     "des Caritasverbands.", "2026-01-22"),
    ("diakonie-gladbeck", "Diakonie Gladbeck – Jugendmigrationsdienst", "welfare",
     "Jugendmigrationsdienst (JMD) für junge Zugewanderte von 12 bis 27 Jahren.", "2025-12-05"),
    ("fluechtlingshilfe-gladbeck", "Flüchtlingshilfe Gladbeck (Ehrenamtsinitiative)", "other",
     "Ehrenamtliche Initiative: Begegnungscafés, Sprachpatenschaften, Begleitung zu Terminen. "
     "Name illustrativ.", "2024-06-10"),
    ("psz-emscher-lippe", "Psychosoziales Zentrum für Geflüchtete Emscher-Lippe", "welfare",
     "Beratung und Stabilisierung für Geflüchtete mit fluchtbedingten Belastungen; "
     "Vermittlung in Therapie. Illustrativ.", "2026-07-07"),
    ("integration-point-recklinghausen", "Integration Point Kreis Recklinghausen",
     "employment-agency",
     "Gemeinsame Anlaufstelle von Agentur für Arbeit und Jobcenter für Geflüchtete; "
     "Sprechstunde im Jobcenter Gladbeck.", "2026-06-15"),
    ("kommunales-integrationszentrum-recklinghausen",
     "Kommunales Integrationszentrum Kreis Recklinghausen", "municipality",
     "Bildungsberatung für neu zugewanderte Kinder, Jugendliche und junge Erwachsene; "
     "Sprechstunde im Rathaus Gladbeck.", "2026-01-15"),
    ("ihk-nord-westfalen", "IHK Nord Westfalen", "chamber",
     "Industrie- und Handelskammer für das Münsterland und die Emscher-Lippe-Region; "
     "Ausbildungs- und Anerkennungsberatung.", "2026-04-28"),
    ("hwk-muenster", "Handwerkskammer Münster", "chamber",
     "Handwerkskammer für den Kreis Recklinghausen; Ausbildungs- und Stellenvermittlung, "
     "Einstiegsqualifizierung.", "2026-03-03"),
    # --- education, youth, families ----------------------------------------
    ("vhs-gladbeck", "Volkshochschule Gladbeck", "education-provider",
     "Integrations- und Berufssprachkurse, Alphabetisierung und Grundbildung, EDV- und "
     "Schulabschlusskurse; Außenstelle in Rentfort-Nord.", "2026-09-30"),
    ("weiterbildungskolleg-gladbeck", "Weiterbildungskolleg Gladbeck (Abendrealschule)",
     "education-provider",
     "Schulabschlüsse für Erwachsene am Abend. Illustrativ.", "2026-02-20"),
    ("jugendberufsagentur-gladbeck", "Jugendberufsagentur Gladbeck", "network",
     "Gemeinsame Anlaufstelle von Agentur für Arbeit, Jobcenter und kommunaler Jugendhilfe "
     "für junge Menschen unter 25.", "2026-08-08"),
    ("stadt-gladbeck-jugendamt", "Stadt Gladbeck – Amt für Jugend und Familie", "municipality",
     "Kommunale Jugendhilfe: aufsuchende Jugendarbeit, Jugendtreffs, Partner der "
     "Jugendberufsagentur.", "2026-05-12"),
    ("familienzentrum-brauck", "Familienzentrum Brauck", "family-centre",
     "Kita und Familienzentrum mit Elterncafé, Beratung und Kursen im Haus.", "2026-05-20"),
    ("familienzentrum-butendorf", "Familienzentrum Butendorf", "family-centre",
     "Kita und Familienzentrum mit internationalem Müttertreff und Elternbegleitung.",
     "2025-03-14"),
    ("familienzentrum-rentfort-nord", "Familienzentrum Rentfort-Nord", "family-centre",
     "Kita und Familienzentrum; Ort der Wiedereinstiegs-Sprechstunde des Netzwerks W.",
     "2026-02-02"),
    ("ehrenamtsagentur-gladbeck", "Ehrenamtsagentur Gladbeck", "other",
     "Beratung und Vermittlung ins Ehrenamt und in Freiwilligendienste.", "2026-05-05"),
    ("integrationsfachdienst-emscher-lippe", "Integrationsfachdienst Emscher-Lippe", "other",
     "Beratung und Begleitung schwerbehinderter Menschen im Arbeitsleben; Unterstützte "
     "Beschäftigung im Auftrag der Agentur für Arbeit.", "2025-10-01"),
    # --- employers (fictitious examples) -----------------------------------
    ("pflegedienst-lindenhof", "Pflegedienst Lindenhof (fiktiv)", "employer",
     "Fiktiver ambulanter Pflegedienst in Schultendorf.", "2026-09-09"),
    ("emscher-logistik-zweckel", "Emscher Logistik GmbH, Standort Zweckel (fiktiv)",
     "employer", "Fiktives Logistikunternehmen mit Lager in Zweckel.", "2026-07-17"),
    ("modehaus-hochstrasse", "Modehaus an der Hochstraße (fiktiv)", "employer",
     "Fiktives Einzelhandelsgeschäft in der Innenstadt.", "2025-02-11"),
    # --- deliberately isolated actors (no referral link in or out) ---------
    ("interkultureller-frauentreff-gladbeck", "Interkultureller Frauentreff Gladbeck (fiktiv)",
     "migrant-organisation",
     "Selbstorganisierter Treff von Frauen verschiedener Herkunft. Fiktiv; bewusst ohne "
     "Kooperationsbeziehungen, damit die Analyse isolierte Akteure zeigt.", "2026-03-30"),
    ("nachbarschaftsverein-ellinghorst", "Nachbarschaftsverein Ellinghorst (fiktiv)", "other",
     "Fiktiver Nachbarschaftsverein; bewusst ohne Kooperationsbeziehungen und seit Jahren "
     "nicht überprüft.", "2023-09-01"),
]

#: Organisations that must end up with no referral link (checked below).
ISOLATED = {"interkultureller-frauentreff-gladbeck", "nachbarschaftsverein-ellinghorst"}


# --------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------

#: (id, organisation, name, street address, Stadtteil, wheelchair).  Postcode
#: and coordinates follow from the Stadtteil: its PLZ, and a point near its centre
#: (:data:`CENTRES`, hence ``approximate: true``).  Street addresses are plausible but
#: illustrative.  Partner offices (Netzwerk W, Kammern …) that hold
#: Sprechstunden in Gladbeck use a host's location; they have none of their own.
LOCATIONS: list[tuple[str, str, str, str, str, bool | None]] = [
    ("gla-loc-jobcenter", "jobcenter-gladbeck", "Jobcenter Gladbeck",
     "Wilhelmstraße 12", "gladbeck-stadtmitte", True),
    ("gla-loc-agentur", "agentur-arbeit-gladbeck", "Agentur für Arbeit, Geschäftsstelle Gladbeck",
     "Hochstraße 40", "gladbeck-stadtmitte", True),
    ("gla-loc-rathaus-wifoe", "stadt-gladbeck-wirtschaftsfoerderung",
     "Rathaus – Wirtschaftsförderung", "Willy-Brandt-Platz 2", "gladbeck-stadtmitte", True),
    ("gla-loc-rathaus-gleichstellung", "stadt-gladbeck-gleichstellungsstelle",
     "Rathaus – Gleichstellungsstelle", "Willy-Brandt-Platz 2", "gladbeck-stadtmitte", True),
    ("gla-loc-rebeq-mitte", "rebeq", "rebeq Bildungszentrum",
     "Horster Straße 30", "gladbeck-stadtmitte", True),
    ("gla-loc-rebeq-brauck", "rebeq", "rebeq Quartiersbüro Brauck (BIWAQ)",
     "Roßheidestraße 25", "gladbeck-brauck", True),
    ("gla-loc-rebeq-butendorf", "rebeq", "rebeq Digitaltreff Butendorf (BIWAQ)",
     "Buerer Straße 120", "gladbeck-butendorf", True),
    ("gla-loc-bug", "bug-brauck", "BUG-Geschäftsstelle",
     "Horster Straße 310", "gladbeck-brauck", True),
    ("gla-loc-stadtteilbuero-brauck", "stadtteilbuero-brauck", "Stadtteilbüro Brauck",
     "Steinstraße 20", "gladbeck-brauck", True),
    ("gla-loc-wir", "wir-netzwerk-gladbeck", "WIR-Beratungsbüro",
     "Hochstraße 21", "gladbeck-stadtmitte", True),
    ("gla-loc-awo", "awo-migrationsberatung-gladbeck", "AWO-Beratungszentrum",
     "Friedrichstraße 7", "gladbeck-stadtmitte", True),
    ("gla-loc-caritas", "caritas-gladbeck", "Caritas-Zentrum",
     "Kirchstraße 3", "gladbeck-stadtmitte", True),
    ("gla-loc-jmd", "diakonie-gladbeck", "Jugendmigrationsdienst",
     "Humboldtstraße 9", "gladbeck-stadtmitte", False),
    ("gla-loc-psz", "psz-emscher-lippe", "PSZ-Beratungsstelle Gladbeck",
     "Goethestraße 15", "gladbeck-stadtmitte", True),
    ("gla-loc-fh-brauck", "fluechtlingshilfe-gladbeck", "Begegnungscafé im Gemeindehaus Brauck",
     "Roßheidestraße 60", "gladbeck-brauck", False),
    ("gla-loc-fh-zweckel", "fluechtlingshilfe-gladbeck", "Begegnungscafé Zweckel",
     "Feldhauser Straße 150", "gladbeck-zweckel", True),
    ("gla-loc-vhs", "vhs-gladbeck", "VHS Gladbeck",
     "Friedrichstraße 55", "gladbeck-stadtmitte", True),
    ("gla-loc-vhs-rentfort", "vhs-gladbeck", "VHS-Außenstelle Rentfort-Nord",
     "Schwechater Straße 30", "gladbeck-rentfort-nord", True),
    ("gla-loc-wbk", "weiterbildungskolleg-gladbeck", "Weiterbildungskolleg",
     "Am Rosenhügel 8", "gladbeck-rosenhuegel", True),
    ("gla-loc-jba", "jugendberufsagentur-gladbeck", "Jugendberufsagentur Gladbeck",
     "Friedrich-Ebert-Straße 20", "gladbeck-stadtmitte", True),
    ("gla-loc-jugendtreff-butendorf", "stadt-gladbeck-jugendamt", "Jugendtreff Butendorf",
     "Buerer Straße 90", "gladbeck-butendorf", True),
    ("gla-loc-jugendzentrum-alt-rentfort", "stadt-gladbeck-jugendamt",
     "Jugendzentrum Alt-Rentfort", "Hegestraße 60", "gladbeck-alt-rentfort", False),
    ("gla-loc-fz-brauck", "familienzentrum-brauck", "Familienzentrum Brauck",
     "Steinstraße 50", "gladbeck-brauck", True),
    ("gla-loc-fz-butendorf", "familienzentrum-butendorf", "Familienzentrum Butendorf",
     "Butendorfer Straße 20", "gladbeck-butendorf", False),
    ("gla-loc-fz-rentfort", "familienzentrum-rentfort-nord", "Familienzentrum Rentfort-Nord",
     "Enfieldstraße 12", "gladbeck-rentfort-nord", True),
    ("gla-loc-ehrenamt", "ehrenamtsagentur-gladbeck", "Ehrenamtsagentur",
     "Hochstraße 5", "gladbeck-stadtmitte", True),
    ("gla-loc-pflege", "pflegedienst-lindenhof", "Pflegedienst Lindenhof (fiktiv)",
     "Schultendorfer Straße 44", "gladbeck-schultendorf", True),
    ("gla-loc-logistik", "emscher-logistik-zweckel", "Lager Zweckel (fiktiv)",
     "Frentroper Straße 200", "gladbeck-zweckel", True),
    ("gla-loc-modehaus", "modehaus-hochstrasse", "Modehaus an der Hochstraße (fiktiv)",
     "Hochstraße 30", "gladbeck-stadtmitte", True),
    ("gla-loc-frauentreff", "interkultureller-frauentreff-gladbeck",
     "Interkultureller Frauentreff", "Roßheidestraße 12", "gladbeck-brauck", None),
    ("gla-loc-nachbarschaft-ellinghorst", "nachbarschaftsverein-ellinghorst",
     "Nachbarschaftshaus Ellinghorst", "Bottroper Straße 170", "gladbeck-ellinghorst", None),
]


# --------------------------------------------------------------------------
# Offers
# --------------------------------------------------------------------------

# Funding lines.  BIWAQ numbering follows seed 003: the 2019–2022 project
# „Aktiv und digital in Gladbeck 4.0“ was BIWAQ IV (ESF and the then
# Bundesministerium des Innern, für Bau und Heimat, co-financed by the
# Jobcenter).  Its continuation in the ESF-Plus round and the BIWAQ III
# predecessor are illustrative.
F_BIWAQ = "ESF Plus / BMWSB — BIWAQ (Förderrunde 2023–2026, Fortsetzung in Gladbeck illustrativ)"
F_BIWAQ4 = "ESF / BMI — BIWAQ IV (Kofinanzierung Jobcenter Gladbeck)"
F_BIWAQ3 = "ESF / BMUB — BIWAQ III (illustrativ)"
F_WIR = "ESF Plus / BMAS — WIR – Netzwerke integrieren Geflüchtete"
F_IVAF = "ESF / BMAS — IvAF (Vorläufer von WIR)"
F_NETZWERK_W = "Land NRW — Landesinitiative Netzwerk W"
F_KFB = "Land NRW / EU — Kompetenzzentren Frau und Beruf"
F_SGB2 = "Jobcenter Gladbeck (SGB II)"
F_SGB3 = "Agentur für Arbeit (SGB III)"
F_BAMF_IK = "BAMF — Integrationskurs"
F_BAMF_DEUFOEV = "BAMF — Berufssprachkurse (DeuFöV)"
F_BAMF_MBE = "BAMF — Migrationsberatung für erwachsene Zugewanderte (MBE)"
F_JMD = "BMFSFJ — Jugendmigrationsdienste"
F_STADT = "Stadt Gladbeck"
F_FAMZ = "Land NRW — Familienzentren"
F_ALPHA = "Land NRW — Weiterbildungsgesetz (Grundbildung)"
F_SPENDEN = "Spenden und Ehrenamt"
F_INKLUSION = "Agentur für Arbeit (SGB III) / LWL-Inklusionsamt Arbeit"

WIR_STATUSES = ["residence-permit", "asylum-seeker", "tolerated"]
ANY_REFUGEE_STATUS = ["residence-permit", "asylum-seeker", "tolerated"]
JC = ["jobcenter-gladbeck"]
AA = ["agentur-arbeit-gladbeck"]

#: Funding periods.  The current BIWAQ round and the current mentoring cohort
#: end within six months of REFERENCE_DATE: those are the demo's funding cliffs.
BIWAQ_PERIOD = {"valid_from": "2023-01-01", "valid_until": "2026-12-31"}
BIWAQ4_PERIOD = {"valid_from": "2019-01-01", "valid_until": "2022-12-31"}
WIR_PERIOD = {"valid_from": "2023-01-01", "valid_until": "2027-06-30"}
KFB_PERIOD = {"valid_from": "2022-04-01", "valid_until": "2027-12-31"}
#: The current mentoring cohort ends before the next one is funded.
KFB_MENTORING_PERIOD = {"valid_from": "2025-04-01", "valid_until": "2027-03-31"}

ELIGIBILITY_KEYS = ("age_min", "age_max", "genders", "residence_statuses",
                    "excludes_work_ban", "neighbourhoods", "requires_referral_by")


def offer(oid: str, org: str, locations: list[str], name: str, description: str,
          purpose: str, category: str, accepts: list[int], leads_to: int,
          **kw: Any) -> dict[str, Any]:
    """One offer with every column present, so JSON and CSV exports line up.

    Keyword arguments override the defaults: the offer columns by name and
    the eligibility rules (``age_min`` … ``requires_referral_by``) flat.
    """
    eligibility: dict[str, Any] = {
        "age_min": None, "age_max": None, "genders": [], "residence_statuses": [],
        "excludes_work_ban": [], "neighbourhoods": [], "requires_referral_by": [],
    }
    for key in ELIGIBILITY_KEYS:
        if key in kw:
            eligibility[key] = kw.pop(key)
    record: dict[str, Any] = {
        "id": oid, "organisation": org, "locations": locations,
        "online": False, "name": name, "description": description, "purpose": purpose,
        "category": category, "ladder": {"accepts": accepts, "leads_to": leads_to},
        "target_groups": [], "eligibility": eligibility,
        "languages": ["de"], "interpreter": False,
        "cost_eur": 0, "cost_description": "kostenfrei", "childcare": False,
        "capacity": None, "wait_weeks": None, "valid_from": None, "valid_until": None,
        "funding": "", "contact": None, "last_verified": None,
    }
    contact_name = kw.pop("contact_name", None)
    unknown = set(kw) - set(record)
    if unknown:
        raise KeyError(f"{oid}: unknown offer field(s) {sorted(unknown)}")
    record.update(kw)
    # Filled in by build_offers from the organisation's fictitious contact data.
    record["contact"] = {"name": contact_name} if contact_name else {}
    return record


OFFERS: list[dict[str, Any]] = [
    # ======================================================================
    # Rung 1 → 2: out of isolation, first contacts
    # ======================================================================
    offer("gla-stb-nachbarschaftsfruehstueck", "stadtteilbuero-brauck",
          ["gla-loc-stadtteilbuero-brauck"],
          "Nachbarschaftsfrühstück im Stadtteilbüro",
          "Offenes Frühstück jeden Mittwochvormittag im Stadtteilbüro Brauck. Ohne Anmeldung und "
          "kostenlos; das Team des Quartiersmanagements ist ansprechbar und vermittelt bei Bedarf "
          "weiter.",
          "Menschen kommen aus der Wohnung, lernen Nachbarinnen und Nachbarn kennen und erfahren, "
          "welche Hilfen es im Stadtteil gibt.",
          "information", [1, 2], 2,
          languages=["de", "tr", "ar", "bg"], capacity=30, wait_weeks=0,
          funding="Stadt Gladbeck — Stadterneuerung", last_verified="2026-06-11",
          contact_name="Quartiersmanagement"),
    offer("gla-fh-begegnungscafe-brauck", "fluechtlingshilfe-gladbeck", ["gla-loc-fh-brauck"],
          "Begegnungscafé Brauck",
          "Wöchentliches Café für Geflüchtete und Alteingesessene im Gemeindehaus. Ehrenamtliche "
          "helfen bei Briefen, Terminen und den ersten Schritten in Gladbeck. Spielecke für "
          "Kinder.",
          "Geflüchtete knüpfen erste Kontakte außerhalb der Unterkunft und finden "
          "Ansprechpersonen, die weiterhelfen.",
          "information", [1], 2,
          target_groups=["migrants"], languages=["de", "ar", "fa", "uk", "tr"], childcare=True,
          funding=F_SPENDEN, last_verified="2024-06-10", contact_name="Café-Team"),
    offer("gla-fh-begegnungscafe-zweckel", "fluechtlingshilfe-gladbeck", ["gla-loc-fh-zweckel"],
          "Begegnungscafé Zweckel",
          "Treffpunkt am Samstagnachmittag, vor allem für Familien aus der Ukraine und ihre "
          "Nachbarschaft: Kaffee, Kinderspiele, Hilfe bei Alltagsfragen.",
          "Neu Angekommene haben einen festen Ort für Begegnung und erste Fragen.",
          "information", [1], 2,
          target_groups=["migrants"], languages=["de", "uk", "ru"], childcare=True,
          funding=F_SPENDEN, last_verified="2024-06-10", contact_name="Café-Team"),
    offer("gla-jugendamt-streetwork", "stadt-gladbeck-jugendamt",
          ["gla-loc-jugendtreff-butendorf", "gla-loc-jugendzentrum-alt-rentfort"],
          "Aufsuchende Jugendarbeit (Streetwork)",
          "Streetworkerinnen und Streetworker sind in Butendorf und Alt-Rentfort unterwegs und in "
          "den Jugendtreffs erreichbar. Vertraulich, freiwillig, ohne Termin.",
          "Junge Menschen, die von Schule und Ämtern nicht mehr erreicht werden, finden eine "
          "Vertrauensperson und den Weg zurück in Angebote.",
          "counselling", [1], 2,
          target_groups=["young-people"], age_min=14, age_max=27,
          languages=["de", "tr", "ar"], funding=F_STADT, last_verified="2026-05-12",
          contact_name="Team Streetwork"),
    offer("gla-gst-beratung-frauen", "stadt-gladbeck-gleichstellungsstelle",
          ["gla-loc-rathaus-gleichstellung"],
          "Beratung für Frauen in Umbruchsituationen",
          "Vertrauliche Erstberatung der Gleichstellungsstelle für Frauen nach Trennung, "
          "Elternzeit oder der Pflege von Angehörigen: Rechte, Geld, nächste Schritte. Auf "
          "Wunsch mit Dolmetscherin.",
          "Frauen verschaffen sich einen Überblick über ihre Lage und wissen, an wen sie sich als "
          "Nächstes wenden.",
          "counselling", [1, 2], 2,
          target_groups=["women"], genders=["female"], interpreter=True, wait_weeks=1,
          funding=F_STADT, last_verified="2026-06-30", contact_name="Gleichstellungsbeauftragte"),
    offer("gla-fz-brauck-elterncafe", "familienzentrum-brauck", ["gla-loc-fz-brauck"],
          "Elterncafé im Familienzentrum Brauck",
          "Offener Treff für Mütter und Väter mit Kindern unter sechs Jahren, zweimal pro Woche. "
          "Mit Kinderbetreuung; die Mitarbeiterinnen sprechen Deutsch, Türkisch, Arabisch und "
          "Bulgarisch.",
          "Eltern kommen mit anderen Eltern ins Gespräch und lernen das Familienzentrum als "
          "Anlaufstelle kennen.",
          "parenting-support", [1, 2], 2,
          target_groups=["parents"], languages=["de", "tr", "ar", "bg"], childcare=True,
          capacity=20, funding=F_FAMZ, last_verified="2026-05-20", contact_name="Leitung"),
    offer("gla-psz-stabilisierung", "psz-emscher-lippe", ["gla-loc-psz"],
          "Psychosoziale Beratung und Stabilisierung für Geflüchtete",
          "Beratung bei Belastungen nach Flucht und Verfolgung, Stabilisierungsgruppen, "
          "Vermittlung in Psychotherapie. Gespräche in der Muttersprache oder mit geschulten "
          "Sprachmittlerinnen und Sprachmittlern.",
          "Geflüchtete mit fluchtbedingten Belastungen werden stabiler und können wieder an "
          "Kursen und Beratung teilnehmen.",
          "health-support", [1, 2], 2,
          target_groups=["refugees"], languages=["de", "ar", "fa", "ku"], interpreter=True,
          capacity=25, wait_weeks=10, funding="Land NRW — Psychosoziale Zentren für Geflüchtete",
          last_verified="2026-07-07", contact_name="Beratungsteam"),
    offer("gla-caritas-fluechtlingsberatung", "caritas-gladbeck", ["gla-loc-caritas"],
          "Flüchtlings- und Asylverfahrensberatung",
          "Unabhängige Beratung zu Asylverfahren, Aufenthalt, Duldung, Familiennachzug und zum "
          "Zugang zu Arbeit und Sprachkursen.",
          "Geflüchtete kennen ihre aufenthaltsrechtliche Lage und die Möglichkeiten, die sich "
          "daraus für Arbeit und Ausbildung ergeben.",
          "counselling", [1, 2], 2,
          target_groups=["refugees"], residence_statuses=ANY_REFUGEE_STATUS,
          languages=["de", "ar", "fa", "en"], interpreter=True, wait_weeks=2,
          funding="Land NRW / Caritas", last_verified="2026-01-22",
          contact_name="Flüchtlingsberatung"),
    offer("gla-wir-online-erstinfo", "wir-netzwerk-gladbeck", [],
          "WIR online: Erstinformation in sozialen Medien",
          "Mehrsprachige Online-Beratung über Messenger und soziale Medien zu Arbeit, Ausbildung, "
          "Anerkennung und Aufenthalt. Verweist an die WIR-Beratung vor Ort.",
          "Geflüchtete, die (noch) keinen Weg in eine Beratungsstelle finden, bekommen erste "
          "Antworten und einen konkreten Termin vor Ort.",
          "information", [1, 2], 2,
          online=True, target_groups=["refugees"], residence_statuses=WIR_STATUSES,
          excludes_work_ban=["absolute"],
          languages=["de", "ar", "fa", "uk", "tr", "en", "ps", "ti"],
          **WIR_PERIOD, funding=F_WIR, last_verified="2026-09-01", contact_name="Online-Team"),
    offer("gla-frauentreff-nachmittag", "interkultureller-frauentreff-gladbeck",
          ["gla-loc-frauentreff"],
          "Frauennachmittag im Interkulturellen Frauentreff",
          "Offener Nachmittag von Frauen für Frauen: Tee, Gespräche, Handarbeit, Ausflüge. "
          "Selbstorganisiert und ehrenamtlich.",
          "Frauen, die wenig aus dem Haus kommen, finden Anschluss an andere Frauen.",
          "information", [1, 2], 2,
          target_groups=["women", "migrants"], genders=["female"],
          languages=["de", "tr", "ar", "ku", "bg"], childcare=True, funding=F_SPENDEN,
          last_verified="2026-03-30"),
    offer("gla-nachbarschaft-ellinghorst-treff", "nachbarschaftsverein-ellinghorst",
          ["gla-loc-nachbarschaft-ellinghorst"],
          "Offener Nachbarschaftstreff Ellinghorst",
          "Treffpunkt für alle Generationen im Nachbarschaftshaus, dienstags und donnerstags "
          "nachmittags.",
          "Kontakte in der Nachbarschaft, gerade für Menschen, die allein leben.",
          "information", [1], 2,
          funding=F_SPENDEN, last_verified="2023-09-01"),

    # ======================================================================
    # Rung 2 → 3: counselling, courses, organised activities
    # ======================================================================
    offer("gla-jc-fallmanagement", "jobcenter-gladbeck", ["gla-loc-jobcenter"],
          "Beschäftigungsorientiertes Fallmanagement",
          "Intensive Einzelbetreuung für Leistungsberechtigte mit mehreren Hürden, etwa Schulden, "
          "Sucht, Krankheit oder Wohnungsproblemen. Feste Ansprechperson und mehr Zeit pro "
          "Gespräch.",
          "Persönliche Hürden sind geklärt oder in Bearbeitung, und es gibt einen gemeinsam "
          "vereinbarten Plan für die nächsten Schritte Richtung Arbeit.",
          "counselling", [1, 2, 3], 3,
          target_groups=["long-term-unemployed"], age_min=15, age_max=67, interpreter=True,
          funding=F_SGB2, last_verified="2026-10-01", contact_name="Fallmanagement"),
    offer("gla-jc-beratung-alleinerziehende", "jobcenter-gladbeck", ["gla-loc-jobcenter"],
          "Beratung für Alleinerziehende im Jobcenter",
          "Spezialisierte Ansprechpartnerinnen für Alleinerziehende: Kinderbetreuung, "
          "Teilzeitausbildung, Unterhaltsvorschuss, Vereinbarkeit von Familie und Beruf. Kinder "
          "können mitgebracht werden.",
          "Alleinerziehende haben eine tragfähige Betreuungslösung und einen realistischen Plan "
          "für Ausbildung oder Arbeit.",
          "counselling", [1, 2, 3], 3,
          target_groups=["single-parents"], interpreter=True, childcare=True,
          funding=F_SGB2, last_verified="2026-10-01", contact_name="Team Alleinerziehende"),
    offer("gla-mbe-awo", "awo-migrationsberatung-gladbeck", ["gla-loc-awo"],
          "Migrationsberatung für erwachsene Zugewanderte (MBE)",
          "Beratung für Zugewanderte ab 27 Jahren in den ersten Jahren nach der Ankunft: "
          "Integrationskurs, Behörden, Anerkennung, Arbeit, Wohnen und Familie.",
          "Zugewanderte kennen ihre Rechte und Pflichten, sind für einen Integrationskurs "
          "angemeldet und haben einen persönlichen Integrationsplan.",
          "counselling", [1, 2, 3], 3,
          target_groups=["migrants"], age_min=27, languages=["de", "tr", "ar", "ru", "pl"],
          wait_weeks=2, funding=F_BAMF_MBE, last_verified="2026-02-10",
          contact_name="Migrationsberatung"),
    offer("gla-jmd-diakonie", "diakonie-gladbeck", ["gla-loc-jmd"],
          "Jugendmigrationsdienst (JMD)",
          "Beratung und Begleitung junger Zugewanderter von 12 bis 27 Jahren: Schule, Sprachkurs, "
          "Ausbildung und Freizeit, auch in Gruppenangeboten.",
          "Junge Zugewanderte finden den passenden Schul-, Sprach- oder Ausbildungsweg.",
          "counselling", [1, 2, 3], 3,
          target_groups=["migrants"], age_min=12, age_max=27,
          languages=["de", "ar", "fa", "en", "uk"], funding=F_JMD, last_verified="2025-12-05",
          contact_name="Jugendmigrationsdienst"),
    offer("gla-wir-beratung", "wir-netzwerk-gladbeck", ["gla-loc-wir"],
          "WIR-Beratung: Arbeitsmarktberatung für Geflüchtete",
          "Individuelle und langfristige Beratung zu Arbeit, Ausbildung und Schulabschluss für "
          "Geflüchtete mit Aufenthaltserlaubnis, Aufenthaltsgestattung oder Duldung ohne "
          "absolutes Arbeitsverbot; ein befristetes Arbeitsverbot ist kein Hindernis. Besondere "
          "Unterstützung für Menschen mit Behinderung oder fluchtbedingten Erkrankungen; "
          "Familienangehörige können einbezogen werden.",
          "Geflüchtete haben einen stufenweisen Plan in Arbeit, Ausbildung oder Schule und "
          "Zugang zu den Leistungen des Regelsystems.",
          "counselling", [1, 2, 3], 3,
          target_groups=["refugees"], residence_statuses=WIR_STATUSES,
          excludes_work_ban=["absolute"], languages=["de", "ar", "fa", "uk", "tr", "en"],
          interpreter=True, capacity=80, wait_weeks=2, **WIR_PERIOD, funding=F_WIR,
          last_verified="2026-09-01", contact_name="WIR-Beratung"),
    offer("gla-vhs-integrationskurs", "vhs-gladbeck", ["gla-loc-vhs"],
          "Integrationskurs mit Orientierungskurs",
          "Deutschkurs bis Niveau B1 mit Orientierungskurs zu Rechtsordnung, Geschichte und "
          "Kultur. Vormittags an fünf Tagen pro Woche.",
          "Teilnehmende erreichen Deutsch auf B1-Niveau und erhalten das Zertifikat "
          "Integrationskurs.",
          "language-course", [2, 3], 3,
          target_groups=["migrants"], capacity=20, wait_weeks=6,
          cost_description="kostenfrei mit Verpflichtung oder bei Leistungsbezug; sonst "
                           "Kostenbeitrag je Unterrichtsstunde, Befreiung auf Antrag",
          funding=F_BAMF_IK, last_verified="2026-09-30", contact_name="Fachbereich Deutsch"),
    offer("gla-vhs-integrationskurs-frauen", "vhs-gladbeck", ["gla-loc-fz-brauck"],
          "Integrationskurs für Frauen mit Kinderbetreuung",
          "Integrationskurs für Frauen und Mütter im Familienzentrum Brauck, vormittags in "
          "kleineren Gruppen; die Kinder werden im Haus betreut.",
          "Mütter lernen Deutsch bis B1, obwohl sie kleine Kinder betreuen, und lernen dabei die "
          "Angebote im Stadtteil kennen.",
          "language-course", [1, 2, 3], 3,
          target_groups=["migrants"], genders=["female"], childcare=True, capacity=16,
          wait_weeks=10,
          cost_description="kostenfrei mit Verpflichtung oder bei Leistungsbezug; sonst "
                           "Kostenbeitrag je Unterrichtsstunde, Befreiung auf Antrag",
          funding=F_BAMF_IK, last_verified="2026-09-30", contact_name="Fachbereich Deutsch"),
    offer("gla-vhs-alphakurs", "vhs-gladbeck", ["gla-loc-vhs"],
          "Integrationskurs mit Alphabetisierung",
          "Für Zugewanderte, die nicht oder kaum lesen und schreiben können oder die lateinische "
          "Schrift erst lernen müssen. Kleine Gruppen, längere Kursdauer.",
          "Teilnehmende lesen und schreiben in lateinischer Schrift und sprechen Deutsch für den "
          "Alltag.",
          "language-course", [1, 2], 3,
          target_groups=["low-literacy"], capacity=12, wait_weeks=12,
          cost_description="kostenfrei mit Verpflichtung oder bei Leistungsbezug",
          funding=F_BAMF_IK, last_verified="2026-09-30", contact_name="Fachbereich Deutsch"),
    offer("gla-vhs-grundbildung", "vhs-gladbeck", ["gla-loc-vhs", "gla-loc-vhs-rentfort"],
          "Lesen und Schreiben lernen – Grundbildung für Erwachsene",
          "Kleine Gruppen für Erwachsene, die Deutsch sprechen, aber nicht sicher lesen, "
          "schreiben oder rechnen. Vertraulich, kostenfrei, Einstieg jederzeit; auch in der "
          "Außenstelle Rentfort-Nord.",
          "Teilnehmende gehen sicherer mit Formularen, Briefen und Bewerbungen um.",
          "school-education", [1, 2, 3], 3,
          target_groups=["low-literacy"], capacity=10, wait_weeks=0, funding=F_ALPHA,
          last_verified="2026-09-30", contact_name="Grundbildung"),
    offer("gla-vhs-lernportal", "vhs-gladbeck", [],
          "Online lernen mit dem vhs-Lernportal",
          "Kostenlose Online-Kurse für Deutsch (A1 bis B1), Lesen, Schreiben und Rechnen, mit "
          "Begleitung durch Online-Tutorinnen und -Tutoren der VHS. Auch am Smartphone nutzbar.",
          "Selbstständig und zeitlich flexibel weiterlernen, etwa während der Wartezeit auf einen "
          "Kursplatz.",
          "language-course", [2, 3], 3,
          online=True, target_groups=["low-literacy", "migrants"],
          languages=["de", "en", "ar", "tr", "fa", "uk"], funding="DVV / BMBF",
          last_verified="2026-09-30", contact_name="Online-Tutorium"),
    offer("gla-vhs-edv-wiedereinstieg", "vhs-gladbeck", ["gla-loc-vhs"],
          "Computer-Grundlagen für den Wiedereinstieg",
          "Abendkurs mit acht Terminen: Textverarbeitung, E-Mail, Online-Bewerbung und "
          "Videokonferenzen. Für Menschen, die nach einer längeren Pause zurück in den Beruf "
          "wollen.",
          "Teilnehmende arbeiten sicher mit PC und Office-Programmen und schicken eine "
          "Online-Bewerbung selbst ab.",
          "digital-skills", [2, 3], 3,
          cost_eur=89, cost_description="89 € Kursgebühr; Ermäßigung für Leistungsbeziehende "
                                        "auf Antrag",
          capacity=12, wait_weeks=3, valid_from="2026-09-01", funding="Teilnahmegebühren",
          last_verified="2026-09-30", contact_name="Fachbereich EDV"),
    offer("gla-vhs-smartphone-kurs", "vhs-gladbeck", ["gla-loc-vhs-rentfort"],
          "Smartphone sicher nutzen",
          "Einsteigerkurs an vier Vormittagen in Rentfort-Nord: Apps, Online-Termine, Sicherheit "
          "im Netz, Betrugsmaschen erkennen.",
          "Teilnehmende nutzen ihr Smartphone für Termine, Behörden und Bewerbungen und erkennen "
          "Gefahren im Netz.",
          "digital-skills", [1, 2], 3,
          cost_eur=45, cost_description="45 € Kursgebühr", capacity=10, wait_weeks=2,
          funding="Teilnahmegebühren", last_verified="2026-09-30", contact_name="Fachbereich EDV"),
    offer("gla-vhs-deutsch-b2-abend", "vhs-gladbeck", ["gla-loc-vhs"],
          "Deutsch B2 am Abend",
          "Abendkurs für Berufstätige und alle, die tagsüber keine Zeit haben; zwei Abende pro "
          "Woche, ein Semester. Neuer Kurs ab Januar 2027.",
          "Teilnehmende verbessern ihr Deutsch auf B2 und bereiten sich auf die Prüfung vor.",
          "language-course", [2, 3], 3,
          target_groups=["migrants"], cost_eur=160, cost_description="160 € pro Semester",
          capacity=16, valid_from="2027-01-11", valid_until="2027-06-30",
          funding="Teilnahmegebühren", last_verified="2026-09-30",
          contact_name="Fachbereich Deutsch"),
    offer("gla-rebeq-aktivierung", "rebeq", ["gla-loc-rebeq-mitte"],
          "Aktivierungshilfe „Tagesstruktur“",
          "Vier Vormittage pro Woche in Werkstatt und Gruppenraum: feste Zeiten, praktische "
          "Arbeit, Gesundheit, Umgang mit Behörden. Zuweisung durch das Jobcenter.",
          "Teilnehmende haben wieder einen geregelten Tagesablauf und sind bereit für "
          "Qualifizierung oder eine Arbeitsgelegenheit.",
          "counselling", [1, 2], 3,
          target_groups=["long-term-unemployed"], age_min=25, requires_referral_by=JC,
          interpreter=True, capacity=15, wait_weeks=2, funding=F_SGB2,
          last_verified="2026-10-20", contact_name="Team Aktivierung"),
    offer("gla-rebeq-biwaq-digitaltreff", "rebeq",
          ["gla-loc-rebeq-brauck", "gla-loc-rebeq-butendorf"],
          "Digitaltreff im Quartier (BIWAQ)",
          "Offener Treff in Brauck und Butendorf: Hilfe beim Smartphone, bei Online-Anträgen und "
          "E-Mails, einzeln und in kleinen Gruppen. Für Bewohnerinnen und Bewohner von "
          "Stadtmitte, Brauck und Butendorf.",
          "Bewohnerinnen und Bewohner nutzen digitale Medien praktisch und kritisch und finden "
          "über den Treff in weitere BIWAQ-Angebote.",
          "digital-skills", [1, 2], 3,
          neighbourhoods=BIWAQ_AREAS, languages=["de", "tr", "ar"], childcare=True,
          capacity=40, wait_weeks=0, **BIWAQ_PERIOD, funding=F_BIWAQ,
          last_verified="2026-10-20", contact_name="Team BIWAQ"),
    offer("gla-rebeq-biwaq-einzelberatung", "rebeq",
          ["gla-loc-rebeq-mitte", "gla-loc-rebeq-brauck"],
          "Einzelberatung und Kompetenzcheck (BIWAQ)",
          "Persönliche Beratung mit Kompetenzfeststellung, auch der digitalen Kompetenzen – "
          "besonders für Frauen, Alleinerziehende und Menschen mit Migrationsgeschichte aus den "
          "BIWAQ-Stadtteilen.",
          "Teilnehmende kennen ihre Stärken und haben ein Ziel für Qualifizierung oder Arbeit.",
          "counselling", [2, 3], 3,
          target_groups=["women", "single-parents", "migrants", "long-term-unemployed"],
          neighbourhoods=BIWAQ_AREAS, languages=["de", "tr", "ar"], interpreter=True,
          capacity=60, wait_weeks=1, **BIWAQ_PERIOD, funding=F_BIWAQ,
          last_verified="2026-10-20", contact_name="Team BIWAQ"),
    offer("gla-rebeq-biwaq-bewerbungstraining", "rebeq", ["gla-loc-rebeq-butendorf"],
          "Online bewerben – Gruppentraining (BIWAQ)",
          "Sechs Termine in der Gruppe: Stellensuche im Netz, Lebenslauf am PC, Bewerbung per "
          "E-Mail und über Portale, Vorstellungsgespräch per Video.",
          "Teilnehmende haben vollständige digitale Bewerbungsunterlagen und bewerben sich "
          "selbstständig online.",
          "digital-skills", [2, 3], 3,
          neighbourhoods=BIWAQ_AREAS, languages=["de", "tr"], childcare=True, capacity=12,
          wait_weeks=4, **BIWAQ_PERIOD, funding=F_BIWAQ, last_verified="2026-10-20",
          contact_name="Team BIWAQ"),
    offer("gla-ki-bildungsberatung", "kommunales-integrationszentrum-recklinghausen",
          ["gla-loc-rathaus-gleichstellung"],
          "Bildungsberatung für neu zugewanderte junge Menschen",
          "Sprechstunde des Kommunalen Integrationszentrums im Rathaus für 16- bis 27-Jährige: "
          "Schulplatz, Anerkennung von Zeugnissen, Berufskolleg, Sprachkurs. Sprachmittlung "
          "möglich.",
          "Neu zugewanderte junge Menschen finden einen passenden Schul- oder Bildungsplatz.",
          "counselling", [2, 3], 3,
          target_groups=["migrants"], age_min=16, age_max=27,
          languages=["de", "ar", "uk", "bg", "ro"], interpreter=True, wait_weeks=3,
          funding="Land NRW / Kreis Recklinghausen", last_verified="2026-01-15",
          contact_name="Bildungsberatung"),
    offer("gla-jba-beratung-u25", "jugendberufsagentur-gladbeck", ["gla-loc-jba"],
          "Beratung unter 25: Schule, Ausbildung, Job",
          "Gemeinsame Anlaufstelle von Agentur für Arbeit, Jobcenter und Jugendhilfe: eine Tür für "
          "alle Fragen zu Schulabschluss, Ausbildung, Arbeit und Geld.",
          "Junge Menschen haben einen Anschluss nach der Schule und wissen, wer sie auf dem Weg "
          "begleitet.",
          "counselling", [1, 2, 3], 3,
          target_groups=["young-people"], age_min=15, age_max=25, interpreter=True,
          wait_weeks=1, funding="Agentur für Arbeit / Jobcenter / Stadt Gladbeck",
          last_verified="2026-08-08", contact_name="Empfang Jugendberufsagentur"),
    offer("gla-agentur-berufsberatung", "agentur-arbeit-gladbeck", ["gla-loc-agentur"],
          "Berufsberatung vor dem Erwerbsleben",
          "Berufsorientierung, Eignungstests und Ausbildungsvermittlung für Schülerinnen, Schüler "
          "und junge Erwachsene ohne Berufsabschluss.",
          "Junge Menschen kennen ihre beruflichen Möglichkeiten und haben sich für einen "
          "Ausbildungs- oder Studienweg entschieden.",
          "counselling", [2, 3], 3,
          target_groups=["young-people"], age_min=14, age_max=25, wait_weeks=2,
          funding=F_SGB3, last_verified="2026-09-15", contact_name="Berufsberatung"),
    offer("gla-agentur-bca-wiedereinstieg", "agentur-arbeit-gladbeck", ["gla-loc-agentur"],
          "Beratung zum beruflichen Wiedereinstieg (BCA)",
          "Die Beauftragte für Chancengleichheit am Arbeitsmarkt berät Frauen und Männer, die "
          "nach Familienzeit oder Pflege zurück in den Beruf wollen: Förderung, Teilzeit, "
          "Weiterbildung.",
          "Wiedereinsteigende kennen Förder- und Weiterbildungsmöglichkeiten und haben einen Plan "
          "für die Rückkehr in den Beruf.",
          "counselling", [2, 3, 4], 3,
          target_groups=["women-returners", "parents"], wait_weeks=2, funding=F_SGB3,
          last_verified="2026-09-15", contact_name="Beauftragte für Chancengleichheit"),
    offer("gla-agentur-reha-beratung", "agentur-arbeit-gladbeck", ["gla-loc-agentur"],
          "Beratung zur beruflichen Rehabilitation und Teilhabe",
          "Reha-Beratung für Menschen mit Behinderung oder gesundheitlichen Einschränkungen: "
          "Leistungen zur Teilhabe am Arbeitsleben, Hilfsmittel, passende Maßnahmen.",
          "Menschen mit Behinderung wissen, welche Leistungen ihnen zustehen, und haben einen "
          "Eingliederungsplan.",
          "counselling", [1, 2, 3], 3,
          target_groups=["people-with-disabilities"], interpreter=True, wait_weeks=3,
          funding=F_SGB3, last_verified="2026-09-15", contact_name="Reha-Team"),
    offer("gla-nw-infotag", "netzwerk-w-kreis-recklinghausen",
          ["gla-loc-rathaus-gleichstellung"],
          "Infotag Wiedereinstieg",
          "Jährlicher Infotag des Netzwerks W im Rathaus Gladbeck: Beratungsstände von "
          "Arbeitsagentur, Jobcenter, VHS, Kompetenzzentrum und Betrieben, Kurzvorträge, "
          "Kinderbetreuung vor Ort.",
          "Interessierte lernen an einem Tag die Angebote und Ansprechstellen für den "
          "Wiedereinstieg kennen.",
          "information", [2, 3], 3,
          target_groups=["women-returners", "parents"], childcare=True, capacity=80,
          funding=F_NETZWERK_W, last_verified="2026-07-01", contact_name="Netzwerkkoordination"),
    offer("gla-nw-sprechstunde-familienzentrum", "netzwerk-w-kreis-recklinghausen",
          ["gla-loc-fz-rentfort", "gla-loc-fz-butendorf"],
          "Wiedereinstiegs-Sprechstunde im Familienzentrum",
          "Lotsinnen des Netzwerks W beraten Mütter direkt im Familienzentrum, während die Kinder "
          "betreut werden – nach dem Vorbild des Modellprojekts „Neue Wege NRW“.",
          "Mütter bekommen ohne Hürden eine erste Orientierung und eine passende "
          "Anschlussberatung.",
          "counselling", [1, 2, 3], 3,
          target_groups=["women-returners", "parents"], genders=["female"],
          languages=["de", "tr"], childcare=True, wait_weeks=2, funding=F_NETZWERK_W,
          last_verified="2026-07-01", contact_name="Lotsin Wiedereinstieg"),
    offer("gla-nw-online-sprechstunde", "netzwerk-w-kreis-recklinghausen", [],
          "Online-Sprechstunde Wiedereinstieg",
          "Beratung per Video oder Telefon, auch abends. Die Lotsinnen und Lotsen des Netzwerks W "
          "vermitteln an passende Angebote im Kreis.",
          "Wiedereinstiegsinteressierte klären ihre Fragen ohne Anfahrt und erhalten gezielte "
          "Weiterverweise.",
          "counselling", [1, 2, 3], 3,
          online=True, target_groups=["women-returners", "parents"], languages=["de", "en"],
          wait_weeks=1, funding=F_NETZWERK_W, last_verified="2026-07-01",
          contact_name="Netzwerkkoordination"),
    offer("gla-kfb-orientierung", "kompetenzzentrum-frau-und-beruf-emscher-lippe",
          ["gla-loc-rathaus-wifoe"],
          "Orientierungswerkstatt „Zurück in den Beruf“",
          "Fünf Vormittage für Frauen nach der Familienphase: Standortbestimmung, Arbeitsmarkt in "
          "der Emscher-Lippe-Region, Teilzeitmodelle, Gespräche mit Unternehmerinnen.",
          "Frauen wissen, welche Tätigkeit zu ihnen passt, und haben einen nächsten Schritt "
          "vereinbart.",
          "counselling", [2, 3], 3,
          target_groups=["women-returners"], genders=["female"], childcare=True, capacity=14,
          wait_weeks=6, **KFB_PERIOD, funding=F_KFB, last_verified="2026-03-18",
          contact_name="Kompetenzzentrum"),
    offer("gla-fz-rentfort-randzeiten", "familienzentrum-rentfort-nord", ["gla-loc-fz-rentfort"],
          "Randzeitenbetreuung für Kinder von Kursteilnehmenden",
          "Betreuung für Kinder von einem bis sechs Jahren am frühen Morgen und am späten "
          "Nachmittag, während die Eltern einen Kurs oder eine Beratung besuchen.",
          "Eltern können Kurse und Beratungen besuchen, ohne selbst eine Betreuung organisieren "
          "zu müssen.",
          "childcare", [2, 3], 3,
          target_groups=["parents"], childcare=True, capacity=8, wait_weeks=4,
          funding=F_FAMZ, last_verified="2026-02-02", contact_name="Leitung"),
    offer("gla-caritas-schuldnerberatung", "caritas-gladbeck", ["gla-loc-caritas"],
          "Schuldner- und Insolvenzberatung",
          "Beratung bei Schulden, Pfändungsschutzkonto, Verhandlungen mit Gläubigern und "
          "Verbraucherinsolvenz. Wartezeit für Erstgespräche; in Notlagen sofort.",
          "Die finanzielle Lage ist geklärt und stabil genug, um Arbeit oder Qualifizierung "
          "anzugehen.",
          "counselling", [1, 2, 3], 3,
          languages=["de", "tr"], wait_weeks=8, funding="Stadt Gladbeck / Caritas",
          last_verified="2026-01-22", contact_name="Schuldnerberatung"),
    offer("gla-fh-sprachpaten", "fluechtlingshilfe-gladbeck", ["gla-loc-fh-brauck"],
          "Sprachpatenschaften",
          "Ehrenamtliche Sprachpatinnen und -paten üben einmal pro Woche Alltagsdeutsch mit "
          "Zugewanderten – zu Hause, im Café oder in der Stadtbücherei. Ergänzt den "
          "Integrationskurs, ersetzt ihn aber nicht.",
          "Mehr Sicherheit beim Sprechen im Alltag und regelmäßiger Kontakt zu einer festen "
          "Ansprechperson.",
          "language-course", [1, 2], 3,
          target_groups=["migrants"], wait_weeks=6, funding=F_SPENDEN,
          last_verified="2024-06-10", contact_name="Koordination Sprachpatenschaften"),
    offer("gla-fz-butendorf-muettertreff", "familienzentrum-butendorf", ["gla-loc-fz-butendorf"],
          "Internationaler Müttertreff Butendorf",
          "Feste Gruppe für Mütter, die sich wöchentlich trifft: Themen von Gesundheit bis Schule, "
          "Ausflüge im Stadtteil, Kinderbetreuung im Nebenraum.",
          "Mütter nehmen regelmäßig an einer festen Gruppe teil und gewinnen Selbstvertrauen für "
          "weitere Schritte.",
          "parenting-support", [1, 2], 3,
          target_groups=["parents"], genders=["female"], languages=["de", "tr", "ar", "ku"],
          childcare=True, capacity=15, funding=F_FAMZ, last_verified="2025-03-14",
          contact_name="Leitung"),

    # ======================================================================
    # Rung 3 → 4: unpaid work — volunteering, internships, work opportunities
    # ======================================================================
    offer("gla-ehrenamtsagentur-vermittlung", "ehrenamtsagentur-gladbeck", ["gla-loc-ehrenamt"],
          "Vermittlung ins Ehrenamt",
          "Beratung und Vermittlung in passende ehrenamtliche Tätigkeiten bei Vereinen und "
          "Einrichtungen in ganz Gladbeck; Ehrenamtsnachweis für Bewerbungen.",
          "Menschen finden eine sinnvolle Aufgabe, sammeln Erfahrungen und erhalten einen "
          "Nachweis für Bewerbungen.",
          "volunteering", [2, 3], 4,
          wait_weeks=1, funding=F_STADT, last_verified="2026-05-05",
          contact_name="Ehrenamtsberatung"),
    offer("gla-ehrenamtsagentur-freiwilligendienste", "ehrenamtsagentur-gladbeck",
          ["gla-loc-ehrenamt"],
          "Freiwilligendienste (BFD und FSJ)",
          "Beratung und Vermittlung in den Bundesfreiwilligendienst und das Freiwillige Soziale "
          "Jahr, zum Beispiel in Kitas, Pflegeeinrichtungen oder Sportvereinen. Mit Taschengeld "
          "und Bildungstagen.",
          "Sechs bis achtzehn Monate Praxis in einem Berufsfeld – oft der Einstieg in eine "
          "Ausbildung.",
          "volunteering", [2, 3], 4,
          age_min=16, wait_weeks=4, funding="BMFSFJ — Freiwilligendienste",
          last_verified="2026-05-05", contact_name="Freiwilligendienste"),
    offer("gla-fh-ehrenamt-sprachmittlung", "fluechtlingshilfe-gladbeck", ["gla-loc-fh-brauck"],
          "Ehrenamtlich übersetzen und begleiten",
          "Zugewanderte mit guten Deutschkenntnissen begleiten neu Angekommene zu Terminen und "
          "übersetzen. Mit Schulung und Ehrenamtsnachweis.",
          "Die eigene Mehrsprachigkeit als Stärke einsetzen und Erfahrungen sammeln, die im "
          "Lebenslauf zählen.",
          "volunteering", [3], 4,
          target_groups=["migrants"], languages=["de", "ar", "fa", "uk", "tr"],
          funding=F_SPENDEN, last_verified="2024-06-10", contact_name="Koordination Ehrenamt"),
    offer("gla-fz-butendorf-elternbegleitung", "familienzentrum-butendorf",
          ["gla-loc-fz-butendorf"],
          "Elternbegleiterinnen und Elternbegleiter im Stadtteil",
          "Eltern werden geschult und unterstützen andere Familien ehrenamtlich bei Fragen zu "
          "Kita, Schule und Bildungsangeboten.",
          "Eltern übernehmen eine verantwortliche Aufgabe im Stadtteil und stärken ihr "
          "Selbstvertrauen.",
          "volunteering", [3], 4,
          target_groups=["parents"], languages=["de", "tr", "ar"], childcare=True, capacity=10,
          funding=F_FAMZ, last_verified="2025-03-14", contact_name="Leitung"),
    offer("gla-rebeq-agh-sozialkaufhaus", "rebeq", ["gla-loc-rebeq-mitte"],
          "Arbeitsgelegenheit im Sozialkaufhaus",
          "Mitarbeit im Sozialkaufhaus in Verkauf, Lager und Möbelaufbereitung, bis zu 30 Stunden "
          "pro Woche, mit Mehraufwandsentschädigung und sozialpädagogischer Begleitung. "
          "Zuweisung durch das Jobcenter.",
          "Arbeitsalltag erproben, Zuverlässigkeit zeigen und Referenzen für Bewerbungen gewinnen.",
          "work-experience", [2, 3], 4,
          target_groups=["long-term-unemployed"], age_min=25, requires_referral_by=JC,
          capacity=20, wait_weeks=1, funding=F_SGB2, last_verified="2026-10-20",
          contact_name="Team Arbeitsgelegenheiten"),
    offer("gla-rebeq-biwaq-praktikum", "rebeq", ["gla-loc-rebeq-brauck"],
          "Betriebspraktikum in Braucker Unternehmen (BIWAQ)",
          "Vermittlung in Praktika bei Unternehmen des BUG-Zusammenschlusses, begleitet von den "
          "BIWAQ-Jobcoaches. Für Bewohnerinnen und Bewohner von Stadtmitte, Brauck und Butendorf.",
          "Teilnehmende lernen einen Betrieb im eigenen Stadtteil kennen und empfehlen sich für "
          "eine Einstellung.",
          "work-experience", [3], 4,
          neighbourhoods=BIWAQ_AREAS, languages=["de", "tr"], capacity=25, wait_weeks=3,
          **BIWAQ_PERIOD, funding=F_BIWAQ, last_verified="2026-10-20",
          contact_name="Team BIWAQ"),
    offer("gla-wir-betriebsnahe-aktivierung", "wir-netzwerk-gladbeck", ["gla-loc-wir"],
          "Betriebsnahe Aktivierung und Praktikum (WIR)",
          "Praktika und Probearbeit in Betrieben, begleitet von WIR-Beratenden als fester "
          "Ansprechperson für Teilnehmende und Betriebe; Klärung der Beschäftigungserlaubnis.",
          "Geflüchtete sammeln Praxiserfahrung in einem Betrieb und haben eine Perspektive auf "
          "Ausbildung oder Anstellung.",
          "work-experience", [3], 4,
          target_groups=["refugees"], residence_statuses=WIR_STATUSES,
          excludes_work_ban=["absolute"], languages=["de", "ar", "fa", "uk", "tr", "en"],
          interpreter=True, capacity=30, wait_weeks=3, **WIR_PERIOD, funding=F_WIR,
          last_verified="2026-09-01", contact_name="WIR-Beratung"),
    offer("gla-kfb-hospitation", "kompetenzzentrum-frau-und-beruf-emscher-lippe",
          ["gla-loc-modehaus", "gla-loc-pflege"],
          "Hospitation in familienfreundlichen Betrieben",
          "Ein- bis vierwöchige Hospitationen in Unternehmen aus dem Netzwerk des "
          "Kompetenzzentrums, mit Vor- und Nachbereitung.",
          "Frauen erleben den heutigen Arbeitsalltag in ihrem Berufsfeld und knüpfen direkten "
          "Kontakt zu Arbeitgebern.",
          "work-experience", [3], 4,
          target_groups=["women-returners"], genders=["female"], capacity=10, wait_weeks=4,
          **KFB_PERIOD, funding=F_KFB, last_verified="2026-03-18",
          contact_name="Kompetenzzentrum"),
    offer("gla-rebeq-jugendwerkstatt", "rebeq", ["gla-loc-rebeq-mitte"],
          "Jugendwerkstatt „Werkstatt Zukunft“",
          "Praxisnahe Förderung in Holz, Metall, Hauswirtschaft und Lager mit Lernförderung und "
          "sozialpädagogischer Begleitung, für junge Menschen ohne Ausbildungsplatz. Zugang über "
          "Jobcenter oder Jugendberufsagentur.",
          "Junge Menschen finden Tagesstruktur und Berufsorientierung und sind bereit für "
          "Praktikum, Einstiegsqualifizierung oder Ausbildung.",
          "work-experience", [2, 3], 4,
          target_groups=["young-people"], age_min=16, age_max=25,
          requires_referral_by=["jobcenter-gladbeck", "jugendberufsagentur-gladbeck"],
          capacity=18, wait_weeks=3, funding=F_SGB2, last_verified="2026-10-20",
          contact_name="Jugendwerkstatt"),
    offer("gla-agentur-bvb", "agentur-arbeit-gladbeck", ["gla-loc-rebeq-mitte"],
          "Berufsvorbereitende Bildungsmaßnahme (BvB)",
          "Bis zu zehn Monate Berufsorientierung und Betriebspraktika, auf Wunsch mit Vorbereitung "
          "auf den Hauptschulabschluss; durchgeführt bei rebeq. Zuweisung über die "
          "Berufsberatung.",
          "Junge Menschen sind ausbildungsreif, haben Praxiserfahrung und gegebenenfalls den "
          "Hauptschulabschluss.",
          "qualification", [2, 3], 4,
          target_groups=["young-people"], age_min=15, age_max=25, requires_referral_by=AA,
          capacity=24, wait_weeks=4, funding=F_SGB3, last_verified="2026-09-15",
          contact_name="Berufsberatung"),
    offer("gla-vhs-berufssprachkurs", "vhs-gladbeck", ["gla-loc-vhs"],
          "Berufssprachkurs B1–B2 mit Praxisphase",
          "Berufsbezogenes Deutsch mit Fachwortschatz, Kommunikation am Arbeitsplatz und einem "
          "vierwöchigen Betriebspraktikum. Teilnahme mit Berechtigung von Jobcenter oder Agentur "
          "für Arbeit.",
          "Teilnehmende erreichen Deutsch auf B2-Niveau im Beruf und sammeln erste Praxis in "
          "einem Betrieb.",
          "language-course", [3], 4,
          target_groups=["migrants"], requires_referral_by=["jobcenter-gladbeck",
                                                            "agentur-arbeit-gladbeck"],
          capacity=18, wait_weeks=8, funding=F_BAMF_DEUFOEV, last_verified="2026-09-30",
          contact_name="Fachbereich Deutsch"),
    offer("gla-wbk-abendrealschule", "weiterbildungskolleg-gladbeck", ["gla-loc-wbk"],
          "Abendrealschule: Schulabschluss nachholen",
          "Hauptschulabschluss und mittlerer Schulabschluss (Fachoberschulreife) am Abend für "
          "Erwachsene ab 18 Jahren; kostenfrei, Einstieg zum Halbjahr.",
          "Teilnehmende holen einen Hauptschul- oder mittleren Schulabschluss nach.",
          "school-education", [2, 3], 3,
          target_groups=["early-school-leavers", "migrants"], age_min=18, capacity=25,
          wait_weeks=12, funding="Land NRW — Weiterbildungskolleg", last_verified="2026-02-20",
          contact_name="Sekretariat"),
    offer("gla-vhs-schulabschluss", "vhs-gladbeck", ["gla-loc-vhs"],
          "Schulabschlusslehrgang für junge Erwachsene",
          "Lehrgang am Vormittag zum Hauptschulabschluss nach Klasse 9 oder 10, mit "
          "Bewerbungstraining; für 16- bis 25-Jährige.",
          "Junge Menschen holen den Hauptschulabschluss nach und haben Bewerbungsunterlagen.",
          "school-education", [2, 3], 3,
          target_groups=["early-school-leavers"], age_min=16, age_max=25, capacity=18,
          wait_weeks=8, funding="Land NRW / ESF Plus", last_verified="2026-09-30",
          contact_name="Fachbereich Schulabschlüsse"),

    # ======================================================================
    # Rung 4 → 5: paid work with support
    # ======================================================================
    offer("gla-jc-teilhabe-16i", "jobcenter-gladbeck", ["gla-loc-jobcenter"],
          "Teilhabe am Arbeitsmarkt (§ 16i SGB II)",
          "Sozialversicherungspflichtige Beschäftigung bei Arbeitgebern in Gladbeck mit "
          "Lohnkostenzuschuss und begleitendem Coaching, bis zu fünf Jahre. Für Menschen ab 25 "
          "Jahren, die seit vielen Jahren Leistungen beziehen.",
          "Eine bezahlte Arbeitsstelle mit Begleitung und die Chance auf Übernahme.",
          "employment", [3, 4], 5,
          target_groups=["long-term-unemployed"], age_min=25, requires_referral_by=JC,
          capacity=30, wait_weeks=12, funding=F_SGB2, last_verified="2026-10-01",
          contact_name="Arbeitgeberservice"),
    offer("gla-jc-eingliederung-16e", "jobcenter-gladbeck", ["gla-loc-jobcenter"],
          "Eingliederung von Langzeitarbeitslosen (§ 16e SGB II)",
          "Zwei Jahre gefördertes Arbeitsverhältnis mit Coaching für Menschen, die mindestens "
          "zwei Jahre arbeitslos sind.",
          "Dauerhafter Einstieg in Arbeit über ein gefördertes Arbeitsverhältnis.",
          "employment", [4], 5,
          target_groups=["long-term-unemployed"], requires_referral_by=JC, capacity=20,
          wait_weeks=8, funding=F_SGB2, last_verified="2026-10-01",
          contact_name="Arbeitgeberservice"),
    offer("gla-rebeq-biwaq-jobcoaching", "rebeq",
          ["gla-loc-rebeq-mitte", "gla-loc-rebeq-brauck", "gla-loc-rebeq-butendorf"],
          "Jobcoaching „Aktiv und digital“ (BIWAQ)",
          "Individuelles Coaching bis zur Arbeitsaufnahme und darüber hinaus: Bewerbung, "
          "Vorstellungsgespräch, Kontakt zu Betrieben im Stadtteil, Begleitung in den ersten "
          "Monaten. Zuweisung über das Jobcenter.",
          "Teilnehmende nehmen eine sozialversicherungspflichtige Beschäftigung auf, oft im "
          "eigenen Stadtteil, und werden dabei begleitet.",
          "job-coaching", [3, 4], 5,
          target_groups=["women", "single-parents", "migrants", "long-term-unemployed"],
          neighbourhoods=BIWAQ_AREAS, requires_referral_by=JC, languages=["de", "tr", "ar"],
          childcare=True, capacity=40, wait_weeks=2, **BIWAQ_PERIOD, funding=F_BIWAQ,
          last_verified="2026-10-20", contact_name="Team BIWAQ"),
    offer("gla-rebeq-erfahrung-zaehlt", "rebeq", ["gla-loc-rebeq-mitte"],
          "Erfahrung zählt – Coaching ab 50",
          "Einzelcoaching mit Aktivierungs- und Vermittlungsgutschein (AVGS) für Arbeitsuchende "
          "ab 50: Erfahrung sichtbar machen, Gesundheit, passende Stellen, Ansprache von "
          "Betrieben.",
          "Ältere Arbeitsuchende finden eine Stelle, die zu ihrer Erfahrung und Gesundheit passt.",
          "job-coaching", [3, 4], 5,
          target_groups=["older-jobseekers"], age_min=50,
          requires_referral_by=["jobcenter-gladbeck", "agentur-arbeit-gladbeck"],
          capacity=12, wait_weeks=2, funding="AVGS (§ 45 SGB III)",
          last_verified="2026-10-20", contact_name="Team Coaching"),
    offer("gla-ip-beratung", "integration-point-recklinghausen", ["gla-loc-jobcenter"],
          "Integration Point: Beratung und Vermittlung für Geflüchtete",
          "Gemeinsame Anlaufstelle von Agentur für Arbeit und Jobcenter für Geflüchtete: Klärung "
          "von Qualifikationen, Sprachkursplanung, Vermittlung in Ausbildung und Arbeit. "
          "Sprechstunde im Jobcenter Gladbeck.",
          "Geflüchtete mit Arbeitsmarktzugang erhalten ein Vermittlungsangebot in Arbeit oder "
          "Ausbildung.",
          "job-coaching", [3, 4], 5,
          target_groups=["refugees"], residence_statuses=WIR_STATUSES,
          excludes_work_ban=["absolute"], languages=["de", "ar", "en", "fa"], interpreter=True,
          wait_weeks=3, funding="Agentur für Arbeit / Jobcenter", last_verified="2026-06-15",
          contact_name="Integration Point"),
    offer("gla-wir-vermittlung", "wir-netzwerk-gladbeck", ["gla-loc-wir"],
          "Vermittlung in Ausbildung und Arbeit (WIR)",
          "WIR-Beratende begleiten den Bewerbungsprozess, klären die Beschäftigungserlaubnis und "
          "Fragen der Betriebe und vermitteln in Ausbildung oder Arbeit.",
          "Aufnahme einer Ausbildung oder Beschäftigung, mit weiterer Begleitung.",
          "job-coaching", [4], 5,
          target_groups=["refugees"], residence_statuses=WIR_STATUSES,
          excludes_work_ban=["absolute"], languages=["de", "ar", "fa", "uk", "tr", "en"],
          interpreter=True, capacity=40, wait_weeks=2, **WIR_PERIOD, funding=F_WIR,
          last_verified="2026-09-01", contact_name="WIR-Beratung"),
    offer("gla-hwk-eq", "hwk-muenster", ["gla-loc-rathaus-wifoe"],
          "Einstiegsqualifizierung (EQ) im Handwerk",
          "Sechs- bis zwölfmonatiges vergütetes Langzeitpraktikum in einem Handwerksbetrieb als "
          "Brücke in die Ausbildung; Beratung und Vermittlung durch die Handwerkskammer, "
          "Sprechtag im Rathaus.",
          "Junge Menschen bewähren sich im Betrieb und steigen häufig direkt in eine Ausbildung "
          "ein.",
          "work-experience", [3, 4], 5,
          target_groups=["young-people", "refugees"], age_min=16, age_max=35, wait_weeks=4,
          funding=F_SGB3, last_verified="2026-03-03", contact_name="Ausbildungsberatung"),
    offer("gla-agentur-teilzeitausbildung", "agentur-arbeit-gladbeck", ["gla-loc-agentur"],
          "Teilzeitausbildung für Mütter und Väter",
          "Beratung und Vermittlung in eine Berufsausbildung in Teilzeit, die sich mit der "
          "Kinderbetreuung vereinbaren lässt; Unterstützung bei der Suche nach Betrieben.",
          "Eltern beginnen eine Berufsausbildung, die zu ihrer Familiensituation passt.",
          "qualification", [3, 4], 5,
          target_groups=["parents"], age_max=45, wait_weeks=4, funding=F_SGB3,
          last_verified="2026-09-15", contact_name="Beauftragte für Chancengleichheit"),
    offer("gla-ifd-unterstuetzte-beschaeftigung", "integrationsfachdienst-emscher-lippe",
          ["gla-loc-agentur"],
          "Unterstützte Beschäftigung (InbeQ)",
          "Individuelle betriebliche Qualifizierung direkt am Arbeitsplatz für Menschen mit "
          "Behinderung, mit Jobcoach; Zugang über die Reha-Beratung der Agentur für Arbeit.",
          "Ein sozialversicherungspflichtiger Arbeitsplatz mit Unterstützung, der zur "
          "Beeinträchtigung passt.",
          "job-coaching", [3, 4], 5,
          target_groups=["people-with-disabilities"], requires_referral_by=AA, capacity=8,
          wait_weeks=6, funding=F_INKLUSION, last_verified="2025-10-01",
          contact_name="Jobcoaching"),
    offer("gla-agentur-bildungsgutschein", "agentur-arbeit-gladbeck", ["gla-loc-agentur"],
          "Bildungsgutschein für Weiterbildung und Umschulung",
          "Förderung einer zertifizierten Weiterbildung oder Umschulung bei einem Bildungsträger "
          "nach Wahl; Lehrgangskosten, Fahrtkosten und gegebenenfalls Kinderbetreuungskosten "
          "werden übernommen.",
          "Einen anerkannten Berufsabschluss oder eine gefragte Zusatzqualifikation erwerben.",
          "study-fund", [3, 4], 5,
          requires_referral_by=["agentur-arbeit-gladbeck", "jobcenter-gladbeck"],
          wait_weeks=4, funding=F_SGB3, last_verified="2026-09-15",
          contact_name="Arbeitsvermittlung"),
    offer("gla-kfb-mentoring", "kompetenzzentrum-frau-und-beruf-emscher-lippe",
          ["gla-loc-rathaus-wifoe"],
          "Mentoring für Frauen auf dem Weg in den Beruf",
          "Einjähriges Tandem mit einer berufserfahrenen Mentorin aus einem Unternehmen der "
          "Region, ergänzt durch Workshops; für Wiedereinsteigerinnen und zugewanderte "
          "Akademikerinnen. Treffen vor Ort oder online.",
          "Frauen bauen berufliche Kontakte auf und steigen in eine qualifizierte Stelle ein.",
          "job-coaching", [3, 4], 5,
          online=True, target_groups=["women-returners", "highly-qualified-migrants"],
          genders=["female"], languages=["de", "en"], capacity=15, wait_weeks=8,
          **KFB_MENTORING_PERIOD, funding=F_KFB, last_verified="2026-03-18",
          contact_name="Kompetenzzentrum"),
    offer("gla-ihk-anerkennung", "ihk-nord-westfalen", ["gla-loc-rathaus-wifoe"],
          "Anerkennungsberatung für ausländische Berufsabschlüsse",
          "Beratung zur Anerkennung ausländischer Berufsabschlüsse in IHK-Berufen und Begleitung "
          "des Antrags; Sprechtag in Gladbeck oder per Video.",
          "Zugewanderte wissen, ob und wie ihr Abschluss anerkannt wird, und können sich auf "
          "Stellen in ihrem Beruf bewerben.",
          "counselling", [3, 4, 5], 5,
          online=True, target_groups=["migrants"], languages=["de", "en", "ar", "ru"],
          cost_description="Beratung kostenfrei; für das Anerkennungsverfahren selbst fällt "
                           "eine Gebühr an",
          wait_weeks=3, funding="IHK / Anerkennungsgesetz", last_verified="2026-04-28",
          contact_name="Anerkennungsberatung"),

    # ======================================================================
    # Rung 5 → 6: paid work
    # ======================================================================
    offer("gla-rebeq-beschaeftigungsbegleitung", "rebeq", ["gla-loc-rebeq-mitte"],
          "Beschäftigungsbegleitendes Coaching",
          "Coaching während einer geförderten Beschäftigung nach § 16i oder § 16e SGB II: "
          "Konflikte lösen, Familie und Arbeit vereinbaren, Übergang in ungeförderte Arbeit "
          "vorbereiten.",
          "Die Beschäftigung hält, und der Übergang in ein ungefördertes Arbeitsverhältnis "
          "gelingt.",
          "job-coaching", [5], 6,
          target_groups=["long-term-unemployed"], requires_referral_by=JC, capacity=30,
          wait_weeks=0, funding=F_SGB2, last_verified="2026-10-20",
          contact_name="Team Coaching"),
    offer("gla-wir-nachbetreuung", "wir-netzwerk-gladbeck", ["gla-loc-wir"],
          "Begleitung nach Arbeits- oder Ausbildungsbeginn (WIR)",
          "Weiterbegleitung nach dem Start in Arbeit oder Ausbildung, damit es nicht zum Abbruch "
          "kommt; Ansprechperson auch für Betriebe und Berufsschulen.",
          "Arbeit oder Ausbildung werden gehalten und erfolgreich abgeschlossen.",
          "job-coaching", [5], 6,
          target_groups=["refugees"], residence_statuses=WIR_STATUSES,
          excludes_work_ban=["absolute"], languages=["de", "ar", "fa", "uk", "tr", "en"],
          interpreter=True, **WIR_PERIOD, funding=F_WIR, last_verified="2026-09-01",
          contact_name="WIR-Beratung"),
    offer("gla-agentur-asa-flex", "agentur-arbeit-gladbeck", ["gla-loc-agentur"],
          "Assistierte Ausbildung (AsA flex)",
          "Begleitung vor und während der Ausbildung: Nachhilfe, Prüfungsvorbereitung, "
          "Unterstützung bei Problemen im Betrieb oder zu Hause.",
          "Die Ausbildung wird erfolgreich abgeschlossen.",
          "job-coaching", [5], 6,
          target_groups=["young-people"], age_max=35,
          requires_referral_by=["agentur-arbeit-gladbeck", "jobcenter-gladbeck"],
          capacity=20, wait_weeks=2, funding=F_SGB3, last_verified="2026-09-15",
          contact_name="Berufsberatung"),
    offer("gla-ifd-begleitung", "integrationsfachdienst-emscher-lippe", ["gla-loc-agentur"],
          "Begleitung schwerbehinderter Beschäftigter",
          "Beratung und Begleitung für schwerbehinderte Beschäftigte und ihre Arbeitgeber: "
          "Arbeitsplatzgestaltung, Konflikte, Sicherung des Arbeitsplatzes.",
          "Der Arbeitsplatz ist dauerhaft gesichert.",
          "job-coaching", [5], 6,
          target_groups=["people-with-disabilities"], wait_weeks=3, funding=F_INKLUSION,
          last_verified="2025-10-01", contact_name="Fachberatung"),
    offer("gla-bug-arbeitsplaetze", "bug-brauck", ["gla-loc-bug"],
          "Offene Stellen in Braucker Betrieben",
          "Die Mitgliedsbetriebe von BUG melden gemeinsam offene Stellen in Produktion, Handwerk, "
          "Logistik und Büro; Bewerbungen aus dem Stadtteil sind ausdrücklich erwünscht.",
          "Eine Arbeitsstelle in der Nähe des Wohnorts.",
          "employment", [4, 5], 6,
          languages=["de", "tr"], funding="", last_verified="2026-04-02",
          contact_name="BUG-Geschäftsstelle"),
    offer("gla-emp-pflegehilfe", "pflegedienst-lindenhof", ["gla-loc-pflege"],
          "Einstieg in die Pflege: Pflegehelferin / Pflegehelfer",
          "Festanstellung im ambulanten Pflegedienst in Teil- oder Vollzeit, mit bezahlter "
          "Basisqualifizierung und Einarbeitung; Dienstzeiten familienfreundlich planbar. "
          "Fiktives Beispiel.",
          "Eine unbefristete Stelle in der Pflege mit Aussicht auf eine Ausbildung zur "
          "Pflegefachkraft.",
          "employment", [4, 5], 6,
          age_min=18, languages=["de", "pl"], capacity=4, funding="",
          last_verified="2026-09-09", contact_name="Pflegedienstleitung"),
    offer("gla-emp-logistik", "emscher-logistik-zweckel", ["gla-loc-logistik"],
          "Lagerhelferin / Lagerhelfer mit Staplerschein",
          "Einstellung nach Probearbeit im Lager in Zweckel; der Staplerschein wird im Betrieb "
          "erworben. Schichtarbeit. Fiktives Beispiel.",
          "Eine sozialversicherungspflichtige Vollzeitstelle.",
          "employment", [4, 5], 6,
          age_min=18, capacity=6, funding="", last_verified="2026-07-17",
          contact_name="Personalabteilung"),
    offer("gla-emp-modehaus-teilzeit", "modehaus-hochstrasse", ["gla-loc-modehaus"],
          "Teilzeitstellen im Verkauf",
          "Verkäuferinnen und Verkäufer in Teilzeit mit festen Vormittagsschichten, passend zu "
          "Kita- und Schulzeiten; Quereinstieg möglich. Fiktives Beispiel.",
          "Eine Teilzeitstelle, die sich mit der Familie vereinbaren lässt.",
          "employment", [4, 5], 6,
          capacity=2, funding="", last_verified="2025-02-11", contact_name="Filialleitung"),
    offer("gla-hwk-vermittlung", "hwk-muenster", ["gla-loc-rathaus-wifoe"],
          "Ausbildungs- und Stellenvermittlung im Handwerk",
          "Die Handwerkskammer bringt Bewerberinnen und Bewerber – auch Geflüchtete – mit "
          "Handwerksbetrieben zusammen, die Auszubildende oder Fachkräfte suchen.",
          "Ein Ausbildungs- oder Arbeitsvertrag in einem Handwerksbetrieb.",
          "employment", [4, 5], 6,
          target_groups=["young-people", "refugees"], languages=["de", "en", "ar"],
          wait_weeks=2, funding="Handwerkskammer / BMWK", last_verified="2026-03-03",
          contact_name="Ausbildungsvermittlung"),
    offer("gla-wifoe-gruendung", "stadt-gladbeck-wirtschaftsfoerderung", ["gla-loc-rathaus-wifoe"],
          "Gründungsberatung der Wirtschaftsförderung",
          "Erstberatung zu Geschäftsidee, Businessplan, Finanzierung und Fördermitteln; Kontakt zu "
          "Banken und Kammern.",
          "Eine tragfähige Selbstständigkeit im Haupt- oder Nebenerwerb.",
          "entrepreneurship", [4, 5], 6,
          languages=["de", "en", "tr"], wait_weeks=2, funding=F_STADT,
          last_verified="2026-08-20", contact_name="Gründungsberatung"),
    offer("gla-kfb-jobboerse", "kompetenzzentrum-frau-und-beruf-emscher-lippe", [],
          "Online-Jobbörse familienfreundlicher Arbeitgeber",
          "Stellenangebote von Unternehmen der Emscher-Lippe-Region, die Teilzeit, flexible "
          "Arbeitszeiten und den Wiedereinstieg aktiv unterstützen.",
          "Eine Stelle bei einem Arbeitgeber, der Familie und Beruf vereinbar macht.",
          "employment", [4, 5], 6,
          online=True, target_groups=["women-returners", "parents"], **KFB_PERIOD,
          funding=F_KFB, last_verified="2026-03-18", contact_name="Kompetenzzentrum"),
    offer("gla-wifoe-biwaq-digitalcoaching", "stadt-gladbeck-wirtschaftsfoerderung",
          ["gla-loc-rathaus-wifoe"],
          "Digitalcoaching für kleine Betriebe im Quartier (BIWAQ)",
          "Kostenfreie Beratung für Kleinstunternehmen, Einzelhandel und Heilberufe aus "
          "Stadtmitte, Brauck und Butendorf: Website, Online-Terminvergabe, sichere digitale "
          "Abläufe.",
          "Selbstständige und kleine Betriebe sichern ihr Geschäft durch digitale Sichtbarkeit "
          "und Abläufe.",
          "entrepreneurship", [5, 6], 6,
          neighbourhoods=BIWAQ_AREAS, wait_weeks=2, **BIWAQ_PERIOD, funding=F_BIWAQ,
          last_verified="2026-08-20", contact_name="Team BIWAQ Wirtschaft"),

    # ======================================================================
    # Ended programmes: kept in the map so that routing shows them as inactive
    # and network coaches see what the funding cliff of 2022 took away.
    # ======================================================================
    offer("gla-biwaq4-jobcoaching", "rebeq",
          ["gla-loc-rebeq-mitte", "gla-loc-rebeq-brauck", "gla-loc-rebeq-butendorf"],
          "Jobcoaching „Aktiv und digital in Gladbeck 4.0“ (BIWAQ IV)",
          "Einzelberatungen, Gruppenangebote und Jobcoaching mit Schwerpunkt auf dem praktischen "
          "und kritischen Umgang mit digitalen Medien; besonders für Frauen, Alleinerziehende und "
          "Menschen mit Migrationsgeschichte. Geplant waren 200 Teilnehmende bis Dezember 2022. "
          "Projekt beendet.",
          "Wiedereinstieg in Arbeit mit digitalen Kompetenzen für Bewerbung und Beruf.",
          "job-coaching", [3, 4], 5,
          target_groups=["women", "single-parents", "migrants"], neighbourhoods=BIWAQ_AREAS,
          requires_referral_by=JC, capacity=200, **BIWAQ4_PERIOD, funding=F_BIWAQ4,
          last_verified="2022-11-15", contact_name="Team BIWAQ"),
    offer("gla-biwaq4-digitale-akademie", "stadt-gladbeck-wirtschaftsfoerderung",
          ["gla-loc-rathaus-wifoe"],
          "Digitale Akademie für kleine und mittlere Unternehmen (BIWAQ IV)",
          "Veranstaltungsreihe ab März 2020: digitale Werkzeuge und Techniken für kleine und "
          "mittlere Unternehmen und Heilberufe erklären und ausprobieren. Projekt beendet.",
          "Betriebe etablieren sichere digitale Prozesse und bleiben wettbewerbsfähig.",
          "entrepreneurship", [5, 6], 6,
          valid_from="2020-03-01", valid_until="2022-12-31", funding=F_BIWAQ4,
          last_verified="2022-10-01", contact_name="Team BIWAQ Wirtschaft"),
    offer("gla-biwaq3-qualifizierung", "rebeq", ["gla-loc-rebeq-brauck"],
          "Qualifizierung im Quartier (BIWAQ III)",
          "Qualifizierung und Praktika für Langzeitarbeitslose aus den Erneuerungsgebieten in der "
          "vorletzten BIWAQ-Förderperiode. Projekt beendet; Inhalte und Daten illustrativ.",
          "Praxiserfahrung und Qualifizierung als Schritt in Arbeit.",
          "qualification", [2, 3], 4,
          target_groups=["long-term-unemployed"], neighbourhoods=BIWAQ_AREAS,
          valid_from="2015-01-01", valid_until="2018-12-31", funding=F_BIWAQ3,
          last_verified="2018-11-30", contact_name="Team BIWAQ"),
    offer("gla-ivaf-arbeitsmarktzugang", "caritas-gladbeck", ["gla-loc-caritas"],
          "IvAF: Arbeitsmarktzugang für Geflüchtete",
          "Beratung und Qualifizierung für Asylsuchende und Geduldete mit Arbeitsmarktzugang im "
          "Handlungsschwerpunkt IvAF, dem Vorläufer des WIR-Programms. Projekt beendet; "
          "Laufzeit illustrativ.",
          "Arbeitsmarktorientierte Beratung und Qualifizierung mit dem Ziel Ausbildung oder "
          "Arbeit.",
          "counselling", [2, 3], 4,
          target_groups=["refugees"], residence_statuses=["asylum-seeker", "tolerated"],
          excludes_work_ban=["absolute"], languages=["de", "ar", "fa", "en"], interpreter=True,
          valid_from="2015-07-01", valid_until="2022-06-30", funding=F_IVAF,
          last_verified="2022-05-20", contact_name="Flüchtlingsberatung"),
]


# --------------------------------------------------------------------------
# Referral links
# --------------------------------------------------------------------------

#: (from, to, kind, since, last_confirmed, note).  Links between organisations
#: come from the seeds (BIWAQ cooperation, WIR network with its mandatory
#: Jobcenter/Agentur partners, Netzwerk W members); links between offers are
#: the warm handovers a Lotsin would use.  A few are unconfirmed for more than
#: twelve months (stale).
REFERRAL_LINKS: list[tuple[str, str, str, str, str, str]] = [
    # --- BIWAQ: Jobcenter ↔ Wirtschaftsförderung ↔ rebeq ↔ BUG (seed 003) ---
    ("jobcenter-gladbeck", "stadt-gladbeck-wirtschaftsfoerderung", "agreement",
     "2019-01-01", "2026-02-10", "Gemeinsame Trägerschaft BIWAQ (Kooperationsvereinbarung)"),
    ("stadt-gladbeck-wirtschaftsfoerderung", "jobcenter-gladbeck", "agreement",
     "2019-01-01", "2026-02-10", "Gemeinsame Trägerschaft BIWAQ (Kooperationsvereinbarung)"),
    ("jobcenter-gladbeck", "rebeq", "agreement", "2019-01-01", "2026-09-01",
     "BIWAQ-Umsetzung: Zuweisung von Teilnehmenden an rebeq"),
    ("rebeq", "jobcenter-gladbeck", "regular", "2019-01-01", "2026-09-01",
     "Rückmeldung zu Teilnehmenden, Übergänge in Förderinstrumente"),
    ("stadt-gladbeck-wirtschaftsfoerderung", "bug-brauck", "regular", "2019-06-01",
     "2026-04-02", "BIWAQ: Personalgewinnung mit Braucker Unternehmen"),
    ("rebeq", "bug-brauck", "regular", "2020-01-01", "2026-04-02",
     "Praktika und Bewerbende aus den BIWAQ-Maßnahmen"),
    ("bug-brauck", "rebeq", "informal", "2020-01-01", "2026-04-02",
     "Meldet offene Stellen und Praktikumsplätze"),
    ("stadtteilbuero-brauck", "rebeq", "regular", "2019-03-01", "2026-06-11",
     "Verweist Bewohnerinnen und Bewohner an BIWAQ"),
    ("stadtteilbuero-brauck", "familienzentrum-brauck", "informal", "2018-05-01", "2026-06-11",
     "Nachbarschaftsarbeit im Stadtteil"),
    ("jobcenter-gladbeck", "gla-biwaq4-jobcoaching", "agreement", "2019-01-01", "2022-12-01",
     "Kooperationsvereinbarung BIWAQ IV (Projekt beendet)"),
    ("gla-jc-fallmanagement", "gla-rebeq-biwaq-jobcoaching", "agreement", "2023-01-01",
     "2026-09-01", "Zuweisung ins BIWAQ-Jobcoaching"),
    ("gla-rebeq-biwaq-digitaltreff", "gla-rebeq-biwaq-einzelberatung", "regular",
     "2023-01-01", "2026-10-20", "Interner Übergang im BIWAQ-Projekt"),
    ("gla-rebeq-biwaq-einzelberatung", "gla-rebeq-biwaq-jobcoaching", "regular",
     "2023-01-01", "2026-10-20", "Interner Übergang im BIWAQ-Projekt"),
    ("gla-rebeq-biwaq-praktikum", "gla-bug-arbeitsplaetze", "regular", "2023-03-01",
     "2026-04-02", "Übernahme nach Praktikum in BUG-Betrieben"),
    ("gla-rebeq-biwaq-jobcoaching", "gla-bug-arbeitsplaetze", "regular", "2023-03-01",
     "2026-04-02", "Stellen im Stadtteil"),
    ("gla-jc-teilhabe-16i", "gla-rebeq-beschaeftigungsbegleitung", "agreement", "2019-01-01",
     "2026-10-01", "Coaching für § 16i/§ 16e-Beschäftigte"),
    ("gla-rebeq-aktivierung", "gla-rebeq-agh-sozialkaufhaus", "regular", "2021-01-01",
     "2026-10-20", "Interner Übergang"),
    ("jobcenter-gladbeck", "pflegedienst-lindenhof", "regular", "2024-02-01", "2026-09-09",
     "Arbeitgeberservice: Stellen in der Pflege"),
    # --- WIR network (seed 001) -------------------------------------------
    ("wir-netzwerk-gladbeck", "jobcenter-gladbeck", "agreement", "2023-01-01", "2026-09-01",
     "Verpflichtende Kooperation im WIR-Verbund"),
    ("wir-netzwerk-gladbeck", "agentur-arbeit-gladbeck", "agreement", "2023-01-01",
     "2026-09-01", "Verpflichtende Kooperation im WIR-Verbund"),
    ("jobcenter-gladbeck", "wir-netzwerk-gladbeck", "regular", "2023-01-01", "2026-09-01",
     "Verweist geflüchtete Leistungsberechtigte an die WIR-Beratung"),
    ("awo-migrationsberatung-gladbeck", "wir-netzwerk-gladbeck", "regular", "2023-01-01",
     "2026-02-10", "Teilprojektpartner Migrationsberatung"),
    ("caritas-gladbeck", "wir-netzwerk-gladbeck", "regular", "2023-01-01", "2026-01-22",
     "Teilprojektpartner Flüchtlingsberatung"),
    ("diakonie-gladbeck", "wir-netzwerk-gladbeck", "regular", "2023-01-01", "2025-12-05",
     "Kooperationspartner Jugendmigrationsdienst"),
    ("fluechtlingshilfe-gladbeck", "wir-netzwerk-gladbeck", "informal", "2023-03-01",
     "2024-05-20", "Verweist Besucherinnen und Besucher der Begegnungscafés"),
    ("wir-netzwerk-gladbeck", "ihk-nord-westfalen", "regular", "2023-01-01", "2026-04-28",
     "Kammer als Kooperationspartner: Anerkennung, Ausbildung"),
    ("wir-netzwerk-gladbeck", "hwk-muenster", "regular", "2023-01-01", "2026-03-03",
     "Kammer als Kooperationspartner: EQ, Ausbildung"),
    ("wir-netzwerk-gladbeck", "vhs-gladbeck", "regular", "2023-01-01", "2026-09-30",
     "Sprachkurse für Teilnehmende"),
    ("wir-netzwerk-gladbeck", "integration-point-recklinghausen", "regular", "2023-01-01",
     "2026-06-15", "Abstimmung zur Vermittlung"),
    ("integration-point-recklinghausen", "wir-netzwerk-gladbeck", "regular", "2023-01-01",
     "2026-06-15", "Langfristige Begleitung durch WIR"),
    ("wir-netzwerk-gladbeck", "psz-emscher-lippe", "regular", "2023-06-01", "2026-07-07",
     "Teilnehmende mit fluchtbedingten Erkrankungen"),
    ("caritas-gladbeck", "psz-emscher-lippe", "regular", "2019-01-01", "2026-07-07",
     "Vermittlung bei psychischer Belastung"),
    ("fluechtlingshilfe-gladbeck", "caritas-gladbeck", "informal", "2016-01-01", "2024-03-01",
     "Begleitung zur Asylverfahrensberatung"),
    ("gla-caritas-fluechtlingsberatung", "gla-wir-beratung", "regular", "2023-01-01",
     "2026-01-22", "Anschluss an die Arbeitsmarktberatung"),
    ("gla-wir-online-erstinfo", "gla-wir-beratung", "regular", "2023-01-01", "2026-09-01",
     "Terminvermittlung online → vor Ort"),
    ("gla-wir-beratung", "gla-wir-betriebsnahe-aktivierung", "regular", "2023-01-01",
     "2026-09-01", "Interner Übergang im WIR-Verbund"),
    ("gla-wir-betriebsnahe-aktivierung", "gla-hwk-vermittlung", "regular", "2023-06-01",
     "2026-03-03", "Übergang in Ausbildung im Handwerk"),
    ("gla-wir-vermittlung", "gla-wir-nachbetreuung", "regular", "2023-01-01", "2026-09-01",
     "Begleitung nach Arbeitsaufnahme"),
    ("gla-ip-beratung", "gla-vhs-berufssprachkurs", "regular", "2020-01-01", "2026-06-15",
     "Berechtigung für Berufssprachkurse"),
    ("awo-migrationsberatung-gladbeck", "vhs-gladbeck", "regular", "2016-01-01", "2026-02-10",
     "Anmeldung zu Integrationskursen"),
    ("gla-vhs-integrationskurs", "gla-vhs-berufssprachkurs", "regular", "2017-01-01",
     "2026-09-30", "Anschlusskurs"),
    ("kommunales-integrationszentrum-recklinghausen", "vhs-gladbeck", "regular", "2018-01-01",
     "2026-01-15", "Sprach- und Schulabschlusskurse"),
    ("kommunales-integrationszentrum-recklinghausen", "diakonie-gladbeck", "informal",
     "2018-01-01", "2025-06-30", "Junge Neuzugewanderte"),
    # --- Netzwerk W (seed 000) --------------------------------------------
    ("stadt-gladbeck-gleichstellungsstelle", "netzwerk-w-kreis-recklinghausen", "agreement",
     "2015-01-01", "2026-06-30", "Partnerin im Netzwerk W"),
    ("netzwerk-w-kreis-recklinghausen", "stadt-gladbeck-gleichstellungsstelle", "agreement",
     "2015-01-01", "2026-06-30", "Lotsenfunktion: Verweis an die Gleichstellungsstelle"),
    ("agentur-arbeit-gladbeck", "netzwerk-w-kreis-recklinghausen", "agreement", "2015-01-01",
     "2026-07-01", "Beauftragte für Chancengleichheit am Arbeitsmarkt im Netzwerk W"),
    ("jobcenter-gladbeck", "netzwerk-w-kreis-recklinghausen", "agreement", "2015-01-01",
     "2026-07-01", "Beauftragte für Chancengleichheit am Arbeitsmarkt im Netzwerk W"),
    ("vhs-gladbeck", "netzwerk-w-kreis-recklinghausen", "regular", "2015-01-01",
     "2026-07-01", "Weiterbildungseinrichtung im Netzwerk W"),
    ("kompetenzzentrum-frau-und-beruf-emscher-lippe", "netzwerk-w-kreis-recklinghausen",
     "regular", "2016-01-01", "2026-03-18", "Kompetenzzentrum unterstützt das Netzwerk W"),
    ("netzwerk-w-kreis-recklinghausen", "kompetenzzentrum-frau-und-beruf-emscher-lippe",
     "regular", "2016-01-01", "2026-03-18", "Verweis auf Hospitation und Mentoring"),
    ("netzwerk-w-kreis-recklinghausen", "familienzentrum-rentfort-nord", "regular",
     "2017-09-01", "2026-02-02", "Sprechstunde im Familienzentrum (nach „Neue Wege NRW“)"),
    ("netzwerk-w-kreis-recklinghausen", "familienzentrum-butendorf", "regular", "2017-09-01",
     "2024-09-12", "Sprechstunde im Familienzentrum; Kontakt seit Personalwechsel eingeschlafen"),
    ("gla-gst-beratung-frauen", "gla-nw-infotag", "regular", "2015-01-01", "2026-06-30",
     "Hinweis auf den Infotag"),
    ("gla-nw-infotag", "gla-kfb-orientierung", "regular", "2022-04-01", "2026-03-18",
     "Anmeldung zur Orientierungswerkstatt am Infotag"),
    ("gla-kfb-orientierung", "gla-kfb-hospitation", "regular", "2022-04-01", "2026-03-18",
     "Interner Übergang"),
    ("gla-kfb-hospitation", "gla-kfb-mentoring", "regular", "2022-04-01", "2026-03-18",
     "Interner Übergang"),
    ("kompetenzzentrum-frau-und-beruf-emscher-lippe", "modehaus-hochstrasse", "informal",
     "2022-09-01", "2025-02-11", "Hospitationsplätze; seit Anfang 2025 nicht bestätigt"),
    ("gla-fz-brauck-elterncafe", "gla-vhs-integrationskurs-frauen", "informal", "2020-01-01",
     "2026-05-20", "Kurs im eigenen Haus"),
    ("familienzentrum-brauck", "vhs-gladbeck", "regular", "2020-01-01", "2026-05-20",
     "Integrationskurs für Frauen im Familienzentrum"),
    ("gla-nw-sprechstunde-familienzentrum", "gla-agentur-bca-wiedereinstieg", "regular",
     "2017-09-01", "2026-07-01", "Anschlussberatung bei der BCA"),
    ("gla-agentur-bca-wiedereinstieg", "gla-agentur-teilzeitausbildung", "regular",
     "2018-01-01", "2026-09-15", "Interner Übergang"),
    ("gla-jc-beratung-alleinerziehende", "familienzentrum-rentfort-nord", "informal",
     "2021-01-01", "2026-02-02", "Randzeitenbetreuung für Kursteilnehmende"),
    # --- Youth: Jugendberufsagentur ---------------------------------------
    ("jugendberufsagentur-gladbeck", "agentur-arbeit-gladbeck", "agreement", "2016-01-01",
     "2026-08-08", "Kooperationsvereinbarung Jugendberufsagentur"),
    ("jugendberufsagentur-gladbeck", "jobcenter-gladbeck", "agreement", "2016-01-01",
     "2026-08-08", "Kooperationsvereinbarung Jugendberufsagentur"),
    ("jugendberufsagentur-gladbeck", "stadt-gladbeck-jugendamt", "agreement", "2016-01-01",
     "2026-08-08", "Kooperationsvereinbarung Jugendberufsagentur"),
    ("gla-jugendamt-streetwork", "gla-jba-beratung-u25", "regular", "2016-01-01",
     "2026-05-12", "Begleitete Übergabe an die Jugendberufsagentur"),
    ("gla-jba-beratung-u25", "gla-rebeq-jugendwerkstatt", "agreement", "2018-01-01",
     "2026-08-08", "Zuweisung in die Jugendwerkstatt"),
    ("gla-rebeq-jugendwerkstatt", "gla-hwk-eq", "regular", "2019-01-01", "2026-03-03",
     "Übergang in Einstiegsqualifizierung"),
    ("gla-hwk-eq", "gla-hwk-vermittlung", "regular", "2019-01-01", "2026-03-03",
     "Übernahme in Ausbildung"),
    ("diakonie-gladbeck", "jugendberufsagentur-gladbeck", "regular", "2017-01-01",
     "2025-12-05", "Junge Zugewanderte"),
    ("jugendberufsagentur-gladbeck", "weiterbildungskolleg-gladbeck", "regular", "2018-01-01",
     "2026-02-20", "Schulabschluss nachholen ab 18"),
    ("jugendberufsagentur-gladbeck", "gla-vhs-schulabschluss", "regular", "2018-01-01",
     "2026-08-08", "Schulabschluss nachholen unter 25"),
    # --- Other partners ----------------------------------------------------
    ("agentur-arbeit-gladbeck", "integrationsfachdienst-emscher-lippe", "agreement",
     "2012-01-01", "2025-10-01", "Beauftragung Unterstützte Beschäftigung"),
    ("gla-agentur-reha-beratung", "gla-ifd-unterstuetzte-beschaeftigung", "agreement",
     "2012-01-01", "2025-10-01", "Zuweisung"),
    ("agentur-arbeit-gladbeck", "emscher-logistik-zweckel", "regular", "2023-05-01",
     "2026-07-17", "Arbeitgeberservice"),
    ("ehrenamtsagentur-gladbeck", "fluechtlingshilfe-gladbeck", "informal", "2016-01-01",
     "2024-06-10", "Vermittlung Ehrenamtlicher"),
    ("gla-jc-fallmanagement", "gla-caritas-schuldnerberatung", "regular", "2015-01-01",
     "2026-01-22", "Schuldnerberatung als flankierende Leistung"),
    ("stadt-gladbeck-wirtschaftsfoerderung", "ihk-nord-westfalen", "regular", "2010-01-01",
     "2026-04-28", "Gründungsberatung"),
]


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def read_centroids(path: Path, postcodes: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each wanted German PLZ from the GeoNames extract."""
    found: dict[str, tuple[float, float]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["country_code"] == "DE" and row["postal_code"] in postcodes:
                found[row["postal_code"]] = (float(row["latitude"]), float(row["longitude"]))
    missing = set(postcodes) - set(found)
    if missing:
        raise SystemExit(f"{path}: postcodes not found: {sorted(missing)}")
    return found


def check_in_kreis(centroids: dict[str, tuple[float, float]]) -> None:
    """Sanity check: every Gladbeck PLZ centroid lies in Kreis Recklinghausen (BKG VG250)."""
    data = json.loads(KREISE_GEOJSON.read_text(encoding="utf-8"))
    kreis = next(f for f in data["features"] if f["properties"]["AGS"] == AGS_KREIS_RECKLINGHAUSEN)
    polygon = shape(kreis["geometry"])
    for plz, (lat, lon) in centroids.items():
        if not polygon.contains(Point(lon, lat)):
            raise SystemExit(f"PLZ {plz} centroid ({lat}, {lon}) is not in Kreis Recklinghausen")


def build_neighbourhoods() -> list[dict[str, Any]]:
    return [{"id": nid, "name": name, "population": pop, "aliases": ALIASES.get(nid, []),
             "postcodes": [plz], "geometry": None, "tags": list(tags)}
            for nid, name, plz, pop, tags in NEIGHBOURHOODS]


def street_position(lid: str, nid: str) -> tuple[float, float]:
    """A point 50–400 m from the Stadtteil's centre, the same on every rebuild."""
    seed = int.from_bytes(hashlib.sha256(lid.encode()).digest()[:8], "big")
    lat, lon = CENTRES[nid]
    angle = (seed % 3600) / 3600 * 2 * math.pi
    radius_m = 50 + (seed // 3600) % 350
    dlat = radius_m * math.cos(angle) / 111_000
    dlon = radius_m * math.sin(angle) / (111_000 * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def fictitious_contact(index: int, org_id: str) -> dict[str, str]:
    """Obviously fictitious website, e-mail and phone for the index-th organisation."""
    return {"website": f"https://{org_id}.example.org", "email": f"{org_id}@example.org",
            "phone": f"+49 2043 000 {100 + index:03d}"}


def build_organisations() -> list[dict[str, Any]]:
    out = []
    for index, (oid, name, kind, description, verified) in enumerate(ORGANISATIONS, start=1):
        out.append({"id": oid, "name": name, "kind": kind, "description": description,
                    **fictitious_contact(index, oid), "last_verified": verified})
    return out


def build_locations(centroids: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    plz_of = {nid: plz for nid, _, plz, _, _ in NEIGHBOURHOODS}
    out = []
    for lid, org, name, address, nid, wheelchair in LOCATIONS:
        plz = plz_of[nid]
        lat, lon = street_position(lid, nid)
        out.append({"id": lid, "organisation": org, "name": name, "address": address,
                    "postcode": plz, "city": "Gladbeck", "lat": lat, "lon": lon,
                    "approximate": True, "wheelchair": wheelchair, "neighbourhood": nid})
    return out


def build_offers(organisations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fill each offer's contact from its organisation's fictitious data."""
    by_id = {o["id"]: o for o in organisations}
    out = []
    for record in OFFERS:
        record = json.loads(json.dumps(record))  # deep copy; the table stays pristine
        org = by_id[record["organisation"]]
        record["contact"] = {"name": record["contact"].get("name", "Anmeldung"),
                             "email": org["email"], "phone": org["phone"]}
        if record["last_verified"] is None:
            record["last_verified"] = org["last_verified"]
        out.append(record)
    return out


def build_links() -> list[dict[str, Any]]:
    return [{"from": a, "to": b, "kind": kind, "since": since, "last_confirmed": confirmed,
             "note": note}
            for a, b, kind, since, confirmed, note in REFERRAL_LINKS]


def build() -> dict[str, Any]:
    centroids = read_centroids(POSTCODES_CSV, GLADBECK_POSTCODES)
    check_in_kreis(centroids)
    organisations = build_organisations()
    return {
        "format": "socialmap-dataset/1",
        "region": REGION,
        "neighbourhoods": build_neighbourhoods(),
        "target_groups": TARGET_GROUPS,
        "organisations": organisations,
        "locations": build_locations(centroids),
        "offers": build_offers(organisations),
        "referral_links": build_links(),
    }


# --------------------------------------------------------------------------
# Self-checks: the contract of the brief, beyond what the JSON schema says
# --------------------------------------------------------------------------

def _d(value: str) -> date:
    return date.fromisoformat(value)


def check_references(ds: dict[str, Any]) -> list[str]:
    """Ids well-formed and unique, every reference resolvable, values consistent."""
    errors: list[str] = []
    ids: dict[str, set[str]] = {}
    for table in ("neighbourhoods", "target_groups", "organisations", "locations", "offers"):
        seen: set[str] = set()
        for rec in ds[table]:
            if not ID_RE.match(rec["id"]):
                errors.append(f"{table}: bad id {rec['id']!r}")
            if rec["id"] in seen:
                errors.append(f"{table}: duplicate id {rec['id']!r}")
            seen.add(rec["id"])
        ids[table] = seen
    if ids["offers"] & ids["organisations"]:
        clash = sorted(ids["offers"] & ids["organisations"])
        errors.append(f"offer ids collide with organisation ids: {clash}")
    hood_plz = {n["id"]: set(n["postcodes"]) for n in ds["neighbourhoods"]}
    for tg in ds["target_groups"]:
        if tg["parent"] is not None and tg["parent"] not in ids["target_groups"]:
            errors.append(f"target group {tg['id']}: unknown parent {tg['parent']}")
    for loc in ds["locations"]:
        if loc["organisation"] not in ids["organisations"]:
            errors.append(f"location {loc['id']}: unknown organisation")
        nid = loc["neighbourhood"]
        if nid not in hood_plz or loc["postcode"] not in hood_plz[nid]:
            errors.append(f"location {loc['id']}: postcode {loc['postcode']} not in {nid}")
    for o in ds["offers"]:
        where = f"offer {o['id']}"
        if o["organisation"] not in ids["organisations"]:
            errors.append(f"{where}: unknown organisation")
        errors += [f"{where}: unknown location {x}" for x in o["locations"]
                   if x not in ids["locations"]]
        errors += [f"{where}: unknown target group {x}" for x in o["target_groups"]
                   if x not in ids["target_groups"]]
        el = o["eligibility"]
        errors += [f"{where}: unknown neighbourhood {x}" for x in el["neighbourhoods"]
                   if x not in ids["neighbourhoods"]]
        errors += [f"{where}: unknown referrer {x}" for x in el["requires_referral_by"]
                   if x not in ids["organisations"]]
        if not o["locations"] and not o["online"]:
            errors.append(f"{where}: neither a location nor online")
        if o["ladder"]["leads_to"] < min(o["ladder"]["accepts"]):
            errors.append(f"{where}: leads_to below min(accepts)")
        if el["age_min"] is not None and el["age_max"] is not None \
                and el["age_min"] > el["age_max"]:
            errors.append(f"{where}: age_min > age_max")
        vf, vu = o["valid_from"], o["valid_until"]
        if vf and vu and _d(vf) > _d(vu):
            errors.append(f"{where}: valid_from after valid_until")
        for key in ("cost_eur", "capacity", "wait_weeks"):
            if o[key] is not None and o[key] < 0:
                errors.append(f"{where}: negative {key}")
        for key in ("email",):
            if o["contact"].get(key) and not o["contact"][key].endswith("@example.org"):
                errors.append(f"{where}: contact {key} not fictitious")
    for org in ds["organisations"]:
        if not (org["email"].endswith("@example.org")
                and org["website"].startswith("https://")
                and org["website"].endswith(".example.org")
                and re.fullmatch(r"\+49 2043 000 \d{3}", org["phone"])):
            errors.append(f"organisation {org['id']}: contact data not fictitious")
    endpoints = ids["organisations"] | ids["offers"]
    seen_links: set[tuple[str, str]] = set()
    for link in ds["referral_links"]:
        pair = (link["from"], link["to"])
        if link["from"] not in endpoints or link["to"] not in endpoints:
            errors.append(f"link {pair}: unknown endpoint")
        if link["from"] == link["to"]:
            errors.append(f"link {pair}: self-loop")
        if pair in seen_links:
            errors.append(f"link {pair}: duplicate")
        seen_links.add(pair)
        if _d(link["since"]) > _d(link["last_confirmed"]):
            errors.append(f"link {pair}: since after last_confirmed")
    return errors


def check_coverage(ds: dict[str, Any]) -> list[str]:
    """The demo must exercise every routing rule and every analysis."""
    errors: list[str] = []
    offers = ds["offers"]
    today = REFERENCE_DATE
    for k in range(1, 6):
        if not any(k in o["ladder"]["accepts"] and o["ladder"]["leads_to"] == k + 1
                   for o in offers):
            errors.append(f"no offer for the rung transition {k}→{k + 1}")
    probes = {
        "women-only": lambda o: o["eligibility"]["genders"] == ["female"],
        "residence statuses": lambda o: bool(o["eligibility"]["residence_statuses"]),
        "work ban": lambda o: o["eligibility"]["excludes_work_ban"] == ["absolute"],
        "BIWAQ neighbourhoods": lambda o: o["eligibility"]["neighbourhoods"] == BIWAQ_AREAS,
        "Jobcenter referral": lambda o: "jobcenter-gladbeck" in
        o["eligibility"]["requires_referral_by"],
        "ended funding": lambda o: o["valid_until"] and _d(o["valid_until"]) < today,
        "not yet started": lambda o: o["valid_from"] and _d(o["valid_from"]) > today,
        "fee": lambda o: (o["cost_eur"] or 0) > 0,
        "online": lambda o: o["online"],
        "several languages": lambda o: len(o["languages"]) >= 4,
        "interpreter": lambda o: o["interpreter"],
        "age limits": lambda o: o["eligibility"]["age_max"] is not None,
        "childcare": lambda o: o["childcare"],
        "funding cliff": lambda o: o["valid_until"] and
        today < _d(o["valid_until"]) <= today + timedelta(days=182),
        "stale": lambda o: _d(o["last_verified"]) < today - timedelta(days=365),
    }
    for label, probe in probes.items():
        if not any(probe(o) for o in offers):
            errors.append(f"no offer exercises: {label}")
    linked = set()
    owner = {o["id"]: o["organisation"] for o in offers}
    for link in ds["referral_links"]:
        for end in (link["from"], link["to"]):
            linked.add(owner.get(end, end))
    isolated = {o["id"] for o in ds["organisations"]} - linked
    if isolated != ISOLATED:
        errors.append(f"isolated organisations are {sorted(isolated)}, expected {sorted(ISOLATED)}")
    if not any(_d(link["last_confirmed"]) < today - timedelta(days=365)
               for link in ds["referral_links"]):
        errors.append("no stale referral link")
    if len(ds["organisations"]) < 20 or len(offers) < 60 or len(ds["referral_links"]) < 40:
        errors.append("fewer organisations/offers/links than the brief asks for")
    return errors


def check_target_groups_shared() -> list[str]:
    """Fail if socialmap.vocab (when importable) disagrees with our copy of the groups."""
    sys.path.insert(0, str(REPO))
    try:
        from socialmap.vocab import STANDARD_TARGET_GROUPS  # type: ignore[attr-defined]
    except ImportError:
        return []
    finally:
        sys.path.pop(0)
    if [dict(g) for g in STANDARD_TARGET_GROUPS] != TARGET_GROUPS:
        return ["target groups differ from socialmap.vocab.STANDARD_TARGET_GROUPS"]
    return []


def validate_schema(ds: dict[str, Any]) -> list[str]:
    """Validate against the JSON schema (Draft 2020-12, with format checking)."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"schema: /{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(validator.iter_errors(ds), key=lambda e: list(e.absolute_path))]


def render(ds: dict[str, Any]) -> str:
    return json.dumps(ds, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if gladbeck.json is not what the build gives")
    args = parser.parse_args(argv)

    ds = build()
    problems = (check_references(ds) + check_coverage(ds) + validate_schema(ds)
                + check_target_groups_shared())
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    text = render(ds)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {len(ds['organisations'])} organisations, "
          f"{len(ds['locations'])} locations, {len(ds['offers'])} offers, "
          f"{len(ds['referral_links'])} referral links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
