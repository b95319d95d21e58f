"""A contact's attributes: kind and formality, status, codes, initiator, recurring, date, place."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...doctext import doc_text
from ...events import EventInfo
from .. import dates, places
from ..names import name_forms
from .lexicon import _CLAUSE_EDGES, _IN, _feature, lexicon
from .parties import _actors, _attached_noun, _country_of, _phrase_tokens, _remote_kind, _visit_noun
from .state import _Contact, _State

#: How often an event was right, carried over from the English component (events.CONFIDENCE):
#: Russian gold of our own is too small to calibrate on yet.
CONFIDENCE = {"people": 0.93, "bodies": 0.67}
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
    word = re.match(r"[А-ЯЁ]+(?:[ -][А-ЯЁ]+)*", doc_text(state.doc)[line[0] : line[1]])
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
