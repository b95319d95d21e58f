"""Batch commands for the ``communique`` CLI: ``ingest``, ``batch`` and ``load``.

``register(cli)`` adds them to the main click group. Each parses its options, opens an engine
(this process, local processes or a Dask cluster) and calls one function of ``communique.batch``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from .cli_store import _pipeline, _print_report, _run_with_progress, _store, db_option
from .errors import CommuniqueError

F = TypeVar("F", bound=Callable[..., Any])


def engine_options(func: F) -> F:
    """``--workers N``, ``--scheduler ADDRESS``, ``--engine`` and ``--chunk-size N``."""
    func = click.option("--engine", "engine_name", type=click.Choice(["auto", "local", "dask"]), default="auto",
                        show_default=True,
                        help="auto: Dask for several workers when installed, else local processes.")(func)
    func = click.option("--scheduler", metavar="ADDRESS",
                        help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (needs communique[dask]).")(func)
    return click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
                        help="Worker processes on this machine (each loads the pipeline once).")(func)


@contextmanager
def _engine(workers: int, scheduler: str | None, engine_name: str) -> Iterator[Any]:
    from .engine import open_engine

    try:
        engine = open_engine(workers, scheduler, engine_name,  # type: ignore[arg-type]
                             note=lambda message: click.echo(f"communique: {message}", err=True))
    except CommuniqueError as exc:
        raise click.ClickException(exc.message) from exc
    try:
        yield engine
    except CommuniqueError as exc:
        raise click.ClickException(exc.message) from exc
    finally:
        engine.close()


def _with_chunk_progress(label: str, work: Callable[[Callable[[Any], None]], Any]) -> Any:
    """Run ``work(progress)`` under two bars, chunks and articles, with rate and time left."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(
        TextColumn("[bold]{task.description:9}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[speed_text]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
    ) as bars:
        chunks = bars.add_task(f"{label} chunks", total=None, speed_text="")
        articles = bars.add_task("articles", total=None, speed_text="")

        def tick(state: Any) -> None:
            bars.update(chunks, total=state.chunks_total, completed=state.chunks_done)
            bars.update(articles, total=state.articles_total, completed=state.articles_done)
            speed = bars.tasks[articles].speed
            bars.update(articles, speed_text=f"{speed:.1f}/s" if speed else "")

        return work(tick)


def register(cli: click.Group) -> None:
    """Add the batch commands to the ``communique`` group."""

    @cli.command("ingest")
    @click.argument("sources", nargs=-1, required=True)
    @db_option
    @click.option("--model", help="spaCy model name (default: best installed).")
    @engine_options
    @click.option("--chunk-size", type=click.IntRange(min=1), default=20, show_default=True,
                  help="Articles per chunk (one store transaction each) with several workers.")
    def ingest_cmd(sources: tuple[str, ...], db: str, model: str | None, workers: int, scheduler: str | None,
                   engine_name: str, chunk_size: int) -> None:
        """Analyse files, directories, JSONL archives, feeds or URLs into the store.

        With --workers N (or --scheduler) chunks of articles go to worker processes and come back
        to the store one transaction per chunk; a re-run analyses only what is missing.

        Example:

            communique ingest pages/ archive.jsonl https://example.org/feed.xml --db sqlite:///corpus.db --workers 2
        """
        from .batch import ingest, ingest_chunks
        from .engine import PipelineFactory

        if workers == 1 and not scheduler:
            pipeline = _pipeline(model)
            with _store(db) as store:
                report = _run_with_progress("ingest", lambda tick: ingest(sources, store, pipeline, progress=tick))
        else:
            with _store(db) as store, _engine(workers, scheduler, engine_name) as engine:
                report = _run_with_progress("ingest", lambda tick: ingest_chunks(
                    sources, store, PipelineFactory(model), engine, chunk_size=chunk_size, progress=tick))
        _print_report(report)
        if report.failed:
            sys.exit(2)  # the other inputs are stored; the exit code says that some were not (issue 14)

    @cli.command("batch")
    @click.argument("sources", nargs=-1, required=True)
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Folder for the chunk files (created; finished chunks in it are skipped).")
    @click.option("--chunk-size", type=click.IntRange(min=1), default=100, show_default=True,
                  help="Inputs per chunk: per task and per output file.")
    @engine_options
    @click.option("--model", help="spaCy model name (default: best installed).")
    def batch_cmd(sources: tuple[str, ...], out_dir: Path, chunk_size: int, workers: int, scheduler: str | None,
                  engine_name: str, model: str | None) -> None:
        """Analyse a corpus in chunks on several processes or a Dask cluster, into JSONL and Parquet files.

        Each chunk's results are written at once (to a temporary file, then renamed); a re-run skips
        finished chunks, so after any crash it completes the job with nothing lost or twice.
        Load the folder into a store with `communique load`.

        Example:

        \b
            communique batch archive.jsonl pages/ --out results/ --workers 2
            communique batch archive.jsonl --out results/ --scheduler tcp://10.0.0.5:8786
        """
        from .batch import run_batch
        from .engine import PipelineFactory

        with _engine(workers, scheduler, engine_name) as engine:
            click.echo(f"communique: {engine.workers} worker(s) on {engine.name}", err=True)
            report = _with_chunk_progress("batch", lambda tick: run_batch(
                sources, out_dir, PipelineFactory(model), engine, chunk_size=chunk_size, progress=tick))
        click.echo(f"chunks: {report.chunks} ({report.written} written now, {report.skipped} already done)  "
                   f"inputs: {report.articles}  failed: {len(report.failed)}  -> {report.out_dir}")
        if not report.parquet:
            click.echo("communique: pyarrow is not installed, so only JSONL was written; "
                       "pip install 'communique[dask]' (or [export]) for Parquet", err=True)
        for source, reason in report.failed:
            click.echo(f"  failed: {source}: {reason}")

    @cli.command("load")
    @click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
    @db_option
    def load_cmd(out_dir: Path, db: str) -> None:
        """Put a batch folder's results into the store, one transaction per chunk (loading twice changes nothing).

        Example:

            communique load results/ --db postgresql://user@host/corpus
        """
        from .batch import load

        with _store(db) as store:
            report = _with_chunk_progress("load", lambda tick: load(out_dir, store, progress=tick))
        click.echo(f"chunks: {report.chunks}  saved: {report.saved}  replaced: {report.replaced}  "
                   f"unchanged: {report.unchanged}  failed in the batch: {len(report.failed)}")
