"""Tables and graphs out of a store: events, quotes, offices and the meeting network.

The events table lines up with GDELT / ICEWS / POLECAT columns (one row per source-target
dyad); JSONL events are PLOVER-style records; networks go to GEXF (dynamic, for Gephi's
timeline) and GraphML. Parquet needs pyarrow and graphs need networkx
(``pip install 'communique[export]'``).

Example::

    from communique.export import export
    export(store, "events", "csv", "events.csv")
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, Literal

from . import queries
from .cameo import goldstein
from .cameo import quad_class as cameo_quad_class
from .errors import CommuniqueError
from .store import Store

Kind = Literal["events", "quotes", "offices", "network"]
Format = Literal["csv", "parquet", "jsonl", "gexf", "graphml"]
KINDS: tuple[str, ...] = ("events", "quotes", "offices", "network")
FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl", "gexf", "graphml")
Row = dict[str, Any]

EVENT_COLUMNS = (
    "event_id", "date", "source_id", "source_name", "source_country", "source_actor_code", "target_id", "target_name",
    "target_country", "target_actor_code", "plover", "mode", "cameo", "quad_class", "goldstein", "kind", "formality",
    "initiator", "status", "recurring", "place", "url",
    "outlet", "n_sources", "evidence_text", "article_id",
)
QUOTE_COLUMNS = (
    "quote_id", "date", "speaker_id", "speaker_name", "speaker_country", "text", "direct", "cue", "about_ids",
    "about_names", "n_sources", "url", "outlet", "evidence_text", "article_id",
)
OFFICE_COLUMNS = (
    "person_id", "person_name", "person_country", "role", "of", "first_reported", "last_reported", "n_sources",
    "url", "evidence_text", "article_id",
)
NETWORK_COLUMNS = ("source", "source_name", "target", "target_name", "weight", "first_date", "last_date")
_INT_COLUMNS = frozenset({"quad_class", "n_sources", "weight"})
_BOOL_COLUMNS = frozenset({"recurring", "direct"})
_FLOAT_COLUMNS = frozenset({"goldstein"})

# PLOVER types by CAMEO quad class (the roots they map from), for events whose CAMEO code is missing.
_PLOVER_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "REQUEST"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "CONCEDE", "RETREAT"), 2),
    **dict.fromkeys(("ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


class ExportError(CommuniqueError):
    """An export cannot be written in the format asked for."""

    code = "C070"


def quad_class(cameo: str | None, plover: str | None) -> int | None:
    """The quad class (1 verbal cooperation … 4 material conflict) from the CAMEO root code.

    GDELT's and Phoenix's convention (:func:`communique.cameo.quad_class`): roots 01–05, 06–08,
    09–13 and 14–20.
    """
    if cameo and cameo[:2].isdigit() and 1 <= int(cameo[:2]) <= 20:
        return cameo_quad_class(cameo)
    return _PLOVER_QUAD.get(plover or "")


def _first_sources(store: Store, table: str, key: str, extra: str = "") -> dict[str, Row]:
    """The earliest report of each record: its article's URL and outlet, and the evidence."""
    rows = store.fetchall(
        f"SELECT {key}, url, outlet, evidence_text, article_id{extra} FROM ("
        f"SELECT s.{key}, ar.url, ar.outlet, s.evidence_text, s.article_id{extra}, "
        f"ROW_NUMBER() OVER (PARTITION BY s.{key} ORDER BY ar.published, s.id) AS rn "
        f"FROM {table} s JOIN articles ar ON ar.id = s.article_id) x WHERE rn = 1"
    )
    return {r[key]: r for r in rows}


def _actors(store: Store) -> dict[str, Row]:
    return {r["id"]: r for r in store.fetchall("SELECT id, name, country, cameo FROM actors")}


