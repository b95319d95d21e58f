"""Who stands for a country in a visit: the country the visit goes to, its leader the article
names, a seat visited ("the White House"), and the person the visitor meets there."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors import ActorInfo
from .lexicon import HEAD_ROLES
from .place import _location
from .record import EventInfo, _kind, _unique


def _person_for(doc: Doc, actor_id: str) -> str:
    """A country stands for its leader when the article names them (contract v1.1: "Macron arrived
    in Astana ... Tokayev welcomed him" -> Macron and Tokayev, not Kazakhstan); else the country."""
    actors = doc._.cq_actors
    info = actors.get(actor_id)
    if info is None or info.kind != "country" or not info.country:
        return actor_id
    people = [m.actor for m in doc._.cq_mentions
              if actors.get(m.actor) is not None and actors[m.actor].kind == "person" and actors[m.actor].country == info.country]
    return _leader_among(doc, people) or actor_id



def _leader_among(doc: Doc, people: list[str]) -> str | None:
    """The first of these people who holds a head office (the article's roles, else the KB on its date)."""
    kb, published = doc._.cq_kb, doc._.cq_published
    for person in dict.fromkeys(people):
        roles = [r.role.lower() for r in doc._.cq_roles or () if r.person == person]
        if kb is not None and published is not None:
            roles += [t.role.lower() for t in kb.offices(person, published)]
        if any(r in HEAD_ROLES for r in roles):
            return person
    return None



def _seat_country(doc: Doc, actor_id: str) -> str:
    """A presidency or head-of-government office visited ("the White House", "the Akorda") stands for the
    country's leader the article names, and stays the seat when it names none."""
    match = re.fullmatch(r"inst:([A-Z]{3}):(presidency|government_office)", actor_id)
    if match is None:
        return actor_id
    people = [m.actor for m in doc._.cq_mentions if _kind(doc, m.actor) == "person"
              and doc._.cq_actors[m.actor].country == match.group(1)]
    return _leader_among(doc, people) or actor_id



def _host_country(doc: Doc, sent: Span, trigger: Token) -> str | None:
    """The country a visit goes to, from where it takes place ("in Amman" -> Jordan)."""
    kb = doc._.cq_kb
    place = _location(doc, sent, trigger) or _location(doc, sent, trigger.head)
    if kb is None:
        return None
    if not place:
        # "welcomed trade with America's West Coast during his visit": the one country the sentence names
        countries = {m.actor for m in doc._.cq_mentions if sent.start <= m.start < sent.end
                     and doc._.cq_actors[m.actor].kind == "country"}
        return countries.pop() if len(countries) == 1 else None
    for mention in doc._.cq_mentions:
        if place in mention.text or mention.text in place:
            info = doc._.cq_actors.get(mention.actor)
            if info is not None and info.kind == "country":
                return mention.actor
    country = kb.place(place)
    if country is None or country.kind != "country":
        return None
    doc._.cq_actors.setdefault(country.id, _info_of(country))
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
