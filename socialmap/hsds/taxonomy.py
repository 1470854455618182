"""The published ``socialmap`` taxonomy: how socialmap's own fields travel in HSDS.

HSDS 3.0 has no field for ladder rungs, target groups, categories of the
participation ladder, eligibility rules or referral links.  Its extension
point is the ``attribute``: a link from any record to a taxonomy term, with an
optional ``value``.  socialmap publishes one taxonomy, ``socialmap``, whose
terms have stable codes and stable UUIDs (uuid5 of ``"term:" + code``):

* vocabulary terms, one per value, attached without a value —
  ``ladder-accepts:3``, ``ladder-leads-to:5``, ``category:job-coaching``,
  ``organisation-kind:jobcenter``, ``gender:female``,
  ``residence-status:tolerated``, ``excludes-work-ban:absolute``,
  ``referral-kind:agreement``;
* region terms, one per record of the exported region —
  ``region:<id>``, ``neighbourhood:<id>``, ``target-group:<id>`` (the
  target-group hierarchy is the terms' ``parent_id``);
* field terms, attached *with* a ``value`` — ``field:socialmap-id``,
  ``field:purpose``, ``field:capacity`` … (see :data:`FIELDS`).

Every term belongs under one of the group terms of :data:`GROUPS`, so a tool
that shows a taxonomy tree shows a tidy one.  This module only builds and
decodes terms; it knows nothing about files or databases.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .. import vocab
from .ids import hsds_id

__all__ = [
    "TAXONOMY_NAME",
    "TAXONOMY_ID",
    "GROUPS",
    "FIELDS",
    "taxonomy_record",
    "term_id",
    "term_record",
    "vocabulary_terms",
    "region_terms",
    "attribute",
    "split_code",
    "record_value",
    "codes_by_id",
    "Term",
    "FIXED_TERMS",
    "FIXED_CODES",
]

TAXONOMY_NAME = "socialmap"
TAXONOMY_ID = hsds_id("taxonomy", TAXONOMY_NAME)

#: Group terms: code -> (English name, what the group's terms mean).
GROUPS: dict[str, tuple[str, str]] = {
    "ladder-accepts": (
        "Accepts clients on rung",
        "The offer accepts clients standing on this rung of the participation ladder "
        "(participatieladder, Divosa/Regioplan).",
    ),
    "ladder-leads-to": (
        "Leads to rung",
        "The rung of the participation ladder a client reaches with this offer.",
    ),
    "category": ("Category", "What kind of offer this is."),
    "organisation-kind": ("Organisation kind", "What kind of organisation this is."),
    "target-group": (
        "Target group",
        "Who the offer is for; an offer with no target group is open to everyone. "
        "A group serves its sub-groups.",
    ),
    "gender": ("Eligible gender", "Only clients of these genders are eligible."),
    "residence-status": (
        "Eligible residence status",
        "Only clients with one of these residence statuses are eligible.",
    ),
    "excludes-work-ban": (
        "Excluded work ban",
        "Clients with this kind of work ban are not eligible.",
    ),
    "referral-kind": (
        "Referral link",
        "An existing referral relationship to another organisation or offer; the attribute "
        'value is JSON: {"to": <HSDS id>, "to_entity": "organization"|"service", '
        '"since", "last_confirmed", "note", "from_contact", "to_contact"} (a contact: '
        '{"name", "email", "phone"}).',
    ),
    "region": (
        "socialmap region",
        "The region a record belongs to; its field:record attribute holds the region as "
        "JSON (id, name, country, languages).",
    ),
    "neighbourhood": (
        "Neighbourhood",
        "A neighbourhood of the region: on a service, the offer is for its residents only; "
        "on a location, the neighbourhood the location was declared to lie in. Its "
        "field:record attribute holds the neighbourhood as JSON (population, postcodes, "
        "GeoJSON geometry, tags).",
    ),
    "field": (
        "socialmap field",
        "A socialmap field that HSDS has no place for; the attribute value holds it as text.",
    ),
}

#: Field terms: name -> description.  Attached with a ``value``.
FIELDS: dict[str, str] = {
    "socialmap-id": "The record's id in socialmap (restored on import).",
    "record": "A whole socialmap record as JSON (region, neighbourhood, target group).",
    "purpose": "What the client achieves with the offer.",
    "online": "'true' when the offer can be followed online.",
    "interpreter": "'true' when an interpreter is available.",
    "childcare": "'true' when childcare is provided during the offer.",
    "capacity": "Number of places.",
    "wait-weeks": "Typical wait in weeks.",
    "valid-from": "First day of the funding period (YYYY-MM-DD).",
    "valid-until": "Last day of the funding period (YYYY-MM-DD).",
    "last-verified": "Date the organisation's entry was last checked (YYYY-MM-DD).",
    "requires-referral-by": (
        "The offer takes clients only when referred by this organisation (its HSDS id)."
    ),
    "wheelchair": "'true' or 'false': whether the location is wheelchair accessible.",
    "approximate": "'true' when the coordinates are a postcode centroid, not the address.",
}

_VOCABULARIES: dict[str, dict[str, str]] = {
    "category": vocab.CATEGORIES,
    "organisation-kind": vocab.ORGANISATION_KINDS,
    "gender": vocab.GENDERS,
    "residence-status": vocab.RESIDENCE_STATUSES,
    "excludes-work-ban": vocab.WORK_BANS,
    "referral-kind": vocab.REFERRAL_KINDS,
}


@dataclass(frozen=True)
class Term:
    """One term of the socialmap taxonomy, before it becomes an HSDS record."""

    code: str
    name: str
    description: str
    parent: str | None = None
    record: dict[str, Any] | None = None  # region terms: the socialmap record as JSON

    @cached_property
    def id(self) -> str:
        """The term's UUID (:func:`term_id`), computed once per term."""
        return term_id(self.code)


