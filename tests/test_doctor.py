"""`communique doctor` on both back ends: a sound store passes, each kind of damage is named (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from click.testing import CliRunner

from communique import __version__
from communique.cli import cli
from communique.doctor import examine, healthy
from communique.records import PipelineInfo
from communique.store import Store, open_store
from communique.store.sqlite import sqlite_path
from tests.store_support import (  # noqa: F401 - fixtures are used by name
    corpus, other_meeting, store, store_url,
)


def _current(store: Store) -> None:
    """The shared corpus, saved as if by this communique's pipeline."""
    info = PipelineInfo(version=__version__, model="test", kb="kb-1")
    for article, analysis in corpus():
        store.save(article, analysis.model_copy(update={"pipeline": info}))


@contextmanager
def raw(url: str) -> Iterator[Any]:
    """A connection outside the store, as a bug or a hand edit would use, in autocommit mode."""
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(sqlite_path(url), isolation_level=None)
        conn.execute("PRAGMA foreign_keys = OFF")
    else:
        import psycopg

        conn = psycopg.connect(url, autocommit=True)
    try:
        yield conn
    finally:
        conn.close()


def test_doctor_sound_store_passes(store: Store) -> None:
    _current(store)
    findings = examine(store, kb_version="kb-1")
    assert healthy(findings)
    assert {f.status for f in findings} == {"ok"}
    assert len(findings) >= 30


#: damage -> (SQL that does it, the check that must name it)
DAMAGE: dict[str, tuple[str, str]] = {
    "quote without report": (
        "INSERT INTO quotes (id, speaker_id, text, norm_text, norm_hash, direct, cue, n_sources) "
        "VALUES ('qlost', NULL, 'words', 'words', 'h', {true}, 'said', 1)", "quotes without a report"),
    "event source count": ("UPDATE events SET n_sources = n_sources + 2", "event source counts"),
    "quote text moved": ("UPDATE quote_sources SET start_char = start_char + 3", "quote offsets"),
    "pair with a stranger": (
        "INSERT INTO event_pairs (event_id, actor_a, actor_b, plover, status) "
        "SELECT id, 'Q1', 'Q2', plover, status FROM events", "event pairs in step"),
    "missing speaker": ("UPDATE quotes SET speaker_id = 'Q999999999'", "quotes.speaker_id -> actors"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_doctor_names_damage(store_url: str, damage: str) -> None:
    target = open_store(store_url)
    _current(target)
    sql, check = DAMAGE[damage]
    with raw(store_url) as conn:
        if store_url.startswith("postgresql") and "speaker_id" in sql:
            conn.execute("ALTER TABLE quotes DROP CONSTRAINT quotes_speaker_id_fkey")  # as a hand-made schema might
        conn.execute(sql.replace("{true}", "1" if store_url.startswith("sqlite") else "true"))
    findings = examine(target, kb_version="kb-1")
    target.close()
    problems = {f.check: f for f in findings if f.status == "problem"}
    assert check in problems, findings
    assert problems[check].rows > 0
    result = CliRunner().invoke(cli, ["doctor", "--db", store_url, "--format", "json"])
    assert result.exit_code == 1, result.output
    reported = {row["check"]: row for row in json.loads(result.stdout)}
    assert reported[check]["status"] == "problem"


def test_doctor_finds_rows_of_a_deleted_article_sqlite(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    target = open_store(url)
    _current(target)
    target.close()
    with raw(url) as conn:  # foreign keys off: the cascade does not run
        conn.execute("DELETE FROM articles WHERE id = (SELECT MIN(id) FROM articles)")
    result = CliRunner().invoke(cli, ["doctor", "--db", url])
    assert result.exit_code == 1
    assert "the store has problems" in result.stdout
    rows = {r["check"]: r for r in json.loads(CliRunner().invoke(cli, ["doctor", "--db", url, "--format", "json"]).stdout)}
    for table in ("mentions", "quote_sources", "event_sources"):  # every article of the corpus has these
        assert rows[f"{table}.article_id -> articles"]["status"] == "problem"
    assert "point at articles that do not exist" in rows["mentions.article_id -> articles"]["detail"]


def test_doctor_repairs_the_full_text_index_sqlite(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    target = open_store(url)
    _current(target)
    target.close()
    with raw(url) as conn:  # an index entry lost, as a crash of an old SQLite or a hand edit could leave it
        conn.execute("INSERT INTO quote_search (quote_search, rowid, text, evidence_text) "
                     "SELECT 'delete', id, text, evidence_text FROM quote_sources LIMIT 1")
        conn.execute("UPDATE event_sources SET evidence_text = evidence_text || ' rewritten' WHERE id = (SELECT MIN(id) FROM event_sources)")
    broken = CliRunner().invoke(cli, ["doctor", "--db", url, "--format", "json"])
    assert broken.exit_code == 1
    statuses = {row["check"]: row["status"] for row in json.loads(broken.stdout)}
    assert statuses["full-text index quote_search"] == "problem"
    assert statuses["full-text index event_search"] == "problem"
    repaired = CliRunner().invoke(cli, ["doctor", "--db", url, "--repair", "--format", "json"])
    statuses = {row["check"]: row["status"] for row in json.loads(repaired.stdout)}
    assert statuses["full-text index quote_search"] == statuses["full-text index event_search"] == "ok"


def test_doctor_warns_of_articles_from_another_version(store: Store) -> None:
    _current(store)
    article, analysis = other_meeting(dt.date(2025, 2, 1), 1)
    store.save(article, analysis.model_copy(update={"pipeline": PipelineInfo(version="0.0.1", model="t", kb="kb-0")}))
    findings = examine(store, kb_version="kb-1")
    versions = next(f for f in findings if f.check == "pipeline and KB versions")
    assert versions.status == "warning" and versions.rows == 1
    assert "reanalyze --stale" in versions.detail
    assert healthy(findings)


def test_doctor_cli_sound_store_exits_0(store_url: str) -> None:
    target = open_store(store_url)
    _current(target)
    target.close()
    result = CliRunner().invoke(cli, ["doctor", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "checks passed" in result.stdout and "problems" not in result.stdout


def test_doctor_empty_store_is_sound(store: Store) -> None:
    findings = examine(store)
    assert healthy(findings)
    assert any("no articles yet" in f.detail for f in findings)

