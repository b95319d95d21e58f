"""Questions analysts ask of a store: who met whom, who said what, who held which office.

Every function takes a ``Store`` and returns plain rows (dicts of JSON-ready values), the same on
SQLite and PostgreSQL. Actors are named by id ("Q7747") or by any name the knowledge base or the
store knows ("Putin", "Vladimir Putin").

Example::

    from communique.store import open_store
    from communique import queries
    store = open_store("sqlite:///corpus.db")
    for row in queries.meetings(store, "Putin", "Nazarbayev", since=date(2019, 1, 1)):
        print(row["date"], row["kind"], row["n_sources"])
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import KnowledgeBaseError, StoreError
from .store import Store, redact

Row = dict[str, Any]

_BOOL_COLUMNS = frozenset({"direct", "recurring", "date_known"})


def clean(row: Row) -> Row:
    """A row with dates as ISO text and flags as booleans, whichever back end produced it."""
    out: Row = {}
    for key, value in row.items():
        if key == "search":
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif key in _BOOL_COLUMNS and value is not None:
            value = bool(value)
        out[key] = value
    return out


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def resolve_actor(store: Store, name: str) -> list[str]:
    """Actor ids a name or id stands for, from the store's actors table and the knowledge base."""
    ids: dict[str, None] = {}
    rows = store.fetchall(
        "SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) "
        "UNION SELECT DISTINCT actor_id AS id FROM mentions WHERE lower(text) = lower(?)",
        [name, name, name],
    )
    for row in rows:
        ids[row["id"]] = None
    try:
        from .kb import load_kb

        for actor in load_kb().lookup(name):
            ids[actor.id] = None
    except KnowledgeBaseError:
        pass  # a store is usable without the packaged KB; names in the store still resolve
    if not ids:
        raise StoreError(
            redact(store.url), f"no actor named {name!r} in the store or the knowledge base; try an id (Q…) or `communique stats`"
        )
    return list(ids)


def _date_filters(column: str, since: dt.date | None, until: dt.date | None) -> tuple[str, list[Any]]:
    sql, params = "", []
    if since:
        sql += f" AND {column} >= ?"
        params.append(since.isoformat())
    if until:
        sql += f" AND {column} <= ?"
        params.append(until.isoformat())
    return sql, params


