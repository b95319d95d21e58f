"""Quotes: who said what, direct or reported, with the cue and rule that attribute it.

Two components:

- ``communique_quote_marks`` (before actors) pairs quotation marks paragraph by paragraph and sets
  ``doc._.cq_quote_marks`` (token spans inside marks). Straight and curly double quotes,
  guillemets, „low-high“ quotes and opening single quotes are paired by their position (an
  opening mark follows a space, a closing one precedes one), so one unbalanced mark never hides
  the other quotes of a document; a paragraph left open continues when the next opens again.
- ``communique_quotes`` (after actors) attributes quoted spans (speech verbs, speech nouns with a
  possessor, "according to", a colon or a dash after a speaker, a continuation of the previous
  quote), transcript speaker labels ("PRESIDENT BIDEN:", "Q:"), block quotes after "X said:",
  and reported speech ("X said that ...", "X stressed ...", "according to X, ..."). Quoted phrases
  nobody is said to have said are scare quotes and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import MentionInfo, actor_at

SPEECH_VERBS = frozenset(
    """say tell state stress emphasize emphasise note add warn insist praise confirm deny describe announce
    declare claim assert argue explain suggest acknowledge admit reiterate underline underscore point remark
    comment observe reply respond answer write tweet post report recall urge demand propose promise pledge
    vow threaten accuse criticize criticise condemn welcome thank congratulate voice hail commend reaffirm
    affirm predict caution complain concede contend disclose maintain mention quip retort reveal signal
    testify quote call ask express voice convey""".split()
)
# verbs that only report speech with a clause or a quote after them, never on their own
NEEDS_CLAUSE = frozenset(
    "add note point call ask report write post recall answer reply respond signal mention maintain observe reveal".split()
)
TITLE_WORDS = frozenset(
    """mr mrs ms dr president prime minister secretary chancellor foreign deputy vice state general
    of the federal spokesperson spokesman ambassador senator governor king queen emir""".split()
)
SPEECH_NOUNS = frozenset(
    """statement statements remark remarks comment comments word words praise criticism explanation assessment
    disclosure confirmation warning claim claims assertion message description appeal promise pledge response
    reply answer reminder admission speech address interview announcement declaration testimony quote tweet
    post letter insistence argument accusation accusations denial suggestion proposal demand assurance
    assurances verdict characterization""".split()
)
PROXY_NOUNS = frozenset(
    "side office spokesman spokeswoman spokesperson government administration camp team service ministry aide aides press".split()
)
SOURCE_NOUNS = frozenset(
    """official officials source sources spokesman spokeswoman spokesperson aide aides analyst analysts expert
    experts diplomat diplomats minister ministers lawmaker lawmakers senator senators critic critics observer
    observers people resident residents witness witnesses leader leaders adviser advisers advisor advisors
    representative representatives ambassador envoy president chairman secretary statement""".split()
)
LABEL_STOP = frozenset(
    "note source photo photos date location update updated read watch see tags share related image video by".split()
)
PRAISE = frozenset("praise commend hail laud thank congratulate welcome applaud salute".split())
CRITICISM = frozenset("criticize criticise condemn denounce blame slam accuse rebuke castigate".split())

OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›", "〝": "〞"}
_QUOTE_CHARS = set("\"“”«»„‹›〝〞'‘’")


@dataclass
class QuoteInfo:
    start_char: int
    end_char: int
    direct: bool
    rule: str
    cue: str | None
    speaker: str | None
    speaker_mention: tuple[int, int] | None
    about: list[str] = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)
    cue_lemma: str | None = None
    target: str | None = None  # the object of a praising or criticising cue


# -- quotation marks ---------------------------------------------------------------------------
def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:;,/" or i == 0) and not after.isspace()


def _is_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum() or i + 1 == len(text))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (open mark, close mark + 1) of top-level quotations in ``text``."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closer: str | None = None
    para_start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            # A paragraph ends: an open quote continues only if the next paragraph reopens.
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and (text[j] in OPENERS or text[j] == '"'):
                    spans.append((open_at, i))
                    open_at = j
                    i = j + 1
                    continue
                open_at, closer = None, None
            para_start = i + 1
            i += 1
            continue
        if open_at is None:
            if ch in OPENERS:
                open_at, closer = i, OPENERS[ch]
            elif ch == '"' and _is_opening(text, i):
                open_at, closer = i, '"'
            elif ch in "‘'" and _is_opening(text, i) and (i == 0 or not text[i - 1].isalnum()):
                close = _single_close(text, i)
                if close is not None:
                    spans.append((i, close + 1))
                    i = close + 1
                    continue
        else:
            if ch == closer or (closer == "”" and ch == '"' and _is_closing(text, i)) or (
                closer == '"' and ch == "”"
            ):
                if closer != '"' or _is_closing(text, i) or not _is_opening(text, i):
                    spans.append((open_at, i + 1))
                    open_at, closer = None, None
                else:
                    # a straight mark that can only open: the earlier one was unbalanced
                    open_at = i
            elif ch in OPENERS and closer != "“":
                open_at, closer = i, OPENERS[ch]  # the earlier mark was never closed
        i += 1
    del para_start
    return spans


def _single_close(text: str, i: int) -> int | None:
    """The closing single mark of a single-quoted quotation opening at ``i`` (same paragraph)."""
    end = text.find("\n", i)
    end = len(text) if end < 0 else end
    for j in range(i + 1, min(end, i + 400)):
        if text[j] in "’'" and _is_closing(text, j) and not (j + 1 < len(text) and text[j + 1].isalpha()):
            if j > i + 1 and text[j - 1] in "sS" and j + 1 < len(text) and text[j + 1] == " " and text[j - 2].isalpha():
                # "the leaders' meeting": a plural possessive, keep looking
                if re.match(r"\s+[a-z]", text[j + 1 : j + 4]):
                    continue
            return j
    return None


@Language.component("communique_quote_marks", assigns=["doc._.cq_quote_marks"])
def quote_marks_component(doc: Doc) -> Doc:
    marks = []
    for start, end in quote_spans(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            marks.append((span.start, span.end))
    doc._.cq_quote_marks = marks
    doc._.cq_quote_chars = quote_spans(doc.text)
    return doc


# -- attribution --------------------------------------------------------------------------------
class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[QuoteInfo]:
        found: list[QuoteInfo] = []
        turns = _transcript_turns(doc)
        in_turn = [False] * (len(doc.text) + 1)
        for turn_start, turn_end, _label in turns:
            for k in range(turn_start, min(turn_end, len(in_turn))):
                in_turn[k] = True
        found.extend(self._labelled(doc, turns))
        found.extend(self._block_quotes(doc))
        quoted = self._quoted(doc, in_turn)
        found.extend(quoted)
        found.extend(self._reported(doc, [(q.start_char, q.end_char) for q in found], in_turn))
        found.sort(key=lambda q: q.start_char)
        return _dedupe(doc, found)

    def set_annotations(self, doc: Doc, found: list[QuoteInfo]) -> None:
        doc._.cq_quotes = found

    # transcript speaker labels ------------------------------------------------------------------
    def _labelled(self, doc: Doc, turns: list[tuple[int, int, tuple[int, int]]]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        for start, end, (lab_start, lab_end) in turns:
            label = doc.text[lab_start:lab_end]
            span = doc.char_span(lab_start, lab_end, alignment_mode="expand")
            speaker = None
            if span is not None:
                people = [m for m in doc._.cq_mentions if span.start <= m.start < span.end]
                persons = [m for m in people if doc._.cq_actors[m.actor].kind == "person"]
                chosen = (persons or people or [None])[-1]
                speaker = chosen.actor if chosen else None
            for p_start, p_end in _paragraphs(doc.text, start, end):
                if len(doc.text[p_start:p_end].split()) < 4:
                    continue
                out.append(
                    QuoteInfo(p_start, p_end, True, "speaker-label", label, speaker, (lab_start, lab_end),
                              evidence=(p_start, p_end))
                )
        return out

    # "X said:" followed by paragraphs without quotation marks (GOV.UK block quotes) ------------
    def _block_quotes(self, doc: Doc) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        text = doc.text
        for match in re.finditer(r"([^\n]{3,200}?)\b(said|says|added|stated|commented|remarked)\s*:\s*\n", text):
            line_start = match.start(1)
            span = doc.char_span(line_start, match.end(2), alignment_mode="expand")
            if span is None:
                continue
            verb = next((t for t in span if t.text == match.group(2)), None)
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
                out.append(QuoteInfo(p_start, p_end, True, "block-quote", match.group(2), speaker, mention,
                                     evidence=(line_start, p_end)))
                taken += 1
        return out

    # quotation marks --------------------------------------------------------------------------
    def _quoted(self, doc: Doc, in_turn: list[bool]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        previous: QuoteInfo | None = None
        for start, end in doc._.cq_quote_chars:
            inner_start, inner_end = start + 1, end - 1 if doc.text[end - 1] in _QUOTE_CHARS else end
            content = doc.text[inner_start:inner_end].strip()
            if not content or not re.search(r"\w", content):
                continue
            span = doc.char_span(inner_start, inner_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            info = self._attribute(doc, span, start, end)
            if info is None and previous is not None:
                info = _continuation(doc, span, start, end, previous)
            if info is None:
                continue
            if in_turn[start] and info.rule not in ("verb", "noun", "according-to"):
                continue
            out.append(info)
            previous = info
        return out

    def _attribute(self, doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
        inside = set(range(span.start, span.end))
        first_sent = doc[span.start].sent
        last_sent = doc[span.end - 1].sent
        context = [t for t in doc[first_sent.start : last_sent.end] if t.i not in inside]
        evidence = (first_sent.start_char, last_sent.end_char)
        content = (start + 1, end - 1 if doc.text[end - 1] in _QUOTE_CHARS else end)
        # 1. a speech verb governing the quote, or right beside it ("...," he said)
        verbs = [t for t in context if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_VERBS]
        verbs.sort(key=lambda t: _distance(t, span))
        for verb in verbs:
            if not _governs(verb, span):
                continue
            if verb.lemma_.lower() in NEEDS_CLAUSE and verb.i < span.start and not _clausal(verb, span):
                continue  # "maintaining a 'parallel channel'": an object, not speech
            speaker, mention = _speaker_of_verb(doc, verb)
            if speaker is None and mention is None:
                continue
            return _info(doc, content, True, "verb", verb, speaker, mention, evidence)
        # 2. a speech noun with a possessor: "Tokayev's statement ... -- '...'", "his words '...'"
        nouns = [t for t in context if t.pos_ == "NOUN" and t.lemma_.lower() in SPEECH_NOUNS | {"statement"}]
        nouns.sort(key=lambda t: _distance(t, span))
        for noun in nouns:
            if not (_in_subtree(span, noun) or 0 <= span.start - noun.i <= 6):
                continue
            speaker, mention = _possessor(doc, noun)
            if speaker is None and mention is None:
                continue
            return _info(doc, content, True, "noun", noun, speaker, mention, evidence)
        # 3. "according to X"
        for token in context:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                pobj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    speaker, mention = _resolve_np(doc, pobj)
                    if speaker or mention:
                        return _info(doc, content, True, "according-to", token, speaker, mention, evidence, cue_text="according to")
        # 4. a colon after a clause whose subject is a speaker: "He defined her status: '...'"
        before = doc.text[first_sent.start_char : start].rstrip()
        if before.endswith(":"):
            clause = [t for t in context if t.i < span.start and t.pos_ in ("VERB", "AUX")]
            for verb in reversed(clause):
                speaker, mention = _speaker_of_verb(doc, verb)
                if speaker is not None:
                    return _info(doc, content, True, "colon", verb, speaker, mention, evidence)
        return None

    # reported speech ------------------------------------------------------------------------
    def _reported(self, doc: Doc, taken: list[tuple[int, int]], in_turn: list[bool]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ not in ("VERB",) or lemma not in SPEECH_VERBS:
                continue
            if in_turn[token.idx] or _inside(token.idx, taken):
                continue
            clause = _reported_clause(token)
            if clause is None:
                continue
            c_start, c_end = clause
            if any(s < c_end and c_start < e for s, e in taken) or c_end - c_start < 8:
                continue
            speaker, mention = _speaker_of_verb(doc, token)
            if speaker is None and mention is None:
                continue
            sent = token.sent
            info = _info(doc, (c_start, c_end), False, "reported", token, speaker, mention, (sent.start_char, sent.end_char))
            out.append(info)
            taken.append((c_start, c_end))
        # "according to X, <clause>"
        for token in doc:
            if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
                continue
            if in_turn[token.idx] or _inside(token.idx, taken):
                continue
            pobj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            speaker, mention = _resolve_np(doc, pobj)
            if speaker is None:
                continue
            sent = token.sent
            if any(sent.start_char <= s < sent.end_char for s, _ in taken):
                continue  # the sentence's quotation already carries this attribution
            phrase_end = max(t.i for t in pobj.subtree) + 1
            line_start = "\n" in doc.text[doc[token.i - 1].idx : token.idx] if token.i > sent.start else True
            if line_start or doc[token.i - 1].is_punct:
                c_start_tok = phrase_end + (1 if phrase_end < sent.end and doc[phrase_end].text == "," else 0)
                if c_start_tok >= sent.end:
                    continue
                c_start, c_end = doc[c_start_tok].idx, sent.end_char
            else:
                c_start = sent.start_char
                c_end = doc[token.i - 1].idx + len(doc[token.i - 1]) if token.i > sent.start else sent.start_char
            c_end = _strip_end(doc.text, c_start, c_end)
            if c_end - c_start < 8 or any(s < c_end and c_start < e for s, e in taken):
                continue
            out.append(_info(doc, (c_start, c_end), False, "according-to", token, speaker, mention,
                             (sent.start_char, sent.end_char), cue_text="according to"))
            taken.append((c_start, c_end))
        return out


_LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][\w.'’-]*\.?\s+){0,7}[A-Z][\w.'’-]*|Q|A)\s*:\s*(?=\S)", re.M
)


def _transcript_turns(doc: Doc) -> list[tuple[int, int, tuple[int, int]]]:
    """(content start, content end, label span) of each speaker turn in a transcript."""
    text = doc.text
    candidates = []
    for match in _LABEL.finditer(text):
        if match.start() > 0 and text[match.start() - 1] != "\n":
            continue
        label = match.group("label")
        words = label.split()
        if words[0].lower().strip(".") in LABEL_STOP or len(words) > 8:
            continue
        is_person = False
        span = doc.char_span(match.start("label"), match.end("label"), alignment_mode="expand")
        if span is not None:
            is_person = any(
                span.start <= m.start < span.end and doc._.cq_actors[m.actor].kind == "person" and m.via != "pronoun"
                for m in doc._.cq_mentions
            )
        if "'" in label or "’" in label:
            continue  # "Tokayev's Position: ..." is a heading, not a speaker
        rest = [w for w in re.findall(r"[\w-]+", label) if w.lower() not in TITLE_WORDS]
        if span is not None and is_person:
            covered = {t.i for m in doc._.cq_mentions if span.start <= m.start < span.end for t in doc[m.start : m.end]}
            rest = [t.text for t in span if t.i not in covered and t.lower_ not in TITLE_WORDS and t.is_alpha
                    and not doc._.cq_kb.place(t.text)] if doc._.cq_kb is not None else rest
        titled = any(w.lower() in TITLE_WORDS - {"of", "the", "state", "general"} for w in words)
        if not ((is_person and not rest) or label in ("Q", "A") or (label.isupper() and len(words) >= 2 and titled)):
            continue
        candidates.append((match.end(), match.start("label"), match.end("label")))
    turns = []
    for k, (content_start, lab_start, lab_end) in enumerate(candidates):
        end = candidates[k + 1][1] if k + 1 < len(candidates) else len(text)
        turns.append((content_start, end, (lab_start, lab_end)))
    if len(turns) == 1 and turns[0][0] - turns[0][2][0] > 0 and text[turns[0][2][0] : turns[0][2][1]] in ("Q", "A"):
        return []
    return turns


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


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in spans)


def _distance(token: Token, span: Span) -> int:
    if token.i < span.start:
        return span.start - token.i
    return token.i - span.end + 1


def _in_subtree(span: Span, head: Token) -> bool:
    return any(head in t.ancestors or t == head for t in span)


def _governs(verb: Token, span: Span) -> bool:
    """The verb introduces the quote: an ancestor of it, or attached to it right beside it."""
    if _in_subtree(span, verb):
        return True
    if any(t in verb.ancestors for t in span) and _distance(verb, span) <= 4:
        return True
    return _distance(verb, span) <= 2 and verb.sent == span[0].sent


def _clausal(verb: Token, span: Span) -> bool:
    """The quote is the verb's clausal complement (or follows a colon after it)."""
    between = verb.doc.text[verb.idx : span.start_char]
    if ":" in between:
        return True
    return any(t.dep_ in ("ccomp", "parataxis") and t.head == verb for t in span) or any(
        c.dep_ == "ccomp" and any(t in c.subtree for t in span) for c in verb.children
    )