def events_table(store: Store, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Row]:
    """One row per event and source-target dyad; reciprocal meetings give one row per participant pair."""
    sql = "SELECT * FROM events WHERE 1 = 1"
    params: list[Any] = []
    if since:
        sql += " AND approx_date >= ?"
        params.append(since.isoformat())
    if until:
        sql += " AND approx_date <= ?"
        params.append(until.isoformat())
    events = [queries.clean(e) for e in store.fetchall(sql + " ORDER BY approx_date, id", params)]
    sides: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in store.fetchall("SELECT event_id, actor_id, side FROM event_participants ORDER BY event_id, actor_id"):
        sides[r["event_id"]][r["side"]].append(r["actor_id"])
    first = _first_sources(store, "event_sources", "event_id", ", actor_codes")
    actors = _actors(store)
    out: list[Row] = []
    for e in events:
        who = sides.get(e["id"], {})
        sources: list[str | None] = list(who.get("source", []))
        targets: list[str | None] = list(who.get("target", []))
        dyads: list[tuple[str | None, str | None]]
        if sources or targets:
            dyads = [(s, t) for s in sources or [None] for t in targets or [None]]
        else:
            people = who.get("participant", [])
            dyads = [(a, b) for i, a in enumerate(people) for b in people[i + 1:]] or [(p, None) for p in people]
        lead = first.get(e["id"], {})
        codes: dict[str, str] = json.loads(lead.get("actor_codes") or "{}")
        for source, target in dyads or [(None, None)]:
            s_actor, t_actor = actors.get(source or "", {}), actors.get(target or "", {})
            out.append({
                "event_id": e["id"], "date": e["approx_date"],
                "source_id": source, "source_name": s_actor.get("name"), "source_country": s_actor.get("country"),
                "source_actor_code": codes.get(source or "") or s_actor.get("cameo"),
                "target_id": target, "target_name": t_actor.get("name"), "target_country": t_actor.get("country"),
                "target_actor_code": codes.get(target or "") or t_actor.get("cameo"),
                "plover": e["plover"], "mode": e["mode"], "cameo": e["cameo"],
                "quad_class": quad_class(e["cameo"], e["plover"]),
                "goldstein": goldstein(e["cameo"]) if e["cameo"] else None,
                "kind": e["kind"], "formality": e["formality"],
                "initiator": e["initiator_id"], "status": e["status"], "recurring": e["recurring"],
                "place": e["place"], "url": lead.get("url"), "outlet": lead.get("outlet"),
                "n_sources": e["n_sources"], "evidence_text": lead.get("evidence_text"),
                "article_id": lead.get("article_id"),
            })
    return out


def plover_records(store: Store, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Row]:
    """Events as PLOVER-style JSON records, with every source and its evidence."""
    rows = events_table(store, since=since, until=until)
    by_event: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_event[row["event_id"]].append(row)
    reports: dict[str, list[Row]] = defaultdict(list)
    for r in store.fetchall(
        "SELECT es.event_id, es.article_id, ar.url, ar.outlet, ar.published, es.date_text, es.evidence_start, "
        "es.evidence_end, es.evidence_text, es.confidence FROM event_sources es JOIN articles ar "
        "ON ar.id = es.article_id ORDER BY ar.published, es.id"
    ):
        reports[r["event_id"]].append({k: v for k, v in queries.clean(r).items() if k != "event_id"})
    people: dict[str, list[str]] = defaultdict(list)
    for r in store.fetchall("SELECT event_id, actor_id FROM event_participants WHERE side = 'participant' "
                            "ORDER BY actor_id"):
        people[r["event_id"]].append(r["actor_id"])
    out = []
    for event_id, dyads in by_event.items():
        head = dyads[0]
        out.append({
            "id": event_id, "date": head["date"], "event_type": head["plover"], "mode": head["mode"],
            "cameo": head["cameo"], "quad_class": head["quad_class"], "goldstein": head["goldstein"],
            "source_actor": sorted({d["source_id"] for d in dyads if d["source_id"]}),
            "target_actor": sorted({d["target_id"] for d in dyads if d["target_id"]}),
            "source_actor_code": sorted({d["source_actor_code"] for d in dyads if d["source_actor_code"]}),
            "target_actor_code": sorted({d["target_actor_code"] for d in dyads if d["target_actor_code"]}),
            "participants": people.get(event_id, []),
            "kind": head["kind"], "formality": head["formality"], "initiator": head["initiator"],
            "status": head["status"], "recurring": head["recurring"],
            "location": {"name": head["place"]} if head["place"] else None,
            "n_sources": head["n_sources"], "sources": reports.get(event_id, []),
        })
    return out


