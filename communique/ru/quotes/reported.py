"""Reported speech: what a cue says someone said, without quotation marks.

Constructions, each a rule name on the quote:

- ``that``: «X заявил / сообщил / отметил / считает, что …», «X выразил уверенность, что …»,
  «в сообщении говорится, что …»; the content is the clause after «что»;
- ``colon``: «X заявил: …» without quotation marks;
- ``as``: «Как сообщила пресс-служба, …», «…, как заявил Песков»;
- ``according``: «По словам X, …», «По данным пресс-службы, …», «…, по его словам»;
- ``this``: «Об этом сообщил X» after the words it refers to;
- ``trailing``: «…, сообщили в Кремле», «…, — говорится в сообщении», «…, добавил он»: the
  sentence before the cue.

Reported speech inside reported speech gives two quotes («Путин сказал, что …, сообщили в
Кремле»: the Kremlin says the whole, Putin the clause), so a content ends where a later cue of the
same sentence begins its own clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...doctext import doc_text
from .finding import CLOSING, Found, Taken, sentence_span, trim
from .lexicon import speech
from .speaker import Speaker, of_cue, of_phrase, subject

#: how many words may stand between a cue and its «что» («сообщил журналистам в понедельник, что»)
_THAT_WINDOW = 12
_DASHES = ("—", "–", "-")
_POSSESSIVES = ("его", "её", "ее", "их")


def find(doc: Doc, taken: Taken) -> list[Found]:
    """Every reported statement of the document."""
    found: list[Found] = []
    lexicon = speech()
    for sent in doc.sents:
        for token in sent:
            if token.i in taken.cues or taken.inside_quote(token.idx):
                continue
            if _according_noun(doc, sent, token):
                quote = _according(doc, sent, token)
            elif lexicon.is_cue(token):
                quote = _cue(doc, sent, token)
            else:
                continue
            if quote is not None and not quote.speaker.anonymous and quote.end > quote.start:
                taken.cues.add(token.i)
                found.append(quote)
    return found


def _cue(doc: Doc, sent: Span, cue: Token) -> Found | None:
    lexicon = speech()
    nouns = lexicon.expressions.get(cue.lemma_)
    if nouns is not None:  # «выразил уверенность, что …»; «выразил соболезнования» says nothing
        if not any(child.lemma_ in nouns for child in cue.children if child.dep_ == "obj"):
            return None
    if _as_clause(cue):
        return _parenthetical(doc, sent, cue)
    that = _that(doc, sent, cue)
    if that is not None:
        return _make(doc, sent, cue, that.i + 1, "that")
    colon = _colon(doc, sent, cue)
    if colon is not None:
        return _make(doc, sent, cue, colon.i + 1, "colon")
    if nouns is not None:
        return None
    this = _this(sent, cue)
    if this:
        return _previous(doc, sent, cue)
    comma = _comma_before(doc, sent, cue)
    if comma is not None:
        start, end = trim(doc_text(doc), sent.start_char, comma.idx)
        if len(doc_text(doc)[start:end].split()) >= 3:
            return Found(start, end, False, "trailing", cue.text, cue.lemma_, of_cue(doc, cue), sentence_span(sent))
    return None


def _make(doc: Doc, sent: Span, cue: Token, first: int, rule: str) -> Found | None:
    if first >= sent.end:
        return None
    text = doc_text(doc)
    start, end = trim(text, doc[first].idx, _content_end(doc, sent, first))
    direct = end - start > 2 and CLOSING.get(text[start]) == text[end - 1] and not any(
        text[i] in CLOSING for i in range(start + 1, end - 1))
    if direct:  # «заявил, что «…»»: the whole content is quoted, so it is direct speech
        start, end = trim(text, start + 1, end - 1, keep_stop=True)
    return Found(start, end, direct, rule, cue.text, cue.lemma_, of_cue(doc, cue), sentence_span(sent))


def _that(doc: Doc, sent: Span, cue: Token) -> Token | None:
    """The «что» that opens the cue's content: «заявил журналистам, что», «сообщил о том, что»."""
    lexicon = speech()
    for token in doc[cue.i + 1 : min(cue.i + _THAT_WINDOW, sent.end)]:
        if token.lower_ == "что" and doc[token.i - 1].text == ",":
            return token
        if token.text in (":", "«", "„", "\"", ";") or token.lower_ in ("а", "но"):
            return None
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "acl") and token.head.i != cue.i:
            return None
        if lexicon.is_cue(token):
            return None
    return None


def _colon(doc: Doc, sent: Span, cue: Token) -> Token | None:
    """«X заявил: …» without quotation marks (those are direct speech)."""
    for token in doc[cue.i + 1 : min(cue.i + 6, sent.end - 1)]:
        if token.text == ":":
            after = doc[token.i + 1]
            return None if after.text in ("«", "„", "\"", "“", "—", "–") else token
        if token.pos_ in ("VERB", "PUNCT"):
            return None
    return None


def _as_clause(cue: Token) -> bool:
    """«Как сообщила пресс-служба, …»: the cue opens a parenthetical «как» clause."""
    return any(child.lower_ == "как" and child.i < cue.i for child in cue.children) or (
        cue.i > 0 and cue.doc[cue.i - 1].lower_ == "как"
    )


