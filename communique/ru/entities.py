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

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..actors import ActorInfo, MentionInfo
from ..doctext import doc_text
from ..entities import _stable_ids
from ..entities.state import _State, document_kb
from ..kb import KnowledgeBase
from . import places
from .institutions import actor_info, find_institutions, institution_word, silent
from .names import NameReader, aliases, english_names, name_forms, skeleton, transliterate
from .offices import FEMALE_PRONOUNS, MALE_PRONOUNS, find_descriptions, find_plurals, find_titles, gender
from .offices import lexicon as offices
from .places import dateline, find_dateline, match_phrase

__all__ = ["RussianEntities", "dateline", "find_dateline", "index_mentions", "mention_at", "person"]

#: doc.user_data key of the token -> mention index (plain list of mention numbers).
INDEX_KEY = "communique.ru.mentions"
# verbs of saying: after «…, — сообщил X.» a pronoun in the next sentence is X («По его словам»)
SPEECH_VERBS = frozenset({"сказать", "заявить", "сообщить", "отметить", "уточнить", "добавить", "подчеркнуть",
                          "пояснить", "рассказать", "напомнить", "заверить", "указать", "говорить", "ответить"})
PERSON_LABELS = ("PERSON",)


# -- the component --------------------------------------------------------------------------------
class RussianEntities:
    """The ``communique_ru_entities`` component."""

    def __call__(self, doc: Doc) -> Doc:
        state = self.find(doc)
        self.set_annotations(doc, state)
        return doc

    def find(self, doc: Doc) -> _State:
        kb = document_kb(doc)
        state = _State(doc, kb, [], {}, [], doc._.cq_published, tokens=list(doc))
        _silence(state)
        reader = NameReader(kb, state.published)
        _people(state, reader)
        _countries(state)
        find_institutions(state)
        find_titles(state)
        find_plurals(state)
        _pronouns(state, possessives_only=True)
        find_descriptions(state)  # «его собеседник», «его коллега» read the possessive's person
        find_plurals(state)  # «президентов двух стран» after «его казахстанский коллега» named the second
        _pronouns(state)  # pronouns whose person only a description named
        _stable_ids(state)
        state.mentions.sort(key=lambda m: m.start)
        return state

    def set_annotations(self, doc: Doc, state: _State) -> None:
        used = {m.actor for m in state.mentions} | {r.person for r in state.roles}
        english = english_names()
        for info in state.actors.values():  # the KB's "Sadyr Zhaparov" as news writes him: "Sadyr Japarov"
            info.name = english.get(info.name, info.name)
        doc._.cq_actors = {k: v for k, v in state.actors.items() if k in used}
        doc._.cq_mentions = state.mentions
        doc._.cq_roles = state.roles
        index_mentions(doc)


def _silence(state: _State) -> None:
    """The dateline and the article's own outlet name nobody who speaks or meets."""
    doc = state.doc
    text = doc_text(doc)
    found = places.dateline(doc)
    if found is not None:
        state.silent.append((found[0], found[1]))
    outlet: str | None = doc._.cq_outlet
    for name in {outlet, found[3] if found else None} - {None, ""}:
        assert name is not None
        start = text.find(name)
        while start >= 0:
            state.silent.append((start, start + len(name)))
            start = text.find(name, start + len(name))

# -- people ---------------------------------------------------------------------------------------
def _people(state: _State, reader: NameReader) -> None:
    """Names of people: natasha's PERSON spans, and single words it missed that name a person of
    the alias table or one named earlier («Лукашенко» tagged as a place, «Си» alone)."""
    doc = state.doc
    for ent in doc.ents:
        if silent(state, ent.start):
            continue
        words_ = [t.text for t in ent if not t.is_punct and not t.is_space]
        if not words_:
            continue
        if ent.label_ in PERSON_LABELS or (len(ent) == 1 and ent.label_ != "PERSON" and _known_surname(reader, ent.text)):
            if (ent.label_ != "PERSON" or len(ent) == 1) and (places.country_at(doc, ent.start) is not None
                                                              or places.city_at(doc, ent.start) is not None) \
                    or institution_word(doc, ent.start):
                continue  # «сообщает Акорда» tagged as a person
            info = reader.person(words_)
            state.add(ent.start, ent.end, info, "name")
    known = {skeleton(transliterate(f)) for p in reader.people for f in name_forms(p.name.split()[-1])}
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or state.at(i) is not None \
                or silent(state, i) or token.text.isupper():
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


def _known_surname(reader: NameReader, word: str) -> bool:
    """A word that names a person alone: a family name of the alias table or of someone named earlier."""
    table = aliases()
    if any(form.lower().replace("ё", "е") in table for form in name_forms(word)):
        return True
    return reader.earlier([word], [name_forms(word)]) is not None

# -- countries ------------------------------------------------------------------------------------
def _countries(state: _State) -> None:
    """Country names and capitals standing for their country («в Москве», «РФ», «Киргизии»)."""
    doc = state.doc
    i = 0
    while i < len(doc):
        if state.at(i) is not None or silent(state, i) or not doc[i].text[:1].isupper():
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
            state.add(i, end, actor_info(state, country), "name")
        i = end


# -- pronouns -------------------------------------------------------------------------------------
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
                match_phrase(doc, j, offices().descriptions) is not None for j in range(token.i + 1, min(token.i + 3, len(doc)))):
            continue  # first pass: only «его коллега», «её собеседник», which descriptions read
        if lower in ("его", "него", "нем", "нём", "ему", "нему") and "Neut" in token.morph.get("Gender", []) \
                and token.pos_ == "PRON" and token.dep_ not in ("nmod", "det"):
            continue  # «его» standing for a thing («подписать его»)
        people = [m for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"
                  and gender(state, state.actors[m.actor]) == wanted]
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
