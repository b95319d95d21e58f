"""Direct speech: words in quotation marks («ёлочки», „лапки“, "straight") and dash-introduced
lines, attributed to the cue that follows («…», — сказал Путин) or precedes them (Путин заявил: «…»;
Путин: «…»).

A quotation broken by its cue («Мы готовы, — сказал он, — продолжать») gives two quotes of one
speaker, as a quotation resumed after its cue does in English. A quoted sentence standing alone right
after an attributed one continues it. Quoted words with no cue (names of residences, summits,
newspapers: «Ала-Арча») are not speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...doctext import doc_text
from ..entities import mention_at
from .finding import CLOSING, Found, Taken, sentence_span, token_at, trim
from .lexicon import speech
from .speaker import ANONYMOUS, Speaker, of_cue

_CLOSERS = frozenset(CLOSING.values())
#: between a closing mark and its cue: «…», — сказал; «…!» — воскликнул
_AFTER = re.compile(r"[ \t]*[,!?…]?[ \t]*(?:[—–]|(?<=[ ,])-(?= ))[ \t]*")
#: a cue inside a quotation: «Мы готовы, — сказал он, — продолжать»; «Мы готовы, — сказал он. — Продолжим»
_SPLIT = re.compile(r"([,.!?…])[ \t]+[—–][ \t]+([^—–«»\n]{1,120}?)[,.:][ \t]+[—–][ \t]+")
#: a line of speech opened by a dash
_DASH_LINE = re.compile(r"^[ \t]*[—–][ \t]+", re.M)
_DASH_CUE = re.compile(r"([,!?…])[ \t]+[—–][ \t]+")
#: how many words after the dash the cue may come («— отметил в свою очередь Песков»)
_CUE_WINDOW = 5


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The characters inside each outermost pair of quotation marks; a pair never spans lines.
    One pass with a stack of open marks: a mark left open (a typo) hides none of the pairs inside it."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(text):
        if char == "\n":
            stack.clear()
        elif stack and char == CLOSING[stack[-1][0]]:
            pairs.append((stack.pop()[1] + 1, i))
        elif char in _CLOSERS and any(CLOSING[mark] == char for mark, _ in stack):
            while CLOSING[stack[-1][0]] != char:  # marks opened inside and never closed are typos
                stack.pop()
            pairs.append((stack.pop()[1] + 1, i))
        elif char in CLOSING:
            stack.append((char, i))
    pairs.sort()
    outermost: list[tuple[int, int]] = []
    for start, end in pairs:
        if not outermost or start >= outermost[-1][1]:
            outermost.append((start, end))
    return outermost


def find(doc: Doc, taken: Taken) -> list[Found]:
    """Every attributed quotation and dash line of the document."""
    text = doc_text(doc)
    found: list[Found] = []
    previous: tuple[Found, Span] | None = None
    for start, end in quoted_spans(text):
        taken.quoted.append((start - 1, end + 1))
        first, last = token_at(doc, start - 1), token_at(doc, end)
        if first is None or last is None:
            continue
        evidence = (sentence_span(first.sent)[0], sentence_span(last.sent)[1])
        quotes = _attributed(doc, text, start, end, first.sent, last.sent, evidence, taken)
        if not quotes and previous is not None:
            quotes = _continuation(text, start, end, first.sent, evidence, *previous)
        if quotes:
            found.extend(q for q in quotes if not q.speaker.anonymous and q.end > q.start)
            previous = (quotes[-1], last.sent)
    found.extend(_dash_lines(doc, text, taken))
    return found


def _attributed(
    doc: Doc, text: str, start: int, end: int, first: Span, last: Span, evidence: tuple[int, int], taken: Taken,
) -> list[Found]:
    cue = _cue_after(doc, end + 1, last)
    rule = "direct"
    if cue is None:
        cue = _cue_before(doc, text, start - 1, first)
        rule = "direct_colon"
    split = _SPLIT.search(text, start, end)
    if split is not None:
        inner = _cue_in(doc, split.start(2), split.end(2))
        if inner is not None:
            cue, rule = cue or inner, "direct_split"
            stop = split.start(1) + (0 if split.group(1) == "," else 1)  # «Мы готовы!» keeps its «!»
            speaker = of_cue(doc, inner)
            taken.cues.update({inner.i, cue.i})
            return [_found(text, start, stop, rule, inner, speaker, evidence),
                    _found(text, split.end(), end, rule, inner, speaker, evidence)]
    if cue is not None:
        taken.cues.add(cue.i)
        return [_found(text, start, end, rule, cue, of_cue(doc, cue), evidence)]
    label = _label_before(doc, text, start - 1, first)
    if label is not None:  # «Путин: «…»»: a speaker's label
        return [Found(*trim(text, start, end, keep_stop=True), True, "direct_label", None, None, label, evidence)]
    return []


def _found(text: str, start: int, end: int, rule: str, cue: Token, speaker: Speaker,
           evidence: tuple[int, int]) -> Found:
    start, end = trim(text, start, end, keep_stop=True)
    return Found(start, end, True, rule, cue.text, cue.lemma_, speaker, evidence)


def _cue_after(doc: Doc, char: int, sent: Span) -> Token | None:
    """The cue right after a closing mark and a dash: «…», — заявил …"""
    match = _AFTER.match(doc_text(doc), char)
    if match is None or not match.group(0).strip(" \t,!?…"):
        return None
    return _cue_in(doc, match.end(), sent.end_char)


def _cue_in(doc: Doc, start: int, end: int) -> Token | None:
    """The first speech cue among the first words from ``start`` (before ``end``)."""
    first = token_at(doc, start)
    if first is None:
        return None
    lexicon = speech()
    for token in doc[first.i : min(first.i + _CUE_WINDOW, len(doc))]:
        if token.idx >= end or token.text in ("«", "»", "\n"):
            break
        if lexicon.is_cue_word(token) or token.lemma_ in lexicon.citing:
            return token
    return None


def _colon_before(doc: Doc, text: str, opening: int, sent: Span) -> Token | None:
    """The colon that ends the words before an opening mark («… заявил: «…»»), or None."""
    before = text[sent.start_char : opening].rstrip()
    if not before.endswith(":"):
        return None
    return token_at(doc, sent.start_char + len(before) - 1)


def _cue_before(doc: Doc, text: str, opening: int, sent: Span) -> Token | None:
    """The cue of «X заявил: «…»»: a speech verb shortly before a colon that ends the words."""
    colon = _colon_before(doc, text, opening, sent)
    if colon is None:
        return None
    lexicon = speech()
    for token in reversed(doc[max(sent.start, colon.i - 8) : colon.i]):
        if lexicon.is_cue(token):
            return token
    return None


def _label_before(doc: Doc, text: str, opening: int, sent: Span) -> Speaker | None:
    """The speaker of «Путин: «…»»: a resolved name right before the colon that opens the words."""
    colon = _colon_before(doc, text, opening, sent)
    if colon is None or colon.i == 0:
        return None
    mention = mention_at(doc, colon.i - 1)
    if mention is None:
        return None
    return Speaker(mention.actor, (mention.start_char, mention.end_char))


def _continuation(text: str, start: int, end: int, sent: Span, evidence: tuple[int, int],
                  previous: Found, previous_sent: Span) -> list[Found]:
    """A quoted sentence standing alone right after an attributed quote is the same speaker's."""
    lead = text[sent.start_char : start - 1].strip(" \t—–")
    gap = text[previous_sent.end_char : sent.start_char]
    words = text[start:end].split()
    if lead or gap.count("\n") > 1 or len(words) < 3 or not words[0][:1].isupper():
        return []
    if previous.speaker.actor is None or sent.start < previous_sent.end - 1 or previous.speaker is ANONYMOUS:
        return []
    start, end = trim(text, start, end, keep_stop=True)
    return [Found(start, end, True, "direct_continuation", None, None, previous.speaker, evidence)]


