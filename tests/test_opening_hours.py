"""Opening hours of offers and locations: "open now?", the dataset (JSON and CSV) and HSDS.

The structure is documented in :mod:`socialmap.hours`; HSDS ``schedule`` records carry it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from builders import tiny_dataset
from test_hsds_support import errors, stored

from socialmap.dataset.reader import Document, read_csv_folder
from socialmap.dataset.writer import write_csv_folder
from socialmap.errors import DatasetError, EditError
from socialmap.hours import format_hours, hours_problem, is_open, offer_open, parse_hours
from socialmap.hsds import to_document, to_hsds
from socialmap.hsds.read import HsdsInput, classify
from socialmap.hsds.tables import Tables
from socialmap.importer import import_document

WEEKDAYS = [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "12:30"}]
WITH_NOTE = [
    *WEEKDAYS,
    {
        "days": ["we"],
        "opens": "14:00",
        "closes": "18:00",
        "valid_from": "2026-01-01",
        "valid_to": "2026-06-30",
        "note": "Sprechstunde",
    },
]
NIGHT = [{"days": ["fr", "sa"], "opens": "22:00", "closes": "02:00"}]
# 2026-12-07 is a Monday.
MON = dt.date(2026, 12, 7)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """The datetime ``day`` days after Monday 2026-12-07, at hour:minute."""
    return dt.datetime.combine(MON + dt.timedelta(days=day), dt.time(hour, minute))


@pytest.mark.parametrize(
    "hours, when, expected",
    [
        (WEEKDAYS, at(0, 9, 0), True),  # opens at 09:00 sharp
        (WEEKDAYS, at(0, 8, 59), False),
        (WEEKDAYS, at(4, 12, 29), True),
        (WEEKDAYS, at(4, 12, 30), False),  # closes at 12:30
        (WEEKDAYS, at(5, 10, 0), False),  # Saturday
        (NIGHT, at(4, 23, 0), True),  # Friday night
        (NIGHT, at(5, 1, 59), True),  # after midnight: still Friday's period
        (NIGHT, at(6, 1, 0), True),  # Sunday 01:00: Saturday's period
        (NIGHT, at(6, 2, 0), False),
        (NIGHT, at(0, 1, 0), False),  # Monday 01:00: Sunday has no period
        ([{"days": ["su"], "opens": "00:00", "closes": "24:00"}], at(6, 23, 59), True),
        # A period valid only in the first half of 2026 is over in December.
        (WITH_NOTE[1:], at(2, 15, 0), False),
        (WITH_NOTE[1:], dt.datetime(2026, 6, 3, 15, 0), True),
        ([], at(0, 10, 0), None),  # not known is not "closed"
        (None, at(0, 10, 0), None),
    ],
)
def test_is_open(hours, when, expected):
    assert is_open(hours, when) is expected


def test_an_offer_is_open_by_its_own_hours_else_by_its_locations():
    locations = {
        "a": {"opening_hours": [{"days": ["mo"], "opens": "09:00", "closes": "10:00"}]},
        "b": {"opening_hours": [{"days": ["mo"], "opens": "13:00", "closes": "17:00"}]},
        "c": {},
    }
    offer = {"locations": ["a", "b", "c"]}
    assert offer_open(offer, locations, at(0, 9, 30)) is True
    assert offer_open(offer, locations, at(0, 14, 0)) is True
    assert offer_open(offer, locations, at(0, 11, 0)) is False
    assert offer_open({"locations": ["c"]}, locations, at(0, 11, 0)) is None
    # Its own hours win over its locations' (stored as JSON text on a graph node).
    own = {**offer, "opening_hours": json.dumps(WEEKDAYS)}
    assert offer_open(own, locations, at(0, 14, 0)) is False


@pytest.mark.parametrize(
    "hours, message",
    [
        ([{"days": [], "opens": "09:00", "closes": "12:00"}], "[0].days: [] is not a non-empty"),
        ([{"days": ["mo"], "opens": "25:00", "closes": "12:00"}], "[0].opens: '25:00' is not"),
        ([{"days": ["mo"], "opens": "24:00", "closes": "12:00"}], "[0].opens: '24:00' is not"),
        ([{"days": ["mo"], "opens": "09:00"}], "[0].closes: None is not a time HH:MM"),
        (
            [*WEEKDAYS, {"days": ["mo"], "opens": "09:00", "closes": "10:00", "till": "x"}],
            "[1].till: unknown key",
        ),
        (
            [{**WITH_NOTE[1], "valid_to": "2025-01-01"}],
            "[0].valid_to: '2025-01-01' is before valid_from '2026-01-01'",
        ),
    ],
)
def test_bad_hours_are_named(hours, message):
    assert message in hours_problem(hours)


def test_the_cell_form_reads_back_what_it_writes():
    hours = [
        {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "12:30"},
        {"days": ["mo", "we", "sa"], "opens": "14:00", "closes": "18:00"},
        {"days": ["sa", "su"], "opens": "22:00", "closes": "02:00"},
    ]
    text = format_hours(hours)
    assert text == "mo-fr 09:00-12:30; mo,we,sa 14:00-18:00; sa,su 22:00-02:00"
    assert parse_hours(text) == hours
    assert parse_hours("Sa-Mo 10:00-11:00")[0]["days"] == ["sa", "su", "mo"]
    # Dates and notes do not fit the short form: the cell holds JSON.
    assert parse_hours(format_hours(WITH_NOTE)) == WITH_NOTE


def test_a_dataset_keeps_opening_hours_of_offers_and_locations(tiny):
    tiny["offers"][0]["opening_hours"] = WITH_NOTE
    tiny["locations"][0]["opening_hours"] = NIGHT
    _, exported = stored(tiny)
    offers = {o["id"]: o for o in exported["offers"]}
    locations = {loc["id"]: loc for loc in exported["locations"]}
    assert offers[tiny["offers"][0]["id"]]["opening_hours"] == WITH_NOTE
    assert locations["loc-west"]["opening_hours"] == NIGHT
    assert "opening_hours" not in offers[tiny["offers"][1]["id"]]  # not known: absent, not []


def test_the_csv_folder_keeps_opening_hours(tiny, tmp_path):
    tiny["offers"][0]["opening_hours"] = WITH_NOTE
    tiny["locations"][0]["opening_hours"] = WEEKDAYS
    write_csv_folder(tiny, tmp_path / "csv")
    assert "mo-fr 09:00-12:30" in (tmp_path / "csv" / "locations.csv").read_text()
    doc = read_csv_folder(tmp_path / "csv")
    assert doc.data["offers"][0]["opening_hours"] == WITH_NOTE
    assert doc.data["locations"][0]["opening_hours"] == WEEKDAYS


def test_a_csv_folder_without_the_opening_hours_column_still_imports(tiny, tmp_path):
    write_csv_folder(tiny, tmp_path / "csv")
    offers = tmp_path / "csv" / "offers.csv"
    lines = offers.read_text().splitlines()
    assert lines[0].endswith(",opening_hours,source")  # the optional columns come last
    offers.write_text("\n".join(line.rsplit(",", 2)[0] for line in lines) + "\n")
    doc = read_csv_folder(tmp_path / "csv")
    assert len(doc.data["offers"]) == len(tiny["offers"])


def test_a_bad_cell_names_file_line_and_column(tiny, tmp_path):
    tiny["locations"][0]["opening_hours"] = WEEKDAYS
    write_csv_folder(tiny, tmp_path / "csv")
    file = tmp_path / "csv" / "locations.csv"
    file.write_text(file.read_text().replace("mo-fr 09:00-12:30", "weekdays 9 to 5"))
    with pytest.raises(DatasetError) as caught:
        read_csv_folder(tmp_path / "csv")
    assert "locations.csv line 2.opening_hours: 'weekdays 9 to 5'" in str(caught.value)


def test_a_bad_period_in_json_is_refused_naming_the_record(tiny, fresh_db):
    tiny["offers"][1]["opening_hours"] = [{"days": ["mo"], "opens": "18:00", "closes": "09:00"}]
    tiny["offers"][2]["opening_hours"] = [{**WITH_NOTE[1], "valid_to": "2025-01-01"}]
    with pytest.raises(DatasetError) as caught:
        import_document(fresh_db, Document(data=tiny, source="t.json"))
    message = str(caught.value)
    assert "offers[2]" in message and ".opening_hours[0].valid_to" in message
    assert fresh_db["offers"].count == 0


def test_hsds_export_writes_weekly_schedules_that_validate(tiny):
    tiny["offers"][0]["opening_hours"] = WITH_NOTE
    tiny["locations"][0]["opening_hours"] = NIGHT
    _, exported = stored(tiny)
    records = to_hsds(exported)
    service = next(s for s in records.services if s["name"] == tiny["offers"][0]["name"])
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]] == [
        ("MO,TU,WE,TH,FR", "09:00", "12:30"),
        ("WE", "14:00", "18:00"),
    ]
    assert service["schedules"][1]["description"] == "Sprechstunde"
    assert service["schedules"][1]["valid_to"] == "2026-06-30"
    assert all(s["freq"] == "WEEKLY" for s in service["schedules"])
    assert errors("service.json", service) == []
    location = next(loc for loc in records.locations if loc.get("schedules"))
    assert location["schedules"][0]["byday"] == "FR,SA"
    assert errors("location.json", location) == []


def test_hsds_round_trip_gives_back_the_opening_hours(tiny):
    tiny["offers"][0]["opening_hours"] = WITH_NOTE
    tiny["locations"][0]["opening_hours"] = NIGHT
    _, exported = stored(tiny)
    records = to_hsds(exported)
    doc = to_document(hsds_input(records.services + records.locations, "services.json"))
    offer = next(o for o in doc.data["offers"] if o["id"] == tiny["offers"][0]["id"])
    assert offer["opening_hours"] == WITH_NOTE
    location = next(loc for loc in doc.data["locations"] if loc["id"] == "loc-west")
    assert location["opening_hours"] == NIGHT


def hsds_input(records: list[dict], name: str) -> HsdsInput:
    """HSDS records as the reader hands them to the mapping."""
    tables = Tables()
    for record in records:
        tables.add_nested(classify(record), record, name)
    return HsdsInput(tables, name, name.removesuffix(".json"))


def foreign_service(schedules: list[dict]) -> dict:
    return {
        "id": "5d7b8f55-2f4b-4c0b-9a7e-0a4f55a1a001",
        "name": "Advice drop-in",
        "status": "active",
        "organization": {"id": "5d7b8f55-2f4b-4c0b-9a7e-0a4f55a1a002", "name": "Advice Centre"},
        "schedules": schedules,
    }


def test_foreign_weekly_schedules_become_opening_hours_and_the_rest_is_named():
    weekly = {
        "id": "5d7b8f55-2f4b-4c0b-9a7e-0a4f55a1a003",
        "freq": "WEEKLY",
        "byday": "MO,WE",
        "opens_at": "10:00:00",
        "closes_at": "16:00:00",
        "notes": "closed on bank holidays",
    }
    monthly = {
        "id": "5d7b8f55-2f4b-4c0b-9a7e-0a4f55a1a004",
        "freq": "MONTHLY",
        "byday": "1TU",
        "opens_at": "18:00",
        "closes_at": "20:00",
    }
    service = foreign_service([weekly, monthly])
    service["organization_id"] = service["organization"]["id"]
    doc = to_document(hsds_input([service], "service.json"))
    (offer,) = doc.data["offers"]
    assert offer["opening_hours"] == [{"days": ["mo", "we"], "opens": "10:00", "closes": "16:00"}]
    notes = "\n".join(doc.notes)
    assert "1 of 2 schedules are not plain weekly opening hours" in notes
    assert "schedule fields not mapped to opening_hours:" in notes and "notes (1)" in notes


def test_tables_know_the_schedule_table():
    # The tabular form carries schedules with their owner's key (guards the nested mapping).
    tables = Tables()
    service = foreign_service(
        [
            {
                "id": "5d7b8f55-2f4b-4c0b-9a7e-0a4f55a1a005",
                "byday": "FR",
                "opens_at": "09:00",
                "closes_at": "11:00",
            }
        ]
    )
    tables.add_nested("service", service, "service.json")
    (schedule,) = tables.rows["schedule"].values()
    assert schedule["service_id"] == service["id"]


# --- the one write path: web forms and the JSON API edit opening hours like any field ---------


def test_an_edit_sets_and_clears_opening_hours(tmp_path):
    from socialmap import editing
    from socialmap.store import open_db

    admin = editing.User("admin@example.org", "admin")
    db = open_db(tmp_path / "edit.db")
    import_document(db, Document(tiny_dataset(), source="tiny.json"))
    stored = editing.patch_offer(db, "coffee", {"opening_hours": WEEKDAYS}, user=admin).to_json()
    assert stored["opening_hours"] == WEEKDAYS
    place = editing.actions.load(db, "location", "loc-west").record
    assert place.get("opening_hours") is None
    cleared = editing.patch_offer(db, "coffee", {"opening_hours": None}, user=admin).to_json()
    assert "opening_hours" not in cleared
    before = list(db.conn.iterdump())
    bad = [{"days": ["mo"], "opens": "9:00", "closes": "12:00"}]
    with pytest.raises(EditError) as caught:
        editing.patch_offer(db, "coffee", {"opening_hours": bad}, user=admin)
    assert caught.value.field.startswith("opening_hours")
    assert "'9:00'" in str(caught.value)
    assert list(db.conn.iterdump()) == before
