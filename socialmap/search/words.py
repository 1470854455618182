"""Search in a resident's own words: what a typed query means to the offer search.

A query is cut into *units*: a phrase that names a kind of offer or a target
group ("language course", "dil kursu", "курси мови", "Sprache") or else one word.
A unit matches an offer when

* the offer is of a category, or for a target group, that the unit names: the
  labels of every interface language and the synonym table shipped in
  ``data/search/synonyms.json`` (editable) are the vocabulary;
* or the offer's name, description or purpose holds the word as a prefix of a
  word (``offers_fts``), after folding case, accents and umlauts ("fuer" finds
  "für"), and cutting a plural or inflection ending ("Sprache" finds
  "Sprachkurs", "courses" finds "course");
* or, when nothing holds the word, a word of the index one or two typing
  mistakes away ("Integratonskurs"), or the two parts of a compound that each
  match ("Abendsprachkurs" → "Abend" + "Sprachkurs").

Every unit must match.  Offers found through the vocabulary, then those whose
name matches, rank first.  Everything a person typed is bound as a quoted FTS5
term: query syntax cannot be injected.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import sqlite_utils

from .. import vocab
from ..i18n import gettext
from ..paths import data_dir
from ..sql import Sql, marks, sql

__all__ = [
    "SYNONYMS_FILE",
    "fold",
    "stem",
    "Vocabulary",
    "load_vocabulary",
    "TextQuery",
    "understand",
]

#: The editable synonym table: ``{"categories"|"target_groups": {code: {lang: [words]}}}``.
SYNONYMS_FILE = Path("search") / "synonyms.json"

_MAX_UNITS = 12
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_LONGEST_PHRASE = 4
#: Endings cut before a prefix search (German, Dutch, English, Turkish), longest first.
_ENDINGS = ("ern", "en", "er", "es", "e", "n", "s")
_ARABIC_FORMS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا"}
)


def fold(text: str) -> str:
    """Case, accents, umlauts and Arabic-script letter forms folded away.

    >>> fold("Sprachförderung Café"), fold("Straße"), fold("كلاس")
    ('sprachforderung cafe', 'strasse', 'کلاس')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c) and c != "\u0640")
    return unicodedata.normalize("NFC", bare).translate(_ARABIC_FORMS)


def words(text: str) -> list[str]:
    """The folded words of ``text`` (apostrophes kept inside a word).

    >>> words("Taalles, A1–A2! dil-kursu")
    ['taalles', 'a1', 'a2', 'dil', 'kursu']
    """
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """``word`` without one inflection ending, keeping at least four letters.

    >>> stem("sprache"), stem("courses"), stem("kurs"), stem("taallessen")
    ('sprach', 'cours', 'kurs', 'taalless')
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _umlaut_spelling(word: str) -> str | None:
    """The folded form of a word typed without umlauts ("fuer" → "fur"), if it has one."""
    plain = re.sub(r"(?<=[^aeiou])(a|o|u)e(?!e)", r"\1", word)
    return plain if plain != word else None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``.

    >>> edit_distance("integratonskurs", "integrationskurs", 2), edit_distance("abc", "xyz", 1)
    (1, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def allowed_mistakes(word: str) -> int:
    """Typing mistakes forgiven in a word of this length: none below 5 letters, two from 9."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


@dataclass(frozen=True)
class Entry:
    """One phrase of the vocabulary and what it names."""

    words: tuple[str, ...]
    kind: str  # "category" or "target_group"
    code: str


@dataclass
class Vocabulary:
    """Phrases naming categories and target groups, folded, by their first word."""

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    #: Target group → the groups below it (an offer for those serves the group too).
    below: dict[str, set[str]] = field(default_factory=dict)

    #: Every word of a phrase → its stem.
    heads: dict[str, str] = field(default_factory=dict)

    def add(self, phrase: str, kind: str, code: str) -> None:
        found = tuple(words(phrase))
        if found:
            self.entries.setdefault(found[0], []).append(Entry(found, kind, code))
            self.heads.update((word, stem(word)) for word in found)

    def fitting(self, typed: str, *, last: bool) -> set[str]:
        """The vocabulary words ``typed`` stands for (see :func:`_word_fits`)."""
        return {
            known for known, head in self.heads.items() if _word_fits(typed, known, head, last=last)
        }


def _word_fits(typed: str, known: str, head: str, *, last: bool) -> bool:
    """Whether a typed word stands for a vocabulary word (``head``: its stem).

    Equal; the beginning of it (4 letters or more, for the last word typed);
    a compound that starts with its stem ("sprachkurs" for "sprache"); or
    within the typing mistakes its length allows (same first letter).
    """
    if typed == known:
        return True
    if last and len(typed) >= 4 and known.startswith(typed):
        return True
    if len(head) >= 5 and typed.startswith(head) and len(typed) > len(known):
        return True
    mistakes = allowed_mistakes(known)
    return (
        mistakes > 0
        and typed[:1] == known[:1]
        and edit_distance(typed, known, mistakes) <= mistakes
    )


