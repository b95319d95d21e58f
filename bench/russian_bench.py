"""Russian against English: cost per character, memory with both pipelines, lazy loading.

Usage::

    python bench/russian_bench.py              # table on stdout
    python bench/russian_bench.py --runs 7 --json

Texts: the passages of ``<shared>/dev-news-ru`` (Russian) and ``<shared>/dev-news`` (English, the
same wire and newspaper style); ``--shared`` names the folder (default ``../shared``).

What it measures (issue 15's budget):

1. **Cost per character**: ``Pipeline().analyze`` over each corpus, median of ``--runs`` runs
   after one warm-up run, in ms per 1,000 characters; the ratio Russian / English (budget <= 2).
   Also the share of the Russian time spent in natasha (the carrier) and in each component.
2. **Peak memory** of a worker that analyses both corpora in a fresh process (``VmHWM``,
   budget < 1.5 GiB), beside one that analyses only English.
3. **Lazy loading**: a fresh process that analyses only English never imports natasha.

No timing is asserted anywhere: this is a report, not a test.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # import this checkout's communique, not an installed one

from communique.records import Article  # noqa: E402

BUDGET = {"ru_en_ratio": 2.0, "peak_rss_mib": 1536.0}

_WORKER = """
import json, sys
from pathlib import Path
from communique import Pipeline
from communique.records import Article
pipeline = Pipeline()
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).glob("[mn][0-9]*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        pipeline.analyze(Article(text=data["text"], source=path.name))
# VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the parent's peak at fork
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"rss_mib": peak / 1024,
                  "natasha_loaded": "natasha" in sys.modules}))
"""


def corpus(folder: Path) -> list[Article]:
    articles = []
    for path in sorted(folder.glob("[mn][0-9]*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        published = data.get("published")
        articles.append(Article(text=data["text"], published=published, source=path.name))
    return articles


def timed(pipeline: Any, articles: list[Article], runs: int) -> list[float]:
    for article in articles:  # warm-up: models, caches
        pipeline.analyze(article)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for article in articles:
            pipeline.analyze(article)
        times.append(time.perf_counter() - start)
    return times


def components(pipeline: Any, articles: list[Article], runs: int) -> dict[str, float]:
    """Seconds per run in natasha (making the Doc) and in each Russian component (medians)."""
    nlp = pipeline.nlp_for("ru")
    per: dict[str, list[float]] = {}
    for _ in range(runs):
        run: dict[str, float] = {}
        for article in articles:
            start = time.perf_counter()
            doc = pipeline._doc(article.model_copy(update={"language": "ru"}))
            run["natasha"] = run.get("natasha", 0.0) + time.perf_counter() - start
            for name, component in nlp.pipeline:
                start = time.perf_counter()
                doc = component(doc)
                run[name] = run.get(name, 0.0) + time.perf_counter() - start
        for name, seconds in run.items():
            per.setdefault(name, []).append(seconds)
    return {name: statistics.median(values) for name, values in per.items()}


def worker(*folders: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", _WORKER, *map(str, folders)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    shared = Path(args.shared)
    russian, english = corpus(shared / "dev-news-ru"), corpus(shared / "dev-news")
    from communique import Pipeline

    pipeline = Pipeline()
    ru_chars = sum(len(a.text) for a in russian)
    en_chars = sum(len(a.text) for a in english)
    en_times = timed(pipeline, english, args.runs)
    ru_times = timed(pipeline, russian, args.runs)
    en_ms = statistics.median(en_times) / en_chars * 1e6
    ru_ms = statistics.median(ru_times) / ru_chars * 1e6
    parts = components(pipeline, russian, max(1, args.runs // 2))
    both = worker(shared / "dev-news", shared / "dev-news-ru")
    only_english = worker(shared / "dev-news")
    figures = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "english": {"articles": len(english), "chars": en_chars, "ms_per_1000_chars": round(en_ms, 2)},
        "russian": {"articles": len(russian), "chars": ru_chars, "ms_per_1000_chars": round(ru_ms, 2)},
        "ru_en_ratio": round(ru_ms / en_ms, 2),
        "russian_parts_share": {k: round(v / sum(parts.values()), 3) for k, v in parts.items()},
        "peak_rss_mib_both": round(both["rss_mib"], 1),
        "peak_rss_mib_english_only": round(only_english["rss_mib"], 1),
        "natasha_loaded_by_english_only": only_english["natasha_loaded"],
    }
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    print(f"| measure | English | Russian | budget |\n|---|---:|---:|---|")
    print(f"| texts (passages / characters) | {len(english)} / {en_chars:,} | {len(russian)} / {ru_chars:,} | |")
    print(f"| ms per 1,000 characters (median of {args.runs}) | {en_ms:.2f} | {ru_ms:.2f} | |")
    print(f"| Russian / English per character | | **{figures['ru_en_ratio']}** | <= {BUDGET['ru_en_ratio']} |")
    print(f"| peak RSS of a worker (MiB) | {figures['peak_rss_mib_english_only']} (English only) | "
          f"{figures['peak_rss_mib_both']} (both pipelines) | < {BUDGET['peak_rss_mib']:.0f} |")
    print(f"| natasha imported by an English-only run | {figures['natasha_loaded_by_english_only']} | | False |")
    shares = ", ".join(f"{k} {v:.0%}" for k, v in sorted(figures["russian_parts_share"].items(), key=lambda kv: -kv[1]))
    print(f"\nRussian time by part: {shares}")


if __name__ == "__main__":
    main()
