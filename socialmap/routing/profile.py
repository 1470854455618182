"""Client profiles: parse and validate the profile dict of DESIGN.md's routing contract.

:func:`parse_profile` turns the JSON a social worker writes into a frozen
:class:`Profile`.  Every problem is an :class:`~socialmap.errors.InvalidProfile`
whose one-line message names the field (``profile.residence_status: unknown
value 'refugee' (expected one of: …)``).  Unknown keys are errors too: a typo
such as ``"max_distance"`` must not silently drop a rule.

What an absent field means (the engine relies on this):

* ``age``, ``gender``, ``residence_status``, ``work_ban``, ``languages``,
  ``target_groups`` absent (or null): no rule on it.  An offer that restricts the field
  stays eligible, and the step's reasons say "… — check".
* ``goal_rung`` absent: 6.  ``date`` absent: today.  ``online_ok`` absent: true.
* ``use_outcomes`` absent: true — observed outcomes of referrals (where there are at
  least five along a handover) weigh into a step's cost; false: the static costs only.
* ``max_distance_km`` absent: no distance limit (distance still costs).
* ``max_cost_eur`` absent: no cost limit.
* ``target_groups: []`` (present but empty): the client belongs to no target
  group, so only offers open to everyone fit; ``languages: []`` likewise
  leaves only offers with an interpreter, language courses and offers whose
  language is not stated.
* ``home`` absent: no distance rule or cost, no neighbourhood (offers for
  residents of a neighbourhood are then excluded).

This module knows nothing of graphs: whether a target group, organisation or
neighbourhood id exists is checked when the profile meets a graph.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import SHOWN_LIMIT, InvalidProfile, shown
from ..geo import normalise_postcode
from ..i18n import N_
from ..vocab import GENDERS, LANGUAGES, RESIDENCE_STATUSES, RUNGS, WORK_BANS

__all__ = [
    "Profile",
    "Home",
    "parse_profile",
    "NEEDS",
    "ASKED_FOR",
    "PROFILE_FIELDS",
    "CHOICES",
    "LIMITS",
    "profile_errors",
]

#: Needs a profile may name; ``childcare`` is a preference, ``wheelchair`` a rule,
#: ``own-business`` asks for the offers of :data:`ASKED_FOR` (starting a business).
NEEDS = ("childcare", "wheelchair", "own-business")

#: Offer categories routed only when the profile asks for them, and the need that asks.
#: Nobody is sent to register a business who did not say they want one; the
#: eligibility rule ``not-asked`` reads this table.
ASKED_FOR: dict[str, str] = {"entrepreneurship": "own-business"}

#: Every key a profile may have.
PROFILE_FIELDS = (
    "age",
    "gender",
    "target_groups",
    "languages",
    "residence_status",
    "work_ban",
    "rung",
    "goal_rung",
    "home",
    "max_distance_km",
    "online_ok",
    "max_cost_eur",
    "needs",
    "known_to",
    "date",
    "lang",
    "use_outcomes",
)

#: Upper bounds of the numeric fields (a referral 500 km away helps nobody; the form says so).
LIMITS = {"max_distance_km": 500.0, "max_cost_eur": 100_000.0}

#: The values of the choice fields, for forms that offer them.
CHOICES: dict[str, tuple[Any, ...]] = {
    "rung": RUNGS,
    "goal_rung": RUNGS,
    "gender": tuple(GENDERS),
    "residence_status": tuple(RESIDENCE_STATUSES),
    "work_ban": tuple(WORK_BANS),
    "needs": NEEDS,
}

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_ID = re.compile(r"\S+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Home:
    """Where the client lives, as given: exactly one of a point, a postcode, a neighbourhood."""

    lat: float | None = None
    lon: float | None = None
    postcode: str | None = None
    neighbourhood: str | None = None

    @property
    def kind(self) -> str:
        """``"point"``, ``"postcode"`` or ``"neighbourhood"``."""
        if self.postcode is not None:
            return "postcode"
        if self.neighbourhood is not None:
            return "neighbourhood"
        return "point"


@dataclass(frozen=True)
class Profile:
    """A validated client profile (see DESIGN.md, "Routing contract")."""

    rung: int
    goal_rung: int = 6
    age: int | None = None
    gender: str | None = None
    target_groups: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None
    residence_status: str | None = None
    work_ban: str | None = None
    home: Home | None = None
    max_distance_km: float | None = None
    online_ok: bool = True
    max_cost_eur: float | None = None
    needs: frozenset[str] = frozenset()
    known_to: tuple[str, ...] = ()
    date: dt.date | None = None
    lang: str | None = None
    #: Observed outcomes of referrals weigh into the step costs (:mod:`.cost`).
    use_outcomes: bool = True

    @property
    def on(self) -> dt.date:
        """The date the offers must be active on (today when the profile names none)."""
        return self.date or dt.date.today()


def parse_profile(data: Mapping[str, Any] | Profile) -> Profile:
    """Validate a profile dict and return a :class:`Profile`.

    Parameters
    ----------
    data : mapping or Profile
        The profile as JSON-decoded data; a :class:`Profile` is returned as is.

    Raises
    ------
    InvalidProfile
        With one line naming the field and showing the bad value.

    Examples
    --------
    >>> p = parse_profile({"rung": 2, "languages": ["AR", "en"], "home": {"postcode": "2525"}})
    >>> p.rung, p.goal_rung, p.languages, p.home.postcode
    (2, 6, ('ar', 'en'), '2525')
    >>> parse_profile({"rung": 2, "residence_status": "refugee"})
    Traceback (most recent call last):
    ...
    socialmap.errors.InvalidProfile: profile.residence_status: unknown value 'refugee' ...
    """
    if isinstance(data, Profile):
        return data
    if not isinstance(data, Mapping):
        raise InvalidProfile("", N_("expected a JSON object, got {kind}"), kind=type(data).__name__)
    unknown = sorted(str(key) for key in set(data) - set(PROFILE_FIELDS))
    if unknown:
        raise InvalidProfile(
            _cut(unknown[0]),
            N_("unknown field (expected one of: {fields})"),
            fields=", ".join(PROFILE_FIELDS),
        )
    if data.get("rung") is None:
        raise InvalidProfile("rung", N_("missing (the client's rung on the ladder, 1–6)"))
    rung = _rung(data, "rung")
    goal = _rung(data, "goal_rung") if data.get("goal_rung") is not None else 6
    if goal < rung:
        raise InvalidProfile(
            "goal_rung", N_("{goal} is below the client's rung {rung}"), goal=goal, rung=rung
        )
    profile = Profile(
        rung=rung,
        goal_rung=goal,
        age=_age(data.get("age")),
        gender=_choice(data, "gender", GENDERS),
        target_groups=None if data.get("target_groups") is None else _ids(data, "target_groups"),
        languages=_languages(data.get("languages")),
        residence_status=_choice(data, "residence_status", RESIDENCE_STATUSES),
        work_ban=_choice(data, "work_ban", WORK_BANS),
        home=_home(data.get("home")),
        max_distance_km=_positive(data, "max_distance_km", allow_zero=False),
        online_ok=_bool(data, "online_ok", True),
        max_cost_eur=_positive(data, "max_cost_eur", allow_zero=True),
        needs=frozenset(_needs(data.get("needs"))),
        known_to=_ids(data, "known_to"),
        date=_date(data.get("date")),
        lang=_choice(data, "lang", {code: {} for code in LANGUAGES}),
        use_outcomes=_bool(data, "use_outcomes", True),
    )
    if profile.max_distance_km is not None and profile.home is None:
        raise InvalidProfile("max_distance_km", N_("needs profile.home to measure from"))
    return profile


def profile_errors(data: Mapping[str, Any]) -> list[InvalidProfile]:
    """Every field error of a profile at once (a form shows them all), by the same rules.

    Each field is checked on its own with :func:`parse_profile`; the rules that
    join two fields (goal and rung, distance and home) are checked when the
    fields themselves are fine.

    >>> [e.field for e in profile_errors({"rung": 9, "age": 200, "home": {"postcode": "x"}})]
    ['rung', 'age', 'home.postcode']
    >>> profile_errors({"rung": 2, "goal_rung": 1})[0].detail
    "1 is below the client's rung 2"
    """
    errors: list[InvalidProfile] = []
    for field in dict.fromkeys(["rung", *data]):
        alone = (
            {"rung": 1, field: data.get(field)} if field != "rung" else {"rung": data.get(field)}
        )
        if field == "max_distance_km":
            alone["home"] = {"lat": 0.0, "lon": 0.0}
        try:
            parse_profile(alone)
        except InvalidProfile as exc:
            errors.append(exc)
    if not errors:
        try:
            parse_profile(data)
        except InvalidProfile as exc:
            errors.append(exc)
    return errors


def _listed(values: Any) -> str:
    return ", ".join(str(v) for v in values)


def _cut(name: str) -> str:
    """An unknown key as the field of the error: on one line, no longer than a shown value."""
    text = name if "".join(name.splitlines()) == name else repr(name)[1:-1]
    return text if len(text) <= SHOWN_LIMIT else text[:SHOWN_LIMIT] + "…"


def _unknown_value(field: str, value: Any, vocabulary: Any) -> InvalidProfile:
    """The error for a value outside a field's vocabulary."""
    return InvalidProfile(
        field,
        N_("unknown value {value} (expected one of: {values})"),
        value=shown(value),
        values=_listed(vocabulary),
    )


