"""Who takes part in a contact: the subject and object sides of its word, the actors a phrase
names ("the presidents of A, B and C"), pronouns by the voice they are spoken in, "the two leaders",
summit attendees, and the party a request or invitation names."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..actors import actor_at
from ..mentions import mentions_before, mentions_starting
from .date import _offset
from .host import _person_for
from .lexicon import (CONVENING, FIRST_PERSON, GUESTS, HOST_VERBS, INFORMAL_NOUNS, MEDIATION, PAIR, _PLACE_PREPS,
    SECOND_PERSON, TELLING)
from .record import EventInfo, _kind, _unique
from .triggers import _bare_participle, _phrasal_withs


def _participants(doc: Doc, trigger: Token) -> tuple[list[str], list[str]]:
    """(sources, targets): the subject side and the object side of a meeting."""
    sources: list[str] = []
    targets: list[str] = []
    between: list[str] = []  # "talks between A and B": both sides, unless a subject convened them
    children = list(trigger.children)
    if trigger.dep_ == "compound" and trigger.pos_ == "NOUN":
        # "a mediation mission between A and B": the phrase's head carries the parties
        children += [c for c in trigger.head.children if c.dep_ == "prep"]
    if trigger.pos_ == "VERB" and trigger.lemma_.lower() in ("sit", "come", "speak", "talk"):
        children += [c for c in _phrasal_withs(trigger) if c not in children]
    for child in children:
        if (child.dep_ in ("dobj", "dative") and trigger.lemma_.lower() in HOST_VERBS and actor_at(doc, child.i) is None
                and child.lemma_.lower() not in GUESTS and not any(c.dep_ == "appos" for c in child.children)):
            continue  # "welcomed the statement": a thing, not a guest
        if child.dep_ == "nsubjpass" and trigger.pos_ == "VERB":
            # "A was received by B": A is the guest, B the host; "A was met by B": both met
            targets += _phrase_actors(doc, child)
        elif child.dep_ == "agent":
            sources += [a for g in child.children if g.dep_ == "pobj" for a in _phrase_actors(doc, g)]
        elif child.dep_ in ("nsubj", "nsubjpass", "poss"):
            sources += _phrase_actors(doc, child)
        elif child.dep_ in ("dobj", "dative") or (child.dep_ == "oprd" and trigger.lemma_.lower() == "call"):
            targets += _phrase_actors(doc, child)
        elif child.dep_ == "acl" and trigger.pos_ == "NOUN" and child.lemma_.lower() in ("attend", "join"):
            # "the summit, attended by A, B and C"
            sources += [a for g in child.children if g.dep_ == "agent" for o in g.children if o.dep_ == "pobj"
                        for a in _phrase_actors(doc, o)]
        elif child.dep_ == "conj" and trigger.pos_ == "NOUN":
            # "the meeting between A, on the one hand, and B, C and D" parsed with B.. on the noun
            targets += [a for a in _phrase_actors(doc, child) if doc._.cq_actors[a].kind == "person"]
        elif child.dep_ in ("compound", "nmod", "amod") and trigger.pos_ == "NOUN":
            # "the Council of Europe Ministers meeting", "the CIS summit"
            mention = actor_at(doc, child.i)
            if mention is not None and doc._.cq_actors[mention.actor].kind == "organization":
                targets.append(mention.actor)
        elif child.dep_ == "prep" and (child.lower_ in ("with", "between", "to", "by", "among", "of") or (
                child.lower_ in ("on", "upon") and trigger.lemma_.lower() == "call") or (
                child.lower_ == "for" and trigger.lower_ in INFORMAL_NOUNS | {"reception"})):
            # "hosted a working dinner for X": the guest of a meal
            if child.lower_ == "to" and trigger.lemma_.lower() in HOST_VERBS:
                continue  # "welcome you to Moscow": a place, not a party
            # "talks with visiting Spanish Prime Minister X": the parser makes "visiting" the preposition's verb
            objects = [c for c in child.children if c.dep_ == "pobj"] + [
                g for c in child.children if c.dep_ == "pcomp" and c.lower_ == "visiting"
                for g in c.children if g.dep_ == "dobj"]
            for pobj in objects:
                found = _phrase_actors(doc, pobj)
                if child.lower_ in ("between", "among"):
                    between += found
                elif child.lower_ == "by" and trigger.pos_ == "VERB":
                    sources += found
                elif child.lower_ == "of" and trigger.pos_ == "NOUN":
                    sources += found
                else:
                    targets += found
    if (trigger.pos_ == "VERB" and trigger.dep_ == "conj" and sources and not targets
            and any(c.dep_ == "auxpass" for c in trigger.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)):
        # "A arrived in Rome and was received by B": the passive shares the subject of its first verb
        targets += [a for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass") for a in _phrase_actors(doc, c)]
    if trigger.pos_ == "VERB" and not sources:
        # "A was delighted to meet B", "A arrived and met B": the subject of the governing verb
        head, hops = trigger, 0
        # "Speaking after meeting B, A said": through the preposition and the participle to the clause's subject
        # "I had the pleasure of talking with B": through the noun the verb completes to its subject
        while head.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp", "prep", "dobj") and hops < 4 and not sources:
            head, hops = head.head, hops + 1
            sources += [a for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for a in _phrase_actors(doc, c)]
    walked = trigger.pos_ in ("NOUN", "PROPN") and not sources
    convened = trigger.lower_ in MEDIATION or (trigger.dep_ == "compound" and trigger.head.lower_ in MEDIATION)
    if trigger.pos_ in ("NOUN", "PROPN") and not sources:
        # "A held talks with B", "A made time for a conversation with B"
        head, hops = trigger, 0
        # "met B on Saturday, a day after talks with C": through the time phrase to the clause (npadvmod)
        while (head.dep_ in ("dobj", "pobj", "prep", "attr", "nsubjpass", "conj", "compound", "agent")
               or _bare_participle(head) or head.dep_ == "npadvmod" and _offset(trigger) is not None) \
                and hops < 6:
            head, hops = head.head, hops + 1
            subjects = [c for c in head.children if c.dep_ == "nsubj"] if head.pos_ in ("VERB", "AUX") else []
            convened = convened or head.lemma_.lower() in CONVENING
            if subjects:
                sources += [a for c in subjects for a in _phrase_actors(doc, c)]
                if head.dep_ == "conj" and head.head.pos_ == "PROPN" and any(
                        c.dep_ == "cc" and c.lower_ == "and" for c in head.head.children):
                    # "Prince Mohammed and his guest held talks" parsed with the verb joined to the first name
                    first = actor_at(doc, head.head.i)
                    if first is not None and _kind(doc, first.actor) == "person" and first.actor not in sources:
                        sources.insert(0, first.actor)
                if not targets:
                    # "X gave a warm welcome to Y"; "X held talks | with Y" (the parser hangs "with" on the verb)
                    talking = head.lemma_.lower() in ("hold", "have", "conduct", "discuss")
                    # "discussed grain and a prisoner swap | with Erdogan": the parser may hang "with" on the object
                    withs = [g for c in head.children if c.dep_ == "dobj" and talking for g in c.subtree
                             if g.dep_ == "prep" and g.lower_ == "with"]
                    # "held talks in the southern city of Guangzhou with B": or on the place of the talks
                    withs += [g for c in head.children if talking and c.dep_ == "prep" and c.lower_ in ("in", "at")
                              for o in c.children if o.dep_ == "pobj" for g in o.children
                              if g.dep_ == "prep" and g.lower_ == "with"]
                    for c in [*head.children, *withs]:
                        if c.dep_ == "dative" or (c.dep_ == "prep" and (c.lower_ == "to" or (
                                c.lower_ == "with" and talking))):
                            for obj in [c] if c.dep_ == "dative" else [g for g in c.children if g.dep_ == "pobj"]:
                                targets += _phrase_actors(doc, obj)
                if (not targets and head.lemma_.lower() in TELLING) or head.lemma_.lower() in ("join", "attend"):
                    # "A told B during a phone call that ...", "A joined B and C at the summit"
                    targets += [a for c in head.children if c.dep_ in ("dobj", "dative")
                                for a in _phrase_actors(doc, c) if _kind(doc, a) == "person"]
                break
        if not sources and targets and head.lemma_.lower() in ("have", "hold", "conduct"):
            # "On Friday Putin had a conversation with B" misparsed: the person named before the verb
            before = [m for m in mentions_starting(doc, trigger.sent.start, head.i)
                      if doc._.cq_actors[m.actor].kind == "person" and m.actor not in targets]
            if before:
                sources.append(before[-1].actor)
    if len(between) >= 2 and walked and not convened:
        # "..., the ministry said after talks between A and B": the talks are A's and B's alone
        sources, targets = [], []
    if between:
        if sources:
            targets += between
        else:
            sources, targets = between[:1], targets + between[1:]
    if not sources and not targets:
        sources = _pair(doc, trigger)
    sources = _unique(sources)
    targets = [t for t in _unique(targets) if t not in sources]
    return sources, targets


def _phrase_actor(doc: Doc, token: Token) -> str | None:
    """The best actor inside one conjunct's phrase, not crossing into other conjuncts or clauses."""
    blocked: set[int] = set()
    for child in token.children:
        if child.dep_ in ("conj", "cc", "relcl", "acl") or (child.dep_ == "prep" and child.lower_ not in ("of", "for")):
            blocked.update(t.i for t in child.subtree)
    tokens = [t for t in token.subtree if t.i not in blocked]
    best: tuple[int, str] | None = None
    for t in tokens:
        mention = actor_at(doc, t.i)
        if mention is None:
            continue
        kind = doc._.cq_actors[mention.actor].kind
        rank = {"person": 0, "organization": 1, "country": 2}.get(kind, 3)
        if best is None or rank < best[0]:
            best = (rank, mention.actor)
    return best[1] if best else None


