"""The actor knowledge base: who is who, and who held which office when.

The KB is one JSON document (``communique/data/kb.json.gz``, built by ``communique kb build``)::

    {"version": "2026-11-28",                    # build date, reported as pipeline.kb
     "actors": [{"id": "Q7747", "name": "Vladimir Putin", "kind": "person",
                 "country": "RUS", "cameo": "RUSGOV",
                 "aliases": ["Putin", "Vladimir Vladimirovich Putin", "Poutine"],
                 # countries also carry:
                 "iso3": "RUS", "demonyms": ["Russian"], "capital": "Moscow",
                 "metonyms": ["the Kremlin", "Moscow"],
                 # optional: "gender" ("male"/"female") for people; "institution" for bodies
                 # that speak for a state (executive, press_service, foreign_ministry,
                 # ministry:<field>), e.g. {"id": "inst:RUS:presidency", "name": "Kremlin",
                 # "kind": "organization", "institution": "executive", "country": "RUS"}}, ...],
     "tenures": [{"person": "Q7747", "role": "President", "of": "Q159",
                  "start": "2012-05-07", "end": null, "precision": "day",
                  "source": "wikidata"}, ...],
     "memberships": [{"member": "Q232", "of": "Q1061", "start": "1994", "end": null}, ...]}

``of`` in tenures and memberships is the actor id of the country or organization. Roles are short
and capitalised ("President", "Prime Minister", "Foreign Minister", "Secretary-General").
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import gc
import gzip
import hashlib
import json
import os
import re
import unicodedata
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from . import cache
from .errors import KnowledgeBaseError

DATA_DIR = Path(str(resources.files("communique") / "data"))
DEFAULT_KB = DATA_DIR / "kb.json.gz"
HAND_FACTS = DATA_DIR / "kb_hand.json"


@lru_cache(maxsize=65536)  # an article asks for the same few names and offices again and again
def norm_name(text: str) -> str:
    """A lookup key for a name: lower case, no accents, no punctuation, no leading article."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def parse_date(value: str | None) -> dt.date | None:
    """Parse a KB date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) to its first day."""
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")[:3] if p]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _end_date(value: str | None) -> dt.date | None:
    """Parse an end date, to the last day of its precision ("2019" ends on 2019-12-31)."""
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")[:3] if p]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return parse_date(value)


# Office names in the sources are local ("Minister of Foreign Affairs", "Secretary of State for
# Foreign and Commonwealth Affairs", "Premier"); one short role per function lets "the Kazakh foreign
# minister" and "the British Foreign Secretary" be answered by the same lookup.
_ROLE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(minister|secretary|ministry)( of state)? (of|for) (the )?(foreign|external) (affairs|relations)"
     r"|(minister|secretary)( of state)? (of|for) (europe and )?foreign( and commonwealth| commonwealth and development)?"
     r"( affairs)?|foreign minister|minister of europe and foreign affairs", "Foreign Minister"),
    (r"(minister|secretary)( of state)? (of|for) (the )?(national )?defen[cs]e|defen[cs]e (minister|secretary)"
     r"|minister of the armed forces", "Defence Minister"),
    (r"(minister|secretary) (of|for) (the )?(finance|finances)|finance minister|chancellor of the exchequer"
     r"|secretary of the treasury", "Finance Minister"),
    (r"(minister|secretary) (of|for) (the )?(interior|internal affairs|home affairs)|home secretary"
     r"|interior minister", "Interior Minister"),
    (r"premier|chairman of the government|president of the government|head of government", "Prime Minister"),
    (r"federal chancellor|chancellor", "Chancellor"),
    (r"monarch|king|queen|emperor|empress|sultan|emir|amir|grand duke|sovereign prince|prince", "Monarch"),
)
_ROLE_EXACT = {"secretary-general": "Secretary-General", "secretary general": "Secretary-General"}


