"""Check a store's health: what a crash, a full disk or a bug could have left wrong (issue 14).

``examine(store)`` runs every check and returns ``Finding`` rows; a finding is ``ok``, a
``warning`` (worth knowing, nothing is broken: articles analysed by an older pipeline) or a
``problem`` (the store is inconsistent). ``communique doctor`` prints them and exits 1 when there
is a problem.

Example::

    from communique.doctor import examine
    from communique.store import open_store
    for finding in examine(open_store("sqlite:///corpus.db")):
        print(finding.status, finding.check, finding.detail)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from . import __version__
from .store import SCHEMA_VERSION, Store

Status = Literal["ok", "warning", "problem"]


@dataclass(frozen=True)
class Finding:
    """One check's verdict: which check, how it went, what was found, and how many rows it concerns."""

    check: str
    status: Status
    detail: str
    rows: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: (table, column, referenced table): every reference the schema makes between tables.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("mentions", "article_id", "articles"),
    ("mentions", "actor_id", "actors"),
    ("offices", "article_id", "articles"),
    ("offices", "person_id", "actors"),
    ("quotes", "speaker_id", "actors"),
    ("quote_sources", "quote_id", "quotes"),
    ("quote_sources", "article_id", "articles"),
    ("quote_about", "quote_id", "quotes"),
    ("quote_about", "actor_id", "actors"),
    ("quote_about", "article_id", "articles"),
    ("events", "initiator_id", "actors"),
    ("event_participants", "event_id", "events"),
    ("event_participants", "actor_id", "actors"),
    ("event_pairs", "event_id", "events"),
    ("event_pairs", "actor_a", "actors"),
    ("event_pairs", "actor_b", "actors"),
    ("event_sources", "event_id", "events"),
    ("event_sources", "article_id", "articles"),
)

#: (check name, SQL counting the rows that break it, what such rows are).
ORPHANS: tuple[tuple[str, str, str], ...] = (
    ("quotes without a report",
     "SELECT COUNT(*) AS n FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quote_sources s WHERE s.quote_id = q.id)",
     "quotes no article reports any more"),
    ("events without a report",
     "SELECT COUNT(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)",
     "events no article reports any more"),
    ("quote subjects without a report",
     "SELECT COUNT(*) AS n FROM quote_about qa WHERE NOT EXISTS (SELECT 1 FROM quote_sources s "
     "WHERE s.quote_id = qa.quote_id AND s.article_id = qa.article_id)",
     "'about' rows whose article does not report the quote"),
    ("quote source counts",
     "SELECT COUNT(*) AS n FROM quotes q WHERE q.n_sources <> "
     "(SELECT COUNT(DISTINCT s.article_id) FROM quote_sources s WHERE s.quote_id = q.id)",
     "quotes whose n_sources differs from their reporting articles"),
    ("event source counts",
     "SELECT COUNT(*) AS n FROM events e WHERE e.n_sources <> "
     "(SELECT COUNT(DISTINCT s.article_id) FROM event_sources s WHERE s.event_id = e.id)",
     "events whose n_sources differs from their reporting articles"),
    ("event pairs in step",
     "SELECT COUNT(*) AS n FROM event_pairs p WHERE NOT EXISTS (SELECT 1 FROM event_participants a "
     "WHERE a.event_id = p.event_id AND a.actor_id = p.actor_a) OR NOT EXISTS (SELECT 1 FROM event_participants b "
     "WHERE b.event_id = p.event_id AND b.actor_id = p.actor_b)",
     "pairs naming someone who is not a participant of their event"),
)

#: (check name, SQL counting records whose offsets do not cut their text out of the article).
OFFSETS: tuple[tuple[str, str], ...] = (
    ("mention offsets",
     "SELECT COUNT(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id "
     "WHERE substr(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.text"),
    ("quote offsets",
     "SELECT COUNT(*) AS n FROM quote_sources q JOIN articles a ON a.id = q.article_id "
     "WHERE substr(a.text, q.start_char + 1, q.end_char - q.start_char) <> q.text"),
    ("quote evidence offsets",
     "SELECT COUNT(*) AS n FROM quote_sources q JOIN articles a ON a.id = q.article_id "
     "WHERE NOT {contains}(substr(a.text, q.evidence_start + 1, q.evidence_end - q.evidence_start), q.evidence_text)"),
    ("event evidence offsets",
     "SELECT COUNT(*) AS n FROM event_sources e JOIN articles a ON a.id = e.article_id "
     "WHERE NOT {contains}(substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), e.evidence_text)"),
    ("office evidence offsets",
     "SELECT COUNT(*) AS n FROM offices o JOIN articles a ON a.id = o.article_id "
     "WHERE NOT {contains}(substr(a.text, o.evidence_start + 1, o.evidence_end - o.evidence_start), o.evidence_text)"),
)

