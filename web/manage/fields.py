"""The editing forms' fields, derived from the dataset format: one field per CSV column.

:data:`socialmap.dataset.columns.CSV_TABLES` names every field of a record (its
column name, dotted path and type) and ``schema.json`` says what values it takes
(an enum, a date, a vocabulary, ids of other records).  :func:`form_fields`
turns both into :class:`FormField` rows, so a field added to the dataset format
appears on the forms without more work; :data:`HELP` explains each field in the
page's language (a field without an entry there shows the schema's own
description).  :func:`read_form` turns a submitted form back into values, and
:func:`patch_of` into the JSON merge patch that :mod:`socialmap.editing` applies.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from socialmap import hours
from socialmap.dataset import validate
from socialmap.dataset.columns import CSV_TABLES, Column

__all__ = [
    "FormField",
    "FieldProblem",
    "form_fields",
    "read_form",
    "patch_of",
    "record_of",
    "value_at",
    "HELP",
    "LABELS",
]

#: Set by the app, never typed: the record's id, its owner, "still correct" dates, placing,
#: and what an HSDS import kept of the source record.
_NOT_TYPED = {
    "id",
    "organisation",
    "last_verified",
    "last_confirmed",
    "approximate",
    "from",
    "to",
    "source",
}
#: Long text: a text area.
_LONG = {"description", "purpose", "note", "cost_description"}
#: A list of ids -> the records it names.
_ID_LISTS = {
    "locations": "location",
    "target_groups": "target_group",
    "eligibility.neighbourhoods": "neighbourhood",
    "eligibility.requires_referral_by": "organisation",
}
#: A schema definition -> the vocabulary of its values.
_VOCABULARIES = {
    "category": "category",
    "organisation_kind": "organisation_kind",
    "residence_status": "residence_status",
    "work_ban": "work_ban",
    "gender": "gender",
    "rung": "rung",
    "language": "language",
    "languages": "language",
}

LABELS: dict[str, Any] = {
    "name": _l("Name"),
    "kind": _l("Kind"),
    "description": _l("Description"),
    "website": _l("Website"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "address": _l("Address"),
    "postcode": _l("Postcode"),
    "city": _l("Town or city"),
    "lat": _l("Latitude"),
    "lon": _l("Longitude"),
    "wheelchair": _l("Wheelchair accessible"),
    "neighbourhood": _l("Neighbourhood"),
    "locations": _l("Locations"),
    "online": _l("Online"),
    "purpose": _l("Purpose"),
    "category": _l("Category"),
    "ladder.accepts": _l("Accepts clients on these steps"),
    "ladder.leads_to": _l("Leads to step"),
    "target_groups": _l("Target groups"),
    "eligibility.age_min": _l("Minimum age"),
    "eligibility.age_max": _l("Maximum age"),
    "eligibility.genders": _l("Only for"),
    "eligibility.residence_statuses": _l("Residence statuses"),
    "eligibility.excludes_work_ban": _l("Not with this work ban"),
    "eligibility.neighbourhoods": _l("Only for residents of"),
    "eligibility.requires_referral_by": _l("Only with a referral from"),
    "languages": _l("Languages"),
    "interpreter": _l("Interpreter available"),
    "cost_eur": _l("Cost (EUR)"),
    "cost_description": _l("About the cost"),
    "childcare": _l("Childcare"),
    "capacity": _l("Places"),
    "wait_weeks": _l("Waiting time (weeks)"),
    "valid_from": _l("Runs from"),
    "valid_until": _l("Runs until"),
    "funding": _l("Funding"),
    "opening_hours": _l("Opening hours"),
    "cost_options": _l("Prices with conditions"),
    "contact.name": _l("Contact person"),
    "contact.email": _l("Contact person's e-mail"),
    "contact.phone": _l("Contact person's phone"),
    "since": _l("Since"),
    "note": _l("Note"),
    "from_contact.name": _l("Contact person of the referring side"),
    "from_contact.email": _l("E-mail of the referring side's contact"),
    "from_contact.phone": _l("Phone of the referring side's contact"),
    "to_contact.name": _l("Contact person of the receiving side"),
    "to_contact.email": _l("E-mail of the receiving side's contact"),
    "to_contact.phone": _l("Phone of the receiving side's contact"),
}

HELP: dict[str, Any] = {
    "name": _l("As people know it; shown on the map and in referral paths."),
    "kind": _l("What sort of organisation this is."),
    "description": _l("A few sentences in plain language: what happens here and for whom."),
    "website": _l("The full address, beginning with https://."),
    "email": _l("An address people may write to."),
    "phone": _l("A number people may call, with the area code."),
    "address": _l("Street and house number."),
    "postcode": _l(
        "The map places the location by its postcode when you leave the position empty."
    ),
    "city": _l("The town or city of the address."),
    "lat": _l("Drag the pin on the map, or type the position (e.g. 52.0767)."),
    "lon": _l("Drag the pin on the map, or type the position (e.g. 4.2986)."),
    "wheelchair": _l("Can a wheelchair user get in and around?"),
    "neighbourhood": _l("Only if the map cannot tell by itself (e.g. a postcode in two areas)."),
    "locations": _l("Where the offer takes place. Leave all empty for an online offer."),
    "online": _l("The offer takes place online (too)."),
    "purpose": _l("What a participant gets out of it, in one or two sentences."),
    "category": _l("The kind of offer; the map's filter uses it."),
    "ladder.accepts": _l("The steps of the participation ladder a client may be on to start here."),
    "ladder.leads_to": _l("The step a client usually reaches after this offer."),
    "target_groups": _l("Leave all empty when the offer is open to everyone."),
    "eligibility.age_min": _l("Leave empty for no lower limit."),
    "eligibility.age_max": _l("Leave empty for no upper limit."),
    "eligibility.genders": _l("Leave all empty when everyone may take part."),
    "eligibility.residence_statuses": _l("Leave all empty when any residence status may apply."),
    "eligibility.excludes_work_ban": _l("Clients with this kind of work ban cannot take part."),
    "eligibility.neighbourhoods": _l("Leave all empty when residents of any area may come."),
    "eligibility.requires_referral_by": _l(
        "Clients can only start with a referral from one of these organisations."
    ),
    "languages": _l("The languages the offer is given in."),
    "interpreter": _l("An interpreter can be arranged."),
    "cost_eur": _l("What a participant pays, in euros; 0 for free."),
    "cost_description": _l("E.g. what the cost covers or who can get it paid."),
    "childcare": _l("Children are looked after during the offer."),
    "capacity": _l("How many people can take part at a time."),
    "wait_weeks": _l("How many weeks a new client usually waits to start."),
    "valid_from": _l("The first day of the offer, if it has one."),
    "valid_until": _l("The last day, e.g. when the funding ends."),
    "funding": _l("Who pays for the offer and until when, e.g. 'ESF until 2027'."),
    "opening_hours": _l(
        "Days and times, e.g. 'mo-fr 09:00-12:30; we 14:00-18:00'. Leave empty when not known."
    ),
    "cost_options": _l(
        "Only when the price depends on conditions: a JSON list such as "
        '[{"amount": 5, "conditions": "with a city pass"}].'
    ),
    "contact.name": _l("The person partners ask for; their name, not a team's."),
    "contact.email": _l("The contact person's own address."),
    "contact.phone": _l("The contact person's direct number."),
    "kind@link": _l("How firm the cooperation is."),
    "since": _l("Since when the organisations have worked together."),
    "note": _l("What the receiving side needs to know, e.g. how to hand over."),
    "from_contact.name": _l("Who refers clients along this link."),
    "to_contact.name": _l("Who receives the clients and can be called."),
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FormField:
    """One input of a form: the record's ``path`` and how it is typed."""

    name: str  # the input's name (the CSV column's)
    path: str  # where the value sits in the record
    type: str  # the CSV column type: str | int | float | bool | list | intlist | json
    widget: (
        str  # text | textarea | number | date | checkbox | yesno | select | checks | json | hours
    )
    vocabulary: str | None = None  # the values a select or checks offers
    required: bool = False
    kind: str = ""  # organisation | location | offer | referral_link

    @property
    def label(self) -> Any:
        """The field's name in the page's language."""
        return LABELS.get(self.path) or self.path.replace("_", " ").replace(".", ": ")

    @property
    def help(self) -> Any:
        """What the field means, in the page's language (or the schema's description)."""
        own = HELP.get(f"{self.path}@link") if self.kind == "referral_link" else None
        return own or HELP.get(self.path) or _definition(self.kind, self.path).get("description")


