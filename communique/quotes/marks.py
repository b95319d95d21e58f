"""Quotation marks: which characters open and close a quotation, paired paragraph by paragraph.

``quote_spans`` reads the plain text; ``quote_marks_component`` (registered as
``communique_quote_marks``) puts its spans on the ``Doc`` as tokens (``cq_quote_marks``, read by the
actor linker) and characters (``cq_quote_chars``, read by the quote finder).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..doctext import doc_text
from .text import _line_end


# opening marks and the marks that close them (straight double quotes are paired by position)
OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›", "〝": "〞"}


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:;,/" or i == 0) and not after.isspace()


def _is_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum() or i + 1 == len(text))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (open mark, close mark + 1) of top-level quotations in ``text``.

    Doubled apostrophes and backticks (''like this'', ``like this'') are double quotation marks
    written with two characters; a span then starts at the second character of the opening pair and
    ends after the first of the closing one, so the words inside stay exactly the quotation.
    """
    if "''" not in text and "``" not in text:
        return _quote_spans(text)
    marked = re.sub(r"''|``", '"\x01', text)
    spans = []
    for start, end in _quote_spans(marked):
        if marked[start] == '"' and start + 1 < len(marked) and marked[start + 1] == "\x01":
            start += 1
        spans.append((start, end))
    return spans


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closer: str | None = None
    para_start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            # A paragraph ends: an open quote continues only if the next paragraph reopens.
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and (text[j] in OPENERS or text[j] == '"'):
                    spans.append((open_at, i))
                    open_at = j
                    i = j + 1
                    continue
                if j < n and _closes_unopened(text, j, closer):
                    # a block quote whose paragraphs are not reopened: it still closes at the end
                    spans.append((open_at, i))
                    open_at = j - 1
                    i = j
                    continue
                open_at, closer = None, None
            para_start = i + 1
            i += 1
            continue
        if open_at is None:
            if ch in OPENERS:
                open_at, closer = i, OPENERS[ch]
            elif ch == '"' and _is_opening(text, i):
                open_at, closer = i, '"'
            elif ch == "”" and _is_opening(text, i) and i + 1 < n and text[i + 1].isalnum():
                open_at, closer = i, "”"  # a right mark typed where a left one belongs ('”We will win,” she said')
            elif ch in "‘'" and _is_opening(text, i) and (i == 0 or not text[i - 1].isalnum()):
                close = _single_close(text, i)
                if close is not None:
                    spans.append((i, close + 1))
                    i = close + 1
                    continue
        else:
            if ch == closer or (closer == "”" and ch == '"' and _is_closing(text, i)) or (
                closer == '"' and ch == "”"
            ):
                if closer != '"' or _is_closing(text, i) or not _is_opening(text, i):
                    spans.append((open_at, i + 1))
                    open_at, closer = None, None
                else:
                    # a straight mark that can only open: the earlier one was unbalanced
                    open_at = i
            elif ch in OPENERS and closer != "“":
                open_at, closer = i, OPENERS[ch]  # the earlier mark was never closed
        i += 1
    del para_start
    return spans


def _closes_unopened(text: str, start: int, closer: str | None) -> bool:
    """The paragraph at ``start`` ends with ``closer`` and opens no quotation of its own."""
    end = _line_end(text, start)
    para = text[start:end].rstrip()
    if len(para) < 2 or para[-1] not in (closer or "", '"', "”"):
        return False
    body = para[:-1]
    return not any(ch in OPENERS for ch in body) and not any(
        ch == '"' and _is_opening(text, start + k) for k, ch in enumerate(body)
    )


def _single_close(text: str, i: int) -> int | None:
    """The closing single mark of a single-quoted quotation opening at ``i`` (same paragraph)."""
    end = _line_end(text, i)
    for j in range(i + 1, min(end, i + 400)):
        if text[j] in "’'" and _is_closing(text, j) and not (j + 1 < len(text) and text[j + 1].isalpha()):
            if j > i + 1 and text[j - 1] in "sS" and j + 1 < len(text) and text[j + 1] == " " and text[j - 2].isalpha():
                # "the leaders' meeting": a plural possessive, keep looking
                if re.match(r"\s+[a-z]", text[j + 1 : j + 4]):
                    continue
            return j
    return None


def quote_marks_component(doc: Doc) -> Doc:
    marks = []
    for start, end in quote_spans(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            marks.append((span.start, span.end))
    doc._.cq_quote_marks = marks
    doc._.cq_quote_chars = quote_spans(doc_text(doc))
    return doc
