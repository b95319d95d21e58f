"""The knowledge base of the present (issue 10 part 2; issue 14 defects 3 and 4): who held the top
offices when, institutions that speak for a state, gender, search and the ``actors show`` formats."""

from __future__ import annotations

import datetime as dt
import json

import click
import pytest
from click.testing import CliRunner

from communique.kbinstitutions import NEWS_STATES
from communique.kb import DEFAULT_KB, KnowledgeBase, norm_name
from communique.leaders import HEAD_OF_GOVERNMENT, HEAD_OF_STATE, office_titles, parse_executive, person_name

from .test_kb import cli  # noqa: F401  (the CLI group fixture)

COUNTRIES = {"USA": "Q30", "GBR": "Q145", "FRA": "Q142", "DEU": "Q183", "RUS": "Q159", "CHN": "Q148",
             "IND": "Q668", "JPN": "Q17", "KAZ": "Q232", "TUR": "Q43"}
ROLES = {"USA": ("President", "President", "Secretary of State"), "GBR": ("King", "Prime Minister", "Foreign Minister"),
         "DEU": ("President", "Chancellor", "Foreign Minister"), "JPN": ("Emperor", "Prime Minister", "Foreign Minister")}
DATES = ("2015-06-01", "2016-09-01", "2017-06-01", "2018-06-01", "2019-09-01", "2020-09-01", "2021-06-01",
         "2022-06-01", "2023-06-01", "2024-11-14", "2025-06-01", "2026-01-15")