def _dash_lines(doc: Doc, text: str, taken: Taken) -> list[Found]:
    """Speech on a line opened by a dash: «— Мы готовы к диалогу, — сказал министр», or after a
    line that announces it («Министр заявил:» / «— Мы готовы к диалогу»)."""
    found: list[Found] = []
    for line in _DASH_LINE.finditer(text):
        start = line.end()
        if taken.inside_quote(start):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        close = _DASH_CUE.search(text, start, line_end)
        cue = _cue_in(doc, close.end(), line_end) if close is not None else None
        if close is not None and cue is not None:
            stop = close.start(1) + (0 if close.group(1) == "," else 1)
            evidence = (line.start(), sentence_span(cue.sent)[1])
        else:
            colon = token_at(doc, max(0, len(text[: line.start()].rstrip()) - 1)) if line.start() else None
            cue = _cue_before(doc, text, line.start(), colon.sent) if colon is not None else None
            stop = line_end
            evidence = (colon.sent.start_char, line_end) if colon is not None else (start, line_end)
        if cue is None or cue.i in taken.cues:
            continue
        taken.cues.add(cue.i)
        speaker = of_cue(doc, cue)
        if not speaker.anonymous:
            found.append(_found(text, start, stop, "dash_line", cue, speaker, evidence))
    return found
