"""Institutions: what kind of body a name stands for, and whose it is.

"The Kremlin", "Erdogan's office", "the Russian Foreign Ministry", "Press Service of the President of
Kazakhstan" and "the State Department" are bodies that speak and act, distinct from their countries
(annotation.md, contract v1.1). :func:`classify` reads a name into a :class:`Body`: its kind
(``executive`` for a presidency, a head-of-government office, their press services and seats;
``foreign_ministry``; ``ministry:<field>``; ``media``) and its country (ISO3, or None when the name
does not say). The words live in ``data/bodies_en.json``, so another language adds a file.

Example::

    >>> classify("the Kremlin", kb)
    Body(kind='executive', country='RUS', seat=True)
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

DATA = Path(__file__).parent / "data" / "bodies_en.json"
# nouns that head an institution's name; a later "the <noun>" refers back to it
HEAD_NOUNS = frozenset({
    "ministry", "office", "presidency", "service", "department", "administration", "court", "palace",
    "house", "chancellery", "division", "directorate", "secretariat", "agency", "government", "cabinet",
    "centre", "center", "newspaper", "paper", "daily", "broadcaster", "outlet", "channel",
})


class _Places(Protocol):
    """The part of the knowledge base that classification needs."""

    def country_by_demonym(self, word: str) -> object | None: ...
    def country_by_name(self, name: str) -> object | None: ...
    def lookup(self, name: str, kind: str | None = None) -> Sequence[object]: ...


@dataclass(frozen=True)
class Body:
    kind: str
    country: str | None
    seat: bool = False  # named by its building ("the Kremlin"), not by its words

    def same_as(self, other: Body) -> bool:
        """The same kind of body of the same country (the v1.1 scoring rule)."""
        return self.kind == other.kind and self.kind != "media" and self.country is not None \
            and self.country == other.country


def fold(text: str) -> str:
    """Lower case, accents and the leading article dropped, apostrophes unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("’", "'").lower().strip()
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text))


@dataclass(frozen=True)
class _Lexicon:
    seats: dict[str, tuple[str, str]]
    kinds: tuple[tuple[re.Pattern[str], str], ...]
    media: frozenset[str]
    seat_re: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    seats = {fold(name): (iso3, kind) for name, (iso3, kind) in data["seats"].items()}
    kinds = tuple((re.compile(r"\b(?:%s)\b" % words), kind) for words, kind in data["kinds"])
    media = frozenset(fold(name) for name in data["media"])
    seat_re = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(s) for s in sorted(seats, key=len, reverse=True)))
    return _Lexicon(seats, kinds, media, seat_re)


@lru_cache(maxsize=8192)
def kind_of(name: str) -> tuple[str, bool] | None:
    """The kind of body a name's words make it, and whether a seat's name made it so."""
    text = fold(name)
    lex = lexicon()
    if text in lex.seats:
        return lex.seats[text][1], True
    if text in lex.media:
        return "media", False
    for pattern, kind in lex.kinds:
        if pattern.search(text):
            return kind, False
    seat = lex.seat_re.search(text)
    if seat:
        return lex.seats[seat.group(0)][1], True
    return None


def classify(name: str, kb: _Places | None = None) -> Body | None:
    """The body a name stands for, or None when the name is not an institution's."""
    found = kind_of(name)
    if found is None:
        return None
    kind, seat = found
    country = country_in(name, kb) if kb is not None else None
    if country is None:
        seat_match = lexicon().seat_re.search(fold(name))
        if seat_match:
            country = lexicon().seats[seat_match.group(0)][0]
    return Body(kind, country, seat)


def country_in(name: str, kb: _Places) -> str | None:
    """The country a body's name gives: a demonym or country name in it, or its owner's country."""
    words = re.findall(r"[\w'’.-]+", name)
    owner = re.match(r"^(?:the\s+)?(.+?)['’]s?\s", name + " ")
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size]).rstrip("'’s") if size == 1 else " ".join(words[i:i + size])
            if not phrase[:1].isupper() and phrase.lower() not in ("us", "uk"):
                continue
            actor = kb.country_by_demonym(phrase) or kb.country_by_name(phrase)
            iso3 = getattr(actor, "country", None)
            if iso3:
                return str(iso3)
    if owner and "'" in name.replace("’", "'"):
        for actor in kb.lookup(owner.group(1), "person"):
            iso3 = getattr(actor, "country", None)
            if iso3:
                return str(iso3)
    return None
