"""Russian meetings (``communique_ru_events``): held, planned and cancelled contacts.

The component reads the dependency tree natasha gives and the entity layer's mentions
(``entities.mention_at``) and fills ``doc._.cq_events`` with the same ``EventInfo`` records as the
English component (PLOVER CONSULT, CAMEO 040-046, 036 for planned contacts):

- a contact is a verb of meeting («встретился с», «созвонились», «позвонил», «принял <кого>»,
  «посетил», «прибыл с визитом»), or a noun of meeting carried by a verb («провёл переговоры»,
  «состоялся телефонный разговор», «прошёл саммит», «дал ужин», «совершили прогулку»);
- its parties are the subject, the «с X» phrases, the object of «принял»/«посетил», the genitive
  of the noun («переговоры Путина и Си») and «с участием …»; titles without a name («президент
  Казахстана», «лидеры России и Китая») are the office holders on the date; «стороны», «лидеры»,
  «они», «хозяин», «гость» without a name take the parties of the contact reported before;
- a noun of meeting with no parties of its own («Разговор состоялся по инициативе …») adds to the
  contact reported before it;
- a visit, the talks held during it and a dinner or walk beside them are separate records.

The words live in ``communique/data/ru/meetings.json``; ``communique.ru.dates`` reads the dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..actors import ActorInfo
from ..events import EventInfo
from ..kb import KBActor, KnowledgeBase
from . import dates
from . import places
from .entities import mention_at
from .names import english_names, name_forms

#: How often an event was right, carried over from the English component (events.CONFIDENCE):
#: Russian gold of our own is too small to calibrate on yet.
CONFIDENCE = {"people": 0.93, "bodies": 0.67}
#: A dateless contact reported within this many characters of the start is the news of the day.
LEAD_CHARS = 600
_WITH = frozenset({"с", "со"})
_PRONOUNS = frozenset({"он", "она", "оно", "они", "который"})
_IN = frozenset({"в", "во"})
_CLAUSE_EDGES = frozenset({"ccomp", "parataxis", "conj", "acl:relcl", "advcl", "root"})
_NOT_IN_PHRASE = frozenset({"conj", "cc", "acl", "acl:relcl", "advcl", "punct", "parataxis", "ccomp"})


@dataclass(frozen=True)
class Lexicon:
    """The words of ``meetings.json`` as sets."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    words: dict[str, frozenset[str]]
    head_titles: dict[str, str]

    def has(self, group: str, lemma: str) -> bool:
        return lemma in self.words[group]

    def stem(self, group: str, lemma: str) -> bool:
        return any(lemma.startswith(s) for s in self.words[group])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The Russian meeting words, loaded once."""
    data: dict[str, Any] = json.loads(resources.files("communique").joinpath("data/ru/meetings.json").read_text("utf-8"))
    words = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    return Lexicon(data["verbs"], data["nouns"], words, data["head_titles"])


@dataclass
class _Contact:
    """One contact while the document is read: its record and the tokens it came from."""

    event: EventInfo
    clause: Token  # the verb that carries it (or the trigger itself)
    trigger: Token
    informal_part: bool = False
    host: str | None = None
    pending: bool = False  # a gathering whose attendees a later sentence names («В нём участвовали …»)


@dataclass
class _State:
    doc: Doc
    kb: KnowledgeBase | None
    published: dt.date | None
    contacts: list[_Contact] = field(default_factory=list)


class RussianEvents:
    """The ``communique_ru_events`` component."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[EventInfo]:
        kb: KnowledgeBase | None = doc._.cq_kb
        state = _State(doc, kb, doc._.cq_published)
        for sent in doc.sents:
            _read_sentence(state, sent)
        state.contacts = [c for c in state.contacts if len(c.event.participants) >= 2]
        # a visit before the talks and meals held during it, as a reader lists them
        state.contacts.sort(key=lambda c: (c.event.evidence[0], c.event.kind != "visit"))
        _lead_dates(state)
        return [c.event for c in state.contacts]

    def set_annotations(self, doc: Doc, found: list[EventInfo]) -> None:
        doc._.cq_events = found


# triggers ---------------------------------------------------------------------------------------
def _triggers(sent: Span) -> list[tuple[Token, Token, str]]:
    """(trigger, clause verb, kind) for each word of meeting in the sentence."""
    lex = lexicon()
    out: list[tuple[Token, Token, str]] = []
    verb_triggers: set[int] = set()
    claimed: set[int] = set()  # nouns a verb's event reads («прибыл с визитом»)
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lex.verbs:
            if lemma in lex.words["verbs_needing_visit"] and _visit_noun(token) is None:
                continue  # «прибыл в аэропорт» is no visit; «прибыл с визитом» is
            if lemma in lex.words["verbs_needing_guest"] and not _has_person_object(token):
                continue  # «принял участие», «принял решение»
            out.append((token, token, lex.verbs[lemma]))
            verb_triggers.add(token.i)
            visit = _visit_noun(token)
            if visit is not None:
                claimed.add(visit.i)
        elif token.pos_ == "VERB" and _remote_kind(token) and _with_phrases(token):
            # «обсудил по телефону с Токаевым», «провёл по видеосвязи беседу»
            if not any(lex.nouns.get(c.lemma_.lower()) for c in token.children if c.dep_ == "obj"):
                out.append((token, token, _remote_kind(token) or "meeting"))
                verb_triggers.add(token.i)
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("NOUN", "PROPN") or lemma not in lex.nouns or token.i in claimed:
            continue
        if lemma in ("тет-а-тет",) and token.dep_ in ("nmod", "amod", "advmod") and lex.nouns.get(token.head.lemma_.lower()):
            continue  # «беседа тет-а-тет»: the manner of the talk, not a second talk
        if token.head.lemma_.lower() in lex.words["sideline_nouns"]:
            continue  # «на полях саммита»: where a contact took place, not a contact
        if token.dep_ == "nmod" and token.head.lemma_.lower() in lex.words["host_words"] | lex.words["guest_words"]:
            continue  # «хозяин встречи»: a person, not a contact
        clause = _clause_of(token)
        if clause.i in verb_triggers:
            continue  # «прибыл с визитом», «встретился за завтраком»: the verb's event reads this noun
        out.append((token, clause, lex.nouns[lemma]))
    return sorted(out, key=lambda found: found[0].i)  # in reading order: «…, после чего они …» follows


