"""Praise and criticism between actors (PLOVER SUPPORT / ACCUSE, CAMEO 051 / 111 / 112), from
verbs ("X praised Y") and from the quotes that carry them."""

from __future__ import annotations

from spacy.tokens import Doc

from ..quotes import CRITICISM, PRAISE, _resolve_np
from .participants import _phrase_actor
from .record import CONFIDENCE, EventInfo


def stances(doc: Doc) -> list[EventInfo]:
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
                             participants=[source, target], confidence=CONFIDENCE["stance-verb"]))
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
                             participants=[quote.speaker, target], confidence=CONFIDENCE["stance-quote"]))
    return out
