"""Long-input benchmark: time per character from 10 KB to 1 MB must stay flat (issue 14).

Usage::

    python bench/length_bench.py                         # 10 KB .. 1 MB, table
    python bench/length_bench.py --sizes 10000,100000 --runs 3 --json

Texts: the dev-gold documents and the reference article (``<shared>/dev-gold/*.json`` field
``text``, ``<shared>/samples/*.txt``; ``--shared`` names the folder, default ``../shared``),
joined with blank lines and repeated until the text reaches each size, then cut at the last
paragraph end before it. A second shape, ``--shape run-on``, removes every sentence end so the
whole text is one paragraph that never stops (the hostile case of the issue).

For each size the full ``Pipeline.analyze`` runs ``--runs`` times with the time budget off; the
table gives the median CPU seconds and wall seconds, microseconds of CPU per character, the ratio
of that figure to the smallest size's, each component's share, and the process's peak resident
memory so far (``--piece-chars 0`` shows what one long ``Doc`` costs). CPU time is used for the
verdict because other processes on a shared machine barely move it. Linear cost gives a ratio
near 1; quadratic cost makes the 1 MB ratio about 100x. No timing is asserted anywhere: this is a
report, not a test.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # import this checkout's communique, not an installed one

os.environ["COMMUNIQUE_TIME_BUDGET"] = "0"  # measure, never stop

from communique.extract import Pipeline, to_analysis  # noqa: E402

extract = importlib.import_module("communique.extract")  # the module (``communique.extract`` is also a function)
from communique.records import Article  # noqa: E402

DEFAULT_SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000)
#: A ratio of time per character (largest size / smallest) under this counts as flat.
FLAT = 1.5


def paragraphs(shared: Path) -> list[str]:
    """The corpus's paragraphs, in file order."""
    texts = []
    for path in sorted((shared / "dev-gold").glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8")).get("text")
        if isinstance(text, str):
            texts.append(text)
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "samples").glob("*.txt"))]
    found = [p.strip() for t in texts for p in re.split(r"\n\s*\n", t) if p.strip()]
    if not found:
        raise SystemExit(f"no texts found under {shared}/dev-gold or {shared}/samples")
    return found


def build_text(pieces: list[str], size: int, shape: str) -> str:
    """Paragraphs repeated up to ``size`` characters; ``run-on`` drops every sentence end and break."""
    out: list[str] = []
    length = 0
    while length < size:
        for piece in pieces:
            if length + len(piece) + 2 > size and out:
                length = size
                break
            out.append(piece)
            length += len(piece) + 2
    text = "\n\n".join(out)
    if shape == "run-on":
        text = re.sub(r"[.!?;:]+", "", text)
        text = re.sub(r"\s+", " ", text)
    return text[:size]


def measure(pipeline: Pipeline, text: str) -> dict[str, Any]:
    """One analysis as ``Pipeline.analyze`` runs it (a long text's model pipes in pieces): CPU and wall
    seconds, and CPU seconds per component."""
    article = Article(text=text, source="<bench>")
    split: dict[str, float] = defaultdict(float)

    def timed(name: str, component: Any) -> Any:
        def run(doc: Any) -> Any:
            start = time.process_time()
            doc = component(doc)
            split[name] += time.process_time() - start
            return doc
        return run

    pipes = [(name, timed(name, component)) for name, component in pipeline.nlp.pipeline]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    model = extract._model_pipes(pipeline.nlp) if len(text) > extract.PIECE_CHARS else 0
    if model:
        doc = pipeline._with_article(extract._in_pieces(pipeline.nlp, text, pipes[:model], lambda: None), article)
    else:
        doc = pipeline._doc(article)
    for _name, component in pipes[model:]:
        doc = component(doc)
    start = time.process_time()
    analysis = to_analysis(doc, article, pipeline.info)
    split["to_analysis"] += time.process_time() - start
    return {
        "cpu": time.process_time() - cpu0, "wall": time.perf_counter() - wall0, "split": dict(split),
        "records": len(analysis.quotes) + len(analysis.events) + len(analysis.roles),
    }


