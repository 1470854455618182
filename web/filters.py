"""Read the offer filters and paging from a query string, rejecting bad values by field name.

The map page, the offer list and ``/api/offers`` share these rules, so a URL
means the same everywhere.  Only values from the vocabularies and the
database pass; anything else is a :class:`~web.errors.FieldError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import sqlite_utils

from socialmap import geo, search, vocab
from socialmap.errors import NotFound, shown

from .errors import FieldError

__all__ = [
    "FILTER_FIELDS",
    "NEAR_FIELDS",
    "parse_filter",
    "parse_near",
    "parse_paging",
    "parse_box",
    "Paging",
    "parse_bool",
    "parse_int",
    "whole_number",
]

#: The query parameters of the offer filter, in the order forms show them.
FILTER_FIELDS = (
    "q",
    "region",
    "category",
    "target_group",
    "language",
    "rung",
    "neighbourhood",
    "free",
    "online",
)
#: Where the resident is, for sorting by distance: a postcode, or the browser's "lat,lon".
NEAR_FIELDS = ("postcode", "near")

_MAX_QUERY = 200
_POINT = re.compile(r"-?[0-9]{1,2}(\.[0-9]{1,7})?,-?[0-9]{1,3}(\.[0-9]{1,7})?")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TRUE = {"1", "true", "on", "yes"}
_FALSE = {"", "0", "false", "off", "no"}
#: A whole number as typed: ASCII digits only (``int()`` would also take "١٢", "1_0", " 7 ").
_WHOLE = re.compile(r"-?[0-9]+")
#: Longer numbers are clamped (``int()`` refuses more than 4300 digits).
_MAX_DIGITS = 1000
#: ``?bbox=``: four decimal numbers as the OpenAPI document's pattern has them.
_BOX = re.compile(r"-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+")


@dataclass(frozen=True)
class Paging:
    """Page number (from 1) and page size."""

    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def parse_bool(args: Mapping[str, str], name: str) -> bool:
    """A checkbox-style flag: absent, ``0``/``false`` → False; ``1``/``true``/``on`` → True."""
    value = args.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise FieldError(name, f"{name}: expected true or false, got {shown(args.get(name))}")


def parse_box(args: Mapping[str, str]) -> search.Box:
    """``?bbox=west,south,east,north`` (degrees) as a :class:`~socialmap.search.Box`; the world.

    >>> parse_box({"bbox": "4.2,52.0,4.4,52.1"})
    Box(west=4.2, south=52.0, east=4.4, north=52.1)
    """
    raw = args.get("bbox", "").strip()
    if not raw:
        return search.Box()
    try:
        if not _BOX.fullmatch(raw):  # float() would also take "nan", "1e400", "١"
            raise ValueError(raw)
        west, south, east, north = (float(part) for part in raw.split(",", 3))
    except ValueError:
        raise FieldError("bbox", "bbox: expected west,south,east,north in degrees") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise FieldError(
            "bbox", "bbox: expected -180 ≤ west < east ≤ 180, -90 ≤ south < north ≤ 90"
        )  # noqa: E501
    return search.Box(west, south, east, north)


def whole_number(text: str) -> int | None:
    """``text`` as an int if it is ASCII digits (with an optional minus), else None.

    Past 1000 digits the number is clamped to ±10**1000, beyond every bound socialmap
    checks, so a pasted megabyte of digits is simply out of range.

    >>> whole_number("12"), whole_number("-3"), whole_number("²"), whole_number("١٢")
    (12, -3, None, None)
    >>> whole_number("1_0"), whole_number(" 7"), whole_number("9" * 5000) == 10**1000
    (None, None, True)
    """
    if not _WHOLE.fullmatch(text):
        return None
    if len(text.lstrip("-")) > _MAX_DIGITS:
        return -(10**_MAX_DIGITS) if text.startswith("-") else 10**_MAX_DIGITS
    return int(text)


def parse_int(args: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    """The whole number ``args[name]`` from ``low`` to ``high``; None when absent or empty."""
    raw = args.get(name, "").strip()
    if not raw:
        return None
    value = whole_number(raw)
    if value is None:
        raise FieldError(name, f"{name}: expected a whole number, got {shown(raw)}")
    if not low <= value <= high:
        raise FieldError(name, f"{name}: expected a number from {low} to {high}, got {shown(raw)}")
    return value


def _text(args: Mapping[str, str], name: str) -> str | None:
    value = args.get(name, "").strip()
    return value or None


def _exists(db: sqlite_utils.Database, kind: str, value: str) -> bool:
    if kind == "region":
        return any(r["id"] == value for r in search.list_regions(db))
    if kind == "target_group":
        return value in search.target_group_labels(db)
    return any(n["id"] == value for n in search.list_neighbourhoods(db, geometry=False))


def parse_filter(args: Mapping[str, str], db: sqlite_utils.Database) -> search.OfferFilter:
    """Build the offer filter of a query string; a bad value raises FieldError naming it."""
    q = _text(args, "q")
    if q is not None and len(q) > _MAX_QUERY:
        raise FieldError("q", f"q: at most {_MAX_QUERY} characters, got {len(q)}")
    category = _text(args, "category")
    if category is not None and category not in vocab.CATEGORIES:
        raise FieldError("category", f"category: unknown category {shown(category)}")
    language = _text(args, "language")
    if language is not None and not _LANGUAGE.fullmatch(language):
        raise FieldError(
            "language", f"language: expected a language code like 'nl', got {shown(language)}"
        )
    return search.OfferFilter(
        q=q,
        category=category,
        language=language,
        rung=parse_int(args, "rung", min(vocab.RUNGS), max(vocab.RUNGS)),
        free_only=parse_bool(args, "free"),
        online=parse_bool(args, "online"),
        region=_known(args, "region", db),
        target_group=_known(args, "target_group", db),
        neighbourhood=_known(args, "neighbourhood", db),
    )


def _known(args: Mapping[str, str], name: str, db: sqlite_utils.Database) -> str | None:
    """The id in ``args[name]`` if it names a stored region, target group or neighbourhood."""
    value = _text(args, name)
    if value is not None and not _exists(db, name, value):
        raise FieldError(name, f"{name}: unknown {name.replace('_', ' ')} {shown(value)}")
    return value


def parse_near(args: Mapping[str, str], country: str | None = None) -> tuple[float, float] | None:
    """Where the resident is: ``near=lat,lon`` (the browser's location) or ``postcode``.

    A postcode is looked up in the offline gazetteer (``country`` first, when
    given); an unknown one, or a malformed point, raises FieldError naming it.

    >>> parse_near({"near": "52.07,4.30"}), parse_near({})
    ((52.07, 4.3), None)
    """
    point = args.get("near", "").strip()
    if point:
        if not _POINT.fullmatch(point):
            raise FieldError("near", "near: expected latitude,longitude in degrees")
        lat, lon = (float(part) for part in point.split(","))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FieldError("near", "near: expected latitude,longitude in degrees")
        return lat, lon
    postcode = args.get("postcode", "").strip()
    if not postcode:
        return None
    if len(postcode) > 12:
        raise FieldError("postcode", "postcode: at most 12 characters")
    for guess in ([country] if country else []) + [None]:
        try:
            return geo.postcode_centroid(postcode, guess)
        except NotFound:
            continue
    raise FieldError("postcode", f"postcode: unknown postcode {shown(postcode)}")


def parse_paging(args: Mapping[str, str], default_size: int, max_size: int) -> Paging:
    """``page`` (from 1) and ``per_page`` (1…max_size) of a query string."""
    page = parse_int(args, "page", 1, 1_000_000) or 1
    per_page = parse_int(args, "per_page", 1, max_size) or default_size
    return Paging(page=page, per_page=per_page)
