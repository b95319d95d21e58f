"""Russian meetings (``communique_ru_events``): held, planned and cancelled contacts."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events import EventInfo


class RussianEvents:
    def __call__(self, doc: Doc) -> Doc:
        found: list[EventInfo] = []
        doc._.cq_events = found
        return doc


@Language.factory("communique_ru_events")
def make_ru_events(nlp: Language, name: str) -> RussianEvents:
    return RussianEvents()
