"""Interface languages: complete catalogs, compiled files up to date, and the language choice."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "socialmap" / "locale"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
}


def source_messages() -> set[str | tuple[str, str]]:
    """Every message in the code and templates of ``socialmap/`` and ``web/`` today."""
    with open(TRANSLATIONS / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


def placeholders(text: str) -> set[str]:
    """The named placeholders: ``%(name)s`` in web texts, ``{name}`` in the core's."""
    return {web or core for web, core in re.findall(r"%\((\w+)\)s|\{(\w+)\}", text)}


@pytest.mark.parametrize("lang", ["de", "nl", "en"])
def test_every_message_is_translated(lang):
    cat = catalog(lang)
    for message in source_messages():
        entry = cat.get(message if isinstance(message, str) else message[0])
        assert entry is not None, f"{lang}: missing {message!r}"
        assert not entry.fuzzy, f"{lang}: fuzzy {message!r}"
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        ids = message if isinstance(message, tuple) else (message,)
        assert all(strings), f"{lang}: untranslated {message!r}"
        for string in strings:
            assert placeholders(string) == placeholders(ids[-1]), f"{lang}: {string!r}"


@pytest.mark.parametrize("lang", ["de", "nl"])
def test_translations_differ_from_english(lang):
    cat = catalog(lang)
    same = [m.id for m in cat if m.id and m.string == m.id]
    # Words that are the same in both languages: few, and known.
    allowed = {
        "Online",
        "Website",
        "Contact",
        "Kosten",
        "Adressen",
        "Postcode",
        "E-mail",
        "Open data (API)",
        "Information",
        "Organisation",
        "online",
        "max. {value}",
        "Score",
        "both online",
        "Status",
        "warm",
        "start",
    }
    assert set(same) <= allowed, set(same) - allowed


@pytest.mark.parametrize("lang", ["de", "nl", "en"])
def test_compiled_catalogs_are_up_to_date(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalog(lang):
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            assert compiled.ngettext(*entry.id, 1) == entry.string[0], entry.id
            assert compiled.ngettext(*entry.id, 5) == entry.string[1], entry.id
        else:
            assert compiled.gettext(entry.id) == entry.string, entry.id


def lang_of(response) -> str:
    return re.search(r'<html lang="(\w+)">', response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize(
    ("headers", "expected", "heading"),
    [
        ({"Accept-Language": "de-DE,de;q=0.9"}, "de", "Angebote in Ihrer Nähe"),
        ({"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5"}, "nl", "Aanbod bij u in de buurt"),
        ({"Accept-Language": "en-GB"}, "en", "Offers near you"),
        ({"Accept-Language": "fr-FR"}, "nl", "Aanbod bij u in de buurt"),  # the region's
        ({}, "nl", "Aanbod bij u in de buurt"),
    ],
)
def test_language_from_the_browser_or_the_region(client, headers, expected, heading):
    response = client.get("/", headers=headers)
    assert lang_of(response) == expected
    assert heading in response.get_data(as_text=True)


def test_language_switch_is_remembered(client):
    response = client.get("/?lang=de", headers={"Accept-Language": "en"})
    assert lang_of(response) == "de"
    assert "lang=de" in response.headers["Set-Cookie"]
    later = client.get("/offers/job", headers={"Accept-Language": "en"})
    assert lang_of(later) == "de"
    assert "Sie brauchen eine Zuweisung von:" in later.get_data(as_text=True)


def test_vocabulary_labels_follow_the_language(client):
    german = client.get("/offers/language?lang=de").get_data(as_text=True)
    assert "Sprachkurs" in german and "Zugewanderte" in german and "Niederländisch" in german
    assert "Teilnahme an organisierten Aktivitäten" in german
    dutch = client.get("/offers/language?lang=nl").get_data(as_text=True)
    assert "Taalcursus" in dutch and "Migranten" in dutch and "Nederlands" in dutch
    assert "Deelname georganiseerde activiteiten" in dutch


def test_language_switch_links_keep_the_filters(client):
    html = client.get("/?category=language-course&lang=en").get_data(as_text=True)
    assert 'href="/?category=language-course&amp;lang=de"' in html
    assert 'lang="nl" hreflang="nl"' in html