def _reported_clause(verb: Token) -> tuple[int, int] | None:
    """The reported content of a speech verb: its clausal complement, or what it calls for."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ == "advcl" and any(c.lower_ == "that" for c in child.children)):
            tokens = [t for t in child.subtree]
            return _token_range(tokens)
        if child.dep_ == "dobj":
            # "expressed his belief that ...", "voiced hope that ..."
            for grand in child.children:
                if grand.dep_ in ("acl", "ccomp", "relcl") and any(c.lower_ == "that" and c.dep_ == "mark" for c in grand.children):
                    return _token_range([t for t in grand.subtree])
    if lemma in ("express", "voice", "convey"):
        return None
    if lemma in ("urge", "call", "ask", "demand", "describe", "praise", "criticize", "criticise", "condemn",
                 "welcome", "accuse", "warn", "promise", "pledge", "vow", "threaten", "propose", "thank",
                 "congratulate", "announce", "confirm", "deny", "reaffirm", "express", "voice", "hail", "commend"):
        parts = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "prep", "dative", "oprd")]
        if lemma == "call":
            parts = [c for c in parts if c.dep_ in ("xcomp",) or c.lower_ in ("for", "on", "upon")]
        elif not any(c.dep_ in ("xcomp", "oprd") or c.lower_ in ("as", "for", "to", "over") for c in parts):
            return None  # "condemned the attack": a stance, not a statement with content
        if not parts or lemma in NEEDS_CLAUSE and lemma != "call":
            return None
        tokens = [t for c in parts for t in c.subtree]
        return _token_range(tokens)
    return None


def _token_range(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    tokens.sort(key=lambda t: t.i)
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _speaker_of_verb(doc: Doc, verb: Token) -> tuple[str | None, tuple[int, int] | None]:
    """The actor (and the words) a verb's subject names; joint subjects ("A and B said") give none."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj",)]
    if not subjects and verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.head is not verb:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subjects = [c for c in agent.children if c.dep_ == "pobj"]
    if not subjects:
        return None, None
    subject = subjects[0]
    if any(c.dep_ == "conj" for c in subject.children):
        return None, None
    if subject.lower_ in ("i", "we", "you", "it", "this", "that", "which", "who", "they", "there"):
        return None, None
    if subject.lemma_.lower() in SPEECH_NOUNS:
        return _possessor(doc, subject)
    return _resolve_np(doc, subject)


