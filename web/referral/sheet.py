"""What a step needs on the desk and on the route sheet, in the interface language of the moment.

* :func:`things_to_bring` — what a client brings to a step, from one table
  (:data:`BRING`) keyed by the offer's category and its organisation's kind.
  A walk-in offer (open from rung 1 or 2, free, no referral needed: a taalcafé, a
  coffee morning) asks for nothing formal: an isolated woman going to a taalcafé
  is not asked for her passport and diplomas.
* :func:`how_to_start` — the first step's "how to start" sentence.
* :func:`hours_text` and :func:`open_now` — opening hours in words ("Mo–Fr
  09:00–12:30") and whether the step is open now.

Called inside ``in_language(…)`` for the route sheet, so the client reads it in
their own language.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import get_day_names
from flask_babel import format_currency
from flask_babel import gettext as _

from socialmap.hours import DAYS, offer_open

from ..routing import PageStep

__all__ = [
    "BRING",
    "things_to_bring",
    "how_to_start",
    "hours_text",
    "open_now",
    "now",
    "desk_facts",
]

#: The time zone of the regions (Den Haag and Gladbeck share it).
LOCAL_TIME = ZoneInfo("Europe/Berlin")

#: What to bring, per offer category and per organisation kind (``kind:<kind>``).
#: Codes: ``id`` identity document, ``papers`` letters about income or benefits,
#: ``certificates`` diplomas, ``cv``, ``bank`` bank details, ``plan`` a business idea,
#: ``device`` own phone or laptop, ``insurance`` health insurance card,
#: ``child`` the child's papers.
BRING: dict[str, tuple[str, ...]] = {
    "information": (),
    "counselling": ("papers",),
    "language-course": ("id", "certificates"),
    "digital-skills": ("device",),
    "childcare": ("id", "child"),
    "parenting-support": (),
    "school-education": ("id", "certificates"),
    "qualification": ("id", "certificates", "cv"),
    "job-coaching": ("id", "cv", "certificates"),
    "work-experience": ("id", "cv"),
    "volunteering": (),
    "study-fund": ("id", "certificates", "bank"),
    "entrepreneurship": ("id", "plan"),
    "employment": ("id", "cv", "certificates", "bank"),
    "health-support": ("insurance",),
    "kind:jobcenter": ("id", "papers"),
    "kind:employment-agency": ("id", "cv"),
    "kind:municipality": ("id", "papers"),
}

#: Codes that are formalities a walk-in offer does not ask for.
_FORMAL = {"id", "papers", "certificates", "cv", "bank", "plan"}


def _item(code: str) -> str:
    texts = {
        "id": _("An identity document (passport, identity card or residence document)"),
        "papers": _("Letters about your income or benefits, if you have them"),
        "certificates": _("Certificates and diplomas you already have (also from abroad)"),
        "cv": _("Your CV, if you have one"),
        "bank": _("Your bank details"),
        "plan": _("Your business idea, written down in a few lines"),
        "device": _("Your own phone or laptop, if you have one"),
        "insurance": _("Your health insurance card"),
        "child": _("Your child's birth certificate or ID"),
    }
    return texts[code]


def walk_in(offer: Mapping[str, Any]) -> bool:
    """A low-threshold offer: open from rung 1 or 2, free, no referral needed."""
    accepts = offer.get("accepts") or []
    return (
        bool(accepts)
        and min(accepts) <= 2
        and not offer.get("cost_eur")
        and not offer.get("requires_referral_by")
    )


def things_to_bring(step: PageStep) -> list[str]:
    """The list of things to bring to one step (a page step of ``web.routing``)."""
    offer = step.offer
    kind = (offer.get("organisation") or {}).get("kind", "")
    codes = list(BRING.get(str(offer.get("category")), ()))
    codes += [c for c in BRING.get(f"kind:{kind}", ()) if c not in codes]
    if walk_in(offer):
        codes = [c for c in codes if c not in _FORMAL]
    items = [_item(code) for code in codes]
    if step.referrers:
        items.append(
            _(
                "The referral letter from %(organisations)s",
                organisations=", ".join(step.referrers),
            )
        )
    cost = offer.get("cost_eur")
    if cost:
        items.append(_("The fee: %(cost)s", cost=format_currency(cost, "EUR")))
    if offer.get("childcare"):
        items.append(_("Ask about childcare when you sign up"))
    if not items:
        items.append(_("Nothing special: just come along."))
    return items


def contact(step: PageStep) -> dict[str, str]:
    """The step's contact person, phone and e-mail (the offer's, else its organisation's)."""
    offer, org = step.offer, step.organisation
    found = {
        "name": offer.get("contact_name") or "",
        "phone": offer.get("contact_phone") or org.get("phone") or "",
        "email": offer.get("contact_email") or org.get("email") or "",
    }
    return {key: str(value) for key, value in found.items() if value}


