"""Batch extraction on a real Dask LocalCluster with two workers and the real pipeline (issue 13).

One worker is killed while the job runs; the job either survives (Dask reruns the chunk) or stops
with WorkerLostError, and the same command run again completes it: every input article ends with
exactly one result, the results equal the pipeline's in this process, and loading them twice into
a real store changes nothing the second time.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique import chunks
from communique.batch import BatchState, run_batch
from communique.cli import cli
from communique.engine import DaskEngine, PipelineFactory
from communique.errors import WorkerLostError
from communique.extract import Pipeline
from communique.records import Article

pytestmark = pytest.mark.slow
dask = pytest.importorskip("dask")
pytest.importorskip("distributed")

# short reports written for this test: meetings, calls and quotes between real officials
STORIES = [
    "Emmanuel Macron met Olaf Scholz in Paris on Tuesday to discuss the European budget.",
    '"We will keep working together," Olaf Scholz told reporters after the talks.',
    "Joe Biden spoke by phone with Fumio Kishida about trade and security in the Pacific.",
    "Recep Tayyip Erdogan hosted Vladimir Putin in Ankara for talks on grain exports.",
    "Antonio Guterres urged both sides to return to negotiations, his spokesman said.",
    '"This is a difficult moment for the region," Josep Borrell said in Brussels on Monday.',
    "Narendra Modi received Anthony Albanese in New Delhi for a two-day state visit.",
    "Kassym-Jomart Tokayev met Xi Jinping in Astana and signed an energy agreement.",
    "Rishi Sunak criticised the decision, calling it a mistake that would cost jobs.",
    "Ursula von der Leyen visited Kyiv and met Volodymyr Zelenskyy on Saturday.",
    "Luiz Inacio Lula da Silva held talks with Alberto Fernandez in Brasilia on Friday.",
    '"We are ready to help," Justin Trudeau said of the relief effort after the floods.',
]


def write_sources(path: Path) -> list[str]:
    lines = [json.dumps({"text": text, "url": f"https://news.example/{i}", "published": "2024-03-0" + str(i % 9 + 1)})
             for i, text in enumerate(STORIES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [f"{path}:{i + 1}" for i in range(len(STORIES))]


def results(out: Path) -> list[dict]:
    return [line for path in chunks.chunk_files(out) for line in chunks.read_results(path)]


def test_batch_dask_killed_worker_then_rerun_gives_one_result_per_article(tmp_path: Path, pipeline: Pipeline) -> None:
    sources = write_sources(tmp_path / "news.jsonl")
    out = tmp_path / "out"
    killed: list[int] = []
    # no retries: a chunk whose worker dies fails the run, which the re-run must then complete
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        engine = DaskEngine(workers=2)
        try:
            assert engine.workers == 2
            pids = list(engine.client.run(os.getpid).values())

            def kill_a_worker(state: BatchState) -> None:
                if state.chunks_done == 1 and not killed:
                    killed.append(pids[0])
                    os.kill(pids[0], signal.SIGKILL)

            try:
                first = run_batch([str(tmp_path / "news.jsonl")], out, PipelineFactory(), engine, chunk_size=2,
                                  progress=kill_a_worker)
                written = first.written
            except WorkerLostError as exc:
                assert "run the same command again" in exc.message
                written = len(list(out.glob("chunk-*.jsonl")))
        finally:
            engine.close()
    assert killed and 1 <= written <= 6
    # the re-run is the CLI's, on a new local cluster of two workers
    rerun = CliRunner().invoke(cli, ["batch", str(tmp_path / "news.jsonl"), "--out", str(out), "--workers", "2",
                                     "--chunk-size", "2"])
    assert rerun.exit_code == 0, rerun.output
    assert f"{6 - written} written now, {written} already done" in rerun.output
    lines = results(out)
    assert [line["source"] for line in lines] == sources
    for line, text in zip(lines, STORIES):
        article = Article.model_validate(line["article"])
        assert article.text == text
        assert line["analysis"] == pipeline.analyze(article).to_dict()
    assert len(list(out.glob("chunk-*.parquet"))) == 6

    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    first_load = CliRunner().invoke(cli, ["load", str(out), "--db", db])
    second_load = CliRunner().invoke(cli, ["load", str(out), "--db", db])
    assert "saved: 12" in first_load.output, first_load.output
    assert "saved: 0  replaced: 0  unchanged: 12" in second_load.output


def test_batch_dask_local_workers_run_without_the_statistical_profiler() -> None:
    # Dask samples each worker's stack every 10 ms by default: about 7% of a worker's CPU spent on a
    # profile nobody reads (issue 13); the user's own Dask settings stay as they were
    with DaskEngine(workers=1) as engine:
        callbacks = engine.client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
        assert [("profile" in names, "heartbeat" in names) for names in callbacks.values()] == [(False, True)]
    assert dask.config.get("distributed.worker.profile.enabled") is True
