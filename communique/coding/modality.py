"""Voice and modality of a coded act, read from the parse: passive, future or intended, conditional,
negated, existential (:mod:`communique.coding`)."""

from __future__ import annotations

from spacy.tokens import Token

from .words import ATTEMPT_HEADS, CONDITIONS, FUTURE_AUX, INTENT_HEADS


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _future(verb: Token) -> bool:
    """The act lies ahead: "will impose", "would send", "plans to send", "is prepared to lift"."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_HEADS:
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT_HEADS:
        return _future(verb.head)
    return verb.dep_ == "conj" and verb.head.pos_ == "VERB" and _future(verb.head) and not any(
        c.dep_ == "aux" for c in verb.children
    )


def _conditional(verb: Token) -> bool:
    """The act is a condition, not an event: "... unless the president agrees to step down", "if Iraq
    refuses to comply", "until they gain control"."""
    token = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "conj", "ccomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _existential(verb: Token) -> Token | None:
    """The noun a participle tells of in "there were ten soldiers killed", "there have been civilians
    wounded by X" (the tagger may read the participle as a past tense): the one acted on."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or noun.dep_ not in ("attr", "nsubj"):
        return None
    return noun if any(c.dep_ == "expl" for c in noun.head.children) else None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
