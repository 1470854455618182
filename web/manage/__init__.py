"""``/manage/``: organisations keep their own entries up to date.

An editor sees the organisations they work for, a coordinator every
organisation of their regions (:func:`socialmap.editing.editable_organisations`).
Every page needs a login (:func:`web.account.login_required`).  Who may see and
change a record is :func:`socialmap.editing.may` on the *stored* record, whose
id is in the URL — a form never names the organisation it belongs to — and
every change is one call of :mod:`socialmap.editing`, the functions the JSON API
calls, which check the permission again, validate as an import does and record
the change; it is live at once.

A form carries the ``version`` it was opened at: when someone else saved the
record since, the page says who and when and keeps what was typed.  A refused
value is one line naming the field, in the page's language, the input kept.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from socialmap import editing
from socialmap.errors import Conflict, EditError

from ..account import current_account, login_required
from ..data import get_db, get_write_db
from ..i18n import current_language, labels_in
from .fields import FieldProblem, FormField, form_fields, patch_of, read_form, record_of
from .forms import Form, build_form

__all__ = ["bp"]

bp = Blueprint("manage", __name__)

#: kind -> the editing functions of that kind
_PATCH = {
    "organisation": editing.patch_organisation,
    "location": editing.patch_location,
    "offer": editing.patch_offer,
}
_DELETE = {"location": editing.delete_location, "offer": editing.delete_offer}
_PERMISSION = {
    "organisation": "edit organisation",
    "location": "edit location",
    "offer": "edit offer",
    "referral_link": "edit referral link",
}


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _user() -> editing.User:
    user = current_account()
    assert user is not None  # login_required
    return user


def _stored(kind: str, record_id: str) -> editing.Stored:
    """The stored record the user may edit: 404 if unknown, 403 if not theirs."""
    db = get_db()
    stored = editing.load_record(db, kind, record_id)
    if stored is None:
        abort(404)
    target = editing.target_of(db, f"{kind}:{record_id}")
    if not editing.may(_user(), _PERMISSION[kind], target):
        abort(403)
    return stored


def _organisation_url(organisation: str) -> str:
    return url_for("manage.organisation", organisation_id=organisation)


def _version() -> int | None:
    text = request.form.get("version", "")
    return int(text) if text.isdigit() else None


# --- the pages ------------------------------------------------------------------------------


@bp.get("/")
@login_required
def index() -> Any:
    """The organisations the user may edit; with one, straight to it."""
    user = _user()
    organisations = editing.editable_organisations(get_db(), user)
    if len(organisations) == 1 and user.role == "editor":
        return redirect(_organisation_url(organisations[0]["id"]))
    return render_template("manage/index.html", user=user, organisations=organisations)


@bp.get("/organisations/<organisation_id>")
@login_required
def organisation(organisation_id: str) -> Any:
    """An organisation with every offer, location and referral link: forms and buttons."""
    stored = _stored("organisation", organisation_id)
    return _organisation_page(stored)


def _organisation_page(stored: editing.Stored, form: Form | None = None) -> Any:
    db = get_db()
    entries = editing.organisation_entries(db, stored.id)
    labels = labels_in(current_language())
    form = form or build_form(
        db, "organisation", stored.region, labels, record=stored.record, version=stored.version
    )
    names = {n["id"]: n["name"] for n in editing.region_nodes(db, stored.region)}
    user = _user()
    status = 200 if not (form.errors or form.message) else (400 if form.errors else 409)
    page = render_template(
        "manage/organisation.html",
        entries=entries,
        form=form,
        labels=labels,
        names=names,
        several=len(editing.editable_organisations(db, user)) > 1,
    )
    return page, status


@bp.post("/organisations/<organisation_id>")
@login_required
def save_organisation(organisation_id: str) -> Any:
    """Save the organisation's own fields."""
    stored = _stored("organisation", organisation_id)
    return _save(stored, lambda form: _organisation_page(stored, form))


