"""The store on both back ends: idempotence, atomicity, concurrency, merging and queries (issue 6)."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest

from communique import queries
from communique.errors import StoreError
from communique.records import PipelineInfo
from communique.store import SCHEMA_VERSION, Store, open_store
from communique.store._base import SQLStore
from tests.store_support import (  # noqa: F401 - fixtures are used by name
    LUKASHENKO, MEETING_DAY, NAZARBAYEV, PUTIN, TOKAYEV, analysis_for, corpus, make_article, meeting,
    other_meeting, store, store_url,
)


def save_all(target: Store) -> list[str]:
    return [target.save(article, analysis) for article, analysis in corpus()]


def test_store_creates_schema(store: Store) -> None:
    assert store.fetchall("SELECT MAX(version) AS v FROM schema_version")[0]["v"] == SCHEMA_VERSION
    assert set(store.counts().values()) == {0}


def test_store_reopen_keeps_rows(store_url: str) -> None:
    first = open_store(store_url)
    save_all(first)
    counts = first.counts()
    first.close()
    again = open_store(store_url)
    assert again.counts() == counts
    again.close()


@pytest.mark.parametrize("times", [2])
def test_store_resave_changes_nothing(store: Store, times: int) -> None:
    assert save_all(store) == ["saved", "saved", "saved"]
    counts = store.counts()
    for _ in range(times):
        assert save_all(store) == ["unchanged"] * 3
    assert store.counts() == counts


def test_store_merges_one_meeting_from_three_outlets(store: Store) -> None:
    save_all(store)
    events = store.fetchall("SELECT * FROM events")
    assert len(events) == 1
    assert events[0]["n_sources"] == 3
    assert len(store.fetchall("SELECT * FROM event_sources")) == 3
    # The merged meeting keeps the most specific facts any source gave.
    assert events[0]["formality"] == "informal"
    assert events[0]["initiator_id"] == NAZARBAYEV.id
    assert queries.clean(events[0])["date"] == MEETING_DAY.isoformat()


def test_store_merges_one_quote_from_two_outlets(store: Store) -> None:
    save_all(store)
    rows = queries.quotes(store, by="Putin")
    assert len(rows) == 1
    assert rows[0]["n_sources"] == 2
    assert {s["outlet"] for s in rows[0]["sources"]} == {"Tengri", "TASS"}
    assert rows[0]["about"] == [{"id": NAZARBAYEV.id, "name": NAZARBAYEV.name}]


@pytest.mark.parametrize(
    ("day", "kind", "merged"),
    [
        (MEETING_DAY + dt.timedelta(days=3), "meeting", True),
        (MEETING_DAY + dt.timedelta(days=9), "meeting", False),
        (MEETING_DAY, "phone_call", False),
    ],
)
def test_store_merge_needs_close_dates_and_compatible_kinds(
    store: Store, day: dt.date, kind: str, merged: bool
) -> None:
    save_all(store)
    text = "Putin and Nazarbayev spoke again about the Eurasian Economic Union."
    article = make_article(text, outlet="Interfax", published=day)
    store.save(article, analysis_for(
        article, actors=[PUTIN, NAZARBAYEV], events=[meeting(text, text, [PUTIN.id, NAZARBAYEV.id], date=day, kind=kind)]
    ))
    assert len(store.fetchall("SELECT id FROM events")) == (1 if merged else 2)


def test_store_reanalysis_replaces_rows(store: Store) -> None:
    save_all(store)
    article, analysis = corpus()[2]
    newer = analysis_for(article, actors=[PUTIN, NAZARBAYEV], pipeline=PipelineInfo(version="0.4.0", model="t", kb="k2"))
    assert store.save(article, newer) == "replaced"
    assert store.fetchall("SELECT n_sources FROM events")[0]["n_sources"] == 2
    assert store.fetchall("SELECT COUNT(*) AS n FROM offices")[0]["n"] == 0
    assert [a.id for a in store.stale("0.3.0", "2026-01-01")] == [article.id]
    assert len(store.stale("0.4.0", "k2")) == 2


def test_store_delete_last_source_drops_record(store: Store) -> None:
    article, analysis = corpus()[0]
    store.save(article, analysis)
    assert store.delete_article(article.id)
    counts = store.counts()
    # Actors are facts about the world, not about one article, so they stay.
    assert counts.pop("actors") == 2
    assert set(counts.values()) == {0}
    assert not store.delete_article(article.id)


class Boom(RuntimeError):
    pass


def test_store_exception_mid_save_leaves_no_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    save_all(store)
    before = store.counts()
    original = SQLStore._save_event

    def explode(self: SQLStore, cur: object, article: object, event: object) -> None:
        original(self, cur, article, event)  # type: ignore[arg-type]
        raise Boom("disk on fire")

    monkeypatch.setattr(SQLStore, "_save_event", explode)
    article, analysis = other_meeting(dt.date(2025, 3, 1), 1)
    with pytest.raises(Boom):
        store.save(article, analysis)
    # A failed re-analysis must leave the earlier rows, not half of the new ones.
    first, first_analysis = corpus()[0]
    changed = analysis_for(first, actors=[PUTIN, NAZARBAYEV], events=first_analysis.events,
                           pipeline=PipelineInfo(version="9", model="t", kb="k"))
    with pytest.raises(Boom):
        store.save(first, changed)
    assert store.counts() == before
    assert store.article_state(first.id) is not None
    assert store.article_state(first.id)[0] == "0.3.0"  # type: ignore[index]


def _ingest_worker(url: str, offset: int) -> None:
    target = open_store(url)
    for n in range(12):
        # Both workers write articles 4..11; the overlap must not duplicate anything.
        article, analysis = other_meeting(dt.date(2025, 1, 1) + dt.timedelta(days=10 * (n + offset)), n + offset)
        target.save(article, analysis)
    for article, analysis in corpus():
        target.save(article, analysis)
    target.close()


def test_store_two_processes_ingest_concurrently(store_url: str) -> None:
    open_store(store_url).close()
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_ingest_worker, args=(store_url, offset)) for offset in (0, 4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    target = open_store(store_url)
    counts = target.counts()
    target.close()
    assert counts["articles"] == 16 + 3
    assert counts["events"] == 16 + 1
    assert counts["event_sources"] == 16 + 3
    assert counts["quotes"] == 2


def test_store_queries_meetings_between(store: Store) -> None:
    save_all(store)
    for n in range(3):
        store.save(*other_meeting(dt.date(2025, 2, 1) + dt.timedelta(days=10 * n), n))
    rows = queries.meetings(store, "Putin", "Nazarbayev")
    assert len(rows) == 1
    assert rows[0]["n_sources"] == 3
    assert rows[0]["date"] == "2025-01-04"
    assert {p["id"] for p in rows[0]["participants"]} == {PUTIN.id, NAZARBAYEV.id}
    assert len(rows[0]["sources"]) == 3
    assert len(queries.meetings(store, PUTIN.id, "alexander lukashenko")) == 3
    assert len(queries.meetings(store, "Putin", "Lukashenko", since=dt.date(2025, 2, 5))) == 2
    assert len(queries.meetings(store, "Putin", "Lukashenko", until=dt.date(2025, 2, 5))) == 1
    assert queries.meetings(store, "Putin", "Nazarbayev", formality="formal") == []


def test_store_queries_quotes_search(store: Store) -> None:
    save_all(store)
    assert len(queries.quotes(store, search="Eurasian integration")) == 1
    assert len(queries.quotes(store, search="steady")) == 1
    assert queries.quotes(store, search="sanctions") == []
    assert len(queries.quotes(store, by="Putin", about="Nazarbayev")) == 1
    assert queries.quotes(store, by="Tokayev", about="Nazarbayev") == []


def test_store_queries_profile_timeline_network_stats(store: Store) -> None:
    save_all(store)
    profile = queries.actor_profile(store, "Tokayev")
    assert profile["offices"][0]["role"] == "President"
    assert profile["quotes_by"] == 1
    putin = queries.actor_profile(store, "Vladimir Putin")
    assert putin["meetings"] == 1
    assert putin["partners"][0]["id"] == NAZARBAYEV.id
    assert putin["quotes_about"] == 0 and putin["quotes_by"] == 1
    line = queries.timeline(store, "Putin", "Nazarbayev")
    assert [r["type"] for r in line] == ["event", "quote"]
    edges = queries.network(store)
    assert edges == [{
        "source": NAZARBAYEV.id, "source_name": NAZARBAYEV.name, "target": PUTIN.id, "target_name": PUTIN.name,
        "weight": 1, "first_date": "2025-01-04", "last_date": "2025-01-04",
    }]
    stats = queries.stats(store)
    assert stats["counts"]["articles"] == 3
    assert stats["events_with_several_sources"] == 1


def test_store_unknown_actor_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no actor named"):
        queries.meetings(store, "Nobody Atall", "Putin")


def test_store_rejects_unknown_url() -> None:
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("mysql://localhost/x")


def test_store_views_answer(store: Store) -> None:
    save_all(store)
    pair = store.fetchall("SELECT * FROM meetings_by_pair")
    assert [(r["actor_a"], r["actor_b"], r["meetings"]) for r in pair] == [(NAZARBAYEV.id, PUTIN.id, 1)]
    about = store.fetchall("SELECT * FROM quotes_about_actor")
    assert [r["about_id"] for r in about] == [NAZARBAYEV.id]
    assert len(store.fetchall("SELECT * FROM event_reports")) == 3
    assert store.fetchall("SELECT person_name FROM office_holders")[0]["person_name"] == TOKAYEV.name
    assert LUKASHENKO.id in {r["id"] for r in store.fetchall("SELECT id FROM actors")}


def test_store_cli_commands_answer(store_url: str, tmp_path: object) -> None:
    import json as _json

    import click
    from click.testing import CliRunner

    from communique.cli_store import register

    target = open_store(store_url)
    save_all(target)
    target.close()

    @click.group()
    def group() -> None:
        """Test group."""

    register(group)
    runner = CliRunner()
    env = {"COMMUNIQUE_DB": store_url}
    result = runner.invoke(group, ["meetings", "--between", "Putin", "Nazarbayev", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    assert _json.loads(result.output)[0]["n_sources"] == 3
    result = runner.invoke(group, ["quotes", "--search", "pioneer", "--format", "csv"], env=env)
    assert result.exit_code == 0 and "pioneer" in result.output
    for args in (["actor", "Tokayev"], ["timeline", "Putin"], ["network"], ["stats"], ["stats", "--format", "csv"]):
        result = runner.invoke(group, args, env=env)
        assert result.exit_code == 0, result.output
    result = runner.invoke(group, ["export", "events", "--format", "csv"], env=env)
    assert result.exit_code == 0 and result.output.startswith("event_id,date,source_id")
    result = runner.invoke(group, ["actor", "Nobody Atall"], env=env)
    assert result.exit_code == 1 and "no actor named" in result.output


def test_store_postgres_without_psycopg_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"communique\[pg\]"):
        open_store("postgresql://nobody@localhost/none")


def test_store_default_url_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from communique.store import default_url

    monkeypatch.setenv("COMMUNIQUE_DB", f"sqlite:///{tmp_path}/env.db")
    assert default_url().endswith("env.db")
    opened = open_store()
    assert opened.dialect == "sqlite"
    opened.close()


def test_store_messages_hide_passwords() -> None:
    from communique.store import redact

    assert redact("postgresql://me:secret@db:5432/x") == "postgresql://me:***@db:5432/x"
    assert redact("sqlite:///x.db") == "sqlite:///x.db"


def test_store_common_search_reads_newest_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    save_all(store)
    expected = queries.quotes(store, search="Eurasian")
    # Pretend the words are common, so the newest-first scan answers instead of the index.
    monkeypatch.setattr(queries, "DENSE_SEARCH", 0)
    monkeypatch.setattr(queries, "_PAGE", 1)
    assert queries.quotes(store, search="Eurasian") == expected
    assert queries.quotes(store, search="strong steady", since=dt.date(2025, 1, 6))[0]["text"] == "strong and steady"
    assert queries.quotes(store, search="Eurasian", since=dt.date(2025, 1, 6)) == []


def test_store_overview_shows_merged_meeting_with_its_sources(store: Store) -> None:
    save_all(store)
    data = queries.overview(store)
    (meeting,) = data["meetings_merged_across_articles"]
    assert meeting["sources"] == 3
    assert "Vladimir Putin" in meeting["who"] and "Nursultan Nazarbayev" in meeting["who"]
    assert data["counts"]["articles"] == 3
