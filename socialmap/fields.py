"""The one table of list-valued fields: which fields of an offer are lists, and where they live.

The store's link tables, the graph's offer attributes, the search's lists and
the dataset conversion (both ways) are all derived from :data:`OFFER_LISTS`;
add a list field here and nowhere else.  Plain data: it imports nothing of
socialmap.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ListField",
    "OFFER_LISTS",
    "LINK_TABLES",
    "CONTACT_PARTS",
    "REFERRAL_LINK_DETAILS",
    "REFERRAL_LINK_CONTACTS",
]


@dataclass(frozen=True)
class ListField:
    """One list field of an offer and the link table that stores it."""

    #: where the list sits in a ``socialmap-dataset/1`` offer (dots: nested objects)
    path: str
    #: the link table (``offer``, value) and its value column
    table: str
    column: str
    #: the table(column) the values refer to, if any (ON DELETE CASCADE)
    references: str | None = None
    #: the SQL type of the value column
    sql_type: str = "TEXT"

    @property
    def key(self) -> str:
        """The name of the list on a graph node or a search result: the path's last part.

        >>> ListField("ladder.accepts", "offer_accepts", "rung").key
        'accepts'
        """
        return self.path.rsplit(".", 1)[-1]


OFFER_LISTS: tuple[ListField, ...] = (
    ListField("locations", "offer_locations", "location", "locations(id)"),
    ListField("ladder.accepts", "offer_accepts", "rung", "rungs(id)", "INTEGER"),
    ListField("target_groups", "offer_target_groups", "target_group", "target_groups(id)"),
    ListField("languages", "offer_languages", "language"),
    ListField("eligibility.genders", "offer_genders", "gender"),
    ListField("eligibility.residence_statuses", "offer_residence_statuses", "residence_status"),
    ListField("eligibility.excludes_work_ban", "offer_work_ban_exclusions", "work_ban"),
    ListField(
        "eligibility.neighbourhoods", "offer_neighbourhoods", "neighbourhood", "neighbourhoods(id)"
    ),
    ListField(
        "eligibility.requires_referral_by",
        "offer_referrers",
        "organisation",
        "organisations(id)",
    ),
)

#: The same fields by link table name.
LINK_TABLES: dict[str, ListField] = {f.table: f for f in OFFER_LISTS}

#: The parts of a contact person — an offer's ``contact``, a referral link's ``from_contact``
#: and ``to_contact`` — each stored as a ``<field>_<part>`` column.
CONTACT_PARTS: tuple[str, ...] = ("name", "email", "phone")

#: A referral link's optional details beside ``from``, ``to`` and ``kind``: the dataset
#: record, the store, the HSDS attribute value and the editing forms carry these.
REFERRAL_LINK_DETAILS: tuple[str, ...] = (
    "since",
    "last_confirmed",
    "note",
    "from_contact",
    "to_contact",
)

#: The contact persons of a referral link: of its ``from`` side and of its ``to`` side.
REFERRAL_LINK_CONTACTS: tuple[str, ...] = ("from_contact", "to_contact")
