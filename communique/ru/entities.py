"""Russian entities: every mention of a Russian document resolved to the knowledge base's actors.

The component ``communique_ru_entities`` fills ``doc._.cq_actors``, ``doc._.cq_mentions`` and
``doc._.cq_roles`` as the English actor and entity layers do, with the same canonical ids and
English names: «с Токаевым» and "Tokayev" are both Q200881 "Kassym-Jomart Tokayev". It applies
``contract/annotation.md`` to Russian wording:

- **datelines** («АСТАНА, 12 марта. /Корр./.») and the article's own outlet are silent: no actor
  speaks or meets there; :func:`dateline` gives the place for the meetings component;
- **people** in every case («Захаровой», «с Мирзиёевым», indeclinable «Лукашенко», «Си»), a surname
  alone joining the full name, a first name with patronymic (:mod:`.names`);
- **countries** by name, abbreviation or capital («РФ», «Киргизии», «в Нур-Султане»; :mod:`.places`);
- **institutions** that speak: «Кремль», «Акорда», «пресс-служба президента Казахстана / Кремля /
  главы государства», «МИД России», «Офис премьер-министра Армении», «Управление коммуникаций»,
  agencies («Синьхуа»); a later «ведомство», «министерство», «в сообщении» refers back to the last
  one. The feminine «пресс-служба» is an institution, never a woman;
- **roles** from office titles before a name («Президент России Владимир Путин», «пресс-секретарь
  президента РФ Дмитрий Песков»), or a title alone naming the holder on the article's date;
- **descriptions**: «его казахстанский коллега», «казахстанский лидер», «глава китайской
  дипломатии», «хозяин встречи», «гость», «собеседник»; an unnamed «пресс-секретарь президента
  Узбекистана» speaks as the group "Spokesman for Shavkat Mirziyoyev";
- **pronouns** он/она/его/её by grammatical gender and the person's gender.

The quotes and events components read entities only through this module: ``mention_at(doc, i)``
(the resolved mention covering token ``i``) and ``doc._.cq_actors[mention.actor]``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..actors import ActorInfo, MentionInfo, RoleInfo
from ..entities import _stable_ids, _State, stable_id, words
from ..institutions import classify
from ..kb import KBActor, KnowledgeBase, norm_name
from . import places
from .names import NameReader, aliases, english_names, name_forms, skeleton, transliterate
from .places import Phrase, match_phrase, phrase_index, token_keys

DATA = Path(__file__).parent.parent / "data" / "ru"
#: doc.user_data key of the token -> mention index (plain list of mention numbers).
INDEX_KEY = "communique.ru.mentions"
#: doc.user_data key of the dateline: (start, end, place in English or None, outlet or None) or None.
DATELINE_KEY = "communique.ru.dateline"
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[А-ЯЁ][А-ЯЁ-]+(?:[ -][А-ЯЁ][А-ЯЁ-]+)*)"       # АСТАНА, НУР-СУЛТАН, НЬЮ-ЙОРК
    r"(?:\s*,\s*(?P<date>\d{1,2}(?:[–-]\d{1,2})?\s+[а-яё]+(?:\s+\d{4}\s*(?:года|г\.)?)?))?"  # , 12 марта
    r"(?P<stop>\s*\.|\s+[—–-])?"
    r"(?:\s*/(?P<outlet>[^/\n]{1,80})/\s*\.?)?[ \t]*",               # /Корр./. /Агентство/.
    re.M,
)
MALE_PRONOUNS = frozenset({"он", "его", "него", "ему", "нему", "нем", "нём", "ним"})
FEMALE_PRONOUNS = frozenset({"она", "ее", "её", "нее", "неё", "ей", "ней", "ею", "нею"})
# verbs of saying: after «…, — сообщил X.» a pronoun in the next sentence is X («По его словам»)
SPEECH_VERBS = frozenset({"сказать", "заявить", "сообщить", "отметить", "уточнить", "добавить", "подчеркнуть",
                          "пояснить", "рассказать", "напомнить", "заверить", "указать", "говорить", "ответить"})
REFLEXIVE = frozenset({"свой", "своя", "свое", "своё", "своего", "своей", "своему", "своим", "своем", "своём", "свою"})
PERSON_LABELS = ("PERSON",)
_KIND_NAMES = {
    "presidency": "Presidency of {}", "press_service": "Press Service of the President of {}",
    "foreign_ministry": "Ministry of Foreign Affairs of {}", "government_office": "Office of the Prime Minister of {}",
    "defence_ministry": "Ministry of Defence of {}",
}


@dataclass(frozen=True)
class _Lexicon:
    seats: dict[str, list[Phrase]]
    bodies: dict[str, list[Phrase]]
    media: dict[str, list[Phrase]]
    backrefs: dict[str, tuple[str, ...]]
    documents: frozenset[str]
    titles: dict[str, list[Phrase]]
    feminine: dict[str, str]
    descriptions: dict[str, list[Phrase]]
    plural_titles: dict[str, list[Phrase]]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    bodies = json.loads((DATA / "institutions.json").read_text(encoding="utf-8"))
    offices = json.loads((DATA / "offices.json").read_text(encoding="utf-8"))
    described = offices["descriptions"]
    description_entries: list[tuple[str, tuple[str, ...]]] = [(" ".join(ws), (part,)) for part in ("leader", "counterpart", "host", "guest", "interlocutor")
                           for ws in described[part]]
    description_entries += [(" ".join(ws), ("office", role)) for ws, role in described["offices"]]
    return _Lexicon(
        seats=phrase_index([(name, tuple(value)) for name, value in bodies["seats"].items()]),
        bodies=phrase_index([(" ".join(ws), (kind,)) for ws, kind in bodies["bodies"]]),
        media=phrase_index([(name, (english,)) for name, english in bodies["media"].items()]),
        backrefs={word: tuple(kinds) for word, kinds in bodies["backrefs"].items()},
        documents=frozenset(bodies["documents"]),
        titles=phrase_index([(" ".join(ws), (role, country or "")) for ws, role, country in offices["titles"]]),
        feminine=offices["feminine"],
        descriptions=phrase_index(description_entries),
        plural_titles=phrase_index([(" ".join(ws), (role or "",)) for ws, role in offices["plural_titles"]]),
    )


# -- datelines ------------------------------------------------------------------------------------
def find_dateline(text: str) -> tuple[int, int, str | None, str | None] | None:
    """The dateline opening the article's first lines: (start, end, place in English, outlet)."""
    for match in DATELINE.finditer(text[:400]):
        if not (match.group("date") or match.group("outlet") or (match.group("stop") or "").strip() in "—–-" and match.group("stop")):
            continue
        if len(match.group("place")) < 3 or match.group("place").upper() != match.group("place"):
            continue
        word = match.group("place")
        city = places.city_name(word)
        place = city[0] if city is not None else "-".join(p.capitalize() for p in transliterate(word.title()).split("-"))
        outlet = (match.group("outlet") or "").strip(" .") or None
        if outlet is not None and re.fullmatch(r"(?i)корр|спецкорр|собкорр|корреспондент", outlet):
            outlet = None  # the outlet's own correspondent
        return match.start("place"), match.end(), place, outlet
    return None


