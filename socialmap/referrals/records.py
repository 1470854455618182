"""What a referral request may carry, checked before anything is stored.

Privacy by design (DESIGN.md "Referrals and outcomes"): a client is a random
code plus the profile fields routing needs — an age band, gender if given,
target groups, languages, residence status, work ban, rung, goal and
neighbourhood.  A request that carries anything else about the client (a name,
an address, a phone number, an e-mail address, a birth date, free text) is
*refused* with a one-line error naming the field; it is never silently
stripped, so a sender learns at once that such data does not belong here.
Error messages name the field and never repeat its value.

This module only checks and shapes values; it writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

import sqlite_utils

from ..errors import EditError
from ..vocab import GENDERS, RESIDENCE_STATUSES, RUNGS, WORK_BANS

__all__ = [
    "CODE_ALPHABET",
    "AGE_BANDS",
    "STATUSES",
    "TRANSITIONS",
    "REASONS",
    "OUTCOME_STARTED",
    "OUTCOME_NOT_STARTED",
    "new_client_code",
    "normal_code",
    "age_band",
    "client_profile",
    "check_date",
    "check_contact_person",
]

#: Letters and digits nobody confuses when reading a code aloud or off paper: no 0/O,
#: 1/I/L; of 2/Z, 5/S and 8/B only the digit.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY23456789"
_CODE = re.compile(rf"^[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{4}}$")

#: Age bands (inclusive): the limits offers use (under 18, under 25/27, 50+, pension age).
AGE_BANDS: tuple[tuple[int, int], ...] = (
    (0, 17),
    (18, 24),
    (25, 26),
    (27, 34),
    (35, 49),
    (50, 64),
    (65, 120),
)

#: Status -> the statuses it may move to (DESIGN.md).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "sent": ("accepted", "declined"),
    "accepted": ("started", "no_show"),
    "started": ("completed", "dropped_out"),
    "declined": (),
    "no_show": (),
    "completed": (),
    "dropped_out": (),
}
STATUSES = tuple(TRANSITIONS)
#: Reasons a referral is declined or dropped out (the fixed list of DESIGN.md).
REASONS = ("no_capacity", "not_eligible", "client_withdrew", "no_contact", "other")
#: Statuses that mean the client arrived and started / did not.
OUTCOME_STARTED = ("started", "completed", "dropped_out")
OUTCOME_NOT_STARTED = ("declined", "no_show")

#: Fields that are personal data: refused with this wording, whatever their value.
_PERSONAL = {
    "name",
    "first_name",
    "firstname",
    "given_name",
    "last_name",
    "lastname",
    "family_name",
    "surname",
    "full_name",
    "initials",
    "address",
    "street",
    "house_number",
    "postcode",
    "postal_code",
    "zip",
    "city",
    "home",
    "lat",
    "lon",
    "phone",
    "telephone",
    "mobile",
    "tel",
    "email",
    "e-mail",
    "mail",
    "birth_date",
    "birthdate",
    "date_of_birth",
    "dob",
    "birthday",
    "geburtsdatum",
    "geboortedatum",
    "bsn",
    "tax_id",
    "insurance_number",
    "id_number",
    "passport",
    "nationality",
    "note",
    "notes",
    "comment",
    "comments",
    "description",
    "remarks",
    "text",
    "free_text",
    "story",
    "situation",
}

#: Profile fields a referral stores (DESIGN.md): what routing needs, nothing else.
PROFILE_FIELDS = (
    "age",
    "age_band",
    "gender",
    "target_groups",
    "languages",
    "residence_status",
    "work_ban",
    "rung",
    "goal_rung",
    "neighbourhood",
)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")


def refuse(field: str) -> EditError:
    """The error for a field that is not stored, naming it (never its value)."""
    base = field.rsplit(".", 1)[-1].lower()
    if base in _PERSONAL:
        return EditError(
            field,
            f"{field}: personal data about the client is not accepted "
            "(only a client code and the profile fields routing needs)",
        )
    return EditError(field, f"{field}: not a field a referral stores (remove it)")


def new_client_code() -> str:
    """A random client code such as ``K7Q-4M2P`` (28⁷ ≈ 1.3·10¹⁰ codes).

    >>> code = new_client_code()
    >>> len(code), code[3], normal_code(code.lower()) == code
    (8, '-', True)
    """
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))
    return f"{chars[:3]}-{chars[3:]}"


def normal_code(value: Any, field: str = "client.code") -> str:
    """A client code in its printed form (upper case, with the dash); else :class:`EditError`.

    >>> normal_code(" k7q4m2p ")
    'K7Q-4M2P'
    """
    if not isinstance(value, str):
        raise EditError(field, f"{field}: expected a client code such as K7Q-4M2P")
    text = value.strip().upper().replace(" ", "")
    if len(text) == 7 and "-" not in text:
        text = f"{text[:3]}-{text[3:]}"
    if not _CODE.match(text):
        raise EditError(field, f"{field}: expected a client code such as K7Q-4M2P")
    return text


def age_band(age: int) -> str:
    """The band of an age, e.g. ``"18-24"``.

    >>> age_band(19), age_band(70)
    ('18-24', '65+')
    """
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}+" if high >= 120 else f"{low}-{high}"
    raise ValueError(age)


def _bands() -> set[str]:
    return {age_band(low) for low, _ in AGE_BANDS}


def _choice(value: Any, field: str, choices: Any) -> str:
    if value not in choices:
        raise EditError(field, f"{field}: expected one of {', '.join(sorted(choices))}")
    return str(value)


def _rung(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in RUNGS:
        raise EditError(field, f"{field}: expected a rung from 1 to 6")
    return value


def _ids(db: sqlite_utils.Database, value: Any, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EditError(field, f"{field}: expected a list of target group ids")
    known = {row[0] for row in db.execute("SELECT id FROM target_groups").fetchall()}
    for item in value:
        if item not in known:
            raise EditError(field, f"{field}: {item!r} is not a known target group")
    return sorted(set(value))


def _languages(value: Any, field: str) -> list[str]:
    if not isinstance(value, list) or not all(
        isinstance(v, str) and _LANGUAGE.match(v) for v in value
    ):
        raise EditError(field, f"{field}: expected a list of language codes such as 'nl'")
    return sorted(set(value))


def client_profile(db: sqlite_utils.Database, profile: Any) -> dict[str, Any]:
    """The stored profile of a referral request's ``profile`` object (refusing the rest).

    ``age`` is kept only as its band; ``neighbourhood`` must be a known
    neighbourhood id; every other field must come from the vocabulary.
    """
    if profile is None:
        profile = {}
    if not isinstance(profile, dict):
        raise EditError("profile", "profile: expected a JSON object")
    for key in profile:
        if key not in PROFILE_FIELDS:
            raise refuse(f"profile.{key}")
    out: dict[str, Any] = {}
    if "age" in profile:
        age = profile["age"]
        if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 120:
            raise EditError("profile.age", "profile.age: expected whole years from 0 to 120")
        out["age_band"] = age_band(age)
    if "age_band" in profile:
        out["age_band"] = _choice(profile["age_band"], "profile.age_band", _bands())
    if "gender" in profile:
        out["gender"] = _choice(profile["gender"], "profile.gender", GENDERS)
    if "target_groups" in profile:
        out["target_groups"] = _ids(db, profile["target_groups"], "profile.target_groups")
    if "languages" in profile:
        out["languages"] = _languages(profile["languages"], "profile.languages")
    if "residence_status" in profile:
        out["residence_status"] = _choice(
            profile["residence_status"], "profile.residence_status", RESIDENCE_STATUSES
        )
    if "work_ban" in profile:
        out["work_ban"] = _choice(profile["work_ban"], "profile.work_ban", WORK_BANS)
    if "rung" in profile:
        out["rung"] = _rung(profile["rung"], "profile.rung")
    if "goal_rung" in profile:
        out["goal"] = _rung(profile["goal_rung"], "profile.goal_rung")
    if "neighbourhood" in profile:
        value = profile["neighbourhood"]
        found = (
            isinstance(value, str)
            and db.execute("SELECT 1 FROM neighbourhoods WHERE id = ?", [value]).fetchone()
        )
        if not found:
            raise EditError("profile.neighbourhood", "profile.neighbourhood: unknown neighbourhood")
        out["neighbourhood"] = value
    return out


def check_date(value: Any, field: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) or None."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if isinstance(value, str) else _bad(field)
    except ValueError:
        return _bad(field)


def _bad(field: str) -> str:
    raise EditError(field, f"{field}: expected a date such as 2026-12-01")


def check_contact_person(value: Any) -> str | None:
    """The receiving organisation's contact person: a short name on one line, or None."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 80 or "\n" in value:
        raise EditError(
            "contact_person", "contact_person: expected the receiving contact person's name"
        )
    return value.strip()


def check_id(value: Any, field: str) -> str:
    """A record id (offer, organisation)."""
    if not isinstance(value, str) or not _ID.match(value):
        raise EditError(field, f"{field}: expected an id")
    return value
