"""The one write path (socialmap.editing): every action validates as import does, writes
all or nothing, versions the record, records the change, and reaches the routing model."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import tiny_dataset
from click.testing import CliRunner

from socialmap import editing
from socialmap.cli import cli
from socialmap.dataset.reader import Document
from socialmap.errors import Conflict, EditError, NotFound, PermissionDenied
from socialmap.importer import import_document
from socialmap.routing.model import Model
from socialmap.store import open_db

ADMIN = editing.User("admin@example.org", "admin")
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "edit.db"
    db = open_db(path)
    import_document(db, Document(tiny_dataset(), source="tiny.json"))
    db.close()
    return path


@pytest.fixture
def db(db_path):
    db = open_db(db_path)
    yield db
    db.close()


def dump(db) -> list[str]:
    """Every row of every table, as text: two dumps are equal iff nothing was written."""
    return list(db.conn.iterdump())


def offer(db, offer_id):
    return editing.actions.load(db, "offer", offer_id)


NEW_OFFER = {
    "id": "new-course",
    "organisation": "college",
    "locations": ["loc-college"],
    "name": "Nieuwe cursus",
    "category": "qualification",
    "ladder": {"accepts": [3], "leads_to": 4},
    "languages": ["nl"],
}


# --- each action ----------------------------------------------------------------------------------


def test_patch_offer_changes_only_the_named_fields_and_bumps_the_version(db):
    result = editing.patch_offer(db, "coffee", {"name": "Koffie", "languages": ["ar"]}, user=ADMIN)
    stored = result.to_json()
    assert stored["name"] == "Koffie"
    assert stored["languages"] == ["ar"]  # a list is replaced whole
    assert stored["eligibility"] == {"genders": ["female"]}  # untouched fields stay
    assert stored["version"] == 2
    assert offer(db, "coffee").record == {k: v for k, v in stored.items() if k != "version"}


def test_patch_removes_a_field_given_as_null(db):
    result = editing.patch_offer(db, "coffee", {"eligibility": {"genders": None}}, user=ADMIN)
    assert "eligibility" not in result.to_json()


def test_create_and_delete_offer(db):
    created = editing.create_offer(db, NEW_OFFER, user=ADMIN)
    assert created.created and created.to_json()["version"] == 1
    assert created.to_json()["ladder"] == {"accepts": [3], "leads_to": 4}
    editing.delete_offer(db, "new-course", user=ADMIN)
    assert offer(db, "new-course") is None
    assert (
        db.execute("SELECT count(*) FROM offer_languages WHERE offer = 'new-course'").fetchone()[0]
        == 0
    )


def test_created_offer_without_id_gets_one(db):
    body = {k: v for k, v in NEW_OFFER.items() if k != "id"}
    record = editing.create_offer(db, body, user=ADMIN).to_json()
    assert record["id"].startswith("offer-")


def test_edited_offer_is_found_by_the_text_search_under_its_new_name(db):
    from socialmap import search

    editing.patch_offer(db, "coffee", {"name": "Theeochtend"}, user=ADMIN)
    found = search.list_offers(db, search.OfferFilter(q="Theeochtend"))
    assert [o["id"] for o in found] == ["coffee"]
    assert search.list_offers(db, search.OfferFilter(q="Koffieochtend")) == []


def test_location_is_placed_as_the_import_places_it(db):
    record = editing.create_location(
        db, {"id": "loc-new", "organisation": "college", "lat": 52.075, "lon": 4.315}, user=ADMIN
    ).to_json()
    assert (record["lat"], record["lon"]) == (52.075, 4.315)
    row = db.table("locations").get("loc-new")
    assert row["neighbourhood"] == "n-east"  # point in polygon, as on import
    moved = editing.patch_location(db, "loc-new", {"lon": 4.305}, user=ADMIN)
    assert moved.to_json()["version"] == 2
    assert db.table("locations").get("loc-new")["neighbourhood"] == "n-west"


def test_location_without_coordinates_gets_the_postcode_centroid(db):
    record = editing.create_location(
        db, {"id": "loc-pc", "organisation": "college", "postcode": "2513"}, user=ADMIN
    ).to_json()
    assert record["approximate"] is True and record["lat"] is not None


def test_a_location_still_used_by_an_offer_is_not_deleted(db):
    before = dump(db)
    with pytest.raises(EditError, match="still a location of offer 'coffee'"):
        editing.delete_location(db, "loc-east", user=ADMIN)
    assert dump(db) == before


def test_an_offer_that_a_referral_link_names_is_not_deleted(db):
    with pytest.raises(EditError, match="referral link 'language->volunteer'"):
        editing.delete_offer(db, "language", user=ADMIN)


def test_verify_sets_last_verified_to_today(db):
    assert (
        editing.verify_offer(db, "coffee", user=ADMIN, today=TODAY).to_json()["last_verified"]
        == "2026-12-01"
    )
    organisation = editing.verify_organisation(db, "women-centre", user=ADMIN, today=TODAY)
    assert organisation.to_json()["last_verified"] == "2026-12-01"
    assert organisation.to_json()["version"] == 2


def test_create_and_patch_organisation(db):
    created = editing.create_organisation(
        db,
        {"id": "library", "name": "Bibliotheek", "kind": "other"},
        user=ADMIN,
        region="testville",
    )
    assert created.stored is not None and created.stored.region == "testville"
    patched = editing.patch_organisation(
        db, "library", {"website": "https://bieb.example"}, user=ADMIN
    )
    assert patched.to_json()["website"] == "https://bieb.example"


def test_referral_links_put_confirm_delete(db):
    put = editing.put_referral_link(db, "college", "coffee", {"kind": "regular"}, user=ADMIN)
    assert put.created and put.to_json() == {
        "from": "college",
        "to": "coffee",
        "kind": "regular",
        "version": 1,
    }
    replaced = editing.put_referral_link(db, "college", "coffee", {"kind": "agreement"}, user=ADMIN)
    assert not replaced.created and replaced.to_json()["version"] == 2
    confirmed = editing.confirm_referral_link(db, "college", "coffee", user=ADMIN, today=TODAY)
    assert confirmed.to_json()["last_confirmed"] == "2026-12-01"
    editing.delete_referral_link(db, "college", "coffee", user=ADMIN)
    assert db.table("referral_links").count_where("id = 'college->coffee'") == 0


def test_unknown_ids_are_not_found(db):
    with pytest.raises(NotFound):
        editing.patch_offer(db, "nope", {"name": "x"}, user=ADMIN)
    with pytest.raises(NotFound):
        editing.delete_referral_link(db, "college", "coffee", user=ADMIN)


# --- validation: the import's rules and messages ---------------------------------------------- ---


@pytest.mark.parametrize(
    ("patch", "field", "message"),
    [
        ({"category": "magic"}, "category", "unknown category 'magic'"),
        ({"ladder": {"leads_to": 9}}, "ladder.leads_to", "not a rung of the participation ladder"),
        ({"ladder": {"accepts": [3], "leads_to": 2}}, "ladder.leads_to", "lower than every"),
        ({"locations": ["loc-nowhere"]}, "locations", "unknown location 'loc-nowhere'"),
        ({"target_groups": ["pirates"]}, "target_groups", "unknown target group 'pirates'"),
        ({"valid_from": "01-01-2020"}, "valid_from", "is not a date (expected YYYY-MM-DD)"),
        ({"eligibility": {"age_min": 30, "age_max": 20}}, "eligibility.age_max", "below age_min"),
        ({"name": None}, "name", "missing required field"),
        ({"organisation": "ghost"}, "organisation", "unknown organisation 'ghost'"),
        ({"id": "other"}, "id", "cannot be changed"),
    ],
)
def test_invalid_patch_names_the_field_and_writes_nothing(db, patch, field, message):
    before = dump(db)
    with pytest.raises(EditError) as caught:
        editing.patch_offer(db, "coffee", patch, user=ADMIN)
    assert message in str(caught.value)
    assert caught.value.field == field
    assert str(caught.value).startswith("offer (id 'coffee')")
    assert "\n" not in str(caught.value)
    assert dump(db) == before


def test_the_message_is_the_one_an_import_gives(db, tiny):
    from socialmap.errors import DatasetError

    tiny["offers"][0]["category"] = "magic"
    with pytest.raises(DatasetError) as on_import:
        import_document(open_db(":memory:"), Document(tiny, source="tiny.json"))
    with pytest.raises(EditError) as on_edit:
        editing.patch_offer(db, "coffee", {"category": "magic"}, user=ADMIN)
    assert (
        str(on_import.value).split(".category: ")[1] == str(on_edit.value).split(".category: ")[1]
    )


def test_swapped_coordinates_are_refused_as_on_import(db):
    with pytest.raises(EditError, match="look swapped") as caught:
        editing.create_location(
            db, {"id": "l", "organisation": "college", "lat": 4.305, "lon": 52.075}, user=ADMIN
        )
    assert caught.value.field == "lat/lon"


def test_new_ids_must_be_free(db):
    with pytest.raises(EditError, match="already used") as caught:
        editing.create_offer(db, {**NEW_OFFER, "id": "coffee"}, user=ADMIN)
    assert caught.value.field == "id"
    with pytest.raises(EditError, match="also the id of an organisation"):
        editing.create_offer(db, {**NEW_OFFER, "id": "college"}, user=ADMIN)


def test_referral_link_to_unknown_end_names_the_field(db):
    with pytest.raises(EditError) as caught:
        editing.put_referral_link(db, "college", "ghost", {"kind": "regular"}, user=ADMIN)
    assert caught.value.field == "to"
    with pytest.raises(EditError) as caught:
        editing.put_referral_link(db, "college", "coffee", {"kind": "friendly"}, user=ADMIN)
    assert caught.value.field == "kind"


# --- versions and optimistic locking --------------------------------------------------------------


def test_a_stale_if_match_is_a_conflict_naming_who_and_when_and_writes_nothing(db):
    editing.patch_offer(db, "coffee", {"name": "First"}, user=ADMIN, if_match=1)
    before = dump(db)
    with pytest.raises(
        Conflict, match=r"changed by admin@example.org at 20\d\d-.* since you opened"
    ):
        editing.patch_offer(db, "coffee", {"name": "Second"}, user=ADMIN, if_match=1)
    assert dump(db) == before
    assert editing.patch_offer(db, "coffee", {"name": "Second"}, user=ADMIN, if_match=2)


def test_if_match_applies_to_deletes_and_verify(db):
    with pytest.raises(Conflict):
        editing.verify_offer(db, "coffee", user=ADMIN, if_match=5)
    with pytest.raises(Conflict):
        editing.delete_referral_link(db, "women-centre", "college", user=ADMIN, if_match=2)


# --- changes and revert ---------------------------------------------------------------------------


def test_every_write_is_a_change_with_before_and_after(db):
    editing.patch_offer(db, "coffee", {"name": "Koffie"}, user=ADMIN)
    (change,) = editing.list_changes(db, user=ADMIN, record="offer:coffee")
    assert (change.user, change.action, change.record) == (
        "admin@example.org",
        "patch",
        "offer:coffee",
    )
    assert change.before["name"] == "Koffieochtend" and change.after["name"] == "Koffie"
    assert (change.before["version"], change.after["version"]) == (1, 2)


def test_revert_restores_the_record_and_is_itself_a_change(db):
    original = offer(db, "coffee").record
    first = editing.patch_offer(db, "coffee", {"name": "Koffie", "languages": ["ar"]}, user=ADMIN)
    reverted = editing.revert_change(db, first.change, user=ADMIN)
    assert offer(db, "coffee").record == original
    assert reverted.to_json()["version"] == 3
    changes = editing.list_changes(db, user=ADMIN, record="offer:coffee")
    assert [(c.action, c.reverts) for c in changes] == [("revert", first.change), ("patch", None)]


def test_revert_of_a_create_deletes_and_revert_of_a_delete_restores(db):
    created = editing.create_offer(db, NEW_OFFER, user=ADMIN)
    editing.revert_change(db, created.change, user=ADMIN)
    assert offer(db, "new-course") is None
    deleted = editing.delete_referral_link(db, "women-centre", "college", user=ADMIN)
    editing.revert_change(db, deleted.change, user=ADMIN)
    assert db.table("referral_links").get("women-centre->college")["kind"] == "informal"


def test_revert_refuses_when_the_record_changed_again(db):
    first = editing.patch_offer(db, "coffee", {"name": "A"}, user=ADMIN)
    editing.patch_offer(db, "coffee", {"name": "B"}, user=ADMIN)
    before = dump(db)
    with pytest.raises(Conflict, match="since change"):
        editing.revert_change(db, first.change, user=ADMIN)
    assert dump(db) == before


# --- permissions ----------------------------------------------------------------------------------


def test_an_editor_edits_only_its_own_organisation(db):
    editor = editing.User("e@example.org", "editor", organisations=("women-centre",))
    ours = editing.patch_offer(db, "coffee", {"name": "Ours"}, user=editor)
    before = dump(db)
    with pytest.raises(PermissionDenied):
        editing.patch_offer(db, "language", {"name": "Theirs"}, user=editor)
    with pytest.raises(PermissionDenied):  # nor move its offer to another organisation
        editing.patch_offer(db, "coffee", {"organisation": "college"}, user=editor)
    with pytest.raises(PermissionDenied):
        editing.revert_change(db, ours.change, user=editor)
    assert dump(db) == before


def test_history_shows_each_role_what_it_may_see(db):
    editing.patch_offer(db, "coffee", {"name": "Koffie"}, user=ADMIN)
    editing.patch_offer(db, "language", {"name": "Taal"}, user=ADMIN)
    editor = editing.User("e@example.org", "editor", organisations=("college",))
    coordinator = editing.User("c@example.org", "coordinator", regions=("testville",))
    elsewhere = editing.User("o@example.org", "coordinator", regions=("elsewhere",))
    assert [c.record for c in editing.list_changes(db, user=editor)] == ["offer:language"]
    assert [c.record for c in editing.list_changes(db, user=coordinator)] == [
        "offer:language",
        "offer:coffee",
    ]
    assert editing.list_changes(db, user=elsewhere) == []


# --- the routing model follows --------------------------------------------------------------------


def test_the_routing_model_sees_a_write_after_refresh(db_path, db):
    model = Model(db_path, follow=False)
    editing.patch_offer(db, "coffee", {"ladder": {"accepts": [1], "leads_to": 3}}, user=ADMIN)
    editing.delete_referral_link(db, "women-centre", "college", user=ADMIN)
    assert model.refresh() is True
    tables = model.index.tables
    assert tables is not None
    position = list(tables.offers["id"]).index("coffee")
    assert int(tables.offers["leads_to"][position]) == 3
    assert "women-centre->college" not in tables.links


def test_a_created_offer_reaches_the_model(db_path, db):
    model = Model(db_path, follow=False)
    n = model.index.n
    editing.create_offer(db, NEW_OFFER, user=ADMIN)
    model.refresh()
    assert model.index.n == n + 1


# --- import and edits together --------------------------------------------------------------------


def test_import_refuses_over_web_changes_unless_told(db, tiny):
    editing.patch_offer(db, "coffee", {"name": "Koffie"}, user=ADMIN)
    editing.verify_offer(db, "coffee", user=ADMIN)
    before = dump(db)
    with pytest.raises(Conflict, match="2 web changes"):
        import_document(db, Document(tiny_dataset(), source="tiny.json"))
    assert dump(db) == before
    import_document(db, Document(tiny_dataset(), source="tiny.json"), replace_web_changes=True)
    assert offer(db, "coffee").record["name"] == "Koffieochtend"
    assert editing.web_changes_since_import(db, "testville") == 0
    import_document(db, Document(tiny_dataset(), source="tiny.json"))  # nothing to overwrite now


def test_cli_import_names_the_changes_and_obeys_the_flag(db_path, write_json):
    db = open_db(db_path)
    editing.patch_offer(db, "coffee", {"name": "Koffie"}, user=ADMIN)
    db.close()
    path = write_json(tiny_dataset())
    runner = CliRunner()
    refused = runner.invoke(cli, ["--db", str(db_path), "import", str(path)])
    assert refused.exit_code == 1
    assert "1 web change since its last import" in refused.output
    assert "Traceback" not in refused.output
    done = runner.invoke(cli, ["--db", str(db_path), "import", "--replace-web-changes", str(path)])
    assert done.exit_code == 0, done.output


# --- accounts -------------------------------------------------------------------------------------


def test_users_cli_add_token_list_disable(db_path):
    runner = CliRunner()
    base = ["--db", str(db_path), "users"]
    added = runner.invoke(
        cli, [*base, "add", "Anna@Example.org", "--role", "editor", "--organisation", "college"]
    )
    assert added.exit_code == 0, added.output
    assert "/account/invite/" in added.output
    token = runner.invoke(cli, [*base, "token", "anna@example.org"]).output.strip()
    db = open_db(db_path)
    user = editing.authenticate_token(db, token)
    assert user is not None and user.organisations == ("college",)
    assert token not in "".join(dump(db))  # only its hash is stored
    listed = runner.invoke(cli, [*base, "list"]).output
    assert "anna@example.org\teditor" in listed
    assert runner.invoke(cli, [*base, "disable", "anna@example.org"]).exit_code == 0
    assert editing.authenticate_token(db, token) is None
    db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add", "x@example.org", "--role", "editor", "--organisation", "ghost"],
            "unknown organisation",
        ),
        (["add", "x@example.org", "--role", "coordinator"], "needs at least one region"),
        (["add", "not-an-address", "--role", "admin"], "is not an e-mail address"),
        (["token", "nobody@example.org"], "no such user"),
    ],
)
def test_users_cli_errors_are_one_line(db_path, args, message):
    result = CliRunner().invoke(cli, ["--db", str(db_path), "users", *args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_invitation_sets_a_password_once(db):
    token = editing.add_user(db, "c@example.org", "coordinator", regions=("testville",))
    editing.accept_invitation(db, token, "a long enough password")
    assert editing.check_password(db, "c@example.org", "a long enough password") is not None
    assert editing.check_password(db, "c@example.org", "wrong password!") is None
    with pytest.raises(NotFound):
        editing.accept_invitation(db, token, "another password")


def test_may_answers_for_a_stored_record(db):
    editor = editing.User("e@example.org", "editor", organisations=("women-centre",))
    assert editing.may(editor, "edit offer", editing.target_of(db, "offer:coffee"))
    assert not editing.may(editor, "edit offer", editing.target_of(db, "offer:language"))
    # a referral link belongs to both ends' organisations
    link = editing.target_of(db, "referral_link:women-centre->college")
    assert editing.may(editor, "edit referral link", link)
    assert not editing.may(
        editor, "edit referral link", editing.target_of(db, "referral_link:language->volunteer")
    )
    assert not editing.may(None, "edit offer", editing.target_of(db, "offer:coffee"))


def test_a_failure_after_the_record_was_written_rolls_all_of_it_back(db, monkeypatch):
    before = dump(db)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(editing.actions.store, "log_change", broken)
    with pytest.raises(RuntimeError):
        editing.patch_offer(db, "coffee", {"name": "Half", "languages": ["ar"]}, user=ADMIN)
    assert dump(db) == before
    assert not db.conn.in_transaction


def test_two_writers_with_the_same_version_one_wins(db_path):
    first, second = open_db(db_path), open_db(db_path)
    try:
        editing.patch_offer(first, "coffee", {"name": "First"}, user=ADMIN, if_match=1)
        with pytest.raises(Conflict):
            editing.patch_offer(second, "coffee", {"name": "Second"}, user=ADMIN, if_match=1)
        assert offer(second, "coffee").record["name"] == "First"
    finally:
        first.close()
        second.close()


def test_an_invitation_is_valid_seven_days(db):
    token = editing.add_user(db, "c@example.org", "coordinator", regions=("testville",))
    (row,) = db.table("invitations").rows
    expires = dt.datetime.fromisoformat(row["expires_at"])
    assert (
        dt.timedelta(days=6, hours=23) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=7)
    )
    db.execute("UPDATE invitations SET expires_at = '2020-01-01T00:00:00+00:00'")
    with pytest.raises(NotFound, match="expired"):
        editing.accept_invitation(db, token, "a long enough password")


def test_an_address_has_one_account(db):
    editing.add_user(db, "c@example.org", "admin")
    with pytest.raises(EditError, match="already has an account"):
        editing.add_user(db, "C@example.org", "admin")
