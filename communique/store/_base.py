"""The store logic both back ends share; they supply connections, locking and a few SQL words.

SQL here is written with ``?`` placeholders in the subset SQLite and PostgreSQL agree on; the
PostgreSQL back end rewrites the placeholders.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from ..errors import StoreError
from ..records import Analysis, Article, Event, Quote
from . import _match

SCHEMA_VERSION = 2  # 2: event_sources.actor_codes (issue 11)
SaveOutcome = Literal["saved", "replaced", "unchanged"]
Row = dict[str, Any]


@dataclass(frozen=True)
class StoredArticle:
    """An article's row: what was analysed, when, and by which pipeline and KB."""

    id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: dt.date | None
    pipeline_version: str
    kb_version: str
    analysed_at: str


def to_date(value: Any) -> dt.date | None:
    """A date from a column value (SQLite keeps ISO text, PostgreSQL a date)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def redact(url: str) -> str:
    """The URL without its password, for messages and reports."""
    head, sep, tail = url.partition("@")
    scheme, slashes, creds = head.partition("//")
    if not sep or not slashes or ":" not in creds:
        return url
    return f"{scheme}//{creds.split(':', 1)[0]}:***@{tail}"


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def schema_statements(words: dict[str, str]) -> list[str]:
    """The DDL statements of ``schema.sql`` with the dialect's words filled in."""
    text = (resources.files("communique.store") / "schema.sql").read_text(encoding="utf-8")
    lines = [line.split("--", 1)[0].rstrip() for line in text.splitlines()]
    body = "\n".join(lines)
    for key, value in words.items():
        body = body.replace("{" + key + "}", value)
    return [stmt.strip() for stmt in body.split(";\n") if stmt.strip().rstrip(";")]


