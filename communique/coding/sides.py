"""The sides of a coded act: source and target actors from the parse, sector actors for unnamed
agents, places as a missing side (:mod:`communique.coding`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..actors import ActorInfo, actor_at, local_id, partisan
from ..agents import agent_of
from ..events import _phrase_actor, _phrase_actors
from ..gazetteer import group_code, place_country, place_name
from ..verbdict import dictionary
from .modality import _existential, _is_passive
from .words import (
    FORCE_ROOTS, lexicon, MEMBER_NOUNS, PLACE_PREPS, PRONOUNS, QUANTITY_NOUNS, RELATIVE,
    STATIVE_PASSIVES, TARGET_PREPS,
)


def _unclaimed_violence(verb: Token, cameo: str) -> bool:
    """"Three civilians were killed in a bombing", "there were ten soldiers killed", "a roadside bomb
    killed two soldiers": violence reported with no doer (in the passive without an agent, or done by a
    weapon no one is said to have used) is an event with an unknown source (GDELT and PETRARCH leave
    the source empty, or take the place), not no event."""
    if cameo[:2] not in FORCE_ROOTS:
        return False
    if _is_passive(verb) or _existential(verb) is not None:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return all(_instrument(p) for p in agents)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and _instrument(subject)


def _instrument(noun: Token) -> bool:
    """A weapon or a blast where a doer would stand: "shot down by a missile", "a car bomb killed ...".

    The CAMEO dictionary's ``&WEAPON`` set and the lexicon's ``instrument_nouns`` name them; an agent
    noun ("bomber", "gunmen") is a person, not an instrument.
    """
    if noun.pos_ != "NOUN":
        return False
    named = noun.lemma_.lower() in lexicon()["instrument_nouns"] or dictionary().in_set("WEAPON", noun)
    return named and agent_of(noun) is None


def _wielders(doc: Doc, noun: Token) -> list[str]:
    """Who used an instrument, when its phrase says: "a missile (believed to be) fired by rebels"."""
    return [
        a for c in noun.children if c.dep_ == "acl"
        for g in c.subtree if g.dep_ == "agent"
        for p in g.children if p.dep_ == "pobj" for a in _actors(doc, p)
    ]


def _doers(doc: Doc, noun: Token) -> list[str]:
    """The actors a subject or "by" agent names: an instrument's wielders, else the phrase's actors."""
    return _wielders(doc, noun) if _instrument(noun) else _actors(doc, noun)


# ------------------------------------------------------------------------------------------------
# actors


def _affiliate(doc: Doc, token: Token, actor: str) -> None:
    """Give a person or group without a country the one country its own phrase names.

    "British Defence Secretary Tom King", "Palestinian leader Yasser Arafat", "Salaheddine Sidhoum,
    Algeria's leading activist": the descriptor says whose actor this is, as a CAMEO coder would read
    it. Only a missing country is filled, never a known one replaced. (This belongs with the actor
    descriptions in actors.py; it lives here until that module takes it over.)
    """
    info = doc._.cq_actors.get(actor)
    if info is None or info.country is not None or info.kind not in ("person", "organization"):
        return
    words: list[Token] = []
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss", "appos") and child.i < token.i or child.dep_ == "appos":
            words += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            words += list(child.subtree)
    countries = set()
    kb = doc._.cq_kb
    for word in words:
        mention = actor_at(doc, word.i)
        if (mention is None or mention.actor == actor) and kb is not None and word.text[:1].isupper():
            place = kb.place(word.text)  # "British", "French": a demonym the NER folded into a name
            if place is not None and place.kind == "country" and place.country:
                countries.add(place.country)
            elif mention is None and (city := place_country(word)) is not None:
                countries.add(city)  # "the mayor of Nablus, a member of X": a city of the phrase
            continue
        if mention is None:
            continue
        other = doc._.cq_actors.get(mention.actor)
        if other is not None and other.kind == "country" and other.country:
            countries.add(other.country)
    if len(countries) == 1:
        info.country = countries.pop()


def _actors(doc: Doc, token: Token) -> list[str]:
    """Actors of a noun phrase: ``events._phrase_actors`` first, else any actor inside the phrase."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head
    # "pro-Russia rebels": the country is the side the group takes, not an actor of the phrase
    sided = {m.actor for t in token.subtree if partisan(t) and (m := actor_at(doc, t.i)) is not None}
    found = _named(doc, token, sided)
    conjuncts = [token, *token.conjuncts]
    if found:
        if len(found) < len(conjuncts):
            # "the government and Hamas": a conjunct naming no actor is a sector actor of its own
            unnamed = [c for c in conjuncts if all(actor_at(doc, t.i) is None for t in (*c.lefts, c))]
            found += [g for c in unnamed if (g := _sector_actor(doc, c)) is not None]
        return found
    inside = _phrase_actor(doc, token)
    if inside is not None and inside not in sided:
        return [inside]
    for t in token.subtree:  # "Doctors from two American aid groups"
        mention = actor_at(doc, t.i)
        if mention is not None and mention.actor not in sided and doc._.cq_actors[mention.actor].kind in ("person", "country", "organization"):
            return [mention.actor]
    # "the government and the rebels", "the Palestinians": sector actors, or the people of a place
    return [g for c in conjuncts if (g := _sector_actor(doc, c) or _people_of_place(doc, c)) is not None]


