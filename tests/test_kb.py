"""Tests for the knowledge base: its build, lookups, Wikidata refresh and CLI."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from communique.cli_kb import register
from communique.kb import DEFAULT_KB, KnowledgeBase, canonical_role
from communique.kbbuild import build_kb, parse_phoenix, surname, translit_variants, wikidata_rows

WIKIDATA_DIR = Path(__file__).parent / "data" / "wikidata"

POSITIONS = """id,position,country,jurisdiction,deputy,list,start,end,before,after,enwiki
Q5256775,President of Kazakhstan,Q232,Q232,,,1990-04-24,,,,President of Kazakhstan
Q2416315,Prime Minister of Kazakhstan,Q232,Q232,,,1991-10-14,,,,Prime Minister of Kazakhstan
"""
HOLDERS = """position,person,personID,start,end
President,Nursultan Nazarbayev,Q57394,1991-12-16,2019-03-20
President,Kassym-Jomart Tokayev,Q200881,2019-03-20,
Minister of Foreign Affairs,Kassym-Jomart Tokayev,Q200881,1994-10-13,1999-10-01
Deputy Minister of Foreign Affairs,Alma Fictiona,Q900010,2010-05,2012
Prime Minister,Bolat Fictionov,Q900011,2019-02-25,
"""
LEADERS = """countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year
Q232,Kazakhstan,Q2416315,Prime Minister of Kazakhstan,Q900012,Serik Fictionbek,2022,
Q159,Russia,Q218295,President of Russia,Q7747,Vladimir Putin,2012,
"""
PHOENIX = """# TABARI-formatted test file
KAZAKHSTAN_
+KAZAKSTAN_
\t[KAZ]
RUSSIAN_FEDERATION_  [RUS]
VLADIMIR_PUTIN_  # test
+VLADIMIR_VLADIMIROVICH_PUTIN_
+PRESIDENT_PUTIN_
\t[RUSGOV 991231-080507]
\t[RUSGOV >080508]
NURSULTAN_NAZARBAYEV_
+NURSULTAN_ABISHEVICH_NAZARBAYEV_
\t[KAZGOV >911216]
"""
PHOENIX_IGO = """NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
\t[IGOWSTNAT]# note
"""


@pytest.fixture()
def shared_dir(tmp_path: Path) -> Path:
    """A tiny shared folder in the formats of ../shared/data/actors."""
    office = tmp_path / "data" / "actors" / "everypolitician-scrapers"
    office.mkdir(parents=True)
    (office / "kazakhstan-cabinet.positions.csv").write_text(POSITIONS, encoding="utf-8")
    (office / "kazakhstan-cabinet.holders21.csv").write_text(HOLDERS, encoding="utf-8")
    (office / "world-leaders-2021.wikidata.csv").write_text(LEADERS, encoding="utf-8")
    phoenix = tmp_path / "data" / "actors" / "petrarch2"
    phoenix.mkdir(parents=True)
    (phoenix / "Phoenix.Countries.actors.txt").write_text(PHOENIX, encoding="utf-8")
    (phoenix / "Phoenix.International.actors.txt").write_text(PHOENIX_IGO, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def hand_file(tmp_path: Path) -> Path:
    path = tmp_path / "hand.json"
    path.write_text(json.dumps({
        "actors": [{"id": "Q7184", "name": "NATO", "kind": "organization", "aliases": ["the Alliance"], "source": "test"}],
        "tenures": [{"person": "Q57394", "role": "Chairman of the Security Council", "of": "Q232",
                     "start": "2019-03-20", "end": "2022-01-05", "precision": "day", "source": "test"}],
        "memberships": [{"member": "Q232", "of": "Q7184", "start": "2030", "end": None, "source": "test"}],
    }), encoding="utf-8")
    return path


@pytest.fixture()
def fixture_kb(shared_dir: Path, hand_file: Path, tmp_path: Path) -> KnowledgeBase:
    out = tmp_path / "kb.json.gz"
    build_kb(shared_dir, out, hand_path=hand_file)
    return KnowledgeBase.load(out)


@pytest.fixture(scope="module")
def real_kb() -> KnowledgeBase:
    return KnowledgeBase.load(DEFAULT_KB)


def test_kbbuild_fixture_writes_gzip_json_with_build_date(shared_dir: Path, hand_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "kb.json.gz"
    stats = build_kb(shared_dir, out, hand_path=hand_file)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    assert data["version"] == dt.date.today().isoformat() == stats.version
    assert stats.countries >= 190 and stats.persons == 6 and stats.bytes == out.stat().st_size


def test_kbbuild_fixture_roles_and_dates(fixture_kb: KnowledgeBase) -> None:
    kaz = "Q232"
    assert [a.name for a in fixture_kb.holders("President", kaz, dt.date(2015, 6, 1))] == ["Nursultan Nazarbayev"]
    assert [a.name for a in fixture_kb.holders("Foreign Minister", kaz, dt.date(1995, 1, 1))] == ["Kassym-Jomart Tokayev"]
    deputy = fixture_kb.offices("Q900010")[0]
    assert deputy.role == "Deputy Foreign Minister" and deputy.start == dt.date(2010, 5, 1) and deputy.end == dt.date(2012, 12, 31)
    # The open-ended 2019 premiership is closed when the 2022 holder starts.
    assert [a.name for a in fixture_kb.holders("Prime Minister", kaz, dt.date(2023, 6, 1))] == ["Serik Fictionbek"]


def test_kbbuild_fixture_phoenix_codes_and_aliases(fixture_kb: KnowledgeBase) -> None:
    putin = fixture_kb.get("Q7747")
    assert putin is not None and putin.cameo == "RUSGOV" and putin.country == "RUS"
    assert fixture_kb.lookup("Vladimir Vladimirovich Putin") == [putin]
    assert fixture_kb.lookup("President Putin") == []
    assert fixture_kb.get("Q159").cameo == "RUS"  # type: ignore[union-attr]
    assert fixture_kb.get("Q232").cameo == "KAZ"  # type: ignore[union-attr]
    assert fixture_kb.get("Q7184").cameo == "IGOWSTNAT"  # type: ignore[union-attr]
    assert fixture_kb.memberships == [{"member": "Q232", "of": "Q7184", "start": "2030", "end": None}]


def test_kbbuild_fixture_hand_tenure_kept(fixture_kb: KnowledgeBase) -> None:
    roles = {t.role for t in fixture_kb.offices("Q57394", dt.date(2020, 1, 1))}
    assert roles == {"Chairman of the Security Council"}


def test_kbbuild_missing_shared_dir_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="--shared"):
        build_kb(tmp_path / "nowhere", tmp_path / "kb.json.gz")


def test_phoenix_parse_entry_codes(tmp_path: Path) -> None:
    path = tmp_path / "x.actors.txt"
    path.write_text(PHOENIX, encoding="utf-8")
    entries = {e.name: e for e in parse_phoenix(path)}
    putin = entries["Vladimir Putin"]
    assert putin.aliases == ["Vladimir Vladimirovich Putin", "President Putin"]
    assert [(c[0], c[1], c[2]) for c in putin.codes] == [
        ("RUSGOV", dt.date(1999, 12, 31), dt.date(2008, 5, 7)), ("RUSGOV", dt.date(2008, 5, 8), None)]
    assert entries["Kazakhstan"].codes[0][0] == "KAZ"


@pytest.mark.parametrize(
    ("name", "iso3", "expected"),
    [
        ("Tokayev", "KAZ", {"Tokaev", "Toqaev", "Toqayev"}),
        ("Nazarbayev", "KAZ", {"Nazarbaev"}),
        ("Zelenskyy", "UKR", {"Zelensky", "Zelenskiy"}),
        ("Dmitry", "RUS", {"Dmitriy", "Dmitri"}),
        ("Mikhail", "RUS", {"Mihail"}),
        ("Yevgeny", "RUS", {"Evgeny"}),
    ],
)
def test_translit_variants(name: str, iso3: str, expected: set[str]) -> None:
    variants = translit_variants(name, iso3)
    assert variants[0] == name
    assert expected <= set(variants)


def test_translit_kazakh_q_only_for_kazakhstan() -> None:
    assert "Toqaev" not in translit_variants("Tokayev", "RUS")


@pytest.mark.parametrize(
    ("name", "iso3", "expected"),
    [("Vladimir Putin", "RUS", "Putin"), ("Ursula von der Leyen", "DEU", "von der Leyen"),
     ("Xi Jinping", "CHN", "Xi"), ("Martin Luther King Jr.", "USA", "King"), ("Madonna", None, None)],
)
def test_surname(name: str, iso3: str | None, expected: str | None) -> None:
    assert surname(name, iso3) == expected


@pytest.mark.parametrize(
    ("label", "iso3", "role"),
    [("Minister of Foreign Affairs", None, "Foreign Minister"),
     ("Secretary of State for Foreign, Commonwealth and Development Affairs", "GBR", "Foreign Minister"),
     ("Secretary of State", "USA", "Foreign Minister"),
     ("Deputy Minister of Foreign Affairs", None, "Deputy Foreign Minister"),
     ("Deputy Prime Minister", None, "Deputy Prime Minister"),
     ("Premier", "CHN", "Prime Minister"),
     ("Federal Chancellor", "DEU", "Chancellor"),
     ("Minister of Culture", None, "Minister of Culture")],
)
def test_canonical_role(label: str, iso3: str | None, role: str) -> None:
    assert canonical_role(label, iso3) == role


# -- the shipped KB ------------------------------------------------------------------------

@pytest.mark.parametrize(("on", "name"), [(dt.date(2015, 6, 1), "Nursultan Nazarbayev"), (dt.date(2023, 6, 1), "Kassym-Jomart Tokayev")])
def test_kb_real_president_of_kazakhstan_by_date(real_kb: KnowledgeBase, on: dt.date, name: str) -> None:
    assert [a.name for a in real_kb.holders("President", "Q232", on)] == [name]


@pytest.mark.parametrize(
    ("role", "of", "on", "name"),
    [("Prime Minister", "Q145", dt.date(2023, 1, 1), "Rishi Sunak"),
     ("Prime Minister", "Q145", dt.date(2025, 1, 1), "Keir Starmer"),
     ("President", "Q30", dt.date(2022, 1, 1), "Joe Biden"),
     ("Chancellor", "Q183", dt.date(2019, 1, 1), "Angela Merkel"),
     ("Secretary of State", "Q30", dt.date(2022, 1, 1), "Antony Blinken"),
     ("Foreign Secretary", "Q145", dt.date(2018, 1, 1), "Boris Johnson"),
     ("Secretary-General", "Q1065", dt.date(2020, 1, 1), "António Guterres"),
     ("President", "Q159", dt.date(2010, 1, 1), "Dmitry Medvedev")],
)
def test_kb_real_holders(real_kb: KnowledgeBase, role: str, of: str, on: dt.date, name: str) -> None:
    assert [a.name for a in real_kb.holders(role, of, on)] == [name]


def test_kb_real_nazarbayev_security_council(real_kb: KnowledgeBase) -> None:
    roles = {t.role for t in real_kb.offices("Q57394", dt.date(2020, 6, 1))}
    assert "Chairman of the Security Council" in roles and "President" not in roles


@pytest.mark.parametrize(("name", "actor_id"), [("Tokaev", "Q200881"), ("Toqaev", "Q200881"), ("Tokayev", "Q200881"),
                                                ("Nazarbaev", "Q57394"), ("Zelensky", "Q3874799"), ("Putin", "Q7747")])
def test_kb_real_name_variants(real_kb: KnowledgeBase, name: str, actor_id: str) -> None:
    assert [a.id for a in real_kb.lookup(name, kind="person")] == [actor_id]


def test_kb_real_surname_skips_common_words(real_kb: KnowledgeBase) -> None:
    assert real_kb.lookup("May") == [] and real_kb.lookup("Theresa May")[0].id == "Q264766"


@pytest.mark.parametrize(("phrase", "iso3"), [("the Kremlin", "RUS"), ("Downing Street", "GBR"), ("Akorda", "KAZ"),
                                              ("the White House", "USA"), ("Zhongnanhai", "CHN"), ("Nairobi", "KEN")])
def test_kb_real_metonyms(real_kb: KnowledgeBase, phrase: str, iso3: str) -> None:
    country = real_kb.country_by_metonym(phrase)
    assert country is not None and country.country == iso3


@pytest.mark.parametrize(("word", "iso3"), [("Kazakh", "KAZ"), ("Kazakhstani", "KAZ"), ("British", "GBR"), ("American", "USA")])
def test_kb_real_demonyms(real_kb: KnowledgeBase, word: str, iso3: str) -> None:
    country = real_kb.country_by_demonym(word)
    assert country is not None and country.country == iso3


@pytest.mark.parametrize(("name", "full"), [("NATO", "NATO"), ("the EAEU", "Eurasian Economic Union"),
                                            ("UN", "United Nations"), ("the CSTO", "Collective Security Treaty Organization")])
def test_kb_real_organizations(real_kb: KnowledgeBase, name: str, full: str) -> None:
    assert [a.name for a in real_kb.lookup(name, kind="organization")] == [full]


def test_kb_real_countries_complete(real_kb: KnowledgeBase) -> None:
    countries = [a for a in real_kb.actors.values() if a.kind == "country"]
    assert len(countries) >= 195
    assert all(c.capital and c.capital in c.metonyms for c in countries)
    assert real_kb.get("Q159").cameo == "RUS"  # type: ignore[union-attr]


def test_kb_real_nato_members(real_kb: KnowledgeBase) -> None:
    members = {m["member"] for m in real_kb.memberships if m["of"] == "Q7184"}
    assert {"Q30", "Q145", "Q33"} <= members and "Q159" not in members


# -- Wikidata refresh on saved responses ---------------------------------------------------

def _saved_fetch(queries: list[str]) -> Any:
    def fetch(query: str) -> dict[str, Any]:
        queries.append(query)
        name = "labels" if "skos:altLabel" in query else "memberships" if "P463" in query else "offices"
        return dict(json.loads((WIKIDATA_DIR / f"{name}.json").read_text(encoding="utf-8")))
    return fetch


def test_wikidata_refresh_rows() -> None:
    queries: list[str] = []
    rows = wikidata_rows(fetch=_saved_fetch(queries))
    assert len(queries) == 3 and "wd:Q200881" in queries[1] and "wd:Q7184" in queries[2]
    tenures = {(t["person"], t["role"]): t for t in rows["tenures"]}
    assert tenures[("Q200881", "President")]["start"] == "2019-03-20"
    assert tenures[("Q900001", "Prime Minister")] | {} == {
        "person": "Q900001", "role": "Prime Minister", "of": "Q232", "start": "2024-02", "end": None,
        "precision": "month", "source": "wikidata Q2416315", "title": "Prime Minister of Kazakhstan"}
    assert tenures[("Q900002", "Foreign Minister")]["end"] == "2024-09-02"
    assert "Q900003" not in {a["id"] for a in rows["actors"]}
    tokayev = next(a for a in rows["actors"] if a["id"] == "Q200881")
    assert "Касым-Жомарт Токаев" in tokayev["aliases"]
    assert {"member": "Q145", "of": "Q458", "start": "1973", "end": "2020-01-31", "source": "wikidata P463"} in rows["memberships"]


def test_wikidata_refresh_merges_into_build(shared_dir: Path, hand_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "kb.json.gz"
    build_kb(shared_dir, out, extra=wikidata_rows(fetch=_saved_fetch([])), hand_path=hand_file)
    base = KnowledgeBase.load(out)
    assert [a.name for a in base.holders("Prime Minister", "Q232", dt.date(2025, 1, 1))] == ["Aigerim Testova"]
    assert base.lookup("Касым-Жомарт Токаев")[0].id == "Q200881"
    assert base.lookup("Testova")[0].id == "Q900001"


# -- CLI -----------------------------------------------------------------------------------

@pytest.fixture()
def cli() -> click.Group:
    @click.group()
    def group() -> None:
        """Test root group."""

    register(group)
    return group


def test_cli_kb_build(cli: click.Group, shared_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, cache = tmp_path / "out.json.gz", tmp_path / "cache"
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(cache))
    result = CliRunner().invoke(cli, ["kb", "build", "--shared", str(shared_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "actors" in result.output and "built in" in result.output and out.exists()
    # the forms a start reads are there: the first analysis with this KB parses no JSON, tokenizes no name
    assert len(list(cache.glob("kb-*.pickle"))) == 1 and len(list(cache.glob("names-*.npy"))) == 1
    assert "start-up forms built" in result.output
    skipped = CliRunner().invoke(cli, ["kb", "build", "--shared", str(shared_dir), "--out", str(tmp_path / "again.json.gz"),
                                       "--no-prepare"])
    assert skipped.exit_code == 0 and "start-up forms" not in skipped.output
    assert len(list(cache.glob("names-*.npy"))) == 1


def test_cli_actors_search_and_show(cli: click.Group) -> None:
    runner = CliRunner()
    found = runner.invoke(cli, ["actors", "search", "Toqaev"])
    assert found.exit_code == 0 and "Q200881" in found.output
    shown = runner.invoke(cli, ["actors", "show", "Q57394", "--on", "2020-06-01"])
    assert shown.exit_code == 0 and "2022-01-05" in shown.output and "Chairman" in shown.output
    missing = runner.invoke(cli, ["actors", "show", "Q0"])
    assert missing.exit_code != 0 and "actors search" in missing.output


def test_kb_per_kb_builds_once_per_knowledge_base_and_forgets_it() -> None:
    import gc

    from communique.kb import _MEMOS, per_kb

    built: list[str] = []

    @per_kb
    def versions(kb: KnowledgeBase) -> list[str]:
        built.append(kb.version)
        return [kb.version]

    first = KnowledgeBase.from_dict({"version": "one", "actors": []})
    second = KnowledgeBase.from_dict({"version": "two", "actors": []})
    assert versions(first) is versions(first) and versions(second) == ["two"]
    assert built == ["one", "two"]
    held = id(first)
    del first
    gc.collect()
    assert held not in _MEMOS and id(second) in _MEMOS  # a KB's indexes go with it


def test_embedding_communique_leaves_the_host_programs_collector_alone() -> None:
    # gc.freeze is process-wide: only communique's own processes (CLI, pool workers) turn it on
    script = ("import gc, sys\nfrom communique import kb\nif sys.argv[1] == 'own':\n    kb.freeze_on_load()\n"
              "held = [[i] for i in range(1000)]\nkb.load_kb()\nprint(gc.get_freeze_count())\n")
    counts = {}
    for mode in ("embedded", "own"):
        done = subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        counts[mode] = int(done.stdout.strip())
    assert counts["embedded"] == 0
    assert counts["own"] > 100_000  # the knowledge base's objects and everything before them
