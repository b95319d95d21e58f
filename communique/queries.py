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

import base64
import binascii
import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from .errors import KnowledgeBaseError, NotFoundError, QueryError
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
        raise NotFoundError(
            redact(store.url), f"no actor named {name!r} in the store or the knowledge base; try an id (Q…) or `communique stats`"
        )
    return list(ids)


def _search_words(text: str) -> str:
    """Search words without control characters (a NUL ends an FTS5 query string early)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


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
        f"SELECT es.event_id, es.article_id, ar.outlet, ar.url, ar.published, es.evidence_start, es.evidence_text "
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


def _pair_keys(ids_a: Sequence[str], ids_b: Sequence[str]) -> list[tuple[str, str]]:
    return sorted({(min(x, y), max(x, y)) for x in ids_a for y in ids_b if x != y})


def meetings(
    store: Store,
    a: str | None = None,
    b: str | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    formality: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    cursor: str | None = None,
    limit: int = 200,
) -> list[Row]:
    """Meetings (PLOVER CONSULT), newest first, with their sources: of everyone, of one actor, or of a pair.

    ``cursor`` (from ``next_cursor``) continues a list after its last row.
    """
    if b and not a:
        a, b = b, None
    ids_a = resolve_actor(store, a) if a else []
    ids_b = resolve_actor(store, b) if b else []
    if a and b:
        # One scan per (a, b) id pair reads the pair index in date order.
        scans = [("event_pairs p", "p.actor_a = ? AND p.actor_b = ? AND p.plover = 'CONSULT'", [x, y])
                 for x, y in _pair_keys(ids_a, ids_b)]
    elif a:
        scans = [("event_participants p", f"p.actor_id IN ({_marks(ids_a)}) AND p.side = 'participant' "
                  "AND p.plover = 'CONSULT'", list(ids_a))]
    else:
        scans = [("events p", "p.plover = 'CONSULT'", [])]
    found: dict[str, Row] = {}
    for table, condition, scan_params in scans:
        event_id = "p.id" if table.startswith("events") else "p.event_id"
        sql = f"SELECT {_EVENT_COLUMNS} FROM {table} JOIN events e ON e.id = {event_id} WHERE {condition}"
        params: list[Any] = list(scan_params)
        extra, extra_params = _date_filters("p.approx_date", since, until)
        sql += extra
        params += extra_params
        for column, value in (("formality", formality), ("kind", kind), ("status", status)):
            if value:
                sql += f" AND e.{column} = ?"
                params.append(value)
        after, after_params = _after(store, "p.approx_date", event_id, cursor)
        sql += after + f" ORDER BY p.approx_date DESC, {event_id} DESC LIMIT ?"
        params += [*after_params, limit]
        for row in store.fetchall(sql, params):
            found.setdefault(row["event_id"], row)
    rows = sorted(found.values(), key=_newest_first(store, "date", "event_id"), reverse=True)[:limit]
    return _event_details(store, rows)


# -- paging ---------------------------------------------------------------------------------
# Lists are read newest first by (date, id); a cursor holds the last row's key, so the next
# page starts after it with an index range instead of an OFFSET that rereads every earlier row.


def encode_cursor(date: Any, key: Any) -> str:
    """An opaque cursor for the row with this date and id."""
    raw = json.dumps([None if date is None else str(date), str(key)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The (date, id) a cursor holds; ``QueryError`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, key = json.loads(raw.decode("utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
        raise QueryError("cursor", f"{cursor[:40]!r} is not a cursor this desk made; use the 'next' value of a previous page") from None
    if not isinstance(key, str) or not (date is None or isinstance(date, str)):
        raise QueryError("cursor", f"{cursor[:40]!r} is not a cursor this desk made; use the 'next' value of a previous page")
    if date is not None:
        try:
            dt.date.fromisoformat(date[:10])
        except ValueError:
            raise QueryError("cursor", f"{cursor[:40]!r} holds no date") from None
    return date, key


def next_cursor(rows: list[Row], limit: int, date: str = "date", key: str = "event_id") -> str | None:
    """The cursor after the last of ``limit`` rows, or None when ``rows`` (read with ``limit + 1``) is the end."""
    if len(rows) <= limit or limit < 1:
        return None
    last = rows[limit - 1]
    return encode_cursor(last[date], last[key])


def _after(store: Store, date_column: str, key_column: str, cursor: str | None, key_op: str = "<") -> tuple[str, list[Any]]:
    """The WHERE fragment of rows after a cursor in (date DESC, key) order.

    SQLite sorts missing dates last when descending and PostgreSQL first; the fragment follows
    each back end's order so that no row is skipped or repeated.
    """
    if not cursor:
        return "", []
    date, key = decode_cursor(cursor)
    nulls_last = store.dialect != "postgresql"
    if date is not None:
        sql = f"({date_column} < ? OR ({date_column} = ? AND {key_column} {key_op} ?)"
        sql += f" OR {date_column} IS NULL)" if nulls_last else ")"
        return f" AND {sql}", [date, date, key]
    sql = f"(({date_column} IS NULL AND {key_column} {key_op} ?)"
    sql += ")" if nulls_last else f" OR {date_column} IS NOT NULL)"
    return f" AND {sql}", [key]


def _newest_first(store: Store, date: str, key: str) -> Any:
    """A sort key (for ``reverse=True``) that orders rows as the back end's ``date DESC, key DESC`` does."""
    nulls_last = store.dialect != "postgresql"

    def sort_key(row: Row) -> tuple[bool, str, str]:
        missing = row[date] is None
        return (not missing if nulls_last else missing, str(row[date] or ""), str(row[key]))

    return sort_key


