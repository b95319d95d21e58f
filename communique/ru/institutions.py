"""Russian institutions that speak or act: «Кремль», «Акорда», «пресс-служба президента
Казахстана / Кремля / главы государства», «МИД России», «Офис премьер-министра Армении»,
«Управление коммуникаций», agencies («Синьхуа»), and the later words that refer back to them
(«ведомство», «министерство», «пресс-служба», «в сообщении»).

The words live in ``data/ru/institutions.json`` (lemmas, so every case matches). A body is the
knowledge base's institution of its country where it has one (``inst:RUS:press_service`` "Kremlin
press service"), with the kinds the English layer gives, so that the evaluator's and the store's
reading of "Kremlin", "Russian Foreign Ministry" or "Press Service of the President of Kazakhstan"
is the same for Russian and English articles. The feminine «пресс-служба» is a body, never a woman.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..actors import ActorInfo
from ..entities.names import stable_id
from ..entities.state import _State
from ..entities.words import words
from ..institutions import classify
from ..kb import KBActor, norm_name
from . import places
from .names import english_names
from .places import Phrase, match_phrase, phrase_index, token_keys

DATA = Path(__file__).parent.parent / "data" / "ru" / "institutions.json"
_KIND_NAMES = {
    "presidency": "Presidency of {}", "press_service": "Press Service of the President of {}",
    "foreign_ministry": "Ministry of Foreign Affairs of {}", "government_office": "Office of the Prime Minister of {}",
    "defence_ministry": "Ministry of Defence of {}",
}


@dataclass(frozen=True)
class _Lexicon:
    seats: dict[str, list[Phrase]]
    bodies: dict[str, list[Phrase]]
    media: dict[str, list[Phrase]]
    backrefs: dict[str, tuple[str, ...]]
    documents: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    bodies = json.loads(DATA.read_text(encoding="utf-8"))
    return _Lexicon(
        seats=phrase_index([(name, tuple(value)) for name, value in bodies["seats"].items()]),
        bodies=phrase_index([(" ".join(ws), (kind,)) for ws, kind in bodies["bodies"]]),
        media=phrase_index([(name, (english,)) for name, english in bodies["media"].items()]),
        backrefs={word: tuple(kinds) for word, kinds in bodies["backrefs"].items()},
        documents=frozenset(bodies["documents"]),
    )


def silent(state: _State, i: int) -> bool:
    """Whether token ``i`` lies in the dateline or the outlet's own name (no actor there)."""
    char = state.doc[i].idx
    return any(s <= char < e for s, e in state.silent)


def actor_info(state: _State, actor: KBActor, name: str | None = None) -> ActorInfo:
    """The article's actor for a knowledge-base actor, with the English name news uses."""
    return state.actors.get(actor.id) or ActorInfo(actor.id, name or english_names().get(actor.name, actor.name),
                                                   actor.kind, actor.country, actor.cameo, institution=actor.institution)


def institution_word(doc: Doc, i: int) -> bool:
    """Whether a body's name starts at token ``i`` («сообщает Акорда» tagged as a person)."""
    lex = lexicon()
    return any(match_phrase(doc, i, index) is not None for index in (lex.seats, lex.media, lex.bodies))


class _Recent:
    """The bodies named so far, for «ведомство», «пресс-служба», «в сообщении»."""

    def __init__(self) -> None:
        self.by_kind: dict[str, str] = {}
        self.last: str | None = None

    def note(self, actor: ActorInfo, kind: str) -> None:
        self.by_kind[kind] = actor.id
        if kind != "media":
            self.last = actor.id

    def back(self, kinds: tuple[str, ...]) -> str | None:
        found = [self.by_kind[k] for k in kinds if k in self.by_kind]
        return found[0] if found else None


def find_institutions(state: _State) -> None:
    """Bodies named in the text, and later words that refer back to them."""
    doc = state.doc
    lex = lexicon()
    recent = _Recent()
    i = 0
    while i < len(doc):
        if silent(state, i) or doc[i].is_punct or doc[i].is_space:
            i += 1
            continue
        existing = state.at(i)
        if existing is not None and state.kind(existing.actor) == "person":
            i = existing.end
            continue
        seat = match_phrase(doc, i, lex.seats)
        if seat is not None:
            end, phrase = seat
            seat_country, kind, english = phrase.value
            actor = body_actor(state, seat_country, kind, english)
            state.add(i, end, actor, "institution")
            recent.note(actor, kind)
            i = end
            continue
        media = match_phrase(doc, i, lex.media)
        if media is not None and doc[i].text[:1].isupper():
            end, phrase = media
            actor = _media(state, phrase.value[0])
            state.add(i, end, actor, "institution")
            recent.note(actor, "media")
            i = end
            continue
        body = match_phrase(doc, i, lex.bodies)
        if body is not None:
            end, phrase = body
            kind = phrase.value[0]
            start = i
            iso3: str | None = _adjective_before(state, i)
            if iso3 is not None:
                start = i - 1
            owner: str | None = None
            if iso3 is None:
                iso3, end, owner = _owner_after(state, end, kind)
            if iso3 is None and doc[i].lemma_.lower() in lex.backrefs and end == i + 1:
                target = recent.back(lex.backrefs[doc[i].lemma_.lower()])
                if target is not None:
                    state.add(i, i + 1, state.actors[target], "institution")
                    i += 1
                    continue
            if iso3 is None:
                iso3 = places.article_country(state.doc)
            if iso3 is not None:
                actor = body_actor(state, iso3, kind, None, owner)
                state.add(start, end, actor, "institution")
                recent.note(actor, kind)
            i = end
            continue
        keys = token_keys(doc, i)
        back = next((lex.backrefs[k] for k in keys if k in lex.backrefs), None)
        if back is not None and doc[i].pos_ == "NOUN" and existing is None:
            target = recent.back(back)
            if target is not None:
                state.add(i, i + 1, state.actors[target], "institution")
        elif keys & lex.documents and doc[i].pos_ == "NOUN" and existing is None and recent.last is not None \
                and not _body_follows(state, i + 1) and not (i and doc[i - 1].lower_ in ("от", "без")):
            # «говорится в сообщении», «распространил комментарий»; not «от комментариев отказались»
            state.add(i, i + 1, state.actors[recent.last], "institution")
        i += 1


