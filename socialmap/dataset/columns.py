"""The CSV form of ``socialmap-dataset/1``: one file per table, one column per field.

The column table below is the single definition used by the CSV reader, the CSV
writer and the blank templates in ``templates/``.  List fields are separated by
``;`` inside a cell (the form a coordinator fills in a spreadsheet).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fields import CONTACT_PARTS, REFERRAL_LINK_CONTACTS

__all__ = ["Column", "CSV_TABLES", "csv_filename"]


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, the dotted path in a JSON record, and its type."""

    name: str
    path: str
    type: str = "str"  # str | int | float | bool | list | intlist | json | hours
    #: may be missing from a file (columns added after the format's first release)
    optional: bool = False

    @property
    def is_text(self) -> bool:
        """True for text cells, which are kept safe from spreadsheet formulas (not numbers).

        >>> Column("name", "name").is_text, Column("lon", "lon", "float").is_text
        (True, False)
        """
        return self.type in {"str", "list", "json", "hours"}


def _c(name: str, path: str | None = None, type: str = "str", optional: bool = False) -> Column:
    return Column(name, path or name, type, optional)


#: Table name (as in the JSON document) -> its columns, in template order.
CSV_TABLES: dict[str, tuple[Column, ...]] = {
    "region": (
        _c("id"),
        _c("name"),
        _c("country"),
        _c("languages", type="list"),
        _c("currency", optional=True),
    ),
    "neighbourhoods": (
        _c("id"),
        _c("name"),
        _c("population", type="int"),
        _c("aliases", type="list", optional=True),
        _c("postcodes", type="list"),
        _c("tags", type="list"),
        _c("geometry", type="json"),
    ),
    "target_groups": (
        _c("id"),
        _c("parent"),
        _c("label_de", "labels.de"),
        _c("label_nl", "labels.nl"),
        _c("label_en", "labels.en"),
    ),
    "organisations": (
        _c("id"),
        _c("name"),
        _c("kind"),
        _c("description"),
        _c("website"),
        _c("email"),
        _c("phone"),
        _c("last_verified"),
        _c("source", type="json", optional=True),
    ),
    "locations": (
        _c("id"),
        _c("organisation"),
        _c("name"),
        _c("address"),
        _c("postcode"),
        _c("city"),
        _c("lat", type="float"),
        _c("lon", type="float"),
        _c("approximate", type="bool"),
        _c("wheelchair", type="bool"),
        _c("neighbourhood"),
        _c("opening_hours", type="hours", optional=True),
        _c("source", type="json", optional=True),
    ),
    "offers": (
        _c("id"),
        _c("organisation"),
        _c("locations", type="list"),
        _c("online", type="bool"),
        _c("name"),
        _c("description"),
        _c("purpose"),
        _c("category"),
        _c("accepts", "ladder.accepts", "intlist"),
        _c("leads_to", "ladder.leads_to", "int"),
        _c("target_groups", type="list"),
        _c("age_min", "eligibility.age_min", "int"),
        _c("age_max", "eligibility.age_max", "int"),
        _c("genders", "eligibility.genders", "list"),
        _c("residence_statuses", "eligibility.residence_statuses", "list"),
        _c("excludes_work_ban", "eligibility.excludes_work_ban", "list"),
        _c("neighbourhoods", "eligibility.neighbourhoods", "list"),
        _c("requires_referral_by", "eligibility.requires_referral_by", "list"),
        _c("languages", type="list"),
        _c("interpreter", type="bool"),
        _c("cost_eur", type="float"),
        _c("cost_description"),
        _c("childcare", type="bool"),
        _c("capacity", type="int"),
        _c("wait_weeks", type="float"),
        _c("valid_from"),
        _c("valid_until"),
        _c("funding"),
        _c("contact_name", "contact.name"),
        _c("contact_email", "contact.email"),
        _c("contact_phone", "contact.phone"),
        _c("last_verified"),
        _c("opening_hours", type="hours", optional=True),
        _c("cost_options", type="json", optional=True),
        _c("source", type="json", optional=True),
    ),
    "referral_links": (
        _c("from"),
        _c("to"),
        _c("kind"),
        _c("since"),
        _c("last_confirmed"),
        _c("note"),
        *(
            _c(f"{side}_{part}", f"{side}.{part}")
            for side in REFERRAL_LINK_CONTACTS
            for part in CONTACT_PARTS
        ),
    ),
}


def csv_filename(table: str) -> str:
    """Return the file name of a table in a CSV folder.

    >>> csv_filename("offers")
    'offers.csv'
    """
    return f"{table}.csv"
