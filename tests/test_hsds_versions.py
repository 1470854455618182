"""HSDS 1.1 and 2.0: the version is recognised from its files, what maps is mapped, the rest is
summarised, and a package that cannot be imported gets every problem at once.

``tests/hsds-1.1`` is the official HSDS 1.1 sample data package (Open Referral, CC BY-SA 4.0,
see its README); ``tests/hsds-2.0`` is a small package written for these tests.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from socialmap.errors import DatasetError
from socialmap.hsds import to_hsds
from socialmap.hsds.legacy import detect
from socialmap.importer import export_dataset, import_path
from socialmap.store import open_db

TESTS = Path(__file__).resolve().parent
V11 = TESTS / "hsds-1.1" / "all_resources"
V20 = TESTS / "hsds-2.0"


def imported(path: Path):
    db = open_db(":memory:")
    report = import_path(db, path)
    (data,) = export_dataset(db)
    return report, data


def test_the_versions_are_recognised_by_their_files():
    assert detect(V11)[0] == "1.1" and "regular_schedules.csv" in detect(V11)[1]
    assert detect(V20)[0] == "2.0"
    assert detect(TESTS / "hsds-3.0" / "examples" / "csv") is None


def test_the_official_hsds_1_1_sample_imports():
    report, data = imported(V11)
    assert report.counts["offers"] == 13 and report.counts["organisations"] == 10
    notes = "\n".join(report.notes)
    assert "read as HSDS 1.1 (" in notes and "(weekday 1 = Monday)" in notes
    assert "holiday schedules (HSDS 3.0 has no place for them) (1)" in notes
    assert "accepted payments (HSDS 3.0 has no place for them) (2)" in notes
    helpline = next(o for o in data["offers"] if o["name"] == "Never Homeless Helpline")
    assert helpline["opening_hours"][0] == {"days": ["mo"], "opens": "09:00", "closes": "17:00"}
    # Its postal address is kept as a postal address, with attention, region and state.
    services = to_hsds(data)
    addresses = [a for loc in services.locations for a in loc.get("addresses", [])]
    kinds = {a["address_type"] for a in addresses}
    assert kinds == {"physical", "postal"}
    assert all(a["state_province"] for a in addresses)


def test_an_hsds_2_0_package_imports():
    report, data = imported(V20)
    (offer,) = data["offers"]
    assert offer["opening_hours"] == [
        {
            "days": ["tu", "th"],
            "opens": "10:00",
            "closes": "13:00",
            "valid_from": "2024-01-01",
            "note": "Parcel collection",
        }
    ]
    assert offer["cost_options"] == [
        {
            "amount": 2.5,
            "conditions": "Delivery to the door",
            "unit": "per parcel",
            "valid_from": "2024-01-01",
        }
    ]
    assert offer["description"].endswith("crisis.\nBring a referral voucher.")  # one cell
    (service,) = to_hsds(data).services
    terms = [a["taxonomy_term"]["name"] for a in service["attributes"] if "taxonomy_term" in a]
    assert "Food Pantry" in terms  # the 2.0 taxonomy term, kept
    assert "cost options name no currency" in "\n".join(report.notes)


def test_a_broken_1_1_package_names_the_version_and_every_problem_at_once(tmp_path):
    package = shutil.copytree(V11, tmp_path / "broken")

    def edit(name: str, row: int, column: str, value: str) -> None:
        file = package / name
        with file.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        rows[row][rows[0].index(column)] = value
        with file.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)

    edit("services.csv", 1, "organization_id", "")
    edit("regular_schedules.csv", 2, "weekday", "funday")
    edit("physical_addresses.csv", 1, "city", "")
    with pytest.raises(DatasetError) as caught:
        import_path(open_db(":memory:"), package)
    message = str(caught.value)
    assert "this looks like HSDS 1.1 (" in message and "3 problems:" in message
    assert "regular_schedules.csv line 3.weekday: 'funday' is not a day" in message
    assert (
        "services.csv line 2 (id 'c89eb05c-62dd-4b64-b494-0cc347b6ea7f').organization_id" in message
    )
    assert "physical_addresses.csv line 2" in message and ".city: missing required field" in message
    assert "\n" not in message
