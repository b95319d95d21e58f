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
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ...quotes.attribution import QuoteInfo
from . import direct, reported
from .finding import Found, Taken, token_at
from .speaker import Speaker

#: pronouns by the gender of the person they stand for
_PRONOUNS = {"он": "male", "его": "male", "него": "male", "она": "female", "её": "female", "ее": "female",
             "нее": "female", "неё": "female"}

__all__ = ["RussianQuotes", "find"]


def find(doc: Doc) -> list[Found]:
    """Every attributed statement of a Russian document, direct speech first, in text order."""
    taken = Taken()
    found = direct.find(doc, taken) + reported.find(doc, taken)
    found.sort(key=lambda f: (f.start, f.end))
    return _unique(_chain(doc, found))


def _chain(doc: Doc, found: list[Found]) -> list[Found]:
    """A speaker named by a pronoun or a bare title right after a quote is that quote's speaker:
    «…, сообщил Ушаков. По его словам, …», «…, — подчеркнул дипломат» (news names a speaker once,
    then keeps reporting them). The pronoun must agree in gender; a title only fills a speaker the
    entity layer left unresolved."""
    chained: list[Found] = []
    previous: tuple[Found, int] | None = None
    for quote in sorted(found, key=lambda f: f.evidence):
        sent = token_at(doc, quote.evidence[0])
        here = sent.sent.start if sent is not None else -1
        if previous is not None and quote.speaker.mention is not None and _follows(doc, previous[1], here):
            speaker = _carried(doc, quote.speaker, previous[0].speaker)
            if speaker is not None:
                quote = replace(quote, speaker=speaker)
        chained.append(quote)
        if quote.speaker.actor is not None and sent is not None:
            previous = (quote, sent.sent.start)
    return chained


def _follows(doc: Doc, before: int, here: int) -> bool:
    """Whether the sentence starting at token ``here`` is the one starting at ``before`` or the next."""
    if here == before:
        return True
    return here > before and doc[before].sent.end == here or (
        here > before and all(t.is_space for t in doc[doc[before].sent.end : here])
    )


def _carried(doc: Doc, speaker: Speaker, last: Speaker) -> Speaker | None:
    """The last speaker in place of this one, when this one is a pronoun of their gender or an
    unresolved title («дипломат», «министр»)."""
    actors = doc._.cq_actors or {}
    if last.actor is None or speaker.actor == last.actor or speaker.mention is None:
        return None
    last_actor = actors.get(last.actor)
    if last_actor is None or last_actor.kind != "person":
        return None
    word = token_at(doc, speaker.mention[0])
    if word is None:
        return None
    wanted = _PRONOUNS.get(word.lower_)
    if wanted is not None and word.pos_ in ("PRON", "DET"):
        return last if _gender(doc, last) in (wanted, None) else None
    if speaker.actor is None and word.pos_ == "NOUN" and "Anim" in word.morph.get("Animacy", []):
        return last
    return None


def _gender(doc: Doc, speaker: Speaker) -> str | None:
    """"male" / "female" for a person speaker: the knowledge base's, else the name's grammatical gender."""
    kb = doc._.cq_kb
    actor = kb.get(speaker.actor) if kb is not None and speaker.actor else None
    if actor is not None and actor.gender:
        return str(actor.gender)
    if speaker.mention is None:
        return None
    span = doc.char_span(*speaker.mention, alignment_mode="expand")
    genders = {g for t in span or () for g in t.morph.get("Gender", [])}
    return "female" if genders == {"Fem"} else "male" if "Masc" in genders else None


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


