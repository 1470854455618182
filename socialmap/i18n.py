"""The one text system: gettext catalogs in ``socialmap/locale`` and CLDR data from Babel.

Every sentence a person reads — routing reasons, the route sheet, the network
analysis, vocabulary labels and the web pages — is an English message id in the
catalog ``socialmap/locale/<lang>/LC_MESSAGES/messages.po``.  The core marks its
messages with :func:`N_` and translates them with :func:`gettext`; the web app
(flask-babel) reads the same catalog.  Language names come from CLDR through
:func:`language_name`, so the desk and the referral form never disagree
("Riffijns", not "rif"; "Hindi", not "hi").  A language without a catalog reads
English.  This module must not import Flask.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_percent
from babel.support import NullTranslations, Translations

__all__ = ["LOCALE_DIR", "N_", "catalog", "gettext", "language_name", "percent", "day"]

DEFAULT_LANG = "en"

#: The catalogs of every interface language (the web app's flask-babel reads them too).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (see :func:`gettext`)."""
    return message


@cache
def catalog(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang``; a message it lacks is read in the plain language
    of an easy one (``de@easy`` → ``de``), else in English (the message id).

    The core and the web app (its flask-babel domain) both read catalogs here.
    """
    plain = lang.partition("@")[0]
    fallback = catalog(plain) if plain != lang else NullTranslations()
    if not (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo").is_file():
        return fallback
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        found = Translations(handle)
    found.add_fallback(fallback)
    return found


def _known(lang: str) -> str:
    """``lang`` when it can name a catalog (``de``, ``pt_BR``, ``de@easy``), else English."""
    letters = lang.replace("_", "").replace("@", "")
    return lang if lang.isascii() and letters.isalpha() else DEFAULT_LANG


def gettext(message: str, lang: str | None = None) -> str:
    """``message`` (an English message id) in ``lang``; the message itself when untranslated.

    >>> gettext("Paid work", "nl"), gettext("Paid work", "fr"), gettext("not in the catalog", "de")
    ('Betaald werk', 'Paid work', 'not in the catalog')
    """
    return catalog(_known(lang or DEFAULT_LANG)).gettext(message)


@cache
def _names(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang.partition("@")[0]).languages)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse(DEFAULT_LANG).languages)


def language_name(code: str, lang: str | None = None) -> str:
    """The CLDR name of language ``code`` in ``lang``, capitalised; the code itself when unknown.

    >>> language_name("ar", "nl"), language_name("rif", "nl"), language_name("hi", "de")
    ('Arabisch', 'Riffijns', 'Hindi')
    >>> language_name("xx", "de")
    'xx'
    """
    name = _names(lang or DEFAULT_LANG).get(code)
    return name[:1].upper() + name[1:] if name else code


def percent(share: float, lang: str | None = None) -> str:
    """A share (0.87) as a percentage the way ``lang`` writes it (CLDR).

    >>> percent(0.87, "en"), percent(0.87, "de"), percent(0.87, "nl")
    ('87%', '87\xa0%', '87%')
    """
    try:
        return str(format_percent(share, locale=_known(lang or DEFAULT_LANG)))
    except (UnknownLocaleError, ValueError):
        return str(format_percent(share, locale=DEFAULT_LANG))


#: How a day is written where the seeds write it (31.12.2026, 31-12-2026); ISO elsewhere.
DAY_PATTERNS = {"de": "dd.MM.yyyy", "nl": "dd-MM-yyyy"}


def day(value: dt.date | str, lang: str | None = None) -> str:
    """A calendar day the way ``lang`` writes it (ISO 8601 when it has no pattern here).

    >>> day("2026-12-31", "de"), day("2026-12-31", "nl"), day("2026-12-31", "en")
    ('31.12.2026', '31-12-2026', '2026-12-31')
    >>> day("not a date", "de")
    'not a date'
    """
    if isinstance(value, str):
        try:
            when = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        when = value
    pattern = DAY_PATTERNS.get(lang or DEFAULT_LANG)
    return str(format_date(when, pattern, locale=lang)) if pattern else when.isoformat()
