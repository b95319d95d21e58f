"""Entities: every mention of a document clustered into the actors it refers to.

Component ``communique_entities`` runs after ``communique_actors`` and before quotes and events,
which read its result from ``doc._.cq_mentions`` / ``doc._.cq_actors``. It applies the rules of
``contract/annotation.md`` (v1.1):

- **places are never actors that speak or meet**: a dateline ("MINSK, May 3 (Wire) —") and the
  article's own outlet lose their mentions; a demonym or country name read as a person is dropped;
- **one actor per person**: a surname, a partial name, a name in another order or spelling, or a
  name the model tagged as an organization joins the full name introduced in the article;
- **institutions**: "the Kremlin", "Erdogan's office", "the Russian Foreign Ministry", "the
  Algerian presidency", "a Kremlin readout" are organization actors of their country, and a later
  "the ministry", "the press service", "the statement" refers back to the last one of its kind;
- **spokespeople** without a name are a group actor "Spokesman for X";
- **office descriptions**: "his Algerian counterpart", "the Chinese leader", "Russia's top
  diplomat", "the Turkish side", "his guest", "the host" name the person holding that office on the
  article's date (the one the article names, else the knowledge base's holder);
- **pronouns** agree in gender with their antecedent (knowledge base, honorifics, first names);
- people outside the knowledge base get a local id from their normalised name and country, the same
  in every article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from .doctext import doc_text
from .actors import ActorInfo, MentionInfo, RoleInfo, _quoted_mask
from .institutions import HEAD_NOUNS, Body, classify, fold, lexicon
from .kb import KBActor, KnowledgeBase, norm_name, per_kb

DATA = Path(__file__).parent / "data" / "entities_en.json"
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]*[A-ZÀ-ÖØ-Þ])(?:/[A-Z][A-Za-z ]+)?"  # MINSK, NEW DELHI, BELÉM
    r"(?:\s*,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s*,))?"               # , Brazil (the country after the city)
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"       # , May 3 / , Sept. 3, 2024
    r"(?:\s*\((?P<outlet>[^)\n]{1,60})\))?"                          # (Steppe Wire)
    r"\s*[—–-]{1,2}\s*",
    re.M,
)
BODY_BACKREF = frozenset({"ministry", "office", "presidency", "service", "department", "palace", "court",
                          "administration", "division", "directorate", "chancellery", "secretariat"}) | {
    "newspaper", "paper", "agency", "broadcaster", "daily", "outlet", "channel"}
CONTACT_WORDS = frozenset({"summit", "meeting", "talks", "conference", "visit", "call", "session", "forum",
                           "bilateral summit", "videoconference", "video conference"})
MEDIA_BACKREF = frozenset({"newspaper", "paper", "agency", "broadcaster", "daily", "outlet", "channel"})
DOCUMENT_NOUNS = frozenset({"statement", "readout", "communique", "communiqué", "release", "bulletin", "report"})
MISSION_NOUNS = frozenset({"embassy", "consulate", "mission"})
SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "secretary"})
MALE_WORDS = frozenset({"he", "him", "his", "himself"})
FEMALE_WORDS = frozenset({"she", "her", "hers", "herself"})


@dataclass(frozen=True)
class _Lexicon:
    female_names: frozenset[str]
    male_names: frozenset[str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    leader_words: frozenset[str]
    guest_words: frozenset[str]
    host_words: frozenset[str]
    counterpart_words: frozenset[str]
    offices: dict[str, str]  # "top diplomat" -> "Foreign Minister"
    head_offices: tuple[str, ...]
    government_led: frozenset[str]

    def leader_offices(self, country: str) -> tuple[str, ...]:
        """The offices that lead a country, the leading one first."""
        if country in self.government_led:
            return ("Prime Minister", "Chancellor", *self.head_offices)
        return self.head_offices


@lru_cache(maxsize=1)
def words() -> _Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return _Lexicon(
        female_names=frozenset(n.lower() for n in data["female_given_names"]),
        male_names=frozenset(n.lower() for n in data["male_given_names"]),
        female_titles=frozenset(data["female_titles"]),
        male_titles=frozenset(data["male_titles"]),
        leader_words=frozenset(data["leader_words"]),
        guest_words=frozenset(data["guest_words"]),
        host_words=frozenset(data["host_words"]),
        counterpart_words=frozenset(data["counterpart_words"]),
        offices={k.lower(): v for k, v in data["office_words"].items()},
        head_offices=tuple(data["head_offices"]),
        government_led=frozenset(data["government_led"]),
    )


def stable_id(name: str, kind: str, country: str | None = None) -> str:
    """A local id that is the same in every article: kind, the name's words in any order, country."""
    tokens = sorted(norm_name(name).split())
    digest = hashlib.sha1(f"{kind}:{' '.join(tokens)}:{country or ''}".encode("utf-8")).hexdigest()[:10]
    return f"L{digest}"


PARTICLES = frozenset("al el bin ibn de da do dos van von der mr mrs ms dr sir jr sr ii iii".split())


def name_tokens(name: str) -> list[str]:
    """A name's parts for comparison: folded, hyphens split, particles and honorifics left out."""
    return list(_name_parts(name))


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, ...]:
    # an article names the same few people hundreds of times: fold each spelling once
    return tuple(t for t in norm_name(name).replace("-", " ").split() if t not in PARTICLES)


def _variant(a: str, b: str, ratio: float = 0.8) -> bool:
    """Transliteration variants of one name part ("Tokaev" / "Tokayev", "Inacio" / "Inácio")."""
    import difflib

    return len(a) >= 4 and len(b) >= 4 and a[0] == b[0] and difflib.SequenceMatcher(None, a, b).ratio() >= ratio


def _part_matches(part: str, known: set[str]) -> bool:
    """One part of a name as written fits a known name's parts: exactly, as a spelling variant, as a
    shortened form ("Ukhnaa" / "Ukhnaagiin", "Shiaa" / "Shia") or as an initial ("U.")."""
    if part in known:
        return True
    if len(part) == 1:
        return any(k.startswith(part) for k in known)
    return any(_variant(part, k, 0.74) or (min(len(part), len(k)) >= 4 and (k.startswith(part) or part.startswith(k)))
               for k in known)


@lru_cache(maxsize=65536)
def same_person_name(short: str, full: str) -> bool:
    """Whether ``short`` can name the person called ``full`` ("Trump" ~ "Donald Trump", "Tokaev" ~
    "Tokayev", "Khurelsukh Ukhnaa" ~ "Ukhnaagiin Khurelsukh")."""
    a, b = name_tokens(short), name_tokens(full)
    if not a or not b:
        return False
    # every part of the shorter name is a part of the longer one, exactly or as a variant spelling;
    # a one-word name may be the family name placed first ("Khurelsukh" in "Khurelsukh Ukhnaa")
    return all(_part_matches(x, set(b)) for x in a) and (
        len(a) > 1 or a[0] == b[-1] or _variant(a[0], b[-1]) or (len(a[0]) >= 5 and a[0] in b))


