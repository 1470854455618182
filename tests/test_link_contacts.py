"""Contact persons on both sides of a referral link: stored, exported and imported again in
every form (JSON, CSV folder, HSDS), and kept apart from the link's other details."""

from __future__ import annotations

import copy

import pytest
from builders import tiny_dataset

from socialmap.dataset.columns import CSV_TABLES
from socialmap.dataset.writer import write_csv_folder
from socialmap.dataset.writer import write_json as write_dataset_json
from socialmap.errors import DatasetError
from socialmap.hsds import to_hsds, write_folder
from socialmap.importer import export_dataset, import_path
from socialmap.store import open_db

FROM = {"name": "Fatma Yılmaz", "email": "f.yilmaz@vrouwencentrum.example", "phone": "070 111"}
TO = {"name": "Jan de Vries", "phone": "070 222"}


def with_contacts() -> dict:
    data = tiny_dataset()
    link = data["referral_links"][0]
    link["from_contact"] = copy.deepcopy(FROM)
    link["to_contact"] = copy.deepcopy(TO)
    return data


def exported(path) -> dict:
    (document,) = export_dataset(open_db(path))
    return document


def link_of(document: dict) -> dict:
    (link,) = [
        lk
        for lk in document["referral_links"]
        if (lk["from"], lk["to"]) == ("women-centre", "college")
    ]
    return link


def test_the_contacts_are_stored_in_their_columns(tmp_path):
    path = tmp_path / "x.db"
    source = tmp_path / "in.json"
    write_dataset_json(with_contacts(), source)
    import_path(open_db(path), source)
    row = (
        open_db(path)
        .execute(
            "SELECT from_contact_name, from_contact_email, to_contact_name, to_contact_email "
            "FROM referral_links WHERE id = 'women-centre->college'"
        )
        .fetchone()
    )
    assert row == ("Fatma Yılmaz", "f.yilmaz@vrouwencentrum.example", "Jan de Vries", None)
    link = link_of(exported(path))
    assert link["from_contact"] == FROM and link["to_contact"] == TO
    assert link["since"] == "2019-01-01"


@pytest.mark.parametrize("form", ["json", "csv", "hsds"])
def test_every_export_form_keeps_the_contacts(tmp_path, form):
    source = tmp_path / "in.json"
    write_dataset_json(with_contacts(), source)
    first = tmp_path / "first.db"
    import_path(open_db(first), source)
    document = exported(first)
    target = tmp_path / form
    if form == "json":
        write_dataset_json(document, target)
    elif form == "csv":
        write_csv_folder(document, target)
        header = (target / "referral_links.csv").read_text(encoding="utf-8").splitlines()[0]
        assert "from_contact_name" in header and "to_contact_phone" in header
    else:
        region = document["region"]["id"]
        write_folder(to_hsds(document), target, region, region)
    again = tmp_path / "again.db"
    import_path(open_db(again), target)
    assert exported(again) == document
    assert link_of(exported(again))["to_contact"] == TO


def test_the_csv_columns_name_both_sides():
    names = [c.name for c in CSV_TABLES["referral_links"]]
    for side in ("from", "to"):
        for part in ("name", "email", "phone"):
            assert f"{side}_contact_{part}" in names


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ({"name": 5}, "from_contact.name"),
        ({"email": ["x"]}, "from_contact.email"),
        ("Jan", "from_contact"),
    ],
)
def test_a_bad_contact_is_refused_naming_the_field(tmp_path, contact, expected):
    data = tiny_dataset()
    data["referral_links"][0]["from_contact"] = contact
    source = tmp_path / "bad.json"
    write_dataset_json(data, source)
    db = open_db(tmp_path / "bad.db")
    with pytest.raises(DatasetError, match=expected.replace(".", r"\.")):
        import_path(db, source)
    assert db.table("referral_links").count == 0