def canonical_role(label: str, iso3: str | None = None) -> str:
    """The short role for an office label: "Minister of Foreign Affairs" -> "Foreign Minister".

    Deputy posts keep their own role ("Deputy Minister of Foreign Affairs" -> "Deputy Foreign
    Minister"). ``iso3`` resolves labels that depend on the country (the US Secretary of State).
    """
    text = " ".join(label.replace("’", "'").split()).strip(" ,")
    low = text.lower()
    if low in _ROLE_EXACT:
        return _ROLE_EXACT[low]
    if iso3 == "USA" and low in ("secretary of state", "united states secretary of state"):
        return "Foreign Minister"
    if low == "foreign secretary" and iso3 == "GBR":
        return "Foreign Minister"  # a minister in Britain, the ministry's top civil servant in India
    prefix = ""
    match = re.match(r"(first deputy|deputy|vice|acting) ", low)
    if match and not re.match(r"(deputy|vice|first deputy) (president|prime minister|chancellor|premier)$", low):
        prefix = text[: match.end()].title()
        low = low[match.end():]
        text = text[match.end():]
    low = low.replace(",", "")
    for pattern, role in _ROLE_PATTERNS:
        if re.fullmatch(pattern, low):
            return prefix + role
    if low.startswith("deputy chairman of the government"):
        return "Deputy Prime Minister"
    if low.startswith("first deputy chairman of the government"):
        return "First Deputy Prime Minister"
    result = text[:1].upper() + text[1:]
    return prefix + result


@dataclass(frozen=True)
class KBActor:
    id: str
    name: str
    kind: str
    country: str | None = None
    cameo: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    institution: str | None = None  # executive | press_service | foreign_ministry | ministry:<field>
    gender: str | None = None  # "male" | "female", where a source gives it