def dateline(doc: Doc) -> tuple[int, int, str | None, str | None] | None:
    """The article's dateline: (start_char, end_char, place in English or None, outlet or None)."""
    if DATELINE_KEY not in doc.user_data:
        doc.user_data[DATELINE_KEY] = find_dateline(doc.text)
    found: tuple[int, int, str | None, str | None] | None = doc.user_data[DATELINE_KEY]
    return found


# -- the component --------------------------------------------------------------------------------
class RussianEntities:
    """The ``communique_ru_entities`` component."""

    def __call__(self, doc: Doc) -> Doc:
        state = self.find(doc)
        self.set_annotations(doc, state)
        return doc

    def find(self, doc: Doc) -> _State:
        kb: KnowledgeBase | None = doc._.cq_kb
        if kb is None:
            from ..kb import load_kb

            kb = load_kb()
        state = _State(doc, kb, [], {}, [], doc._.cq_published, tokens=list(doc))
        _silence(state)
        reader = NameReader(kb, state.published)
        _people(state, reader)
        _countries(state)
        _institutions(state)
        _titles(state)
        _plurals(state)
        _pronouns(state, possessives_only=True)
        _descriptions(state)  # «его собеседник», «его коллега» read the possessive's person
        _plurals(state)  # «президентов двух стран» after «его казахстанский коллега» named the second
        _pronouns(state)  # pronouns whose person only a description named
        _stable_ids(state)
        state.mentions.sort(key=lambda m: m.start)
        return state

    def set_annotations(self, doc: Doc, state: _State) -> None:
        used = {m.actor for m in state.mentions} | {r.person for r in state.roles}
        doc._.cq_actors = {k: v for k, v in state.actors.items() if k in used}
        doc._.cq_mentions = state.mentions
        doc._.cq_roles = state.roles
        index_mentions(doc)


def _silence(state: _State) -> None:
    """The dateline and the article's own outlet name nobody who speaks or meets."""
    doc = state.doc
    text = doc.text
    found = dateline(doc)
    if found is not None:
        state.silent.append((found[0], found[1]))
    outlet: str | None = doc._.cq_outlet
    for name in {outlet, found[3] if found else None} - {None, ""}:
        assert name is not None
        start = text.find(name)
        while start >= 0:
            state.silent.append((start, start + len(name)))
            start = text.find(name, start + len(name))


def _silent(state: _State, i: int) -> bool:
    char = state.doc[i].idx
    return any(s <= char < e for s, e in state.silent)


