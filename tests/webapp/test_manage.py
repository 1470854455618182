"""The editing forms of ``/manage/``: who may do what (the access matrix over the forms),
what a save does, conflicts, refused values, markup typed into fields, and the demo accounts.

The world is :mod:`editing_env`'s (the write API's tests use it too): one user per
role; the editor works for ``women-centre`` in Testville.  Each test has its own
copy of the database.  A denied action answers 403 (an anonymous visitor is sent
to the login page) and leaves the database dump exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import make_app
from editing_env import ALLOWED, ROLES, TARGETS, build_world, dump
from helpers import copy_db
from werkzeug.datastructures import MultiDict

from socialmap import editing
from socialmap.cli import cli
from socialmap.dataset.columns import CSV_TABLES
from socialmap.store import open_db
from web.manage.fields import HELP, FieldProblem, FormField, form_fields, patch_of, read_form
from web.manage.forms import shown_values


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("manage") / "world.db"
    build_world(path)
    return path


@pytest.fixture
def db_path(world, tmp_path) -> Path:
    return copy_db(world, tmp_path / "manage.db")


def client_of(db_path: Path, role: str | None, **config: Any):
    """A test client logged in as ``role`` (None: anonymous), in English."""
    app = make_app(db_path, **{"WTF_CSRF_ENABLED": False, **config})
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    if role is not None:
        email = f"{role}@example.org"
        db = open_db(db_path)
        fingerprint = editing.password_fingerprint(db, email)
        db.close()
        with client.session_transaction() as session:
            session["_user_id"] = f"{email}|{fingerprint}"
            session["_fresh"] = True
    return client


def stored(db_path: Path, kind: str, record_id: str) -> editing.Stored | None:
    db = open_db(db_path)
    try:
        return editing.load_record(db, kind, record_id)
    finally:
        db.close()


def form_of(db_path: Path, kind: str, record_id: str, **changes: Any) -> MultiDict:
    """The form of a stored record as the page fills it, with ``changes`` typed in."""
    record = stored(db_path, kind, record_id)
    assert record is not None
    data = MultiDict()
    for name, values in shown_values(form_fields(kind), record.record).items():
        for value in values:
            data.add(name, value)
    for name, value in changes.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    data["version"] = str(record.version)
    return data


# --- the access matrix over the forms ---------------------------------------------------------

#: an offer each target may lose (no referral link names it)
DELETABLE = {"own": "coffee", "other": "job", "region": "far-other"}


def _link(t: tuple[str, ...], which: int) -> tuple[str, str]:
    source, target = t[which].split("/")
    return source, target


#: action -> request(db_path, target) as (url, form data)
ACTIONS = {
    "edit offer": lambda p, t: (
        f"/manage/offers/{t[0]}",
        form_of(p, "offer", t[0], name="Renamed"),
    ),
    "verify offer": lambda p, t: (f"/manage/offers/{t[0]}/verify", {}),
    "create offer": lambda p, t: (
        f"/manage/organisations/{t[1]}/offers/new",
        {"name": "Neu", "category": "information", "accepts": "1", "leads_to": "2", "online": "on"},
    ),
    "delete offer": lambda p, t: (
        f"/manage/offers/{DELETABLE[_target_name(t)]}/delete",
        {"version": "1"},
    ),
    "edit organisation": lambda p, t: (
        f"/manage/organisations/{t[1]}",
        form_of(p, "organisation", t[1], phone="070 123"),
    ),
    "verify organisation": lambda p, t: (f"/manage/organisations/{t[1]}/verify", {}),
    "create location": lambda p, t: (
        f"/manage/organisations/{t[1]}/locations/new",
        {"name": "Zaal", "address": "Straat 1", "lat": "52.07", "lon": "4.3"},
    ),
    "edit location": lambda p, t: (
        f"/manage/locations/{t[2]}",
        form_of(p, "location", t[2], name="Zaal 2"),
    ),
    "delete location": lambda p, t: (f"/manage/locations/{t[2]}/delete", {"version": "1"}),
    "add referral link": lambda p, t: (
        f"/manage/organisations/{t[1]}/referral-links/new",
        {"from": _link(t, 4)[0], "to": _link(t, 4)[1], "kind": "regular", "to_contact_name": "X"},
    ),
    "edit referral link": lambda p, t: (
        "/manage/referral-links/{}/{}".format(*_link(t, 3)),
        form_of(p, "referral_link", "->".join(_link(t, 3)), from_contact_name="Ayşe Kaya"),
    ),
    "confirm referral link": lambda p, t: (
        "/manage/referral-links/{}/{}/confirm".format(*_link(t, 3)),
        {},
    ),
    "end referral link": lambda p, t: (
        "/manage/referral-links/{}/{}/delete".format(*_link(t, 3)),
        {"version": "1"},
    ),
}


def _target_name(t: tuple[str, ...]) -> str:
    return next(name for name, value in TARGETS.items() if value == t)


MATRIX = [
    (role, action, target, role is not None and target in ALLOWED[role])
    for role in (*ROLES, None)
    for action in ACTIONS
    for target in TARGETS
]


@pytest.mark.parametrize(
    ("role", "action", "target", "allowed"),
    MATRIX,
    ids=[
        f"{r or 'anonymous'}-{a.replace(' ', '_')}-{t}-{'ok' if ok else 'denied'}"
        for r, a, t, ok in MATRIX
    ],
)
def test_access_matrix_of_the_forms(db_path, role, action, target, allowed):
    url, data = ACTIONS[action](db_path, TARGETS[target])
    client = client_of(db_path, role)
    before = dump(db_path)
    response = client.post(url, data=data)
    if allowed:
        assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
        assert response.headers["Location"].startswith("/manage/organisations/")
        assert dump(db_path) != before
    elif role is None:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/account/login?next=")
        assert dump(db_path) == before
    else:
        assert response.status_code == 403
        assert dump(db_path) == before


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize("target", list(TARGETS))
def test_the_pages_show_only_what_the_role_may_edit(db_path, role, target):
    offer, organisation = TARGETS[target][:2]
    client = client_of(db_path, role)
    for url in (f"/manage/organisations/{organisation}", f"/manage/offers/{offer}"):
        response = client.get(url)
        if role is None:
            assert response.status_code == 302
        elif target in ALLOWED[role]:
            assert response.status_code == 200
        else:
            assert response.status_code == 403
            assert "Renamed" not in response.get_data(as_text=True)


def test_every_form_needs_its_csrf_token(db_path):
    client = client_of(db_path, "admin", WTF_CSRF_ENABLED=True)
    before = dump(db_path)
    for action in ACTIONS.values():
        url, data = action(db_path, TARGETS["own"])
        assert client.post(url, data=data).status_code == 400, url
    assert dump(db_path) == before


def test_the_start_page_lists_the_editable_organisations(db_path):
    coordinator = client_of(db_path, "coordinator").get("/manage/").get_data(as_text=True)
    assert "Vrouwencentrum" in coordinator and "ROC Testville" in coordinator
    assert "Far away" not in coordinator
    editor = client_of(db_path, "editor").get("/manage/")
    assert editor.status_code == 302  # one organisation: straight to it
    assert editor.headers["Location"] == "/manage/organisations/women-centre"
    caseworker = client_of(db_path, "caseworker").get("/manage/").get_data(as_text=True)
    assert "no organisation you can edit" in caseworker


# --- what a save does -------------------------------------------------------------------------


def test_every_field_of_the_dataset_format_is_on_the_forms():
    set_by_the_app = {
        "id",
        "organisation",
        "last_verified",
        "last_confirmed",
        "approximate",
        "source",
    }
    for kind, table in [("offer", "offers"), ("location", "locations")]:
        paths = {f.path for f in form_fields(kind)}
        assert paths == {c.path for c in CSV_TABLES[table]} - set_by_the_app
    for f in form_fields("offer"):
        assert f.path in HELP, f"{f.path} has no help text"


def test_a_structured_field_is_edited_as_json_text():
    """A field the format may gain as a structure (e.g. opening hours) round-trips as JSON."""
    hours = FormField("opening_hours", "opening_hours", "json", "json", kind="offer")
    record = {"opening_hours": [{"day": "mo", "opens": "09:00", "closes": "12:00"}]}
    shown = shown_values([hours], record)
    typed = MultiDict({"opening_hours": shown["opening_hours"][0]})
    assert read_form([hours], typed) == {"opening_hours": record["opening_hours"]}
    assert patch_of(record, read_form([hours], typed)) == {}
    with pytest.raises(FieldProblem):
        read_form([hours], MultiDict({"opening_hours": "[{"}))


def test_an_unchanged_form_writes_nothing(db_path):
    client = client_of(db_path, "editor")
    before = dump(db_path)
    response = client.post("/manage/offers/coffee", data=form_of(db_path, "offer", "coffee"))
    assert response.status_code == 302
    assert dump(db_path) == before


def test_a_save_changes_every_kind_of_field_and_is_live(db_path):
    client = client_of(db_path, "editor")
    data = form_of(
        db_path,
        "offer",
        "coffee",
        name="Koffie en taal",
        accepts=["1", "2"],
        leads_to="3",
        age_min="18",
        languages=["nl", "tr", "ar"],
        cost_eur="2,50",
        childcare="on",
        wait_weeks="1.5",
        valid_until="2027-06-30",
        funding="Gemeente tot 2027",
        contact_name="Fatma Yılmaz",
        contact_phone="070 555",
    )
    response = client.post("/manage/offers/coffee", data=data)
    assert response.status_code == 302
    offer = stored(db_path, "offer", "coffee")
    assert offer is not None and offer.version == 2
    record = offer.record
    assert record["name"] == "Koffie en taal"
    assert record["ladder"] == {"accepts": [1, 2], "leads_to": 3}
    assert record["eligibility"]["age_min"] == 18
    assert sorted(record["languages"]) == ["ar", "nl", "tr"]
    assert record["cost_eur"] == 2.5 and record["childcare"] is True
    assert record["valid_until"] == "2027-06-30" and record["wait_weeks"] == 1.5
    assert record["contact"] == {"name": "Fatma Yılmaz", "phone": "070 555"}
    page = client.get("/offers/coffee").get_data(as_text=True)  # the public offer page
    assert "Koffie en taal" in page and "Fatma Yılmaz" in page
    (change,) = editing.list_changes(
        open_db(db_path),
        user=editing.get_user(open_db(db_path), "admin@example.org"),
        record="offer:coffee",
    )
    assert change.user == "editor@example.org" and change.action == "patch"


def test_opening_hours_in_their_one_line_form(db_path):
    client = client_of(db_path, "editor")
    data = form_of(db_path, "offer", "coffee", opening_hours="mo-fr 09:00-12:30; we 14:00-18:00")
    assert client.post("/manage/offers/coffee", data=data).status_code == 302
    offer = stored(db_path, "offer", "coffee")
    assert offer is not None
    assert offer.record["opening_hours"][0] == {
        "days": ["mo", "tu", "we", "th", "fr"],
        "opens": "09:00",
        "closes": "12:30",
    }
    page = client.get("/manage/offers/coffee").get_data(as_text=True)
    assert "mo-fr 09:00-12:30; we 14:00-18:00" in page
    before = dump(db_path)
    bad = form_of(db_path, "offer", "coffee", opening_hours="mornings")
    response = client.post("/manage/offers/coffee", data=bad)
    assert response.status_code == 400 and "Opening hours: Please write the hours" in (
        response.get_data(as_text=True)
    )
    assert dump(db_path) == before


def test_still_correct_sets_today(db_path):
    client = client_of(db_path, "editor")
    client.post("/manage/organisations/women-centre/verify")
    today = dt.date.today().isoformat()
    organisation = stored(db_path, "organisation", "women-centre")
    assert organisation is not None and organisation.record["last_verified"] == today
    offer = stored(db_path, "offer", "coffee")
    assert offer is not None and offer.record["last_verified"] == today


def test_a_location_by_postcode_gets_a_point(db_path):
    client = client_of(db_path, "editor")
    response = client.post(
        "/manage/organisations/women-centre/locations/new",
        data={
            "name": "Buurthuis",
            "address": "Hoefkade 1",
            "postcode": "2526 AA",
            "city": "Den Haag",
        },
    )
    assert response.status_code == 302
    db = open_db(db_path)
    row = db.execute("SELECT id, lat, lon FROM locations WHERE name = 'Buurthuis'").fetchone()
    assert row is not None and 51.9 < row[1] < 52.2 and 4.1 < row[2] < 4.5
    page = client.get(f"/manage/locations/{row[0]}").get_data(as_text=True)
    assert 'id="location-map"' in page and "js/manage.js" in page
    assert "<script>" not in page.replace("<script src=", "")  # no inline script


def test_a_referral_link_with_both_contact_persons(db_path):
    client = client_of(db_path, "editor")
    response = client.post(
        "/manage/organisations/women-centre/referral-links/new",
        data={
            "from": "women-centre",
            "to": "volunteer",
            "kind": "informal",
            "from_contact_name": "Fatma Yılmaz",
            "to_contact_name": "Jan de Vries",
            "to_contact_phone": "070 222",
        },
    )
    assert response.status_code == 302
    link = stored(db_path, "referral_link", "women-centre->volunteer")
    assert link is not None
    assert link.record["from_contact"] == {"name": "Fatma Yılmaz"}
    assert link.record["to_contact"] == {"name": "Jan de Vries", "phone": "070 222"}
    page = client.get("/manage/organisations/women-centre").get_data(as_text=True)
    assert "Jan de Vries" in page
    again = client.post(
        "/manage/organisations/women-centre/referral-links/new",
        data={"from": "women-centre", "to": "volunteer", "kind": "regular"},
    )
    assert again.status_code == 409 and "exists already" in again.get_data(as_text=True)
    client.post("/manage/referral-links/women-centre/volunteer/confirm")
    link = stored(db_path, "referral_link", "women-centre->volunteer")
    assert link is not None and link.record["last_confirmed"] == dt.date.today().isoformat()


# --- conflicts and refused values ---------------------------------------------------------------


def test_a_version_conflict_names_who_and_when_and_keeps_the_input(db_path):
    client = client_of(db_path, "editor")
    opened = form_of(db_path, "offer", "coffee", name="Mijn nieuwe naam", capacity="12")
    db = open_db(db_path)
    editing.patch_offer(
        db,
        "coffee",
        {"purpose": "Elkaar ontmoeten"},
        user=editing.get_user(db, "admin@example.org"),
    )
    db.close()
    before = dump(db_path)
    response = client.post("/manage/offers/coffee", data=opened)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "changed by admin@example.org at " in page and "since you opened it" in page
    assert 'value="Mijn nieuwe naam"' in page and 'value="12"' in page
    assert 'name="version" value="2"' in page  # saving again is a deliberate choice
    assert "Saved now: Elkaar ontmoeten" in page  # what the other person saved
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("lang", "changes", "field", "line"),
    [
        ("en", {"age_min": "abc"}, "age_min", "Minimum age: Please enter a whole number"),
        ("de", {"valid_until": "30.06.2027"}, "valid_until", "Läuft bis"),
        ("nl", {"accepts": []}, "accepts", "Neemt cliënten op deze treden aan"),
        ("en", {"category": "magic"}, "category", "Category: this value was not accepted"),
        (
            "de",
            {"age_min": "200"},
            "age_min",
            "Mindestalter: Bitte geben Sie eine Zahl von 0 bis 150",
        ),
        ("en", {"name": ""}, "name", "Name: Please fill in this field."),
    ],
)
def test_a_refused_value_is_one_line_naming_the_field(db_path, lang, changes, field, line):
    client = client_of(db_path, "editor")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    data = form_of(db_path, "offer", "coffee", **{"name": "Getypt", **changes})
    before = dump(db_path)
    response = client.post("/manage/offers/coffee", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    (error,) = re.findall(rf'<p class="error" id="{field}-error">([^<]*)</p>', page)
    assert line in error and "\n" not in error
    assert 'value="Getypt"' in page or "name" in changes  # the input is kept
    assert dump(db_path) == before


# --- markup is text -----------------------------------------------------------------------------

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_typed_into_fields_is_stored_as_text_and_escaped(db_path):
    client = client_of(db_path, "editor")
    client.post(
        "/manage/offers/coffee",
        data=form_of(
            db_path, "offer", "coffee", name=MARKUP, description=MARKUP, contact_name=MARKUP
        ),
    )
    client.post(
        "/manage/referral-links/women-centre/college",
        data=form_of(db_path, "referral_link", "women-centre->college", to_contact_name=MARKUP),
    )
    offer = stored(db_path, "offer", "coffee")
    assert offer is not None and offer.record["name"] == MARKUP  # stored as typed
    for url in (
        "/manage/organisations/women-centre",
        "/manage/offers/coffee",
        "/manage/referral-links/women-centre/college",
        "/offers/coffee",
        "/",
    ):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;alert" in client.get("/offers/coffee").get_data(as_text=True)


# --- the demo accounts --------------------------------------------------------------------------


def test_socialmap_demo_prints_working_login_links(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIALMAP_DB", str(tmp_path / "demo.db"))
    monkeypatch.delenv("SOCIALMAP_PUBLIC_URL", raising=False)
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    links = dict(
        re.findall(
            r"^\s+(coordinator|editor)\s+\S+\s+http://127\.0\.0\.1:8000(\S+)$", result.output, re.M
        )
    )
    assert set(links) == {"coordinator", "editor"}
    db = open_db(tmp_path / "demo.db")
    coordinator = editing.get_user(db, editing.DEMO_COORDINATOR)
    editor = editing.get_user(db, editing.DEMO_EDITOR)
    assert coordinator.regions == ("den-haag", "gladbeck")
    regions = {
        db.execute("SELECT region FROM organisations WHERE id = ?", [o]).fetchone()[0]
        for o in editor.organisations
    }
    assert regions == {"den-haag", "gladbeck"}
    db.close()
    client = make_app(tmp_path / "demo.db", WTF_CSRF_ENABLED=False).test_client()
    response = client.post(
        links["editor"], data={"password": "a long new password", "confirm": "a long new password"}
    )
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200
