"""Russian entities: names in any grammatical case resolved to the knowledge base's actors.

The component ``communique_ru_entities`` fills ``doc._.cq_actors``, ``doc._.cq_mentions`` and
``doc._.cq_roles`` as the English actor and entity layers do, with the same canonical ids and
English names: «с Токаевым» and "Tokayev" are both Q200881 "Kassym-Jomart Tokayev".

The quotes and events components read entities only through this module:

- ``mention_at(doc, i)``: the resolved mention covering token ``i`` (a name, pronoun, description
  or institution), or None;
- ``doc._.cq_actors[mention.actor]``: the actor (``actors.ActorInfo``).

A Russian name is read by its forms: the word as written, pymorphy3's nominative forms, and the
stem without a case ending; each is transliterated (iuliia's Wikipedia scheme) and looked up in the
knowledge base, preferring a person who held an office on the article's date.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors import ActorInfo, MentionInfo, RoleInfo
from ..entities import stable_id
from ..kb import KBActor, KnowledgeBase
from .carrier import morph_analyzer

#: doc.user_data key of the token -> mention index (plain list of mention numbers).
INDEX_KEY = "communique.ru.mentions"
# case endings of names and nouns, longest first: «Токаевым», «Мирзиёеву», «Шольцу», «Захаровой»
_ENDINGS = ("ыми", "ами", "ому", "ему", "ого", "его", "ым", "им", "ом", "ем", "ой", "ей", "ую", "ою",
            "у", "ю", "а", "я", "е", "ы", "и")


@lru_cache(maxsize=50_000)
def transliterate(word: str) -> str:
    """Cyrillic into the Latin letters news and the knowledge base use: «Токаев» -> "Tokayev"."""
    import iuliia

    latin: str = iuliia.WIKIPEDIA.translate(word)
    return latin


@lru_cache(maxsize=50_000)
def name_forms(word: str) -> tuple[str, ...]:
    """The nominative forms a name in some case may have, most likely first:
    «Токаевым» -> («Токаев», ...), «Шольцу» -> («Шольц», ...), «Лукашенко» -> («Лукашенко»)."""
    forms: list[str] = []

    def add(form: str) -> None:
        form = "-".join(part[:1].upper() + part[1:] for part in form.split("-"))
        if len(form) > 1 and form not in forms:
            forms.append(form)

    for parse in morph_analyzer().parse(word)[:4]:
        if {"Surn", "Name", "Patr"} & set(parse.tag.grammemes) or parse.tag.POS == "NOUN":
            nominative = parse.inflect({"nomn", "sing"})
            add(nominative.word if nominative is not None else parse.normal_form)
    add(word.lower())
    if not forms:  # a one-letter word: an initial
        forms.append(word)
    lower = word.lower()
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            add(lower[: -len(ending)])
            if ending in ("ой", "ей", "у", "е"):
                add(lower[: -len(ending)] + "а")  # «Захаровой» -> «Захарова»
    return tuple(forms)


class RussianEntities:
    """The ``communique_ru_entities`` component."""

    def __call__(self, doc: Doc) -> Doc:
        kb: KnowledgeBase | None = doc._.cq_kb
        if kb is None:
            from ..kb import load_kb

            kb = load_kb()
        published: dt.date | None = doc._.cq_published
        actors: dict[str, ActorInfo] = {}
        mentions: list[MentionInfo] = []
        roles: list[RoleInfo] = []
        for ent in doc.ents:
            info = self._resolve(kb, ent, published)
            if info is None:
                continue
            actors.setdefault(info.id, info)
            mentions.append(MentionInfo(ent.start, ent.end, info.id, "name", ent.start_char, ent.end_char, ent.text))
        mentions.sort(key=lambda m: m.start)
        doc._.cq_actors = actors
        doc._.cq_mentions = mentions
        doc._.cq_roles = roles
        index_mentions(doc)
        return doc

    def _resolve(self, kb: KnowledgeBase, ent: Span, published: dt.date | None) -> ActorInfo | None:
        if ent.label_ == "PERSON":
            return person(kb, [t.text for t in ent], published)
        if ent.label_ == "GPE":
            country = place(kb, [t.text for t in ent])
            return _info(country) if country is not None and country.kind == "country" else None
        return None


def person(kb: KnowledgeBase, words: list[str], published: dt.date | None) -> ActorInfo:
    """The person a Russian name names: a KB person when its forms match one, else a person of
    the article known by the transliterated nominative name."""
    variants = [name_forms(w) for w in words]
    best: KBActor | None = None
    for combo in _combinations(variants):
        latin = " ".join(transliterate(w) for w in combo)
        for actor in kb.lookup(latin, kind="person"):
            if published is None or kb.offices(actor.id, published):
                return _info(actor)
            best = best or actor
        surname = transliterate(combo[-1])
        for actor, _name, score in kb.search(surname, limit=5):
            if actor.kind == "person" and score >= 0.9 and published is not None and kb.offices(actor.id, published):
                return _info(actor)
    if best is not None:
        return _info(best)
    name = " ".join(transliterate(v[0]) for v in variants)
    return ActorInfo(stable_id(name, "person"), name, "person", known=False)


def place(kb: KnowledgeBase, words: list[str]) -> KBActor | None:
    """The country or place a Russian place name names, by its transliterated forms."""
    for combo in _combinations([name_forms(w) for w in words]):
        found = kb.place(" ".join(transliterate(w) for w in combo))
        if found is not None:
            return found
    return None


def _combinations(variants: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Forms of a name word by word: every word's first form, then each word's others in turn."""
    if not variants:
        return []
    first = tuple(v[0] for v in variants)
    combos = [first]
    for i, forms in enumerate(variants):
        for form in forms[1:]:
            combos.append(first[:i] + (form,) + first[i + 1 :])
    return combos


def _info(actor: KBActor) -> ActorInfo:
    return ActorInfo(actor.id, actor.name, actor.kind, actor.country, actor.cameo)


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
