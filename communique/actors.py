"""Actors: find who and what the article names, resolve each mention to one canonical actor,
and read the offices the text gives people.

Component ``communique_actors`` (after ``ner``) sets ``doc._.cq_actors`` (id -> ``ActorInfo``),
``doc._.cq_mentions`` (sorted ``MentionInfo``) and ``doc._.cq_roles`` (``RoleInfo``).

Mentions come from the knowledge base's names first (they correct the stock model: "Nazarbayev"
tagged as an organization, "Kassym-Jomart Tokayev Comments" read as one organization), then from
spaCy's entities for everyone the KB does not know (a stable local id per name). Pronouns and
descriptions ("he", "the president", "the Kazakh leader") are resolved to people introduced
earlier; offices use the article's publication date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import cache
from .doctext import doc_text
from .kb import KBActor, KnowledgeBase, norm_name
from .mentions import actor_at as actor_at  # where quotes, events and coding import it from
from .phrases import PhraseIndex

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "FAC", "NORP"}

# Office titles, longest first so that "prime minister" wins over "minister".
TITLES = (
    "secretary-general", "secretary general", "secretary of state", "secretary of defense",
    "foreign secretary", "home secretary", "defence secretary", "defense secretary",
    "deputy prime minister", "prime minister", "foreign minister", "defence minister", "defense minister",
    "finance minister", "interior minister", "minister of foreign affairs", "minister of defence",
    "minister of defense", "high representative", "vice president", "vice-president", "crown prince",
    "president-elect", "federal chancellor", "chancellor", "president", "premier", "minister", "secretary",
    "king", "queen", "emir", "sultan", "chairman", "chairwoman", "chairperson", "chair", "speaker",
    "ambassador", "envoy", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson",
    "commissioner", "leader", "head of state", "head of government", "supreme leader", "general secretary",
)
HONORIFICS = {w for t in TITLES for w in re.split(r"[\s-]+", t)} - {
    "supreme", "of", "state", "head", "government", "affairs", "high", "crown",
} | {
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "sheikh", "general", "madam", "vice", "deputy", "first",
    "adviser", "advisor", "aide", "chief", "staff", "counsellor", "counselor", "assistant", "representative",
    "maj", "gen", "col", "lt", "capt", "sgt", "adm", "cmdr", "brig", "rev", "hon", "sen", "rep", "gov", "amb",
}
PLURAL_TITLES = re.compile(r"\b(?P<title>Presidents|Prime Ministers|Foreign Ministers|Defence Ministers|Defense Ministers|"
                           r"Ministers|Chancellors|Kings|Emirs|Premiers)\b")
KEPT_MODIFIERS = {"first", "deputy", "vice", "acting", "interim", "second", "third"}
DROPPED_MODIFIERS = {
    "current", "former", "then", "late", "life-long", "lifelong", "new", "outgoing", "incoming",
    "incumbent", "sitting", "newly", "elected", "newly-elected", "ex",
}
GENERIC_BODIES = {"security council", "government", "parliament", "council", "cabinet", "senate", "assembly", "state"}
_TITLE_RE = "|".join(re.escape(t) for t in TITLES)
_MOD_RE = r"(?i:(?:(?:%s)\s+)*)" % "|".join(re.escape(m) for m in sorted(KEPT_MODIFIERS | DROPPED_MODIFIERS))
_TITLE_RE = "(?i:(?:" + _TITLE_RE + ")(?:/(?:" + _TITLE_RE + "))?)"  # "High Representative/Vice-President"
_OF_RE = r"(?:\s+(?P<prep>(?i:of|for))\s+(?P<of>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:of\s+|and\s+|the\s+)?[A-Z][\w'’.-]*){0,5}))?"
_OWNER_RE = r"(?:(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}?)(?:'s|’s)?\s+)??"
ROLE_BEFORE = re.compile(
    r"(?:^|[\s(\"“])(?i:as\s+)?(?i:the\s+)?" + _OWNER_RE + r"(?P<mod>" + _MOD_RE + r")(?P<title>" + _TITLE_RE + r")"
    + _OF_RE + r"(?:\s*\([A-Z]{2,8}\))?\s*,?\s*$",  # "chairman of the Council (NTC) <name>"
)
ROLE_AFTER = re.compile(
    r"^\s*,\s*(?i:the\s+|a\s+)?" + _OWNER_RE + r"(?P<mod>" + _MOD_RE + r")(?P<title>" + _TITLE_RE + r")" + _OF_RE
    + r"\s*(?:[,.;)]|$)",
)
ROLE_AS = re.compile(
    r"\b(?i:as)\s+(?i:the\s+)?(?P<mod>" + _MOD_RE + r")(?P<title>" + _TITLE_RE + r")" + _OF_RE,
)
DESCRIPTION = re.compile(
    r"\b(?P<det>the|The)\s+(?:(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)??)\s+)??(?P<mod>" + _MOD_RE + r")"
    r"(?P<title>" + _TITLE_RE + r")\b" + _OF_RE,
)
DESCRIPTION_POSS = re.compile(
    r"\b(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:'s|’s)\s+(?P<mod>" + _MOD_RE + r")(?P<title>" + _TITLE_RE + r")\b",
)

MINISTRY = re.compile(r"\b(Office|Department|Ministry|Pentagon|Foggy Bottom|Smolenskaya|Quai d.Orsay)\b")
# plural nouns for people: with a country they make a group actor ("US diplomats", "Russian troops")
PEOPLE_GROUPS = frozenset(
    """diplomats officials ministers lawmakers legislators senators troops soldiers forces officers police
    protesters demonstrators students workers farmers citizens nationals residents journalists activists
    negotiators envoys delegates leaders politicians rebels militants fighters refugees migrants voters
    prosecutors judges investigators authorities""".split()
)

# Internet domains whose publisher speaks for one government: "the Prime Minister" in a GOV.UK
# readout is the British prime minister.
DOMAIN_COUNTRY = {
    "gov.uk": "GBR", "whitehouse.gov": "USA", "state.gov": "USA", "defense.gov": "USA", "presidency.ucsb.edu": "USA",
    "kremlin.ru": "RUS", "mid.ru": "RUS", "akorda.kz": "KAZ", "president.gov.ua": "UKR", "elysee.fr": "FRA",
    "bundesregierung.de": "DEU", "gov.cn": "CHN", "mfa.gov.cn": "CHN", "pm.gc.ca": "CAN", "mea.gov.in": "IND",
}
TLD_COUNTRY = {"uk": "GBR", "gov": "USA", "ru": "RUS", "kz": "KAZ", "ua": "UKR", "fr": "FRA", "de": "DEU", "cn": "CHN"}


# titles used with a given name alone: "Prince Mohammed" is Mohammed bin Salman
ROYAL_TITLES = frozenset("prince princess sheikh sheikha emir sultan king queen".split())
# one-word titles written before a name: "Governor Babajide Sanwo-Olu"
NAME_TITLES = frozenset("governor president minister mayor ambassador envoy chancellor premier king queen emir "
                        "sultan senator secretary commissioner chairman chairwoman spokesman spokeswoman".split())
# words around a place name: "flew to Lagos", "Lagos State" (a surname the KB knows used as a place)
PLACE_PREPOSITIONS = frozenset("in to from at near via into across outside".split())
PLACE_NOUNS = frozenset("State City Province Region County Island Islands Port".split())


@dataclass
class ActorInfo:
    id: str
    name: str
    kind: str
    country: str | None = None
    cameo: str | None = None
    known: bool = True  # in the knowledge base
    institution: str | None = None  # the kind of body an organization is (institutions.Body.kind)


@dataclass
class MentionInfo:
    start: int  # token offsets
    end: int
    actor: str
    via: str  # name | pronoun | description | metonym
    start_char: int
    end_char: int
    text: str


@dataclass
class RoleInfo:
    person: str
    role: str
    of: str | None
    start_char: int
    end_char: int


@dataclass
class _Found:
    mentions: list[MentionInfo] = field(default_factory=list)
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    roles: list[RoleInfo] = field(default_factory=list)
    # positions in ``roles`` by person and by office (``norm_name`` of the role), in list order: an
    # office looked up reads the roles of that person or office, not every role of the article (issue 14)
    roles_of: dict[str, list[int]] = field(default_factory=dict)
    holding: dict[str, list[int]] = field(default_factory=dict)

    def set_role(self, k: int, role: RoleInfo) -> None:
        """Put ``role`` at position ``k`` of ``roles`` (``len(roles)``: append it), keeping the indexes."""
        if k == len(self.roles):
            self.roles.append(role)
            self.roles_of.setdefault(role.person, []).append(k)
            self.holding.setdefault(norm_name(role.role), []).append(k)
            return
        old, self.roles[k] = self.roles[k], role
        for index, before, after in ((self.roles_of, old.person, role.person),
                                     (self.holding, norm_name(old.role), norm_name(role.role))):
            if before != after:
                index[before].remove(k)
                bisect.insort(index.setdefault(after, []), k)


WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())


def _unaccented(text: str) -> str:
    if text.isascii():
        return text  # most names: nothing to fold, and this runs for every KB name at start (issue 13)
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def partisan(word: Token) -> bool:
    """A name after "pro-" or "anti-" ("pro-Russia rebels", "anti-American protesters"): a stance
    toward a country, not the nationality of the people it describes."""
    doc, i = word.doc, word.i
    if word.lower_.startswith(("pro-", "anti-")):
        return True
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("pro", "anti")


def local_id(name: str, kind: str) -> str:
    """A stable id for an actor the knowledge base does not know."""
    digest = hashlib.sha1(f"{kind}:{norm_name(name)}".encode("utf-8")).hexdigest()[:10]
    return f"L{digest}"


def home_country(url: str | None) -> str | None:
    """The government an official outlet speaks for, from its web address."""
    if not url:
        return None
    host = re.sub(r"^https?://", "", url.lower()).split("/")[0].split(":")[0]
    for domain, iso3 in DOMAIN_COUNTRY.items():
        if host == domain or host.endswith("." + domain):
            return iso3
    parts = host.split(".")
    if len(parts) >= 2 and parts[-2] == "gov" and parts[-1] in TLD_COUNTRY:
        return TLD_COUNTRY[parts[-1]]
    if parts and parts[-1] == "gov":
        return "USA"
    return None


def canonical_role(mod: str, title: str) -> str:
    words = [w for w in mod.lower().split() if w in KEPT_MODIFIERS]
    title = title.lower().replace("vice-president", "vice president")
    if title == "federal chancellor":
        title = "chancellor"
    if title == "minister of foreign affairs":
        title = "foreign minister"
    text = " ".join(words + [title])
    text = " ".join(w if w in ("of", "the", "for", "and") else w for w in text.split())
    return re.sub(r"(^|[\s/-])(?!(?:of|the|for|and)\b)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


def name_patterns(kb: KnowledgeBase) -> list[str]:
    """Every spelling of the knowledge base's names that ``communique_actors`` looks for in a text."""
    seen: set[str] = set()
    patterns: list[str] = []
    for name, actor in kb.names():
        # news often drops the accents: "Luiz Inacio Lula da Silva" is still the KB's name
        for form in {name, name.upper(), _unaccented(name)}:
            if form not in seen and len(form) > 1:
                seen.add(form)
                patterns.append(form)
    for actor in kb.actors.values():
        for form in actor.metonyms:
            bare = re.sub(r"^(the|The)\s+", "", form)
            if bare not in seen:
                seen.add(bare)
                patterns.append(bare)
    return patterns