def _phrase_actors(doc: Doc, token: Token) -> list[str]:
    """Every actor a phrase names: "the presidents of Russia, Belarus and Kazakhstan" names three.

    People win over the countries and bodies that describe them ("Russian President Vladimir Putin"
    is Putin); pronouns count only as the head of the phrase.
    """
    pronoun = _pronoun_actors(doc, token)
    if pronoun is not None:
        return pronoun
    if token.pos_ == "PRON":
        mention = actor_at(doc, token.i)
        if mention is None and token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl" and token.head.head is not token.head:
            # "Kishida, who is on an official visit": the relative pronoun is the noun its clause describes
            return _phrase_actors(doc, token.head.head)
        return [mention.actor] if mention else []
    blocked: set[int] = set()
    for t in token.subtree:
        if t.i == token.i or t.i in blocked:
            continue
        if t.dep_ == "relcl" or (t.dep_ in ("acl", "advcl") and t.lemma_.lower() not in ("accompany", "join")) or (
            t.dep_ == "prep" and t.lower_ not in _PLACE_PREPS
        ):
            blocked.update(x.i for x in t.subtree)
    persons: list[str] = []
    others: list[str] = []
    for t in token.subtree:
        if t.i in blocked:
            continue
        mention = actor_at(doc, t.i)
        if mention is None or (mention.via == "pronoun" and t.i != token.i):
            continue
        kind = doc._.cq_actors[mention.actor].kind
        target = persons if kind == "person" else others if kind in ("country", "organization", "group") else None
        if target is not None and mention.actor not in target:
            target.append(mention.actor)
    if persons and token.tag_ == "NNS" and others:
        # "the presidents of Russia, Belarus ... and the Acting Prime Minister of Armenia": every party
        return persons + [a for a in others if all(doc._.cq_actors[p].country != doc._.cq_actors[a].country for p in persons)]
    if persons:
        return persons
    groups = {doc._.cq_actors[a].country for a in others if doc._.cq_actors[a].kind == "group"}
    others = [a for a in others if not (doc._.cq_actors[a].kind == "country" and doc._.cq_actors[a].country in groups)]
    # "the President of the United States, Joe Biden," or "Secretary of State for Defence, John Healey"
    # parsed loosely: the name that follows the office words, a few title words away at most
    person = _trailing_name(doc, max(t.i for t in token.subtree) + 1)
    if person is not None:
        return [person]
    return others


