"""Every export format, read back by its own reader (issue 6)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from communique.export import EVENT_COLUMNS, ExportError, export, quad_class
from communique.store import Store
from tests.store_support import NAZARBAYEV, PUTIN, TOKAYEV, corpus, store, store_url  # noqa: F401


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