def _body_follows(state: _State, i: int) -> bool:
    """«в сообщении пресс-службы ...»: the statement is the body's that follows it."""
    doc = state.doc
    lex = lexicon()
    return i < len(doc) and (match_phrase(doc, i, lex.bodies) is not None or match_phrase(doc, i, lex.seats) is not None
                             or match_phrase(doc, i, lex.media) is not None)


def _adjective_before(state: _State, i: int) -> str | None:
    """«российский МИД», «китайское внешнеполитическое ведомство»."""
    doc = state.doc
    if i > 0 and doc[i - 1].pos_ == "ADJ":
        return places.adjective_country(doc, i - 1)
    return None


# words a body's name may run through before its owner: «пресс-служба [президента] Казахстана»
_OWNER_WORDS = frozenset({"президент", "глава", "государство", "администрация", "премьер-министр", "правительство",
                          "республика", "лидер"})


def _owner_after(state: _State, i: int, kind: str) -> tuple[str | None, int, str | None]:
    """The country a body belongs to, from the genitive words after its name: (ISO3, end, owner
    office). «пресс-служба президента Казахстана», «пресс-служба Кремля», «пресс-служба Лукашенко»,
    «пресс-служба главы государства» (the head of state the article is about)."""
    doc = state.doc
    lex = lexicon()
    owner: str | None = None
    j = i
    while j < len(doc) and j < i + 5:
        token = doc[j]
        lemma = token.lemma_.lower()
        if lemma in _OWNER_WORDS:
            if lemma in ("президент", "премьер-министр"):
                owner = "President" if lemma == "президент" else "Prime Minister"
            j += 1
            if lemma == "государство" and doc[j - 2].lemma_.lower() == "глава":
                return _head_of_state_country(state, i), j, "President"
            continue
        found = places.country_at(doc, j)
        if found is not None:
            return found[1], found[0], owner
        seat = match_phrase(doc, j, lex.seats)
        if seat is not None:
            return seat[1].value[0], seat[0], owner
        adjective = places.adjective_country(doc, j) if token.pos_ == "ADJ" else None
        if adjective is not None:
            continue_to = j + 1
            while continue_to < len(doc) and doc[continue_to].lemma_.lower() in _OWNER_WORDS:
                continue_to += 1
            return adjective, continue_to, owner
        m = state.at(j)
        if m is not None and state.kind(m.actor) == "person":
            person = state.actors[m.actor]
            return person.country, j, "President"  # the person's own service ends before the name
        break
    return None, i, None


def _head_of_state_country(state: _State, before: int) -> str | None:
    """Whose «глава государства»: the head of state or government named before token ``before``
    who is of the article's own country (its dateline's), else the first one named."""
    heads = {norm_name(o) for o in words().head_offices}
    found: list[str] = []
    for m in sorted(state.mentions, key=lambda m: m.start):
        person = state.actors[m.actor]
        if m.start >= before or person.kind != "person" or not person.country or person.country in found:
            continue
        if any(norm_name(r.role) in heads for r in state.roles if r.person == person.id) or any(
                norm_name(t.role) in heads for t in state.kb.offices(person.id, state.published)):
            found.append(person.country)
    home = places.article_country(state.doc)
    if home in found or not found:
        return home
    return found[0]


def body_actor(state: _State, iso3: str, kind: str, english: str | None, owner: str | None = None) -> ActorInfo:
    """The organization actor of a body of a country: the knowledge base's where it has one."""
    country = state.kb.country_by_iso3(iso3)
    country_name = country.name if country is not None else iso3
    cameo = f"{country.cameo}GOV" if country is not None and country.cameo else None
    if kind == "communications":
        name = english or "Directorate of Communications"
        return state.actors.get(stable_id(f"executive {iso3}", "organization")) or ActorInfo(
            stable_id(f"executive {iso3}", "organization"), name, "organization", iso3, cameo, known=False,
            institution="executive")
    if kind == "press_service" and owner == "Prime Minister":
        kind = "government_office"
    for actor in state.kb.institutions(iso3, kind):
        if english is None or norm_name(actor.name) == norm_name(english) or kind != "presidency":
            return actor_info(state, actor)
    if english is not None:
        for actor in state.kb.lookup(english):
            if actor.kind == "organization":
                return actor_info(state, actor)
    name = english or _KIND_NAMES.get(kind, "Government of {}").format(country_name)
    body = classify(name)
    return ActorInfo(stable_id(name, "organization", iso3), name, "organization", iso3, cameo, known=False,
                     institution=body.kind if body is not None else kind)


def _media(state: _State, english: str) -> ActorInfo:
    for actor in state.kb.lookup(english):
        if actor.kind == "organization":
            return actor_info(state, actor)
    return ActorInfo(stable_id(english, "organization"), english, "organization", None, None, known=False,
                     institution="media")
