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

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import ActorInfo, actor_at, local_id, partisan
from .agents import agent_of
from .cameo import plover_for, quad_class
from .events import EventInfo, _phrase_actor, _phrase_actors
from .gazetteer import group_code, place_country, place_name
from .quotes import CRITICISM, PRAISE
from .quotes.lexicon import SPEECH_VERBS
from .verbdict import dictionary

LEXICON_FILE = Path(str(resources.files("communique") / "data" / "plover_lexicon.json"))

PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl", "pcomp"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "may", "might", "could"})
INTENT_HEADS = frozenset({"plan", "intend", "going", "prepare", "expect", "aim", "want", "seek", "hope"})
# "tried to seize a tanker": an attempt is the act, as CAMEO codes it (PLOVER GSR: "an attempt to
# assassinate ... was thwarted" is ASSAULT); an attempt still to come ("will try to") lies ahead
ATTEMPT_HEADS = frozenset({"try", "attempt"})
PLACE_PREPS = frozenset({"in", "near", "outside"})
STATIVE_PASSIVES = frozenset({"oppose", "commit", "prepare", "determine", "engage", "involve"})
PRONOUNS = frozenset({"it", "they", "we", "he", "she"})
RELATIVE = frozenset({"who", "that", "which", "whom"})
TARGET_PREPS = ("to", "against", "on", "upon", "with", "from", "into", "at", "toward", "towards", "of", "for", "over")
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
# Roots the coder leaves alone: 01 (statements: no PLOVER event, quotes carry them) and 04
# (meetings: ``communique_events`` codes CONSULT with its attributes and knows which mentions of
# "meet" are no meeting, habitual or hypothetical; a dictionary fill-in added three false meetings
# to the reference article).
LEFT_TO_EVENTS = frozenset({"01", "04"})
PREDICATE_DEPS = frozenset({"ROOT", "conj", "parataxis"})
# "Cooperate in some way" codes: in the dictionary they come from its vaguest patterns ("ORDER * (TO)",
# "GIVE * WELCOME", "TAKE * STEPS") and coded more false events than true ones on PLOVER GSR dev.
CONDITIONS = frozenset({"if", "unless", "until", "whether"})
MEMBER_NOUNS = frozenset({"leader", "member", "head", "representative", "delegation", "delegate"})
QUANTITY_NOUNS = frozenset({"hundred", "thousand", "dozen", "million", "group", "number", "third", "half", "some", "many"})
VAGUE_CODES = frozenset({"030", "050", "060"})
# CAMEO's uses of force (assault, fight, mass violence): PETRARCH's "ATTACK" in its transformations
FORCE_ROOTS = frozenset({"18", "19", "20"})
VERBAL = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})

# Precision of each PLOVER type measured on the PLOVER GSR dev half (see ``_confidence``).
DEFAULT_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The packaged verb and noun patterns (``data/plover_lexicon.json``)."""
    data: dict[str, Any] = json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    return data


@dataclass
class _Match:
    token: Token
    cameo: str
    plover: str | None  # an explicit PLOVER type from the lexicon, else the CAMEO table's
    objects: list[Token]  # object tokens consumed by the match (not triggers of their own)
    intent: bool = False  # "offered troops", "pledged aid": an act promised, not done
    reverse: str | None = None  # the dictionary's paired code for the target's act back ("clinched a deal": 061:061)


def _lookup(table: dict[str, str], code: str) -> str | None:
    """The value for the longest prefix of ``code`` in ``table``."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _phrases(token: Token) -> list[str]:
    """Lemma phrases a noun can match: "military aid", "aid"; longest first."""
    lemma = token.lemma_.lower()
    mods = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    out = []
    if len(mods) >= 2:
        out.append(" ".join(m.lower_ for m in mods[-2:]) + " " + lemma)
    out += [f"{m.lower_} {lemma}" for m in reversed(mods)]
    out.append(lemma)
    if token.lower_ != lemma:
        out.append(token.lower_)
    # "state of emergency", "hunger strike" parsed as noun + compound to the right
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            out.insert(0, f"{lemma} of {pobj.lemma_.lower()}")
    return out


