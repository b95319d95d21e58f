"""The PostgreSQL store, for teams (``pip install 'communique[pg]'``).

psycopg is imported when a store is opened, so the package works without it. Saves take one
transaction-scoped advisory lock: merging a report into an existing meeting must see every
earlier report, so writers take turns, as in SQLite; readers never wait.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from ..errors import StoreError, StoreFullError, StoreReadOnlyError
from ._base import SCHEMA_VERSION, SQLStore, redact

#: Advisory lock key shared by every communique writer on a database ("comm" in ASCII).
WRITE_LOCK = 0x636F6D6D

_WORDS = {"pk": "BIGSERIAL PRIMARY KEY", "date": "DATE", "timestamp": "TIMESTAMPTZ", "bool": "BOOLEAN"}

_SEARCH_DDL = [
    "ALTER TABLE quote_sources ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', text || ' ' || evidence_text)) STORED",
    "CREATE INDEX quote_sources_search ON quote_sources USING GIN (search)",
    "ALTER TABLE event_sources ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', evidence_text)) STORED",
    "CREATE INDEX event_sources_search ON event_sources USING GIN (search)",
]


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            "postgresql://",
            "PostgreSQL support needs psycopg 3, which is not installed; run pip install 'communique[pg]'",
        ) from exc
    return psycopg


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database given by a ``postgresql://`` URL."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        psycopg = _psycopg()
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(redact(url), f"cannot connect to PostgreSQL ({exc})") from exc
        try:
            if self._needs_migration():
                with self._write() as cur:
                    self._migrate(cur, _WORDS, _SEARCH_DDL)
        except StoreError:
            self._conn.close()
            raise

    def _needs_migration(self) -> bool:
        """Whether the schema is missing or older; a current one is only read (a read-only role can query)."""
        with self._read() as cur:
            cur.execute("SELECT to_regclass('schema_version') IS NOT NULL")
            if not cur.fetchone()[0]:
                return True
            cur.execute("SELECT MAX(version) FROM schema_version")
            row = cur.fetchone()
        return bool(row is None or (row[0] or 0) != SCHEMA_VERSION)

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _error(self, exc: Exception) -> StoreError:
        """The store error a PostgreSQL failure means, saying what to do about it (issue 14)."""
        state = getattr(exc, "sqlstate", None) or ""
        url = redact(self.url)
        if state in ("25006", "42501"):  # read_only_sql_transaction, insufficient_privilege
            return StoreReadOnlyError(
                url, f"the database cannot be written ({exc}); connect as a role that may write, or outside a "
                "read-only transaction (nothing was changed)",
            )
        if state in ("53100", "53400"):  # disk_full, configuration_limit_exceeded
            return StoreFullError(
                url, f"the server's disk is full ({exc}); the article being saved was not stored and the rows "
                "already there are intact; free some space and run the command again",
            )
        if state.startswith("08"):
            return StoreError(url, f"the connection to PostgreSQL was lost ({exc}); run the command again")
        return StoreError(url, f"PostgreSQL failed ({exc})")

    @contextmanager
    def _write(self) -> Iterator[Any]:
        psycopg = _psycopg()
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield cur
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def _read(self) -> Iterator[Any]:
        psycopg = _psycopg()
        try:
            with self._conn.cursor() as cur:
                yield cur
        except psycopg.Error as exc:
            raise self._error(exc) from exc

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Bulk insert with COPY, in one transaction."""
        if not rows:
            return
        with self._write() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def search_clause(self, words: str, target: Literal["quotes", "events"]) -> tuple[str, list[Any]]:
        alias = "qs" if target == "quotes" else "es"
        return f"{alias}.search @@ websearch_to_tsquery('english', ?)", [words]

    # -- health (communique doctor) ------------------------------------------------------------
    def storage_problems(self) -> list[tuple[str, list[str]]]:
        """The server guards its own pages; nothing to check from a client."""
        return []

    def search_index_problems(self) -> list[tuple[str, list[str]]]:
        """The search columns are generated by the server, so they are in step if they exist and are indexed."""
        found = []
        for table in ("quote_sources", "event_sources"):
            problems = []
            column = self.fetchall(
                "SELECT is_generated FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ? AND column_name = 'search'", [table],
            )
            if not column or column[0]["is_generated"] != "ALWAYS":
                problems.append(f"{table}.search is missing or not generated from the text")
            index = self.fetchall(
                "SELECT 1 AS x FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ? "
                "AND indexdef LIKE '%gin%(search)%'", [table],
            )
            if not index:
                problems.append(f"{table}.search has no GIN index")
            found.append((f"full-text search on {table}", problems))
        return found

    def repair_search(self) -> None:
        """Recreate a missing search index (the column itself is generated by the server)."""
        with self._write() as cur:
            for table in ("quote_sources", "event_sources"):
                cur.execute(f"CREATE INDEX IF NOT EXISTS {table}_search ON {table} USING GIN (search)")

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after bulk loads)."""
        tables = (
            "articles", "actors", "mentions", "offices", "quotes", "quote_sources", "quote_about", "events",
            "event_participants", "event_pairs", "event_sources",
        )
        with self._read() as cur:
            cur.execute(f"ANALYZE {', '.join(tables)}")

    def close(self) -> None:
        self._conn.close()