#: A search matching more quote reports than this reads quotes newest first and keeps the
#: matching ones, instead of sorting every match by date (bench/store_bench.py).
DENSE_SEARCH = 10_000
_PAGE = 1000


def _newest_matching(
    store: Store, words: str, since: dt.date | None, until: dt.date | None, limit: int, cursor: str | None = None
) -> list[str]:
    """Ids of the newest quotes whose reports match a common search, newest first."""
    extra, extra_params = _date_filters("q.first_reported", since, until)
    after, after_params = _after(store, "q.first_reported", "q.id", cursor, ">")
    extra += after
    extra_params += after_params
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
    cursor: str | None = None,
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
    if search and _search_words(search):
        words = _search_words(search)
        if not where and store.search_count(words, DENSE_SEARCH + 1) > DENSE_SEARCH:
            ids = _newest_matching(store, words, since, until, limit, cursor)
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
    after, after_params = _after(store, "q.first_reported", "q.id", cursor, ">")
    extra += after
    extra_params += after_params
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
        f"SELECT qs.quote_id, qs.article_id, ar.outlet, ar.url, ar.published, qs.evidence_start, qs.evidence_text "
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
        pairs = _pair_keys(ids_a, ids_b)
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
    kind: str | None = None,
    formality: str | None = None,
    limit: int | None = None,
) -> list[Row]:
    """Edges between actors who took part in the same events, weighted by the number of events.

    ``kind`` and ``formality`` keep only such meetings; ``limit`` keeps the heaviest edges.
    """
    where, params = _pair_filters(since, until, plover, status)
    join = ""
    if kind or formality:
        join = " JOIN events e ON e.id = p.event_id"
        for column, value in (("kind", kind), ("formality", formality)):
            if value:
                where += f" AND e.{column} = ?"
                params.append(value)
    # Pairs are counted first and named after: grouping by names too made SQLite walk the whole
    # pair index in name order instead of reading the date range (bench/desk_bench.py).
    sql = (
        "SELECT x.source, a.name AS source_name, x.target, b.name AS target_name, x.weight, x.first_date, "
        "x.last_date FROM (SELECT p.actor_a AS source, p.actor_b AS target, COUNT(*) AS weight, "
        f"MIN(p.approx_date) AS first_date, MAX(p.approx_date) AS last_date FROM event_pairs p{join} "
        f"WHERE 1 = 1{where} GROUP BY p.actor_a, p.actor_b ORDER BY COUNT(*) DESC, p.actor_a, p.actor_b"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    sql += (") x LEFT JOIN actors a ON a.id = x.source LEFT JOIN actors b ON b.id = x.target "
            "ORDER BY x.weight DESC, x.source, x.target")
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


# -- the desk's questions (issue 12): articles, pairs, activity, search -----------------------


def flat(value: Any) -> str:
    """A table or CSV cell: lists of actors or sources shown by name, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "; ".join(str(v.get("name") or v.get("outlet") or v.get("id") or v.get("article_id")) for v in value)
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(rows: Sequence[Row]) -> str:
    """Rows as CSV text, one column per key seen, nested values flattened with ``flat``."""
    out = io.StringIO()
    columns = list(dict.fromkeys(k for row in rows for k in row))
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: flat(v) for k, v in row.items()})
    return out.getvalue()


def articles(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    outlet: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> list[Row]:
    """Stored articles, newest first, without their text."""
    sql = ("SELECT a.id AS article_id, a.published AS date, a.title, a.outlet, a.url, a.language, "
           "a.pipeline_version, a.kb_version, a.analysed_at FROM articles a WHERE 1 = 1")
    extra, params = _date_filters("a.published", since, until)
    if outlet:
        extra += " AND a.outlet = ?"
        params.append(outlet)
    after, after_params = _after(store, "a.published", "a.id", cursor)
    sql += extra + after + " ORDER BY a.published DESC, a.id DESC LIMIT ?"
    return [clean(r) for r in store.fetchall(sql, [*params, *after_params, limit])]


def article(store: Store, article_id: str) -> Row:
    """One stored article as analysed: its text and every record found in it, each with offsets."""
    rows = store.fetchall(
        "SELECT id AS article_id, url, title, outlet, author, published, published_text, language, source, "
        "pipeline_version, pipeline_model, kb_version, analysed_at, text FROM articles WHERE id = ?", [article_id])
    if not rows:
        raise NotFoundError(redact(store.url), f"no article with id {article_id!r} in the store")
    out = clean(rows[0])
    out["mentions"] = [clean(r) for r in store.fetchall(
        "SELECT m.actor_id, a.name, a.kind, m.start_char AS start, m.end_char AS end, m.text FROM mentions m "
        "LEFT JOIN actors a ON a.id = m.actor_id WHERE m.article_id = ? ORDER BY m.start_char, m.id", [article_id])]
    quote_rows = [clean(r) for r in store.fetchall(
        "SELECT qs.quote_id, q.speaker_id, a.name AS speaker_name, qs.speaker_mention, qs.text, qs.direct, qs.cue, "
        "qs.start_char AS start, qs.end_char AS end, qs.evidence_start, qs.evidence_end, qs.evidence_text, "
        "q.n_sources FROM quote_sources qs JOIN quotes q ON q.id = qs.quote_id LEFT JOIN actors a "
        "ON a.id = q.speaker_id WHERE qs.article_id = ? ORDER BY qs.start_char, qs.id", [article_id])]
    abouts = store.fetchall(
        "SELECT qa.quote_id, qa.actor_id, a.name FROM quote_about qa LEFT JOIN actors a ON a.id = qa.actor_id "
        "WHERE qa.article_id = ? ORDER BY qa.actor_id", [article_id])
    for row in quote_rows:
        row["about"] = [{"id": x["actor_id"], "name": x["name"]} for x in abouts if x["quote_id"] == row["quote_id"]]
    out["quotes"] = quote_rows
    event_rows = [clean(r) for r in store.fetchall(
        "SELECT es.event_id, es.plover, es.mode, es.cameo, es.kind, es.formality, es.initiator_id AS initiator, "
        "i.name AS initiator_name, es.recurring, es.status, es.date, es.date_text, es.place, es.source_ids, "
        "es.target_ids, es.participant_ids, es.confidence, es.evidence_start, es.evidence_end, es.evidence_text, "
        "e.n_sources FROM event_sources es JOIN events e ON e.id = es.event_id LEFT JOIN actors i "
        "ON i.id = es.initiator_id WHERE es.article_id = ? ORDER BY es.evidence_start, es.id", [article_id])]
    ids = {i for r in event_rows for c in ("source_ids", "target_ids", "participant_ids") for i in json.loads(r[c])}
    names = _names(store, ids)
    for row in event_rows:
        for column in ("source", "target", "participants"):
            key = "participant_ids" if column == "participants" else f"{column}_ids"
            row[column] = [{"id": i, "name": names.get(i)} for i in json.loads(row.pop(key))]
    out["events"] = event_rows
    out["offices"] = [clean(r) for r in store.fetchall(
        "SELECT o.person_id, a.name AS person_name, o.role, o.of_name AS of, o.evidence_start, o.evidence_end, "
        "o.evidence_text FROM offices o LEFT JOIN actors a ON a.id = o.person_id WHERE o.article_id = ? "
        "ORDER BY o.evidence_start, o.id", [article_id])]
    return out


def _one_actor(store: Store, name: str) -> Row:
    """The stored actor a name stands for (the most mentioned, when it stands for several)."""
    ids = resolve_actor(store, name)
    rows = store.fetchall(f"SELECT id, name, kind, country, cameo FROM actors WHERE id IN ({_marks(ids)})", ids)
    if not rows:
        return {"id": ids[0], "name": name, "kind": None, "country": None, "cameo": None}
    by_id = {r["id"]: r for r in rows}
    return clean(next(by_id[i] for i in ids if i in by_id))


#: The meetings chart reads at most this many of the newest meetings (of an actor, or of a pair):
#: each one's formality and initiator is a lookup in ``events``, and an actor with 90,000 meetings
#: took 2 s on the million-event store (bench/desk_bench.py); the pages say when the chart is cut.
ACTIVITY_CAP = 5000


def activity(store: Store, name: str, other: str | None = None, *, limit: int = ACTIVITY_CAP) -> list[Row]:
    """The newest meetings of an actor (with another, when given) per month and formality, and how many it asked for."""
    ids = resolve_actor(store, name)
    marks = _marks(ids)
    if other:
        scans = [("event_pairs p", "p.actor_a = ? AND p.actor_b = ?", [x, y])
                 for x, y in _pair_keys(ids, resolve_actor(store, other))]
    else:
        scans = [("event_participants p", f"p.actor_id IN ({marks}) AND p.side = 'participant'", list(ids))]
    counts: Counter[tuple[str, str, bool]] = Counter()
    for table, condition, params in scans:
        for r in store.fetchall(
            f"SELECT substr(CAST(x.approx_date AS TEXT), 1, 7) AS month, e.formality, "
            f"CASE WHEN e.initiator_id IN ({marks}) THEN 1 ELSE 0 END AS asked, COUNT(*) AS n "
            f"FROM (SELECT p.event_id, p.approx_date FROM {table} WHERE {condition} AND p.plover = 'CONSULT' "
            f"AND p.approx_date IS NOT NULL ORDER BY p.approx_date DESC LIMIT ?) x JOIN events e ON e.id = x.event_id "
            f"GROUP BY 1, 2, 3", [*ids, *params, limit],
        ):
            counts[(r["month"], r["formality"], bool(r["asked"]))] += int(r["n"])
    return [{"month": m, "formality": f, "asked": a, "meetings": n} for (m, f, a), n in sorted(counts.items())]


#: Plover types of a stance one actor takes towards another.
STANCES = {"SUPPORT": "praise", "ACCUSE": "criticism"}


def stances(store: Store, a: str, b: str, *, limit: int = 500) -> list[Row]:
    """Praise and criticism between two actors, oldest first: who spoke, of whom, when, the evidence."""
    ids_a, ids_b = resolve_actor(store, a), resolve_actor(store, b)
    rows: list[Row] = []
    for first, second in _pair_keys(ids_a, ids_b):
        rows += store.fetchall(
            f"SELECT {_EVENT_COLUMNS} FROM event_pairs p JOIN events e ON e.id = p.event_id WHERE p.actor_a = ? "
            "AND p.actor_b = ? AND p.plover IN ('SUPPORT', 'ACCUSE') ORDER BY p.approx_date LIMIT ?",
            [first, second, limit])
    events = _event_details(store, rows)
    ids = [e["event_id"] for e in events]
    sides = store.fetchall(
        f"SELECT event_id, actor_id, side FROM event_participants WHERE event_id IN ({_marks(ids)}) "
        "AND side IN ('source', 'target')", ids) if ids else []
    out = []
    for event in events:
        speakers = {s["actor_id"] for s in sides if s["event_id"] == event["event_id"] and s["side"] == "source"}
        by = "a" if speakers & set(ids_a) else "b" if speakers & set(ids_b) else None
        out.append({"date": event["date"], "event_id": event["event_id"], "stance": STANCES[event["plover"]],
                    "cameo": event["cameo"], "by": by, "n_sources": event["n_sources"], "sources": event["sources"]})
    out.sort(key=lambda r: (str(r["date"] or ""), r["event_id"]))
    return out[:limit]


def pair(store: Store, a: str, b: str, *, limit: int = 100) -> Row:
    """Two actors: every meeting (newest first), what each said about the other, praise and criticism."""
    first, second = _one_actor(store, a), _one_actor(store, b)
    if first["id"] == second["id"]:
        raise QueryError("b", f"{b!r} names the same actor as {a!r}; a pair needs two actors")
    n = sum(int(store.fetchall(
        "SELECT COUNT(*) AS n FROM event_pairs WHERE actor_a = ? AND actor_b = ? AND plover = 'CONSULT'", [x, y],
    )[0]["n"]) for x, y in _pair_keys(resolve_actor(store, a), resolve_actor(store, b)))
    return {
        "a": first,
        "b": second,
        "meetings": n,
        "recent_meetings": meetings(store, a, b, limit=limit),
        "activity": activity(store, a, b),
        "a_about_b": quotes(store, by=a, about=b, limit=limit),
        "b_about_a": quotes(store, by=b, about=a, limit=limit),
        "stances": stances(store, a, b),
    }


#: The home page ranks pairs and actors over this many of the newest meetings: the whole record of a
#: small corpus, the last months of a large one, at a bounded cost (bench/desk_bench.py).
RECENT_MEETINGS = 5000


def recent_since(store: Store, *, newest: int = RECENT_MEETINGS) -> dt.date | None:
    """The date from which the newest ``newest`` held meetings run; None when the store holds fewer."""
    rows = store.fetchall(
        "SELECT p.approx_date AS d FROM event_pairs p WHERE p.plover = 'CONSULT' AND p.status = 'held' "
        "AND p.approx_date IS NOT NULL ORDER BY p.approx_date DESC LIMIT 1 OFFSET ?", [newest - 1])
    if not rows:
        return None
    return dt.date.fromisoformat(str(clean(rows[0])["d"])[:10])


def most_active(store: Store, *, newest: int = RECENT_MEETINGS, limit: int = 10) -> Row:
    """The pairs that met most and the actors in most meetings, over the newest held meetings."""
    rows = store.fetchall(
        "SELECT p.event_id, p.actor_a, p.actor_b, p.approx_date FROM event_pairs p WHERE p.plover = 'CONSULT' "
        "AND p.status = 'held' AND p.approx_date IS NOT NULL ORDER BY p.approx_date DESC LIMIT ?", [newest])
    pairs: Counter[tuple[str, str]] = Counter()
    events: dict[str, set[str]] = {}
    for r in rows:
        pairs[(r["actor_a"], r["actor_b"])] += 1
        for actor in (r["actor_a"], r["actor_b"]):
            events.setdefault(actor, set()).add(r["event_id"])
    top_pairs = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:limit]
    top_actors = sorted(events.items(), key=lambda item: (-len(item[1]), item[0]))[:limit]
    names = _names(store, [a for (a, b), _ in top_pairs] + [b for (a, b), _ in top_pairs] + [a for a, _ in top_actors])
    dates = [clean({"d": r["approx_date"]})["d"] for r in rows]
    return {
        "since": min(dates) if dates else None,
        "until": max(dates) if dates else None,
        "pairs": [{"source": a, "source_name": names.get(a), "target": b, "target_name": names.get(b), "weight": n}
                  for (a, b), n in top_pairs],
        "actors": [{"id": a, "name": names.get(a), "meetings": len(ids)} for a, ids in top_actors],
    }


#: Search facets are counted over at most this many matches of each kind.
FACET_SAMPLE = 5000


def search(
    store: Store,
    words: str,
    *,
    kind: str | None = None,
    outlet: str | None = None,
    year: str | None = None,
    limit: int = 50,
) -> Row:
    """Full text over quotes and event evidence, newest first, with counts by kind, outlet and year."""
    words = _search_words(words)
    if not words:
        raise QueryError("q", "give words to search for")
    if kind not in (None, "quote", "event"):
        raise QueryError("kind", f"{kind!r} is not a kind of record; use 'quote' or 'event'")
    if year is not None and not (len(year) == 4 and year.isdigit()):
        raise QueryError("year", f"{year!r} is not a year such as 2024")
    hits: list[Row] = []
    facets: dict[str, Counter[str]] = {"kind": Counter(), "outlet": Counter(), "year": Counter()}
    sampled = False
    for target, table, alias, extra_columns in (
        ("quote", "quote_sources", "qs", "qs.quote_id AS record_id, qs.text AS quote, q.speaker_id, s.name AS speaker_name"),
        ("event", "event_sources", "es", "es.event_id AS record_id, es.plover, es.kind AS event_kind, NULL AS speaker_id"),
    ):
        clause, params = store.search_clause(words, "quotes" if target == "quote" else "events")
        join = (" JOIN quotes q ON q.id = qs.quote_id LEFT JOIN actors s ON s.id = q.speaker_id"
                if target == "quote" else "")
        base = f"FROM {table} {alias} JOIN articles ar ON ar.id = {alias}.article_id{join} WHERE {clause}"
        sample = store.fetchall(
            f"SELECT ar.outlet, substr(CAST(ar.published AS TEXT), 1, 4) AS year {base} LIMIT ?", [*params, FACET_SAMPLE + 1])
        sampled = sampled or len(sample) > FACET_SAMPLE
        sample = sample[:FACET_SAMPLE]
        # Each facet counts the matches that the other two filters keep.
        kind_ok = kind in (None, target)
        for r in sample:
            outlet_ok, year_ok = outlet in (None, r["outlet"]), year in (None, r["year"])
            if outlet_ok and year_ok:
                facets["kind"][target] += 1
            if kind_ok and year_ok:
                facets["outlet"][r["outlet"] or ""] += 1
            if kind_ok and outlet_ok:
                facets["year"][r["year"] or ""] += 1
        if kind not in (None, target):
            continue
        filters, filter_params = "", []
        if outlet is not None:
            filters += " AND ar.outlet = ?"
            filter_params.append(outlet)
        if year is not None:
            filters += " AND ar.published >= ? AND ar.published <= ?"
            filter_params += [f"{year}-01-01", f"{year}-12-31"]
        hits += [dict(clean(r), type=target) for r in store.fetchall(
            f"SELECT {alias}.id AS report_id, {extra_columns}, {alias}.article_id, ar.title, ar.outlet, ar.url, "
            f"ar.published AS date, {alias}.evidence_start, {alias}.evidence_end, {alias}.evidence_text "
            f"{base}{filters} ORDER BY ar.published DESC, {alias}.id DESC LIMIT ?", [*params, *filter_params, limit])]
    hits.sort(key=lambda r: (str(r["date"] or ""), r["type"], r["report_id"]), reverse=True)
    return {
        "q": words,
        "hits": hits[:limit],
        "facets": {name: [{"value": v, "n": n} for v, n in counts.most_common(20)] for name, counts in facets.items()},
        "facets_sampled": sampled,
    }
