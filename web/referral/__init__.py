"""The referral desk: a social worker describes a client and gets ranked referral paths.

The profile travels only in POST bodies: the form, the result, the printable
route sheet and the "why not?" question each re-send it as hidden fields.  It
is never put into a URL, a log, a cookie or the database, and every response
that shows it is sent with ``Cache-Control: no-store``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext as _

from socialmap import referrals, routing, search, vocab
from socialmap.errors import EditError, InvalidProfile, NotFound
from socialmap.i18n import day
from socialmap.routing.profile import profile_errors

from .. import maps
from ..data import cached, get_db
from ..i18n import current_language, in_language, labels_in
from ..pagemaps import common_map_args, page_assets
from ..pdf import render_pdf
from ..routing import PagePath, home_point, page_paths, run_route, why_not
from . import sheet
from .forms import FIELD_HINTS, PROFILE_FORM_FIELDS, ReferralForm, fill_choices
from .sheet import desk_facts, things_to_bring

__all__ = ["bp"]

bp = Blueprint("referral", __name__)

_EXCLUDED_SHOWN = 50
_WHY_NOT_MATCHES = 10
#: Where an engine error about a profile field is shown on the form.
_FIELD_OF = {
    "home": "postcode",
    "home.postcode": "postcode",
    "home.neighbourhood": "neighbourhood",
    "max_distance_km": "max_distance_km",
    "target_groups": "target_groups",
    "known_to": "known_to",
}


def _form() -> ReferralForm:
    db = get_db()
    form = ReferralForm()
    regions = search.list_regions(db)
    region_names = {r["id"]: r["name"] for r in regions}
    neighbourhoods: dict[str, list[tuple[str, str]]] = {}
    for n in search.list_neighbourhoods(db, geometry=False):
        region = region_names.get(n["region"], n["region"])
        label = f"{n['name']} ({', '.join(n['aliases'])})" if n["aliases"] else n["name"]
        neighbourhoods.setdefault(region, []).append((n["id"], label))
    neighbourhoods = dict(sorted(neighbourhoods.items(), key=lambda item: item[0].casefold()))
    options = search.filter_options(db)
    fill_choices(
        form,
        labels_in(current_language()),
        groups=labels_in(current_language()).target_groups_in_order(options["target_groups"]),
        languages=sorted(set(options["languages"]) | set(vocab.LANGUAGES)),
        neighbourhoods=neighbourhoods,
        referrers=[
            (oid, f"{name} ({region_names.get(region, region)})" if len(regions) > 1 else name)
            for oid, name, region in options["referrers"]
        ],
        not_stated=_("Not stated"),
        choose=_("Choose …"),
    )
    if not form.sheet_language.data:
        form.sheet_language.data = current_language()
    return form


def _hidden(form: ReferralForm) -> list[tuple[str, str]]:
    """The form's profile as (name, value) pairs, for the hidden fields of follow-up forms."""
    pairs: list[tuple[str, str]] = []
    for name in PROFILE_FORM_FIELDS:
        data = form[name].data
        if isinstance(data, list):
            pairs += [(name, str(value)) for value in data]
        elif isinstance(data, bool):
            if data:
                pairs.append((name, "y"))
        elif data not in (None, ""):
            pairs.append((name, str(data)))
    return pairs


def _show_form(form: ReferralForm, status: int = 200) -> tuple[str, int]:
    return render_template("referral/form.html", form=form), status


def _engine_error(form: ReferralForm, exc: InvalidProfile) -> tuple[str, int]:
    """Show a profile error of the engine (e.g. an unknown postcode) at its form field."""
    _show_error(form, exc)
    return _show_form(form, 422)


def _show_error(form: ReferralForm, exc: InvalidProfile) -> None:
    field = exc.field
    name = _FIELD_OF.get(field, field if field in PROFILE_FORM_FIELDS else "rung")
    if form[name].errors:
        return  # the form's own check already said what is wrong here
    hint = FIELD_HINTS.get(name)
    form[name].errors = [*([str(hint)] if hint else []), exc.detail_in(current_language())]


def _valid(form: ReferralForm) -> bool:
    """The form's own checks and the engine's profile rules, every error at its field."""
    ok = form.validate()
    errors = [e for e in profile_errors(form.profile()) if e.field != "rung" or ok]
    for exc in errors:
        _show_error(form, exc)
    return ok and not errors


def _profile(form: ReferralForm) -> routing.Profile:
    """The form's profile, checked by the engine's own rules (``routing.parse_profile``)."""
    return routing.parse_profile(form.profile())


@bp.get("/")
def form() -> str:
    """The empty referral form."""
    return render_template("referral/form.html", form=_form())


@bp.post("/")
def result() -> Any:
    """The ranked paths for the posted profile, each drawn on its own map."""
    form = _form()
    if request.form.get("edit"):
        return _show_form(form)
    if not _valid(form):
        return _show_form(form, 422)
    lang = current_language()
    try:
        context = _paths(form, _profile(form), lang)
    except InvalidProfile as exc:
        return _engine_error(form, exc)
    parts = [path.map for path in context["paths"] if path.map is not None]
    return render_template(
        "referral/result.html",
        form=form,
        hidden=_hidden(form),
        assets=page_assets(parts),
        **context,
    )


