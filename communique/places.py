"""The country of a place a news sentence names: "in Basra" → IRQ, "in the West Bank" → PSE.

PETRARCH2's country dictionary (``Phoenix.Countries.actors.txt``, Open Event Data Alliance, MIT; see
NOTICE) lists under each state the cities, provinces and regions that CAMEO codes as that state
(``ISRAEL_ [ISR]`` with ``+TEL_AVIV_``, ``+HAIFA_``, ...). :func:`build_places` turns those lists into
``data/cameo_places.json`` (``communique kb verbs`` writes it beside the verb dictionary), keyed by the
lower-case name and giving the ISO3 code of our country table; a name listed under two states is left
out, since it names neither for sure.

The event coder reads it for one convention PETRARCH and the PLOVER gold standard share: an event
whose source or target the sentence does not name takes the country of the place it happened in
("a bomb killed two soldiers in Basra": Iraq is the source's country; see ``coding._place_actor``).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KnowledgeBaseError
from .kb import norm_name
from .kbbuild import COUNTRIES_FILE, parse_phoenix, read_countries
from .packaged import read_packaged, write_packaged

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACES_FILE = Path(str(resources.files("communique") / "data" / "cameo_places.json"))

ATTRIBUTION = (
    "Derived from the PETRARCH2 country dictionary Phoenix.Countries.actors.txt, Copyright (c) 2014 Open "
    "Event Data Alliance, MIT License (see NOTICE); converted to JSON by communique."
)
# the words of a place name before its head: "West Bank", "Tel Aviv", "eastern Beirut" (tried without "eastern")
NAME_DEPS = frozenset({"compound", "amod"})
# common nouns that name a place by an "of" phrase: "the town of Samarra", "the northern city of Nablus"
PLACE_NOUNS = frozenset({
    "area", "capital", "city", "county", "district", "enclave", "port", "province", "region", "state",
    "suburb", "territory", "town", "village",
})


def parse_places(path: Path, countries: list[dict[str, Any]]) -> dict[str, str]:
    """The place names of a TABARI country dictionary → ISO3 code.

    Only a state's own entry counts: its name is a country's name or alias in ``countries`` (rows of
    ``read_countries``) and it is coded with one current bare state code (people and bodies listed in
    the same file are not places); names claimed by two states are dropped.
    """
    by_name = {norm_name(n): row["iso3"] for row in countries for n in (row["name"], *row["aliases"])}
    claims: dict[str, set[str]] = defaultdict(set)
    for entry in parse_phoenix(path):
        # the state's own entry, coded with a bare three-letter code that is current ("[UKR >911221]")
        current = {code for code, _start, end, _dated in entry.codes if end is None and len(code) == 3 and code.isalpha()}
        iso3 = by_name.get(norm_name(entry.name))
        if len(current) != 1 or iso3 is None:
            continue
        for name in (entry.name, *entry.aliases):
            key = norm_name(name)
            if key:
                claims[key].add(iso3)
    return {name: next(iter(found)) for name, found in sorted(claims.items()) if len(found) == 1}


def build_places(source: Path, dest: Path = PLACES_FILE, countries: Path = COUNTRIES_FILE) -> dict[str, Any]:
    """Convert ``Phoenix.Countries.actors.txt`` at ``source`` into the packaged JSON at ``dest``; returns the data."""
    if not source.is_file():
        raise KnowledgeBaseError(f"{source}: cannot read the CAMEO country dictionary (no such file)")
    places = parse_places(source, read_countries(countries))
    if not places:
        raise KnowledgeBaseError(f"{source}: no country entries ('NAME [ISO]' with '+' place lines): is this "
                                 "Phoenix.Countries.actors.txt?")
    data = {
        "attribution": ATTRIBUTION,
        "license": "MIT",
        "source": "https://github.com/openeventdata/petrarch2 (petrarch2/data/dictionaries/Phoenix.Countries.actors.txt)",
        "places": places,
    }
    write_packaged(dest, data)
    return data


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """The packaged place names (``data/cameo_places.json``): lower-case name → ISO3 code."""
    table: dict[str, str] = read_packaged(PLACES_FILE, "CAMEO place names")["places"]
    return table


def place_name(noun: Token) -> Token | None:
    """The proper noun that names a place in a phrase headed by ``noun``: itself, or the name in "the
    town of Samarra" and "Helmand province"; None for any other common noun."""
    if noun.pos_ == "PROPN":
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
    table = places()
    words = [c for c in name.lefts if c.dep_ in NAME_DEPS]
    for start in range(len(words) + 1):
        key = norm_name(" ".join([*(w.text for w in words[start:]), name.text]))
        if key in table:
            return table[key]
    return None
