"""PLOVER event coding beyond meetings: AGREE, SUPPORT, CONCEDE, REQUEST, ACCUSE, REJECT, THREATEN,
SANCTION, COOPERATE, AID, RETREAT, PROTEST, MOBILIZE, COERCE and ASSAULT, each with a CAMEO code (issue 5).

Component ``communique_coding`` runs after ``communique_events`` and appends ``EventInfo`` records to
``doc._.cq_events``. Verbs are coded by PETRARCH2's CAMEO verb dictionary (:mod:`communique.verbdict`,
``data/cameo_verbs.json``; issue 11) and by the hand lexicon ``data/plover_lexicon.json`` for what the
dictionary lacks (each verb entry gives its reason); nouns by the lexicon. Every match names a CAMEO
code, and the PLOVER type and mode follow from the CAMEO→PLOVER table (:mod:`communique.cameo`).
Source and target come from the parse:

- active voice: subject → source; object, dative or a preposition ("sanctions on Y") → target;
- passive voice: the "by" agent → source, the passive subject → target ("Y was sanctioned by X");
- conjoined actors ("X and Y") are all sources or targets; a verb conjoined with another shares its subject;
- nouns: "X's threat against Y", "an attack by X on Y", "X launched an attack on Y";
- a side the sentence leaves unnamed is the place the act happened in ("imposed a curfew in Hebron",
  "soldiers were killed in Basra"), coded with its country as PETRARCH and the PLOVER gold standard do.

Intent follows CAMEO: a future, planned or promised cooperative act ("X will send aid to Y", "X
offered to release ...") is AGREE with an 03x code, a conflictual one ("X will impose sanctions")
THREATEN with a 13x code, and both get ``status="planned"``; a refused act is REJECT (12x) and a
demanded one REQUEST (10x, or 02x for appeals). No event is emitted without a source actor, except
violence reported in the passive without an agent ("three civilians were killed"). An agent noun
with no named actor is a sector actor of its own ("insurgents" REB, "riot police" COP, an unnamed
crowd CVL; :mod:`communique.agents`).

Praise and criticism verbs (``quotes.PRAISE``/``CRITICISM``) are left to ``communique_events``
where it finds a stance in the sentence (else the coder's sector actors may), and meetings
(CONSULT) always are.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..cameo import plover_for, quad_class
from ..events import EventInfo
from ..quotes import CRITICISM, PRAISE
from .matching import _lookup, _Match, _match_noun, _match_verb, _phrases, _plover
from .modality import _conditional, _future, _negated
from .sides import (
    _actors, _code_group, _is_place, _noun_sides, _objects_of, _place_actors, _subjects,
    _unclaimed_violence,
)
from .words import (
    COOPERATIVE_ROOTS, DEFAULT_CONFIDENCE, FORCE_ROOTS, LEFT_TO_EVENTS, lexicon, PRONOUNS, PURPOSE_DEPS,
    RELATIVE, VAGUE_CODES, VERBAL,
)


# ------------------------------------------------------------------------------------------------
# the component


class EventCoder:
    """Find PLOVER/CAMEO events (other than meetings and praise/criticism) in a ``Doc``."""

    def __init__(self) -> None:
        self._triggers: dict[int, Token] = {}  # id(event) -> trigger, for one document

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[EventInfo]:
        self._triggers = {}
        found: list[EventInfo] = []
        # the types communique_events found in each sentence, read once (not per sentence)
        before: dict[tuple[int, int], set[str]] = {}
        for e in doc._.cq_events or ():
            before.setdefault(e.evidence, set()).add(e.plover)
        for sent in doc.sents:
            for event in self._sentence(doc, sent, before.get((sent.start_char, sent.end_char), set())):
                key = (event.plover, tuple(event.source), tuple(event.target), event.evidence)
                if all((e.plover, tuple(e.source), tuple(e.target), e.evidence) != key for e in found):
                    found.append(event)
        return found

    def set_annotations(self, doc: Doc, found: list[EventInfo]) -> None:
        doc._.cq_events = list(doc._.cq_events or []) + found

    def _sentence(self, doc: Doc, sent: Span, earlier: set[str]) -> list[EventInfo]:
        """The coder's events in one sentence; ``earlier`` are the types ``communique_events`` found in it."""
        # praise and criticism are communique_events' own, unless it found none in the sentence: "the
        # Sudanese army accused the rebels of ..." names no actor it reads, the coder's sector actors do
        skip_lemmas = (PRAISE | CRITICISM) if earlier & {"SUPPORT", "ACCUSE"} else frozenset()
        consumed: set[int] = set()
        out: list[EventInfo] = []
        # governors first: "threatened to impose", "refused to release", "demanded that Y withdraw"
        governors: dict[str, str] = lexicon()["governors"]
        matches: dict[int, _Match] = {}
        tokens = list(sent)  # spaCy makes a new Token on every access: read the sentence once
        contacts = _contact_words(sent) if "CONSULT" in earlier else set()
        for token in tokens:
            if contacts and (token.i in contacts
                             or any(c.i in contacts for c in token.children if c.dep_ in ("dobj", "nsubjpass"))):
                continue  # "called Y", "postponed his visit": the meeting's own words, coded by communique_events
            if token.pos_ == "VERB" and token.lemma_.lower() not in skip_lemmas and not _conditional(token):
                match = _match_verb(doc, token)
                if match is not None:
                    matches[token.i] = match
        for token in tokens:
            event = self._reported_force(doc, sent, token, matches, consumed)
            if event is not None:
                out.append(event)
        for token in tokens:
            kind = governors.get(token.lemma_.lower()) if token.pos_ in ("VERB", "ADJ") else None
            if kind is None or _conditional(token):
                continue
            event = self._governed(doc, sent, token, kind, matches, consumed)
            if event is not None:
                out.append(event)
        for token in tokens:
            event = self._obligation(doc, sent, token, matches, consumed)
            if event is not None:
                out.append(event)
        for i, match in sorted(matches.items()):
            if i in consumed:
                continue
            consumed.update(o.i for o in match.objects)
            event = self._verb_event(doc, sent, match)
            if event is not None:
                out.append(event)
                back = self._reverse(sent, event, match)
                if back is not None:
                    out.append(back)
        acts = {self._triggers[id(e)].i: e.plover for e in out}
        for token in tokens:
            if token.pos_ not in ("NOUN", "PROPN") or token.i in consumed:
                continue
            if token.dep_ == "dobj" and token.head.i in acts:
                continue  # "rejected a UN appeal", "accepted the offer": what the coded act is about
            match = _match_noun(doc, token)
            if match is None:
                continue
            if token.dep_ == "nsubj" and acts.get(token.head.i) == (_plover(match.cameo, match.plover) or ("",))[0]:
                continue  # "drone strikes killed six": the act's own doing, one event with the verb
            event = self._noun_event(doc, sent, match, consumed)
            if event is not None:
                out.append(event)
        if any(e.plover == "PROTEST" for e in out):
            # "students staged rallies to demand reforms": the demand is the protest's aim, not a second event
            out = [e for e in out if e.plover != "REQUEST" or self._triggers[id(e)].dep_ not in PURPOSE_DEPS]
        return out

    def _complement(self, token: Token, matches: dict[int, _Match]) -> tuple[Token | None, str | None]:
        """The governed act of "threatened to X" / "demanded that Y X" / "demanded the withdrawal of ...": (verb, code)."""
        for c in token.children:
            if c.dep_ in ("xcomp", "ccomp") and c.i in matches:
                return c, matches[c.i].cameo
        for c in token.children:
            if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                # "agreed to allow X", "refused to deploy": the first coded verb below
                for d in c.subtree:
                    if d.i in matches and d.i != token.i:
                        return d, matches[d.i].cameo
                return c, None
        nouns: dict[str, str] = lexicon()["complement_nouns"]
        for c in token.children:
            objs = [c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in ("for", "on") else []
            for obj in objs:
                for phrase in _phrases(obj):
                    if phrase in nouns:
                        return None, nouns[phrase]
        return None, None

    def _governed(
        self, doc: Doc, sent: Span, token: Token, kind: str, matches: dict[int, _Match], consumed: set[int]
    ) -> EventInfo | None:
        act, code = self._complement(token, matches)
        own = matches.get(token.i)
        if kind == "WANT":
            # PETRARCH's transformations: "X wants Y to attack Z" is X's appeal to Y, "X wants to help
            # Y" X's intent; "X wants aid" is the verb's own entry (an appeal for aid)
            if act is None:
                return None
            if code is None:
                return None  # a wish for an act the dictionary does not code ("want Obama to head back")
            kind = "APPEAL" if _own_subject(doc, token, act) else "INTENT"
        if kind == "INTENT" and act is None:
            return None  # "agreed", "offered aid": the verb's own entry codes it
        if kind == "INTENT" and code is None and token.lemma_.lower() not in ("agree", "pledge", "promise", "vow", "offer", "commit", "committed"):
            return None  # "plans to travel": nothing coded
        if kind in ("REJECT", "DEMAND", "APPEAL") and act is None and code is None:
            return None  # the verb's own entry ("rejected the plan", "demanded elections")
        if own is not None and kind != "INTENT" and (_plover(own.cameo, own.plover) or ("",))[0] not in ("REJECT", "REQUEST", "THREATEN"):
            return None  # "called for sanctions against X" is coded by the verb's own entry (ACCUSE 113)
        if kind == "THREATEN" and act is None and code is None and own is not None:
            return None
        status = "held"
        if kind == "INTENT":
            if code is not None and (quad_class(code) == 4 or code[:2] == "13"):
                # promising force, sanctions or protest is a threat; promising an inquiry is not
                plover, cameo = "THREATEN", _lookup(lexicon()["threat"], code) or "130"
            else:
                plover, cameo = "AGREE", (_lookup(lexicon()["intent"], code) if code else None) or "030"
            status = "planned"
        elif kind == "THREATEN":
            plover, cameo = "THREATEN", (_lookup(lexicon()["threat"], code) if code else None) or "130"
            status = "planned"
        elif kind == "REJECT":
            plover, cameo = "REJECT", (_lookup(lexicon()["refuse"], code) if code else None) or "120"
        else:
            cameo = (_lookup(lexicon()["demand"], code) if code else None) or "100"
            if kind == "APPEAL":
                cameo = "02" + cameo[2:]
            plover = "REQUEST"
        if _negated(token):
            return None
        if act is not None:
            consumed.add(act.i)
            if act.i in matches:
                consumed.update(o.i for o in matches[act.i].objects)
        consumed.add(token.i)
        sources = _subjects(doc, token)
        if not sources:
            return None
        targets = _objects_of(doc, token, set(sources))
        if not targets and act is not None:
            targets = _objects_of(doc, act, set(sources))
        return self._event(sent, plover, cameo, sources, targets, status, token)

    def _reported_force(
        self, doc: Doc, sent: Span, verb: Token, matches: dict[int, _Match], consumed: set[int]
    ) -> EventInfo | None:
        """"X said (that) Y attacked Z": X accuses Y (CAMEO 112), as PETRARCH's transformations code it.

        The force is claimed, not observed, so the claim is the event and the act is not coded on its own.
        Only a claim that comes before its clause counts; a speaker reporting its own force ("Turkey said it had shelled ...") stays the act itself, and so
        does force reported without a doer ("said three were killed") or ahead ("said Y would attack").
        """
        if verb.lemma_.lower() not in lexicon()["claim_verbs"] or _negated(verb) or verb.i in consumed:
            return None
        # only a claim put first ("X said that Y attacked"): news sourcing after the report ("Y attacked
        # Z, police said") names where the news came from, and the act is coded as reported
        act = next((c for c in verb.children if c.dep_ == "ccomp" and c.i in matches and c.i > verb.i), None)
        if act is None or matches[act.i].cameo[:2] not in FORCE_ROOTS or _future(act) or _negated(act):
            return None
        speakers = _subjects(doc, verb)
        doers = _subjects(doc, act)
        if not speakers or not doers or set(doers) <= set(speakers):
            return None
        # "... had attacked Iraq and taken the city of Mosul": every use of force in the claim
        for claimed in (act, *(c for c in act.conjuncts if c.i in matches and matches[c.i].cameo[:2] in FORCE_ROOTS)):
            consumed.add(claimed.i)
            consumed.update(o.i for o in matches[claimed.i].objects)
        return self._event(sent, "ACCUSE", "112", speakers, doers, "held", verb)

    def _obligation(
        self, doc: Doc, sent: Span, verb: Token, matches: dict[int, _Match], consumed: set[int]
    ) -> EventInfo | None:
        """"X said that Y must hand over Z": a demand by the speaker on Y (REQUEST)."""
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ccomp" or verb.i in consumed or _negated(verb):
            return None
        if not any(c.dep_ == "aux" and c.lower_ in lexicon()["obligation_modals"] for c in verb.children):
            return None
        speaker = verb.head
        if speaker.lemma_.lower() not in lexicon()["reporting_verbs"]:
            return None
        sources = _subjects(doc, speaker)
        targets = [a for c in verb.children if c.dep_ == "nsubj" for a in _actors(doc, c)]
        targets = [t for t in targets if t not in sources]
        if not sources or not targets:
            return None
        match = matches.get(verb.i)
        cameo = (_lookup(lexicon()["demand"], match.cameo) if match else None) or "100"
        consumed.add(verb.i)
        if match is not None:
            consumed.update(o.i for o in match.objects)
        return self._event(sent, "REQUEST", cameo, sources, targets, "held", verb)

    def _verb_event(self, doc: Doc, sent: Span, match: _Match) -> EventInfo | None:
        verb, cameo = match.token, match.cameo
        mapped = _plover(cameo, match.plover)
        if mapped is None:
            return None
        plover = mapped[0]
        status = "held"
        if _negated(verb):
            if cameo[:2] not in COOPERATIVE_ROOTS or plover in VERBAL:
                return None
            plover, cameo = "REJECT", _lookup(lexicon()["refuse"], cameo) or "120"
        elif (match.intent or _future(verb)) and (plover not in VERBAL or plover == "SUPPORT"):
            # "will support", "will allow": support promised is a commitment (CAMEO 03x), not yet given
            status = "planned"
            if cameo[:2] in COOPERATIVE_ROOTS:
                plover, cameo = "AGREE", _lookup(lexicon()["intent"], cameo) or "030"
            elif plover != "MOBILIZE":
                plover, cameo = "THREATEN", _lookup(lexicon()["threat"], cameo) or "130"
        elif _future(verb):
            status = "planned"
        sources = _subjects(doc, verb)
        unclaimed = not sources and _unclaimed_violence(verb, cameo)
        if not sources and not unclaimed:
            return None
        targets = _objects_of(doc, verb, set(sources))
        if unclaimed:
            # "ten soldiers were killed in Ukraine": the place's country stands for the unnamed source
            sources = [a for a in _place_actors(doc, verb) if a not in targets and _is_place(doc, a)]
        if not sources and not targets:
            return None
        if cameo[:2] == "07" and not targets and not any(c.dep_ in ("dobj", "dative") for c in verb.children):
            return None  # "contributed to planning the massacres": aid is a thing given or someone helped
        return self._event(sent, plover, cameo, sources, targets, status, verb)

    def _reverse(self, sent: Span, event: EventInfo, match: _Match) -> EventInfo | None:
        """The paired event a dictionary pattern codes from the target back to the source, as PETRARCH
        does: "Ghana clinched a deal with Togo" (``* DEAL [061:061]``) and "Peru resumed exports to
        Chile" are economic cooperation both ways. Only for an act held as coded (not a promise or refusal
        made of it), with both sides known; meetings and statements stay with their own components."""
        code = match.reverse
        if code is None or event.cameo != match.cameo or not event.source or not event.target:
            return None
        if code[:2] in LEFT_TO_EVENTS or code in VAGUE_CODES:
            return None
        mapped = _plover(code)
        if mapped is None:
            return None
        back = self._event(sent, mapped[0], code, list(event.target), list(event.source), event.status, match.token)
        return back

    def _noun_event(self, doc: Doc, sent: Span, match: _Match, consumed: set[int]) -> EventInfo | None:
        noun = match.token
        sources, targets, light = _noun_sides(doc, noun)
        if light is None and not any(c.dep_ in ("poss",) or c.lower_ == "by" for c in noun.children):
            if not (sources and noun.dep_ in ("nsubj", "nsubjpass", "dobj")):
                return None  # a bare mention ("killed in an attack") has no actor to code
        if not sources:
            return None
        mapped = _plover(match.cameo, match.plover)
        if mapped is None:
            return None
        plover, cameo, status = mapped[0], match.cameo, "held"
        if light is not None and light.i in consumed:
            return None
        if light is not None and _future(light) and plover not in VERBAL:
            status = "planned"
            if cameo[:2] in COOPERATIVE_ROOTS:
                plover, cameo = "AGREE", _lookup(lexicon()["intent"], cameo) or "030"
            else:
                plover, cameo = "THREATEN", _lookup(lexicon()["threat"], cameo) or "130"
        consumed.add(noun.i)
        return self._event(sent, plover, cameo, sources, targets, status, noun)

    def _event(
        self, sent: Span, plover: str, cameo: str, sources: list[str], targets: list[str], status: str, trigger: Token
    ) -> EventInfo:
        sources = list(dict.fromkeys(sources))
        targets = [t for t in dict.fromkeys(targets) if t not in sources]
        for actor in sources + targets:
            _code_group(sent.doc, actor)
        mapped = plover_for(cameo)
        mode = mapped[1] if mapped is not None and mapped[0] == plover else None
        event = EventInfo(
            plover, cameo, (sent.start_char, sent.end_char), mode=mode, source=sources, target=targets,
            participants=sources + targets, status=status, confidence=_confidence(plover),
        )
        self._triggers[id(event)] = trigger
        return event


def _own_subject(doc: Doc, governor: Token, act: Token) -> bool:
    """The governed act has a doer of its own: "wants Putin to attack" (Putin the subject of "attack", or
    the object of "wants" before the act), not the governor's subject ("wants to help")."""
    subjects = set(_subjects(doc, governor))
    for head in {act, act.head} if act.head.i != governor.i else {act}:
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in PRONOUNS | RELATIVE:
                if any(a not in subjects for a in _actors(doc, c)):
                    return True
    objects = [c for c in governor.children if c.dep_ in ("dobj", "dative") and c.i < act.i]
    return any(a not in subjects for c in objects for a in _actors(doc, c))


def _contact_words(sent: Span) -> set[int]:
    """The words of a sentence that make the contacts ``communique_events`` found in it."""
    from ..events import _triggers

    return {t.i for t, _ in _triggers(sent)}


def _confidence(plover: str) -> float:
    """The rule family's precision on the PLOVER GSR dev half (``calibration`` in the lexicon).

    Calibration: the PLOVER GSR scorer (``communique.evalsets.plover.score_plover``) on
    ``PLOVER_GSR_dev.json``, 164 records; for each PLOVER type, (correct + 1) / (predicted + 2) over
    the records where the pipeline predicted the type (Laplace-smoothed so that a type seen once does
    not claim certainty), capped at 0.9, stored in the lexicon's ``calibration`` with its date. SUPPORT
    and ACCUSE counts include ``communique_events``' praise/criticism events. Re-measure after
    changing the lexicon; types never predicted on dev get ``DEFAULT_CONFIDENCE``.
    """
    table: dict[str, float] = lexicon().get("calibration", {}).get("precision", {})
    return table.get(plover, DEFAULT_CONFIDENCE)


@Language.factory(
    "communique_coding",
    requires=["doc._.cq_mentions", "doc._.cq_events"],
    assigns=["doc._.cq_events"],
)
def make_coding(nlp: Language, name: str) -> EventCoder:
    return EventCoder()