def _load_synonyms(folder: Path) -> dict[str, Any]:
    path = folder / SYNONYMS_FILE
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def _fixed_vocabulary(folder: Path) -> tuple[tuple[str, str, str], ...]:
    """(phrase, kind, code) of the category labels in every language and the synonym table."""
    phrases: list[tuple[str, str, str]] = []
    for code in vocab.CATEGORIES:
        for lang in vocab.RESIDENT_LANGUAGES:
            phrases.append((vocab.label(vocab.CATEGORIES, code, lang), "category", code))
    synonyms = _load_synonyms(folder)
    for kind, table in (("category", "categories"), ("target_group", "target_groups")):
        for code, by_language in (synonyms.get(table) or {}).items():
            for phrase_list in by_language.values():
                phrases += [(phrase, kind, code) for phrase in phrase_list]
    return tuple(phrases)


def load_vocabulary(groups: dict[str, dict[str, Any]], folder: Path | None = None) -> Vocabulary:
    """The vocabulary of a database's target groups (``search.target_group_labels``).

    Category labels come from the catalog in every resident language; target group
    labels from the data, and from the catalog for languages the data lacks.
    """
    vocabulary = Vocabulary()
    for phrase, kind, code in _fixed_vocabulary(folder or data_dir()):
        vocabulary.add(phrase, kind, code)
    for code, group in groups.items():
        for parent in vocab.group_lineage(code, {c: g.get("parent") for c, g in groups.items()})[
            1:
        ]:
            vocabulary.below.setdefault(parent, set()).add(code)
        labels = group.get("labels") or {}
        for text in labels.values():
            vocabulary.add(text, "target_group", code)
        english = labels.get("en")
        if english:
            for lang in vocab.RESIDENT_LANGUAGES:
                vocabulary.add(gettext(english, lang), "target_group", code)
    return vocabulary


@dataclass
class Unit:
    """One phrase or word of a query and the ways an offer can match it."""

    text: str  # the FTS5 expression (quoted terms only), "" when no word is indexed
    categories: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    parts: list[Unit] = field(default_factory=list)  # a compound: every part must match

    def condition(self) -> tuple[Sql, list[Any]]:
        """The SQL condition on ``offers o`` of this unit, and its values."""
        if self.parts:
            pieces = [part.condition() for part in self.parts]
            return _joined([p[0] for p in pieces], " AND "), [v for p in pieces for v in p[1]]
        options: list[Sql] = []
        params: list[Any] = []
        if self.text:
            options.append(
                sql("o.rowid IN (SELECT rowid FROM offers_fts WHERE offers_fts MATCH ?)")
            )
            params.append(self.text)
        if self.categories:
            found = sorted(self.categories)
            options.append(sql("o.category IN ({found})", found=marks(found)))
            params += found
        if self.groups:
            found = sorted(self.groups)
            options.append(
                sql(
                    "EXISTS (SELECT 1 FROM offer_target_groups t WHERE t.offer = o.id"
                    " AND t.target_group IN ({found}))",
                    found=marks(found),
                )
            )
            params += found
        if not options:
            return sql("0"), []
        return _joined(options, " OR "), params

    def named(self) -> tuple[Sql, list[Any]] | None:
        """The condition "found through the vocabulary" (for ranking), or None."""
        if not (self.categories or self.groups):
            return None
        return Unit("", self.categories, self.groups).condition()


def _joined(conditions: list[Sql], joint: str) -> Sql:
    """``(a OR b …)`` of conditions made by :func:`~socialmap.sql.sql` (as :func:`where` joins)."""
    for condition in conditions:
        if not isinstance(condition, Sql):
            raise TypeError(f"a condition must be made by sql(), not {condition!r}")
    return Sql("(" + joint.join(conditions) + ")")


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"*'


@dataclass
class TextQuery:
    """What a query means: its units (all must match) and the terms for ranking by name."""

    units: list[Unit]

    def condition(self) -> tuple[Sql, list[Any]]:
        """The condition on ``offers o``: every unit matches ("0" when nothing can)."""
        if not self.units:
            return sql("0"), []
        pieces = [unit.condition() for unit in self.units]
        return _joined([p[0] for p in pieces], " AND "), [v for p in pieces for v in p[1]]

    def quality(self) -> tuple[Sql, list[Any]] | None:
        """A number per offer, higher for a better match: 2 a unit the vocabulary names, 1 a
        unit in the name.

        None when nothing can match.
        """
        parts: list[Sql] = []
        params: list[Any] = []
        for unit in self.units:
            named = unit.named()
            if named is not None:
                parts.append(sql("(CASE WHEN {named} THEN 2 ELSE 0 END)", named=named[0]))
                params += named[1]
        for unit in self.units:
            if unit.text:  # the unit's words in the offer's name
                parts.append(
                    sql(
                        "(CASE WHEN o.rowid IN (SELECT rowid FROM offers_fts"
                        " WHERE offers_fts MATCH ?) THEN 1 ELSE 0 END)"
                    )
                )
                params.append("{name} : (" + unit.text + ")")
        if not parts:
            return None
        return _joined(parts, " + "), params


