"""Reported speech: statements without quotation marks, found from a cue, its content and its speaker.

The rules are rows of ``RULES``, each with a name (the ``rule`` its quotes record), a test of the cue
word, the content it reports (a character range, with the cue's words when they are more than the
cue word) and the test that finds who speaks. ``reported`` applies the rows in order, each over the
whole document, so content an earlier row (or a quotation) has taken is no later row's:

- ``reported``: a cue verb and its clause or infinitive ("X said that ...", "X stressed ...", "X wants
  to ...", "As X said, ...", "..., as a memo put it", "X said the same");
- ``addressee``: in a two-speaker transcript, the other speaker's words a turn reports ("Mr President,
  in 2001 you said that ...");
- ``stated-by``: "<statement>. This was stated by X at a briefing." (the sentence or clause before "this");
- ``object``: a cue whose object is a stance noun ("voiced concern over ...", "stressed the need for
  ...", "set out his ambition to ...");
- ``sourceless`` and ``appearance``: nobody named ("Asked whether ...", "X is expected to win", "the plan
  appears doomed"), except the subject of how someone came across ("the senator appeared to blame ...");
- ``stance-object``: what a subject backs, rejects, praises for or names ("backed the plan", "mocked X
  for ...", "called him a liar", "polls show a close race");
- ``prep-object``: what was spoken of ("talked about the economy", "called for an inquiry", "warned of a
  crisis");
- ``stance-adjective``: a stated stance ("is confident that ...", "are worried about ...");
- ``noun-clause``: a noun and its "that" clause ("her belief that ...", "voiced concern that ...");
- ``according-to`` and ``in-words``: a phrase naming the source ("according to X, ...", "in X's words,
  ...", "..., in the view of X").

A cue inside words already in someone's voice (a speaker's turn, quotation marks) or inside a quote
already found reports nothing, except "As you heard the President say, <clause>" in a turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..doctext import doc_text
from .attribution import QuoteInfo, _info
from .clause import _as_clause, _echo, _outer_cue, _put_it, _reported_clause, _verb_like
from .lexicon import (
    CLAUSE_NOUNS, CLAUSE_VERBS, CUE_LEMMAS, EVIDENCE_NOUNS, EVIDENCE_VERBS, INTENT_VERBS, JUDGING, NEEDS_COMPLEMENT,
    NO_SPEAKER, OBJECT_CUES, PASSIVE_CUES, PEOPLE_NOUNS, PERSON_ONLY, PREP_CUES, RAISING_CUES, SOURCE_NOUNS,
    SPEECH_VERBS, STANCE_ADJECTIVES, STANCE_NOUNS, STANCE_OBJECT_VERBS, TIME_WORDS, VIEW_NOUNS,
)
from .speaker import _np_words, _person_like, _possessor, _resolve_np, _source_like, _speaker_of_verb, _subject_of
from .text import _claim, _cut_before_taken, _free, _lemma, _spoken_for, _strip_end, _token_range

Speaker = tuple[str | None, tuple[int, int] | None]
Taken = list[tuple[int, int]]


@dataclass(frozen=True)
class Content:
    """What a cue reports: its character range, and what the row leaves to the cue it found."""

    span: tuple[int, int]
    cue_text: str | None = None  # the cue's words, when more than the cue word ("set out", "according to")
    rule: str | None = None  # a narrower name than the row's ("appearance", "in-words")
    source: Token | None = None  # the phrase naming the speaker, when the content test found it


@dataclass(frozen=True)
class Rule:
    """One kind of reported speech: how its cue, content and speaker are found."""

    name: str
    cue: Callable[[Token], bool]  # a cheap test of the cue word
    content: Callable[[Token, Taken, bool], Content | None]  # (cue, content taken so far, relayed in a turn)
    speaker: Callable[[Token, Content], Speaker | None]  # None: the cue names no one who could say it
    relays: Callable[[Token], bool] | None = None  # the cue gives someone else's words inside a speaker's turn


def reported(doc: Doc, taken: Taken, voiced: list[bool]) -> list[QuoteInfo]:
    """The reported speech of a document, row by row of ``RULES``; ``taken`` grows with what is found."""
    out: list[QuoteInfo] = []
    every = list(doc)  # one pass makes the Token objects; each rule walks them again
    for rule in RULES:
        for token in every:
            if not rule.cue(token):
                continue
            relayed = rule.relays is not None and voiced[token.idx] and rule.relays(token)
            if not relayed and _spoken_for(token, voiced, taken):
                continue
            found = rule.content(token, taken, relayed)
            who = rule.speaker(token, found) if found is not None else None
            if found is None or who is None:
                continue
            sent = token.sent
            out.append(_info(doc, found.span, False, found.rule or rule.name, token, who[0], who[1],
                             (sent.start_char, sent.end_char), cue_text=found.cue_text))
            taken.append(found.span)
    return out + _inner_speech(doc, out, taken)


def _holds_speech(clause: tuple[int, int], cue: Token, reporting: bool = False) -> bool:
    """The reported clause itself reports speech with a speaker of its own ("Erdogan told Putin that ...");
    with ``reporting``, only speech that reports a clause of its own (not "would welcome a tender")."""
    return any(c.dep_ == "ccomp" and any(_lemma(t) in SPEECH_VERBS and t.pos_ == "VERB" and _subject_of(t) is not None
                                         and clause[0] <= t.idx < clause[1]
                                         and (not reporting or any(g.dep_ == "ccomp" for g in t.children))
                                         for t in c.subtree)
               for c in cue.children)


def _only_inside(start: int, end: int, taken: Taken) -> bool:
    """Every quote that overlaps the range lies inside it and is shorter: speech inside speech."""
    overlapping = [(s, e) for s, e in taken if s < end and start < e]
    return bool(overlapping) and all(start <= s and e <= end and e - s < end - start for s, e in overlapping)


def _inner_speech(doc: Doc, found: list[QuoteInfo], taken: Taken) -> list[QuoteInfo]:
    """Speech reported inside reported speech gives a second quote (contract: "Erdogan told Zelensky
    that ..., the presidency said" is the presidency's statement and Erdogan's)."""
    out: list[QuoteInfo] = []
    for outer in found:
        if outer.rule not in ("reported", "according-to"):
            continue
        for token in doc.char_span(outer.start_char, outer.end_char, alignment_mode="expand") or ():
            if _lemma(token) not in SPEECH_VERBS or token.pos_ != "VERB" or _subject_of(token) is None:
                continue
            clause = _reported_clause(token)
            if clause is None or clause[1] - clause[0] < 8 or clause == (outer.start_char, outer.end_char):
                continue
            if any(q.start_char == clause[0] and q.end_char == clause[1] for q in found + out):
                continue
            speaker, mention = _speaker_of_verb(doc, token)
            if speaker is None or speaker == outer.speaker:
                continue
            sent = token.sent
            out.append(_info(doc, clause, False, "reported", token, speaker, mention, (sent.start_char, sent.end_char)))
            taken.append(clause)
    return out


def _named(who: Speaker) -> Speaker | None:
    """A speaker or at least the words naming one; None when neither."""
    return None if who == (None, None) else who


def _speaking_subject(cue: Token, _found: Content) -> Speaker | None:
    """The cue's subject, when it can speak ("the senator", "officials", "the report") and names someone."""
    if not _source_like(_subject_of(cue)):
        return None
    return _named(_speaker_of_verb(cue.doc, cue))


# -- reported: "X said that ...", "X wants to ...", "As X said, ..." ------------------------------------------
_REPORTING = SPEECH_VERBS | CLAUSE_VERBS | INTENT_VERBS


def _reporting_cue(token: Token) -> bool:
    return _verb_like(token) and (_lemma(token) in _REPORTING or _put_it(token))


def _as_relay(token: Token) -> bool:
    """ "As X said, <clause>" / "as X put it": the one cue that gives another's words in a speaker's turn."""
    return (_lemma(token) in SPEECH_VERBS or _put_it(token)) and _as_clause(token) is not None


def _clause_content(cue: Token, taken: Taken, relayed: bool) -> Content | None:
    if not relayed and not _as_relay(cue) and _outer_cue(cue) is not cue:
        return None  # "X said they believed ...": only the outer attribution is X's statement
    clause = _reported_clause(cue)
    echo = _echo(cue) if clause is None else None
    if clause is None and echo is None:
        return None
    c_start, c_end = clause or echo or (0, 0)
    marks = [(s, e) for s, e in (cue.doc._.cq_quote_chars or ())]
    # speech inside speech: "Lukashenko told Putin that preparations were "on track", it said" is the
    # presidency's statement around Lukashenko's; other quotation marks inside keep their own quote
    holds = clause is not None and _holds_speech(clause, cue, reporting=True)
    nested = clause is not None and (holds or (_only_inside(clause[0], clause[1], taken)
                                               and _free(clause[0], clause[1], marks, 0)))
    if clause is not None and not relayed and not nested:
        c_end = _cut_before_taken(doc_text(cue.doc), c_start, c_end, taken)
    if not (relayed and c_end - c_start >= 8) and not _free(c_start, c_end, taken, 2 if echo else 8) and not (
            nested and c_end - c_start >= 8 and _only_inside(c_start, c_end, taken)
            and (holds or _free(c_start, c_end, marks, 0))):
        return None
    return Content((c_start, c_end))


def _reporter(cue: Token, _found: Content) -> Speaker | None:
    who = _named(_speaker_of_verb(cue.doc, cue))
    if who is None:
        return None
    lemma = _lemma(cue)
    if who[0] is None and lemma not in SPEECH_VERBS and not _source_like(_subject_of(cue)):
        return None  # "the meeting indicated that ...": thought cues need someone to think
    if lemma not in SPEECH_VERBS and re.search(r"\baccording to\b", cue.sent.text, re.I):
        return None  # "Clinton plans to visit on Sunday, according to an aide": the aide is the source
    return who


# -- object: "expressed his thanks for ...", "raised concerns on ...", "stressed the need for ..." -------------
def _object_cue(token: Token) -> bool:
    lemma = _lemma(token)
    if token.pos_ != "VERB" or lemma not in OBJECT_CUES:
        return False
    return lemma != "set" or any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)


