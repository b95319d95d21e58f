"""Russian office titles and descriptions: roles, and the people titles and descriptions name.

- A title before a name gives the person a role with English name and country: «Президент
  России Владимир Путин», «пресс-секретарь президента РФ Дмитрий Песков» (Presidential Spokesman),
  «официальный представитель МИД России Мария Захарова» (Foreign Ministry Spokeswoman).
- A title alone names the holder on the article's date («Президент Казахстана» in 2018 is
  Nazarbayev), and an unnamed spokesperson is the group "Spokesman for <principal>".
- Plurals name each country's holder: «Лидеры России, Казахстана и Узбекистана», «трёх президентов».
- Descriptions that are not offices only resolve: «казахстанский лидер», «его узбекский коллега»,
  «глава китайской дипломатии», «хозяин встречи», «гость», «собеседник».

The words live in ``data/ru/offices.json`` (lemmas, so every case matches).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..actors import ActorInfo, RoleInfo
from ..entities.descriptions import _holder
from ..entities.names import stable_id
from ..entities.state import _State
from ..kb import norm_name
from . import places
from .institutions import actor_info, body_actor, silent
from .institutions import lexicon as bodies
from .names import english_names
from .places import Phrase, match_phrase, phrase_index

DATA = Path(__file__).parent.parent / "data" / "ru" / "offices.json"
MALE_PRONOUNS = frozenset({"он", "его", "него", "ему", "нему", "нем", "нём", "ним"})
FEMALE_PRONOUNS = frozenset({"она", "ее", "её", "нее", "неё", "ей", "ней", "ею", "нею"})


@dataclass(frozen=True)
class _Lexicon:
    titles: dict[str, list[Phrase]]
    feminine: dict[str, str]
    descriptions: dict[str, list[Phrase]]
    plural_titles: dict[str, list[Phrase]]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    offices = json.loads(DATA.read_text(encoding="utf-8"))
    described = offices["descriptions"]
    description_entries: list[tuple[str, tuple[str, ...]]] = [(" ".join(ws), (part,)) for part in (
        "leader", "counterpart", "host", "guest", "interlocutor", "minister") for ws in described[part]]
    description_entries += [(" ".join(ws), ("office", role)) for ws, role in described["offices"]]
    return _Lexicon(
        titles=phrase_index([(" ".join(ws), (role, country or "")) for ws, role, country in offices["titles"]]),
        feminine=offices["feminine"],
        descriptions=phrase_index(description_entries),
        plural_titles=phrase_index([(" ".join(ws), (role or "",)) for ws, role in offices["plural_titles"]]),
    )


def find_titles(state: _State) -> None:
    """Office titles: before a name they give the named person a role; alone («Президент
    Казахстана», «премьер-министр Венгрии») they name the holder on the article's date."""
    doc = state.doc
    lex = lexicon()
    i = 0
    while i < len(doc):
        if silent(state, i) or not any(ch.isalpha() for ch in doc[i].text):
            i += 1
            continue
        found = match_phrase(doc, i, lex.titles)
        if found is None:
            i += 1
            continue
        end, phrase = found
        role, title_country = phrase.value
        body_of = title_country if len(title_country) > 3 else None  # "United Nations" for «генсек ООН»
        title_country = "" if body_of else title_country
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
                seat = match_phrase(doc, j, bodies().seats)
                if seat is not None:
                    iso3, j = seat[1].value[0], seat[0]
        m = state.at(j)
        if m is not None and state.kind(m.actor) == "person" and m.via == "name":
            person = state.actors[m.actor]
            _add_role(state, person, role, iso3, start, m.end, body_of)
            i = m.end
            continue
        if m is not None and state.kind(m.actor) == "person":
            i = j
            continue
        if "Former" in role:
            i = j
            continue
        office_holder = title_holder(state, role, iso3, i)
        if office_holder is not None:
            existing = state.at(i)
            if existing is None or state.kind(existing.actor) != "organization":
                state.add(i, end, office_holder, "description")
            _add_role(state, office_holder, role, iso3, start, j, body_of)
        elif "Spokes" in role:
            group = _spokes_group(state, role, iso3, i)
            if group is not None:
                state.add(i, end, group, "description")
        i = j


NUMBERS = {"два": 2, "двух": 2, "оба": 2, "обоих": 2, "обе": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4,
           "четырех": 4, "четырёх": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6}


def find_plurals(state: _State) -> None:
    """«Лидеры России, Казахстана и Узбекистана», «президенты двух стран», «трёх президентов»,
    «Министры иностранных дел стран СНГ»: each country's holder of the office (its leader for
    «лидеры») on the article's date stands for the country; an office title gives them the role."""
    doc = state.doc
    quoted = _quoted(doc)
    for token in state.tokens:
        if token.morph.get("Number", []) != ["Plur"] or quoted[token.i] or silent(state, token.i):
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
            office_holder = holder(state, iso3, role or None, token.i)
            if office_holder is not None:
                state.add(start, stop, office_holder, "description")
                if role:
                    _add_role(state, office_holder, role, iso3, token.i, stop)
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
                office_holder = holder(state, info.country, role, start)
                if office_holder is not None and all(h.id != office_holder.id for h, _ in chosen):
                    chosen.append((office_holder, info.country))
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


