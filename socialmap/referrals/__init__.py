"""Referrals with consent, the participation ladder over time, and outcomes (no Flask).

A case worker sends one step of a client's path to the receiving organisation
(:func:`send_referral`); the receiver moves it ``sent → accepted | declined →
started → completed | dropped_out`` (``no_show`` after ``accepted``,
:func:`move_referral`); either side records the client's rung at a moment
(:func:`record_rung`).  A client is only a random code and the profile fields
routing needs (:mod:`.records` refuses anything else).  :mod:`.clients` exports,
erases and expires a code; :mod:`.followups` flags overdue referrals and due
follow-ups; :mod:`.outcomes` counts what became of referrals — suppressed below
five — for the coach and for routing.  Every write goes through
:func:`socialmap.store.write`, the change feed and the editing history.
"""

from __future__ import annotations

from .actions import (
    client_organisations,
    get_referral,
    list_referrals,
    move_referral,
    record_rung,
    referral_json,
    send_referral,
)
from .clients import RETENTION_MONTHS, erase_client, expire, export_client, retention_months
from .followups import ANSWER_DAYS, FOLLOW_UP_MONTHS, answer_days, follow_ups, overdue
from .outcomes import (
    GROUPINGS,
    MIN_COUNT,
    Outcomes,
    handover_counts,
    outcome_table,
    shown_count,
    shown_share,
)
from .records import REASONS, STATUSES, TRANSITIONS, new_client_code, normal_code

__all__ = [
    "ANSWER_DAYS",
    "FOLLOW_UP_MONTHS",
    "GROUPINGS",
    "MIN_COUNT",
    "REASONS",
    "RETENTION_MONTHS",
    "STATUSES",
    "TRANSITIONS",
    "Outcomes",
    "answer_days",
    "client_organisations",
    "erase_client",
    "expire",
    "export_client",
    "follow_ups",
    "get_referral",
    "handover_counts",
    "list_referrals",
    "move_referral",
    "new_client_code",
    "normal_code",
    "outcome_table",
    "overdue",
    "record_rung",
    "referral_json",
    "retention_months",
    "send_referral",
    "shown_count",
    "shown_share",
]