# -- people ---------------------------------------------------------------------------------------
def _people(state: _State, reader: NameReader) -> None:
    """Names of people: natasha's PERSON spans, and single words it missed that name a person of
    the alias table or one named earlier («Лукашенко» tagged as a place, «Си» alone)."""
    doc = state.doc
    for ent in doc.ents:
        if _silent(state, ent.start):
            continue
        words_ = [t.text for t in ent if not t.is_punct and not t.is_space]
        if not words_:
            continue
        if ent.label_ in PERSON_LABELS or (len(ent) == 1 and ent.label_ != "PERSON" and _known_surname(reader, ent.text)):
            if (ent.label_ != "PERSON" or len(ent) == 1) and (places.country_at(doc, ent.start) is not None
                                                              or places.city_at(doc, ent.start) is not None) \
                    or _institution_word(doc, ent.start):
                continue  # «сообщает Акорда» tagged as a person
            info = reader.person(words_)
            state.add(ent.start, ent.end, info, "name")
    known = {skeleton(transliterate(f)) for p in reader.people for f in name_forms(p.name.split()[-1])}
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or state.at(i) is not None \
                or _silent(state, i) or token.text.isupper():
            i += 1
            continue
        run = i + 1  # capitalised words natasha left untagged: «Си Цзиньпин» opening a text
        while run < len(doc) and run < i + 4 and doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper() \
                and state.at(run) is None:
            run += 1
        for end in range(run, i, -1):
            words_ = [t.text for t in doc[i:end]]
            if end - i > 1 and _alias_name(words_):
                state.add(i, end, reader.person(words_), "name")
                break
            if end - i == 1 and (_known_surname(reader, token.text)
                                 or any(skeleton(transliterate(f)) in known for f in name_forms(token.text)[:2])):
                if places.country_at(doc, i) is None and places.city_at(doc, i) is None:
                    state.add(i, end, reader.person(words_), "name")
                break
        i = max(i + 1, state.at(i).end if state.at(i) is not None else i + 1)  # type: ignore[union-attr]


def _alias_name(words_: list[str]) -> bool:
    table = aliases()
    variants = [name_forms(w) for w in words_]
    return any(" ".join(f.lower().replace("ё", "е") for f in combo) in table
               for combo in [tuple(v[0] for v in variants), tuple(w for w in words_)])


def _institution_word(doc: Doc, i: int) -> bool:
    lex = lexicon()
    return any(match_phrase(doc, i, index) is not None for index in (lex.seats, lex.media, lex.bodies))


def _known_surname(reader: NameReader, word: str) -> bool:
    table = aliases()
    if any(form.lower().replace("ё", "е") in table for form in name_forms(word)):
        return True
    return any(reader._earlier([word], [name_forms(word)]) is not None for _ in (0,))


# -- countries ------------------------------------------------------------------------------------
def _countries(state: _State) -> None:
    """Country names and capitals standing for their country («в Москве», «РФ», «Киргизии»)."""
    doc = state.doc
    i = 0
    while i < len(doc):
        if state.at(i) is not None or _silent(state, i) or not doc[i].text[:1].isupper():
            i += 1
            continue
        found = places.country_at(doc, i)
        end, iso3 = found if found is not None else (i + 1, None)
        if iso3 is None:
            city = places.city_at(doc, i)
            if city is not None and doc[i].ent_type_ == "GPE":
                iso3 = city[1]
        country = state.kb.country_by_iso3(iso3) if iso3 else None
        if country is not None:
            state.add(i, end, _info(state, country), "name")
        i = end


def _info(state: _State, actor: KBActor, name: str | None = None) -> ActorInfo:
    return state.actors.get(actor.id) or ActorInfo(actor.id, name or english_names().get(actor.name, actor.name),
                                                   actor.kind, actor.country, actor.cameo, institution=actor.institution)


# -- institutions ---------------------------------------------------------------------------------
class _Recent:
    """The bodies named so far, for «ведомство», «пресс-служба», «в сообщении»."""

    def __init__(self) -> None:
        self.by_kind: dict[str, str] = {}
        self.last: str | None = None

    def note(self, actor: ActorInfo, kind: str) -> None:
        self.by_kind[kind] = actor.id
        if kind != "media":
            self.last = actor.id

    def back(self, kinds: tuple[str, ...]) -> str | None:
        found = [self.by_kind[k] for k in kinds if k in self.by_kind]
        return found[0] if found else None


def _institutions(state: _State) -> None:
    doc = state.doc
    lex = lexicon()
    recent = _Recent()
    i = 0
    while i < len(doc):
        if _silent(state, i) or doc[i].is_punct or doc[i].is_space:
            i += 1
            continue
        existing = state.at(i)
        if existing is not None and state.kind(existing.actor) == "person":
            i = existing.end
            continue
        seat = match_phrase(doc, i, lex.seats)
        if seat is not None:
            end, phrase = seat
            seat_country, kind, english = phrase.value
            actor = _body(state, seat_country, kind, english)
            state.add(i, end, actor, "institution")
            recent.note(actor, kind)
            i = end
            continue
        media = match_phrase(doc, i, lex.media)
        if media is not None and doc[i].text[:1].isupper():
            end, phrase = media
            actor = _media(state, phrase.value[0])
            state.add(i, end, actor, "institution")
            recent.note(actor, "media")
            i = end
            continue
        body = match_phrase(doc, i, lex.bodies)
        if body is not None:
            end, phrase = body
            kind = phrase.value[0]
            start = i
            iso3: str | None = _adjective_before(state, i)
            if iso3 is not None:
                start = i - 1
            owner: str | None = None
            if iso3 is None:
                iso3, end, owner = _owner_after(state, end, kind)
            if iso3 is None and doc[i].lemma_.lower() in lex.backrefs and end == i + 1:
                target = recent.back(lex.backrefs[doc[i].lemma_.lower()])
                if target is not None:
                    state.add(i, i + 1, state.actors[target], "institution")
                    i += 1
                    continue
            if iso3 is None:
                iso3 = _context_country(state, i)
            if iso3 is not None:
                actor = _body(state, iso3, kind, None, owner)
                state.add(start, end, actor, "institution")
                recent.note(actor, kind)
            i = end
            continue
        keys = token_keys(doc, i)
        back = next((lex.backrefs[k] for k in keys if k in lex.backrefs), None)
        if back is not None and doc[i].pos_ == "NOUN" and existing is None:
            target = recent.back(back)
            if target is not None:
                state.add(i, i + 1, state.actors[target], "institution")
        elif keys & lex.documents and doc[i].pos_ == "NOUN" and existing is None and recent.last is not None \
                and not _body_follows(state, i + 1):
            state.add(i, i + 1, state.actors[recent.last], "institution")
        i += 1


