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
        "Region",
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
    return re.search(r'<html lang="([\w-]+)"', response.get_data(as_text=True)).group(1)


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


# --- the residents' languages ----------------------------------------------------------------

#: The files of the residents' pages: every message in them is in every resident language.
RESIDENT_TEMPLATES = ("base.html", "macros.html", "residents/*.html", "errors/*.html")
RESIDENT_CODE = ("web/residents/*.py", "web/errors/*.py", "web/i18n.py", "socialmap/vocab.py")
PLAIN = ["de", "nl", "en", "tr", "ar", "uk", "fa"]
EASY = ["de@easy", "nl@easy"]

#: The same word in several languages (names, loan words): (message id, languages sharing it).
SAME_WORD = {
    ("Online", frozenset({"de", "nl", "en"})),
    ("Website", frozenset({"de", "nl", "en"})),
    ("E-mail", frozenset({"nl", "en"})),
    ("Contact", frozenset({"nl", "en"})),
    ("Open data (API)", frozenset({"nl", "en"})),
    ("Information", frozenset({"de", "en"})),
    ("Cost", frozenset({"de", "nl"})),  # "Kosten"
    ("Addresses", frozenset({"de", "nl"})),  # "Adressen"
    ("Job centre", frozenset({"de", "nl"})),  # the German office's own name, "Jobcenter"
    ("Job coaching", frozenset({"de", "nl"})),
    ("Phone", frozenset({"de", "tr"})),  # "Telefon"
    ("List", frozenset({"de", "tr"})),  # "Liste"
    ("Only", frozenset({"ar", "fa"})),  # "فقط"
}


def resident_messages() -> set[str]:
    """The message ids (a plural by its singular) of the residents' pages."""
    from babel.messages.extract import extract_from_file

    found: set[str] = set()
    templates = ROOT / "web" / "templates"
    sources = [("jinja2", p) for pattern in RESIDENT_TEMPLATES for p in templates.glob(pattern)]
    sources += [("python", p) for pattern in RESIDENT_CODE for p in ROOT.glob(pattern)]
    for method, path in sources:
        options = {"extensions": "jinja2.ext.i18n"} if method == "jinja2" else {}
        for _line, message, _comments, _context in extract_from_file(
            method, str(path), keywords=KEYWORDS, options=options
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def strings_of(entry) -> tuple[str, ...]:
    return entry.string if isinstance(entry.string, tuple) else (entry.string,)


def test_resident_messages_are_found():
    messages = resident_messages()
    assert {"Offers near you", "What is my next step?", "Language course", "Refugees"} <= messages
    assert "Route sheet" not in messages  # the desk's, not the residents'


@pytest.mark.parametrize("lang", PLAIN)
def test_every_resident_message_is_in_every_resident_language(lang):
    cat = catalog(lang)
    for message in resident_messages():
        entry = cat.get(message)
        assert entry is not None, f"{lang}: missing {message!r}"
        assert not entry.fuzzy, f"{lang}: fuzzy {message!r}"
        assert all(strings_of(entry)), f"{lang}: untranslated {message!r}"
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        for string in strings_of(entry):
            assert placeholders(string) == placeholders(ids[-1]), f"{lang}: {string!r}"


@pytest.mark.parametrize("lang", EASY)
def test_easy_language_rewrites_the_long_sentences_in_short_ones(lang):
    plain = catalog(lang.partition("@")[0])
    easy = catalog(lang)
    for message in resident_messages():
        entry = easy.get(message)
        assert entry is not None, f"{lang}: missing {message!r}"
        text = strings_of(entry)[0]
        if len(message.split()) >= 12:  # a long sentence: it must be rewritten
            assert text, f"{lang}: no easy version of {message!r}"
        if text:
            assert text != strings_of(plain.get(message))[0], f"{lang}: copies {message!r}"
            assert placeholders(text) == placeholders(message), f"{lang}: {text!r}"
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                assert len(sentence.split()) <= 14, f"{lang}: long sentence {sentence!r}"


def test_no_resident_message_holds_another_languages_text():
    """A translation equal to another language's is a copy, unless it is the same word."""
    cats = {lang: catalog(lang) for lang in PLAIN + EASY}
    for message in resident_messages():
        by_text: dict[str, set[str]] = {}
        for lang, cat in cats.items():
            entry = cat.get(message)
            text = strings_of(entry)[0] if entry is not None else ""
            if text:
                by_text.setdefault(text, set()).add(lang)
        for text, langs in by_text.items():
            if len(langs) > 1:
                assert (message, frozenset(langs)) in SAME_WORD, (message, text, sorted(langs))


@pytest.mark.parametrize("lang", PLAIN + EASY)
def test_compiled_resident_catalogs_are_up_to_date(lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalog(lang):
        if entry.id and isinstance(entry.id, str) and entry.string:
            assert compiled.gettext(entry.id) == entry.string, entry.id


@pytest.mark.parametrize(
    ("accept", "lang", "heading", "direction"),
    [
        ("tr-TR,tr;q=0.9", "tr", "Yakınınızdaki hizmetler", None),
        ("ar-SY,ar;q=0.9", "ar", "عروض بالقرب منك", "rtl"),
        ("fa-IR", "fa", "پیشنهادهای نزدیک شما", "rtl"),
        ("uk-UA,uk;q=0.9,ru;q=0.5", "uk", "Пропозиції поруч із вами", None),
    ],
)
def test_resident_pages_in_the_browsers_language(client, accept, lang, heading, direction):
    html = client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}"' in html and heading in html
    assert ('dir="rtl"' in html) == (direction == "rtl")


def test_easy_language_by_the_menu(client):
    html = client.get("/?lang=de@easy").get_data(as_text=True)
    assert '<html lang="de-x-easy"' in html
    assert "Sie sind meist zu Hause" in html  # the glossary, open, in easy German
    menu = client.get("/?lang=tr").get_data(as_text=True)
    for name in ("Türkçe", "العربية", "Українська", "فارسی", "Einfache Sprache", "Eenvoudige taal"):
        assert name in menu


def test_staff_pages_keep_their_languages(client):
    """The desk has no Turkish catalog: a Turkish browser gets it in English, not half-Turkish."""
    html = client.get("/referral/", headers={"Accept-Language": "tr-TR,en;q=0.5"}).get_data(
        as_text=True
    )
    assert '<html lang="en"' in html
    easy = client.get("/referral/?lang=de@easy").get_data(as_text=True)
    assert '<html lang="de"' in easy