def _pronoun_actors(doc: Doc, token: Token) -> list[str] | None:
    """"I", "we", "you" resolved through the voice they are spoken in; None for other words."""
    low = token.lower_
    if low not in FIRST_PERSON | SECOND_PERSON:
        return None
    voices = _voice(doc, token.idx)
    if not voices:
        return []
    if len(voices) > 1:
        # a statement signed by several people: "we" are all of them; "I" and "you" are unclear
        return voices if low in ("we", "us", "our", "ourselves") else []
    speaker = voices[0]
    other = _interlocutor(doc, speaker)
    if low in SECOND_PERSON:
        return [other] if other else []
    if low in ("we", "us", "our", "ourselves") and other:
        return [speaker, other]
    return [speaker]


def _voice(doc: Doc, char: int) -> list[str]:
    """Whose words these are: the speaker of the turn or quote around them, else the page's authors."""
    for start, end, speaker in doc._.cq_turns or ():
        if start <= char < end and speaker:
            return [speaker]
    for quote in doc._.cq_quotes or ():
        if quote.start_char <= char < quote.end_char and quote.speaker:
            return [quote.speaker]
    return list(doc._.cq_authors or ())


def _interlocutor(doc: Doc, speaker: str) -> str | None:
    """In a two-person transcript, the other speaker."""
    labelled = {s for _, _, s in doc._.cq_turns or () if s}
    others = labelled - {speaker}
    return others.pop() if len(labelled) == 2 and len(others) == 1 else None


def _trailing_name(doc: Doc, start: int) -> str | None:
    for i in range(start, min(len(doc), start + 5)):
        token = doc[i]
        mention = actor_at(doc, i)
        if mention is not None:
            return mention.actor if doc._.cq_actors[mention.actor].kind == "person" else None
        if token.pos_ in ("VERB", "AUX") or token.text in (".", ";", ":") or token.is_space:
            return None
        if not (token.is_punct or token.lower_ in ("for", "of", "the", "and") or token.text[:1].isupper()):
            return None
    return None


