"""The sentences the analysis writes (reasons, report headings) in English, German and Dutch.

Kept apart from the logic so a translator edits one table.  Placeholders use
``str.format``; :func:`say` falls back to English for a missing language.
"""

from __future__ import annotations

from typing import Any

__all__ = ["say", "TEXT"]

TEXT: dict[str, dict[str, str]] = {
    # duplicate reasons
    "same_category": {
        "en": "same category {category}",
        "de": "gleiche Kategorie {category}",
        "nl": "zelfde categorie {category}",
    },
    "both_for": {
        "en": "both for {groups}",
        "de": "beide für {groups}",
        "nl": "beide voor {groups}",
    },
    "all_for": {
        "en": "all for {groups}",
        "de": "alle für {groups}",
        "nl": "allemaal voor {groups}",
    },
    "related_groups": {
        "en": "overlapping target groups ({groups})",
        "de": "überschneidende Zielgruppen ({groups})",
        "nl": "overlappende doelgroepen ({groups})",
    },
    "open_to_all": {
        "en": "open to everyone",
        "de": "offen für alle",
        "nl": "open voor iedereen",
    },
    "both_accept": {
        "en": "both accept rung {rungs}",
        "de": "beide nehmen Stufe {rungs} auf",
        "nl": "beide nemen trede {rungs} aan",
    },
    "all_accept": {
        "en": "all accept rung {rungs}",
        "de": "alle nehmen Stufe {rungs} auf",
        "nl": "allemaal nemen trede {rungs} aan",
    },
    "km_apart": {"en": "{km} km apart", "de": "{km} km voneinander", "nl": "{km} km uit elkaar"},
    "same_place": {"en": "at the same place", "de": "am selben Ort", "nl": "op dezelfde plek"},
    "both_online": {"en": "both online", "de": "beide online", "nl": "beide online"},
    "similar_text": {
        "en": "descriptions {pct}% similar",
        "de": "Beschreibungen zu {pct}% ähnlich",
        "nl": "beschrijvingen {pct}% gelijk",
    },
    "same_organisation": {
        "en": "run by the same organisation ({name})",
        "de": "vom selben Träger ({name})",
        "nl": "van dezelfde organisatie ({name})",
    },
    "organisations": {
        "en": "run by {n} organisations",
        "de": "von {n} Trägern",
        "nl": "van {n} organisaties",
    },
}


