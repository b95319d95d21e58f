"""Character and token helpers shared by the quote rules: the text, lemmas, lines and paragraphs, and
the bookkeeping of content already taken by a quote."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..actors import MentionInfo
from ..mentions import mentions_starting
from .lexicon import CUE_LEMMAS


# every character that opens or closes a quotation
_QUOTE_CHARS = set("\"“”«»„‹›〝〞'‘’")


def _lemma(token: Token) -> str:
    """The token's lemma, mended where the tagger's lemmatizer cuts a cue word short ("hopes" -> "hop")."""
    lemma = token.lemma_.lower()
    if lemma not in CUE_LEMMAS and lemma + "e" in CUE_LEMMAS:
        form = token.lower_
        if form.startswith(lemma + "e") or form == lemma + "ing":
            return lemma + "e"
    return lemma


def _line_end(text: str, start: int) -> int:
    """Where the line holding ``start`` ends: its newline, or the end of the text."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _paragraph_end(text: str, start: int) -> int:
    end = _line_end(text, start)
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos = stop + 1
    return out


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return end


def _token_range(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    tokens.sort(key=lambda t: t.i)
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _claim(tokens: list[Token], taken: list[tuple[int, int]], minimum: int = 8) -> tuple[int, int] | None:
    """The character range of content tokens, if it is long enough and no other quote has it."""
    found = _token_range(tokens)
    if found is None or not _free(found[0], found[1], taken, minimum):
        return None
    return found


def _free(start: int, end: int, taken: list[tuple[int, int]], minimum: int = 8) -> bool:
    """Content long enough to be a statement and not yet claimed by another quote."""
    return end - start >= minimum and not any(s < end and start < e for s, e in taken)


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in spans)


def _spoken_for(token: Token, voiced: list[bool], taken: list[tuple[int, int]]) -> bool:
    """The cue stands in words already someone's (a turn, quotation marks) or inside a quote already found."""
    return voiced[token.idx] or _inside(token.idx, taken)


def _cut_before_taken(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> int:
    """The end of reported content cut where a quotation already attributed begins inside it
    ("told the audience that she believes ..., saying that “race still matters”")."""
    inside = [s for s, e in taken if start + 8 < s < end]
    if not inside:
        return end
    cut = _strip_end(text, start, min(inside) - (1 if text[min(inside) - 1 : min(inside)] in _QUOTE_CHARS else 0))
    if not re.search(r"[,;—–]", text[cut : min(inside)]):
        return end  # 'said that the meeting was "at his request"': one mixed quote, not a stub before it
    return cut


def _persons_in(doc: Doc, start: int, end: int) -> list[MentionInfo]:
    """The mentions of people (not pronouns) that start within tokens ``start``..``end``."""
    return [m for m in mentions_starting(doc, start, end) if m.via != "pronoun"
            and doc._.cq_actors[m.actor].kind == "person"]


def _distance(token: Token, span: Span) -> int:
    if token.i < span.start:
        return span.start - token.i
    return token.i - span.end + 1


def _in_subtree(span: Span, head: Token) -> bool:
    return any(head in t.ancestors or t == head for t in span)
