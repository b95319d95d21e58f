"""Russian names of people: their forms in every case, transliteration, and the person they name.

Russian news declines names («с Токаевым», «Захаровой», «Мирзиёеву») and spells foreign names its
own way («Шольц», «Си Цзиньпин», «Реджеп Тайип Эрдоган»). A name is read as:

1. its nominative forms (pymorphy3, then case endings stripped), word by word;
2. the alias table ``data/ru/names.json`` (Russian forms that are not transliterations);
3. a person the article already named (a surname alone, a first name and patronymic);
4. the knowledge base's office holders whose names have the same Latin "skeleton": the
   transliteration with the letters transliteration systems disagree on folded (zh/j, kh/h, ts/z,
   y/i, ё/yo/e, w/v, doubled letters), preferring people in office on the article's date;
5. otherwise an unknown person named by the transliterated nominative name, with a stable id.

Example::

    >>> skeleton("Zheenbekov") == skeleton("Jeenbekov")
    True
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..actors import ActorInfo
from ..entities.names import name_tokens, stable_id
from ..entities.people import _surname_index
from ..kb import KBActor, KnowledgeBase, per_kb
from .carrier import morph_analyzer

DATA = Path(__file__).parent.parent / "data" / "ru" / "names.json"
# case endings of names and nouns, longest first: «Токаевым», «Мирзиёеву», «Шольцу», «Захаровой»
_ENDINGS = ("ыми", "ами", "ому", "ему", "ого", "его", "ым", "им", "ом", "ем", "ой", "ей", "ую", "ою",
            "у", "ю", "а", "я", "е", "ы", "и")
# Latin spellings that transliteration systems (and the knowledge base's sources) disagree on
_FOLDS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("tz", "z"), ("ts", "z"), ("x", "ks"), ("w", "v"),
          ("ph", "f"), ("y", "i"), ("c", "k"))
_VOWELS = "aeiou"
_GENERATION = re.compile(r"-(младш|старш)[а-яё]*$", re.I)


@lru_cache(maxsize=50_000)
def transliterate(word: str) -> str:
    """Cyrillic into the Latin letters news and the knowledge base use: «Токаев» -> "Tokayev"."""
    import iuliia

    latin: str = iuliia.WIKIPEDIA.translate(word)
    return latin


@lru_cache(maxsize=100_000)
def skeleton(word: str) -> str:
    """A Latin name part reduced to what its spellings share: "Zhaparov" and "Japarov" -> "japarov",
    "Mirziyoev" and "Mirziyoyev" -> "mirzoev", "Berdymukhamedov" and "Berdimuhamedow" alike."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(ch for ch in text if ch.isalpha() and not unicodedata.combining(ch))
    for old, new in _FOLDS:
        text = text.replace(old, new)
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters: "Kassym" / "Kasym"
    # an i next to a vowel is a glide some systems write and others leave out ("Aliyev" / "Aliev")
    kept = [ch for k, ch in enumerate(text)
            if ch != "i" or not ((k and text[k - 1] in _VOWELS) or (k + 1 < len(text) and text[k + 1] in _VOWELS))]
    return "".join(kept) or text


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


def _nominative(word: str, forms: tuple[str, ...]) -> str:
    """The word as written when it can be a nominative («Хурэлсух»), else its likeliest nominative."""
    if any(p.tag.case == "nomn" for p in morph_analyzer().parse(word)[:3]):
        return word
    return forms[0]


def _given_name(word: str) -> bool:
    """«Владимир», «Мария»: a first name, which alone never names a person met earlier."""
    return any("Name" in p.tag.grammemes for p in morph_analyzer().parse(word)[:2])


def is_patronymic(word: str) -> bool:
    """«Владимирович», «Жомартовна»: a patronymic, which a first name may carry instead of a surname."""
    return any("Patr" in p.tag.grammemes for p in morph_analyzer().parse(word)[:3]) or bool(
        re.search(r"(ович|евич|овна|евна|ична|инична)(а|у|ем|ом|е|ой|ы)?$", word.lower()))


@dataclass(frozen=True)
class Alias:
    name: str  # English canonical name
    kb_name: str  # the knowledge base's name for the person, when it spells it otherwise
    country: str | None


@lru_cache(maxsize=1)
def aliases() -> dict[str, Alias]:
    """Russian nominative name (lower case, ё as е) -> the person ``data/ru/names.json`` gives."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    table: dict[str, Alias] = {}
    for name, entry in data["people"].items():
        alias = Alias(name, entry.get("kb", name), entry.get("country"))
        for form in entry["ru"]:
            table.setdefault(_key(form), alias)
    return table


@lru_cache(maxsize=1)
def english_names() -> dict[str, str]:
    """The knowledge base's name -> the English name news uses, where the table gives one
    ("Sadyr Zhaparov" -> "Sadyr Japarov")."""
    return {a.kb_name: a.name for a in aliases().values() if a.kb_name != a.name}


def _key(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


@per_kb
def skeleton_index(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Skeleton of a name part -> the KB people with an office whose names have it (built once)."""
    index: dict[str, list[str]] = {}
    for part, people in _surname_index(kb).items():
        bucket = index.setdefault(skeleton(part), [])
        bucket.extend(p for p in people if p not in bucket)
    return index


def _info(actor: KBActor, name: str | None = None) -> ActorInfo:
    return ActorInfo(actor.id, name or english_names().get(actor.name, actor.name), actor.kind, actor.country, actor.cameo)