@bp.route("/offers/<offer_id>", methods=["GET", "POST"])
@login_required
def offer(offer_id: str) -> Any:
    """The form of one offer."""
    stored = _stored("offer", offer_id)
    if request.method == "POST":
        return _save(stored, lambda form: _record_page(stored, form))
    return _record_page(stored)


@bp.route("/locations/<location_id>", methods=["GET", "POST"])
@login_required
def location(location_id: str) -> Any:
    """The form of one location, with its pin on the map."""
    stored = _stored("location", location_id)
    if request.method == "POST":
        return _save(stored, lambda form: _record_page(stored, form))
    return _record_page(stored)


def _locations_of(organisation: str) -> list[editing.Stored]:
    return editing.organisation_entries(get_db(), organisation).locations


def _record_page(stored: editing.Stored, form: Form | None = None) -> Any:
    labels = labels_in(current_language())
    owner = stored.record.get("organisation")
    locations = _locations_of(owner) if stored.kind == "offer" and owner else []
    form = form or build_form(
        get_db(),
        stored.kind,
        stored.region,
        labels,
        record=stored.record,
        version=stored.version,
        locations=locations,
    )
    status = 200 if not (form.errors or form.message) else (400 if form.errors else 409)
    page = render_template(
        "manage/record.html",
        form=form,
        stored=stored,
        organisation=owner,
        title=stored.record.get("name") or stored.id,
        tile_layer=current_app.config["TILE_LAYER"],
    )
    return page, status


def _save(stored: editing.Stored, again: Any) -> Any:
    """Patch ``stored`` with the submitted form; ``again(form)`` shows a refused form."""
    labels = labels_in(current_language())
    owner = stored.id if stored.kind == "organisation" else stored.record.get("organisation")
    locations = _locations_of(owner) if stored.kind == "offer" and owner else []

    def refused(version: int | None) -> Form:
        return build_form(
            get_db(),
            stored.kind,
            stored.region,
            labels,
            typed=request.form,
            version=version,
            locations=locations,
        )

    fields = list(form_fields(stored.kind))
    try:
        values = read_form(fields, request.form)
    except FieldProblem as problem:
        form = refused(_version())
        form.errors[problem.field.name] = _problem_line(problem.field, str(problem.text))
        return again(form)
    patch = patch_of(stored.record, values)
    if not patch:
        flash(_("Nothing was changed."), "info")
        return redirect(_back(stored))
    try:
        _PATCH[stored.kind](get_write_db(), stored.id, patch, user=_user(), if_match=_version())
    except Conflict as exc:
        now = editing.load_record(get_db(), stored.kind, stored.id)
        form = refused(now.version if now else None)
        form.message = _conflict_line(exc)
        if now is not None:
            form.show_current(now.record)
        return again(form)
    except EditError as exc:
        form = refused(_version())
        _attach(form, fields, exc)
        return again(form)
    flash(_("Saved. The change is live on the map now."), "success")
    return redirect(_back(stored))


def _back(stored: editing.Stored) -> str:
    owner = stored.id if stored.kind == "organisation" else stored.record.get("organisation")
    return _organisation_url(str(owner))


def _problem_line(field: FormField, text: str) -> str:
    return f"{field.label}: {text}"  # both parts are in the page's language already


def _conflict_line(exc: Conflict) -> str:
    if exc.changed_by is None:
        return _("This entry was changed since you opened it. Please check and save again.")
    return _(
        "This entry was changed by %(name)s at %(time)s since you opened it. Your input is "
        "kept below: compare it with the current entry and save again.",
        name=exc.changed_by,
        time=(exc.changed_at or "")[:16].replace("T", " "),
    )


def _attach(form: Form, fields: list[FormField], exc: EditError) -> None:
    """Show the library's refusal at the field it names (or above the form)."""
    names = {f.path: f for f in fields} | {f.name: f for f in fields}
    key = (exc.field or "").split("/")[0]
    field = names.get(key) or names.get(key.rsplit(".", 1)[-1])
    detail = str(exc).split(": ", 1)[-1]
    if field is not None:
        form.errors[field.name] = _(
            "%(field)s: this value was not accepted (%(detail)s).",
            field=field.label,
            detail=detail,
        )
    else:
        form.message = _("The entry was not saved: %(detail)s", detail=detail)


