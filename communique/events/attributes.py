"""A contact's status (held, planned, cancelled), formality and initiator, read from the words
that govern or describe it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors import actor_at
from ..quotes import _resolve_np
from .lexicon import (ASKING, CANCEL_HEADS, CANCEL_MODIFIERS, FORMAL, FORMAL_WORDS, _GOVERNED, INFORMAL,
    INFORMAL_NOUNS, INFORMAL_WORDS, INITIATING, INITIATOR, MEETING_NOUNS, PLAN_HEADS, PLAN_MODIFIERS, PLAN_NOUNS,
    TIME_PREPS)
from .participants import _actor_in, _party_named
from .record import EventInfo
from .triggers import _triggers


def _status(trigger: Token, text: str) -> str:
    """held, planned or cancelled: read from the words that govern the trigger (its modifiers, the
    verbs and nouns above it up to the clause), never from another clause of the sentence."""
    for child in trigger.children:
        if child.dep_ in ("amod", "acl") and child.lower_ in CANCEL_MODIFIERS:
            return "cancelled"
        if child.dep_ in ("amod", "acl", "compound") and child.lower_ in PLAN_MODIFIERS:
            return "planned"
    node = trigger
    for _ in range(6):
        head, rel = node.head, node.dep_
        if head is node or rel not in _GOVERNED + ("nsubj", "pcomp", "dative", "conj", "appos"):
            break
        lemma = head.lemma_.lower()
        if rel != "nsubj" and (lemma in CANCEL_HEADS or (lemma in ("call", "break") and any(
                c.dep_ == "prt" and c.lower_ == "off" for c in head.children))):
            return "cancelled"
        if rel == "pobj" and head.lower_ in TIME_PREPS:
            # "agreed on a route during the talks": the talks are when, not what was agreed; they take place
            # when what is done in them does ("looking forward to welcoming him at the summit": planned)
            # (not "will travel to New York following meetings in Washington": what precedes the act)
            governor = head.head
            if head.lower_ not in ("after", "following", "since") and governor.i != head.i \
                    and governor.pos_ in ("VERB", "AUX") and governor.i != trigger.i:
                return "planned" if _status(governor, text) == "planned" else "held"
            return "held"
        if rel != "nsubj" and (lemma in PLAN_HEADS or lemma in PLAN_NOUNS):
            return "planned"
        if rel == "nsubj" and lemma in ("remain", "be") and any(
                g.lemma_.lower() in PLAN_NOUNS for c in head.children if c.dep_ == "prep" for g in c.children):
            return "planned"  # "a visit remained on the agenda"
        node = head
    return "planned" if _is_future(trigger, text) else "held"


def _formality(trigger: Token, sent: Span, kind: str | None) -> str:
    """formal / informal / unspecified from the words of this contact ("official talks", "a private
    lunch", "an informal dinner", "a state visit"); the sentence's wording only when it reports one
    contact, so that "official talks followed by a private lunch" are two records, one of each."""
    words = [c for c in trigger.children if c.dep_ in ("amod", "compound", "advmod", "nmod")]
    nouns = [trigger]
    if trigger.pos_ == "VERB":
        # "hosted Macron for an informal dinner", "held official talks": the contact's own noun
        nouns += [g for c in trigger.children if c.dep_ in ("dobj", "prep") for g in [c, *c.children]
                  if g.dep_ in ("pobj", "dobj") and g.pos_ == "NOUN"]
        words += [w for n in nouns[1:] for w in n.children if w.dep_ in ("amod", "compound")]
    lowered = {w.lower_ for w in words}
    if lowered & INFORMAL_WORDS:
        return "informal"
    if lowered & FORMAL_WORDS and not any(w.lower_ == "working" for w in words):
        return "formal"
    if any(n.lower_ in INFORMAL_NOUNS for n in nouns) and not lowered & {"working", "official", "state"}:
        return "informal"
    others = [t for t, _ in _triggers(sent) if t.i != trigger.i]
    if not others or all(t.lower_ not in INFORMAL_NOUNS and t.lemma_.lower() not in ("visit",) for t in others):
        if INFORMAL.search(sent.text):
            return "informal"
        if FORMAL.search(sent.text):
            return "formal"
    # a summit is formal, held in person or by video ("the first summit of the Quad by video conference")
    return "formal" if kind == "summit" or trigger.lower_ in ("summit", "summits") else "unspecified"


def _is_future(trigger: Token, text: str) -> bool:
    # "would" is the future seen from the past of reported speech: "announced that Biden would host Yoon"
    if any(c.lower_ in ("will", "shall", "'ll", "would") and c.dep_ == "aux" for c in trigger.children):
        return True
    head = trigger.head if trigger.pos_ != "VERB" else trigger
    if any(c.lower_ in ("will", "shall", "would") and c.dep_ == "aux" for c in head.children):
        return True
    if trigger.pos_ == "VERB" and trigger.tag_ == "VB" and trigger.dep_ == "xcomp":
        governor = trigger.head.lemma_.lower()
        if governor in ("plan", "expect", "intend", "agree", "hope", "schedule", "set", "due", "look", "want", "be",
                        "ready", "willing", "prepared", "eager", "keen", "offer", "propose", "seek", "try"):
            return True
    if trigger.pos_ != "VERB":
        # "preparing for the summit", "ahead of the upcoming talks"
        window = trigger.doc[max(trigger.sent.start, trigger.i - 6) : trigger.i].text.lower()
        return bool(re.search(
            r"\b(prepar\w*|ahead of|upcoming|forthcoming|next|planned|proposed|future|would|could|ready to|"
            r"willing to|offer(ed|s)? to)\b", window))
    return bool(re.search(r"\b(is|are) (expected|scheduled|set|due) to (meet|visit|hold)|\bwill (meet|visit|hold)\b", text))


def _initiator(doc: Doc, sent: Span, event: EventInfo, trigger: Token | None = None) -> str | None:
    for match in INITIATOR.finditer(sent.text):
        who = match.group("who1") or match.group("who2") or match.group("who3")
        if not who:
            continue
        start = sent.start_char + match.start()
        words = [t for t in sent if start <= t.idx < sent.start_char + match.end() and t.lemma_.lower() in INITIATING]
        if words and _names_other_contact(words[0], trigger):
            continue
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
        lemma = token.lemma_.lower()
        if lemma == "invite" and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                actor, _ = _resolve_np(doc, subject)
                if actor in event.participants:
                    return actor
        elif lemma in INITIATING and token.pos_ == "NOUN" and not _names_other_contact(token, trigger):
            # "at the invitation of his Kazakh counterpart": whoever the of-phrase names, however named
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = _party_named(doc, pobj, event)
                    if found is not None:
                        return found
        elif lemma in ASKING and token.pos_ == "VERB" and _asks_for_the_contact(token):
            # "The meeting had been requested by Petro", "the Sri Lankan side had asked for the meeting"
            for child in token.children:
                if child.dep_ == "agent":
                    found = next((_party_named(doc, g, event) for g in child.children if g.dep_ == "pobj"), None)
                    if found is not None:
                        return found
                if child.dep_ == "nsubj":
                    found = _party_named(doc, child, event)
                    if found is not None:
                        return found
    return None


def _caller(doc: Doc, sent: Span, event: EventInfo) -> str | None:
    """"a conversation with X, who called to congratulate him": the party a relative clause says called."""
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in ("call", "phone", "telephone") and token.dep_ == "relcl" \
                and any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in token.children):
            mention = actor_at(doc, token.head.i)
            if mention is not None and mention.actor in event.participants:
                return mention.actor
    return None


def _names_other_contact(token: Token, trigger: Token | None) -> bool:
    """The request or invitation word hangs from another contact word of the sentence than the
    trigger ("was received at the airport ... on a state visit at the invitation of X": the
    invitation is the visit's; contract v1.1: an invitation attaches to the event it names)."""
    if trigger is None:
        return False
    node = token
    for _ in range(8):
        if node.i == trigger.i:
            return False
        if node.i != token.i and node.pos_ in ("NOUN", "PROPN") and node.lower_ in MEETING_NOUNS:
            # "hosted A and B for a summit, convened at B's initiative": the summit the trigger hosts is its own
            return not (node.dep_ == "pobj" and node.head.lower_ == "for" and node.head.head.i == trigger.i)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _asks_for_the_contact(verb: Token) -> bool:
    """The verb's object, passive subject or "for" phrase is a meeting word, or the verb qualifies one
    ("a call requested by the American side")."""
    if verb.dep_ in ("acl", "relcl") and (verb.head.lower_ in MEETING_NOUNS or verb.head.lemma_.lower() in MEETING_NOUNS):
        return True
    if verb.dep_ == "ccomp" and verb.head.lower_ in MEETING_NOUNS and verb.head.i < verb.i and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return True  # "..., talks the Kenyan side had requested": a contact clause the parser read as a verb's
    if any(c.dep_ == "auxpass" for c in verb.children):
        # "a tête-à-tête that ... had been requested by the Indian side": a passive whose subject (its
        # own, or that of the clause it is joined to) is a relative pronoun standing for the contact
        holders = [verb, verb.head] if verb.dep_ == "conj" else [verb]
        subjects = [c for h in holders for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].tag_ in ("WDT", "WP") and any(
                t.lower_ in MEETING_NOUNS or t.lower_ in ("tête", "tete") for t in verb.sent if t.i < verb.i):
            return True
    for child in verb.children:
        words = [child] if child.dep_ in ("dobj", "nsubjpass") else [
            g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "for" else []
        if any(w.lower_ in MEETING_NOUNS or w.lemma_.lower() in ("meeting", "call", "talk", "visit") for w in words):
            return True
    return False
