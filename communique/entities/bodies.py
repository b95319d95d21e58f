"""Institutions that speak: ministries, offices, presidencies, embassies, press services, statements,
and unnamed spokespeople, with back-references to the last body of their kind."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..actors import ActorInfo, MentionInfo
from ..institutions import HEAD_NOUNS, Body, classify, fold, lexicon
from ..kb import norm_name
from .descriptions import _names_someone, _principal
from .names import stable_id
from .state import _State
from .words import BODY_BACKREF, DOCUMENT_NOUNS, MEDIA_BACKREF, MISSION_NOUNS, SPOKES_NOUNS, words


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