def run(sizes: list[int], runs: int, shape: str, shared: Path) -> dict[str, Any]:
    pipeline = Pipeline()
    pipeline.nlp.max_length = max(pipeline.nlp.max_length, max(sizes) + 1)
    pieces = paragraphs(shared)
    measure(pipeline, build_text(pieces, 2000, shape))  # warm-up: lazy loads, caches
    rows = []
    for size in sizes:
        text = build_text(pieces, size, shape)
        results = [measure(pipeline, text) for _ in range(runs)]
        cpu = statistics.median(r["cpu"] for r in results)
        split = {name: statistics.median(r["split"].get(name, 0.0) for r in results) for name in results[0]["split"]}
        rows.append({
            "chars": len(text), "runs": runs, "cpu_s": round(cpu, 3),
            "wall_s": round(statistics.median(r["wall"] for r in results), 3),
            "us_per_char": round(cpu / len(text) * 1e6, 3), "records": results[0]["records"],
            # the process's peak so far: sizes run smallest first, so it is this size's peak or an earlier one's
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "split_share": {k: round(v / cpu, 3) for k, v in split.items() if cpu},
        })
        print(f"  {len(text):>9,} chars: {cpu:8.2f} s CPU", file=sys.stderr)
    base = rows[0]["us_per_char"]
    for row in rows:
        row["ratio"] = round(row["us_per_char"] / base, 2)
    return {
        "shape": shape, "piece_chars": extract.PIECE_CHARS, "model": pipeline.info.model, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores", "rows": rows,
        "flat": rows[-1]["ratio"] <= FLAT,
    }


def render(report: dict[str, Any]) -> str:
    pieces = ("the model reads the text in one piece" if report["piece_chars"] == sys.maxsize
              else f"pieces of {report['piece_chars']:,} characters")
    lines = [
        f"shape {report['shape']}, {pieces}, model {report['model']}, Python {report['python']}, {report['machine']}",
        "| chars | runs | CPU s (median) | wall s | µs CPU/char | ratio to first | records | peak RSS MiB "
        "| largest component shares |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["rows"]:
        top = sorted(row["split_share"].items(), key=lambda kv: -kv[1])[:3]
        shares = ", ".join(f"{k.replace('communique_', '')} {v:.0%}" for k, v in top)
        lines.append(
            f"| {row['chars']:,} | {row['runs']} | {row['cpu_s']:.2f} | {row['wall_s']:.2f} | "
            f"{row['us_per_char']:.1f} | {row['ratio']:.2f} | {row['records']} | {row['peak_rss_mib']:,} | {shares} |"
        )
    verdict = "flat" if report["flat"] else "NOT flat"
    lines.append(f"\ntime per character, largest / smallest: {report['rows'][-1]['ratio']:.2f} ({verdict}; "
                 f"flat means <= {FLAT})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="Text sizes in characters.")
    parser.add_argument("--runs", type=int, default=3, help="Runs per size (the median is reported).")
    parser.add_argument("--shape", choices=["news", "run-on"], default="news",
                        help="news: paragraphs as written; run-on: one paragraph without a sentence end.")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="The shared data folder.")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
    parser.add_argument("--piece-chars", type=int, default=extract.PIECE_CHARS,
                        help="Longer texts go through the model's pipes in pieces of this size "
                             f"(default {extract.PIECE_CHARS:,}, as communique runs; 0: one piece, as before issue 14).")
    args = parser.parse_args()
    extract.PIECE_CHARS = args.piece_chars or sys.maxsize
    sizes = sorted(int(s) for s in args.sizes.split(","))
    report = run(sizes, args.runs, args.shape, args.shared)
    print(json.dumps(report, indent=1) if args.json else render(report))


if __name__ == "__main__":
    main()
