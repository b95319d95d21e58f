"""Where batch chunks run: in this process, in local worker processes, or on a Dask cluster.

Each worker builds its analyzer once (the spaCy pipeline and knowledge base) and keeps it for every
chunk it is given; a chunk's articles go through ``nlp.pipe``. The driver hands out a few chunks
per worker at a time, so a corpus of any size never sits in memory or in the scheduler at once.

Example::

    from communique.engine import PipelineFactory, open_engine
    with open_engine(workers=2) as engine:            # a local Dask cluster when Dask is installed
        for chunk, lines in engine.run(PipelineFactory(), chunks):
            ...
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self

from .chunks import Chunk, Result, Unread, article_result, error_result
from .errors import CommuniqueError, WorkerLostError

if TYPE_CHECKING:
    from .batch import Analyzer

EngineName = Literal["auto", "local", "dask"]
DASK_EXTRA = "pip install 'communique[dask]'"


class AnalyzerFactory(Protocol):
    """Builds the analyzer inside a worker; sent to workers, so it must pickle and hash."""

    def __call__(self) -> Analyzer: ...

    def versions(self) -> tuple[str, str]:
        """(pipeline version, KB version) of the analyzer it builds, without building it."""


@dataclass(frozen=True)
class PipelineFactory:
    """``communique.extract.Pipeline(model, kb_path)``, built in the worker that needs it."""

    model: str | None = None
    kb_path: str | None = None

    def __call__(self) -> Analyzer:
        from .extract import Pipeline

        return Pipeline(model=self.model, kb_path=self.kb_path)

    def versions(self) -> tuple[str, str]:
        from . import __version__
        from .kb import load_kb
        from .settings import load_settings

        return __version__, load_kb(self.kb_path or load_settings()["kb"] or None).version


def _own_worker() -> None:
    from .kb import freeze_on_load

    freeze_on_load()


# one analyzer per worker process and factory, built on the first chunk and kept
_ANALYZERS: dict[Any, Analyzer] = {}


def analyzer_for(factory: AnalyzerFactory) -> Analyzer:
    if factory not in _ANALYZERS:
        _ANALYZERS[factory] = factory()
    return _ANALYZERS[factory]


def analyse_chunk(factory: AnalyzerFactory, chunk: Chunk) -> list[Result]:
    """A chunk's result lines, in input order: each article's analysis or error, each unread input's error."""
    from .extract import analyze_alone

    articles = chunk.articles
    analysed: Iterator[tuple[Any, Any]] = iter(())
    if articles:
        analyzer = analyzer_for(factory)
        many = getattr(analyzer, "analyze_many", None)
        analysed = many(articles) if many else ((a, analyze_alone(analyzer.analyze, a)) for a in articles)
    lines = []
    for item in chunk.items:
        if isinstance(item, Unread):
            lines.append(error_result(item))
            continue
        article, result = next(analysed)
        if isinstance(result, CommuniqueError):
            lines.append(article_result(article, None, result.message, result.code))
        else:
            lines.append(article_result(article, result))
    return lines


def _lost(detail: str) -> WorkerLostError:
    return WorkerLostError(
        f"a worker died while analysing ({detail}); the chunks already written are kept: run the same "
        "command again to finish the rest (lower --workers or --chunk-size if memory ran out)"
    )


Completed = Iterator[tuple[Chunk, list[Result]]]


class _Engine:
    workers: int
    name: str

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InlineEngine(_Engine):
    """Chunks one after another in this process."""

    workers = 1
    name = "this process"

    def run(self, factory: AnalyzerFactory, chunks: Iterable[Chunk]) -> Completed:
        for chunk in chunks:
            yield chunk, analyse_chunk(factory, chunk)


class ProcessEngine(_Engine):
    """Chunks in ``workers`` local processes (started fresh, each loading the pipeline once)."""

    name = "local processes"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # the pool's processes are ours alone: what they load lives until they end (kb.freeze_on_load)
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_own_worker)

    def run(self, factory: AnalyzerFactory, chunks: Iterable[Chunk]) -> Completed:
        pending: dict[Future[list[Result]], Chunk] = {}
        feed = iter(chunks)
        try:
            while True:
                while len(pending) < 2 * self.workers and (chunk := next(feed, None)) is not None:
                    pending[self._pool.submit(analyse_chunk, factory, chunk)] = chunk
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
        except BrokenProcessPool as exc:
            raise _lost(str(exc) or "a local process ended abruptly") from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise CommuniqueError(f"Dask is not installed; {DASK_EXTRA} (or leave out --scheduler)") from exc
    return distributed


#: Dask settings of the workers a local cluster starts (merged into the user's own Dask configuration).
_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}  # a dotted key: Nanny merges only the top level


class DaskEngine(_Engine):
    """Chunks as tasks on a Dask cluster: a new local one of ``workers`` processes, or ``scheduler``'s."""

    name = "dask"

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        distributed = _distributed()
        self._cluster = None
        if scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as exc:
                raise CommuniqueError(
                    f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with `dask scheduler` "
                    "and workers with `dask worker ADDRESS`"
                ) from exc
        else:
            # one single-threaded process per worker: spaCy's parser does not gain from threads; and no
            # statistical profiler sampling the worker's stack every 10 ms, which cost each worker
            # about 7% of its CPU time (issue 13)
            self._cluster = distributed.LocalCluster(
                n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=40, config=_WORKER_CONFIG,
            )
            self.client = distributed.Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or (workers or 1))
        self.address = str(self.client.scheduler.address)

    def run(self, factory: AnalyzerFactory, chunks: Iterable[Chunk]) -> Completed:
        distributed = _distributed()
        feed = iter(chunks)
        owner: dict[str, Chunk] = {}
        queue = distributed.as_completed()

        def submit() -> bool:
            chunk = next(feed, None)
            if chunk is None:
                return False
            future = self.client.submit(analyse_chunk, factory, chunk, key=f"{chunk.name}-{id(feed)}", pure=False)
            owner[future.key] = chunk
            queue.add(future)
            return True

        for _ in range(2 * self.workers):
            if not submit():
                break
        for future in queue:
            try:
                lines = future.result()
            except distributed.KilledWorker as exc:
                raise _lost(f"Dask gave up on {owner[future.key].name}: {exc}") from exc
            chunk = owner.pop(future.key)
            future.release()
            yield chunk, lines
            submit()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


Engine = InlineEngine | ProcessEngine | DaskEngine


def dask_installed() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def open_engine(
    workers: int = 1, scheduler: str | None = None, engine: EngineName = "auto",
    note: Callable[[str], None] | None = None,
) -> Engine:
    """The engine for ``--workers N`` / ``--scheduler ADDRESS``.

    ``auto``: a Dask cluster when a scheduler is given or several workers are asked for and Dask is
    installed; several local processes when it is not (``note`` is told so, naming the extra); this
    process for one worker.
    """
    if workers < 1:
        raise CommuniqueError(f"--workers must be at least 1, not {workers}")
    if scheduler or engine == "dask":
        return DaskEngine(workers=workers, scheduler=scheduler)
    if workers == 1:
        return InlineEngine()
    if engine == "auto" and dask_installed():
        return DaskEngine(workers=workers)
    if engine == "auto" and note is not None:
        note(f"Dask is not installed ({DASK_EXTRA}); running {workers} local processes instead")
    return ProcessEngine(workers)