def _parts(name: str) -> set[str]:
    return {skeleton(t) for t in name_tokens(name)}


def _fits(forms: tuple[str, ...], parts: set[str]) -> bool:
    """One word of a Russian name, in any of its forms, is one of a Latin name's parts."""
    for form in forms:
        key = skeleton(transliterate(form))
        if key in parts:
            return True
        # a shortened or longer form ("Ukhnaa" / «Ухнаагийн», the genitive patronymic)
        if any(min(len(key), len(p)) >= 4 and (p.startswith(key) or key.startswith(p)) for p in parts):
            return True
        if len(key) >= 5 and any(p[:1] == key[:1] and len(p) >= 5
                                 and difflib.SequenceMatcher(None, key, p).ratio() >= 0.85 for p in parts):
            return True
    return False


class NameReader:
    """Resolves the people one article names; remembers them, so that a surname alone, or a first
    name and patronymic, joins the full name given earlier."""

    def __init__(self, kb: KnowledgeBase, published: dt.date | None) -> None:
        self.kb = kb
        self.published = published
        self.people: list[ActorInfo] = []  # the article's people, in order of first mention

    def person(self, words: list[str]) -> ActorInfo:
        """The person a name of one or more words names (see the module docstring)."""
        words = [w for w in words if w.strip(".-")]
        generation = None
        if words:
            # «Бердымухамедов-младший»: the son, who holds the office now; «-старший»: the father
            match = _GENERATION.search(words[-1])
            if match:
                generation = match.group(1)[:2].lower()
                words = words[:-1] + [words[-1][: match.start()]]
        variants = [name_forms(w) for w in words]
        found = (self._alias(variants) if generation is None else None) or self.earlier(words, variants, generation) \
            or self._kb(variants)
        if found is None:
            name = " ".join(transliterate(_nominative(w, v)) for w, v in zip(words, variants) if not is_patronymic(w))
            found = ActorInfo(stable_id(name, "person"), name, "person", known=False)
        for known in self.people:
            if known.id == found.id:
                return known
        self.people.append(found)
        return found

    def _alias(self, variants: list[tuple[str, ...]]) -> ActorInfo | None:
        table = aliases()
        tries = [" ".join(combo) for combo in _combinations(variants)]
        if len(variants) > 1:  # «Олаф Шольц» under its surname alone, «Си Цзиньпин» under «Си»
            tries += [form for forms in (variants[-1], variants[0]) for form in forms]
        for text in tries:
            alias = table.get(_key(text))
            if alias is None:
                continue
            people = self.kb.lookup(alias.kb_name, kind="person")
            if people:
                return _info(people[0], alias.name)
            return ActorInfo(stable_id(alias.name, "person", alias.country), alias.name, "person", alias.country,
                             known=False)
        return None

    def earlier(self, words: list[str], variants: list[tuple[str, ...]], generation: str | None = None
                 ) -> ActorInfo | None:
        """A surname alone, or a first name with a patronymic, of a person named earlier (the most
        recent one; with «-младший» the one in office on the date, with «-старший» one who is not)."""
        if len(words) > 2 or (len(words) == 2 and not is_patronymic(words[1])):
            return None
        word = variants[0]
        found: list[ActorInfo] = []
        for known in reversed(self.people):
            parts = name_tokens(known.name)
            if not parts:
                continue
            if len(words) == 2:
                wanted = {skeleton(parts[0])}
            elif _given_name(words[0]):
                wanted = {skeleton(p) for p in parts[1:] or parts}
            else:  # a family name written first by the KB ("Khurelsukh Ukhnaa")
                wanted = {skeleton(p) for p in parts}
            if _fits(word, wanted):
                found.append(known)
        if generation is not None and len(found) > 1:
            in_office = [p for p in found if self.published is not None and self.kb.offices(p.id, self.published)]
            chosen = in_office if generation == "мл" else [p for p in found if p not in in_office]
            found = chosen or found
        return found[0] if found else None

    def _kb(self, variants: list[tuple[str, ...]]) -> ActorInfo | None:
        index = skeleton_index(self.kb)
        candidates: list[str] = []
        for forms in variants:
            for form in forms:
                for person in index.get(skeleton(transliterate(form)), ()):
                    if person not in candidates:
                        candidates.append(person)
        best: tuple[int, int, KBActor] | None = None
        for person_id in candidates:
            actor = self.kb.get(person_id)
            if actor is None:
                continue
            parts = set().union(*(_parts(n) for n in (actor.name, *actor.aliases)))
            fitting = [_fits(forms, parts) for forms in variants]
            if not fitting[-1] and not (len(variants) > 1 and fitting[0]):
                continue  # the family name must be the person's
            if len(variants) == 1 and not any(
                    _fits(variants[0], {skeleton(t) for t in name_tokens(n)[1:]}) for n in (actor.name, *actor.aliases)):
                continue  # a single word names a person by the family name, never by a first name
            if sum(fitting) < len(variants) - (1 if len(variants) > 2 else 0):
                continue
            in_office = self.published is not None and bool(self.kb.offices(actor.id, self.published))
            score = (sum(fitting), int(in_office))
            if best is None or score > best[:2]:
                best = (score[0], score[1], actor)
        if best is not None and (best[1] or self.published is None):
            return _info(best[2])
        for combo in _combinations(variants):  # a KB name spelled exactly as transliterated
            for actor in self.kb.lookup(" ".join(transliterate(w) for w in combo), kind="person"):
                return _info(actor)
        return _info(best[2]) if best is not None else None


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