def _body_follows(state: _State, i: int) -> bool:
    """«в сообщении пресс-службы ...»: the statement is the body's that follows it."""
    doc = state.doc
    lex = lexicon()
    return i < len(doc) and (match_phrase(doc, i, lex.bodies) is not None or match_phrase(doc, i, lex.seats) is not None
                             or match_phrase(doc, i, lex.media) is not None)


def _adjective_before(state: _State, i: int) -> str | None:
    """«российский МИД», «китайское внешнеполитическое ведомство»."""
    doc = state.doc
    if i > 0 and doc[i - 1].pos_ == "ADJ":
        return places.adjective_country(doc, i - 1)
    return None


# words a body's name may run through before its owner: «пресс-служба [президента] Казахстана»
_OWNER_WORDS = frozenset({"президент", "глава", "государство", "администрация", "премьер-министр", "правительство",
                          "республика", "лидер"})


def _owner_after(state: _State, i: int, kind: str) -> tuple[str | None, int, str | None]:
    """The country a body belongs to, from the genitive words after its name: (ISO3, end, owner
    office). «пресс-служба президента Казахстана», «пресс-служба Кремля», «пресс-служба Лукашенко»,
    «пресс-служба главы государства» (the head of state the article is about)."""
    doc = state.doc
    lex = lexicon()
    owner: str | None = None
    j = i
    while j < len(doc) and j < i + 5:
        token = doc[j]
        lemma = token.lemma_.lower()
        if lemma in _OWNER_WORDS:
            if lemma in ("президент", "премьер-министр"):
                owner = "President" if lemma == "президент" else "Prime Minister"
            j += 1
            if lemma == "государство" and doc[j - 2].lemma_.lower() == "глава":
                return _head_of_state_country(state, i), j, "President"
            continue
        found = places.country_at(doc, j)
        if found is not None:
            return found[1], found[0], owner
        seat = match_phrase(doc, j, lex.seats)
        if seat is not None:
            return seat[1].value[0], seat[0], owner
        adjective = places.adjective_country(doc, j) if token.pos_ == "ADJ" else None
        if adjective is not None:
            continue_to = j + 1
            while continue_to < len(doc) and doc[continue_to].lemma_.lower() in _OWNER_WORDS:
                continue_to += 1
            return adjective, continue_to, owner
        m = state.at(j)
        if m is not None and state.kind(m.actor) == "person":
            person = state.actors[m.actor]
            return person.country, j, "President"  # the person's own service ends before the name
        break
    return None, i, None


def _head_of_state_country(state: _State, before: int) -> str | None:
    """Whose «глава государства»: the head of state or government named before token ``before``
    who is of the article's own country (its dateline's), else the first one named."""
    heads = {norm_name(o) for o in words().head_offices}
    found: list[str] = []
    for m in sorted(state.mentions, key=lambda m: m.start):
        person = state.actors[m.actor]
        if m.start >= before or person.kind != "person" or not person.country or person.country in found:
            continue
        if any(norm_name(r.role) in heads for r in state.roles if r.person == person.id) or any(
                norm_name(t.role) in heads for t in state.kb.offices(person.id, state.published)):
            found.append(person.country)
    home = _context_country(state, before)
    if home in found or not found:
        return home
    return found[0]


def _context_country(state: _State, before: int) -> str | None:
    """The country an article's unqualified institution belongs to: the dateline's, else the
    publisher's."""
    found = dateline(state.doc)
    if found is not None and found[2]:
        city = places.city_name(state.doc.text[found[0]:found[1]].split(",")[0].split(".")[0].strip())
        if city is not None:
            return city[1]
    home: str | None = state.doc._.cq_home
    return home


