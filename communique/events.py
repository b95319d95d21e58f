"""Events: meetings, visits, summits and calls (PLOVER CONSULT) with their attributes, and the
praise and criticism between actors (SUPPORT / ACCUSE) that quotes carry.

Component ``communique_events`` (after quotes) sets ``doc._.cq_events`` (``EventInfo``). One event
per real-world meeting in an article: later mentions of the same participants, and definite
references ("the meeting was at X's request"), add evidence and attributes, not events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import actor_at
from .dates import DATE_PHRASE, resolve_date
from .quotes import CRITICISM, PRAISE, _resolve_np

MEETING_VERBS = {"meet": "meeting", "visit": "visit", "host": "meeting", "receive": "meeting", "confer": "talks",
                 "phone": "phone_call", "telephone": "phone_call", "call": "phone_call", "speak": "meeting",
                 "talk": "meeting", "welcome": "meeting"}
MEETING_NOUNS = {
    "meeting": "meeting", "meetings": "meeting", "talks": "talks", "visit": "visit", "visits": "visit",
    "summit": "summit", "conversation": "meeting", "call": "phone_call", "videoconference": "video_call",
    "dinner": "meeting", "lunch": "meeting", "breakfast": "meeting", "encounter": "meeting",
    "consultations": "talks", "negotiations": "talks", "tête-à-tête": "meeting", "tete-a-tete": "meeting",
    "video-conference": "video_call", "teleconference": "video_call",
}
HOST_VERBS = {"host", "receive", "welcome"}
INFORMAL = re.compile(
    r"\b(informal(ly)?|unofficial(ly)?|private(ly)?|t[êe]te-[àa]-t[êe]te|without (a|any) formal agenda|"
    r"away from the official|(?<!working )(dinner|lunch|breakfast)|a walk\b|stroll|over tea)\b",
    re.I,
)
FORMAL = re.compile(
    r"\b(official (visit|talks|meeting|ceremony)|state visit|formal (meeting|talks|visit)s?|negotiations|plenary|"
    r"signing ceremony|signed|summoned|ministerial council|council meeting|formal session|official session)\b",
    re.I,
)
RECURRING = re.compile(
    r"\b(regular(ly)?|annual(ly)?|have become (the|a) norm|become routine|routine(ly)?|series of|periodic(ally)?|"
    r"every (year|month|week)|once a (year|month)|recurring|frequent(ly)?)\b",
    re.I,
)
CANCELLED = re.compile(r"\b(cancel(l)?ed|called off|postponed|scrapped|cancel(l)?ation)\b", re.I)
FUTURE = re.compile(
    r"\b(will|shall|is expected to|are expected to|is scheduled to|are scheduled to|plans? to|planned|"
    r"is set to|are set to|intends? to|is to|are to|is due to|are due to|upcoming|next (week|month|year)|"
    r"look(s|ing)? forward to)\b",
    re.I,
)
INITIATOR = re.compile(
    r"\b(?:at|on|upon)\s+(?:the\s+)?(?P<who1>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}?)(?:'s|’s)?\s+(?:side'?s?\s+)?"
    r"(?:own\s+|urgent\s+|personal\s+)?(?:request|initiative|invitation)\b"
    r"|\b(?:at|on|upon)\s+the\s+(?:urgent\s+)?(?:request|initiative|invitation)\s+of\s+(?:the\s+)?(?P<who2>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
    r"|\b(?:at|on|upon)\s+(?:the\s+)?(?P<who3>[A-Z][a-z]+)\s+side'?s\s+(?:request|initiative|invitation)\b",
)
DEFINITE_MEETING = re.compile(r"\b(the|this|that)\s+(meeting|talks|conversation|call|visit|summit)\b", re.I)
_DEMONYM_SIDE = re.compile(r"\b(?:the\s+)?(?P<dem>[A-Z][a-z]+)\s+side\b")


@dataclass
class EventInfo:
    plover: str
    cameo: str
    evidence: tuple[int, int]
    kind: str | None = None
    mode: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    formality: str = "unspecified"
    initiator: str | None = None
    recurring: bool = False
    status: str = "held"
    date: dt.date | None = None
    date_text: str | None = None
    location: str | None = None
    more_evidence: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.6


class EventFinder:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[EventInfo]:
        meetings: list[EventInfo] = []
        for sent in doc.sents:
            for trigger, kind in _triggers(sent):
                event = self._meeting(doc, sent, trigger, kind)
                if event is None:
                    continue
                for one in _split(event, trigger):
                    _merge_into(meetings, one)
            last = meetings[-1] if meetings else None
            if last is not None and DEFINITE_MEETING.search(sent.text):
                self._enrich(doc, sent, last)
        return meetings + self._stances(doc)

    def set_annotations(self, doc: Doc, found: list[EventInfo]) -> None:
        doc._.cq_events = found

    # meetings ---------------------------------------------------------------------------------
    def _meeting(self, doc: Doc, sent: Span, trigger: Token, kind: str) -> EventInfo | None:
        sources, targets = _participants(doc, trigger)
        people = _unique(sources + targets)
        if len(people) < 2:
            return None
        text = sent.text
        lemma = trigger.lemma_.lower()
        if re.search(r"\b(phone|telephone|by phone|over the phone)\b", text, re.I) and kind in ("meeting", "talks"):
            kind = "phone_call"
        if lemma in ("speak", "talk") and not re.search(r"\b(met|meeting|visit|in person|sidelines|margins)\b", text, re.I):
            # "X spoke with Y" in a readout without a place of meeting is a call
            kind = "phone_call"
        if re.search(r"\b(video ?conference|video link|videoconference|video call|virtual(ly)?|online)\b", text, re.I):
            kind = "video_call" if kind != "summit" or "video" in text.lower() else kind
            if kind == "summit":
                kind = "video_call"
        if kind == "meeting" and re.search(r"\bsummit\b", text, re.I) and len(people) > 2:
            kind = "summit"
        event = EventInfo("CONSULT", "040", (sent.start_char, sent.end_char), kind=kind)
        if lemma in HOST_VERBS and targets:
            # "A hosted B": B visits A
            event.source, event.target = targets, sources
            event.mode, event.cameo = "visit", "043"
        elif kind == "visit":
            event.source, event.target = sources, targets
            event.mode, event.cameo = "visit", "042"
        else:
            event.source, event.target = sources[:1], [p for p in people if p not in sources[:1]]
        event.participants = people
        if kind in ("phone_call", "video_call"):
            event.mode, event.cameo = "phone", "041"
        elif len(people) > 2:
            event.mode = "multilateral"
        if kind == "talks" and event.cameo == "040":
            event.cameo = "046"
        self._attributes(doc, sent, trigger, event)
        if event.status == "planned":
            event.cameo = "036"
        event.confidence = 0.75 if all(doc._.cq_actors[p].kind == "person" for p in people) else 0.6
        return event

    def _attributes(self, doc: Doc, sent: Span, trigger: Token, event: EventInfo) -> None:
        text = sent.text
        if INFORMAL.search(text):
            event.formality = "informal"
        elif FORMAL.search(text) or event.kind == "summit":
            event.formality = "formal"
        if RECURRING.search(text) or (trigger.tag_ == "NNS" and re.search(r"\b(norm|regular|series)\b", text, re.I)):
            event.recurring = True
        if CANCELLED.search(text):
            event.status = "cancelled"
        elif _is_future(trigger, text):
            event.status = "planned"
        initiator = _initiator(doc, sent, event)
        if initiator:
            event.initiator = initiator
        if event.initiator is None and event.kind == "phone_call" and trigger.lemma_.lower() in ("call", "phone", "telephone") and trigger.pos_ == "VERB":
            event.initiator = event.source[0] if event.source else None
        if event.initiator is None and re.search(r"\bsummon", text, re.I) and event.source:
            event.initiator = event.source[0]
        date_text, date = _date(doc, sent, trigger, event.status == "planned")
        if date_text:
            event.date_text, event.date = date_text, date
        location = _location(doc, sent, trigger)
        if location:
            event.location = location

    def _enrich(self, doc: Doc, sent: Span, event: EventInfo) -> None:
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

    # praise and criticism ---------------------------------------------------------------------
    def _stances(self, doc: Doc) -> list[EventInfo]:
        out: list[EventInfo] = []
        quoted_cues = {q.evidence for q in doc._.cq_quotes if q.cue_lemma in PRAISE | CRITICISM}
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or lemma not in PRAISE | CRITICISM:
                continue
            sent = token.sent
            if (sent.start_char, sent.end_char) in quoted_cues:
                continue  # the quote carries it
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if subject is None or obj is None:
                continue
            source, _ = _resolve_np(doc, subject)
            target = _phrase_actor(doc, obj)
            if source is None or target is None or source == target:
                continue
            plover, cameo = ("SUPPORT", "051") if lemma in PRAISE else ("ACCUSE", "112" if lemma == "accuse" else "111")
            out.append(EventInfo(plover, cameo, (sent.start_char, sent.end_char), source=[source], target=[target],
                                 participants=[source, target], confidence=0.65))
        for quote in doc._.cq_quotes:
            if quote.speaker is None or quote.cue_lemma is None:
                continue
            target = quote.target or (quote.about[0] if quote.about else None)
            if target is None or target == quote.speaker:
                continue
            if quote.cue_lemma in PRAISE:
                plover, cameo = "SUPPORT", "051"
            elif quote.cue_lemma in CRITICISM:
                plover, cameo = "ACCUSE", "112" if quote.cue_lemma == "accuse" else "111"
            else:
                continue
            out.append(EventInfo(plover, cameo, quote.evidence, source=[quote.speaker], target=[target],
                                 participants=[quote.speaker, target], confidence=0.7))
        return out


def _split(event: EventInfo, trigger: Token) -> list[EventInfo]:
    """"his meetings with A, B and C": one bilateral meeting with each of them."""
    if trigger.tag_ != "NNS" or len(event.source) != 1 or len(event.target) < 2 or event.kind == "summit":
        return [event]
    out = []
    for target in event.target:
        one = EventInfo(**{**event.__dict__, "target": [target], "participants": [event.source[0], target],
                           "more_evidence": [], "mode": None if event.mode == "multilateral" else event.mode})
        out.append(one)
    return out


def _triggers(sent: Span) -> list[tuple[Token, str]]:
    out = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in MEETING_VERBS:
            if lemma == "call" and (any(c.dep_ in ("xcomp", "oprd", "ccomp") for c in token.children)
                                    or any(c.lower_ in ("for", "on", "upon") for c in token.children)):
                continue
            if lemma in ("speak", "talk") and not any(c.lower_ in ("with", "to") for c in token.children):
                continue
            out.append((token, MEETING_VERBS[lemma]))
        elif token.pos_ in ("NOUN", "PROPN") and token.lower_ in MEETING_NOUNS:
            out.append((token, MEETING_NOUNS[token.lower_]))
    return out


def _np_actors(doc: Doc, head: Token) -> list[str]:
    """Actors a noun phrase names, with its coordinated phrases ("A and B").

    "the first President of Kazakhstan Nursultan Nazarbayev" names the person, not the country:
    a person anywhere in the phrase wins over a country or organization.
    """
    out: list[str] = []
    for token in [head, *[c for c in head.conjuncts]]:
        actor, _ = _resolve_np(doc, token)
        info = doc._.cq_actors.get(actor) if actor else None
        if info is None or info.kind != "person":
            found = _phrase_actor(doc, token)
            actor = found or actor
        info = doc._.cq_actors.get(actor) if actor else None
        if info is None or info.kind != "person":
            # "the President of the United States, Joe Biden," parsed loosely: the name right after
            end = max(t.i for t in token.subtree) + 1
            if end < len(doc) and doc[end].text == ",":
                mention = actor_at(doc, end + 1)
                if mention is not None and doc._.cq_actors[mention.actor].kind == "person":
                    actor = mention.actor
        if actor and doc._.cq_actors.get(actor) is not None and doc._.cq_actors[actor].kind in ("person", "country", "organization"):
            out.append(actor)
    return out


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


def _participants(doc: Doc, trigger: Token) -> tuple[list[str], list[str]]:
    """(sources, targets): the subject side and the object side of a meeting."""
    sources: list[str] = []
    targets: list[str] = []
    for child in trigger.children:
        if child.dep_ in ("nsubj", "nsubjpass", "poss"):
            sources += _np_actors(doc, child)
        elif child.dep_ in ("dobj", "dative"):
            targets += _np_actors(doc, child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "between", "to", "by", "among", "of"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = _np_actors(doc, pobj)
                if child.lower_ == "between" or child.lower_ == "among":
                    sources, targets = (sources or found[:1]), targets + found[1:] if not sources else targets + found
                elif child.lower_ == "by" and trigger.pos_ == "VERB":
                    sources += found
                elif child.lower_ == "of" and trigger.pos_ == "NOUN":
                    sources += found
                else:
                    targets += found
    if trigger.pos_ == "VERB" and not sources:
        for head in [trigger.head] if trigger.dep_ in ("xcomp", "conj", "advcl") else []:
            sources += [a for c in head.children if c.dep_ == "nsubj" for a in _np_actors(doc, c)]
    if trigger.pos_ in ("NOUN", "PROPN") and not sources:
        # "A held talks with B", "A made time for a conversation with B"
        head, hops = trigger, 0
        while head.dep_ in ("dobj", "pobj", "prep", "attr", "nsubjpass", "conj", "compound") and hops < 6:
            head, hops = head.head, hops + 1
            subjects = [c for c in head.children if c.dep_ == "nsubj"] if head.pos_ in ("VERB", "AUX") else []
            if subjects:
                sources += [a for c in subjects for a in _np_actors(doc, c)]
                break
    if any(c.lower_ == "between" for c in trigger.children) and sources and len(sources) >= 2 and not targets:
        sources, targets = sources[:1], sources[1:]
    sources = _unique(sources)
    targets = [t for t in _unique(targets) if t not in sources]
    return sources, targets


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _is_future(trigger: Token, text: str) -> bool:
    if any(c.lower_ in ("will", "shall", "'ll") and c.dep_ == "aux" for c in trigger.children):
        return True
    head = trigger.head if trigger.pos_ != "VERB" else trigger
    if any(c.lower_ in ("will", "shall") and c.dep_ == "aux" for c in head.children):
        return True
    if trigger.pos_ == "VERB" and trigger.tag_ == "VB" and trigger.dep_ == "xcomp":
        governor = trigger.head.lemma_.lower()
        if governor in ("plan", "expect", "intend", "agree", "hope", "schedule", "set", "due", "look", "want", "be"):
            return True
    if trigger.pos_ != "VERB":
        return False
    return bool(re.search(r"\b(is|are) (expected|scheduled|set|due) to (meet|visit|hold)|\bwill (meet|visit|hold)\b", text))


def _initiator(doc: Doc, sent: Span, event: EventInfo) -> str | None:
    for match in INITIATOR.finditer(sent.text):
        who = match.group("who1") or match.group("who2") or match.group("who3")
        if not who:
            continue
        start = sent.start_char + match.start()
        actor = _actor_in(doc, start, sent.start_char + match.end())
        if actor is not None:
            return actor
        country = doc._.cq_kb.place(who) if doc._.cq_kb is not None else None
        if country is not None:
            for participant in event.participants:
                info = doc._.cq_actors.get(participant)
                if info is not None and (info.country == country.country or participant == country.id):
                    return participant
    for token in sent:
        if token.lemma_.lower() == "invite" and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                actor, _ = _resolve_np(doc, subject)
                if actor in event.participants:
                    return actor
    return None


def _actor_in(doc: Doc, start: int, end: int) -> str | None:
    for mention in doc._.cq_mentions:
        if start <= mention.start_char < end and doc._.cq_actors[mention.actor].kind == "person":
            return mention.actor
    return None


def _date(doc: Doc, sent: Span, trigger: Token, future: bool) -> tuple[str | None, dt.date | None]:
    published = doc._.cq_published
    candidates: list[tuple[int, str]] = []
    for ent in sent.ents:
        if ent.label_ == "DATE" and not re.search(r"\b(years?|decades?|months?|weeks?|days?)\b", ent.text, re.I):
            candidates.append((abs(ent.start - trigger.i), ent.text))
    for match in DATE_PHRASE.finditer(sent.text):
        tok = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if tok is not None:
            candidates.append((abs(tok.start - trigger.i), match.group(0)))
    if not candidates:
        return None, None
    candidates.sort(key=lambda c: (c[0], -len(c[1])))
    text = candidates[0][1]
    # keep the preposition that makes the phrase readable: "on a Saturday"
    idx = sent.text.find(text)
    prefix = re.search(r"\b(on|in|last|this|next)\s+$", sent.text[:idx]) if idx >= 0 else None
    if prefix and not text.lower().startswith(prefix.group(1)):
        text = prefix.group(1) + " " + text
    return text, resolve_date(text, published, future=future)


def _location(doc: Doc, sent: Span, trigger: Token) -> str | None:
    match = re.search(r"\bon the sidelines of (?:the )?([A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,5}(?:\s+summit)?(?:\s+in\s+[A-Z][\w-]+)?)", sent.text)
    if match:
        return "sidelines of " + match.group(1)
    for token in sent:
        if token.lower_ in ("in", "at") and token.dep_ == "prep":
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.ent_type_ not in ("GPE", "FAC", "LOC", "ORG"):
                continue
            span = doc[min(t.i for t in pobj.subtree) : max(t.i for t in pobj.subtree) + 1]
            if pobj.ent_type_ == "ORG" and not re.search(r"Kremlin|House|Palace|Street|Hall|Building|Centre|Center", span.text):
                continue
            return span.text
    return None


def _merge_into(events: list[EventInfo], new: EventInfo) -> None:
    for event in events:
        if event.plover != "CONSULT" or set(event.participants) != set(new.participants):
            continue
        if event.status != new.status and "held" in (event.status, new.status) and new.status != "held":
            continue
        compatible = event.kind == new.kind or {event.kind, new.kind} <= {"meeting", "talks", "visit"}
        if not compatible:
            continue
        if event.date and new.date and event.date != new.date:
            continue
        if event.formality == "unspecified":
            event.formality = new.formality
        event.initiator = event.initiator or new.initiator
        event.recurring = event.recurring or new.recurring
        event.date = event.date or new.date
        event.date_text = event.date_text or new.date_text
        event.location = event.location or new.location
        event.more_evidence.append(new.evidence)
        event.confidence = min(0.95, event.confidence + 0.05)
        return
    events.append(new)


@Language.factory(
    "communique_events",
    requires=["doc._.cq_mentions", "doc._.cq_quotes"],
    assigns=["doc._.cq_events"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()
