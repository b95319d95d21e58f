"""CAMEO codes of the places and armed groups news names: "in Basra" → IRQ, "Hamas" → PSEREBHMS.

PETRARCH2's actor dictionaries (Open Event Data Alliance, MIT; see NOTICE) give both:

- ``Phoenix.Countries.actors.txt`` lists under each state the cities, provinces and regions CAMEO
  codes as that state (``ISRAEL_ [ISR]`` with ``+TEL_AVIV_``, ``+HAIFA_``, ...);
- ``Phoenix.MilNonState.actors.txt`` lists non-state armed groups with their codes (``TALIBAN_
  [AFGREB]``, ``HAMAS_ ... [PSEREBHMS]``, ``AL_QAEDA [IMGMUSALQ]``).

:func:`build_gazetteer` turns them into ``data/cameo_gazetteer.json`` (``communique kb verbs`` writes it
beside the verb dictionary), keyed by the lower-case name: places give the ISO3 code of our country
table, groups their current CAMEO code. A name listed with two different codes is left out, since it
names neither for sure.

The event coder reads places for one convention PETRARCH and the PLOVER gold standard share: an event
whose source or target the sentence does not name takes the country of the place it happened in
("a bomb killed two soldiers in Basra": Iraq is the source's country; see ``coding.sides._place_actors``);
and groups for the code of a body the knowledge base does not know ("Hamas fired rockets").
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .errors import KnowledgeBaseError
from .kb import norm_name
from .kbbuild import COUNTRIES_FILE, PhoenixEntry, parse_phoenix, read_countries
from .packaged import read_packaged, write_packaged

if TYPE_CHECKING:
    from spacy.tokens import Token

GAZETTEER_FILE = Path(str(resources.files("communique") / "data" / "cameo_gazetteer.json"))

ATTRIBUTION = (
    "Derived from the PETRARCH2 actor dictionaries Phoenix.Countries.actors.txt and Phoenix.MilNonState.actors.txt, "
    "Copyright (c) 2014 Open Event Data Alliance, MIT License (see NOTICE); converted to JSON by communique."
)
# the words of a place name before its head: "West Bank", "Tel Aviv", "eastern Beirut" (tried without "eastern")
NAME_DEPS = frozenset({"compound", "amod"})
# common nouns that name a place by an "of" phrase: "the town of Samarra", "the northern city of Nablus"
PLACE_NOUNS = frozenset({
    "area", "capital", "city", "county", "district", "enclave", "port", "province", "region", "state",
    "suburb", "territory", "town", "village",
})


def _current(entry: PhoenixEntry) -> str | None:
    """The entry's one code in force today ("[UKR >911221]", an undated "[AFGREB]"), else None."""
    codes = {code for code, _start, end, _dated in entry.codes if end is None}
    return codes.pop() if len(codes) == 1 else None


def _unclaimed(entries: list[PhoenixEntry], code_of: Callable[[PhoenixEntry], str | None]) -> dict[str, str]:
    """Every name and alias of the entries → the code ``code_of`` gives it; names given two codes are dropped."""
    claims: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        code = code_of(entry)
        if code is None:
            continue
        for name in (entry.name, *entry.aliases):
            key = norm_name(name)
            if key and not key.replace(" ", "").isdigit():
                claims[key].add(code)
    return {name: next(iter(found)) for name, found in sorted(claims.items()) if len(found) == 1}


def parse_places(path: Path, countries: list[dict[str, Any]]) -> dict[str, str]:
    """The place names of a TABARI country dictionary → ISO3 code.

    Only a state's own entry counts: its name is a country's name or alias in ``countries`` (rows of
    ``read_countries``) and it is coded with one current bare state code (people and bodies listed in
    the same file are not places).
    """
    by_name = {norm_name(n): row["iso3"] for row in countries for n in (row["name"], *row["aliases"])}

    def state(entry: PhoenixEntry) -> str | None:
        code = _current(entry)
        return by_name.get(norm_name(entry.name)) if code is not None and len(code) == 3 and code.isalpha() else None

    return _unclaimed(parse_phoenix(path), state)


