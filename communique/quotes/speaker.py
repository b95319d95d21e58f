"""Who speaks: the subject of a cue, the actor a noun phrase names, the holder of a stance or an office.

``_speaker_of_verb`` gives the actor and the words naming it (a subject naming no known actor,
"officials", still gives its words); joint subjects ("A and B said") give no one speaker.
``_resolve_np`` is the actor a noun phrase names ("Putin", "he", "Putin's side"), ``_office_holder``
the one person holding an office named without a name ("the Prime Minister"), ``_holder`` whose
stance a noun is, ``_named_speaker`` the speaker a noun phrase after a quotation names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..actors import MentionInfo, actor_at
from ..doctext import doc_text
from .lexicon import (
    AGENT_ENDINGS, AUTHORED_NOUNS, CLAUSE_VERBS, CONTROL_VERBS, DOCUMENT_NOUNS, EVIDENCE_NOUNS, HEADLINE_SOURCES,
    INFERENCE_VERBS, JOINT_VERBS, NO_SPEAKER, NOT_AGENTS, NOT_SPEAKERS, OBJECT_CUES, OFFICES, PEOPLE_NOUNS,
    PREP_CUES, PROXY_NOUNS, QUANTIFIERS, SAYING, SOURCE_NOUNS, SPEECH_NOUNS, SPEECH_VERBS, STANCE_NOUNS,
    TIME_WORDS,
)
from .text import _lemma, _QUOTE_CHARS


def _subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, looking through conjuncts ("... and added"), participles
    ("..., saying") and passives ("X was quoted as saying", "... was said by X")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    quoted_as = _quoted_as(verb)
    if quoted_as is not None:
        return quoted_as
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp") and subjects and subjects[0].i > verb.i:
        subjects = []  # '..., suggesting "Trumpization" had spread': the reported clause's subject, misparsed
    if not subjects and verb.dep_ == "conj" and verb.head is not verb and (
            verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ in ("VB", "VBN") and verb.head.tag_ == verb.tag_)):
        # "... and added", "didn't come out and say ...", "has praised ... and called ..."
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if _lemma(verb) in SPEECH_VERBS and _lemma(verb.head) not in SPEECH_VERBS and _lemma(verb.head.head) in SPEECH_VERBS:
            subjects = _past_reported_clause(verb.head, subjects)
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
            if _lemma(verb) in SPEECH_VERBS and _lemma(head) not in SPEECH_VERBS:
                subjects = _past_reported_clause(head, subjects)
    if not subjects and verb.i > 0 and verb.tag_ != "VBG" and (verb.doc[verb.i - 1].text in _QUOTE_CHARS | {"''", ","}):
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


def _quoted_as(verb: Token) -> Token | None:
    """"Lavrov was quoted by TASS as saying ...", "Peskov was cited by RIA Novosti as saying ...", "TASS
    quoted Lavrov as saying ...": the one quoted speaks, not the outlet that quotes him (for the cue
    "quoted" as for "saying")."""
    passive = verb
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        passive = verb.head.head
    if _lemma(passive) not in ("quote", "cite", "paraphrase") or not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.tag_ == "VBG" and _lemma(g) in SPEECH_VERBS for g in c.children)
            for c in passive.children):
        return None  # "cites his followers as the source": no one is quoted saying anything
    # "TASS quoted Lavrov as saying ...": the object of the active verb
    return next((c for c in passive.children if c.dep_ in ("nsubjpass", "dobj")), None)


def _past_reported_clause(clause: Token, subjects: list[Token]) -> list[Token]:
    """A cue the parser hung on a reported clause whose subject cannot speak ('He said the base "went into
    collect mode" and said ...', 'X made clear that his meeting was not political, saying ...'): the
    subject of the verb that reports the clause speaks on, when it can."""
    if clause.dep_ != "ccomp" or clause.head.i > clause.i or (
            subjects and _source_like(subjects[0]) and subjects[0].ent_type_ not in ("DATE", "TIME")):
        return subjects
    outer = [c for c in clause.head.children if c.dep_ == "nsubj"]
    return outer if outer and _source_like(outer[0]) else subjects


def _speaker_of_verb(doc: Doc, verb: Token) -> tuple[str | None, tuple[int, int] | None]:
    """The actor (and the words) a verb's subject names; joint subjects ("A and B said") give none.

    A subject that names no known actor ("officials", "the campaign", "52 percent", "I") still
    gives the words, so the quote has a ``speaker_mention`` and a null speaker.
    """
    subject = _subject_of(verb)
    if subject is not None and subject.lower_ == "old" and subject.i >= 2 and doc[subject.i - 2].lower_ == "year":
        # "The 46-year-old said ...": the person the sentences before are about
        aged = _last_person(doc, subject)
        if aged is not None:
            return aged, _np_words(subject)
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
    named = _named_in_apposition(doc, subject)
    if named is not None:
        return named
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


def _named_in_apposition(doc: Doc, subject: Token) -> tuple[str, tuple[int, int]] | None:
    """"Putin's spokesman, Dmitry Peskov, said", "the ministry's spokeswoman, Maria Zakharova, said":
    a role noun whose apposition names a person -- that person speaks, not the role's principal."""
    if subject.pos_ != "NOUN":
        return None
    appos = next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)
    if appos is None or appos.pos_ != "PROPN":
        return None
    found = actor_at(doc, appos.i)
    actors = doc._.cq_actors or {}
    if found is None or getattr(actors.get(found.actor), "kind", None) != "person":
        return None
    start = min(t.idx for t in subject.subtree)
    return found.actor, (start, max(found.end_char, appos.idx + len(appos)))


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
    line_start = doc_text(doc).rfind("\n", 0, token.idx) + 1
    head_words = doc_text(doc)[line_start : token.idx + len(token)]
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.is_upper and len(token) > 2 and head_words.isupper() and (
            len(head_words.split()) > 1 or (nxt is not None and nxt.text in ("—", "–", "-", "--", ","))):
        return True  # "WASHINGTON —", "THE BORROWING": a dateline or a heading in capitals (not "MSNBC reported")
    return (nxt is not None and nxt.text == "(" and token.idx - line_start < 30
            and re.match(r"\((?:AP|AFP|Reuters|UPI|dpa|Xinhua|TASS|Bloomberg)\)", doc_text(doc)[nxt.idx : nxt.idx + 12]) is not None)