# Surnames of (head of state, head of government, foreign minister) on each date in DATES, from the
# public record; "-" = nobody holds that office then (Turkey has had no prime minister since 2018),
# "?" = not asserted.
EXPECTED = {
    "USA": ("Obama Obama Kerry", "Obama Obama Kerry", "Trump Trump Tillerson", "Trump Trump Pompeo", "Trump Trump Pompeo",
            "Trump Trump Pompeo", "Biden Biden Blinken", "Biden Biden Blinken", "Biden Biden Blinken",
            "Biden Biden Blinken", "Trump Trump Rubio", "Trump Trump Rubio"),
    "GBR": ("Elizabeth Cameron Hammond", "Elizabeth May Johnson", "Elizabeth May Johnson", "Elizabeth May Johnson",
            "Elizabeth Johnson Raab", "Elizabeth Johnson Raab", "Elizabeth Johnson Raab", "Elizabeth Johnson Truss",
            "Charles Sunak Cleverly", "Charles Starmer Lammy", "Charles Starmer Lammy", "Charles Starmer Cooper"),
    "FRA": ("Hollande Valls Fabius", "Hollande Valls Ayrault", "Macron Philippe Drian", "Macron Philippe Drian",
            "Macron Philippe Drian", "Macron Castex Drian", "Macron Castex Drian", "Macron Borne Colonna",
            "Macron Borne Colonna", "Macron Barnier Barrot", "Macron Bayrou Barrot", "Macron Lecornu Barrot"),
    "DEU": ("Gauck Merkel Steinmeier", "Gauck Merkel Steinmeier", "Steinmeier Merkel Gabriel", "Steinmeier Merkel Maas",
            "Steinmeier Merkel Maas", "Steinmeier Merkel Maas", "Steinmeier Merkel Maas", "Steinmeier Scholz Baerbock",
            "Steinmeier Scholz Baerbock", "Steinmeier Scholz Baerbock", "Steinmeier Merz Wadephul",
            "Steinmeier Merz Wadephul"),
    "RUS": tuple(["Putin Medvedev Lavrov"] * 5 + ["Putin Mishustin Lavrov"] * 7),
    "CHN": tuple(["Xi Keqiang Yi"] * 8 + ["Xi Qiang Gang", "Xi Qiang Yi", "Xi Qiang Yi", "Xi Qiang Yi"]),
    "IND": ("Mukherjee Modi Swaraj", "Mukherjee Modi Swaraj", "Mukherjee Modi Swaraj", "Kovind Modi Swaraj",
            "Kovind Modi Jaishankar", "Kovind Modi Jaishankar", "Kovind Modi Jaishankar", "Kovind Modi Jaishankar",
            "Murmu Modi Jaishankar", "Murmu Modi Jaishankar", "Murmu Modi Jaishankar", "Murmu Modi Jaishankar"),
    "JPN": ("Akihito Abe Kishida", "Akihito Abe Kishida", "Akihito Abe Kishida", "Akihito Abe Kono",
            "Naruhito Abe Kono", "Naruhito Abe Motegi", "Naruhito Suga Motegi", "Naruhito Kishida Hayashi",
            "Naruhito Kishida Hayashi", "Naruhito Ishiba Iwaya", "Naruhito Ishiba Iwaya", "Naruhito Takaichi Motegi"),
    "KAZ": ("Nazarbayev Massimov Idrissov", "Nazarbayev Massimov Idrissov", "Nazarbayev Sagintayev Abdrakhmanov",
            "Nazarbayev Sagintayev Abdrakhmanov", "Tokayev Mamin Atamkulov", "Tokayev Mamin Tleuberdi",
            "Tokayev Mamin Tleuberdi", "Tokayev Smaiylov Tleuberdi", "Tokayev Smaiylov Tleuberdi",
            "Tokayev Bektenov Nurtleu", "Tokayev Bektenov ?", "Tokayev Bektenov ?"),
    "TUR": ("Erdogan Davutoglu Cavusoglu", "Erdogan Yıldırım Cavusoglu", "Erdogan Yıldırım Cavusoglu",
            "Erdogan Yıldırım Cavusoglu", "Erdogan - Cavusoglu", "Erdogan - Cavusoglu", "Erdogan - Cavusoglu",
            "Erdogan - Cavusoglu", "Erdogan - Cavusoglu", "Erdogan - Fidan", "Erdogan - Fidan", "Erdogan - Fidan"),
}
CASES = [(iso3, day, i, expected.split()[i]) for iso3, rows in EXPECTED.items() for day, expected in zip(DATES, rows)
         for i in range(3)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(DEFAULT_KB)


@pytest.mark.parametrize(("iso3", "day", "slot", "surname"), CASES)
def test_kb_present_top_offices_by_date(kb: KnowledgeBase, iso3: str, day: str, slot: int, surname: str) -> None:
    role = ROLES.get(iso3, ("President", "Prime Minister", "Foreign Minister"))[slot]
    holders = kb.holders(role, COUNTRIES[iso3], dt.date.fromisoformat(day))
    if surname == "?":
        return
    if surname == "-":
        assert holders == [], [a.name for a in holders]
        return
    assert holders, f"nobody holds {role} of {iso3} on {day}"
    assert norm_name(surname) in norm_name(holders[0].name).split(), [a.name for a in holders]


def test_kb_present_starmer_in_november_2024(kb: KnowledgeBase) -> None:
    (person,) = kb.lookup("Keir Starmer", kind="person")
    offices = kb.offices(person.id, dt.date(2024, 11, 14))
    assert any(t.role == "Prime Minister" and t.of == "Q145" for t in offices)


def test_kb_present_tenures_end_when_the_successor_starts(kb: KnowledgeBase) -> None:
    (sunak,) = kb.lookup("Rishi Sunak", kind="person")
    (term,) = [t for t in kb.offices(sunak.id) if t.role == "Prime Minister"]
    assert term.end == dt.date(2024, 7, 5)


@pytest.mark.parametrize(("phrase", "iso3", "kind"), [
    ("the Kremlin", "RUS", "executive"), ("Russian Foreign Ministry", "RUS", "foreign_ministry"),
    ("Russia's Foreign Ministry", "RUS", "foreign_ministry"), ("Russian MFA", "RUS", "foreign_ministry"),
    ("Ministry of Foreign Affairs of Russia", "RUS", "foreign_ministry"), ("Akorda press service", "KAZ", "press_service"),
    ("Press Service of the President of Kazakhstan", "KAZ", "press_service"),
    ("Kazakh presidential press service", "KAZ", "press_service"), ("Elysee", "FRA", "executive"),
    ("Élysée Palace", "FRA", "executive"), ("10 Downing Street", "GBR", "executive"), ("Erdogan's office", "TUR", "executive"),
    ("State Department", "USA", "foreign_ministry"), ("Quai d'Orsay", "FRA", "foreign_ministry"),
    ("Ministry of External Affairs", "IND", "foreign_ministry"), ("FCDO", "GBR", "foreign_ministry"),
    ("Office of the Prime Minister of Armenia", "ARM", "executive"), ("Pentagon", "USA", "ministry:defence"),
])
def test_kb_present_institution_aliases(kb: KnowledgeBase, phrase: str, iso3: str, kind: str) -> None:
    found = [a for a in kb.lookup(phrase) if a.institution]
    assert [(a.country, a.institution) for a in found] == [(iso3, kind)]
    assert found[0].kind == "organization" and found[0].cameo and found[0].cameo.endswith("GOV")
    assert found[0] in kb.institutions(iso3, kind)


def test_kb_present_institution_is_a_place_only_as_its_country(kb: KnowledgeBase) -> None:
    place, metonym = kb.place("the Kremlin"), kb.country_by_metonym("the Kremlin")
    assert place is not None and place.kind == "country" and place.country == "RUS"
    assert metonym is not None and metonym.country == "RUS"
    akorda = kb.place("Akorda")
    assert akorda is not None and akorda.kind == "country" and akorda.country == "KAZ"


def test_kb_present_institutions_of_sixty_states(kb: KnowledgeBase) -> None:
    with_ministry = [iso3 for iso3 in NEWS_STATES if kb.institutions(iso3, "foreign_ministry")]
    assert len(with_ministry) >= 60
    assert {a.institution for a in kb.institutions("RUS")} >= {"executive", "press_service", "foreign_ministry"}
    assert kb.institutions("RUS", "ministry") and kb.institutions("XXX") == []


@pytest.mark.parametrize(("name", "gender"), [("Angela Merkel", "female"), ("Maria Zakharova", "female"),
                                              ("Vladimir Putin", "male"), ("Penny Wong", "female")])
def test_kb_present_gender(kb: KnowledgeBase, name: str, gender: str) -> None:
    assert kb.lookup(name, kind="person")[0].gender == gender


@pytest.mark.parametrize(("query", "name"), [("Trump", "Donald Trump"), ("Tokaev", "Kassym-Jomart Tokayev"),
                                             ("Tokaiev", "Kassym-Jomart Tokayev"), ("Starmr", "Keir Starmer"),
                                             ("Sergei Lavrov", "Sergey Lavrov"), ("Jinping", "Xi Jinping")])
def test_kb_present_search(kb: KnowledgeBase, query: str, name: str) -> None:
    assert kb.search(query, 5)[0][0].name == name


def test_leaders_factbook_text_parsed() -> None:
    # Written for this test in the Factbook's style.
    text = "King HAROLD V (since 17 January 1991); Crown Prince HAAKON (since 1 Jan 2000) note: invented"
    holders = parse_executive(text, "NOR", HEAD_OF_STATE)
    assert [(h.title, h.name, h.since, h.kind) for h in holders] == [
        ("King", "Harold V", "1991-01-17", HEAD_OF_STATE), ("Crown Prince", "Haakon", "2000-01-01", "other")]
    government = parse_executive("Prime Minister Jonas Gahr STORE (since 14 October 2021)", "NOR", HEAD_OF_GOVERNMENT)
    assert office_titles(holders + government) == {("NOR", HEAD_OF_STATE): "Monarch", ("NOR", HEAD_OF_GOVERNMENT): "Prime Minister"}
    assert person_name("S&eacute;bastien LECORNU") == "Sébastien Lecornu" and person_name("XI Jinping") == "Xi Jinping"


def test_cli_actors_search_finds_surname(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["actors", "search", "Trump"])
    assert result.exit_code == 0 and "Q22686" in result.output


def test_cli_actors_show_formats(cli: click.Group) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["actors", "show", "Q57394", "--format", "json"])
    data = json.loads(shown.output)
    assert any(o["role"] == "Chairman of the Security Council" and o["end"] == "2022-01-05" for o in data["offices"])
    rows = runner.invoke(cli, ["actors", "show", "Q57394", "--format", "csv"]).output.splitlines()
    assert rows[0] == "id,name,role,of,start,end,title,source" and any("Chairman of the Security Council" in r for r in rows)


def test_cli_actors_show_table_keeps_titles_whole_in_80_columns(cli: click.Group) -> None:
    result = CliRunner().invoke(cli, ["actors", "show", "Q57394"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert any("Chairman of the Security Council" in line for line in result.output.splitlines())
    assert all(len(line) <= 80 for line in result.output.splitlines())
