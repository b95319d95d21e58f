"""The SQLite store: the embedded default, readable by Datasette as it is.

WAL lets readers work while one writer writes; every save is one ``BEGIN IMMEDIATE``
transaction, so two processes ingesting into one file take turns instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from ..errors import StoreError, StoreFullError, StoreReadOnlyError
from ._base import SCHEMA_VERSION, SQLStore

#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT = 60.0

_WORDS = {"pk": "INTEGER PRIMARY KEY", "date": "TEXT", "timestamp": "TEXT", "bool": "INTEGER"}

_SEARCH_DDL = [
    "CREATE VIRTUAL TABLE quote_search USING fts5(text, evidence_text, content='quote_sources', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER quote_sources_ai AFTER INSERT ON quote_sources BEGIN "
    "INSERT INTO quote_search (rowid, text, evidence_text) VALUES (new.id, new.text, new.evidence_text); END",
    "CREATE TRIGGER quote_sources_ad AFTER DELETE ON quote_sources BEGIN "
    "INSERT INTO quote_search (quote_search, rowid, text, evidence_text) "
    "VALUES ('delete', old.id, old.text, old.evidence_text); END",
    "CREATE VIRTUAL TABLE event_search USING fts5(evidence_text, content='event_sources', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER event_sources_ai AFTER INSERT ON event_sources BEGIN "
    "INSERT INTO event_search (rowid, evidence_text) VALUES (new.id, new.evidence_text); END",
    "CREATE TRIGGER event_sources_ad AFTER DELETE ON event_sources BEGIN "
    "INSERT INTO event_search (event_search, rowid, evidence_text) VALUES ('delete', old.id, old.evidence_text); END",
]


def sqlite_path(url: str) -> str:
    """The file path in a ``sqlite:///relative.db`` or ``sqlite:////absolute.db`` URL."""
    if url.startswith("sqlite://"):
        rest = url[len("sqlite://"):]
        path = rest[1:] if rest.startswith("/") else rest
        return path or ":memory:"
    return url


def fts_query(words: str) -> str:
    """An FTS5 query matching every word, with the user's punctuation made harmless."""
    tokens = [w.replace('"', "") for w in words.split()]
    return " ".join(f'"{t}"' for t in tokens if t)


