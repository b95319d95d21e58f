"""What a cue verb reports: its clause, its infinitive or what it calls for, read from the parse.

"X said (that) <clause>", "X wants <to ...>", "X urged Y <to ...>", "<clause>, X said",
"As X said, <clause>", "<clause>, as a memo put it", "X said the same"; and which cue of a chain
is the statement's own ("said" in "X said they believed ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import AUDIENCE_NOUNS, CLAUSE_VERBS, ECHO_WORDS, INTENT_VERBS, NEEDS_CLAUSE, SPEECH_VERBS
from .speaker import _source_like, _subject_of
from .text import _lemma, _token_range


def _reported_clause(verb: Token) -> tuple[int, int] | None:
    """The reported content of a cue verb: its clausal complement, or what it calls for."""
    lemma = _lemma(verb)
    # a complement after the cue comes first: "Writing for the panel, she noted that ..." reports what follows
    children = sorted(verb.children, key=lambda c: (c.i < verb.i, c.i))
    for child in children:
        if child.dep_ == "ccomp" or (child.dep_ == "advcl" and any(c.lower_ == "that" for c in child.children)):
            if child.i < verb.i and _split_off(child, verb):
                continue  # "...: Republicans said they ...": the clause before the colon is not theirs
            if child.dep_ == "ccomp" and child.i < verb.i and lemma not in SPEECH_VERBS:
                subject = _subject_of(verb)
                if subject is None or subject.lower_ in ("i", "we", "you") or not _source_like(subject):
                    continue  # "That is true, I think": a hedge, too weak to attribute; "..., experts believe" is not
            return _token_range([t for t in child.subtree if t.i > verb.i or child.i < verb.i])
        if child.dep_ == "dobj":
            # "expressed his belief that ...", "voiced hope that ..."
            for grand in child.children:
                if grand.dep_ in ("acl", "ccomp", "relcl") and any(c.lower_ == "that" and c.dep_ == "mark" for c in grand.children):
                    return _token_range([t for t in grand.subtree])
        if child.dep_ in ("prep", "dative", "dobj", "npadvmod") and child.i > verb.i and lemma in SPEECH_VERBS:
            clause = _stranded_clause(child)
            if clause is not None:
                return _token_range([t for t in clause.subtree])
    if lemma == "ask":
        # "asked the network to donate ...": who was asked, and to do what
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
            dobj = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i]
            return _token_range([t for c in [*dobj, xcomp] for t in c.subtree])
    if lemma in INTENT_VERBS and lemma not in ("ask", "call", "urge"):
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
            return _token_range([t for t in xcomp.subtree])
    if lemma not in SPEECH_VERBS | CLAUSE_VERBS and not _put_it(verb):
        return None
    if lemma not in SPEECH_VERBS and not _put_it(verb):
        subject = _subject_of(verb)
        if subject is None or subject.lower_ in ("i", "we", "you") or not _source_like(subject):
            return None  # "The plan is sound, I think": a hedge
    if verb.dep_ in ("parataxis", "ccomp") and _is_parenthetical(verb):
        # "The talks, he said, went well." / "The talks went well, said the minister."
        skip = set(t.i for t in verb.subtree)
        sent = verb.sent
        return _token_range([t for t in sent if t.i not in skip])
    if lemma not in SPEECH_VERBS and not _put_it(verb):
        return None
    comma = _as_clause(verb)
    if comma is not None:
        # "As the minister said, <clause>", "As you heard the President say, <clause>"
        return _token_range(list(verb.doc[comma.i + 1 : verb.sent.end]))
    comma = _trailing_as(verb)
    if comma is not None:
        # "<clause>, as the minister said" / "<clause>, as a memo put it"
        return _token_range(list(verb.doc[verb.sent.start : comma.i]))
    if _put_it(verb):
        return None
    if lemma in ("express", "voice", "convey"):
        return None
    if lemma in ("thank", "congratulate"):
        return None  # contract v1.1: "X thanked Y (for ...)", "X congratulated Y" are acts, not statements
    if lemma in ("urge", "call", "ask", "demand", "describe", "praise", "criticize", "criticise", "condemn",
                 "welcome", "accuse", "warn", "promise", "pledge", "vow", "threaten", "propose",
                 "announce", "confirm", "deny", "reaffirm", "express", "voice", "hail", "commend"):
        parts = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "prep", "dative", "oprd")]
        if lemma == "call":
            parts = [c for c in parts if c.dep_ in ("xcomp",) or (c.lower_ in ("for", "on", "upon") and c.i == verb.i + 1)]
        elif not any(c.dep_ in ("xcomp", "oprd") or c.lower_ in ("as", "for", "to", "over") for c in parts):
            return None  # "condemned the attack": a stance, not a statement with content
        if not parts or lemma in NEEDS_CLAUSE and lemma != "call":
            return None
        tokens = [t for c in parts for t in c.subtree]
        return _token_range(tokens)
    return None


def _stranded_clause(phrase: Token) -> Token | None:
    """'said in a statement that ...', 'told reporters in Moscow after the talks that ...': the parser hangs
    the cue's "that" clause on the last noun of a phrase after it. A clause with a "that" mark and a
    subject of its own (not the relative "a story that posted") is the cue's complement."""
    for token in phrase.subtree:
        if token.dep_ not in ("acl", "ccomp", "relcl", "advcl") or token.pos_ not in ("VERB", "AUX"):
            continue
        if token.head.pos_ not in ("NOUN", "PROPN"):
            continue  # "so politically charged that ...": a result clause, not what the cue reports
        marks = [c for c in token.children if c.dep_ == "mark"]
        if len(marks) == 1 and marks[0].lower_ == "that" and marks[0].i < token.i and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            return token
        if (token.dep_ == "relcl" and _lemma(token.head) in AUDIENCE_NOUNS
                and any(c.lower_ == "that" and c.dep_ == "dobj" and c.i == min(t.i for t in token.subtree)
                        for c in token.children)
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in token.children)):
            # 'told a briefing that the consultations would continue': "that" read as a relative pronoun
            return token
    return None


