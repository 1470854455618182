"""The referral form: a client profile as DESIGN.md's routing contract, plus the sheet language.

The form is always sent by POST (with a CSRF token); :meth:`ReferralForm.profile`
turns it into the profile dict the routing engine reads.  The form checks only
what is its own (a number typed as text, a choice among those offered, one of
postcode and neighbourhood): every rule about the profile is the engine's
(``routing.parse_profile``), whose error the desk shows at the field it names
(:data:`FIELD_HINTS` says it in the page's language).  The choices come from
``routing.profile.CHOICES``; those that depend on the data (target groups,
languages, neighbourhoods) are filled per request.
"""

from __future__ import annotations

import math
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from socialmap import vocab
from socialmap.routing.profile import CHOICES

from ..filters import whole_number

try:  # WTForms 3.3+: choices as objects (tuples are deprecated there)
    from wtforms.fields.choices import SelectChoice
except ImportError:  # pragma: no cover - older WTForms
    SelectChoice = None

__all__ = ["ReferralForm", "PROFILE_FORM_FIELDS", "FIELD_HINTS", "fill_choices"]

#: What to do about an engine error on a field, in the page's language (the engine's own
#: one-line detail follows it).
FIELD_HINTS = {
    "age": _l("Enter an age between 0 and 120."),
    "max_distance_km": _l("Enter a distance between 0.1 and 500 km."),
    "max_cost_eur": _l("Enter an amount of 0 or more."),
    "postcode": _l("Enter a Dutch (1234 AB) or German (12345) postcode."),
    "goal_rung": _l("The goal cannot be below the client's current step."),
}


def choices(pairs: Any) -> list[Any]:
    """``(value, label)`` pairs as the choices this WTForms version wants."""
    if SelectChoice is None:
        return [(value, label) for value, label in pairs]
    return [SelectChoice(value, label) for value, label in pairs]


#: A decimal number as typed, ASCII only (``float()`` would also take "nan", "1_0", "١٢").
_DECIMAL = re.compile(r"[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,4})?")
# WTForms' own messages, translated by its own catalog (names, so pybabel leaves them there).
_NOT_WHOLE = "Not a valid integer value."
_NOT_DECIMAL = "Not a valid float value."


class WholeNumberField(IntegerField):
    """A whole number of ASCII digits (``filters.whole_number``)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        self.data = whole_number(str(valuelist[0]).strip())
        if self.data is None:
            raise ValueError(self.gettext(_NOT_WHOLE))


class DecimalNumberField(FloatField):
    """A finite decimal number of ASCII digits with a decimal point."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        text = str(valuelist[0]).strip()
        self.data = float(text) if _DECIMAL.fullmatch(text) else None
        if self.data is None or not math.isfinite(self.data):
            self.data = None
            raise ValueError(self.gettext(_NOT_DECIMAL))


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (easier to use than a multiple select, also on a phone)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ReferralForm(FlaskForm):
    """What a social worker knows about a client; only the rung is required."""

    rung = SelectField(
        _l("Where does the client stand now?"),
        validators=[InputRequired(message=_l("Choose the client's step."))],
    )
    goal_rung = SelectField(_l("Goal"), default="6")
    age = WholeNumberField(_l("Age"), validators=[Optional()])
    gender = SelectField(_l("Gender"), default="")
    residence_status = SelectField(_l("Residence status"), default="")
    work_ban = SelectField(_l("Work ban"), default="")
    target_groups = MultiCheckboxField(_l("The client belongs to these groups"), default=[])
    languages = MultiCheckboxField(_l("Languages the client speaks"), default=[])
    postcode = StringField(_l("Postcode"), validators=[Optional()])
    neighbourhood = SelectField(_l("or neighbourhood"), default="")
    max_distance_km = DecimalNumberField(_l("Maximum distance (km)"), validators=[Optional()])
    online_ok = BooleanField(_l("Online offers are fine"), default=True)
    max_cost_eur = DecimalNumberField(_l("Maximum cost (€)"), validators=[Optional()])
    needs = MultiCheckboxField(_l("Needs"), default=[])
    known_to = MultiCheckboxField(_l("The client is already known to"), default=[])
    sheet_language = SelectField(_l("Language of the route sheet for the client"), default="")
    k = SelectField(
        _l("Number of paths"), default="3", choices=choices((str(n), str(n)) for n in range(1, 6))
    )
    # who makes the route sheet: printed on it, re-sent in POST bodies, never stored or logged
    adviser_organisation = StringField(
        _l("Your organisation"), validators=[Optional(), Length(max=120)]
    )
    adviser_name = StringField(_l("Your name"), validators=[Optional(), Length(max=120)])
    adviser_phone = StringField(_l("Your phone"), validators=[Optional(), Length(max=40)])

    def validate_postcode(self, field: StringField) -> None:
        if field.data and self.neighbourhood.data:
            raise ValidationError(_l("Give either a postcode or a neighbourhood, not both."))

    def profile(self) -> dict[str, Any]:
        """The routing contract's profile dict (absent fields left out, nothing checked)."""
        profile: dict[str, Any] = {"online_ok": bool(self.online_ok.data)}
        for name in ("rung", "goal_rung"):
            number = whole_number(str(getattr(self, name).data or ""))
            if number is not None:
                profile[name] = number
        for name in ("age", "max_distance_km", "max_cost_eur"):
            value = getattr(self, name).data
            if value is not None:
                profile[name] = value
        for name in ("gender", "residence_status", "work_ban"):
            if getattr(self, name).data:
                profile[name] = getattr(self, name).data
        for name in ("target_groups", "languages", "needs", "known_to"):
            if getattr(self, name).data:
                profile[name] = list(getattr(self, name).data)
        if self.postcode.data:
            profile["home"] = {"postcode": self.postcode.data.strip()}
        elif self.neighbourhood.data:
            profile["home"] = {"neighbourhood": self.neighbourhood.data}
        return profile