def _body(state: _State, iso3: str, kind: str, english: str | None, owner: str | None = None) -> ActorInfo:
    """The organization actor of a body of a country: the knowledge base's where it has one."""
    country = state.kb.country_by_iso3(iso3)
    country_name = country.name if country is not None else iso3
    cameo = f"{country.cameo}GOV" if country is not None and country.cameo else None
    if kind == "communications":
        name = english or "Directorate of Communications"
        return state.actors.get(stable_id(f"executive {iso3}", "organization")) or ActorInfo(
            stable_id(f"executive {iso3}", "organization"), name, "organization", iso3, cameo, known=False,
            institution="executive")
    if kind == "press_service" and owner == "Prime Minister":
        kind = "government_office"
    for actor in state.kb.institutions(iso3, kind):
        if english is None or norm_name(actor.name) == norm_name(english) or kind != "presidency":
            return _info(state, actor)
    if english is not None:
        for actor in state.kb.lookup(english):
            if actor.kind == "organization":
                return _info(state, actor)
    name = english or _KIND_NAMES.get(kind, "Government of {}").format(country_name)
    body = classify(name)
    return ActorInfo(stable_id(name, "organization", iso3), name, "organization", iso3, cameo, known=False,
                     institution=body.kind if body is not None else kind)


def _media(state: _State, english: str) -> ActorInfo:
    for actor in state.kb.lookup(english):
        if actor.kind == "organization":
            return _info(state, actor)
    return ActorInfo(stable_id(english, "organization"), english, "organization", None, None, known=False,
                     institution="media")


# -- office titles and roles ----------------------------------------------------------------------
def _titles(state: _State) -> None:
    """Office titles: before a name they give the named person a role; alone («Президент
    Казахстана», «премьер-министр Венгрии») they name the holder on the article's date."""
    doc = state.doc
    lex = lexicon()
    i = 0
    while i < len(doc):
        if _silent(state, i) or not any(ch.isalpha() for ch in doc[i].text):
            i += 1
            continue
        found = match_phrase(doc, i, lex.titles)
        if found is None:
            i += 1
            continue
        end, phrase = found
        role, title_country = phrase.value
        inside = state.at(i)
        if inside is not None and state.kind(inside.actor) in ("organization", "group"):
            i = inside.end  # «пресс-служба президента Кыргызстана»: a body's name, not an office held
            continue
        if doc[i].morph.get("Number", []) == ["Plur"]:
            i = end  # «президентов двух стран», «лидеры России и Казахстана»: see _plurals
            continue
        iso3: str | None = title_country or None
        adjective = places.adjective_country(doc, i - 1) if i > 0 and doc[i - 1].pos_ == "ADJ" else None
        start = i - 1 if adjective else i
        iso3 = iso3 or adjective
        j = end
        if iso3 is None or title_country:
            after = places.country_at(doc, j)
            if after is not None:
                iso3, j = after[1], after[0]
            else:
                seat = match_phrase(doc, j, lex.seats)
                if seat is not None:
                    iso3, j = seat[1].value[0], seat[0]
        m = state.at(j)
        if m is not None and state.kind(m.actor) == "person" and m.via == "name":
            person = state.actors[m.actor]
            _add_role(state, person, role, iso3, start, m.end)
            i = m.end
            continue
        if m is not None and state.kind(m.actor) == "person":
            i = j
            continue
        if "Former" in role:
            i = j
            continue
        holder = _title_holder(state, role, iso3, i)
        if holder is not None:
            existing = state.at(i)
            if existing is None or state.kind(existing.actor) != "organization":
                state.add(i, end, holder, "description")
            _add_role(state, holder, role, iso3, start, j)
        elif "Spokes" in role:
            group = _spokes_group(state, role, iso3)
            if group is not None:
                state.add(i, end, group, "description")
        i = j


