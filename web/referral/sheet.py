"""What a client should bring to a step, in the interface language of the moment.

Derived from the offer: everyone brings an identity document; a step that
needs a referral needs the letter; courses ask for earlier certificates, work
steps for a CV; a fee must be paid.  Called inside ``in_language(…)`` for the
route sheet, so the client reads it in their own language.
"""

from __future__ import annotations

from flask_babel import format_currency
from flask_babel import gettext as _

from ..routing import PageStep

__all__ = ["things_to_bring"]

_LEARNING = {"language-course", "school-education", "qualification", "study-fund", "digital-skills"}
_WORK = {"job-coaching", "work-experience", "employment", "entrepreneurship", "volunteering"}


def things_to_bring(step: PageStep) -> list[str]:
    """The list of things to bring to one step (a page step of ``web.routing``)."""
    offer = step.offer
    items = [_("An identity document (passport, identity card or residence document)")]
    if step.referrers:
        items.append(
            _(
                "The referral letter from %(organisations)s",
                organisations=", ".join(step.referrers),
            )
        )
    if offer.get("category") in _LEARNING:
        items.append(_("Certificates and diplomas you already have (also from abroad)"))
    if offer.get("category") in _WORK:
        items.append(_("Your CV, if you have one"))
    cost = offer.get("cost_eur")
    if cost:
        items.append(_("The fee: %(cost)s", cost=format_currency(cost, "EUR")))
    if offer.get("childcare"):
        items.append(_("Ask about childcare when you sign up"))
    return items
