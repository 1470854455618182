"""The interface language and the labels of codes in it.

The language is, in this order: ``?lang=`` (a switch, remembered in a cookie),
the cookie, the browser's ``Accept-Language``, the language of the region shown,
English.  The residents' pages (and the map's GeoJSON) offer
:data:`RESIDENT_LANGUAGES` — Turkish, Arabic, Ukrainian, Farsi and easy German
and Dutch besides German, Dutch and English; the staff pages (desk, analysis)
offer :data:`LANGUAGES` and read an easy language as its plain one and the
others as the browser's next choice.  Easy language is a gettext locale with
the modifier ``@easy`` (``de@easy``: catalog ``socialmap/locale/de@easy``);
its HTML ``lang`` is the BCP 47 private-use tag ``de-x-easy`` (:func:`html_lang`).
Every text comes from the one gettext catalog in ``socialmap/locale``
that the core translates its reasons, reports and vocabulary labels with
(:mod:`socialmap.i18n`); target group labels come from the database, and
language names from the CLDR data Babel ships.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from babel import Locale
from babel import dates as babel_dates
from babel.support import NullTranslations
from flask import Flask, Response, g, request
from flask_babel import Babel, Domain, force_locale, get_locale

from socialmap import search, vocab
from socialmap.i18n import LOCALE_DIR, catalog, gettext, language_name

from .data import get_db
from .deploy import cookies_secure

__all__ = [
    "init_app",
    "LANGUAGES",
    "RESIDENT_LANGUAGES",
    "RIGHT_TO_LEFT",
    "html_lang",
    "is_resident_page",
    "select_language",
    "current_language",
    "labels_in",
    "Labels",
    "in_language",
]

LANGUAGES = vocab.LANGUAGES
RESIDENT_LANGUAGES = vocab.RESIDENT_LANGUAGES
#: Languages written right to left: their pages get ``dir="rtl"`` and a mirrored layout.
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
#: Endpoints outside the residents' blueprint that are part of the residents' pages.
_RESIDENT_ENDPOINTS = frozenset({"api.offers_geojson", "static"})
_COOKIE = "lang"
_FORMAT_LOCALES = {"en": "en_GB"}
_COOKIE_AGE = 365 * 24 * 3600


class _Catalogs(Domain):
    """flask-babel's messages from :func:`socialmap.i18n.catalog` (easy language included)."""

    def get_translations(self) -> NullTranslations:
        return catalog(str(get_locale() or "en"))


class _Babel(Babel):
    @cached_property
    def domain_instance(self) -> Domain:
        return _Catalogs()


def init_app(app: Flask) -> None:
    """Install flask-babel, the language cookie and the template helpers."""
    _Babel(
        app,
        locale_selector=select_language,
        default_translation_directories=str(LOCALE_DIR),
    )
    app.after_request(_remember_switch)
    app.context_processor(_template_helpers)


def is_resident_page() -> bool:
    """Whether this request is one of the residents' pages (or an error page outside any)."""
    return request.blueprint in {"residents", None} or request.endpoint in _RESIDENT_ENDPOINTS


def select_language() -> str:
    """The interface language of this request (see the module docstring)."""
    offered = RESIDENT_LANGUAGES if is_resident_page() else LANGUAGES
    for choice in (request.args.get("lang", ""), request.cookies.get(_COOKIE, "")):
        if choice in offered:
            return choice
        plain = choice.partition("@")[0]
        if choice in RESIDENT_LANGUAGES and plain in offered:
            return plain
    best = request.accept_languages.best_match([c for c in offered if "@" not in c])
    if best:
        return best
    for region in search.list_regions(get_db()):
        for lang in region["languages"]:
            if lang in LANGUAGES:
                return lang
    return "en"


def html_lang(lang: str) -> str:
    """The BCP 47 tag of an interface language, for HTML ``lang`` and ``hreflang``.

    >>> html_lang("tr"), html_lang("de@easy")
    ('tr', 'de-x-easy')
    """
    plain, _, modifier = lang.partition("@")
    return f"{plain}-x-{modifier}" if modifier else plain


def current_language() -> str:
    """The language flask-babel renders this request in (``de``, ``tr``, ``de@easy`` …)."""
    return str(get_locale() or "en")


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Render a block (e.g. the client's route sheet) in another interface language."""
    with force_locale(lang):
        yield


def _remember_switch(response: Response) -> Response:
    asked = request.args.get("lang", "")
    if asked in RESIDENT_LANGUAGES and request.cookies.get(_COOKIE) != asked:
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

    def own_name(self, code: str) -> str:
        """The language's name in itself (``ar`` → "العربية"), else in this language."""
        name = language_name(code, code)
        return name if name != code else self.language(code)

    def date(self, value: str | None) -> str:
        """An ISO date as a person reads it in this language, or "" when absent or invalid."""
        if not value:
            return ""
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        # British English: "1 January 2024" reads right beside German and Dutch dates.
        plain = self.lang.partition("@")[0]
        return babel_dates.format_date(day, format="long", locale=_FORMAT_LOCALES.get(plain, plain))


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
    offered = RESIDENT_LANGUAGES if is_resident_page() else LANGUAGES
    return {
        "lang": lang,
        "html_lang": html_lang(lang),
        "resident_page": is_resident_page(),
        "direction": "rtl" if lang.partition("@")[0] in RIGHT_TO_LEFT else "ltr",
        "languages": [(code, html_lang(code), language_menu_name(code)) for code in offered],
        "switch_url": _switch_url,
        "L": labels_in(lang),
    }


def language_menu_name(code: str) -> str:
    """How the language menu names ``code``: in that language itself.

    >>> language_menu_name("tr"), language_menu_name("fa"), language_menu_name("de@easy")
    ('Türkçe', 'فارسی', 'Einfache Sprache')
    """
    plain, _, modifier = code.partition("@")
    if modifier:
        return gettext("Easy language", code)
    name = Locale.parse(plain).get_display_name(plain) or plain
    return name[:1].upper() + name[1:]