def _stance_noun_content(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or not ({_lemma(obj), obj.lower_} & STANCE_NOUNS):
        return None
    if any(t.lower_ in ("their", "our") and t.dep_ == "poss" for t in obj.lefts):
        return None  # "reaffirmed their support": said together
    # what the stance is about may hang on the verb: "expressed his thanks | for the support"
    tail = [c for c in cue.children if c.dep_ in ("prep", "xcomp") and c.i > obj.i
            and (c.dep_ == "xcomp" or c.lower_ in ("for", "on", "about", "over", "to", "regarding", "at"))]
    tokens = [t for c in [obj, *tail] for t in c.subtree]
    if len(tokens) < 4:
        return None
    c_start, c_end = _token_range(tokens) or (0, 0)
    if not _free(c_start, c_end, taken, minimum=12):
        return None
    return Content((c_start, c_end), cue_text=f"{cue.text} out" if _lemma(cue) == "set" else None)


def _own_subject(cue: Token, _found: Content) -> Speaker | None:
    speaker, mention = _speaker_of_verb(cue.doc, cue)
    if (speaker is None and mention is None) or (speaker is None and not _source_like(_subject_of(cue))):
        return None  # a joint subject ("the two leaders reaffirmed their support") is nobody's own words
    return speaker, mention


# -- sourceless: "Asked whether ...", "X is expected to win", "the team appeared paralyzed" ---------------
def _verb_or_aux(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _unsourced_content(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    found = _sourceless(cue)
    if found is None:
        return None
    tokens, cue_text = found
    rule = "sourceless"
    subject = _subject_of(cue)
    acts = [c for c in cue.children if c.dep_ == "xcomp" and _lemma(c) in CUE_LEMMAS]
    if acts and cue_text == cue.text and subject is not None and subject.dep_ == "nsubj" and (
            _person_like(cue.doc, subject) or _lemma(subject) in SOURCE_NOUNS | PEOPLE_NOUNS):
        # "the senator appeared to blame the staff": how she came across is hers to answer for
        tokens = [t for t in tokens if t not in subject.subtree]
        rule = "appearance"
    claimed = _claim(tokens, taken)
    return Content(claimed, cue_text=cue_text, rule=rule) if claimed is not None else None


def _appearing_subject(cue: Token, found: Content) -> Speaker | None:
    """The subject who appeared to say or do something; nobody for a sourceless cue."""
    return _speaker_of_verb(cue.doc, cue) if found.rule == "appearance" else (None, None)


def _sourceless(verb: Token) -> tuple[list[Token], str] | None:
    """An attribution that names nobody: a subjectless "Asked whether ...", a passive cue without
    an agent ("is expected to", "is seen as"), or "appears" ("the plan appears doomed")."""
    lemma = _lemma(verb)
    if verb.lower_ in ("appear", "appears", "appeared", "seem", "seems", "seemed"):
        lemma = "appear" if verb.lower_.startswith("appe") else "seem"  # as an auxiliary it keeps its inflection
    children = list(verb.children)
    if lemma == "ask" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in children):
        clause = next((c for c in children if c.dep_ in ("ccomp", "prep") and c.i > verb.i), None)
        if clause is not None and (clause.dep_ == "ccomp" or clause.lower_ == "about"):
            return [t for t in clause.subtree], verb.text
        return None
    if lemma in RAISING_CUES and verb.dep_ == "auxpass":
        # "the line appeared doomed", parsed as a passive: the subject and the participle
        head = verb.head
        subject = next((c for c in head.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if subject is None or subject.lower_ in NO_SPEAKER | {"it", "which", "that", "who"}:
            return None
        return [t for t in head.subtree if t.i != verb.i and (t.i > verb.i or t in subject.subtree)], verb.text
    subject = next((c for c in children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None or subject.lower_ in NO_SPEAKER | {"it", "which", "that", "who"}:
        return None
    if lemma in PASSIVE_CUES and subject.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in children):
        comp = [c for c in children if c.dep_ in ("xcomp", "oprd")
                or (c.dep_ == "prep" and (c.lower_ == "as" or (c.lower_ in ("of", "for", "over") and lemma not in
                                                                 ("expect", "believe", "think", "know", "see"))))]
        aux = [c for c in children if c.dep_ == "auxpass"]
        if comp and aux and comp[0].i > verb.i:
            return [t for c in [subject, *comp] for t in c.subtree], f"{aux[0].text} {verb.text}"
        return None
    if lemma in RAISING_CUES and subject.dep_ == "nsubj":
        comp = [c for c in children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") and c.i > verb.i]
        if comp:
            return [t for c in [subject, *comp] for t in c.subtree], verb.text
    return None


# -- stance-object: "backed the plan", "called him a liar", "sees the deal as a win" -------------------------
def _stance_cue(token: Token) -> bool:
    if token.pos_ != "VERB":
        return False
    lemma = _lemma(token)
    return lemma in STANCE_OBJECT_VERBS or (lemma in EVIDENCE_VERBS and _lemma(_subject_of(token) or token) in EVIDENCE_NOUNS)


def _stance_content(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    lemma = _lemma(cue)
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ in NO_SPEAKER | {"it", "that", "which", "what"}:
        return None
    tail = [c for c in cue.children if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp")
            or (c.dep_ == "prep" and c.lower_ in ("as", "for", "over", "of", "to", "with")
                and lemma in ("compare", "liken", "equate", "accuse", "blame", "link"))
            or (c.dep_ == "prep" and c.lower_ in ("as", "for", "over", "of")))]
    if lemma in NEEDS_COMPLEMENT and not (tail or any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in obj.children)):
        return None  # "called the embassy", "saw the museum": no stance
    if lemma == "call" and any(c.dep_ == "prt" for c in cue.children):
        return None  # "called off", "called up"
    if lemma in JUDGING and not tail:
        return None  # "condemned the attack": a stance (an event), not words; "mocked him for ..." says why
    claimed = _claim([t for c in [obj, *tail] for t in c.subtree], taken, minimum=0)
    return Content(claimed) if claimed is not None else None


def _judging_subject(cue: Token, found: Content) -> Speaker | None:
    if _lemma(cue) in PERSON_ONLY and not _person_like(cue.doc, _subject_of(cue)):
        return None  # "the army attacked the town": force, not words
    return _speaking_subject(cue, found)


# -- prep-object: "talked about the economy", "called for an inquiry", "warned of a crisis" -----------------
def _prep_cue(token: Token) -> bool:
    return token.pos_ == "VERB" and _lemma(token) in PREP_CUES


def _prep_content(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    preps = PREP_CUES[_lemma(cue)]
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in preps and c.i > cue.i), None)
    if prep is None:
        return None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None or obj.lower_ in NO_SPEAKER | {"it", "that", "which", "what", "them", "him", "her"}:
        return None
    if (obj.ent_type_ in ("DATE", "TIME") and prep.lower_ in ("on", "for", "at", "in")) or obj.lower_ in TIME_WORDS:
        return None  # "spoke on Sunday", "talked for an hour": when, not what
    claimed = _claim(list(obj.subtree), taken, minimum=3)
    return Content(claimed, cue_text=f"{cue.text} {prep.text}") if claimed is not None else None


# -- stance-adjective: "the mayor is confident that <clause>", "unions are worried about <topic>" -----------
def _stance_adjective(token: Token) -> bool:
    return token.pos_ == "ADJ" and token.dep_ == "acomp" and _lemma(token) in STANCE_ADJECTIVES


def _stance_topic(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    copula = cue.head
    complement = next((c for c in [*cue.children, *copula.children] if c.dep_ == "ccomp" and c.i > cue.i), None)
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "over", "on")), None)
    topic: Token | None = complement
    if topic is None and prep is not None:
        topic = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if topic is None:
        return None
    claimed = _claim(list(topic.subtree), taken, minimum=3)
    if claimed is None:
        return None
    cue_text = f"{copula.text} {cue.text}" + (f" {prep.text}" if complement is None and prep is not None else "")
    return Content(claimed, cue_text=cue_text)


def _copula_subject(cue: Token, _found: Content) -> Speaker | None:
    copula = cue.head
    subject = _subject_of(copula)
    if not _source_like(subject) or subject is None or subject.lower_ in ("i", "we", "you"):
        return None  # "we are certain that ...": the speaker's own framing, not a report of a stance
    return _named(_speaker_of_verb(cue.doc, copula))


# -- noun-clause: "X's belief that <clause>", "X voiced concern that <clause>" -------------------------------
def _clause_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and _lemma(token) in CLAUSE_NOUNS


def _that_clause(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    clause = next((c for c in cue.children if c.dep_ in ("acl", "ccomp", "relcl")
                   and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
    if clause is None:
        return None
    claimed = _claim(list(clause.subtree), taken)
    return Content(claimed) if claimed is not None else None


def _noun_holder(cue: Token, _found: Content) -> Speaker | None:
    """Whose the belief is: the noun's possessor or by/from phrase, else the subject of the verb it is
    the object of ("voiced concern that ...")."""
    doc = cue.doc
    speaker, mention = _possessor(doc, cue)
    if speaker is None and mention is None and cue.dep_ in ("dobj", "attr") and cue.head.pos_ == "VERB":
        speaker, mention = _speaker_of_verb(doc, cue.head)
    if speaker is None and mention is None:
        return None
    if speaker is None and not _source_like(next((c for c in cue.children if c.dep_ == "poss"), None)
                                            or _subject_of(cue.head)):
        return None
    return speaker, mention


# -- according-to, in-words: "according to X, <clause>", "in X's words, <clause>", "<clause>, in the view of X" --
def _source_phrase_start(token: Token) -> bool:
    return token.lower_ in ("according", "in")


def _phrase_content(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    """The clause a source phrase frames: after it when it opens its sentence or line or the longer
    part follows it, else before it."""
    doc = cue.doc
    found = _source_phrase(doc, cue)
    if found is None:
        return None
    pobj, cue_text, rule = found
    sent = cue.sent
    marks = list(doc._.cq_quote_chars or ())
    in_sentence = [(s, e) for s, e in taken if sent.start_char <= s < sent.end_char]
    if in_sentence and not _free(sent.start_char, sent.end_char, marks, 0):
        return None  # the sentence's quotation already carries this attribution
    phrase_end = max(t.i for t in doc[cue.i : max(t.i for t in pobj.subtree) + 1]) + 1
    phrase_end = max(phrase_end, max(t.i for t in cue.subtree) + 1) if rule != "according-to" else phrase_end
    line_start = "\n" in doc_text(doc)[doc[cue.i - 1].idx : cue.idx] if cue.i > sent.start else True
    after = [t for t in doc[phrase_end : sent.end] if not t.is_punct and not t.is_space]
    before = [t for t in doc[sent.start : cue.i] if not t.is_punct and not t.is_space]
    if after and (line_start or not before or len(after) >= len(before)):
        c_start_tok = phrase_end + (1 if doc[phrase_end].text == "," else 0)
        c_start, c_end = doc[c_start_tok].idx, sent.end_char
    elif before:
        c_start = before[0].idx
        c_end = doc[cue.i - 1].idx + len(doc[cue.i - 1])
    else:
        return None
    c_end = _strip_end(doc_text(doc), c_start, c_end)
    if not _free(c_start, c_end, taken) and not _only_inside(c_start, c_end, taken):
        return None  # speech reported inside the framed clause keeps its own quote (two quotes)
    return Content((c_start, c_end), cue_text=cue_text, rule=rule, source=pobj)


def _phrase_source(cue: Token, found: Content) -> Speaker | None:
    assert found.source is not None  # _phrase_content always names it
    speaker, mention = _resolve_np(cue.doc, found.source)
    if speaker is None and mention is None and found.source.pos_ in ("NOUN", "PROPN"):
        mention = _np_words(found.source)  # "according to a new poll", "according to the results"
    return _named((speaker, mention))


def _source_phrase(doc: Doc, token: Token) -> tuple[Token, str, str] | None:
    """A phrase naming whose words a clause gives: (the source's head, cue words, rule name)."""
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
        pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        return (pobj, "according to", "according-to") if pobj is not None else None
    if token.lower_ == "in" and token.dep_ == "prep":
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None or _lemma(pobj) not in VIEW_NOUNS:
            return None
        poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
        if poss is not None and poss.lower_ not in ("my", "our", "your", "its"):
            return poss, doc[token.i : pobj.i + 1].text, "in-words"
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if source is not None:
            return source, f"in the {pobj.text} of", "in-words"
    return None


# -- stated-by: "<statement>. This was stated by X at a briefing." -----------------------------------------
def _stated_by_cue(token: Token) -> bool:
    return (token.tag_ == "VBN" and _lemma(token) in SPEECH_VERBS
            and any(c.dep_ == "nsubjpass" and c.lower_ in ("this", "that") for c in token.children)
            and any(c.dep_ == "agent" for c in token.children))


def _stated_content(cue: Token, taken: Taken, _relayed: bool) -> Content | None:
    """What "this" points back to: the clause before it in its sentence ("Kazakhstan is ready to mediate,
    this was stated by ..."), else the whole sentence before."""
    doc = cue.doc
    this = next(c for c in cue.children if c.dep_ == "nsubjpass")
    sent = cue.sent
    if this.i > sent.start + 1:
        span = _token_range(list(doc[sent.start : this.i]))
    elif sent.start > 0:
        before = doc[sent.start - 1].sent
        span = _token_range(list(before))
    else:
        return None
    if span is None or not _free(span[0], span[1], taken, 12):
        return None
    phrase = f"{this.text} was {cue.text} by"
    return Content(span, cue_text=phrase)


def _agent_speaker(cue: Token, _found: Content) -> Speaker | None:
    agent = next(c for c in cue.children if c.dep_ == "agent")
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    return _named(_resolve_np(cue.doc, pobj)) if pobj is not None else None


# -- addressee: "Mr President, in 2001 you said that ..." in a two-speaker transcript --------------------
def _addressed_cue(token: Token) -> bool:
    return (token.pos_ == "VERB" and token.tag_ in ("VBD", "VBN", "VBP") and _lemma(token) in SPEECH_VERBS
            and any(c.dep_ == "nsubj" and c.lower_ == "you" for c in token.children))


def _addressee(cue: Token, _found: Content) -> Speaker | None:
    """The other speaker of a two-speaker transcript, whose earlier words a turn reports ("you said that
    ..."): speech reported inside speech is a quote of its own (contract v1.1)."""
    subject = next(c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "you")
    turns = cue.doc._.cq_turns or []
    own = next((t for t in turns if t[0] <= cue.idx < t[1]), None)
    if own is None or own[2] is None:
        return None
    others = {speaker for _, _, speaker in turns if speaker is not None and speaker != own[2]}
    if len(others) != 1:
        return None
    return others.pop(), (subject.idx, subject.idx + len(subject))


RULES: tuple[Rule, ...] = (
    Rule("reported", _reporting_cue, _clause_content, _reporter, relays=_as_relay),
    Rule("addressee", _addressed_cue, _clause_content, _addressee, relays=lambda token: True),
    Rule("stated-by", _stated_by_cue, _stated_content, _agent_speaker),
    Rule("object", _object_cue, _stance_noun_content, _own_subject),
    Rule("sourceless", _verb_or_aux, _unsourced_content, _appearing_subject),
    Rule("stance-object", _stance_cue, _stance_content, _judging_subject),
    Rule("prep-object", _prep_cue, _prep_content, _speaking_subject),
    Rule("stance-adjective", _stance_adjective, _stance_topic, _copula_subject),
    Rule("noun-clause", _clause_noun, _that_clause, _noun_holder),
    Rule("according-to", _source_phrase_start, _phrase_content, _phrase_source),
)