def _verb_like(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun that has a verb's subject and complement
    ("Trump refuses to ...", where "Trump" and "refuses" read as nouns)."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in token.children) and any(
        c.dep_ in ("ccomp", "xcomp") for c in token.children)


def _echo(verb: Token) -> tuple[int, int] | None:
    """What "said the same (of X)", "said so", "said yes" or "said as much" says: the words themselves,
    which point back to the claim before them."""
    if _lemma(verb) not in ("say", "agree", "answer", "reply", "respond"):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "advmod", "intj") and child.i > verb.i and (
                child.lower_ in ECHO_WORDS or any(t.lower_ == "same" for t in child.subtree)):
            if child.lower_ == "so" and child.i != verb.i + 1:
                continue  # "said it so quietly": manner, not an answer
            return _token_range(list(child.subtree))
    return None


def _split_off(clause: Token, verb: Token) -> bool:
    """A colon, semicolon or dash stands between a clause before the cue and the cue."""
    last = max(t.i for t in clause.subtree)
    return any(t.text in (":", ";", "—", "–", "--") for t in verb.doc[last + 1 : verb.i])


def _outer_cue(verb: Token) -> Token:
    """The outermost cue whose complement holds ``verb`` ("said" in "X said he would welcome ...")."""
    node = verb
    for _ in range(4):
        head = node.head
        if node.dep_ != "ccomp" or head is node or head.pos_ != "VERB":
            break
        if _lemma(head) not in SPEECH_VERBS | CLAUSE_VERBS or head.i > node.i:
            break
        if _subject_of(head) is None:
            break
        node = head
    return node


def _as_clause(verb: Token) -> Token | None:
    """The comma closing an "As X said," clause that opens the verb's sentence, if the verb is in one.

    Read on the surface, since the parser hangs such clauses on the cue or on the main verb at will:
    the sentence opens with "As", the cue comes before its first comma, and that comma is near.
    """
    if _has_own_complement(verb):
        return None
    sent = verb.sent
    words = [t for t in sent if not t.is_space]
    if not words or words[0].lower_ != "as" or verb.i - words[0].i > 12:
        return None
    comma = next((t for t in verb.doc[words[0].i : sent.end] if t.text == ","), None)
    if comma is None or comma.i < verb.i or comma.i - verb.i > 4:
        return None
    return comma


def _trailing_as(verb: Token) -> Token | None:
    """The comma before a sentence-final "..., as X said" / "..., as a memo put it", if the verb ends one."""
    if _has_own_complement(verb):
        return None
    sent = verb.sent
    start = next((t for t in verb.doc[max(sent.start, verb.i - 10) : verb.i] if t.lower_ == "as"
                  and t.i > sent.start and verb.doc[t.i - 1].text == ","), None)
    if start is None:
        return None
    rest = [t for t in verb.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if len(rest) > 4 or any(t.text == "," for t in verb.doc[start.i : verb.i]):
        return None
    return verb.doc[start.i - 1]


def _has_own_complement(verb: Token) -> bool:
    """The cue takes a clause or an object of its own ("it" of "put it" aside), so no "as" clause frames it."""
    return any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and not _put_it(verb)) for c in verb.children)


def _put_it(verb: Token) -> bool:
    """ "As X put it": "put it" reports words like "said"."""
    return _lemma(verb) == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)


def _is_parenthetical(verb: Token) -> bool:
    """A cue set off inside or after its clause: no complement of its own, commas around it."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return False
    if _subject_of(verb) is None:
        return False
    first = min(t.i for t in verb.subtree if not t.is_punct)
    return first > verb.sent.start + 1 and verb.doc[first - 1].text in (",", "—", "–", "(")
