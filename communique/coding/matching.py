"""Matching a verb or noun to a CAMEO code: PETRARCH2's verb dictionary first, the hand lexicon for
what it lacks (:mod:`communique.coding`)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..cameo import plover_for
from ..quotes.lexicon import SPEECH_VERBS
from ..verbdict import dictionary
from .modality import _existential
from .words import ATTEMPT_HEADS, LEFT_TO_EVENTS, lexicon, PREDICATE_DEPS, RELATIVE, VAGUE_CODES


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