@dataclass(frozen=True)
class Tenure:
    person: str
    role: str
    of: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str = "day"
    source: str = ""
    title: str = ""

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class KnowledgeBase:
    version: str
    actors: dict[str, KBActor]
    tenures: list[Tenure] = field(default_factory=list)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    # where the KB was read from and a digest of what (its file's bytes and this module's source),
    # set by load(): forms built from the KB and kept on disk (the name index of communique_actors)
    # are kept per file and keyed on the digest. Empty for a KB built in memory.
    path: str = ""
    digest: str = ""

    def __post_init__(self) -> None:
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_demonym: dict[str, str] = {}
        self._by_metonym: dict[str, str] = {}
        self._by_iso3: dict[str, str] = {}
        self._institutions: dict[str, list[KBActor]] = defaultdict(list)
        self._tenures_of: dict[str, list[Tenure]] = defaultdict(list)
        self._holders: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                key = norm_name(name)
                if key and actor.id not in self._by_name[key]:
                    self._by_name[key].append(actor.id)
            for demonym in actor.demonyms:
                self._by_demonym.setdefault(norm_name(demonym), actor.id)
            for metonym in actor.metonyms:
                self._by_metonym.setdefault(norm_name(metonym), actor.id)
            if actor.kind == "country" and actor.country:
                self._by_iso3.setdefault(actor.country, actor.id)
            if actor.institution and actor.country:
                self._institutions[actor.country].append(actor)
        for tenure in self.tenures:
            self._tenures_of[tenure.person].append(tenure)
            if tenure.of:
                self._holders[(norm_name(canonical_role(tenure.role)), tenure.of)].append(tenure)

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KnowledgeBase:
        try:
            actors = {}
            for row in data["actors"]:
                actors[row["id"]] = KBActor(
                    id=row["id"],
                    name=row["name"],
                    kind=row.get("kind", "person"),
                    country=row.get("country") or row.get("iso3"),
                    cameo=row.get("cameo"),
                    aliases=tuple(row.get("aliases", ())),
                    demonyms=tuple(row.get("demonyms", ())),
                    capital=row.get("capital"),
                    metonyms=tuple(row.get("metonyms", ())),
                    institution=row.get("institution"),
                    gender=row.get("gender"),
                )
            tenures = [
                Tenure(
                    person=row["person"],
                    role=row["role"],
                    of=row.get("of"),
                    start=parse_date(row.get("start")),
                    end=_end_date(row.get("end")),
                    precision=row.get("precision", "day"),
                    source=row.get("source", ""),
                    title=row.get("title") or "",
                )
                for row in data.get("tenures", ())
            ]
        except (KeyError, TypeError) as exc:
            raise KnowledgeBaseError(f"knowledge base is malformed: missing or bad field {exc}") from exc
        return cls(str(data.get("version", "unknown")), actors, tenures, list(data.get("memberships", ())))

    @classmethod
    def load(cls, path: str | Path | None = None, *, cache_dir: str | Path | None = None) -> KnowledgeBase:
        """Load a KB file (``.json`` or ``.json.gz``); the default is the packaged snapshot.

        The first load of a file parses its JSON and writes a prebuilt form (the loaded object,
        pickled) to ``cache_dir`` (default: the ``COMMUNIQUE_CACHE_DIR`` setting, else
        ``$XDG_CACHE_HOME/communique``); later loads of the same file read that in a fraction of
        the time. The cache is keyed on the KB file's bytes and this module's source, so a
        rebuilt KB or a new field in ``KBActor`` never reads a stale form.
        """
        target = Path(path) if path else DEFAULT_KB
        if not target.exists() and path is None:
            target = HAND_FACTS
        try:
            raw = target.read_bytes()
        except FileNotFoundError as exc:
            raise KnowledgeBaseError(
                f"{target}: knowledge base not found; run `communique kb build` to create it"
            ) from exc
        except OSError as exc:
            raise KnowledgeBaseError(f"{target}: cannot read knowledge base ({exc})") from exc
        kept = cache.path("kb", str(target.resolve()), raw + _SOURCE_DIGEST, cache_dir)
        cached = cache.read(kept, KnowledgeBase) if kept else None
        if cached is not None:
            return cached
        try:
            text = gzip.decompress(raw) if target.suffix == ".gz" else raw
            kb = cls.from_dict(json.loads(text.decode("utf-8")))
        except (OSError, ValueError, EOFError) as exc:
            raise KnowledgeBaseError(f"{target}: cannot read knowledge base ({exc})") from exc
        kb.path, kb.digest = str(target.resolve()), hashlib.sha256(raw + _SOURCE_DIGEST).hexdigest()
        if kept:
            cache.write(kept, kb)
        return kb

    # -- lookups ---------------------------------------------------------------------------
    def get(self, actor_id: str | None) -> KBActor | None:
        return self.actors.get(actor_id) if actor_id else None

    def lookup(self, name: str, kind: str | None = None) -> list[KBActor]:
        """Actors whose name or alias equals ``name`` (normalised), optionally of one kind."""
        found = [self.actors[i] for i in self._by_name.get(norm_name(name), ())]
        return [a for a in found if kind is None or a.kind == kind]

    def names(self) -> Iterable[tuple[str, KBActor]]:
        """Every (name or alias, actor) pair, for building entity patterns."""
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                yield name, actor

    def country_by_demonym(self, word: str) -> KBActor | None:
        actor_id = self._by_demonym.get(norm_name(word))
        return self.actors.get(actor_id) if actor_id else None

    def country_by_metonym(self, phrase: str) -> KBActor | None:
        actor_id = self._by_metonym.get(norm_name(phrase))
        return self.actors.get(actor_id) if actor_id else None

    def country_by_iso3(self, iso3: str | None) -> KBActor | None:
        actor_id = self._by_iso3.get(iso3 or "")
        return self.actors.get(actor_id) if actor_id else None

    def country_by_name(self, name: str) -> KBActor | None:
        for actor in self.lookup(name):
            if actor.kind == "country":
                return actor
        return None

    def place(self, text: str) -> KBActor | None:
        """A country or organization named by its name, demonym or metonym.

        A state's institution is not a place: "the Kremlin" or "the Akorda" as a place is its
        country (the institution itself is :meth:`lookup`'s answer, for speakers).
        """
        found = self.lookup(text)
        for actor in found:
            if actor.kind in ("country", "organization") and actor.institution is None:
                return actor
        by_word = self.country_by_demonym(text) or self.country_by_metonym(text)
        if by_word is not None:
            return by_word
        for actor in found:
            if actor.institution is not None:
                return self.country_by_iso3(actor.country)
        return None

    def search(self, query: str, limit: int = 20) -> list[tuple[KBActor, str, float]]:
        """Actors matching ``query`` best first, as (actor, matching name, score in 0..1).

        Finds a name or alias exactly (1.0), every word of the query among a name's words
        ("Trump" -> Donald Trump, 0.9), names starting with the query (0.8), then names whose
        words are close misspellings ("Tokaiev", 0.5-0.75). People who held an office rank first
        among equals::

            kb.search("Trump")[0][0].name  # 'Donald Trump'
        """
        key = norm_name(query)
        words = key.split()
        if not words:
            return []
        index = self._word_index()
        scores: dict[str, tuple[float, str]] = {}

        def offer(actor_id: str, name: str, score: float) -> None:
            best = scores.get(actor_id, (0.0, ""))
            if score > best[0] or (score == best[0] and name == self.actors[actor_id].name):
                scores[actor_id] = (score, name)

        for actor_id in self._by_name.get(key, ()):
            offer(actor_id, query, 1.0)
        per_word: list[set[tuple[str, str]]] = []
        fuzzy: dict[str, float] = {}
        for word in words:
            hits = set(index.get(word, ()))
            for close in difflib.get_close_matches(word, self._vocabulary(), n=5, cutoff=0.8):
                if close != word:
                    fuzzy[close] = difflib.SequenceMatcher(None, word, close).ratio()
                    hits |= {(i, n) for i, n in index.get(close, ())}
            per_word.append(hits)
        exact_words = set.intersection(*[set(index.get(w, ())) for w in words])
        for actor_id, name in exact_words:
            offer(actor_id, name, 0.9)
        for actor_id, name in set.intersection(*per_word) - exact_words:
            ratio = min(fuzzy.get(w, 1.0) for w in norm_name(name).split() if w in fuzzy or w in words) if fuzzy else 1.0
            offer(actor_id, name, 0.75 * ratio)
        if len(key) >= 3 and len(scores) < limit:
            for name_key, ids in self._by_name.items():
                if name_key.startswith(key):
                    for actor_id in ids:
                        offer(actor_id, self.actors[actor_id].name, 0.8)
        ranked = sorted(scores.items(), key=lambda item: (-item[1][0], -len(self._tenures_of.get(item[0], ())),
                                                          self.actors[item[0]].name))
        return [(self.actors[i], name, round(score, 3)) for i, (score, name) in ranked[:limit]]

    def _word_index(self) -> dict[str, list[tuple[str, str]]]:
        """word of any name or alias -> [(actor id, that name)], built on first search."""
        cached: dict[str, list[tuple[str, str]]] | None = getattr(self, "_words", None)
        if cached is None:
            cached = defaultdict(list)
            for actor in self.actors.values():
                for name in (actor.name, *actor.aliases):
                    for word in set(norm_name(name).split()):
                        cached[word].append((actor.id, name))
            self._words = cached
            self._vocab = sorted(cached)
        return cached

    def _vocabulary(self) -> list[str]:
        self._word_index()
        vocab: list[str] = self._vocab
        return vocab

    def institutions(self, iso3: str, kind: str | None = None) -> list[KBActor]:
        """The bodies that speak for the state ``iso3``, optionally of one kind.

        ``kind`` is ``executive``, ``press_service``, ``foreign_ministry`` or ``ministry:<field>``;
        ``ministry`` alone means every ministry, the foreign ministry included::

            kb.institutions("RUS", "executive")  # [KBActor(id="inst:RUS:presidency", name="Kremlin", ...)]
        """
        found = self._institutions.get(iso3.upper(), [])
        if kind is None:
            return list(found)
        if kind == "ministry":
            return [a for a in found if a.institution == "foreign_ministry" or (a.institution or "").startswith("ministry:")]
        return [a for a in found if a.institution == kind]

    def offices(self, person_id: str, on: dt.date | None = None) -> list[Tenure]:
        """Offices the person held (on a date, when given)."""
        tenures = self._tenures_of.get(person_id, [])
        return [t for t in tenures if on is None or t.covers(on)]

    def holders(self, role: str, of: str, on: dt.date | None = None) -> list[KBActor]:
        """Who held ``role`` of the country or organization ``of`` (an actor id) on a date.

        Without a date, the current holders (open-ended tenures) are returned.
        """
        of_actor = self.actors.get(of)
        iso3 = of_actor.country if of_actor and of_actor.kind == "country" else None
        tenures = self._holders.get((norm_name(canonical_role(role, iso3)), of), [])
        if on is not None:
            chosen = [t for t in tenures if t.covers(on)]
        else:
            chosen = [t for t in tenures if t.end is None]
        seen: list[KBActor] = []
        for tenure in sorted(chosen, key=lambda t: t.start or dt.date.min, reverse=True):
            actor = self.actors.get(tenure.person)
            if actor and actor not in seen:
                seen.append(actor)
        return seen


