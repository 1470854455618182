"""Escaping of hostile data, security headers, no external hosts, no debug, the secret key."""

from __future__ import annotations

import os
import re
import stat

import pytest
from web_datasets import HOSTILE_STRINGS, JS_URL

from web.config import load_secret_key, parse_tiles

PAGES = [
    "/",
    "/offers/coffee",
    "/offers/language",
    "/offers/volunteer",
    "/offers/job",
    "/organisations/municipality",
    "/organisations/women-centre",
    "/organisations/college",
    "/referral/",
    "/nowhere",
    "/?q=%3Cscript%3E",
]
PROFILE = {
    "rung": "1",
    "goal_rung": "6",
    "languages": ["nl", "tr"],
    "gender": "female",
    "postcode": "2513",
    "online_ok": "y",
    "sheet_language": "en",
    "k": "3",
}


def hostile_responses(client):
    for url in PAGES:
        yield url, client.get(url, headers={"Accept-Language": "en"})
    yield "POST /referral/", client.post("/referral/", data=PROFILE)
    yield "POST /referral/print", client.post("/referral/print", data={**PROFILE, "path": "1"})
    yield (
        "POST /referral/why-not",
        client.post("/referral/why-not", data={**PROFILE, "offer_query": "taal"}),
    )


def test_hostile_strings_are_escaped_everywhere(hostile_app):
    client = hostile_app.test_client()
    for url, response in hostile_responses(client):
        assert response.status_code in (200, 404), url
        html = response.get_data(as_text=True)
        for tag in ("<script>window", "<img src=x", "<svg onload", "</script><script>"):
            assert tag not in _outside_scripts(html), (url, tag)
        # Inside our own scripts, data only ever appears JSON-encoded (< as \u003c).
        for script in re.findall(r"<script nonce=[^>]*>(.*?)</script>", html, flags=re.S):
            assert "<" not in script.replace("\\u003c", ""), url
        assert f'href="{JS_URL}' not in html, url


def _outside_scripts(html: str) -> str:
    return re.sub(r"<script nonce=[^>]*>.*?</script>", "", html, flags=re.S)


def test_hostile_strings_are_shown_as_text(hostile_app):
    client = hostile_app.test_client()
    html = client.get("/offers/coffee").get_data(as_text=True)
    assert "Koffie &lt;script&gt;window.__xss=1;alert(&#39;script&#39;)&lt;/script&gt;" in html


def test_api_returns_data_as_data(hostile_app):
    client = hostile_app.test_client()
    body = client.get("/api/offers/coffee").get_json()
    assert body["description"] in HOSTILE_STRINGS
    response = client.get("/api/offers.geojson")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/geo+json"


@pytest.mark.parametrize("url", ["/", "/offers/job", "/api/offers", "/referral/", "/nowhere"])
def test_security_headers(client, url):
    headers = client.get(url).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy.split(";")[1]


def test_inline_scripts_carry_the_nonce(client):
    response = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)


def _external_urls(html: str) -> set[str]:
    return set(re.findall(r"(?:https?:)?//[A-Za-z0-9.\-]+(?::\d+)?", html))


@pytest.mark.parametrize("url", PAGES)
def test_pages_reference_no_external_host(client, url):
    assert _external_urls(client.get(url).get_data(as_text=True)) == set()


def test_only_the_configured_tile_host_is_referenced(tiny_db):
    from conftest import make_app

    app = make_app(tiny_db, TILES="https://tiles.example.net/{z}/{x}/{y}.png|© Example tiles")
    client = app.test_client()
    response = client.get("/")
    assert _external_urls(response.get_data(as_text=True)) == {"https://tiles.example.net"}
    assert "https://tiles.example.net" in response.headers["Content-Security-Policy"]
    assert "Example tiles" in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["ftp://x/{z}", "https://x/tiles.png", "nonsense"])
def test_bad_tile_settings_are_refused(value):
    with pytest.raises(ValueError, match="SOCIALMAP_TILES"):
        parse_tiles(value)


def test_debug_is_never_on(tiny_db, monkeypatch):
    from conftest import make_app

    monkeypatch.setenv("SOCIALMAP_DEBUG", "true")
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert make_app(tiny_db).debug is False


def test_secret_key_is_shared_through_a_private_file(tmp_path):
    db = tmp_path / "city.db"
    first = load_secret_key(str(db))
    assert load_secret_key(str(db)) == first  # another worker, another restart: the same key
    key_file = tmp_path / "city.db.secret-key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert len(first) >= 32
    assert load_secret_key(":memory:") != load_secret_key(":memory:")


def test_secret_key_from_the_environment_wins(tiny_db, monkeypatch):
    from conftest import make_app

    monkeypatch.setenv("SOCIALMAP_SECRET_KEY", "k" * 40)
    assert make_app(tiny_db).config["SECRET_KEY"] == "k" * 40