def quotes_table(store: Store) -> list[Row]:
    """One row per distinct quote, with its earliest report's URL and sentence."""
    quotes = [queries.clean(q) for q in store.fetchall("SELECT * FROM quotes ORDER BY first_reported, id")]
    about: dict[str, list[str]] = defaultdict(list)
    for r in store.fetchall("SELECT DISTINCT quote_id, actor_id FROM quote_about ORDER BY quote_id, actor_id"):
        about[r["quote_id"]].append(r["actor_id"])
    first = _first_sources(store, "quote_sources", "quote_id")
    actors = _actors(store)
    out = []
    for q in quotes:
        speaker = actors.get(q["speaker_id"] or "", {})
        lead = first.get(q["id"], {})
        ids = about.get(q["id"], [])
        out.append({
            "quote_id": q["id"], "date": q["first_reported"], "speaker_id": q["speaker_id"],
            "speaker_name": speaker.get("name"), "speaker_country": speaker.get("country"), "text": q["text"],
            "direct": q["direct"], "cue": q["cue"], "about_ids": ";".join(ids),
            "about_names": ";".join(actors.get(i, {}).get("name") or i for i in ids), "n_sources": q["n_sources"],
            "url": lead.get("url"), "outlet": lead.get("outlet"), "evidence_text": lead.get("evidence_text"),
            "article_id": lead.get("article_id"),
        })
    return out


def offices_table(store: Store) -> list[Row]:
    """One row per person, role and country or organization, with the dates it was reported."""
    rows = store.fetchall(
        "SELECT o.person_id, a.name AS person_name, a.country AS person_country, o.role, o.of_name AS of, "
        "o.reported_on, ar.url, o.evidence_text, o.article_id FROM offices o "
        "LEFT JOIN actors a ON a.id = o.person_id JOIN articles ar ON ar.id = o.article_id "
        "ORDER BY o.person_id, o.role, o.of_name, o.reported_on, o.id"
    )
    grouped: dict[tuple[str, str, str | None], Row] = {}
    for r in map(queries.clean, rows):
        key = (r["person_id"], r["role"], r["of"])
        if key not in grouped:
            grouped[key] = {
                "person_id": r["person_id"], "person_name": r["person_name"], "person_country": r["person_country"],
                "role": r["role"], "of": r["of"], "first_reported": r["reported_on"],
                "last_reported": r["reported_on"], "n_sources": 0, "url": r["url"],
                "evidence_text": r["evidence_text"], "article_id": r["article_id"],
            }
        row = grouped[key]
        row["n_sources"] += 1
        if r["reported_on"]:
            row["first_reported"] = min(filter(None, [row["first_reported"], r["reported_on"]]))
            row["last_reported"] = max(filter(None, [row["last_reported"], r["reported_on"]]))
    return list(grouped.values())


def network_graph(store: Store, *, since: dt.date | None = None, until: dt.date | None = None) -> Any:
    """A networkx graph of who met whom: weighted edges, with the dates of every meeting as spells."""
    nx = _networkx()
    graph = nx.Graph(mode="dynamic", name="communique meetings")
    actors = _actors(store)
    spells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in queries.network_dates(store, since=since, until=until):
        if r["date"]:
            spells[(r["source"], r["target"])].append(r["date"])
    first_seen: dict[str, str] = {}
    for edge in queries.network(store, since=since, until=until):
        for node in (edge["source"], edge["target"]):
            actor = actors.get(node, {})
            graph.add_node(node, label=actor.get("name") or node, country=actor.get("country") or "")
        attrs: dict[str, Any] = {"weight": edge["weight"]}
        dates = spells.get((edge["source"], edge["target"]), [])
        if dates:
            # Gephi's timeline shows an edge on each day a meeting was held.
            attrs["start"], attrs["end"] = dates[0], dates[-1]
            attrs["spells"] = [(d, d) for d in dict.fromkeys(dates)]
            for node in (edge["source"], edge["target"]):
                first_seen[node] = min(first_seen.get(node, dates[0]), dates[0])
        graph.add_edge(edge["source"], edge["target"], **attrs)
    for node, day in first_seen.items():
        graph.nodes[node]["start"] = day
    return graph