def name_index(nlp: Language, kb: KnowledgeBase, cache_dir: str | None = None) -> PhraseIndex:
    """The knowledge base's names as token ids, memory-mapped from the cache folder (issue 13).

    Built on the first start with a KB, a model's tokenizer and this code (``communique kb build``
    builds it for the KB it writes), then opened in about a millisecond instead of adding 87,000
    names to a ``PhraseMatcher`` (0.4 s). A KB loaded from a file is known by its digest; one built
    in memory by its names.
    """
    from .nlp import model_label, phrase_keys  # late: nlp registers this component

    patterns = None if kb.digest else name_patterns(kb)
    what = kb.digest.encode("ascii") if kb.digest else "\n".join(sorted(set(patterns or ()))).encode("utf-8")
    tokenizer = nlp.tokenizer.to_bytes(exclude=["vocab"])  # type: ignore[union-attr]
    place = f"{model_label(nlp)} {kb.path or 'memory'}"  # a new form of the same file replaces the old one
    kept = cache.path("names", place, what + tokenizer + _code_digest(), cache_dir, suffix=".npy")
    if kept is not None:
        try:
            return PhraseIndex.open(kept)
        except (OSError, ValueError):
            pass  # absent or damaged: built again below and rewritten
    patterns = name_patterns(kb) if patterns is None else patterns
    index = PhraseIndex.build(phrase_keys(nlp, patterns, cache_dir))
    if kept is not None:
        cache.write_with(kept, index.save)
    return index


