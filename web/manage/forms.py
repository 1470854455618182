"""What an editing form shows: the choices of each field and the values in its inputs.

The fields come from :mod:`web.manage.fields`; the choices from the vocabularies
(``socialmap.vocab``, labelled in the page's language) and from the records of
the region (target groups, neighbourhoods, organisations, the organisation's
locations).  Values shown are the stored record's — or, after a refused save,
exactly what the person typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils
from flask_babel import gettext as _

from socialmap import editing, hours, search, vocab
from socialmap.i18n import language_name

from ..i18n import Labels
from .fields import FormField, enum_values, form_fields, value_at

__all__ = ["Form", "build_form", "shown_values", "COMMON_LANGUAGES"]

#: Offered as languages besides those the region's offers use already.
COMMON_LANGUAGES = ("de", "nl", "en", "tr", "ar", "pl", "uk", "ru", "fr", "es", "fa", "ti", "so")


@dataclass
class Form:
    """A form of one record kind: its fields, their choices, the values shown, errors."""

    kind: str
    fields: list[FormField]
    values: dict[str, list[str]]  # input name -> the values shown (strings)
    choices: dict[str, list[tuple[str, str]]]
    version: int | None = None
    errors: dict[str, str] = field(default_factory=dict)  # input name -> message
    message: str | None = None  # a message about the whole form (e.g. a conflict)
    #: after a conflict: input name -> what is saved now, where it differs from the input
    current: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        """The one value shown in input ``name`` ("" if none)."""
        shown = self.values.get(name) or [""]
        return shown[0]

    def show_current(self, record: Mapping[str, Any]) -> None:
        """Note, beside each input, the value ``record`` holds where it differs from it."""
        saved = shown_values(self.fields, record)
        for f in self.fields:
            now, typed = saved.get(f.name, []), self.values.get(f.name, [])
            if sorted(v for v in now if v) != sorted(v for v in typed if v):
                labels = dict(self.choices.get(f.name, []))
                self.current[f.name] = ", ".join(labels.get(v, v) for v in now) or "–"

    def checked(self, name: str, option: str) -> bool:
        """Whether ``option`` is ticked in the checkboxes ``name``."""
        return option in (self.values.get(name) or [])


def _as_text(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):
        return [json.dumps(value, ensure_ascii=False)]
    if isinstance(value, float) and value.is_integer():
        return [str(int(value))] if abs(value) < 1e15 else [str(value)]
    return [str(value)]


def shown_values(
    fields: Iterable[FormField], record: Mapping[str, Any], typed: Any = None
) -> dict[str, list[str]]:
    """The values a form shows: ``record``'s as strings, or exactly what was ``typed``."""
    if typed is not None:
        return {f.name: [v for v in typed.getlist(f.name)] for f in fields}
    shown = {}
    for f in fields:
        value = value_at(record, f.path)
        if f.widget == "checkbox":
            shown[f.name] = ["on"] if value else []
        elif f.widget == "json":
            shown[f.name] = [] if value is None else [json.dumps(value, ensure_ascii=False)]
        elif f.widget == "hours":
            shown[f.name] = [hours.format_hours(value)] if value else []
        elif f.type == "list" and f.widget == "text":
            shown[f.name] = ["; ".join(value or [])]
        else:
            shown[f.name] = _as_text(value)
    return shown


def _choices(
    db: sqlite_utils.Database,
    f: FormField,
    region: str,
    labels: Labels,
    locations: list[editing.Stored],
    current: list[str],
) -> list[tuple[str, str]]:
    vocabulary = f.vocabulary
    pairs: list[tuple[str, str]] = []
    if vocabulary == "rung":
        pairs = [(str(r), f"{r} · {labels.rung(r)}") for r in vocab.RUNGS]
    elif vocabulary == "category":
        pairs = [(c, labels.category(c)) for c in vocab.CATEGORIES]
    elif vocabulary == "organisation_kind":
        pairs = [(c, labels.organisation_kind(c)) for c in vocab.ORGANISATION_KINDS]
    elif vocabulary == "residence_status":
        pairs = [(c, labels.residence_status(c)) for c in vocab.RESIDENCE_STATUSES]
    elif vocabulary == "work_ban":
        pairs = [(c, labels.work_ban(c)) for c in vocab.WORK_BANS]
    elif vocabulary == "gender":
        pairs = [(c, labels.gender(c)) for c in vocab.GENDERS]
    elif vocabulary == "referral_kind":
        pairs = [(c, labels.referral_kind(c)) for c in vocab.REFERRAL_KINDS]
    elif vocabulary == "target_group":
        groups = search.filter_options(db, region)["target_groups"]
        pairs = [(g, labels.target_group(g)) for g in groups]
    elif vocabulary == "neighbourhood":
        pairs = [
            (n["id"], n["name"]) for n in search.list_neighbourhoods(db, region, geometry=False)
        ]
    elif vocabulary == "organisation":
        pairs = [
            (n["id"], n["name"])
            for n in editing.region_nodes(db, region)
            if n["kind"] == "organisation"
        ]
    elif vocabulary == "location":
        pairs = [(s.id, _place(s.record)) for s in locations]
    elif vocabulary == "language":
        used = search.filter_options(db, region)["languages"]
        codes = dict.fromkeys([*COMMON_LANGUAGES, *used])
        pairs = sorted(
            ((c, language_name(c, labels.lang) or c) for c in codes), key=lambda p: p[1].lower()
        )
    elif vocabulary == "enum":
        pairs = [(str(v), str(v)) for v in enum_values(f)]
    known = {value for value, _label in pairs}
    # a stored value the lists do not know (yet) stays choosable, so saving keeps it
    return pairs + [(v, v) for v in current if v and v not in known]


def _place(location: Mapping[str, Any]) -> str:
    parts = [location.get("name"), location.get("address"), location.get("city")]
    text = ", ".join(str(p) for p in parts if p)
    return text or _("Location %(id)s", id=location.get("id"))


def build_form(
    db: sqlite_utils.Database,
    kind: str,
    region: str,
    labels: Labels,
    *,
    record: Mapping[str, Any] | None = None,
    typed: Any = None,
    version: int | None = None,
    locations: list[editing.Stored] | None = None,
) -> Form:
    """The form of a ``kind`` record: showing ``record`` — or what was ``typed``."""
    fields = list(form_fields(kind))
    values = shown_values(fields, record or {}, typed)
    choices = {
        f.name: _choices(db, f, region, labels, locations or [], values.get(f.name, []))
        for f in fields
        if f.widget in ("select", "checks")
    }
    return Form(kind=kind, fields=fields, values=values, choices=choices, version=version)