def _possessor(doc: Doc, noun: Token) -> tuple[str | None, tuple[int, int] | None]:
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        poss = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if poss is None:
        return None, None
    return _resolve_np(doc, poss)


def _resolve_np(doc: Doc, head: Token) -> tuple[str | None, tuple[int, int] | None]:
    """The actor a noun phrase names ("Putin", "he", "Putin's side", "the Kremlin") and its words."""
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct", "prep") or t == head]
    left = [t for t in head.lefts] + [head]
    if head.lemma_.lower() in PROXY_NOUNS | SPEECH_NOUNS:
        # "Putin's side", "Tokayev's disclosure": the possessor speaks
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None:
            mention = actor_at(doc, poss.i)
            if mention is not None:
                return mention.actor, (min(t.idx for t in left), head.idx + len(head))
    mention = actor_at(doc, head.i)
    if mention is None:
        for token in sorted(left, key=lambda t: -t.i):
            if token.dep_ in ("compound", "nmod", "amod") or token == head:
                mention = actor_at(doc, token.i)
                if mention is not None:
                    break
    start = min(t.idx for t in left if t.dep_ != "punct" or t == head)
    end = head.idx + len(head)
    if mention is not None:
        start = min(start, mention.start_char)
        end = max(end, mention.end_char)
        return mention.actor, (start, end)
    del tokens
    if head.lemma_.lower() in SOURCE_NOUNS or head.pos_ == "PROPN":
        return None, (start, end)
    return None, None


