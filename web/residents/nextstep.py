"""'What is my next step?': five questions for a resident, the routing engine's first steps.

The answers (what you want, postcode, languages, age band, what matters) become
a routing profile for one request: they travel only in the POST body (CSRF
protected), are not stored, not logged and never put into a URL.  The engine
(:func:`web.routing.run_route`, the desk's engine) ranks the paths; this page
shows the two or three best *first* steps — those of the kind the resident asked
for first — with who to contact and how, and the best path in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from socialmap import geo, routing, search
from socialmap.errors import NotFound
from socialmap.i18n import N_

from ..data import get_db
from ..i18n import current_language
from ..routing import PagePath, page_paths, run_route
from . import bp

__all__ = ["WANTS", "AGE_BANDS", "NEEDS", "Want", "first_steps"]


@dataclass(frozen=True)
class Want:
    """One answer to "what do you want?": the label, the climb it means, the kinds that fit."""

    label: str
    rung: int
    goal: int
    categories: tuple[str, ...]


WANTS: dict[str, Want] = {
    "language": Want(N_("Learn the language"), 2, 3, ("language-course",)),
    "people": Want(
        N_("Meet people"), 1, 2, ("information", "counselling", "volunteering", "language-course")
    ),
    "work": Want(N_("Find work"), 4, 6, ("job-coaching", "employment", "work-experience")),
    "training": Want(N_("Training"), 3, 5, ("qualification", "school-education", "digital-skills")),
    "children": Want(N_("Help with children"), 1, 3, ("childcare", "parenting-support")),
}

#: Age bands and the age the engine checks (an offer's age limits are whole years).
AGE_BANDS: dict[str, tuple[str, int]] = {
    "under-18": (N_("Under 18"), 17),
    "18-26": (N_("18 to 26"), 22),
    "27-49": (N_("27 to 49"), 35),
    "50-66": (N_("50 to 66"), 58),
    "67-plus": (N_("67 or older"), 70),
}

NEEDS: dict[str, str] = {
    "childcare": N_("Childcare while I take part"),
    "wheelchair": N_("Wheelchair access"),
}

#: Languages offered as answers (besides the regions' own), by their own names.
SPOKEN = ("de", "nl", "en", "ar", "tr", "uk", "fa", "ti", "ru", "pl", "so", "ku")
_MAX_STEPS = 3
_PATHS = 10


def _choices(db: Any) -> list[str]:
    spoken = list(SPOKEN)
    for region in search.list_regions(db):
        spoken += [code for code in region["languages"] if code not in spoken]
    return spoken


@bp.route("/next-step", methods=["GET", "POST"])
def next_step() -> Response:
    """The questions (GET), or the first steps for the answers (POST)."""
    db = get_db()
    languages = _choices(db)
    if request.method == "GET":
        return _page(render_template("residents/next_step.html", **_form_args(languages, {}, {})))
    answers, errors = _read(request.form, languages)
    if errors:
        page = render_template("residents/next_step.html", **_form_args(languages, answers, errors))
        return _page(page, 400)
    lang = current_language()
    want = WANTS[answers["want"]]
    profile = routing.parse_profile(
        {
            "rung": want.rung,
            "goal_rung": want.goal,
            "age": AGE_BANDS[answers["age"]][1] if answers.get("age") else None,
            "languages": answers["languages"] or None,
            "home": {"postcode": answers["postcode"]},
            "needs": answers["needs"],
            "online_ok": True,
        }
    )
    result = run_route(profile, k=_PATHS, lang=lang.partition("@")[0])
    paths = page_paths(result)
    steps, best = first_steps(paths, want)
    page = render_template(
        "residents/next_step_result.html",
        want=want,
        steps=steps,
        best=best,
        reached_goal=result.reached_goal,
    )
    return _page(page)


def _page(body: str, status: int = 200) -> Response:
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"  # the answers are the resident's own
    return response


def _form_args(
    languages: list[str], answers: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    return {
        "wants": WANTS,
        "age_bands": AGE_BANDS,
        "needs": NEEDS,
        "spoken": languages,
        "answers": answers,
        "errors": errors,
    }


def _read(form: MultiDict[str, str], languages: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers of the form and, per field, the one-line error to show beside it."""
    errors: dict[str, str] = {}
    want = form.get("want", "")
    if want not in WANTS:
        errors["want"] = _("Please choose what you want.")
    postcode = form.get("postcode", "").strip()[:12]
    if not postcode:
        errors["postcode"] = _("Please enter your postcode.")
    else:
        try:
            geo.postcode_centroid(postcode)
        except NotFound:
            errors["postcode"] = _("This postcode is not known here. Please check it.")
    age = form.get("age", "")
    if age and age not in AGE_BANDS:
        errors["age"] = _("Please choose an age group.")
    answers = {
        "want": want,
        "postcode": postcode,
        "languages": [code for code in form.getlist("languages") if code in languages],
        "age": age if age in AGE_BANDS else "",
        "needs": [need for need in form.getlist("needs") if need in NEEDS],
    }
    return answers, errors


def first_steps(paths: list[PagePath], want: Want) -> tuple[list[Any], PagePath | None]:
    """The best distinct first steps (the wanted kinds first, then cheapest) and the best path.

    The best path is the cheapest one starting with the first of those steps.
    """
    firsts: dict[str, tuple[tuple[int, float, int], Any, PagePath]] = {}
    for order, path in enumerate(paths):
        if not path.steps:
            continue
        step = path.steps[0]
        rank = (0 if step.category in want.categories else 1, path.cost, order)
        if step.id not in firsts or rank < firsts[step.id][0]:
            firsts[step.id] = (rank, step, path)
    ranked = sorted(firsts.values(), key=lambda item: item[0])[:_MAX_STEPS]
    return [step for _rank, step, _path in ranked], (ranked[0][2] if ranked else None)
