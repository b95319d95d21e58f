"""What a quote rule finds, and the character helpers the rules share."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .speaker import Speaker

#: characters trimmed off the ends of quoted content: «…», — the comma stands for a full stop
_TRIM_END = " \n\t,;:—–-"
_TRIM_START = " \n\t—–-:,"
#: quotation marks: each opening mark and the mark that closes it
CLOSING = {"«": "»", "„": "“", "“": "”", '"': '"'}
_BEYOND = 1 << 62  # sorts after every end offset


@dataclass(frozen=True)
class Found:
    """One rule's finding: the quoted words (characters), how they are given and who gives them."""

    start: int
    end: int
    direct: bool
    rule: str
    cue: str | None
    cue_lemma: str | None
    speaker: Speaker
    evidence: tuple[int, int]


@dataclass
class Taken:
    """Bookkeeping across rules: cues already used and characters inside quotation marks."""

    cues: set[int] = field(default_factory=set)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # in text order, never overlapping

    def inside_quote(self, char: int) -> bool:
        n = bisect_right(self.quoted, (char, _BEYOND)) - 1
        return n >= 0 and self.quoted[n][0] <= char < self.quoted[n][1]


def trim(text: str, start: int, end: int, *, keep_stop: bool = False) -> tuple[int, int]:
    """Content without surrounding spaces, dashes and the comma that ends it; reported content also
    loses its full stop (a direct quote keeps a stop written inside the marks)."""
    while start < end and text[start] in _TRIM_START:
        start += 1
    strip = _TRIM_END if keep_stop else _TRIM_END + "."
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def sentence_span(sent: Span) -> tuple[int, int]:
    """A sentence's characters without the line break that ends it."""
    text = sent.text
    return sent.start_char, sent.start_char + len(text.rstrip())


def token_at(doc: Doc, char: int) -> Token | None:
    """The token holding character ``char`` (or the next one)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span[0]
    return None
