"""The network coach's page: the analysis of one region, with links to every offer and organisation.

Shows exactly what ``socialmap report`` writes (the sections come from
:func:`socialmap.analysis.report.sections`), plus a download of that report
and of the JSON of ``socialmap gaps --json``.  The analysis of a region takes
seconds (minutes at state scale), so it never runs inside a request: the
analyses of today's default page in every interface language are prepared in
the background when the app starts and again after every change of the data,
and any other region or day is prepared on first request — one analysis at a
time, while the page answers 503 "being prepared" with ``Retry-After``
(after waiting ``COACH_WAIT_SECONDS`` for it).  The analysis itself runs in a
child process and leaves its pages in files that every worker shares
(:mod:`socialmap.analysis.prepared`, folder ``COACH_CACHE``, default beside the
database), so a worker never holds the region's graph nor waits for it; each
worker keeps the pages it read in one small :class:`~web.data.ResultCache`
(:data:`CACHE_SIZE` analyses); ``date`` must lie within :data:`DATE_RANGE_YEARS` of today.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import partial
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from markupsafe import Markup

from socialmap import search, store, vocab
from socialmap.analysis.clients import CLIENT_TYPES
from socialmap.analysis.prepared import Prepared, prepare
from socialmap.analysis.report import CSS
from socialmap.errors import shown
from socialmap.store import open_db

from ..data import ResultCache, get_db, on_data_change
from ..errors import FieldError
from ..i18n import current_language, labels_in
from ..pagemaps import default_region

__all__ = ["bp", "CACHE_SIZE", "DATE_RANGE_YEARS"]

bp = Blueprint("coach", __name__)

#: Analyses kept in memory (per data version, region, day and language).
CACHE_SIZE = 8
#: How far from today the analysis date may be (the analysis looks months ahead and back).
DATE_RANGE_YEARS = 10
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EXTENSION = "socialmap.coach"


@bp.record_once
def _setup(state: Any) -> None:
    """One analysis cache per app; the default pages prepared at start and after every change."""
    app = state.app
    app.extensions[_EXTENSION] = ResultCache(CACHE_SIZE)
    app.config.setdefault("COACH_WAIT_SECONDS", 2.0)
    app.config.setdefault("COACH_CACHE", str(Path(app.config["DB"]).with_suffix(".coach")))
    app.config.setdefault("COACH_PREPARE", True)
    if app.config["COACH_PREPARE"]:
        started: set[int] = set()

        def on_start() -> None:
            # In each process that serves (a gunicorn worker), not in the master that forks it.
            if os.getpid() not in started:
                started.add(os.getpid())
                prepare_defaults(app)

        app.before_request(on_start)
        on_data_change(app, prepare_defaults)


def prepare_defaults(app: Flask) -> None:
    """Start preparing today's default page of every interface language its region speaks."""
    db = open_db(app.config["DB"], create=False)
    try:
        regions = search.list_regions(db)
        version = store.data_version(db)
    finally:
        db.close()
    today, speaks = dt.date.today(), {r["id"]: r["languages"] for r in regions}
    keys = [
        (region, today, lang)
        for lang in vocab.LANGUAGES
        if (region := default_region(regions, lang)) is not None and lang in speaks[region]
    ]
    jobs = [(key, partial(_compute, app.config, version, *key)) for key in keys]
    app.extensions[_EXTENSION].background(version, jobs)


def _compute(
    config: Any,
    version: int,
    region: str | None,
    day: dt.date,
    lang: str,
    client: str = "typical",
) -> Prepared:
    """The pages of one analysis (in a background thread, which waits for the child process)."""
    return prepare(
        config["DB"],
        config["COACH_CACHE"],
        version,
        region,
        day,
        lang,
        link_prefix=config.get("APPLICATION_ROOT", "/").rstrip("/"),
        client=client,
    )


def client_type_labels() -> dict[str, str]:
    """The client types a coach can choose, in the interface language."""
    return {
        "typical": _("The typical client of each group"),
        "arabic": _("Speaks Arabic, not the local language"),
        "near": _("Travels at most 2 km"),
        "arabic-near": _("Speaks Arabic and travels at most 2 km"),
        "offline": _("Cannot take part online"),
    }


