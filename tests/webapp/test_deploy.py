"""Behind a reverse proxy: redirects never trust the Host header, cookies get Secure when set."""

from __future__ import annotations

import pytest
from conftest import make_app

EVIL = {"Host": "evil.example"}
FORGED = {
    "Host": "evil.example",
    "X-Forwarded-Host": "evil2.example",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Prefix": "/atlas",
}
#: Pages Werkzeug's routing redirects (trailing slash, merged slashes).
REDIRECTS = ["/referral", "/coach", "/hsds", "//referral", "/referral?lang=de"]
#: Pages that set a cookie: the language switch, and a form (its CSRF token is in the session).
COOKIE_PAGES = ["/?lang=de", "/referral/?lang=nl", "/offers/coffee?lang=en"]


def _cookies(client, url, headers=None) -> list[str]:
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return response.headers.getlist("Set-Cookie")


@pytest.mark.parametrize("url", REDIRECTS)
def test_a_redirect_never_names_the_host_the_request_claimed(tiny_db, url):
    for config in ({}, {"PROXY": 1}):
        client = make_app(tiny_db, **config).test_client()
        for headers in (EVIL, FORGED):
            response = client.get(url, headers=headers)
            assert response.status_code == 308, url
            location = response.headers["Location"]
            assert "evil" not in location, (config, headers, location)
            assert location.startswith("/") and not location.startswith("//"), location


def test_redirects_are_built_on_the_public_url(tiny_db):
    client = make_app(tiny_db, PUBLIC_URL="https://map.example.org/").test_client()
    for headers in (EVIL, FORGED):
        response = client.get("/referral?lang=de", headers=headers)
        assert response.headers["Location"] == "https://map.example.org/referral/?lang=de"
    prefixed = make_app(tiny_db, PUBLIC_URL="https://example.org/atlas", PROXY=1).test_client()
    response = prefixed.get("/coach", headers=FORGED)
    assert response.headers["Location"] == "https://example.org/atlas/coach/"


def test_pages_do_not_name_the_claimed_host(client):
    for url in ("/", "/offers/coffee", "/referral/", "/coach/", "/hsds/", "/api/offers"):
        response = client.get(url, headers=EVIL)
        assert response.status_code == 200, url
        assert "evil.example" not in response.get_data(as_text=True), url


def test_forwarded_headers_count_only_from_trusted_proxies(tiny_db):
    # Without SOCIALMAP_PROXY a client's X-Forwarded-* change nothing …
    untrusting = make_app(tiny_db).test_client()
    assert untrusting.get("/coach", headers=FORGED).headers["Location"] == "/coach/"
    assert all("Secure" not in c for c in _cookies(untrusting, "/?lang=de", FORGED))
    # … with one trusted proxy, its prefix and scheme are believed.
    behind = make_app(tiny_db, PROXY=1).test_client()
    assert behind.get("/coach", headers=FORGED).headers["Location"] == "/atlas/coach/"
    assert all("Secure" in c for c in _cookies(behind, "/?lang=de", FORGED))


@pytest.mark.parametrize(
    "config",
    [{"SECURE_COOKIES": True}, {"SECURE_COOKIES": "true"}, {"PUBLIC_URL": "https://map.example"}],
    ids=["on", "on-as-text", "https-public-url"],
)
def test_every_cookie_is_secure_when_configured(tiny_db, config):
    client = make_app(tiny_db, **config).test_client()
    cookies = [c for url in COOKIE_PAGES for c in _cookies(client, url)]
    assert {c.split("=", 1)[0] for c in cookies} == {"lang", "session"}
    for cookie in cookies:
        assert "; Secure" in cookie and "HttpOnly" in cookie, cookie


@pytest.mark.parametrize(
    "config",
    [
        {},
        {"PUBLIC_URL": "http://localhost:8000"},
        {"PUBLIC_URL": "https://m.example", "SECURE_COOKIES": "false"},
    ],
    ids=["default", "http-public-url", "off"],
)
def test_cookies_are_not_secure_otherwise(tiny_db, config):
    client = make_app(tiny_db, **config).test_client()
    cookies = [c for url in COOKIE_PAGES for c in _cookies(client, url)]
    assert cookies and all("Secure" not in c for c in cookies)


def test_settings_come_from_the_environment(tiny_db, monkeypatch):
    monkeypatch.setenv("SOCIALMAP_PROXY", "1")
    monkeypatch.setenv("SOCIALMAP_PUBLIC_URL", "https://map.example.org")
    app = make_app(tiny_db)
    assert (app.config["PROXY"], app.config["SESSION_COOKIE_SECURE"]) == (1, True)
    monkeypatch.setenv("SOCIALMAP_SECURE_COOKIES", "false")
    assert make_app(tiny_db).config["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"PROXY": "two"}, "SOCIALMAP_PROXY"),
        ({"PROXY": -1}, "SOCIALMAP_PROXY"),
        ({"PUBLIC_URL": "map.example.org"}, "SOCIALMAP_PUBLIC_URL"),
        ({"SECURE_COOKIES": "maybe"}, "SOCIALMAP_SECURE_COOKIES"),
    ],
)
def test_a_bad_setting_is_a_clear_error(tiny_db, config, message):
    with pytest.raises(ValueError, match=message):
        make_app(tiny_db, **config)


def _raw_get(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, list[str]]]:
    """One GET with exactly these headers (urllib would follow redirects and set Host)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.putrequest("GET", path, skip_host="Host" in headers)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    found: dict[str, list[str]] = {}
    for name, value in response.getheaders():
        found.setdefault(name.lower(), []).append(value)
    conn.close()
    return response.status, found


@pytest.mark.slow
@pytest.mark.parametrize(("proxies", "trusted"), [(None, False), ("1", True)])
def test_under_gunicorn_only_socialmap_proxy_decides_whom_to_trust(
    tiny_db, tmp_path, proxies, trusted
):
    from socialmap_bench.server import free_port, gunicorn_server

    port = free_port()
    settings = {"SOCIALMAP_TILES": "none"}
    if proxies:
        settings["SOCIALMAP_PROXY"] = proxies
    with (
        (tmp_path / "gunicorn.log").open("w+b") as log,
        gunicorn_server(tiny_db, port, 1, log=log, settings=settings, ready_within=60),
    ):
        status, headers = _raw_get(port, "/referral", FORGED)
        assert status == 308
        assert headers["location"] == ["/atlas/referral/" if trusted else "/referral/"]
        # gunicorn alone would believe X-Forwarded-Proto from loopback; socialmap does not.
        status, headers = _raw_get(port, "/?lang=de", FORGED)
        assert status == 200
        assert all(("Secure" in c) == trusted for c in headers["set-cookie"]), headers