def _named_group(subject: Token, verb: Token) -> bool:
    """Sources listed by name that each made the claim ("Grassley and Leahy said ...", "the Times and
    the Post argued ..."): their words, with no one speaker. Not "both leaders" or a meeting's "agreed"."""
    if _lemma(verb) in JOINT_VERBS or subject.lower_ in ("they", "we"):
        return False
    if any(c.lower_ in ("both", "two", "three", "all") for c in subject.children):
        return False
    members = [subject, *[c for c in subject.subtree if c.dep_ == "conj" and c.head.i in {t.i for t in subject.subtree}]]
    return len(members) >= 2 and all(m.pos_ in ("PROPN", "NOUN") and _source_like(m) for m in members)


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


def _agent_noun(lemma: str) -> bool:
    """A noun for a kind of person by its ending, so that sources outside the word lists still speak."""
    return len(lemma) > 5 and lemma.endswith(AGENT_ENDINGS) and lemma not in NOT_AGENTS


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


def _resolve_np(doc: Doc, head: Token) -> tuple[str | None, tuple[int, int] | None]:
    """The actor a noun phrase names ("Putin", "he", "Putin's side", "the Kremlin") and its words."""
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct", "prep") or t == head]
    left = [t for t in head.lefts] + [head]
    own = actor_at(doc, head.i)
    if _lemma(head) in PROXY_NOUNS | SPEECH_NOUNS and not (
            own is not None and getattr((doc._.cq_actors or {}).get(own.actor), "kind", None) == "group"):
        # "Putin's side", "Tokayev's disclosure": the possessor speaks (but "her spokesman" is the
        # spokesperson group the entity layer made, never the principal)
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
    if mention is not None and mention.end <= head.i and _lemma(head) in OFFICES | {"diplomat", "leader"}:
        person = _person_of_country(doc, head, mention.actor)
        if person is not None:
            # "the British minister said": the minister of that country the article names, not the country
            return person, (start, end)
    if mention is None and head.lower_ == "it" and head.dep_ == "nsubj" and _lemma(head.head) in SPEECH_VERBS:
        body = _body_before(doc, head)
        if body is not None:
            return body.actor, (head.idx, head.idx + len(head))
    if mention is None and _lemma(head) in AUTHORED_NOUNS:
        author = _author(doc, head)
        if author is not None:
            return author.actor, (start, max(end, author.end_char))
    if mention is None and head.is_title:
        named = _titled_person(doc, head)
        if named is not None:
            return named.actor, (start, named.end_char)
    if mention is not None:
        start = min(start, mention.start_char)
        end = max(end, mention.end_char)
        return mention.actor, (start, end)
    del tokens
    if (_lemma(head) in SOURCE_NOUNS or head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or (head.is_title and not head.is_sent_start)):  # a name the tagger read as a common noun
        return None, (start, end)
    return None, None


