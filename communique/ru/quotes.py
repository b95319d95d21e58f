"""Russian quotes (``communique_ru_quotes``): direct and reported speech with resolved speakers."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..quotes.attribution import QuoteInfo


class RussianQuotes:
    def __call__(self, doc: Doc) -> Doc:
        found: list[QuoteInfo] = []
        doc._.cq_quotes = found
        return doc


@Language.factory("communique_ru_quotes")
def make_ru_quotes(nlp: Language, name: str) -> RussianQuotes:
    return RussianQuotes()
