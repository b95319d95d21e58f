"""Whose words a quotation is: the cue and speaker around each span in quotation marks.

``quoted`` tries, for each pair of marks (``doc._.cq_quote_chars``), the parse first and the words
around the marks when the parse joined the quote to the wrong cue. Rules:

- ``verb``: a speech verb governing the quote or right beside it ('"...," she said');
- ``verb-after`` / ``verb-before``: the same read from the words around the marks ('"...," said
  James Roe, a physicist', 'Said Ms. Roe: "..."');
- ``noun``: a speech noun with a possessor ("his words: '...'"); ``according-to``;
- ``colon``: a clause or a label naming a speaker before a colon ("Republican pollster Jane Doe: '...'");
- ``as-quote``: a characterisation ('cast him as a "con artist"');
- ``cue-after``: a short cue sentence after the quote ('"...?" Trump asked.');
- ``dash``: a signature after a dash ('"..." ― Jane Roe');
- ``continuation``: a quote standing alone right after an attributed one.

Titles of programmes and nicknames in marks are not quotes; a quotation nobody is said to have said
is a scare quote and is left out.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..doctext import doc_text
from .attribution import QuoteInfo, _info
from .clause import _outer_cue
from .lexicon import AFTER_VERBS, CUE_VERBS, NAMING_VERBS, NEEDS_CLAUSE, SOURCE_NOUNS, SPEECH_NOUNS, SPEECH_VERBS
from .speaker import (
    _direct_speaker, _named_speaker, _np_head, _np_run, _possessor, _resolve_np, _source_like, _speaker_of_verb,
    _subject_of,
)
from .text import _distance, _in_subtree, _lemma, _line_end, _persons_in, _QUOTE_CHARS


def quoted(doc: Doc, in_turn: list[bool]) -> list[QuoteInfo]:
    """The attributed quotations of ``doc``; in a speaker's turn only those a cue gives to someone else."""
    out: list[QuoteInfo] = []
    previous: QuoteInfo | None = None
    for start, end in doc._.cq_quote_chars:
        inner_start, inner_end = start + 1, end - 1 if doc_text(doc)[end - 1] in _QUOTE_CHARS else end
        content = doc_text(doc)[inner_start:inner_end].strip()
        if not content or not re.search(r"\w", content):
            continue
        span = doc.char_span(inner_start, inner_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if _is_title(doc, start, content) or _is_nickname(doc_text(doc), start, end, content):
            continue  # 'told "Morning Joe"', 'said on "Face the Nation"': a programme, not words
        info = _attribute(doc, span, start, end) or _cue_sentence_after(doc, span, start, end)
        surface = _verb_after_quote(doc, span, start, end) or _verb_before_quote(doc, span, start, end)
        if surface is not None and not _same_attribution(info, surface):
            info = surface  # the words around the marks outweigh a parse that joined the quote to its cue
        if info is None:
            info = _dash_after(doc, span, start, end)
        if info is None and previous is not None:
            info = _continuation(doc, span, start, end, previous)
        if info is None:
            continue
        if in_turn[start] and info.rule not in ("verb", "noun", "according-to"):
            continue
        out.append(info)
        previous = info
    return out


def _attribute(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    inside = set(range(span.start, span.end))
    first_sent = doc[span.start].sent
    last_sent = doc[span.end - 1].sent
    context = [t for t in doc[first_sent.start : last_sent.end] if t.i not in inside]
    evidence = (first_sent.start_char, last_sent.end_char)
    content = (start + 1, end - 1 if doc_text(doc)[end - 1] in _QUOTE_CHARS else end)
    # 1. a speech verb governing the quote, or right beside it ("...," he said)
    verbs = [t for t in context if t.pos_ in ("VERB", "AUX") and _lemma(t) in CUE_VERBS]
    verbs.sort(key=lambda t: _distance(t, span))
    for verb in verbs:
        if not _governs(verb, span):
            continue
        if (_lemma(verb) in NEEDS_CLAUSE and verb.i < span.start and not _clausal(verb, span)
                and not (doc_text(doc)[end - 1] in _QUOTE_CHARS and _names_it(verb, span))):
            continue  # "maintaining a 'parallel channel'": an object, not speech
        outer = _outer_cue(verb)
        if outer is not verb and not span.start <= outer.i < span.end:
            # 'She said he would welcome a "principled network"': the words are hers, not his
            speaker, mention = _speaker_of_verb(doc, outer)
            if speaker is not None or mention is not None:
                return _info(doc, content, True, "verb", outer, speaker, mention, evidence)
        speaker, mention = _direct_speaker(doc, verb, (start, end))
        if speaker is None and mention is None:
            continue
        if mention is not None and content[0] <= mention[0] < content[1]:
            continue  # the parser took words of the quotation for the subject of its cue
        return _info(doc, content, True, "verb", verb, speaker, mention, evidence)
    # 2. a speech noun with a possessor: "Tokayev's statement ... -- '...'", "his words '...'"
    nouns = [t for t in context if t.pos_ == "NOUN" and _lemma(t) in SPEECH_NOUNS | {"statement"}]
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
    before = doc_text(doc)[first_sent.start_char : start].rstrip()
    if not before and first_sent.start > 0:
        # 'A spokesperson said:' closing the previous sentence or paragraph
        prev = doc[first_sent.start - 1].sent
        if doc_text(doc)[prev.start_char : prev.end_char].rstrip().endswith(":"):
            before = ":"
            context = list(prev)
            evidence = (prev.start_char, evidence[1])
    if before.endswith(":"):
        clause = [t for t in context if t.i < span.start and t.pos_ in ("VERB", "AUX")]
        for verb in reversed(clause):
            speaker, mention = _speaker_of_verb(doc, verb)
            if speaker is not None or (mention is not None and _lemma(verb) in SPEECH_VERBS):
                return _info(doc, content, True, "colon", verb, speaker, mention, evidence)
        if not clause:
            found_label = _colon_label(doc, [t for t in context if t.i < span.start])
            if found_label is not None:
                head, speaker, mention = found_label
                return _info(doc, content, True, "colon", head, speaker, mention, evidence, cue_text=":")
    # 5. "X went after Y as 'a human leech'", "admires him as a 'strong leader'": X's characterisation
    found = _characterised(doc, span)
    if found is not None:
        verb, speaker, mention = found
        return _info(doc, content, True, "as-quote", verb, speaker, mention, evidence, cue_text=f"{verb.text} as")
    return None


def _governs(verb: Token, span: Span) -> bool:
    """The verb introduces the quote: an ancestor of it, or attached to it right beside it."""
    if _in_subtree(span, verb):
        return True
    if any(t in verb.ancestors for t in span) and _distance(verb, span) <= 4:
        return True
    return _distance(verb, span) <= 2 and verb.sent == span[0].sent


def _clausal(verb: Token, span: Span) -> bool:
    """The quote is the verb's clausal complement (or follows a colon after it)."""
    between = doc_text(verb.doc)[verb.idx : span.start_char]
    if ":" in between:
        return True
    return any(t.dep_ in ("ccomp", "parataxis") and t.head == verb for t in span) or any(
        c.dep_ == "ccomp" and any(t in c.subtree for t in span) for c in verb.children
    )


def _colon_label(doc: Doc, before: list[Token]) -> tuple[Token, str | None, tuple[int, int]] | None:
    """A verbless noun phrase naming a person or a source before a colon ("Republican pollster Jane
    Doe: '...'", "The minister's reply: '...'"): who the quotation after the colon is from."""
    words = [t for t in before if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12 or before[0].i != before[0].sent.start:
        return None
    head = words[-1]
    if head.dep_ in ("poss", "case") or head.lower_ in ("'s", "’s"):
        return None
    while head.head is not head and head.head.i < head.i + 3 and head.head in words and head.dep_ in ("compound", "poss", "amod", "appos"):
        head = head.head
    persons = _persons_in(doc, words[0].i, words[-1].i + 1)
    if persons:
        chosen = persons[-1]
        return head, chosen.actor, (words[0].idx, words[-1].idx + len(words[-1]))
    if _lemma(head) in SPEECH_NOUNS and _possessor(doc, head) != (None, None):
        speaker, mention = _possessor(doc, head)
        return head, speaker, mention or (words[0].idx, words[-1].idx + len(words[-1]))
    if _lemma(words[-1]) in SOURCE_NOUNS:
        return words[-1], None, (words[0].idx, words[-1].idx + len(words[-1]))
    return None


def _characterised(doc: Doc, span: Span) -> tuple[Token, str | None, tuple[int, int]] | None:
    """The verb and speaker of a quotation set after "as" ("pounded Trump as a 'con artist'"), when the
    verb's subject can speak."""
    k = span.start - 1
    while k >= 0 and (doc[k].text in _QUOTE_CHARS or doc[k].text in ("``", "''") or doc[k].lower_ in ("a", "an", "the")):
        k -= 1
    if k < 0 or doc[k].lower_ != "as" or doc[k].dep_ != "prep":
        return None
    verb = doc[k].head
    subject = _subject_of(verb)
    if verb.pos_ != "VERB" or subject is None or subject.lower_ == "it" or not _source_like(subject):
        return None
    if not any(c.dep_ == "dobj" and c.i < doc[k].i for c in verb.children):
        return None  # "it acts as a 'lubricant'": a role, not someone casting another in one
    speaker, mention = _speaker_of_verb(doc, verb)
    if mention is None:
        return None
    return verb, speaker, mention


def _cue_sentence_after(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    """'"...?" Trump said.' or '"..." She went on.': a quote ending its sentence, attributed by a
    short sentence right after it that holds only a speaker and a speech verb."""
    last = doc[span.end - 1]
    if last.sent.end >= len(doc) or doc[last.sent.end].sent.start_char > end + 3:
        return None  # the quote does not end its sentence
    nxt = doc[last.sent.end].sent
    words = [t for t in nxt if not t.is_punct and not t.is_space]
    if not words or "\n" in doc_text(doc)[end : nxt.start_char]:
        return None
    first = words[0]
    if first.pos_ == "VERB" and first.tag_ == "VBD" and _lemma(first) in SPEECH_VERBS:
        # '"...?" asked Mr. Manafort, referring to ...': the speaker follows the verb
        named = next((c for c in first.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i > first.i), None)
        if named is not None and named.pos_ == "PROPN":
            speaker, mention = _resolve_np(doc, named)
            if mention is not None:
                content = (start + 1, end - 1 if doc_text(doc)[end - 1] in _QUOTE_CHARS else end)
                return _info(doc, content, True, "cue-after", first, speaker, mention,
                             (doc[span.start].sent.start_char, nxt.end_char))
    if len(words) > 8:
        return None
    for verb in words:
        lemma = _lemma(verb)
        on = any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children)
        if verb.pos_ != "VERB" or not (lemma in SPEECH_VERBS or (lemma == "go" and on)):
            continue
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
            return None
        speaker, mention = _speaker_of_verb(doc, verb)
        if speaker is None and mention is None:
            return None
        content = (start + 1, end - 1 if doc_text(doc)[end - 1] in _QUOTE_CHARS else end)
        return _info(doc, content, True, "cue-after", verb, speaker, mention,
                     (doc[span.start].sent.start_char, nxt.end_char), cue_text=f"{verb.text} on" if on else None)
    return None


# -- surface attribution: the words around a quotation, whatever the parse ---------------------------
_CLOSERS = ",?!—–-…"


def _after_mark(doc: Doc, end: int) -> int | None:
    """The index of the first token after a quotation's closing mark (and a comma outside it)."""
    token = _token_at(doc, end)
    if token is None:
        return None
    i = token.i
    while i < len(doc) and (doc[i].text in _QUOTE_CHARS | {"''"} or doc[i].is_space):
        i += 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return i if i < len(doc) else None


def _token_at(doc: Doc, char: int) -> Token | None:
    """The first token starting at or after ``char``."""
    span = doc.char_span(char, len(doc_text(doc)), alignment_mode="expand") if char < len(doc_text(doc)) else None
    if span is None or len(span) == 0:
        return None
    return span[0] if span[0].idx >= char or len(span) == 1 else span[1]


def _is_cue(verb: Token, extra: frozenset[str] = frozenset()) -> bool:
    """A verb that attributes quoted words: a speech verb, or "shot back", "went on", "put it"."""
    if verb.pos_ != "VERB":
        return False
    lemma = _lemma(verb)
    if lemma in CUE_VERBS or lemma in extra:
        return True
    follow = {c.lower_ for c in verb.children if c.i > verb.i}
    return ((lemma in ("shoot", "fire", "hit", "push") and "back" in follow) or (lemma == "go" and "on" in follow)
            or (lemma == "put" and "it" in follow) or (lemma == "cut" and "in" in follow))


def _cue_words(doc: Doc, verb: Token) -> str:
    particle = next((c for c in verb.children if c.i == verb.i + 1 and (c.dep_ == "prt" or c.lower_ in ("back", "it"))), None)
    return f"{verb.text} {particle.text}" if particle is not None else verb.text


def _verb_after_quote(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    """'"...," James Roe, the mayor, said at a news conference.' / '"...?" asked the 46-year-old.':
    a speaker and a speech verb right after the closing mark attribute the quotation, however the
    parser joined the two (it often hangs "said" on a verb inside the quotation)."""
    text = doc_text(doc)
    inner_end = end - 1 if text[end - 1] in _QUOTE_CHARS else end
    last = text[start + 1 : inner_end].rstrip().rstrip("'’\"”")[-1:]  # "... 'the decade,'" ends with a comma
    i = _after_mark(doc, end)
    if i is None or "\n" in text[end : doc[i].idx]:
        return None
    comma_outside = doc[i - 1].text == "," and doc[i - 1].idx >= end
    if last not in _CLOSERS and last != "." and not comma_outside:
        return None
    stop = min(len(doc), i + 40)
    stop = next((t.i for t in doc[i:stop] if "\n" in t.text or t.text in (".", "!", "?", ";") or t.text in _QUOTE_CHARS), stop)
    verb: Token | None = None
    speaker: tuple[str | None, tuple[int, int] | None] = (None, None)
    if _is_cue(doc[i], AFTER_VERBS) and doc[i].tag_ in ("VBD", "VBZ", "VBP"):
        # '"...," said James Roe, a physicist.'
        run = _np_run(doc, i + 1, stop)
        if run is not None:
            verb, speaker = doc[i], _named_speaker(doc, *run)
    else:
        run = _np_run(doc, i, stop)
        if run is None:
            return None
        k = run[1]
        if k < stop and doc[k].pos_ == "ADP" and doc[k].lower_ != "that":
            # a phrase after the speaker: '"...," a woman in the crowd shouted'
            more = _np_run(doc, k + 1, stop)
            k = more[1] if more is not None else k
        if k < stop and doc[k].text == ",":
            # an apposition: '"...," James Roe, the mayor of Springfield, said'
            close = next((t.i for t in doc[k + 1 : stop] if t.text == ","), None)
            if close is None:
                return None
            k = close + 1
        while k < stop and k - run[1] < 30 and (doc[k].pos_ in ("ADV", "AUX") or doc[k].tag_ == "RB"):
            k += 1
        if k < stop and _is_cue(doc[k], AFTER_VERBS):
            verb, speaker = doc[k], _named_speaker(doc, *run)
        elif k < stop and (last in ",?!" or comma_outside) and _reply_verb(doc, k, stop):
            # '"...," an angry Hollande retaliated.': any verb closing a short sentence after the quote
            named = _named_speaker(doc, *run)
            head = _np_head(doc, *run)
            if named[0] is not None or head.lower_ in ("he", "she") or _lemma(head) in SOURCE_NOUNS:
                verb, speaker = doc[k], named
    if verb is None or speaker == (None, None):
        return None
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("that", "how", "whether", "if"):
        return None  # '"...," the mayor said that ...': the quotation is not what the verb reports
    if (stop < len(doc) and doc[stop].text in _QUOTE_CHARS and doc[stop - 1].text in (",", ":")
            and not (last == "," or comma_outside)):
        # '"...." He added, "..."': the verb introduces the next quotation (after a comma it attributes
        # both halves of one: '"The risk," said Jane Roe, an economist, "is ..."')
        return None
    tail = [t for t in doc[verb.i + 1 : stop] if not t.is_punct]
    if any(t.lower_ == "that" and t.dep_ == "mark" for t in tail):
        return None  # '"..." She replied to him that ...'
    if last == "." and not comma_outside:
        # a quotation closing its sentence: only a short cue sentence of its own attributes it, and only
        # when the quotation is the whole sentence ('X said they had "never been closer." Y agreed.' is X's)
        opening = _token_at(doc, start)
        if opening is not None and any(not t.is_punct and not t.is_space for t in doc[opening.sent.start : opening.i]):
            return None
        ends = stop == len(doc) or doc[stop].text in (".", "!", "?") or "\n" in doc[stop].text
        complement = any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and len(tail) > 3) for c in verb.children)
        if not ends or complement or len(tail) > 8 or any(t.pos_ in ("VERB", "AUX") for t in tail):
            return None
    if _lemma(verb) == "read" and speaker[0] is not None:
        return None  # 'Mr. Roe read' a text aloud is not what he said
    content = (start + 1, inner_end)
    evidence = (doc[span.start].sent.start_char, max(doc[verb.i].sent.end_char, end))
    return _info(doc, content, True, "verb-after", verb, speaker[0], speaker[1], evidence,
                 cue_text=_cue_words(doc, verb))


def _reply_verb(doc: Doc, k: int, stop: int) -> bool:
    """The verb at ``k`` ends its sentence with at most a particle, adverbs or a time after it
    ("retaliated.", "shot back on Tuesday.", "quipped later"), so all it can report is the quotation."""
    verb = doc[k]
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ") or _lemma(verb) in ("be", "have", "do"):
        return False
    if stop < len(doc) and doc[stop].text not in (".", "!") and "\n" not in doc[stop].text:
        return False
    tail = [t for t in doc[k + 1 : stop] if not t.is_punct]
    return len(tail) <= 4 and not any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("dobj", "ccomp", "mark") for t in tail)


def _verb_before_quote(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    """'James Roe said, "..."' / 'Said Ms. Roe: "..."' / '..., tweeting: "..."': a speech verb, a comma
    or colon and the opening mark; the speaker is the verb's subject, or the words after an inverted verb."""
    mark = doc.char_span(start, start + 1, alignment_mode="expand")
    if mark is None or len(mark) == 0 or mark[0].i < 2:
        return None
    k = mark[0].i - 1
    if doc[k].text not in (",", ":"):
        if not (_is_cue(doc[k]) and _lemma(doc[k]) not in NEEDS_CLAUSE | NAMING_VERBS):
            return None
        k += 1  # 'protesters chanted "..."', 'writing "..."': the verb right before the mark
    if "\n" in doc_text(doc)[doc[k].idx : start]:
        return None
    # the cue verb, possibly with a short object or phrase after it: 'told reporters:', 'said in a statement,'
    verb = None
    for j in range(k - 1, max(-1, k - 7), -1):
        token = doc[j]
        if token.is_punct or "\n" in doc_text(doc)[token.idx : doc[j + 1].idx]:
            break
        if _is_cue(token):
            verb = token
            break
        if token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ"):
            break
    if verb is None:
        return None
    if _lemma(verb) in NEEDS_CLAUSE and _lemma(verb) not in ("add", "write", "post", "ask", "reply",
                                                                         "respond", "answer", "continue", "recall", "note"):
        return None
    speaker, mention = _direct_speaker(doc, verb, (start, end))
    if speaker is None and mention is None and (verb.i == verb.sent.start or doc[verb.i - 1].is_punct):
        # 'Said Ms. Roe: "..."', 'Continued Roe: "..."'
        run = _np_run(doc, verb.i + 1, k)
        if run is not None and run[1] == k:
            speaker, mention = _named_speaker(doc, *run)
    if speaker is None and mention is None:
        return None
    if mention is not None and start <= mention[0] < end:
        return None
    inner_end = end - 1 if doc_text(doc)[end - 1] in _QUOTE_CHARS else end
    evidence = (verb.sent.start_char, max(doc[span.end - 1].sent.end_char, end))
    return _info(doc, (start + 1, inner_end), True, "verb-before", verb, speaker, mention, evidence,
                 cue_text=_cue_words(doc, verb))


_DASH_NAME = re.compile(
    r"\s*(?P<dash>[―—–]|--?)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|la|van|von|der|al|bin|da|dos))"
    r"{0,5})(?:\s*,\s*[^\n]{1,120}?)?\s*\.?\s*$"
)


def _dash_after(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    """'"..." ― Jane Roe' or '"..." — Jane Roe, a teacher': a quotation opening its paragraph and
    signed after a dash at the paragraph's end."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, start) + 1
    if text[para_start:start].strip():
        return None
    line_end = _line_end(text, end)
    after = end
    while after < line_end and text[after] in _QUOTE_CHARS:
        after += 1
    match = _DASH_NAME.match(text[after:line_end])
    if match is None:
        return None
    name = (after + match.start("name"), after + match.end("name"))
    last = match.group("name").split()[-1]
    if last.endswith(".") and len(last) > 3 and last not in ("Jr.", "Sr."):
        name = (name[0], name[1] - 1)  # the full stop ends the paragraph, not an initial
    words = doc.char_span(name[0], name[1], alignment_mode="expand")
    if words is None or any(t.pos_ == "VERB" for t in words):
        return None
    dash = next((t for t in doc[max(0, words.start - 3) : words.start] if set(t.text) & set("-―—–")), None)
    if dash is None:
        return None
    speaker = next((m.actor for m in doc._.cq_mentions if words.start <= m.start < words.end), None)
    inner_end = end - 1 if text[end - 1] in _QUOTE_CHARS else end
    return _info(doc, (start + 1, inner_end), True, "dash", dash, speaker, name, (para_start, line_end),
                 cue_text=match.group("dash"))


def _names_it(verb: Token, span: Span) -> bool:
    """'called the plan "a disaster"', 'what she called a "rant"': the quoted words name something."""
    if _lemma(verb) not in NAMING_VERBS or not 0 < span.start - verb.i <= 8:
        return False
    if any(c.dep_ == "prt" or (c.dep_ == "prep" and c.i == verb.i + 1) for c in verb.children):
        return False  # "called on", "called for", "called off"
    return any(t.dep_ in ("oprd", "xcomp", "dobj", "attr", "ccomp") and t.head == verb for t in span) or any(
        c.dep_ in ("oprd", "xcomp", "dobj", "ccomp") and any(t in c.subtree for t in span) for c in verb.children
    )


def _same_attribution(info: QuoteInfo | None, other: QuoteInfo) -> bool:
    """Two attributions of one quotation that name the same cue and overlapping speaker words."""
    if info is None or info.speaker_mention is None or other.speaker_mention is None:
        return False
    (a, b), (c, d) = info.speaker_mention, other.speaker_mention
    return info.cue_lemma == other.cue_lemma and a < d and c < b


def _is_title(doc: Doc, start: int, content: str) -> bool:
    """A quoted name of a programme, book or song after a preposition ('on "Face the Nation"')."""
    words = content.rstrip(".,").split()
    if not words or len(words) > 7 or content.rstrip()[-1:] in "?!,":
        return False
    if not all(w[:1].isupper() or w in ("a", "an", "the", "of", "and", "in", "on", "to", "for", "with") for w in words):
        return False
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, start)
    if not text[line_start:start].strip() and not text[start + len(content) + 2 : line_end].strip(" .'’\"”"):
        return True  # "'Legend in the Coal Fields.'" alone on its line: a subheading
    before = text[max(0, start - 12) : start].split()
    if not before:
        return False
    return before[-1].lower() in ("on", "in", "to", "at", "from", "with", "of", "during") or before[-1].endswith(("'s", "’s"))


def _is_nickname(text: str, start: int, end: int, content: str) -> bool:
    """A quoted nickname inside a name: 'Marcia "Cia" Price'."""
    if len(content.split()) > 2 or not content[:1].isupper():
        return False
    before = text[max(0, start - 20) : start].split()
    after = text[end : end + 20].split()
    return bool(before and after) and before[-1][:1].isupper() and after[0][:1].isupper()


def _split_by_cue(gap: str, previous: QuoteInfo) -> bool:
    """'"The risk," said Jane Roe, an economist at the bank, "is that ..."': one quotation cut in two by
    its own cue, however long the apposition naming the speaker."""
    if previous.cue is None or previous.rule not in ("verb", "verb-after") or len(gap) > 240 or "\n" in gap:
        return False
    inner = gap.strip(" " + "".join(_QUOTE_CHARS))
    return (inner.endswith(",") and re.search(rf"\b{re.escape(previous.cue)}\b", inner) is not None
            and not re.search(r"[.!?;:]\s", inner))


def _continuation(doc: Doc, span: Span, start: int, end: int, previous: QuoteInfo) -> QuoteInfo | None:
    """A quote standing alone right after an attributed one continues the same voice."""
    sent = doc[span.start].sent
    gap = doc_text(doc)[previous.end_char : start]
    if (previous.speaker is None and previous.speaker_mention is None) or previous.rule == "dash":
        return None  # a signature after a dash signs its own paragraph only
    if len(gap) > 40 and not (len(gap) <= 300 and "\n" not in gap and previous.evidence[1] >= start - 3):
        return None  # not right after the quote, nor right after the sentence attributing it
    covered = (end - start) / max(1, sent.end_char - sent.start_char)
    if covered < 0.6 and not _split_by_cue(gap, previous):
        return None
    return QuoteInfo(start + 1, end - 1 if doc_text(doc)[end - 1] in _QUOTE_CHARS else end, True, "continuation",
                     previous.cue, previous.speaker, previous.speaker_mention, list(previous.about),
                     (sent.start_char, sent.end_char), previous.cue_lemma, previous.target)
