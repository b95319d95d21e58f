"""Chunked batches (issue 13): plan, chunk files, re-runs after a crash, load, ingest on workers.

The analyzer is test_batch's keyword stand-in, built in each worker by a picklable factory: the
batch machinery is under test here; tests/test_batch_dask.py runs the real pipeline on Dask.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from communique import chunks
from communique.batch import BatchState, ingest_chunks, load, run_batch
from communique.cli import cli
from communique.engine import InlineEngine, ProcessEngine, analyzer_for, open_engine
from communique.errors import CommuniqueError, WorkerLostError
from communique.records import Article
from communique.store import Store
from tests.store_support import store, store_url  # noqa: F401
from tests.test_batch import MEETING, KeywordAnalyzer, fake_fetch, write_corpus


@dataclass(frozen=True)
class KeywordFactory:
    """Builds the keyword stand-in in whichever process runs a chunk."""

    version: str = "1.0"
    tag: str = ""  # a fresh tag gives a fresh analyzer (and call count) in this process

    def __call__(self) -> KeywordAnalyzer:
        return KeywordAnalyzer(self.version)

    def versions(self) -> tuple[str, str]:
        return self.version, "kb-1"


@dataclass(frozen=True)
class VanishingFactory(KeywordFactory):
    """Its worker dies outright (as if killed for memory) on a "VANISH" article, once: ``marker`` records it."""

    marker: str = ""

    def __call__(self) -> KeywordAnalyzer:
        analyzer = KeywordAnalyzer(self.version)
        analyze = analyzer.analyze

        def analyze_or_vanish(article: Article) -> Any:
            if "VANISH" in article.text and not Path(self.marker).exists():
                Path(self.marker).write_text("died once")
                os._exit(9)
            return analyze(article)

        analyzer.analyze = analyze_or_vanish  # type: ignore[method-assign]
        return analyzer


class Crash(Exception):
    """Stands for the driver dying (power cut, Ctrl-C) after some chunks were written."""


def sources_in(root: Path) -> list[str]:
    root.mkdir(exist_ok=True)
    write_corpus(root)
    return [str(root / "pages"), str(root / "archive.jsonl"), str(root / "feed.xml"), str(root / "missing.txt")]


def all_lines(out: Path) -> list[dict]:
    return [line for path in chunks.chunk_files(out) for line in chunks.read_results(path)]


def inputs(sources: list[str]) -> list[str]:
    """The source name of every input, in reading order: what each result line must answer."""
    return [item.source for chunk in chunks.plan(sources, 1, fetch=fake_fetch) for item in chunk.items]


def test_batch_plan_names_chunks_by_their_articles(tmp_path: Path) -> None:
    sources = sources_in(tmp_path)
    first = [c.name for c in chunks.plan(sources, 3, fetch=fake_fetch)]
    assert first == [c.name for c in chunks.plan(sources, 3, fetch=fake_fetch)]
    assert len(first) == 3 and first[0].startswith("chunk-000000-")
    (tmp_path / "pages" / "one.txt").write_text(MEETING + "The talks were postponed to the spring instead.")
    changed = [c.name for c in chunks.plan(sources, 3, fetch=fake_fetch)]
    assert changed[0] != first[0] and changed[1:] == first[1:]
    with pytest.raises(ValueError, match="at least 1"):
        list(chunks.plan(sources, 0))


def test_batch_run_writes_one_result_per_input_then_skips_finished_chunks(tmp_path: Path) -> None:
    sources = sources_in(tmp_path / "in")
    out = tmp_path / "out"
    factory = KeywordFactory(tag="run")
    states: list[tuple[int, int | None, int]] = []
    report = run_batch(sources, out, factory, InlineEngine(), chunk_size=2, fetch=fake_fetch,
                       progress=lambda s: states.append((s.chunks_done, s.chunks_total, s.articles_done)))
    lines = all_lines(out)
    assert [line["source"] for line in lines] == inputs(sources)
    assert (report.chunks, report.written, report.skipped, report.articles) == (5, 5, 0, 9)
    reasons = dict(report.failed)
    assert len(reasons) == 4 and any("ValueError" in r for r in reasons.values())
    assert any("no such file" in r for r in reasons.values())
    assert states[0] == (0, 5, 0) and states[-1] == (5, 5, 9)
    analysed = [line for line in lines if "analysis" in line]
    assert len(analysed) == 5 and all(chunks.decode(line) for line in analysed)
    # the Parquet twin holds the same rows
    table = pq.read_table(sorted(out.glob("chunk-*.parquet"))[0]).to_pylist()
    assert [row["source"] for row in table] == [line["source"] for line in lines[:2]]
    assert table[0]["n_events"] == 1 and json.loads(table[0]["analysis"])["events"]
    assert not (out / chunks.PENDING).exists()
    calls = analyzer_for(factory).calls
    again = run_batch(sources, out, factory, InlineEngine(), chunk_size=2, fetch=fake_fetch)
    assert (again.written, again.skipped) == (0, 5)
    assert analyzer_for(factory).calls == calls
    assert all_lines(out) == lines


def test_batch_rerun_after_a_crash_completes_with_each_input_once(tmp_path: Path) -> None:
    sources = sources_in(tmp_path / "in")
    out = tmp_path / "out"

    def die_after_two(state: BatchState) -> None:
        if state.chunks_done == 2:
            raise Crash()

    with pytest.raises(Crash):
        run_batch(sources, out, KeywordFactory(tag="crash"), InlineEngine(), chunk_size=2, fetch=fake_fetch,
                  progress=die_after_two)
    assert len(list(out.glob("chunk-*.jsonl"))) == 2
    # a write the crash cut short leaves only a temporary file, which is never read as a result
    (out / ".chunk-000002-unfinished.jsonl.tmp").write_text('{"source": "half')
    report = run_batch(sources, out, KeywordFactory(tag="crash"), InlineEngine(), chunk_size=2, fetch=fake_fetch)
    assert (report.written, report.skipped) == (3, 2)
    assert [line["source"] for line in all_lines(out)] == inputs(sources)


def test_batch_load_twice_changes_nothing_and_merges_reports(store: Store, tmp_path: Path) -> None:
    sources = sources_in(tmp_path / "in")
    out = tmp_path / "out"
    run_batch(sources, out, KeywordFactory(tag="load"), InlineEngine(), chunk_size=3, fetch=fake_fetch)
    first = load(out, store)
    assert (first.chunks, first.saved, first.replaced, first.unchanged, len(first.failed)) == (3, 5, 0, 0, 4)
    counts = store.counts()
    # the Putin-Nazarbayev meeting told by several articles is one event with several sources
    assert counts["articles"] == 5 and counts["event_sources"] > counts["events"]
    second = load(out, store)
    assert (second.saved, second.replaced, second.unchanged) == (0, 0, 5)
    assert store.counts() == counts


def test_batch_load_reads_only_the_latest_plan(store: Store, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    out = tmp_path / "out"
    src.write_text(json.dumps({"text": MEETING + "First version of the story."}) + "\n")
    run_batch([str(src)], out, KeywordFactory(tag="plan"), InlineEngine(), chunk_size=5)
    src.write_text(json.dumps({"text": MEETING + "Corrected version of the story."}) + "\n")
    run_batch([str(src)], out, KeywordFactory(tag="plan"), InlineEngine(), chunk_size=5)
    assert len(list(out.glob("chunk-*.jsonl"))) == 2  # the old chunk stays on disk ...
    assert load(out, store).saved == 1  # ... but only the current one is loaded
    assert "Corrected" in store.load_article(Article(text=MEETING + "Corrected version of the story.").id).text


def test_batch_ingest_chunks_saves_per_chunk_and_skips_stored(store: Store, tmp_path: Path) -> None:
    sources = sources_in(tmp_path / "in")
    factory = KeywordFactory(tag="ingest")
    outcomes: list[str] = []
    report = ingest_chunks(sources, store, factory, InlineEngine(), chunk_size=3, fetch=fake_fetch,
                           progress=lambda source, outcome: outcomes.append(outcome))
    assert (report.analysed, report.unchanged, len(report.failed)) == (5, 0, 4)
    assert len(outcomes) == 9
    calls = analyzer_for(factory).calls
    again = ingest_chunks(sources, store, factory, InlineEngine(), chunk_size=3, fetch=fake_fetch)
    assert (again.analysed, again.unchanged) == (0, 5)
    assert analyzer_for(factory).calls == calls + 1  # only the article that failed is tried again


def test_batch_local_processes_give_the_inline_results(tmp_path: Path) -> None:
    sources = sources_in(tmp_path / "in")
    run_batch(sources, tmp_path / "inline", KeywordFactory(), InlineEngine(), chunk_size=2, fetch=fake_fetch)
    with ProcessEngine(2) as engine:
        report = run_batch(sources, tmp_path / "procs", KeywordFactory(), engine, chunk_size=2, fetch=fake_fetch)
    assert (report.workers, report.written) == (2, 5)
    assert all_lines(tmp_path / "procs") == all_lines(tmp_path / "inline")


def test_batch_local_worker_death_stops_the_run_and_a_rerun_completes(tmp_path: Path) -> None:
    src = tmp_path / "news.jsonl"
    texts = [MEETING + f"Report number {i}." + (" VANISH" if i == 4 else "") for i in range(6)]
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    factory = VanishingFactory(marker=str(tmp_path / "died"))
    with ProcessEngine(1) as engine, pytest.raises(WorkerLostError, match="run the same command again"):
        run_batch([str(src)], tmp_path / "out", factory, engine, chunk_size=2)
    assert [line["source"] for line in all_lines(tmp_path / "out")] == [f"{src}:{i}" for i in (1, 2, 3, 4)]
    with ProcessEngine(2) as engine:
        report = run_batch([str(src)], tmp_path / "out", factory, engine, chunk_size=2)
    assert (report.written, report.skipped) == (1, 2)
    assert [line["source"] for line in all_lines(tmp_path / "out")] == [f"{src}:{i}" for i in range(1, 7)]


def test_batch_without_dask_runs_local_processes_and_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if communique[dask] were not installed
    notes: list[str] = []
    engine = open_engine(workers=2, note=notes.append)
    try:
        assert isinstance(engine, ProcessEngine)
    finally:
        engine.close()
    assert "communique[dask]" in notes[0]
    with pytest.raises(CommuniqueError, match=r"communique\[dask\]"):
        open_engine(scheduler="tcp://127.0.0.1:8786")
    assert isinstance(open_engine(workers=1), InlineEngine)
    with pytest.raises(CommuniqueError, match="at least 1"):
        open_engine(workers=0)


def test_batch_cli_load_names_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "nowhere"), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1
    assert "nowhere" in result.output and "communique batch" in result.output


def test_batch_cli_load_reports_what_it_stored(tmp_path: Path) -> None:
    sources = sources_in(tmp_path / "in")
    run_batch(sources, tmp_path / "out", KeywordFactory(), InlineEngine(), chunk_size=4, fetch=fake_fetch)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    first = CliRunner().invoke(cli, ["load", str(tmp_path / "out"), "--db", db])
    second = CliRunner().invoke(cli, ["load", str(tmp_path / "out"), "--db", db])
    assert first.exit_code == 0 and "saved: 5" in first.output and "failed in the batch: 4" in first.output
    assert "saved: 0" in second.output and "unchanged: 5" in second.output
