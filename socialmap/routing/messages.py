"""Every text of the routing engine a person reads, in German, Dutch and English.

One table, :data:`MESSAGES`, maps a message key to a template per language;
:func:`text` fills it in.  Keys double as the machine codes of exclusion rules
(``"gender"``, ``"distance"``, …).  Numbers use the decimal comma in de and nl;
language names come from CLDR through :func:`socialmap.i18n.language_name`.
The words follow the seeds: *Klient/in*, *Zuweisung*, *warme Übergabe*;
*cliënt*, *verwijzing*, *warme overdracht*.  This module only formats.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import language_name
from ..vocab import GENDER_PLURALS, label

__all__ = ["MESSAGES", "text", "number", "km", "euro", "listing", "language_name", "who"]

DEFAULT_LANG = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # --- why an offer is excluded (keys are the rule codes) ---------------------------------
    "unreachable": {
        "en": "no address with coordinates and not online",
        "de": "keine Adresse mit Koordinaten und nicht online",
        "nl": "geen adres met coördinaten en niet online",
    },
    "not-started": {
        "en": "starts {date}",
        "de": "beginnt am {date}",
        "nl": "begint op {date}",
    },
    "funding-ended": {
        "en": "funding ended {date}",
        "de": "Förderung endete am {date}",
        "nl": "financiering afgelopen op {date}",
    },
    "target-group": {
        "en": "only for {groups}",
        "de": "nur für {groups}",
        "nl": "alleen voor {groups}",
    },
    "age": {
        "en": "age {range} (client: {age})",
        "de": "Alter {range} (Klient/in: {age})",
        "nl": "leeftijd {range} (cliënt: {age})",
    },
    "gender": {
        "en": "{who} only",
        "de": "nur für {who}",
        "nl": "alleen voor {who}",
    },
    "residence-status": {
        "en": "needs {allowed} (client: {status})",
        "de": "nur mit {allowed} (Klient/in: {status})",
        "nl": "alleen met {allowed} (cliënt: {status})",
    },
    "work-ban": {
        "en": "not open with a {ban}",
        "de": "nicht bei {ban}",
        "nl": "niet bij {ban}",
    },
    "neighbourhood": {
        "en": "only for residents of {places} (client lives in {home})",
        "de": "nur für Bewohner/innen von {places} (Klient/in wohnt in {home})",
        "nl": "alleen voor bewoners van {places} (cliënt woont in {home})",
    },
    "neighbourhood-unknown": {
        "en": "only for residents of {places}; the client's neighbourhood is not known",
        "de": "nur für Bewohner/innen von {places}; das Wohnviertel ist nicht bekannt",
        "nl": "alleen voor bewoners van {places}; de wijk van de cliënt is onbekend",
    },
    "language": {
        "en": "no shared language (offered in {offered}; client speaks {spoken})",
        "de": "keine gemeinsame Sprache (Angebot auf {offered}; Klient/in spricht {spoken})",
        "nl": "geen gedeelde taal (aanbod in het {offered}; cliënt spreekt {spoken})",
    },
    "cost": {
        "en": "costs {cost}, limit {limit}",
        "de": "kostet {cost}, Grenze {limit}",
        "nl": "kost {cost}, grens {limit}",
    },
    "distance": {
        "en": "{km} km, limit {limit} km",
        "de": "{km} km entfernt, Grenze {limit} km",
        "nl": "{km} km, grens {limit} km",
    },
    "online-only": {
        "en": "only online, and the client cannot take part online",
        "de": "nur online, und die Person kann nicht online teilnehmen",
        "nl": "alleen online, en de cliënt kan niet online meedoen",
    },
    "wheelchair": {
        "en": "no wheelchair-accessible location",
        "de": "kein rollstuhlgerechter Standort",
        "nl": "geen rolstoeltoegankelijke locatie",
    },
    "wheelchair-near": {
        "en": "no wheelchair-accessible location within {limit} km",
        "de": "kein rollstuhlgerechter Standort im Umkreis von {limit} km",
        "nl": "geen rolstoeltoegankelijke locatie binnen {limit} km",
    },
    # --- why a step fits --------------------------------------------------------------------
    "ladder": {
        "en": "rung {frm} ({frm_label}) → rung {to} ({to_label})",
        "de": "Stufe {frm} ({frm_label}) → Stufe {to} ({to_label})",
        "nl": "trede {frm} ({frm_label}) → trede {to} ({to_label})",
    },
    "ladder-same": {
        "en": "stays on rung {frm} ({frm_label})",
        "de": "bleibt auf Stufe {frm} ({frm_label})",
        "nl": "blijft op trede {frm} ({frm_label})",
    },
    "group-match": {
        "en": "for {groups}: fits the client ({client})",
        "de": "für {groups}: passt ({client})",
        "nl": "voor {groups}: past bij de cliënt ({client})",
    },
    "group-check": {
        "en": "for {groups} — check the client belongs",
        "de": "für {groups} — bitte prüfen",
        "nl": "voor {groups} — controleer of de cliënt erbij hoort",
    },
    "group-open": {
        "en": "open to everyone",
        "de": "offen für alle",
        "nl": "open voor iedereen",
    },
    "language-match": {
        "en": "in {languages}, which the client speaks",
        "de": "auf {languages} (spricht die Person)",
        "nl": "in het {languages} (spreekt de cliënt)",
    },
    "language-interpreter": {
        "en": "with an interpreter",
        "de": "mit Dolmetscher/in",
        "nl": "met tolk",
    },
    "language-course": {
        "en": "a language course: no shared language needed",
        "de": "ein Sprachkurs: keine gemeinsame Sprache nötig",
        "nl": "een taalcursus: geen gedeelde taal nodig",
    },
    "language-check": {
        "en": "in {languages} — check the client understands it",
        "de": "auf {languages} — bitte prüfen, ob die Person es versteht",
        "nl": "in het {languages} — controleer of de cliënt het verstaat",
    },
    "language-unstated": {
        "en": "language not stated — check",
        "de": "Sprache nicht angegeben — bitte prüfen",
        "nl": "taal niet vermeld — controleer",
    },
    "distance-km": {
        "en": "{km} km from home",
        "de": "{km} km von zu Hause",
        "nl": "{km} km van huis",
    },
    "online-step": {
        "en": "online: no travel, needs a device",
        "de": "online: kein Weg, braucht ein Gerät",
        "nl": "online: geen reistijd, apparaat nodig",
    },
    "no-home": {
        "en": "no home given: distance not known",
        "de": "kein Wohnort angegeben: Entfernung unbekannt",
        "nl": "geen woonplaats opgegeven: afstand onbekend",
    },
    "wheelchair-ok": {
        "en": "wheelchair-accessible location",
        "de": "rollstuhlgerechter Standort",
        "nl": "rolstoeltoegankelijke locatie",
    },
    "warm": {
        "en": "warm handover: {src} refers to {dst} ({kind})",
        "de": "warme Übergabe: {src} vermittelt an {dst} ({kind})",
        "nl": "warme overdracht: {src} verwijst naar {dst} ({kind})",
    },
    "warm-stale": {
        "en": "warm handover: {src} refers to {dst} ({kind}; last confirmed {date} — check it "
        "still works)",
        "de": "warme Übergabe: {src} vermittelt an {dst} ({kind}; zuletzt bestätigt {date} — "
        "bitte prüfen)",
        "nl": "warme overdracht: {src} verwijst naar {dst} ({kind}; laatst bevestigd {date} — "
        "controleer)",
    },
    "cold": {
        "en": "cold handover: no cooperation link from {prev} — make the first contact together",
        "de": "kalte Übergabe: keine Kooperation mit {prev} — ersten Kontakt gemeinsam herstellen",
        "nl": "koude overdracht: geen samenwerking met {prev} — leg samen het eerste contact",
    },
    "referral-step": {
        "en": "needs a referral from {orgs}: step {step} ({org}) provides it",
        "de": "braucht eine Zuweisung von {orgs}: Schritt {step} ({org}) stellt sie aus",
        "nl": "verwijzing nodig van {orgs}: stap {step} ({org}) regelt die",
    },
    "referral-known": {
        "en": "needs a referral from {orgs}: the client is known to {org}",
        "de": "braucht eine Zuweisung von {orgs}: die Person ist bei {org} bekannt",
        "nl": "verwijzing nodig van {orgs}: de cliënt is bekend bij {org}",
    },
    "gender-ok": {
        "en": "{who} only: fits the client",
        "de": "nur für {who}: passt",
        "nl": "alleen voor {who}: past bij de cliënt",
    },
    "gender-check": {
        "en": "{who} only — check",
        "de": "nur für {who} — bitte prüfen",
        "nl": "alleen voor {who} — controleer",
    },
    "age-ok": {
        "en": "age {range}: fits the client ({age})",
        "de": "Alter {range}: passt ({age})",
        "nl": "leeftijd {range}: past bij de cliënt ({age})",
    },
    "age-check": {
        "en": "age {range} — check",
        "de": "Alter {range} — bitte prüfen",
        "nl": "leeftijd {range} — controleer",
    },
    "residence-ok": {
        "en": "for {allowed}: fits the client",
        "de": "für {allowed}: passt",
        "nl": "voor {allowed}: past bij de cliënt",
    },
    "residence-check": {
        "en": "only with {allowed} — check the client's residence status",
        "de": "nur mit {allowed} — Aufenthaltsstatus bitte prüfen",
        "nl": "alleen met {allowed} — controleer de verblijfsstatus",
    },
    "work-ban-ok": {
        "en": "open with the client's {ban}",
        "de": "offen auch bei {ban}",
        "nl": "open ook bij {ban}",
    },
    "work-ban-check": {
        "en": "not open with a {ban} — check",
        "de": "nicht bei {ban} — bitte prüfen",
        "nl": "niet bij {ban} — controleer",
    },
    "neighbourhood-ok": {
        "en": "for residents of {places}: the client lives there",
        "de": "für Bewohner/innen von {places}: die Person wohnt dort",
        "nl": "voor bewoners van {places}: de cliënt woont daar",
    },
    "neighbourhood-maybe": {
        "en": "for residents of {places}: postcode {postcode} covers {homes} — check the address",
        "de": "für Bewohner/innen von {places}: PLZ {postcode} umfasst {homes} — Adresse prüfen",
        "nl": "voor bewoners van {places}: postcode {postcode} valt in {homes} — controleer het "
        "adres",
    },
    "cost-ok": {
        "en": "costs {cost}",
        "de": "kostet {cost}",
        "nl": "kost {cost}",
    },
    "wait": {
        "en": "waiting time about {weeks} weeks",
        "de": "Wartezeit etwa {weeks} Wochen",
        "nl": "wachttijd ongeveer {weeks} weken",
    },
    "wait-one": {
        "en": "waiting time about 1 week",
        "de": "Wartezeit etwa 1 Woche",
        "nl": "wachttijd ongeveer 1 week",
    },
    "childcare-yes": {
        "en": "childcare available",
        "de": "mit Kinderbetreuung",
        "nl": "met kinderopvang",
    },
    "childcare-no": {
        "en": "no childcare (the client needs it)",
        "de": "keine Kinderbetreuung (wird gebraucht)",
        "nl": "geen kinderopvang (de cliënt heeft die nodig)",
    },
    "funding-ends": {
        "en": "funding ends {date}",
        "de": "Förderung endet am {date}",
        "nl": "financiering stopt op {date}",
    },
    # --- the readable route sheet -------------------------------------------------------------
    "sheet-client": {
        "en": "Client on rung {rung} ({label}); goal: rung {goal} ({goal_label})",
        "de": "Klient/in auf Stufe {rung} ({label}); Ziel: Stufe {goal} ({goal_label})",
        "nl": "Cliënt op trede {rung} ({label}); doel: trede {goal} ({goal_label})",
    },
    "sheet-home": {
        "en": "Home: {home}",
        "de": "Wohnort: {home}",
        "nl": "Woonplaats: {home}",
    },
    "sheet-path": {
        "en": "Path {n} — reaches rung {rung} ({label}), cost {cost}",
        "de": "Weg {n} — erreicht Stufe {rung} ({label}), Kosten {cost}",
        "nl": "Route {n} — bereikt trede {rung} ({label}), kosten {cost}",
    },
    "sheet-no-goal": {
        "en": "No path reaches rung {goal}; the best reach rung {best}. This is a gap in the "
        "chain.",
        "de": "Kein Weg erreicht Stufe {goal}; die besten erreichen Stufe {best}. Hier ist eine "
        "Lücke in der Kette.",
        "nl": "Geen route bereikt trede {goal}; de beste bereiken trede {best}. Hier zit een gat "
        "in de keten.",
    },
    "sheet-no-path": {
        "en": "No eligible offer takes the client on rung {rung}.",
        "de": "Kein passendes Angebot nimmt die Person auf Stufe {rung} auf.",
        "nl": "Geen passend aanbod neemt de cliënt op trede {rung} aan.",
    },
    "sheet-excluded": {
        "en": "Excluded offers ({count}):",
        "de": "Ausgeschlossene Angebote ({count}):",
        "nl": "Uitgesloten aanbod ({count}):",
    },
    "sheet-more": {
        "en": "… and {count} more (--json lists all)",
        "de": "… und {count} weitere (--json zeigt alle)",
        "nl": "… en nog {count} (--json toont alles)",
    },
    "start": {"en": "start", "de": "Start", "nl": "start"},
    "handover-warm": {"en": "warm handover", "de": "warme Übergabe", "nl": "warme overdracht"},
    "handover-cold": {"en": "cold handover", "de": "kalte Übergabe", "nl": "koude overdracht"},
    "online": {"en": "online", "de": "online", "nl": "online"},
    "from": {"en": "from {a}", "de": "ab {a}", "nl": "vanaf {a}"},
    "up-to": {"en": "up to {b}", "de": "bis {b}", "nl": "tot en met {b}"},
    "unknown": {"en": "unknown", "de": "unbekannt", "nl": "onbekend"},
    "none": {"en": "none", "de": "keine", "nl": "geen"},
}


def text(key: str, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (English when missing), filled with ``params``.

    >>> text("distance", "de", km=number(6.3, "de"), limit=number(5, "de"))
    '6,3 km entfernt, Grenze 5 km'
    """
    templates = MESSAGES[key]
    template = templates.get(lang or DEFAULT_LANG) or templates[DEFAULT_LANG]
    return template.format(**params)


