"""The words that report a contact: meeting verbs and nouns, calls, phrasal contacts ("sat down
with"), remote links ("a video conference"), and the tests that keep look-alikes out ("called for",
"a prisoner exchange", "we regularly meet")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..actors import actor_at
from .lexicon import GROUP_NOUNS, INFORMAL_NOUNS, MEETING_NOUNS, MEETING_VERBS, PAIR, REMOTE_WORDS


def _triggers(sent: Span) -> list[tuple[Token, str]]:
    out = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in MEETING_VERBS:
            if lemma == "visit" and token.tag_ == "VBG" and token.dep_ in ("amod", "pcomp", "compound") and not any(
                    c.dep_ == "nsubj" for c in token.children):
                continue  # "talks with visiting Prime Minister X": a description of the guest, not a visit report
            if lemma == "call" and _calls_on(token):
                out.append((token, "meeting"))  # "X called on President Y": a courtesy visit
                continue
            if lemma == "call" and not _calls_someone(token):
                continue  # "called for talks", "called on X to stop", "called it a mistake", "called off"
            joint = any(c.dep_ == "nsubj" and (any(g.dep_ == "conj" for g in c.children) or PAIR.match(
                token.doc[c.left_edge.i : c.i + 1].text.strip())) for c in token.children)
            if lemma in ("speak", "talk") and not (
                any(c.lower_ in ("with", "to") for c in token.children) or _phrasal_withs(token)
                or joint and re.search(r"\b(by (tele)?phone|over the phone|by video)\b", sent.text, re.I)
                # "A and B spoke for nearly two hours": to each other, unless they spoke at or about something
                or joint and _for_a_while(token) and not any(c.dep_ in ("dobj", "ccomp", "xcomp") or (
                    c.dep_ == "prep" and c.lower_ in ("at", "before", "about", "of", "in", "during", "after", "against"))
                    for c in token.children)
            ):
                continue  # "A and B spoke by phone" is a call; "she spoke at the rally" is not
            out.append((token, MEETING_VERBS[lemma]))
        elif token.pos_ == "NOUN" and (token.lower_ == "exchange" or token.lower_ == "exchanges" and any(
                c.dep_ == "prep" and c.lower_ == "with" for c in token.children)) and _exchange_of_views(token):
            out.append((token, "meeting"))  # "had a brief exchange with X"
        elif token.pos_ == "VERB" and _phrasal_contact(token):
            out.append((token, "meeting"))  # "sat down with", "came face to face with"
        elif token.pos_ in ("NOUN", "PROPN") and token.lower_ in ("conference", "link", "session", "bridge") and any(
                c.lower_ in REMOTE_WORDS for c in token.lefts):
            # "a video conference", "a video link", "a telephone conference": a remote contact
            kind = "phone_call" if any(c.lower_ in ("telephone", "phone") for c in token.lefts) else "video_call"
            out.append((token, kind))
        elif token.lower_ in ("tête", "tete") and token.i + 2 < len(token.doc) and token.doc[token.i + 1].text == "-" \
                and token.doc[token.i + 2].lower_ in ("à", "a"):
            out.append((token, "meeting"))  # "tête-à-tête", which the tokenizer splits at the hyphens
        elif token.pos_ in ("NOUN", "PROPN") and token.lower_ in MEETING_NOUNS:
            if any(a.lower_ in ("sidelines", "margins") for a in token.ancestors):
                continue  # "on the sidelines of the SCO summit": where they met, not a meeting of its own
            out.append((token, MEETING_NOUNS[token.lower_]))
    return out


def _for_a_while(verb: Token) -> bool:
    """"spoke for an hour", "talked for 90 minutes": a duration of the talking itself."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        g.lower_ in ("hour", "hours", "minutes", "minute") for g in c.subtree) for c in verb.children)


def _bare_participle(token: Token) -> bool:
    """"Speaking after talks with B, A said": a participle clause without a subject of its own."""
    return token.dep_ in ("advcl", "pcomp") and token.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def _twice(trigger: Token) -> bool:
    """"X phoned Y twice", "met two times": the verb reports two contacts."""
    if trigger.pos_ != "VERB":
        return False
    for child in trigger.children:
        if child.lower_ == "twice" and child.dep_ in ("advmod", "npadvmod"):
            return True
        if child.lower_ == "times" and any(g.lower_ in ("two", "2") for g in child.children):
            return True
    return False


def _exchange_of_views(noun: Token) -> bool:
    """"a brief exchange with X", "an exchange of views with X" -- not a prisoner exchange, an exchange of
    fire or an exchange rate."""
    if any(c.dep_ in ("compound", "nmod") for c in noun.children) or noun.dep_ == "compound":
        return False
    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if of and not all(g.lower_ in ("views", "opinions", "words", "greetings") for g in of):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in noun.children) or (
        noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in ("have", "hold")
        and (bool(of) or any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.head.children)))