_MEMOS: dict[int, dict[Callable[..., Any], Any]] = {}
T = TypeVar("T")


def per_kb(build: Callable[[KnowledgeBase], T]) -> Callable[[KnowledgeBase], T]:
    """``build(kb)`` made once per knowledge base object and forgotten with it: for indexes built
    from the whole KB (the entity layers' surname, spelling and skeleton indexes)::

        @per_kb
        def surname_index(kb: KnowledgeBase) -> dict[str, list[str]]: ...
    """

    @functools.wraps(build)
    def memo(kb: KnowledgeBase) -> T:
        kept = _MEMOS.get(id(kb))
        if kept is None:
            kept = _MEMOS[id(kb)] = {}
            weakref.finalize(kb, _MEMOS.pop, id(kb), None)  # before another object can take its id
        if build not in kept:
            kept[build] = build(kb)
        value: T = kept[build]
        return value

    return memo


#: Whether ``load_kb`` moves what the process holds out of the cyclic collector's sight once the
#: knowledge base is loaded (``gc.freeze``). Its few hundred thousand objects live until the process
#: ends, and every full collection, the one at exit included, would walk them all again (0.1-0.2 s of a
#: one-sentence ``communique analyze``, issue 13). Freezing is process-wide: it also keeps whatever the
#: host program holds at that moment from ever being collected, so communique's own processes (the
#: command line, batch workers) turn it on with ``freeze_on_load()`` and a program that embeds
#: communique decides for itself.
_FREEZE_ON_LOAD = False


def freeze_on_load(on: bool = True) -> None:
    """Have ``load_kb`` freeze the process's objects after loading (see ``_FREEZE_ON_LOAD``)."""
    global _FREEZE_ON_LOAD
    _FREEZE_ON_LOAD = on


@lru_cache(maxsize=4)
def load_kb(path: str | None = None) -> KnowledgeBase:
    """The knowledge base, loaded once per process (``COMMUNIQUE_KB`` names another file)."""
    kb = KnowledgeBase.load(path or os.environ.get("COMMUNIQUE_KB") or None)
    if _FREEZE_ON_LOAD:
        gc.freeze()
    return kb


# The prebuilt form's key covers the file's bytes and this module's source: a rebuilt KB, or a field
# another version of KBActor reads from the JSON rows, gets a new cache file instead of a stale one.
_SOURCE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16].encode("ascii")
