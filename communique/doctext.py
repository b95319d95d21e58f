"""A document's text, built once per document.

spaCy's ``Doc.text`` joins every token's text each time it is read: read once per record, rule or
line, it made our components quadratic on long texts (issue 14) and cost a few per cent on
articles. ``doc_text(doc)`` keeps the string in ``doc.user_data`` (a plain string, so documents
still pickle and cross ``nlp.pipe(n_process=...)``); a document's text never changes once made.

Example::

    text = doc_text(doc)
    before = text[max(0, span.start_char - 40):span.start_char]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

TEXT_KEY = "cq_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens on the first call only."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)
