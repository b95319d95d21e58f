"""Who stands for a country in a visit: the country the visit goes to, its leader the article
names, a seat visited ("the White House"), and the person the visitor meets there."""

from __future__ import annotations

import re
import weakref

from spacy.tokens import Doc, Span, Token

from ..actors import ActorInfo, RoleInfo
from ..mentions import mention_texts, mentions_starting, people_of_country
from .lexicon import HEAD_ROLES
from .place import _location
from .record import EventInfo, _kind, _unique


def _person_for(doc: Doc, actor_id: str) -> str:
    """A country stands for its leader when the article names them (contract v1.1: "Macron arrived
    in Astana ... Tokayev welcomed him" -> Macron and Tokayev, not Kazakhstan); else the country."""
    info = doc._.cq_actors.get(actor_id)
    if info is None or info.kind != "country" or not info.country:
        return actor_id
    return _leader_among(doc, people_of_country(doc, info.country)) or actor_id


def _leader_among(doc: Doc, people: list[str]) -> str | None:
    """The first of these people who holds a head office (the article's roles, else the KB on its date)."""
    heads = _HEADS.get(doc)
    roles = doc._.cq_roles or []
    if heads is None or heads[0] is not roles:
        # one answer per person and document (issue 14: asked once per event, it read every role each time)
        heads = _HEADS[doc] = (roles, {})
        for role in roles:
            heads[1].setdefault(role.person, False)
            heads[1][role.person] = heads[1][role.person] or role.role.lower() in HEAD_ROLES
    kb, published = doc._.cq_kb, doc._.cq_published
    for person in dict.fromkeys(people):
        head = heads[1].get(person, False)
        if not head and kb is not None and published is not None:
            head = any(t.role.lower() in HEAD_ROLES for t in kb.offices(person, published))
        if head:
            return person
    return None


# the people with a head office in the article's roles, by document (beside the Doc, so that it still pickles)
_HEADS: weakref.WeakKeyDictionary[Doc, tuple[list[RoleInfo], dict[str, bool]]] = weakref.WeakKeyDictionary()


def _seat_country(doc: Doc, actor_id: str) -> str:
    """A presidency or head-of-government office visited ("the White House", "the Akorda") stands for the
    country's leader the article names, and stays the seat when it names none."""
    match = re.fullmatch(r"inst:([A-Z]{3}):(presidency|government_office)", actor_id)
    if match is None:
        return actor_id
    return _leader_among(doc, people_of_country(doc, match.group(1))) or actor_id


def _host_country(doc: Doc, sent: Span, trigger: Token) -> str | None:
    """The country a visit goes to, from where it takes place ("in Amman" -> Jordan)."""
    kb = doc._.cq_kb
    place = _location(doc, sent, trigger) or _location(doc, sent, trigger.head)
    if kb is None:
        return None
    actors = doc._.cq_actors
    if not place:
        # "welcomed trade with America's West Coast during his visit": the one country the sentence names
        countries = {m.actor for m in mentions_starting(doc, sent.start, sent.end) if actors[m.actor].kind == "country"}
        return countries.pop() if len(countries) == 1 else None
    for text, actor in mention_texts(doc):  # each distinct mention once, not every mention per visit
        if place in text or text in place:
            info = actors.get(actor)
            if info is not None and info.kind == "country":
                return actor
    country = kb.place(place)
    if country is None or country.kind != "country":
        return None
    actors.setdefault(country.id, _info_of(country))
    return country.id


def _info_of(actor: object) -> ActorInfo:
    return ActorInfo(actor.id, actor.name, actor.kind, actor.country, actor.cameo)  # type: ignore[attr-defined]


def _hosts_from_contacts(doc: Doc, meetings: list[EventInfo]) -> None:
    """"Lavrov arrived in Beijing on Sunday. He met his counterpart Wang Yi": a visit whose host is only a
    country is hosted by the person of that country whom the visitor meets in the article (contract v1.1)."""
    for visit in meetings:
        if visit.kind != "visit" or visit.status != "held" or not visit.source:
            continue
        for i, host in enumerate(visit.target):
            info = doc._.cq_actors.get(host)
            if info is None or info.kind != "country":
                continue
            met = _unique([p for m in meetings if m is not visit and m.status == "held" and visit.source[0] in m.participants
                           for p in m.participants if _kind(doc, p) == "person"
                           and doc._.cq_actors[p].country == info.country])
            if len(met) == 1:
                visit.target[i] = met[0]
                visit.participants = [met[0] if p == host else p for p in visit.participants]
                if visit.initiator == host:  # "at the invitation of the Chinese side": its person
                    visit.initiator = met[0]
