"""Map HSDS services onto socialmap offers.

The ladder, category, target groups and eligibility come from ``socialmap``
attributes; for services of other tools what HSDS has is used (ages,
languages, cost options, service areas with a GeoJSON extent, interpreter
text, status) and the rest is counted for the import summary.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from typing import Any

from ..dataset.reader import Document, parse_json
from ..errors import DatasetError, shown
from .source import Source
from .tables import compact

__all__ = ["OfferMapper"]


_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_CLOSED = {"inactive", "defunct", "temporarily closed"}
_LISTS = {
    "gender": "genders",
    "residence-status": "residence_statuses",
    "excludes-work-ban": "excludes_work_ban",
}

_NOTES = {
    "no_rung": "{n} services have no ladder rung: they appear on the map but not in referral "
    "paths (no ladder rung known — add it to use them in paths)",
    "no_category": "{n} services have no socialmap category: imported without one",
    "eligibility_text": "{n} services describe their eligibility only in words "
    "(eligibility_description): socialmap treats them as open to everyone within their age "
    "limits",
    "closed": "{n} services are inactive, defunct or temporarily closed: imported with an end "
    "date in the past, so referral paths skip them",
    "no_currency": "{n} cost options name no currency: they are in the region's currency "
    "(import with --currency CODE to set it; without one routing cannot use them)",
    "no_amount": "{n} cost options have no amount: kept with the service, not used by routing",
    "language_code": "{n} languages have no ISO 639 code: not mapped",
    "area": "{n} service areas have no usable GeoJSON extent: their services are treated as "
    "open to residents everywhere",
    "area_mapped": "{n} service areas with a GeoJSON extent became neighbourhoods (the "
    "services are for their residents only)",
}


class OfferMapper:
    """Turns every ``service`` row into an offer; counts what it could not map."""

    def __init__(self, source: Source, doc: Document, neighbourhoods: set[str]):
        self.source = source
        self.doc = doc
        self.counts: Counter[str] = Counter()
        self.neighbourhood_ids = set(neighbourhoods)
        self.new_neighbourhoods: list[dict[str, Any]] = []
        #: Where each new neighbourhood's service area was read, for validation's messages.
        self.new_origins: list[str] = []
        self._areas: dict[str, str] = {}  # extent -> neighbourhood id
        self.today = dt.date.today()

    def map_all(self) -> list[dict[str, Any]]:
        """Check the service-at-location joins, then map every service."""
        self._check_joins()
        offers: list[dict[str, Any]] = []
        for row in self.source.rows("service"):
            self.doc.origins[("offers", len(offers))] = self.source.tables.origins[
                ("service", row["id"])
            ]
            offers.append(self.offer(row))
        return offers

    def notes(self) -> list[str]:
        """One summary line per kind of thing that could not be mapped."""
        return [text.format(n=self.counts[key]) for key, text in _NOTES.items() if self.counts[key]]

    def _check_joins(self) -> None:
        rows = self.source.tables.rows
        for sal in self.source.rows("service_at_location"):
            where = self.source.tables.where("service_at_location", sal["id"])
            if sal["service_id"] not in rows["service"]:
                service = shown(sal["service_id"])
                raise DatasetError(f"{where}.service_id: unknown service {service}")
            if sal["location_id"] not in rows["location"]:
                location = shown(sal["location_id"])
                raise DatasetError(f"{where}.location_id: unknown location {location}")

    def offer(self, row: dict[str, Any]) -> dict[str, Any]:
        """Map one service row to a ``socialmap-dataset/1`` offer."""
        sid = row["id"]
        where = self.source.tables.where("service", sid)
        org = row["organization_id"]
        if org not in self.source.tables.rows["organization"]:
            raise DatasetError(f"{where}.organization_id: unknown organization {shown(org)}")
        own = self.source.is_socialmap(sid)
        codes = self.source.codes(sid)
        locations, online = self._locations(sid)
        mapped = compact(
            {
                "id": self.source.sid("service", sid),
                "organisation": self.source.sid("organization", org),
                "locations": locations,
                "online": self._flag(sid, "field:online", True if online else None),
                "name": row["name"],
                "description": row.get("description"),
                "purpose": self.source.value(sid, "field:purpose"),
                "category": self._category(codes),
                "ladder": self._ladder(codes),
                "target_groups": [
                    c.split(":", 1)[1] for c in codes if c.startswith("target-group:")
                ],
                "eligibility": self._eligibility(row, codes, own, where),
                "languages": self._languages(sid),
                "interpreter": self._flag(
                    sid, "field:interpreter", True if row.get("interpretation_services") else None
                ),
                **self._cost(row),
                "childcare": self._flag(sid, "field:childcare", None),
                "capacity": self._number(sid, "field:capacity", int, where),
                "wait_weeks": self._number(sid, "field:wait-weeks", float, where),
                **self._validity(row, own, where),
                "funding": "; ".join(
                    f["source"]
                    for f in self.source.children("funding", "service_id", sid)
                    if f.get("source")
                ),
                "contact": self._contact(row),
                "last_verified": self.source.date(
                    row.get("assured_date") or row.get("last_modified"), f"{where}.assured_date"
                ),
                "opening_hours": self.source.opening_hours("service_id", sid),
            }
        )
        return self.source.kept("service", sid, mapped)

    # --- fields -----------------------------------------------------------------------------

    def _flag(self, sid: str, code: str, default: bool | None) -> bool | None:
        value = self.source.flag(sid, code)
        return default if value is None else value

    def _number(self, sid: str, code: str, kind: type, where: str) -> Any:
        value = self.source.value(sid, code)
        if value is None:
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number):
            raise DatasetError(f"{where}.attributes[{code}]: {shown(value)} is not a number")
        return int(number) if kind is int else number

    def _locations(self, sid: str) -> tuple[list[str], bool]:
        locations: list[str] = []
        online = False
        for sal in self.source.children("service_at_location", "service_id", sid):
            location = self.source.tables.rows["location"][sal["location_id"]]
            if location.get("location_type") == "virtual":
                online = True
                continue
            lid = self.source.sid("location", location["id"])
            if lid not in locations:
                locations.append(lid)
        return locations, online

    def _category(self, codes: list[str]) -> str | None:
        found = [c.split(":", 1)[1] for c in codes if c.startswith("category:")]
        if found:
            return found[0]
        self.counts["no_category"] += 1
        return None  # not known: no fallback category

    def _ladder(self, codes: list[str]) -> dict[str, Any] | None:
        accepts = sorted(
            {int(c.split(":", 1)[1]) for c in codes if c.startswith("ladder-accepts:")}
        )
        leads = [int(c.split(":", 1)[1]) for c in codes if c.startswith("ladder-leads-to:")]
        if not accepts or not leads:
            self.counts["no_rung"] += 1
            return None  # not known: routing says "no ladder rung known"
        return {"accepts": accepts, "leads_to": leads[0]}

    def _eligibility(
        self, row: dict[str, Any], codes: list[str], own: bool, where: str
    ) -> dict[str, Any]:
        sid = row["id"]
        lists: dict[str, list[str]] = {key: [] for key in _LISTS.values()}
        neighbourhoods: list[str] = []
        for code in codes:
            group, _, value = code.partition(":")
            if group in _LISTS:
                lists[_LISTS[group]].append(value)
            elif group == "neighbourhood":
                neighbourhoods.append(value)
        if not own:
            neighbourhoods += self._service_areas(sid)
            if row.get("eligibility_description"):
                self.counts["eligibility_text"] += 1
        return compact(
            {
                "age_min": _age(row.get("minimum_age")),
                "age_max": _age(row.get("maximum_age")),
                **lists,
                "neighbourhoods": neighbourhoods,
                "requires_referral_by": self._referrers(sid, where),
            }
        )

    def _referrers(self, sid: str, where: str) -> list[str]:
        result = []
        for value in self.source.values(sid, "field:requires-referral-by"):
            if value not in self.source.tables.rows["organization"]:
                raise DatasetError(
                    f"{where}.attributes[field:requires-referral-by]: unknown "
                    f"organization {shown(value)}"
                )
            result.append(self.source.sid("organization", value))
        return result

    def _service_areas(self, sid: str) -> list[str]:
        result = []
        for area in self.source.children("service_area", "service_id", sid):
            geometry = _geometry(area) if area.get("extent_type") == "geojson" else None
            if geometry is None:
                self.counts["area"] += 1
                continue
            key = area["extent"]
            if key not in self._areas:
                nid = self.source.sid("service_area", area["id"])
                self._areas[key] = nid
                self.counts["area_mapped"] += 1
                self.new_neighbourhoods.append(
                    {"id": nid, "name": area.get("name") or nid, "geometry": geometry}
                )
                self.new_origins.append(self.source.tables.origins[("service_area", area["id"])])
            result.append(self._areas[key])
        return result

    def _languages(self, sid: str) -> list[str]:
        codes: list[str] = []
        for language in self.source.children("language", "service_id", sid):
            code = (language.get("code") or "").strip().lower()
            if not _LANGUAGE.match(code):
                self.counts["language_code"] += 1
            elif code not in codes:
                codes.append(code)
        return codes

    def _cost(self, row: dict[str, Any]) -> dict[str, Any]:
        """Every cost option with an amount, with its currency, conditions, unit and validity."""
        options = []
        for option in self.source.children("cost_option", "service_id", row["id"]):
            if option.get("amount") is None:
                self.counts["no_amount"] += 1
                continue
            currency = str(option.get("currency") or "").strip().upper()
            if not currency:
                self.counts["no_currency"] += 1
            mapped = {
                "amount": option["amount"],
                "currency": currency if _CURRENCY.match(currency) else None,
                "conditions": option.get("option"),
                "unit": option.get("amount_description"),
                "valid_from": self.source.date(option.get("valid_from"), "cost_option.valid_from"),
                "valid_to": self.source.date(option.get("valid_to"), "cost_option.valid_to"),
            }
            options.append(compact(mapped))
        simple = {"amount", "currency"} | (
            {"unit"}
            if options[:1] and options[0].get("unit") == row.get("fees_description")
            else set()
        )
        if (
            self.source.is_socialmap(row["id"])
            and len(options) == 1
            and options[0].get("currency") == "EUR"
            and set(options[0]) <= simple
        ):
            # socialmap wrote its cost_eur as this one option: read it back as cost_eur
            return {
                "cost_eur": options[0]["amount"],
                "cost_description": row.get("fees_description"),
            }
        return {"cost_options": options, "cost_description": row.get("fees_description")}

    def _validity(self, row: dict[str, Any], own: bool, where: str) -> dict[str, Any]:
        sid = row["id"]
        start = self.source.date(self.source.value(sid, "field:valid-from"), where)
        end = self.source.date(self.source.value(sid, "field:valid-until"), where)
        if not own and (row.get("status") or "").lower() in _CLOSED:
            self.counts["closed"] += 1
            yesterday = (self.today - dt.timedelta(days=1)).isoformat()
            changed = self.source.date(row.get("last_modified"), f"{where}.last_modified")
            end = min(filter(None, [end, changed, yesterday]))
            if start and start > end:
                start = None
        return {"valid_from": start, "valid_until": end}

    def _contact(self, row: dict[str, Any]) -> dict[str, Any]:
        sid = row["id"]
        contacts = self.source.children("contact", "service_id", sid)
        contact = contacts[0] if contacts else {}
        phones = self.source.children("phone", "contact_id", contact["id"]) if contact else []
        if not phones:
            phones = [
                p
                for p in self.source.children("phone", "service_id", sid)
                if not p.get("contact_id")
            ]
        return compact(
            {
                "name": contact.get("name"),
                "email": contact.get("email") or row.get("email"),
                "phone": phones[0].get("number") if phones else None,
            }
        )


def _age(value: Any) -> int | None:
    return None if value is None else int(value)


def _geometry(area: dict[str, Any]) -> dict[str, Any] | None:
    try:
        value = parse_json(area.get("extent") or "")
    except (TypeError, ValueError):  # not JSON text: counted as an area socialmap cannot map
        return None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if isinstance(value, dict) and value.get("type") in {"Polygon", "MultiPolygon"}:
        return {"type": value["type"], "coordinates": value.get("coordinates")}
    return None
