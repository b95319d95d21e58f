"""Batch benchmark (issue 13): whole processes on a real corpus, medians, table + bench/RESULTS.md.

Usage::

    python bench/batch_bench.py                       # 80 PolNeAR train articles, 3 runs of each
    python bench/batch_bench.py --articles 200 --runs 5 --no-write

Texts: the first ``--articles`` PolNeAR train articles in name order
(``<shared>/eval/polnear/train/text/*.txt``), written to one JSONL file. Every measure is a whole
process, started fresh, timed from start to exit; each is run ``--runs`` times and the median
shown. Measures:

1. ``bare``: ``spacy.load`` of the model communique picks (same exclusions) and ``nlp.pipe`` over
   the texts; ``batch``: ``communique batch corpus.jsonl --out DIR`` (one worker: this process).
   Target: batch / bare <= 1.3.
2. ``dask 1`` and ``dask 2``: ``communique batch --engine dask --workers 1|2`` (a local Dask
   cluster). Speedup = wall(1) / wall(2), whole process (cluster start and each worker's pipeline
   load included), and in steady state: articles per second between the first and the last chunk
   file written (the chunk files' modification times). Target: >= 1.8 on 2 cores.
3. Peak resident memory of the largest process of each run (``wait4`` rusage of the process tree:
   Dask workers are children of the nanny the CLI started). Target < 1 GiB.
4. Cold start: ``communique analyze one-sentence.txt`` vs a process that loads bare spaCy and
   parses the sentence. Target: at most 1 s more. Also the knowledge base's load, from its JSON and
   from the prebuilt form, in this process.
5. textacy ``direct_quotations`` on the same texts (bare spaCy + textacy, one process): the stock
   tool's cost for the narrower job of direct quotes only. Skipped when textacy is not installed
   (``pip install -e '.[bench]'``).

CPU seconds (user + system of the whole process tree) are shown beside wall seconds: on a machine
other processes also use, CPU time moves much less than wall time. Each run records the cores the
rest of the machine used meanwhile ("foreign", from /proc/stat). No timing is asserted anywhere:
this is a report, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pipeline_bench import machine_busy  # noqa: E402

NOTES = "## Reading these numbers"
TARGETS = {"overhead": 1.3, "speedup": 1.8, "peak_mib": 1024.0, "cold_extra_s": 1.0}
SENTENCE = "Vladimir Putin met Kassym-Jomart Tokayev in Astana on Monday, the Kremlin said."

BARE = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1], exclude=["textcat"])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
n = sum(len(doc) for doc in nlp.pipe(texts))
"""
BARE_ONE = """
import sys, spacy
nlp = spacy.load(sys.argv[1], exclude=["textcat"])
nlp(sys.argv[2])
"""
TEXTACY = """
import json, sys, spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1], exclude=["textcat"])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
quotes = failed = 0
for doc in nlp.pipe(texts):
    try:
        quotes += len(list(direct_quotations(doc)))
    except ValueError:  # an odd number of quotation marks: textacy gives up on the document
        failed += 1
print(json.dumps({"quotes": quotes, "failed": failed}))
"""


def measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one whole process: wall and CPU seconds (its whole tree), foreign cores, its stdout."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, t0 = machine_busy(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    busy = machine_busy() - busy0
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "foreign": max(0.0, busy - cpu) / wall, "stdout": proc.stdout.decode()}