class FieldProblem(ValueError):
    """A value typed into ``field`` that is not of its type; ``text`` says so."""

    def __init__(self, field: FormField, text: Any):
        super().__init__(str(text))
        self.field = field
        self.text = text


_TABLES = {
    "organisation": "organisations",
    "location": "locations",
    "offer": "offers",
    "referral_link": "referral_links",
}


@functools.cache
def _schema() -> dict[str, Any]:
    return validate.schema()


def _resolve(node: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Follow ``$ref`` (and a nullable ``anyOf``) to a definition and its name."""
    defs = _schema()["$defs"]
    name = None
    while True:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            node = {**defs[name], **{k: v for k, v in node.items() if k != "$ref"}}
        elif "anyOf" in node or "oneOf" in node:
            choices = node.get("anyOf") or node.get("oneOf") or []
            node = next((n for n in choices if n.get("type") != "null"), {})
        else:
            return node, name


def _definition(kind: str, path: str) -> dict[str, Any]:
    node: dict[str, Any] = {"$ref": f"#/$defs/{kind}"}
    for part in path.split("."):
        node, _ = _resolve(node)
        node = node.get("properties", {}).get(part, {})
    return node


def _required(kind: str, path: str) -> bool:
    """Whether the schema requires ``path`` — and every object on the way to it."""
    node: dict[str, Any] = {"$ref": f"#/$defs/{kind}"}
    for part in path.split("."):
        node, _ = _resolve(node)
        if part not in node.get("required", []):
            return False
        node = node.get("properties", {}).get(part, {})
    return True


def _field(kind: str, column: Column) -> FormField:
    node, name = _resolve(_definition(kind, column.path))
    items, item_name = _resolve(node.get("items", {})) if "items" in node else ({}, None)
    vocabulary = _ID_LISTS.get(column.path) or _VOCABULARIES.get(item_name or name or "")
    if column.path == "neighbourhood":
        vocabulary = "neighbourhood"
    if column.path == "kind" and kind == "referral_link":
        vocabulary = "referral_kind"
    widget = "text"
    if column.type in ("list", "intlist"):
        widget = "checks" if vocabulary else "text"
    elif column.type == "json":
        widget = "json"
    elif column.type == "hours":
        widget = "hours"
    elif column.type == "bool":
        nullable = "null" in (_definition(kind, column.path).get("type") or [])
        widget = "yesno" if nullable else "checkbox"
    elif vocabulary or "enum" in node or "enum" in items:
        widget = "select"
    elif column.type in ("int", "float"):
        widget = "number"
    elif name == "date":
        widget = "date"
    elif column.path.rsplit(".", 1)[-1] in _LONG or name == "text":
        widget = "textarea"
    return FormField(
        name=column.name,
        path=column.path,
        type=column.type,
        widget=widget,
        vocabulary=vocabulary or ("enum" if widget == "select" else None),
        required=_required(kind, column.path),
        kind=kind,
    )


@functools.cache
def form_fields(kind: str) -> tuple[FormField, ...]:
    """The typed fields of a record of ``kind``, in the dataset's column order."""
    return tuple(
        _field(kind, column)
        for column in CSV_TABLES[_TABLES[kind]]
        if column.path not in _NOT_TYPED
    )


def enum_values(field: FormField) -> list[Any]:
    """The values the schema allows for ``field`` (for a select without a vocabulary)."""
    node, _ = _resolve(_definition(field.kind, field.path))
    if "items" in node:
        node, _ = _resolve(node["items"])
    return list(node.get("enum", []))


def value_at(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted ``path`` of ``record`` (None if absent)."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _number(field: FormField, text: str) -> int | float:
    try:
        number = float(text.replace(",", ".")) if field.type == "float" else int(text)
    except ValueError:
        if field.type == "float":
            raise FieldProblem(field, _l("Please enter a number, e.g. 2.5.")) from None
        raise FieldProblem(field, _l("Please enter a whole number, e.g. 12.")) from None
    return number


def _parse(field: FormField, form: Any) -> Any:
    """The value of ``field`` in the submitted ``form`` (a MultiDict); None when empty."""
    if field.widget == "checks":
        values = [v for v in form.getlist(field.name) if v.strip()]
        if field.type == "intlist":
            return [int(v) for v in values if v.isdigit()] or None
        return values or None
    text = (form.get(field.name) or "").strip()
    if field.widget == "checkbox":
        return bool(text)
    if field.widget == "yesno":
        return {"yes": True, "no": False}.get(text)
    if not text:
        return None
    if field.type in ("int", "float") or (field.widget == "select" and field.vocabulary == "rung"):
        return _in_range(field, _number(field, text))
    if field.widget == "date" and not (_DATE.match(text) and _is_date(text)):
        raise FieldProblem(field, _l("Please enter a date as YYYY-MM-DD, e.g. 2027-06-30."))
    if field.type == "list":
        return [part.strip() for part in text.split(";") if part.strip()] or None
    if field.widget == "json":
        try:
            return json.loads(text)
        except ValueError:
            raise FieldProblem(field, _l("Please enter valid JSON.")) from None
    if field.widget == "hours":
        try:
            return hours.parse_hours(text) or None
        except ValueError:
            raise FieldProblem(
                field, _l("Please write the hours like 'mo-fr 09:00-12:30; we 14:00-18:00'.")
            ) from None
    return text


def _in_range(field: FormField, number: int | float) -> int | float:
    """``number`` if the schema's minimum and maximum allow it."""
    node, _name = _resolve(_definition(field.kind, field.path))
    low, high = node.get("minimum"), node.get("maximum")
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            text = _l("Please enter a number from %(low)s to %(high)s.", low=low, high=high)
        elif low is not None:
            text = _l("Please enter a number of at least %(low)s.", low=low)
        else:
            text = _l("Please enter a number of at most %(high)s.", high=high)
        raise FieldProblem(field, text)
    return number


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def read_form(fields: list[FormField], form: Any) -> dict[str, Any]:
    """``{path: value}`` of every field; the first bad or missing value raises
    :class:`FieldProblem`."""
    values = {}
    for field in fields:
        value = _parse(field, form)
        if field.required and value is None:
            if field.widget == "checks":
                raise FieldProblem(field, _l("Please choose at least one."))
            raise FieldProblem(field, _l("Please fill in this field."))
        values[field.path] = value
    return values


def _nest(path: str, value: Any) -> dict[str, Any]:
    head, _, rest = path.partition(".")
    return {head: _nest(rest, value) if rest else value}


def _merge(into: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def patch_of(record: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON merge patch from ``record`` to the form's ``values`` (only what changed).

    >>> patch_of({"name": "A", "eligibility": {"age_min": 18}},
    ...          {"name": "A", "eligibility.age_min": None, "cost_eur": 0})
    {'eligibility': {'age_min': None}, 'cost_eur': 0}
    """
    patch: dict[str, Any] = {}
    for path, value in values.items():
        before = value_at(record, path)
        if value == before and type(value) is type(before):
            continue
        if isinstance(value, list) and isinstance(before, list) and _same_set(value, before):
            continue  # ticked boxes come in the page's order, not the record's
        if value is None and before is None:
            continue
        if value is False and before is None:
            continue  # an unticked box on a field the record leaves out
        _merge(patch, _nest(path, value))
    return patch


def _same_set(a: list[Any], b: list[Any]) -> bool:
    return len(a) == len(b) and sorted(map(repr, a)) == sorted(map(repr, b))


def record_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """A new record from the form's ``values`` (empty fields left out)."""
    record: dict[str, Any] = {}
    for path, value in values.items():
        if value is not None and value is not False:
            _merge(record, _nest(path, value))
    return record