@dataclass
class _State:
    doc: Doc
    kb: KnowledgeBase
    mentions: list[MentionInfo]
    actors: dict[str, ActorInfo]
    roles: list[RoleInfo]
    published: dt.date | None
    gender: dict[str, str] = field(default_factory=dict)
    silent: list[tuple[int, int]] = field(default_factory=list)  # datelines and the outlet's own name
    datelines: list[tuple[int, int, str | None]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # spaCy makes a new Token on every access: read once
    # token -> mention, so that looking a token up costs the same in a long article as in a short one
    # (issue 14: a scan of every mention per token made long articles quadratic)
    _index: list[MentionInfo | None] = field(default_factory=list)
    _indexed: list[MentionInfo] | None = None
    # bumped whenever mentions change otherwise than by an appended one: what is built on the list
    # (the actors in order of first mention) is then built again, else only extended
    _epoch: int = 0
    _seen: dict[str, None] = field(default_factory=dict)
    _seen_at: tuple[int, int] = (-1, 0)  # (epoch, how many mentions) _seen was taken from

    def reindex(self) -> None:
        """Rebuild the token index (after mentions were replaced in place or the list reassigned)."""
        self._index = [None] * len(self.doc)
        for m in self.mentions:
            for i in range(m.start, min(m.end, len(self._index))):
                if self._index[i] is None:
                    self._index[i] = m
        self._indexed = self.mentions
        self._epoch += 1

    def first_seen(self) -> list[str]:
        """Actor ids in the order of their first mention in ``mentions``: what a walk of every mention
        in list order finds first, at the cost of the mentions added since the last call (issue 14)."""
        if self._indexed is not self.mentions:
            self.reindex()
        epoch, done = self._seen_at
        if epoch != self._epoch:
            self._seen, done = {}, 0
        for m in self.mentions[done:]:
            self._seen.setdefault(m.actor)
        self._seen_at = (self._epoch, len(self.mentions))
        return list(self._seen)

    def add(self, start: int, end: int, actor: ActorInfo, via: str) -> MentionInfo | None:
        span = self.doc[start:end]
        if any(s <= span.start_char < e for s, e in self.silent):
            return None
        if self._indexed is not self.mentions:
            self.reindex()
        self.actors.setdefault(actor.id, actor)
        mention = MentionInfo(start, end, actor.id, via, span.start_char, span.end_char, span.text)
        gone = {id(m): m for m in self._index[start:end] if m is not None}
        if gone:
            # a new list without them, found by identity in C (a scan in Python per overlapping
            # mention made long articles quadratic, issue 14)
            ids = list(map(id, self.mentions))
            places = []
            for key in gone:
                at = -1
                while True:
                    try:
                        at = ids.index(key, at + 1)
                    except ValueError:
                        break
                    places.append(at)
            kept = self.mentions.copy()
            for at in sorted(places, reverse=True):
                del kept[at]
            self.mentions = kept
            self._epoch += 1
            for m in gone.values():
                for i in range(m.start, m.end):
                    self._index[i] = None
        self.mentions.append(mention)
        for i in range(start, end):
            self._index[i] = mention
        self._indexed = self.mentions
        return mention

    def at(self, i: int) -> MentionInfo | None:
        if self._indexed is not self.mentions:
            self.reindex()
        return self._index[i] if 0 <= i < len(self._index) else None

    def kind(self, actor_id: str) -> str:
        info = self.actors.get(actor_id)
        return info.kind if info else ""


def document_kb(doc: Doc) -> KnowledgeBase:
    """The knowledge base the pipeline put on ``doc``, or the default one (a component run alone)."""
    kb: KnowledgeBase | None = doc._.cq_kb
    if kb is None:
        from .kb import load_kb

        kb = load_kb()
    return kb


class EntityLinker:
    """Clusters a document's mentions into entities (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        state = self.find(doc)
        self.set_annotations(doc, state)
        return doc

    def find(self, doc: Doc) -> _State:
        kb = document_kb(doc)
        state = _State(doc, kb, list(doc._.cq_mentions or []), dict(doc._.cq_actors or {}),
                       list(doc._.cq_roles or []), doc._.cq_published, tokens=list(doc))
        _drop_places(state)
        _join_split_names(state)
        _split_pairs(state)
        _join_names(state)
        _surnames_named_in_article(state)
        _bare_surnames(state)
        _countries_from_roles(state)
        _pronouns(state)  # genders first: "her Chinese counterpart" is read through "her"
        _institutions(state)
        _spokespeople(state)
        _descriptions(state)
        _leaders_of(state)
        _pronouns(state)
        _pronouns_after_quotations(state)
        _stable_ids(state)
        state.mentions.sort(key=lambda m: m.start)
        return state

    def set_annotations(self, doc: Doc, state: _State) -> None:
        used = {m.actor for m in state.mentions} | {r.person for r in state.roles} | set(doc._.cq_authors or [])
        doc._.cq_mentions = state.mentions
        doc._.cq_actors = {k: v for k, v in state.actors.items() if k in used}
        doc._.cq_roles = state.roles


# -- places ---------------------------------------------------------------------------------------
DATELINES_KEY = "communique.datelines"  # doc.user_data: plain tuples, so documents still pickle


def dateline_spans(text: str) -> list[tuple[int, int, str | None]]:
    """Datelines at the start of a line: (start, end, outlet named in them)."""
    spans = []
    for match in DATELINE.finditer(text):
        if len(match.group("place")) < 3:
            continue
        spans.append((match.start(), match.end(), match.group("outlet")))
    return spans


def _drop_places(state: _State) -> None:
    doc = state.doc
    text = doc_text(doc)
    # communique_lines found them already when it ran (it makes each dateline a sentence of its own)
    lines = doc.user_data.get(DATELINES_KEY) or dateline_spans(text)
    state.datelines = lines
    outlets = {fold(o) for _, _, o in lines if o}
    if doc._.cq_outlet:
        outlets.add(fold(doc._.cq_outlet))
    # every place the outlet's own name appears ("..., the Nile Bulletin reported"): it reports, and
    # the words inside its name ("Nile") are nobody
    lowered = text.lower()  # same length as the text, unlike a folded copy
    named = [(mt.start(), mt.end()) for o in outlets if len(o) > 2 for mt in re.finditer(re.escape(o), lowered)]
    state.silent = [(s, e) for s, e, _ in lines] + named
    kept = []
    for m in state.mentions:
        if any(s <= m.start_char < e for s, e, _ in lines):
            continue  # "MOSCOW, April 3 (Wire) —": the place and the outlet report, they do not act
        if fold(m.text) in outlets or any(s <= m.start_char < e for s, e in named):
            continue
        if m.via == "name" and state.kind(m.actor) == "organization" and fold(m.text) in CONTACT_WORDS:
            continue  # "Summit" capitalised in a title is the meeting, not a body that meets
        if m.end - m.start == 1 and m.start > 0 and state.doc[m.start - 1].lower_ == "the" and m.via == "name" \
                and state.kind(m.actor) == "person":
            continue  # "the Order of the Nile", "into the Tigris": a person is never "the <surname>"
        info = state.actors.get(m.actor)
        if info is not None and info.kind == "person" and m.via == "name" and (
                state.kb.country_by_demonym(m.text) or state.kb.country_by_name(m.text)):
            continue  # "Moldovan" tagged as a person
        kept.append(m)
    state.mentions = kept


# -- names ----------------------------------------------------------------------------------------
def _person_like(state: _State, info: ActorInfo, mention: MentionInfo) -> bool:
    """A person, or an organization mention that is a bare name ("Trump" tagged ORG)."""
    if info.kind == "person":
        return True
    if info.kind != "organization" or info.known or mention.via != "name":
        return False
    if classify(mention.text, state.kb) is not None:
        return False
    words_ = mention.text.split()
    return 1 <= len(words_) <= 4 and all(w[:1].isupper() for w in words_)


def _join_split_names(state: _State) -> None:
    """"Sayyid Badr" + "bin Hamad Albusaidi": one name the model cut in two, joined back."""
    doc = state.doc
    ordered = sorted(state.mentions, key=lambda m: m.start)
    for first, second in zip(ordered, ordered[1:]):
        a, b = state.actors.get(first.actor), state.actors.get(second.actor)
        if a is None or b is None or a.known or b.known or a.kind != "person" or b.kind != "person":
            continue
        gap = doc[first.end:second.start]
        if len(gap) > 2 or any(t.lower_ not in PARTICLES for t in gap) or first.via != "name" or second.via != "name":
            continue
        if second.text.split()[0].lower() not in PARTICLES and gap.text.strip():
            continue
        if not (gap.text.strip() or second.text.split()[0].lower() in PARTICLES):
            continue  # two names side by side with nothing between are two people ("Xi Putin" never occurs)
        name = doc[first.start:second.end].text
        state.mentions = [m for m in state.mentions if m is not first and m is not second]
        joined = ActorInfo(stable_id(name, "person"), name, "person", a.country or b.country, None, known=False)
        state.add(first.start, second.end, joined, "name")
        state.roles = [RoleInfo(joined.id, r.role, r.of, r.start_char, r.end_char) if r.person in (a.id, b.id) else r
                       for r in state.roles]


def _bare_surnames(state: _State) -> None:
    """"Khurelsukh, who had been due in Astana, told ...": a family name the model left untagged
    is the person of that name introduced earlier in the article."""
    doc = state.doc
    people = [m for m in state.mentions if state.kind(m.actor) == "person" and m.via == "name" and m.end - m.start >= 2]
    # name part -> each person it can name and where that person's name first comes: a word asks
    # for its owners without walking every name of the article (issue 14)
    by_last: dict[str, dict[str, int]] = {}
    by_part: dict[str, dict[str, int]] = {}
    for m in people:
        parts = name_tokens(m.text)
        for part in parts[-1:]:
            first = by_last.setdefault(part, {})
            first[m.actor] = min(first.get(m.actor, m.start), m.start)
        for part in parts:
            first = by_part.setdefault(part, {})
            first[m.actor] = min(first.get(m.actor, m.start), m.start)
    covered = {i for m in state.mentions for i in range(m.start, m.end)}
    for token in state.tokens:
        if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper() or len(token.text) < 4:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            continue  # part of a longer name the model did not tag
        word = norm_name(token.text)
        named = [by_last.get(word, {}), by_part.get(word, {}) if len(word) >= 5 else {}]
        owners = {actor for first in named for actor, start in first.items() if start < token.i}
        if len(owners) == 1:
            state.add(token.i, token.i + 1, state.actors[owners.pop()], "name")


def _split_pairs(state: _State) -> None:
    """"Lula and Petro" read by the model as one name: two mentions, one per name."""
    doc = state.doc
    for m in list(state.mentions):
        info = state.actors.get(m.actor)
        if info is None or info.known or m.via != "name" or info.kind not in ("person", "organization"):
            continue
        words_ = [t for t in doc[m.start:m.end]]
        cuts = [t.i for t in words_ if t.lower_ == "and"]
        if len(cuts) != 1 or classify(m.text, state.kb) is not None:
            continue
        for start, end in ((m.start, cuts[0]), (cuts[0] + 1, m.end)):
            part = doc[start:end]
            if not part.text[:1].isupper():
                break
            name = part.text
            known = [a for a in state.kb.lookup(name, "person") if state.published and state.kb.offices(a.id, state.published)]
            actor = _info(state, known[0]) if len(known) == 1 else _office_holder_by_surname(state, name)
            state.add(start, end, actor or ActorInfo(stable_id(name, "person"), name, "person", None, None, known=False),
                      "name")


def _join_names(state: _State) -> None:
    """Surnames and variants join the full name introduced in the article; a name the KB spells
    otherwise joins the KB's person who held an office on the article's date."""
    remap: dict[str, str] = {}
    for m in state.mentions:
        info = state.actors.get(m.actor)
        if info is None or m.via != "name" or m.actor in remap or info.known or not _person_like(state, info, m):
            continue
        holder = _office_holder_by_surname(state, m.text)
        if holder is not None:
            state.actors.setdefault(holder.id, holder)
            remap[m.actor] = holder.id
    _apply(state, remap)
    named = [m for m in state.mentions if m.via == "name" and m.actor in state.actors]
    # the canonical person of each cluster: KB-known first, then the longest name, then the first seen
    full = [m for m in named if state.actors[m.actor].kind == "person" and len(name_tokens(m.text)) >= 2]
    groups = _FullNames(full)
    remap = {}
    for m in named:
        info = state.actors[m.actor]
        if not _person_like(state, info, m):
            continue
        best = groups.best(state, m, info)
        if best is None:
            continue
        target = remap.get(best, best)
        if target == m.actor:
            continue
        if info.known and state.actors[target].known and len(name_tokens(m.text)) >= 2 \
                and not same_person_name(info.name, state.actors[target].name):
            continue  # two different people the KB knows
        remap[m.actor] = target
    _apply(state, remap)


class _FullNames:
    """The article's full names grouped by spelling and actor, for :func:`_join_names`.

    Which full name a shorter one joins depends on the spelling, the actor and, within a group, only
    on where its mentions stand: the last one before the short name, or the first of all. So each
    short name asks every group once instead of every full-name mention (quadratic, issue 14).
    """

    def __init__(self, full: list[MentionInfo]) -> None:
        members: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for position, f in enumerate(full):
            members.setdefault((f.text, f.actor), []).append((f.start, position))
        # per group: starts in order, the latest list position among the mentions up to each, the first position
        self.groups: list[tuple[str, str, list[int], list[int], int]] = []
        for (text, actor), found in members.items():
            first = min(position for _, position in found)
            found.sort()
            latest, top = [], -1
            for _, position in found:
                top = max(top, position)
                latest.append(top)
            self.groups.append((text, actor, [start for start, _ in found], latest, first))

    def best(self, state: _State, m: MentionInfo, info: ActorInfo) -> str | None:
        """The actor of the full name ``m`` joins: of the last candidate before it in list order,
        else of the first candidate; None when no full name can be its own."""
        import bisect

        earlier: tuple[int, str] | None = None
        first: tuple[int, str] | None = None
        for text, actor, starts, latest, position in self.groups:
            if actor == m.actor or not same_person_name(m.text, text):
                continue
            known = state.actors[actor].known
            if not (known or not info.known):
                continue
            # a longer name, or a KB-known one for an unknown, is a candidate wherever it stands;
            # one of the same standing only before the short name
            anywhere = len(name_tokens(text)) > len(name_tokens(m.text)) or (known and not info.known)
            if not anywhere and known != info.known:
                continue
            before = bisect.bisect_left(starts, m.start)
            if before and (earlier is None or latest[before - 1] > earlier[0]):
                earlier = (latest[before - 1], actor)
            if anywhere and (first is None or position < first[0]):
                first = (position, actor)
        chosen = earlier or first
        return chosen[1] if chosen else None


def _surnames_named_in_article(state: _State) -> None:
    """"Mayor Ivan Horvat said ... Horvat said": a family name the linker gave to a knowledge-base
    person of that surname (János Horvát) is the person the article introduced with a full name
    that is not the KB person's, when every mention of the KB person is that family name alone."""
    singles: dict[str, list[MentionInfo]] = {}
    for m in state.mentions:
        info = state.actors.get(m.actor)
        if info is not None and info.known and info.kind == "person":
            singles.setdefault(m.actor, []).append(m)
    remap: dict[str, str] = {}
    full_names: list[tuple[int, str, str]] | None = None  # (token, actor, last name part), built on demand
    for actor, mentions in singles.items():
        if any(m.via != "name" or len(name_tokens(m.text)) != 1 for m in mentions):
            continue
        if full_names is None:
            full_names = [(f.start, f.actor, parts[-1]) for f in state.mentions
                          if f.via == "name" and state.kind(f.actor) == "person"
                          and len(parts := name_tokens(f.text)) >= 2]
        first = min(m.start for m in mentions)
        word = name_tokens(mentions[0].text)[0]
        owners = {owner for start, owner, last in full_names
                  if start < first and owner != actor
                  and (last == word or _variant(last, word, 0.85))
                  and not same_person_name(state.actors[owner].name, state.actors[actor].name)}
        if len(owners) == 1:
            remap[actor] = owners.pop()
    _apply(state, remap)


def _apply(state: _State, remap: dict[str, str]) -> None:
    """Point every mention and role of a remapped actor at its entity."""
    if not remap:
        return
    for i, m in enumerate(state.mentions):
        final = remap.get(m.actor)
        seen = {m.actor}
        while final in remap and final not in seen:  # follow chains, never round a cycle
            seen.add(final)
            final = remap[final]
        if final and final != m.actor:
            state.mentions[i] = MentionInfo(m.start, m.end, final, m.via, m.start_char, m.end_char, m.text)
            state._indexed = None
    for i, r in enumerate(state.roles):
        if r.person in remap:
            state.roles[i] = RoleInfo(remap[r.person], r.role, r.of, r.start_char, r.end_char)
    _dedupe_roles(state)


@per_kb
def _surname_index(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Name part -> the KB people with an office, built once per knowledge base."""
    index: dict[str, list[str]] = {}
    people = {t.person for t in kb.tenures}
    for person in people:
        actor = kb.get(person)
        if actor is None:
            continue
        for name in (actor.name, *actor.aliases):
            tokens = name_tokens(name)
            if len(tokens) < 2:
                continue
            # every part: name order varies ("Khurelsukh Ukhnaa" / "Ukhnaagiin Khurelsukh")
            for part in tokens:
                if len(part) >= 4 and person not in index.get(part, []):
                    index.setdefault(part, []).append(person)
    return index


@per_kb
def _spellings(kb: KnowledgeBase) -> tuple[dict[tuple[str, int], list[str]], dict[str, list[str]]]:
    """The surname index's name parts by first letter and length, and the answers of :func:`_keys_like`."""
    buckets: dict[tuple[str, int], list[str]] = {}
    for k in _surname_index(kb):
        buckets.setdefault((k[:1], len(k)), []).append(k)
    return buckets, {}


def _keys_like(kb: KnowledgeBase, key: str) -> list[str]:
    """Family names in the surname index spelled like ``key`` ("Aliev" -> "aliyev"): compared only with
    names of the same first letter and nearly the same length, cheap bounds first, each answer kept."""
    import difflib

    buckets, answers = _spellings(kb)
    if key in answers:
        return answers[key]
    found = []
    matcher = difflib.SequenceMatcher(None, "", key)  # the key is the side difflib prepares once
    for size in range(max(4, len(key) - 3), len(key) + 4):
        for k in buckets.get((key[:1], size), ()):
            matcher.set_seq1(k)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
                found.append(k)
    answers[key] = found
    return found


def _office_holder_by_surname(state: _State, text: str) -> ActorInfo | None:
    """"Erdogan" alone, or "Abdel Fattah al-Sisi" spelled otherwise than the KB, in an article of a
    date when one person of that name held an office."""
    tokens = name_tokens(text)
    if not tokens or state.published is None or len(tokens) > 5 or all(len(t) < 4 for t in tokens):
        return None
    index = _surname_index(state.kb)
    people: list[str] = []
    for key in tokens:  # any part may be the family name: "Khurelsukh Ukhnaa" is Ukhnaagiin Khurelsukh
        if len(key) < 4:
            continue
        # one word alone must be spelled as the KB spells it ("Tigris" is nobody's misspelling)
        near = index.get(key, []) if len(tokens) == 1 else (
            index.get(key) or [p for k in _keys_like(state.kb, key) for p in index[k]])
        people += [p for p in near if p not in people]
    found = []
    for person in people:
        actor = state.kb.get(person)
        if actor is None or not state.kb.offices(person, state.published):
            continue
        if len(tokens) == 1 and not any(tokens[0] in name_tokens(n)[1:] for n in (actor.name, *actor.aliases)):
            continue  # a single word names a person by a family name ("Erdogan", "Lula"), never a first name
        known = {t for name in (actor.name, *actor.aliases) for t in name_tokens(name)}
        unmatched = [t for t in tokens if not _part_matches(t, known)]
        # a middle name the KB leaves out ("William Samoei Ruto") is no reason to doubt the rest
        if not unmatched or (len(tokens) >= 3 and unmatched == [t for t in tokens[1:-1] if t in unmatched][:1]
                             and len(unmatched) == 1):
            found.append(person)
    if len(found) != 1:
        return None
    actor = state.kb.get(found[0])
    return _info(state, actor) if actor is not None else None


def _dedupe_roles(state: _State) -> None:
    seen: set[tuple[str, str, str | None]] = set()
    kept = []
    for r in state.roles:
        key = (r.person, r.role, r.of)
        if key not in seen:
            seen.add(key)
            kept.append(r)
    state.roles = kept


# -- institutions ---------------------------------------------------------------------------------
def _phrase(token: Token) -> tuple[int, int]:
    """The words of an institution's name around its head noun: modifiers before it and an
    'of'-phrase of capitalised words after it ("Press Service of the President of Kazakhstan")."""
    start = token.i
    for left in sorted(token.lefts, key=lambda t: -t.i):
        if left.i == start - 1 and left.dep_ in ("compound", "amod", "nmod", "poss", "case", "det", "punct") \
                and left.text not in (",", "(", ")"):
            start = left.i
            if left.dep_ == "poss":
                start = min(t.i for t in left.subtree)
                break
        elif left.i < start - 1 and left.dep_ in ("compound", "amod", "nmod", "poss"):
            start = min(start, min(t.i for t in left.subtree))
    while start < token.i and token.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    end = token.i + 1
    doc = token.doc
    while end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper() or (
            end + 2 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ == "the" and doc[end + 2].text[:1].isupper()):
        j = end + 1
        while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in ("the", "of", "and")) and doc[j].text not in ("The",):
            j += 1
        while j > end + 1 and doc[j - 1].lower_ in ("the", "of", "and"):
            j -= 1
        end = j
    return start, end


def _owner_person(state: _State, start: int, end: int) -> ActorInfo | None:
    for i in range(start, end):
        m = state.at(i)
        if m is not None and state.kind(m.actor) == "person":
            return state.actors[m.actor]
    return None


def _body_actor(state: _State, text: str, body: Body, country: str | None, owner: str | None = None) -> ActorInfo:
    """The organization actor of a body: the KB's when it knows the name, else a stable local one
    per kind of body and country, so that "the Kremlin" and "the Russian presidency" are one actor."""
    for actor in state.kb.lookup(text):
        if actor.kind == "organization":
            return ActorInfo(actor.id, actor.name, actor.kind, actor.country or country, actor.cameo,
                             institution=getattr(actor, "institution", None) or body.kind)
    name = _display(re.sub(r"^(?:the|a|an|his|her|its|their)\s+", "", text, flags=re.I).strip())
    cameo = None
    place = state.kb.country_by_iso3(country) if country else None
    if place is not None and place.cameo:
        cameo = f"{place.cameo}GOV" if body.kind != "media" else f"{place.cameo}MED"
    if country and body.kind != "media":
        key = f"{body.kind} {country}"
        existing = state.actors.get(stable_id(key, "organization"))
        if existing is not None:
            return existing
        if not body.seat and place is not None and (classify(name) is None or "'" in name or "’" in name
                                                    or not name[:1].isupper() or name.split()[0].lower() == "president"):
            name = _canonical_body(body.kind, place.name, owner)  # "Erdogan's office" -> a name of its kind
        return ActorInfo(stable_id(key, "organization"), name, "organization", country, cameo, known=False,
                         institution=body.kind)
    return ActorInfo(stable_id(name, "organization", country), name, "organization", country, cameo, known=False,
                     institution=body.kind)


def _canonical_body(kind: str, country: str, owner: str | None) -> str:
    if kind == "executive":
        return f"Office of the {owner or 'Head of State'} of {country}"
    if kind == "foreign_ministry":
        return f"Ministry of Foreign Affairs of {country}"
    if kind in MISSION_NOUNS:
        return f"{kind.title()} of {country}"
    if kind.startswith("ministry:"):
        return f"Ministry of {kind.split(':', 1)[1].title()} of {country}"
    return f"Office of {country}"


def _country_inside(state: _State, start: int, end: int) -> str | None:
    for i in range(start, end):
        inner = state.at(i)
        if inner is not None and state.actors.get(inner.actor) is not None and state.actors[inner.actor].country:
            return state.actors[inner.actor].country
    return None


def _head_office(state: _State, person: ActorInfo) -> str | None:
    """The head-of-state or -government office a person holds (the article's roles, else the KB's)."""
    heads = {norm_name(r): r for r in words().head_offices}
    for role in [r.role for r in state.roles if r.person == person.id] + \
            [t.role for t in state.kb.offices(person.id, state.published)]:
        if norm_name(role) in heads:
            return heads[norm_name(role)]
    return None


def _display(name: str) -> str:
    name = re.sub(r"['’]s$", "", name.strip())
    return name[:1].upper() + name[1:]


def _institutions(state: _State) -> None:
    """Bodies named in the text, and later words that refer back to them."""
    doc = state.doc
    recent = _Recent()
    seat_re = lexicon().seat_re
    for token in state.tokens:
        lower = token.lower_
        m = state.at(token.i)
        if m is not None and m.via in ("name", "metonym") and state.kind(m.actor) == "country" \
                and seat_re.fullmatch(fold(m.text)):
            # "the Kremlin", "the White House": the seat names the body, not the country
            body = classify(m.text, state.kb)
            if body is not None:
                recent.note(state.add(m.start, m.end, _body_actor(state, m.text, body, body.country), "institution"),
                            fold(m.text).split()[-1], body)
            continue
        if m is not None and state.kind(m.actor) == "organization" and m.via != "institution" and token.i != m.end - 1:
            continue
        if m is not None and state.kind(m.actor) == "organization" and m.via != "institution":
            found = _body_at(state, token, m.start, m.end)
            if found is not None:
                start, end, text, body, owner = found
                info = state.actors[m.actor]
                actor = info if info.known else _body_actor(state, text, body, body.country, owner)
                recent.note(state.add(start, end, actor, "institution"), lower, body)
            continue
        if lower in MISSION_NOUNS and token.pos_ in ("NOUN", "PROPN") and (m is None or state.kind(m.actor) != "person"):
            _mission(state, token, recent)
            continue
        if token.pos_ not in ("NOUN", "PROPN") or lower not in HEAD_NOUNS | DOCUMENT_NOUNS:
            continue
        if m is not None and m.via != "description":
            continue
        if lower in DOCUMENT_NOUNS:
            _document(state, token, recent)
            continue
        found = _body_at(state, token, token.i, token.i + 1)
        if found is None or (found[3].country is None and _bare(token)):
            # "the ministry", "the presidency", "the newspaper": the last body of that kind
            target = recent.back(lower) if _bare(token) else None
            if target is not None:
                state.add(token.i, token.i + 1, state.actors[target], "institution")
            continue
        start, end, text, body, owner = found
        actor = _body_actor(state, text, body, body.country, owner)
        recent.note(state.add(start, end, actor, "institution"), lower, body)


class _Recent:
    """The bodies named so far, for "the ministry", "the press service", "the statement"."""

    def __init__(self) -> None:
        self.by_word: dict[str, str] = {}
        self.by_kind: dict[str, str] = {}
        self.last: str | None = None

    def note(self, mention: MentionInfo | None, word: str, body: Body) -> None:
        if mention is None:
            return
        self.by_word[word] = mention.actor
        self.by_kind[body.kind] = mention.actor
        for noun in fold(mention.text).split():
            if noun in BODY_BACKREF:
                self.by_word.setdefault(noun, mention.actor)
        if body.kind != "media":
            self.last = mention.actor

    def back(self, word: str) -> str | None:
        if word in MEDIA_BACKREF:
            return self.by_kind.get("media")
        if word in self.by_word:
            return self.by_word[word]
        if word == "ministry":
            return next((v for k, v in self.by_kind.items() if "ministry" in k), None)
        if word in ("presidency", "office", "service", "palace", "administration"):
            return self.by_kind.get("executive") or self.last
        return None


def _bare(token: Token) -> bool:
    """"the ministry", "its press service": a head noun with nothing but a determiner before it."""
    lefts = [t for t in token.lefts]
    return all(t.lower_ in ("the", "a", "its", "their", "press", "media") for t in lefts)


def _body_at(state: _State, token: Token, start: int, end: int) -> tuple[int, int, str, Body, str | None] | None:
    """The body whose name ends at ``token``: its words, kind, country and the owner's office."""
    doc = state.doc
    p_start, p_end = _phrase(token)
    start, end = min(start, p_start), max(end, p_end)
    while start < token.i and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    text = doc[start:end].text
    body = classify(text, state.kb)
    owner = _owner_person(state, start, token.i)
    title = None
    if owner is not None:
        title = _head_office(state, owner)
        if body is None and token.lower_ in ("office", "service", "administration") \
                and any(t.dep_ == "poss" for t in token.children):
            # "Erdogan's office", "Tokayev's press service": the office of a head of state or government
            body = Body("executive" if title else "office", owner.country)
    if body is None:
        return None
    country = body.country or (owner.country if owner is not None else None) or _country_inside(state, start, end)
    if country is None and start > 0:
        # "a Chinese foreign ministry spokesman": the demonym modifies the spokesman, but names the ministry's country
        before = state.at(start - 1)
        if before is not None and state.kind(before.actor) == "country" and before.end == start:
            country = state.actors[before.actor].country
            start = before.start
            text = doc[start:end].text
    if country is None:
        pronoun = next((t for t in doc[start:token.i] if t.lower_ in ("his", "her", "its")), None)
        pm = state.at(pronoun.i) if pronoun is not None else None
        if pm is not None and pm.actor in state.actors:
            country = state.actors[pm.actor].country
    return start, end, text, Body(body.kind, country, body.seat), title


def _mission(state: _State, token: Token, recent: _Recent) -> None:
    """"The Chinese embassy in Washington said", "Iran's mission to the United Nations said", "according
    to the Russian consulate": a country's mission abroad that speaks or acts is an organization of that
    country, not the country; a later bare "the embassy" is the last one named. A mission that is only
    a place ("demolished the Georgian consulate") stays as the model read it."""
    if not (token.dep_ == "nsubj" or (token.dep_ == "pobj" and (
            token.head.lower_ in ("from", "by") or (token.head.lower_ == "to" and token.head.head.lower_ == "according")))):
        return
    start, end = _phrase(token)
    while start < token.i and state.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    country = _country_inside(state, start, end)
    if country is None:
        if _bare(token):
            target = recent.back(token.lower_)
            if target is not None:
                state.add(token.i, token.i + 1, state.actors[target], "institution")
        return
    body = Body(token.lower_, country)
    actor = _body_actor(state, state.doc[start:end].text, body, country)
    recent.note(state.add(start, end, actor, "institution"), token.lower_, body)


def _document(state: _State, token: Token, recent: _Recent) -> None:
    """"a Kremlin readout", "the statement": the body that issued it speaks through it."""
    source = None
    # "a Kremlin readout", "a readout from the Kremlin", "the statement by the ministry"
    issuers = [*token.lefts, *(g for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                               for g in c.children if g.dep_ == "pobj")]
    named_by_country = None
    for child in issuers:
        inner = state.at(child.i)
        if inner is not None and state.kind(inner.actor) in ("organization", "group"):
            source = inner.actor
        elif inner is not None and state.kind(inner.actor) == "country" and child.dep_ in ("poss", "compound", "amod"):
            named_by_country = inner.actor  # "Beijing's readout": that side's, not the last body named
    source = source or named_by_country or recent.last
    if source is not None and token.dep_ in ("nsubj", "nsubjpass", "pobj", "poss"):
        state.add(token.i, token.i + 1, state.actors[source], "institution")


# -- spokespeople ---------------------------------------------------------------------------------
def _spokespeople(state: _State) -> None:
    """An unnamed spokesperson speaks as the group "Spokesman for X"; a named one is a person."""
    doc = state.doc
    last_group: str | None = None
    for token in state.tokens:
        if token.lower_ not in SPOKES_NOUNS or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.lower_ == "secretary" and not (token.i > 0 and doc[token.i - 1].lower_ == "press"):
            continue
        if _names_someone(state, token):
            continue
        principal = _principal(state, token)
        start = token.i - 1 if token.lower_ == "secretary" else token.i
        if principal is None:
            bare = token.i > 0 and doc[token.i - 1].lower_ in ("the", "a", "an")
            if bare and last_group is not None:
                state.add(start, token.i + 1, state.actors[last_group], "description")
            continue
        title = "Press Secretary" if token.lower_ == "secretary" else "Spokesman"
        group = ActorInfo(stable_id(f"{title} for {principal.name}", "group", principal.country),
                          f"{title} for {principal.name}", "group", principal.country, principal.cameo, known=False)
        state.add(start, token.i + 1, group, "description")
        last_group = group.id


def _names_someone(state: _State, token: Token) -> bool:
    """"spokesman Dmitry Peskov", "Peskov, the Kremlin spokesman", "spokeswoman Maria Zakharova"."""
    doc = state.doc
    for i in range(token.i + 1, min(token.i + 4, len(doc))):
        if doc[i].is_sent_start:
            break  # "... with her Chinese counterpart. Wang told her": the next sentence names no one here
        m = state.at(i)
        if m is not None and state.kind(m.actor) == "person" and m.via == "name":
            return i == token.i + 1 or all(doc[j].is_punct or doc[j].lower_ in ("mr", "ms") for j in range(token.i + 1, i))
        if not (doc[i].is_punct or doc[i].ent_type_ == "PERSON"):
            break
    if token.dep_ == "appos" and state.at(token.head.i) is not None and state.kind(state.at(token.head.i).actor) == "person":  # type: ignore[union-attr]
        return True
    for child in token.children:
        if child.dep_ == "appos":
            m = state.at(child.i)
            if m is not None and state.kind(m.actor) == "person":
                return True
    return False


def _apposed_name(state: _State, token: Token) -> MentionInfo | None:
    """The person named after a comma and title words: "their host, Tajik President Emomali Rahmon"
    (the parser does not always mark such an apposition)."""
    doc, lex = state.doc, words()
    lower = token.lower_
    if not (lower in lex.counterpart_words or lower in lex.guest_words or lower in lex.host_words
            or lower in lex.leader_words or lower in lex.offices):
        return None
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return None
    for i in range(token.i + 2, min(token.i + 8, len(doc))):
        m = state.at(i)
        if m is not None and state.kind(m.actor) == "person" and m.via == "name":
            return m
        if not (doc[i].text[:1].isupper() or doc[i].text in ("'s", "’s")):
            return None
    return None


def _principal(state: _State, token: Token) -> ActorInfo | None:
    """Whom the spokesperson speaks for: "Sisi's spokesman", "a spokesman for Tusk", "the Egyptian
    presidential spokesman" (the head of state of that country), "Kremlin spokesman"."""
    doc = state.doc
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("for", "of")):
            target = child if child.dep_ == "poss" else next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is None:
                continue
            m = state.at(target.i)
            if m is not None and m.actor in state.actors:
                return state.actors[m.actor]
            office = words().offices.get(target.lower_)
            holder = _named_holder(state, office, target) if office else None
            if holder is not None:
                return holder  # "a spokesman for the chancellor": the chancellor the article names
    for i in range(max(0, token.i - 4), token.i):
        m = state.at(i)
        if m is not None and m.actor in state.actors and state.kind(m.actor) in ("person", "organization"):
            if doc[i].dep_ in ("poss", "compound") or doc[i + 1].lower_ in ("'s", "’s"):
                return state.actors[m.actor]
    return None


