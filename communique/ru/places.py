"""Russian place words: countries in every case, their adjectives, capitals and cities.

``data/ru/places.json`` lists, per ISO3 country, its Russian names («Казахстан», «Республика
Казахстан», «РК»), adjectives («казахстанский», «казахский») and capitals with their English names
(«Нур-Султан» -> "Nur-Sultan"); and other cities. Words are compared by their dictionary forms, so
«Киргизии», «в Кыргызстане», «казахстанской» and «РФ» all match.

Example::

    >>> lexicon().adjectives["казахстанский"]
    'KAZ'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..doctext import doc_text
from .carrier import morph_analyzer
from .names import transliterate


DATA = Path(__file__).parent.parent / "data" / "ru" / "places.json"
#: doc.user_data key of the dateline: (start, end, place in English or None, outlet or None) or None.
DATELINE_KEY = "communique.ru.dateline"
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[А-ЯЁ][А-ЯЁ-]+(?:[ -][А-ЯЁ][А-ЯЁ-]+)*)"       # АСТАНА, НУР-СУЛТАН, НЬЮ-ЙОРК
    r"(?:\s*,\s*(?P<date>\d{1,2}(?:[–-]\d{1,2})?\s+[а-яё]+(?:\s+\d{4}\s*(?:года|г\.)?)?))?"  # , 12 марта
    r"(?P<stop>\s*\.|\s+[—–-])?"
    r"(?:\s*/(?P<outlet>[^/\n]{1,80})/\s*\.?)?[ \t]*",               # /Корр./. /Агентство/.
    re.M,
)


@lru_cache(maxsize=100_000)
def word_keys(word: str, lemma: str = "") -> frozenset[str]:
    """The dictionary forms a word may have, lower case with ё as е: the tagger's lemma, the word,
    pymorphy3's normal forms, and the word without a case ending («Акорды» -> «акорда»)."""
    lower = word.lower().replace("ё", "е")
    keys = {lower}
    if lemma:
        keys.add(lemma.lower().replace("ё", "е"))
    if any(ch.isalpha() for ch in word) and not word.isupper():
        for parse in morph_analyzer().parse(word)[:4]:
            keys.add(parse.normal_form.replace("ё", "е"))
        for ending, nominative in (("ы", "а"), ("и", "я"), ("е", "а"), ("у", "а"), ("ой", "а"), ("ей", "я"),
                                   ("ом", ""), ("ем", "ь"), ("а", ""), ("я", "ь"), ("е", ""), ("у", "")):
            if lower.endswith(ending) and len(lower) - len(ending) >= 3:
                keys.add(lower[: -len(ending)] + nominative)
    return frozenset(keys)


def token_keys(doc: Doc, i: int) -> frozenset[str]:
    token = doc[i]
    return word_keys(token.text, token.lemma_)


@dataclass(frozen=True)
class Phrase:
    """A name of several words, each a set of keys; ``value`` is what it names."""

    words: tuple[frozenset[str], ...]
    value: tuple[str, ...]


@dataclass(frozen=True)
class _Lexicon:
    names: dict[str, list[Phrase]]  # key of the first word -> country names starting with it
    adjectives: dict[str, str]  # adjective lemma -> ISO3
    capitals: dict[str, tuple[str, str]]  # key -> (English name, ISO3)
    cities: dict[str, tuple[str, str]]


def phrase_index(entries: list[tuple[str, tuple[str, ...]]]) -> dict[str, list[Phrase]]:
    """Multi-word names indexed by every key of their first word, longest names first."""
    index: dict[str, list[Phrase]] = {}
    for text, value in entries:
        words = tuple(_data_keys(w) for w in text.split())
        phrase = Phrase(words, value)
        for key in words[0]:
            index.setdefault(key, []).append(phrase)
    for bucket in index.values():
        bucket.sort(key=lambda p: -len(p.words))
    return index


def _data_keys(word: str) -> frozenset[str]:
    lower = word.lower().replace("ё", "е")
    if word.isupper() or not word.isalpha():
        return frozenset({lower})
    return frozenset({lower} | {p.normal_form.replace("ё", "е") for p in morph_analyzer().parse(word)[:2]})