def _client() -> str:
    """The ``client`` argument: a key of ``CLIENT_TYPES`` (default: the typical client)."""
    asked = request.args.get("client", "").strip() or "typical"
    if asked not in CLIENT_TYPES:
        raise FieldError(
            "client",
            f"client: unknown client type {shown(asked)} (expected one of: "
            f"{', '.join(CLIENT_TYPES)})",
            _("This client type is not known. Please choose one from the list."),
        )
    return asked


def _day() -> dt.date:
    """The ``date`` argument (YYYY-MM-DD, within :data:`DATE_RANGE_YEARS` of today).

    Default today; a bad value is a 400 naming ``date``.
    """
    text = request.args.get("date", "").strip()
    today = dt.date.today()
    if not text:
        return today
    reach = dt.timedelta(days=round(365.25 * DATE_RANGE_YEARS))
    first, last = today - reach, today + reach
    try:
        day = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise FieldError(
            "date",
            f"date: {shown(text)} is not a date (YYYY-MM-DD)",
            _("Enter the date as YYYY-MM-DD, for example %(today)s.", today=today.isoformat()),
        )
    if not first <= day <= last:
        labels = labels_in(current_language())
        raise FieldError(
            "date",
            f"date: {day.isoformat()} is not between {first.isoformat()} and {last.isoformat()}",
            _(
                "Choose a date between %(first)s and %(last)s.",
                first=labels.date(first.isoformat()),
                last=labels.date(last.isoformat()),
            ),
        )
    return day


def _region(regions: list[dict[str, Any]], lang: str) -> str | None:
    """The ``region`` argument, default the region speaking the interface language."""
    asked = request.args.get("region", "").strip()
    if not asked:
        return default_region(regions, lang)
    if asked not in {r["id"] for r in regions}:
        raise FieldError(
            "region",
            f"region: unknown region {shown(asked)}",
            _("This region is not in the database. Please choose one from the list."),
        )
    return asked


def _analysis(region: str | None, day: dt.date, lang: str) -> Prepared:
    """The pages of a region's analysis, prepared in the background (or NotReady: a 503)."""
    cache: ResultCache = current_app.extensions[_EXTENSION]
    config = current_app.config
    version = store.data_version(get_db())
    client = _client()
    compute = partial(_compute, config, version, region, day, lang, client)
    wait = float(config["COACH_WAIT_SECONDS"])
    key = (region, day, lang) if client == "typical" else (region, day, lang, client)
    return cache.prepare(version, key, compute, wait)


@bp.get("/")
def index() -> str:
    """The analysis of one region as a page."""
    lang = current_language()
    regions = search.list_regions(get_db())
    region, day = _region(regions, lang), _day()
    analysis = _analysis(region, day, lang)
    parts = [
        (anchor, heading, Markup(html))  # built by report.py: every value escaped
        for anchor, heading, html in analysis.sections
    ]
    args: dict[str, Any] = {"region": region, "date": day.isoformat(), "lang": lang}
    if _client() != "typical":
        args["client"] = _client()
    return render_template(
        "coach/index.html",
        regions=regions,
        region=region,
        day=day,
        sections=parts,
        css=Markup(CSS),  # a constant of report.py
        client=_client(),
        client_types=client_type_labels(),
        report_url=url_for("coach.report", **args),
        json_url=url_for("coach.analysis_json", **args),
    )


@bp.get("/report.html")
def report() -> Response:
    """The self-contained HTML report, as a download."""
    lang = current_language()
    region, day = _region(search.list_regions(get_db()), lang), _day()
    analysis = _analysis(region, day, lang)
    response = Response(analysis.report, mimetype="text/html")
    name = f"socialmap-analysis-{region or 'all'}-{day.isoformat()}.html"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/analysis.json")
def analysis_json() -> Response:
    """The analysis as ``socialmap gaps --json`` prints it."""
    lang = current_language()
    region, day = _region(search.list_regions(get_db()), lang), _day()
    analysis = _analysis(region, day, lang)
    return Response(analysis.json, mimetype="application/json")
