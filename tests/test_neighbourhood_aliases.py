"""Neighbourhood aliases: the names people use ("Schilderswijk", "Zuidwest", "Escamp").

They come with the dataset (JSON and CSV), are stored, exported again unchanged,
and listed with the neighbourhood for the desk's picker.
"""

from __future__ import annotations

import json

from socialmap import search
from socialmap.dataset.writer import write_csv_folder
from socialmap.importer import export_dataset, import_path
from socialmap.paths import data_dir
from socialmap.store import open_db

DEN_HAAG = data_dir() / "demo" / "den-haag.json"


def aliases_of(document):
    return {n["id"]: n.get("aliases", []) for n in document["neighbourhoods"]}


def test_the_demo_names_schilderswijk_zuidwest_and_escamp():
    shipped = aliases_of(json.loads(DEN_HAAG.read_text(encoding="utf-8")))
    assert "Schilderswijk" in shipped["wijk-29"]
    zuidwest = {n for n, names in shipped.items() if "Zuidwest" in names}
    assert zuidwest == {"wijk-33", "wijk-34", "wijk-36"}
    assert {"wijk-33", "wijk-34", "wijk-36"} < {n for n, a in shipped.items() if "Escamp" in a}


def test_aliases_survive_import_and_export_as_json_and_csv(tmp_path):
    shipped = aliases_of(json.loads(DEN_HAAG.read_text(encoding="utf-8")))
    db = open_db(tmp_path / "a.db")
    import_path(db, DEN_HAAG)
    (exported,) = export_dataset(db, "den-haag")
    assert aliases_of(exported) == shipped
    listed = {n["id"]: n["aliases"] for n in search.list_neighbourhoods(db, "den-haag")}
    assert listed["wijk-29"] == shipped["wijk-29"]
    # the CSV folder form carries them too (one ';'-separated cell)
    write_csv_folder(exported, tmp_path / "csv")
    header, *rows = (tmp_path / "csv" / "neighbourhoods.csv").read_text("utf-8").splitlines()
    assert "aliases" in header.split(",")
    again = open_db(tmp_path / "b.db")
    import_path(again, tmp_path / "csv")
    assert aliases_of(export_dataset(again, "den-haag")[0]) == shipped
