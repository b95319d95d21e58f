"""The mention index (issue 14): lookups give what a scan of every mention gives, in list order."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from communique.actors import MentionInfo
from communique.mentions import actor_at, mention_index, mentions_starting
from communique.nlp import register_extensions

WORDS = "Prime Minister Ana Bell told Omar Said that the talks with Lina Dorn went well".split()


def _doc(mentions: list[MentionInfo]) -> Doc:
    register_extensions()
    doc = Doc(spacy.blank("en").vocab, words=WORDS)
    doc._.cq_mentions = mentions
    return doc


def _mention(doc_words: list[str], start: int, end: int, actor: str, via: str = "name") -> MentionInfo:
    start_char = sum(len(w) + 1 for w in doc_words[:start])
    text = " ".join(doc_words[start:end])
    return MentionInfo(start, end, actor, via, start_char, start_char + len(text), text)


BELL = _mention(WORDS, 2, 4, "Q1")             # "Ana Bell"
TITLE_BELL = _mention(WORDS, 0, 4, "Q1")       # "Prime Minister Ana Bell", overlapping BELL
SAID = _mention(WORDS, 5, 7, "L2")             # "Omar Said"
DORN = _mention(WORDS, 12, 14, "L3")           # "Lina Dorn"


def test_mentions_actor_at_finds_the_covering_mention() -> None:
    doc = _doc([BELL, SAID, DORN])
    assert actor_at(doc, 3) is BELL and actor_at(doc, 6) is SAID and actor_at(doc, 13) is DORN
    assert actor_at(doc, 4) is None and actor_at(doc, 0) is None and actor_at(doc, 99) is None
    assert actor_at(doc, 4, 6) is SAID  # a range: the first mention overlapping it


def test_mentions_overlapping_mentions_answer_in_list_order() -> None:
    # two mentions over "Ana Bell": the one earlier in the list wins, as in a scan of the list
    assert actor_at(_doc([TITLE_BELL, BELL]), 3) is TITLE_BELL
    assert actor_at(_doc([BELL, TITLE_BELL]), 3) is BELL
    assert mentions_starting(_doc([DORN, BELL, TITLE_BELL]), 0, 14) == [DORN, BELL, TITLE_BELL]


def test_mentions_starting_by_token_and_by_character() -> None:
    doc = _doc([BELL, SAID, DORN])
    assert mentions_starting(doc, 0, 6) == [BELL, SAID]     # "Omar Said" starts at token 5
    assert mentions_starting(doc, 3, 12) == [SAID]           # "Ana Bell" starts before token 3
    said_char = doc[5].idx
    assert mentions_starting(doc, said_char, said_char + 1, chars=True) == [SAID]
    assert mentions_starting(doc, said_char + 1, len(doc.text), chars=True) == [DORN]


def test_mentions_index_follows_a_new_or_longer_list() -> None:
    doc = _doc([BELL])
    assert actor_at(doc, 6) is None
    doc._.cq_mentions.append(SAID)  # the same list, grown
    assert actor_at(doc, 6) is SAID
    doc._.cq_mentions = [DORN]  # a component assigns its own list
    assert actor_at(doc, 6) is None and actor_at(doc, 12) is DORN


def test_mentions_index_is_built_once_per_list() -> None:
    doc = _doc([BELL, SAID])
    first = mention_index(doc)
    actor_at(doc, 3)
    mentions_starting(doc, 0, 10)
    assert mention_index(doc) is first


def test_mentions_document_without_mentions() -> None:
    doc = _doc([])
    doc._.cq_mentions = None
    assert actor_at(doc, 0) is None and mentions_starting(doc, 0, len(doc)) == []


@st.composite
def _mention_lists(draw: st.DrawFn) -> list[MentionInfo]:
    found = []
    for n in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, len(WORDS) - 1))
        end = draw(st.integers(start + 1, min(len(WORDS), start + 4)))
        found.append(_mention(WORDS, start, end, f"L{n}"))
    return found


@settings(max_examples=200, deadline=None)
@given(mentions=_mention_lists(), start=st.integers(-2, len(WORDS) + 2), width=st.integers(-2, 6),
       char_start=st.integers(-5, 80), char_width=st.integers(0, 40))
def test_mentions_lookups_equal_a_scan(mentions: list[MentionInfo], start: int, width: int, char_start: int,
                                       char_width: int) -> None:
    doc = _doc(mentions)
    end = start + width
    scan_at = next((m for m in mentions if m.start < end and start < m.end), None)
    assert actor_at(doc, start, end) is scan_at
    if width == 1:
        assert actor_at(doc, start) is scan_at
    assert mentions_starting(doc, start, end) == [m for m in mentions if start <= m.start < end]
    char_end = char_start + char_width
    assert mentions_starting(doc, char_start, char_end, chars=True) == [
        m for m in mentions if char_start <= m.start_char < char_end]
