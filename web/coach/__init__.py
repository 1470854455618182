"""The network coach's page: the analysis of one region, with links to every offer and organisation.

Shows exactly what ``socialmap report`` writes (the sections come from
:func:`socialmap.analysis.report.sections`), plus a download of that report
and of the JSON of ``socialmap gaps --json``.  The analysis of a region takes
a second or more, so results are kept per data fingerprint, region, day and
language (a few at a time).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from typing import Any

import networkx as nx
from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from markupsafe import Markup

from socialmap import search, store
from socialmap.analysis import analyse, region_graph
from socialmap.analysis.report import CSS, render_report, sections
from socialmap.errors import shown

from ..data import get_db
from ..errors import FieldError
from ..i18n import current_language, labels_in
from ..pagemaps import default_region

__all__ = ["bp", "CACHE_SIZE", "DATE_RANGE_YEARS"]

bp = Blueprint("coach", __name__)

#: Analyses kept in memory (per data fingerprint, region, day and language).
CACHE_SIZE = 8
#: How far from today the analysis date may be (the analysis looks months ahead and back).
DATE_RANGE_YEARS = 10
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_lock = threading.Lock()


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


def _analysis(
    region: str | None, day: dt.date, lang: str
) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    """The graph and analysis of a region, from the cache when the data has not changed."""
    db = get_db()
    key = (store.data_version(db), region, day, lang)
    cache: OrderedDict[Any, Any] = current_app.extensions.setdefault(
        "socialmap.coach", OrderedDict()
    )
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]  # type: ignore[no-any-return]
    G = region_graph(db, region)
    found = (G, analyse(G, today=day, lang=lang))
    with _lock:
        cache[key] = found
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    return found


def _link(kind: str, id: str) -> str | None:
    if kind == "offer":
        return url_for("residents.offer", offer_id=id)
    if kind == "organisation":
        return url_for("residents.organisation", organisation_id=id)
    return None


@bp.get("/")
def index() -> str:
    """The analysis of one region as a page."""
    lang = current_language()
    regions = search.list_regions(get_db())
    region, day = _region(regions, lang), _day()
    G, result = _analysis(region, day, lang)
    parts = [
        (anchor, heading, Markup(html))  # built by report.py: every value escaped
        for anchor, heading, html in sections(G, result, lang=lang, link=_link)
    ]
    args: dict[str, Any] = {"region": region, "date": day.isoformat(), "lang": lang}
    return render_template(
        "coach/index.html",
        regions=regions,
        region=region,
        day=day,
        sections=parts,
        css=Markup(CSS),  # a constant of report.py
        report_url=url_for("coach.report", **args),
        json_url=url_for("coach.analysis_json", **args),
    )


@bp.get("/report.html")
def report() -> Response:
    """The self-contained HTML report, as a download."""
    lang = current_language()
    region, day = _region(search.list_regions(get_db()), lang), _day()
    G, result = _analysis(region, day, lang)
    response = Response(render_report(G, result, lang=lang), mimetype="text/html")
    name = f"socialmap-analysis-{region or 'all'}-{day.isoformat()}.html"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/analysis.json")
def analysis_json() -> Response:
    """The analysis as ``socialmap gaps --json`` prints it."""
    lang = current_language()
    region, day = _region(search.list_regions(get_db()), lang), _day()
    _, result = _analysis(region, day, lang)
    return jsonify(result)
