"""Batch ingest and source expansion over real stores (issue 6).

The analyser here is a small keyword stand-in for the NLP pipeline: batch logic, not extraction,
is under test, and the stand-in keeps these tests fast and deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.batch import IngestReport, ingest, reanalyze
from communique.errors import FetchError, InputError
from communique.records import Analysis, Article, PipelineInfo
from communique.sources import iter_articles
from communique.store import Store
from tests.store_support import LUKASHENKO, NAZARBAYEV, PUTIN, analysis_for, meeting, store, store_url  # noqa: F401

KNOWN = {"Putin": PUTIN, "Nazarbayev": NAZARBAYEV, "Lukashenko": LUKASHENKO}


class KeywordAnalyzer:
    """Finds known surnames; a sentence naming two of them with "met" is a meeting."""

    def __init__(self, version: str = "1.0") -> None:
        self.info = PipelineInfo(version=version, model="keywords", kb="kb-1")
        self.calls = 0

    def analyze(self, article: Article) -> Analysis:
        self.calls += 1
        if "EXPLODE" in article.text:
            raise ValueError("the stand-in cannot read this")
        actors = [actor for name, actor in KNOWN.items() if name in article.text]
        events = []
        for sentence in article.text.split(". "):
            people = [actor.id for name, actor in KNOWN.items() if name in sentence]
            if " met " in sentence and len(people) >= 2:
                events.append(meeting(sentence, article.text, people, date=article.published))
        return analysis_for(article, actors=actors, events=events, pipeline=self.info)


MEETING = "Putin met Nazarbayev in Astana to discuss the Eurasian Economic Union and energy prices. "


def write_corpus(root: Path) -> None:
    (root / "pages").mkdir()
    (root / "pages" / "one.txt").write_text(MEETING + "The talks lasted three hours and ended with a dinner.")
    (root / "pages" / "nested").mkdir()
    (root / "pages" / "nested" / "two.html").write_text(
        "<html><head><title>Visit</title></head><body><article><h1>Minsk visit</h1>"
        "<p>Putin met Lukashenko in Minsk on a state visit. The two presidents signed agreements on gas, "
        "oil transit and the union state, and they spoke to reporters after the talks in the palace.</p>"
        "</article></body></html>"
    )
    (root / "pages" / "skip.csv").write_text("a,b\n")
    lines = [
        json.dumps({"url": "https://a.example/1", "title": "Talks", "published": "2025-01-05", "outlet": "A",
                    "text": MEETING + "Both sides called the talks useful and constructive for the region."}),
        "{not json",
        json.dumps({"url": "https://b.example/2", "title": "Nothing"}),
        json.dumps({"url": "https://c.example/3", "published": "2025-01-06", "outlet": "C",
                    "text": MEETING + "Officials said the EXPLODE meeting was the first of the year."}),
    ]
    (root / "archive.jsonl").write_text("\n".join(lines) + "\n")
    entry_text = MEETING * 6
    (root / "feed.xml").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed Outlet</title>"
        "<item><title>Long</title><link>https://feed.example/long</link>"
        "<pubDate>Tue, 07 Jan 2025 10:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;{entry_text}&lt;/p&gt;</description></item>"
        "<item><title>Teaser</title><link>https://feed.example/teaser</link>"
        "<pubDate>Wed, 08 Jan 2025 10:00:00 GMT</pubDate><description>Short teaser.</description></item>"
        "</channel></rss>"
    )


def fake_fetch(url: str) -> bytes:
    if url == "https://feed.example/teaser":
        return (
            "<html><body><article><p>Putin met Lukashenko again in Sochi for talks on the economy and security. "
            "The leaders also discussed grain exports, payment systems and the situation on the border.</p>"
            "</article></body></html>"
        ).encode()
    raise FetchError(url, "the test network only knows the teaser page")


def test_sources_expand_every_kind(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    items = list(iter_articles(
        [str(tmp_path / "pages"), str(tmp_path / "archive.jsonl"), str(tmp_path / "feed.xml"),
         str(tmp_path / "missing.txt")],
        fetch=fake_fetch,
    ))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(articles) == 2 + 2 + 2
    assert {e.source.rsplit("/", 1)[-1] for e in errors} == {"archive.jsonl:2", "archive.jsonl:3", "missing.txt"}
    archived = next(a for a in articles if a.url == "https://a.example/1")
    assert archived.outlet == "A" and str(archived.published) == "2025-01-05"
    teaser = next(a for a in articles if a.url == "https://feed.example/teaser")
    assert "Sochi" in teaser.text and teaser.outlet == "Feed Outlet"


def test_batch_ingest_reports_and_is_idempotent(store: Store, tmp_path: Path) -> None:
    write_corpus(tmp_path)
    sources = [str(tmp_path / "pages"), str(tmp_path / "archive.jsonl"), str(tmp_path / "feed.xml")]
    analyzer = KeywordAnalyzer()
    seen: list[str] = []
    report = ingest(sources, store, analyzer, fetch=fake_fetch, progress=lambda src, outcome: seen.append(outcome))
    assert report.analysed == 5
    assert report.unchanged == 0
    reasons = dict(report.failed)
    assert len(report.failed) == 3
    assert any("not valid JSON" in r for r in reasons.values())
    assert any("ValueError" in r for r in reasons.values())
    assert len(seen) == report.total
    counts = store.counts()
    again = ingest(sources, store, analyzer, fetch=fake_fetch)
    assert (again.analysed, again.unchanged, len(again.failed)) == (0, 5, 3)
    assert store.counts() == counts
    assert analyzer.calls == 7  # the second run only retried the article that failed


def test_batch_reanalyze_stale_then_all(store: Store, tmp_path: Path) -> None:
    write_corpus(tmp_path)
    ingest([str(tmp_path / "pages")], store, KeywordAnalyzer("1.0"))
    newer = KeywordAnalyzer("2.0")
    assert len(store.stale("2.0", "kb-1")) == 2
    report = reanalyze(store, newer)
    assert report == IngestReport(analysed=2, unchanged=0, failed=[])
    assert store.stale("2.0", "kb-1") == []
    assert reanalyze(store, newer).total == 0
    assert reanalyze(store, newer, all=True).unchanged == 2


@pytest.mark.parametrize("line", ["[1, 2]", '{"text": ""}'])
def test_sources_bad_archive_line_is_one_failure(tmp_path: Path, line: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(line + "\n" + json.dumps({"text": MEETING * 2}) + "\n")
    items = list(iter_articles([str(path)]))
    assert [type(i).__name__ for i in items][1] == "Article"
    assert isinstance(items[0], InputError) and items[0].source.endswith("a.jsonl:1")


@pytest.mark.slow
def test_batch_reingest_of_dev_gold_and_reference_changes_nothing(tmp_path, pipeline) -> None:
    """Issue #6: ingesting dev-gold and the reference article twice gives identical row counts."""
    from communique.batch import ingest
    from communique.store import open_store
    from tests.conftest import SHARED

    sources = [str(SHARED / "dev-gold"), str(SHARED / "samples" / "tengri-tokayev-on-nazarbayev-putin.txt")]
    store = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")
    try:
        first = ingest(sources, store, pipeline)
        counts = store.counts()
        second = ingest(sources, store, pipeline)
        assert store.counts() == counts
        assert first.analysed == 27 and not first.failed
        assert second.analysed == 0 and second.unchanged == 27
    finally:
        store.close()