def peak_rss_mib(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """The largest resident set of any process of the command's tree, in MiB (fresh wrapper process)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def steady_rate(out_dir: Path) -> float | None:
    """Articles per second between the first and the last chunk file written."""
    files = sorted(out_dir.glob("chunk-*.jsonl"), key=lambda p: p.stat().st_mtime)
    if len(files) < 3:
        return None
    counts = [sum(1 for _ in p.open(encoding="utf-8")) for p in files]
    span = files[-1].stat().st_mtime - files[0].stat().st_mtime
    return sum(counts[1:]) / span if span > 0 else None


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    import spacy

    from communique.nlp import pick_model

    return {"cpu": cpu, "cores": os.cpu_count(), "mem_mib": mem, "python": platform.python_version(),
            "spacy": spacy.__version__, "model": pick_model(None), "load_avg": os.getloadavg()[0],
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="minutes")}


def corpus(shared: Path, n: int, target: Path) -> int:
    texts = sorted((shared / "eval" / "polnear" / "train" / "text").glob("*.txt"))[:n]
    if not texts:
        sys.exit(f"no PolNeAR train texts under {shared}; give --shared")
    with target.open("w", encoding="utf-8") as fh:
        for path in texts:
            fh.write(json.dumps({"text": path.read_text(encoding="utf-8"), "url": f"polnear:{path.stem}"}) + "\n")
    return len(texts)


def kb_load_times() -> dict[str, float]:
    from communique.kb import KnowledgeBase

    times: dict[str, list[float]] = {"json": [], "prebuilt": []}
    with tempfile.TemporaryDirectory() as cache:
        for _ in range(3):
            t0 = time.perf_counter()
            KnowledgeBase.load(cache_dir="off")
            times["json"].append(time.perf_counter() - t0)
        KnowledgeBase.load(cache_dir=cache)
        for _ in range(3):
            t0 = time.perf_counter()
            KnowledgeBase.load(cache_dir=cache)
            times["prebuilt"].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in times.items()}


def med(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chunk-size", type=int, default=8)
    parser.add_argument("--no-write", action="store_true", help="Print the table only; leave bench/RESULTS.md.")
    parser.add_argument("--cold-only", action="store_true",
                        help="Only the cold start (measure 4), --runs times each; print its table, write nothing.")
    args = parser.parse_args()

    info = machine()
    model = info["model"]
    cli = [str(Path(sys.executable).parent / "communique")]
    work = Path(tempfile.mkdtemp(prefix="cq-batch-bench-"))
    env = {**os.environ, "COMMUNIQUE_DB": f"sqlite:///{work / 'unused.db'}"}
    # an installed package has its bytecode (pip compiles it; an editable one writes it on first
    # import); with PYTHONDONTWRITEBYTECODE every start would compile our modules again, which bare
    # spaCy, compiled in site-packages, never does
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        data = work / "corpus.jsonl"
        n = corpus(args.shared, args.articles, data)
        one = work / "one.txt"
        one.write_text(SENTENCE + "\n", encoding="utf-8")
        # warm the prebuilt KB so that no measured run pays for writing it
        subprocess.run([*cli, "analyze", str(one), "--format", "json"], capture_output=True, env=env, check=True)
        if args.cold_only:
            print(cold_start(cli, model, one, env, args.runs, info))
            return
        results: dict[str, list[dict[str, Any]]] = {k: [] for k in ("bare", "batch", "dask1", "dask2", "cold",
                                                                    "bare_one", "textacy")}
        steady: dict[str, list[float]] = {"dask1": [], "dask2": []}
        have_textacy = subprocess.run([sys.executable, "-c", "import textacy"], capture_output=True).returncode == 0
        for r in range(args.runs):
            # interleaved, so that a busy spell of the machine hits every configuration alike
            results["bare"].append(measured([sys.executable, "-c", BARE, model, str(data)], env))
            out = work / f"batch-{r}"
            results["batch"].append(measured([*cli, "batch", str(data), "--out", str(out),
                                              "--chunk-size", str(args.chunk_size)], env))
            for workers in (1, 2):
                out = work / f"dask{workers}-{r}"
                results[f"dask{workers}"].append(measured(
                    [*cli, "batch", str(data), "--out", str(out), "--engine", "dask", "--workers", str(workers),
                     "--chunk-size", str(args.chunk_size)], env))
                rate = steady_rate(out)
                if rate:
                    steady[f"dask{workers}"].append(rate)
            results["cold"].append(measured([*cli, "analyze", str(one), "--format", "json"], env))
            results["bare_one"].append(measured([sys.executable, "-c", BARE_ONE, model, SENTENCE], env))
            if have_textacy and r == 0 or have_textacy and args.runs > 1 and r == 1:
                results["textacy"].append(measured([sys.executable, "-c", TEXTACY, model, str(data)], env))
            print(f"run {r + 1}/{args.runs} done", file=sys.stderr)
        peaks = {
            "batch": peak_rss_mib([*cli, "batch", str(data), "--out", str(work / "peak-batch"),
                                   "--chunk-size", str(args.chunk_size)], env),
            "dask2": peak_rss_mib([*cli, "batch", str(data), "--out", str(work / "peak-dask"), "--engine", "dask",
                                   "--workers", "2", "--chunk-size", str(args.chunk_size)], env),
        }
        kb = kb_load_times()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report = render(info, n, args, results, steady, peaks, kb)
    print(report)
    if not args.no_write:
        results_md = ROOT / "bench" / "RESULTS.md"
        # the hand-written reading of the numbers, below NOTES, survives a new run
        old = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
        notes = old[old.index(NOTES):] if NOTES in old else ""
        results_md.write_text(report + "\n\n" + notes if notes else report + "\n", encoding="utf-8")
        print("wrote bench/RESULTS.md", file=sys.stderr)


def cold_start(cli: list[str], model: str, one: Path, env: dict[str, str], runs: int, info: dict[str, Any]) -> str:
    """Measure 4 alone: ``communique analyze`` of one sentence against bare spaCy, interleaved."""
    results: dict[str, list[dict[str, Any]]] = {"cold": [], "bare_one": []}
    for _ in range(runs):
        results["cold"].append(measured([*cli, "analyze", str(one), "--format", "json"], env))
        results["bare_one"].append(measured([sys.executable, "-c", BARE_ONE, model, SENTENCE], env))
    cold, bare = results["cold"], results["bare_one"]
    lines = [
        f"`python bench/batch_bench.py --cold-only --runs {runs}` — {info['date']}, load average "
        f"{info['load_avg']:.1f} at the start, {info['cores']} cores; model `{model}`; medians of {runs} runs",
        "",
        "| run | wall s | CPU s | foreign cores |",
        "|---|---|---|---|",
        f"| `communique analyze` one sentence | {med(cold, 'wall'):.2f} | {med(cold, 'cpu'):.2f} | {med(cold, 'foreign'):.2f} |",
        f"| bare spaCy load + one sentence | {med(bare, 'wall'):.2f} | {med(bare, 'cpu'):.2f} | {med(bare, 'foreign'):.2f} |",
        f"| analyze − bare | {med(cold, 'wall') - med(bare, 'wall'):+.2f} | "
        f"{med(cold, 'cpu') - med(bare, 'cpu'):+.2f} | |",
        "",
        "CPU s of each run: analyze " + ", ".join(f"{r['cpu']:.2f}" for r in cold)
        + "; bare " + ", ".join(f"{r['cpu']:.2f}" for r in bare),
    ]
    return "\n".join(lines)


def render(info: dict[str, Any], n: int, args: argparse.Namespace, results: dict[str, list[dict[str, Any]]],
           steady: dict[str, list[float]], peaks: dict[str, float], kb: dict[str, float]) -> str:
    def row(name: str, key: str, note: str = "") -> str:
        runs = results[key]
        if not runs:
            return f"| {name} | – | – | – | – | {note or 'not run'} |"
        wall, cpu = med(runs, "wall"), med(runs, "cpu")
        return f"| {name} | {wall:.1f} | {cpu:.1f} | {n / wall:.2f} | {med(runs, 'foreign'):.2f} | {note} |"

    bare_w, batch_w = med(results["bare"], "wall"), med(results["batch"], "wall")
    bare_c, batch_c = med(results["bare"], "cpu"), med(results["batch"], "cpu")
    d1, d2 = med(results["dask1"], "wall"), med(results["dask2"], "wall")
    s1 = statistics.median(steady["dask1"]) if steady["dask1"] else None
    s2 = statistics.median(steady["dask2"]) if steady["dask2"] else None
    cold, bare_one = med(results["cold"], "wall"), med(results["bare_one"], "wall")
    cold_c, bare_one_c = med(results["cold"], "cpu"), med(results["bare_one"], "cpu")
    textacy_note = ""
    if results["textacy"]:
        found = json.loads(results["textacy"][0]["stdout"] or "{}")
        textacy_note = f"{found.get('quotes', '?')} direct quotes; {found.get('failed', '?')} documents given up"

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = [
        "# Batch benchmark (issue 13)",
        "",
        f"`python bench/batch_bench.py --articles {args.articles} --runs {args.runs} --chunk-size {args.chunk_size}`"
        f" — {info['date']}",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['mem_mib']} MiB; Python {info['python']}, "
        f"spaCy {info['spacy']}, model `{info['model']}`; load average {info['load_avg']:.1f} at the start "
        "(other processes share the machine: see the foreign column, and prefer the CPU ratios).",
        "",
        f"Corpus: the first {n} PolNeAR train articles (name order). Medians of {args.runs} whole-process runs.",
        "",
        "| run | wall s | CPU s | articles/s (wall) | foreign cores | note |",
        "|---|---|---|---|---|---|",
        row("bare spaCy `nlp.pipe`", "bare"),
        row("`communique batch` (1 worker, this process)", "batch"),
        row("`communique batch --engine dask --workers 1`", "dask1",
            f"steady {s1:.2f} articles/s" if s1 else ""),
        row("`communique batch --engine dask --workers 2`", "dask2",
            f"steady {s2:.2f} articles/s" if s2 else ""),
        row("textacy `direct_quotations` (spaCy + textacy)", "textacy", textacy_note),
        row("cold start: `communique analyze` one sentence", "cold"),
        row("cold start: bare spaCy load + one sentence", "bare_one"),
        "",
        "| measure | value | target | verdict |",
        "|---|---|---|---|",
        f"| batch / bare spaCy, wall | {batch_w / bare_w:.2f}× | ≤ {TARGETS['overhead']}× | "
        f"{verdict(batch_w / bare_w <= TARGETS['overhead'])} |",
        f"| batch / bare spaCy, CPU | {batch_c / bare_c:.2f}× | ≤ {TARGETS['overhead']}× | "
        f"{verdict(batch_c / bare_c <= TARGETS['overhead'])} |",
        f"| 2 workers / 1 worker, whole process | {d1 / d2:.2f}× | ≥ {TARGETS['speedup']}× | "
        f"{verdict(d1 / d2 >= TARGETS['speedup'])} |",
    ]
    if s1 and s2:
        lines.append(f"| 2 workers / 1 worker, steady state | {s2 / s1:.2f}× | ≥ {TARGETS['speedup']}× | "
                     f"{verdict(s2 / s1 >= TARGETS['speedup'])} |")
    lines += [
        f"| peak RSS, largest process (1 worker / 2 Dask workers) | {peaks['batch']:.0f} / {peaks['dask2']:.0f} MiB"
        f" | < {TARGETS['peak_mib']:.0f} MiB | {verdict(max(peaks.values()) < TARGETS['peak_mib'])} |",
        f"| cold start: analyze − bare spaCy, wall | {cold - bare_one:+.2f} s ({cold:.2f} vs {bare_one:.2f}) | "
        f"≤ {TARGETS['cold_extra_s']:.0f} s | {verdict(cold - bare_one <= TARGETS['cold_extra_s'])} |",
        f"| cold start: analyze − bare spaCy, CPU | {cold_c - bare_one_c:+.2f} s | ≤ {TARGETS['cold_extra_s']:.0f} s | "
        f"{verdict(cold_c - bare_one_c <= TARGETS['cold_extra_s'])} |",
        f"| knowledge base load: JSON → prebuilt form | {kb['json']:.2f} s → {kb['prebuilt']:.2f} s | well under 1 s | "
        f"{verdict(kb['prebuilt'] < 0.5)} |",
    ]
    if results["textacy"]:
        t = med(results["textacy"], "wall")
        lines.append(f"| textacy / bare spaCy, wall (direct quotes only) | {t / bare_w:.2f}× | – | for comparison |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