def _object_tokens(verb: Token) -> list[Token]:
    """Nouns that can specify a verb's event: its object, passive subject, attribute and prepositional objects."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            out.append(child)
            out += [c for c in child.conjuncts]
        elif child.dep_ in ("prep", "agent", "prt"):
            out += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "acomp":
            out.append(child)
    # "25,000 tons of food aid", "part of a military aid program": the noun after "of" names the thing
    for obj in list(out):
        for of in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            out += [p for p in of.children if p.dep_ == "pobj"]
    return out


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _crowd(doc: Doc, verb: Token) -> bool:
    crowd = set(lexicon()["crowd_nouns"])
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    words = [subject] + [c for c in subject.children if c.dep_ in ("nummod", "quantmod", "compound", "amod")]
    if any(w.lemma_.lower() in crowd for w in words):
        return True
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        return subject.head.head.lemma_.lower() in crowd
    return False


def _lemmas(token: Token) -> list[str]:
    """The lemma and, for inflected verbs the small models mis-lemmatise ("staged" → "stag"), stems of the form."""
    out = [token.lemma_.lower()]
    text = token.lower_
    if token.tag_ in ("VBD", "VBN") and text.endswith("ed"):
        out += [text[:-1], text[:-2], text[:-3]]
    elif token.tag_ == "VBG" and text.endswith("ing"):
        out += [text[:-3] + "e", text[:-3]]
    elif token.tag_ == "VBZ" and text.endswith("s"):
        out += [text[:-1], text[:-2]]
    return out


def _verb_lemma(token: Token) -> str:
    verbs = lexicon()["verbs"]
    return next((lemma for lemma in _lemmas(token) if lemma in verbs), token.lemma_.lower())


def _match_verb(doc: Doc, verb: Token) -> _Match | None:
    """The CAMEO code of a verb: the hand lexicon's entry where it has one (each says why the
    dictionary does not do), else the verb dictionary's most specific pattern, else the dictionary's
    default code for one of a block's original verbs (issue 11)."""
    hand = _match_hand(doc, verb)
    if hand is not None:
        return hand
    found = dictionary().match(verb) if _own_clause(verb) else None
    if found is None or found.code is None or found.code[:2] in LEFT_TO_EVENTS or found.code in VAGUE_CODES:
        return None  # not listed, "no event" ([---]), a statement, a meeting or a vague code
    if found.specificity == 0 and not found.explicit:
        return None
    objects = [doc[i] for i in found.tokens if doc[i].pos_ in ("NOUN", "PROPN")]
    return _Match(verb, found.code, None, objects, reverse=found.reverse)


def _own_clause(verb: Token) -> bool:
    """A verb the dictionary codes: a clause's own predicate, a clause reported by a speech verb, or the
    act a governor governs ("threatened to expel"). A purpose clause, participle or relative clause
    ("sent troops to help", "militiamen armed with", "a state which is preparing") states an aim or a
    circumstance, which only the hand lexicon codes, where it was written to."""
    head = verb.head.lemma_.lower()
    if verb.dep_ in ("xcomp", "ccomp") and head in lexicon()["governors"]:
        return True
    if verb.dep_ == "xcomp" and head in ATTEMPT_HEADS and verb.head.pos_ == "VERB":
        return _own_clause(verb.head)  # "tried to seize": the attempted act, where the attempt is reported
    if _existential(verb) is not None:
        return True  # "there were ten soldiers killed": the participle is what the sentence reports
    if verb.dep_ == "ccomp":
        return head in SPEECH_VERBS
    return verb.dep_ in PREDICATE_DEPS