class SQLiteStore(SQLStore):
    """A store in one SQLite file (or ``:memory:``)."""

    dialect = "sqlite"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(url, f"the folder {str(parent)!r} does not exist; create it or choose another path")
        try:
            # Autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE.
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(url, f"cannot open the SQLite database ({exc})") from exc
        self._lock = threading.RLock()
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            if self._needs_migration():
                with self._write() as cur:
                    self._migrate(cur, _WORDS, _SEARCH_DDL)
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._error(exc) from exc
        except StoreError:
            self._conn.close()
            raise

    def _needs_migration(self) -> bool:
        """Whether the schema is missing or older; a current one is only read (a read-only file opens)."""
        try:
            row = self._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return True
            raise
        return bool(row is None or (row[0] or 0) != SCHEMA_VERSION)

    def _error(self, exc: sqlite3.Error) -> StoreError:
        """The store error a SQLite failure means, saying what to do about it (issue 14)."""
        name = getattr(exc, "sqlite_errorname", "") or ""
        where = f"{self.path!r}" if self.path != ":memory:" else "the in-memory database"
        if name.startswith("SQLITE_READONLY") or "readonly" in str(exc):
            return StoreReadOnlyError(
                self.url, f"the database cannot be written ({exc}); check that {where} and its folder are writable "
                "(nothing was changed)",
            )
        if name == "SQLITE_FULL" or "is full" in str(exc):
            return StoreFullError(
                self.url, f"the disk or the database's size limit is full ({exc}); the article being saved was "
                "not stored and the rows already there are intact; free some space and run the command again",
            )
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return StoreError(
                self.url, f"{where} is damaged or not a SQLite database ({exc}); check it with `communique doctor`",
            )
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return StoreError(
                self.url, f"another process held the database's write lock for over {BUSY_TIMEOUT:.0f} s ({exc}); "
                "run the command again when it is done",
            )
        if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
            return StoreError(self.url, f"cannot read or write {where} ({exc}); is the disk full or gone?")
        return StoreError(self.url, f"SQLite failed ({exc})")

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
                try:
                    yield cur
                except BaseException:
                    if self._conn.in_transaction:  # SQLite may have rolled back already (a full disk)
                        cur.execute("ROLLBACK")
                    raise
                else:
                    cur.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise self._error(exc) from exc
            finally:
                cur.close()

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._lock:
            cur = self._conn.cursor()
            try:
                yield cur
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            finally:
                cur.close()

    def _bool(self, value: bool) -> Any:
        return int(value)

    def search_clause(self, words: str, target: Literal["quotes", "events"]) -> tuple[str, list[Any]]:
        if target == "quotes":
            return "qs.id IN (SELECT rowid FROM quote_search WHERE quote_search MATCH ?)", [fts_query(words)]
        return "es.id IN (SELECT rowid FROM event_search WHERE event_search MATCH ?)", [fts_query(words)]

    def search_count(self, words: str, at_most: int) -> int:
        # FTS5 counts a whole posting list faster than it stops early.
        rows = self.fetchall("SELECT COUNT(*) AS n FROM quote_search WHERE quote_search MATCH ?", [fts_query(words)])
        return min(int(rows[0]["n"]), at_most)

    def search_within(self, words: str, source_ids: Sequence[int]) -> set[int]:
        if not source_ids:
            return set()
        marks = ", ".join("?" for _ in source_ids)
        rows = self.fetchall(
            f"SELECT rowid AS id FROM quote_search WHERE quote_search MATCH ? AND rowid IN ({marks})",
            [fts_query(words), *source_ids],
        )
        return {int(r["id"]) for r in rows}

    # -- health (communique doctor) ------------------------------------------------------------
    def storage_problems(self) -> list[tuple[str, list[str]]]:
        """SQLite's own check of every page and index of the file."""
        rows = self.fetchall("PRAGMA integrity_check")
        messages = [str(next(iter(r.values()))) for r in rows]
        return [("database file", [] if messages == ["ok"] else messages)]

    def search_index_problems(self) -> list[tuple[str, list[str]]]:
        """Whether each FTS5 index holds exactly its table's rows, with the words they hold now."""
        found = []
        for index, table in (("quote_search", "quote_sources"), ("event_search", "event_sources")):
            problems = []
            missing = self.fetchall(f"SELECT COUNT(*) AS n FROM {table} WHERE id NOT IN (SELECT id FROM {index}_docsize)")
            extra = self.fetchall(f"SELECT COUNT(*) AS n FROM {index}_docsize WHERE id NOT IN (SELECT id FROM {table})")
            if missing[0]["n"]:
                problems.append(f"{missing[0]['n']} rows of {table} are missing from {index}")
            if extra[0]["n"]:
                problems.append(f"{extra[0]['n']} entries of {index} have no row in {table}")
            if not problems:
                problems += self._fts_content_check(index, table)
            found.append((f"full-text index {index}", problems))
        return found

    def _fts_content_check(self, index: str, table: str) -> list[str]:
        """FTS5's own comparison of the index with the words of its content table (a rolled-back no-op)."""
        with self._lock:
            try:
                self._conn.execute("BEGIN")
                self._conn.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.Error as exc:
                if "readonly" in str(exc):
                    return []  # a read-only file: the row comparison above is all that can be checked
                return [f"{index} does not match the words of {table} ({exc})"]
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
        return []

    def repair_search(self) -> None:
        """Rebuild the full-text indexes from their tables."""
        with self._write() as cur:
            for index in ("quote_search", "event_search"):
                cur.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after bulk loads)."""
        with self._write() as cur:
            cur.execute("ANALYZE")

    def close(self) -> None:
        with self._lock:
            self._conn.close()