def number(value: float, lang: str | None = None) -> str:
    """A number with at most one decimal, the decimal comma in de and nl.

    >>> number(6.25, "nl"), number(5.0, "en"), number(0.04, "en")
    ('6,2', '5', '0')
    """
    formatted = f"{value:.1f}".rstrip("0").rstrip(".")
    if formatted == "-0":
        formatted = "0"
    return formatted.replace(".", ",") if lang in {"de", "nl"} else formatted


def km(value: float, lang: str | None = None) -> str:
    """A distance in km as text (without the unit)."""
    return number(value, lang)


def euro(value: float, lang: str | None = None) -> str:
    """An amount in euro the way each language writes it.

    >>> euro(25, "en"), euro(25, "de"), euro(2.5, "nl")
    ('€25', '25 €', '€ 2,5')
    """
    amount = number(value, lang)
    if lang == "de":
        return f"{amount} €"
    if lang == "nl":
        return f"€ {amount}"
    return f"€{amount}"


def listing(items: Iterable[str]) -> str:
    """Items joined by commas, in the order given."""
    return ", ".join(items)


def who(genders: Iterable[str], lang: str | None = None) -> str:
    """Who a gender rule is for, as a plural noun ("women", "Frauen", "vrouwen")."""
    return listing(label(GENDER_PLURALS, g, lang or DEFAULT_LANG) for g in genders)