def _match_hand(doc: Doc, verb: Token) -> _Match | None:
    lemma = _verb_lemma(verb)
    entries = lexicon()["verbs"].get(lemma)
    if not entries:
        return None
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "agent")}
    prts = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    objects = _object_tokens(verb)
    best: tuple[int, _Match] | None = None
    for entry in entries:
        if "prt" in entry and entry["prt"] not in prts:
            continue
        if "prep" in entry and entry["prep"] not in preps and entry["prep"] not in prts:
            continue
        if entry.get("no_object") and any(c.dep_ == "dobj" for c in verb.children):
            continue
        if "crowd" in entry and _crowd(doc, verb) != entry["crowd"]:
            continue
        if entry.get("own_subject") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        if "objects" in entry:
            # the longest object phrase of any entry wins: "air strike" (195) over "strike" (143)
            for obj in objects:
                phrase = next((p for p in _phrases(obj) if p in entry["objects"]), None)
                if phrase is not None and (best is None or len(phrase.split()) > best[0]):
                    match = _Match(verb, entry["objects"][phrase], entry.get("plover"), [obj], entry.get("intent", False))
                    best = (len(phrase.split()), match)
            continue
        if best is not None:
            break
        return _Match(verb, entry["cameo"], entry.get("plover"), [], entry.get("intent", False))
    return best[1] if best is not None else None


def _match_noun(doc: Doc, noun: Token) -> _Match | None:
    nouns: dict[str, str] = lexicon()["nouns"]
    for phrase in _phrases(noun):
        if phrase in nouns:
            return _Match(noun, nouns[phrase], None, [])
    return None


def _plover(cameo: str, explicit: str | None = None) -> tuple[str, str | None] | None:
    overrides: dict[str, str] = lexicon()["plover_overrides"]
    mapped = plover_for(cameo)
    kind = explicit or _lookup(overrides, cameo)
    if kind is not None:
        mode = mapped[1] if mapped is not None and mapped[0] == kind else None
        return kind, mode
    return mapped


def _future(verb: Token) -> bool:
    """The act lies ahead: "will impose", "would send", "plans to send", "is prepared to lift"."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_HEADS:
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ATTEMPT_HEADS:
        return _future(verb.head)
    return verb.dep_ == "conj" and verb.head.pos_ == "VERB" and _future(verb.head) and not any(
        c.dep_ == "aux" for c in verb.children
    )


def _conditional(verb: Token) -> bool:
    """The act is a condition, not an event: "... unless the president agrees to step down", "if Iraq
    refuses to comply", "until they gain control"."""
    token = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "conj", "ccomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _unclaimed_violence(verb: Token, cameo: str) -> bool:
    """"Three civilians were killed in a bombing", "there were ten soldiers killed", "a roadside bomb
    killed two soldiers": violence reported with no doer (in the passive without an agent, or done by a
    weapon no one is said to have used) is an event with an unknown source (GDELT and PETRARCH leave
    the source empty, or take the place), not no event."""
    if cameo[:2] not in FORCE_ROOTS:
        return False
    if _is_passive(verb) or _existential(verb) is not None:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return all(_instrument(p) for p in agents)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and _instrument(subject)


def _instrument(noun: Token) -> bool:
    """A weapon or a blast where a doer would stand: "shot down by a missile", "a car bomb killed ...".

    The CAMEO dictionary's ``&WEAPON`` set and the lexicon's ``instrument_nouns`` name them; an agent
    noun ("bomber", "gunmen") is a person, not an instrument.
    """
    if noun.pos_ != "NOUN":
        return False
    named = noun.lemma_.lower() in lexicon()["instrument_nouns"] or dictionary().in_set("WEAPON", noun)
    return named and agent_of(noun) is None


def _wielders(doc: Doc, noun: Token) -> list[str]:
    """Who used an instrument, when its phrase says: "a missile (believed to be) fired by rebels"."""
    return [
        a for c in noun.children if c.dep_ == "acl"
        for g in c.subtree if g.dep_ == "agent"
        for p in g.children if p.dep_ == "pobj" for a in _actors(doc, p)
    ]


