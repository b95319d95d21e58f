"""Store benchmark: a synthetic corpus of N events, then the web pages' queries, timed (issue 6).

Usage::

    python bench/store_bench.py --events 1000000 --db sqlite:///bench.db
    python bench/store_bench.py --events 1000000 --db postgresql://user:pw@localhost/bench

Reports p50/p95 in milliseconds for pair meetings, actor profile and quote search. The target
(DESIGN.md) is p95 < 50 ms on SQLite with a million events.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any

from communique import queries
from communique.store import Store, open_store

WORDS = (
    "integration energy security sanctions border trade grain gas pipeline union treaty cooperation "
    "investment summit neighbour partnership stability dialogue sovereignty budget transit nuclear "
    "climate water railway customs tariff election reform visit"
).split()
CHUNK = 50_000


def _chunks(rows: Iterator[tuple[Any, ...]], size: int = CHUNK) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Corpus:
    """A reproducible synthetic corpus: Zipf-like actor popularity, dates over 25 years."""

    def __init__(self, events: int, actors: int, seed: int = 7) -> None:
        self.n_events, self.n_actors = events, actors
        self.rng = random.Random(seed)
        weights = [1 / (rank ** 0.8) for rank in range(1, actors + 1)]
        self.cumulative = list(accumulate(weights))
        self.start = dt.date(2000, 1, 1)

    def actor(self) -> str:
        return f"A{bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1]):05d}"

    def day(self) -> str:
        return (self.start + dt.timedelta(days=self.rng.randrange(9000))).isoformat()

    def sentence(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(12))


def load(store: Store, corpus: Corpus) -> None:
    """Bulk-insert articles, actors, events (with participants, pairs, sources) and quotes."""
    rng = corpus.rng
    store.insert_rows("actors", ("id", "name", "kind", "country"),
                      [(f"A{i:05d}", f"Person {i}", "person", "XXX") for i in range(corpus.n_actors)])
    n_articles = corpus.n_events // 4
    store.insert_rows(
        "articles",
        ("id", "url", "title", "outlet", "published", "language", "source", "pipeline_version", "kb_version",
         "analysis_digest", "analysed_at", "text"),
        [(f"{i:016x}", f"https://news.example/{i}", f"Article {i}", f"Outlet {i % 50}", corpus.day(), "en",
          "bench", "0.1.0", "bench", "x", "2026-01-01T00:00:00+00:00", "") for i in range(n_articles)],
    )
    for chunk_start in range(0, corpus.n_events, CHUNK):
        events, people, pairs, sources = [], [], [], []
        for n in range(chunk_start, min(chunk_start + CHUNK, corpus.n_events)):
            event_id = f"E{n:09d}"
            group = {corpus.actor() for _ in range(3 if rng.random() < 0.1 else 2)}
            while len(group) < 2:
                group.add(corpus.actor())
            members = sorted(group)
            day = corpus.day()
            events.append((event_id, "CONSULT", None, "043", "meeting", rng.choice(("formal", "informal")),
                           None, 0, "held", day, None, day, None, "|".join(members), 1))
            for actor_id in members:
                people.append((event_id, actor_id, "participant", "CONSULT", "held", day))
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    pairs.append((event_id, a, b, "CONSULT", "held", day))
            sources.append((event_id, f"{rng.randrange(n_articles):016x}", "CONSULT", "043", "meeting", "formal",
                            0, "held", json.dumps([]), json.dumps([]), json.dumps(members), 0.8, 0, 80,
                            corpus.sentence(), "[]"))
        store.insert_rows("events", ("id", "plover", "mode", "cameo", "kind", "formality", "initiator_id",
                                     "recurring", "status", "date", "date_text", "approx_date", "place",
                                     "participants_key", "n_sources"), _bools(store, events, (7,)))
        store.insert_rows("event_participants", ("event_id", "actor_id", "side", "plover", "status", "approx_date"), people)
        store.insert_rows("event_pairs", ("event_id", "actor_a", "actor_b", "plover", "status", "approx_date"), pairs)
        store.insert_rows("event_sources", ("event_id", "article_id", "plover", "cameo", "kind", "formality",
                                            "recurring", "status", "source_ids", "target_ids", "participant_ids",
                                            "confidence", "evidence_start", "evidence_end", "evidence_text",
                                            "more_evidence"), _bools(store, sources, (6,)))
    n_quotes = corpus.n_events // 4
    for chunk in _chunks(iter(range(n_quotes))):
        quotes, reports, about = [], [], []
        for n in chunk:
            quote_id = f"Q{n:09d}"
            text = corpus.sentence()
            quotes.append((quote_id, corpus.actor(), text, text, f"h{n}", 1, "said", corpus.day(), 1))
            reports.append((quote_id, f"{rng.randrange(n_articles):016x}", text, 0, len(text), 1, "said", "bench",
                            0, len(text), text))
            if rng.random() < 0.5:
                about.append((quote_id, corpus.actor(), f"{rng.randrange(n_articles):016x}"))
        store.insert_rows("quotes", ("id", "speaker_id", "text", "norm_text", "norm_hash", "direct", "cue",
                                     "first_reported", "n_sources"), _bools(store, quotes, (5,)))
        store.insert_rows("quote_sources", ("quote_id", "article_id", "text", "start_char", "end_char", "direct",
                                            "cue", "rule", "evidence_start", "evidence_end", "evidence_text"),
                          _bools(store, reports, (5,)))
        store.insert_rows("quote_about", ("quote_id", "actor_id", "article_id"), sorted(set(about)))
    store.analyze()


def _bools(store: Store, rows: list[tuple[Any, ...]], positions: tuple[int, ...]) -> list[tuple[Any, ...]]:
    if store.dialect != "postgresql":
        return rows
    return [tuple(bool(v) if i in positions else v for i, v in enumerate(row)) for row in rows]


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """p50 and p95 of ``runs`` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite:///bench.db")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="Query an already loaded store.")
    args = parser.parse_args()
    store = open_store(args.db)
    corpus = Corpus(args.events, args.actors)
    if not args.reuse:
        started = time.perf_counter()
        load(store, corpus)
        print(f"loaded {args.events:,} events in {time.perf_counter() - started:.0f} s ({store.dialect})")
    print({k: v for k, v in store.counts().items()})
    rng = random.Random(11)
    pairs = [(r["actor_a"], r["actor_b"]) for r in store.fetchall(
        "SELECT actor_a, actor_b FROM event_pairs WHERE event_id IN (?, ?, ?, ?, ?, ?, ?, ?)",
        [f"E{rng.randrange(args.events):09d}" for _ in range(8)])]
    pairs += [("A00000", "A00001"), ("A00000", "A00002")]
    actors = [f"A{i:05d}" for i in (0, 1, 2, 10, 100, 1000)] + [f"A{rng.randrange(args.actors):05d}" for _ in range(4)]
    searches = ["energy security", "grain", "nuclear treaty", "railway customs tariff", "sovereignty"]
    results = {
        "pair meetings": timed(lambda: queries.meetings(store, *rng.choice(pairs), limit=50), args.runs),
        "pair meetings since 2020": timed(
            lambda: queries.meetings(store, *rng.choice(pairs), since=dt.date(2020, 1, 1), limit=50), args.runs),
        "actor profile": timed(lambda: queries.actor_profile(store, rng.choice(actors)), args.runs),
        "quote search": timed(lambda: queries.quotes(store, search=rng.choice(searches), limit=50), args.runs),
        "quote search by speaker": timed(
            lambda: queries.quotes(store, by=rng.choice(actors), search=rng.choice(searches), limit=50), args.runs),
    }
    for name, (p50, p95) in results.items():
        print(f"{store.dialect:10} {name:26} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