#: Names of the fields that carry the profile (re-sent by the print and "why not" forms).
PROFILE_FORM_FIELDS = (
    "rung",
    "goal_rung",
    "age",
    "gender",
    "residence_status",
    "work_ban",
    "target_groups",
    "languages",
    "postcode",
    "neighbourhood",
    "max_distance_km",
    "online_ok",
    "max_cost_eur",
    "needs",
    "known_to",
    "sheet_language",
    "k",
    "adviser_organisation",
    "adviser_name",
    "adviser_phone",
)


def fill_choices(
    form: ReferralForm,
    labels: Any,
    *,
    groups: list[str],
    languages: list[str],
    neighbourhoods: dict[str, list[tuple[str, str]]],
    referrers: list[tuple[str, str]],
    not_stated: str,
    choose: str,
) -> None:
    """Put the vocabulary and data choices into the form, labelled in the page's language."""
    rungs = [(str(r), f"{r} – {labels.rung(r)}") for r in CHOICES["rung"]]
    form.rung.choices = choices([("", choose), *rungs])
    form.goal_rung.choices = choices(rungs)
    form.gender.choices = choices(
        [("", not_stated)] + [(g, labels.gender(g)) for g in CHOICES["gender"]]
    )
    form.residence_status.choices = choices(
        [("", not_stated)] + [(s, labels.residence_status(s)) for s in CHOICES["residence_status"]]
    )
    form.work_ban.choices = choices(
        [("", not_stated)] + [(w, labels.work_ban(w)) for w in CHOICES["work_ban"]]
    )
    form.target_groups.choices = choices((g, labels.target_group(g)) for g in groups)
    form.languages.choices = choices(
        sorted(((c, labels.language(c)) for c in languages), key=lambda pair: pair[1].casefold())
    )
    # one group per region, each neighbourhood labelled with the other names people use for it
    form.neighbourhood.choices = {
        "": choices([("", not_stated)]),
        **{region: choices(pairs) for region, pairs in neighbourhoods.items()},
    }
    need_labels = {
        "childcare": _l("Childcare"),
        "wheelchair": _l("Wheelchair access"),
        "own-business": _l("Wants to start an own business"),
    }
    form.needs.choices = choices((need, need_labels[need]) for need in CHOICES["needs"])
    form.known_to.choices = choices(referrers)
    form.sheet_language.choices = choices((code, labels.language(code)) for code in vocab.LANGUAGES)