def _pair(doc: Doc, trigger: Token) -> list[str]:
    """"The two leaders held talks", "both men met again": the two people the article last named."""
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    head = trigger
    # "held a private tête-à-tête", "before leading their delegations in official talks"
    while subject is None and head.dep_ in ("dobj", "pobj", "prep", "xcomp", "conj", "compound", "pcomp") \
            and head.head is not head:
        head = head.head
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "the two leaders took a walk", "the two prepared the day in a call": the pair's own contact
    within = trigger.dep_ == "pobj" and trigger.head.lower_ in ("in", "during", "over", "by")
    if subject is None or (trigger.pos_ != "VERB" and not within
                           and head.lemma_.lower() not in ("hold", "have", "conduct", "begin", "take")):
        return []  # "the two presidents assessed the consultations": not a contact of their own
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "the two leaders, who last met in Addis Ababa": the noun the clause describes
    words = doc[min(t.i for t in subject.subtree) : subject.i + 1].text
    if not PAIR.match(words.strip()):
        return []
    people: list[str] = []
    # the pair was introduced before this sentence ("Spokesman X confirmed the two men had met": not X)
    for mention in mentions_before(doc, trigger.sent.start):  # read back lazily (issue 14)
        info = doc._.cq_actors.get(mention.actor)
        if info is not None and info.kind == "person" and mention.actor not in people:
            people.append(mention.actor)
        if len(people) == 2:
            return people[::-1]
    if not people:
        # a lead that names the pair only in the next sentence ("The two leaders spoke by phone, the Kremlin
        # said. Putin thanked Lukashenko ..."): the two people that sentence names
        sent_end = trigger.sent.end
        following = doc[sent_end].sent if sent_end < len(doc) else None
        if following is not None:
            for mention in mentions_starting(doc, following.start, following.end):
                info = doc._.cq_actors.get(mention.actor)
                if info is not None and info.kind == "person" and mention.actor not in people:
                    people.append(mention.actor)
            if len(people) == 2:
                return people
    return []


def people_of(doc: Doc, actors: list[str]) -> list[str]:
    """The people and countries among actors (an organization convenes; its members attend)."""
    return [a for a in actors if _kind(doc, a) in ("person", "country")]


def _attendees(doc: Doc, trigger: Token) -> list[str]:
    """"The leaders of A, B and C gathered in Minsk for the CSTO summit": who came to the summit is
    the subject of the verb that brings them there (contract v1.1: the convening organization is
    context, not a participant)."""
    head = trigger
    for _ in range(3):
        if head.dep_ not in ("pobj", "prep", "dobj", "compound") or head.head is head:
            break
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in (
            "gather", "meet", "attend", "convene", "assemble", "arrive", "travel", "come", "join", "hold", "go",
            "open", "host", "chair"):
        return []
    found: list[str] = []
    for child in head.children:
        phrases = [child] if child.dep_ in ("nsubj", "nsubjpass") else []
        if child.dep_ == "dobj" and head.lemma_.lower() == "join":
            phrases.append(child)  # "joined their host, Tajik President Emomali Rahmon, for the summit"
        if child.dep_ in ("advcl", "acl") and child.lemma_.lower() in ("attend", "join"):
            # "opened a summit in Belem, attended by A, B and C"
            phrases += [o for g in child.children if g.dep_ == "agent" for o in g.children if o.dep_ == "pobj"]
        for phrase in phrases:
            found += [a for a in _phrase_actors(doc, phrase) if a not in found]
    return [_person_for(doc, a) for a in people_of(doc, found)] if len(people_of(doc, found)) >= 2 else []


def _party_named(doc: Doc, token: Token, event: EventInfo) -> str | None:
    """The participant a phrase names: a person in it, or the participant of a country it names
    ("the Sri Lankan side")."""
    # the phrase's own head first: in "his Kazakh counterpart", "his" is someone else
    for t in [token, *(t for t in token.subtree if t.i != token.i and not (t.dep_ == "poss" and t.pos_ == "PRON"))]:
        mention = actor_at(doc, t.i)
        if mention is None:
            continue
        if mention.actor in event.participants:
            return mention.actor
        info = doc._.cq_actors.get(mention.actor)
        if info is not None and info.kind == "country":
            same = [p for p in event.participants
                    if doc._.cq_actors.get(p) is not None and doc._.cq_actors[p].country == info.country]
            if len(same) == 1:
                return same[0]
    return None


def _actor_in(doc: Doc, start: int, end: int) -> str | None:
    """The first person mentioned from character ``start`` to ``end`` (looked up, not scanned: issue 14)."""
    for mention in mentions_starting(doc, start, end, chars=True):
        if doc._.cq_actors[mention.actor].kind == "person":
            return mention.actor
    return None
