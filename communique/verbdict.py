"""The CAMEO verb-pattern dictionary: reading PETRARCH2's ``CAMEO.2.0.txt`` and matching it on a parse.

The dictionary (Open Event Data Alliance, MIT; see NOTICE) lists verb *blocks*. A block header
``---  ASK   [---]  ---`` names the block and its default CAMEO code (``---``: none). Its verb lines
give the verbs that share the block's patterns, each with optional irregular forms in ``{}`` and
an optional code of its own; ``+ASK_FOR`` is a multiword verb (words joined by ``_``). Pattern
lines start with ``-``: ``- * (FOR {FINANCIAL AID})   [0231]`` reads "the verb, then a
prepositional phrase headed by FOR that holds FINANCIAL AID". In a pattern,

- ``*`` is the verb; words before it must come before the verb (its subject, auxiliaries, "not"),
  words after it in the verb's phrase (object, particles, complements);
- ``(PREP words)`` is a prepositional phrase; ``{A B}`` a phrase of adjacent words;
- ``&NAME`` any member of a synonym set (``&CURRENCY``: MONEY, DOLLAR, ...);
- a word ending in ``_`` matches exactly, any other word matches as a stem ("VIOLAT" matches
  "violation", "violated");
- ``$``, ``+``, ``%`` and ``^`` mark where PETRARCH looks for the source, target, compound actor
  or skips a word; they carry no words, so the matcher here leaves them out;
- ``[043]`` is the event code; ``[042:043]`` codes a pair, the second code for the event from the
  target back to the source (visit / host); ``[:054]`` codes only that reverse event; ``[---]``
  says the pattern is no event at all (it blocks more general patterns).

:func:`build_verbs` turns the text into ``data/cameo_verbs.json`` (``communique kb verbs``); at
run time :func:`match` finds the most specific pattern of a verb token's blocks, as PETRARCH does:
the pattern that matches the most words wins, then the earlier one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KnowledgeBaseError
from .packaged import read_packaged, write_packaged

if TYPE_CHECKING:
    from spacy.tokens import Token

VERBS_FILE = Path(str(resources.files("communique") / "data" / "cameo_verbs.json"))

ATTRIBUTION = (
    "Derived from the PETRARCH2 CAMEO verb-pattern dictionary CAMEO.2.0.txt, Copyright (c) 2015 Open "
    "Event Data Alliance, MIT License (see NOTICE); converted to JSON by communique."
)

# Dependents of a verb that belong to its phrase (what a pattern's words after ``*`` may match).
PHRASE_DEPS = frozenset(
    {"dobj", "dative", "attr", "oprd", "acomp", "prt", "prep", "agent", "xcomp", "advmod", "npadvmod", "nsubjpass", "obj"}
)
# Dependents before the verb that a pattern's words before ``*`` may match.
PRE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "csubj"})

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


# ------------------------------------------------------------------------------------------------
# reading the dictionary text


def _codes(text: str) -> list[str | None]:
    """``"042:043"`` → ``["042", "043"]``, ``":054"`` → ``[None, "054"]``, ``"---"`` → ``[None]``."""
    out: list[str | None] = []
    for part in text.strip().rstrip("!").split(":"):
        part = part.strip()
        out.append(part if part and part.isdigit() else None)
    return out


def _word(raw: str) -> str:
    """A dictionary word in our spelling: lower case, ``_`` between words → space, final ``_`` kept."""
    exact = raw.endswith("_")
    words = " ".join(w for w in raw.strip("_").lower().split("_") if w)
    return words + ("_" if exact else "")


def _elements(text: str) -> list[str]:
    """Split pattern text into elements: words, ``&SETS``, ``{phrases}`` and ``(pp ...)`` groups."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "({":
            close = ")" if ch == "(" else "}"
            depth, j = 0, i
            while j < len(text):
                if text[j] == ch:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            out.append(text[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "({":
                j += 1
            out.append(text[i:j])
            i = j
    return out


def _words(elements: list[str]) -> list[str]:
    """Pattern words of a run of elements (markers dropped, ``{A B}`` → ``"a b"``, sets kept as ``&NAME``)."""
    out: list[str] = []
    for element in elements:
        if element in ("$", "+", "%", "^", "*", ""):
            continue
        if element.startswith("{"):
            inner = [_word(w) for w in element.strip("{}").split() if w not in ("$", "+", "%", "^")]
            if inner:
                out.append(" ".join(w.rstrip("_") for w in inner))
        elif element.startswith("&"):
            out.append(element.upper())
        else:
            out.append(_word(element))
    return out


def parse_pattern(line: str) -> dict[str, Any] | None:
    """One ``- ... * ... [code]`` line → ``{"pre": [...], "post": [...], "pp": [[preps, [...]]], "code", "rev"}``."""
    body = line[1:].split("#", 1)[0]
    code_match = _CODE.search(body)
    if code_match is None or "*" not in body:
        return None
    codes = _codes(code_match.group(1))
    body = body[: code_match.start()]
    before, after = body.split("*", 1)
    post_elements = _elements(after)
    pp: list[list[Any]] = []
    post: list[str] = []
    for element in post_elements:
        if element.startswith("("):
            parts = _elements(element[1:-1])
            if not parts:
                continue
            preps = [p.lower() for p in parts[0].split("/") if p and p not in ("$", "+", "%", "^")]
            if not preps:
                continue
            pp.append([preps, _words(parts[1:])])
        else:
            post += _words([element])
    pattern: dict[str, Any] = {"pre": _words(_elements(before)), "post": post, "pp": pp, "code": codes[0]}
    if len(codes) > 1 and codes[1]:
        pattern["rev"] = codes[1]
    return pattern


def parse_dictionary(text: str) -> dict[str, Any]:
    """The text of ``CAMEO.2.0.txt`` → ``{"synsets", "blocks", "verbs"}`` (see :func:`build_verbs`)."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict[str, Any]] = []
    verbs: dict[str, list[list[Any]]] = {}  # lemma -> [[block index, own code or None, particles]]
    forms: dict[str, str] = {}  # irregular form -> lemma
    current_set: str | None = None
    block: dict[str, Any] | None = None
    section = "sets"
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            section, current_set = "verbs", None
            continue
        if line.startswith("######## TRANSFORMATIONS"):
            break
        stripped = line.split("#", 1)[0].strip() if not line.startswith("---") else line.strip()
        if not stripped:
            current_set = None if section == "sets" and not line.strip() else current_set
            continue
        if section == "sets":
            if stripped.startswith("&"):
                current_set = stripped.split()[0].upper()
                synsets[current_set] = []
            elif stripped.startswith("+") and current_set is not None:
                synsets[current_set].append(_word(stripped[1:].split()[0]))
            continue
        header = _HEADER.match(stripped)
        if header:
            block = {"name": header.group(1), "code": _codes(header.group(2))[0], "patterns": []}
            rev = _codes(header.group(2))
            if len(rev) > 1 and rev[1]:
                block["rev"] = rev[1]
            blocks.append(block)
            continue
        if block is None:
            continue
        if stripped.startswith("-"):
            pattern = parse_pattern(stripped)
            if pattern is not None:
                block["patterns"].append(pattern)
                block.setdefault("sources", set()).update(_comment_verbs(line))
            continue
        _verb_line(stripped, len(blocks) - 1, verbs, forms, "#" in line)
    for entries in verbs.values():
        for entry in entries:
            block = blocks[entry[0]]
            entry[3] = entry[3] or entry[1] is not None or block["name"].lower().split("_")[0] == entry[4]
            entry[3] = entry[3] or entry[4] in block.get("sources", ())
            del entry[4]
    for block in blocks:
        block.pop("sources", None)
    return {"synsets": synsets, "blocks": blocks, "verbs": verbs, "forms": forms}


def _comment_verbs(line: str) -> set[str]:
    """The verbs a pattern's comment names as where the pattern was first found ("# DELAY , POSTPONE")."""
    if "#" not in line:
        return set()
    out: set[str] = set()
    for word in line.split("#", 1)[1].replace(",", " ").split():
        if not word.isalpha() or not word.isupper():
            break
        out.add(word.lower())
    return out


def _verb_line(line: str, block: int, verbs: dict[str, list[list[Any]]], forms: dict[str, str], noted: bool) -> None:
    """``SPEED {SPEEDING SPEEDS SPED} [code]`` or ``+ASK_FOR {+ASKED_FOR ...} [020]`` into the verb index.

    Each entry is ``[block, own code, particles, original]``; ``original`` (filled in by
    :func:`parse_dictionary`) says the verb is one of the block's coded verbs (it has a code of its
    own, a coder's note, names the block or is named as where one of its patterns was found) rather
    than a synonym added from WordNet.
    """
    code_match = _CODE.search(line)
    own = _codes(code_match.group(1))[0] if code_match else None
    irregular = _FORMS.search(line)
    head = line.split("{", 1)[0].split("[", 1)[0].split()
    if not head:
        return
    words = _word(head[0].lstrip("+")).rstrip("_").split()
    if not words:
        return
    lemma, particles = words[0], words[1:]
    verbs.setdefault(lemma, []).append([block, own, particles, noted, lemma])
    for form in (irregular.group(1).split() if irregular else []):
        form_words = _word(form.lstrip("+")).rstrip("_").split()
        if form_words and form_words[0] != lemma and form_words[0].isalpha():
            forms.setdefault(form_words[0], lemma)


def build_verbs(source: Path, dest: Path = VERBS_FILE) -> dict[str, Any]:
    """Convert ``CAMEO.2.0.txt`` at ``source`` into the packaged JSON at ``dest``; returns the data."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeBaseError(f"{source}: cannot read the CAMEO verb dictionary ({exc})") from exc
    parsed = parse_dictionary(text)
    if not parsed["blocks"]:
        raise KnowledgeBaseError(
            f"{source}: no verb blocks ('---  VERB  [code]  ---') found: is this PETRARCH2's CAMEO.2.0.txt?"
        )
    data = {
        "attribution": ATTRIBUTION,
        "license": "MIT",
        "source": "https://github.com/openeventdata/petrarch2 (petrarch2/data/dictionaries/CAMEO.2.0.txt)",
        **parsed,
    }
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_packaged(dest, data, indent=None)
    return data


# ------------------------------------------------------------------------------------------------
# matching on a parse


@dataclass(frozen=True)
class VerbMatch:
    """The CAMEO code a verb token gets from the dictionary."""

    code: str | None  # None: the most specific pattern says "no event"
    reverse: str | None  # the paired code for target → source, when the pattern has one
    block: str
    specificity: int  # words the pattern matched; 0 = the verb's or block's default
    tokens: tuple[int, ...]  # indices of the tokens the pattern's words matched
    explicit: bool = True  # a default code the verb's own line gives, or the block's head verb


@dataclass(frozen=True)
class _Pattern:
    pre: tuple[tuple[tuple[str, ...], ...], ...]  # elements; each a tuple of alternatives (word sequences)
    post: tuple[tuple[tuple[str, ...], ...], ...]
    pp: tuple[tuple[frozenset[str], tuple[tuple[tuple[str, ...], ...], ...]], ...]
    code: str | None
    reverse: str | None


@dataclass
class _Block:
    name: str
    code: str | None
    reverse: str | None
    patterns: tuple[_Pattern, ...]

    def __post_init__(self) -> None:
        # An index of each pattern's first element, so that a verb tries only the patterns whose
        # first word its phrase holds (a block has up to a few hundred patterns; speed, issue 11).
        self.anchored: dict[str, list[int]] = {}
        self.stemmed: list[tuple[str, int]] = []
        self.by_prep: dict[str, list[int]] = {}
        for index, pattern in enumerate(self.patterns):
            first = (pattern.post or pattern.pre or ((),))[0]
            if not first:  # only prepositional phrases
                for prep in pattern.pp[0][0] if pattern.pp else ():
                    self.by_prep.setdefault(prep, []).append(index)
                continue
            for alternative in first:
                word = alternative[0]
                self.anchored.setdefault(word.rstrip("_"), []).append(index)
                if not word.endswith("_") and len(word) >= 5:
                    self.stemmed.append((word, index))

    def candidates(self, regions: tuple[_Region, ...], preps: set[str]) -> list[int]:
        """Indices of the patterns whose first element can match, in dictionary order."""
        found: set[int] = set()
        for region in regions:
            for form in region.forms:
                found.update(self.anchored.get(form, ()))
            for word, index in self.stemmed:
                if index not in found and word[:5] in region.prefixes and region.starts(word):
                    found.add(index)
        for prep in preps:
            found.update(self.by_prep.get(prep, ()))
        return sorted(found)


class Dictionary:
    """The compiled verb dictionary: verb lemma → blocks, each with its patterns."""

    def __init__(self, data: dict[str, Any]) -> None:
        synsets: dict[str, list[str]] = data["synsets"]

        def element(word: str) -> tuple[tuple[str, ...], ...]:
            if word.startswith("&"):
                members = synsets.get(word, []) or synsets.get(word + "_", [])
                return tuple(tuple(m.split()) for m in members) or ((word.lower().strip("&"),),)
            return (tuple(word.split()),)

        def elements(words: list[str]) -> tuple[tuple[tuple[str, ...], ...], ...]:
            return tuple(element(w) for w in words)

        self.blocks: list[_Block] = []
        for block in data["blocks"]:
            patterns = tuple(
                _Pattern(
                    elements(p["pre"]), elements(p["post"]),
                    tuple((frozenset(preps), elements(words)) for preps, words in p["pp"]),
                    p["code"], p.get("rev"),
                )
                for p in block["patterns"]
            )
            self.blocks.append(_Block(block["name"], block["code"], block.get("rev"), patterns))
        self.verbs: dict[str, list[tuple[int, str | None, tuple[str, ...], bool]]] = {
            lemma: [(b, own, tuple(particles), original) for b, own, particles, original in entries]
            for lemma, entries in data["verbs"].items()
        }
        self.forms: dict[str, str] = data["forms"]
        self.synsets = {name.strip("&_"): tuple(members) for name, members in synsets.items()}
        self._set_index: dict[str, dict[str, list[tuple[str, str, bool]]]] = {}

    def in_set(self, name: str, noun: Token) -> bool:
        """Whether a noun (with the compound before it) is a member of the synonym set ``&name``.

        A member matches as the dictionary's words do: exactly when it ends in ``_``, else as a stem
        ("MISSILE" matches "missiles"); "car bomb" matches a noun "bomb" with the compound "car".
        """
        compound = next((c.lower_ for c in noun.lefts if c.dep_ == "compound" and c.i == noun.i - 1), None)
        # members keyed by their last word's first three letters (the whole word when shorter): a noun
        # tries only the few that can match
        index = self._members(name.strip("&_"))
        for head in (noun.lower_, noun.lemma_.lower()):
            for front, last, exact in (m for n in (1, 2, 3) for m in index.get(head[:n], ())):
                if front and front != compound:
                    continue
                if head == last or not exact and head.startswith(last):
                    return True
        return False

    def _members(self, name: str) -> dict[str, list[tuple[str, str, bool]]]:
        """The set ``name`` indexed for :meth:`in_set`: (front words, last word, exact) by the last word's start."""
        index = self._set_index.get(name)
        if index is None:
            index = {}
            for member in self.synsets.get(name, ()):
                *front, last = member.rstrip("_").split()
                index.setdefault(last[:3], []).append((" ".join(front), last, member.endswith("_")))
            self._set_index[name] = index
        return index

    def lemma(self, token: Token) -> str | None:
        """The dictionary verb a token is a form of (spaCy's lemma, else the dictionary's irregular forms)."""
        for candidate in (token.lemma_.lower(), token.lower_):
            if candidate in self.verbs:
                return candidate
        return self.forms.get(token.lower_)

    def match(self, verb: Token) -> VerbMatch | None:
        """The most specific pattern of the verb's blocks, or its default code; None for verbs not listed."""
        lemma = self.lemma(verb)
        if lemma is None:
            return None
        entries = self.verbs[lemma]
        after_tokens, before_tokens = _phrase_tokens(verb), _pre_tokens(verb)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            # PETRARCH reads a passive as its active ("the building was demolished by a protestor" as
            # "a protestor demolished the building"): the agent stands where the pattern puts the
            # source, before the verb, and the passive subject where it puts the object
            by = {t.i for t in agent.subtree}
            moved = [t for c in verb.children if c.dep_ == "nsubjpass" for t in _noun_phrase(c)]
            after_tokens = sorted([t for t in after_tokens if t.i not in by] + moved, key=lambda t: t.i)
            before_tokens = sorted(
                [t for t in before_tokens if t.i not in {m.i for m in moved}]
                + [t for pobj in agent.children for t in _noun_phrase(pobj)], key=lambda t: t.i,
            )
        after, before = _Region(after_tokens), _Region(before_tokens)
        preps = [
            (t, _Region([d for d in t.subtree if d.i != t.i]))
            for t in after_tokens if t.dep_ in ("prep", "agent", "dative", "prt")
        ]
        particles = {t.lower_ for t in after_tokens if t.dep_ in ("prt", "prep", "agent") and t.head.i == verb.i}
        particles |= {verb.doc[verb.i + 1].lower_} if verb.i + 1 < len(verb.doc) else set()
        best: VerbMatch | None = None
        seen: set[int] = set()
        for block_index, own, need, original in entries:
            if need and not set(need[:1]) <= particles:
                continue
            block = self.blocks[block_index]
            default_code = own or block.code
            specificity = len(need)
            # Synonyms added from WordNet ("postpone" beside "prevent" under BLAME) share a block's
            # patterns, but its default code only says what its original verbs mean.
            explicit = original or bool(need)
            if best is None or specificity > best.specificity or (explicit and not best.explicit and not best.specificity):
                best = VerbMatch(default_code, block.reverse, block.name, specificity, (), explicit)
            if block_index in seen:
                continue
            seen.add(block_index)
            for index in block.candidates((after, before), {t.lower_ for t, _ in preps}):
                pattern = block.patterns[index]
                found = _match_pattern(pattern, before, after, preps)
                if found is None:
                    continue
                score, tokens = found
                if best is None or score > best.specificity:
                    best = VerbMatch(pattern.code, pattern.reverse, block.name, score, tuple(sorted(tokens)))
        return best


def _phrase_tokens(verb: Token) -> list[Token]:
    """Tokens of the verb's phrase after the verb: object, particles, prepositional phrases, complements."""
    out: list[Token] = []
    for child in verb.children:
        if child.i > verb.i and child.dep_ == "xcomp":
            # "agreed to help": the complement verb and its "to", not the clause it opens, whose
            # words belong to that verb's own patterns
            out += [c for c in child.lefts if c.dep_ == "aux"] + [child]
        elif child.i > verb.i and child.dep_ in PHRASE_DEPS:
            out += list(child.subtree)
    return sorted(out, key=lambda t: t.i)


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun and its modifiers, without the clauses and phrases after it ("militiamen armed with machetes")."""
    out = [noun]
    for child in noun.children:
        if child.dep_ not in ("acl", "relcl", "prep", "appos", "punct", "cc", "conj"):
            out += list(child.subtree)
    return out


def _pre_tokens(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.children:
        if child.i < verb.i and child.dep_ in PRE_DEPS:
            out += list(child.subtree)
    return sorted(out, key=lambda t: t.i)


class _Region:
    """Tokens a pattern's words may match, read once: index, lower-case text and lemma of each, and
    the indices of each form (the dictionary has thousands of words; a sentence region a dozen)."""

    def __init__(self, tokens: list[Token]) -> None:
        self.words = {t.i: (t.lower_, t.lemma_.lower()) for t in tokens}
        self.forms: dict[str, list[int]] = {}
        self.prefixes = {lower[:5] for lower, _ in self.words.values()}  # rules out most stems at once
        for i, (lower, lemma) in self.words.items():
            self.forms.setdefault(lower, []).append(i)
            if lemma != lower:
                self.forms.setdefault(lemma, []).append(i)

    def matches(self, word: str, i: int) -> bool:
        lower, lemma = self.words[i]
        if word.endswith("_"):
            return word[:-1] in (lower, lemma)
        # stems: "VIOLAT" → "violation"; short words only whole, so that AID never matches "aides"
        return word in (lower, lemma) or (len(word) >= 5 and lower.startswith(word))

    def starts(self, word: str) -> list[int]:
        """Indices of the tokens ``word`` matches, in text order."""
        exact = word.endswith("_")
        found = self.forms.get(word[:-1] if exact else word, [])
        if exact or len(word) < 5 or word[:5] not in self.prefixes:
            return found
        stems = [i for i, (lower, _) in self.words.items() if lower.startswith(word) and i not in found]
        return sorted(found + stems) if stems else found

    def find(self, alternatives: tuple[tuple[str, ...], ...], used: set[int]) -> list[int] | None:
        """Indices of the first alternative found as adjacent tokens (skipping used ones)."""
        for words in alternatives:
            for first in self.starts(words[0]):
                if first in used:
                    continue
                hit = [first]
                for offset, word in enumerate(words[1:], start=1):
                    if first + offset not in self.words or not self.matches(word, first + offset):
                        break
                    hit.append(first + offset)
                else:
                    return hit
        return None


def _match_pattern(
    pattern: _Pattern, before: _Region, after: _Region, preps: list[tuple[Token, _Region]]
) -> tuple[int, set[int]] | None:
    """(words matched, token indices) when every element of the pattern is found, else None."""
    used: set[int] = set()
    score = 0
    for elements, region in ((pattern.pre, before), (pattern.post, after)):
        for alternatives in elements:
            hit = region.find(alternatives, used)
            if hit is None:
                return None
            used.update(hit)
            score += len(hit)
    for words, elements in pattern.pp:
        matched = False
        for prep, inside in preps:
            if prep.lower_ not in words or prep.i in used:
                continue
            hits: list[int] = []
            for alternatives in elements:
                hit = inside.find(alternatives, used | set(hits))
                if hit is None:
                    break
                hits += hit
            else:
                used.add(prep.i)
                used.update(hits)
                score += 1 + len(hits)
                matched = True
                break
        if not matched:
            return None
    if score == 0:
        return None
    return score, used


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The packaged verb dictionary (``data/cameo_verbs.json``)."""
    return Dictionary(read_packaged(VERBS_FILE, "CAMEO verb dictionary"))
