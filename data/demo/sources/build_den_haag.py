#!/usr/bin/env python3
"""Build the Den Haag demo dataset ``data/demo/den-haag.json`` (``socialmap-dataset/1``).

What this script is for
-----------------------
It turns three inputs into one reproducible demo dataset:

* the 44 real wijken of Den Haag (CBS Wijk- en buurtkaart 2016,
  ``data/geo/denhaag_wijken_2016_wgs84.geojson``, "Bron: CBS", CC BY 4.0);
* the GeoNames PC4 centroids of Den Haag (``data/geo/postcodes.csv``,
  "GeoNames.org", CC BY 4.0), used both to give each wijk its postcode set and
  to place every location at the centroid of its postcode;
* the organisations and the cooperation described in the Dutch seed report
  "Vrouwen richting Onderwijs en Werk" (De Haagse Maatschap, 2011), written out
  below as hand-curated tables.  Everything that the seed does not say
  (opening hours, capacities, costs, street names, most offers) is
  *illustrative*: plausible for Den Haag, never presented as fact.  See
  ``data/demo/SOURCES-den-haag.md``.

What it must not do
-------------------
* No randomness, no clock: the same inputs give byte-identical output.  The
  reference date of the demo is fixed (``REFERENCE_DATE``).
* No real contact data.  Organisation names are real public names, but every
  e-mail ends in ``@example.org``, every website is ``https://….example.org``
  and every phone number is ``+31 70 000 0xxx`` (Dutch subscriber numbers never
  start with 0, so these can never ring anyone).  The script asserts this.
* No network access and no third-party packages beyond shapely (geometry) and
  jsonschema (validation against ``socialmap/dataset/schema.json``).

Run it from anywhere::

    .venv/bin/python data/demo/sources/build_den_haag.py
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import jsonschema
from shapely.geometry import Point, shape

REPO = Path(__file__).resolve().parents[3]
WIJKEN_FILE = REPO / "data" / "geo" / "denhaag_wijken_2016_wgs84.geojson"
POPULATION_FILE = REPO / "data" / "geo" / "denhaag_wijken_2016_population.csv"
POSTCODES_FILE = REPO / "data" / "geo" / "postcodes.csv"
SCHEMA_FILE = REPO / "socialmap" / "dataset" / "schema.json"
OUT_FILE = REPO / "data" / "demo" / "den-haag.json"

#: The "today" of the demo.  Stale entries, expired funding and funding cliffs
#: are all defined relative to this date, not to the machine's clock.
REFERENCE_DATE = date(2026, 11, 21)

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
EMAIL_RE = re.compile(r"^[a-z0-9.-]+@example\.org$")
WEBSITE_RE = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)*\.example\.org$")
PHONE_RE = re.compile(r"^\+31 70 000 0\d{3}$")

# Den Haag's PC4 range.  GeoNames lists one more NL row under 's-Gravenhage,
# 5217 (accuracy 0, a "large recipient" code from the 's-Hertogenbosch range);
# it is not a Den Haag postcode, so it is left out.
DEN_HAAG_PC4 = range(2491, 2600)

# A PC4 centroid that falls just outside every (generalised) wijk polygon is
# given to the nearest wijk if that wijk is closer than this.  Only 2583
# (Scheveningen-Haven, ~6 m outside wijk 07) needs it; the script reports it.
SNAP_TOLERANCE_M = 50.0

# The hand-curated tables below are laid out for reading, one record per few
# lines; keep the formatter away from them.
# fmt: off

# --------------------------------------------------------------------------
# Neighbourhoods: everything except the two hand-made tables below comes from
# the CBS file.
# --------------------------------------------------------------------------

#: Krachtwijken of 2007 (Schilderswijk, Transvaal, Stationsbuurt and
#: Den Haag Zuidwest = Bouwlust/Vrederust, Morgenstond, Moerwijk) plus
#: Laakkwartier en Spoorwijk, a long-standing municipal aandachtswijk.
#: Keys are the two-digit wijk numbers of the 2016 CBS file.
FOCUS_AREAS = {"27", "29", "30", "33", "34", "36", "38"}

#: The names people use for a wijk besides its CBS name: the old name
#: (Schilderswijk), the area of the krachtwijken approach (Zuidwest) and the
#: stadsdeel (Escamp, Laak …).  The desk's neighbourhood picker finds them.
ALIASES = {
    "29": ["Schilderswijk", "Stadsdeel Centrum"],
    "30": ["Transvaal", "Stadsdeel Centrum"],
    "27": ["Stadsdeel Centrum"],
    "28": ["Stadsdeel Centrum"],
    "31": ["Escamp"],
    "32": ["Escamp"],
    "33": ["Zuidwest", "Den Haag Zuidwest", "Escamp", "Bouwlust", "Vrederust"],
    "34": ["Zuidwest", "Den Haag Zuidwest", "Escamp"],
    "35": ["Escamp"],
    "36": ["Zuidwest", "Den Haag Zuidwest", "Escamp"],
    "38": ["Laak", "Spoorwijk", "Laakkwartier"],
    "40": ["Escamp"],
    "42": ["Leidschenveen-Ypenburg"],
    "44": ["Leidschenveen-Ypenburg"],
}

#: Opening hours of some locations, as their offers' descriptions state them
#: (illustrative, like the offers).
OPENING_HOURS = {
    "loc-yasmin": [
        {"days": ["mo", "tu", "we", "th"], "opens": "09:00", "closes": "16:30"},
        {"days": ["fr"], "opens": "09:00", "closes": "12:30"},
    ],
    "loc-koffiepot": [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}],
    "loc-zebra-schilderswijk": [
        {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}
    ],
    "loc-zebra-transvaal": [
        {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}
    ],
    "loc-mooi-bouwlust": [
        {"days": ["mo", "tu", "we", "th", "fr"], "opens": "08:30", "closes": "17:00"},
        {"days": ["tu", "th"], "opens": "19:00", "closes": "21:30", "note": "avondinloop"},
    ],
}


def load_population() -> dict[str, int]:
    """Population of each wijk (two-digit number), CBS Kerncijfers wijken en buurten 2016."""
    with POPULATION_FILE.open(encoding="utf-8", newline="") as f:
        return {row["wijkcode"][-2:]: int(row["population"]) for row in csv.DictReader(f)}

# --------------------------------------------------------------------------
# Target groups: ids and hierarchy are shared with the Gladbeck dataset and the
# synthetic generator.  Do not rename.
# --------------------------------------------------------------------------

TARGET_GROUPS = [
    # id, parent, de, nl, en
    ("women", None, "Frauen", "Vrouwen", "Women"),
    ("women-returners", "women", "Berufsrückkehrerinnen", "Herintredende vrouwen",
     "Women returning to work"),
    ("parents", None, "Eltern", "Ouders", "Parents"),
    ("single-parents", "parents", "Alleinerziehende", "Alleenstaande ouders", "Single parents"),
    ("migrants", None, "Zugewanderte", "Migranten", "Migrants"),
    ("refugees", "migrants", "Geflüchtete", "Vluchtelingen", "Refugees"),
    ("highly-qualified-migrants", "migrants", "Hochqualifizierte Zugewanderte",
     "Hoogopgeleide migranten", "Highly qualified migrants"),
    ("young-people", None, "Junge Menschen", "Jongeren", "Young people"),
    ("early-school-leavers", "young-people", "Jugendliche ohne Schulabschluss",
     "Voortijdig schoolverlaters", "Early school leavers"),
    ("long-term-unemployed", None, "Langzeitarbeitslose", "Langdurig werklozen",
     "Long-term unemployed"),
    ("older-jobseekers", "long-term-unemployed", "Ältere Arbeitsuchende",
     "Oudere werkzoekenden", "Older jobseekers"),
    ("people-with-disabilities", None, "Menschen mit Behinderung",
     "Mensen met een beperking", "People with disabilities"),
    ("low-literacy", None, "Gering literalisierte Erwachsene", "Laaggeletterden",
     "People with low literacy"),
]

# --------------------------------------------------------------------------
# Organisations.  Real public names where the seed (or common knowledge of the
# Haagse field) gives one; invented ones say so in their description.
# --------------------------------------------------------------------------

ILLUSTRATIVE = " Illustratieve (fictieve) organisatie voor de demodataset."

# id, name, kind, description, last_verified (None = default 2026 date)
ORGANISATIONS = [
    ("haagse-maatschap", "De Haagse Maatschap", "network",
     "Samenwerkingsverband van Haagse maatschappelijke organisaties (sinds 2010) voor de "
     "doorstroom van vrouwen – en steeds vaker ook mannen – van welzijn naar onderwijs en "
     "(arbeids)participatie. Werkgroep, stuurgroep en nieuwsbrief voor de partners.", None),
    ("zebra-welzijn", "Zebra Welzijn", "welfare",
     "Welzijnsorganisatie in onder meer Transvaal, de Schilderswijk en de Stationsbuurt: "
     "I-Shop (informatie en advies), participatiemakelaars, taal-, jongeren- en vrouwenwerk.",
     None),
    ("mooi", "MOOI", "welfare",
     "Welzijnsorganisatie in Escamp en Laak: buurtkamers, participatiemakelaars, jongerenwerk "
     "en een vrijwilligersacademie. Agendeert de rol van welzijn in de participatieketen in de "
     "werkgroep participatie van de Haagse welzijnsorganisaties (HWO's).", None),
    ("stichting-yasmin", "Stichting Yasmin", "women-centre",
     "Vrouwencentrum in de Schilderswijk en participatiecentrum voor vrouwen: ontmoeting, taal, "
     "empowerment en trajectbegeleiding naar opleiding en werk.", None),
    ("de-koffiepot", "De Koffiepot", "women-centre",
     "Participatiecentrum voor vrouwen: inloop, taal en ontmoeting, trajectbegeleiding en "
     "werkervaring in de eigen buurtkeuken.", None),
    ("roc-mondriaan", "ROC Mondriaan", "education-provider",
     "Regionaal opleidingencentrum: mbo-opleidingen, Entree, volwasseneneducatie (NT1/NT2) en "
     "'Leren in de wijk' op locaties van partnerorganisaties.", None),
    ("jekuntmeer", "Jekuntmeer (Stichting De Omslag)", "network",
     "Website met actueel participatieaanbod in de stad: vrijwilligerswerk, cursussen en "
     "activiteiten. Organisaties zetten en houden hun eigen aanbod online.", "2024-05-14"),
    ("hof-vrijwilligerspool", "HOF vrijwilligerspool", "network",
     "Gezamenlijke pool van vrijwilligers die face to face en online ondersteunen: cv's en "
     "sollicitatiebrieven, aanbod online zetten op jekuntmeer, digitale hulp.", None),
    ("cjg-den-haag", "Centrum voor Jeugd en Gezin Den Haag (CJG)", "family-centre",
     "Voor alle vragen over opvoeden en opgroeien: spreekuren, oudercursussen en groepen voor "
     "(jonge) ouders in de wijk.", None),
    ("gemeente-den-haag-szw", "Gemeente Den Haag – Dienst SZW (Werk en Inkomen)",
     "municipality",
     "Dienst Sociale Zaken en Werkgelegenheid: werk en inkomen (Participatiewet), inburgering, "
     "re-integratie, schuldhulpverlening en scholing vanuit de bijstand.", None),
    ("werkgeversservicepunt-haaglanden", "Werkgeversservicepunt Haaglanden", "municipality",
     "Gezamenlijk werkgeversservicepunt van gemeente en UWV: matcht werkzoekenden met "
     "vacatures, proefplaatsingen en banen uit de banenafspraak.", None),
    ("uwv-den-haag", "UWV Den Haag", "employment-agency",
     "Uitvoeringsinstituut Werknemersverzekeringen: WW, WIA en Wajong, re-integratie en "
     "online dienstverlening via werk.nl.", None),
    ("bibliotheek-den-haag", "Bibliotheek Den Haag", "education-provider",
     "Openbare bibliotheek met vestigingen in de wijken: digitale vaardigheden, Informatiepunt "
     "Digitale Overheid, taalcafés en de VoorleesExpress.", None),
    ("taalhuis-den-haag", "Taalhuis Den Haag", "network",
     "Centraal loket voor laaggeletterden en anderstaligen in de Centrale Bibliotheek: intake, "
     "advies en doorverwijzing naar taalaanbod in de stad.", None),
    ("taal-in-de-buurt", "Taal in de Buurt", "welfare",
     "Taalaanbod door getrainde vrijwilligers in de wijk, van beginners tot boven A2, met een "
     "doorlopende leerlijn naar professionele cursussen.", None),
    ("taalmaatjes-den-haag", "Taalmaatjes Den Haag", "welfare",
     "Koppelt anderstaligen aan een vrijwillig taalmaatje voor één-op-één oefenen."
     + ILLUSTRATIVE, None),
    ("duo", "DUO (Dienst Uitvoering Onderwijs)", "other",
     "Informatie over inburgering en de lening daarvoor, studiefinanciering en het "
     "levenlanglerenkrediet. Alleen online en telefonisch.", None),
    ("haags-studiefonds", "Haags Studiefonds voor Vrouwen", "other",
     "Fonds dat bijdraagt aan opleidingskosten van Haagse vrouwen die (opnieuw) een opleiding "
     "willen volgen." + ILLUSTRATIVE, None),
    ("vluchtelingenwerk-den-haag", "VluchtelingenWerk – team Den Haag", "migrant-organisation",
     "Begeleidt statushouders en asielzoekers: maatschappelijke begeleiding, juridische "
     "informatie, taal en werk.", None),
    ("amw-den-haag", "Algemeen Maatschappelijk Werk Den Haag", "welfare",
     "Gratis hulp bij problemen met geld, relaties, wonen en opvoeding.", None),
    ("welzijn-scheveningen", "Welzijn Scheveningen", "welfare",
     "Welzijnswerk in Scheveningen: buurtkamer en vrijwilligerspunt.", "2024-11-02"),
    ("humanitas-den-haag", "Humanitas Den Haag", "welfare",
     "Vrijwilligersorganisatie: thuisadministratie en maatjes tegen eenzaamheid.", None),
    ("kvk", "Kamer van Koophandel (KVK)", "chamber",
     "Inschrijving in het Handelsregister en informatie voor starters.", None),
    ("qredits", "Qredits Microfinanciering", "other",
     "Microkrediet en coaching voor starters die bij de bank niet terechtkunnen.", None),
    ("uaf", "Stichting voor Vluchteling-Studenten UAF", "migrant-organisation",
     "Begeleidt hoogopgeleide vluchtelingen naar studie en werk op niveau.", None),
    ("haeghe-groep", "Haeghe Groep", "employer",
     "Sociaal werkbedrijf van de gemeente Den Haag: beschut werk, leerwerktrajecten en "
     "detachering voor mensen met een afstand tot de arbeidsmarkt.", None),
    ("stichting-lezen-en-schrijven", "Stichting Lezen & Schrijven", "other",
     "Landelijke stichting die laaggeletterdheid aanpakt, onder meer met 'Taal voor het Leven'.",
     None),
    ("ggd-haaglanden", "GGD Haaglanden", "other",
     "Gezondheidsdienst van de gemeenten in Haaglanden: voorlichting en preventie.", None),
    ("jongerenpunt-den-haag", "Jongerenpunt Den Haag", "municipality",
     "Gemeentelijk loket voor jongeren van 16 tot 27 jaar zonder werk of opleiding, samen met "
     "leerplicht en RMC (voortijdig schoolverlaten).", None),
    ("kinderopvang-haagse-wijken", "Stichting Kinderopvang Haagse Wijken", "other",
     "Kinderopvang en peuteropvang in de Schilderswijk en Moerwijk, ook met sociaal-medische "
     "indicatie tijdens een taal- of werktraject." + ILLUSTRATIVE, None),
    ("zorgwerkgevers-haaglanden", "Werkgeverscollectief Zorg Haaglanden", "employer",
     "Samenwerkende zorgwerkgevers met snuffelstages, leerwerkbanen en vaste banen in de zorg."
     + ILLUSTRATIVE, None),
    ("leerwerkbedrijf-haagse-horeca", "Leerwerkbedrijf Haagse Horeca", "employer",
     "Leerwerkbedrijf in Scheveningen: werkervaring en betaalde leerwerkplekken in keuken en "
     "bediening." + ILLUSTRATIVE, None),
    ("de-haagse-hogeschool", "De Haagse Hogeschool", "education-provider",
     "Hogeschool met deeltijdopleidingen en een voorbereidend programma voor anderstaligen.",
     None),
    ("stichting-al-amal", "Stichting Al Amal", "migrant-organisation",
     "Kleine zelforganisatie in Moerwijk: ontmoeting voor Arabisch- en Berbersprekende "
     "vrouwen, huiswerkklas en cursussen." + ILLUSTRATIVE, "2025-06-30"),
    # The next two are deliberately *isolated actors*: no referral link in or
    # out, so the network-coach analysis has something to find.
    ("vrouwenvereniging-transvaal", "Vrouwenvereniging Transvaal", "migrant-organisation",
     "Vrijwilligersvereniging van (vooral Turkssprekende) vrouwen in Transvaal: naailes en "
     "voorlichtingsochtenden." + ILLUSTRATIVE, None),
    ("buurtwerkplaats-spoorwijk", "Buurtwerkplaats Spoorwijk", "other",
     "Werkplaats voor fietsen en hout waar buurtbewoners leren en meedoen." + ILLUSTRATIVE,
     "2023-09-30"),
]

ISOLATED_ORGANISATIONS = {"vrouwenvereniging-transvaal", "buurtwerkplaats-spoorwijk"}

# --------------------------------------------------------------------------
# Locations.  Street names are plausible for the postcode but unverified; the
# house numbers are illustrative (derived from the id), except Riviervismarkt 5
# which the seed gives.  Coordinates are a plausible street position inside the
# wijk of the PC4 centroid, within 250 m of it (derived from the id, so a rebuild
# gives the same file), hence approximate=True.
# --------------------------------------------------------------------------

# id, organisation, name, address, postcode, wheelchair (None = unknown)
LOCATIONS = [
    ("loc-haagse-maatschap", "haagse-maatschap", "Kantoor De Haagse Maatschap",
     "Riviervismarkt 5", "2513 AM", None),
    ("loc-zebra-transvaal", "zebra-welzijn", "Buurthuis Transvaal", "Paul Krugerlaan", "2571",
     True),
    ("loc-zebra-schilderswijk", "zebra-welzijn", "Wijkcentrum Schilderswijk", "Vaillantlaan",
     "2526", True),
    ("loc-zebra-stationsbuurt", "zebra-welzijn", "Buurthuis Stationsbuurt", "Stationsweg",
     "2515", False),
    ("loc-mooi-morgenstond", "mooi", "Wijkcentrum Morgenstond", "Leyweg", "2545", True),
    ("loc-mooi-moerwijk", "mooi", "Buurtkamer Moerwijk", "Erasmusweg", "2532", True),
    ("loc-mooi-bouwlust", "mooi", "Wijkcentrum Bouwlust", "Hengelolaan", "2544", True),
    ("loc-mooi-laak", "mooi", "Moedercentrum Laak", "Van Musschenbroekstraat", "2522", False),
    ("loc-yasmin", "stichting-yasmin", "Participatiecentrum Yasmin", "Hobbemastraat", "2526",
     False),
    ("loc-koffiepot", "de-koffiepot", "Participatiecentrum De Koffiepot", "Waldorpstraat",
     "2521", True),
    ("loc-roc-leeghwaterplein", "roc-mondriaan", "ROC Mondriaan, locatie Leeghwaterplein",
     "Leeghwaterplein", "2521", True),
    ("loc-hof", "hof-vrijwilligerspool", "HOF vrijwilligerspool", "Kalvermarkt", "2511", True),
    ("loc-cjg-schilderswijk", "cjg-den-haag", "CJG Schilderswijk", "Hoefkade", "2526", True),
    ("loc-cjg-escamp", "cjg-den-haag", "CJG Escamp", "Leyweg", "2545", True),
    ("loc-cjg-laak", "cjg-den-haag", "CJG Laak", "Hildebrandplein", "2522", True),
    ("loc-cjg-ypenburg", "cjg-den-haag", "CJG Ypenburg", "Laan van Ypenburg", "2497", True),
    ("loc-gemeente-spui", "gemeente-den-haag-szw", "Stadhuis – Werk en Inkomen", "Spui",
     "2511", True),
    ("loc-gemeente-escamp", "gemeente-den-haag-szw", "Servicepunt Werk en Inkomen Escamp",
     "Leyweg", "2545", True),
    ("loc-wsp", "werkgeversservicepunt-haaglanden", "Werkgeversservicepunt Haaglanden",
     "Binckhorstlaan", "2516", True),
    ("loc-uwv", "uwv-den-haag", "UWV Den Haag", "Juliana van Stolberglaan", "2595", True),
    ("loc-bieb-centraal", "bibliotheek-den-haag", "Centrale Bibliotheek", "Spui", "2511", True),
    ("loc-bieb-schilderswijk", "bibliotheek-den-haag", "Bibliotheek Schilderswijk", "Hoefkade",
     "2526", True),
    ("loc-bieb-escamp", "bibliotheek-den-haag", "Bibliotheek Escamp", "Leyweg", "2545", True),
    ("loc-bieb-mariahoeve", "bibliotheek-den-haag", "Bibliotheek Mariahoeve", "Tarwekamp",
     "2592", True),
    ("loc-taalhuis", "taalhuis-den-haag", "Taalhuis in de Centrale Bibliotheek", "Spui", "2511",
     True),
    ("loc-taal-in-de-buurt", "taal-in-de-buurt", "Taal in de Buurt, buurtcentrum Spoorwijk",
     "Hoefbladlaan", "2524", True),
    ("loc-taalmaatjes", "taalmaatjes-den-haag", "Taalmaatjes Den Haag", "Theresiastraat",
     "2593", True),
    ("loc-vluchtelingenwerk", "vluchtelingenwerk-den-haag", "VluchtelingenWerk, kantoor Den Haag",
     "Binckhorstlaan", "2516", True),
    ("loc-amw-centrum", "amw-den-haag", "AMW Centrum", "Prinsegracht", "2512", True),
    ("loc-amw-escamp", "amw-den-haag", "AMW Escamp", "Dedemsvaartweg", "2543", True),
    ("loc-welzijn-scheveningen", "welzijn-scheveningen", "Buurtkamer Scheveningen-Dorp",
     "Keizerstraat", "2584", False),
    ("loc-humanitas", "humanitas-den-haag", "Humanitas Den Haag", "Valkenboslaan", "2563", True),
    ("loc-haeghe", "haeghe-groep", "Haeghe Groep, vestiging Forepark", "Forepark", "2491", True),
    ("loc-ggd", "ggd-haaglanden", "GGD Haaglanden", "Westeinde", "2512", True),
    ("loc-jongerenpunt", "jongerenpunt-den-haag", "Jongerenpunt", "Wijnhaven", "2511", True),
    ("loc-kinderopvang-schilderswijk", "kinderopvang-haagse-wijken", "Kindercentrum Schilderswijk",
     "Vaillantlaan", "2525", True),
    ("loc-kinderopvang-moerwijk", "kinderopvang-haagse-wijken", "Kindercentrum Moerwijk",
     "Zuiderparklaan", "2533", True),
    ("loc-zorgwerkgevers", "zorgwerkgevers-haaglanden", "Leerwerkloket Zorg", "Leyweg", "2546",
     True),
    ("loc-horeca", "leerwerkbedrijf-haagse-horeca", "Leerwerkbedrijf Haagse Horeca",
     "Gevers Deynootweg", "2586", True),
    ("loc-hhs", "de-haagse-hogeschool", "De Haagse Hogeschool", "Johanna Westerdijkplein",
     "2521", True),
    ("loc-al-amal", "stichting-al-amal", "Stichting Al Amal", "Moerweg", "2533", False),
    ("loc-vrouwenvereniging", "vrouwenvereniging-transvaal", "Vrouwenvereniging Transvaal",
     "Kempstraat", "2572", False),
    ("loc-buurtwerkplaats", "buurtwerkplaats-spoorwijk", "Buurtwerkplaats Spoorwijk",
     "Rijswijkseweg", "2523", None),
]

# --------------------------------------------------------------------------
# Offers.  One call per offer; ``offer()`` fills defaults so that every record
# has the same shape.  Descriptions are in Dutch, ``purpose`` says what the
# client achieves.  Rungs: 1 geïsoleerd … 6 betaald werk.
# --------------------------------------------------------------------------

OFFERS: list[dict] = []

# Default verification dates (all within 12 months of REFERENCE_DATE), handed
# out in order so the output is deterministic without being uniform.
RECENT_DATES = [
    "2026-01-15", "2026-02-20", "2026-03-09", "2026-04-14", "2026-05-06", "2026-06-11",
    "2026-07-02", "2026-08-25", "2026-09-15", "2026-10-06", "2026-10-28", "2026-11-10",
]

PAID = ["temporary", "absolute"]  # work bans that rule out paid work
WORK_ALLOWED = ["citizen", "eu-citizen", "residence-permit"]
EMPTY_ELIGIBILITY = {
    "age_min": None, "age_max": None, "genders": [], "residence_statuses": [],
    "excludes_work_ban": [], "neighbourhoods": [], "requires_referral_by": [],
}
ESCAMP = ["wijk-32", "wijk-33", "wijk-34", "wijk-35", "wijk-36", "wijk-40"]


def offer(
    id: str, organisation: str, name: str, category: str, accepts: list[int], leads_to: int,
    description: str, purpose: str, *, locations: tuple[str, ...] = (), online: bool = False,
    target_groups: tuple[str, ...] = (), eligibility: dict | None = None,
    languages: tuple[str, ...] = ("nl",), interpreter: bool = False, cost: float = 0,
    cost_description: str = "", childcare: bool = False, capacity: int | None = None,
    wait_weeks: float | None = None, valid_from: str | None = None,
    valid_until: str | None = None, funding: str = "", contact: str = "",
    last_verified: str | None = None,
) -> None:
    """Append one offer record in the canonical key order."""
    n = len(OFFERS)
    OFFERS.append({
        "id": id,
        "organisation": organisation,
        "locations": list(locations),
        "online": online,
        "name": name,
        "description": description,
        "purpose": purpose,
        "category": category,
        "ladder": {"accepts": accepts, "leads_to": leads_to},
        "target_groups": list(target_groups),
        # Every key present (empty = no restriction), same shape as the Gladbeck data.
        "eligibility": {**EMPTY_ELIGIBILITY, **(eligibility or {})},
        "languages": list(languages),
        "interpreter": interpreter,
        "cost_eur": cost,
        "cost_description": cost_description,
        "childcare": childcare,
        "capacity": capacity,
        "wait_weeks": wait_weeks,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "funding": funding,
        "contact": {
            "name": contact,
            "email": id.replace(".", "-") + "@example.org",
            # Offer phones use 0100-0999, organisation phones 0001-0099.
            "phone": f"+31 70 000 0{100 + n:03d}",
        },
        "last_verified": last_verified or RECENT_DATES[n % len(RECENT_DATES)],
    })


# ---- Stichting Yasmin (participatiecentrum voor vrouwen, Schilderswijk) ----
offer("yasmin.koffieochtend", "stichting-yasmin", "Koffieochtend voor vrouwen", "information",
      [1, 2], 2,
      "Elke dinsdag- en donderdagochtend open inloop met koffie, thee en een onderwerp van de "
      "week (gezondheid, school van de kinderen, geldzaken). Kinderoppas aanwezig.",
      "U leert andere vrouwen uit de buurt kennen en komt regelmatig de deur uit.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "ar", "rif", "tr"),
      childcare=True, capacity=30, wait_weeks=0, valid_from="2010-01-01",
      funding="Gemeente Den Haag – subsidie welzijn en emancipatie",
      contact="Coördinator vrouwenwerk")
offer("yasmin.huisbezoek", "stichting-yasmin", "Kennismaking aan huis", "counselling",
      [1], 2,
      "Een medewerker of getrainde sleutelvrouw komt bij u thuis op bezoek, luistert naar uw "
      "wensen en gaat de eerste keer met u mee naar het centrum. Alleen voor bewoners van de "
      "Schilderswijk.",
      "U zet de eerste stap buiten de deur, met iemand die u al kent.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"], "neighbourhoods": ["wijk-29"]},
      languages=("nl", "ar", "rif", "tr"), capacity=40, wait_weeks=2, valid_from="2016-01-01",
      funding="Gemeente Den Haag – wijkbudget Schilderswijk", contact="Sleutelvrouw")
offer("yasmin.taalcafe", "stichting-yasmin", "Taalcafé voor vrouwen", "language-course",
      [1, 2], 3,
      "Wekelijks Nederlands oefenen in kleine groepjes met vrijwilligers, over dagelijkse "
      "situaties: de huisarts, de school, de markt. Geen niveau vereist.",
      "U durft meer Nederlands te spreken en stroomt door naar een taalcursus.",
      locations=("loc-yasmin",), target_groups=("women", "migrants"),
      eligibility={"genders": ["female"]}, childcare=True, capacity=24, wait_weeks=1,
      valid_from="2011-09-01", funding="Gemeente Den Haag – subsidie welzijn",
      contact="Coördinator taal")
offer("yasmin.empowerment", "stichting-yasmin", "Training 'Sterk in je eigen leven'",
      "counselling", [1, 2], 3,
      "Groepstraining van tien bijeenkomsten over zelfvertrouwen, eigen keuzes en grenzen "
      "aangeven. Begeleid door een trainer die ook Arabisch en Turks spreekt.",
      "U weet wat u wilt en zet een eerste stap naar een cursus of vrijwilligerswerk.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"], "age_min": 18},
      languages=("nl", "ar", "tr"), childcare=True, capacity=14, wait_weeks=6,
      valid_from="2024-01-01", valid_until="2027-03-31",
      funding="Projectsubsidie emancipatie 2024–2027 (loopt af)", contact="Trainer empowerment")
offer("yasmin.computerles", "stichting-yasmin", "Computerles voor vrouwen", "digital-skills",
      [2, 3], 3,
      "Tien lessen: e-mail, DigiD, de website van school en solliciteren op internet. "
      "Laptops zijn aanwezig.",
      "U regelt zelf zaken op internet en kunt online naar werk of een cursus zoeken.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "ar"), cost=10,
      cost_description="€ 10 voor tien lessen", childcare=True, capacity=10, wait_weeks=4,
      valid_from="2014-01-01", funding="Eigen bijdrage en fondsen", contact="Docent computerles")
offer("yasmin.trajectbegeleiding", "stichting-yasmin", "Trajectbegeleiding naar opleiding en werk",
      "job-coaching", [2, 3], 4,
      "Intakegesprek met de participatieladder, een persoonlijk plan en één-op-één begeleiding "
      "naar een volgende trede. Warme overdracht naar ROC Mondriaan, vrijwilligerswerk of het "
      "studiefonds.",
      "U heeft een plan en een plek: een opleiding, vrijwilligerswerk of werkervaring.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "ar", "rif", "tr"), capacity=35,
      wait_weeks=3, valid_from="2012-01-01",
      funding="Gemeente Den Haag – participatiecentra voor vrouwen",
      contact="Trajectbegeleider")
offer("yasmin.gastvrouw", "stichting-yasmin", "Vrijwilliger als gastvrouw", "volunteering",
      [3], 4,
      "Ontvang bezoekers, zet koffie, help bij activiteiten en leer werken in een team. "
      "Met vrijwilligersovereenkomst en referentie.",
      "U doet werkervaring op en bouwt een netwerk en een referentie op.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "ar", "tr"), capacity=8,
      wait_weeks=2, valid_from="2012-01-01", contact="Vrijwilligerscoördinator")
offer("yasmin.jobcoaching", "stichting-yasmin", "Jobcoaching 'Aan het werk'", "job-coaching",
      [4], 5,
      "Voor vrouwen met vrijwilligerswerk of werkervaring: samen met een jobcoach die uw taal "
      "spreekt een baan zoeken, het gesprek voorbereiden en de eerste maanden op het werk "
      "volhouden.",
      "U heeft betaald werk en een coach die u de eerste maanden begeleidt.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"], "age_min": 18, "excludes_work_ban": PAID},
      languages=("nl", "ar", "rif", "tr"), capacity=20, wait_weeks=6, valid_from="2019-01-01",
      funding="Gemeente Den Haag – participatiecentra voor vrouwen", contact="Jobcoach")
offer("yasmin.naaiatelier", "stichting-yasmin", "Naai- en ontwerpatelier Schilderswijk",
      "work-experience", [2, 3], 4,
      "Leerwerkatelier waar vrouwen kleding maakten en verkochten. De projectfinanciering is "
      "eind 2022 gestopt; opgenomen om te laten zien wat er verdwenen is.",
      "U deed werkervaring op in een atelier.",
      locations=("loc-yasmin",), target_groups=("women",),
      eligibility={"genders": ["female"]}, capacity=12, wait_weeks=0,
      valid_from="2018-01-01", valid_until="2022-12-31", funding="ESF 2014–2020 (beëindigd)",
      contact="Atelierleider", last_verified="2023-01-10")

# ---- De Koffiepot (participatiecentrum voor vrouwen, Laak) ----
offer("koffiepot.inloop", "de-koffiepot", "Inloopochtend De Koffiepot", "information",
      [1, 2], 2,
      "Drie ochtenden per week open huis: koffie, een praatje en hulp bij brieven. Kinderen "
      "mogen mee naar de speelhoek.",
      "U heeft een vaste plek om andere vrouwen te ontmoeten.",
      locations=("loc-koffiepot",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "tr", "ar", "pap"), childcare=True,
      capacity=30, wait_weeks=0, valid_from="2009-01-01",
      funding="Gemeente Den Haag – subsidie welzijn", contact="Gastvrouw")
offer("koffiepot.taal-en-ontmoeting", "de-koffiepot", "Taal & ontmoeting", "language-course",
      [1, 2], 3,
      "Twee ochtenden per week Nederlands leren in een vaste groep, met kinderopvang in het "
      "centrum. Voor beginners tot niveau A1.",
      "U spreekt eenvoudig Nederlands en doet mee aan een vaste groep.",
      locations=("loc-koffiepot",), target_groups=("women", "migrants"),
      eligibility={"genders": ["female"]}, childcare=True, capacity=16, wait_weeks=8,
      valid_from="2012-01-01", funding="Gemeente Den Haag – educatiebudget (WEB)",
      contact="Taaldocent")
offer("koffiepot.bewegen", "de-koffiepot", "Bewegen voor vrouwen", "health-support", [1, 2], 2,
      "Wekelijkse beweegles (wandelen, gym, fietsles in de zomer) alleen voor vrouwen, met "
      "vrouwelijke trainer.",
      "U komt in beweging, voelt zich fitter en leert vrouwen uit de buurt kennen.",
      locations=("loc-koffiepot",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "tr", "ar"), cost=2,
      cost_description="€ 2 per les", childcare=True, capacity=20, wait_weeks=0,
      valid_from="2015-04-01", funding="Sportimpuls en eigen bijdrage", contact="Trainer")
offer("koffiepot.opvoedcursus", "de-koffiepot", "Oudercursus 'Opvoeden in twee culturen'",
      "parenting-support", [1, 2], 3,
      "Zes bijeenkomsten over opvoeden, school en puberteit, samen met een opvoedadviseur van "
      "het CJG.",
      "U staat sterker in de opvoeding en kent de weg naar school en CJG.",
      locations=("loc-koffiepot",), target_groups=("parents", "women"),
      eligibility={"genders": ["female"]}, languages=("nl", "tr", "ar"), interpreter=True,
      childcare=True, capacity=12, wait_weeks=5, valid_from="2017-09-01",
      funding="CJG Den Haag", contact="Opvoedadviseur")
offer("koffiepot.trajectbegeleiding", "de-koffiepot", "Trajectbegeleiding participatiecentrum",
      "job-coaching", [2, 3], 4,
      "Persoonlijke begeleiding volgens de participatieladder: intake, plan, en samen zoeken naar "
      "vrijwilligerswerk, werkervaring of een opleiding. Aanvraag studiefonds mogelijk.",
      "U heeft een passende volgende stap en iemand die u daarbij begeleidt.",
      locations=("loc-koffiepot",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "tr", "pap"), capacity=30,
      wait_weeks=4, valid_from="2012-01-01",
      funding="Gemeente Den Haag – participatiecentra voor vrouwen",
      contact="Trajectbegeleider")
offer("koffiepot.werkervaring-keuken", "de-koffiepot", "Werkervaringsplek in de buurtkeuken",
      "work-experience", [3], 4,
      "Drie dagdelen per week koken en serveren in de buurtkeuken, met werkbegeleider en "
      "certificaat Sociale Hygiëne als afsluiting.",
      "U doet werkervaring op in de horeca en krijgt een certificaat.",
      locations=("loc-koffiepot",), target_groups=("women",),
      eligibility={"genders": ["female"], "age_min": 18}, capacity=6, wait_weeks=10,
      valid_from="2013-01-01", funding="Fonds 1818 en gemeente", contact="Werkbegeleider keuken")
offer("koffiepot.sollicitatiegroep", "de-koffiepot", "Sollicitatiegroep voor vrouwen",
      "job-coaching", [4], 5,
      "Acht bijeenkomsten: cv maken, gesprekken oefenen, netwerken. Elke deelnemer gaat op "
      "gesprek bij een werkgever uit het netwerk.",
      "U solliciteert zelfstandig en vindt (begeleid) betaald werk.",
      locations=("loc-koffiepot",), target_groups=("women", "women-returners"),
      eligibility={"genders": ["female"], "excludes_work_ban": PAID},
      languages=("nl", "tr"), capacity=12, wait_weeks=6, valid_from="2014-01-01",
      contact="Jobcoach")

# ---- Zebra Welzijn (Transvaal, Schilderswijk, Stationsbuurt) ----
offer("zebra.ishop-transvaal", "zebra-welzijn", "I-Shop Transvaal: informatie en advies",
      "information", [1, 2, 3], 2,
      "Inloopspreekuur voor vragen over brieven, toeslagen, school en werk. We helpen direct of "
      "verwijzen u warm door.",
      "U weet waar u met uw vraag terechtkunt en krijgt hulp bij de eerste stap.",
      locations=("loc-zebra-transvaal",), languages=("nl", "tr", "ar", "bg", "en"),
      interpreter=True, capacity=60, wait_weeks=0, valid_from="2008-01-01",
      funding="Gemeente Den Haag – subsidie welzijn", contact="Medewerker I-Shop")
offer("zebra.participatiemakelaar", "zebra-welzijn", "Participatiemakelaar Centrum",
      "counselling", [2, 3], 4,
      "De participatiemakelaar kijkt samen met u wat u kunt en wilt en zoekt passend "
      "vrijwilligerswerk, via de HOF-pool en jekuntmeer.",
      "U heeft vrijwilligerswerk dat bij u past.",
      locations=("loc-zebra-transvaal", "loc-zebra-schilderswijk", "loc-zebra-stationsbuurt"),
      languages=("nl", "tr", "en"), capacity=80, wait_weeks=2, valid_from="2012-01-01",
      funding="Gemeente Den Haag – welzijn nieuwe stijl", contact="Participatiemakelaar")
offer("zebra.taalcafe-schilderswijk", "zebra-welzijn", "Taalcafé Schilderswijk",
      "language-course", [2], 3,
      "Elke woensdagmiddag Nederlands praten met vrijwilligers in het wijkcentrum. Gratis en "
      "zonder aanmelding.",
      "U oefent Nederlands in een ontspannen sfeer en durft meer te spreken.",
      locations=("loc-zebra-schilderswijk",), target_groups=("migrants",), capacity=30,
      wait_weeks=0, valid_from="2015-01-01", funding="Gemeente Den Haag – subsidie welzijn",
      contact="Coördinator taalcafé")
offer("zebra.taalles-kinderopvang", "zebra-welzijn", "Taalles A1–A2 met kinderopvang",
      "language-course", [1, 2], 3,
      "Nederlandse les op twee ochtenden per week voor bewoners van Transvaal, met "
      "kinderopvang in hetzelfde gebouw.",
      "U haalt niveau A2 en kunt uw kinderen in de buurt laten opvangen.",
      locations=("loc-zebra-transvaal",), target_groups=("migrants", "parents"),
      eligibility={"neighbourhoods": ["wijk-30"], "age_min": 18}, cost=25,
      cost_description="€ 25 eigen bijdrage per jaar", childcare=True, capacity=15,
      wait_weeks=12, valid_from="2016-09-01", funding="Gemeente Den Haag – educatiebudget (WEB)",
      contact="Taalcoördinator")
offer("zebra.vrijwilligerswerk-buurthuis", "zebra-welzijn", "Vrijwilligerswerk in het buurthuis",
      "volunteering", [3], 4,
      "Help mee bij de balie, activiteiten voor kinderen of de buurtmaaltijd. Met "
      "vrijwilligersvergoeding en cursusaanbod.",
      "U doet werkervaring op en krijgt een referentie.",
      locations=("loc-zebra-transvaal", "loc-zebra-schilderswijk"), languages=("nl", "tr"),
      capacity=25, wait_weeks=1, valid_from="2010-01-01", contact="Vrijwilligerscoördinator")
offer("zebra.jongerenwerk", "zebra-welzijn", "Jongerenwerk Stationsbuurt: talentcoaching",
      "counselling", [1, 2], 3,
      "Jongerenwerkers zoeken jongeren op straat en online op en helpen ze met school, "
      "bijbaan of een training.",
      "Je bent weer in beeld en doet mee aan een activiteit, training of school.",
      locations=("loc-zebra-stationsbuurt",), target_groups=("young-people",),
      eligibility={"age_min": 16, "age_max": 27}, languages=("nl", "en", "tr", "ar"),
      capacity=50, wait_weeks=0, valid_from="2014-01-01", contact="Jongerenwerker")
offer("zebra.vrouwengroep-stationsbuurt", "zebra-welzijn", "Vrouwengroep Stationsbuurt",
      "information", [1], 2,
      "Wekelijkse ontmoetingsgroep voor vrouwen met uitstapjes en voorlichting.",
      "U komt uit uw isolement en bouwt contacten op.",
      locations=("loc-zebra-stationsbuurt",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("nl", "tr", "hi"), childcare=True,
      capacity=15, wait_weeks=0, valid_from="2011-01-01", contact="Vrouwenwerker",
      last_verified="2024-09-10")
offer("zebra.buurtmoeders", "zebra-welzijn", "Buurtmoeders Schilderswijk", "volunteering",
      [3], 4,
      "Getrainde buurtmoeders bezoeken andere moeders en geven voorlichting over opvoeden en "
      "school. Alleen voor moeders die in de Schilderswijk wonen; met vrijwilligersvergoeding.",
      "U werkt als vrijwilliger met een training, een vergoeding en een referentie.",
      locations=("loc-zebra-schilderswijk",), target_groups=("women", "parents"),
      eligibility={"genders": ["female"], "neighbourhoods": ["wijk-29"]},
      languages=("nl", "ar", "tr", "rif"), capacity=12, wait_weeks=8, valid_from="2009-01-01",
      funding="Gemeente Den Haag – opvoedondersteuning", contact="Coördinator buurtmoeders")

# ---- MOOI (Escamp, Laak) ----
offer("mooi.buurtkamer-moerwijk", "mooi", "Buurtkamer Moerwijk", "information", [1], 2,
      "Huiskamer voor bewoners van Moerwijk: koffie, krant, spelletjes en een luisterend oor.",
      "U heeft dicht bij huis een plek om mensen te ontmoeten.",
      locations=("loc-mooi-moerwijk",), eligibility={"neighbourhoods": ["wijk-36"]},
      languages=("nl", "pap", "pl"), capacity=25, wait_weeks=0, valid_from="2013-01-01",
      funding="Gemeente Den Haag – subsidie welzijn", contact="Opbouwwerker")
offer("mooi.participatiemakelaar-escamp", "mooi", "Participatiemakelaar Escamp", "counselling",
      [2, 3], 4,
      "Gesprek over uw talenten en wensen, daarna een passende vrijwilligersplek of cursus in "
      "Escamp. Alleen voor bewoners van Escamp.",
      "U heeft vrijwilligerswerk of een cursus die bij u past.",
      locations=("loc-mooi-morgenstond",), eligibility={"neighbourhoods": ESCAMP},
      languages=("nl", "tr", "pap"), capacity=60, wait_weeks=3, valid_from="2012-01-01",
      funding="Gemeente Den Haag – welzijn nieuwe stijl", contact="Participatiemakelaar")
offer("mooi.vrijwilligersacademie", "mooi", "Vrijwilligersacademie", "qualification", [3], 4,
      "Korte trainingen voor (nieuwe) vrijwilligers: gastvrijheid, EHBO, omgaan met conflicten. "
      "Met certificaat.",
      "U start goed voorbereid als vrijwilliger en heeft een certificaat.",
      locations=("loc-mooi-morgenstond", "loc-mooi-bouwlust"), capacity=40, wait_weeks=4,
      valid_from="2015-01-01", contact="Coördinator vrijwilligersacademie")
offer("mooi.jongerencoach", "mooi", "Jongerencoach Escamp", "counselling", [1, 2], 3,
      "Een vaste coach helpt jongeren zonder school of werk op weg: dagritme, schulden, en "
      "terug naar school.",
      "Je hebt weer ritme en een plek op school of in een traject.",
      locations=("loc-mooi-morgenstond",), target_groups=("young-people", "early-school-leavers"),
      eligibility={"age_min": 16, "age_max": 27}, languages=("nl", "en", "pap"), capacity=40,
      wait_weeks=2, valid_from="2016-01-01", contact="Jongerencoach")
offer("mooi.trajectbegeleiding-werk", "mooi", "Trajectbegeleiding naar werk (re-integratie)",
      "job-coaching", [3, 4], 5,
      "Re-integratiebegeleiding door trajectbegeleiders van MOOI. Gestopt: door teruglopende "
      "budgetten is de re-integratietak opgeheven.",
      "U vond werk met begeleiding.",
      locations=("loc-mooi-morgenstond",), target_groups=("long-term-unemployed",),
      eligibility={"excludes_work_ban": PAID}, capacity=30, wait_weeks=0,
      valid_from="2008-01-01", valid_until="2022-12-31",
      funding="Re-integratiebudget gemeente (beëindigd)", contact="Trajectbegeleider",
      last_verified="2023-02-01")
offer("mooi.digitaal-spreekuur", "mooi", "Digitaal spreekuur", "digital-skills", [2], 3,
      "Hulp bij DigiD, mijn.overheid.nl en het gebruik van uw telefoon. Daarna kunt u meedoen "
      "aan de computercursus.",
      "U regelt uw zaken online en doet mee aan een cursus.",
      locations=("loc-mooi-morgenstond", "loc-mooi-laak"), languages=("nl", "tr"), capacity=20,
      wait_weeks=1, valid_from="2019-01-01", contact="Digicoach")
offer("mooi.moedercentrum-laak", "mooi", "Moedercentrum Laak", "parenting-support", [1, 2], 2,
      "Ontmoetingsplek voor moeders met jonge kinderen: samen spelen, praten en leren.",
      "U leert andere moeders kennen en staat er niet alleen voor.",
      locations=("loc-mooi-laak",), target_groups=("parents", "single-parents"),
      eligibility={"genders": ["female"]}, languages=("nl", "ar", "tr", "so"), childcare=True,
      capacity=20, wait_weeks=0, valid_from="2010-01-01", contact="Opbouwwerker moedercentrum")
offer("mooi.taalcafe-morgenstond", "mooi", "Taalcafé Morgenstond", "language-course", [2], 3,
      "Elke maandagavond Nederlands oefenen met vrijwilligers in het wijkcentrum.",
      "U oefent Nederlands en stroomt door naar een cursus.",
      locations=("loc-mooi-morgenstond",), target_groups=("migrants",), capacity=25,
      wait_weeks=0, valid_from="2016-01-01", contact="Coördinator taalcafé")
offer("mooi.klussenteam", "mooi", "Klussenteam Bouwlust", "work-experience", [3], 4,
      "Kleine klussen bij ouderen in de buurt onder begeleiding van een vakman. Alleen voor "
      "bewoners van Bouwlust en Vrederust.",
      "U doet werkervaring en vakkennis op en helpt uw buren.",
      locations=("loc-mooi-bouwlust",), target_groups=("long-term-unemployed",),
      eligibility={"neighbourhoods": ["wijk-33"], "age_min": 18}, capacity=10, wait_weeks=6,
      valid_from="2018-01-01", funding="Wijkbudget Escamp", contact="Werkmeester")

# ---- ROC Mondriaan ----
offer("roc.nt2-in-de-wijk", "roc-mondriaan", "NT2 Leren in de wijk (A2 → B1)",
      "language-course", [2, 3], 3,
      "Nederlands als tweede taal boven A2, op locaties van partners in de wijk (Yasmin, MOOI). "
      "Sluit aan op het taalcafé, zodat deelnemers kunnen doorstromen.",
      "U haalt taalniveau B1, de basis voor een mbo-opleiding of werk.",
      locations=("loc-yasmin", "loc-mooi-morgenstond", "loc-roc-leeghwaterplein"),
      target_groups=("migrants",), eligibility={"age_min": 18}, capacity=45, wait_weeks=8,
      valid_from="2013-01-01", valid_until="2026-12-31",
      funding="Gemeente Den Haag – educatiebudget (WEB), contract t/m 2026",
      contact="Coördinator volwasseneneducatie")
offer("roc.basisvaardigheden", "roc-mondriaan", "Taal en rekenen voor volwassenen (NT1)",
      "language-course", [2, 3], 3,
      "Lezen, schrijven en rekenen voor volwassenen die Nederlands spreken maar moeite hebben "
      "met lezen en schrijven.",
      "U leest en schrijft beter en kunt een opleiding of werk aan.",
      locations=("loc-roc-leeghwaterplein",), target_groups=("low-literacy",),
      eligibility={"age_min": 18}, capacity=36, wait_weeks=4, valid_from="2010-01-01",
      funding="Gemeente Den Haag – educatiebudget (WEB)", contact="Intaker educatie")
offer("roc.entree", "roc-mondriaan", "Entreeopleiding (mbo niveau 1)", "qualification", [3], 4,
      "Eenjarige opleiding met veel praktijk en een stage, voor wie geen diploma heeft. Daarna "
      "door naar mbo niveau 2 of werk.",
      "U haalt een mbo-1-diploma en heeft stage-ervaring.",
      locations=("loc-roc-leeghwaterplein",), target_groups=("early-school-leavers",),
      eligibility={"age_min": 16}, capacity=120, wait_weeks=6, valid_from="2014-08-01",
      funding="Rijksbekostiging mbo", contact="Studieloopbaanbegeleider")
offer("roc.mbo2-helpende-zorg", "roc-mondriaan", "Mbo-2 Helpende Zorg & Welzijn (bbl)",
      "qualification", [4, 5], 5,
      "Beroepsbegeleidende leerweg: vier dagen werken bij een zorgwerkgever, één dag school. "
      "U krijgt salaris tijdens de opleiding.",
      "U haalt een mbo-2-diploma terwijl u betaald werkt.",
      locations=("loc-roc-leeghwaterplein",), eligibility={"age_min": 18, "excludes_work_ban":
                                                             PAID},
      cost=283, cost_description="Cursusgeld bbl per jaar (indicatief)", capacity=60,
      wait_weeks=10, valid_from="2015-08-01", funding="Rijksbekostiging mbo",
      contact="Opleidingsadviseur zorg")
offer("roc.mbo-30plus", "roc-mondriaan", "Deeltijd mbo voor 30-plussers", "qualification",
      [3, 4], 5,
      "Mbo-opleiding niveau 2–3 in deeltijd, in avonden en schooltijden, voor volwassenen die "
      "(opnieuw) een diploma willen halen. Een bijdrage uit het studiefonds is mogelijk.",
      "U haalt een beroepsdiploma en vindt werk in uw vak.",
      locations=("loc-roc-leeghwaterplein",), target_groups=("women-returners",
                                                            "long-term-unemployed"),
      eligibility={"age_min": 30}, cost=1250,
      cost_description="Lesgeld per jaar (indicatief); studiefonds of levenlanglerenkrediet "
                       "mogelijk",
      capacity=40, wait_weeks=12, valid_from="2012-08-01", funding="Deelnemersbijdrage",
      contact="Opleidingsadviseur volwassenen")
offer("roc.staatsexamen-nt2", "roc-mondriaan", "Voorbereiding Staatsexamen NT2 (programma II)",
      "language-course", [3, 4], 4,
      "Intensieve cursus van 20 weken naar niveau B2, voor hoogopgeleide anderstaligen die "
      "willen studeren of werken op niveau.",
      "U haalt het Staatsexamen NT2 II en kunt naar hbo, universiteit of werk op niveau.",
      locations=("loc-roc-leeghwaterplein",), target_groups=("highly-qualified-migrants",),
      eligibility={"age_min": 18}, languages=("nl", "en"), cost=350,
      cost_description="€ 350 per cursus; gratis via inburgering of UAF", capacity=20,
      wait_weeks=6, valid_from="2016-01-01", contact="Coördinator NT2")
offer("roc.leerwerktraject-jongeren", "roc-mondriaan", "Leerwerktraject jongeren (plusvoorziening)",
      "work-experience", [2, 3], 4,
      "Voor jongeren die dreigen uit te vallen: kleine klas, leren in de praktijk, stage met "
      "begeleiding. Alleen na aanmelding door het Jongerenpunt (RMC).",
      "Je hebt een startkwalificatie in zicht en stage-ervaring.",
      locations=("loc-roc-leeghwaterplein",), target_groups=("early-school-leavers",),
      eligibility={"age_min": 16, "age_max": 23,
                   "requires_referral_by": ["jongerenpunt-den-haag"]},
      capacity=30, wait_weeks=4, valid_from="2018-08-01", funding="RMC-regio Haaglanden",
      contact="Trajectcoach")

# ---- Jekuntmeer, HOF vrijwilligerspool ----
offer("jekuntmeer.platform", "jekuntmeer", "Jekuntmeer.nl: zoek vrijwilligerswerk en activiteiten",
      "information", [2, 3], 4,
      "Website met het actuele participatieaanbod in Den Haag: vrijwilligerswerk, cursussen en "
      "activiteiten. Zoeken op wijk en onderwerp.",
      "U vindt zelf (vrijwilligers)werk of een activiteit die bij u past.",
      online=True, capacity=None, wait_weeks=0, valid_from="2008-01-01",
      funding="Gemeente Den Haag en fondsen", contact="Redactie", last_verified="2024-05-14")
offer("hof.vrijwilligerspool", "hof-vrijwilligerspool", "Vrijwilligerswerk via de HOF-pool",
      "volunteering", [3], 4,
      "Kies uit vrijwilligersklussen bij Haagse organisaties: gastvrouw, taalmaatje, hulp bij "
      "activiteiten. Inclusief introductie en begeleiding.",
      "U heeft vrijwilligerswerk met begeleiding en een referentie.",
      locations=("loc-hof",), languages=("nl", "en"), capacity=100, wait_weeks=2,
      valid_from="2011-01-01", contact="Matcher vrijwilligerswerk")
offer("hof.cv-hulp", "hof-vrijwilligerspool", "Hulp bij cv en sollicitatiebrief",
      "job-coaching", [4], 5,
      "Vrijwilligers met HR-ervaring helpen u met een goed cv, een sollicitatiebrief en een "
      "profiel op werk.nl. Op afspraak of online.",
      "U solliciteert met een sterk cv en vindt sneller werk.",
      locations=("loc-hof",), online=True, languages=("nl", "en"), capacity=50, wait_weeks=1,
      eligibility={"excludes_work_ban": PAID},
      valid_from="2012-01-01", contact="Coördinator cv-hulp")
offer("hof.digimaatje", "hof-vrijwilligerspool", "Digimaatje aan huis", "digital-skills",
      [1, 2], 2,
      "Een vrijwilliger komt bij u thuis en helpt u met telefoon, tablet of computer, zodat u "
      "contact kunt houden en zaken kunt regelen.",
      "U gebruikt zelf uw telefoon of computer en houdt contact met anderen.",
      locations=("loc-hof",), target_groups=("low-literacy",), languages=("nl", "en", "tr"),
      capacity=30, wait_weeks=5, valid_from="2020-06-01", contact="Coördinator digimaatjes")

# ---- CJG ----
offer("cjg.opvoedspreekuur", "cjg-den-haag", "Opvoedspreekuur", "parenting-support",
      [1, 2, 3], 2,
      "Vrij inloopspreekuur voor ouders met vragen over opvoeden en opgroeien. Tolk op "
      "afspraak.",
      "U krijgt antwoord op uw opvoedvraag en weet waar u verder terechtkunt.",
      locations=("loc-cjg-schilderswijk", "loc-cjg-escamp", "loc-cjg-laak", "loc-cjg-ypenburg"),
      target_groups=("parents",), languages=("nl", "en", "tr", "ar"), interpreter=True,
      capacity=None, wait_weeks=0, valid_from="2010-01-01", contact="Jeugdverpleegkundige")
offer("cjg.samen-opvoeden", "cjg-den-haag", "Oudercursus 'Samen opvoeden'", "parenting-support",
      [1, 2], 3,
      "Cursus van acht bijeenkomsten voor ouders van kinderen van 4 tot 12 jaar, met "
      "kinderopvang tijdens de bijeenkomsten.",
      "U heeft meer vertrouwen in de opvoeding en een groep ouders om op terug te vallen.",
      locations=("loc-cjg-escamp", "loc-cjg-laak"), target_groups=("parents",),
      languages=("nl", "tr", "ar"), childcare=True, capacity=14, wait_weeks=6,
      valid_from="2012-01-01", contact="Opvoedadviseur")
offer("cjg.jonge-moeders", "cjg-den-haag", "Groep jonge moeders", "parenting-support", [1, 2], 3,
      "Wekelijkse groep voor moeders tot 23 jaar: opvoeden, school afmaken, geldzaken.",
      "Je staat er niet alleen voor en maakt een plan voor school of werk.",
      locations=("loc-cjg-schilderswijk",), target_groups=("single-parents", "young-people"),
      eligibility={"genders": ["female"], "age_min": 16, "age_max": 23},
      languages=("nl", "en", "pap"), childcare=True, capacity=10, wait_weeks=3,
      valid_from="2015-01-01", contact="Jeugdverpleegkundige")
offer("cjg.ouderkamer-ypenburg", "cjg-den-haag", "Ouderkamer Ypenburg", "parenting-support",
      [1, 2], 2,
      "Ontmoetingsochtend voor ouders van peuters en kleuters op de voorschool.",
      "U leert andere ouders kennen en raakt betrokken bij de school van uw kind.",
      locations=("loc-cjg-ypenburg",), target_groups=("parents",), languages=("nl", "en", "pl"),
      childcare=True, capacity=20, wait_weeks=0, valid_from="2019-01-01",
      contact="Oudercontactmedewerker")

# ---- Gemeente Den Haag – Dienst SZW ----
offer("gemeente.intake-werk-inkomen", "gemeente-den-haag-szw", "Intake Werk en Inkomen",
      "counselling", [1, 2, 3], 3,
      "Gesprek met een klantmanager over uitkering, werk en wat u nodig heeft. De klantmanager "
      "kan u aanmelden voor trajecten van de gemeente, Haeghe Groep en het "
      "Werkgeversservicepunt.",
      "U heeft een klantmanager en een plan naar werk of participatie.",
      locations=("loc-gemeente-spui", "loc-gemeente-escamp"),
      eligibility={"residence_statuses": WORK_ALLOWED}, languages=("nl", "en"),
      interpreter=True, capacity=None, wait_weeks=2, valid_from="2004-01-01",
      funding="Participatiewet", contact="Klantmanager")
offer("gemeente.werkfit-traject", "gemeente-den-haag-szw", "Werkfit-traject", "job-coaching",
      [3, 4], 5,
      "Traject van zes maanden met werknemersvaardigheden, werkervaring en sollicitatie, op "
      "maat ingekocht bij re-integratiebedrijven. Alleen na aanmelding door de klantmanager.",
      "U bent werkfit en vindt (begeleid) betaald werk.",
      locations=("loc-gemeente-spui", "loc-gemeente-escamp"),
      target_groups=("long-term-unemployed",),
      eligibility={"age_min": 18, "age_max": 66, "residence_statuses": WORK_ALLOWED,
                   "excludes_work_ban": PAID,
                   "requires_referral_by": ["gemeente-den-haag-szw"]},
      capacity=200, wait_weeks=4, valid_from="2015-01-01",
      funding="Participatiewet – re-integratie",
      contact="Klantmanager")
offer("gemeente.participatieplaats", "gemeente-den-haag-szw", "Participatieplaats",
      "work-experience", [3], 4,
      "Werken met behoud van uitkering bij een maatschappelijke organisatie, maximaal twee jaar, "
      "met scholing. Alleen na aanmelding door de klantmanager.",
      "U doet werkervaring en werkritme op als opstap naar betaald werk.",
      locations=("loc-gemeente-spui",), target_groups=("long-term-unemployed",),
      eligibility={"age_min": 18, "residence_statuses": WORK_ALLOWED,
                   "requires_referral_by": ["gemeente-den-haag-szw"]},
      capacity=150, wait_weeks=6, valid_from="2012-01-01", funding="Participatiewet",
      contact="Klantmanager")
offer("gemeente.loonkostensubsidie", "gemeente-den-haag-szw", "Baan met loonkostensubsidie",
      "employment", [4], 5,
      "Betaalde baan bij een gewone werkgever; de gemeente compenseert het verschil met uw "
      "loonwaarde en regelt jobcoaching. Alleen na indicatie door de gemeente.",
      "U heeft een betaalde baan met begeleiding op de werkplek.",
      locations=("loc-gemeente-spui",), target_groups=("people-with-disabilities",),
      eligibility={"residence_statuses": WORK_ALLOWED, "excludes_work_ban": PAID,
                   "requires_referral_by": ["gemeente-den-haag-szw"]},
      capacity=80, wait_weeks=8, valid_from="2015-01-01", funding="Participatiewet",
      contact="Accountmanager loonkostensubsidie")
offer("gemeente.inburgering", "gemeente-den-haag-szw", "Inburgering: leerroute en begeleiding",
      "language-course", [1, 2, 3], 3,
      "Voor inburgeringsplichtige statushouders: persoonlijk plan (PIP), taalroute B1, "
      "Z-route of onderwijsroute, met maatschappelijke begeleiding door VluchtelingenWerk.",
      "U spreekt Nederlands, kent de Nederlandse samenleving en rondt de inburgering af.",
      locations=("loc-gemeente-spui",), target_groups=("refugees",),
      eligibility={"residence_statuses": ["residence-permit"], "age_min": 16},
      languages=("nl", "ar", "ti", "fa", "en", "tr"), interpreter=True, capacity=None,
      wait_weeks=4, valid_from="2022-01-01", funding="Wet inburgering 2021",
      contact="Consulent inburgering")
offer("gemeente.herintreders", "gemeente-den-haag-szw", "Programma 'Vrouwen aan de slag'",
      "job-coaching", [3, 4], 5,
      "Programma voor vrouwen die (weer) willen gaan werken, ook zonder uitkering: "
      "oriëntatie, scholing en bemiddeling, samen met de participatiecentra.",
      "U vindt betaald werk dat past bij uw gezin en talenten.",
      locations=("loc-gemeente-spui", "loc-gemeente-escamp"),
      target_groups=("women-returners",),
      eligibility={"genders": ["female"], "age_min": 25, "excludes_work_ban": PAID},
      languages=("nl",), childcare=True, capacity=60, wait_weeks=6, valid_from="2023-01-01",
      valid_until="2027-01-31", funding="Gemeente Den Haag – emancipatiebeleid (loopt af)",
      contact="Programmaleider")
offer("gemeente.schuldhulp", "gemeente-den-haag-szw", "Schuldhulpverlening", "counselling",
      [1, 2, 3], 2,
      "Hulp bij betalingsachterstanden en schulden: stabiliseren, budgetbeheer en "
      "schuldregeling.",
      "U heeft rust in uw financiën en ruimte om aan werk te denken.",
      locations=("loc-gemeente-spui", "loc-gemeente-escamp"), languages=("nl", "en"),
      interpreter=True, capacity=None, wait_weeks=3, valid_from="2010-01-01",
      funding="Wet gemeentelijke schuldhulpverlening", contact="Schuldhulpverlener")
offer("gemeente.scholing-bijstand", "gemeente-den-haag-szw", "Scholing vanuit de bijstand",
      "study-fund", [3, 4], 4,
      "Vergoeding van een korte beroepsgerichte opleiding of certificaat (bijv. VCA, "
      "heftruck, Helpende) als die uw kans op werk vergroot. Alleen via de klantmanager.",
      "U haalt het certificaat dat werkgevers vragen.",
      locations=("loc-gemeente-spui",), target_groups=("long-term-unemployed",),
      eligibility={"residence_statuses": WORK_ALLOWED,
                   "requires_referral_by": ["gemeente-den-haag-szw"]},
      capacity=100, wait_weeks=4, valid_from="2016-01-01", funding="Participatiewet",
      contact="Klantmanager")
offer("gemeente.nazorg-jobcoach", "gemeente-den-haag-szw", "Nazorg na werkaanvaarding",
      "job-coaching", [5], 6,
      "Een jobcoach blijft na uw start zes maanden bereikbaar voor u en uw werkgever, zodat u "
      "uw baan houdt en zelfstandig verder kunt.",
      "U houdt uw baan en werkt zonder begeleiding.",
      locations=("loc-gemeente-spui",),
      eligibility={"requires_referral_by": ["gemeente-den-haag-szw"]}, capacity=120,
      wait_weeks=0, valid_from="2017-01-01", funding="Participatiewet", contact="Jobcoach")

# ---- Werkgeversservicepunt Haaglanden ----
offer("wsp.vacaturematching", "werkgeversservicepunt-haaglanden",
      "Vacaturematching en sollicitatiebegeleiding", "employment", [4, 5], 6,
      "Accountmanagers koppelen werkzoekenden aan vacatures bij Haagse werkgevers en begeleiden "
      "het sollicitatiegesprek. Aanmelding via klantmanager (gemeente) of werkcoach (UWV).",
      "U heeft een reguliere betaalde baan.",
      locations=("loc-wsp",),
      eligibility={"residence_statuses": WORK_ALLOWED, "excludes_work_ban": PAID,
                   "requires_referral_by": ["gemeente-den-haag-szw", "uwv-den-haag"]},
      languages=("nl", "en"), capacity=300, wait_weeks=2, valid_from="2015-01-01",
      funding="Gemeente Den Haag en UWV", contact="Accountmanager")
offer("wsp.banenafspraak", "werkgeversservicepunt-haaglanden", "Matching banenafspraak",
      "employment", [4], 5,
      "Bemiddeling naar banen uit de banenafspraak voor mensen met een arbeidsbeperking, met "
      "jobcoaching en eventueel werkplekaanpassing.",
      "U heeft een betaalde baan met begeleiding die past bij uw mogelijkheden.",
      locations=("loc-wsp",), target_groups=("people-with-disabilities",),
      eligibility={"excludes_work_ban": PAID,
                   "requires_referral_by": ["uwv-den-haag", "gemeente-den-haag-szw"]},
      capacity=80, wait_weeks=6, valid_from="2015-01-01",
      funding="Banenafspraak (Wet banenafspraak)",
      contact="Accountmanager banenafspraak")
offer("wsp.banenmarkt", "werkgeversservicepunt-haaglanden", "Banenmarkt Haaglanden",
      "employment", [4], 5,
      "Twee keer per jaar een banenmarkt met tientallen werkgevers uit zorg, logistiek, horeca "
      "en techniek. Vrij toegankelijk; neem uw cv mee. Wie via de banenmarkt start, krijgt de "
      "eerste maanden nazorg van het Werkgeversservicepunt.",
      "U spreekt werkgevers rechtstreeks, solliciteert ter plekke en start met nazorg.",
      locations=("loc-wsp",), eligibility={"excludes_work_ban": PAID},
      languages=("nl", "en"), capacity=800, wait_weeks=0, valid_from="2016-03-01",
      funding="Gemeente Den Haag en UWV", contact="Evenementencoördinator")
offer("wsp.proefplaatsing", "werkgeversservicepunt-haaglanden", "Proefplaatsing bij een werkgever",
      "work-experience", [4], 5,
      "Twee maanden meewerken bij een werkgever met behoud van uitkering, met uitzicht op een "
      "contract.",
      "U laat zien wat u kunt en krijgt een arbeidscontract.",
      locations=("loc-wsp",),
      eligibility={"residence_statuses": WORK_ALLOWED,
                   "requires_referral_by": ["gemeente-den-haag-szw", "uwv-den-haag"]},
      capacity=60, wait_weeks=3, valid_from="2015-01-01", contact="Accountmanager")

# ---- UWV ----
offer("uwv.online-trainingen", "uwv-den-haag", "Online trainingen en webinars werk.nl",
      "job-coaching", [4, 5], 5,
      "Gratis online trainingen: netwerken, LinkedIn, sollicitatiegesprek, werken in een "
      "ander beroep.",
      "U zoekt gerichter naar werk en solliciteert met meer succes.",
      online=True, languages=("nl",), capacity=None, wait_weeks=0, valid_from="2014-01-01",
      funding="UWV", contact="Team online dienstverlening")
offer("uwv.werkcafe-50plus", "uwv-den-haag", "Werkcafé 50-plus", "job-coaching", [4, 5], 6,
      "Maandelijkse bijeenkomst voor werkzoekenden van 50 jaar en ouder: ervaringen delen, "
      "netwerken met werkgevers, omscholing.",
      "U vindt als 50-plusser weer betaald werk.",
      locations=("loc-uwv",), target_groups=("older-jobseekers",),
      eligibility={"age_min": 50, "excludes_work_ban": PAID}, capacity=40, wait_weeks=0,
      valid_from="2016-01-01", funding="UWV", contact="Werkcoach 50-plus")
offer("uwv.werkfit-reintegratie", "uwv-den-haag", "Re-integratietraject Werkfit (WIA/Wajong)",
      "job-coaching", [3, 4], 5,
      "Traject bij een re-integratiebedrijf voor mensen met een WIA- of Wajong-uitkering. "
      "Alleen na aanvraag door uw arbeidsdeskundige of werkcoach van UWV.",
      "U bent klaar voor werk en start in een baan met begeleiding.",
      locations=("loc-uwv",), target_groups=("people-with-disabilities",),
      eligibility={"requires_referral_by": ["uwv-den-haag"], "excludes_work_ban": PAID},
      capacity=100, wait_weeks=6, valid_from="2012-01-01", funding="UWV", contact="Werkcoach")
offer("uwv.jobcoach-werkplek", "uwv-den-haag", "Jobcoaching op de werkplek", "job-coaching",
      [5], 6,
      "Een jobcoach begeleidt u en uw werkgever de eerste jaren, en bouwt de begeleiding "
      "langzaam af.",
      "U werkt zelfstandig in een gewone baan.",
      locations=("loc-uwv",), target_groups=("people-with-disabilities",),
      eligibility={"requires_referral_by": ["uwv-den-haag"]}, capacity=None, wait_weeks=4,
      valid_from="2012-01-01", funding="UWV", contact="Arbeidsdeskundige")
offer("uwv.stap-budget", "uwv-den-haag", "STAP-budget voor scholing", "study-fund", [3, 4, 5],
      5,
      "Scholingsbudget tot € 1.000 per persoon per jaar. De regeling is gestopt; opgenomen om "
      "verlopen financiering te laten zien.",
      "U kon een opleiding of training betalen.",
      online=True, capacity=None, wait_weeks=0, valid_from="2022-03-01",
      valid_until="2023-12-31", funding="Rijksoverheid (beëindigd)",
      contact="UWV STAP-team", last_verified="2024-01-05")

# ---- Bibliotheek Den Haag, Taalhuis ----
offer("bieb.digisterker", "bibliotheek-den-haag", "Digisterker: werken met de digitale overheid",
      "digital-skills", [2, 3], 3,
      "Cursus van vier lessen: DigiD, MijnOverheid, toeslagen en belastingaangifte online.",
      "U regelt zelf uw zaken met de overheid online.",
      locations=("loc-bieb-centraal", "loc-bieb-escamp", "loc-bieb-mariahoeve"),
      capacity=12, wait_weeks=3, valid_from="2017-01-01", funding="Rijksoverheid en bibliotheek",
      contact="Docent Digisterker")
offer("bieb.klik-en-tik", "bibliotheek-den-haag", "Klik & Tik: eerste stappen op de computer",
      "digital-skills", [1, 2], 2,
      "Oefenen met muis, toetsenbord en internet in uw eigen tempo, met een vrijwilliger naast "
      "u.",
      "U durft een computer te gebruiken en komt wekelijks naar de bibliotheek.",
      locations=("loc-bieb-schilderswijk", "loc-bieb-mariahoeve"), target_groups=("low-literacy",),
      capacity=8, wait_weeks=2, valid_from="2015-01-01", contact="Vrijwilliger digitaal")
offer("bieb.taalcafe-schilderswijk", "bibliotheek-den-haag",
      "Taalcafé in de bibliotheek Schilderswijk", "language-course", [2], 3,
      "Wekelijks Nederlands praten met vrijwilligers aan de leestafel. Gratis, zonder "
      "aanmelding.",
      "U oefent Nederlands en leert de bibliotheek kennen.",
      locations=("loc-bieb-schilderswijk",), target_groups=("migrants",), capacity=25,
      wait_weeks=0, valid_from="2016-01-01", contact="Coördinator taalcafé")
offer("bieb.voorleesexpress", "bibliotheek-den-haag", "VoorleesExpress", "parenting-support",
      [1, 2], 2,
      "Twintig weken lang komt een vrijwilliger wekelijks bij u thuis voorlezen aan uw kinderen "
      "en laat zien hoe u dat zelf kunt doen.",
      "U leest samen met uw kinderen en leert de bibliotheek kennen.",
      locations=("loc-bieb-schilderswijk", "loc-bieb-escamp"),
      target_groups=("parents", "low-literacy"), languages=("nl", "ar", "tr", "rif"),
      capacity=40, wait_weeks=6, valid_from="2012-01-01", contact="Coördinator VoorleesExpress")
offer("bieb.informatiepunt", "bibliotheek-den-haag", "Informatiepunt Digitale Overheid",
      "information", [1, 2, 3], 2,
      "Hulp bij vragen over de overheid: DigiD, toeslagen, zorgverzekering. Zonder afspraak.",
      "U krijgt antwoord op uw vraag en weet wat u moet doen.",
      locations=("loc-bieb-centraal", "loc-bieb-schilderswijk", "loc-bieb-escamp"),
      languages=("nl", "en", "tr", "ar"), capacity=None, wait_weeks=0,
      valid_from="2019-10-01", contact="Medewerker informatiepunt")
offer("taalhuis.intake", "taalhuis-den-haag", "Taalhuis: intake en advies", "information",
      [1, 2], 2,
      "Kom langs voor een gesprek over wat u wilt leren. We doen een korte taaltest en zoeken "
      "samen het aanbod dat bij u past.",
      "U weet welke taalcursus bij u past en bent aangemeld.",
      locations=("loc-taalhuis",), target_groups=("low-literacy", "migrants"),
      languages=("nl", "en"), capacity=None, wait_weeks=1, valid_from="2015-01-01",
      contact="Taalhuiscoördinator")
offer("taalhuis.oefenen-online", "taalhuis-den-haag", "Online oefenen met taal en rekenen",
      "language-course", [2, 3], 3,
      "Oefenprogramma's voor lezen, schrijven, rekenen en digitale vaardigheden, thuis of in "
      "de bibliotheek, met een taalvrijwilliger als coach.",
      "U oefent zelfstandig en bereidt u voor op een cursus of werk.",
      online=True, target_groups=("low-literacy",), capacity=None, wait_weeks=0,
      valid_from="2016-01-01", contact="Taalhuiscoördinator")
offer("taalhuis.taal-voor-het-werk", "taalhuis-den-haag", "Taal voor het werk (B1)",
      "language-course", [3, 4], 4,
      "Nieuwe cursus: Nederlands op de werkvloer (instructies, overleg, veiligheid) voor "
      "anderstaligen die willen gaan werken. Start in januari 2027.",
      "U spreekt Nederlands op het niveau dat werkgevers vragen.",
      locations=("loc-taalhuis",), target_groups=("migrants",), eligibility={"age_min": 18},
      capacity=16, wait_weeks=0, valid_from="2027-01-11",
      funding="Gemeente Den Haag – educatiebudget 2027–2030", contact="Taalhuiscoördinator")

# ---- Taal in de Buurt, Taalmaatjes ----
offer("taal-in-de-buurt.taallessen", "taal-in-de-buurt", "Taalles door vrijwilligers (tot A2)",
      "language-course", [1, 2], 3,
      "Kleine groepen, twee keer per week, dicht bij huis. Alleen voor bewoners van "
      "Laakkwartier en Spoorwijk.",
      "U spreekt eenvoudig Nederlands en doet mee in een vaste groep.",
      locations=("loc-taal-in-de-buurt",), target_groups=("migrants", "low-literacy"),
      eligibility={"neighbourhoods": ["wijk-38"]}, capacity=30, wait_weeks=10,
      valid_from="2011-01-01", funding="Gemeente Den Haag en fondsen", contact="Taalcoördinator")
offer("taal-in-de-buurt.conversatiegroep", "taal-in-de-buurt", "Conversatiegroep boven A2",
      "language-course", [2, 3], 3,
      "Voor wie de basiscursus heeft afgerond: praten over nieuws, werk en de buurt, als brug "
      "naar een cursus op B1-niveau.",
      "U blijft Nederlands oefenen en stroomt door naar B1.",
      locations=("loc-taal-in-de-buurt",), target_groups=("migrants",), capacity=15,
      wait_weeks=4, valid_from="2013-01-01", contact="Taalcoördinator")
offer("taal-in-de-buurt.word-taalcoach", "taal-in-de-buurt", "Word vrijwillig taalcoach",
      "volunteering", [3, 4], 4,
      "Geef zelf les aan beginners, na een training van vier dagdelen. Ook voor (oud-)cursisten "
      "die goed Nederlands spreken.",
      "U doet vrijwilligerswerk met verantwoordelijkheid en een training op uw cv.",
      locations=("loc-taal-in-de-buurt",), capacity=20, wait_weeks=4, valid_from="2011-01-01",
      contact="Coördinator vrijwilligers")
offer("taalmaatjes.taalmaatje", "taalmaatjes-den-haag", "Een taalmaatje", "language-course",
      [1, 2], 2,
      "Een jaar lang spreekt u elke week af met een vrijwilliger om Nederlands te oefenen, "
      "bij u thuis of in de buurt.",
      "U spreekt vaker Nederlands en heeft een vast contact buiten de deur.",
      locations=("loc-taalmaatjes",), target_groups=("migrants",), capacity=60, wait_weeks=12,
      valid_from="2012-01-01", contact="Koppelaar taalmaatjes")
offer("taalmaatjes.word-taalmaatje", "taalmaatjes-den-haag", "Word taalmaatje", "volunteering",
      [3], 4,
      "Help een anderstalige buurtbewoner met Nederlands, één uur per week, met training en "
      "intervisie.",
      "U doet zinvol vrijwilligerswerk en bouwt ervaring op.",
      locations=("loc-taalmaatjes",), capacity=60, wait_weeks=2, valid_from="2012-01-01",
      contact="Koppelaar taalmaatjes")

# ---- DUO, studiefonds ----
offer("duo.inburgering-info", "duo", "Informatie over inburgering en de inburgeringslening",
      "information", [1, 2, 3], 3,
      "Uitleg over examens, termijnen en de lening voor inburgering op de website en per "
      "telefoon.",
      "U weet wat er van u verwacht wordt en hoe u de inburgering betaalt.",
      online=True, target_groups=("migrants",),
      eligibility={"residence_statuses": ["residence-permit", "eu-citizen"]},
      languages=("nl", "en", "ar", "tr"), capacity=None, wait_weeks=0, valid_from="2013-01-01",
      funding="Rijksoverheid", contact="DUO Klantenservice")
offer("duo.levenlanglerenkrediet", "duo", "Levenlanglerenkrediet", "study-fund", [3, 4], 4,
      "Lening voor collegegeld of lesgeld als u geen recht meer heeft op studiefinanciering.",
      "U kunt uw opleiding betalen.",
      online=True, eligibility={"age_max": 55}, capacity=None, wait_weeks=4,
      valid_from="2017-09-01", funding="Rijksoverheid", contact="DUO Klantenservice")
offer("studiefonds.bijdrage-vrouwen", "haags-studiefonds", "Studiebijdrage voor vrouwen",
      "study-fund", [3, 4], 4,
      "Bijdrage van maximaal € 1.500 in les- of examengeld, boeken of kinderopvang tijdens de "
      "opleiding. Aanvragen alleen via de trajectbegeleider van een participatiecentrum of "
      "via De Haagse Maatschap.",
      "U kunt de opleiding volgen die u nodig heeft voor werk.",
      online=True, target_groups=("women",),
      eligibility={"genders": ["female"], "age_min": 30,
                   "requires_referral_by": ["stichting-yasmin", "de-koffiepot",
                                            "haagse-maatschap"]},
      capacity=40, wait_weeks=6, valid_from="2012-09-01", valid_until="2027-04-30",
      funding="Particuliere fondsen (toezegging loopt af)", contact="Secretariaat studiefonds")

# ---- VluchtelingenWerk, UAF ----
offer("vluchtelingenwerk.maatschappelijke-begeleiding", "vluchtelingenwerk-den-haag",
      "Maatschappelijke begeleiding statushouders", "counselling", [1, 2], 3,
      "Begeleiding in het eerste jaar in Den Haag: wonen, zorg, school, geldzaken en de start "
      "van de inburgering.",
      "U vindt uw weg in de stad en start met inburgering en participatie.",
      locations=("loc-vluchtelingenwerk",), target_groups=("refugees",),
      eligibility={"residence_statuses": ["residence-permit"]},
      languages=("nl", "en", "ar", "ti", "fa", "so", "uk"), interpreter=True, capacity=None,
      wait_weeks=1, valid_from="2016-01-01", funding="Gemeente Den Haag (Wet inburgering)",
      contact="Maatschappelijk begeleider")
offer("vluchtelingenwerk.spreekuur-asiel", "vluchtelingenwerk-den-haag",
      "Spreekuur voor asielzoekers en mensen zonder verblijfsvergunning", "counselling",
      [1, 2], 2,
      "Informatie over de asielprocedure, rechten en plichten, en wat u mag doen tijdens de "
      "procedure (vrijwilligerswerk, taal). Met tolk.",
      "U kent uw rechten en weet wat u al kunt doen tijdens de procedure.",
      locations=("loc-vluchtelingenwerk",), target_groups=("refugees",),
      eligibility={"residence_statuses": ["asylum-seeker", "tolerated", "undocumented"]},
      languages=("nl", "en", "ar", "ti", "fa"), interpreter=True, capacity=None, wait_weeks=0,
      valid_from="2010-01-01", contact="Medewerker spreekuur")
offer("vluchtelingenwerk.taalcafe-nieuwkomers", "vluchtelingenwerk-den-haag",
      "Taalcafé voor nieuwkomers", "language-course", [1, 2], 3,
      "Nederlands oefenen voor nieuwkomers, ook tijdens de asielprocedure.",
      "U spreekt de eerste woorden Nederlands en leert mensen in de stad kennen.",
      locations=("loc-vluchtelingenwerk",), target_groups=("refugees",),
      eligibility={"residence_statuses": ["asylum-seeker", "residence-permit"]},
      languages=("nl", "en"), capacity=30, wait_weeks=0, valid_from="2016-01-01",
      contact="Coördinator taalcafé")
offer("vluchtelingenwerk.vrijwilligerswerk-opstap", "vluchtelingenwerk-den-haag",
      "Vrijwilligerswerk als opstap", "volunteering", [3], 4,
      "Bemiddeling naar vrijwilligerswerk bij Haagse organisaties, met een maatje dat de eerste "
      "weken meegaat.",
      "U doet Nederlandse werkervaring op en bouwt een netwerk.",
      locations=("loc-vluchtelingenwerk",), target_groups=("refugees",),
      eligibility={"residence_statuses": ["residence-permit", "asylum-seeker"]},
      languages=("nl", "en", "ar", "ti"), capacity=40, wait_weeks=3, valid_from="2016-01-01",
      contact="Coördinator werk")
offer("vluchtelingenwerk.werkcoach", "vluchtelingenwerk-den-haag", "Werkcoach voor statushouders",
      "job-coaching", [3, 4], 5,
      "Persoonlijke begeleiding naar een baan of leerwerkplek: cv, diplomawaardering, "
      "netwerk, eerste maanden op het werk.",
      "U heeft betaald werk met begeleiding.",
      locations=("loc-vluchtelingenwerk",), target_groups=("refugees",),
      eligibility={"residence_statuses": ["residence-permit"], "excludes_work_ban": PAID},
      languages=("nl", "en", "ar", "ti"), capacity=50, wait_weeks=8, valid_from="2019-01-01",
      valid_until="2027-05-01", funding="Fondsen 2024–2027 (loopt af)",
      contact="Werkcoach")
offer("uaf.studie-en-werk", "uaf", "Begeleiding naar studie en werk op niveau", "counselling",
      [3, 4], 5,
      "Voor vluchtelingen met een opleiding of diploma uit het land van herkomst: studieadvies, "
      "financiering, diplomawaardering en begeleiding naar werk op niveau. Online en op "
      "afspraak.",
      "U werkt of studeert op het niveau dat bij uw opleiding past.",
      online=True, target_groups=("refugees", "highly-qualified-migrants"),
      eligibility={"residence_statuses": ["residence-permit", "asylum-seeker"],
                   "excludes_work_ban": PAID},
      languages=("nl", "en", "ar", "fa", "ti", "uk"), capacity=None, wait_weeks=4,
      valid_from="2010-01-01", funding="Fondsen en overheid", contact="Consulent UAF")
offer("uaf.diplomawaardering", "uaf", "Hulp bij diplomawaardering", "information", [3, 4], 4,
      "Wij helpen u uw buitenlandse diploma te laten waarderen, zodat werkgevers en "
      "opleidingen weten wat het waard is.",
      "Uw diploma is erkend en u kunt er werk of studie mee vinden.",
      online=True, target_groups=("highly-qualified-migrants",), languages=("nl", "en", "ar"),
      capacity=None, wait_weeks=6, valid_from="2012-01-01", contact="Consulent UAF")

# ---- AMW, Welzijn Scheveningen, Humanitas ----
offer("amw.spreekuur", "amw-den-haag", "Inloopspreekuur maatschappelijk werk", "counselling",
      [1, 2, 3], 2,
      "Gratis hulp bij problemen met geld, relaties, huisvesting of opvoeding. Tolk mogelijk.",
      "U heeft hulp bij uw problemen en meer rust om verder te kijken.",
      locations=("loc-amw-centrum", "loc-amw-escamp"), languages=("nl", "en", "tr"),
      interpreter=True, capacity=None, wait_weeks=1, valid_from="2005-01-01",
      contact="Maatschappelijk werker")
offer("amw.grip-op-geld", "amw-den-haag", "Training 'Grip op je geld'", "counselling", [1, 2], 3,
      "Groepstraining van vijf bijeenkomsten over budgetteren, post ordenen en schulden "
      "voorkomen.",
      "U heeft overzicht over uw geld en doet mee aan een groep.",
      locations=("loc-amw-escamp",), target_groups=("single-parents", "long-term-unemployed"),
      capacity=12, wait_weeks=5, valid_from="2014-01-01", contact="Maatschappelijk werker")
offer("welzijn-scheveningen.buurtkamer", "welzijn-scheveningen", "Buurtkamer Scheveningen-Dorp",
      "information", [1], 2,
      "Open huiskamer voor bewoners van Scheveningen met koffie, maaltijd op vrijdag en "
      "activiteiten.",
      "U ontmoet buurtgenoten en komt vaker de deur uit.",
      locations=("loc-welzijn-scheveningen",), capacity=25, wait_weeks=0,
      valid_from="2012-01-01", contact="Opbouwwerker", last_verified="2024-11-02")
offer("welzijn-scheveningen.vrijwilligerspunt", "welzijn-scheveningen",
      "Vrijwilligerspunt Scheveningen", "volunteering", [3], 4,
      "Vrijwilligerswerk in Scheveningen: bij het buurthuis, de voedselbank of sportclubs.",
      "U heeft vrijwilligerswerk in de buurt.",
      locations=("loc-welzijn-scheveningen",), capacity=40, wait_weeks=2,
      valid_from="2012-01-01", contact="Vrijwilligersconsulent", last_verified="2024-11-02")
offer("humanitas.thuisadministratie", "humanitas-den-haag", "Thuisadministratie", "counselling",
      [1, 2], 2,
      "Een vrijwilliger helpt u een jaar lang om uw post en geldzaken op orde te krijgen en "
      "te houden.",
      "U heeft zelf overzicht over uw administratie.",
      locations=("loc-humanitas",), capacity=80, wait_weeks=8, valid_from="2008-01-01",
      contact="Coördinator thuisadministratie")
offer("humanitas.maatje", "humanitas-den-haag", "Maatje tegen eenzaamheid", "counselling", [1], 2,
      "Een vrijwilliger bezoekt u wekelijks, gaat met u wandelen of mee naar een activiteit.",
      "U heeft weer contact en komt buiten de deur.",
      locations=("loc-humanitas",), capacity=50, wait_weeks=10, valid_from="2010-01-01",
      contact="Coördinator maatjes")
offer("humanitas.vrijwilliger-thuisadministratie", "humanitas-den-haag",
      "Vrijwilliger thuisadministratie", "volunteering", [3, 4], 4,
      "Help anderen met hun administratie na een training van drie dagdelen. Geschikt voor "
      "mensen met administratieve ervaring, ook uit het buitenland.",
      "U zet uw administratieve ervaring in en bouwt Nederlandse werkervaring op.",
      locations=("loc-humanitas",), target_groups=("highly-qualified-migrants",
                                                    "older-jobseekers"),
      capacity=20, wait_weeks=3, valid_from="2010-01-01", contact="Coördinator thuisadministratie")

# ---- KVK, Qredits ----
offer("kvk.starters-webinar", "kvk", "Webinar 'Starten met een eigen bedrijf'",
      "entrepreneurship", [4, 5], 5,
      "Gratis online webinar: ondernemingsplan, rechtsvorm, belastingen en inschrijving.",
      "U weet wat er nodig is om te starten als ondernemer.",
      online=True, languages=("nl", "en"), capacity=200, wait_weeks=1, valid_from="2018-01-01",
      funding="KVK", contact="Adviseur starters")
offer("kvk.inschrijving", "kvk", "Inschrijving in het Handelsregister", "entrepreneurship",
      [5, 6], 6,
      "Inschrijving van uw eenmanszaak op afspraak. Neem een geldig identiteitsbewijs mee.",
      "U bent officieel ondernemer en kunt facturen sturen.",
      online=True,
      eligibility={"age_min": 18, "residence_statuses": WORK_ALLOWED, "excludes_work_ban": PAID},
      languages=("nl", "en"), cost=82.25,
      cost_description="Eenmalige inschrijfvergoeding (indicatief)", capacity=None,
      wait_weeks=1, valid_from="2008-01-01", funding="KVK", contact="KVK Klantenservice")
offer("qredits.microkrediet", "qredits", "Microkrediet en coaching voor starters",
      "entrepreneurship", [5], 6,
      "Lening tot € 50.000 en een coach voor ondernemers die bij de bank niet terechtkunnen, "
      "ook vanuit een uitkering.",
      "U start een levensvatbaar eigen bedrijf.",
      online=True, eligibility={"age_min": 18, "excludes_work_ban": PAID},
      languages=("nl", "en"), cost=0,
      cost_description="Intake gratis; lening met rente", capacity=None, wait_weeks=3,
      valid_from="2009-01-01", contact="Adviseur")

# ---- Haeghe Groep ----
offer("haeghe.beschut-werk", "haeghe-groep", "Beschut werk", "employment", [3, 4], 5,
      "Betaald werk in een beschutte omgeving (montage, groen, schoonmaak) voor wie niet bij "
      "een gewone werkgever kan werken. Alleen met indicatie en aanmelding door de gemeente.",
      "U heeft betaald werk met begeleiding in een veilige omgeving.",
      locations=("loc-haeghe",), target_groups=("people-with-disabilities",),
      eligibility={"age_min": 18, "excludes_work_ban": PAID,
                   "requires_referral_by": ["gemeente-den-haag-szw"]},
      capacity=60, wait_weeks=12, valid_from="2015-01-01", funding="Participatiewet",
      contact="Consulent instroom")
offer("haeghe.leerwerktraject", "haeghe-groep", "Leerwerktraject groen en schoonmaak",
      "work-experience", [3], 4,
      "Zes maanden werken en leren in een ploeg, met vakcertificaat. Aanmelding via de "
      "klantmanager.",
      "U heeft werkervaring en een vakcertificaat.",
      locations=("loc-haeghe",), target_groups=("long-term-unemployed",),
      eligibility={"age_min": 18, "requires_referral_by": ["gemeente-den-haag-szw"]},
      languages=("nl", "en", "pl"), capacity=40, wait_weeks=6, valid_from="2016-01-01",
      funding="Participatiewet", contact="Consulent instroom")
offer("haeghe.detachering", "haeghe-groep", "Detachering bij een reguliere werkgever",
      "employment", [5], 6,
      "Medewerkers van de Haeghe Groep gaan aan de slag bij een gewone werkgever, met het doel "
      "daar in dienst te komen.",
      "U werkt bij een gewone werkgever, zonder begeleiding.",
      locations=("loc-haeghe",), target_groups=("people-with-disabilities",),
      eligibility={"excludes_work_ban": PAID}, capacity=50, wait_weeks=8,
      valid_from="2015-01-01", contact="Accountmanager detachering")

# ---- Lezen & Schrijven, GGD ----
offer("lezen-schrijven.taal-voor-het-leven", "stichting-lezen-en-schrijven",
      "Taal voor het Leven: lees- en schrijfgroep", "language-course", [1, 2], 3,
      "Kleine groep in de bibliotheek Escamp: lezen, schrijven en rekenen voor het dagelijks "
      "leven, met getrainde vrijwilligers.",
      "U leest brieven zelf en durft een formulier in te vullen.",
      locations=("loc-bieb-escamp",), target_groups=("low-literacy",), capacity=12,
      wait_weeks=4, valid_from="2014-01-01", funding="Rijksoverheid (Tel mee met Taal)",
      contact="Taalcoördinator")
offer("lezen-schrijven.digitaal", "stichting-lezen-en-schrijven",
      "Digitale vaardigheden voor laaggeletterden (online)", "digital-skills", [2], 3,
      "Online oefenmodules met veel beeld en gesproken tekst, te gebruiken met een "
      "taalvrijwilliger.",
      "U gebruikt e-mail en internet voor dagelijkse zaken.",
      online=True, target_groups=("low-literacy",), capacity=None, wait_weeks=0,
      valid_from="2018-01-01", contact="Helpdesk", last_verified="2025-02-18")
offer("ggd.gezondheid-eigen-taal", "ggd-haaglanden", "Gezondheidsvoorlichting in eigen taal",
      "health-support", [1, 2], 2,
      "Voorlichters uit de eigen gemeenschap geven voorlichting over gezondheid, zwangerschap en "
      "zorg, bij u in de buurt.",
      "U weet de weg in de zorg en komt naar bijeenkomsten in de buurt.",
      locations=("loc-ggd",), languages=("nl", "tr", "ar", "rif", "ti", "pl"), interpreter=True,
      capacity=40, wait_weeks=0, valid_from="2010-01-01", contact="Coördinator voorlichters")
offer("ggd.vrouwen-in-beweging", "ggd-haaglanden", "Beweegprogramma 'Vrouwen in beweging'",
      "health-support", [1, 2], 3,
      "Tien weken samen bewegen en gezond koken, alleen voor vrouwen, in de Schilderswijk.",
      "U beweegt meer, voelt zich fitter en doet mee aan een vaste groep.",
      locations=("loc-yasmin",), target_groups=("women",), eligibility={"genders": ["female"]},
      languages=("nl", "ar", "tr"), cost=15, cost_description="€ 15 voor tien weken",
      childcare=True, capacity=16, wait_weeks=4, valid_from="2019-01-01",
      funding="Gezond in de stad (GIDS)", contact="Gezondheidsbevorderaar")

# ---- Jongerenpunt ----
offer("jongerenpunt.loket", "jongerenpunt-den-haag",
      "Jongerenpunt: hulp bij school, werk en inkomen", "counselling", [1, 2, 3], 3,
      "Voor jongeren van 16 tot 27 jaar zonder werk of school: samen zoeken we een opleiding, "
      "baan of traject.",
      "Je hebt een plan en bent aangemeld voor school, werk of een traject.",
      locations=("loc-jongerenpunt",), target_groups=("young-people",),
      eligibility={"age_min": 16, "age_max": 27}, languages=("nl", "en"), capacity=None,
      wait_weeks=1, valid_from="2014-01-01", funding="Gemeente Den Haag",
      contact="Jongerencoach")
offer("jongerenpunt.terug-naar-school", "jongerenpunt-den-haag", "Terug naar school (RMC-traject)",
      "school-education", [2, 3], 3,
      "Begeleiding terug naar het onderwijs voor jongeren zonder startkwalificatie, met "
      "leerplicht/RMC.",
      "Je zit weer op school en werkt aan een diploma.",
      locations=("loc-jongerenpunt",), target_groups=("early-school-leavers",),
      eligibility={"age_min": 16, "age_max": 23,
                   "requires_referral_by": ["jongerenpunt-den-haag"]},
      capacity=150, wait_weeks=2, valid_from="2014-01-01", funding="RMC-regio Haaglanden",
      contact="RMC-consulent")
offer("jongerenpunt.leerwerkbaan", "jongerenpunt-den-haag", "Leerwerkbaan voor jongeren",
      "employment", [4], 5,
      "Betaalde baan van minimaal 24 uur met een opleiding en een coach, bij werkgevers uit "
      "het netwerk van het Werkgeversservicepunt.",
      "Je verdient geld en haalt tegelijk een diploma.",
      locations=("loc-jongerenpunt",), target_groups=("young-people",),
      eligibility={"age_min": 18, "age_max": 27, "residence_statuses": WORK_ALLOWED,
                   "excludes_work_ban": PAID,
                   "requires_referral_by": ["jongerenpunt-den-haag"]},
      capacity=60, wait_weeks=4, valid_from="2016-01-01", funding="Gemeente Den Haag",
      contact="Jongerencoach werk")
offer("jongerenpunt.mdt", "jongerenpunt-den-haag", "Maatschappelijke diensttijd (MDT)",
      "volunteering", [2, 3], 4,
      "Een half jaar vrijwilligerswerk in de stad met training en een certificaat. "
      "De financiering loopt eind 2026 af.",
      "Je doet werkervaring op, ontdekt je talent en krijgt een certificaat.",
      locations=("loc-jongerenpunt",), target_groups=("young-people",),
      eligibility={"age_min": 16, "age_max": 27}, languages=("nl", "en"), capacity=80,
      wait_weeks=2, valid_from="2020-01-01", valid_until="2026-12-31",
      funding="ZonMw – MDT (loopt af)", contact="MDT-coördinator")

# ---- Kinderopvang ----
offer("kinderopvang.smi", "kinderopvang-haagse-wijken",
      "Kinderopvang tijdens taal- of werktraject (sociaal-medische indicatie)", "childcare",
      [2, 3, 4], 3,
      "Opvang voor kinderen van 0–4 jaar terwijl u een taalcursus, traject of werkervaringsplek "
      "volgt. Vergoed na aanmelding door de gemeente of het CJG.",
      "Uw kinderen worden opgevangen, zodat u aan uw traject kunt meedoen.",
      locations=("loc-kinderopvang-schilderswijk", "loc-kinderopvang-moerwijk"),
      target_groups=("parents", "single-parents"),
      eligibility={"requires_referral_by": ["gemeente-den-haag-szw", "cjg-den-haag"]},
      languages=("nl", "tr", "ar"), childcare=True, capacity=24, wait_weeks=6,
      valid_from="2014-01-01", funding="Gemeente Den Haag – SMI-regeling",
      contact="Planner kinderopvang")
offer("kinderopvang.peuteropvang", "kinderopvang-haagse-wijken", "Peuteropvang met ouderbijdrage",
      "childcare", [1, 2], 2,
      "Twee ochtenden per week peuteropvang voor kinderen van 2–4 jaar, met ouderochtenden.",
      "Uw kind speelt en leert met andere kinderen en u ontmoet andere ouders.",
      locations=("loc-kinderopvang-schilderswijk", "loc-kinderopvang-moerwijk"),
      target_groups=("parents",), languages=("nl", "tr", "ar"), cost=35,
      cost_description="Ouderbijdrage per maand, naar inkomen (indicatief)", childcare=True,
      capacity=32, wait_weeks=8, valid_from="2012-01-01", contact="Planner kinderopvang")

# ---- Werkgevers (illustratief) ----
offer("zorgwerkgevers.snuffelstage", "zorgwerkgevers-haaglanden", "Snuffelstage in de zorg",
      "work-experience", [3], 4,
      "Twee weken meelopen in een verpleeghuis of thuiszorgteam om te zien of de zorg bij u "
      "past.",
      "U weet of werken in de zorg bij u past en heeft praktijkervaring.",
      locations=("loc-zorgwerkgevers",), eligibility={"age_min": 18}, capacity=30,
      wait_weeks=3, valid_from="2019-01-01", funding="Werkgevers en Regioplan zorg",
      contact="Leerwerkadviseur")
offer("zorgwerkgevers.leerwerkbaan", "zorgwerkgevers-haaglanden",
      "Leerwerkbaan Helpende Zorg (met salaris)", "employment", [4], 5,
      "Betaalde baan in de zorg met de bbl-opleiding Helpende Zorg & Welzijn bij ROC Mondriaan. "
      "Ook in deeltijd, passend bij schooltijden.",
      "U heeft een betaalde baan en haalt een diploma.",
      locations=("loc-zorgwerkgevers",), target_groups=("women-returners",),
      eligibility={"age_min": 18, "residence_statuses": WORK_ALLOWED, "excludes_work_ban": PAID},
      capacity=40, wait_weeks=8, valid_from="2019-01-01", funding="Werkgevers en SectorplanPlus",
      contact="Leerwerkadviseur")
offer("zorgwerkgevers.vaste-baan", "zorgwerkgevers-haaglanden",
      "Doorstroom naar een vaste baan in de zorg", "employment", [5], 6,
      "Na het diploma een vast contract bij een van de deelnemende zorgwerkgevers.",
      "U heeft een vaste baan in de zorg.",
      locations=("loc-zorgwerkgevers",),
      eligibility={"residence_statuses": WORK_ALLOWED, "excludes_work_ban": PAID},
      capacity=40, wait_weeks=0, valid_from="2019-01-01", contact="Recruiter")
offer("horeca.leerwerktraject", "leerwerkbedrijf-haagse-horeca", "Leerwerktraject horeca",
      "work-experience", [3], 4,
      "Twaalf weken werkervaring in keuken of bediening, afgesloten met een praktijkverklaring.",
      "U heeft horeca-ervaring en een praktijkverklaring.",
      locations=("loc-horeca",), target_groups=("long-term-unemployed", "young-people"),
      eligibility={"age_min": 17}, languages=("nl", "en"), capacity=16, wait_weeks=4,
      valid_from="2017-03-01", contact="Werkbegeleider")
offer("horeca.betaalde-leerwerkplek", "leerwerkbedrijf-haagse-horeca",
      "Betaalde leerwerkplek horeca", "employment", [4], 5,
      "Een jaar betaald werk met begeleiding in een strandpaviljoen of restaurant.",
      "U heeft betaald werk en groeit door naar een gewone baan.",
      locations=("loc-horeca",),
      eligibility={"age_min": 18, "residence_statuses": WORK_ALLOWED, "excludes_work_ban": PAID},
      languages=("nl", "en"), capacity=12, wait_weeks=6, valid_from="2017-03-01",
      contact="Werkbegeleider")
offer("horeca.doorstroom", "leerwerkbedrijf-haagse-horeca", "Doorstroom naar horecawerkgevers",
      "employment", [5], 6,
      "Bemiddeling naar een gewone baan bij horecabedrijven in Scheveningen en het centrum.",
      "U werkt zelfstandig in een gewone horecabaan.",
      locations=("loc-horeca",), eligibility={"excludes_work_ban": PAID},
      languages=("nl", "en"), capacity=12, wait_weeks=0, valid_from="2017-03-01",
      contact="Jobhunter", last_verified="2025-05-20")

# ---- De Haagse Hogeschool, De Haagse Maatschap ----
offer("hhs.deeltijd-ad", "de-haagse-hogeschool", "Associate degree in deeltijd",
      "qualification", [4, 5, 6], 6,
      "Tweejarige hbo-opleiding in deeltijd, bijvoorbeeld Pedagogisch Educatief Professional, "
      "naast werk of vrijwilligerswerk.",
      "U heeft een hbo-diploma en werk op hoger niveau.",
      locations=("loc-hhs",), target_groups=("women-returners", "highly-qualified-migrants"),
      eligibility={"age_min": 21}, cost=2530,
      cost_description="Collegegeld per jaar (indicatief)", capacity=60, wait_weeks=16,
      valid_from="2018-09-01", contact="Studieadviseur deeltijd")
offer("hhs.voorbereidend-jaar", "de-haagse-hogeschool", "Voorbereidend jaar anderstaligen",
      "qualification", [3, 4], 4,
      "Eén jaar Nederlands en Engels op hbo-niveau en studievaardigheden, voor hoogopgeleide "
      "nieuwkomers. Aanmelding via het UAF.",
      "U bent toelaatbaar tot een hbo-opleiding.",
      locations=("loc-hhs",), target_groups=("highly-qualified-migrants",),
      eligibility={"residence_statuses": ["residence-permit"], "requires_referral_by": ["uaf"]},
      languages=("nl", "en"), capacity=40, wait_weeks=20, valid_from="2017-09-01",
      funding="UAF en hogeschool", contact="Coördinator voorbereidend jaar")
offer("haagse-maatschap.doorstroomadvies", "haagse-maatschap",
      "Doorstroomadvies: welke opleiding, wie betaalt?", "counselling", [3, 4], 4,
      "Spreekuur voor vrouwen (en mannen) en hun begeleiders: welke opleiding past, welke "
      "fondsen en regelingen er zijn, en welke partner de volgende stap kan begeleiden.",
      "U weet welke opleiding u gaat doen en hoe u die betaalt.",
      locations=("loc-haagse-maatschap",), target_groups=("women",), capacity=20,
      wait_weeks=2, valid_from="2012-01-01", funding="Partners Haagse Maatschap",
      contact="Coördinator")

# ---- Kleine zelforganisaties (illustratief) ----
offer("al-amal.vrouwenochtend", "stichting-al-amal", "Ontmoetingsochtend voor vrouwen",
      "information", [1], 2,
      "Wekelijkse ochtend voor Arabisch- en Berbersprekende vrouwen: thee, gesprek en "
      "voorlichting.",
      "U komt buiten de deur en leert vrouwen uit de buurt kennen.",
      locations=("loc-al-amal",), target_groups=("women", "migrants"),
      eligibility={"genders": ["female"]}, languages=("ar", "rif", "nl"), childcare=True,
      capacity=20, wait_weeks=0, valid_from="2015-01-01", funding="Eigen middelen",
      contact="Bestuurslid", last_verified="2025-06-30")
offer("al-amal.huiswerkklas", "stichting-al-amal", "Vrijwilliger bij de huiswerkklas",
      "volunteering", [3], 4,
      "Help kinderen uit de buurt twee middagen per week met huiswerk.",
      "U doet vrijwilligerswerk met kinderen en bouwt ervaring op.",
      locations=("loc-al-amal",), languages=("nl", "ar"), capacity=10, wait_weeks=1,
      valid_from="2016-01-01", contact="Bestuurslid", last_verified="2025-06-30")
offer("al-amal.theoriecursus", "stichting-al-amal", "Theoriecursus rijbewijs in het Arabisch",
      "qualification", [3], 3,
      "Vijf avonden uitleg over de verkeersregels, als voorbereiding op het theorie-examen.",
      "U haalt uw theorie-examen, een stap naar meer banen.",
      locations=("loc-al-amal",), target_groups=("migrants",), languages=("ar", "nl"), cost=45,
      cost_description="€ 45 inclusief lesboek", capacity=15, wait_weeks=4,
      valid_from="2018-01-01", contact="Docent", last_verified="2025-06-30")
offer("vrouwenvereniging.naailes", "vrouwenvereniging-transvaal", "Naailes en ontmoeting",
      "information", [1], 2,
      "Elke vrijdagmiddag naaien, borduren en praten met andere vrouwen.",
      "U heeft een vaste plek om andere vrouwen te ontmoeten.",
      locations=("loc-vrouwenvereniging",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("tr", "nl"), cost=5,
      cost_description="€ 5 per maand", capacity=15, wait_weeks=0, valid_from="2004-01-01",
      contact="Voorzitter")
offer("vrouwenvereniging.voorlichting", "vrouwenvereniging-transvaal", "Voorlichtingsochtend",
      "information", [1, 2], 2,
      "Maandelijkse ochtend met een gastspreker over gezondheid, school of geldzaken, in het "
      "Turks en Nederlands.",
      "U weet meer over regelingen en voorzieningen in de stad.",
      locations=("loc-vrouwenvereniging",), target_groups=("women",),
      eligibility={"genders": ["female"]}, languages=("tr", "nl"), capacity=30, wait_weeks=0,
      valid_from="2008-01-01", contact="Voorzitter")
offer("buurtwerkplaats.werkplaats", "buurtwerkplaats-spoorwijk", "Fietsen- en houtwerkplaats",
      "work-experience", [2, 3], 4,
      "Leer fietsen repareren en meubels maken, drie dagdelen per week. Alleen voor bewoners "
      "van Laakkwartier en Spoorwijk.",
      "U heeft werkritme, vakvaardigheden en een referentie.",
      locations=("loc-buurtwerkplaats",), target_groups=("long-term-unemployed",),
      eligibility={"neighbourhoods": ["wijk-38"], "age_min": 18}, capacity=12, wait_weeks=2,
      valid_from="2016-01-01", contact="Werkplaatsleider", last_verified="2023-09-30")
offer("buurtwerkplaats.repaircafe", "buurtwerkplaats-spoorwijk", "Vrijwilliger bij het Repair Café",
      "volunteering", [3], 4,
      "Repareer maandelijks met buurtgenoten kapotte spullen.",
      "U doet vrijwilligerswerk en gebruikt uw handigheid.",
      locations=("loc-buurtwerkplaats",), capacity=15, wait_weeks=0, valid_from="2016-01-01",
      contact="Werkplaatsleider", last_verified="2023-09-30")

# --------------------------------------------------------------------------
# Referral links: the cooperation the seed describes (Haagse Maatschap
# partners, warm handovers from the participatiecentra, the municipality and
# UWV sharing the Werkgeversservicepunt) plus plausible everyday referrals.
# --------------------------------------------------------------------------

# from, to, kind, since, last_confirmed, note
REFERRAL_LINKS = [
    # De Haagse Maatschap and its partners (samenwerkingsverband since 2010).
    ("haagse-maatschap", "stichting-yasmin", "agreement", "2010-01-01", "2026-09-08",
     "Partner Haagse Maatschap; stuurgroep participatiecentra"),
    ("haagse-maatschap", "de-koffiepot", "agreement", "2010-01-01", "2026-09-08",
     "Partner Haagse Maatschap; stuurgroep participatiecentra"),
    ("haagse-maatschap", "zebra-welzijn", "agreement", "2010-01-01", "2026-09-08",
     "Partner Haagse Maatschap; initiatiefnemer inspiratiebijeenkomst 2011"),
    ("haagse-maatschap", "mooi", "agreement", "2010-01-01", "2026-06-15",
     "Partner Haagse Maatschap; agendeert taakafbakening bij HWO's"),
    ("haagse-maatschap", "roc-mondriaan", "agreement", "2010-01-01", "2026-03-02",
     "Partner Haagse Maatschap; leren in de wijk"),
    ("haagse-maatschap", "jekuntmeer", "regular", "2011-09-08", "2025-02-10",
     "Sociale kaart via jekuntmeer.nl"),
    ("haagse-maatschap", "hof-vrijwilligerspool", "regular", "2011-09-08", "2026-04-20",
     "Gezamenlijke pool van vrijwilligers"),
    ("haagse-maatschap.doorstroomadvies", "studiefonds.bijdrage-vrouwen", "agreement",
     "2012-09-01", "2026-05-12", "Aanvraag studiebijdrage via coördinator"),
    ("haagse-maatschap.doorstroomadvies", "roc.mbo-30plus", "regular", "2012-09-01",
     "2026-05-12", "Scholing voor 30-plussers"),
    # Stichting Yasmin: trapsgewijze doorstroom en warme overdracht.
    ("yasmin.huisbezoek", "yasmin.koffieochtend", "regular", "2016-01-01", "2026-10-01",
     "Sleutelvrouw gaat de eerste keer mee"),
    ("yasmin.koffieochtend", "yasmin.taalcafe", "regular", "2011-09-01", "2026-10-01",
     "Doorstroom binnen het participatiecentrum"),
    ("yasmin.koffieochtend", "yasmin.empowerment", "regular", "2024-01-01", "2026-10-01",
     "Doorstroom binnen het participatiecentrum"),
    ("yasmin.taalcafe", "roc.nt2-in-de-wijk", "agreement", "2013-01-01", "2026-08-20",
     "Warme overdracht; ROC geeft les op locatie Yasmin"),
    ("yasmin.trajectbegeleiding", "roc.mbo-30plus", "agreement", "2012-08-01", "2026-08-20",
     "Warme overdracht naar opleiding"),
    ("yasmin.trajectbegeleiding", "studiefonds.bijdrage-vrouwen", "agreement", "2012-09-01",
     "2026-07-01", "Trajectbegeleider dient aanvraag in"),
    ("yasmin.trajectbegeleiding", "hof.vrijwilligerspool", "regular", "2012-01-01",
     "2026-05-30", "Vrijwilligerswerk als voortraject"),
    ("yasmin.trajectbegeleiding", "gemeente.herintreders", "regular", "2023-01-01",
     "2026-09-30", "Aanmelding herintredersprogramma"),
    ("yasmin.gastvrouw", "yasmin.trajectbegeleiding", "informal", "2012-01-01", "2026-02-14",
     "Gastvrouwen stromen door naar trajectbegeleiding"),
    ("cjg-den-haag", "stichting-yasmin", "regular", "2012-01-01", "2026-03-18",
     "CJG verwijst moeders naar de koffieochtend"),
    ("ggd-haaglanden", "stichting-yasmin", "informal", "2019-01-01", "2026-01-20",
     "Beweegprogramma op locatie Yasmin"),
    # De Koffiepot.
    ("koffiepot.inloop", "koffiepot.taal-en-ontmoeting", "regular", "2012-01-01", "2026-09-12",
     "Doorstroom binnen het participatiecentrum"),
    ("koffiepot.taal-en-ontmoeting", "taal-in-de-buurt.conversatiegroep", "informal",
     "2013-01-01", "2026-04-04", "Doorlopende leerlijn boven A1"),
    ("koffiepot.trajectbegeleiding", "koffiepot.werkervaring-keuken", "regular", "2013-01-01",
     "2026-09-12", "Werkervaring in eigen keuken"),
    ("koffiepot.trajectbegeleiding", "studiefonds.bijdrage-vrouwen", "agreement", "2012-09-01",
     "2026-07-01", "Trajectbegeleider dient aanvraag in"),
    ("koffiepot.werkervaring-keuken", "koffiepot.sollicitatiegroep", "regular", "2014-01-01",
     "2026-09-12", "Na werkervaring naar de sollicitatiegroep"),
    ("koffiepot.sollicitatiegroep", "zorgwerkgevers.leerwerkbaan", "informal", "2019-01-01",
     "2026-06-02", "Gesprekken met zorgwerkgevers"),
    ("cjg-den-haag", "koffiepot.opvoedcursus", "agreement", "2017-09-01", "2026-03-18",
     "Opvoedadviseur CJG geeft de cursus"),
    # Zebra Welzijn.
    ("zebra.ishop-transvaal", "zebra.participatiemakelaar", "regular", "2012-01-01",
     "2026-10-10", "Interne doorverwijzing"),
    ("zebra.ishop-transvaal", "amw.spreekuur", "regular", "2008-01-01", "2026-10-10",
     "Bij complexe problemen"),
    ("zebra.participatiemakelaar", "hof.vrijwilligerspool", "agreement", "2012-01-01",
     "2026-05-30", "Matching vrijwilligerswerk"),
    ("zebra.participatiemakelaar", "jekuntmeer.platform", "regular", "2012-01-01",
     "2024-03-01", "Aanbod zoeken op jekuntmeer"),
    ("zebra.taalcafe-schilderswijk", "roc.nt2-in-de-wijk", "regular", "2015-01-01",
     "2026-08-20", "Doorstroom naar NT2 boven A2"),
    ("zebra-welzijn", "taal-in-de-buurt", "informal", "2011-01-01", "2026-01-31",
     "Afstemming taalaanbod"),
    ("zebra.jongerenwerk", "jongerenpunt.loket", "regular", "2014-01-01", "2026-09-01",
     "Warme overdracht jongeren zonder school of werk"),
    # MOOI.
    ("mooi.buurtkamer-moerwijk", "mooi.taalcafe-morgenstond", "regular", "2016-01-01",
     "2026-06-15", "Interne doorverwijzing"),
    ("mooi.participatiemakelaar-escamp", "mooi.vrijwilligersacademie", "regular", "2015-01-01",
     "2026-06-15", "Training voor nieuwe vrijwilligers"),
    ("mooi.participatiemakelaar-escamp", "hof.vrijwilligerspool", "regular", "2012-01-01",
     "2026-05-30", "Matching vrijwilligerswerk buiten Escamp"),
    ("mooi.trajectbegeleiding-werk", "werkgeversservicepunt-haaglanden", "agreement",
     "2010-01-01", "2022-06-30", "Vervallen met het opheffen van de re-integratietak"),
    ("mooi.jongerencoach", "jongerenpunt-den-haag", "agreement", "2016-01-01", "2026-02-27",
     "Aanmelding bij leerplicht/RMC"),
    ("mooi.moedercentrum-laak", "cjg.samen-opvoeden", "regular", "2012-01-01", "2026-03-18",
     "Doorstroom naar oudercursus"),
    # Jongerenpunt, ROC.
    ("jongerenpunt.loket", "jongerenpunt.terug-naar-school", "agreement", "2014-01-01",
     "2026-09-01", "RMC-traject"),
    ("jongerenpunt.loket", "roc.leerwerktraject-jongeren", "agreement", "2018-08-01",
     "2026-09-01", "Aanmelding plusvoorziening"),
    ("jongerenpunt-den-haag", "roc-mondriaan", "agreement", "2014-01-01", "2026-09-01",
     "Terugleiden voortijdig schoolverlaters"),
    ("jongerenpunt.leerwerkbaan", "werkgeversservicepunt-haaglanden", "regular", "2016-01-01",
     "2026-04-08", "Werkgevers voor leerwerkbanen"),
    ("roc.entree", "zorgwerkgevers.snuffelstage", "informal", "2019-01-01", "2025-09-01",
     "Stageplaatsen in de zorg"),
    ("zorgwerkgevers.snuffelstage", "zorgwerkgevers.leerwerkbaan", "regular", "2019-01-01",
     "2026-06-02", "Na snuffelstage door naar leerwerkbaan"),
    ("zorgwerkgevers.leerwerkbaan", "roc.mbo2-helpende-zorg", "agreement", "2019-01-01",
     "2026-06-02", "Bbl-opleiding bij ROC Mondriaan"),
    ("roc.mbo2-helpende-zorg", "zorgwerkgevers.vaste-baan", "agreement", "2019-01-01",
     "2026-06-02", "Baangarantie na diploma"),
    ("horeca.leerwerktraject", "horeca.betaalde-leerwerkplek", "regular", "2017-03-01",
     "2026-04-15", "Doorstroom naar betaalde leerwerkplek"),
    ("horeca.betaalde-leerwerkplek", "horeca.doorstroom", "regular", "2017-03-01",
     "2025-05-20", "Bemiddeling naar gewone horecabaan"),
    ("werkgeversservicepunt-haaglanden", "leerwerkbedrijf-haagse-horeca", "regular",
     "2017-03-01", "2026-04-15", "Horecavacatures en leerwerkplekken"),
    # Gemeente Den Haag, UWV, Werkgeversservicepunt.
    ("gemeente-den-haag-szw", "werkgeversservicepunt-haaglanden", "agreement", "2015-01-01",
     "2026-01-12", "Gezamenlijk werkgeversservicepunt"),
    ("uwv-den-haag", "werkgeversservicepunt-haaglanden", "agreement", "2015-01-01",
     "2026-01-12", "Gezamenlijk werkgeversservicepunt"),
    ("gemeente.intake-werk-inkomen", "gemeente.werkfit-traject", "agreement", "2015-01-01",
     "2026-10-01", "Aanmelding door klantmanager"),
    ("gemeente.intake-werk-inkomen", "haeghe-groep", "agreement", "2015-01-01", "2026-10-01",
     "Indicatie beschut werk en leerwerktrajecten"),
    ("gemeente.intake-werk-inkomen", "gemeente.schuldhulp", "regular", "2010-01-01",
     "2026-10-01", "Eerst rust in de financiën"),
    ("gemeente.werkfit-traject", "wsp.vacaturematching", "agreement", "2015-01-01",
     "2026-10-01", "Bemiddeling na werkfit-traject"),
    ("gemeente.participatieplaats", "gemeente.werkfit-traject", "regular", "2015-01-01",
     "2026-10-01", "Doorstroom naar werkfit-traject"),
    ("gemeente.herintreders", "zorgwerkgevers.leerwerkbaan", "informal", "2023-01-01",
     "2026-05-05", "Leerwerkbanen voor herintreders"),
    ("gemeente-den-haag-szw", "stichting-yasmin", "informal", "2024-01-01", "2026-08-01",
     "Pilot: maandelijks spreekuur klantmanager in het participatiecentrum"),
    ("gemeente.inburgering", "vluchtelingenwerk.maatschappelijke-begeleiding", "agreement",
     "2022-01-01", "2026-02-01", "Maatschappelijke begeleiding binnen inburgering"),
    ("vluchtelingenwerk.maatschappelijke-begeleiding", "gemeente.inburgering", "agreement",
     "2022-01-01", "2026-02-01", "Start inburgering"),
    ("uwv.werkfit-reintegratie", "wsp.banenafspraak", "agreement", "2015-01-01", "2026-03-10",
     "Matching na re-integratie"),
    ("haeghe.beschut-werk", "haeghe.detachering", "regular", "2015-01-01", "2026-03-10",
     "Doorgroei naar detachering"),
    ("uwv-den-haag", "haeghe-groep", "informal", "2015-01-01", "2024-10-15",
     "Contact over Wajongers"),
    # Taal.
    ("bibliotheek-den-haag", "taalhuis-den-haag", "agreement", "2015-01-01", "2026-02-02",
     "Taalhuis in de Centrale Bibliotheek"),
    ("taalhuis-den-haag", "taalmaatjes-den-haag", "agreement", "2015-01-01", "2026-02-02",
     "Koppeling aan taalmaatje"),
    ("taalhuis.intake", "roc.basisvaardigheden", "agreement", "2015-01-01", "2026-02-02",
     "Aanmelding NT1"),
    ("taalhuis.intake", "lezen-schrijven.taal-voor-het-leven", "regular", "2015-01-01",
     "2026-02-02", "Aanmelding lees- en schrijfgroep"),
    ("bieb.klik-en-tik", "bieb.digisterker", "regular", "2017-01-01", "2026-02-02",
     "Vervolgcursus"),
    ("taal-in-de-buurt.taallessen", "taal-in-de-buurt.conversatiegroep", "regular",
     "2013-01-01", "2026-04-04", "Doorlopende leerlijn"),
    ("taal-in-de-buurt.conversatiegroep", "taalhuis.taal-voor-het-werk", "informal",
     "2026-10-01", "2026-10-01", "Nieuwe vervolgstap vanaf 2027"),
    ("vluchtelingenwerk.taalcafe-nieuwkomers", "taalmaatjes.taalmaatje", "informal",
     "2016-01-01", "2026-04-22", "Extra oefenen één-op-één"),
    # Vluchtelingen, hoogopgeleiden.
    ("vluchtelingenwerk.werkcoach", "uaf.studie-en-werk", "regular", "2019-01-01",
     "2026-04-22", "Hoogopgeleide statushouders"),
    ("uaf.studie-en-werk", "hhs.voorbereidend-jaar", "agreement", "2017-09-01", "2026-04-22",
     "Aanmelding voorbereidend jaar"),
    ("vluchtelingenwerk-den-haag", "duo", "regular", "2016-01-01", "2026-04-22",
     "Hulp bij aanvraag inburgeringslening"),
    # Vrijwilligers, welzijn, geld.
    ("hof-vrijwilligerspool", "jekuntmeer", "agreement", "2011-09-08", "2024-05-14",
     "Vrijwilligers zetten aanbod van organisaties online"),
    ("hof.cv-hulp", "zorgwerkgevers.snuffelstage", "informal", "2020-01-01", "2026-05-30",
     "Kennismaking met zorgwerkgevers"),
    ("amw-den-haag", "gemeente-den-haag-szw", "regular", "2010-01-01", "2026-03-03",
     "Aanmelding schuldhulpverlening"),
    ("amw.spreekuur", "humanitas.thuisadministratie", "regular", "2010-01-01", "2026-03-03",
     "Ondersteuning bij administratie"),
    ("cjg-den-haag", "kinderopvang-haagse-wijken", "regular", "2014-01-01", "2026-03-18",
     "Aanmelding SMI-opvang"),
    ("welzijn-scheveningen.buurtkamer", "welzijn-scheveningen.vrijwilligerspunt", "regular",
     "2012-01-01", "2023-05-15", "Interne doorverwijzing"),
    ("welzijn-scheveningen", "hof-vrijwilligerspool", "regular", "2012-01-01", "2023-05-15",
     "Vrijwilligersvacatures delen"),
    ("al-amal.vrouwenochtend", "mooi.taalcafe-morgenstond", "informal", "2016-01-01",
     "2024-02-01", "Vrouwen gaan samen naar het taalcafé"),
    ("kvk.starters-webinar", "qredits.microkrediet", "informal", "2018-01-01", "2026-07-07",
     "Financiering voor starters"),
]

# fmt: on

# --------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------


def load_pc4_centroids() -> dict[str, tuple[float, float]]:
    """Den Haag PC4 → (lat, lon) from the GeoNames extract."""
    centroids = {}
    with POSTCODES_FILE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            pc = row["postal_code"]
            if row["country_code"] == "NL" and pc.isdigit() and int(pc) in DEN_HAAG_PC4:
                centroids[pc] = (float(row["latitude"]), float(row["longitude"]))
    return centroids


def metres(deg: float) -> float:
    """Rough degrees → metres at 52° N; good enough for a 50 m tolerance."""
    return deg * 111_000 * 0.8


def build_neighbourhoods(centroids: dict[str, tuple[float, float]]):
    """Return (neighbourhood records, {id: shapely geometry}, report lines)."""
    features = json.loads(WIJKEN_FILE.read_text(encoding="utf-8"))["features"]
    assert len(features) == 44, f"expected 44 wijken, got {len(features)}"
    shapes, records, report = {}, [], []
    population = load_population()
    for feat in sorted(features, key=lambda f: f["properties"]["wijkcode"]):
        code = feat["properties"]["wijkcode"]  # e.g. WK051828
        assert code.startswith("WK0518") and len(code) == 8, code
        nn = code[-2:]
        name = re.sub(r"^Wijk \d\d ", "", feat["properties"]["wijknaam"])
        nid = f"wijk-{nn}"
        shapes[nid] = shape(feat["geometry"])
        records.append(
            {
                "id": nid,
                "name": name,
                "population": population[nn],
                "aliases": ALIASES.get(nn, []),
                "postcodes": [],
                "geometry": feat["geometry"],
                "tags": ["focus-area"] if nn in FOCUS_AREAS else [],
            }
        )
    by_id = {r["id"]: r for r in records}
    for pc, (lat, lon) in sorted(centroids.items()):
        point = Point(lon, lat)
        inside = [nid for nid, geom in shapes.items() if geom.contains(point)]
        assert len(inside) <= 1, f"PC4 {pc} lies in several wijken: {inside}"
        if not inside:
            nid, geom = min(shapes.items(), key=lambda kv: kv[1].distance(point))
            gap = metres(geom.distance(point))
            assert gap <= SNAP_TOLERANCE_M, f"PC4 {pc} is {gap:.0f} m outside every wijk"
            report.append(f"PC4 {pc}: centroid ~{gap:.0f} m outside {nid}, assigned to it")
            inside = [nid]
        by_id[inside[0]]["postcodes"].append(pc)
    return records, shapes, report


def build_locations(centroids, shapes):
    records = []
    for lid, org, name, address, postcode, wheelchair in LOCATIONS:
        lat, lon = centroids[postcode[:4]]
        # Strict containment here (no snapping): a location must be inside a wijk.
        inside = [nid for nid, g in shapes.items() if g.contains(Point(lon, lat))]
        assert len(inside) == 1, f"location {lid} ({postcode}) is not inside exactly one wijk"
        lat, lon = street_position(lid, lat, lon, shapes[inside[0]])
        records.append(
            {
                "id": lid,
                "organisation": org,
                "name": name,
                "address": address if re.search(r"\d", address) else f"{address} {number(lid)}",
                "postcode": postcode,
                "city": "Den Haag",
                "lat": lat,
                "lon": lon,
                "approximate": True,
                "wheelchair": wheelchair,
                **({"opening_hours": OPENING_HOURS[lid]} if lid in OPENING_HOURS else {}),
            }
        )
    return records


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def number(lid: str) -> int:
    """An illustrative house number, the same on every rebuild."""
    return 1 + _digest(lid + "#") % 140


def street_position(lid: str, lat: float, lon: float, wijk) -> tuple[float, float]:
    """A point 60–250 m from the PC4 centroid, inside the same wijk (same on every rebuild)."""
    for attempt in range(50):
        seed = _digest(f"{lid}/{attempt}")
        angle = (seed % 3600) / 3600 * 2 * math.pi
        radius_m = 60 + (seed // 3600) % 190
        dlat = radius_m * math.cos(angle) / 111_000
        dlon = radius_m * math.sin(angle) / (111_000 * math.cos(math.radians(lat)))
        point = (round(lat + dlat, 5), round(lon + dlon, 5))
        if wijk.contains(Point(point[1], point[0])):
            return point
    return lat, lon


def build_organisations():
    records = []
    for n, (oid, name, kind, description, verified) in enumerate(ORGANISATIONS, start=1):
        slug = oid
        records.append(
            {
                "id": oid,
                "name": name,
                "kind": kind,
                "description": description,
                "website": f"https://{slug}.example.org",
                "email": f"info.{slug}@example.org",
                "phone": f"+31 70 000 0{n:03d}",
                "last_verified": verified or RECENT_DATES[(n * 5) % len(RECENT_DATES)],
            }
        )
    return records


def build_links():
    return [
        {
            "from": a,
            "to": b,
            "kind": kind,
            "since": since,
            "last_confirmed": confirmed,
            "note": note,
        }
        for a, b, kind, since, confirmed, note in REFERRAL_LINKS
    ]


def build_dataset():
    centroids = load_pc4_centroids()
    neighbourhoods, shapes, report = build_neighbourhoods(centroids)
    dataset = {
        "format": "socialmap-dataset/1",
        "region": {"id": "den-haag", "name": "Den Haag", "country": "NL", "languages": ["nl"]},
        "neighbourhoods": neighbourhoods,
        "target_groups": [
            {"id": tid, "parent": parent, "labels": {"de": de, "nl": nl, "en": en}}
            for tid, parent, de, nl, en in TARGET_GROUPS
        ],
        "organisations": build_organisations(),
        "locations": build_locations(centroids, shapes),
        "offers": OFFERS,
        "referral_links": build_links(),
    }
    return dataset, shapes, report


# --------------------------------------------------------------------------
# Checks: the schema, then the rules the schema cannot express.
# --------------------------------------------------------------------------


def validate_schema(dataset) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(dataset), key=lambda e: list(e.absolute_path))
    for err in errors[:20]:
        print("schema:", "/".join(map(str, err.absolute_path)), err.message, file=sys.stderr)
    assert not errors, f"{len(errors)} schema errors"


def transitions(offers) -> dict[str, list[str]]:
    """Offers per rung transition k→k+1 (accepts k and leads exactly to k+1)."""
    out = {f"{k}->{k + 1}": [] for k in range(1, 6)}
    for o in offers:
        for k in o["ladder"]["accepts"]:
            if o["ladder"]["leads_to"] == k + 1:
                out[f"{k}->{k + 1}"].append(o["id"])
    return out


def linked_organisations(dataset) -> set[str]:
    """Organisations touched by a link, directly or through one of their offers."""
    owner = {o["id"]: o["organisation"] for o in dataset["offers"]}
    touched = set()
    for link in dataset["referral_links"]:
        for end in (link["from"], link["to"]):
            touched.add(owner.get(end, end))
    return touched


def check_rules(dataset, shapes) -> None:
    today = REFERENCE_DATE.isoformat()
    d = dataset
    tables = ["neighbourhoods", "target_groups", "organisations", "locations", "offers"]
    ids = {t: [r["id"] for r in d[t]] for t in tables}
    for t, lst in ids.items():
        dup = [i for i, c in Counter(lst).items() if c > 1]
        assert not dup, f"duplicate ids in {t}: {dup}"
        bad = [i for i in lst if not ID_RE.match(i)]
        assert not bad, f"bad ids in {t}: {bad}"
    nb, tg, org, loc, off = (set(ids[t]) for t in tables)
    assert not (org & off), f"offer ids collide with organisation ids: {org & off}"

    # Target groups: exactly the shared vocabulary and hierarchy.
    expected = {t[0]: t[1] for t in TARGET_GROUPS}
    assert {g["id"]: g["parent"] for g in d["target_groups"]} == expected
    assert len(expected) == 13
    for g in d["target_groups"]:
        assert g["parent"] is None or g["parent"] in tg
        assert set(g["labels"]) == {"de", "nl", "en"}

    assert len(d["neighbourhoods"]) == 44
    centrum = d["neighbourhoods"][27]
    assert centrum["id"] == "wijk-28" and centrum["name"] == "Centrum", centrum["id"]

    # Organisations: fictitious contact data only.
    assert len(d["organisations"]) >= 30
    for o in d["organisations"]:
        assert EMAIL_RE.match(o["email"]), o["email"]
        assert WEBSITE_RE.match(o["website"]), o["website"]
        assert PHONE_RE.match(o["phone"]), o["phone"]

    # Locations: references and geography.
    for lo in d["locations"]:
        assert lo["organisation"] in org, lo
        assert any(g.contains(Point(lo["lon"], lo["lat"])) for g in shapes.values()), lo["id"]

    # Offers.
    assert len(d["offers"]) >= 90
    for o in d["offers"]:
        oid, el = o["id"], o["eligibility"]
        assert o["organisation"] in org, oid
        assert all(x in loc for x in o["locations"]), oid
        assert o["locations"] or o["online"], f"{oid}: neither a location nor online"
        assert all(x in tg for x in o["target_groups"]), oid
        assert all(x in nb for x in el.get("neighbourhoods", [])), oid
        assert all(x in org for x in el.get("requires_referral_by", [])), oid
        lad = o["ladder"]
        assert lad["leads_to"] >= min(lad["accepts"]), oid
        assert lad["accepts"] == sorted(set(lad["accepts"])), oid
        if el.get("age_min") is not None and el.get("age_max") is not None:
            assert el["age_min"] <= el["age_max"], oid
        if o["valid_from"] and o["valid_until"]:
            assert o["valid_from"] <= o["valid_until"], oid
        for field in ("cost_eur", "capacity", "wait_weeks"):
            assert o[field] is None or o[field] >= 0, (oid, field)
        assert EMAIL_RE.match(o["contact"]["email"]), oid
        assert PHONE_RE.match(o["contact"]["phone"]), oid
        # A neighbourhood-restricted offer should take place in (one of) those
        # neighbourhoods, otherwise the demo would look absurd on the map.
        if el.get("neighbourhoods"):
            for lid in o["locations"]:
                lo = next(x for x in d["locations"] if x["id"] == lid)
                p = Point(lo["lon"], lo["lat"])
                assert any(shapes[n].contains(p) for n in el["neighbourhoods"]), oid
        # A referral requirement is only satisfiable if the referrer has an offer.
        for ref in el.get("requires_referral_by", []):
            assert any(x["organisation"] == ref for x in d["offers"]), (oid, ref)

    # Every target group is served by at least one offer (directly).
    used = {g for o in d["offers"] for g in o["target_groups"]}
    assert used == tg, f"target groups without offers: {tg - used}"

    # Every routing rule is exercised.
    offers = d["offers"]
    rules = {
        "women-only": [o for o in offers if o["eligibility"].get("genders") == ["female"]],
        "residence status": [o for o in offers if o["eligibility"].get("residence_statuses")],
        "work ban": [o for o in offers if o["eligibility"].get("excludes_work_ban")],
        "neighbourhood": [o for o in offers if o["eligibility"].get("neighbourhoods")],
        "referral": [o for o in offers if o["eligibility"].get("requires_referral_by")],
        "expired": [o for o in offers if o["valid_until"] and o["valid_until"] < today],
        "not yet started": [o for o in offers if o["valid_from"] and o["valid_from"] > today],
        "funding cliff": [
            o for o in offers if o["valid_until"] and today <= o["valid_until"] <= "2027-05-21"
        ],
        "fee": [o for o in offers if o["cost_eur"]],
        "online": [o for o in offers if o["online"]],
        "online only": [o for o in offers if o["online"] and not o["locations"]],
        "multilingual": [o for o in offers if len(o["languages"]) > 1],
        "interpreter": [o for o in offers if o["interpreter"]],
        "youth 16-27": [o for o in offers if o["eligibility"].get("age_max") in (23, 27)],
        "childcare": [o for o in offers if o["childcare"]],
        "stale": [o for o in offers if o["last_verified"] < "2025-11-21"],
    }
    for rule, hits in rules.items():
        assert hits, f"no offer exercises rule {rule!r}"
    for step, hits in transitions(offers).items():
        assert len(hits) >= 3, f"too few offers for transition {step}: {hits}"

    # Referral links.
    assert len(d["referral_links"]) >= 50
    seen = set()
    for link in d["referral_links"]:
        assert link["from"] in org | off, link
        assert link["to"] in org | off, link
        assert link["since"] <= link["last_confirmed"] <= today, link
        key = (link["from"], link["to"])
        assert key not in seen, f"duplicate link {key}"
        seen.add(key)
    isolated = org - linked_organisations(d)
    assert isolated == ISOLATED_ORGANISATIONS, f"isolated organisations: {sorted(isolated)}"


# --------------------------------------------------------------------------
# Output: indent=1 like json.dump, but lists that hold no objects (geometry
# coordinates, postcodes, rung lists) stay on one line so the file stays small.
# --------------------------------------------------------------------------


def _has_object(value) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(_has_object(v) for v in value)


def dumps(value, level: int = 0) -> str:
    pad = " " * level
    if isinstance(value, dict) and value:
        items = [
            f"{pad} {json.dumps(k, ensure_ascii=False)}: {dumps(v, level + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and _has_object(value):
        items = [f"{pad} {dumps(v, level + 1)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def summary(dataset, report) -> str:
    lines = [
        f"wrote {OUT_FILE.relative_to(REPO)}",
        f"  neighbourhoods {len(dataset['neighbourhoods'])}, target groups "
        f"{len(dataset['target_groups'])}, organisations {len(dataset['organisations'])}, "
        f"locations {len(dataset['locations'])}, offers {len(dataset['offers'])}, "
        f"referral links {len(dataset['referral_links'])}",
    ]
    for step, hits in transitions(dataset["offers"]).items():
        lines.append(f"  transition {step}: {len(hits)} offers")
    lines.extend("  " + r for r in report)
    return "\n".join(lines)


def main() -> None:
    dataset, shapes, report = build_dataset()
    validate_schema(dataset)
    check_rules(dataset, shapes)
    text = dumps(dataset) + "\n"
    assert json.loads(text) == dataset  # the custom layout changes nothing but whitespace
    OUT_FILE.write_text(text, encoding="utf-8")
    print(summary(dataset, report))


if __name__ == "__main__":
    main()
