"""Language names for every text a person reads, from the CLDR data Babel ships.

The routing reasons, the route sheet and the web pages all name a language
through :func:`language_name`, so the desk and the referral form never disagree
("Riffijns", not "rif"; "Hindi", not "hi").  This module must not import Flask.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

__all__ = ["language_name"]

DEFAULT_LANG = "en"


@cache
def _names(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).languages)
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
