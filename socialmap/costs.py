"""Prices of an offer: ``cost_eur`` or its ``cost_options``, and the one routing uses.

``cost_eur`` (DESIGN.md) is one price in euros.  ``cost_options`` says more, as
HSDS ``cost_option`` records do::

    [{"amount": 35, "currency": "GBP", "conditions": "Under 18s and Over 60s",
      "unit": "per 1 hour session", "valid_from": "2020-01-01", "valid_to": "2022-12-31",
      "age_min": 60}]

``currency`` (ISO 4217) defaults to the region's ``currency``; without either the
option's currency is unknown — socialmap never assumes one.  ``conditions`` and
``unit`` are words for people; ``age_min``/``age_max`` (optional) are the part of
the conditions routing can check.  :func:`usable_price` picks the cheapest option
that is valid on a date, in euros and open to the client's age; an offer whose
options are all expired or in another currency has no usable price (unknown, not
free).  Pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Price", "usable_price", "OPTION_KEYS"]

OPTION_KEYS = ("amount", "currency", "conditions", "unit", "valid_from", "valid_to")


@dataclass(frozen=True)
class Price:
    """The price routing uses: the amount in euros and, if it came from an option, its words."""

    amount: float
    conditions: str | None = None
    unit: str | None = None


def _fits(option: Mapping[str, Any], day: str, age: int | None) -> bool:
    start, end = option.get("valid_from"), option.get("valid_to")
    if (start and day < start) or (end and day > end):
        return False
    low, high = option.get("age_min"), option.get("age_max")
    if low is None and high is None:
        return True
    # An age-bound price fits only a client whose age is known to be within it.
    return age is not None and (low is None or age >= low) and (high is None or age <= high)


def usable_price(
    options: Sequence[Mapping[str, Any]] | None,
    day: str,
    *,
    region_currency: str | None = None,
    age: int | None = None,
) -> Price | None:
    """The cheapest option valid on ``day`` (``YYYY-MM-DD``), in euros, open to ``age``.

    None when no option is usable (expired, another or an unknown currency).

    >>> options = [{"amount": 35, "currency": "EUR", "valid_to": "2022-12-31"},
    ...            {"amount": 20, "currency": "EUR", "conditions": "Landlords"},
    ...            {"amount": 5, "currency": "GBP"}]
    >>> usable_price(options, "2026-12-08")
    Price(amount=20.0, conditions='Landlords', unit=None)
    >>> usable_price(options[:1], "2026-12-08") is None
    True
    >>> usable_price([{"amount": 3}], "2026-12-08") is None  # currency unknown
    True
    >>> usable_price([{"amount": 3}], "2026-12-08", region_currency="EUR").amount
    3.0
    """
    best: Price | None = None
    for option in options or ():
        currency = option.get("currency") or region_currency
        if currency != "EUR" or not _fits(option, day, age):
            continue
        amount = float(option["amount"])
        if best is None or amount < best.amount:
            best = Price(amount, option.get("conditions"), option.get("unit"))
    return best