def prepare(kb_file: Path, model: str | None = None) -> int:
    """Build what a pipeline start reads for the KB file ``kb_file`` with ``model`` (default: the best
    installed): the KB's prebuilt form and its name index, so that the first start after
    ``communique kb build`` is as quick as the later ones. Returns how many names the index holds.
    """
    import spacy

    from .errors import ModelError
    from .kb import KnowledgeBase
    from .nlp import pick_model

    kb = KnowledgeBase.load(kb_file)
    name = pick_model(model)
    try:
        nlp = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer",
                                        "ner", "textcat", "transformer"])
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}; install it or set COMMUNIQUE_MODEL") from exc
    return len(name_index(nlp, kb))


def _code_digest() -> bytes:
    """The source of the code the name index is built by: changing it builds the index again."""
    from . import phrases

    sources = Path(__file__).read_bytes() + Path(phrases.__file__).read_bytes()
    return hashlib.sha256(sources).hexdigest().encode("ascii")


class ActorResolver:
    """Finds and resolves actor mentions in a ``Doc`` against the knowledge base."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._text = ""
        self.names = name_index(nlp, kb)

    # -- public -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        self.set_annotations(doc, found)
        return doc

    def find(self, doc: Doc) -> _Found:
        self._text = doc_text(doc)
        published: dt.date | None = doc._.cq_published
        found = _Found()
        taken = [False] * len(doc)
        for span, actor in self._kb_spans(doc, published):
            self._add(found, doc, span.start, span.end, actor, "name")
            for i in range(span.start, span.end):
                taken[i] = True
        for ent in doc.ents:
            if ent.label_ not in ENTITY_LABELS or any(taken[i] for i in range(ent.start, ent.end)):
                continue
            trimmed = _trim(ent)
            if trimmed is None:
                continue
            span = trimmed
            info = self._unknown(found, span)
            if info is not None:
                self._add(found, doc, span.start, span.end, info, "name")
                for i in range(span.start, span.end):
                    taken[i] = True
        self._titled_names(doc, found, taken)
        self._groups(doc, found, taken)
        found.mentions.sort(key=lambda m: m.start)
        self._roles(doc, found, published)
        self._descriptions(doc, found, published, taken)
        self._pronouns(doc, found)
        found.mentions.sort(key=lambda m: m.start)
        return found

    def authors(self, title: str | None) -> list[ActorInfo]:
        """The people whose own words the page holds: "Press statement by A and B following ..."."""
        match = re.search(
            r"\b(?:remarks|statement|speech|address|press conference|interview|op-ed|message|letter|article)\b"
            r"[^\n]*?\bby\s+(?P<rest>[^\n]+)",
            title or "", re.I,
        )
        if not match:
            return []
        words = re.findall(r"[\w'’.-]+", match.group("rest"))[:30]
        found: list[ActorInfo] = []
        i = 0
        while i < len(words):
            for size in (4, 3, 2):
                people = self.kb.lookup(" ".join(words[i : i + size]), kind="person") if i + size <= len(words) else []
                if people:
                    best = people[0]
                    if all(a.id != best.id for a in found):
                        found.append(ActorInfo(best.id, best.name, best.kind, best.country, best.cameo))
                    i += size
                    break
            else:
                i += 1
        return found

    def set_annotations(self, doc: Doc, found: _Found) -> None:
        authors = self.authors(doc._.cq_title)
        for author in authors:
            found.actors.setdefault(author.id, author)
        doc._.cq_authors = [a.id for a in authors]
        doc._.cq_mentions = found.mentions
        doc._.cq_actors = found.actors
        doc._.cq_roles = found.roles

    # -- knowledge-base names -------------------------------------------------------------
    def _kb_spans(self, doc: Doc, published: dt.date | None) -> Iterable[tuple[Span, ActorInfo]]:
        # token -> the personal name / the place name of several words covering it (entities never
        # overlap): a lookup per KB name instead of a walk of every entity (issue 14)
        persons: list[Span | None] = [None] * len(doc)
        places: list[Span | None] = [None] * len(doc)
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                persons[ent.start:ent.end] = [ent] * len(ent)
            elif ent.label_ in ("GPE", "LOC", "FAC") and len(ent) > 1:
                places[ent.start:ent.end] = [ent] * len(ent)
        spans = [Span(doc, s, e) for s, e in self.names.find(doc)]
        spans = [span for span in spans if not self._inside_other_name(span, persons[span.start])
                 and not self._inside_place(span, places[span.start])]
        chosen: list[Span] = []
        held = [False] * len(doc)  # tokens a longer name already holds: a lookup, not a scan of every name
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            if any(held[span.start:span.end]):
                continue
            chosen.append(span)
            held[span.start:span.end] = [True] * (span.end - span.start)
        chosen.sort(key=lambda s: s.start)
        full_names: set[str] = set()
        place_words = self._surnames_used_as_places(chosen)
        for span in chosen:
            if len(span) == 1 and (span[0].is_stop or span[0].lower_ in PERSON_PRONOUNS or span[0].lower_ in HONORIFICS):
                continue  # "He" is a pronoun here, not He Lifeng
            if len(span) == 1 and span[0].ent_type_ in ("DATE", "TIME") and span[0].lower_ in WEEKDAYS:
                continue  # "on Friday" is a day, not Godwin Friday
            if len(span) == 1 and self._part_of_longer_name(span):
                continue  # "Court" in "Supreme Court", "Moody" in "Moody Awori", "Golan" in "Golan Heights"
            candidates = self.kb.lookup(span.text) or self._metonym(span.text)
            if not candidates:
                continue
            if len(span) == 1 and span.text in place_words:
                continue  # "flew to Lagos", "Lagos State": the city, not Ricardo Lagos
            actor = self._choose(candidates, published, full_names, span)
            if actor is None:
                continue
            if actor.kind == "country" and MINISTRY.search(span.text):
                # "the Foreign Office summoned ...": a ministry of that country, not its leadership
                name = re.sub(r"^(the|The)\s+", "", span.text)
                actor = ActorInfo(local_id(f"{name} {actor.country}", "organization"), name, "organization",
                                  actor.country, f"{actor.cameo}GOV" if actor.cameo else None, known=False)
            if len(span) > 1:
                full_names.add(actor.id)
            yield span, actor

    def _surnames_used_as_places(self, chosen: list[Span]) -> set[str]:
        """One-word names that only a person bears in the KB but that the article uses as a place
        ("flew to Lagos", "Lagos State"), and whose bearer it never names in full: the place
        throughout the article."""
        placed = {s.text for s in chosen if len(s) == 1 and s[0].ent_type_ in ("GPE", "LOC") and (
            (s.start > 0 and s.doc[s.start - 1].lower_ in PLACE_PREPOSITIONS)
            or (s.end < len(s.doc) and s.doc[s.end].text in PLACE_NOUNS))}
        if not placed:
            return set()
        named = {a.id for s in chosen if len(s) > 1 for a in self.kb.lookup(s.text, kind="person")}
        return {w for w in placed if all(a.kind == "person" and a.id not in named for a in self.kb.lookup(w))}

    def _inside_other_name(self, span: Span, ent: Span | None) -> bool:
        """"Mustafa" inside "Mustafa Abdul Jalil" is not Mohammad Mustafa: a KB name strictly inside a
        longer personal name (``ent``, the one covering its first token) counts only when the KB
        person's own name fits that name."""
        if ent is not None and span.end <= ent.end and (ent.end - ent.start) > (span.end - span.start):
            ent_words = set(norm_name(ent.text).split())
            fits = any(set(norm_name(a.name).split()) <= ent_words or set(norm_name(a.name).split()) >= ent_words
                       for a in self.kb.lookup(span.text, kind="person"))
            return not fits
        return False

    def _part_of_longer_name(self, span: Span) -> bool:
        """A lone surname glued to other capitalised words belongs to another name."""
        if not all(a.kind == "person" for a in self.kb.lookup(span.text)):
            return False
        doc = span.doc
        for i in (span.start - 1, span.end):
            if i < 0 or i >= len(doc):
                continue
            token = doc[i]
            if token.is_sent_start and i == span.start - 1:
                continue
            if i == span.end and token.is_sent_start:
                continue
            if token.is_alpha and token.text[:1].isupper() and token.lower_ not in HONORIFICS:
                if token.lower_ in WEEKDAYS or token.lower_ in MONTHS:
                    continue  # "Last Friday Orban held talks": a day, not a given name
                if self.kb.place(token.text) is not None and i == span.start - 1:
                    continue  # "Russian Putin" style: a demonym before the name
                return True
        return False

    def _inside_place(self, span: Span, place: Span | None) -> bool:
        """"San" inside "San Diego" (``place``, the place name covering its first token) is part of a
        place name, not a person."""
        if not any(a.kind == "person" for a in self.kb.lookup(span.text)):
            return False
        return place is not None and span.end <= place.end and len(place) > len(span)

    def _metonym(self, text: str) -> list[KBActor]:
        actor = self.kb.country_by_metonym(text)
        return [actor] if actor else []

    def _choose(
        self, candidates: list[KBActor], published: dt.date | None, full_names: set[str], span: Span
    ) -> ActorInfo | None:
        if len(candidates) > 1:
            # "Prime Minister Harper": the Harper who held that office
            before = self._text[max(0, span.start_char - 40) : span.start_char]
            title = ROLE_BEFORE.search(before)
            wanted = canonical_role(title.group("mod"), title.group("title")) if title else None
            ranked = sorted(
                candidates,
                key=lambda a: (
                    a.id in full_names,
                    bool(wanted and any(norm_name(t.role) == norm_name(wanted) for t in self.kb.offices(a.id))),
                    bool(wanted and any(norm_name(wanted).split()[-1] in norm_name(t.role).split() for t in self.kb.offices(a.id))),
                    len(self.kb.offices(a.id)),
                    bool(published and self.kb.offices(a.id, published)),
                    bool(self.kb.offices(a.id)),
                    a.kind == "country",
                ),
                reverse=True,
            )
            candidates = ranked
        best = candidates[0]
        return ActorInfo(best.id, best.name, best.kind, best.country, best.cameo)

    def _unknown(self, found: _Found, span: Span) -> ActorInfo | None:
        label = span.label_ if span.label_ else "ORG"
        text = span.text
        if all(w.lower() in HONORIFICS or w.lower() in ("to", "the", "of", "and") for w in text.split()):
            return None  # "Adviser", "Secretary of State": an office, not a name
        if label in ("GPE", "NORP", "FAC"):
            actor = self.kb.place(text)
            if actor is None:
                return None  # a city or a nationality: a place, not an actor
            return ActorInfo(actor.id, actor.name, actor.kind, actor.country, actor.cameo)
        if label == "PERSON":
            if not re.search(r"[A-Za-z]", text) or text.isupper() and len(span) == 1:
                return None
            # A surname alone refers to the person introduced earlier with that surname.
            if len(span) == 1:
                for info in found.actors.values():
                    if info.kind == "person" and norm_name(info.name).split()[-1:] == [norm_name(text)]:
                        return info
            # "Prince Mohammed", "Sheikh Tamim" after "Mohammed bin Salman": royals go by their given name
            words = norm_name(text).split()
            if len(words) == 2 and words[0] in ROYAL_TITLES:
                for info in found.actors.values():
                    if info.kind == "person" and norm_name(info.name).split()[:1] == words[1:]:
                        return info
            return ActorInfo(local_id(text, "person"), text, "person", None, None, known=False)
        if label == "ORG":
            if len(text) < 2 or text.lower() in GENERIC_BODIES or self.kb.country_by_demonym(text):
                return None
            return ActorInfo(local_id(text, "organization"), text, "organization", None, None, known=False)
        return None

    def _titled_names(self, doc: Doc, found: _Found, taken: list[bool]) -> None:
        """"Lagos State Governor Babajide Sanwo-Olu": capitalised words after a capitalised office title
        are a person's name, where the model tagged none of them."""
        for token in doc:
            if token.lower_ not in NAME_TITLES or not token.text[:1].isupper() or taken[token.i]:
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 5 and not taken[end] and doc[end].ent_type_ in ("", "PERSON") and (
                    doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and doc[end].lower_ not in HONORIFICS
                    or doc[end].text == "-" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()
                    and not doc[end].whitespace_):
                end += 1
            words = [t for t in doc[token.i + 1 : end] if t.text != "-"]
            if len(words) < 2 or any(t.ent_type_ == "PERSON" for t in words):
                continue  # one word may be a place or a body; a tagged name is read already
            span = Span(doc, token.i + 1, end, label="PERSON")
            info = self._unknown(found, span)
            if info is not None:
                self._add(found, doc, span.start, span.end, info, "name")
                for i in range(span.start, span.end):
                    taken[i] = True

    def _groups(self, doc: Doc, found: _Found, taken: list[bool]) -> None:
        """"US diplomats", "Russian troops": people of a country, named as a group."""
        by_token = {i: m for m in found.mentions for i in range(m.start, m.end)}
        for token in doc:
            if token.tag_ != "NNS" or token.lower_ not in PEOPLE_GROUPS or taken[token.i]:
                continue
            country = next(
                (by_token[c.i] for c in token.lefts
                 if c.i in by_token and c.dep_ in ("compound", "amod", "nmod")
                 and found.actors[by_token[c.i].actor].kind == "country" and not partisan(doc[by_token[c.i].start])),
                None,
            )
            if country is None:
                continue
            info = found.actors[country.actor]
            start = min(country.start, token.i)
            name = f"{doc[start:token.i + 1].text}"
            group = ActorInfo(local_id(f"{info.country} {token.lemma_}", "group"), name, "group", info.country,
                              f"{info.cameo}" if info.cameo else None, known=False)
            found.actors.setdefault(group.id, group)
            found.mentions.append(MentionInfo(token.i, token.i + 1, group.id, "group", token.idx,
                                              token.idx + len(token), token.text))
            taken[token.i] = True

    def _add(self, found: _Found, doc: Doc, start: int, end: int, actor: ActorInfo, via: str) -> None:
        span = doc[start:end]
        found.actors.setdefault(actor.id, actor)
        found.mentions.append(
            MentionInfo(start, end, actor.id, via, span.start_char, span.end_char, span.text)
        )

    # -- offices ----------------------------------------------------------------------------
    def _place_of(self, text: str | None) -> KBActor | None:
        if not text:
            return None
        text = re.sub(r"^(the|The)\s+", "", text.strip())
        text = re.sub(r"('s|’s)$", "", text)
        return self.kb.place(text)

    def _role_info(
        self, person: ActorInfo, mod: str, title: str, owner: str | None, of: str | None, published: dt.date | None,
        prep: str | None = "of",
    ) -> tuple[str, str | None]:
        role = canonical_role(mod, title)
        place = self._place_of(owner) if owner else None
        prep = (prep or "of").lower()
        if of:
            of_place = self._place_of(of) if prep == "of" else None
            if of_place is not None:
                place = of_place
            else:
                # "Chairman of the Security Council", "Secretary of State for Defence", "Minister for Europe"
                body = re.sub(r"^(the|The)\s+", "", of.strip())
                the = "the " if of.strip().lower().startswith("the ") else ""
                role = f"{role} {prep} {the}{body}"
        if place is None:
            # the office the KB knows under these words ("High Representative" in "High Representative/Vice President")
            words = set(norm_name(role).split())
            fits = [t for t in self.kb.offices(person.id) if set(norm_name(t.role).split()) <= words]
            tenures = [t for t in fits if published is None or t.covers(published)] or fits
            if tenures and tenures[0].of:
                place = self.kb.get(tenures[0].of)
        if place is None and person.country:
            place = self.kb.country_by_iso3(person.country)
        return role, place.name if place else None

    def _roles(self, doc: Doc, found: _Found, published: dt.date | None) -> None:
        text = doc_text(doc)
        people = [m for m in found.mentions if found.actors[m.actor].kind == "person" and m.via == "name"]
        for mention in people:
            person = found.actors[mention.actor]
            sent = doc[mention.start].sent
            before = text[sent.start_char : mention.start_char]
            match = ROLE_BEFORE.search(before[-160:])
            if match:
                self._add_role(found, person, match, sent.start_char + len(before) - len(before[-160:]), mention, published)
            after = text[mention.end_char : sent.end_char]
            match = ROLE_AFTER.match(after)
            if match and any(mention.end_char < m.start_char < mention.end_char + match.end() for m in people):
                match = None  # "Mike Pence, Secretary of State Mike Pompeo": the office belongs to the next name
            if match:
                self._add_role(found, person, match, mention.end_char, mention, published)
        # "Presidents Nursultan Nazarbayev of Kazakhstan, Askar Akayev of Kyrgyzstan and ..."
        for mention in people:
            sent = doc[mention.start].sent
            of_match = re.match(r"\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})", text[mention.end_char : sent.end_char])
            plural = [m for m in PLURAL_TITLES.finditer(text[sent.start_char : mention.start_char])]
            if of_match is None or not plural or self._place_of(of_match.group("of")) is None:
                continue
            title = plural[-1].group("title")
            singular = re.sub(r"s$", "", title) if not title.endswith("Ministers") else title[:-1]
            place = self._place_of(of_match.group("of"))
            self._append_role(found, mention.actor, canonical_role("", singular), place.name if place else None,
                              mention.start_char, mention.end_char + of_match.end())
        # "... through his positions as life-long chairman of the Security Council"
        for sent in doc.sents:
            for match in ROLE_AS.finditer(sent.text):
                abs_start = sent.start_char + match.start()
                holder = self._holder_before(doc, found, sent, abs_start)
                if holder is not None:
                    role, of = self._role_info(holder, match.group("mod"), match.group("title"), None, match.group("of"),
                                               published, match.group("prep"))
                    self._append_role(found, holder.id, role, of, abs_start + 3, sent.start_char + match.end())

    def _holder_before(self, doc: Doc, found: _Found, sent: Span, char: int) -> ActorInfo | None:
        """The person an "as <office>" phrase describes: the nearest person before it in the sentence."""
        preceding = [
            m for m in found.mentions
            if sent.start_char <= m.start_char < char and found.actors[m.actor].kind == "person"
        ]
        gap = self._text[preceding[-1].end_char : char] if preceding else ""
        if preceding and len(gap) < 90 and not re.search(r"[;:]", gap):
            return found.actors[preceding[-1].actor]
        return None

    def _add_role(
        self, found: _Found, person: ActorInfo, match: re.Match[str], offset: int, mention: MentionInfo,
        published: dt.date | None,
    ) -> None:
        owner = match.group("owner")
        if owner and self._place_of(owner) is None:
            owner = None
        role, of = self._role_info(person, match.group("mod"), match.group("title"), owner, match.group("of"), published,
                                   match.group("prep"))
        first = "owner" if owner else ("mod" if match.group("mod") else "title")
        start = offset + match.start(first)
        end = offset + match.end("of") if match.group("of") else offset + match.end("title")
        self._append_role(found, person.id, role, of, min(start, mention.start_char), max(end, mention.end_char))

    def _append_role(self, found: _Found, person: str, role: str, of: str | None, start: int, end: int) -> None:
        info = found.actors.get(person)
        if info is not None and info.country is None and of:
            # "British Defence Secretary Tom King": the office says where an unknown person belongs
            country = self.kb.country_by_name(of)
            if country is not None:
                info.country = country.country
        words = set(norm_name(role).split())
        for k in found.roles_of.get(person, []):
            existing = found.roles[k]
            held = set(norm_name(existing.role).split())
            if words <= held:
                return  # "Secretary" after "Secretary of State": nothing new
            if held < words and existing.of in (of, None):
                found.set_role(k, RoleInfo(person, role, of or existing.of, start, end))  # the fuller title wins
                return
        found.set_role(len(found.roles), RoleInfo(person, role, of, start, end))

    # -- descriptions and pronouns ---------------------------------------------------------
    def _descriptions(self, doc: Doc, found: _Found, published: dt.date | None, taken: list[bool]) -> None:
        """"the president", "the Kazakh leader", "Kazakhstan's first president" -> a person."""
        home = doc._.cq_home
        text = doc_text(doc)
        spans: list[tuple[int, int, re.Match[str]]] = []
        for pattern in (DESCRIPTION, DESCRIPTION_POSS):
            for match in pattern.finditer(text):
                spans.append((match.start(), match.end(), match))
        spans.sort()
        for start, end, match in spans:
            # the mention is the office words; a country named as its owner keeps its own mention
            head_start = match.start("mod") if match.group("mod") else match.start("title")
            tok_span = doc.char_span(head_start, match.end("title"), alignment_mode="expand")
            whole = doc.char_span(head_start, end, alignment_mode="expand")
            if tok_span is None or whole is None or any(taken[i] for i in range(tok_span.start, tok_span.end)):
                continue
            if doc[tok_span.start].sent != doc[tok_span.end - 1].sent:
                continue
            # followed by a name ("the Russian President Vladimir Putin"): an apposition, not a description
            nxt = whole.end
            while nxt < len(doc) and doc[nxt].is_punct and doc[nxt].text in ",":
                nxt += 1
            if nxt < len(doc) and taken[nxt]:
                continue
            owner = match.group("owner")
            if owner and self._place_of(owner) is None:
                if not re.search(r"[.!?]\s", owner):
                    continue  # "the Irish Foreign Minister" is read with its country, never as "Minister"
                owner = None  # "the US. The President of Russia": the words before belong to another sentence
            of = match.groupdict().get("of")
            place = self._place_of(of) or (self._place_of(owner) if owner else None)
            role = canonical_role(match.group("mod"), match.group("title"))
            person = self._person_with_role(found, role, place, start)
            if person is None and place is not None:
                person = self._known_holder(found, role, place, published)
            if person is None and place is None and home:
                place = self.kb.country_by_iso3(home)
                if place is not None:
                    person = self._known_holder(found, role, place, published)
            if person is None and place is not None and published is not None:
                # without a publication date the office holder cannot be known: leave it unresolved
                holders = self.kb.holders(role, place.id, published)
                if holders:
                    h = holders[0]  # on a handover day, the incoming holder
                    person = found.actors.get(h.id) or ActorInfo(h.id, h.name, h.kind, h.country, h.cameo)
            if person is None:
                continue
            found.actors.setdefault(person.id, person)
            found.mentions.append(
                MentionInfo(tok_span.start, tok_span.end, person.id, "description", tok_span.start_char, tok_span.end_char, tok_span.text)
            )
            for i in range(tok_span.start, tok_span.end):
                taken[i] = True
            if place is not None:
                self._append_role(found, person.id, role, place.name, start, end)

    def _known_holder(self, found: _Found, role: str, place: KBActor, published: dt.date | None = None) -> ActorInfo | None:
        """A person the article names who held this office at some time ("the President of Russia"),
        unless the knowledge base gives the office to someone else on the article's date ("the NATO
        secretary general ... succeeded Jens Stoltenberg": his successor)."""
        holders = [
            info for info in found.actors.values()
            if info.kind == "person" and any(
                norm_name(t.role) == norm_name(role) and t.of == place.id for t in self.kb.offices(info.id)
            )
        ]
        if len(holders) != 1:
            return None
        if published is not None:
            on_date = self.kb.holders(role, place.id, published)
            if on_date and all(h.id != holders[0].id for h in on_date):
                return None
        return holders[0]

    def _person_with_role(self, found: _Found, role: str, place: KBActor | None, before: int) -> ActorInfo | None:
        """A person the article already gave this office (and country, when one is named)."""
        same = [found.roles[k] for k in found.holding.get(norm_name(role), [])]
        ordered = [r for r in reversed(same) if r.start_char <= before]
        if place is not None:
            # "the Kazakh president" may name someone introduced later; a bare "the Prime Minister" may not
            ordered += [r for r in same if r.start_char > before]
        for info in ordered:
            if place is not None and info.of != place.name:
                continue
            return found.actors.get(info.person)
        return None

    def _pronouns(self, doc: Doc, found: _Found) -> None:
        quoted = _quoted_mask(doc)
        # a person named inside someone's quotation is not who "she said" after it refers to
        people = [m for m in found.mentions if found.actors[m.actor].kind == "person" and not quoted[m.start]]
        if not people:
            return
        for token in doc:
            if token.lower_ not in PERSON_PRONOUNS or token.pos_ not in ("PRON", "DET") or quoted[token.i]:
                continue
            antecedent = self._antecedent(doc, token, people)
            if antecedent is None:
                continue
            found.mentions.append(
                MentionInfo(token.i, token.i + 1, antecedent, "pronoun", token.idx, token.idx + len(token), token.text)
            )
            people.append(found.mentions[-1])
            people.sort(key=lambda m: m.start)

    def _antecedent(self, doc: Doc, token: Token, people: list[MentionInfo]) -> str | None:
        sent = token.sent
        own_subjects = {
            t.i for t in token.head.children if t.dep_ in ("nsubj", "nsubjpass")
        } if token.dep_ in ("dobj", "pobj", "dative") else set()
        # "Modi received him": an object pronoun never stands for its own clause's subject (the whole name)
        earlier = [m for m in people if m.start < token.i and not any(m.start <= s < m.end for s in own_subjects)]
        same = [m for m in earlier if m.start >= sent.start]
        if same:
            return same[-1].actor
        window = _sent_start_before(doc, sent, 3)  # once, not per candidate (issue 14: long texts)
        prev = [m for m in earlier if m.start >= window]
        if not prev:
            return None
        if token.dep_ in ("nsubj", "nsubjpass") or token.lower_ in ("his", "her"):
            last_sent = doc[prev[-1].start].sent
            subjects = [m for m in prev if doc[m.start].sent == last_sent and _is_subject(doc[m.start:m.end])]
            if subjects:
                return subjects[0].actor
        return prev[-1].actor