def _clause(doc: Doc, sent: Span, head: Token) -> tuple[int, int]:
    """The tokens of a parenthetical clause headed by ``head`` (its subtree, within the sentence)."""
    left = max(sent.start, min(t.i for t in head.subtree))
    right = min(sent.end - 1, max(t.i for t in head.subtree))
    for child in head.children:
        if child.dep_ == "punct" and child.text == "," and child.i > right:
            right = child.i
    return left, right


def _parenthetical(doc: Doc, sent: Span, cue: Token) -> Found | None:
    left, right = _clause(doc, sent, cue)
    if left > sent.start and doc[left - 1].lower_ == "как":
        left -= 1
    return _around(doc, sent, left, right, "as", cue.text, cue.lemma_, of_cue(doc, cue))


def _according(doc: Doc, sent: Span, noun: Token) -> Found | None:
    """«По словам X, …», «По данным пресс-службы, …», «…, по его словам»."""
    owner = None
    for child in noun.children:
        if child.dep_ in ("nmod", "det", "nmod:poss") and (child.pos_ in ("PROPN", "NOUN", "PRON")
                                                          or child.lower_ in _POSSESSIVES):
            owner = child
            break
    if owner is None:
        return None
    left, right = _clause(doc, sent, noun)
    by = _preposition(doc, noun)
    left = min(left, by.i)
    speaker = of_phrase(doc, owner)
    return _around(doc, sent, left, right, "according", f"{by.text} {noun.text}", noun.lemma_, speaker)


def _according_noun(doc: Doc, sent: Span, token: Token) -> bool:
    """«по словам», «по его словам», «по данным»: a noun of «according to» after its «по»."""
    if token.lemma_ not in speech().according or token.pos_ != "NOUN":
        return False
    by = _preposition(doc, token)
    return by.lower_ == "по" and by.i >= sent.start


def _preposition(doc: Doc, noun: Token) -> Token:
    """The word before a noun, or before its possessive («по его словам» -> «по»)."""
    i = noun.i - 1
    if i > 0 and doc[i].lower_ in _POSSESSIVES:
        i -= 1
    return doc[max(i, 0)]


def _around(doc: Doc, sent: Span, left: int, right: int, rule: str, cue: str, lemma: str,
            speaker: Speaker) -> Found | None:
    """The content of a sentence around a parenthetical clause [left, right]: the rest of the
    sentence after it, before it, or the whole sentence when the clause stands in the middle."""
    text = doc_text(doc)
    if left <= sent.start or all(t.is_punct or t.is_space for t in doc[sent.start : left]):
        if right + 1 >= sent.end:
            return None
        start, end = doc[right + 1].idx, _content_end(doc, sent, right + 1)
    elif right >= sent.end - 1 or all(t.is_punct or t.is_space for t in doc[right + 1 : sent.end]):
        start, end = sent.start_char, doc[left].idx
    else:
        start, end = sentence_span(sent)
    start, end = trim(text, start, end)
    if len(text[start:end].split()) < 2:
        return None
    return Found(start, end, False, rule, cue, lemma, speaker, sentence_span(sent))


def _content_end(doc: Doc, sent: Span, first: int) -> int:
    """Where content starting at token ``first`` ends: the sentence end, or the comma before a later
    cue that reports it («…, сообщили в Кремле») or starts its own clause («…, а Песков добавил, что»)."""
    lexicon = speech()
    for token in doc[first + 1 : sent.end]:
        according = _according_noun(doc, sent, token)
        if not (lexicon.is_cue(token) or according):
            continue
        comma = _comma_before(doc, sent, _preposition(doc, token) if according else token, joined=True)
        if comma is not None and comma.i > first:
            return comma.idx
        head = subject(token)
        if head is not None and head.i < token.i:
            for t in reversed(doc[first + 1 : head.left_edge.i]):
                if t.text == ",":
                    return t.idx
    return sentence_span(sent)[1]


def _comma_before(doc: Doc, sent: Span, cue: Token, *, joined: bool = False) -> Token | None:
    """The comma that separates a trailing cue from what it reports: «…, сообщили», «…, — говорится»,
    «…, также сообщил»; ``joined`` also passes a conjunction («…, и добавила, что …»)."""
    i = cue.i - 1
    while i > sent.start and (doc[i].text in _DASHES or doc[i].pos_ == "ADV" or doc[i].is_space
                              or (joined and doc[i].pos_ == "CCONJ")):
        i -= 1
    if i > sent.start and doc[i].text == ",":
        return doc[i]
    return None


def _this(sent: Span, cue: Token) -> bool:
    """«Об этом сообщил X», «Это подтвердили в Кремле»: the cue points back at the last sentence."""
    for child in cue.children:
        if child.lemma_ in ("этот", "это") and child.dep_ in ("obl", "obj") and child.i - sent.start <= 2:
            return True
    return False


def _previous(doc: Doc, sent: Span, cue: Token) -> Found | None:
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if before.text.count("\n") > 1:
        return None
    start, end = trim(doc_text(doc), *sentence_span(before))
    text = doc_text(doc)
    start, end = start + (text[start] in "«„\""), end - (text[end - 1] in "»“\"")
    if len(text[start:end].split()) < 3:
        return None
    return Found(start, end, False, "this", cue.text, cue.lemma_, of_cue(doc, cue),
                 (before.start_char, sentence_span(sent)[1]))