# --- new offers and locations -----------------------------------------------------------------


@bp.route(
    "/organisations/<organisation_id>/offers/new",
    defaults={"kind": "offer"},
    methods=["GET", "POST"],
)
@bp.route(
    "/organisations/<organisation_id>/locations/new",
    defaults={"kind": "location"},
    methods=["GET", "POST"],
)
@login_required
def new(organisation_id: str, kind: str) -> Any:
    """A new offer or location of the organisation."""
    record_kind = kind
    owner = _stored("organisation", organisation_id)
    target = editing.target_of(get_db(), f"organisation:{owner.id}")
    if not editing.may(_user(), _PERMISSION[record_kind], target):
        abort(403)
    labels = labels_in(current_language())
    locations = _locations_of(owner.id) if record_kind == "offer" else []

    def page(form: Form, status: int = 200) -> Any:
        body = render_template(
            "manage/record.html",
            form=form,
            stored=None,
            organisation=owner.id,
            title=_("New offer") if record_kind == "offer" else _("New location"),
            tile_layer=current_app.config["TILE_LAYER"],
        )
        return body, status

    typed = request.form if request.method == "POST" else None
    form = build_form(get_db(), record_kind, owner.region, labels, typed=typed, locations=locations)
    if request.method == "GET":
        return page(form)
    try:
        values = read_form(list(form.fields), request.form)
    except FieldProblem as problem:
        form.errors[problem.field.name] = _problem_line(problem.field, str(problem.text))
        return page(form, 400)
    record = {**record_of(values), "organisation": owner.id}
    create = editing.create_offer if record_kind == "offer" else editing.create_location
    try:
        create(get_write_db(), record, user=_user())
    except EditError as exc:
        _attach(form, list(form.fields), exc)
        return page(form, 400)
    flash(_("Added. It is live on the map now."), "success")
    return redirect(_organisation_url(owner.id))


# --- "still correct" and removing -------------------------------------------------------------


@bp.post("/offers/<offer_id>/verify")
@login_required
def verify_offer(offer_id: str) -> Response:
    """ "Still correct": the offer's ``last_verified`` becomes today."""
    stored = _stored("offer", offer_id)
    editing.verify_offer(get_write_db(), stored.id, user=_user())
    flash(
        _("Thank you: “%(name)s” is marked as checked today.", name=stored.record["name"]),
        "success",
    )
    return redirect(_back(stored))


@bp.post("/organisations/<organisation_id>/verify")
@login_required
def verify_organisation(organisation_id: str) -> Response:
    """ "All still correct": the organisation and every offer of it are checked today."""
    stored = _stored("organisation", organisation_id)
    offers = editing.organisation_entries(get_db(), stored.id).offers
    db = get_write_db()
    editing.verify_organisation(db, stored.id, user=_user())
    for offer_entry in offers:
        editing.verify_offer(db, offer_entry.id, user=_user())
    flash(
        _("Thank you: the organisation and all its offers are marked as checked today."), "success"
    )
    return redirect(_back(stored))


@bp.post("/offers/<record_id>/delete", defaults={"kind": "offer"})
@bp.post("/locations/<record_id>/delete", defaults={"kind": "location"})
@login_required
def delete(kind: str, record_id: str) -> Response:
    """Remove an offer or a location (with the version it was seen at)."""
    stored = _stored(kind, record_id)
    try:
        _DELETE[stored.kind](get_write_db(), stored.id, user=_user(), if_match=_version())
    except Conflict as exc:
        flash(_conflict_line(exc), "error")
    except EditError as exc:
        flash(
            _("This entry cannot be removed yet: %(detail)s", detail=str(exc).split(": ", 1)[-1]),
            "error",
        )
    else:
        flash(_("Removed. The map no longer shows it."), "success")
    return redirect(_back(stored))


from . import links  # noqa: E402,F401  (the referral link pages join this blueprint)