NUMBERS = {"два": 2, "двух": 2, "оба": 2, "обоих": 2, "обе": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4,
           "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6}


def _plurals(state: _State) -> None:
    """«Лидеры России, Казахстана и Узбекистана», «президенты двух стран», «трёх президентов»,
    «Министры иностранных дел стран СНГ»: each country's holder of the office (its leader for
    «лидеры») on the article's date stands for the country; an office title gives them the role."""
    doc = state.doc
    quoted = _quoted(doc)
    for token in state.tokens:
        if token.morph.get("Number", []) != ["Plur"] or quoted[token.i] or _silent(state, token.i):
            continue
        found = match_phrase(doc, token.i, lexicon().plural_titles)
        if found is None:
            continue
        end, phrase = found
        role = phrase.value[0]
        countries: list[tuple[int, int, str]] = []
        j = end
        while j < len(doc):
            at = places.country_at(doc, j)
            if at is None:
                break
            countries.append((j, at[0], at[1]))
            j = at[0]
            if j < len(doc) and doc[j].lower_ in (",", "и"):
                j += 1
        for start, stop, iso3 in countries:
            holder = _holder(state, iso3, (role,) if role else words().leader_offices(iso3))
            if holder is not None:
                state.add(start, stop, holder, "description")
                if role:
                    _add_role(state, holder, role, iso3, token.i, stop)
        if countries or not role:
            continue
        count = next((NUMBERS[t.lower_] for t in doc[max(0, token.i - 2):end + 2] if t.lower_ in NUMBERS), None)
        if count is None and not (end < len(doc) and doc[end].lemma_.lower() in ("страна", "государство")):
            continue
        _office_holders(state, role, count, token.i, end + (1 if count else 0))


def _office_holders(state: _State, role: str, count: int | None, start: int, end: int) -> None:
    """The article's people who hold ``role`` on its date; with a number («двух стран»), the holders
    in the countries of the article's people until there are that many."""
    on = state.published
    people = [state.actors[m.actor] for m in sorted(state.mentions, key=lambda m: m.start)
              if state.kind(m.actor) == "person"]
    people = list({p.id: p for p in people}.values())
    chosen: list[tuple[ActorInfo, str | None]] = []
    for info in people:
        tenures = [t for t in state.kb.offices(info.id, on) if norm_name(t.role) == norm_name(role)]
        if tenures:
            of = state.kb.get(tenures[0].of)
            chosen.append((info, of.country if of is not None else info.country))
    if count is not None:
        for info in people:
            if len(chosen) >= count:
                break
            if info.country and all(c != info.country for _, c in chosen):
                holder = _holder(state, info.country, (role,))
                if holder is not None and all(h.id != holder.id for h, _ in chosen):
                    chosen.append((holder, info.country))
    for info, iso3 in chosen[:count]:
        state.actors.setdefault(info.id, info)
        _add_role(state, info, role, iso3, start, end)


def _quoted(doc: Doc) -> list[bool]:
    """Tokens inside «ёлочки» or „лапки“ (words of the quoted voice)."""
    inside = [False] * len(doc)
    depth = 0
    for token in doc:
        if token.text in ("»", "“") and depth:
            depth -= 1
        inside[token.i] = depth > 0
        if token.text in ("«", "„"):
            depth += 1
        if token.is_space and "\n" in token.text:
            depth = 0
    return inside


def _add_role(state: _State, person: ActorInfo, role: str, iso3: str | None, start: int, end: int) -> None:
    doc = state.doc
    if iso3 is None:
        tenures = [t for t in state.kb.offices(person.id, state.published) if norm_name(t.role) == norm_name(role)]
        of = state.kb.get(tenures[0].of) if tenures else None
        iso3 = of.country if of is not None and of.country else person.country
    if role in lexicon().feminine and _gender(state, person) == "female":
        role = lexicon().feminine[role]
    if person.country is None and iso3 and not person.known:
        person.country = iso3
    country = state.kb.country_by_iso3(iso3) if iso3 else None
    if any(r.person == person.id and norm_name(r.role) == norm_name(role) for r in state.roles):
        return
    span = doc[start:end]
    state.roles.append(RoleInfo(person.id, role, country.name if country else None, span.start_char, span.end_char))


def _title_holder(state: _State, role: str, iso3: str | None, before: int) -> ActorInfo | None:
    """Who a title without a name means: the person the article gives that office (of that
    country), else a person it names who holds it on the date, else the knowledge base's holder."""
    for r in state.roles:
        if norm_name(r.role).replace("spokeswoman", "spokesman") == norm_name(role).replace("spokeswoman", "spokesman"):
            info = state.actors.get(r.person)
            if info is not None and (iso3 is None or info.country == iso3):
                return info
    if iso3 is None:
        return None
    return _holder(state, iso3, (role,))


def _holder(state: _State, iso3: str, offices: tuple[str, ...]) -> ActorInfo | None:
    """Who holds one of ``offices`` of a country: a person the article gives it, a person it names
    who holds it on the article's date, else the knowledge base's holder."""
    on = state.published
    wanted = {norm_name(o) for o in offices}
    for office in offices:
        for r in state.roles:
            info = state.actors.get(r.person)
            if info is not None and norm_name(r.role) == norm_name(office) and info.country == iso3:
                return info
    for office in offices:
        for m in state.mentions:
            info = state.actors.get(m.actor)
            if info is None or info.kind != "person":
                continue
            if any(norm_name(t.role) == norm_name(office) and (state.kb.get(t.of) or _NONE).country == iso3
                   for t in state.kb.offices(m.actor, on)):
                return info
    place = state.kb.country_by_iso3(iso3)
    if place is None or on is None:
        return None
    for office in offices:
        if norm_name(office) not in wanted:
            continue
        holders = state.kb.holders(office, place.id, on)
        if holders:
            return _info(state, holders[0])
    return None


class _Nothing:
    country: str | None = None


_NONE = _Nothing()


def _spokes_group(state: _State, role: str, iso3: str | None) -> ActorInfo | None:
    """An unnamed spokesperson: the group "Spokesman for <the principal>"."""
    if iso3 is None:
        return None
    if role.startswith("Presidential"):
        principal = _holder(state, iso3, ("President",))
    else:
        principal = _body(state, iso3, "foreign_ministry", None)
    if principal is None:
        return None
    name = f"Spokesman for {principal.name}"
    return ActorInfo(stable_id(name, "group", principal.country), name, "group", principal.country, principal.cameo,
                     known=False)


# -- descriptions ---------------------------------------------------------------------------------
def _descriptions(state: _State) -> None:
    """«казахстанский лидер», «его узбекский коллега», «глава китайской дипломатии», «хозяин
    встречи», «гость», «собеседник»: the person meant, by the article's date and its people."""
    doc = state.doc
    lex = lexicon()
    for token in state.tokens:
        if token.pos_ not in ("NOUN", "ADJ") or state.at(token.i) is not None or _silent(state, token.i):
            continue
        found = match_phrase(doc, token.i, lex.descriptions)
        if found is None:
            continue
        end, phrase = found
        part = phrase.value[0]
        if token.morph.get("Number", []) == ["Plur"]:
            continue
        iso3 = _country_around(state, token.i, end)
        person: ActorInfo | None = None
        if part == "office" and iso3 is not None:
            person = _holder(state, iso3, (phrase.value[1],))
        elif part == "leader" and iso3 is not None:
            person = _holder(state, iso3, words().leader_offices(iso3))
        elif part == "counterpart":
            person = _counterpart(state, token.i, iso3)
        elif part in ("host", "guest"):
            person = _party(state, token.i, guest=part == "guest")
        elif part == "interlocutor":
            person = _interlocutor(state, token.i)
        if person is not None:
            state.add(token.i, end, person, "description")


def _country_around(state: _State, start: int, end: int) -> str | None:
    """The country of a description: an adjective before it or inside it («глава китайской
    дипломатии»), or a country in the genitive after it («лидер Казахстана»)."""
    doc = state.doc
    for i in (start - 1, *range(start + 1, end + 1)):
        if 0 <= i < len(doc) and doc[i].pos_ == "ADJ":
            found = places.adjective_country(doc, i)
            if found is not None:
                return found
    after = places.country_at(doc, end) if end < len(doc) else None
    if after is not None:
        return after[1]
    m = state.at(end) if end < len(doc) else None
    if m is not None and state.kind(m.actor) == "country":
        return state.actors[m.actor].country
    return None


def _anchor(state: _State, i: int) -> ActorInfo | None:
    """Whose «коллега»: a possessive before it (его, её, своего), else the clause's subject, else
    the person named last."""
    doc = state.doc
    sent = doc[i].sent
    for j in range(max(sent.start, i - 3), i):
        m = state.at(j)
        if m is not None and state.kind(m.actor) == "person" and doc[j].lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS:
            return state.actors[m.actor]
    for t in sent:
        if t.i < i and t.dep_ in ("nsubj", "nsubj:pass"):
            m = state.at(t.i)
            if m is not None and state.kind(m.actor) == "person":
                return state.actors[m.actor]
    earlier = [m for m in state.mentions if m.start < i and state.kind(m.actor) == "person"]
    return state.actors[max(earlier, key=lambda m: m.start).actor] if earlier else None


def _offices_of(state: _State, person: ActorInfo) -> list[str]:
    found = [r.role for r in state.roles if r.person == person.id]
    found += [t.role for t in state.kb.offices(person.id, state.published)]
    return [o for o in dict.fromkeys(found) if "Former" not in o]


def _counterpart(state: _State, i: int, iso3: str | None) -> ActorInfo | None:
    """«его казахстанский коллега»: the anchor's office, held in the named country."""
    anchor = _anchor(state, i)
    if anchor is None or iso3 is None or iso3 == anchor.country:
        return None
    for office in _offices_of(state, anchor):
        person = _holder(state, iso3, (office,))
        if person is not None and person.id != anchor.id:
            return person
    return None


def _visit_country(state: _State) -> str | None:
    found = dateline(state.doc)
    if found is not None:
        return _context_country(state, 0)
    return None


def _party(state: _State, i: int, guest: bool) -> ActorInfo | None:
    """«хозяин встречи» is the person of the country where the meeting is (the dateline's), «гость»
    the person from elsewhere named last."""
    people: list[ActorInfo] = []
    for m in sorted(state.mentions, key=lambda m: m.start):
        info = state.actors.get(m.actor)
        if info is not None and info.kind == "person" and m.start < i and info not in people:
            people.append(info)
    if not people:
        return None
    place = _visit_country(state)
    local = [p for p in people if place is not None and p.country == place]
    others = [p for p in people if p not in local]
    if guest:
        return others[-1] if others and local else None
    return local[-1] if local and others else None


def _interlocutor(state: _State, i: int) -> ActorInfo | None:
    """«собеседник» / «его собеседник»: the person named last other than the one the conversation
    is told from (the possessive's person, else the clause's subject, else the last sentence's)."""
    doc = state.doc
    sent = doc[i].sent
    anchors = set()
    for j in range(max(sent.start, i - 2), i):
        m = state.at(j)
        if m is not None and m.via == "pronoun":
            anchors.add(m.actor)
    if not anchors:
        for t in sent:
            if t.dep_ in ("nsubj", "nsubj:pass") and t.i != i:
                m = state.at(t.i)
                if m is not None and state.kind(m.actor) == "person":
                    anchors.add(m.actor)
    if not anchors:
        return None
    earlier = [m for m in sorted(state.mentions, key=lambda m: m.start)
               if m.start < i and state.kind(m.actor) == "person" and m.actor not in anchors]
    return state.actors[earlier[-1].actor] if earlier else None


# -- pronouns -------------------------------------------------------------------------------------
def _gender(state: _State, person: ActorInfo) -> str | None:
    """"male" / "female": the knowledge base's, else the grammatical gender of the name in the text."""
    cached = state.gender.get(person.id)
    if cached is not None:
        return cached or None
    kb_actor = state.kb.get(person.id)
    found = kb_actor.gender if kb_actor is not None else None
    if found is None:
        for m in state.mentions:
            if m.actor == person.id and m.via == "name":
                genders = {g for t in state.doc[m.start:m.end] for g in t.morph.get("Gender", [])}
                if genders == {"Fem"}:
                    found = "female"
                elif "Masc" in genders:
                    found = "male"
                if found:
                    break
    state.gender[person.id] = found or ""
    return found


def _pronouns(state: _State, possessives_only: bool = False) -> None:
    """он/его/ему and она/её/ей: the nearest earlier person of that gender in the sentence, else the
    subject of the last sentence (of up to three before) that names one, else its last such person."""
    doc = state.doc
    for token in state.tokens:
        lower = token.lower_
        wanted = "male" if lower in MALE_PRONOUNS else "female" if lower in FEMALE_PRONOUNS else None
        if wanted is None or token.pos_ not in ("PRON", "DET") or state.at(token.i) is not None:
            continue
        if possessives_only and not any(
                match_phrase(doc, j, lexicon().descriptions) is not None for j in range(token.i + 1, min(token.i + 3, len(doc)))):
            continue  # first pass: only «его коллега», «её собеседник», which descriptions read
        if lower in ("его", "него", "нем", "нём", "ему", "нему") and "Neut" in token.morph.get("Gender", []) \
                and token.pos_ == "PRON" and token.dep_ not in ("nmod", "det"):
            continue  # «его» standing for a thing («подписать его»)
        people = [m for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"
                  and _gender(state, state.actors[m.actor]) == wanted]
        if not people:
            continue
        people.sort(key=lambda m: m.start)
        sent = token.sent
        own = _clause_subjects(state, token)  # «Путин провёл с ним переговоры»: «ним» is not Putin
        people = [m for m in people if m.actor not in own]
        if not people:
            continue
        same = [m for m in people if m.start >= sent.start]
        if same:
            chosen = same[-1]
        else:
            last_sent = doc[people[-1].start].sent
            if sent.start - last_sent.start > 0 and _sentences_between(doc, last_sent.start, sent.start) > 3:
                continue
            in_last = [m for m in people if doc[m.start].sent.start == last_sent.start]
            subjects = [m for m in in_last if _is_subject(doc, m)]
            # «…, сообщил помощник президента X. По его словам, …»: the one who spoke goes on speaking
            speakers = [m for m in subjects if _subject_head(doc, m).lemma_ in SPEECH_VERBS]
            chosen = speakers[0] if speakers else subjects[0] if subjects else in_last[-1]
        state.add(token.i, token.i + 1, state.actors[chosen.actor], "pronoun")


def _clause_subjects(state: _State, token: Token) -> set[str]:
    """The actors that are the subject of the clause a pronoun belongs to."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    found: set[str] = set()
    for clause in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.i != token.i:
                m = state.at(child.i)
                if m is not None:
                    found.add(m.actor)
    return found


def _sentences_between(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_sent_start)


def _subject_token(doc: Doc, mention: MentionInfo) -> Token | None:
    for t in doc[mention.start:mention.end]:
        head = t
        while head.dep_ in ("flat:name", "flat", "appos") and head.head.i != head.i:
            head = head.head
        if head.dep_ in ("nsubj", "nsubj:pass"):
            return head
    return None


def _is_subject(doc: Doc, mention: MentionInfo) -> bool:
    return _subject_token(doc, mention) is not None


def _subject_head(doc: Doc, mention: MentionInfo) -> Token:
    token = _subject_token(doc, mention)
    return token.head if token is not None else doc[mention.start]


# -- reading the result ---------------------------------------------------------------------------
def person(kb: KnowledgeBase, words_: list[str], published: dt.date | None) -> ActorInfo:
    """The person a Russian name names, read alone (without the rest of an article)."""
    return NameReader(kb, published).person(words_)


def index_mentions(doc: Doc) -> None:
    """Record which mention covers each token (``mention_at``): call after changing cq_mentions."""
    index: list[int] = [-1] * len(doc)
    for n, mention in enumerate(doc._.cq_mentions or []):
        for i in range(mention.start, min(mention.end, len(doc))):
            if index[i] < 0:
                index[i] = n
    doc.user_data[INDEX_KEY] = index


def mention_at(doc: Doc, i: int) -> MentionInfo | None:
    """The resolved mention covering token ``i``, or None."""
    index: list[int] | None = doc.user_data.get(INDEX_KEY)
    if index is None or len(index) != len(doc):
        index_mentions(doc)
        index = doc.user_data[INDEX_KEY]
    if not 0 <= i < len(index) or index[i] < 0:
        return None
    mention: MentionInfo = doc._.cq_mentions[index[i]]
    return mention


@Language.factory("communique_ru_entities")
def make_ru_entities(nlp: Language, name: str) -> RussianEntities:
    return RussianEntities()
