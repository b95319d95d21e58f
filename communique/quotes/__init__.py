"""Quotes: who said what, direct or reported, with the cue and rule that attribute it.

Two components:

- ``communique_quote_marks`` (before actors) pairs quotation marks paragraph by paragraph and sets
  ``doc._.cq_quote_marks`` (token spans inside marks). Straight and curly double quotes,
  guillemets, „low-high“ quotes and opening single quotes are paired by their position (an
  opening mark follows a space, a closing one precedes one), so one unbalanced mark never hides
  the other quotes of a document; a paragraph left open continues when the next opens again.
- ``communique_quotes`` (after actors) attributes quoted spans (speech verbs, speech nouns with a
  possessor, "according to", a colon or a dash after a speaker, a continuation of the previous
  quote), transcript speaker labels ("PRESIDENT BIDEN:", "Q:"), block quotes after "X said:",
  and reported speech ("X said that ...", "X stressed ...", "according to X, ..."). Quoted phrases
  nobody is said to have said are scare quotes and are left out.

Every quote records its ``cue`` (the words that attribute it) and its ``rule``. The modules, by what
a reader looks for (each lists its rules):

- ``marks``: pairing quotation marks;
- ``direct``: whose words a quotation is (``verb``, ``verb-after``, ``verb-before``, ``noun``,
  ``according-to``, ``colon``, ``dash``, ``cue-after``, ``continuation``, ``as-quote``);
- ``paragraph``: whole paragraphs in one voice (``speaker-label``, ``block-quote``, ``remarks-page``,
  ``signed-statement``, ``headline``);
- ``reported``: reported speech, a table of rules (``reported``, ``addressee``, ``stated-by``, ``object``,
  ``sourceless``, ``appearance``, ``stance-object``, ``prep-object``, ``stance-adjective``, ``noun-clause``,
  ``according-to``, ``in-words``); ``clause``: what a cue verb reports;
- ``nominal``: nouns as cues (``noun-object``, ``light-verb``);
- ``speaker``: who speaks: the subject of a cue, the actor a noun phrase names, an office's holder;
- ``attribution``: the ``QuoteInfo`` record and what every rule fills in it (``about``, ``target``);
- ``lexicon``: the word lists; ``text``: character and token helpers.

Example::

    >>> from communique.extract import extract
    >>> [(q.rule, q.cue, q.text) for q in extract('"We will win," the mayor said.').quotes]
    [('verb', 'said', 'We will win')]
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..doctext import doc_text
from . import direct, nominal, paragraph
from .attribution import QuoteInfo, _dedupe
from .clause import _verb_like as _verb_like
from .lexicon import CRITICISM as CRITICISM
from .lexicon import PRAISE as PRAISE
from .marks import quote_marks_component, quote_spans
from .reported import reported
from .speaker import _resolve_np as _resolve_np

__all__ = ["QuoteFinder", "QuoteInfo", "make_quotes", "quote_marks_component", "quote_spans"]


class QuoteFinder:
    """The ``communique_quotes`` component: every quote of a parsed document, into ``doc._.cq_quotes``."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[QuoteInfo]:
        """The quotes of ``doc`` in text order. Whole paragraphs are attributed first, then quotation
        marks, then reported speech and nominal cues in what no quote has taken yet."""
        found: list[QuoteInfo] = []
        turns = paragraph.transcript_turns(doc)
        in_turn = [False] * (len(doc_text(doc)) + 1)
        for turn_start, turn_end, _label in turns:
            for k in range(turn_start, min(turn_end, len(in_turn))):
                in_turn[k] = True
        found.extend(paragraph.labelled(doc, turns))
        found.extend(paragraph.block_quotes(doc))
        found.extend(paragraph.headline(doc))
        if not turns:
            found.extend(paragraph.remarks_page(doc, found))
            found.extend(paragraph.signed_statement(doc, found))
        found.extend(direct.quoted(doc, in_turn))
        # words already in someone's voice: a speaker's turn, or inside quotation marks whoever said them
        # ('"I think we will win," a voter said': "I think" is not a second quote)
        voiced = list(in_turn)
        for start, end in doc._.cq_quote_chars:
            if len(doc_text(doc)[start:end].split()) >= 4:
                for k in range(start, min(end, len(voiced))):
                    voiced[k] = True
        found.extend(reported(doc, [(q.start_char, q.end_char) for q in found], voiced))
        found.extend(nominal.nominal(doc, [(q.start_char, q.end_char) for q in found], voiced))
        found.sort(key=lambda q: q.start_char)
        # contract v1.1: anonymous sources ("a senior official", "diplomatic sources") are no speaker at all
        return [q for q in _dedupe(doc, found) if not _anonymous(doc, q)]

    def set_annotations(self, doc: Doc, found: list[QuoteInfo]) -> None:
        doc._.cq_quotes = found


ANONYMOUS = re.compile(
    r"^(?:(?:an?|one|two|three|four|five|several|some|many|other|few)\s+)?(?:[\w.-]+\s+){0,3}?"
    r"(?:officials?|sources?|diplomats?|insiders?|aides?|person|people)"
    r"(?:\s+(?:familiar|close|briefed|with|who|in|from|at|of)\b.*)?$", re.I | re.S)


def _anonymous(doc: Doc, quote: QuoteInfo) -> bool:
    """Words an unnamed source speaks: "a senior official", "diplomatic sources", "people briefed on the
    talks" -- indefinite and naming nobody (a named official or "the official" named before still speaks)."""
    if quote.speaker_mention is None:
        return False
    words = doc_text(doc)[quote.speaker_mention[0] : quote.speaker_mention[1]].strip()
    if re.match(r"^(the|this|that|these|those|his|her|its|their|our)\b", words, re.I):
        return False  # "the official" named before
    return bool(ANONYMOUS.match(words))


Language.component("communique_quote_marks", assigns=["doc._.cq_quote_marks"], func=quote_marks_component)


@Language.factory(
    "communique_quotes",
    requires=["doc._.cq_mentions", "doc._.cq_quote_marks"],
    assigns=["doc._.cq_quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()