def _people_of_place(doc: Doc, noun: Token) -> str | None:
    """"The Palestinians", "Kosovars": a plural name the place dictionary lists for a state (PETRARCH
    codes a people as its state), unless "ethnic" makes it a minority living elsewhere."""
    if noun.tag_ not in ("NNPS", "NNS") or any(c.lower_ == "ethnic" for c in noun.lefts):
        return None
    return _place_actor(doc, noun)


def _named(doc: Doc, token: Token, sided: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The actors a noun phrase names (``events._phrase_actors``), a country owning a body folded into it
    and each one's country filled from its own phrase (:func:`_affiliate`); ``sided`` are left out."""
    found = [a for a in _owners_folded(doc, token, _phrase_actors(doc, token)) if a not in sided]
    conjuncts = [token, *token.conjuncts]
    for actor, conjunct in zip(found, conjuncts) if len(found) == len(conjuncts) else []:
        _affiliate(doc, conjunct, actor)
    return found


def _code_group(doc: Doc, actor: str) -> None:
    """Give a body the knowledge base does not know its CAMEO code from PETRARCH2's list of armed groups
    ("Hamas" PSEREBHMS, "the Taliban" AFGREB), and the country the code begins with; only an actor with
    neither a code nor a country is filled."""
    info = doc._.cq_actors.get(actor)
    if info is None or info.kind not in ("organization", "group") or info.cameo or info.country:
        return
    code = group_code(info.name)
    if code is None:
        return
    info.cameo = code
    kb = doc._.cq_kb
    if kb is not None and kb.country_by_iso3(code[:3]) is not None:
        info.country = code[:3]


def _owners_folded(doc: Doc, token: Token, found: list[str]) -> list[str]:
    """"Egypt's Muslim Brotherhood", "Kenya's opposition party": a country that owns a body in the same
    phrase is that body's country, not a second actor; the body gets the country when it has none."""
    if len(found) < 2:
        return found
    actors = doc._.cq_actors
    folded: set[str] = set()
    for t in token.subtree:
        if t.dep_ != "poss":
            continue
        owner, owned = actor_at(doc, t.i), actor_at(doc, t.head.i)
        if owner is None or owned is None or owner.actor == owned.actor or owned.actor not in found:
            continue
        country, body = actors.get(owner.actor), actors.get(owned.actor)
        if country is None or body is None or country.kind != "country" or body.kind not in ("organization", "group"):
            continue
        if body.country is None:
            body.country = country.country
        if body.country == country.country:
            folded.add(owner.actor)
    return [a for a in found if a not in folded]


def _sector_actor(doc: Doc, token: Token) -> str | None:
    """"Insurgents shelled the city", "riot police dispersed ...": an agent noun with no named actor
    is a CAMEO sector actor of its own (---REB, ---COP), as PETRARCH codes it; it joins ``doc._.cq_actors``."""
    # "Hundreds of thousands of people", "a group of refugees": the people counted, not the count;
    # "leaders of the opposition coalition", "members of the rebel group": the body they belong to
    while (token.lemma_.lower() in QUANTITY_NOUNS | MEMBER_NOUNS or token.pos_ == "NUM") and agent_of(token) is None:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return None
        token = pobj
    if token.pos_ != "NOUN":
        return None
    # an agent noun names the sector; an unnamed crowd ("students", "people") is civilians (CVL)
    code = agent_of(token) or ("CVL" if token.lemma_.lower() in lexicon()["crowd_nouns"] else None)
    if code is None:
        return None
    words = [c for c in token.lefts if c.dep_ in ("compound", "amod")] + [token]
    name = doc[words[0].i : token.i + 1].text  # "pro-Russia rebels" as written, hyphens unspaced
    # "Ugandan rebels": a demonym the NER left untagged gives the country (UGAREB); without one,
    # "---" stands in its place, as PETRARCH writes it ("---REB")
    country = None
    kb = doc._.cq_kb
    for word in words[:-1]:
        if partisan(word):
            continue  # "pro-Russia rebels" fight for Russia's side, they are not Russia's
        place = kb.place(word.text) if kb is not None and word.text[:1].isupper() else None
        if place is not None and place.kind == "country" and place.country:
            country = place.country
    key = name
    if country is None:  # "the mayor of Nablus", "the governor of the province of Helmand"
        country = next((c for p in _of_objects(token) if (c := place_country(p)) is not None), None)
        key = f"{name} {country}" if country else name  # another country's mayor is another actor
    actor = local_id(key, "group")
    doc._.cq_actors.setdefault(
        actor, ActorInfo(id=actor, name=name, kind="group", country=country, cameo=(country or "---") + code, known=False)
    )
    return actor


def _of_objects(noun: Token) -> list[Token]:
    """The nouns of the "of" phrase after a noun: "the mayor of Nablus" → [Nablus]."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]


def _subjects(doc: Doc, verb: Token) -> list[str]:
    """The source side of a verb: its subject, or the subject of the verb it depends on."""
    head, hops = verb, 0
    while hops < 4:
        if _is_passive(head):
            agent = next((c for c in head.children if c.dep_ == "agent"), None)
            if agent is None and head.lemma_.lower() in STATIVE_PASSIVES:
                # "X is opposed to Y", "X is committed to Z": the passive subject holds the stance
                return [a for c in head.children if c.dep_ == "nsubjpass" for a in _actors(doc, c)]
            if agent is None:
                return []
            return [a for p in agent.children if p.dep_ == "pobj" for a in _doers(doc, p)]
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.lower_ in PRONOUNS:
            # "Japan said it had halted aid": the pronoun is the reporting clause's subject
            governing = _reporting_subject(doc, head)
            if governing:
                return governing
        if subject is not None:
            return _doers(doc, subject)
        if head.dep_ in ("xcomp", "conj", "advcl", "acomp") and head.head.pos_ in ("VERB", "AUX", "ADJ"):
            head, hops = head.head, hops + 1
            continue
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):  # "the army, using missiles, killed"
            participle = head.tag_ == "VBN" or _existential(head) is not None
            if participle and not any(c.dep_ == "dobj" for v in (head, *head.conjuncts) for c in v.children):
                # "a report released Tuesday", "civilians imprisoned (by X)": the noun is what was acted
                # on; the doer, if any, is the "by" agent
                return [a for c in head.children if c.dep_ == "agent" for p in c.children for a in _actors(doc, p)]
            return _actors(doc, head.head)
        return []
    return []


def _reporting_subject(doc: Doc, verb: Token) -> list[str]:
    head, hops = verb, 0
    while head.dep_ in ("ccomp", "conj", "advcl", "xcomp", "acomp") and hops < 3:
        head, hops = head.head, hops + 1
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in PRONOUNS:
            return _actors(doc, subject)
    return []


def _objects_of(doc: Doc, verb: Token, skip: set[str]) -> list[str]:
    """The target side of a verb: its dative, object, prepositional objects, or a clause's subject."""
    targets: list[str] = []
    if _is_passive(verb) and verb.lemma_.lower() not in STATIVE_PASSIVES:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                targets += _actors(doc, c)
    told = _existential(verb)
    if told is not None:
        targets += _actors(doc, told)
    ordered = sorted(verb.children, key=lambda c: (c.dep_ not in ("dative", "iobj"), c.dep_ != "dobj", c.i))
    for c in ordered:
        if c.dep_ in ("dative", "iobj", "dobj"):
            targets += _named(doc, c)
            if not targets:
                targets += _noun_targets(doc, c)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            targets += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
        elif c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            targets += [a for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for a in _actors(doc, s)]
            if c.dep_ == "xcomp" or not targets:
                targets += _objects_of(doc, c, skip)
        if any(t not in skip for t in targets):
            break
    if not any(t not in skip for t in targets):
        # "killed three soldiers", "arrested dozens of students": an unnamed object is a sector actor;
        # only when nothing else is the target ("offered its troops to Y": the troops are the thing given)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        targets += [g for c in objects if (g := _sector_actor(doc, c) or _people_of_place(doc, c)) is not None]
    if not any(t not in skip for t in targets):
        targets += _place_actors(doc, verb)
    return [t for t in dict.fromkeys(targets) if t not in skip]


def _place_actors(doc: Doc, verb: Token) -> list[str]:
    """The place an act happened in, as the actor of a side the sentence leaves unnamed: "imposed a
    curfew in Hebron", "blew themselves up in Tel Aviv", "soldiers killed in Ukraine".

    PETRARCH codes a missing source or target with the country of the place, and the PLOVER gold
    standard does too ("reimposed blockades in the West Bank": target PSE; "a roadside bombing near
    Samarra killed ...": source IRQ). An actor named in the phrase is taken as it is; a city or region
    is an actor coded with its country (:func:`_place_actor`, :mod:`communique.gazetteer`).
    """
    out: list[str] = []
    # when the verb has no place: the weapon's own ("a roadside bomb near the town of Samarra killed
    # ..."), or that of what was acted on ("fired shells at targets in Jericho")
    heads = [verb, *(c for c in verb.children if c.dep_ == "nsubj" and _instrument(c))]
    heads += [c for c in verb.children if c.dep_ == "dobj"]
    heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    for prep in (c for head in heads for c in head.children):
        if out or prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            found = _actors(doc, noun)
            if found:
                out += found
                continue
            place = _place_actor(doc, noun)
            if place is not None:
                out.append(place)
    return out


def _place_actor(doc: Doc, noun: Token) -> str | None:
    """A city or region as an actor: its people, coded with its country alone ("in Basra" → IRQ), as
    PETRARCH and the PLOVER gold standard write a place that stands for a side; it joins ``doc._.cq_actors``."""
    country = place_country(noun)
    head = place_name(noun)
    if country is None or head is None:
        return None
    name = doc[min([c.i for c in head.lefts if c.dep_ == "compound"] + [head.i]) : head.i + 1].text
    actor = local_id(name, "group")
    doc._.cq_actors.setdefault(actor, ActorInfo(id=actor, name=name, kind="group", country=country, cameo=country, known=False))
    return actor


def _is_place(doc: Doc, actor: str) -> bool:
    """A country, or a city or region standing for its people (:func:`_place_actor`)."""
    info = doc._.cq_actors[actor]
    return info.kind == "country" or info.kind == "group" and info.cameo is not None and info.cameo == info.country


def _noun_targets(doc: Doc, noun: Token) -> list[str]:
    """Actors attached to an object noun: "a UN appeal", "Turkey's efforts", "calls by Annan", "sanctions on Iran"."""
    out: list[str] = []
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            out += _actors(doc, c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in TARGET_PREPS + ("by", "in"):
            out += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
        elif c.dep_ == "acl":
            out += [a for g in c.children if g.dep_ == "agent" for p in g.children for a in _actors(doc, p)]
    return out


def _noun_sides(doc: Doc, noun: Token) -> tuple[list[str], list[str], Token | None]:
    """(sources, targets, light verb) of a noun trigger."""
    sources: list[str] = []
    targets: list[str] = []
    for c in noun.children:
        if c.dep_ == "poss":
            sources += _actors(doc, c)
        elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
            sources += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
        elif c.dep_ == "prep" and c.lower_ in ("against", "on", "upon", "to", "with", "on", "at", "toward", "towards"):
            targets += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
    light: Token | None = None
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in lexicon()["light_verbs"]:
        light = head
        if not sources:
            sources = _subjects(doc, head)
        if not targets:
            targets = [t for t in _objects_of(doc, head, set(sources))]
    if not sources:
        for c in noun.children:  # "Israeli shelling", "Palestinian riots"
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
                sources += _actors(doc, c)
    return sources, [t for t in dict.fromkeys(targets) if t not in sources], light
