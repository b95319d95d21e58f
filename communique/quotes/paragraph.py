"""Whole paragraphs in one voice, found from the layout of the page rather than a cue in a sentence.

Rules: ``speaker-label`` (transcript turns, "PRESIDENT BIDEN: ..."), ``block-quote`` ("X said:" and
paragraphs without marks), ``headline`` ("Graham: ..." as the title), ``remarks-page`` ("Remarks by
X" as the title) and ``signed-statement`` ("We, the G7 Foreign Ministers, ..."). Paragraphs of mere
greetings and thanks state nothing and are left out.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ..actors import ActorInfo, local_id
from ..doctext import doc_text
from .attribution import QuoteInfo
from .lexicon import COURTESY_WORDS, HEADLINE_SOURCES, LABEL_STOP, SOURCE_NOUNS, TITLE_WORDS
from .speaker import _speaker_of_verb
from .text import _lemma, _line_end, _paragraph_end, _paragraphs, _persons_in, _QUOTE_CHARS, _strip_end


# "PRESIDENT BIDEN:", "President of Russia Vladimir Putin:", "Q:" opening a line
_LABEL = re.compile(
    r"^[\"“]?(?P<label>[A-Z][\w.'’-]*\.?\s+(?:(?:[A-Z][\w.'’-]*\.?|of|the|for|and|de|von|van|al|bin)\s+){0,6}"
    r"[A-Z][\w.'’-]*|[A-Z][\w.'’-]*|Q|A)\s*:\s*(?=\S)",
    re.M,
)


def transcript_turns(doc: Doc) -> list[tuple[int, int, tuple[int, int]]]:
    """(content start, content end, label span) of each speaker turn in a transcript."""
    text = doc_text(doc)
    candidates = []
    labels = [m for m in _LABEL.finditer(text) if m.start() == 0 or text[m.start() - 1] == "\n"]
    openings = Counter(m.group("label") for m in labels)
    for match in labels:
        label = match.group("label")
        words = label.split()
        if words[0].lower().strip(".") in LABEL_STOP or len(words) > 8:
            continue
        is_person = False
        span = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
        if span is not None:
            is_person = bool(_persons_in(doc, span.start, span.end))
        if "'" in label or "’" in label:
            continue  # "Tokayev's Position: ..." is a heading, not a speaker
        rest = [w for w in re.findall(r"[\w-]+", label) if w.lower() not in TITLE_WORDS]
        if span is not None and is_person:
            covered = {t.i for m in doc._.cq_mentions if span.start <= m.start < span.end for t in doc[m.start : m.end]}
            rest = [t.text for t in span if t.i not in covered and t.lower_ not in TITLE_WORDS and t.is_alpha
                    and not doc._.cq_kb.place(t.text)] if doc._.cq_kb is not None else rest
        titled = any(w.lower() in TITLE_WORDS - {"of", "the", "state", "general"} for w in words)
        repeated = label.isupper() and len(label) > 2 and openings[label] >= 2  # "PENCE:" twice: a transcript
        if not ((is_person and not rest) or label in ("Q", "A", "Question", "Answer", "QUESTION", "ANSWER")
                or (label.isupper() and len(words) >= 2 and titled)
                or repeated):
            continue
        candidates.append((match.end(), match.start("label"), match.end("label")))
    turns = []
    for k, (content_start, lab_start, lab_end) in enumerate(candidates):
        end = candidates[k + 1][1] if k + 1 < len(candidates) else len(text)
        turns.append((content_start, end, (lab_start, lab_end)))
    if len(turns) == 1:
        label = text[turns[0][2][0] : turns[0][2][1]]
        if not (label.isupper() and len(label.split()) >= 2):
            return []  # "John McCain: Populist Anger ...": a headline, not a transcript
    return turns


def labelled(doc: Doc, turns: list[tuple[int, int, tuple[int, int]]]) -> list[QuoteInfo]:
    """The paragraphs of each transcript turn, in the voice of its speaker label (``speaker-label``);
    sets ``doc._.cq_turns`` (content start, end, speaker), which events read to tell whose "I" and
    "you" a turn has."""
    out: list[QuoteInfo] = []
    doc._.cq_turns = []
    interviewee = _interviewee(doc, turns[0][2][0]) if turns else None
    for start, end, (lab_start, lab_end) in turns:
        label = doc_text(doc)[lab_start:lab_end]
        span = doc.char_span(lab_start, lab_end, alignment_mode="expand")
        speaker = None
        if span is not None:
            people = [m for m in doc._.cq_mentions if span.start <= m.start < span.end]
            persons = [m for m in people if doc._.cq_actors[m.actor].kind == "person"]
            chosen = (persons or people or [None])[-1]
            speaker = chosen.actor if chosen else None
        if speaker is None and label.upper() in ("A", "ANSWER"):
            speaker = interviewee  # an interview's answers are the interviewee's words
        doc._.cq_turns.append((start, end, speaker))
        if speaker is None and label.upper() in ("Q", "QUESTION"):
            continue  # an unnamed interviewer's questions state nothing anyone can be held to
        for p_start, p_end in _paragraphs(doc_text(doc), start, end):
            if len(doc_text(doc)[p_start:p_end].split()) < 6 or _courtesy(doc_text(doc)[p_start:p_end]):
                continue  # "Thank you very much.", "Good afternoon! Welcome to Moscow." state nothing
            out.append(
                QuoteInfo(p_start, p_end, True, "speaker-label", label, speaker, (lab_start, lab_end),
                          evidence=(p_start, p_end))
            )
    return out


def _interviewee(doc: Doc, first_turn: int) -> str | None:
    """The one person an interview's introduction names before its first "Q:" ("Kazakh Foreign Minister
    Murat Nurtleu spoke to Steppe Wire ahead of the summit."), who gives its answers."""
    actors = doc._.cq_actors or {}
    named = [m for m in doc._.cq_mentions or [] if m.start_char < first_turn
             and getattr(actors.get(m.actor), "kind", None) == "person"]
    people = {m.actor for m in named}
    if len(people) > 1:
        # "X spoke to Steppe Wire", "Steppe Wire talked to X": the one the introduction is about speaks
        people = {m.actor for m in named if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")} or {
            m.actor for m in named if doc[m.end - 1].dep_ == "pobj" and doc[m.end - 1].head.lower_ in ("with", "to")}
    return people.pop() if len(people) == 1 else None


