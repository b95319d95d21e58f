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

Every quote records its ``cue`` (the words that attribute it) and its ``rule``:

- quotation marks: ``verb`` ('"...," she said'), ``verb-after`` / ``verb-before`` (the same read from
  the words around the marks when the parse fails), ``noun`` ("his words: '...'"), ``according-to``,
  ``colon``, ``dash`` ('"..." ― Name'), ``cue-after`` ('"...?" X asked.'), ``continuation``,
  ``as-quote`` ('cast him as a "con artist"');
- whole paragraphs: ``speaker-label`` (transcripts), ``block-quote``, ``remarks-page``,
  ``signed-statement``, ``headline`` ("Name: words" as the title);
- reported speech: ``reported`` (a cue verb and its clause or infinitive), ``object`` ("voiced
  concern over ..."), ``stance-object`` ("backed the plan", "mocked X for ..."), ``prep-object``
  ("warned of ..."), ``stance-adjective`` ("is confident that ..."), ``noun-clause`` ("her belief
  that ..."), ``noun-object`` ("his criticism of ..."), ``light-verb`` ("took aim at ..."),
  ``in-words`` ("in X's words, ..."), ``appearance`` ("appeared to blame ...") and ``sourceless``
  (no source named: "Asked whether ...", "was accused of ...", "seems ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import ActorInfo, MentionInfo, actor_at, local_id

SPEECH_VERBS = frozenset(
    """say tell state stress emphasize emphasise note add warn insist praise confirm deny describe announce
    declare claim assert argue explain suggest acknowledge admit reiterate underline underscore point remark
    comment observe reply respond answer write tweet post report recall urge demand propose promise pledge
    vow threaten accuse criticize criticise condemn welcome thank congratulate voice hail commend reaffirm
    affirm predict caution complain concede contend disclose maintain mention quip retort reveal signal
    testify quote call ask express voice convey continue""".split()
)
# verbs that attribute quoted words only ('"...," she shouted', 'protesters chanted "..."'); too loose
# for reported speech, so the reported-speech rules never use them
DIRECT_VERBS = frozenset(
    """shout yell scream chant sing cry exclaim boast scold joke muse interject boom quip plead mutter
    whisper gush rave lament blast slam mock deride decry lambaste denounce ridicule dub label brand
    confess bark holler mumble murmur snap growl hiss roar thunder grumble groan moan taunt tease beg
    proclaim mouth echo chide""".split()
)
# verbs that name something with the quoted words: 'called the plan "a disaster"', 'what they dubbed "X"'
NAMING_VERBS = frozenset("call dub label brand term".split())
# verbs that attribute a quotation only when a speaker and the verb follow it ('"...," the letter reads',
# '"...," agrees Ms. Stevens'): before a quotation they mostly take it as an object or a title
AFTER_VERBS = frozenset("read conclude agree assure wonder recount marvel counter echo laugh sigh chime snap".split())
CUE_VERBS = SPEECH_VERBS | DIRECT_VERBS
# what someone issues, sends or posts: "released a statement saying ..." is the sender's
DOCUMENT_NOUNS = frozenset("ad ads email e-mail release video memo note op-ed column spot".split())
# words that never name who speaks, even as the subject of a speech verb
NOT_SPEAKERS = frozenset("there this what these those something nothing everything you it that which who whom".split())
# verbs of thought, belief and finding: they attribute only a clause ("X believes that ...")
CLAUSE_VERBS = frozenset(
    """rule lament opine hint imply proclaim posit theorize surmise believe think hope expect fear feel agree disagree acknowledge insist concede estimate predict question
    wonder find show indicate suggest conclude learn know argue allege charge contend doubt worry assume guess
    imagine recognize recognise realize realise understand reckon suspect forecast project assure inform remind
    boast brag joke muse speculate consider see hear read notice figure decide determine agree promise pledge
    vow swear guarantee concede admit acknowledge tell say claim assert maintain""".split()
)
# verbs whose object carries the statement when the object is a stance noun:
# "expressed his thanks for ...", "raised concerns on ...", "stressed the need for ...", "set out his ambition to ..."
OBJECT_CUES = frozenset(
    """express voice convey raise set outline stress emphasize emphasise underline underscore reiterate reaffirm
    announce make extend offer register state renew repeat""".split()
)
STANCE_NOUNS = frozenset(
    """need importance thanks gratitude appreciation ambition concern concerns commitment support hope hopes view
    views position condolences sympathy regret readiness willingness intention determination desire wish interest
    opposition solidarity request call appeal proposal offer plan plans shift priority priorities congratulations
    objection objections disappointment satisfaction frustration worry worries alarm belief conviction confidence
    doubt doubts vision resolve insistence demand demands expectation expectations fear fears""".split()
)
# verbs that draw a conclusion from a fact: "..., suggesting that ..." is the writer's inference
INFERENCE_VERBS = frozenset("indicate suggest show reveal signal mean imply demonstrate prove".split())
# verbs of intention or demand whose infinitive is the content ("X wants to ...", "X refused to ...")
INTENT_VERBS = frozenset(
    "want plan vow promise pledge refuse threaten hope intend decline urge ask call offer encourage".split()
)
# nouns that take a "that" clause as their content ("his belief that ...", "concern that ...")
CLAUSE_NOUNS = frozenset(
    """view belief opinion hope concern fear claim assertion statement warning argument suggestion assessment
    conviction insistence promise pledge message assurance assurances impression sense feeling expectation
    confidence worry doubt charge allegation accusation prediction estimate contention position thought
    recognition acknowledgement acknowledgment""".split()
)
# verbs that only report speech with a clause or a quote after them, never on their own
NEEDS_CLAUSE = frozenset(
    "add note point call ask report write post recall answer reply respond signal mention maintain observe reveal continue".split()
)
# verbs whose direct object is what the subject supports, opposes or names ("backed the plan",
# "called him a liar"): the object (with its complement) is the attributed content
STANCE_OBJECT_VERBS = frozenset(
    """support back endorse oppose favor favour prefer reject dismiss tout defend recommend mention cite
    call see consider fear question doubt dispute challenge demand promise propose describe tweet
    reiterate repeat admit predict remember recall highlight emphasize emphasise list trust
    regard""".split()
)
# verbs that need a complement after the object to attribute anything ("called him a liar", "sees it as ...")
NEEDS_COMPLEMENT = frozenset(
    "call see consider regard view dub label brand term cast portray paint depict frame identify link".split()
)
# participles of plain speech: "X attacked Y, saying ..." gives X's words whatever X did
SAYING = frozenset(
    """say tell add argue claim insist warn write explain note declare accuse call ask promise pledge vow urge
    criticize criticise praise blame describe dismiss reject deny acknowledge admit complain predict
    threaten demand question""".split()
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
    representative representatives ambassador envoy president chairman secretary statement mayor governor
    nominee chair chairwoman congressman congresswoman pollster strategist economist economists""".split()
)
# subjects that never name a speaker: expletives and relative or demonstrative pronouns
NO_SPEAKER = frozenset("there this what these those something nothing everything you".split())
# "in X's words / view / opinion": the clause is X's
VIEW_NOUNS = frozenset("word words view opinion estimation judgment judgement assessment telling account mind".split())
PEOPLE_NOUNS = frozenset(
    """percent voter voters american americans candidate candidates businessman man woman men women judge
    member members supporter supporters opponent opponents republican republicans democrat democrats
    group committee party company agency police campaign poll survey study paper network author host
    majority minority half third quarter most many some others respondent respondents""".split()
) | frozenset(
    # people and bodies that news reports quote, in the singular (lemmas)
    """protester demonstrator activist campaigner advocate organizer organiser worker employee officer prosecutor
    lawyer attorney investigator researcher scientist scholar historian commentator pundit journalist reporter
    editor columnist writer donor delegate conservative liberal progressive moderate independent evangelical
    citizen parent teacher student doctor physician nurse farmer veteran immigrant refugee executive director
    founder chief ally staffer insider operative consultant legislator justice court panel commission board
    council department administration government ministry union coalition alliance newspaper magazine outlet
    website station channel foundation institute center centre firm bank participant attendee audience crowd
    person people friend neighbor neighbour relative family colleague counterpart partner owner manager
    negotiator mediator inspector monitor regulator engineer planner architect economist lender investor trader
    banker""".split()
)
HEADLINE_SOURCES = frozenset("poll survey report study newspaper camp campaign".split())
# verbs whose subject is also the subject of the cue they complete ("seemed to suggest", "refused to say")
CONTROL_VERBS = frozenset("seem appear want try continue refuse decline begin start go promise plan need have use take".split())
TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow morning afternoon
    evening night day days week weeks month months year years hour hours minute minutes time occasion""".split()
)
# adjectives of a stated stance after "to be" ("is confident that ...", "are worried about ...")
STANCE_ADJECTIVES = frozenset(
    """confident sure certain convinced clear adamant optimistic pessimistic hopeful worried concerned skeptical
    sceptical doubtful fearful critical supportive wary insistent firm emphatic unequivocal proud angry furious
    upset disappointed frustrated happy pleased glad eager keen determined opposed""".split()
)
# records that find or show things: "polls show a close race", "the audit found 31 errors"
EVIDENCE_NOUNS = frozenset(
    """poll survey study report analysis data figure number average research review audit investigation probe
    estimate census tally count model forecast projection paper record filing statistic result""".split()
)
EVIDENCE_VERBS = frozenset("show find indicate suggest reveal project estimate predict conclude document".split())
JOINT_VERBS = frozenset(
    "agree disagree discuss reaffirm reiterate exchange welcome underline emphasize emphasise stress note speak talk reflect".split()
)
OFFICES = frozenset("president minister chancellor secretary premier king queen emir spokesperson spokesman".split())
LABEL_STOP = frozenset(
    "note source photo photos date location update updated read watch see tags share related image video by".split()
)
PRAISE = frozenset("praise commend hail laud thank congratulate welcome applaud salute".split())
CRITICISM = frozenset("criticize criticise condemn denounce blame slam accuse rebuke castigate".split())

# verbs of praise, blame and announcement whose object is what was praised, blamed or made known
# ("hailed the ruling", "mocked the senator for ...", "announced his resignation")
STANCE_OBJECT_VERBS = STANCE_OBJECT_VERBS | frozenset(
    """praise commend hail laud applaud salute congratulate criticize criticise condemn denounce decry slam blast
    mock ridicule deride lambaste chide rebuke scold castigate berate fault blame accuse attack assail disparage
    belittle announce unveil declare disclose acknowledge concede deny tout echo champion embrace
    compare liken equate view dub label brand term detail outline recount rebut refute contradict protest
    celebrate promote float pitch advocate cast portray paint depict frame characterize characterise identify
    link invoke reference""".split()
)
# of those, verbs also used of force ("attacked the town"): only a person's words count
PERSON_ONLY = frozenset("attack assail blast slam hit".split())
# verbs of judging someone: their object alone is a stance (an event), the words need a reason ("for ...", "as ...")
JUDGING = PRAISE | CRITICISM | PERSON_ONLY | frozenset(
    "mock ridicule deride lambaste chide scold berate fault decry disparage belittle laud".split()
)
# verbs whose prepositional object is what was spoken of ("talked about", "called for", "warned of")
PREP_CUES: dict[str, frozenset[str]] = {
    lemma: frozenset(preps.split("/"))
    for lemma, preps in (
        ("talk", "about/of/on"), ("speak", "about/of/on/against/for"), ("refer", "to"), ("comment", "on/about"),
        ("warn", "of/about/against"), ("complain", "about/of"), ("boast", "of/about"), ("brag", "about/of"),
        ("rail", "against"), ("argue", "for/against/about"), ("call", "for"), ("appeal", "for/to"),
        ("press", "for"), ("push", "for"), ("lobby", "for/against"), ("campaign", "for/against/on"),
        ("advocate", "for"), ("plead", "for"), ("testify", "about/on"), ("write", "about/of"), ("tweet", "about"),
        ("joke", "about"), ("lament", "about"), ("insist", "on"), ("elaborate", "on"), ("reflect", "on"),
        ("weigh", "on"), ("open", "about"), ("apologize", "for"), ("apologise", "for"), ("vouch", "for"),
        ("ask", "about/for"), ("inquire", "about"), ("question", "about"), ("rave", "about"), ("gush", "about"),
        ("express", "about"), ("speculate", "about/on"), ("muse", "about/on"), ("wonder", "about"),
        ("worry", "about"), ("disagree", "with/on/about"), ("agree", "with/on"), ("side", "with"),
        ("object", "to"), ("respond", "to"), ("reply", "to"), ("point", "to"), ("allude", "to"),
        ("vow", "to"), ("focus", "on"), ("dwell", "on"), ("harp", "on"), ("hammer", "on"),
    )
}
_CUE_LEMMAS = SPEECH_VERBS | CLAUSE_VERBS | INTENT_VERBS | STANCE_OBJECT_VERBS | OBJECT_CUES | frozenset(PREP_CUES)

# -- nominal cues: a noun, not a verb, attributes the words ("Trump's criticism of the deal") --
# stance nouns whose prepositional object is what was held, with those prepositions; not the topic nouns
# ("his comments on the meetings", "her views on trade"), whose object says what was spoken about, not what was said
NOMINAL_CUES: dict[str, frozenset[str]] = {
    lemma: frozenset(preps.split("/"))
    for lemmas, preps in (
        ("criticism criticisms condemnation denunciation attack attacks", "of/on/against/for"),
        ("support endorsement backing", "for/of/behind"),
        ("opposition objection objections resistance", "to"),
        ("praise admiration", "for/of"),
        ("concern concerns worry worries fear fears doubt doubts skepticism scepticism", "about/over/regarding/of"),
        ("call calls demand demands appeal plea push", "for"),
        ("announcement", "of/on"),
        ("insistence", "on"),
        ("warning warnings", "about/of/against"),
        ("complaint complaints", "about/of/against"),
        ("disdain contempt enthusiasm", "for"),
        ("defense defence embrace rejection dismissal denial", "of"),
        ("assessment characterization description estimate estimates declaration declarations adulation", "of"),
        ("obsession", "with"),
        ("thanks gratitude apology", "for"),
    )
    for lemma in lemmas.split()
}
# nouns whose infinitive is what someone means to do ("her refusal to testify", "his vow to repeal")
NOMINAL_INTENT = frozenset(
    """promise pledge vow threat refusal determination proposal call calls demand demands
    push bid intention offer eagerness readiness willingness""".split()
)
# nouns whose "that" clause is the content, beyond CLAUSE_NOUNS ("the report by X that ...")
NOMINAL_CLAUSE = frozenset("announcement acknowledgment acknowledgement emphasis admission denial report reports".split())
# people nouns that name a stance with "of" after a copula ("she is a staunch opponent of the death penalty")
STANCE_PEOPLE = frozenset("supporter opponent critic champion defender advocate proponent backer foe".split())
# light verbs and the nouns that make them a cue, with the prepositions of the content
# ("made the case for", "took aim at", "raised questions about", "threw her support behind")
LIGHT_VERBS: dict[str, dict[str, frozenset[str]]] = {
    "make": {n: frozenset(p.split("/")) for ns, p in (
        ("case", "for/against"), ("comment comments remark remarks statement statements", "about/on/regarding"),
        ("mention", "of"), ("pitch plea appeal", "for"), ("argument", "for/against/about"),
        ("point", "about"), ("claim claims", "about")) for n in ns.split()},
    "take": {n: frozenset(p.split("/")) for ns, p in (
        ("aim swipe swipes shot shots jab jabs potshot potshots", "at"), ("issue", "with"),
        ("stand stance position", "on/against")) for n in ns.split()},
    "raise": {n: frozenset(["about", "over", "regarding"]) for n in "question questions doubts doubt".split()},
    "pose": {n: frozenset(["about", "over", "regarding"]) for n in "question questions".split()},
    "launch": {n: frozenset(["on", "against"]) for n in "attack attacks".split()},
    "level": {n: frozenset(["at", "against"]) for n in "criticism charge charges accusation accusations".split()},
    "throw": {"support": frozenset(["behind", "to"]), "weight": frozenset(["behind"])},
    "lend": {"support": frozenset(["to"]), "voice": frozenset(["to"])},
    "give": {n: frozenset(["to", "for"]) for n in "endorsement support backing".split()},
    "have": {n: frozenset(["on", "about", "toward", "towards"]) for n in "view views feelings position".split()},
}
# verbs of receiving a stance: what draws it is the content, who gives it the source
# ("the proposal drew criticism from senators", "she came under criticism")
RECEIVED_NOUNS = frozenset("criticism criticisms ridicule praise condemnation backlash scorn rebuke derision".split())
RECEIVING_VERBS = frozenset("draw face endure receive attract earn win garner".split())

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
    """Character spans (open mark, close mark + 1) of top-level quotations in ``text``.

    Doubled apostrophes and backticks (''like this'', ``like this'') are double quotation marks
    written with two characters; a span then starts at the second character of the opening pair and
    ends after the first of the closing one, so the words inside stay exactly the quotation.
    """
    if "''" not in text and "``" not in text:
        return _quote_spans(text)
    marked = re.sub(r"''|``", '"\x01', text)
    spans = []
    for start, end in _quote_spans(marked):
        if marked[start] == '"' and start + 1 < len(marked) and marked[start + 1] == "\x01":
            start += 1
        spans.append((start, end))
    return spans


def _quote_spans(text: str) -> list[tuple[int, int]]:
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
                if j < n and _closes_unopened(text, j, closer):
                    # a block quote whose paragraphs are not reopened: it still closes at the end
                    spans.append((open_at, i))
                    open_at = j - 1
                    i = j
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
            elif ch == "”" and _is_opening(text, i) and i + 1 < n and text[i + 1].isalnum():
                open_at, closer = i, "”"  # a right mark typed where a left one belongs ('”We will win,” she said')
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


def _closes_unopened(text: str, start: int, closer: str | None) -> bool:
    """The paragraph at ``start`` ends with ``closer`` and opens no quotation of its own."""
    end = _line_end(text, start)
    para = text[start:end].rstrip()
    if len(para) < 2 or para[-1] not in (closer or "", '"', "”"):
        return False
    body = para[:-1]
    return not any(ch in OPENERS for ch in body) and not any(
        ch == '"' and _is_opening(text, start + k) for k, ch in enumerate(body)
    )


def _single_close(text: str, i: int) -> int | None:
    """The closing single mark of a single-quoted quotation opening at ``i`` (same paragraph)."""
    end = _line_end(text, i)
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
    for start, end in quote_spans(_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            marks.append((span.start, span.end))
    doc._.cq_quote_marks = marks
    doc._.cq_quote_chars = quote_spans(_text(doc))
    return doc


# -- attribution --------------------------------------------------------------------------------
class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[QuoteInfo]:
        found: list[QuoteInfo] = []
        turns = _transcript_turns(doc)
        in_turn = [False] * (len(_text(doc)) + 1)
        for turn_start, turn_end, _label in turns:
            for k in range(turn_start, min(turn_end, len(in_turn))):
                in_turn[k] = True
        found.extend(self._labelled(doc, turns))
        found.extend(self._block_quotes(doc))
        found.extend(self._headline(doc))
        if not turns:
            found.extend(self._remarks_page(doc, found))
            found.extend(self._signed_statement(doc, found))
        quoted = self._quoted(doc, in_turn)
        found.extend(quoted)
        # words already in someone's voice: a speaker's turn, or inside quotation marks whoever said them
        # ('"I think we will win," a voter said': "I think" is not a second quote)
        voiced = list(in_turn)
        for start, end in doc._.cq_quote_chars:
            if len(_text(doc)[start:end].split()) >= 4:
                for k in range(start, min(end, len(voiced))):
                    voiced[k] = True
        found.extend(self._reported(doc, [(q.start_char, q.end_char) for q in found], voiced))
        found.extend(self._nominal(doc, [(q.start_char, q.end_char) for q in found], voiced))
        found.sort(key=lambda q: q.start_char)
        return _dedupe(doc, found)

    def set_annotations(self, doc: Doc, found: list[QuoteInfo]) -> None:
        doc._.cq_quotes = found

    # nominal cues ------------------------------------------------------------------------------
    def _nominal(self, doc: Doc, taken: list[tuple[int, int]], voiced: list[bool]) -> list[QuoteInfo]:
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

    # transcript speaker labels ------------------------------------------------------------------
    def _labelled(self, doc: Doc, turns: list[tuple[int, int, tuple[int, int]]]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        doc._.cq_turns = []
        for start, end, (lab_start, lab_end) in turns:
            label = _text(doc)[lab_start:lab_end]
            span = doc.char_span(lab_start, lab_end, alignment_mode="expand")
            speaker = None
            if span is not None:
                people = [m for m in doc._.cq_mentions if span.start <= m.start < span.end]
                persons = [m for m in people if doc._.cq_actors[m.actor].kind == "person"]
                chosen = (persons or people or [None])[-1]
                speaker = chosen.actor if chosen else None
            doc._.cq_turns.append((start, end, speaker))
            for p_start, p_end in _paragraphs(_text(doc), start, end):
                if len(_text(doc)[p_start:p_end].split()) < 6 or _courtesy(_text(doc)[p_start:p_end]):
                    continue  # "Thank you very much.", "Good afternoon! Welcome to Moscow." state nothing
                out.append(
                    QuoteInfo(p_start, p_end, True, "speaker-label", label, speaker, (lab_start, lab_end),
                              evidence=(p_start, p_end))
                )
        return out

    # "Graham: Trump's rhetoric is destroying the party" as the title line ------------------------
    def _headline(self, doc: Doc) -> list[QuoteInfo]:
        text = _text(doc)
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

    # "Remarks by X ..." as the title: the page is X's own words ------------------------------
    def _remarks_page(self, doc: Doc, found: list[QuoteInfo]) -> list[QuoteInfo]:
        text = _text(doc)
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

    # "We, the G7 Foreign Ministers of ..., condemn ...": a statement in its signatories' voice ------
    def _signed_statement(self, doc: Doc, found: list[QuoteInfo]) -> list[QuoteInfo]:
        text = _text(doc)
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

    # "X said:" followed by paragraphs without quotation marks (GOV.UK block quotes) ------------
    def _block_quotes(self, doc: Doc) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        text = _text(doc)
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

    # quotation marks --------------------------------------------------------------------------
    def _quoted(self, doc: Doc, in_turn: list[bool]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        previous: QuoteInfo | None = None
        for start, end in doc._.cq_quote_chars:
            inner_start, inner_end = start + 1, end - 1 if _text(doc)[end - 1] in _QUOTE_CHARS else end
            content = _text(doc)[inner_start:inner_end].strip()
            if not content or not re.search(r"\w", content):
                continue
            span = doc.char_span(inner_start, inner_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if _is_title(doc, start, content) or _is_nickname(_text(doc), start, end, content):
                continue  # 'told "Morning Joe"', 'said on "Face the Nation"': a programme, not words
            info = self._attribute(doc, span, start, end) or _cue_sentence_after(doc, span, start, end)
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

    def _attribute(self, doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
        inside = set(range(span.start, span.end))
        first_sent = doc[span.start].sent
        last_sent = doc[span.end - 1].sent
        context = [t for t in doc[first_sent.start : last_sent.end] if t.i not in inside]
        evidence = (first_sent.start_char, last_sent.end_char)
        content = (start + 1, end - 1 if _text(doc)[end - 1] in _QUOTE_CHARS else end)
        # 1. a speech verb governing the quote, or right beside it ("...," he said)
        verbs = [t for t in context if t.pos_ in ("VERB", "AUX") and _lemma(t) in CUE_VERBS]
        verbs.sort(key=lambda t: _distance(t, span))
        for verb in verbs:
            if not _governs(verb, span):
                continue
            if (_lemma(verb) in NEEDS_CLAUSE and verb.i < span.start and not _clausal(verb, span)
                    and not (_text(doc)[end - 1] in _QUOTE_CHARS and _names_it(verb, span))):
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
        before = _text(doc)[first_sent.start_char : start].rstrip()
        if not before and first_sent.start > 0:
            # 'A spokesperson said:' closing the previous sentence or paragraph
            prev = doc[first_sent.start - 1].sent
            if _text(doc)[prev.start_char : prev.end_char].rstrip().endswith(":"):
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

    # reported speech ------------------------------------------------------------------------
    def _reported(self, doc: Doc, taken: list[tuple[int, int]], voiced: list[bool]) -> list[QuoteInfo]:
        out: list[QuoteInfo] = []
        every = list(doc)  # one pass makes the Token objects; each rule below walks them again
        for token in every:
            lemma = _lemma(token)
            if not _verb_like(token) or (lemma not in SPEECH_VERBS | CLAUSE_VERBS | INTENT_VERBS and not _put_it(token)):
                continue
            # in a speaker's turn only "As you heard the President say, <clause>" gives someone else's words
            as_clause = (lemma in SPEECH_VERBS or _put_it(token)) and _as_clause(token) is not None
            relayed = voiced[token.idx] and as_clause
            if not relayed and _spoken_for(token, voiced, taken):
                continue
            if not as_clause and _outer_cue(token) is not token:
                continue  # "X said they believed ...": only the outer attribution is X's statement
            clause = _reported_clause(token)
            echo = _echo(token) if clause is None else None
            if clause is None and echo is None:
                continue
            c_start, c_end = clause or echo or (0, 0)
            if clause is not None and not relayed:
                c_end = _cut_before_taken(_text(doc), c_start, c_end, taken)
            if not (relayed and c_end - c_start >= 8) and not _free(c_start, c_end, taken, 2 if echo else 8):
                continue
            speaker, mention = _speaker_of_verb(doc, token)
            if speaker is None and mention is None:
                continue
            if speaker is None and lemma not in SPEECH_VERBS and not _source_like(_subject_of(token)):
                continue  # "the meeting indicated that ...": thought cues need someone to think
            if lemma not in SPEECH_VERBS and re.search(r"\baccording to\b", token.sent.text, re.I):
                continue  # "Clinton plans to visit on Sunday, according to an aide": the aide is the source
            sent = token.sent
            info = _info(doc, (c_start, c_end), False, "reported", token, speaker, mention, (sent.start_char, sent.end_char))
            out.append(info)
            taken.append((c_start, c_end))
        # "expressed his thanks for ...", "raised concerns on ...", "stressed the need for ..."
        for token in every:
            lemma = _lemma(token)
            if token.pos_ != "VERB" or lemma not in OBJECT_CUES or _spoken_for(token, voiced, taken):
                continue
            if lemma == "set" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
                continue
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is None or not ({_lemma(obj), obj.lower_} & STANCE_NOUNS):
                continue
            # what the stance is about may hang on the verb: "expressed his thanks | for the support"
            tail = [c for c in token.children if c.dep_ in ("prep", "xcomp") and c.i > obj.i
                    and (c.dep_ == "xcomp" or c.lower_ in ("for", "on", "about", "over", "to", "regarding", "at"))]
            tokens = [t for c in [obj, *tail] for t in c.subtree]
            if len(tokens) < 4:
                continue
            c_start, c_end = _token_range(tokens) or (0, 0)
            if not _free(c_start, c_end, taken, minimum=12):
                continue
            speaker, mention = _speaker_of_verb(doc, token)
            if (speaker is None and mention is None) or (speaker is None and not _source_like(_subject_of(token))):
                continue  # a joint subject ("the two leaders reaffirmed their support") is nobody's own words
            if obj.lefts and any(t.lower_ in ("their", "our") and t.dep_ == "poss" for t in obj.lefts):
                continue  # "reaffirmed their support": said together
            sent = token.sent
            cue = f"{token.text} out" if lemma == "set" else None
            out.append(_info(doc, (c_start, c_end), False, "object", token, speaker, mention,
                             (sent.start_char, sent.end_char), cue_text=cue))
            taken.append((c_start, c_end))
        # "Asked whether ..., X said", "X is expected to win", "the team appeared paralyzed": no source
        for token in every:
            if token.pos_ not in ("VERB", "AUX") or _spoken_for(token, voiced, taken):
                continue
            found_sourceless = _sourceless(token)
            if found_sourceless is None:
                continue
            tokens, cue_text = found_sourceless
            speaker, mention, rule = None, None, "sourceless"
            subject = _subject_of(token)
            acts = [c for c in token.children if c.dep_ == "xcomp" and _lemma(c) in _CUE_LEMMAS]
            if acts and cue_text == token.text and subject is not None and subject.dep_ == "nsubj" and (
                    _person_like(doc, subject) or _lemma(subject) in SOURCE_NOUNS | PEOPLE_NOUNS):
                # "the senator appeared to blame the staff": how she came across is hers to answer for
                speaker, mention = _speaker_of_verb(doc, token)
                tokens = [t for t in tokens if t not in subject.subtree]
                rule = "appearance"
            claimed = _claim(tokens, taken)
            if claimed is None:
                continue
            c_start, c_end = claimed
            sent = token.sent
            out.append(_info(doc, (c_start, c_end), False, rule, token, speaker, mention,
                             (sent.start_char, sent.end_char), cue_text=cue_text))
            taken.append((c_start, c_end))
        # "backed the plan", "called him a liar", "sees the deal as a win": the object is the stance
        for token in every:
            lemma = _lemma(token)
            if token.pos_ != "VERB" or _spoken_for(token, voiced, taken):
                continue
            evidence_of = lemma in EVIDENCE_VERBS and _lemma(_subject_of(token) or token) in EVIDENCE_NOUNS
            if lemma not in STANCE_OBJECT_VERBS and not evidence_of:
                continue
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is None or obj.lower_ in NO_SPEAKER | {"it", "that", "which", "what"}:
                continue
            tail = [c for c in token.children if c.i > obj.i and (c.dep_ in ("oprd", "xcomp", "ccomp")
                    or (c.dep_ == "prep" and c.lower_ in ("as", "for", "over", "of", "to", "with")
                        and lemma in ("compare", "liken", "equate", "accuse", "blame", "link"))
                    or (c.dep_ == "prep" and c.lower_ in ("as", "for", "over", "of")))]
            if lemma in NEEDS_COMPLEMENT and not (tail or any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in obj.children)):
                continue  # "called the embassy", "saw the museum": no stance
            if lemma == "call" and any(c.dep_ == "prt" for c in token.children):
                continue  # "called off", "called up"
            if lemma in JUDGING and not tail:
                continue  # "condemned the attack": a stance (an event), not words; "mocked him for ..." says why
            claimed = _claim([t for c in [obj, *tail] for t in c.subtree], taken, minimum=0)
            if claimed is None:
                continue
            c_start, c_end = claimed
            subject = _subject_of(token)
            if not _source_like(subject) or (lemma in PERSON_ONLY and not _person_like(doc, subject)):
                continue
            speaker, mention = _speaker_of_verb(doc, token)
            if speaker is None and mention is None:
                continue
            sent = token.sent
            out.append(_info(doc, (c_start, c_end), False, "stance-object", token, speaker, mention,
                             (sent.start_char, sent.end_char)))
            taken.append((c_start, c_end))
        # "talked about the economy", "called for an inquiry", "warned of a crisis": what was spoken of
        for token in every:
            lemma = _lemma(token)
            preps = PREP_CUES.get(lemma)
            if preps is None or token.pos_ != "VERB" or _spoken_for(token, voiced, taken):
                continue
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in preps and c.i > token.i), None)
            if prep is None:
                continue
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.lower_ in NO_SPEAKER | {"it", "that", "which", "what", "them", "him", "her"}:
                continue
            if (obj.ent_type_ in ("DATE", "TIME") and prep.lower_ in ("on", "for", "at", "in")) or obj.lower_ in TIME_WORDS:
                continue  # "spoke on Sunday", "talked for an hour": when, not what
            subject = _subject_of(token)
            if not _source_like(subject):
                continue
            claimed = _claim(list(obj.subtree), taken, minimum=3)
            if claimed is None:
                continue
            speaker, mention = _speaker_of_verb(doc, token)
            if speaker is None and mention is None:
                continue
            sent = token.sent
            out.append(_info(doc, claimed, False, "prep-object", token, speaker, mention,
                             (sent.start_char, sent.end_char), cue_text=f"{token.text} {prep.text}"))
            taken.append(claimed)
        # "the mayor is confident that <clause>", "unions are worried about <topic>": a stated stance
        for token in every:
            if token.pos_ != "ADJ" or token.dep_ != "acomp" or _lemma(token) not in STANCE_ADJECTIVES:
                continue
            if _spoken_for(token, voiced, taken):
                continue
            copula = token.head
            complement = next((c for c in [*token.children, *copula.children] if c.dep_ == "ccomp" and c.i > token.i), None)
            prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("about", "of", "over", "on")), None)
            topic: Token | None = complement
            if topic is None and prep is not None:
                topic = next((c for c in prep.children if c.dep_ == "pobj"), None)
            subject = _subject_of(copula)
            if topic is None or not _source_like(subject) or subject is None or subject.lower_ in ("i", "we", "you"):
                continue  # "we are certain that ...": the speaker's own framing, not a report of a stance
            claimed = _claim(list(topic.subtree), taken, minimum=3)
            speaker, mention = _speaker_of_verb(doc, copula)
            if claimed is None or (speaker is None and mention is None):
                continue
            sent = token.sent
            cue_text = f"{copula.text} {token.text}" + (f" {prep.text}" if complement is None and prep is not None else "")
            out.append(_info(doc, claimed, False, "stance-adjective", token, speaker, mention,
                             (sent.start_char, sent.end_char), cue_text=cue_text))
            taken.append(claimed)
        # "X's belief that <clause>", "X voiced concern that <clause>"
        for token in every:
            if token.pos_ != "NOUN" or _lemma(token) not in CLAUSE_NOUNS:
                continue
            if _spoken_for(token, voiced, taken):
                continue
            that_clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")
                                and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
            if that_clause is None:
                continue
            speaker, mention = _possessor(doc, token)
            if speaker is None and mention is None and token.dep_ in ("dobj", "attr") and token.head.pos_ == "VERB":
                speaker, mention = _speaker_of_verb(doc, token.head)
            if speaker is None and mention is None:
                continue
            if speaker is None and not _source_like(next((c for c in token.children if c.dep_ == "poss"), None)
                                                    or _subject_of(token.head)):
                continue
            claimed = _claim(list(that_clause.subtree), taken)
            if claimed is None:
                continue
            c_start, c_end = claimed
            sent = token.sent
            out.append(_info(doc, (c_start, c_end), False, "noun-clause", token, speaker, mention,
                             (sent.start_char, sent.end_char)))
            taken.append((c_start, c_end))
        # "according to X, <clause>", "in X's words, <clause>", "<clause>, in the view of X"
        for token in every:
            found_phrase = _source_phrase(doc, token)
            if found_phrase is None:
                continue
            if _spoken_for(token, voiced, taken):
                continue
            pobj, cue_text, rule = found_phrase
            speaker, mention = _resolve_np(doc, pobj)
            if speaker is None and mention is None and pobj.pos_ in ("NOUN", "PROPN"):
                mention = _np_words(pobj)  # "according to a new poll", "according to the results"
            if speaker is None and mention is None:
                continue
            sent = token.sent
            if any(sent.start_char <= s < sent.end_char for s, _ in taken):
                continue  # the sentence's quotation already carries this attribution
            phrase_end = max(t.i for t in doc[token.i : max(t.i for t in pobj.subtree) + 1]) + 1
            phrase_end = max(phrase_end, max(t.i for t in token.subtree) + 1) if rule != "according-to" else phrase_end
            line_start = "\n" in _text(doc)[doc[token.i - 1].idx : token.idx] if token.i > sent.start else True
            after = [t for t in doc[phrase_end : sent.end] if not t.is_punct and not t.is_space]
            before = [t for t in doc[sent.start : token.i] if not t.is_punct and not t.is_space]
            if after and (line_start or not before or len(after) >= len(before)):
                c_start_tok = phrase_end + (1 if doc[phrase_end].text == "," else 0)
                c_start, c_end = doc[c_start_tok].idx, sent.end_char
            elif before:
                c_start = before[0].idx
                c_end = doc[token.i - 1].idx + len(doc[token.i - 1])
            else:
                continue
            c_end = _strip_end(_text(doc), c_start, c_end)
            if not _free(c_start, c_end, taken):
                continue
            out.append(_info(doc, (c_start, c_end), False, rule, token, speaker, mention,
                             (sent.start_char, sent.end_char), cue_text=cue_text))
            taken.append((c_start, c_end))
        return out


# "PRESIDENT BIDEN:", "President of Russia Vladimir Putin:", "Q:"; lower-case words only as connectors
_HEADLINE = re.compile(r"^(?P<label>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|camp|campaign|poll|report|aides?|officials?))*)\s*:\s+(?P<content>\S.*)$")


# a page whose title says it holds one person's words
_REMARKS_TITLE = re.compile(
    r"^(?:Opening |Closing |Press |Introductory |Keynote )?(Remarks|Statement|Speech|Address|Op-ed|Article)\s+(?:by|of|from)\s", re.I
)
_FIRST_PERSON = re.compile(r"\b(I|we|We|our|Our|my|My|us|me)\b")


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


_LABEL = re.compile(
    r"^[\"“]?(?P<label>[A-Z][\w.'’-]*\.?\s+(?:(?:[A-Z][\w.'’-]*\.?|of|the|for|and|de|von|van|al|bin)\s+){0,6}"
    r"[A-Z][\w.'’-]*|[A-Z][\w.'’-]*|Q|A)\s*:\s*(?=\S)",
    re.M,
)


def _transcript_turns(doc: Doc) -> list[tuple[int, int, tuple[int, int]]]:
    """(content start, content end, label span) of each speaker turn in a transcript."""
    text = _text(doc)
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
        if not ((is_person and not rest) or label in ("Q", "A") or (label.isupper() and len(words) >= 2 and titled)
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


_BLOCK_CUE = re.compile(r"\b(said|says|added|stated|commented|remarked)\s*:\s*\n")
_SIGNED = re.compile(r"(?m)^\s*We,\s+(?P<who>(?:the\s+)?[A-Z][^\n]{2,400}?),\s+(?=(?!the\b|and\b|an?\b|of\b)[a-z]+\b)")


# words of greeting, thanks and welcome: a turn made only of them states nothing an analyst would quote
COURTESY_WORDS = frozenset(
    """thank thanks you your very much so all everyone everybody welcome welcoming good morning afternoon evening
    day night pleased happy glad delighted great nice wonderful pleasure honour honor privilege to be here there
    have having has see seeing meet meeting again once with us me too yeah yes indeed i i'm am it it's is was a an
    the my our we we're are for and coming being express heartfelt sincere warm warmly warmest would like received
    reception hospitality kind kindly words invitation inviting also but of in at this that today tonight back
    dear friend friends colleague colleagues ladies gentlemen mr mrs ms madam excellency excellencies sir
    president prime minister secretary chancellor foreign really truly real extend gratitude appreciate
    appreciation greet greetings hello hi let me first begin start by""".split()
)


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


def _line_end(text: str, start: int) -> int:
    """Where the line holding ``start`` ends: its newline, or the end of the text."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _paragraph_end(text: str, start: int) -> int:
    end = _line_end(text, start)
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


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


def _claim(tokens: list[Token], taken: list[tuple[int, int]], minimum: int = 8) -> tuple[int, int] | None:
    """The character range of content tokens, if it is long enough and no other quote has it."""
    found = _token_range(tokens)
    if found is None or not _free(found[0], found[1], taken, minimum):
        return None
    return found


def _persons_in(doc: Doc, start: int, end: int) -> list[MentionInfo]:
    """The mentions of people (not pronouns) that start within tokens ``start``..``end``."""
    return [m for m in doc._.cq_mentions if start <= m.start < end and m.via != "pronoun"
            and doc._.cq_actors[m.actor].kind == "person"]


def _text(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token each time ``doc.text`` is read."""
    text = doc.user_data.get("cq_text")
    if text is None:
        text = doc.user_data["cq_text"] = doc.text
    return str(text)


def _lemma(token: Token) -> str:
    """The token's lemma, mended where the tagger's lemmatizer cuts a cue word short ("hopes" -> "hop")."""
    lemma = token.lemma_.lower()
    if lemma not in _CUE_LEMMAS and lemma + "e" in _CUE_LEMMAS:
        form = token.lower_
        if form.startswith(lemma + "e") or form == lemma + "ing":
            return lemma + "e"
    return lemma


def _cut_before_taken(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> int:
    """The end of reported content cut where a quotation already attributed begins inside it
    ("told the audience that she believes ..., saying that “race still matters”")."""
    inside = [s for s, e in taken if start + 8 < s < end]
    if not inside:
        return end
    cut = _strip_end(text, start, min(inside) - (1 if text[min(inside) - 1 : min(inside)] in _QUOTE_CHARS else 0))
    if not re.search(r"[,;—–]", text[cut : min(inside)]):
        return end  # 'said that the meeting was "at his request"': one mixed quote, not a stub before it
    return cut


def _spoken_for(token: Token, voiced: list[bool], taken: list[tuple[int, int]]) -> bool:
    """The cue stands in words already someone's (a turn, quotation marks) or inside a quote already found."""
    return voiced[token.idx] or _inside(token.idx, taken)


def _free(start: int, end: int, taken: list[tuple[int, int]], minimum: int = 8) -> bool:
    """Content long enough to be a statement and not yet claimed by another quote."""
    return end - start >= minimum and not any(s < end and start < e for s, e in taken)


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
    between = _text(verb.doc)[verb.idx : span.start_char]
    if ":" in between:
        return True
    return any(t.dep_ in ("ccomp", "parataxis") and t.head == verb for t in span) or any(
        c.dep_ == "ccomp" and any(t in c.subtree for t in span) for c in verb.children
    )


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
    if lemma in ("urge", "call", "ask", "demand", "describe", "praise", "criticize", "criticise", "condemn",
                 "welcome", "accuse", "warn", "promise", "pledge", "vow", "threaten", "propose", "thank",
                 "congratulate", "announce", "confirm", "deny", "reaffirm", "express", "voice", "hail", "commend"):
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


PASSIVE_CUES = frozenset(
    """expect believe say think know report rumor rumour view regard see accuse criticize criticise blame
    describe mention label dub brand deem consider rate praise question condemn suspect allege""".split()
)
RAISING_CUES = frozenset(["appear", "seem"])


def _verb_like(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun that has a verb's subject and complement
    ("Trump refuses to ...", where "Trump" and "refuses" read as nouns)."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in token.children) and any(
        c.dep_ in ("ccomp", "xcomp") for c in token.children)


# words that repeat or answer an earlier claim: "said the same", "said so", "said yes", "said as much"
ECHO_WORDS = frozenset("same so yes no much".split())


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


def _token_range(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    tokens.sort(key=lambda t: t.i)
    while tokens and (tokens[0].lower_ == "that" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, looking through conjuncts ("... and added"), participles
    ("..., saying") and passives ("X was quoted as saying", "... was said by X")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj" and verb.head is not verb and (
            verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ in ("VB", "VBN") and verb.head.tag_ == verb.tag_)):
        # "... and added", "didn't come out and say ...", "has praised ... and called ..."
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if (not subjects and verb.dep_ == "advcl" and verb.tag_ == "VB" and _lemma(verb) in SPEECH_VERBS | frozenset(PREP_CUES)
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and not any(c.dep_ in ("dobj", "dative") for c in verb.head.children)):
        # "will come on the show to talk about ...": whoever comes does the talking
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if (not subjects and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp", "xcomp", "conj")
            and _lemma(verb) not in INFERENCE_VERBS):
        head = verb.head.head if verb.head.dep_ == "prep" else verb.head
        if (_lemma(head) in SPEECH_VERBS | CLAUSE_VERBS or head.pos_ != "VERB"
                or (_lemma(verb) in SAYING and verb.dep_ == "advcl")):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.i > 0 and (verb.doc[verb.i - 1].text in _QUOTE_CHARS | {"''", ","}):
        # '"...?" asked Mr. Scholz': the parser reads an inverted subject as the object
        subjects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN" and c.i > verb.i]
    if (not subjects and verb.dep_ == "xcomp" and _lemma(verb.head) in CONTROL_VERBS
            and _lemma(verb) in SPEECH_VERBS | CLAUSE_VERBS
            and not any(c.dep_ in ("dobj", "dative") for c in verb.head.children)):
        # "Trump seemed to suggest ...", "she wants to say ...": the subject of the verb it completes
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not subjects:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            subjects = [c for c in agent.children if c.dep_ == "pobj"]
    return subjects[0] if subjects else None


def _speaker_of_verb(doc: Doc, verb: Token) -> tuple[str | None, tuple[int, int] | None]:
    """The actor (and the words) a verb's subject names; joint subjects ("A and B said") give none.

    A subject that names no known actor ("officials", "the campaign", "52 percent", "I") still
    gives the words, so the quote has a ``speaker_mention`` and a null speaker.
    """
    subject = _subject_of(verb)
    if subject is not None and (subject.lower_ in TIME_WORDS or (
            subject.ent_type_ in ("DATE", "TIME") and subject.pos_ != "PROPN" and actor_at(doc, subject.i) is None)):
        return None, None  # "Warren said Saturday ...", parsed with the day as the subject
    if subject is not None and _in_parentheses(subject):
        # "Gov. John Kasich (R-OH) said": the name before the parenthesis, not the state inside it
        opening = next(t for t in reversed(doc[max(0, subject.i - 6) : subject.i]) if t.text == "(")
        subject = doc[opening.i - 1] if opening.i > 0 and doc[opening.i - 1].pos_ in ("PROPN", "NOUN") else None
    if subject is not None and _dateline_or_heading(subject):
        # "WASHINGTON — President Obama ... said": the parser makes the dateline the subject, the speaker its apposition
        subject = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN")), None)
    if subject is None:
        return None, None
    if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl" and _source_like(verb.head):
        # "Obama, who has denounced ...": the words name "who", the speaker is the one it stands for
        speaker, _ = _resolve_np(doc, verb.head)
        return speaker, (subject.idx, subject.idx + len(subject))
    group = _quantified(subject)
    if group is not None:
        # "many of his supporters", "most of the senators": the group speaks, the quantifier opens the words
        speaker, _ = _resolve_np(doc, group)
        return speaker, (subject.idx, group.idx + len(group))
    if _joint(subject, verb):
        if _named_group(subject, verb):
            return None, _np_words(subject, whole=True)
        return None, None
    if subject.lower_ in NO_SPEAKER or subject.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return None, None
    if _lemma(subject) in SPEECH_NOUNS:
        found = _possessor(doc, subject)
        if found != (None, None):
            return found
    speaker, mention = _resolve_np(doc, subject)
    if speaker is None:
        holder = _office_holder(doc, subject)
        if holder is not None:
            return holder, mention or _np_words(subject)
    if speaker is None and _lemma(verb) in INFERENCE_VERBS and not _source_like(subject):
        return None, None  # "This dynamic reveals ...": a fact shows something; nobody speaks
    if mention is None:
        mention = _np_words(subject)
    return speaker, mention


def _joint(subject: Token, verb: Token) -> bool:
    """Two or more people speaking as one ("A and B said", "both leaders", "they agreed"):
    joint statements are not one speaker's words."""
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    if any(c.lower_ in ("both", "two", "three", "all") for c in subject.children):
        return True
    return subject.lower_ in ("they", "we") and _lemma(verb) in JOINT_VERBS


def _in_parentheses(token: Token) -> bool:
    """The token sits inside a short parenthesis ("(R-OH)", "(AFP)")."""
    doc = token.doc
    before = doc[max(0, token.i - 6) : token.i]
    after = doc[token.i + 1 : token.i + 6]
    opened = [t for t in before if t.text in ("(", ")")]
    return bool(opened) and opened[-1].text == "(" and any(t.text == ")" for t in after)


def _dateline_or_heading(token: Token) -> bool:
    """A word of a dateline ("WASHINGTON —", "Kyiv (Reuters) -") or of an upper-case heading: never a speaker."""
    doc = token.doc
    line_start = _text(doc).rfind("\n", 0, token.idx) + 1
    head_words = _text(doc)[line_start : token.idx + len(token)]
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.is_upper and len(token) > 2 and head_words.isupper() and (
            len(head_words.split()) > 1 or (nxt is not None and nxt.text in ("—", "–", "-", "--", ","))):
        return True  # "WASHINGTON —", "THE BORROWING": a dateline or a heading in capitals (not "MSNBC reported")
    return (nxt is not None and nxt.text == "(" and token.idx - line_start < 30
            and re.match(r"\((?:AP|AFP|Reuters|UPI|dpa|Xinhua|TASS|Bloomberg)\)", _text(doc)[nxt.idx : nxt.idx + 12]) is not None)


def _named_group(subject: Token, verb: Token) -> bool:
    """Sources listed by name that each made the claim ("Grassley and Leahy said ...", "the Times and
    the Post argued ..."): their words, with no one speaker. Not "both leaders" or a meeting's "agreed"."""
    if _lemma(verb) in JOINT_VERBS or subject.lower_ in ("they", "we"):
        return False
    if any(c.lower_ in ("both", "two", "three", "all") for c in subject.children):
        return False
    members = [subject, *[c for c in subject.subtree if c.dep_ == "conj" and c.head.i in {t.i for t in subject.subtree}]]
    return len(members) >= 2 and all(m.pos_ in ("PROPN", "NOUN") and _source_like(m) for m in members)


QUANTIFIERS = frozenset("many most some few several none all half each both majority minority one two three".split())


def _quantified(subject: Token) -> Token | None:
    """The people of a quantified subject ("many of his supporters" -> supporters), if they can speak."""
    if subject.lower_ not in QUANTIFIERS:
        return None
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return group if group is not None and _source_like(group) else None


def _source_like(head: Token | None) -> bool:
    """A phrase that can think or speak: a person pronoun, a name, or a noun for people or sources."""
    if head is None:
        return False
    if _quantified(head) is not None or actor_at(head.doc, head.i) is not None:
        return True  # a group of people, or a name the knowledge base knows even when mis-tagged
    if head.pos_ == "PRON":
        # "it" speaks when it stands for a body or a document ("The agency said it wants ..."); "that" and
        # "which" only through what they stand for
        return head.lower_ not in NO_SPEAKER | {"that", "which"} and not (head.lower_ == "it" and head.dep_ != "nsubj")
    lemma = _lemma(head)
    return (head.pos_ == "PROPN" or lemma in SOURCE_NOUNS | HEADLINE_SOURCES | PEOPLE_NOUNS | EVIDENCE_NOUNS | DOCUMENT_NOUNS
            or (head.pos_ == "NOUN" and _agent_noun(lemma)))


# words for people that English makes with these endings ("environmentalist", "historian", "campaigner")
_AGENT_ENDINGS = ("ist", "ian", "er", "or")
# ... and common nouns with those endings that are things, not people
_NOT_AGENTS = frozenset(
    """number paper order water letter matter center centre computer border power quarter chapter sector factor
    error corridor floor door cancer weather winter summer river monitor motor tractor mirror honor honour
    favor favour behavior behaviour labor labour vigor rumor rumour terror horror humor humour harbor harbour
    neighbor meter liter shelter filter banner dinner chamber member super poster cluster layer corner
    headquarter mother father sister brother daughter partner answer offer other ember timber lumber
    manner banner trigger trailer thriller transfer tower tour tier barrier cover anchor flavor theater theatre
    disaster minister register character corner shoulder boulder lawnmower container trailer career""".split()
)


def _agent_noun(lemma: str) -> bool:
    """A noun for a kind of person by its ending, so that sources outside the word lists still speak."""
    return len(lemma) > 5 and lemma.endswith(_AGENT_ENDINGS) and lemma not in _NOT_AGENTS


def _person_like(doc: Doc, head: Token | None) -> bool:
    """A subject that names a person: a person in the knowledge base, a personal pronoun, or "who"."""
    if head is None:
        return False
    if head.pos_ == "PRON":
        return head.lower_ in ("he", "she", "i", "we", "who")
    found = actor_at(doc, head.i)
    actor = doc._.cq_actors.get(found.actor) if found is not None else None
    return actor is not None and actor.kind == "person"


def _np_words(head: Token, whole: bool = False) -> tuple[int, int]:
    """The words of a noun phrase up to its head, with a name right after it ("a spokesman, Tom");
    ``whole``: the head's conjuncts too ("Grassley and Leahy")."""
    left = [t for t in head.lefts if t.dep_ != "punct"] + [head]
    start = min(t.idx for t in left)
    end = head.idx + len(head)
    if whole:
        last = max((t for t in head.subtree if t.dep_ == "conj"), key=lambda t: t.i, default=head)
        end = max(end, last.idx + len(last))
    return start, end


def _office_holder(doc: Doc, head: Token) -> str | None:
    """'The President of Russia' or 'the Prime Minister' with no name: the one person the text
    gives that office (of that country, or of the outlet's country), else the one person of it."""
    if _lemma(head) not in OFFICES or any(c.dep_ == "poss" for c in head.children):
        return None
    if not any(c.lower_ == "the" for c in head.children):
        return None
    actors = doc._.cq_actors or {}
    country = doc._.cq_home
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if pobj is not None:
        found = actor_at(doc, pobj.i)
        if found is None or found.actor not in actors:
            return None
        country = actors[found.actor].country
    title = _lemma(head)
    holders = {r.person for r in (doc._.cq_roles or []) if title in r.role.lower().split()}
    if country is not None:
        holders = {h for h in holders if h in actors and actors[h].country == country}
        if not holders:
            holders = {a.id for a in actors.values() if a.kind == "person" and a.country == country}
    return holders.pop() if len(holders) == 1 else None


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
    if _lemma(head) in PROXY_NOUNS | SPEECH_NOUNS:
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
    if (_lemma(head) in SOURCE_NOUNS or head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or (head.is_title and not head.is_sent_start)):  # a name the tagger read as a common noun
        return None, (start, end)
    return None, None


def _info(
    doc: Doc, content: tuple[int, int], direct: bool, rule: str, cue: Token, speaker: str | None,
    mention: tuple[int, int] | None, evidence: tuple[int, int], cue_text: str | None = None,
) -> QuoteInfo:
    start, end = content
    while end > start and _text(doc)[end - 1] in ", ":
        end -= 1  # '"We are ready," she said': the comma belongs to the sentence, not the quote
    content = (start, end)
    text = cue_text or cue.text
    if _lemma(cue) == "point" and any(c.lower_ == "out" for c in cue.children):
        text = f"{cue.text} out"
    target = None
    if _lemma(cue) in PRAISE | CRITICISM:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None:
            found = actor_at(doc, obj.i)
            target = found.actor if found else None
    about = _about(doc, content, cue, speaker)
    if target and target not in about:
        about.insert(0, target)
    return QuoteInfo(content[0], content[1], direct, rule, text, speaker, mention, about, evidence,
                     _lemma(cue), target)


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


def _cue_sentence_after(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    """'"...?" Trump said.' or '"..." She went on.': a quote ending its sentence, attributed by a
    short sentence right after it that holds only a speaker and a speech verb."""
    last = doc[span.end - 1]
    if last.sent.end >= len(doc) or doc[last.sent.end].sent.start_char > end + 3:
        return None  # the quote does not end its sentence
    nxt = doc[last.sent.end].sent
    words = [t for t in nxt if not t.is_punct and not t.is_space]
    if not words or "\n" in _text(doc)[end : nxt.start_char]:
        return None
    first = words[0]
    if first.pos_ == "VERB" and first.tag_ == "VBD" and _lemma(first) in SPEECH_VERBS:
        # '"...?" asked Mr. Manafort, referring to ...': the speaker follows the verb
        named = next((c for c in first.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i > first.i), None)
        if named is not None and named.pos_ == "PROPN":
            speaker, mention = _resolve_np(doc, named)
            if mention is not None:
                content = (start + 1, end - 1 if _text(doc)[end - 1] in _QUOTE_CHARS else end)
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
        content = (start + 1, end - 1 if _text(doc)[end - 1] in _QUOTE_CHARS else end)
        return _info(doc, content, True, "cue-after", verb, speaker, mention,
                     (doc[span.start].sent.start_char, nxt.end_char), cue_text=f"{verb.text} on" if on else None)
    return None


# -- surface attribution: the words around a quotation, whatever the parse ---------------------------
_NP_POS = frozenset("DET ADJ NOUN PROPN NUM PRON PART".split())
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
    span = doc.char_span(char, len(_text(doc)), alignment_mode="expand") if char < len(_text(doc)) else None
    if span is None or len(span) == 0:
        return None
    return span[0] if span[0].idx >= char or len(span) == 1 else span[1]


def _np_run(doc: Doc, i: int, stop: int) -> tuple[int, int] | None:
    """The token range [i, j) of a noun phrase starting at ``i``: "the 46-year-old", "Sen. Jane Roe
    (D-Ohio)", "Secretary of State John Kerry"; None when ``i`` starts no noun phrase."""
    j = i
    while j < stop and j - i < 12:
        token = doc[j]
        if "\n" in token.text or "\n" in _text(doc)[token.idx - 1 : token.idx] and j > i:
            break
        if token.pos_ in _NP_POS or token.tag_ == "HYPH" or (token.pos_ == "PUNCT" and token.text == "." and j > i):
            if token.pos_ == "PART" and token.lower_ not in ("'s", "’s", "'", "’"):
                break
            j += 1
        elif token.lower_ == "of" and j > i and j + 1 < stop and doc[j + 1].pos_ in ("DET", "PROPN", "NOUN"):
            j += 1
        elif token.text == "(" and j > i:
            close = next((k for k in range(j + 1, min(stop, j + 8)) if doc[k].text == ")"), None)
            if close is None:
                break
            j = close + 1
        else:
            break
    while j > i and (doc[j - 1].pos_ in ("DET", "PART") or doc[j - 1].lower_ == "of" or doc[j - 1].is_punct) and doc[j - 1].text != ")":
        j -= 1
    if j == i or not any(t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM") for t in doc[i:j]):
        return None
    return i, j


def _np_head(doc: Doc, i: int, j: int) -> Token:
    """The head of the noun phrase in tokens [i, j): the first naming word whose head lies outside it."""
    inside = [t for t in doc[i:j] if t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM")]
    outside = [t for t in inside if not i <= t.head.i < j or t.head is t]
    return (outside or inside)[0]


def _named_speaker(doc: Doc, i: int, j: int) -> tuple[str | None, tuple[int, int] | None]:
    """The actor and the words of a speaker noun phrase in tokens [i, j); nothing for "it" or "this"."""
    head = _np_head(doc, i, j)
    if head.lower_ in NOT_SPEAKERS or doc[i].lower_ in NOT_SPEAKERS:
        return None, None
    if head.pos_ == "ADJ" and not head.lower_.endswith("old"):
        return None, None  # "...," added Smith" yes; '"...," angry, said' no
    words = (doc[i].idx, doc[j - 1].idx + len(doc[j - 1]))
    speaker, mention = _resolve_np(doc, head)
    if speaker is None:
        speaker = _office_holder(doc, head)
    if mention is None or not (words[0] <= mention[0] and mention[1] <= words[1] + 40):
        mention = words
    return speaker, mention


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
    text = _text(doc)
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
    if verb is None or speaker == (None, None):
        return None
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("that", "how", "whether", "if"):
        return None  # '"...," the mayor said that ...': the quotation is not what the verb reports
    if stop < len(doc) and doc[stop].text in _QUOTE_CHARS and doc[stop - 1].text in (",", ":"):
        return None  # 'He added, "..."': the verb introduces the next quotation
    tail = [t for t in doc[verb.i + 1 : stop] if not t.is_punct]
    if any(t.lower_ == "that" and t.dep_ == "mark" for t in tail):
        return None  # '"..." She replied to him that ...'
    if last == "." and not comma_outside:
        # a quotation closing its sentence: only a short cue sentence of its own attributes it
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
    if "\n" in _text(doc)[doc[k].idx : start]:
        return None
    # the cue verb, possibly with a short object or phrase after it: 'told reporters:', 'said in a statement,'
    verb = None
    for j in range(k - 1, max(-1, k - 7), -1):
        token = doc[j]
        if token.is_punct or "\n" in _text(doc)[token.idx : doc[j + 1].idx]:
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
    inner_end = end - 1 if _text(doc)[end - 1] in _QUOTE_CHARS else end
    evidence = (verb.sent.start_char, max(doc[span.end - 1].sent.end_char, end))
    return _info(doc, (start + 1, inner_end), True, "verb-before", verb, speaker, mention, evidence,
                 cue_text=_cue_words(doc, verb))


def _direct_speaker(
    doc: Doc, verb: Token, quote: tuple[int, int] = (0, 0)
) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker of a cue verb for a direct quotation: its subject, the subject of the clause a
    participle hangs on ("he began by saying"), the antecedent of "who", or the noun a participle
    describes ("a sign saying"). Words inside ``quote`` (character range) never name the speaker."""
    speaker, mention = _speaker_of_verb(doc, verb)
    subject = _subject_of(verb)
    if subject is not None and quote[0] <= subject.idx < quote[1]:
        speaker, mention, subject = None, None, None  # 'chanting "U-S-A!"': the parser's inverted subject
    if subject is not None and subject.lower_ == "who" and verb.dep_ == "relcl":
        # "..., who said": the antecedent speaks; "who" stays the words naming it, as "he" would
        return _resolve_np(doc, verb.head)[0], (subject.idx, subject.idx + len(subject))
    if subject is not None and subject.lower_ in NOT_SPEAKERS:
        return None, None
    if speaker is not None or mention is not None:
        return speaker, mention
    head = verb.head
    if verb.dep_ in ("dep", "conj") and head.i < verb.i and not any(c.dep_ == "nsubj" for c in verb.children):
        # 'workers marching through the streets chanted "..."', parsed as two clauses
        found = next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None)
        if found is not None and found.lower_ not in NOT_SPEAKERS:
            speaker, mention = _resolve_np(doc, found)
            return speaker, mention or _np_words(found)
    if verb.tag_ != "VBG":
        return None, None
    node = verb
    for _ in range(3):
        if node.dep_ not in ("advcl", "pcomp", "prep", "xcomp", "conj", "acl") or node.head is node:
            return None, None
        node = node.head
        if verb.dep_ == "acl" and _lemma(node) in SPEECH_NOUNS | DOCUMENT_NOUNS and node.dep_ == "dobj":
            node = node.head  # 'His office put out a statement saying "..."': whoever put it out speaks
        if verb.dep_ == "acl" and node.pos_ in ("NOUN", "PROPN", "PRON"):
            # 'a sign saying "..."', 'footage of Jane Roe asking, "..."'
            speaker, mention = _resolve_np(doc, node)
            return speaker, mention or _np_words(node)
        found = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None:
            if found.lower_ in NOT_SPEAKERS:
                return None, None
            speaker, mention = _resolve_np(doc, found)
            return speaker, mention or _np_words(found)
    return None, None


_DASH_NAME = re.compile(
    r"\s*(?P<dash>[―—–]|--?)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|del|la|van|von|der|al|bin|da|dos))"
    r"{0,5})(?:\s*,\s*[^\n]{1,120}?)?\s*\.?\s*$"
)


def _dash_after(doc: Doc, span: Span, start: int, end: int) -> QuoteInfo | None:
    """'"..." ― Jane Roe' or '"..." — Jane Roe, a teacher': a quotation opening its paragraph and
    signed after a dash at the paragraph's end."""
    text = _text(doc)
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
    text = _text(doc)
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


def _continuation(doc: Doc, span: Span, start: int, end: int, previous: QuoteInfo) -> QuoteInfo | None:
    """A quote standing alone right after an attributed one continues the same voice."""
    sent = doc[span.start].sent
    gap = _text(doc)[previous.end_char : start]
    if (previous.speaker is None and previous.speaker_mention is None) or previous.rule == "dash":
        return None  # a signature after a dash signs its own paragraph only
    if len(gap) > 40 and not (len(gap) <= 300 and "\n" not in gap and previous.evidence[1] >= start - 3):
        return None  # not right after the quote, nor right after the sentence attributing it
    covered = (end - start) / max(1, sent.end_char - sent.start_char)
    if covered < 0.6:
        return None
    return QuoteInfo(start + 1, end - 1 if _text(doc)[end - 1] in _QUOTE_CHARS else end, True, "continuation",
                     previous.cue, previous.speaker, previous.speaker_mention, list(previous.about),
                     (sent.start_char, sent.end_char), previous.cue_lemma, previous.target)


# -- nominal cues ---------------------------------------------------------------------------------
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


def _holder(doc: Doc, noun: Token) -> tuple[str | None, tuple[int, int] | None]:
    """Whose stance a noun names: its possessor ("Trump's", "her") or its by/from phrase; a joint
    possessor ("the leaders reaffirmed their support") or a first person one is no one's."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        poss = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if poss is None or poss.lower_ in ("my", "our", "your", "its") or poss.lower_ in NO_SPEAKER:
        return None, None
    if any(c.dep_ == "conj" for c in poss.children):
        return None, None  # "Merkel and Macron's support": together
    if _reported_inside(noun):
        return None, None  # "she said his attacks on her were unfair": her words, not his
    verb = _object_of(noun) if poss.dep_ == "poss" else None
    if verb is not None and _lemma(verb) in OBJECT_CUES and _lemma(noun) in STANCE_NOUNS:
        return None, None  # "to express the UK's concerns about ...": the object rule decides
    if verb is not None and poss.pos_ == "PRON":
        # "Trump doubled down on his comments about ...", "the two leaders expressed their support for ...":
        # the one who holds the stance is the subject; together, no one alone
        subject = _subject_of(verb)
        if subject is not None and _source_like(subject):
            if _joint(subject, verb) or (poss.lower_ == "their" and _lemma(verb) in JOINT_VERBS | OBJECT_CUES):
                return None, None
            return _speaker_of_verb(doc, verb)
        if poss.lower_ == "their":
            return None, None
    speaker, mention = _resolve_np(doc, poss)
    if verb is not None and poss.pos_ != "PRON" and _source_like(_subject_of(verb)):
        if speaker is None or _speaker_of_verb(doc, verb)[0] != speaker:
            return None, None  # "the Prime Minister welcomed Metsola's support for ...": the welcome is his
    if speaker is None and mention is None and (poss.lower_ in ("his", "her", "their") or _source_like(poss)):
        mention = _np_words(poss)
    return speaker, mention


def _reported_inside(noun: Token) -> bool:
    """The noun stands in a clause reported by a speech or thought verb ("he said his attacks ...")."""
    node = noun
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "parataxis") and _lemma(node.head) in SPEECH_VERBS | CLAUSE_VERBS:
            return True
        node = node.head
    return False


def _object_of(noun: Token) -> Token | None:
    """The verb a noun is the object of: its direct object, or right after it and a preposition
    ("continued his attacks", "doubled down on his comments"), not an adjunct ("angered them with his remarks")."""
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB":
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        last = max((c.i for c in verb.children if c.dep_ == "prt"), default=verb.i)
        if head.i == last + 1:
            return verb
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


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _dedupe(doc: Doc, quotes: list[QuoteInfo]) -> list[QuoteInfo]:
    """One quote per statement: a later quote of the same speaker repeating an earlier one is dropped."""
    kept: list[QuoteInfo] = []
    for quote in quotes:
        words = _norm(_text(doc)[quote.start_char : quote.end_char])
        duplicate = False
        for other in kept:
            if other.speaker != quote.speaker or other.speaker is None:
                continue
            if (quote.start_char < other.end_char and other.start_char < quote.end_char) or (
                words and words in _norm(_text(doc)[other.start_char : other.end_char])
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