def _names(store: Store, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = store.fetchall(f"SELECT id, name FROM actors WHERE id IN ({_marks(wanted)})", wanted)
    return {r["id"]: r["name"] for r in rows}


def _event_details(store: Store, events: list[Row]) -> list[Row]:
    """Events with participants' names and every source's outlet, URL and evidence."""
    if not events:
        return []
    ids = [e["event_id"] for e in events]
    people = store.fetchall(
        f"SELECT ep.event_id, ep.actor_id, ep.side, a.name FROM event_participants ep "
        f"LEFT JOIN actors a ON a.id = ep.actor_id WHERE ep.event_id IN ({_marks(ids)}) ORDER BY ep.actor_id",
        ids,
    )
    sources = store.fetchall(
        f"SELECT es.event_id, es.article_id, ar.outlet, ar.url, ar.published, es.evidence_text "
        f"FROM event_sources es JOIN articles ar ON ar.id = es.article_id WHERE es.event_id IN ({_marks(ids)}) "
        f"ORDER BY ar.published, es.id",
        ids,
    )
    out = []
    for event in events:
        row = clean(event)
        row["participants"] = [
            {"id": p["actor_id"], "name": p["name"]}
            for p in people if p["event_id"] == event["event_id"] and p["side"] == "participant"
        ]
        row["sources"] = [
            {k: v for k, v in clean(s).items() if k != "event_id"} for s in sources if s["event_id"] == event["event_id"]
        ]
        out.append(row)
    return out


_EVENT_COLUMNS = (
    "e.id AS event_id, e.approx_date AS date, e.date IS NOT NULL AS date_known, e.date_text, e.plover, e.mode, "
    "e.cameo, e.kind, e.formality, e.initiator_id AS initiator, e.recurring, e.status, e.place, e.n_sources"
)


def meetings(
    store: Store,
    a: str,
    b: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    formality: str | None = None,
    limit: int = 200,
) -> list[Row]:
    """Meetings (PLOVER CONSULT) in which both actors took part, newest first, with their sources."""
    ids_a, ids_b = resolve_actor(store, a), resolve_actor(store, b)
    pairs = sorted({(min(x, y), max(x, y)) for x in ids_a for y in ids_b if x != y})
    found: dict[str, Row] = {}
    for first, second in pairs:
        sql = (
            f"SELECT {_EVENT_COLUMNS} FROM event_pairs p JOIN events e ON e.id = p.event_id "
            "WHERE p.actor_a = ? AND p.actor_b = ? AND p.plover = 'CONSULT'"
        )
        params: list[Any] = [first, second]
        extra, extra_params = _date_filters("p.approx_date", since, until)
        sql += extra
        params += extra_params
        if formality:
            sql += " AND e.formality = ?"
            params.append(formality)
        sql += " ORDER BY p.approx_date DESC LIMIT ?"
        params.append(limit)
        for row in store.fetchall(sql, params):
            found.setdefault(row["event_id"], row)
    rows = sorted(found.values(), key=lambda r: (str(r["date"] or ""), r["event_id"]), reverse=True)[:limit]
    return _event_details(store, rows)


#: A search matching more quote reports than this reads quotes newest first and keeps the
#: matching ones, instead of sorting every match by date (bench/store_bench.py).
DENSE_SEARCH = 10_000
_PAGE = 1000


def _newest_matching(
    store: Store, words: str, since: dt.date | None, until: dt.date | None, limit: int
) -> list[str]:
    """Ids of the newest quotes whose reports match a common search, newest first."""
    extra, extra_params = _date_filters("q.first_reported", since, until)
    found: list[str] = []
    offset = 0
    while len(found) < limit:
        # The date index gives the order; only quotes tied on a date are sorted by id.
        newest = store.fetchall(
            f"SELECT q.id FROM quotes q WHERE 1 = 1{extra} ORDER BY q.first_reported DESC, q.id LIMIT ? OFFSET ?",
            [*extra_params, _PAGE, offset],
        )
        if not newest:
            break
        order = [r["id"] for r in newest]
        page = store.fetchall(
            f"SELECT id, quote_id FROM quote_sources WHERE quote_id IN ({_marks(order)})", order
        )
        hits = store.search_within(words, [int(r["id"]) for r in page])
        matched = {r["quote_id"] for r in page if int(r["id"]) in hits}
        found += [quote_id for quote_id in order if quote_id in matched and quote_id not in found]
        offset += _PAGE
    return found[:limit]


def quotes(
    store: Store,
    *,
    by: str | None = None,
    about: str | None = None,
    search: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 200,
) -> list[Row]:
    """Quotes, newest first: by a speaker, about an actor, matching words (full-text search)."""
    where: list[str] = []
    params: list[Any] = []
    head, head_params, source = "", list[Any](), "quotes q"
    if by:
        ids = resolve_actor(store, by)
        where.append(f"q.speaker_id IN ({_marks(ids)})")
        params += ids
    if about:
        ids = resolve_actor(store, about)
        where.append(f"q.id IN (SELECT quote_id FROM quote_about WHERE actor_id IN ({_marks(ids)}))")
        params += ids
    if search and search.strip():
        words = search.strip()
        if not where and store.search_count(words, DENSE_SEARCH + 1) > DENSE_SEARCH:
            ids = _newest_matching(store, words, since, until, limit)
            if not ids:
                return []
            where.append(f"q.id IN ({_marks(ids)})")
            params += ids
        elif not where:
            # Matches first: PostgreSQL otherwise walks the date index and tests every quote,
            # which is slow for rare words (bench/store_bench.py).
            clause, head_params = store.search_clause(words, "quotes")
            head = f"WITH matched AS MATERIALIZED (SELECT DISTINCT qs.quote_id FROM quote_sources qs WHERE {clause}) "
            source = "matched m JOIN quotes q ON q.id = m.quote_id"
        else:
            # A speaker or subject narrows more than the words: let the planner start there.
            clause, search_params = store.search_clause(words, "quotes")
            where.append(f"q.id IN (SELECT qs.quote_id FROM quote_sources qs WHERE {clause})")
            params += search_params
    extra, extra_params = _date_filters("q.first_reported", since, until)
    sql = (
        f"{head}SELECT q.id AS quote_id, q.first_reported AS date, q.speaker_id, a.name AS speaker_name, q.text, "
        f"q.direct, q.cue, q.n_sources FROM {source} LEFT JOIN actors a ON a.id = q.speaker_id WHERE 1 = 1"
    )
    sql += "".join(f" AND {w}" for w in where) + extra + " ORDER BY q.first_reported DESC, q.id LIMIT ?"
    rows = [clean(r) for r in store.fetchall(sql, [*head_params, *params, *extra_params, limit])]
    if not rows:
        return rows
    ids = [r["quote_id"] for r in rows]
    sources = store.fetchall(
        f"SELECT qs.quote_id, qs.article_id, ar.outlet, ar.url, ar.published, qs.evidence_text "
        f"FROM quote_sources qs JOIN articles ar ON ar.id = qs.article_id WHERE qs.quote_id IN ({_marks(ids)}) "
        f"ORDER BY ar.published, qs.id",
        ids,
    )
    abouts = store.fetchall(
        f"SELECT DISTINCT qa.quote_id, qa.actor_id, a.name FROM quote_about qa LEFT JOIN actors a "
        f"ON a.id = qa.actor_id WHERE qa.quote_id IN ({_marks(ids)}) ORDER BY qa.actor_id",
        ids,
    )
    for row in rows:
        row["about"] = [{"id": x["actor_id"], "name": x["name"]} for x in abouts if x["quote_id"] == row["quote_id"]]
        row["sources"] = [
            {k: v for k, v in clean(s).items() if k != "quote_id"} for s in sources if s["quote_id"] == row["quote_id"]
        ]
    return rows


def actor_profile(store: Store, name: str, *, limit: int = 20) -> Row:
    """One actor: offices over time, meeting partners and recent meetings, quotes by and about."""
    ids = resolve_actor(store, name)
    marks = _marks(ids)
    actors = [clean(r) for r in store.fetchall(f"SELECT * FROM actors WHERE id IN ({marks})", ids)]
    offices = [clean(r) for r in store.fetchall(
        f"SELECT role, of_name AS of, MIN(reported_on) AS first_reported, MAX(reported_on) AS last_reported, "
        f"COUNT(*) AS n_sources FROM offices WHERE person_id IN ({marks}) GROUP BY role, of_name "
        f"ORDER BY MIN(reported_on), role", ids)]
    # Counts and partners read only the participant and pair indexes; they stay fast for actors
    # with tens of thousands of meetings (bench/store_bench.py).
    n_meetings = store.fetchall(
        f"SELECT COUNT(*) AS n FROM event_participants "
        f"WHERE actor_id IN ({marks}) AND side = 'participant' AND plover = 'CONSULT'", ids)[0]["n"]
    recent = store.fetchall(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT event_id FROM event_participants "
        f"WHERE actor_id IN ({marks}) AND side = 'participant' AND plover = 'CONSULT' "
        f"ORDER BY approx_date DESC LIMIT ?) ORDER BY e.approx_date DESC, e.id", [*ids, limit])
    # Two grouped scans, one per side of the pair index, merged here: a UNION would need a
    # temporary sort over every pair of the actor.
    met: Counter[str] = Counter()
    for mine, other in (("actor_a", "actor_b"), ("actor_b", "actor_a")):
        for r in store.fetchall(
            f"SELECT {other} AS other, COUNT(*) AS n FROM event_pairs WHERE {mine} IN ({marks}) "
            f"AND plover = 'CONSULT' GROUP BY {other}", ids,
        ):
            met[r["other"]] += int(r["n"])
    top = sorted(met.items(), key=lambda item: (-item[1], item[0]))[:limit]
    names = _names(store, [other for other, _ in top])
    partners = [{"id": other, "name": names.get(other), "meetings": n} for other, n in top]
    n_by = store.fetchall(f"SELECT COUNT(*) AS n FROM quotes WHERE speaker_id IN ({marks})", ids)[0]["n"]
    quotes_by = store.fetchall(
        f"SELECT id AS quote_id, first_reported AS date, text, n_sources FROM quotes WHERE speaker_id IN ({marks}) "
        f"ORDER BY first_reported DESC, id LIMIT ?", [*ids, limit])
    n_about = store.fetchall(
        f"SELECT COUNT(DISTINCT quote_id) AS n FROM quote_about WHERE actor_id IN ({marks})", ids)[0]["n"]
    quotes_about = store.fetchall(
        f"SELECT q.id AS quote_id, q.first_reported AS date, q.speaker_id, s.name AS speaker_name, q.text, "
        f"q.n_sources FROM quotes q LEFT JOIN actors s ON s.id = q.speaker_id WHERE q.id IN "
        f"(SELECT quote_id FROM quote_about WHERE actor_id IN ({marks})) ORDER BY q.first_reported DESC, q.id LIMIT ?",
        [*ids, limit])
    return {
        "ids": ids,
        "actors": actors,
        "offices": offices,
        "meetings": int(n_meetings),
        "partners": [clean(r) for r in partners],
        "recent_meetings": _event_details(store, list(recent)),
        "quotes_by": int(n_by),
        "recent_quotes_by": [clean(r) for r in quotes_by],
        "quotes_about": int(n_about),
        "recent_quotes_about": [clean(r) for r in quotes_about],
    }


def timeline(store: Store, a: str, b: str | None = None, *, limit: int = 500) -> list[Row]:
    """What happened to an actor (with another, when given), oldest first: events, quotes, offices."""
    ids_a = resolve_actor(store, a)
    ids_b = resolve_actor(store, b) if b else []
    marks_a = _marks(ids_a)
    rows: list[Row] = []
    if ids_b:
        pairs = sorted({(min(x, y), max(x, y)) for x in ids_a for y in ids_b if x != y})
        events: list[Row] = []
        for first, second in pairs:
            events += store.fetchall(
                f"SELECT {_EVENT_COLUMNS} FROM event_pairs p JOIN events e ON e.id = p.event_id "
                "WHERE p.actor_a = ? AND p.actor_b = ? ORDER BY p.approx_date LIMIT ?", [first, second, limit])
    else:
        events = store.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM event_participants ep JOIN events e ON e.id = ep.event_id "
            f"WHERE ep.actor_id IN ({marks_a}) AND ep.side = 'participant' ORDER BY ep.approx_date LIMIT ?",
            [*ids_a, limit])
    seen: set[str] = set()
    for event in _event_details(store, events):
        if event["event_id"] in seen:
            continue
        seen.add(event["event_id"])
        names = ", ".join(p["name"] or p["id"] for p in event["participants"])
        rows.append({"date": event["date"], "type": "event", "id": event["event_id"],
                     "what": f"{event['plover']} {event['kind'] or ''} ({event['status']}): {names}".replace("  ", " "),
                     "n_sources": event["n_sources"]})
    for quote in quotes(store, by=a, about=b, limit=limit):
        rows.append({"date": quote["date"], "type": "quote", "id": quote["quote_id"],
                     "what": f"{quote['speaker_name']}: \u201c{quote['text']}\u201d", "n_sources": quote["n_sources"]})
    if not ids_b:
        for office in store.fetchall(
            f"SELECT role, of_name, MIN(reported_on) AS date, COUNT(*) AS n FROM offices WHERE person_id IN "
            f"({marks_a}) GROUP BY role, of_name", ids_a,
        ):
            office = clean(office)
            of = f" of {office['of_name']}" if office["of_name"] else ""
            rows.append({"date": office["date"], "type": "office", "id": None, "what": f"{office['role']}{of}",
                         "n_sources": office["n"]})
    rows.sort(key=lambda r: (r["date"] or "9999", r["type"], str(r["id"])))
    return rows[:limit]