def match_phrase(doc: Doc, i: int, index: dict[str, list[Phrase]], skip_adjectives: bool = False
                 ) -> tuple[int, Phrase] | None:
    """The longest phrase of ``index`` starting at token ``i``: (end token, phrase). With
    ``skip_adjectives``, adjectives may stand between its words («глава [китайской] дипломатии»)."""
    seen: set[int] = set()
    best: tuple[int, Phrase] | None = None
    for key in token_keys(doc, i):
        for phrase in index.get(key, ()):
            if id(phrase) in seen:
                continue
            seen.add(id(phrase))
            end = _phrase_end(doc, i, phrase, skip_adjectives)
            if end is not None and (best is None or end > best[0]):
                best = (end, phrase)
    return best


def _phrase_end(doc: Doc, i: int, phrase: Phrase, skip_adjectives: bool) -> int | None:
    j = i + 1
    for words in phrase.words[1:]:
        while skip_adjectives and j < len(doc) and doc[j].pos_ == "ADJ" and not token_keys(doc, j) & words:
            j += 1
        if j >= len(doc) or not token_keys(doc, j) & words:
            return None
        j += 1
    return j


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    names: list[tuple[str, tuple[str, ...]]] = []
    adjectives: dict[str, str] = {}
    capitals: dict[str, tuple[str, str]] = {}
    for iso3, entry in data["countries"].items():
        names += [(name, (iso3,)) for name in entry["names"]]
        for adjective in entry["adjectives"]:
            adjectives.setdefault(adjective.replace("ё", "е"), iso3)
        for ru, en in entry["capitals"].items():
            for key in _data_keys(ru):
                capitals.setdefault(key, (en, iso3))
    cities: dict[str, tuple[str, str]] = {}
    for ru, (en, iso3) in data["cities"].items():
        for key in _data_keys(ru):
            cities.setdefault(key, (en, iso3))
    return _Lexicon(phrase_index(names), adjectives, capitals, cities)


def country_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """A country named from token ``i`` on: (end token, ISO3)."""
    found = match_phrase(doc, i, lexicon().names)
    return (found[0], found[1].value[0]) if found is not None else None


def adjective_country(doc: Doc, i: int) -> str | None:
    """The country an adjective names: «казахстанский», «российской», «китайского» -> ISO3."""
    token = doc[i]
    if token.pos_ not in ("ADJ", "PROPN", "NOUN", "DET"):
        return None
    table = lexicon().adjectives
    for key in token_keys(doc, i):
        if key in table:
            return table[key]
    return None


def city_at(doc: Doc, i: int) -> tuple[str, str] | None:
    """A capital or city: (English name, ISO3)."""
    lex = lexicon()
    for key in token_keys(doc, i):
        found = lex.capitals.get(key) or lex.cities.get(key)
        if found is not None:
            return found
    return None


def city_name(word: str) -> tuple[str, str] | None:
    """A capital or city written alone («АСТАНА», «Худжанде»): (English name, ISO3)."""
    lex = lexicon()
    title = "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    for key in word_keys(title):
        found = lex.capitals.get(key) or lex.cities.get(key)
        if found is not None:
            return found
    return None


def find_dateline(text: str) -> tuple[int, int, str | None, str | None] | None:
    """The dateline opening the article's first lines: (start, end, place in English, outlet)."""
    for match in DATELINE.finditer(text[:400]):
        if not (match.group("date") or match.group("outlet") or (match.group("stop") or "").strip() in "—–-" and match.group("stop")):
            continue
        if len(match.group("place")) < 3 or match.group("place").upper() != match.group("place"):
            continue
        word = match.group("place")
        city = city_name(word)
        place = city[0] if city is not None else "-".join(p.capitalize() for p in transliterate(word.title()).split("-"))
        outlet = (match.group("outlet") or "").strip(" .") or None
        if outlet is not None and re.fullmatch(r"(?i)корр|спецкорр|собкорр|корреспондент", outlet):
            outlet = None  # the outlet's own correspondent
        return match.start("place"), match.end(), place, outlet
    return None


def dateline(doc: Doc) -> tuple[int, int, str | None, str | None] | None:
    """The article's dateline: (start_char, end_char, place in English or None, outlet or None)."""
    if DATELINE_KEY not in doc.user_data:
        doc.user_data[DATELINE_KEY] = find_dateline(doc_text(doc))
    found: tuple[int, int, str | None, str | None] | None = doc.user_data[DATELINE_KEY]
    return found


def article_country(doc: Doc) -> str | None:
    """The country an article's unqualified institution or host belongs to: its dateline city's,
    else the publisher's (``doc._.cq_home``)."""
    found = dateline(doc)
    if found is not None and found[2]:
        city = city_name(doc_text(doc)[found[0]:found[1]].split(",")[0].split(".")[0].strip())
        if city is not None:
            return city[1]
    home: str | None = doc._.cq_home
    return home
