"""Diagnostics of imports from the real world: physical CSV lines, a folder of HSDS JSON files,
and data from outside Germany and the Netherlands."""

from __future__ import annotations

import csv
import shutil

import pytest
from test_hsds_lossless import FOREIGN
from test_hsds_support import HSDS

from socialmap.dataset.writer import write_csv_folder
from socialmap.errors import DatasetError
from socialmap.importer import export_dataset, import_path
from socialmap.store import open_db

EXAMPLES = HSDS / "examples"


def test_a_csv_error_names_the_physical_line_after_multi_line_cells(tiny, tmp_path):
    tiny["offers"][0]["description"] = "first line\nsecond line\nthird line"
    write_csv_folder(tiny, tmp_path / "csv")
    offers = tmp_path / "csv" / "offers.csv"
    lines = offers.read_text(encoding="utf-8").splitlines()
    # The second record starts on physical line 5 (the first spans lines 2–4).
    assert lines[4].startswith(tiny["offers"][1]["id"] + ",")
    lines[4] += ",one cell too many"
    offers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        import_path(open_db(":memory:"), tmp_path / "csv")
    assert str(caught.value).startswith(f"{offers} line 5: ")


def test_an_hsds_csv_error_names_the_physical_line(tmp_path):
    package = shutil.copytree(EXAMPLES / "csv", tmp_path / "csv")
    services = package / "services.csv"
    with services.open(newline="", encoding="utf-8") as handle:
        header, row = list(csv.reader(handle))[:2]
    first = [*row]
    first[header.index("description")] = "three\nphysical\nlines"
    second = [*row, "one cell too many"]
    second[0] = "5d7b8f55-2f4b-4c0b-9a7e-0000000000ff"
    with services.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, first, second])
    with pytest.raises(DatasetError) as caught:
        import_path(open_db(":memory:"), package)
    assert f"{services} line 5:" in str(caught.value)  # record 2 starts on line 5


def test_a_folder_of_hsds_json_files_is_read_as_hsds(tmp_path):
    folder = tmp_path / "harvest"
    folder.mkdir()
    shutil.copy(EXAMPLES / "organization_full.json", folder / "page-1.json")
    shutil.copy(EXAMPLES / "service_list.json", folder / "page-2.json")
    db = open_db(":memory:")
    report = import_path(db, folder)
    assert report.region == "harvest" and report.counts["offers"] == 1


def test_uk_data_imports_with_coordinates_where_given_and_says_why_not_elsewhere():
    db = open_db(":memory:")
    report = import_path(db, FOREIGN)
    (data,) = export_dataset(db)
    places = {loc["name"]: loc for loc in data["locations"]}
    assert places["Exampleton Advice Centre"]["lat"] == 51.5314
    assert "lat" not in places["Postal address only"]
    (warning,) = [w for w in report.warnings if "SW1A 1AA" in w]
    assert "the offline gazetteer knows German and Dutch postcodes only" in warning
    assert "give latitude and longitude, or import with --geocode-online" in warning
