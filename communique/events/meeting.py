"""A contact record from one word of a sentence: its parties and kind, its parts (a meal or a
visit around a contact), bare back references ("The meeting came after ..."), definite references
that add attributes, and the meeting a transcript's greeting reports."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from ..actors import actor_at
from ..doctext import doc_text
from .attributes import _caller, _formality, _initiator, _status
from .date import _date, _offset
from .host import _host_country, _person_for, _seat_country
from .lexicon import GREETING, HOST_VERBS, INFORMAL, INFORMAL_NOUNS, MEDIATION, MEETING_NOUNS, RECURRING, SIDELINES
from .participants import _attendees, _interlocutor, _participants, people_of, _phrase_actors
from .place import _places, _third_place
from .record import CONFIDENCE, EventInfo, _kind, _unique
from .triggers import _group_object, _habitual, _informal_part, _summit_is_the_news, _triggers


def _meeting(doc: Doc, sent: Span, trigger: Token, kind: str) -> EventInfo | None:
    sources, targets = _participants(doc, trigger)
    if kind == "visit" and sources and not targets:
        # "X arrived in Amman on a visit": the host is the country of the place visited
        host = _host_country(doc, sent, trigger)
        if host is not None and host not in sources:
            targets = [host]
    if kind == "visit":
        # "a state visit to the White House": the seat stands for its country's leader
        targets = [_seat_country(doc, a) for a in targets]
    sources = [_person_for(doc, a) for a in sources]
    targets = [_person_for(doc, a) for a in targets if _person_for(doc, a) not in sources]
    if trigger.pos_ == "VERB" and not sources:
        return None  # "I was delighted to meet A and B" with no known "I": we cannot say who met
    if trigger.lemma_.lower() == "arrive" and not any(doc._.cq_actors[a].kind == "person" for a in sources):
        return None  # troops or goods arriving are not a diplomatic visit
    if _habitual(trigger):
        return None  # "we regularly meet with X": a pattern, not a meeting that took place
    if kind in ("summit", "meeting", "talks") and sources + targets and (
            people_of(doc, sources + targets) == [] or kind == "summit"):
        # "the presidents of A, B and C held a meeting of the Council": the body convenes, they attend;
        # "A opened a summit in Belem, attended by B, C and D": all of them
        attendees = _attendees(doc, trigger)
        if attendees and (people_of(doc, sources + targets) == [] or len(attendees) > len(_unique(sources + targets))):
            sources, targets = attendees[:1], attendees[1:]
            if len(attendees) >= 3 and sum(_kind(doc, a) == "person" for a in attendees) >= 2:
                kind = "summit"  # contract v1.1: three or more leaders in person
    people = _unique(sources + targets)
    single_body = (
        kind == "summit" and len(people) == 1 and doc._.cq_actors[people[0]].kind == "organization"
        and _summit_is_the_news(trigger)
    )
    if len(people) < 2 and not single_body:
        return None  # "the CIS summit" stands alone; other meetings need two sides
    text = sent.text
    lemma = trigger.lemma_.lower()
    if re.search(r"\b(phone|telephone|by phone|over the phone)\b", text, re.I) and kind in ("meeting", "talks"):
        kind = "phone_call"
    if trigger.pos_ == "VERB" and lemma in ("speak", "talk") and not re.search(r"\b(met|meeting|visit|in person|sidelines|margins)\b", text, re.I):
        # "X spoke with Y" in a readout without a place of meeting is a call
        kind = "phone_call"
    if re.search(r"\b(video ?conference|video link|videoconference|video call|virtual(ly)?|online)\b", text, re.I):
        kind = "video_call" if kind != "summit" or "video" in text.lower() else kind
        if kind == "summit":
            kind = "video_call"
    if kind == "meeting" and len(people) > 2 and not SIDELINES.search(text) and (
            trigger.head.lower_ == "summit" or any(t.lower_ == "summit" for t in trigger.subtree)
            or trigger.pos_ == "VERB" and re.search(r"\bsummit\b", text, re.I)):
        # "A, B and C met at the summit", "the summit meeting" -- not "exchanges with X" beside a summit
        kind = "summit"
    event = EventInfo("CONSULT", "040", (sent.start_char, sent.end_char), kind=kind,
                      trigger_is_noun=trigger.pos_ != "VERB", joint_subject=len(sources) > 1 or _group_object(trigger),
                      informal_part=_informal_part(trigger))
    if lemma in MEDIATION or trigger.lower_ in MEDIATION:
        # "X mediated between A and B": a third party brings two sides together
        event.source, event.target = sources[:1], [p for p in people if p not in sources[:1]]
        event.mode, event.cameo = None, "045"  # PLOVER: CONSULT, context diplomatic
    elif (lemma in HOST_VERBS or trigger.lower_ == "welcome") and targets:
        # "A hosted B": B visits A
        event.source, event.target = targets, sources
        event.mode, event.cameo = "visit", "043"
        # "welcomed his guest at the palace, where they held talks": the welcome opens the talks
        event.reception = all(t.i == trigger.i or k == "visit" for t, k in _triggers(sent))
    elif kind == "visit":
        event.source, event.target = sources, targets
        event.mode, event.cameo = "visit", "042"
    else:
        event.source, event.target = sources[:1], [p for p in people if p not in sources[:1]]
    event.participants = people
    if kind in ("phone_call", "video_call"):
        event.mode, event.cameo = "phone", "041"
    elif len(people) > 2 and event.mode is None and event.cameo != "045":
        event.mode = "multilateral"
    if kind == "talks" and event.cameo == "040":
        event.cameo = "046"
    _attributes(doc, sent, trigger, event)
    bodies = [p for p in people if _kind(doc, p) == "organization"]
    if event.kind == "summit" and bodies and sum(_kind(doc, p) == "person" for p in people) >= 2:
        # "A, B and C attended the BRICS summit": the convening body is context, not an attendee (v1.1)
        event.participants = [p for p in people if p not in bodies]
        event.source = [p for p in event.source if p not in bodies] or event.participants[:1]
        event.target = [p for p in event.target if p not in bodies and p not in event.source]
        event.location = event.location or doc._.cq_actors[bodies[0]].name
    if event.mode is None and event.cameo == "040" and _third_place(doc, event):
        event.mode, event.cameo = "third-party", "044"  # met at a 'third' location
    if event.status == "planned":
        event.cameo = "036"
    people_only = all(doc._.cq_actors[p].kind == "person" for p in people)
    event.confidence = CONFIDENCE["people"] if people_only else CONFIDENCE["bodies"]
    contact_noun = trigger if trigger.pos_ != "VERB" else next(
        (c for c in trigger.children if c.dep_ == "dobj" and c.lower_ in MEETING_NOUNS), None)
    event.definite = contact_noun is not None and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in contact_noun.children)
    return event


def _part_of(doc: Doc, sent: Span, trigger: Token, meetings: list[EventInfo]) -> EventInfo | None:
    """"official talks, followed by a private lunch": a meal or walk with no parties of its own is
    the same people's informal part of the contact its sentence reports (a record of its own)."""
    if trigger.pos_ == "VERB":
        return None
    same = [m for m in meetings if m.evidence == (sent.start_char, sent.end_char) and m.status == "held"]
    if not same:
        return None
    if trigger.lower_ in ("visit", "trip") and same[-1].kind not in ("visit", "phone_call", "video_call"):
        return _visit_around(doc, sent, trigger, same[-1])
    if not (trigger.lower_ in INFORMAL_NOUNS or trigger.lower_ in ("tête", "tete")):
        return None
    event = EventInfo("CONSULT", "040", (sent.start_char, sent.end_char), kind="meeting",
                      participants=list(same[-1].participants), source=list(same[-1].source),
                      target=list(same[-1].target), date=same[-1].date, date_text=same[-1].date_text,
                      location=same[-1].location, confidence=same[-1].confidence, trigger_is_noun=True)
    event.formality = _formality(trigger, sent, "meeting")
    return event if event.formality == "informal" else None


