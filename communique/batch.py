"""Analyse a corpus into a store or a folder: skip what is already done, record failures, go on.

Example::

    from communique.batch import ingest
    from communique.extract import Pipeline
    from communique.store import open_store
    report = ingest(["archive.jsonl", "pages/"], open_store("sqlite:///corpus.db"), Pipeline())
    print(report.analysed, report.unchanged, report.failed)

For corpora one process cannot keep up with, ``run_batch`` splits the input into chunks and runs
them on an engine (local processes or a Dask cluster, ``communique.engine``), writing each chunk's
results to a folder that ``load`` then puts into a store; ``ingest_chunks`` does both in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from . import chunks
from .chunks import Chunk, Result, Unread
from .engine import AnalyzerFactory, Engine
from .errors import CommuniqueError, InputError, StoreError
from .records import Analysis, Article, PipelineInfo
from .sources import Fetch, iter_articles
from .store import Store

Outcome = Literal["analysed", "unchanged", "failed"]
#: Called after each input with its name and what happened to it.
Progress = Callable[[str, Outcome], None]


class Analyzer(Protocol):
    """What batch needs of a pipeline (``communique.extract.Pipeline`` is one)."""

    info: PipelineInfo

    def analyze(self, article: Article) -> Analysis: ...


@dataclass
class IngestReport:
    """How a batch went: articles analysed and stored, found unchanged, and failed inputs with reasons."""

    analysed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.analysed + self.unchanged + len(self.failed)


def _analyse_and_save(store: Store, pipeline: Analyzer, article: Article) -> Outcome:
    analysis = pipeline.analyze(article)
    outcome = store.save(article, analysis)
    return "unchanged" if outcome == "unchanged" else "analysed"


def _record(report: IngestReport, source: str, outcome: Outcome, reason: str | None, progress: Progress | None) -> None:
    if outcome == "failed":
        report.failed.append((source, reason or "unknown error"))
    elif outcome == "analysed":
        report.analysed += 1
    else:
        report.unchanged += 1
    if progress:
        progress(source, outcome)


def _one(store: Store, pipeline: Analyzer, article: Article) -> tuple[Outcome, str | None]:
    try:
        return _analyse_and_save(store, pipeline, article), None
    except StoreError:
        raise  # the store itself is broken: every later article would fail the same way
    except CommuniqueError as exc:
        return "failed", exc.message
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
        # One malformed article must not lose the batch; say which one and why.
        return "failed", f"analysis failed ({type(exc).__name__}: {exc})"


def ingest(
    sources: Iterable[str],
    store: Store,
    pipeline: Analyzer,
    *,
    progress: Progress | None = None,
    fetch: Fetch | None = None,
) -> IngestReport:
    """Read every source, analyse articles the store lacks (or holds from another version), save them."""
    report = IngestReport()
    for item in iter_articles(sources, fetch=fetch):
        if isinstance(item, InputError):
            _record(report, item.source, "failed", item.problem, progress)
            continue
        state = store.article_state(item.id)
        if state and state[:2] == (pipeline.info.version, pipeline.info.kb):
            _record(report, item.source, "unchanged", None, progress)
            continue
        outcome, reason = _one(store, pipeline, item)
        _record(report, item.source, outcome, reason, progress)
    return report


def reanalyze(
    store: Store, pipeline: Analyzer, *, all: bool = False, progress: Progress | None = None
) -> IngestReport:
    """Analyse stored articles again: the stale ones (another pipeline or KB version), or all."""
    if all:
        targets = store.articles()
    else:
        targets = store.stale(pipeline.info.version, pipeline.info.kb)
    report = IngestReport()
    for stored in targets:
        article = store.load_article(stored.id)
        outcome, reason = _one(store, pipeline, article)
        _record(report, stored.url or stored.id, outcome, reason, progress)
    return report


# -- chunked batches (issue 13) ---------------------------------------------------------------
# `communique batch` writes each chunk's results to a folder (run_batch), `communique load` puts
# them in a store (load), and `communique ingest --workers N` sends chunks to workers and saves
# their results straight into the store (ingest_chunks). All three share chunks.py and engine.py.


@dataclass
class BatchState:
    """Where a chunked run stands, for a progress display."""

    chunks_total: int | None = None
    articles_total: int | None = None
    chunks_done: int = 0
    articles_done: int = 0
    failed: int = 0


#: Called once the plan is known (totals set) and after each chunk.
BatchProgress = Callable[[BatchState], None]


@dataclass
class BatchReport:
    """How ``run_batch`` went: chunks written now, chunks already done, articles, failed inputs."""

    out_dir: Path
    chunks: int = 0
    written: int = 0
    skipped: int = 0
    articles: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    engine: str = ""
    workers: int = 1
    parquet: bool = True


def _failures(lines: list[Result]) -> list[tuple[str, str]]:
    return [(line["source"], line["error"]) for line in lines if "error" in line]


def run_batch(
    sources: Iterable[str],
    out_dir: str | Path,
    factory: AnalyzerFactory,
    engine: Engine,
    *,
    chunk_size: int = 100,
    progress: BatchProgress | None = None,
    fetch: Fetch | None = None,
) -> BatchReport:
    """Analyse the sources chunk by chunk into ``out_dir``; chunks already written are skipped.

    A re-run after any crash (the driver's or a worker's) writes only the missing chunks, so every
    input ends up with exactly one result line. Example::

        with open_engine(workers=2) as engine:
            run_batch(["archive.jsonl"], "out/", PipelineFactory(), engine, chunk_size=200)
    """
    sources = list(sources)  # read twice: for the plan and for the manifest
    out = Path(out_dir)
    chunks.make_folder(out)
    report = BatchReport(out, engine=engine.name, workers=engine.workers, parquet=chunks.parquet_available())
    names: list[str] = []
    todo: list[tuple[int, str]] = []
    state = BatchState(articles_total=0)
    for chunk in chunks.plan(sources, chunk_size, fetch=fetch):
        names.append(chunk.name)
        if chunks.is_done(out, chunk.name):
            report.skipped += 1
            continue
        chunks.write_pending(out, chunk)
        todo.append((chunk.index, chunk.name))
        state.articles_total = (state.articles_total or 0) + len(chunk.items)
    chunks.write_manifest(out, {"chunks": names, "chunk_size": chunk_size, "sources": [str(s) for s in sources]})
    report.chunks = len(names)
    state.chunks_total = len(todo)
    if progress:
        progress(state)
    pending = (chunks.read_pending(out, name, index) for index, name in todo)
    for chunk, lines in engine.run(factory, pending):
        chunks.write_results(out, chunk.name, lines, parquet=report.parquet)
        chunks.drop_pending(out, chunk.name)
        failed = _failures(lines)
        report.written += 1
        report.articles += len(lines)
        report.failed += failed
        state.chunks_done += 1
        state.articles_done += len(lines)
        state.failed += len(failed)
        if progress:
            progress(state)
    chunks.tidy(out)
    return report


@dataclass
class LoadReport:
    """How ``load`` went: chunk files read, and what the store did with each article."""

    chunks: int = 0
    saved: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def load(out_dir: str | Path, store: Store, *, progress: BatchProgress | None = None) -> LoadReport:
    """Put a batch folder's results into the store, one transaction per chunk.

    The store's own guarantees hold: loading twice changes nothing, and reports of one meeting or
    quote from several articles are merged. Inputs that failed in the batch are listed, not stored.
    """
    files = chunks.chunk_files(Path(out_dir))
    report = LoadReport()
    state = BatchState(chunks_total=len(files))
    if progress:
        progress(state)
    for path in files:
        lines = chunks.read_results(path)
        pairs = [pair for pair in map(chunks.decode, lines) if pair is not None]
        for outcome in store.save_many(pairs):
            setattr(report, outcome, getattr(report, outcome) + 1)
        failed = _failures(lines)
        report.failed += failed
        report.chunks += 1
        state.chunks_done += 1
        state.articles_done += len(lines)
        state.failed += len(failed)
        if progress:
            progress(state)
    return report


def ingest_chunks(
    sources: Iterable[str],
    store: Store,
    factory: AnalyzerFactory,
    engine: Engine,
    *,
    chunk_size: int = 20,
    progress: Progress | None = None,
    fetch: Fetch | None = None,
) -> IngestReport:
    """``ingest`` on an engine's workers: chunks of new articles out, one store transaction per chunk back.

    Articles the store already holds from this pipeline and KB version are not sent; a re-run after
    a crash therefore analyses only what is missing.
    """
    report = IngestReport()
    current = factory.versions()

    def to_analyse() -> Iterator[Chunk]:
        for chunk in chunks.plan(sources, chunk_size, fetch=fetch):
            kept: list[Article | Unread] = []
            for item in chunk.items:
                state = store.article_state(item.id) if isinstance(item, Article) else None
                if state and state[:2] == current:
                    _record(report, item.source, "unchanged", None, progress)
                else:
                    kept.append(item)
            if kept:
                yield Chunk(chunk.index, tuple(kept))

    for chunk, lines in engine.run(factory, to_analyse()):
        pairs = [pair for pair in map(chunks.decode, lines) if pair is not None]
        outcomes = iter(store.save_many(pairs))
        for line in lines:
            if "error" in line:
                _record(report, line["source"], "failed", line["error"], progress)
            else:
                outcome: Outcome = "unchanged" if next(outcomes) == "unchanged" else "analysed"
                _record(report, line["source"], outcome, None, progress)
    return report