def _last_person(doc: Doc, token: Token) -> str | None:
    """The person named last before ``token`` in its sentence or the one before, outside quotation marks."""
    start = token.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    actors = doc._.cq_actors or {}
    marks = doc._.cq_quote_marks or []
    people = [m for m in (doc._.cq_mentions or []) if start <= m.start < token.i
              and getattr(actors.get(m.actor), "kind", None) == "person" and not any(a <= m.start < b for a, b in marks)]
    return people[-1].actor if people else None


def _person_of_country(doc: Doc, head: Token, country_actor: str) -> str | None:
    """The one person of a country named before ``head`` in the article ("Lammy" for "the British
    minister"), when the modifier names a country and only one of its people has been named."""
    actors = doc._.cq_actors or {}
    country = actors.get(country_actor)
    if country is None or country.kind != "country" or not country.country:
        return None
    people = {m.actor for m in (doc._.cq_mentions or []) if m.start < head.i
              and getattr(actors.get(m.actor), "kind", None) == "person" and actors[m.actor].country == country.country}
    return people.pop() if len(people) == 1 else None


def _body_before(doc: Doc, it: Token) -> MentionInfo | None:
    """"..., it said": the organization (a ministry, a press service, a presidency) named last in the two
    sentences before (the words before "it" in its own sentence are what it said); a person named after
    that organization leaves "it" unresolved, and a country is never the "it" that speaks."""
    end = start = it.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    actors = doc._.cq_actors or {}
    for m in reversed([m for m in (doc._.cq_mentions or []) if start <= m.start < end]):
        kind = getattr(actors.get(m.actor), "kind", None)
        if kind == "organization":
            return m
        if kind == "person":
            return None  # "Lukashenko said it ...": too close to tell
    return None


def _author(doc: Doc, noun: Token) -> MentionInfo | None:
    """Who issued or compiled a document: "a readout released by the White House", "figures from the
    Kazakh Foreign Ministry", "calculations by Amy Roe", "a statement issued by the ministry"."""
    phrases = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        phrases += [c for c in acl.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "from"))]
    for phrase in phrases:
        pobj = next((c for c in phrase.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        found = actor_at(doc, pobj.i) or next(
            (m for t in pobj.lefts if (m := actor_at(doc, t.i)) is not None and t.dep_ in ("compound", "amod")), None)
        if found is not None:
            return found
    return None


def _titled_person(doc: Doc, head: Token) -> MentionInfo | None:
    """"Speaker of the House Rep. Paul Ryan", "President of Kazakhstan Kassym-Jomart Tokayev": a title
    with an "of" phrase that the parser made the head, the person named at the phrase's end."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
    if of is None:
        return None
    end = max(t.i for t in of.subtree) + 1
    actors = doc._.cq_actors or {}
    found = None
    for i in range(of.i + 1, min(end, of.i + 10)):
        m = actor_at(doc, i)
        if m is not None and m.end <= end and getattr(actors.get(m.actor), "kind", None) == "person":
            found = m
    return found


def _possessor(doc: Doc, noun: Token) -> tuple[str | None, tuple[int, int] | None]:
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        poss = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if poss is None:
        return None, None
    return _resolve_np(doc, poss)


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


# the parts of speech a noun phrase is made of ("the 46-year-old", "Sen. Jane Roe")
_NP_POS = frozenset("DET ADJ NOUN PROPN NUM PRON PART".split())


def _np_run(doc: Doc, i: int, stop: int) -> tuple[int, int] | None:
    """The token range [i, j) of a noun phrase starting at ``i``: "the 46-year-old", "Sen. Jane Roe
    (D-Ohio)", "Secretary of State John Kerry"; None when ``i`` starts no noun phrase."""
    j = i
    while j < stop and j - i < 12:
        token = doc[j]
        if "\n" in token.text or "\n" in doc_text(doc)[token.idx - 1 : token.idx] and j > i:
            break
        if (token.pos_ in _NP_POS or token.tag_ == "HYPH" or (token.pos_ == "PUNCT" and token.text == "." and j > i)
                or (token.pos_ == "VERB" and token.is_title and actor_at(doc, token.i) is not None)):
            # a name the tagger read as a verb ('"...," Trump shot back') is still a name
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
