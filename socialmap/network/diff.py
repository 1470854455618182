"""A change as a person reads it: field by field, before → after.

The history stores whole records (dataset JSON); a coordinator wants to see
what moved.  Nested fields are named by their path (``ladder.accepts``), lists
are shown as comma-separated values; ``version`` is bookkeeping and left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["FieldChange", "field_changes"]


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its path and its value before and after (None: not set)."""

    field: str
    before: str | None
    after: str | None


def _flat(record: dict[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in (record or {}).items():
        path = f"{prefix}{key}"
        if path == "version":
            continue
        if isinstance(value, dict) and value:
            flat.update(_flat(value, path + "."))
        else:
            flat[path] = value
    return flat


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(v if isinstance(v, str) else json.dumps(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields that differ between two versions of a record, in the order of the record.

    >>> field_changes({"name": "Taal", "ladder": {"accepts": [2], "leads_to": 3}, "version": 1},
    ...               {"name": "Taal", "ladder": {"accepts": [2, 3], "leads_to": 3}, "version": 2})
    [FieldChange(field='ladder.accepts', before='2', after='2, 3')]
    >>> field_changes(None, {"id": "x"})
    [FieldChange(field='id', before=None, after='x')]
    """
    old, new = _flat(before), _flat(after)
    fields = list(old) + [k for k in new if k not in old]
    return [
        FieldChange(f, _text(old.get(f)), _text(new.get(f)))
        for f in fields
        if old.get(f) != new.get(f)
    ]