def _paths(form: ReferralForm, profile: routing.Profile, lang: str) -> dict[str, Any]:
    result = run_route(profile, k=int(form.k.data or 3), lang=lang)
    home = home_point(result)
    at = sheet.now()
    paths = page_paths(result)
    for path in paths:
        path.map = _path_map(path, home)
        for step in path.steps:
            step.bring = things_to_bring(step)
            step.facts = desk_facts(step, lang, at)
    excluded = [
        {"id": item.offer, "name": item.name, "why": [str(r) for r in item.why]}
        for item in result.excluded_first(_EXCLUDED_SHOWN)
    ]
    return {
        "paths": paths,
        "reached_goal": result.reached_goal,
        "undecided": [_asked(form, field) for field in result.undecided if field in form],
        "work_ban_stops": result.work_ban == "absolute"
        and profile.goal_rung >= vocab.PAID_WORK_RUNG > result.highest_rung,
        "excluded": excluded,
        "excluded_total": result.excluded_count,
        "goal": profile.goal_rung,
    }


def _path_map(path: PagePath, home: tuple[float, float] | None) -> maps.MapParts | None:
    if not any(step.lat is not None for step in path.steps):
        return None
    db = get_db()
    regions = sorted({str(step.offer["region"]) for step in path.steps})
    points = [(s.lat, s.lon) for s in path.steps if s.lat is not None and s.lon is not None]
    points += [home] if home else []
    neighbourhoods = [
        n
        for region in regions
        for n in _neighbourhoods(db, region)
        if _near(n.get("bounds"), points)
    ]
    colour = maps.PATH_COLOURS[(path.number - 1) % len(maps.PATH_COLOURS)]
    home_marker = (
        {"lat": home[0], "lon": home[1], "label": _("Client's home (approximate)")}
        if home
        else None
    )
    return maps.map_parts(
        maps.route_map(
            neighbourhoods,
            [{"number": s.number, "name": s.name, "lat": s.lat, "lon": s.lon} for s in path.steps],
            colour=colour,
            home=home_marker,
            **common_map_args([r for r in search.list_regions(db) if r["id"] in regions]),
        )
    )


def _asked(form: ReferralForm, field: str) -> str:
    """The name of a profile field in the sentence that asks for it."""
    return _("Target groups") if field == "target_groups" else str(form[field].label.text)


def _neighbourhoods(db: Any, region: str) -> list[dict[str, Any]]:
    return cached(("neighbourhoods", region), lambda: search.list_neighbourhoods(db, region))


def _near(
    bounds: list[float] | None, points: list[tuple[float, float]], margin: float = 0.02
) -> bool:
    """Whether a neighbourhood's box (west, south, east, north) is near a point of the path.

    A path map draws only the neighbourhoods around its steps, so its size and the
    work it costs do not grow with the region (a Land has thousands).

    >>> home = [(52.07, 4.31)]
    >>> _near([4.30, 52.05, 4.32, 52.08], home), _near([6.0, 51.0, 6.1, 51.1], home)
    (True, False)
    """
    if not bounds:
        return False
    west, south, east, north = bounds
    return any(
        south - margin <= lat <= north + margin and west - margin <= lon <= east + margin
        for lat, lon in points
    )


@bp.post("/print")
def route_sheet() -> Any:
    """The route sheet of one path, in the client's language, laid out for printing."""
    return _route_sheet(pdf=False)


@bp.post("/print.pdf")
def route_sheet_pdf() -> Any:
    """The same route sheet as a PDF file to download, in the client's language."""
    return _route_sheet(pdf=True)


def _route_sheet(pdf: bool) -> Any:
    form = _form()
    if not _valid(form):
        return _show_form(form, 422)
    lang = form.sheet_language.data or current_language()
    number = request.form.get("path", "1")
    with in_language(lang):
        try:
            profile = _profile(form)
            result = run_route(profile, k=int(form.k.data or 3), lang=lang)
        except InvalidProfile as exc:
            return _engine_error(form, exc)
        chosen = next((p for p in page_paths(result) if str(p.number) == number), None)
        at = sheet.now()
        if chosen is not None:
            for step in chosen.steps:
                step.bring = things_to_bring(step)
                step.facts = desk_facts(step, lang, at)
        context = {
            "path": chosen,
            "form": form,
            "hidden": _hidden(form),
            "number": number,
            "goal": profile.goal_rung,
            "today": day(at.date(), lang),
            "sheet_lang": lang,
            "client_code": _client_code(request.form.get("client_code")),
            # typed on the desk for this sheet only: never stored or logged
            "adviser": {
                "organisation": (form.adviser_organisation.data or "").strip(),
                "name": (form.adviser_name.data or "").strip(),
                "phone": (form.adviser_phone.data or "").strip(),
            },
        }
        if not pdf:
            return render_template("referral/sheet.html", **context)
        document = render_pdf(render_template("referral/sheet_pdf.html", **context))
    name = f"route-{number if chosen else 0}.pdf"
    return Response(
        document,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _client_code(value: str | None) -> str | None:
    """A client code to print on the route sheet (a malformed one is left out)."""
    try:
        return referrals.normal_code(value) if value else None
    except EditError:
        return None


@bp.post("/why-not")
def why_not_page() -> Any:
    """Why offers whose name matches the question are not (or could be) a step for this client."""
    form = _form()
    if not _valid(form):
        return _show_form(form, 422)
    question = request.form.get("offer_query", "").strip()[:200]
    lang = current_language()
    db = get_db()
    matches = (
        search.search_offers(
            db, search.OfferFilter(q=question or None), limit=_WHY_NOT_MATCHES
        ).items
        if question
        else []
    )
    answers = []
    try:
        profile = _profile(form)
        for item in matches:
            answers.append({"offer": item, "why": why_not(profile, item["id"], lang)})
    except InvalidProfile as exc:
        return _engine_error(form, exc)
    except NotFound:
        pass
    return render_template(
        "referral/why_not.html", form=form, hidden=_hidden(form), question=question, answers=answers
    )


# Sending a step as a referral: its routes join this blueprint on import.
from . import send as _send  # noqa: E402, F401
