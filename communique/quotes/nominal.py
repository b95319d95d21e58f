"""Nouns as cues: a noun, not a verb, says whose stance the words are.

Rules: ``noun-object`` ("Trump's criticism of the deal", "a call by the mayor for calm", "her refusal
to testify", "she is a critic of the plan") and ``light-verb`` ("took aim at the press", "made the
case for the bill", "made it clear that ...", "the proposal drew criticism from senators").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribution import QuoteInfo, _info
from .lexicon import (
    CLAUSE_NOUNS, LIGHT_VERBS, NO_SPEAKER, NOMINAL_CLAUSE, NOMINAL_CUES, NOMINAL_INTENT, RECEIVED_NOUNS,
    RECEIVING_VERBS, STANCE_PEOPLE, TIME_WORDS,
)
from .speaker import _holder, _np_words, _resolve_np, _source_like, _speaker_of_verb, _subject_of
from .text import _claim, _lemma, _spoken_for


def nominal(doc: Doc, taken: list[tuple[int, int]], voiced: list[bool]) -> list[QuoteInfo]:
    """Attributions whose cue is a noun ("Trump's criticism of the deal", "a call by the mayor for
    calm", "she is a critic of the plan") or a light verb with its noun ("took aim at the press",
    "made it clear that ..."). The content is the noun's prepositional object, infinitive or clause;
    the speaker its possessor, by/from phrase or the light verb's subject. A noun naming no one
    ("the criticism of the plan grew") attributes nothing."""
    out: list[QuoteInfo] = []
    for token in doc:
        if token.pos_ not in ("NOUN", "ADJ") or _spoken_for(token, voiced, taken):
            continue
        found = _light_verb_cue(doc, token) or _received_cue(doc, token) or _noun_cue(doc, token)
        if found is None:
            continue
        tokens, rule, cue, cue_text, (speaker, mention) = found
        claimed = _claim(tokens, taken, minimum=2)
        if claimed is None:
            continue
        sent = token.sent
        out.append(_info(doc, claimed, False, rule, cue, speaker, mention, (sent.start_char, sent.end_char),
                         cue_text=cue_text))
        taken.append(claimed)
    return out


# what a nominal cue finds: content tokens, rule, cue token, cue words, (speaker, speaker words)
_NominalCue = tuple[list[Token], str, Token, str, tuple[str | None, tuple[int, int] | None]]


def _when(obj: Token) -> bool:
    """A prepositional object that says when ("for weeks", "on Sunday"), not what ("for a shorter week")."""
    if any(t.dep_ == "amod" and t.lower_ not in ("last", "next", "past", "recent", "few", "several", "coming")
           for t in obj.children):
        return False  # "a shorter working week": a thing, though tagged as a date
    return obj.ent_type_ in ("DATE", "TIME") or (obj.lower_ in TIME_WORDS and len(list(obj.subtree)) <= 2)


def _noun_content(noun: Token, preps: frozenset[str]) -> tuple[list[Token], str] | None:
    """What a stance noun is about: its object after one of ``preps`` ("criticism of | the deal"), its
    infinitive ("refusal | to testify") or its "that" clause, with the cue words."""
    lemma = _lemma(noun)
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i):
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.lower_ in NO_SPEAKER | {"it", "that", "which", "what"}:
            continue
        if _when(obj):
            continue
        return list(obj.subtree), f"{noun.text} {prep.text}"
    if lemma in NOMINAL_INTENT:
        acl = next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and c.i > noun.i
                    and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
        if acl is not None:
            return list(acl.subtree), noun.text
    if lemma in NOMINAL_CLAUSE | CLAUSE_NOUNS:
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if clause is not None:
            return list(clause.subtree), noun.text
    return None


def _noun_cue(doc: Doc, noun: Token) -> _NominalCue | None:
    """'Trump's criticism of the deal', 'a statement by the ministry that ...', 'her refusal to testify',
    'Kaine is a staunch opponent of the death penalty'."""
    lemma = _lemma(noun)
    if lemma in STANCE_PEOPLE and noun.dep_ == "attr" and _lemma(noun.head) == "be":
        found = _noun_content(noun, frozenset(["of"]))
        if found is None or not _source_like(_subject_of(noun.head)):
            return None
        speaker, mention = _speaker_of_verb(doc, noun.head)
        if speaker is None and mention is None:
            return None
        return found[0], "noun-object", noun, found[1], (speaker, mention)
    preps = NOMINAL_CUES.get(lemma, NOMINAL_CUES.get(noun.lower_))
    if preps is None and lemma not in NOMINAL_INTENT | NOMINAL_CLAUSE | CLAUSE_NOUNS:
        return None
    found = _noun_content(noun, preps or frozenset())
    if found is None:
        return None
    speaker, mention = _holder(doc, noun)
    if speaker is None and mention is None:
        return None
    if lemma in ("attack", "attacks") and speaker is not None and doc._.cq_actors[speaker].kind != "person":
        return None  # "Russia's attacks on the town": force, not words
    return found[0], "noun-object", noun, found[1], (speaker, mention)


def _received_cue(doc: Doc, noun: Token) -> _NominalCue | None:
    """'The proposal drew criticism from senators', 'she came under criticism': the subject is what the
    stance is about, the from/by phrase (if any) whose it is; with none, nobody is named."""
    if _lemma(noun) not in RECEIVED_NOUNS and noun.lower_ not in RECEIVED_NOUNS:
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "under" and _lemma(verb.head) == "come":
        verb = verb.head
    elif noun.dep_ != "dobj" or verb.pos_ != "VERB" or _lemma(verb) not in RECEIVING_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in NO_SPEAKER | {"it", "that", "which", "what", "who"}:
        return None
    source = None
    prep = next((c for c in [*noun.children, *verb.children] if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
    while prep is not None and source is None:
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "prep")), None)
        prep, source = (obj, None) if obj is not None and obj.dep_ == "prep" else (None, obj)
    speaker: str | None = None
    mention: tuple[int, int] | None = None
    if source is not None:
        speaker, mention = _resolve_np(doc, source)
        if speaker is None and mention is None and (_source_like(source) or source.pos_ in ("NOUN", "PROPN")):
            mention = _np_words(source)
    cue_text = doc[verb.i : noun.i + 1].text + (" from" if source is not None else "")
    return list(subject.subtree), "light-verb", verb, cue_text, (speaker, mention)


def _light_verb_cue(doc: Doc, noun: Token) -> _NominalCue | None:
    """'took aim at the press', 'made the case for the bill', 'raised questions about the deal',
    'made it clear that ...': a light verb whose noun (or adjective) carries the cue."""
    verb = noun.head
    if verb.pos_ != "VERB" or noun.i < verb.i:
        return None
    lemma = _lemma(verb)
    if lemma == "make" and noun.lower_ == "clear" and noun.dep_ in ("ccomp", "oprd", "acomp", "dobj"):
        clause = next((c for c in [*noun.children, *verb.children] if c.i > noun.i and c.pos_ in ("VERB", "AUX")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if clause is None:
            return None
        tokens, cue_text = list(clause.subtree), doc[verb.i : noun.i + 1].text
    else:
        preps = LIGHT_VERBS.get(lemma, {}).get(noun.lower_) if noun.dep_ == "dobj" else None
        if preps is None:
            return None
        end = max(t.i for t in noun.subtree)
        prep = next((c for c in [*noun.children, *verb.children] if c.dep_ == "prep" and c.lower_ in preps
                     and c.i > noun.i and (c.head == noun or c.i == end + 1)), None)
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if prep is None or obj is None or obj.lower_ in NO_SPEAKER | {"it", "that", "which", "what"}:
            return None
        if _when(obj):
            return None  # "made the case for weeks": when, not what
        tokens = list(obj.subtree)
        cue_text = doc[verb.i : prep.i + 1].text if prep.i - verb.i <= 5 else f"{verb.text} {noun.text} {prep.text}"
    if not _source_like(_subject_of(verb)):
        return None
    speaker, mention = _speaker_of_verb(doc, verb)
    if speaker is None and mention is None:
        return None
    return tokens, "light-verb", verb, cue_text, (speaker, mention)
