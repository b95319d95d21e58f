"""Every export format, read back by its own reader (issue 6)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from communique.export import EVENT_COLUMNS, ExportError, export, quad_class
from communique.records import Actor, Analysis, Article, Event
from communique.store import SCHEMA_VERSION, Store, open_store
from tests.store_support import (  # noqa: F401
    NAZARBAYEV, PUTIN, TOKAYEV, analysis_for, corpus, ev, make_article, store, store_url,
)


@pytest.fixture
def filled(store: Store) -> Store:
    for article, analysis in corpus():
        store.save(article, analysis)
    return store


def test_export_events_csv_columns_line_up(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(filled, "events", "csv", out) == 1
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == EVENT_COLUMNS
        rows = list(reader)
    assert rows[0]["cameo"] == "043"
    assert rows[0]["quad_class"] == "1"
    assert rows[0]["n_sources"] == "3"
    assert {rows[0]["source_id"], rows[0]["target_id"]} == {PUTIN.id, NAZARBAYEV.id}
    assert rows[0]["outlet"] == "TASS"  # the earliest report


@pytest.mark.parametrize("kind", ["events", "quotes", "offices", "network"])
def test_export_parquet_reads_back(filled: Store, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.parquet"
    n = export(filled, kind, "parquet", out)  # type: ignore[arg-type]
    table = pq.read_table(out)
    assert table.num_rows == n > 0
    if kind == "events":
        assert str(table.schema.field("cameo").type) == "string"
        assert table.column("cameo").to_pylist() == ["043"]


@pytest.mark.parametrize("kind", ["events", "quotes", "offices"])
def test_export_jsonl_reads_back(filled: Store, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.jsonl"
    n = export(filled, kind, "jsonl", out)  # type: ignore[arg-type]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == n > 0
    if kind == "events":
        assert records[0]["event_type"] == "CONSULT"
        assert len(records[0]["sources"]) == 3
    if kind == "offices":
        assert records[0]["person_id"] == TOKAYEV.id


def test_export_gexf_is_dynamic(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "network.gexf"
    export(filled, "network", "gexf", out)
    assert 'mode="dynamic"' in out.read_text(encoding="utf-8")
    graph = nx.read_gexf(out)
    assert graph.number_of_edges() == 1
    data = next(iter(graph.edges(data=True)))[2]
    assert data["weight"] == 1
    assert data["spells"] == [("2025-01-04", "2025-01-04")]


def test_export_graphml_reads_back(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "network.graphml"
    export(filled, "network", "graphml", out)
    graph = nx.read_graphml(out)
    assert set(graph.nodes) == {PUTIN.id, NAZARBAYEV.id}
    assert graph.nodes[PUTIN.id]["label"] == PUTIN.name


def test_export_graph_format_needs_network(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="holds graphs"):
        export(filled, "events", "gexf", tmp_path / "x.gexf")


@pytest.mark.parametrize(("cameo", "plover", "quad"), [("043", "CONSULT", 1), ("112", "ACCUSE", 3), (None, "AID", 2)])
def test_export_quad_class(cameo: str | None, plover: str, quad: int) -> None:
    assert quad_class(cameo, plover) == quad


RUSSIA = Actor(id="Q159", name="Russia", kind="country", country="RUS", codes={"cameo": "RUS"})
UKRAINE = Actor(id="Q212", name="Ukraine", kind="country", country="UKR", codes={"cameo": "UKR"})
SHELLING = "Russian troops shelled the Ukrainian town of Izium on Monday."


def _shelling(codes: dict[str, str]) -> tuple[Article, Analysis]:
    article = make_article(SHELLING, outlet="Wire", published=dt.date(2025, 3, 3), url="https://wire.example/s")
    event = Event(plover="ASSAULT", cameo="194", source=[RUSSIA.id], target=[UKRAINE.id],
                  participants=[RUSSIA.id, UKRAINE.id], evidence=ev(SHELLING, SHELLING), confidence=0.7,
                  quad_class=4, actor_codes=codes)
    return article, analysis_for(article, actors=[RUSSIA, UKRAINE], events=[event])


def _event_rows(store: Store, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "events.csv"
    export(store, "events", "csv", out)
    with out.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_events_carry_actor_codes_with_agents(store: Store, tmp_path: Path) -> None:
    store.save(*_shelling({RUSSIA.id: "RUSMIL", UKRAINE.id: "UKR"}))
    (row,) = _event_rows(store, tmp_path)
    assert (row["source_actor_code"], row["target_actor_code"], row["quad_class"]) == ("RUSMIL", "UKR", "4")
    assert row["goldstein"] == "-10.0"  # CAMEO 194, fight with artillery and tanks
    export(store, "events", "jsonl", tmp_path / "events.jsonl")
    record = json.loads((tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["source_actor_code"] == ["RUSMIL"] and record["target_actor_code"] == ["UKR"]
    assert record["goldstein"] == -10.0


def test_export_actor_codes_fall_back_to_the_actors_code(store: Store, tmp_path: Path) -> None:
    store.save(*_shelling({}))
    (row,) = _event_rows(store, tmp_path)
    assert (row["source_actor_code"], row["target_actor_code"]) == ("RUS", "UKR")


def test_export_store_of_schema_1_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    open_store(f"sqlite:///{path}").close()
    with closing(sqlite3.connect(path)) as db, db:
        # what a store written before issue 11 looks like: no actor_codes column, schema version 1
        db.execute("ALTER TABLE event_sources DROP COLUMN actor_codes")
        db.execute("DELETE FROM schema_version")
        db.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 'earlier')")
    upgraded = open_store(f"sqlite:///{path}")
    try:
        assert upgraded.schema_version() == SCHEMA_VERSION
        upgraded.save(*_shelling({RUSSIA.id: "RUSMIL"}))
        (row,) = _event_rows(upgraded, tmp_path)
    finally:
        upgraded.close()
    assert row["source_actor_code"] == "RUSMIL"


@pytest.mark.parametrize(("cameo", "quad"), [("057", 1), ("0874", 2), ("090", 3), ("145", 4)])
def test_export_quad_class_follows_gdelt_roots(cameo: str, quad: int) -> None:
    assert quad_class(cameo, None) == quad
