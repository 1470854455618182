"""The referral desk: a social worker describes a client and gets ranked referral paths.

The profile travels only in POST bodies: the form, the result, the printable
route sheet and the "why not?" question each re-send it as hidden fields.  It
is never put into a URL, a log, a cookie or the database, and every response
that shows it is sent with ``Cache-Control: no-store``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from socialmap import search, vocab
from socialmap.errors import InvalidProfile, NotFound

from .. import maps
from ..data import get_db, get_graph
from ..i18n import current_language, in_language, labels_in
from ..pagemaps import common_map_args, page_assets
from ..routing import RouteRequest, describe_paths, home_point, run_route, why_not
from .forms import PROFILE_FORM_FIELDS, ReferralForm, fill_choices
from .sheet import things_to_bring

__all__ = ["bp"]

bp = Blueprint("referral", __name__)

_EXCLUDED_SHOWN = 50
_WHY_NOT_MATCHES = 10
#: Where an engine error about a profile field is shown on the form.
_FIELD_OF = {
    "home": "postcode",
    "home.postcode": "postcode",
    "home.neighbourhood": "neighbourhood",
    "target_groups": "target_groups",
    "known_to": "known_to",
}


def _form() -> ReferralForm:
    db = get_db()
    form = ReferralForm()
    regions = search.list_regions(db)
    region_names = {r["id"]: r["name"] for r in regions}
    neighbourhoods = [
        (
            n["id"],
            f"{n['name']} ({region_names.get(n['region'], n['region'])})"
            if len(regions) > 1
            else n["name"],
        )
        for n in search.list_neighbourhoods(db, geometry=False)
    ]
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
    message = str(exc)
    path = message.split(":", 1)[0].removeprefix("profile.")
    name = _FIELD_OF.get(path, path if path in PROFILE_FORM_FIELDS else "rung")
    form[name].errors = [*form[name].errors, message.split(":", 1)[-1].strip()]
    return _show_form(form, 422)


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
    if not form.validate():
        return _show_form(form, 422)
    lang = current_language()
    try:
        context = _paths(form, lang)
    except InvalidProfile as exc:
        return _engine_error(form, exc)
    parts = [path["map"] for path in context["paths"] if path["map"] is not None]
    return render_template(
        "referral/result.html",
        form=form,
        hidden=_hidden(form),
        assets=page_assets(parts),
        **context,
    )


def _paths(form: ReferralForm, lang: str) -> dict[str, Any]:
    profile = form.profile()
    result = run_route(RouteRequest(profile, k=int(form.k.data or 3), lang=lang))
    G = get_graph()
    home = home_point(result)
    paths = describe_paths(G, {"paths": [p.to_json() for p in result.paths]}, home)
    for path in paths:
        path["map"] = _path_map(path, home)
        for step in path["steps"]:
            step["bring"] = things_to_bring(step)
    excluded = [
        {"id": item.offer, "name": item.name, "why": [str(r) for r in item.why]}
        for item in result.excluded[:_EXCLUDED_SHOWN]
    ]
    return {
        "paths": paths,
        "reached_goal": result.reached_goal,
        "excluded": excluded,
        "excluded_total": len(result.excluded),
        "goal": profile["goal_rung"],
    }


def _path_map(path: dict[str, Any], home: tuple[float, float] | None) -> maps.MapParts | None:
    if not any(step["lat"] is not None for step in path["steps"]):
        return None
    db = get_db()
    regions = sorted({step["offer"].get("region") for step in path["steps"]} - {None})
    neighbourhoods = [n for region in regions for n in search.list_neighbourhoods(db, region)]
    colour = maps.PATH_COLOURS[(path["number"] - 1) % len(maps.PATH_COLOURS)]
    home_marker = (
        {"lat": home[0], "lon": home[1], "label": _("Client's home (approximate)")}
        if home
        else None
    )
    return maps.map_parts(
        maps.route_map(
            neighbourhoods,
            path["steps"],
            colour=colour,
            home=home_marker,
            **common_map_args([r for r in search.list_regions(db) if r["id"] in regions]),
        )
    )


@bp.post("/print")
def route_sheet() -> Any:
    """The route sheet of one path, in the client's language, laid out for printing."""
    form = _form()
    if not form.validate():
        return _show_form(form, 422)
    lang = form.sheet_language.data or current_language()
    number = request.form.get("path", "1")
    with in_language(lang):
        try:
            profile = form.profile()
            result = run_route(RouteRequest(profile, k=int(form.k.data or 3), lang=lang))
        except InvalidProfile as exc:
            return _engine_error(form, exc)
        G = get_graph()
        paths = describe_paths(
            G, {"paths": [p.to_json() for p in result.paths]}, home_point(result)
        )
        chosen = next((p for p in paths if str(p["number"]) == number), None)
        if chosen is not None:
            for step in chosen["steps"]:
                step["bring"] = things_to_bring(step)
        return render_template(
            "referral/sheet.html",
            path=chosen,
            form=form,
            hidden=_hidden(form),
            goal=profile["goal_rung"],
        )


@bp.post("/why-not")
def why_not_page() -> Any:
    """Why offers whose name matches the question are not (or could be) a step for this client."""
    form = _form()
    if not form.validate():
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
        for item in matches:
            answers.append({"offer": item, "why": why_not(form.profile(), item["id"], lang)})
    except InvalidProfile as exc:
        return _engine_error(form, exc)
    except NotFound:
        pass
    return render_template(
        "referral/why_not.html", form=form, hidden=_hidden(form), question=question, answers=answers
    )
