"""Every text of the routing engine a person reads, as message ids of the one catalog.

One table, :data:`MESSAGES`, maps a message key to its English template, which
is the message id in ``socialmap/locale`` (see :mod:`socialmap.i18n`);
:func:`text` translates and fills it in.  Keys double as the machine codes of exclusion rules
(``"gender"``, ``"distance"``, …).  Numbers use the decimal comma in de and nl;
language names come from CLDR through :func:`socialmap.i18n.language_name`.
The words follow the seeds: *Klient/in*, *Zuweisung*, *warme Übergabe*;
*cliënt*, *verwijzing*, *warme overdracht*.  This module only formats.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import N_, gettext, language_name
from ..vocab import GENDER_PLURALS, label

__all__ = ["MESSAGES", "text", "number", "km", "euro", "listing", "language_name", "who"]

DEFAULT_LANG = "en"

MESSAGES: dict[str, str] = {
    "no-rung": N_("no ladder rung known — add it to use this offer in paths"),
    "unreachable": N_("no address with coordinates and not online"),
    "not-started": N_("starts {date}"),
    "funding-ended": N_("funding ended {date}"),
    "target-group": N_("only for {groups}"),
    "age": N_("age {range} (client: {age})"),
    "gender": N_("{who} only"),
    "residence-status": N_("needs {allowed} (client: {status})"),
    "work-ban": N_("not open with a {ban}"),
    "paid-work": N_("leads to paid work, which a {ban} rules out"),
    "not-asked": N_("starting a business: only when the client asks for it (need: own business)"),
    "neighbourhood": N_("only for residents of {places} (client lives in {home})"),
    "neighbourhood-unknown": N_(
        "only for residents of {places}; the client's neighbourhood is not known"
    ),
    "language": N_("no shared language (offered in {offered}; client speaks {spoken})"),
    "cost": N_("costs {cost}, limit {limit}"),
    "cost-option": N_("costs {cost} ({option}), limit {limit}"),
    "cost-unknown": N_(
        "price not known (its cost options have expired or are in another currency), limit {limit}"
    ),
    "distance": N_("{km} km, limit {limit} km"),
    "online-only": N_("only online, and the client cannot take part online"),
    "wheelchair": N_("no wheelchair-accessible location"),
    "wheelchair-near": N_("no wheelchair-accessible location within {limit} km"),
    "ladder": N_("rung {frm} ({frm_label}) → rung {to} ({to_label})"),
    "ladder-same": N_("stays on rung {frm} ({frm_label})"),
    "group-match": N_("for {groups}: fits the client ({client})"),
    "group-check": N_("for {groups} — check the client belongs"),
    "group-open": N_("open to everyone"),
    "language-match": N_("in {languages}, which the client speaks"),
    "language-interpreter": N_("with an interpreter"),
    "language-course": N_("a language course: no shared language needed"),
    "language-check": N_("in {languages} — check the client understands it"),
    "language-unstated": N_("language not stated — check"),
    "distance-km": N_("{km} km from home"),
    "distance-same-area": N_(
        "in the same postcode area as home (≈; the exact address is not mapped)"
    ),
    "distance-about": N_("about {km} km from home (≈, from the postcode)"),
    "online-step": N_("online: no travel, needs a device"),
    "no-home": N_("no home given: distance not known"),
    "wheelchair-ok": N_("wheelchair-accessible location"),
    "warm": N_("warm handover: {src} refers to {dst} ({kind})"),
    "warm-stale": N_(
        "warm handover: {src} refers to {dst} ({kind}; last confirmed {date} — check it still works)"  # noqa: E501
    ),
    "cold-quiet": N_(
        "cold handover: the link from {prev} has gone quiet (last confirmed {date}) — "
        "make contact again together"
    ),
    "cold": N_("cold handover: no cooperation link from {prev} — make the first contact together"),
    "referral-step": N_("needs a referral from {orgs}: step {step} ({org}) provides it"),
    "referral-known": N_("needs a referral from {orgs}: the client is known to {org}"),
    "gender-ok": N_("{who} only: fits the client"),
    "gender-check": N_("{who} only — check"),
    "age-ok": N_("age {range}: fits the client ({age})"),
    "age-check": N_("age {range} — check"),
    "residence-ok": N_("for {allowed}: fits the client"),
    "residence-check": N_("only with {allowed} — check the client's residence status"),
    "work-ban-ok": N_("open with the client's {ban}"),
    "work-ban-check": N_("not open with a {ban} — check"),
    "work-permit": N_(
        "paid work: a work permit is needed first — check with the immigration office"
    ),
    "neighbourhood-ok": N_("for residents of {places}: the client lives there"),
    "neighbourhood-maybe": N_(
        "for residents of {places}: postcode {postcode} covers {homes} — check the address"
    ),
    "cost-ok": N_("costs {cost}"),
    "cost-option-ok": N_("costs {cost} ({option})"),
    "wait": N_("waiting time about {weeks} weeks"),
    "wait-one": N_("waiting time about 1 week"),
    "childcare-yes": N_("childcare available"),
    "childcare-no": N_("no childcare (the client needs it)"),
    "funding-risk": N_(
        "funding ends {date}, in {weeks} weeks — the place may not be available: check first"
    ),
    "funding-ends": N_("funding ends {date}"),
    "outcome": N_("{started} of {total} clients referred here started"),
    "outcome-from": N_("{started} of {total} clients referred here from {org} started"),
    "outcome-few": N_("fewer than 5 of {total} clients referred here started"),
    "outcome-few-from": N_("fewer than 5 of {total} clients referred here from {org} started"),
    "sheet-chance": N_(
        "Estimated chance of arriving at every step: {percent} (from the shares of clients "
        "who started at each step)"
    ),
    "sheet-client": N_("Client on rung {rung} ({label}); goal: rung {goal} ({goal_label})"),
    "sheet-home": N_("Home: {home}"),
    "sheet-path": N_(
        "Path {n} — reaches rung {rung} ({label}): {steps} step(s), {warm} warm handover(s), "
        "{km} km to travel in all"
    ),
    "sheet-no-goal": N_(
        "No path reaches rung {goal}; the best reach rung {best}. This is a gap in the chain."
    ),
    "sheet-work-ban": N_(
        "A work ban rules out paid work (rung {goal}): the paths go as far as the ban allows, "
        "rung {best}."
    ),
    "sheet-no-path": N_("No eligible offer takes the client on rung {rung}."),
    "sheet-excluded": N_("Excluded offers ({count}):"),
    "sheet-more": N_("… and {count} more (--json lists all)"),
    "start": N_("start"),
    "handover-warm": N_("warm handover"),
    "handover-cold": N_("cold handover"),
    "online": N_("online"),
    "from": N_("from {a}"),
    "up-to": N_("up to {b}"),
    "unknown": N_("unknown"),
    "none": N_("none"),
}


def text(key: str, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang`` (English when missing), filled with ``params``.

    >>> text("distance", "de", km=number(6.3, "de"), limit=number(5, "de"))
    '6,3 km entfernt, Grenze 5 km'
    """
    return gettext(MESSAGES[key], lang).format(**params)


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
