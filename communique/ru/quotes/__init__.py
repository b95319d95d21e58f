"""Russian quotes (``communique_ru_quotes``): direct and reported speech with resolved speakers.

The component fills ``doc._.cq_quotes`` with the same ``QuoteInfo`` records as the English one:
the quoted words' characters (without «ёлочки» and without the comma that ends them), direct or
reported, the rule and cue that found them, the speaker's actor id and mention from the entity
layer, and the sentence as evidence. Rules live in ``direct`` (quotation marks, dash lines) and
``reported`` («заявил, что», «по словам», «как сообщила», «…, сообщили в Кремле»); the speaker of
a cue is chosen in ``speaker``; cue words are data (``data/ru/speech.json``).

Acts without content («поблагодарил», «поздравил», «призвал», «назвал документ историческим»),
anonymous sources («источник») and statements nobody makes («Стороны обсудили …») give no quote.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from ...quotes.attribution import QuoteInfo
from . import direct, reported
from .finding import Found, Taken

__all__ = ["RussianQuotes", "find"]


def find(doc: Doc) -> list[Found]:
    """Every attributed statement of a Russian document, direct speech first, in text order."""
    taken = Taken()
    found = direct.find(doc, taken) + reported.find(doc, taken)
    found.sort(key=lambda f: (f.start, f.end))
    return _unique(found)


def _unique(found: list[Found]) -> list[Found]:
    """One quote per statement of a speaker: a second rule finding overlapping words of the same
    speaker adds nothing (speech inside speech has two speakers and stays)."""
    kept: list[Found] = []
    for quote in found:
        if any(_who(other) == _who(quote) and other.start < quote.end and quote.start < other.end for other in kept):
            continue
        kept.append(quote)
    return kept


def _who(found: Found) -> object:
    """The speaker as far as it is known: its actor, else the words that name it."""
    return found.speaker.actor or found.speaker.mention


class RussianQuotes:
    """The ``communique_ru_quotes`` component."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find(doc))
        return doc

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        mentions = doc._.cq_mentions or []
        starts = [m.start_char for m in mentions]
        actors = doc._.cq_actors or {}
        quotes: list[QuoteInfo] = []
        for f in found:
            about: list[str] = []
            for mention in mentions[bisect_left(starts, f.start) :]:
                if mention.start_char >= f.end:
                    break
                actor = actors.get(mention.actor)
                if (actor is not None and actor.kind in ("person", "country", "organization")
                        and mention.actor != f.speaker.actor and mention.actor not in about):
                    about.append(mention.actor)
            quotes.append(QuoteInfo(
                f.start, f.end, f.direct, f.rule, f.cue, f.speaker.actor, f.speaker.mention, about,
                f.evidence, f.cue_lemma,
            ))
        doc._.cq_quotes = quotes


@Language.factory("communique_ru_quotes", requires=["doc._.cq_mentions"], assigns=["doc._.cq_quotes"])
def make_ru_quotes(nlp: Language, name: str) -> RussianQuotes:
    return RussianQuotes()