def _pair_filters(
    since: dt.date | None, until: dt.date | None, plover: str | None, status: str | None
) -> tuple[str, list[Any]]:
    """The WHERE conditions (after "WHERE 1 = 1") and parameters shared by the network queries."""
    sql = ""
    params: list[Any] = []
    if plover:
        sql += " AND p.plover = ?"
        params.append(plover)
    if status:
        sql += " AND p.status = ?"
        params.append(status)
    extra, extra_params = _date_filters("p.approx_date", since, until)
    return sql + extra, [*params, *extra_params]


def network(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    plover: str | None = "CONSULT",
    status: str | None = "held",
) -> list[Row]:
    """Edges between actors who took part in the same events, weighted by the number of events."""
    where, params = _pair_filters(since, until, plover, status)
    sql = (
        "SELECT p.actor_a AS source, a.name AS source_name, p.actor_b AS target, b.name AS target_name, "
        "COUNT(*) AS weight, MIN(p.approx_date) AS first_date, MAX(p.approx_date) AS last_date "
        "FROM event_pairs p LEFT JOIN actors a ON a.id = p.actor_a "
        "LEFT JOIN actors b ON b.id = p.actor_b WHERE 1 = 1" + where
        + " GROUP BY p.actor_a, a.name, p.actor_b, b.name ORDER BY COUNT(*) DESC, p.actor_a, p.actor_b"
    )
    return [clean(r) for r in store.fetchall(sql, params)]


