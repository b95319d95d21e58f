"""Where analyses are kept: one logical schema on SQLite (default) or PostgreSQL.

Example::

    from communique.store import open_store
    store = open_store("sqlite:///corpus.db")      # or "postgresql://user@host/db"
    store.save(article, analysis)                  # idempotent, one transaction
    store.stale(pipeline_version, kb_version)      # articles to re-analyse

Both back ends merge reports across articles: one meeting told by three outlets is one row of
``events`` with three rows of ``event_sources``; the same quote carried by several outlets is
one row of ``quotes`` with several ``quote_sources``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal, Protocol, runtime_checkable

from ..errors import StoreError
from ..records import Analysis, Article
from ._base import SCHEMA_VERSION, Row, SaveOutcome, StoredArticle, redact

__all__ = ["DEFAULT_URL", "SCHEMA_VERSION", "SaveOutcome", "Store", "StoredArticle", "default_url", "open_store", "redact"]

DEFAULT_URL = "sqlite:///communique.db"


@runtime_checkable
class Store(Protocol):
    """What every back end offers; queries and exports use nothing else."""

    url: str
    dialect: str

    def save(self, article: Article, analysis: Analysis) -> SaveOutcome:
        """Store one article's analysis atomically; identical input is ``"unchanged"``."""

    def save_many(self, pairs: Sequence[tuple[Article, Analysis]]) -> list[SaveOutcome]:
        """Store many articles' analyses in one transaction, each as ``save`` would."""

    def delete_article(self, article_id: str) -> bool:
        """Remove an article and its reports."""

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored."""

    def article_state(self, article_id: str) -> tuple[str, str, str] | None:
        """(pipeline version, KB version, analysis digest) of a stored article."""

    def articles(self) -> list[StoredArticle]:
        """Every stored article's row."""

    def stale(self, pipeline_version: str, kb_version: str) -> list[StoredArticle]:
        """Articles analysed by another pipeline or KB version."""

    def load_article(self, article_id: str) -> Article:
        """A stored article, as analysed."""

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a read query written with ``?`` placeholders."""

    def search_clause(self, words: str, target: Literal["quotes", "events"]) -> tuple[str, list[Any]]:
        """A full-text WHERE fragment over ``quote_sources qs`` or ``event_sources es``."""

    def search_count(self, words: str, at_most: int) -> int:
        """How many quote reports match ``words``, up to ``at_most``."""

    def search_within(self, words: str, source_ids: Sequence[int]) -> set[int]:
        """Which of these quote reports (``quote_sources.id``) match ``words``."""

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Bulk insert in one transaction."""

    def counts(self) -> dict[str, int]:
        """Row counts per table."""

    def storage_problems(self) -> list[tuple[str, list[str]]]:
        """(check, problems) of the database's own storage check, when the back end has one."""

    def search_index_problems(self) -> list[tuple[str, list[str]]]:
        """(check, problems) per full-text index: is it in step with its table?"""

    def repair_search(self) -> None:
        """Rebuild the full-text indexes from their tables."""

    def analyze(self) -> None:
        """Refresh planner statistics."""

    def close(self) -> None:
        """Release the connection."""


def default_url() -> str:
    """The store URL from ``COMMUNIQUE_DB``, else ``sqlite:///communique.db``."""
    return os.environ.get("COMMUNIQUE_DB") or DEFAULT_URL


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url``.

    ``sqlite:///relative.db``, ``sqlite:////absolute.db``, ``sqlite:///:memory:``, a plain
    file path, or ``postgresql://user:password@host:port/db``.
    """
    url = url or default_url()
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url)
    if url.startswith("sqlite://") or "://" not in url:
        from .sqlite import SQLiteStore

        return SQLiteStore(url)
    raise StoreError(redact(url), "unknown store URL; use sqlite:///path.db or postgresql://user@host/db")