#: Headings and sentences of the report and the coach page.
TEXT.update(
    {
        "title": {"en": "Network analysis", "de": "Netzwerkanalyse", "nl": "Netwerkanalyse"},
        "as_of": {"en": "as of {date}", "de": "Stand {date}", "nl": "stand {date}"},
        "summary": {"en": "Summary", "de": "Überblick", "nl": "Samenvatting"},
        "coverage": {
            "en": "Coverage: is there an offer for each group on each rung?",
            "de": "Abdeckung: Gibt es für jede Gruppe auf jeder Stufe ein Angebot?",
            "nl": "Dekking: is er voor elke groep op elke trede aanbod?",
        },
        "coverage_intro": {
            "en": "Each cell counts the offers open to a typical client of the target group who "
            "lives in the neighbourhood and stands on rung 1–5 (within {km} km, or online). "
            "Red cells are gaps.",
            "de": "Jede Zelle zählt die Angebote, die einer typischen Person der Zielgruppe offen "
            "stehen, die im Stadtteil wohnt und auf Stufe 1–5 steht (im Umkreis von {km} km "
            "oder online). Rote Zellen sind Lücken.",
            "nl": "Elke cel telt het aanbod dat openstaat voor een gemiddelde cliënt uit de "
            "doelgroep die in de wijk woont en op trede 1–5 staat (binnen {km} km, of "
            "online). Rode cellen zijn gaten.",
        },
        "legend_gap": {
            "en": "no offer (gap)",
            "de": "kein Angebot (Lücke)",
            "nl": "geen aanbod (gat)",
        },
        "legend_many": {"en": "10 or more", "de": "10 oder mehr", "nl": "10 of meer"},
        "gaps": {"en": "Gaps", "de": "Lücken", "nl": "Gaten"},
        "chains": {"en": "Broken chains", "de": "Unterbrochene Ketten", "nl": "Onderbroken ketens"},
        "chains_intro": {
            "en": "From rung 1 the routing engine takes a typical client of the group no higher "
            "than this rung: here the chain breaks.",
            "de": "Von Stufe 1 aus bringt die Wegsuche eine typische Person der Gruppe nicht "
            "höher als bis zu dieser Stufe: Hier reißt die Kette ab.",
            "nl": "Vanaf trede 1 brengt de routeplanner een gemiddelde cliënt uit de groep niet "
            "hoger dan deze trede: hier breekt de keten.",
        },
        "duplicates": {"en": "Duplicated offers", "de": "Doppelte Angebote", "nl": "Dubbel aanbod"},
        "duplicates_intro": {
            "en": "Offers that do the same thing for the same people in the same area.",
            "de": "Angebote, die dasselbe für dieselben Menschen im selben Gebiet tun.",
            "nl": "Aanbod dat hetzelfde doet voor dezelfde mensen in hetzelfde gebied.",
        },
        "weak_links": {"en": "Weak links", "de": "Schwache Verbindungen", "nl": "Zwakke schakels"},
        "isolated": {
            "en": "Isolated organisations (no referral link in or out)",
            "de": "Isolierte Organisationen (keine Verweisung hin oder her)",
            "nl": "Geïsoleerde organisaties (geen verwijzing heen of terug)",
        },
        "brokers": {
            "en": "Brokers (without them the referral network falls apart)",
            "de": "Brückenakteure (ohne sie zerfällt das Verweisnetz)",
            "nl": "Makelaars (zonder hen valt het verwijsnetwerk uiteen)",
        },
        "spof": {
            "en": "Single points of failure (without them a chain gets shorter)",
            "de": "Einzelne Ausfallpunkte (ohne sie wird eine Kette kürzer)",
            "nl": "Kwetsbare schakels (zonder hen wordt een keten korter)",
        },
        "nobody": {
            "en": "Offers nobody refers to",
            "de": "Angebote, auf die niemand verweist",
            "nl": "Aanbod waar niemand naar verwijst",
        },
        "stale": {
            "en": "Not verified for 12 months",
            "de": "Seit 12 Monaten nicht geprüft",
            "nl": "Al 12 maanden niet gecontroleerd",
        },
        "cliffs": {
            "en": "Funding cliffs (funding ends within 6 months)",
            "de": "Förderenden (Förderung endet in den nächsten 6 Monaten)",
            "nl": "Financieringskliffen (financiering stopt binnen 6 maanden)",
        },
        "after_date": {
            "en": "After {date} ({n} offers end)",
            "de": "Nach dem {date} (es enden {n} Angebote)",
            "nl": "Na {date} (er stoppen {n} aanbiedingen)",
        },
        "accessibility": {
            "en": "Accessibility per neighbourhood (E2SFCA)",
            "de": "Erreichbarkeit je Stadtteil (E2SFCA)",
            "nl": "Bereikbaarheid per wijk (E2SFCA)",
        },
        "accessibility_intro": {
            "en": "Places per 1,000 residents within reach ({km} km, {decay} distance decay). "
            "Darker is more; white: nothing in reach; hatched: no population data.",
            "de": "Plätze je 1.000 Einwohner in Reichweite ({km} km, {decay} Abstandsgewichtung). "
            "Dunkler ist mehr; weiß: nichts in Reichweite; schraffiert: keine "
            "Einwohnerzahl.",
            "nl": "Plaatsen per 1.000 inwoners binnen bereik ({km} km, {decay} afstandsverval). "
            "Donkerder is meer; wit: niets binnen bereik; gearceerd: geen inwonertal.",
        },
        "no_population": {
            "en": "Neighbourhoods without population data (not scored)",
            "de": "Stadtteile ohne Einwohnerzahl (nicht bewertet)",
            "nl": "Wijken zonder inwonertal (geen score)",
        },
        "none": {"en": "None found.", "de": "Keine gefunden.", "nl": "Geen gevonden."},
        "more": {"en": "… and {n} more", "de": "… und {n} weitere", "nl": "… en nog {n}"},
        "never": {"en": "never", "de": "nie", "nl": "nooit"},
        "rung_to": {"en": "rung {a} → {b}", "de": "Stufe {a} → {b}", "nl": "trede {a} → {b}"},
        "max": {"en": "max. {value}", "de": "max. {value}", "nl": "max. {value}"},
        "target_group": {"en": "Target group", "de": "Zielgruppe", "nl": "Doelgroep"},
        "neighbourhood": {"en": "Neighbourhood", "de": "Stadtteil", "nl": "Wijk"},
        "highest_rung": {"en": "Highest rung", "de": "Höchste Stufe", "nl": "Hoogste trede"},
        "best_path": {"en": "Best path", "de": "Bester Weg", "nl": "Beste route"},
        "organisation": {"en": "Organisation", "de": "Organisation", "nl": "Organisatie"},
        "offer": {"en": "Offer", "de": "Angebot", "nl": "Aanbod"},
        "offers": {"en": "Offers", "de": "Angebote", "nl": "Aanbod"},
        "score": {"en": "Score", "de": "Wert", "nl": "Score"},
        "reasons": {"en": "Why", "de": "Warum", "nl": "Waarom"},
        "valid_until": {"en": "Funded until", "de": "Gefördert bis", "nl": "Gefinancierd tot"},
        "breaks": {
            "en": "Chains it breaks",
            "de": "Ketten, die abreißen",
            "nl": "Ketens die breken",
        },
        "last_verified": {
            "en": "Last verified",
            "de": "Zuletzt geprüft",
            "nl": "Laatst gecontroleerd",
        },
        "kind": {"en": "Kind", "de": "Art", "nl": "Soort"},
        "referral_link": {"en": "Referral link", "de": "Verweisung", "nl": "Verwijzing"},
        "cuts_off": {"en": "Cuts off", "de": "Trennt ab", "nl": "Snijdt af"},
        "betweenness": {
            "en": "Betweenness",
            "de": "Zwischenzentralität",
            "nl": "Tussenliggendheid",
        },
        "category": {"en": "Category", "de": "Kategorie", "nl": "Categorie"},
        "count": {"en": "{n}", "de": "{n}", "nl": "{n}"},
        "gaussian": {"en": "Gaussian", "de": "gaußsche", "nl": "Gaussisch"},
        "step": {"en": "stepped", "de": "gestufte", "nl": "getrapt"},
        "typical_clients": {
            "en": "Typical client: age 35 (young people 19, older jobseekers 58), women's groups "
            "and single parents female, migrants with a residence permit, others citizens, "
            "speaking the region's language.",
            "de": "Typische Person: 35 Jahre (junge Menschen 19, ältere Arbeitsuchende 58), "
            "Frauengruppen und Alleinerziehende weiblich, Zugewanderte mit "
            "Aufenthaltserlaubnis, sonst Staatsangehörige, spricht die Sprache der Region.",
            "nl": "Gemiddelde cliënt: 35 jaar (jongeren 19, oudere werkzoekenden 58), "
            "vrouwengroepen en alleenstaande ouders vrouw, migranten met verblijfsvergunning, "
            "anderen staatsburger, spreekt de taal van de regio.",
        },
    }
)


def say(key: str, lang: str = "en", **values: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``values`` filled in.

    >>> say("km_apart", "de", km=0.4)
    '0.4 km voneinander'
    >>> say("both_online", "fr")
    'both online'
    """
    texts = TEXT[key]
    return (texts.get(lang) or texts["en"]).format(**values)