def how_to_start(step: PageStep) -> str:
    """How the client makes the first contact with the first step."""
    reach = contact(step)
    who = reach.get("name") or step.organisation.get("name", "")
    if walk_in(step.offer) and step.location is not None:
        return _("Just drop in during the opening hours and ask for %(who)s.", who=who)
    if "phone" in reach and "email" in reach:
        return _(
            "Call %(phone)s or write to %(email)s, ask for %(who)s and make an appointment.",
            phone=reach["phone"],
            email=reach["email"],
            who=who,
        )
    if "phone" in reach:
        return _("Call %(phone)s, ask for %(who)s and make an appointment.", **reach, who=who)
    if "email" in reach:
        return _("Write to %(email)s and ask for an appointment.", email=reach["email"])
    return _("Go there with this sheet and ask for an appointment.")


def _as_list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        value = json.loads(value) if value else None
    return list(value or [])


def step_hours(step: PageStep) -> list[dict[str, Any]]:
    """The opening hours that apply to a step: the offer's own, else its location's."""
    own = _as_list(step.offer.get("opening_hours"))
    if own:
        return own
    location = step.location
    return _as_list(location.get("opening_hours")) if location else []


def hours_text(hours: Sequence[Mapping[str, Any]], lang: str) -> list[str]:
    """Opening periods in words: ``["Mo–Fr 09:00–12:30", "Mi 14:00–18:00 (Sprechstunde)"]``."""
    names = get_day_names("abbreviated", locale=lang)
    lines = []
    for period in hours:
        days = [DAYS.index(d) for d in period.get("days", ()) if d in DAYS]
        runs: list[list[int]] = []
        for d in sorted(set(days)):
            if runs and runs[-1][-1] == d - 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        words = ", ".join(
            f"{names[r[0]]}–{names[r[-1]]}" if len(r) > 2 else ", ".join(names[d] for d in r)
            for r in runs
        )
        line = f"{words} {period.get('opens', '')}–{period.get('closes', '')}"
        if period.get("note"):
            line += f" ({period['note']})"
        lines.append(line)
    return lines


def now() -> dt.datetime:
    """The local time of the regions, without time zone (as opening hours are written)."""
    return dt.datetime.now(LOCAL_TIME).replace(tzinfo=None)


def open_now(step: PageStep, at: dt.datetime | None = None) -> bool | None:
    """Whether the step is open now (None: its opening hours are not known)."""
    own = _as_list(step.offer.get("opening_hours"))
    location = step.location
    if own or location is None:
        record = {"opening_hours": own, "locations": []}
        return offer_open(record, {}, at or now())
    return offer_open({"locations": [location["id"]]}, {location["id"]: location}, at or now())


def desk_facts(step: PageStep, lang: str, at: dt.datetime | None = None) -> dict[str, Any]:
    """Everything the desk and the sheet show of a step besides the engine's reasons."""
    return {
        "contact": contact(step),
        "hours": hours_text(step_hours(step), lang),
        "open_now": open_now(step, at),
        "start": how_to_start(step) if step.number == 1 else "",
    }