#: How each dialect asks "does this text contain that one" as a boolean.
_CONTAINS = {"sqlite": "0 < instr", "postgresql": "0 < strpos"}


def _count(store: Store, sql: str) -> int:
    return int(store.fetchall(sql)[0]["n"])


def _schema(store: Store) -> Iterator[Finding]:
    rows = store.fetchall("SELECT MAX(version) AS v FROM schema_version")
    version = int(rows[0]["v"] or 0)
    if version == SCHEMA_VERSION:
        yield Finding("schema version", "ok", f"schema version {version}")
    else:
        yield Finding("schema version", "problem", f"schema version {version}; this communique expects {SCHEMA_VERSION}")


def _storage(store: Store) -> Iterator[Finding]:
    for check, problems in store.storage_problems():
        if problems:
            yield Finding(check, "problem", "; ".join(problems[:5]), len(problems))
        else:
            yield Finding(check, "ok", "no damage found")


def _references(store: Store) -> Iterator[Finding]:
    for table, column, parent in REFERENCES:
        n = _count(store, f"SELECT COUNT(*) AS n FROM {table} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
                          f"(SELECT 1 FROM {parent} p WHERE p.id = c.{column})")
        check = f"{table}.{column} -> {parent}"
        if n:
            yield Finding(check, "problem", f"{n} rows of {table} point at {parent} that do not exist", n)
        else:
            yield Finding(check, "ok", "every reference resolves")


def _orphans(store: Store) -> Iterator[Finding]:
    for check, sql, what in ORPHANS:
        n = _count(store, sql)
        yield Finding(check, "problem", f"{n} {what}", n) if n else Finding(check, "ok", "none")
    unused = _count(store, "SELECT COUNT(*) AS n FROM actors a WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE "
                           "m.actor_id = a.id) AND NOT EXISTS (SELECT 1 FROM event_participants p WHERE p.actor_id = a.id) "
                           "AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = a.id) AND NOT EXISTS "
                           "(SELECT 1 FROM offices o WHERE o.person_id = a.id) AND NOT EXISTS "
                           "(SELECT 1 FROM quote_about qa WHERE qa.actor_id = a.id)")
    # actors are shared by articles and kept when their last article goes: worth knowing, not wrong
    yield (Finding("actors in use", "warning", f"{unused} actors no stored record refers to", unused) if unused
           else Finding("actors in use", "ok", "every actor is referred to"))


def _offsets(store: Store) -> Iterator[Finding]:
    contains = _CONTAINS.get(store.dialect, "0 < instr")
    for check, sql in OFFSETS:
        n = _count(store, sql.replace("{contains}", contains))
        if n:
            yield Finding(check, "problem", f"{n} rows whose offsets do not cut their text out of the article", n)
        else:
            yield Finding(check, "ok", "every offset points at its text")


def _search(store: Store) -> Iterator[Finding]:
    for check, problems in store.search_index_problems():
        if problems:
            yield Finding(check, "problem", "; ".join(problems[:5]) + "; run `communique doctor --repair`", len(problems))
        else:
            yield Finding(check, "ok", "the full-text index matches its table")


def _versions(store: Store, kb_version: str | None) -> Iterator[Finding]:
    rows = store.fetchall(
        "SELECT pipeline_version, kb_version, COUNT(*) AS n FROM articles GROUP BY pipeline_version, kb_version "
        "ORDER BY COUNT(*) DESC"
    )
    if not rows:
        yield Finding("pipeline and KB versions", "ok", "the store holds no articles yet")
        return
    described = ", ".join(f"{r['n']} by pipeline {r['pipeline_version']} with KB {r['kb_version']}" for r in rows)
    stale = sum(int(r["n"]) for r in rows if r["pipeline_version"] != __version__
                or (kb_version is not None and r["kb_version"] != kb_version))
    current = f"pipeline {__version__}" + (f" with KB {kb_version}" if kb_version else "")
    if stale:
        yield Finding("pipeline and KB versions", "warning",
                      f"{stale} articles were analysed by another version than {current} ({described}); "
                      "`communique reanalyze --stale` brings them up to date", stale)
    else:
        yield Finding("pipeline and KB versions", "ok", f"every article was analysed by {current}")


def examine(store: Store, *, kb_version: str | None = None) -> list[Finding]:
    """Every check's finding, storage first; ``kb_version`` is the current KB's (None: not compared)."""
    checks: list[Callable[[Store], Iterator[Finding]]] = [_storage, _schema, _references, _orphans, _offsets, _search]
    findings = [finding for check in checks for finding in check(store)]
    findings += _versions(store, kb_version)
    return findings


def healthy(findings: list[Finding]) -> bool:
    """True when no finding is a problem (warnings are allowed)."""
    return all(f.status != "problem" for f in findings)