def _sent_start_before(doc: Doc, sent: Span, n: int) -> int:
    start = sent.start
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


def _is_subject(span: Span) -> bool:
    root = span.root
    while root.dep_ in ("compound", "poss", "appos", "case") and root.head is not root:
        if root.dep_ == "poss":
            root = root.head
            break
        root = root.head
    return root.dep_ in ("nsubj", "nsubjpass")


def _trim(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a", "an") or start < end and doc[start].is_punct:
        start += 1
    while end > start and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    if end <= start:
        return None
    span = Span(doc, start, end, label=ent.label_)
    if "\n" in span.text or ":" in span.text or len(span) > 8:
        return None  # headings and run-on spans are not names
    return span


def _quoted_mask(doc: Doc) -> list[bool]:
    """Tokens inside quotation marks (pronouns there belong to the quoted voice)."""
    mask = [False] * len(doc)
    spans = getattr(doc._, "cq_quote_marks", None) or []
    for start, end in spans:
        for i in range(start, end):
            if i < len(mask):
                mask[i] = True
    return mask


@Language.factory(
    "communique_actors",
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.cq_actors", "doc._.cq_mentions", "doc._.cq_roles"],
    default_config={"kb_path": ""},
)
def make_actors(nlp: Language, name: str, kb_path: str) -> ActorResolver:
    from .kb import load_kb

    return ActorResolver(nlp, load_kb(kb_path or None))
