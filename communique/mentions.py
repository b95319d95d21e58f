"""Mentions looked up by position: the mention covering a token, the mentions starting in a range.

Quotes, events and coding ask these questions once per quote, event or token. Scanning every
mention of the document for each question made long articles quadratic (issue 14), so an index is
built once per mention list and answers each question with a lookup or a binary search.

The index lives beside the ``Doc`` (not in ``doc.user_data``, so documents still serialise) and is
rebuilt when ``doc._.cq_mentions`` is another list or has changed length. Answers come in the
list's own order, as a scan of the list would give them.

Example::

    from communique.mentions import actor_at, mentions_starting
    mention = actor_at(doc, token.i)                        # the mention covering the token, or None
    people = mentions_starting(doc, sent.start, sent.end)   # mentions whose first token is in the sentence
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import MentionInfo


class MentionIndex:
    """Positions in one mention list by token covered, by first token and by first character."""

    def __init__(self, mentions: Sequence[MentionInfo], n_tokens: int) -> None:
        self.mentions = mentions
        self.size = len(mentions)
        # token -> position of the first mention in list order that covers it (-1: none)
        covering = [-1] * max([n_tokens, *(m.end for m in mentions)])
        for position in range(len(mentions) - 1, -1, -1):  # backwards, so that the earliest wins
            first, last = max(mentions[position].start, 0), max(mentions[position].end, 0)
            if last > first:
                covering[first:last] = [position] * (last - first)
        self._covering = covering
        # positions sorted by first token / first character; a stable sort keeps list order among equals
        self._by_token = sorted(range(len(mentions)), key=lambda p: mentions[p].start)
        self._token_keys = [mentions[p].start for p in self._by_token]
        self._by_char = sorted(range(len(mentions)), key=lambda p: mentions[p].start_char)
        self._char_keys = [mentions[p].start_char for p in self._by_char]
        self.by_country: dict[str, list[str]] | None = None  # filled by people_of_country
        self.texts: list[tuple[str, str]] | None = None  # filled by mention_texts

    def covering(self, start: int, end: int) -> MentionInfo | None:
        """The first mention (in list order) that overlaps tokens ``start:end``."""
        if end <= start:  # no token in the range: only a mention reaching across both ends overlaps it
            return next((m for m in self.mentions if m.start < end and start < m.end), None)
        found = [p for p in self._covering[max(start, 0) : max(end, 0)] if p >= 0]
        return self.mentions[min(found)] if found else None

    def before(self, end: int) -> Iterator[MentionInfo]:
        """The mentions whose first token is before ``end``, the latest first."""
        for k in range(bisect.bisect_left(self._token_keys, end) - 1, -1, -1):
            yield self.mentions[self._by_token[k]]

    def starting(self, start: int, end: int, *, chars: bool = False) -> list[int]:
        """Positions, in list order, of the mentions whose first token (or character) is in ``start:end``."""
        keys, order = (self._char_keys, self._by_char) if chars else (self._token_keys, self._by_token)
        return sorted(order[bisect.bisect_left(keys, start) : bisect.bisect_left(keys, end)])


_INDEXES: weakref.WeakKeyDictionary[Doc, MentionIndex] = weakref.WeakKeyDictionary()


def mention_index(doc: Doc) -> MentionIndex:
    """The index of ``doc._.cq_mentions`` as it is now (built on first use, kept while it holds)."""
    mentions = doc._.cq_mentions or []
    index = _INDEXES.get(doc)
    if index is None or index.mentions is not mentions or index.size != len(mentions):
        index = _INDEXES[doc] = MentionIndex(mentions, len(doc))
    return index


def actor_at(doc: Doc, start: int, end: int | None = None) -> MentionInfo | None:
    """The mention covering token ``start`` (or the first overlapping tokens ``start:end``)."""
    return mention_index(doc).covering(start, start + 1 if end is None else end)


def mentions_starting(doc: Doc, start: int, end: int, *, chars: bool = False) -> list[MentionInfo]:
    """The mentions, in list order, whose first token (or with ``chars``, character) is in ``start:end``."""
    index = mention_index(doc)
    return [index.mentions[p] for p in index.starting(start, end, chars=chars)]


def mentions_before(doc: Doc, end: int) -> Iterator[MentionInfo]:
    """The mentions whose first token is before token ``end``, the latest first (read lazily)."""
    return mention_index(doc).before(end)


def people_of_country(doc: Doc, country: str) -> list[str]:
    """The people of a country (ISO3) the document mentions, in order of first mention; one pass per
    document for every question (issue 14: events asked it once per event)."""
    index = mention_index(doc)
    if index.by_country is None:
        actors = doc._.cq_actors or {}
        found: dict[str, dict[str, None]] = {}
        for mention in index.mentions:
            info = actors.get(mention.actor)
            if info is not None and info.kind == "person" and info.country:
                found.setdefault(info.country, {})[mention.actor] = None
        index.by_country = {iso3: list(people) for iso3, people in found.items()}
    return index.by_country.get(country, [])


def mention_texts(doc: Doc) -> list[tuple[str, str]]:
    """Each distinct (text, actor) of the document's mentions, in order of first mention."""
    index = mention_index(doc)
    if index.texts is None:
        index.texts = list(dict.fromkeys((m.text, m.actor) for m in index.mentions))
    return index.texts