def _info(
    doc: Doc, content: tuple[int, int], direct: bool, rule: str, cue: Token, speaker: str | None,
    mention: tuple[int, int] | None, evidence: tuple[int, int], cue_text: str | None = None,
) -> QuoteInfo:
    text = cue_text or cue.text
    if cue.lemma_.lower() == "point" and any(c.lower_ == "out" for c in cue.children):
        text = f"{cue.text} out"
    target = None
    if cue.lemma_.lower() in PRAISE | CRITICISM:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            found = actor_at(doc, obj.i)
            target = found.actor if found else None
    about = _about(doc, content, cue, speaker)
    if target and target not in about:
        about.insert(0, target)
    return QuoteInfo(content[0], content[1], direct, rule, text, speaker, mention, about, evidence,
                     cue.lemma_.lower(), target)


def _about(doc: Doc, content: tuple[int, int], cue: Token, speaker: str | None) -> list[str]:
    """Actors named in the quote, or as the object of its cue ("praised him as ...")."""
    about: list[str] = []
    objects: set[int] = set()
    for child in cue.children:
        if child.dep_ in ("dobj", "dative", "prep", "attr"):
            objects.update(t.i for t in child.subtree)
    for mention in doc._.cq_mentions:
        in_quote = content[0] <= mention.start_char < content[1]
        if not in_quote and mention.start not in objects:
            continue
        actor = doc._.cq_actors.get(mention.actor)
        if mention.actor == speaker or actor is None or mention.actor in about:
            continue
        if actor.kind in ("person", "country", "organization"):
            about.append(mention.actor)
    return about