def _phrasal_contact(verb: Token) -> bool:
    """"sat down with X", "came face to face with X": a verb that reports a contact only with its particle."""
    lemma = verb.lemma_.lower()
    if lemma == "sit":
        return any(c.lower_ == "down" and c.dep_ in ("prt", "advmod", "prep") for c in verb.children) and bool(
            _phrasal_withs(verb))
    if lemma in ("come", "meet"):
        following = verb.doc[verb.i + 1 : verb.i + 5].text.lower().replace("-", " ")
        return following.startswith("face to face with") and bool(_phrasal_withs(verb))
    return False


def _phrasal_withs(verb: Token) -> list[Token]:
    """The "with" phrases of a phrasal contact verb, wherever the parser hangs them in the phrase."""
    return [t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "with"
            and (t.head.i == verb.i or t.head.lower_ in ("face", "down")
                 or (t.head.lower_ in ("phone", "telephone") and t.head.head.head.i == verb.i))]


def _callee(token: Token) -> Token | None:
    """The person "call" takes as its object (the parser may read "called President X" as a predicate)."""
    for child in token.children:
        if child.dep_ in ("dobj", "oprd"):
            mention = actor_at(token.doc, child.i)
            info = token.doc._.cq_actors.get(mention.actor) if mention is not None else None
            if info is not None and info.kind in ("person", "country", "organization", "group"):
                return child
    return None


def _calls_someone(token: Token) -> bool:
    """"X called Y (on Tuesday) (to explain ...)" is a call; "called for", "called on Y to", "called
    off", "called it a mistake", "called Y a liar" are not."""
    children = list(token.children)
    if any(c.lower_ in ("for", "off") and c.dep_ in ("prep", "prt") for c in children):
        return False
    for c in children:
        if c.lower_ in ("on", "upon") and c.dep_ in ("prep", "prt"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None or pobj.ent_type_ not in ("DATE", "TIME"):
                return False
    if any(c.dep_ == "ccomp" for c in children):
        return False
    callee = _callee(token)
    if callee is None:
        return False
    return not any(c.dep_ in ("oprd", "acomp") and c.i != callee.i for c in children)


def _calls_on(token: Token) -> bool:
    """"X called on President Y" (paid a courtesy visit), not "X called on Y to stop"."""
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in ("on", "upon"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is None and child.dep_ == "prt":
                pobj = next((g for g in token.children if g.dep_ == "dobj"), None)
            if pobj is None or actor_at(token.doc, pobj.i) is None:
                return False
            info = token.doc._.cq_actors.get(actor_at(token.doc, pobj.i).actor)  # type: ignore[union-attr]
            return info is not None and info.kind == "person" and not any(
                c.dep_ in ("xcomp", "ccomp") for c in [*token.children, *pobj.children])
    return False


def _informal_part(trigger: Token) -> bool:
    """A meal, walk or tête-à-tête is a part of its own beside the talks, except where it is what the
    contact verb reports ("met for an informal dinner", "hosted X over lunch": one contact)."""
    if not (trigger.lower_ in INFORMAL_NOUNS or trigger.lower_ in ("tête", "tete")):
        return False
    prep = trigger.head if trigger.dep_ == "pobj" else None
    return not (prep is not None and prep.lower_ in ("for", "over", "at") and prep.head.pos_ == "VERB"
                and prep.head.lemma_.lower() in MEETING_VERBS)


def _group_object(trigger: Token) -> bool:
    """"sat down with the presidents of A and B": people named as one group meet together, not in pairs
    (but "held meetings with his counterparts from A and B" are one meeting with each)."""
    if trigger.tag_ == "NNS":
        return False
    for child in trigger.children:
        words = [child] if child.dep_ == "dobj" else [g for g in child.children if g.dep_ == "pobj"] \
            if child.dep_ == "prep" and child.lower_ == "with" else []
        if any(w.tag_ == "NNS" and w.lower_ in GROUP_NOUNS for w in words):
            return True
    return False


def _habitual(trigger: Token) -> bool:
    """A present-tense verb with "regularly", "often", "usually": how things go, not one meeting."""
    if trigger.pos_ != "VERB" or trigger.tag_ not in ("VBP", "VBZ"):
        return False
    return any(c.lower_ in ("regularly", "often", "usually", "frequently", "routinely", "always", "sometimes")
               for c in trigger.children)


def _summit_is_the_news(trigger: Token) -> bool:
    """"The CIS summit opened", "leaders gathered for the NATO summit" -- not "rioting during a G8 summit"."""
    if trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT", "attr") or len(trigger.sent) <= 8:
        return True
    prep = trigger.head if trigger.dep_ == "pobj" else None
    return bool(prep is not None and prep.lower_ in ("at", "for", "to") and prep.head.lemma_.lower() in (
        "gather", "meet", "attend", "convene", "assemble", "arrive", "travel", "come", "go", "head"))
