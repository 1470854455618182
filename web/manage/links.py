"""Referral links on ``/manage/``: add one, change it, confirm it ("still true"), end it.

Editors of either side may do each (:data:`socialmap.editing.RULES`, "edit
referral link"); the link's two ends are in the URL and the permission is
:func:`socialmap.editing.may` on the stored link, or — for a new link — on its
two ends.  A link names the contact person of each side.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from socialmap import editing
from socialmap.errors import Conflict, EditError

from ..account import login_required
from ..data import get_db, get_write_db
from ..i18n import current_language, labels_in
from . import _attach, _conflict_line, _problem_line, _stored, _user, _version, bp
from .fields import FieldProblem, patch_of, read_form, record_of
from .forms import Form, build_form


def _link_id(source: str, target: str) -> str:
    return f"{source}->{target}"


def _home(organisation: str | None, link: editing.Stored | None = None) -> str:
    """Back to ``organisation`` (where the person came from), else to an organisation of
    the link's ends that they edit, else to their start page."""
    if not organisation and link is not None:
        db = get_db()
        owners = sorted(editing.target_of(db, f"referral_link:{link.id}").organisations)
        user = _user()
        organisation = next(
            (
                o
                for o in owners
                if editing.may(
                    user, "edit organisation", editing.target_of(db, f"organisation:{o}")
                )
            ),
            None,
        )
    if organisation:
        return url_for("manage.organisation", organisation_id=organisation)
    return url_for("manage.index")


def _page(form: Form, stored: editing.Stored | None, organisation: str, **extra: Any) -> Any:
    db = get_db()
    region = stored.region if stored else extra.pop("region")
    nodes = editing.region_nodes(db, region)
    status = 200 if not (form.errors or form.message) else (400 if form.errors else 409)
    body = render_template(
        "manage/link.html",
        form=form,
        stored=stored,
        organisation=organisation,
        names={n["id"]: n["name"] for n in nodes},
        nodes=nodes,
        **extra,
    )
    return body, status


@bp.route("/referral-links/<source>/<target>", methods=["GET", "POST"])
@login_required
def link(source: str, target: str) -> Any:
    """Change a referral link: its kind, note and the contact persons of both sides."""
    stored = _stored("referral_link", _link_id(source, target))
    organisation = request.values.get("organisation") or ""
    labels = labels_in(current_language())
    if request.method == "GET":
        form = build_form(
            get_db(),
            "referral_link",
            stored.region,
            labels,
            record=stored.record,
            version=stored.version,
        )
        return _page(form, stored, organisation)
    form = build_form(
        get_db(), "referral_link", stored.region, labels, typed=request.form, version=_version()
    )
    try:
        values = read_form(list(form.fields), request.form)
    except FieldProblem as problem:
        form.errors[problem.field.name] = _problem_line(problem.field, str(problem.text))
        return _page(form, stored, organisation)
    patch = patch_of(stored.record, values)
    if not patch:
        flash(_("Nothing was changed."), "info")
        return redirect(_home(organisation, stored))
    record = editing.merge_patch(stored.record, patch)
    try:
        editing.put_referral_link(
            get_write_db(), source, target, record, user=_user(), if_match=_version()
        )
    except Conflict as exc:
        now = editing.load_record(get_db(), "referral_link", stored.id)
        form.version = now.version if now else None
        form.message = _conflict_line(exc)
        return _page(form, stored, organisation)
    except EditError as exc:
        _attach(form, list(form.fields), exc)
        return _page(form, stored, organisation)
    flash(_("Saved. The change is live on the map now."), "success")
    return redirect(_home(organisation, stored))


@bp.post("/referral-links/<source>/<target>/confirm")
@login_required
def confirm_link(source: str, target: str) -> Response:
    """ "Still true": the link's ``last_confirmed`` becomes today."""
    stored = _stored("referral_link", _link_id(source, target))
    editing.confirm_referral_link(get_write_db(), source, target, user=_user())
    flash(_("Thank you: the referral link is confirmed for today."), "success")
    return redirect(_home(request.form.get("organisation"), stored))


@bp.post("/referral-links/<source>/<target>/delete")
@login_required
def end_link(source: str, target: str) -> Response:
    """End the link (delete it, with the version it was seen at)."""
    stored = _stored("referral_link", _link_id(source, target))
    back = _home(request.form.get("organisation"), stored)
    try:
        editing.delete_referral_link(
            get_write_db(), source, target, user=_user(), if_match=_version()
        )
    except Conflict as exc:
        flash(_conflict_line(exc), "error")
    else:
        flash(_("The referral link has ended. Routing no longer uses it."), "success")
    return redirect(back)


@bp.route("/organisations/<organisation_id>/referral-links/new", methods=["GET", "POST"])
@login_required
def new_link(organisation_id: str) -> Any:
    """A new referral link from or to the organisation (or one of its offers)."""
    owner = _stored("organisation", organisation_id)
    db = get_db()
    labels = labels_in(current_language())
    typed = request.form if request.method == "POST" else None
    form = build_form(db, "referral_link", owner.region, labels, typed=typed)
    chosen = {
        "source": (request.form.get("from") or organisation_id),
        "target": request.form.get("to") or "",
    }
    extra = {"region": owner.region, "chosen": chosen}
    if request.method == "GET":
        return _page(form, None, owner.id, **extra)
    nodes = {n["id"] for n in editing.region_nodes(db, owner.region)}
    source, target = chosen["source"], chosen["target"]
    if source not in nodes or target not in nodes or source == target:
        form.message = _("Please choose two different organisations or offers.")
        form.errors["to"] = form.message
        return _page(form, None, owner.id, **extra)
    if editing.load_record(db, "referral_link", _link_id(source, target)) is not None:
        form.message = _("This referral link exists already: change it in the list instead.")
        return _page(form, None, owner.id, **extra)
    try:
        values = read_form(list(form.fields), request.form)
    except FieldProblem as problem:
        form.errors[problem.field.name] = _problem_line(problem.field, str(problem.text))
        return _page(form, None, owner.id, **extra)
    try:
        editing.put_referral_link(get_write_db(), source, target, record_of(values), user=_user())
    except EditError as exc:
        _attach(form, list(form.fields), exc)
        return _page(form, None, owner.id, **extra)
    flash(_("The referral link is added. Routing uses it now."), "success")
    return redirect(_home(owner.id))