class SQLStore:
    """Everything a store does, in portable SQL; subclasses connect and lock."""

    dialect: str = ""
    url: str = ""

    # -- hooks the back ends implement ----------------------------------------------------
    def _write(self) -> Any:
        """A context manager: one exclusive write transaction, yielding a cursor-like object."""
        raise NotImplementedError

    def _read(self) -> Any:
        """A context manager yielding a cursor-like object for reads."""
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def _bool(self, value: bool) -> Any:
        return value

    def search_clause(self, words: str, target: Literal["quotes", "events"]) -> tuple[str, list[Any]]:
        """A WHERE fragment over ``quote_sources qs`` or ``event_sources es`` matching ``words``."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def search_count(self, words: str, at_most: int) -> int:
        """How many quote reports match ``words``, counting no further than ``at_most``."""
        clause, params = self.search_clause(words, "quotes")
        rows = self.fetchall(
            f"SELECT COUNT(*) AS n FROM (SELECT 1 AS x FROM quote_sources qs WHERE {clause} LIMIT ?) hits",
            [*params, at_most],
        )
        return int(rows[0]["n"])

    def search_within(self, words: str, source_ids: Sequence[int]) -> set[int]:
        """Which of these quote reports match ``words``."""
        if not source_ids:
            return set()
        clause, params = self.search_clause(words, "quotes")
        marks = ", ".join("?" for _ in source_ids)
        rows = self.fetchall(f"SELECT qs.id FROM quote_sources qs WHERE qs.id IN ({marks}) AND {clause}",
                             [*source_ids, *params])
        return {int(r["id"]) for r in rows}

    # -- low level ------------------------------------------------------------------------
    def _exec(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _rows(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self._exec(cur, sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a read-only query written with ``?`` placeholders, as dicts."""
        with self._read() as cur:
            return self._rows(cur, sql, params)

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows in one transaction (bulk loads and benchmarks)."""
        if not rows:
            return
        marks = ", ".join("?" for _ in columns)
        sql = self._sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})")
        with self._write() as cur:
            cur.executemany(sql, [tuple(r) for r in rows])

    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        tables = (
            "articles", "actors", "mentions", "offices", "quotes", "quote_sources", "quote_about",
            "events", "event_participants", "event_pairs", "event_sources",
        )
        with self._read() as cur:
            return {t: int(self._rows(cur, f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]) for t in tables}

    def schema_version(self) -> int:
        rows = self.fetchall("SELECT MAX(version) AS v FROM schema_version")
        return int(rows[0]["v"] or 0)

    # -- articles -------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return bool(self.fetchall("SELECT 1 AS x FROM articles WHERE id = ?", [article_id]))

    def article_state(self, article_id: str) -> tuple[str, str, str] | None:
        """(pipeline version, KB version, analysis digest) of a stored article, or None."""
        rows = self.fetchall(
            "SELECT pipeline_version, kb_version, analysis_digest FROM articles WHERE id = ?", [article_id]
        )
        if not rows:
            return None
        return rows[0]["pipeline_version"], rows[0]["kb_version"], rows[0]["analysis_digest"]

    def articles(self) -> list[StoredArticle]:
        rows = self.fetchall(
            "SELECT id, url, title, outlet, published, pipeline_version, kb_version, analysed_at "
            "FROM articles ORDER BY published, id"
        )
        return [self._stored(r) for r in rows]

    def stale(self, pipeline_version: str, kb_version: str) -> list[StoredArticle]:
        """Articles analysed by another pipeline or KB version than the ones given."""
        rows = self.fetchall(
            "SELECT id, url, title, outlet, published, pipeline_version, kb_version, analysed_at "
            "FROM articles WHERE pipeline_version <> ? OR kb_version <> ? ORDER BY published, id",
            [pipeline_version, kb_version],
        )
        return [self._stored(r) for r in rows]

    def load_article(self, article_id: str) -> Article:
        """The stored article, as it was analysed."""
        rows = self.fetchall("SELECT * FROM articles WHERE id = ?", [article_id])
        if not rows:
            raise StoreError(redact(self.url), f"no article with id {article_id!r} in the store")
        r = rows[0]
        return Article(
            text=r["text"], title=r["title"], outlet=r["outlet"], author=r["author"],
            published=to_date(r["published"]), published_text=r["published_text"], url=r["url"],
            source=r["source"] or "<store>", language=r["language"] or "en",
        )

    @staticmethod
    def _stored(r: Row) -> StoredArticle:
        return StoredArticle(
            id=r["id"], url=r["url"], title=r["title"], outlet=r["outlet"], published=to_date(r["published"]),
            pipeline_version=r["pipeline_version"], kb_version=r["kb_version"], analysed_at=str(r["analysed_at"]),
        )

    # -- saving ---------------------------------------------------------------------------
    def save(self, article: Article, analysis: Analysis) -> SaveOutcome:
        """Store one article's analysis in one transaction; re-saving identical input changes nothing.

        Example::

            store.save(article, pipeline.analyze(article))  # -> "saved"
        """
        with self._write() as cur:
            return self._save_in(cur, article, analysis)

    def save_many(self, pairs: Sequence[tuple[Article, Analysis]]) -> list[SaveOutcome]:
        """Store many articles' analyses in one transaction (a batch chunk); each as ``save`` would.

        Either every pair is stored or, on an error, none is.
        """
        with self._write() as cur:
            return [self._save_in(cur, article, analysis) for article, analysis in pairs]

    def _save_in(self, cur: Any, article: Article, analysis: Analysis) -> SaveOutcome:
        digest = _match.short_hash(analysis.model_dump_json(exclude={"article": {"text"}}), article.outlet)
        old = self._rows(
            cur, "SELECT pipeline_version, kb_version, analysis_digest FROM articles WHERE id = ?", [article.id]
        )
        if old and old[0]["analysis_digest"] == digest:
            return "unchanged"
        if old:
            self._remove_article(cur, article.id)
        self._insert_article(cur, article, analysis, digest)
        self._save_records(cur, article, analysis)
        return "replaced" if old else "saved"

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and its reports; merged records lose that source."""
        with self._write() as cur:
            if not self._rows(cur, "SELECT 1 AS x FROM articles WHERE id = ?", [article_id]):
                return False
            self._remove_article(cur, article_id)
        return True

    def _insert_article(self, cur: Any, article: Article, analysis: Analysis, digest: str) -> None:
        self._exec(
            cur,
            "INSERT INTO articles (id, url, title, outlet, author, published, published_text, language, source, "
            "pipeline_version, pipeline_model, kb_version, analysis_digest, analysed_at, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.id, article.url, article.title, article.outlet, article.author, iso(article.published),
                article.published_text, article.language, article.source, analysis.pipeline.version,
                analysis.pipeline.model, analysis.pipeline.kb, digest,
                dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), article.text,
            ],
        )

    def _remove_article(self, cur: Any, article_id: str) -> None:
        events = [r["event_id"] for r in self._rows(
            cur, "SELECT DISTINCT event_id FROM event_sources WHERE article_id = ?", [article_id])]
        quotes = [r["quote_id"] for r in self._rows(
            cur, "SELECT DISTINCT quote_id FROM quote_sources WHERE article_id = ?", [article_id])]
        for table in ("event_sources", "quote_sources", "quote_about", "mentions", "offices"):
            self._exec(cur, f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        self._exec(cur, "DELETE FROM articles WHERE id = ?", [article_id])
        for event_id in events:
            self._refresh_event(cur, event_id)
        for quote_id in quotes:
            self._refresh_quote(cur, quote_id)

    def _ensure_actor(self, cur: Any, actor_id: str) -> None:
        # Records may name an actor the analysis does not list; keep the reference valid.
        self._exec(
            cur,
            "INSERT INTO actors (id, name, kind) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
            [actor_id, actor_id, "person"],
        )

    def _save_records(self, cur: Any, article: Article, analysis: Analysis) -> None:
        for actor in analysis.actors:
            self._exec(
                cur,
                "INSERT INTO actors (id, name, kind, country, cameo) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                "country = COALESCE(excluded.country, actors.country), cameo = COALESCE(excluded.cameo, actors.cameo)",
                [actor.id, actor.name, actor.kind, actor.country, actor.codes.get("cameo")],
            )
            for m in actor.mentions:
                self._exec(
                    cur,
                    "INSERT INTO mentions (article_id, actor_id, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)",
                    [article.id, actor.id, m.start, m.end, m.text],
                )
        known = {a.id for a in analysis.actors}

        def ensure(actor_id: str | None) -> None:
            if actor_id and actor_id not in known:
                self._ensure_actor(cur, actor_id)
                known.add(actor_id)

        for role in analysis.roles:
            ensure(role.person)
            self._exec(
                cur,
                "INSERT INTO offices (article_id, person_id, role, of_name, reported_on, evidence_start, "
                "evidence_end, evidence_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [article.id, role.person, role.role, role.of, iso(article.published),
                 role.evidence.start, role.evidence.end, role.evidence.text],
            )
        for quote in analysis.quotes:
            ensure(quote.speaker)
            for about in quote.about:
                ensure(about)
            self._save_quote(cur, article, quote)
        for event in analysis.events:
            for actor_id in (*event.source, *event.target, *event.participants, event.initiator):
                ensure(actor_id)
            self._save_event(cur, article, event)

    # -- quotes ---------------------------------------------------------------------------
    def _find_quote(self, cur: Any, speaker: str | None, norm: str, published: dt.date | None) -> str | None:
        speaker_sql = "speaker_id = ?" if speaker else "speaker_id IS NULL"
        speaker_params: list[Any] = [speaker] if speaker else []
        exact = self._rows(
            cur, f"SELECT id FROM quotes WHERE norm_hash = ? AND {speaker_sql} ORDER BY id LIMIT 1",
            [_match.short_hash(norm), *speaker_params],
        )
        if exact:
            return str(exact[0]["id"])
        if not speaker:
            return None  # without a speaker, only identical words are the same quote
        if published:
            lo, hi = _match.window(published, _match.QUOTE_WINDOW_DAYS)
            rows = self._rows(
                cur, "SELECT id, norm_text FROM quotes WHERE speaker_id = ? AND first_reported BETWEEN ? AND ? "
                "ORDER BY first_reported, id", [speaker, iso(lo), iso(hi)],
            )
        else:
            rows = self._rows(
                cur, "SELECT id, norm_text FROM quotes WHERE speaker_id = ? AND first_reported IS NULL ORDER BY id",
                [speaker],
            )
        for row in rows:
            if _match.quotes_match(norm, row["norm_text"]):
                return str(row["id"])
        return None

    def _save_quote(self, cur: Any, article: Article, quote: Quote) -> None:
        norm = _match.normalise_quote(quote.text)
        quote_id = self._find_quote(cur, quote.speaker, norm, article.published)
        if quote_id is None:
            quote_id = _match.short_hash("quote", article.id, quote.start, quote.end, quote.speaker)
            self._exec(
                cur,
                "INSERT INTO quotes (id, speaker_id, text, norm_text, norm_hash, direct, cue, first_reported, n_sources) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [quote_id, quote.speaker, quote.text, norm, _match.short_hash(norm), self._bool(quote.direct),
                 quote.cue, iso(article.published)],
            )
        mention = quote.speaker_mention.text if quote.speaker_mention else None
        self._exec(
            cur,
            "INSERT INTO quote_sources (quote_id, article_id, speaker_mention, text, start_char, end_char, direct, "
            "cue, rule, evidence_start, evidence_end, evidence_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [quote_id, article.id, mention, quote.text, quote.start, quote.end, self._bool(quote.direct), quote.cue,
             quote.rule, quote.evidence.start, quote.evidence.end, quote.evidence.text],
        )
        for about in dict.fromkeys(quote.about):
            self._exec(
                cur,
                "INSERT INTO quote_about (quote_id, actor_id, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [quote_id, about, article.id],
            )
        self._refresh_quote(cur, quote_id)

    def _refresh_quote(self, cur: Any, quote_id: str) -> None:
        rows = self._rows(
            cur,
            "SELECT qs.text, qs.direct, qs.cue, qs.article_id, a.published FROM quote_sources qs "
            "JOIN articles a ON a.id = qs.article_id WHERE qs.quote_id = ? ORDER BY a.published, qs.id",
            [quote_id],
        )
        if not rows:
            self._exec(cur, "DELETE FROM quote_about WHERE quote_id = ?", [quote_id])
            self._exec(cur, "DELETE FROM quotes WHERE id = ?", [quote_id])
            return
        dates = [d for d in (to_date(r["published"]) for r in rows) if d is not None]
        # The longest report is usually the fullest wording of the quote.
        longest = max(rows, key=lambda r: len(r["text"]))
        self._exec(
            cur,
            "UPDATE quotes SET text = ?, direct = ?, first_reported = ?, n_sources = ? WHERE id = ?",
            [longest["text"], self._bool(any(bool(r["direct"]) for r in rows)), iso(min(dates)) if dates else None,
             len({r["article_id"] for r in rows}), quote_id],
        )

    # -- events ---------------------------------------------------------------------------
    @staticmethod
    def _participants(event: Event) -> list[str]:
        return sorted(set(event.participants) | set(event.source) | set(event.target))

    def _find_event(self, cur: Any, event: Event, key: str, article: Article) -> str | None:
        """The stored event this report is one more source of: the same people (by id, else by a
        variant of their names), status and kind of contact, dated within a few days; a report
        that gives no date joins the latest earlier meeting of the same people at the same place."""
        day = event.date or article.published
        if day is None:
            return None  # nothing to tell two undated, unpublished reports apart
        lo, hi = _match.window(day, _match.EVENT_WINDOW_DAYS)
        if event.date is None and event.location:
            lo = day - dt.timedelta(days=_match.BACK_REFERENCE_DAYS)
        rows = self._rows(
            cur,
            "SELECT id, kind, status, approx_date, place, participants_key, EXISTS (SELECT 1 FROM event_sources es "
            "WHERE es.event_id = events.id AND es.article_id = ?) AS same_article FROM events WHERE plover = ? "
            "AND status = ? AND approx_date BETWEEN ? AND ? ORDER BY approx_date, id",
            [article.id, event.plover, event.status, iso(lo), iso(hi)],
        )
        # two records of one article are two contacts by construction (a visit and its dinner)
        rows = [r for r in rows if _match.kinds_compatible(r["kind"], event.kind) and not r["same_article"]]
        fits = [r for r in rows if r["participants_key"] == key]
        if not fits and rows:
            ours = self._names(cur, key.split("|"))
            fits = [r for r in rows if _match.same_people(ours, self._names(cur, r["participants_key"].split("|")))]
        if event.date is None and event.location:
            near = [r for r in fits if abs(((to_date(r["approx_date"]) or day) - day).days) <= _match.EVENT_WINDOW_DAYS]
            fits = near or [r for r in fits if _match.same_place(event.location, r["place"])]
        if not fits:
            return None
        best = min(fits, key=lambda r: abs(((to_date(r["approx_date"]) or day) - day).days))
        return str(best["id"])

    def _names(self, cur: Any, ids: list[str]) -> list[str]:
        marks = ", ".join("?" for _ in ids)
        found = {r["id"]: r["name"] for r in self._rows(cur, f"SELECT id, name FROM actors WHERE id IN ({marks})", ids)}
        return [found.get(i, i) for i in ids]

    def _save_event(self, cur: Any, article: Article, event: Event) -> None:
        people = self._participants(event)
        key = _match.participants_key(people)
        event_id = self._find_event(cur, event, key, article)
        if event_id is None:
            event_id = _match.short_hash("event", article.id, key, event.plover, event.evidence.start)
            n = 1
            while self._rows(cur, "SELECT 1 FROM events WHERE id = ?", [event_id]):
                # a second contact of the same people in one sentence ("a visit ... and talks"): its own id,
                # the same on every re-run because records are saved in order
                n += 1
                event_id = _match.short_hash("event", article.id, key, event.plover, event.evidence.start, event.kind, n)
            self._exec(
                cur,
                "INSERT INTO events (id, plover, mode, cameo, kind, formality, initiator_id, recurring, status, date, "
                "date_text, approx_date, place, participants_key, n_sources) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                [event_id, event.plover, event.mode, event.cameo, event.kind, event.formality, event.initiator,
                 self._bool(event.recurring), event.status, iso(event.date), event.date_text,
                 iso(event.date or article.published), event.location, key],
            )
        self._exec(
            cur,
            "INSERT INTO event_sources (event_id, article_id, plover, mode, cameo, kind, formality, initiator_id, "
            "recurring, status, date, date_text, place, source_ids, target_ids, participant_ids, confidence, "
            "evidence_start, evidence_end, evidence_text, more_evidence, actor_codes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [event_id, article.id, event.plover, event.mode, event.cameo, event.kind, event.formality,
             event.initiator, self._bool(event.recurring), event.status, iso(event.date), event.date_text,
             event.location, json.dumps(event.source), json.dumps(event.target), json.dumps(event.participants),
             event.confidence, event.evidence.start, event.evidence.end, event.evidence.text,
             json.dumps([e.model_dump() for e in event.more_evidence]), json.dumps(event.actor_codes)],
        )
        self._refresh_event(cur, event_id)

    def _refresh_event(self, cur: Any, event_id: str) -> None:
        """Recompute a merged event from its remaining reports, or drop it when none remain."""
        rows = self._rows(
            cur,
            "SELECT es.*, a.published FROM event_sources es JOIN articles a ON a.id = es.article_id "
            "WHERE es.event_id = ? ORDER BY a.published, es.id",
            [event_id],
        )
        for table in ("event_participants", "event_pairs"):
            self._exec(cur, f"DELETE FROM {table} WHERE event_id = ?", [event_id])
        if not rows:
            self._exec(cur, "DELETE FROM events WHERE id = ?", [event_id])
            return
        lead = rows[0]

        def first(column: str, skip: object = None) -> Any:
            return next((r[column] for r in rows if r[column] is not None and r[column] != skip), lead[column])

        known = Counter(iso(to_date(r["date"])) for r in rows if r["date"] is not None)
        # The date most reports agree on; ties go to the earliest.
        date = min(known, key=lambda d: (-known[d], d)) if known else None
        published = [d for d in (to_date(r["published"]) for r in rows) if d is not None]
        approx = date or (iso(min(published)) if published else None)
        date_text = next((r["date_text"] for r in rows if iso(to_date(r["date"])) == date and r["date_text"]), None)
        self._exec(
            cur,
            "UPDATE events SET plover = ?, mode = ?, cameo = ?, kind = ?, formality = ?, initiator_id = ?, "
            "recurring = ?, status = ?, date = ?, date_text = ?, approx_date = ?, place = ?, n_sources = ? "
            "WHERE id = ?",
            [lead["plover"], first("mode"), lead["cameo"], first("kind"), first("formality", "unspecified"),
             first("initiator_id"), self._bool(any(bool(r["recurring"]) for r in rows)), lead["status"], date,
             date_text or first("date_text"), approx, first("place"), len({r["article_id"] for r in rows}),
             event_id],
        )
        sides: dict[tuple[str, str], None] = {}
        for r in rows:
            for side, column in (("source", "source_ids"), ("target", "target_ids"), ("participant", "participant_ids")):
                for actor_id in json.loads(r[column]):
                    sides[(actor_id, side)] = None
            for actor_id in set(json.loads(r["source_ids"])) | set(json.loads(r["target_ids"])):
                sides[(actor_id, "participant")] = None
        for actor_id, side in sides:
            self._exec(
                cur,
                "INSERT INTO event_participants (event_id, actor_id, side, plover, status, approx_date) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [event_id, actor_id, side, lead["plover"], lead["status"], approx],
            )
        people = sorted({actor_id for actor_id, _ in sides})
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                self._exec(
                    cur,
                    "INSERT INTO event_pairs (event_id, actor_a, actor_b, plover, status, approx_date) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [event_id, a, b, lead["plover"], lead["status"], approx],
                )

    # -- migrations -----------------------------------------------------------------------
    def _migrate(self, cur: Any, words: dict[str, str], extra: Sequence[str]) -> None:
        """Bring the schema to ``SCHEMA_VERSION``; call inside the write lock."""
        self._exec(cur, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
        current = self._rows(cur, "SELECT MAX(version) AS v FROM schema_version")[0]["v"] or 0
        if current > SCHEMA_VERSION:
            raise StoreError(
                redact(self.url),
                f"the database has schema version {current}, newer than this communique ({SCHEMA_VERSION}); "
                "upgrade communique",
            )
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        if current < 1:
            for stmt in [*schema_statements(words), *extra]:
                self._exec(cur, stmt)
            self._exec(cur, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", [SCHEMA_VERSION, now])
            return
        if current < 2:
            # CAMEO actor codes with agents per report of an event; older reports keep NULL
            self._exec(cur, "ALTER TABLE event_sources ADD COLUMN actor_codes TEXT")
            self._exec(cur, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", [2, now])
