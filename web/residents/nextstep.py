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
from ..routing import PagePath, page_paths, run_route, why_not
from . import bp

__all__ = ["WANTS", "AGE_BANDS", "NEEDS", "Want", "FirstStep", "first_steps"]


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
_NEARBY = 8
_NEARBY_KM = 15.0  # "near home": a bus ride, not another city


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
    home = geo.postcode_centroid(answers["postcode"])
    nearby = _wanted_nearby(db, profile, want, home, lang.partition("@")[0])
    steps, best = first_steps(paths, want, nearby)
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


@dataclass
class FirstStep:
    """A first step found near home among the wanted kinds (the engine checked it eligible)."""

    offer: dict[str, Any]  # search.get_offer()
    distance_km: float | None

    @property
    def id(self) -> str:
        return str(self.offer["id"])

    @property
    def category(self) -> str:
        return str(self.offer["category"])

    @property
    def organisation(self) -> dict[str, Any]:
        return dict(self.offer["organisation"])

    @property
    def referrers(self) -> list[str]:
        return [org["name"] for org in self.offer.get("requires_referral_by", ())]

    @property
    def location(self) -> dict[str, Any] | None:
        located = [loc for loc in self.offer.get("locations", ()) if loc.get("lat") is not None]
        return located[0] if located else None


def _wanted_nearby(
    db: Any, profile: routing.Profile, want: Want, home: tuple[float, float], lang: str
) -> list[FirstStep]:
    """Offers of the wanted kinds near home that take the resident's rung and that the
    engine finds eligible (:func:`web.routing.why_not` is empty), nearest first."""
    found: list[FirstStep] = []
    for category in want.categories:
        near = search.OfferFilter(category=category, rung=want.rung, near=home)
        for item in search.list_offers(db, near, limit=_NEARBY):
            far = item["distance_km"] is None or item["distance_km"] > _NEARBY_KM
            if far or why_not(profile, item["id"], lang):
                continue
            found.append(FirstStep(search.get_offer(db, item["id"]), item["distance_km"]))
    return sorted(found, key=lambda step: step.distance_km or 0.0)


def first_steps(
    paths: list[PagePath],
    want: Want,
    nearby: list[FirstStep] = (),  # type: ignore[assignment]
) -> tuple[list[Any], PagePath | None]:
    """The best distinct first steps and the best path.

    First the paths' first steps of the wanted kinds (cheapest path first), then
    eligible offers of those kinds near home, then the other paths' first steps.
    The best path is the cheapest one starting with a step of a wanted kind,
    else the cheapest.
    """
    wanted: list[Any] = []
    others: list[Any] = []
    best: PagePath | None = None
    for path in sorted(paths, key=lambda p: p.cost):
        if not path.steps:
            continue
        step = path.steps[0]
        if step.category in want.categories:
            wanted.append(step)
            best = best or path
        else:
            others.append(step)
    chosen: list[Any] = []
    for step in [*wanted, *nearby, *others]:
        if step.id not in {c.id for c in chosen}:
            chosen.append(step)
    if best is None and paths:
        best = min((p for p in paths if p.steps), key=lambda p: p.cost, default=None)
    return chosen[:_MAX_STEPS], best
