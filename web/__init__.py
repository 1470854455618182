"""socialmap's web front end: the neighbourhood map for residents, the referral desk, the API.

``create_app()`` is the Flask app factory (served by gunicorn: ``web:create_app()``).
Each screen is one blueprint in its own subpackage with its templates in
``templates/<blueprint>/``; :data:`BLUEPRINTS` is the one list that registers
them.  The web layer reads the database and the routing engine of the
``socialmap`` package; it writes only through :mod:`socialmap.editing`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask
from flask_wtf.csrf import CSRFProtect

from socialmap.paths import default_db_path

from . import (
    account,
    api,
    coach,
    compress,
    data,
    deploy,
    errors,
    gunicorn_config,
    hsds,
    i18n,
    join,
    links,
    manage,
    network,
    passwords,
    ratelimit,
    referral,
    residents,
    retention,
    security,
    suggestions,
)
from .api import write as api_write
from .config import load_secret_key, parse_tiles
from .manage import referrals as manage_referrals

__all__ = ["create_app", "BLUEPRINTS"]

#: Every screen of the app: (blueprint, URL prefix).  Add a screen here.
BLUEPRINTS: list[tuple[Blueprint, str | None]] = [
    (errors.bp, None),
    (residents.bp, None),
    (referral.bp, "/referral"),
    (api.bp, "/api"),
    (api_write.bp, "/api"),  # the write API: bearer tokens
    (hsds.bp, "/hsds"),
    (coach.bp, "/coach"),  # network coach's analysis
    (account.bp, "/account"),  # log in and out, invitations
    (manage.bp, "/manage"),  # organisations edit their own entries
    (passwords.bp, "/account"),  # a forgotten password: reset link by mail
    (suggestions.bp, None),  # "report a problem": /api/suggestions and the offer page's form
    (join.bp, "/join"),  # "register your organisation"
    (network.bp, "/network"),  # suggestions, history and revert; the coordinator's pages
    (manage_referrals.bp, "/manage/referrals"),  # case workers' referrals and clients
]

#: JSON APIs without cookies: there is nothing to forge, so no CSRF token is asked for
#: (the write API authenticates by bearer token only: see ``web.api.write``).
#: The suggestion form is anonymous like the API: no session to forge, no cookie on offer pages.
CSRF_EXEMPT = (api.bp, api_write.bp, suggestions.bp)

csrf = CSRFProtect()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the socialmap Flask app.

    Settings come from the defaults below, then ``test_config``, then every
    ``SOCIALMAP_*`` environment variable (``SOCIALMAP_DB``, ``SOCIALMAP_TILES``,
    ``SOCIALMAP_SECRET_KEY``, ``SOCIALMAP_PROXY``, ``SOCIALMAP_PUBLIC_URL``,
    ``SOCIALMAP_SECURE_COOKIES``, ``SOCIALMAP_LOGIN_LIMIT_ACCOUNT``, …).  Debug mode is
    never switched on here.
    """
    app = Flask(__name__)
    app.config.from_mapping(
        DB=str(default_db_path()),
        # "URL template|attribution" or "none"; the tile host is the only external one.
        TILES="https://tile.openstreetmap.org/{z}/{x}/{y}.png|© OpenStreetMap contributors",
        SECRET_KEY=None,
        PAGE_SIZE=20,
        RESULT_CACHE_SIZE=256,  # per worker; 0 switches the result cache off
        API_MAX_PAGE_SIZE=100,
        # HSDS sets no page limit: larger pages make a whole-region copy take fewer requests
        HSDS_MAX_PAGE_SIZE=1000,
        MAP_MAX_POINTS=2000,  # a map view with more offer locations shows counted grid cells
        # Time limit of one request, below gunicorn's timeout: past it the answer is a 503.
        REQUEST_SECONDS=20,
        MAX_CONTENT_LENGTH=256 * 1024,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        PROXY=0,  # trusted reverse proxies in front of the app (see web.deploy)
        PUBLIC_URL=None,  # e.g. https://sozialatlas.example.org; redirects are built on it
        SECURE_COOKIES=None,  # default: on when PUBLIC_URL is https
        # Failed logins before a pause, per account and per client address (web.account).
        LOGIN_LIMIT_ACCOUNT="5 per 15 minutes",
        LOGIN_LIMIT_ADDRESS="30 per 15 minutes",
        RATELIMIT_STORAGE_URI="memory://",  # counts per process; redis://… shares them
        # Anonymous forms, per client address (web.suggestions, web.join, web.passwords).
        SUGGESTION_LIMIT="10 per hour",
        REGISTRATION_LIMIT="5 per hour",
        RESET_LIMIT="5 per hour",
        SMTP_URL=None,  # smtp://user:pass@host:port, smtps://…, ?starttls=1 (socialmap.mail)
        MAIL_FROM=None,  # the sender of invitations, reset links and reminders
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config.from_prefixed_env("SOCIALMAP")
    app.debug = False
    app.config["DB"] = str(app.config["DB"])
    app.config["TILE_LAYER"] = parse_tiles(app.config["TILES"])
    _check_time_limit(app.config["REQUEST_SECONDS"])
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = load_secret_key(app.config["DB"])
    deploy.init_app(app)
    csrf.init_app(app)
    data.init_app(app)
    retention.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    links.init_app(app)
    ratelimit.init_app(app)
    account.init_app(app)
    compress.init_app(app)
    for blueprint, prefix in BLUEPRINTS:
        app.register_blueprint(blueprint, url_prefix=prefix)
    for blueprint in CSRF_EXEMPT:
        csrf.exempt(blueprint)
    return app


def _check_time_limit(seconds: Any) -> None:
    """``REQUEST_SECONDS`` must be a positive number below gunicorn's ``timeout``."""
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        value = -1.0
    if not 0 < value < gunicorn_config.timeout:
        raise ValueError(
            f"SOCIALMAP_REQUEST_SECONDS: expected seconds above 0 and below gunicorn's timeout"
            f" ({gunicorn_config.timeout}), got {seconds!r}"
        )