def _visit_noun(verb: Token) -> Token | None:
    """«прибыл … с государственным визитом»: the visit noun of a verb of arriving, which the parser
    may hang on a later word of the sentence («… с визитом и провёл переговоры»)."""
    for child in verb.children:
        if child.lemma_.lower() == "визит":
            return child
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.lemma_.lower() == "визит" and any(c.dep_ == "case" and c.lower_ in _WITH for c in token.children):
            return token
    return None


def _attached_noun(verb: Token) -> Token | None:
    """The noun of meeting a verb of meeting carries: «принял лидеров на саммите», «прибыл с
    визитом», «встретился за завтраком»."""
    if verb.pos_ != "VERB":
        return None
    nouns = lexicon().nouns
    for child in verb.children:
        if child.dep_ in ("obl", "nmod", "obj") and child.lemma_.lower() in nouns:
            return child
    for child in verb.children:  # «посетил Казахстан с визитом», the parser may hang it on the place
        if child.dep_ in ("obj", "obl"):
            for grandchild in child.children:
                if grandchild.dep_ == "nmod" and grandchild.lemma_.lower() in nouns:
                    return grandchild
    return None


def _objects(verb: Token) -> list[Token]:
    """The verb's direct objects, with the accusative the parser may label «obl» («принял …
    президента Кыргызстана»)."""
    return [c for c in verb.children if c.dep_ == "obj" or (
        c.dep_ == "obl" and c.pos_ in ("NOUN", "PROPN") and "Acc" in _feature(c, "Case") or
        c.dep_ == "obl" and "Anim" in _feature(c, "Animacy") and "Gen" in _feature(c, "Case")
    ) and not any(g.dep_ == "case" for g in c.children)]


def _has_person_object(verb: Token) -> bool:
    doc = verb.doc
    for child in _objects(verb):
        if child.pos_ in ("NOUN", "PROPN") and "Anim" in _feature(child, "Animacy"):
            return True
        mention = mention_at(doc, child.i)
        if mention is not None and doc._.cq_actors[mention.actor].kind == "person":
            return True
    return False


def _remote_kind(token: Token) -> str | None:
    """«по телефону», «телефонный» -> phone_call; «по видеосвязи», «в формате видеоконференции» -> video_call."""
    lex = lexicon()
    for child in token.children:
        lemmas = {child.lemma_.lower()} | {g.lemma_.lower() for g in child.children if g.dep_ in ("nmod", "amod")}
        if lemmas & lex.words["video_words"]:
            return "video_call"
        if lemmas & lex.words["phone_words"]:
            return "phone_call"
    return None


def _clause_of(noun: Token) -> Token:
    """The verb a noun of meeting belongs to: «провёл переговоры» -> провёл; «примет участие в
    саммите» -> примет; a noun on its own is its own clause."""
    lex = lexicon()
    head = noun.head
    if head.lemma_.lower() in lex.words["round_nouns"] and head is not noun:
        noun, head = head, head.head  # «провели очередной раунд переговоров»
    if head.lemma_.lower() in lex.words["participation_nouns"] and head.head.pos_ == "VERB":
        return head.head
    if noun.dep_ in ("obj", "nsubj", "nsubj:pass", "obl", "xcomp") and head.pos_ in ("VERB", "AUX") and head is not noun:
        if head.lemma_.lower() in lex.words["support_verbs"] or head.lemma_.lower() in lex.verbs or noun.dep_ != "obl":
            return head
    return noun


