"""The record of one attributed quote, and what every rule fills in it the same way.

``_info`` makes a ``QuoteInfo`` from a rule's finding: it trims a trailing comma off the content,
takes the cue's lemma, the target of a praising or criticising cue and the actors the quote is
``about``. ``_dedupe`` keeps one quote per statement of a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors import actor_at
from ..doctext import doc_text
from ..mentions import mention_index
from .lexicon import CRITICISM, PRAISE
from .text import _lemma


@dataclass
class QuoteInfo:
    start_char: int
    end_char: int
    direct: bool
    rule: str
    cue: str | None
    speaker: str | None
    speaker_mention: tuple[int, int] | None
    about: list[str] = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)
    cue_lemma: str | None = None
    target: str | None = None  # the object of a praising or criticising cue


def _info(
    doc: Doc, content: tuple[int, int], direct: bool, rule: str, cue: Token, speaker: str | None,
    mention: tuple[int, int] | None, evidence: tuple[int, int], cue_text: str | None = None,
) -> QuoteInfo:
    start, end = content
    while end > start and doc_text(doc)[end - 1] in ", ":
        end -= 1  # '"We are ready," she said': the comma belongs to the sentence, not the quote
    content = (start, end)
    text = cue_text or cue.text
    if _lemma(cue) == "point" and any(c.lower_ == "out" for c in cue.children):
        text = f"{cue.text} out"
    target = None
    if _lemma(cue) in PRAISE | CRITICISM:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            found = actor_at(doc, obj.i)
            target = found.actor if found else None
    about = _about(doc, content, cue, speaker)
    if target and target not in about:
        about.insert(0, target)
    return QuoteInfo(content[0], content[1], direct, rule, text, speaker, mention, about, evidence,
                     _lemma(cue), target)


def _about(doc: Doc, content: tuple[int, int], cue: Token, speaker: str | None) -> list[str]:
    """Actors named in the quote, or as the object of its cue ("praised him as ...")."""
    about: list[str] = []
    objects: set[int] = set()
    for child in cue.children:
        if child.dep_ in ("dobj", "dative", "prep", "attr"):
            objects.update(t.i for t in child.subtree)
    # the mentions starting in the quote or on an object's word, in document order (issue 14: a
    # scan of every mention per quote made long articles quadratic)
    index = mention_index(doc)
    found = set(index.starting(*content, chars=True))
    for i in objects:
        found.update(index.starting(i, i + 1))
    for mention in (index.mentions[p] for p in sorted(found)):
        actor = doc._.cq_actors.get(mention.actor)
        if mention.actor == speaker or actor is None or mention.actor in about:
            continue
        if actor.kind in ("person", "country", "organization"):
            about.append(mention.actor)
    return about


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _dedupe(doc: Doc, quotes: list[QuoteInfo]) -> list[QuoteInfo]:
    """One quote per statement: a later quote of the same speaker repeating an earlier one is dropped."""
    kept: list[QuoteInfo] = []
    for quote in quotes:
        words = _norm(doc_text(doc)[quote.start_char : quote.end_char])
        duplicate = False
        for other in kept:
            if other.speaker != quote.speaker or other.speaker is None:
                continue
            if (quote.start_char < other.end_char and other.start_char < quote.end_char) or (
                words and words in _norm(doc_text(doc)[other.start_char : other.end_char])
            ):
                duplicate = True
                break
        if not duplicate:
            kept.append(quote)
    return kept
