"""Place and armed-group names → CAMEO codes from PETRARCH2's actor dictionaries (issue 11).

The dictionary text is written for the tests in the TABARI format; the sentences are our own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import Doc
import spacy

from communique.errors import KnowledgeBaseError
from communique.gazetteer import build_gazetteer, group_code, parse_groups, parse_places, place_country

COUNTRIES_TEXT = """\
# iso3	qid	name	aliases	demonyms	capital	metonyms
UKR	Q212	Ukraine	Ukrajina	Ukrainian	Kyiv	
GEO	Q230	Georgia		Georgian	Tbilisi	
USA	Q30	United States	USA	American	Washington	
"""

PLACES_TEXT = """\
UKRAINE_
+UKRAINIAN_
+DONETSK_
+BLACK_SEA_
	[USRUKR <910824]
	[UKRUNR 910824-911221]
	[UKR >911221]
GEORGIA_  [GEO]
+BATUMI_
+BLACK_SEA_
UNITED_STATES_  [USA]
+NEW_YORK_CITY_
+GEORGIA_
PETRO_POROSHENKO_  [UKR]
+POROSHENKO_
"""


GROUPS_TEXT = """\
RIVER_BRIGADE_ [KENREB]
+RB_
+SOLDIERS_
HILL_FRONT_
+RIVER_BRIGADE_
	[UGAREB 19900101-20050101]
	[UGAREB]
ZERO_UNIT_ [---REB 19900101-20001231]
"""


@pytest.fixture
def places_file(tmp_path: Path) -> tuple[Path, Path, Path]:
    countries = tmp_path / "countries.tsv"
    countries.write_text(COUNTRIES_TEXT, encoding="utf-8")
    phoenix = tmp_path / "Phoenix.Countries.actors.txt"
    phoenix.write_text(PLACES_TEXT, encoding="utf-8")
    groups = tmp_path / "Phoenix.MilNonState.actors.txt"
    groups.write_text(GROUPS_TEXT, encoding="utf-8")
    return phoenix, countries, groups


def test_gazetteer_places_read_a_states_own_entry(places_file: tuple[Path, Path, Path], tmp_path: Path) -> None:
    phoenix, countries, groups = places_file
    data = build_gazetteer(phoenix, groups, tmp_path / "out.json", countries)
    table = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["places"]
    assert table == data["places"]
    # the current code of a state's dated entry; cities and regions of each state
    assert table["donetsk"] == "UKR" and table["batumi"] == "GEO" and table["new york city"] == "USA"
    # a name two states claim names neither; a person coded with a country is no place
    assert "black sea" not in table and "georgia" not in table
    assert "poroshenko" not in table and "petro poroshenko" not in table
    assert data["license"] == "MIT" and "Open Event Data Alliance" in data["attribution"]


def test_gazetteer_build_names_a_wrong_file(places_file: tuple[Path, Path, Path], tmp_path: Path) -> None:
    phoenix, countries, groups = places_file
    with pytest.raises(KnowledgeBaseError, match="missing.txt: cannot read"):
        build_gazetteer(tmp_path / "missing.txt", groups, tmp_path / "out.json", countries)
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="no country entries"):
        build_gazetteer(notes, groups, tmp_path / "out.json", countries)
    with pytest.raises(KnowledgeBaseError, match="no group entries"):
        build_gazetteer(phoenix, notes, tmp_path / "out.json", countries)


def test_gazetteer_groups_take_their_current_code(places_file: tuple[Path, Path, Path]) -> None:
    _phoenix, _countries, groups = places_file
    table = parse_groups(groups)
    # a name two groups claim names neither; a code no longer in force is no code
    assert table == {"rb": "KENREB", "hill front": "UGAREB"}


def test_gazetteer_group_code_of_the_packaged_list() -> None:
    assert group_code("the Taliban") == "AFGREB" and group_code("Hamas") == "PSEREBHMS"
    assert group_code("the Ministry of Finance") is None


@pytest.mark.parametrize(
    "words, heads, deps, pos, head, country",
    [
        # "in the occupied West Bank": the proper-noun phrase, without its adjective
        (["the", "occupied", "West", "Bank"], [3, 3, 3, 3], ["det", "amod", "compound", "ROOT"],
         ["DET", "VERB", "PROPN", "PROPN"], 3, "PSE"),
        (["eastern", "Beirut"], [1, 1], ["amod", "ROOT"], ["ADJ", "PROPN"], 1, "LBN"),
        (["Basra"], [0], ["ROOT"], ["PROPN"], 0, "IRQ"),
        # a place noun named by its "of" phrase or its compound
        (["the", "town", "of", "Samarra"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"], ["DET", "NOUN", "ADP", "PROPN"], 1, "IRQ"),
        (["Helmand", "province"], [1, 1], ["compound", "ROOT"], ["PROPN", "NOUN"], 1, "AFG"),
        # a people's plural where the dictionary lists the singular
        (["four", "Iraqis"], [1, 1], ["nummod", "ROOT"], ["NUM", "PROPN"], 1, "IRQ"),
        # a common noun is no place, nor an unknown name
        (["the", "capital"], [1, 1], ["det", "ROOT"], ["DET", "NOUN"], 1, None),
        (["Xanadoria"], [0], ["ROOT"], ["PROPN"], 0, None),
    ],
)
def test_gazetteer_country_of_a_noun_phrase(
    words: list[str], heads: list[int], deps: list[str], pos: list[str], head: int, country: str | None
) -> None:
    tags = ["NNPS" if w.endswith("s") and p == "PROPN" else "NN" for w, p in zip(words, pos)]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=[w.lower() for w in words])
    assert place_country(doc[head]) == country


def test_gazetteer_parse_skips_states_it_cannot_place(places_file: tuple[Path, Path, Path]) -> None:
    phoenix, _countries, _groups = places_file
    # without the country table no entry is known to be a state
    assert parse_places(phoenix, []) == {}