def _rung(data: Mapping[str, Any], field: str) -> int:
    value = data[field]
    if isinstance(value, bool) or not isinstance(value, int) or value not in RUNGS:
        raise InvalidProfile(
            field,
            N_("{value} is not a rung (expected one of: {values})"),
            value=shown(value),
            values=_listed(RUNGS),
        )
    return value


def _age(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
        raise InvalidProfile(
            "age", N_("{value} is not an age in years (0–120)"), value=shown(value)
        )
    return value


def _choice(data: Mapping[str, Any], field: str, vocabulary: Mapping[str, Any]) -> str | None:
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, str) or value not in vocabulary:
        raise _unknown_value(field, value, vocabulary)
    return value


def _strings(data: Mapping[str, Any], field: str) -> list[str]:
    value = data.get(field)
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidProfile(
            field, N_("expected a list of strings, got {value}"), value=shown(value)
        )
    for item in value:
        if not isinstance(item, str) or not _ID.fullmatch(item):
            raise InvalidProfile(field, N_("{value} is not an id"), value=shown(item))
    return list(value)


def _ids(data: Mapping[str, Any], field: str) -> tuple[str, ...]:
    return tuple(sorted(set(_strings(data, field))))


def _languages(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    codes = _strings({"languages": value}, "languages")
    lowered = []
    for code in codes:
        if not (code.isascii() and _LANGUAGE_CODE.fullmatch(code.lower())):
            raise InvalidProfile(
                "languages",
                N_("{value} is not a language code (ISO 639, e.g. 'ar', 'tr')"),
                value=shown(code),
            )
        lowered.append(code.lower())
    return tuple(dict.fromkeys(lowered))


def _needs(value: Any) -> list[str]:
    needs = _strings({"needs": value}, "needs")
    for need in needs:
        if need not in NEEDS:
            raise _unknown_value("needs", need, NEEDS)
    return needs


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidProfile(field, N_("{value} is not a number"), value=shown(value))
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        raise InvalidProfile(field, N_("{value} is too large"), value=shown(value)) from None
    if not math.isfinite(number):
        raise InvalidProfile(field, N_("{value} is not a number"), value=shown(value))
    return number


def _positive(data: Mapping[str, Any], field: str, *, allow_zero: bool) -> float | None:
    value = data.get(field)
    if value is None:
        return None
    number = _number(value, field)
    if number < 0 or (number == 0 and not allow_zero):
        bound = N_("{value} must be 0 or more") if allow_zero else N_("{value} must be more than 0")
        raise InvalidProfile(field, bound, value=shown(value))
    if number > LIMITS[field]:
        raise InvalidProfile(
            field,
            N_("{value} must be at most {limit}"),
            value=shown(value),
            limit=f"{LIMITS[field]:g}",
        )
    return number


def _bool(data: Mapping[str, Any], field: str, default: bool) -> bool:
    value = data.get(field)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InvalidProfile(field, N_("{value} is not true or false"), value=shown(value))
    return value


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidProfile(
            "date", N_("{value} is not a date (YYYY-MM-DD)"), value=shown(value)
        ) from None


def _home(value: Any) -> Home | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidProfile(
            "home",
            N_("expected {{'lat', 'lon'}}, {{'postcode'}} or {{'neighbourhood'}}, got {value}"),
            value=shown(value),
        )
    keys = set(value)
    if keys == {"lat", "lon"}:
        lat, lon = _number(value["lat"], "home.lat"), _number(value["lon"], "home.lon")
        if not -90 <= lat <= 90:
            raise InvalidProfile(
                "home.lat", N_("{value} is not a latitude (-90–90)"), value=shown(value["lat"])
            )
        if not -180 <= lon <= 180:
            raise InvalidProfile(
                "home.lon", N_("{value} is not a longitude (-180–180)"), value=shown(value["lon"])
            )
        return Home(lat=lat, lon=lon)
    if keys == {"postcode"}:
        code = value["postcode"]
        if not isinstance(code, str):  # a number would lose the leading 0 of "01067"
            raise InvalidProfile(
                "home.postcode", N_("expected text such as '2525', got {value}"), value=shown(code)
            )
        if normalise_postcode(code) is None:
            raise InvalidProfile(
                "home.postcode", N_("{value} is not a German or Dutch postcode"), value=shown(code)
            )
        return Home(postcode=code.strip())
    if keys == {"neighbourhood"}:
        nid = value["neighbourhood"]
        if not isinstance(nid, str) or not _ID.fullmatch(nid):
            raise InvalidProfile("home.neighbourhood", N_("{value} is not an id"), value=shown(nid))
        return Home(neighbourhood=nid)
    raise InvalidProfile(
        "home",
        N_(
            "expected exactly {{'lat', 'lon'}}, {{'postcode'}} or {{'neighbourhood'}}, "
            "got keys {keys}"
        ),
        keys=shown(sorted(str(key) for key in keys)),
    )
