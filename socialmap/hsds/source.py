"""Look-ups over HSDS tables for the importer: socialmap attributes, terms and ids.

:class:`Source` answers the questions the mapping asks of every record —
which ``socialmap`` terms are attached to it, the value of a field attribute,
its socialmap id — and keeps what it could not decode (attributes of other
taxonomies, fields socialmap has no place for) for the import summary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from ..errors import shown
from .ids import slug
from .keep import kept_record, source_of
from .schedules import period_of, unmapped_keys
from .tables import Tables
from .taxonomy import FIXED_CODES, TAXONOMY_ID, TAXONOMY_NAME, record_value, term_id

__all__ = ["Source", "SOCIALMAP_DERIVED"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")

#: Fields of each table the importer reads; any other non-empty field is reported.
_MAPPED: dict[str, set[str]] = {
    "organization": {"id", "name", "description", "website", "email"},
    "service": {
        "id",
        "organization_id",
        "program_id",
        "name",
        "description",
        "status",
        "minimum_age",
        "maximum_age",
        "fees_description",
        "assured_date",
        "last_modified",
        "interpretation_services",
        "email",
        "eligibility_description",
    },
    "location": {"id", "location_type", "organization_id", "name", "latitude", "longitude"},
}
#: Fields socialmap writes for other tools and ignores when it reads its own records back.
SOCIALMAP_DERIVED = {"application_process", "wait_time", "url"}


class Source:
    """HSDS tables plus the decoded ``socialmap`` attributes of every record."""

    def __init__(self, tables: Tables):
        self.tables = tables
        self.warnings: list[str] = []
        self._codes: dict[str, str] = dict(FIXED_CODES)
        for row in tables.rows["taxonomy_term"].values():
            if self._is_socialmap_term(row):
                self._codes[row["id"]] = row["code"]
        self._attrs: dict[str, list[tuple[str, str | None, dict[str, Any]]]] = {}
        self._foreign: list[str] = []
        for attr in tables.rows["attribute"].values():
            code = self._codes.get(attr.get("taxonomy_term_id", ""))
            if code is None:
                self._foreign.append(self._term_name(attr.get("taxonomy_term_id")))
            else:
                self._attrs.setdefault(attr["link_id"], []).append((code, attr.get("value"), attr))
        self._sids: dict[tuple[str, str], str] = {}
        #: (table, id) of every row kept verbatim with a record of another tool
        self.seen: set[tuple[str, str]] = set()
        #: schedule ids that became opening periods, and the schedule fields they left out
        self.mapped_schedules: set[str] = set()
        self.schedule_fields: Counter[str] = Counter()

    @staticmethod
    def _is_socialmap_term(row: dict[str, Any]) -> bool:
        code = row.get("code")
        return (
            isinstance(code, str)
            and bool(code)
            and (
                row.get("taxonomy_id") == TAXONOMY_ID
                or row.get("taxonomy") == TAXONOMY_NAME
                or row["id"] == term_id(code)
            )
        )

    def is_socialmap_row(self, table: str, row: dict[str, Any]) -> bool:
        """True for a term or the taxonomy of socialmap's own taxonomy."""
        if table == "taxonomy":
            return row["id"] == TAXONOMY_ID or row.get("name") == TAXONOMY_NAME
        return self._is_socialmap_term(row)

    def term_name(self, tid: str | None) -> str:
        """The name of the taxonomy of term ``tid`` (for the summary)."""
        return self._term_name(tid)

    def _term_name(self, tid: str | None) -> str:
        term = self.tables.rows["taxonomy_term"].get(tid or "")
        if term is None:
            return "unknown term"
        taxonomy = self.tables.rows["taxonomy"].get(term.get("taxonomy_id", ""), {})
        return str(taxonomy.get("name") or term.get("taxonomy") or term.get("name"))

    # --- records ----------------------------------------------------------------------------

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of ``table``, in input order."""
        return list(self.tables.rows[table].values())

    def children(self, table: str, key: str, parent: str) -> list[dict[str, Any]]:
        """Rows of ``table`` whose ``key`` column is ``parent``."""
        return self.tables.children(table, key, parent)

    def is_socialmap(self, hsds_id: str) -> bool:
        """True when the record was written by socialmap (it has a ``socialmap-id``)."""
        return self.value(hsds_id, "field:socialmap-id") is not None

    def sid(self, table: str, hsds_id: str) -> str:
        """The socialmap id of a record: its ``socialmap-id`` attribute, else its HSDS id."""
        key = (table, hsds_id)
        if key not in self._sids:
            value = self.value(hsds_id, "field:socialmap-id")
            if not value:
                value = hsds_id if _ID.match(hsds_id) else slug(hsds_id)
            self._sids[key] = value
        return self._sids[key]

    def opening_hours(self, key: str, owner: str) -> list[dict[str, Any]]:
        """The opening periods of the schedules whose ``key`` (``service_id``, ``location_id``)
        is ``owner``; schedules that are not plain weekly ones are left for the summary."""
        periods = []
        for row in self.children("schedule", key, owner):
            if key == "location_id" and (
                row.get("service_id") or row.get("service_at_location_id")
            ):
                continue  # a service's hours at that location: the service's
            period = period_of(row)
            if period is None:
                continue
            periods.append(period)
            self.mapped_schedules.add(row["id"])
            self.schedule_fields.update(unmapped_keys(row, period))
        return periods

    def kept(self, table: str, hsds_id: str, mapped: dict[str, Any]) -> dict[str, Any]:
        """``mapped`` with its ``source`` (the record as it came, see :mod:`.keep`) when the
        record is another tool's; a socialmap record restores from its attributes alone."""
        if self.is_socialmap(hsds_id):
            return mapped
        kept = kept_record(self.tables, table, hsds_id, self._is_ours, self.seen)
        return {**mapped, "source": source_of(kept, mapped)}

    def _is_ours(self, attribute: dict[str, Any]) -> bool:
        return self.code_of(attribute.get("taxonomy_term_id")) is not None

    # --- attributes -------------------------------------------------------------------------

    def codes(self, hsds_id: str) -> list[str]:
        """Codes of the socialmap terms attached to a record, in input order."""
        return [code for code, _, _ in self._attrs.get(hsds_id, [])]

    def values(self, hsds_id: str, code: str) -> list[str]:
        """Values of the attributes with term ``code`` attached to a record."""
        return [v for c, v, _ in self._attrs.get(hsds_id, []) if c == code and v is not None]

    def value(self, hsds_id: str, code: str) -> str | None:
        """The first value of ``code`` attached to a record, or None."""
        values = self.values(hsds_id, code)
        return values[0] if values else None

    def flag(self, hsds_id: str, code: str) -> bool | None:
        """A ``'true'``/``'false'`` attribute as a bool (None when absent)."""
        value = self.value(hsds_id, code)
        return None if value is None else value.strip().lower() in {"true", "1", "yes"}

    def date(self, value: Any, where: str = "") -> str | None:
        """A ``YYYY-MM-DD`` date from a date or date-time text (None, with a warning, if not)."""
        if not value:
            return None
        text = str(value)[:10]
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            self.warnings.append(f"{where}: {shown(value)} is not a date; ignored")
            return None
        return text

    def referral_attributes(self) -> list[tuple[dict[str, Any], str, Any]]:
        """``(attribute, kind, decoded value)`` of every referral-link attribute."""
        found = []
        for attrs in self._attrs.values():
            for code, value, attr in attrs:
                if code.startswith("referral-kind:"):
                    found.append((attr, code.split(":", 1)[1], record_value(value)))
        return found

    # --- terms ------------------------------------------------------------------------------

    def code_of(self, tid: str | None) -> str | None:
        """The code of a socialmap term id, or None."""
        return self._codes.get(tid or "")

    def terms_of_group(self, group: str) -> list[tuple[str, dict[str, Any]]]:
        """``(code, term row)`` of every socialmap term ``<group>:<value>`` in the input."""
        return [
            (row["code"], row)
            for row in self.tables.rows["taxonomy_term"].values()
            if self._is_socialmap_term(row) and row["code"].startswith(f"{group}:")
        ]

    def term_record(self, code: str) -> dict[str, Any] | None:
        """The socialmap record carried by a region term (``field:record``), or None."""
        record = record_value(self.value(term_id(code), "field:record"))
        return record if isinstance(record, dict) and record.get("id") else None

    def has_record(self, code: str) -> bool:
        """True when the region term ``code`` carries its record."""
        return self.term_record(code) is not None

    def term_records(self, group: str) -> list[dict[str, Any]]:
        """The records of every ``<group>:…`` term that carries one."""
        records = (self.term_record(code) for code, _ in self.terms_of_group(group))
        return [r for r in records if r is not None]

    def region_records(self) -> list[dict[str, Any]]:
        """The region(s) named by ``region:…`` terms: the full record, or id and name."""
        regions = []
        for code, term in self.terms_of_group("region"):
            record = self.term_record(code)
            regions.append(record or {"id": code.split(":", 1)[1], "name": term["name"]})
        return regions

    # --- the summary ------------------------------------------------------------------------

    def foreign_taxonomy_names(self) -> list[str]:
        """The taxonomy name of every attribute whose term is not a socialmap term."""
        return list(self._foreign)

    def unmapped_fields(self) -> dict[tuple[str, bool], Counter[str]]:
        """``{("services", kept): Counter({field: records})}`` of non-empty fields socialmap
        has no field for; ``kept``: they travel verbatim with the record (another tool's)."""
        result: dict[tuple[str, bool], Counter[str]] = {}
        for table, mapped in _MAPPED.items():
            for row in self.tables.rows[table].values():
                if row.get("location_type") == "virtual" and (table, row["id"]) not in self.seen:
                    continue  # mapped as a whole: its services are online
                ignore = mapped | (SOCIALMAP_DERIVED if self.is_socialmap(row["id"]) else set())
                key = (f"{table.replace('_', ' ')}s", (table, row["id"]) in self.seen)
                counter = result.setdefault(key, Counter())
                counter.update(k for k, v in row.items() if k not in ignore and v != "")
        return {key: counter for key, counter in result.items() if counter}
