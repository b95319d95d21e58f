"""Analyse a corpus into a store: skip what is already there, record failures, go on.

Example::

    from communique.batch import ingest
    from communique.extract import Pipeline
    from communique.store import open_store
    report = ingest(["archive.jsonl", "pages/"], open_store("sqlite:///corpus.db"), Pipeline())
    print(report.analysed, report.unchanged, report.failed)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

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