def table(
    store: Store, kind: Kind, *, since: dt.date | None = None, until: dt.date | None = None
) -> tuple[Sequence[str], list[Row]]:
    """The columns and rows of one export table (events and network between the dates, when given)."""
    if kind == "events":
        return EVENT_COLUMNS, events_table(store, since=since, until=until)
    if kind == "quotes":
        return QUOTE_COLUMNS, quotes_table(store)
    if kind == "offices":
        return OFFICE_COLUMNS, offices_table(store)
    if kind == "network":
        return NETWORK_COLUMNS, queries.network(store, since=since, until=until)
    raise ExportError(f"unknown export {kind!r}; choose one of {', '.join(KINDS)}")


def write_csv(columns: Sequence[str], rows: Iterable[Row], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


def write_parquet(columns: Sequence[str], rows: list[Row], path: str | Path) -> None:
    pa, pq = _pyarrow()
    fields = []
    for name in columns:
        kind = (
            pa.int64() if name in _INT_COLUMNS else pa.float64() if name in _FLOAT_COLUMNS
            else pa.bool_() if name in _BOOL_COLUMNS else pa.string()
        )
        fields.append(pa.field(name, kind))
    # CAMEO codes stay strings ("043"), as every other column not known to be a number.
    data = {name: [row.get(name) for row in rows] for name in columns}
    pq.write_table(pa.table(data, schema=pa.schema(fields)), str(path))


def export(
    store: Store, kind: Kind, fmt: Format, out: str | Path | None = None, *,
    since: dt.date | None = None, until: dt.date | None = None,
) -> int:
    """Write one export to ``out`` (stdout for text formats when None); returns the number of records."""
    if fmt in ("gexf", "graphml"):
        if kind != "network":
            raise ExportError(f"{fmt} holds graphs; export `network` as {fmt}, or {kind} as csv, parquet or jsonl")
        nx = _networkx()
        graph = network_graph(store, since=since, until=until)
        if fmt == "graphml":
            # GraphML has no list type: keep the meeting dates as one ";"-joined attribute.
            for _, _, data in graph.edges(data=True):
                data["dates"] = ";".join(s for s, _ in data.pop("spells", []))
            graph.graph.pop("mode", None)
        target = _binary_target(out)
        (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(graph, target)
        _finish(target, out)
        return int(graph.number_of_edges())
    if fmt == "jsonl" and kind == "events":
        records: list[Row] = plover_records(store, since=since, until=until)
    else:
        columns, records = table(store, kind, since=since, until=until)
    if fmt == "parquet":
        if out is None:
            raise ExportError("parquet is binary; give --out PATH")
        write_parquet(columns, records, out)
        return len(records)
    if fmt not in ("csv", "jsonl"):
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    handle: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "csv":
            write_csv(columns, records, handle)
        else:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    finally:
        if out:
            handle.close()
    return len(records)


def _binary_target(out: str | Path | None) -> Any:
    return str(out) if out else io.BytesIO()


def _finish(target: Any, out: str | Path | None) -> None:
    if out is None:
        sys.stdout.write(target.getvalue().decode("utf-8"))


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow; run pip install 'communique[export]'") from exc
    return pa, pq


def _networkx() -> Any:
    try:
        import networkx as nx
    except ImportError as exc:
        raise ExportError("graph export needs networkx; run pip install 'communique[export]'") from exc
    return nx