def parse_groups(path: Path) -> dict[str, str]:
    """The group names of a TABARI non-state actor dictionary → their current CAMEO code.

    An alias that is also an agent noun ("soldiers") names a sector, not the group, and is left out.
    """
    from .agents import agents

    table = _unclaimed(parse_phoenix(path), _current)
    return {name: code for name, code in table.items() if " " in name or agents().get("", name) is None}


def build_gazetteer(
    countries_dictionary: Path, groups_dictionary: Path, dest: Path = GAZETTEER_FILE, countries: Path = COUNTRIES_FILE
) -> dict[str, Any]:
    """Convert ``Phoenix.Countries.actors.txt`` and ``Phoenix.MilNonState.actors.txt`` into the packaged JSON at
    ``dest``; returns the data."""
    for source in (countries_dictionary, groups_dictionary):
        if not source.is_file():
            raise KnowledgeBaseError(f"{source}: cannot read the CAMEO actor dictionary (no such file)")
    places = parse_places(countries_dictionary, read_countries(countries))
    if not places:
        raise KnowledgeBaseError(f"{countries_dictionary}: no country entries ('NAME [ISO]' with '+' place lines): "
                                 "is this Phoenix.Countries.actors.txt?")
    groups = parse_groups(groups_dictionary)
    if not groups:
        raise KnowledgeBaseError(f"{groups_dictionary}: no group entries ('NAME [CODE]'): is this "
                                 "Phoenix.MilNonState.actors.txt?")
    data = {
        "attribution": ATTRIBUTION,
        "license": "MIT",
        "source": "https://github.com/openeventdata/petrarch2 (petrarch2/data/dictionaries/)",
        "places": places,
        "groups": groups,
    }
    write_packaged(dest, data)
    return data


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict[str, str]]:
    """The packaged tables (``data/cameo_gazetteer.json``): ``places`` name → ISO3, ``groups`` name → CAMEO code."""
    data = read_packaged(GAZETTEER_FILE, "CAMEO gazetteer")
    return {"places": data["places"], "groups": data["groups"]}


def group_code(name: str) -> str | None:
    """The CAMEO code of a non-state armed group by its name ("the Taliban" → AFGREB), None if not listed."""
    return gazetteer()["groups"].get(norm_name(name))


def place_name(noun: Token) -> Token | None:
    """The proper noun that names a place in a phrase headed by ``noun``: itself, or the name in "the
    town of Samarra" and "Helmand province"; None for any other common noun. A capitalised plural is a
    name too ("Iraqis", which taggers often read as a common noun)."""
    if noun.pos_ == "PROPN" or noun.tag_ == "NNS" and noun.text[:1].isupper() and noun.i > noun.sent.start:
        return noun
    if noun.lemma_.lower() not in PLACE_NOUNS:
        return None
    named = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    named += [c for c in noun.lefts if c.dep_ == "compound"][-1:]
    return named[0] if named and named[0].pos_ == "PROPN" else None


def place_country(noun: Token) -> str | None:
    """The ISO3 code of the place a phrase headed by ``noun`` names, longest name first.

    "the occupied West Bank" → PSE, "eastern Beirut" → LBN, "the town of Samarra" → IRQ; None for
    another common noun or an unknown place.
    """
    name = place_name(noun)
    if name is None:
        return None
    table = gazetteer()["places"]
    words = [c for c in name.lefts if c.dep_ in NAME_DEPS]
    for start in range(len(words) + 1):
        key = norm_name(" ".join([*(w.text for w in words[start:]), name.text]))
        if key in table:
            return table[key]
    # "Iraqis": the dictionary lists the singular ("IRAQI_"); a people's plural names the same state
    plural = norm_name(name.text)
    if name.tag_ in ("NNS", "NNPS") and plural.endswith("s") and plural[:-1] in table:
        return table[plural[:-1]]
    return None