def _add_role(state: _State, person: ActorInfo, role: str, iso3: str | None, start: int, end: int,
              body_of: str | None = None) -> None:
    doc = state.doc
    if iso3 is None:
        tenures = [t for t in state.kb.offices(person.id, state.published) if norm_name(t.role) == norm_name(role)]
        of = state.kb.get(tenures[0].of) if tenures else None
        iso3 = of.country if of is not None and of.country else person.country
    if role in lexicon().feminine and gender(state, person) == "female":
        role = lexicon().feminine[role]
    if person.country is None and iso3 and not person.known:
        person.country = iso3
    country = state.kb.country_by_iso3(iso3) if iso3 else None
    if any(r.person == person.id and norm_name(r.role) == norm_name(role) for r in state.roles):
        return
    span = doc[start:end]
    of_name = body_of or (country.name if country else None)
    state.roles.append(RoleInfo(person.id, role, of_name, span.start_char, span.end_char))


def title_holder(state: _State, role: str, iso3: str | None, at: int) -> ActorInfo | None:
    """Who a title without a name means: the person the article gave that office (of that
    country) last before it, else first after it, else a person it names who holds it on the
    date, else the knowledge base's holder."""
    char = state.doc[at].idx
    ordered = [r for r in reversed(state.roles) if r.start_char < char] + [r for r in state.roles if r.start_char >= char]
    for r in ordered:
        if _same_office(r.role, role):
            info = state.actors.get(r.person)
            if info is not None and (iso3 is None or info.country == iso3):
                return info
    if iso3 is None:
        return None
    return holder(state, iso3, role, at)


def _same_office(a: str, b: str) -> bool:
    """The same office whoever holds it: "Foreign Ministry Spokeswoman" is "... Spokesman"."""
    return norm_name(a).replace("spokeswoman", "spokesman") == norm_name(b).replace("spokeswoman", "spokesman")


def holder(state: _State, iso3: str, office: str | None, i: int) -> ActorInfo | None:
    """Who holds ``office`` (or leads the country, when None) on the article's date: the person the
    article gives it, a person of that country it names, else the knowledge base's holder (the
    English layer's rule)."""
    return _holder(state, iso3, office, state.tokens[min(i, len(state.tokens) - 1)])


def _spokes_group(state: _State, role: str, iso3: str | None, at: int) -> ActorInfo | None:
    """An unnamed spokesperson: the group "Spokesman for <the principal>"."""
    if iso3 is None:
        return None
    if role.startswith("Presidential"):
        principal = holder(state, iso3, "President", at)
    else:
        principal = body_actor(state, iso3, "foreign_ministry", None)
    if principal is None:
        return None
    name = f"Spokesman for {english_names().get(principal.name, principal.name)}"
    return ActorInfo(stable_id(name, "group", principal.country), name, "group", principal.country, principal.cameo,
                     known=False)


def find_descriptions(state: _State) -> None:
    """«казахстанский лидер», «его узбекский коллега», «глава китайской дипломатии», «хозяин
    встречи», «гость», «собеседник»: the person meant, by the article's date and its people."""
    doc = state.doc
    lex = lexicon()
    for token in state.tokens:
        if token.pos_ not in ("NOUN", "ADJ") or state.at(token.i) is not None or silent(state, token.i):
            continue
        found = match_phrase(doc, token.i, lex.descriptions, skip_adjectives=True)
        if found is None:
            continue
        end, phrase = found
        part = phrase.value[0]
        if token.morph.get("Number", []) == ["Plur"]:
            continue
        iso3 = _country_around(state, token.i, end)
        person: ActorInfo | None = None
        if part == "office" and iso3 is not None:
            person = holder(state, iso3, phrase.value[1], token.i)
        elif part == "leader" and iso3 is not None:
            person = holder(state, iso3, None, token.i)
        elif part == "counterpart":
            person = _counterpart(state, token.i, iso3)
        elif part in ("host", "guest"):
            person = _party(state, token.i, guest=part == "guest")
        elif part == "interlocutor":
            person = _interlocutor(state, token.i)
        elif part == "minister":
            person = _last_minister(state, token.i, iso3)
        if person is not None:
            state.add(token.i, end, person, "description")


def _last_minister(state: _State, i: int, iso3: str | None) -> ActorInfo | None:
    """«Министр сообщил», «российский министр»: the minister (of that country) the article named
    last before it."""
    char = state.doc[i].idx
    for r in reversed(state.roles):
        info = state.actors.get(r.person)
        if info is None or r.start_char >= char or (iso3 is not None and info.country != iso3):
            continue
        if norm_name(r.role).endswith("minister") and "prime" not in norm_name(r.role):
            return info
    return None


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
        person = holder(state, iso3, office, i)
        if person is not None and person.id != anchor.id:
            return person
    return None


def _visit_country(state: _State) -> str | None:
    found = places.dateline(state.doc)
    if found is not None:
        return places.article_country(state.doc)
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


def gender(state: _State, person: ActorInfo) -> str | None:
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
