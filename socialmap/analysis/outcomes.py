"""The coach's outcome section: what became of referrals, in the report and on ``/coach/``.

:func:`outcome_result` collects, per region, the suppressed aggregates of
:func:`socialmap.referrals.outcome_table` (every count below 5 is ``"<5"``,
every share from fewer than 5 withheld) — per offer, per handover (warm vs
cold), per step of the paths (where clients are lost) and the ladder transitions
per target group and neighbourhood.  :func:`outcome_html` renders them as the
report's tables.  No client code is ever part of either.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import sqlite_utils

from ..i18n import N_, gettext, percent
from ..referrals.outcomes import outcome_table

__all__ = ["outcome_result", "outcome_html", "TEXT"]

TEXT = {
    "outcomes": N_("Outcomes of referrals"),
    "outcomes_intro": N_(
        "What became of the referrals of the last two years. Counts below 5 are shown as "
        "“<5” and shares computed from fewer than 5 are left out, so that no client can be "
        "recognised."
    ),
    "by_offer": N_("Per offer"),
    "by_link": N_("Per handover (from organisation to offer)"),
    "by_step": N_("Where clients are lost along the paths"),
    "by_target_group": N_("The ladder over time per target group"),
    "by_neighbourhood": N_("The ladder over time per neighbourhood"),
    "offer": N_("Offer"),
    "from": N_("From"),
    "handover": N_("Handover"),
    "step": N_("Step"),
    "target_group": N_("Target group"),
    "neighbourhood": N_("Neighbourhood"),
    "referred": N_("Referred"),
    "accepted": N_("Accepted"),
    "started": N_("Started"),
    "completed": N_("Completed"),
    "share_started": N_("Share started"),
    "median_days": N_("Median days to start"),
    "clients": N_("Clients"),
    "up_6m": N_("Up a rung after 6 months"),
    "up_12m": N_("Up a rung after 12 months"),
    "first_step": N_("first step"),
    "warm": N_("warm"),
    "cold": N_("cold"),
    "no_referrals": N_("No referrals yet."),
}

_BYS = ("offer", "link", "step", "target_group", "neighbourhood")


def outcome_result(
    db: sqlite_utils.Database, region: str | None, today: dt.date | None = None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """``{region: {by: rows}}`` for ``region`` (or every region)."""
    regions = (
        [region]
        if region
        else [r[0] for r in db.execute("SELECT id FROM regions ORDER BY id").fetchall()]
    )
    return {r: {by: outcome_table(db, r, by, today=today) for by in _BYS} for r in regions}


def _t(key: str, lang: str) -> str:
    return gettext(TEXT[key], lang)


def _cell(value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return escape(percent(value, lang))
    return escape(str(value))


def _ratio(row: dict[str, Any], part: str, whole: str, share: str, lang: str) -> str:
    return f"{_cell(row[part], lang)} / {_cell(row[whole], lang)} ({_cell(row[share], lang)})"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<div class="scroll"><table class="list"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def outcome_html(
    outcomes: dict[str, dict[str, list[dict[str, Any]]]],
    lang: str,
    names: dict[str, str] | None = None,
    groups: dict[str, str] | None = None,
) -> str:
    """The outcome tables of every region (``names``: offer and organisation names;
    ``groups``: target group labels)."""
    names, groups = names or {}, groups or {}
    parts = [f"<p>{escape(_t('outcomes_intro', lang))}</p>"]
    for region, tables in outcomes.items():
        if len(outcomes) > 1:
            parts.append(f"<h3>{escape(region)}</h3>")
        if not tables["offer"]:
            parts.append(f"<p>{escape(_t('no_referrals', lang))}</p>")
            continue
        counts = ["referred", "accepted", "started", "completed", "share_started", "median_days"]
        parts.append(f"<h4>{escape(_t('by_offer', lang))}</h4>")
        parts.append(
            _table(
                [_t("offer", lang), *(_t(c, lang) for c in counts)],
                [
                    [
                        escape(row["name"] or row["offer"]),
                        *(
                            _cell(row[k], lang)
                            for k in (
                                "referred",
                                "accepted",
                                "started",
                                "completed",
                                "share_started",
                                "median_days_to_start",
                            )
                        ),
                    ]
                    for row in tables["offer"]
                ],
            )
        )
        parts.append(f"<h4>{escape(_t('by_link', lang))}</h4>")
        handover = {
            "start": _t("first_step", lang),
            "warm": _t("warm", lang),
            "cold": _t("cold", lang),
        }
        parts.append(
            _table(
                [
                    _t("from", lang),
                    _t("offer", lang),
                    _t("handover", lang),
                    _t("share_started", lang),
                ],
                [
                    [
                        escape(row["from_name"] or "–"),
                        escape(names.get(row["offer"], row["offer"])),
                        escape(handover[row["handover"]]),
                        _ratio(row, "started", "with_outcome", "share_started", lang),
                    ]
                    for row in tables["link"]
                ],
            )
        )
        parts.append(f"<h4>{escape(_t('by_step', lang))}</h4>")
        parts.append(
            _table(
                [_t("step", lang), _t("referred", lang), _t("share_started", lang)],
                [
                    [
                        escape(str(row["step"])),
                        _cell(row["referred"], lang),
                        _ratio(row, "started", "with_outcome", "share_started", lang),
                    ]
                    for row in tables["step"]
                ],
            )
        )
        for by, label in (("target_group", "target_group"), ("neighbourhood", "neighbourhood")):
            parts.append(f"<h4>{escape(_t('by_' + by, lang))}</h4>")
            parts.append(
                _table(
                    [_t(label, lang), _t("clients", lang), _t("up_6m", lang), _t("up_12m", lang)],
                    [
                        [
                            escape(
                                groups.get(row[by], row[by])
                                if by == "target_group"
                                else (row.get("name") or row[by])
                            ),
                            _cell(row["clients"], lang),
                            _ratio(row, "up_6m", "measured_6m", "share_up_6m", lang),
                            _ratio(row, "up_12m", "measured_12m", "share_up_12m", lang),
                        ]
                        for row in tables[by]
                    ],
                )
            )
    return "".join(parts)
