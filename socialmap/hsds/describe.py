"""Words for other HSDS tools: socialmap's structured rules as HSDS free-text fields.

A tool that does not know the ``socialmap`` taxonomy still shows a service's
``eligibility_description``, ``application_process`` and ``status``; these
functions write them from the structured fields.  socialmap itself never
reads them back (the attributes are the source of truth).
"""

from __future__ import annotations

from typing import Any

from .. import vocab

__all__ = ["status", "application_process", "eligibility_text"]

_LISTS = (
    ("genders", vocab.GENDERS, "Genders"),
    ("residence_statuses", vocab.RESIDENCE_STATUSES, "Residence status"),
    ("excludes_work_ban", vocab.WORK_BANS, "Not for clients with"),
)


def status(offer: dict[str, Any], today: str) -> str:
    """``active``, or ``inactive`` outside the offer's funding period.

    >>> status({"valid_until": "2020-12-31"}, "2026-01-01")
    'inactive'
    """
    start, end = offer.get("valid_from"), offer.get("valid_until")
    if (start and start > today) or (end and end < today):
        return "inactive"
    return "active"


def application_process(offer: dict[str, Any], organisations: dict[str, Any]) -> str | None:
    """ "Only by referral from: …" for an offer that requires a referral, else None."""
    referrers = (offer.get("eligibility") or {}).get("requires_referral_by") or []
    names = [organisations[o]["name"] for o in referrers if o in organisations]
    return f"Only by referral from: {', '.join(names)}." if names else None


def eligibility_text(
    offer: dict[str, Any], group_names: dict[str, str], neighbourhoods: dict[str, Any]
) -> str:
    """Ladder, target groups and eligibility rules of an offer in one English paragraph.

    >>> eligibility_text({"ladder": {"accepts": [2, 3], "leads_to": 4},
    ...                   "eligibility": {"age_min": 18}}, {}, {})
    'Participation ladder: accepts rung 2, 3, leads to rung 4. Open to everyone. Ages 18+.'
    """
    ladder = offer.get("ladder")  # absent: not known, and not said
    e = offer.get("eligibility") or {}
    parts = (
        [
            f"Participation ladder: accepts rung {', '.join(map(str, ladder['accepts']))}, "
            f"leads to rung {ladder['leads_to']}."
        ]
        if ladder
        else []
    )
    groups = [group_names.get(g, g) for g in offer.get("target_groups") or []]
    parts.append(f"For: {', '.join(groups)}." if groups else "Open to everyone.")
    if e.get("age_min") is not None or e.get("age_max") is not None:
        parts.append(f"Ages {e.get('age_min') or 0}–{e.get('age_max') or ''}.".replace("–.", "+."))
    for key, vocabulary, title in _LISTS:
        if e.get(key):
            parts.append(f"{title}: {', '.join(vocab.label(vocabulary, v) for v in e[key])}.")
    names = [
        neighbourhoods[n]["name"] for n in e.get("neighbourhoods") or [] if n in neighbourhoods
    ]
    if names:
        parts.append(f"Residents of {', '.join(names)} only.")
    return " ".join(parts)