def _continuation(doc: Doc, span: Span, start: int, end: int, previous: QuoteInfo) -> QuoteInfo | None:
    """A quote standing alone right after an attributed one continues the same voice."""
    sent = doc[span.start].sent
    gap = doc.text[previous.end_char : start]
    if len(gap) > 40 or previous.speaker is None:
        return None
    covered = (end - start) / max(1, sent.end_char - sent.start_char)
    if covered < 0.6:
        return None
    return QuoteInfo(start + 1, end - 1 if doc.text[end - 1] in _QUOTE_CHARS else end, True, "continuation",
                     previous.cue, previous.speaker, previous.speaker_mention, list(previous.about),
                     (sent.start_char, sent.end_char), previous.cue_lemma, previous.target)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _dedupe(doc: Doc, quotes: list[QuoteInfo]) -> list[QuoteInfo]:
    """One quote per statement: a later quote of the same speaker repeating an earlier one is dropped."""
    kept: list[QuoteInfo] = []
    for quote in quotes:
        words = _norm(doc.text[quote.start_char : quote.end_char])
        duplicate = False
        for other in kept:
            if other.speaker != quote.speaker or other.speaker is None:
                continue
            if (quote.start_char < other.end_char and other.start_char < quote.end_char) or (
                words and words in _norm(doc.text[other.start_char : other.end_char])
            ):
                duplicate = True
                break
        if not duplicate:
            kept.append(quote)
    return kept


@Language.factory(
    "communique_quotes",
    requires=["doc._.cq_mentions", "doc._.cq_quote_marks"],
    assigns=["doc._.cq_quotes"],
)
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()