def _bare_reference(doc: Doc, sent: Span, trigger: Token, kind: str,
                    meetings: list[EventInfo]) -> EventInfo | None:
    """"A and B discussed grain on Friday. The meeting came after ...": a definite contact noun with
    no parties, in an article that has reported no held contact before it, is the contact of the
    people its own or the previous sentence makes a joint subject (contract v1.1: nouns are
    meetings when nothing else reports them)."""
    if trigger.pos_ == "VERB" or kind not in ("meeting", "talks", "phone_call", "video_call"):
        return None
    if any(m.plover == "CONSULT" and m.status == "held" for m in meetings):
        return None  # a later "the meeting" refers back to it
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "their", "this") for c in trigger.children):
        return None
    if _status(trigger, sent.text) != "held" or trigger.lower_ in INFORMAL_NOUNS:
        return None
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    for where in (sent, previous):
        if where is None:
            continue
        subjects = [c for c in where.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        people = _unique([a for c in subjects for a in _phrase_actors(doc, c) if _kind(doc, a) == "person"])
        if len(people) < 2:
            continue
        event = EventInfo("CONSULT", "040", (sent.start_char, sent.end_char), kind=kind, participants=people,
                          source=people[:1], target=people[1:], trigger_is_noun=True, joint_subject=True,
                          confidence=CONFIDENCE["people"])
        if kind in ("phone_call", "video_call"):
            event.mode, event.cameo = "phone", "041"
        elif kind == "talks":
            event.cameo = "046"
        elif len(people) > 2:
            event.mode = "multilateral"
        event.formality = _formality(trigger, sent, kind)
        event.date_text, event.date = _date(doc, where, where.root, False)
        return event
    return _during_reference(doc, sent, trigger, kind)


def _during_reference(doc: Doc, sent: Span, trigger: Token, kind: str) -> EventInfo | None:
    """"During the talks in Muscat yesterday, Oman's foreign minister said ...": a person acting in a
    definite contact that has no parties of its own takes part in it, with the one person of another
    country the article's neighbouring sentences make the subject of their main verb (the other
    side the report is about). Nothing when that side is missing or not unique."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in ("during", "at", "after", "in") or prep.head.pos_ != "VERB":
        return None
    actors = doc._.cq_actors
    speaker = _unique([a for c in prep.head.children if c.dep_ == "nsubj"
                       for a in _phrase_actors(doc, c) if _kind(doc, a) == "person"])
    if len(speaker) != 1 or actors[speaker[0]].country is None:
        return None
    country = actors[speaker[0]].country
    others: list[str] = []
    for where in (doc[sent.start - 1].sent if sent.start > 0 else None,
                  doc[sent.end].sent if sent.end < len(doc) else None):
        if where is None:
            continue
        # the main verb's subject, or the reported clause's ("X has won ..., the ministry said")
        verbs = [where.root, *(c for c in where.root.children if c.dep_ == "ccomp")]
        others += [a for v in verbs for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                   for a in _phrase_actors(doc, c)
                   if _kind(doc, a) == "person" and actors[a].country not in (None, country)]
    others = _unique(others)
    if len(others) != 1:
        return None
    people = [others[0], speaker[0]]
    event = EventInfo("CONSULT", "046" if kind == "talks" else "040", (sent.start_char, sent.end_char), kind=kind,
                      participants=people, source=people[:1], target=people[1:], trigger_is_noun=True,
                      confidence=CONFIDENCE["people"])
    if kind in ("phone_call", "video_call"):
        event.mode, event.cameo = "phone", "041"
    event.formality = _formality(trigger, sent, kind)
    event.date_text, event.date = _date(doc, sent, trigger, False)
    places = _places(doc, sent, trigger)
    if places:
        event.location, event.places = places[0], places
    return event


def _visit_around(doc: Doc, sent: Span, trigger: Token, contact: EventInfo) -> EventInfo | None:
    """"X called on Y in Colombo, the first day of a two-day official visit": a visit with no parties
    of its own, around a contact its sentence reports, is the visit of the contact's guest to its
    host (a record of its own, contract v1.1), unless it is planned or someone else's."""
    if _status(trigger, sent.text) != "held" or len(contact.participants) != 2:
        return None
    owner = next((c for c in trigger.children if c.dep_ == "poss"), None)
    mention = actor_at(doc, owner.i) if owner is not None else None
    if owner is not None and (mention is None or mention.actor not in contact.participants):
        return None  # "ahead of Z's visit": not the guest's
    guest = mention.actor if mention is not None else (contact.source or contact.participants)[0]
    host = [p for p in contact.participants if p != guest]
    event = EventInfo("CONSULT", "042", (sent.start_char, sent.end_char), kind="visit", mode="visit",
                      participants=[guest, *host], source=[guest], target=host, date=contact.date,
                      date_text=contact.date_text, location=contact.location, confidence=contact.confidence,
                      trigger_is_noun=True)
    event.formality = _formality(trigger, sent, "visit")
    return event


def _attributes(doc: Doc, sent: Span, trigger: Token, event: EventInfo) -> None:
    text = sent.text
    event.formality = _formality(trigger, sent, event.kind)
    if RECURRING.search(text) or (trigger.tag_ == "NNS" and re.search(r"\b(norm|regular|series)\b", text, re.I)):
        event.recurring = True
    event.status = _status(trigger, text)
    initiator = _initiator(doc, sent, event, trigger)
    if initiator:
        event.initiator = initiator
    if event.initiator is None and event.kind == "phone_call" and trigger.lemma_.lower() in ("call", "phone", "telephone") and trigger.pos_ == "VERB":
        event.initiator = event.source[0] if event.source else None
    if event.initiator is None and event.kind == "phone_call":
        event.initiator = _caller(doc, sent, event)
    if event.initiator is None and re.search(r"\bsummon", text, re.I) and event.source:
        event.initiator = event.source[0]
    offset = _offset(trigger)
    date_text, date = _date(doc, sent, offset[0] if offset else trigger, event.status == "planned")
    if date_text:
        event.date_text, event.date = date_text, date
    if offset is not None:
        event.date_text = doc[min(t.i for t in trigger.head.subtree if t.i < trigger.i and t.dep_ != "prep"
                                  or t.i == trigger.head.i) : trigger.i + 1].text
        event.date = date + dt.timedelta(days=offset[1]) if date is not None else None
    places = _places(doc, sent, trigger)
    if places:
        event.location = places[0]
        event.places = places


def _enrich(doc: Doc, sent: Span, event: EventInfo) -> None:
    """A definite reference to the last meeting ("the meeting was at X's request") adds to it."""
    before = (event.formality, event.initiator, event.recurring, event.date_text)
    if event.formality == "unspecified" and INFORMAL.search(sent.text):
        event.formality = "informal"
    initiator = _initiator(doc, sent, event)
    if initiator and event.initiator is None:
        event.initiator = initiator
    if RECURRING.search(sent.text):
        event.recurring = True
    if before != (event.formality, event.initiator, event.recurring, event.date_text):
        event.more_evidence.append((sent.start_char, sent.end_char))


def _greetings(doc: Doc, meetings: list[EventInfo]) -> None:
    """"It's great to have you here", "I am pleased to welcome you to Moscow": in a transcript of two
    speakers, a greeting of presence is the meeting of the speaker and the other speaker (the contact
    the remarks are made at), added when no held meeting of the two names a place or date of its own."""
    text = doc_text(doc)
    turns = list(doc._.cq_turns or ())
    for start, end, speaker in turns:
        other = _interlocutor(doc, speaker) if speaker else None
        match = GREETING.search(text, start, end) if other else None
        if match is None or other is None:
            continue
        sent = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if sent is None:
            continue
        evidence = (sent.sent.start_char, sent.sent.end_char)
        # the narrative already reports the meeting ("Putin met Nazarbayev at the Kremlin"), or the turns do
        if any(m.plover == "CONSULT" and m.status == "held" and set(m.participants) == {speaker, other} and (
                m.evidence == evidence or not m.location and not m.recurring
                or not any(s <= m.evidence[0] < e for s, e, _ in turns)) for m in meetings):
            continue
        meetings.append(EventInfo("CONSULT", "040", evidence, kind="meeting", participants=[speaker, other],
                                  source=[other], target=[speaker], confidence=CONFIDENCE["people"]))
        return  # one meeting the remarks are made at


def _delegations(doc: Doc, meetings: list[EventInfo]) -> None:
    """"Ryabkov, whose delegation at the negotiations included Deputy Defence Minister Fomin": the people a
    party's delegation to a contact included take part in it (on that party's side)."""
    for token in doc:
        if token.lemma_.lower() != "include" or token.pos_ != "VERB":
            continue
        delegation = next((c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() == "delegation"), None)
        owner = next((c for c in delegation.children if c.dep_ == "poss"), None) if delegation is not None else None
        if delegation is None or owner is None or not any(
                g.lower_ in MEETING_NOUNS for c in delegation.children if c.dep_ == "prep" for g in c.children):
            continue  # only a delegation to a contact the sentence names
        # "whose delegation": the person the relative clause describes
        mention = actor_at(doc, token.head.i if owner.tag_ == "WP$" and token.dep_ == "relcl" else owner.i)
        if mention is None:
            continue
        members = [a for c in token.children if c.dep_ == "dobj" for a in _phrase_actors(doc, c)
                   if _kind(doc, a) == "person" and a != mention.actor]
        contact = next((m for m in reversed(meetings) if m.plover == "CONSULT" and m.status == "held"
                        and mention.actor in m.participants and m.evidence[0] <= token.idx), None)
        if contact is None or not members:
            continue
        side = contact.source if mention.actor in contact.source else contact.target
        for member in members:
            if member not in contact.participants:
                contact.participants.append(member)
                side.append(member)
        sent = token.sent
        contact.more_evidence.append((sent.start_char, sent.end_char))