# parties ------------------------------------------------------------------------------------------
def _subject(clause: Token) -> Token | None:
    """The clause's subject, or the subject it shares: «прибыл … и провёл переговоры», «договорились
    встретиться», «коллегой, прибывшим в страну»."""
    node = clause
    for _ in range(3):
        found = next((c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if found is not None:
            return found
        if node.dep_ == "xcomp" and node.head is not node:
            invited = next((c for c in node.head.children if c.dep_ == "obj"), None)
            if invited is not None:
                return invited  # «пригласил Эрдогана посетить Казахстан»: Erdogan would visit
            node = node.head
        elif node.dep_ == "conj" and node.head is not node:
            node = node.head
        elif node.dep_ == "acl" and node.head is not node:
            return node.head
        else:
            return None
    return None


def _with_phrases(token: Token) -> list[Token]:
    """«с X» phrases of a word (the instrumental with «с»/«со»)."""
    out = []
    for child in token.children:
        if child.dep_ in ("obl", "nmod") and any(g.dep_ == "case" and g.lower_ in _WITH for g in child.children):
            if "Ins" in _feature(child, "Case") or child.pos_ == "PROPN":
                out.append(child)
    return out


def _conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it («Путин и Токаев», «России, Казахстана и
    Узбекистана», «министры Армении и Азербайджана Арарат Мирзоян и Джейхун Байрамов»)."""
    out = [token]
    stack = [token] + [c for c in token.children if c.dep_ == "appos"]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ == "conj" and child not in out and child.pos_ in ("NOUN", "PROPN", "PRON"):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _phrase_tokens(token: Token) -> list[Token]:
    """The words of one noun phrase: the head with its names and modifiers, not its coordinated
    partners, clauses or prepositional phrases of place."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ in _NOT_IN_PHRASE:
                continue
            if child.dep_ in ("obl", "nmod") and any(g.dep_ == "case" and g.lower_ not in ("",) for g in child.children):
                continue  # «с президентом», «в Москве»: another phrase
            out.append(child)
            stack.append(child)
    return out


def _actors(state: _State, token: Token, reference: Token | None = None) -> list[str]:
    """The actors a phrase and its conjuncts name, each a person where one is identified."""
    found: list[str] = []
    for head in _conjuncts(token):
        for actor in _phrase_actors(state, head, reference):
            if actor not in found:
                found.append(actor)
    return found


def _phrase_actors(state: _State, head: Token, reference: Token | None) -> list[str]:
    doc = state.doc
    lex = lexicon()
    persons: list[str] = []
    countries: list[str] = []
    plural = "Plur" in _feature(head, "Number")
    tokens = _phrase_tokens(head)
    if plural:  # «лидеры Кыргызстана, Таджикистана и Узбекистана»: every country's leader
        tokens += [c for t in head.children if t.dep_ == "nmod" for c in _conjuncts(t)[1:]]
    # the name right after a title is its holder («президента Узбекистана Шавката Мирзиёева»), even
    # where the parser hangs a neighbour's name on the same title
    for t in sorted(tokens, key=lambda t: (t.i < head.i, abs(t.i - head.i))):
        mention = mention_at(doc, t.i)
        if mention is not None:
            info = doc._.cq_actors[mention.actor]
            if info.kind == "person" and mention.actor not in persons:
                persons.append(mention.actor)
            elif info.kind == "country" and mention.actor not in countries:
                countries.append(mention.actor)
    if persons:
        return persons if plural else persons[:1]
    lemma = head.lemma_.lower()
    if lemma in lex.head_titles or lemma in lex.words["counterpart_words"] or _foreign_minister(head):
        # «президент Казахстана», «лидеры России, Казахстана и Узбекистана», «с армянским коллегой»
        places = [c for c in (_country_of(state, t) for t in _title_countries(head)) if c is not None]
        role = lex.head_titles.get(lemma)
        if lemma in lex.words["counterpart_words"] and reference is not None:
            role = _role_of(state, reference)
        if _foreign_minister(head):
            role = "Foreign Minister"
        holders = [h for c in places if role for h in _holders(state, role, c)]
        if holders:
            return holders
    if countries and head.pos_ == "PROPN":
        return [_leader_named(state, c) for c in countries]
    return []


def _foreign_minister(head: Token) -> bool:
    """«глава МИД», «министр иностранных дел»."""
    lemma = head.lemma_.lower()
    words = {c.lemma_.lower() for c in head.children} | {g.lemma_.lower() for c in head.children for g in c.children}
    return (lemma == "глава" and "мид" in words) or (lemma == "министр" and {"дело", "иностранный"} <= words)


def _title_countries(head: Token) -> list[Token]:
    """The country words of a title: its genitive and its adjective («президент Казахстана»,
    «лидеры России и Китая», «казахстанский коллега»)."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "nmod" and not any(g.dep_ == "case" for g in child.children):
            out.extend(_conjuncts(child))
        elif child.dep_ == "amod" and child.pos_ == "ADJ":
            out.append(child)
    return out


def _country_of(state: _State, token: Token) -> KBActor | None:
    doc = state.doc
    mention = mention_at(doc, token.i)
    if mention is not None and doc._.cq_actors[mention.actor].kind == "country" and state.kb is not None:
        return state.kb.get(mention.actor)
    if state.kb is None:
        return None
    iso3 = places.adjective_country(doc, token.i)
    if iso3 is None and token.pos_ in ("PROPN", "NOUN"):
        found = places.country_at(doc, token.i) or places.city_at(doc, token.i)
        iso3 = found[1] if found is not None else None
    return state.kb.country_by_iso3(iso3) if iso3 else None


def _holders(state: _State, role: str, country: KBActor) -> list[str]:
    kb = state.kb
    if kb is None:
        return []
    people = kb.holders(role, country.id, state.published)
    if not people and role == "President":
        people = kb.holders("Prime Minister", country.id, state.published)
    if not people:
        return []
    _add_actor(state.doc, people[0])
    return [people[0].id]


def _role_of(state: _State, token: Token) -> str | None:
    """The office of the person a phrase names (for «его коллега»)."""
    actors = _actors(state, token)
    if not actors or state.kb is None:
        return None
    offices = state.kb.offices(actors[0], state.published)
    return offices[0].role if offices else None


def _leader_named(state: _State, country: str) -> str:
    """A country stands for its leader when the article names them; else it stays the country."""
    doc = state.doc
    actors = doc._.cq_actors
    iso3 = actors[country].country
    heads = lexicon().words["head_roles"]
    for mention in doc._.cq_mentions:
        info = actors[mention.actor]
        if info.kind == "person" and info.country == iso3 and state.kb is not None and any(
                t.role in heads for t in state.kb.offices(info.id, state.published)):
            return info.id
    return country


def _country_host(state: _State, actor: str) -> str:
    """A visited country's leader (the named one, else the knowledge base's holder on the date)."""
    info = state.doc._.cq_actors.get(actor)
    if info is None or info.kind != "country" or state.kb is None:
        return actor
    country = state.kb.get(actor)
    people = _holders(state, "President", country) if country is not None else []
    return people[0] if people else actor


def _add_actor(doc: Doc, actor: KBActor) -> None:
    """An office holder the text names only by title, under the English name news uses."""
    name = english_names().get(actor.name, actor.name)
    doc._.cq_actors.setdefault(actor.id, ActorInfo(actor.id, name, actor.kind, actor.country, actor.cameo))


def _feature(token: Token, name: str) -> list[str]:
    """A morphological feature's values («Case» -> ["Ins"])."""
    values: list[str] = token.morph.get(name, [])
    return values


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# reading one sentence ---------------------------------------------------------------------------
def _read_sentence(state: _State, sent: Span) -> None:
    lex = lexicon()
    made: list[_Contact] = []
    _attendance(state, sent)
    for trigger, clause, kind in _triggers(sent):
        contact = _contact(state, sent, trigger, clause, kind)
        if contact is None:
            target = _referent(state, kind)
            if trigger.pos_ != "VERB" and target is not None:
                _enrich(state, sent, trigger, target)
            continue
        made.append(contact)
        _merge(state, contact)
    if not made and state.contacts and any(t.lemma_.lower() in lex.words["initiator_nouns"] for t in sent):
        _enrich(state, sent, sent.root, state.contacts[-1])


def _referent(state: _State, kind: str) -> _Contact | None:
    """The contact a noun without parties refers back to: the last of its kind («звонок был сделан
    по инициативе …» is the last call), else the last held one."""
    held = [c for c in state.contacts if c.event.status == "held"]
    same = [c for c in held if c.event.kind == kind]
    if kind != "meeting" and same:
        return same[-1]
    return held[-1] if held else (state.contacts[-1] if state.contacts else None)


def _attendance(state: _State, sent: Span) -> None:
    """«В нём участвовали A, B и C»: the attendees of the gathering reported just before."""
    gathering = next((c for c in reversed(state.contacts[-2:]) if c.pending or c.event.mode == "multilateral"), None)
    if gathering is None:
        return
    for token in sent:
        lemma = token.lemma_.lower()
        verb = token if lemma == "участвовать" else token.head if lemma == "участие" else None
        if verb is None or verb.pos_ != "VERB":
            continue
        places = [c for w in (token, verb) for c in w.children if c.dep_ in ("obl", "nmod")]
        if not any(p.pos_ == "PRON" or p.lemma_.lower() in _PRONOUNS or p.lemma_.lower() in lexicon().nouns for p in places):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is None:
            continue
        event = gathering.event
        event.participants = _unique(event.participants + _actors(state, subject))
        event.source = event.participants[:1]
        event.target = event.participants[1:]
        event.more_evidence.append((sent.start_char, sent.end_char))
        gathering.pending = len(event.participants) < 2
        _codes(state, gathering)
        return


def _contact(state: _State, sent: Span, trigger: Token, clause: Token, kind: str) -> _Contact | None:
    lex = lexicon()
    doc = state.doc
    subject = _subject(clause)
    subjects = _actors(state, subject) if subject is not None else []
    others: list[str] = []
    manners = [c for c in trigger.children if c.dep_ == "nmod" and not any(g.dep_ == "case" for g in c.children)]
    manners += [c for w in (trigger, clause) for c in w.children if c.lemma_.lower() == "вместе"]  # «вместе с X»
    for word in {clause, trigger, *manners}:  # «беседу тет-а-тет с Мирзиёевым»
        for phrase in _with_phrases(word):
            others += _actors(state, phrase, subject)
        objects = _objects(word) if word.pos_ == "VERB" else []
        for child in word.children:
            if child in objects and child is not trigger and (clause.lemma_.lower() in lex.verbs or word is trigger):
                found = _actors(state, child, subject)
                if kind == "visit":  # «посетит Узбекистан»: the host is its leader on the date
                    found = [_country_host(state, a) for a in found]
                others += found
            if (clause.lemma_.lower() in lex.words["caller_verbs"] and child.dep_ in ("iobj", "obl", "obj")
                    and "Dat" in _feature(child, "Case") and not any(g.dep_ == "case" for g in child.children)):
                others += _actors(state, child, subject)  # «позвонил президенту Беларуси»
            if child.lemma_.lower() in lex.words["chair_nouns"]:
                for g in child.children:
                    if g.dep_ == "nmod":
                        others += _actors(state, g, subject)  # «под председательством премьер-министра Индии»
            if child.dep_ == "nmod" and word is trigger and not any(g.dep_ == "case" for g in child.children):
                others += _actors(state, child, subject)  # «переговоры Путина и Си»
            if child.lemma_.lower() == "участие" or child.lemma_.lower() == "участием":
                for g in child.children:
                    if g.dep_ == "nmod":
                        others += _actors(state, g, subject)  # «с участием Си, Токаева и …»
    if kind == "summit" or trigger.lemma_.lower() == "заседание":
        for child in trigger.children:
            if child.dep_ in ("acl:relcl", "acl"):
                for g in child.children:
                    if g.dep_ in ("nsubj", "nsubj:pass"):
                        others += _actors(state, g, subject)  # «саммит, в котором приняли участие лидеры …»
    if clause is trigger and trigger.dep_ in ("obl", "nmod") and trigger.head.pos_ == "VERB" and others and not subjects:
        # «заявил Лавров после вчерашних переговоров с китайским коллегой»: the speaker took part
        speaker = _subject(trigger.head)
        subjects = _actors(state, speaker) if speaker is not None else []
    host = _host_word(state, [subject] if subject is not None else [])
    visitor_first = subjects
    parties = _unique(subjects + others)
    event = EventInfo("CONSULT", "040", (sent.start_char, sent.end_char), kind=kind,
                      trigger_is_noun=trigger.pos_ != "VERB")
    event.status = _status(trigger, clause)
    _kind_and_formality(state, trigger, clause, event)
    if event.kind == "visit" and len(parties) < 2:
        host_person = _visit_host(state, trigger, clause)
        if host_person and host_person not in parties:
            parties.append(host_person)
    if len(parties) < 2 and state.contacts:
        previous = state.contacts[-1]
        if host is not None and parties:
            named = previous.host or (previous.event.source[0] if previous.event.source else None)
            if named and named not in parties:
                parties = _unique([named, *parties])
                visitor_first = [named]
        elif _refers_back(trigger, clause, subject, parties, previous):
            parties = _unique(parties + previous.event.participants)
            if not subjects:
                visitor_first = previous.event.source[:1]
    gathering = event.kind == "summit" or trigger.lemma_.lower() in lex.words["formal_triggers"]
    if len(parties) < 2 and not (gathering and event.status == "held"):
        return None
    event.participants = parties
    event.source = [p for p in visitor_first if p in parties][:1] or parties[:1]
    event.target = [p for p in parties if p not in event.source]
    informal_part = trigger.lemma_.lower() in lex.words["informal_triggers"]
    contact = _Contact(event, clause, trigger, informal_part, pending=len(parties) < 2)
    _codes(state, contact)
    _attributes(state, sent, contact)
    return contact


def _host_word(state: _State, tokens: list[Token]) -> Token | None:
    """«хозяин встречи/визита/саммита» as the subject when the entity layer did not resolve it."""
    for token in tokens:
        if token.lemma_.lower() in lexicon().words["host_words"] and mention_at(state.doc, token.i) is None:
            return token
    return None


def _refers_back(trigger: Token, clause: Token, subject: Token | None, parties: list[str], previous: _Contact) -> bool:
    """Whether a contact with fewer than two named parties is the same people's as the contact
    before: its subject or partner is «стороны», «лидеры», «они», «министры», or the noun has no
    parties of its own («третья встреча двух президентов»). A singular description («китайский
    лидер», «гость») names one of two earlier parties only."""
    lex = lexicon()
    words = [subject] if subject is not None else []
    words += [c for w in (trigger, clause) for c in w.children if c.dep_ in ("nmod", "obl", "obj")]
    if parties and not set(parties) <= set(previous.event.participants):
        # «министров принял президент Казахстана»: a plural group besides a named party
        return any(w.lemma_.lower() in lex.words["group_words"] and "Plur" in _feature(w, "Number")
                   and mention_at(w.doc, w.i) is None and w is not subject for w in words)
    if subject is None and clause is trigger:
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        found = _subject(verb) if verb is not None else None
        words += [found] if found is not None else []  # «Лидеры обсудили итоги переговоров, которые …»
    for word in words:
        lemma = word.lemma_.lower()
        plural = "Plur" in _feature(word, "Number")
        if not (lemma in lex.words["group_words"] or lemma in lex.words["guest_words"] or lemma in lex.words["host_words"]):
            continue
        if plural or len(previous.event.participants) == 2:
            return True
    return False


def _visit_host(state: _State, trigger: Token, clause: Token) -> str | None:
    """Whom a visitor visits: the inviter («по приглашению X»), the subject of the clause a visiting
    participle hangs on («Си провёл переговоры с Лукашенко, находящимся в Китае с визитом»), else
    the leader of the country the visit goes to («посетит Узбекистан», «прибыл в Ташкент»)."""
    if clause.dep_ == "acl" and clause.head.head is not clause.head:
        governing = clause.head.head  # «провёл переговоры с коллегой, прибывшим с визитом»
        subject = _subject(governing if governing.pos_ in ("VERB", "AUX") else _clause_of(governing))
        found = _actors(state, subject) if subject is not None else []
        if found:
            return found[0]
    for word in (clause, trigger, _visit_noun(clause) or trigger):
        for child in word.children:
            if child.lemma_.lower() == "приглашение":
                for g in child.children:
                    if g.dep_ == "nmod":
                        found = _actors(state, g)
                        if found:
                            return found[0]
    for word in (clause, trigger):
        for child in word.children:
            if child.dep_ in ("obj", "obl", "nmod") and child.pos_ == "PROPN":
                country = _country_of(state, child)
                if country is not None:
                    people = _holders(state, "President", country)
                    if people:
                        return people[0]
    return None


# attributes ----------------------------------------------------------------------------------------
def _kind_and_formality(state: _State, trigger: Token, clause: Token, event: EventInfo) -> None:
    lex = lexicon()
    words = _around(trigger, clause)
    lemmas = {t.lemma_.lower() for t in words}
    remote = _remote_kind(trigger) or _remote_kind(clause)
    if trigger.lemma_.lower() in lex.words["phone_words"] or lemmas & lex.words["phone_words"]:
        remote = remote or "phone_call"
    if lemmas & lex.words["video_words"]:
        remote = "video_call"
    if remote:
        event.kind = remote
    attached = (_visit_noun(clause) or _attached_noun(clause)) if trigger is clause else None
    described = [trigger] + ([attached] if attached is not None else [])
    if trigger.head.lemma_.lower() in lex.words["round_nouns"]:
        described.append(trigger.head)
    if attached is not None and lex.nouns[attached.lemma_.lower()] == "summit" and event.kind == "meeting":
        event.kind = "summit"  # «принял лидеров на неформальном саммите»
    own = [c for d in described for c in d.children if c.lemma_.lower() not in lex.nouns or c in described]
    modifiers = {c.lemma_.lower() for c in own if c.dep_ in ("amod", "nmod", "advmod", "obl")}
    modifiers |= {g.lemma_.lower() for c in own for g in c.children if g.dep_ == "amod"}
    trigger_lemma = trigger.lemma_.lower()
    if (trigger_lemma in lex.words["informal_triggers"] or modifiers & lex.words["informal_words"]
            or _one_on_one(trigger) or _outside_programme(words)):
        event.formality = "informal"
    elif modifiers & lex.words["formal_words"] and not ("рабочий" in modifiers and event.kind == "visit"):
        event.formality = "formal"
    elif trigger_lemma in lex.words["formal_triggers"] or modifiers & lex.words["formal_formats"]:
        event.formality = "formal"
    elif "саммит" in {d.lemma_.lower() for d in described} or _summit_level(words):
        event.formality = "formal"  # a «саммит», a «встреча на высшем уровне»
    if trigger_lemma == "раунд" or any(c.lemma_.lower() == "раунд" for c in (trigger.head,)):
        event.formality = "formal"


def _summit_level(words: list[Token]) -> bool:
    """«на высшем уровне»."""
    return any(t.lemma_.lower() == "уровень" and any(c.lemma_.lower() == "высокий" or c.lower_ == "высшем" for c in t.children)
               for t in words)


def _around(trigger: Token, clause: Token) -> list[Token]:
    """The words of the trigger's own clause: its children and the clause verb's, one level down."""
    out: list[Token] = []
    for word in {trigger, clause}:
        for child in word.children:
            if child.dep_ in _CLAUSE_EDGES:
                continue
            out.append(child)
            out.extend(g for g in child.children if g.dep_ not in _CLAUSE_EDGES)
    return out


def _one_on_one(trigger: Token) -> bool:
    """«тет-а-тет», «один на один», «с глазу на глаз» right after the word of meeting."""
    after = " ".join(t.lower_ for t in trigger.doc[trigger.i + 1 : min(trigger.i + 5, trigger.sent.end)])
    return after.startswith(("тет-а-тет", "один на один", "с глазу на глаз", "в формате один на один",
                             "в формате тет-а-тет"))


def _outside_programme(words: list[Token]) -> bool:
    """«вне официальной программы»."""
    return any(t.lower_ == "вне" for t in words) and any(t.lemma_.lower() == "программа" for t in words)


def _status(trigger: Token, clause: Token) -> str:
    """held, planned or cancelled: from the words that govern the trigger up to its clause, and the
    tense of its verb («проведут», «состоится» are planned; «отменена», «перенесён» cancelled)."""
    lex = lexicon()
    chain: list[Token] = [trigger]
    node = trigger
    for _ in range(6):
        if node.dep_ in _CLAUSE_EDGES or node.head is node:
            break
        node = node.head
        chain.append(node)
    modifiers = [c for c in trigger.children if c.dep_ in ("amod", "acl")]
    words = chain + modifiers
    if any(lex.stem("cancelled_stems", t.lemma_.lower()) for t in words):
        return "cancelled"
    if any(lex.stem("planned_stems", t.lemma_.lower()) for t in words if t is not trigger):
        return "planned"
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")] or ([clause] if clause.pos_ in ("VERB", "AUX") else [])
    if verbs:
        verb = verbs[0]
        if "Fut" in _feature(verb, "Tense") or any(
                c.lemma_.lower() == "быть" and "Fut" in _feature(c, "Tense") for c in verb.children):
            return "planned"
    return "held"


def _codes(state: _State, contact: _Contact) -> None:
    """PLOVER mode and CAMEO code, as the English component gives them for the same kinds."""
    event = contact.event
    lemma = contact.clause.lemma_.lower()
    if event.kind in ("phone_call", "video_call"):
        event.mode, event.cameo = "phone", "041"
    elif lemma in lexicon().words["verbs_needing_guest"] and contact.clause.pos_ == "VERB":
        # «A принял B»: B visits A
        host = event.source[:1]
        event.source, event.target = [p for p in event.participants if p not in host], host
        event.mode, event.cameo = "visit", "043"
        contact.host = host[0] if host else None
    elif event.kind == "visit":
        event.mode, event.cameo = "visit", "042"
        contact.host = event.target[0] if event.target else None
    elif len(event.participants) > 2:
        event.mode = "multilateral"
    if event.kind in ("meeting", "talks") and len(event.participants) >= 3 and _heads(state, event.participants) >= 3:
        event.kind, event.mode = "summit", "multilateral"  # contract v1.1: three or more leaders in person
    if event.kind == "talks" and event.cameo == "040":
        event.cameo = "046"
    if event.status == "planned":
        event.cameo = "036"
    actors = state.doc._.cq_actors
    people = all(actors[p].kind == "person" for p in event.participants if p in actors)
    event.confidence = CONFIDENCE["people"] if people else CONFIDENCE["bodies"]


def _heads(state: _State, people: list[str]) -> int:
    if state.kb is None:
        return 0
    roles = lexicon().words["head_roles"]
    return sum(any(t.role in roles for t in state.kb.offices(p, state.published)) for p in people)


def _attributes(state: _State, sent: Span, contact: _Contact) -> None:
    event, trigger, clause = contact.event, contact.trigger, contact.clause
    event.recurring = _recurring(trigger) or _recurring(_attached_noun(clause) if clause is trigger else None) or (
        trigger.head.lemma_.lower() in lexicon().words["round_nouns"] and _recurring(trigger.head))
    event.initiator = _initiator(state, sent, contact, _around(trigger, clause))
    if event.initiator is None and clause.lemma_.lower() == "позвонить" and event.source:
        event.initiator = event.source[0]  # «позвонил» names the caller
    phrase = _date_phrase(state, sent, trigger, clause, event.status == "planned")
    if phrase is None and clause.dep_ == "conj" and clause.head is not clause:
        # «в тот же день Лавров провёл переговоры …, а с Тлеуберди встретился»: the shared date
        phrase = _date_phrase(state, sent, clause.head, clause.head, event.status == "planned")
    earlier = _earlier(state, sent)
    if phrase is not None:
        event.date_text = phrase.text
        event.date = phrase.date
        if phrase.same_day and earlier is not None:
            event.date = earlier.event.date
    elif earlier is not None and _relative_to_contact(trigger, clause):
        event.date = earlier.event.date  # «перед трёхсторонней встречей», «на полях саммита»
    elif contact.informal_part:
        # the dinner or walk of the day just reported («провели переговоры, после чего прогулялись»)
        same = [c for c in state.contacts if c.event.date and set(c.event.participants) == set(event.participants)]
        event.date = same[-1].event.date if same else None
    if event.kind not in ("phone_call", "video_call"):
        event.location = _location(state, trigger, clause)
    if event.kind == "visit":
        event.location = _visit_place(state, event) or event.location


def _earlier(state: _State, sent: Span) -> _Contact | None:
    """The last dated contact reported before this sentence (what «в тот же день» refers to)."""
    for contact in reversed(state.contacts):
        if contact.event.evidence[0] < sent.start_char and contact.event.date is not None:
            return contact
    return None


def _relative_to_contact(trigger: Token, clause: Token) -> bool:
    """The contact is placed by another one: «перед трёхсторонней встречей», «на полях саммита»."""
    lex = lexicon()
    for word in {trigger, clause}:
        for child in word.children:
            if child.dep_ not in ("obl", "nmod") or child is trigger:
                continue
            lemma = child.lemma_.lower()
            nouns = [child] + [g for g in child.children if g.dep_ == "nmod"] if lemma in lex.words["sideline_nouns"] else [child]
            preps = {g.lower_ for g in child.children if g.dep_ == "case"}
            if any(n.lemma_.lower() in lex.nouns for n in nouns) and (preps & lex.words["time_preps"] or lemma in lex.words["sideline_nouns"]):
                return True
    return False


def _recurring(token: Token | None) -> bool:
    """«очередное заседание», «традиционный ежегодный саммит», «второй саммит», «третья встреча с
    начала года» (an ordinal past the first)."""
    if token is None:
        return False
    lex = lexicon()
    for child in token.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("amod", "nummod") and (lemma in lex.words["recurring_words"] or lemma in lex.words["ordinals"]):
            return True
    return False


def _initiator(state: _State, sent: Span, contact: _Contact, words: list[Token]) -> str | None:
    """«по инициативе казахстанской стороны», «по просьбе X», «по приглашению X», «инициатором
    выступила российская сторона»: that side's person in the contact."""
    lex = lexicon()
    for token in words:
        lemma = token.lemma_.lower()
        if lemma in lex.words["initiative_nouns"]:
            for child in token.children:
                if child.dep_ == "nmod":
                    found = _side(state, child, contact.event)
                    if found:
                        return found
    return None


def _side(state: _State, token: Token, event: EventInfo) -> str | None:
    """The participant a phrase names: a person, or «X сторона» -> X's person in the contact."""
    lex = lexicon()
    if token.lemma_.lower() in lex.words["side_nouns"]:
        for child in token.children:
            if child.dep_ == "amod":
                country = _country_of(state, child)
                iso3 = country.country if country is not None else None
                for p in event.participants:
                    info = state.doc._.cq_actors.get(p)
                    if info is not None and iso3 and info.country == iso3:
                        return p
        return None
    found = _actors(state, token)
    return next((p for p in found if p in event.participants), found[0] if found else None)


def _date_phrase(state: _State, sent: Span, trigger: Token, clause: Token, future: bool) -> dates.DatePhrase | None:
    """The date phrase of the trigger's clause, nearest first (other contacts' clauses excluded)."""
    phrases = dates.find(sent.text, sent.start_char, state.published, future=future)
    if not phrases:
        return None
    doc = state.doc
    own = _clause_tokens(trigger, clause)
    best: tuple[int, dates.DatePhrase] | None = None
    for phrase in phrases:
        span = doc.char_span(phrase.start_char, phrase.end_char, alignment_mode="expand")
        if span is None or not any(t.i in own for t in span):
            continue
        distance = min(abs(t.i - trigger.i) for t in span)
        if best is None or distance < best[0]:
            best = (distance, phrase)
    return best[1] if best else None


def _clause_tokens(trigger: Token, clause: Token) -> set[int]:
    """The token ids of the clause, without coordinated or subordinate clauses of their own."""
    out: set[int] = set()
    stack = [clause, trigger]
    while stack:
        t = stack.pop()
        if t.i in out:
            continue
        out.add(t.i)
        for child in t.children:
            if child.dep_ == "acl:relcl" and t is trigger and trigger.pos_ != "VERB":
                pass  # «переговоров, которые провели 3 марта»: the noun's own clause dates it
            elif child.dep_ in ("conj", "parataxis", "ccomp", "acl:relcl") and child.pos_ in ("VERB", "AUX", "NOUN"):
                if child.pos_ != "NOUN" or child.dep_ != "conj":
                    continue
            stack.append(child)
    return out


def _location(state: _State, trigger: Token, clause: Token) -> str | None:
    """The most specific place given: «в Астане», «в Кремле», «в резиденции «Ала-Арча»»."""
    lex = lexicon()
    city: str | None = None
    venue: str | None = None
    for word in (trigger, clause):
        for child in word.children:
            if child.dep_ not in ("obl", "nmod") or not any(g.dep_ == "case" and g.lower_ in _IN for g in child.children):
                continue
            forms = [child.lemma_.lower(), *(f.lower() for f in name_forms(child.text))]
            known = next((f for f in forms if f in lex.words["venues"]), None)
            if known is not None:
                names = [g.text.strip("«»\"") for g in child.children if g.dep_ in ("appos", "nmod", "flat:name") and g.pos_ == "PROPN"]
                venue = venue or (known.capitalize() + (" " + " ".join(names) if names else ""))
            elif child.pos_ == "PROPN" and city is None:
                city = _place_name(state, child)
    if city and venue:
        return f"{city} ({venue})"
    return city or venue


def _visit_place(state: _State, event: EventInfo) -> str | None:
    """A visit told only by its country («прибыл в Киргизию», «в страну») took place in the dateline
    city when that city is in the host's country (the annotation decisions of issue 15)."""
    kb = state.kb
    line = places.dateline(state.doc)
    if kb is None or line is None or not event.target:
        return None
    host = state.doc._.cq_actors.get(event.target[0])
    country = kb.country_by_iso3(host.country) if host is not None else None
    if country is None or (event.location and event.location != country.name):
        return None
    word = re.match(r"[А-ЯЁ]+(?:[ -][А-ЯЁ]+)*", state.doc.text[line[0] : line[1]])
    city = places.city_name(word.group()) if word is not None else None
    return f"{city[0]}, {country.name}" if city is not None and city[1] == country.country else None


def _place_name(state: _State, token: Token) -> str:
    """A place in English when the lexicon knows it («в Астане» -> "Astana, Kazakhstan», «в Китае»
    -> "China"), else its Russian nominative («в Самарканде» -> «Самарканд»)."""
    doc = state.doc
    city = places.city_at(doc, token.i)
    kb = state.kb
    if city is not None:
        country = kb.country_by_iso3(city[1]) if kb is not None else None
        return f"{city[0]}, {country.name}" if country is not None else city[0]
    found = places.country_at(doc, token.i)
    country = kb.country_by_iso3(found[1]) if kb is not None and found is not None else None
    if country is not None:
        return country.name
    words = sorted((t for t in _phrase_tokens(token) if t.pos_ == "PROPN"), key=lambda t: t.i) or [token]
    nominative = " ".join(name_forms(t.text)[0] if t.pos_ == "PROPN" else t.text for t in words)
    return "-".join(p[:1].upper() + p[1:] for p in nominative.split("-"))


# one contact, many mentions ---------------------------------------------------------------------------
def _merge(state: _State, new: _Contact) -> None:
    """A later mention of the same contact adds to it; a visit and its talks, or talks and an
    informal dinner, stay separate (contract v1.1)."""
    a = new.event
    for old in state.contacts:
        b = old.event
        if old.pending or new.pending:
            continue
        if set(a.participants) != set(b.participants) or a.status != b.status:
            continue
        generic = a.trigger_is_noun and a.kind == "meeting" and a.formality == "unspecified" and b.kind != "visit"
        if (_kind_class(a.kind) != _kind_class(b.kind) and not generic) or old.informal_part != new.informal_part:
            continue  # «Разговор состоялся по инициативе …» after a call is that call
        if "formal" in (a.formality, b.formality) and "informal" in (a.formality, b.formality):
            continue
        if a.date and b.date and a.date != b.date:
            continue
        if a.location and b.location and a.evidence != b.evidence and not (a.location in b.location or b.location in a.location):
            continue
        if b.formality == "unspecified":
            b.formality = a.formality
        b.initiator = b.initiator or a.initiator
        b.recurring = b.recurring or a.recurring
        if b.date is None:
            b.date, b.date_text = a.date, a.date_text
        b.location = b.location or a.location
        b.more_evidence.append(a.evidence)
        return
    state.contacts.append(new)


def _kind_class(kind: str | None) -> str | None:
    return "meeting" if kind == "talks" else kind


def _enrich(state: _State, sent: Span, trigger: Token, contact: _Contact) -> None:
    """A noun of meeting with no parties of its own («Разговор состоялся по инициативе казахстанской
    стороны», «это уже третья встреча») adds to the contact before it."""
    event = contact.event
    before = (event.initiator, event.recurring)
    words = _around(trigger, trigger.head if trigger.head is not trigger else trigger) + list(sent)
    if event.initiator is None:
        event.initiator = _initiator(state, sent, contact, words) or _named_initiator(state, sent, event)
    if trigger.pos_ != "VERB" and _recurring(trigger) and event.status == "held":
        event.recurring = True
    if before != (event.initiator, event.recurring):
        event.more_evidence.append((sent.start_char, sent.end_char))


def _named_initiator(state: _State, sent: Span, event: EventInfo) -> str | None:
    """«Инициатором разговора выступила российская сторона»."""
    lex = lexicon()
    for token in sent:
        if token.lemma_.lower() not in lex.words["initiator_nouns"]:
            continue
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c is not token), None)
        if subject is not None:
            return _side(state, subject, event)
    return None


def _lead_dates(state: _State) -> None:
    """A dateless held contact the article leads with took place on the publication day (as in the
    English component: wire reports date their lead event by the dateline)."""
    if state.published is None:
        return
    lead = next((c.event for c in state.contacts if c.event.status == "held"), None)
    if lead is not None and lead.date is None and lead.date_text is None and not lead.recurring \
            and lead.evidence[0] < LEAD_CHARS:
        lead.date = state.published


@Language.factory("communique_ru_events", requires=["doc._.cq_mentions"], assigns=["doc._.cq_events"])
def make_ru_events(nlp: Language, name: str) -> RussianEvents:
    return RussianEvents()