def _doers(doc: Doc, noun: Token) -> list[str]:
    """The actors a subject or "by" agent names: an instrument's wielders, else the phrase's actors."""
    return _wielders(doc, noun) if _instrument(noun) else _actors(doc, noun)


def _existential(verb: Token) -> Token | None:
    """The noun a participle tells of in "there were ten soldiers killed", "there have been civilians
    wounded by X" (the tagger may read the participle as a past tense): the one acted on."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or noun.dep_ not in ("attr", "nsubj"):
        return None
    return noun if any(c.dep_ == "expl" for c in noun.head.children) else None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


# ------------------------------------------------------------------------------------------------
# actors


def _affiliate(doc: Doc, token: Token, actor: str) -> None:
    """Give a person or group without a country the one country its own phrase names.

    "British Defence Secretary Tom King", "Palestinian leader Yasser Arafat", "Salaheddine Sidhoum,
    Algeria's leading activist": the descriptor says whose actor this is, as a CAMEO coder would read
    it. Only a missing country is filled, never a known one replaced. (This belongs with the actor
    descriptions in actors.py; it lives here until that module takes it over.)
    """
    info = doc._.cq_actors.get(actor)
    if info is None or info.country is not None or info.kind not in ("person", "organization"):
        return
    words: list[Token] = []
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss", "appos") and child.i < token.i or child.dep_ == "appos":
            words += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            words += list(child.subtree)
    countries = set()
    kb = doc._.cq_kb
    for word in words:
        mention = actor_at(doc, word.i)
        if (mention is None or mention.actor == actor) and kb is not None and word.text[:1].isupper():
            place = kb.place(word.text)  # "British", "French": a demonym the NER folded into a name
            if place is not None and place.kind == "country" and place.country:
                countries.add(place.country)
            elif mention is None and (city := place_country(word)) is not None:
                countries.add(city)  # "the mayor of Nablus, a member of X": a city of the phrase
            continue
        if mention is None:
            continue
        other = doc._.cq_actors.get(mention.actor)
        if other is not None and other.kind == "country" and other.country:
            countries.add(other.country)
    if len(countries) == 1:
        info.country = countries.pop()


def _actors(doc: Doc, token: Token) -> list[str]:
    """Actors of a noun phrase: ``events._phrase_actors`` first, else any actor inside the phrase."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head
    # "pro-Russia rebels": the country is the side the group takes, not an actor of the phrase
    sided = {m.actor for t in token.subtree if partisan(t) and (m := actor_at(doc, t.i)) is not None}
    found = _named(doc, token, sided)
    conjuncts = [token, *token.conjuncts]
    if found:
        if len(found) < len(conjuncts):
            # "the government and Hamas": a conjunct naming no actor is a sector actor of its own
            unnamed = [c for c in conjuncts if all(actor_at(doc, t.i) is None for t in (*c.lefts, c))]
            found += [g for c in unnamed if (g := _sector_actor(doc, c)) is not None]
        return found
    inside = _phrase_actor(doc, token)
    if inside is not None and inside not in sided:
        return [inside]
    for t in token.subtree:  # "Doctors from two American aid groups"
        mention = actor_at(doc, t.i)
        if mention is not None and mention.actor not in sided and doc._.cq_actors[mention.actor].kind in ("person", "country", "organization"):
            return [mention.actor]
    # "the government and the rebels", "the Palestinians": sector actors, or the people of a place
    return [g for c in conjuncts if (g := _sector_actor(doc, c) or _people_of_place(doc, c)) is not None]


def _people_of_place(doc: Doc, noun: Token) -> str | None:
    """"The Palestinians", "Kosovars": a plural name the place dictionary lists for a state (PETRARCH
    codes a people as its state), unless "ethnic" makes it a minority living elsewhere."""
    if noun.tag_ not in ("NNPS", "NNS") or any(c.lower_ == "ethnic" for c in noun.lefts):
        return None
    return _place_actor(doc, noun)


