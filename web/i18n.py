"""The interface language and the labels of codes in it.

The language is, in this order: ``?lang=`` (a switch, remembered in a cookie),
the cookie, the browser's ``Accept-Language``, the language of the region shown,
English.  Every text comes from the one gettext catalog in ``socialmap/locale``
that the core translates its reasons, reports and vocabulary labels with
(:mod:`socialmap.i18n`); target group labels come from the database, and
language names from the CLDR data Babel ships.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

from babel import Locale
from babel import dates as babel_dates
from flask import Flask, Response, g, request
from flask_babel import Babel, force_locale, get_locale

from socialmap import search, vocab
from socialmap.i18n import LOCALE_DIR, language_name

from .data import get_db
from .deploy import cookies_secure

__all__ = [
    "init_app",
    "LANGUAGES",
    "select_language",
    "current_language",
    "labels_in",
    "Labels",
    "in_language",
]

LANGUAGES = vocab.LANGUAGES
_COOKIE = "lang"
_FORMAT_LOCALES = {"en": "en_GB"}
_COOKIE_AGE = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    """Install flask-babel, the language cookie and the template helpers."""
    Babel(
        app,
        locale_selector=select_language,
        default_translation_directories=str(LOCALE_DIR),
    )
    app.after_request(_remember_switch)
    app.context_processor(_template_helpers)


def select_language() -> str:
    """The interface language of this request (see the module docstring)."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(_COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    best = request.accept_languages.best_match(LANGUAGES)
    if best:
        return best
    for region in search.list_regions(get_db()):
        for lang in region["languages"]:
            if lang in LANGUAGES:
                return lang
    return "en"


def current_language() -> str:
    """The language flask-babel renders this request in (``de``, ``nl`` or ``en``)."""
    return str(get_locale() or "en")


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Render a block (e.g. the client's route sheet) in another interface language."""
    with force_locale(lang):
        yield


def _remember_switch(response: Response) -> Response:
    asked = request.args.get("lang", "")
    if asked in LANGUAGES and request.cookies.get(_COOKIE) != asked:
        response.set_cookie(
            _COOKIE,
            asked,
            max_age=_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=cookies_secure(),
        )
    return response


class Labels:
    """Labels of vocabulary codes in one language, for templates and the API."""

    def __init__(self, lang: str, target_groups: dict[str, dict[str, Any]]):
        self.lang = lang
        self._target_groups = target_groups
        self._target_group_labels = {code: g.get("labels", {}) for code, g in target_groups.items()}

    def rung(self, rung: int | None) -> str:
        if rung is None:
            return ""
        return vocab.label(vocab.RUNG_LABELS, int(rung), self.lang)

    def category(self, code: str) -> str:
        return vocab.label(vocab.CATEGORIES, code, self.lang)

    def organisation_kind(self, code: str) -> str:
        return vocab.label(vocab.ORGANISATION_KINDS, code, self.lang)

    def residence_status(self, code: str) -> str:
        return vocab.label(vocab.RESIDENCE_STATUSES, code, self.lang)

    def work_ban(self, code: str) -> str:
        return vocab.label(vocab.WORK_BANS, code, self.lang)

    def gender(self, code: str) -> str:
        return vocab.label(vocab.GENDERS, code, self.lang)

    def referral_kind(self, code: str) -> str:
        return vocab.label(vocab.REFERRAL_KINDS, code, self.lang)

    def target_group(self, code: str) -> str:
        return vocab.label(self._target_group_labels, code, self.lang)

    def target_groups_in_order(self, codes: list[str]) -> list[str]:
        """Target groups by label, each sub-group right after its parent group."""

        parents = {code: group.get("parent") for code, group in self._target_groups.items()}

        def top(code: str) -> str:
            return vocab.group_lineage(code, parents)[-1]

        return sorted(
            codes,
            key=lambda c: (
                self.target_group(top(c)).casefold(),
                top(c) != c,
                self.target_group(c).casefold(),
            ),
        )

    def language(self, code: str) -> str:
        """The language's name in this language (``ar`` → "Arabisch" in Dutch)."""
        return language_name(code, self.lang)

    def date(self, value: str | None) -> str:
        """An ISO date as a person reads it in this language, or "" when absent or invalid."""
        if not value:
            return ""
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        # British English: "1 January 2024" reads right beside German and Dutch dates.
        return babel_dates.format_date(
            day, format="long", locale=_FORMAT_LOCALES.get(self.lang, self.lang)
        )


def labels_in(lang: str) -> Labels:
    """The labels of ``lang``, with this database's target groups (cached per request)."""
    cache: dict[str, Labels] = g.setdefault("socialmap_labels", {})
    if lang not in cache:
        cache[lang] = Labels(lang, search.target_group_labels(get_db()))
    return cache[lang]


def _switch_url(lang: str) -> str:
    if request.method != "GET":
        return f"{request.path}?lang={lang}"
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    pairs = [(key, value) for key, values in args.items() for value in values]
    return f"{request.path}?{urlencode(pairs)}"


def _template_helpers() -> dict[str, Any]:
    lang = current_language()
    return {
        "lang": lang,
        "languages": [(code, Locale.parse(code).get_display_name(code)) for code in LANGUAGES],
        "switch_url": _switch_url,
        "L": labels_in(lang),
    }
