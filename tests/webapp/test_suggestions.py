"""Suggestions from the public: ``POST /api/suggestions`` and the "report a problem" form on
every offer page — anonymous, rate-limited, bounded, stored as text and shown escaped."""

from __future__ import annotations

import pytest
from conftest import make_app
from editing_env import dump
from network_env import login

from socialmap.store import open_db

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def client(writable_tiny_db):
    client = make_app(writable_tiny_db).test_client()  # CSRF on, as in production
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def stored(db_path) -> list[dict]:
    db = open_db(db_path)
    try:
        return list(db.table("suggestions").rows)
    finally:
        db.close()


def test_a_suggestion_is_stored_with_its_region_and_organisation(client, writable_tiny_db):
    response = client.post(
        "/api/suggestions", json={"record": "offer:coffee", "kind": "closed", "text": " Gone. "}
    )
    assert response.status_code == 201
    assert response.get_json() == {
        "id": 1,
        "record": "offer:coffee",
        "kind": "closed",
        "text": "Gone.",
    }
    (row,) = stored(writable_tiny_db)
    assert (row["region"], row["organisation"], row["done_at"]) == (
        "testville",
        "women-centre",
        None,
    )
    assert set(row) == {
        "id",
        "at",
        "record",
        "kind",
        "text",
        "region",
        "organisation",
        "done_at",
        "done_by",
    }  # fmt: skip  (nothing about the sender)
    default = client.post("/api/suggestions", json={"record": "organisation:college", "text": "x"})
    assert default.status_code == 201 and default.get_json()["kind"] == "other"


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({"record": "offer:nope", "text": "x"}, 404, None),
        ({"record": "coffee", "text": "x"}, 400, "record"),
        ({"record": "location:loc-west", "text": "x"}, 400, "record"),
        ({"text": "x"}, 400, "record"),
        ({"record": "offer:coffee", "kind": "rude", "text": "x"}, 400, "kind"),
        ({"record": "offer:coffee", "text": "x" * 1001}, 400, "text"),
        ({"record": "offer:coffee", "text": 5}, 400, "text"),
        ({"record": "offer:coffee", "kind": "other", "text": "  "}, 400, "text"),
        (["offer:coffee"], 400, "body"),
    ],
)
def test_bad_suggestions_name_the_field_and_store_nothing(
    client, writable_tiny_db, body, status, field
):
    before = dump(writable_tiny_db)
    response = client.post("/api/suggestions", json=body)
    assert response.status_code == status
    answer = response.get_json()
    assert answer.get("field") == field if field else "record" in answer["error"]
    assert dump(writable_tiny_db) == before


def test_suggestions_are_rate_limited_per_address(writable_tiny_db):
    client = make_app(writable_tiny_db, SUGGESTION_LIMIT="3 per hour").test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    body = {"record": "offer:coffee", "kind": "closed"}
    assert [client.post("/api/suggestions", json=body).status_code for _ in range(3)] == [201] * 3
    response = client.post("/api/suggestions", json=body)
    assert response.status_code == 429 and "error" in response.get_json()
    # the form shares the limit: a person is told in their language
    page = client.post("/offers/coffee/report", data={"kind": "closed", "text": ""})
    assert page.status_code == 429
    assert "Too many requests from your address" in page.get_data(as_text=True)
    assert len(stored(writable_tiny_db)) == 3


def test_the_offer_page_has_a_report_form_and_sets_no_cookie(client):
    response = client.get("/offers/coffee")
    page = response.get_data(as_text=True)
    assert 'action="/offers/coffee/report"' in page and "Report a problem" in page
    assert 'value="wrong_address"' in page
    assert response.headers.getlist("Set-Cookie") == []


def test_the_form_works_without_javascript_and_needs_no_token(client, writable_tiny_db):
    response = client.post("/offers/coffee/report", data={"kind": "wrong_contact", "text": MARKUP})
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    (row,) = stored(writable_tiny_db)
    assert (row["record"], row["kind"], row["text"]) == ("offer:coffee", "wrong_contact", MARKUP)
    again = client.post("/offers/coffee/report", data={"kind": "other", "text": ""})
    page = again.get_data(as_text=True)
    assert again.status_code == 400 and "Please describe the problem" in page
    assert client.post("/offers/nope/report", data={"text": "x"}).status_code == 404
    assert len(stored(writable_tiny_db)) == 1


def test_markup_in_a_suggestion_is_shown_as_text_in_the_queue(writable_tiny_db):
    from editing_env import PASSWORD

    from socialmap import editing

    db = open_db(writable_tiny_db)
    editing.accept_invitation(
        db,
        editing.add_user(db, "coordinator@example.org", "coordinator", ("testville",)),
        PASSWORD,
    )
    db.close()
    client = make_app(writable_tiny_db, WTF_CSRF_ENABLED=False).test_client()
    client.post("/api/suggestions", json={"record": "offer:coffee", "text": MARKUP})
    login(client, "coordinator")
    page = client.get("/network/suggestions").get_data(as_text=True)
    assert MARKUP not in page
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    )
