"""Desk benchmark: render times of the desk's pages on the store ``bench/store_bench.py`` loads (issue 12).

Usage::

    python bench/store_bench.py --events 1000000 --db sqlite:///bench.db   # once: load the store
    python bench/desk_bench.py --db sqlite:///bench.db

Each page is requested through the app in-process (routing, queries, templates, SVG charts: the
whole render, without the network), ``--runs`` times over a fixed random choice of actors and
pairs; p50 and p95 in milliseconds. The target is p95 < 300 ms for the actor and pair pages.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from fastapi.testclient import TestClient

from communique.api import DeskSettings, create_app
from communique.store import open_store


def timed(fetch: Callable[[], int], runs: int) -> tuple[float, float]:
    """p50 and p95 of ``runs`` requests, in milliseconds; every answer must be 200."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        status = fetch()
        samples.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"a request answered {status}")
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="sqlite:///bench.db")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--all-pages", action="store_true", help="Also time home, network, meetings and search.")
    args = parser.parse_args()
    store = open_store(args.db)
    client = TestClient(create_app(store, DeskSettings()))
    rng = random.Random(11)
    n_events = store.counts()["events"]
    pairs = [(r["actor_a"], r["actor_b"]) for r in store.fetchall(
        "SELECT actor_a, actor_b FROM event_pairs WHERE event_id IN (?, ?, ?, ?, ?, ?, ?, ?)",
        [f"E{rng.randrange(n_events):09d}" for _ in range(8)])]
    pairs += [("A00000", "A00001"), ("A00000", "A00002")]
    n_actors = store.counts()["actors"]
    actors = [f"A{i:05d}" for i in (0, 1, 2, 10, 100, 1000)] + [f"A{rng.randrange(n_actors):05d}" for _ in range(4)]
    pages: dict[str, Callable[[], int]] = {
        "actor page": lambda: client.get(f"/actors/{rng.choice(actors)}").status_code,
        "pair page": lambda: client.get("/pairs/{}/{}".format(*rng.choice(pairs))).status_code,
        "actor JSON": lambda: client.get(f"/api/actors/{rng.choice(actors)}").status_code,
        "pair JSON": lambda: client.get("/api/pairs/{}/{}".format(*rng.choice(pairs))).status_code,
    }
    if args.all_pages:
        pages.update({
            "home page": lambda: client.get("/").status_code,
            "network page (default)": lambda: client.get("/network").status_code,
            "meetings page (everyone)": lambda: client.get("/meetings").status_code,
            "search page": lambda: client.get("/search", params={"q": rng.choice(["grain", "tariff", "energy"])}).status_code,
        })
    print(f"{store.dialect}: {n_events:,} events, {n_actors:,} actors, {args.runs} requests per page")
    for name, fetch in pages.items():
        fetch()  # first request warms the templates and the page cache
        p50, p95 = timed(fetch, args.runs)
        print(f"{name:26} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