class _Index:
    """Questions to the offer index about single words (is it there, what is near it)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def has(self, expression: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM offers_fts WHERE offers_fts MATCH ? LIMIT 1", [expression]
        ).fetchone()
        return row is not None

    def near_terms(self, word: str) -> list[str]:
        """Indexed words within the typing mistakes ``word`` allows (same first two letters)."""
        mistakes = allowed_mistakes(word)
        if not mistakes:
            return []
        start = word[:2]
        rows = self.db.execute(
            "SELECT term FROM offers_fts_terms WHERE term >= ? AND term < ? LIMIT 5000",
            [start, start + "\U0010ffff"],
        ).fetchall()
        scored = sorted(
            (edit_distance(word, term, mistakes), term)
            for (term,) in rows
            if abs(len(term) - len(word)) <= mistakes
        )
        return [term for distance, term in scored if distance <= mistakes][:3]


def _word_unit(word: str, vocabulary: Vocabulary, index: _Index, *, last: bool) -> Unit:
    """The unit of one word: its vocabulary meanings and its index terms."""
    unit = _named(vocabulary, (word,), last=last)
    terms = {stem(word) if len(word) >= 5 else word}
    spelling = _umlaut_spelling(word)
    if spelling:
        terms.add(stem(spelling))
    text = " OR ".join(_quoted(term) for term in sorted(terms))
    if index.has(text) or unit.categories or unit.groups:
        unit.text = text
        return unit
    near = index.near_terms(word)
    if near:
        unit.text = " OR ".join(_quoted(term) for term in near)
        return unit
    parts = _compound(word, vocabulary, index)
    if parts:
        return Unit("", parts=parts)
    unit.text = text  # nothing holds it: the search finds nothing, as it should
    return unit


def _compound(word: str, vocabulary: Vocabulary, index: _Index) -> list[Unit]:
    """Two parts of a compound word that each match something, or []."""
    if len(word) < 8:
        return []
    for cut in range(len(word) - 4, 3, -1):
        head, tail = word[:cut], word[cut:]
        tail = tail[1:] if tail.startswith("s") and len(tail) > 4 else tail  # Fugen-s
        units = []
        for part in (head, tail):
            unit = _named(vocabulary, (part,), last=True)
            term = _quoted(stem(part))
            if index.has(term):
                unit.text = term
            if not (unit.text or unit.categories or unit.groups):
                break
            units.append(unit)
        else:
            return units
    return []


def _named(vocabulary: Vocabulary, typed: tuple[str, ...], *, last: bool) -> Unit:
    """The categories and groups whose phrases ``typed`` stands for (every word fits)."""
    unit = Unit("")
    fits = [
        vocabulary.fitting(word, last=last and i == len(typed) - 1) for i, word in enumerate(typed)
    ]
    for first in fits[0]:
        for entry in vocabulary.entries.get(first, ()):
            if len(entry.words) != len(typed):
                continue
            if not all(word in fit for word, fit in zip(entry.words[1:], fits[1:], strict=True)):
                continue
            if entry.kind == "category":
                unit.categories.add(entry.code)
            else:
                unit.groups |= {entry.code, *vocabulary.below.get(entry.code, ())}
    return unit


def understand(
    db: sqlite_utils.Database, text: str | None, vocabulary: Vocabulary
) -> TextQuery | None:
    """The meaning of ``text`` for the offer search; None when it has no words at all.

    Phrases of the vocabulary are taken longest first ("language course" is one
    unit), the other words one by one.
    """
    if text is None or not text.strip():
        return None
    typed = words(text)[:_MAX_UNITS]
    index = _Index(db)
    units: list[Unit] = []
    position = 0
    while position < len(typed):
        unit = None
        for length in range(min(_LONGEST_PHRASE, len(typed) - position), 1, -1):
            phrase = tuple(typed[position : position + length])
            last = position + length == len(typed)
            named = _named(vocabulary, phrase, last=last)
            if named.categories or named.groups:
                named.text = "(" + " AND ".join(_quoted(stem(w)) for w in phrase) + ")"
                unit, position = named, position + length
                break
        if unit is None:
            last = position == len(typed) - 1
            unit = _word_unit(typed[position], vocabulary, index, last=last)
            position += 1
        units.append(unit)
    return TextQuery(units)