def term_id(code: str) -> str:
    """Return the stable UUID of the term with ``code``.

    >>> term_id("ladder-accepts:3") == term_id("ladder-accepts:3")
    True
    """
    return hsds_id("term", code)


def split_code(code: str) -> tuple[str, str]:
    """Split a term code into its group and value.

    >>> split_code("ladder-accepts:3"), split_code("category")
    (('ladder-accepts', '3'), ('category', ''))
    """
    group, _, value = code.partition(":")
    return group, value


def taxonomy_record() -> dict[str, Any]:
    """Return the HSDS ``taxonomy`` record of the socialmap taxonomy."""
    return {
        "id": TAXONOMY_ID,
        "name": TAXONOMY_NAME,
        "description": (
            "socialmap's extension of HSDS: participation-ladder rungs, categories, target "
            "groups, eligibility rules, referral links and the region, attached to records "
            "by attribute. Term codes are stable; term ids are uuid5 of 'term:<code>'."
        ),
        "version": "1",
    }


def _labels(labels: dict[str, str]) -> str:
    return "; ".join(f"{lang}: {text}" for lang, text in sorted(labels.items()))


def vocabulary_terms() -> Iterator[Term]:
    """Yield the fixed terms: groups, rungs, vocabularies and fields (region terms not included)."""
    for code, (name, description) in GROUPS.items():
        yield Term(code, name, description)
    for rung in vocab.RUNG_LABELS:
        labels = vocab.labels(vocab.RUNG_LABELS, rung)
        for group, verb in (("ladder-accepts", "Accepts"), ("ladder-leads-to", "Leads to")):
            yield Term(
                f"{group}:{rung}",
                f"{verb} rung {rung}: {labels['en']}",
                f"{GROUPS[group][1]} Rung {rung}: {_labels(labels)}.",
                group,
            )
    for group, vocabulary in _VOCABULARIES.items():
        for key in vocabulary:
            labels = vocab.labels(vocabulary, key)
            yield Term(f"{group}:{key}", labels["en"], _labels(labels), group)
    for name, description in FIELDS.items():
        yield Term(f"field:{name}", name, description, "field")


def region_terms(data: dict[str, Any]) -> Iterator[Term]:
    """Yield the terms of one dataset's region, neighbourhoods and target groups."""
    region = data["region"]
    yield Term(
        f"region:{region['id']}",
        region["name"],
        f"socialmap region {region['id']!r}.",
        "region",
        region,
    )
    for n in data.get("neighbourhoods") or []:
        yield Term(
            f"neighbourhood:{n['id']}",
            n["name"],
            f"Neighbourhood {n['name']} of {region['name']}.",
            f"region:{region['id']}",
            n,
        )
    for g in data.get("target_groups") or []:
        labels = g["labels"]
        parent = f"target-group:{g['parent']}" if g.get("parent") else "target-group"
        name = labels.get("en") or next(iter(labels.values()))
        yield Term(f"target-group:{g['id']}", name, _labels(labels), parent, g)


def term_record(term: Term, attributes: bool = True) -> dict[str, Any]:
    """Return the HSDS ``taxonomy_term`` record of ``term``.

    Region terms carry their socialmap record in a ``field:record`` attribute
    (left out with ``attributes=False``, as a term nested in an attribute is).
    HSDS's JSON ``taxonomy_term`` has no ``attributes`` array; socialmap adds
    one (extra properties are allowed), and the tabular form carries the same
    rows in ``attributes.csv`` with ``link_entity`` ``taxonomy_term``.
    """
    tid = term.id
    record: dict[str, Any] = {
        "id": tid,
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_id": TAXONOMY_ID,
        "language": "en",
    }
    if term.parent is not None:
        record["parent_id"] = term_id(term.parent)
    if term.record is not None and attributes:
        value = json.dumps(term.record, ensure_ascii=False, sort_keys=True)
        record["attributes"] = [attribute("taxonomy_term", tid, "field:record", value)]
    return record


def attribute(
    entity: str, link_id: str, code: str, value: str | None = None, term: Term | None = None
) -> dict[str, Any]:
    """Return an HSDS ``attribute`` linking record ``link_id`` to the term ``code``.

    With ``term``, the term itself is nested (``taxonomy_term``, without its
    own attributes), which makes a JSON record readable without the taxonomy
    files.
    """
    key = [link_id, code] if value is None else [link_id, code, value]
    record: dict[str, Any] = {
        "id": hsds_id("attribute", *key),
        "link_id": link_id,
        "taxonomy_term_id": term.id if term is not None else term_id(code),
        "link_type": split_code(code)[0],
        "link_entity": entity,
    }
    if value is not None:
        record["value"] = value
    if term is not None:
        record["taxonomy_term"] = term_record(term, attributes=False)
    return record


def record_value(value: str | None) -> Any:
    """Decode the JSON ``value`` of a ``field:record`` attribute (None when it is not JSON)."""
    if not value:
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return None


def codes_by_id(terms: Iterable[Term]) -> dict[str, str]:
    """Return ``{term UUID: code}`` for ``terms``."""
    return {term_id(t.code): t.code for t in terms}


#: Every fixed term by code.
FIXED_TERMS: dict[str, Term] = {t.code: t for t in vocabulary_terms()}
#: ``{term UUID: code}`` of every fixed term (region terms are decoded from their records).
FIXED_CODES: dict[str, str] = codes_by_id(FIXED_TERMS.values())