def network_dates(
    store: Store, *, since: dt.date | None = None, until: dt.date | None = None, plover: str | None = "CONSULT",
) -> list[Row]:
    """Each (pair, date) of the network, for dynamic graphs."""
    where, params = _pair_filters(since, until, plover, "held")
    sql = (
        "SELECT p.actor_a AS source, p.actor_b AS target, p.approx_date AS date FROM event_pairs p "
        "WHERE 1 = 1" + where + " ORDER BY p.approx_date"
    )
    return [clean(r) for r in store.fetchall(sql, params)]


def stats(store: Store) -> Row:
    """What the store holds: row counts, date range, outlets, event types, multi-source records."""
    counts = store.counts()
    span = store.fetchall("SELECT MIN(published) AS first, MAX(published) AS last FROM articles")[0]
    outlets = store.fetchall(
        "SELECT outlet, COUNT(*) AS articles FROM articles GROUP BY outlet ORDER BY COUNT(*) DESC, outlet LIMIT 20")
    types = store.fetchall(
        "SELECT plover, status, COUNT(*) AS events FROM events GROUP BY plover, status ORDER BY COUNT(*) DESC, plover")
    versions = store.fetchall(
        "SELECT pipeline_version, kb_version, COUNT(*) AS articles FROM articles "
        "GROUP BY pipeline_version, kb_version ORDER BY pipeline_version, kb_version")
    multi_events = store.fetchall("SELECT COUNT(*) AS n FROM events WHERE n_sources > 1")[0]["n"]
    multi_quotes = store.fetchall("SELECT COUNT(*) AS n FROM quotes WHERE n_sources > 1")[0]["n"]
    return {
        "url": redact(store.url),
        "backend": store.dialect,
        "counts": counts,
        "published": clean(span),
        "outlets": [clean(r) for r in outlets],
        "event_types": [clean(r) for r in types],
        "versions": [clean(r) for r in versions],
        "events_with_several_sources": int(multi_events),
        "quotes_with_several_sources": int(multi_quotes),
    }


def overview(store: Store, *, limit: int = 10) -> Row:
    """What a corpus holds at a glance: its meetings with their sources, and who is quoted most."""
    rows = store.fetchall(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.plover = 'CONSULT' AND e.status = 'held' "
        "ORDER BY e.n_sources DESC, e.approx_date DESC, e.id LIMIT ?",
        [limit],
    )
    speakers = store.fetchall(
        "SELECT a.id AS actor, a.name, COUNT(*) AS quotes, SUM(q.n_sources) AS reports "
        "FROM quotes q JOIN actors a ON a.id = q.speaker_id "
        "GROUP BY a.id, a.name ORDER BY COUNT(*) DESC, a.name LIMIT ?",
        [limit],
    )
    meetings_ = [
        {"date": m["date"], "who": " – ".join(p["name"] for p in m["participants"]), "kind": m["kind"],
         "formality": m["formality"], "place": m["place"], "sources": m["n_sources"]}
        for m in _event_details(store, rows)
    ]
    return {
        "meetings_merged_across_articles": meetings_,
        "most_quoted": [{"name": r["name"], "quotes": r["quotes"], "reports": r["reports"]} for r in speakers],
        "counts": store.counts(),
    }