def _named_holder(state: _State, office: str, token: Token) -> ActorInfo | None:
    """The one person named before ``token`` who holds ``office`` (in the article's roles, else in the
    knowledge base on the article's date)."""
    people = {m.actor for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"}
    holders = {p for p in people
               if any(norm_name(r.role) == norm_name(office) for r in state.roles if r.person == p)
               or any(norm_name(t.role) == norm_name(office) for t in state.kb.offices(p, state.published))}
    return state.actors[holders.pop()] if len(holders) == 1 else None


# -- office descriptions --------------------------------------------------------------------------
def _descriptions(state: _State) -> None:
    """"his Algerian counterpart", "the Chinese leader", "Russia's top diplomat", "the Turkish side",
    "his guest", "the host": the person who holds that office, or plays that part, in the article."""
    doc = state.doc
    lex = words()
    for token in state.tokens:
        lower = token.lower_
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        existing = state.at(token.i)
        if existing is not None and state.kind(existing.actor) == "person":
            continue
        named = _apposed_name(state, token)
        if named is not None:
            # "their host, Tajik President Emomali Rahmon", "his counterpart, Foreign Minister X": that person
            state.add(token.i, token.i + 1, state.actors[named.actor], "description")
            continue
        if _names_someone(state, token) or any(t.lower_ in ("former", "first", "late", "ex", "then") for t in token.lefts):
            continue  # a title before a name, or a former office: not a description of the holder
        two = f"{doc[token.i - 1].lower_} {lower}" if token.i else lower
        office = lex.offices.get(two) or lex.offices.get(lower)
        visiting = any(c.lower_ == "visiting" and c.dep_ in ("amod", "compound") for c in token.lefts)
        if lower in lex.counterpart_words:
            person = _counterpart(state, token)
        elif visiting and (lower in lex.leader_words or office) and _country_modifier(state, token) is None:
            person = _visitor(state, token, office)
        elif lower in lex.leader_words or office:
            country = _country_modifier(state, token)
            if country is None:
                # "the president of the European Commission", "the head of NATO": the body's holder
                body = _of_body(state, token) or _modifier_body(state, token)
                person = _body_head(state, body, office) if body is not None else None
                if person is not None:
                    state.add(token.i, token.i + 1, person, "description")
                continue
            person = _holder(state, country, office, token)
        elif lower == "chief" and token.i > 0 and doc[token.i - 1].dep_ in ("compound", "amod", "nmod") \
                and doc[token.i - 1].head.i == token.i and _modifier_body(state, token) is not None:
            # "the NATO chief", "the alliance chief": the head of that organization (never "the army chief")
            person = _body_head(state, _modifier_body(state, token) or "", None)
        elif lower == "side":
            # contract v1.1: "the X side" is that side's leader or minister in the event: the person of that
            # country the article has named, else its leader
            country = _country_modifier(state, token)
            same_side = [m.actor for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"
                         and state.actors[m.actor].country == country] if country else []
            person = state.actors[same_side[-1]] if same_side else _holder(state, country, None, token) if country else None
        elif lower in lex.guest_words or lower in lex.host_words:
            person = _party(state, token, guest=lower in lex.guest_words)
        else:
            continue
        if person is None:
            continue
        start = token.i - 1 if office and two in lex.offices else token.i
        state.add(start, token.i + 1, person, "description")


LEADER_PLURALS = {"leaders": None, "presidents": "President", "heads": None, "premiers": "Prime Minister",
                  "ministers": None, "chancellors": "Chancellor", "kings": "King"}


def _leaders_of(state: _State) -> None:
    """"the leaders of Russia, Belarus and Kazakhstan", "the Russian and Chinese presidents": each
    country's leader (or holder of the named office) on the article's date stands for the country."""
    doc = state.doc
    for token in state.tokens:
        if token.lower_ not in LEADER_PLURALS or token.tag_ != "NNS":
            continue
        office = LEADER_PLURALS[token.lower_]
        if token.lower_ == "ministers":
            prev = doc[token.i - 1].lower_ if token.i else ""
            office = {"prime": "Prime Minister", "foreign": "Foreign Minister"}.get(prev)
            if office is None:
                continue
        countries: list[Token] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    countries += [pobj, *pobj.conjuncts]
                    # "of Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan" parsed as an apposition
                    countries += [a for c in pobj.children if c.dep_ == "appos" for a in (c, *c.conjuncts)]
            elif child.dep_ in ("amod", "compound", "nmod"):
                countries += [child, *child.conjuncts]
        if token.dep_ == "conj" and token.head.pos_ in ("PROPN", "ADJ") and token.head.i < token.i:
            # "Kazakh and Russian leaders" parsed with "Kazakh" as the head of the conjunction
            countries += [token.head, *(c for c in token.head.conjuncts if c.i != token.i)]
        for place in countries:
            m = state.at(place.i)
            iso3 = None
            if m is not None and state.kind(m.actor) == "organization":
                # "the presidents of the European Council and the European Commission": each body's head
                head = _body_head(state, m.actor, office)
                if head is not None:
                    state.add(m.start, m.end, head, "description")
                continue
            if m is not None and state.kind(m.actor) == "country":
                iso3 = state.actors[m.actor].country
            elif m is None:
                found = state.kb.country_by_demonym(place.text) or state.kb.country_by_name(place.text)
                iso3 = found.country if found is not None else None
            if iso3 is None:
                continue
            person = _holder(state, iso3, office, token)
            if person is not None:
                start, end = (m.start, m.end) if m is not None else (place.i, place.i + 1)
                state.add(start, end, person, "description")


BODY_HEAD_OFFICES = ("President", "Secretary-General", "Secretary General", "Chairman", "Chair", "Director-General")


def _of_body(state: _State, token: Token) -> str | None:
    """The organization an office word's "of" phrase names ("the president of the European Council")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                m = state.at(pobj.i)
                if m is not None and state.kind(m.actor) == "organization":
                    return m.actor
    return None


def _modifier_body(state: _State, token: Token) -> str | None:
    """The organization a modifier names: "the NATO chief", "the alliance chief" (the knowledge base's
    one organization of that name)."""
    for child in token.lefts:
        if child.dep_ not in ("compound", "amod", "nmod") or child.i != token.i - 1:
            continue  # the word right before the office: "the UN nuclear chief" is not the UN's head
        m = state.at(child.i)
        if m is not None and state.kind(m.actor) == "organization":
            return m.actor
        found = state.kb.lookup(child.text, "organization") if m is None else []
        if len(found) == 1:
            return found[0].id
    return None


def _body_head(state: _State, body: str, office: str | None) -> ActorInfo | None:
    """Who holds ``office`` (or heads the body, when None) of an organization on the article's date."""
    if state.published is None:
        return None
    for role in (office,) if office else BODY_HEAD_OFFICES:
        holders = state.kb.holders(role, body, state.published)
        if len(holders) == 1:
            return _info(state, holders[0])
    return None


def _country_modifier(state: _State, token: Token) -> str | None:
    """The country in "the Kazakh leader", "Russia's top diplomat", "the Turkish side"."""
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            m = state.at(child.i)
            if m is not None and state.kind(m.actor) == "country":
                return state.actors[m.actor].country
            place = state.kb.country_by_demonym(child.text) or state.kb.country_by_name(child.text)
            if place is not None:
                return place.country
    return None


def _holder(state: _State, country: str, office: str | None, token: Token) -> ActorInfo | None:
    """Who holds ``office`` (or leads, when None) of a country: the person the article gives it,
    else a person of that country the article names (for a leader), else the KB holder."""
    # the article's people in the order they are first named: the first mention holding the office
    # is the first of its actor's (a walk of every mention per office looked up was quadratic, issue 14)
    people = [a for a in state.first_seen() if state.kind(a) == "person" and state.actors[a].country == country]
    roles = [r for r in state.roles if r.person in state.actors and state.actors[r.person].country == country]
    wanted = (office,) if office else words().leader_offices(country)
    for role in wanted:
        for r in roles:
            if norm_name(r.role) == norm_name(role):
                return state.actors[r.person]
    on = state.published
    for role in wanted:
        for actor in people:
            if any(norm_name(t.role) == norm_name(role) for t in state.kb.offices(actor, on)):
                return state.actors[actor]
    place = state.kb.country_by_iso3(country)
    if place is None or on is None:
        return None
    for role in wanted:
        holders = state.kb.holders(role, place.id, on)
        if holders:
            return _info(state, holders[0])
    return None


def _info(state: _State, actor: KBActor) -> ActorInfo:
    return state.actors.get(actor.id) or ActorInfo(actor.id, actor.name, actor.kind, actor.country, actor.cameo)


def _anchor(state: _State, token: Token) -> ActorInfo | None:
    """The person a possessive or the clause's subject points to ("his" counterpart, "Lavrov and
    his Chinese counterpart")."""
    for child in token.children:
        if child.dep_ == "poss":
            m = state.at(child.i)
            if m is not None and state.kind(m.actor) == "person":
                return state.actors[m.actor]
    sent = token.sent
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i]
    for subject in reversed(subjects):
        m = state.at(subject.i)
        if m is not None and state.kind(m.actor) == "person":
            return state.actors[m.actor]
    earlier = [m for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"]
    return state.actors[earlier[-1].actor] if earlier else None


def _counterpart(state: _State, token: Token) -> ActorInfo | None:
    """"his Algerian counterpart": the anchor's office, held in the named country."""
    anchor = _anchor(state, token)
    country = _country_modifier(state, token)
    if anchor is not None and country is None:
        # "His counterpart said ..." after "his Chinese counterpart": the counterpart named before
        earlier = [m for m in state.mentions if m.end <= token.i and m.via == "description" and m.actor != anchor.id
                   and state.doc[m.end - 1].lower_ == token.lower_]
        return state.actors.get(earlier[-1].actor) if earlier else None
    if anchor is None or country is None:
        return None
    offices = [r.role for r in state.roles if r.person == anchor.id]
    if not offices and state.published is not None:
        offices = [t.role for t in state.kb.offices(anchor.id, state.published)]
    for office in offices:
        person = _holder(state, country, office, token)
        if person is not None and person.id != anchor.id:
            return person
    return None


def _party(state: _State, token: Token, guest: bool) -> ActorInfo | None:
    """"his guest" / "the visitor" / "the host": the other party of the visit the article reports.
    The guest is the person other than the possessor (or the subject); the host, the person of the
    country where the visit takes place, else the other person."""
    anchor = _anchor(state, token)
    people: list[str] = []
    for m in state.mentions:
        if state.kind(m.actor) == "person" and m.start < token.i and m.actor not in people:
            people.append(m.actor)
    others = [p for p in people if anchor is None or p != anchor.id]
    if not others:
        return None
    if not guest:
        place = _place_of_visit(state)
        local = [p for p in others if place and state.actors[p].country == place]
        if local:
            return state.actors[local[-1]]
    return state.actors[others[-1]] if anchor is not None else state.actors[others[0]]


def _visitor(state: _State, token: Token, office: str | None) -> ActorInfo | None:
    """"the visiting premier": the last person named before who comes from abroad (not from the
    dateline's country) and, when the words give an office, holds it on the article's date."""
    home = _place_of_visit(state)
    people: list[str] = []
    for m in state.mentions:
        if m.start < token.i and state.kind(m.actor) == "person" and m.actor not in people:
            people.append(m.actor)
    people = [p for p in people if home is None or state.actors[p].country != home]
    if office is not None:
        wanted = norm_name(office)
        held = {r.person for r in state.roles if norm_name(r.role) == wanted}
        on = state.published
        people = [p for p in people if p in held or (on is not None and any(
            norm_name(t.role) == wanted for t in state.kb.offices(p, on)))]
    if home is None and len(people) > 1:
        return None  # no dateline to tell the visitor from the host
    return state.actors[people[-1]] if people else None


def _place_of_visit(state: _State) -> str | None:
    for start, _, _ in state.datelines:
        span = state.doc.char_span(start, start + 40, alignment_mode="expand")
        if span is not None:
            word = span.text.split(",")[0].strip()
            place = state.kb.place(word.title())
            if place is not None and place.country:
                return place.country
    return None


# -- pronouns -------------------------------------------------------------------------------------
def gender_of(state: _State, actor: ActorInfo) -> str | None:
    """"male" / "female" from the KB, a title or honorific used with the name, or the first name."""
    if actor.id in state.gender:
        return state.gender[actor.id] or None
    found: str | None = None
    kb_actor = state.kb.get(actor.id)
    found = getattr(kb_actor, "gender", None) if kb_actor is not None else None
    lex = words()
    if found is None:
        for m in state.mentions:
            if m.actor != actor.id or m.via != "name":
                continue
            before = state.doc[max(0, m.start - 2):m.start]
            titles = {t.lower_.rstrip(".") for t in before}
            if titles & lex.female_titles:
                found = "female"
            elif titles & lex.male_titles:
                found = "male"
            if found:
                break
    if found is None:
        first = norm_name(actor.name).split()[:1]
        if first and first[0] in lex.female_names:
            found = "female"
        elif first and first[0] in lex.male_names:
            found = "male"
    state.gender[actor.id] = found or ""
    return found


def _pronouns(state: _State) -> None:
    """A pronoun whose antecedent has the other gender moves to the nearest person of its own."""
    for i, m in enumerate(state.mentions):
        if m.via != "pronoun":
            continue
        word = m.text.lower()
        wanted = "male" if word in MALE_WORDS else "female" if word in FEMALE_WORDS else None
        info = state.actors.get(m.actor)
        if wanted is None or info is None or gender_of(state, info) in (None, wanted):
            continue
        candidates = [c for c in state.mentions if c.start < m.start and c.via != "pronoun"
                      and state.kind(c.actor) == "person" and gender_of(state, state.actors[c.actor]) == wanted]
        if candidates:
            state.mentions[i] = MentionInfo(m.start, m.end, candidates[-1].actor, m.via, m.start_char, m.end_char, m.text)
            state._indexed = None


def _pronouns_after_quotations(state: _State) -> None:
    """"He added: ..." after a paragraph-long quotation: the pronoun the actor layer left without an
    antecedent (nobody named in the three sentences before it) refers to the last person named in the
    narrative, counting back over sentences that lie wholly inside quotation marks, which name the
    speaker's words, not the people "he" can be. Gender must agree where it is known."""
    doc = state.doc
    quoted = _quoted_mask(doc)
    people = [m for m in state.mentions if not quoted[m.start] and state.kind(m.actor) == "person"]
    if not people:
        return
    for token in state.tokens:
        word = token.lower_
        if word not in ("he", "she") or token.pos_ != "PRON" or quoted[token.i] or state.at(token.i) is not None:
            continue
        start, narrative, steps = token.sent.start, 0, 0
        while start > 0 and narrative < 3 and steps < 15:
            sent = doc[start - 1].sent
            start, steps = sent.start, steps + 1
            if any(not quoted[t.i] for t in sent if t.is_alpha):
                narrative += 1
        wanted = "male" if word == "he" else "female"
        earlier = [m for m in people if start <= m.start < token.i
                   and gender_of(state, state.actors[m.actor]) in (wanted, None)]
        if not earlier:
            continue
        last_sent = doc[earlier[-1].start].sent
        subjects = [m for m in earlier if doc[m.start].sent == last_sent and doc[m.start].dep_ in ("nsubj", "nsubjpass")]
        chosen = (subjects or earlier)[-1 if not subjects else 0]
        added = state.add(token.i, token.i + 1, state.actors[chosen.actor], "pronoun")
        if added is not None:
            people.append(added)
            people.sort(key=lambda m: m.start)


def _countries_from_roles(state: _State) -> None:
    """A person outside the KB takes the country of the office the article gives them."""
    for actor_id, info in state.actors.items():
        if info.kind == "person" and info.country is None:
            info.country = next((c for c in (_role_country(state, r) for r in state.roles if r.person == actor_id) if c), None)


# -- ids ------------------------------------------------------------------------------------------
def _stable_ids(state: _State) -> None:
    """People outside the KB: one id from the fullest name and the country the article gives."""
    remap: dict[str, ActorInfo] = {}
    for actor_id, info in list(state.actors.items()):
        if info.known or info.kind != "person":
            continue
        new = ActorInfo(stable_id(info.name, "person", info.country), info.name, info.kind, info.country, info.cameo,
                        known=False)
        if new.id != actor_id:
            remap[actor_id] = new
    if not remap:
        return
    for old, new in remap.items():
        state.actors.pop(old, None)
        state.actors[new.id] = new
    state.mentions = [MentionInfo(m.start, m.end, remap[m.actor].id, m.via, m.start_char, m.end_char, m.text)
                      if m.actor in remap else m for m in state.mentions]
    state.roles = [RoleInfo(remap[r.person].id, r.role, r.of, r.start_char, r.end_char)
                   if r.person in remap else r for r in state.roles]


def _role_country(state: _State, role: RoleInfo) -> str | None:
    if not role.of:
        return None
    place = state.kb.country_by_name(role.of)
    return place.country if place is not None else None


@Language.factory(
    "communique_entities",
    requires=["doc._.cq_mentions", "doc._.cq_actors", "token.dep"],
    assigns=["doc._.cq_mentions", "doc._.cq_actors", "doc._.cq_roles"],
)
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp)