# "Name: words" as the title line; lower-case words only as connectors ("Trump camp: ...")
_HEADLINE = re.compile(r"^(?P<label>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|camp|campaign|poll|report|aides?|officials?))*)\s*:\s+(?P<content>\S.*)$")


def headline(doc: Doc) -> list[QuoteInfo]:
    """"Graham: Trump's rhetoric is destroying the party" as the title line (``headline``)."""
    text = doc_text(doc)
    line_end = _line_end(text, 0)
    match = _HEADLINE.match(text[:line_end])
    if match is None:
        return []
    label = match.group("label")
    words = label.split()
    if len(words) > 4 or words[0].lower().strip(".") in LABEL_STOP or label.isupper():
        return []
    span = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
    if span is None:
        return []
    people = _persons_in(doc, span.start, span.end)
    if not people and _lemma(span[-1]) not in SOURCE_NOUNS | HEADLINE_SOURCES:
        return []
    c_start = match.start("content")
    c_end = _strip_end(text, c_start, line_end)
    if len(text[c_start:c_end].split()) < 3:
        return []
    speaker = people[-1].actor if people else None
    return [QuoteInfo(c_start, c_end, False, "headline", ":", speaker, (match.start("label"), match.end("label")),
                      evidence=(0, line_end))]


# a page whose title says it holds one person's words
_REMARKS_TITLE = re.compile(
    r"^(?:Opening |Closing |Press |Introductory |Keynote )?(Remarks|Statement|Speech|Address|Op-ed|Article)\s+(?:by|of|from)\s", re.I
)


_FIRST_PERSON = re.compile(r"\b(I|we|We|our|Our|my|My|us|me)\b")


def remarks_page(doc: Doc, found: list[QuoteInfo]) -> list[QuoteInfo]:
    """"Remarks by X ..." as the title: the page's first-person paragraphs are X's own words (``remarks-page``)."""
    text = doc_text(doc)
    line_end = _line_end(text, 0)
    match = _REMARKS_TITLE.match(text[:line_end])
    if match is None:
        return []
    span = doc.char_span(match.end(1), line_end, alignment_mode="expand")
    if span is None:
        return []
    people = _persons_in(doc, span.start, span.end)
    if not people:
        return []
    speaker = people[0]
    taken = [(q.start_char, q.end_char) for q in found]
    out = []
    for p_start, p_end in _paragraphs(text, line_end, len(text)):
        para = text[p_start:p_end]
        if (len(para.split()) < 8 or not _FIRST_PERSON.search(para) or _courtesy(para)
                or any(s < p_end and p_start < e for s, e in taken)):
            continue  # datelines, captions, greetings, and paragraphs that are not in the speaker's voice
        out.append(QuoteInfo(p_start, p_end, True, "remarks-page", match.group(1), speaker.actor,
                             (speaker.start_char, speaker.end_char), evidence=(p_start, p_end)))
    return out


