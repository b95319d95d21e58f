"""The word lists of the quote finder: which words cue speech, which name speakers, which say when.

Lemmas, lower case. Each list says in its comment what its words do in a rule; the rules that read
them are in ``direct`` (quotation marks), ``reported`` (reported speech), ``nominal`` (nouns as
cues), ``paragraph`` (whole paragraphs) and ``speaker`` (who speaks). A word may sit in several
lists: a list is a role, not a class.
"""

from __future__ import annotations

# -- cue verbs and the nouns they take ---------------------------------------------------------------
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
) | frozenset(
    # verbs of praise, blame and announcement whose object is what was praised, blamed or made known
    # ("hailed the ruling", "mocked the senator for ...", "announced his resignation")
    """praise commend hail laud applaud salute congratulate criticize criticise condemn denounce decry slam blast
    mock ridicule deride lambaste chide rebuke scold castigate berate fault blame accuse attack assail disparage
    belittle announce unveil declare disclose acknowledge concede deny tout echo champion embrace
    compare liken equate view dub label brand term detail outline recount rebut refute contradict protest
    celebrate promote float pitch advocate cast portray paint depict frame characterize characterise identify
    link invoke reference""".split()
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
# whom or where a speaker tells something: "told a briefing that ...", "told reporters after the talks that ..."
AUDIENCE_NOUNS = frozenset(
    """briefing conference reporter journalist press parliament lawmaker legislator meeting forum session
    audience crowd summit interview talk call gathering assembly congress senate council""".split()
)
# what a body issues or compiles: "a readout released by the White House", "figures from the ministry"
AUTHORED_NOUNS = frozenset(
    """statement readout release communique communiqué bulletin memo letter note transcript calculation
    figure data estimate analysis survey poll study report""".split()
)
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
# every lemma some rule takes for a cue verb (read to mend lemmas the tagger cuts short)
CUE_LEMMAS = SPEECH_VERBS | CLAUSE_VERBS | INTENT_VERBS | STANCE_OBJECT_VERBS | OBJECT_CUES | frozenset(PREP_CUES)

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
# -- cues that name nobody -------------------------------------------------------------------------
# passive cues that report a view without saying whose ("is expected to win", "is seen as a rival")
PASSIVE_CUES = frozenset(
    """expect believe say think know report rumor rumour view regard see accuse criticize criticise blame
    describe mention label dub brand deem consider rate praise question condemn suspect allege""".split()
)
# "the plan appears doomed", "she seemed to blame ...": how something comes across
RAISING_CUES = frozenset(["appear", "seem"])
# words that repeat or answer an earlier claim: "said the same", "said so", "said yes", "said as much"
ECHO_WORDS = frozenset("same so yes no much".split())
# -- speakers ---------------------------------------------------------------------------------------
# quantifiers of a group that speaks ("many of his supporters said")
QUANTIFIERS = frozenset("many most some few several none all half each both majority minority one two three".split())
# words for people that English makes with these endings ("environmentalist", "historian", "campaigner")
AGENT_ENDINGS = ("ist", "ian", "er", "or")
# ... and common nouns with those endings that are things, not people
NOT_AGENTS = frozenset(
    """number paper order water letter matter center centre computer border power quarter chapter sector factor
    error corridor floor door cancer weather winter summer river monitor motor tractor mirror honor honour
    favor favour behavior behaviour labor labour vigor rumor rumour terror horror humor humour harbor harbour
    neighbor meter liter shelter filter banner dinner chamber member super poster cluster layer corner
    headquarter mother father sister brother daughter partner answer offer other ember timber lumber
    manner banner trigger trailer thriller transfer tower tour tier barrier cover anchor flavor theater theatre
    disaster minister register character corner shoulder boulder lawnmower container trailer career""".split()
)
# -- whole paragraphs ------------------------------------------------------------------------------
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