def _named(doc: Doc, token: Token, sided: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The actors a noun phrase names (``events._phrase_actors``), a country owning a body folded into it
    and each one's country filled from its own phrase (:func:`_affiliate`); ``sided`` are left out."""
    found = [a for a in _owners_folded(doc, token, _phrase_actors(doc, token)) if a not in sided]
    conjuncts = [token, *token.conjuncts]
    for actor, conjunct in zip(found, conjuncts) if len(found) == len(conjuncts) else []:
        _affiliate(doc, conjunct, actor)
    return found


def _code_group(doc: Doc, actor: str) -> None:
    """Give a body the knowledge base does not know its CAMEO code from PETRARCH2's list of armed groups
    ("Hamas" PSEREBHMS, "the Taliban" AFGREB), and the country the code begins with; only an actor with
    neither a code nor a country is filled."""
    info = doc._.cq_actors.get(actor)
    if info is None or info.kind not in ("organization", "group") or info.cameo or info.country:
        return
    code = group_code(info.name)
    if code is None:
        return
    info.cameo = code
    kb = doc._.cq_kb
    if kb is not None and kb.country_by_iso3(code[:3]) is not None:
        info.country = code[:3]


def _owners_folded(doc: Doc, token: Token, found: list[str]) -> list[str]:
    """"Egypt's Muslim Brotherhood", "Kenya's opposition party": a country that owns a body in the same
    phrase is that body's country, not a second actor; the body gets the country when it has none."""
    if len(found) < 2:
        return found
    actors = doc._.cq_actors
    folded: set[str] = set()
    for t in token.subtree:
        if t.dep_ != "poss":
            continue
        owner, owned = actor_at(doc, t.i), actor_at(doc, t.head.i)
        if owner is None or owned is None or owner.actor == owned.actor or owned.actor not in found:
            continue
        country, body = actors.get(owner.actor), actors.get(owned.actor)
        if country is None or body is None or country.kind != "country" or body.kind not in ("organization", "group"):
            continue
        if body.country is None:
            body.country = country.country
        if body.country == country.country:
            folded.add(owner.actor)
    return [a for a in found if a not in folded]


def _sector_actor(doc: Doc, token: Token) -> str | None:
    """"Insurgents shelled the city", "riot police dispersed ...": an agent noun with no named actor
    is a CAMEO sector actor of its own (---REB, ---COP), as PETRARCH codes it; it joins ``doc._.cq_actors``."""
    # "Hundreds of thousands of people", "a group of refugees": the people counted, not the count;
    # "leaders of the opposition coalition", "members of the rebel group": the body they belong to
    while (token.lemma_.lower() in QUANTITY_NOUNS | MEMBER_NOUNS or token.pos_ == "NUM") and agent_of(token) is None:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            return None
        token = pobj
    if token.pos_ != "NOUN":
        return None
    # an agent noun names the sector; an unnamed crowd ("students", "people") is civilians (CVL)
    code = agent_of(token) or ("CVL" if token.lemma_.lower() in lexicon()["crowd_nouns"] else None)
    if code is None:
        return None
    words = [c for c in token.lefts if c.dep_ in ("compound", "amod")] + [token]
    name = doc[words[0].i : token.i + 1].text  # "pro-Russia rebels" as written, hyphens unspaced
    # "Ugandan rebels": a demonym the NER left untagged gives the country (UGAREB); without one,
    # "---" stands in its place, as PETRARCH writes it ("---REB")
    country = None
    kb = doc._.cq_kb
    for word in words[:-1]:
        if partisan(word):
            continue  # "pro-Russia rebels" fight for Russia's side, they are not Russia's
        place = kb.place(word.text) if kb is not None and word.text[:1].isupper() else None
        if place is not None and place.kind == "country" and place.country:
            country = place.country
    key = name
    if country is None:  # "the mayor of Nablus", "the governor of the province of Helmand"
        country = next((c for p in _of_objects(token) if (c := place_country(p)) is not None), None)
        key = f"{name} {country}" if country else name  # another country's mayor is another actor
    actor = local_id(key, "group")
    doc._.cq_actors.setdefault(
        actor, ActorInfo(id=actor, name=name, kind="group", country=country, cameo=(country or "---") + code, known=False)
    )
    return actor


def _of_objects(noun: Token) -> list[Token]:
    """The nouns of the "of" phrase after a noun: "the mayor of Nablus" → [Nablus]."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]


def _subjects(doc: Doc, verb: Token) -> list[str]:
    """The source side of a verb: its subject, or the subject of the verb it depends on."""
    head, hops = verb, 0
    while hops < 4:
        if _is_passive(head):
            agent = next((c for c in head.children if c.dep_ == "agent"), None)
            if agent is None and head.lemma_.lower() in STATIVE_PASSIVES:
                # "X is opposed to Y", "X is committed to Z": the passive subject holds the stance
                return [a for c in head.children if c.dep_ == "nsubjpass" for a in _actors(doc, c)]
            if agent is None:
                return []
            return [a for p in agent.children if p.dep_ == "pobj" for a in _doers(doc, p)]
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.lower_ in PRONOUNS:
            # "Japan said it had halted aid": the pronoun is the reporting clause's subject
            governing = _reporting_subject(doc, head)
            if governing:
                return governing
        if subject is not None:
            return _doers(doc, subject)
        if head.dep_ in ("xcomp", "conj", "advcl", "acomp") and head.head.pos_ in ("VERB", "AUX", "ADJ"):
            head, hops = head.head, hops + 1
            continue
        if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):  # "the army, using missiles, killed"
            participle = head.tag_ == "VBN" or _existential(head) is not None
            if participle and not any(c.dep_ == "dobj" for v in (head, *head.conjuncts) for c in v.children):
                # "a report released Tuesday", "civilians imprisoned (by X)": the noun is what was acted
                # on; the doer, if any, is the "by" agent
                return [a for c in head.children if c.dep_ == "agent" for p in c.children for a in _actors(doc, p)]
            return _actors(doc, head.head)
        return []
    return []


def _reporting_subject(doc: Doc, verb: Token) -> list[str]:
    head, hops = verb, 0
    while head.dep_ in ("ccomp", "conj", "advcl", "xcomp", "acomp") and hops < 3:
        head, hops = head.head, hops + 1
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in PRONOUNS:
            return _actors(doc, subject)
    return []


def _objects_of(doc: Doc, verb: Token, skip: set[str]) -> list[str]:
    """The target side of a verb: its dative, object, prepositional objects, or a clause's subject."""
    targets: list[str] = []
    if _is_passive(verb) and verb.lemma_.lower() not in STATIVE_PASSIVES:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                targets += _actors(doc, c)
    told = _existential(verb)
    if told is not None:
        targets += _actors(doc, told)
    ordered = sorted(verb.children, key=lambda c: (c.dep_ not in ("dative", "iobj"), c.dep_ != "dobj", c.i))
    for c in ordered:
        if c.dep_ in ("dative", "iobj", "dobj"):
            targets += _named(doc, c)
            if not targets:
                targets += _noun_targets(doc, c)
        elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
            targets += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
        elif c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            targets += [a for s in c.children if s.dep_ in ("nsubj", "nsubjpass") for a in _actors(doc, s)]
            if c.dep_ == "xcomp" or not targets:
                targets += _objects_of(doc, c, skip)
        if any(t not in skip for t in targets):
            break
    if not any(t not in skip for t in targets):
        # "killed three soldiers", "arrested dozens of students": an unnamed object is a sector actor;
        # only when nothing else is the target ("offered its troops to Y": the troops are the thing given)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        targets += [g for c in objects if (g := _sector_actor(doc, c) or _people_of_place(doc, c)) is not None]
    if not any(t not in skip for t in targets):
        targets += _place_actors(doc, verb)
    return [t for t in dict.fromkeys(targets) if t not in skip]


def _place_actors(doc: Doc, verb: Token) -> list[str]:
    """The place an act happened in, as the actor of a side the sentence leaves unnamed: "imposed a
    curfew in Hebron", "blew themselves up in Tel Aviv", "soldiers killed in Ukraine".

    PETRARCH codes a missing source or target with the country of the place, and the PLOVER gold
    standard does too ("reimposed blockades in the West Bank": target PSE; "a roadside bombing near
    Samarra killed ...": source IRQ). An actor named in the phrase is taken as it is; a city or region
    is an actor coded with its country (:func:`_place_actor`, :mod:`communique.gazetteer`).
    """
    out: list[str] = []
    # when the verb has no place: the weapon's own ("a roadside bomb near the town of Samarra killed
    # ..."), or that of what was acted on ("fired shells at targets in Jericho")
    heads = [verb, *(c for c in verb.children if c.dep_ == "nsubj" and _instrument(c))]
    heads += [c for c in verb.children if c.dep_ == "dobj"]
    heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    for prep in (c for head in heads for c in head.children):
        if out or prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            found = _actors(doc, noun)
            if found:
                out += found
                continue
            place = _place_actor(doc, noun)
            if place is not None:
                out.append(place)
    return out


def _place_actor(doc: Doc, noun: Token) -> str | None:
    """A city or region as an actor: its people, coded with its country alone ("in Basra" → IRQ), as
    PETRARCH and the PLOVER gold standard write a place that stands for a side; it joins ``doc._.cq_actors``."""
    country = place_country(noun)
    head = place_name(noun)
    if country is None or head is None:
        return None
    name = doc[min([c.i for c in head.lefts if c.dep_ == "compound"] + [head.i]) : head.i + 1].text
    actor = local_id(name, "group")
    doc._.cq_actors.setdefault(actor, ActorInfo(id=actor, name=name, kind="group", country=country, cameo=country, known=False))
    return actor


def _is_place(doc: Doc, actor: str) -> bool:
    """A country, or a city or region standing for its people (:func:`_place_actor`)."""
    info = doc._.cq_actors[actor]
    return info.kind == "country" or info.kind == "group" and info.cameo is not None and info.cameo == info.country


def _noun_targets(doc: Doc, noun: Token) -> list[str]:
    """Actors attached to an object noun: "a UN appeal", "Turkey's efforts", "calls by Annan", "sanctions on Iran"."""
    out: list[str] = []
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            out += _actors(doc, c)
        elif c.dep_ in ("prep", "agent") and c.lower_ in TARGET_PREPS + ("by", "in"):
            out += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
        elif c.dep_ == "acl":
            out += [a for g in c.children if g.dep_ == "agent" for p in g.children for a in _actors(doc, p)]
    return out


def _noun_sides(doc: Doc, noun: Token) -> tuple[list[str], list[str], Token | None]:
    """(sources, targets, light verb) of a noun trigger."""
    sources: list[str] = []
    targets: list[str] = []
    for c in noun.children:
        if c.dep_ == "poss":
            sources += _actors(doc, c)
        elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
            sources += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
        elif c.dep_ == "prep" and c.lower_ in ("against", "on", "upon", "to", "with", "on", "at", "toward", "towards"):
            targets += [a for p in c.children if p.dep_ == "pobj" for a in _actors(doc, p)]
    light: Token | None = None
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in lexicon()["light_verbs"]:
        light = head
        if not sources:
            sources = _subjects(doc, head)
        if not targets:
            targets = [t for t in _objects_of(doc, head, set(sources))]
    if not sources:
        for c in noun.children:  # "Israeli shelling", "Palestinian riots"
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
                sources += _actors(doc, c)
    return sources, [t for t in dict.fromkeys(targets) if t not in sources], light


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
    from .events import _triggers

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