_SIGNED = re.compile(r"(?m)^\s*We,\s+(?P<who>(?:the\s+)?[A-Z][^\n]{2,400}?),\s+(?=(?!the\b|and\b|an?\b|of\b)[a-z]+\b)")


def signed_statement(doc: Doc, found: list[QuoteInfo]) -> list[QuoteInfo]:
    """"We, the G7 Foreign Ministers of ..., condemn ...": a statement in its signatories' voice
    (``signed-statement``); signatories the text does not name as one actor become a local group."""
    text = doc_text(doc)
    match = _SIGNED.search(text)
    if match is None:
        return []
    name = re.sub(r"\s+of\s+.*$", "", match.group("who")).strip()
    name = re.sub(r"^(the|The)\s+", "", name)
    span = doc.char_span(match.start("who"), match.end("who"), alignment_mode="expand")
    people = [m for m in doc._.cq_mentions if span is not None and span.start <= m.start < span.end]
    actor_id = local_id(name, "group")
    if not people or len({m.actor for m in people}) > 1 or doc._.cq_actors[people[0].actor].kind == "country":
        doc._.cq_actors.setdefault(actor_id, ActorInfo(actor_id, name, "group", None, None, known=False))
    else:
        actor_id = people[0].actor
    who = (match.start("who"), match.end("who"))
    taken = [(q.start_char, q.end_char) for q in found]
    out = [QuoteInfo(match.end(), _paragraph_end(text, match.end()), True, "signed-statement", "We",
                     actor_id, who, evidence=(match.start(), _paragraph_end(text, match.end())))]
    for p_start, p_end in _paragraphs(text, out[0].end_char, len(text)):
        para = text[p_start:p_end]
        if len(para.split()) < 8 or any(s < p_end and p_start < e for s, e in taken):
            continue
        out.append(QuoteInfo(p_start, p_end, True, "signed-statement", "We", actor_id, who, evidence=(p_start, p_end)))
    return out


_BLOCK_CUE = re.compile(r"\b(said|says|added|stated|commented|remarked)\s*:\s*\n")


def block_quotes(doc: Doc) -> list[QuoteInfo]:
    """"X said:" followed by paragraphs without quotation marks, as GOV.UK prints them (``block-quote``)."""
    out: list[QuoteInfo] = []
    text = doc_text(doc)
    # find the cue first, then its line: a prefix pattern retried at every character costs 6% of the run
    for match in _BLOCK_CUE.finditer(text):
        line_start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 200)
        if match.start() - line_start < 3:
            continue
        span = doc.char_span(line_start, match.end(1), alignment_mode="expand")
        if span is None:
            continue
        verb = next((t for t in span if t.text == match.group(1)), None)
        if verb is None:
            continue
        speaker, mention = _speaker_of_verb(doc, verb)
        if speaker is None and mention is None:
            continue
        pos = match.end()
        taken = 0
        for p_start, p_end in _paragraphs(text, pos, len(text)):
            para = text[p_start:p_end]
            if taken >= 4 or not para.strip() or para.lstrip()[:1] in _QUOTE_CHARS or _LABEL.match(para):
                break
            if taken and not re.search(r"\b(I|we|We|our|Our|my|My|us)\b", para):
                break
            out.append(QuoteInfo(p_start, p_end, True, "block-quote", match.group(1), speaker, mention,
                                 evidence=(line_start, p_end)))
            taken += 1
    return out


def _courtesy(paragraph: str) -> bool:
    """A paragraph of greetings and thanks only ("Good afternoon! I am pleased to welcome you to Moscow.").

    Capitalised words other than at a sentence start (names, places, titles) are allowed in it.
    """
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph.strip()):
        words = re.findall(r"[\w'’]+", sentence)
        for k, word in enumerate(words):
            if word.lower().replace("’", "'") in COURTESY_WORDS:
                continue
            if k > 0 and word[:1].isupper():
                continue
            return False
    return True
