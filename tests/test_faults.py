"""Faults (issue 14): `kill -9` mid-ingest, concurrent writers, a read-only database, a full disk.

After every fault the store must hold each article once, lose none that a finished run would
hold, and pass `communique doctor`. The runs of the real command line are slow (each loads the
model) and run in CI; the library-level faults run in the fast suite.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import pwd
import random
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from communique.chunks import read_results
from communique.cli import cli
from communique.doctor import examine, healthy
from communique.errors import StoreFullError, StoreReadOnlyError
from communique.store import open_store
from communique.store.sqlite import sqlite_path
from tests.store_support import (  # noqa: F401 - fixtures are used by name
    corpus, drop_pg_schema, empty_store_url, make_pg_schema, other_meeting, pg_url_or_skip, store_url,
)

REPO = Path(__file__).resolve().parent.parent

LEADERS = [
    ("French President Emmanuel Macron", "Macron"), ("German Chancellor Olaf Scholz", "Scholz"),
    ("Italian Prime Minister Giorgia Meloni", "Meloni"), ("Turkish President Recep Tayyip Erdogan", "Erdogan"),
    ("Indian Prime Minister Narendra Modi", "Modi"), ("Kazakh President Kassym-Jomart Tokayev", "Tokayev"),
]
CITIES = ["Paris", "Berlin", "Rome", "Ankara", "New Delhi", "Astana", "Vienna", "Geneva"]
TOPICS = ["energy prices", "trade routes", "migration", "the war in Ukraine", "grain exports", "climate finance"]


def fault_articles(n: int) -> list[dict[str, str]]:
    """``n`` distinct short reports of meetings, written for these tests, as archive records."""
    pairs = list(itertools.permutations(LEADERS, 2))
    records = []
    for i in range(n):
        (host, host_short), (guest, guest_short) = pairs[i % len(pairs)]
        city, topic = CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
        day = dt.date(2024, 1, 1) + dt.timedelta(days=3 * i)
        text = (
            f"{host} met {guest} in {city} on {day:%A}, {day:%B} {day.day}, {day.year}, for talks on {topic}.\n\n"
            f"\"We made real progress on {topic},\" {guest_short} told reporters after the meeting, report {i + 1}.\n\n"
            f"{host_short} said the two governments would meet again before the end of the year."
        )
        records.append({"text": text, "published": day.isoformat(), "url": f"https://news.example/{i + 1}"})
    return records


def write_archive(folder: Path, n: int) -> Path:
    path = folder / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in fault_articles(n)), encoding="utf-8")
    return path


def ingest_process(archive: Path, url: str, name: str) -> subprocess.Popen[bytes]:
    """`communique ingest` in its own process; its output goes to ``logs/<name>.out|.err`` beside the
    archive, so a full pipe never stalls it."""
    logs = archive.parent / "logs"
    logs.mkdir(exist_ok=True)
    with (logs / f"{name}.out").open("wb") as out, (logs / f"{name}.err").open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "communique", "ingest", str(archive), "--db", url], cwd=REPO, stdout=out, stderr=err,
        )


def output(archive: Path, name: str) -> tuple[str, str]:
    """What ``ingest_process(..., name)`` printed: (stdout, stderr)."""
    logs = archive.parent / "logs"
    return tuple(  # type: ignore[return-value]
        (logs / f"{name}.{kind}").read_text(encoding="utf-8", errors="replace") for kind in ("out", "err")
    )


def kill_9_after(proc: subprocess.Popen[bytes], progress: Callable[[], int], target: int, rng: random.Random,
                 *, whole_session: bool = False) -> int:
    """SIGKILL ``proc`` a random moment after ``progress()`` reaches ``target``; the progress then."""
    deadline = time.monotonic() + 300
    while proc.poll() is None and progress() < target and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 0.3))
    if whole_session:
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()
    proc.wait()
    return progress()


def stored_articles(url: str) -> int:
    """How many articles a reader sees now (0 while the schema is not yet there)."""
    try:
        target = open_store(url)
    except Exception:  # noqa: BLE001 - the writer may be creating the file right now
        return 0
    try:
        return int(target.fetchall("SELECT COUNT(*) AS n FROM articles")[0]["n"])
    finally:
        target.close()


def snapshot(url: str) -> tuple[dict[str, int], list[tuple[str, str]], list[str]]:
    """Row counts, (article, analysis digest) pairs and event keys: what two equal stores share."""
    target = open_store(url)
    try:
        digests = [(r["id"], r["analysis_digest"]) for r in target.fetchall(
            "SELECT id, analysis_digest FROM articles ORDER BY id")]
        events = [f"{r['participants_key']}|{r['plover']}|{r['n_sources']}" for r in target.fetchall(
            "SELECT participants_key, plover, n_sources FROM events ORDER BY participants_key, plover")]
        assert healthy(examine(target)), [f for f in examine(target) if f.status == "problem"]
        return target.counts(), digests, events
    finally:
        target.close()


def reference_store(store_url: str, tmp_path: Path) -> Any:
    """A second empty store on the same back end, for the uninterrupted reference run."""
    return empty_store_url(store_url.split(":")[0], tmp_path, "reference")


@pytest.mark.slow
def test_faults_kill_9_during_ingest_then_rerun(store_url: str, tmp_path: Path) -> None:
    archive = write_archive(tmp_path, 60)
    rng = random.Random(int(os.environ.get("COMMUNIQUE_FAULT_SEED", "14")))
    kills = []
    # the first kill lands anywhere in start-up (model load, schema creation), the others after a
    # random number of stored articles, i.e. in the middle of analysing or saving the next one
    first = ingest_process(archive, store_url, "first")
    time.sleep(rng.uniform(0.5, 4.0))
    first.kill()
    first.wait()
    kills.append(("start-up", stored_articles(store_url)))
    for run in range(3):
        target = stored_articles(store_url) + rng.randint(1, 5)
        proc = ingest_process(archive, store_url, f"killed-{run}")
        done = kill_9_after(proc, lambda: stored_articles(store_url), target, rng)
        kills.append((f"after {target} articles", done))
    assert 0 < kills[-1][1] < 60, f"the kills came too late to interrupt anything: {kills}"
    rerun = ingest_process(archive, store_url, "rerun")
    rerun.wait(timeout=600)
    out, err = output(archive, "rerun")
    assert rerun.returncode == 0, err
    assert "failed: 0" in out
    with reference_store(store_url, tmp_path) as reference:
        clean = subprocess.run([sys.executable, "-m", "communique", "ingest", str(archive), "--db", reference],
                               cwd=REPO, capture_output=True, timeout=600, check=False)
        assert clean.returncode == 0, clean.stderr.decode()
        assert snapshot(store_url) == snapshot(reference), kills
    counts = snapshot(store_url)[0]
    assert counts["articles"] == 60


@pytest.mark.slow
def test_faults_two_ingest_processes_at_once(store_url: str, tmp_path: Path) -> None:
    archive = write_archive(tmp_path, 16)
    procs = [ingest_process(archive, store_url, f"writer-{n}") for n in range(2)]
    for proc in procs:
        proc.wait(timeout=600)
    assert [p.returncode for p in procs] == [0, 0], [output(archive, f"writer-{n}")[1][-500:] for n in range(2)]
    with reference_store(store_url, tmp_path) as reference:
        clean = subprocess.run([sys.executable, "-m", "communique", "ingest", str(archive), "--db", reference],
                               cwd=REPO, capture_output=True, timeout=600, check=False)
        assert clean.returncode == 0, clean.stderr.decode()
        assert snapshot(store_url) == snapshot(reference)


# -- read-only database ---------------------------------------------------------------------


@contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable even for root (the immutable attribute), else by its mode."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot make a file read-only for root here: {done.stderr.decode().strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)


def _saved_sqlite(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/store.db"
    target = open_store(url)
    for article, analysis in corpus():
        target.save(article, analysis)
    target.close()
    return url


def test_faults_read_only_sqlite_is_queried_but_not_written(tmp_path: Path) -> None:
    url = _saved_sqlite(tmp_path)
    path = Path(sqlite_path(url))
    before = path.read_bytes()
    with read_only_file(path):
        target = open_store(url)  # a current schema is only read
        try:
            assert target.counts()["articles"] == 3
            article, analysis = other_meeting(dt.date(2025, 5, 1), 1)
            with pytest.raises(StoreReadOnlyError) as info:
                target.save(article, analysis)
            assert "cannot be written" in info.value.problem and info.value.url == url
            assert target.counts()["articles"] == 3
        finally:
            target.close()
        result = CliRunner().invoke(cli, ["meetings", "--between", "Putin", "Nazarbayev", "--db", url, "--format", "json"])
        assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    target = open_store(url)
    assert healthy(examine(target))
    target.close()


def test_faults_read_only_postgresql_is_queried_but_not_written() -> None:
    url, schema = make_pg_schema()
    try:
        writer = open_store(url)
        for article, analysis in corpus():
            writer.save(article, analysis)
        writer.close()
        reader = open_store(f"{url}%20-cdefault_transaction_read_only%3Don")
        try:
            assert reader.counts()["articles"] == 3
            article, analysis = other_meeting(dt.date(2025, 5, 1), 1)
            with pytest.raises(StoreReadOnlyError) as info:
                reader.save(article, analysis)
            assert "cannot be written" in info.value.problem
            assert ":communique@" not in info.value.url and "***" in info.value.url  # no password shown
            assert reader.counts()["articles"] == 3
        finally:
            reader.close()
    finally:
        drop_pg_schema(schema)


# -- full disk ------------------------------------------------------------------------------


def _save_until_full(target: Any, limit: int) -> tuple[int, StoreFullError]:
    """Save new articles one by one until the store is full: how many went in, and the error."""
    saved = 0
    with pytest.raises(StoreFullError) as info:
        for n in range(limit):
            article, analysis = other_meeting(dt.date(2025, 1, 1) + dt.timedelta(days=n), n)
            target.save(article, analysis)
            saved += 1
    return saved, info.value


def test_faults_full_sqlite_keeps_what_it_had(tmp_path: Path) -> None:
    url = _saved_sqlite(tmp_path)
    target = open_store(url)
    try:
        pages = target.fetchall("PRAGMA page_count")[0]["page_count"]
        before = target.counts()
        # a limit a few pages above the current size stands for a disk with no room left
        target._conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # type: ignore[attr-defined]
        saved, full = _save_until_full(target, 200)
        assert "full" in full.problem and "intact" in full.problem
        after = target.counts()
        assert after["articles"] == before["articles"] + saved  # every save before the full one, none half
        assert healthy(examine(target))
        target._conn.execute("PRAGMA max_page_count = 1073741823")  # type: ignore[attr-defined]
        article, analysis = other_meeting(dt.date(2026, 1, 1), 999)
        assert target.save(article, analysis) == "saved"
    finally:
        target.close()


@contextmanager
def tiny_tablespace(size: str) -> Iterator[tuple[str, Path]]:
    """A PostgreSQL tablespace (its name and mount) on a tmpfs of ``size``: root and a server on this
    machine only, skipped elsewhere. The server's own files (catalog, WAL) stay on the real disk."""
    base = urlsplit(pg_url_or_skip())
    if os.geteuid() != 0 or base.hostname not in ("localhost", "127.0.0.1", "::1"):
        pytest.skip("a tablespace on a small disk needs root and the PostgreSQL server on this machine")
    try:
        server = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("no postgres system user to own the tablespace's folder")

    def admin(sql: str) -> subprocess.CompletedProcess[str]:
        command = f"psql -p {base.port or 5432} -qtAX -v ON_ERROR_STOP=1 -c {shlex.quote(sql)}"
        return subprocess.run(["su", "postgres", "-c", command], capture_output=True, text=True, check=False)

    folder = Path(tempfile.mkdtemp(prefix="cq-tiny-pg-"))
    folder.chmod(0o755)  # the server's user must reach the mount inside
    disk = folder / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},uid={server.pw_uid},gid={server.pw_gid},"
                              "mode=0700", "tmpfs", str(disk)], capture_output=True, text=True, check=False)
    try:
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
        name = f"cq_tiny_{uuid.uuid4().hex[:10]}"
        made = admin(f"CREATE TABLESPACE {name} OWNER {base.username} LOCATION '{disk}'")
        if made.returncode != 0:
            pytest.skip(f"cannot create a tablespace as the postgres user: {made.stderr.strip()}")
        try:
            yield name, disk
        finally:
            admin(f"DROP TABLESPACE IF EXISTS {name}")
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", "-l", str(disk)], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_faults_full_postgresql_keeps_what_it_had() -> None:
    with tiny_tablespace("1m") as (tablespace, disk):
        _, schema = make_pg_schema()
        # the store's tables and indexes are created on the small disk, as on a server whose disk fills
        url = f"{pg_url_or_skip()}?options=" + url_quote(f"-csearch_path={schema} -cdefault_tablespace={tablespace}")
        target = open_store(url)
        try:
            for article, analysis in corpus():
                target.save(article, analysis)
            saved, full = _save_until_full(target, 5000)
            assert saved > 0 and "full" in full.problem and "intact" in full.problem
            assert "No space left" in full.problem and ":communique@" not in full.url
            assert target.counts()["articles"] == 3 + saved  # every save before the full one, none half
            assert healthy(examine(target))
            # a batch chunk (one transaction) that does not fit leaves none of its articles
            chunk = [other_meeting(dt.date(2030, 1, 1) + dt.timedelta(days=n), 9000 + n) for n in range(5)]
            with pytest.raises(StoreFullError):
                target.save_many(chunk)
            assert target.counts()["articles"] == 3 + saved
            # room made on the disk: the same store takes the next article
            subprocess.run(["mount", "-o", "remount,size=8m", str(disk)], check=True)
            assert target.save_many(chunk) == ["saved"] * 5
            assert healthy(examine(target))
        finally:
            target.close()
            drop_pg_schema(schema)


@contextmanager
def tiny_disk(tmp_path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted for the test (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.slow
def test_faults_full_disk_during_cli_ingest(tmp_path: Path) -> None:
    archive = write_archive(tmp_path, 60)
    with tiny_disk(tmp_path, "600k") as disk:
        url = f"sqlite:///{disk}/store.db"
        result = subprocess.run([sys.executable, "-m", "communique", "ingest", str(archive), "--db", url],
                                cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if "full" in line]
        assert len(errors) == 1 and url in errors[0], result.stderr
        stored = stored_articles(url)
        assert 0 < stored < 60
        # the database is its file and its write-ahead log: committed transactions may still be in the log
        for suffix in ("", "-wal"):
            if Path(sqlite_path(url) + suffix).exists():
                shutil.copy(sqlite_path(url) + suffix, f"{tmp_path}/copy.db{suffix}")
    copy = open_store(f"sqlite:///{tmp_path}/copy.db")
    try:
        assert healthy(examine(copy))
        assert copy.counts()["articles"] == stored
    finally:
        copy.close()



def _finished_chunks(out: Path) -> int:
    return len(list(out.glob("chunk-*.jsonl"))) if out.exists() else 0


def _batch(archive: Path, out: Path, log: str) -> subprocess.Popen[bytes]:
    """`communique batch` with two local worker processes, in a session of its own (to kill it whole)."""
    logs = archive.parent / "logs"
    logs.mkdir(exist_ok=True)
    with (logs / f"{log}.out").open("wb") as stdout, (logs / f"{log}.err").open("wb") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "communique", "batch", str(archive), "--out", str(out), "--chunk-size", "3",
             "--workers", "2", "--engine", "local"],
            cwd=REPO, stdout=stdout, stderr=stderr, start_new_session=True,
        )


@pytest.mark.slow
def test_faults_kill_9_during_batch_then_rerun(tmp_path: Path) -> None:
    archive = write_archive(tmp_path, 60)
    out = tmp_path / "out"
    rng = random.Random(int(os.environ.get("COMMUNIQUE_FAULT_SEED", "14")))
    kills = []
    for run in range(3):
        target = _finished_chunks(out) + rng.randint(1, 4)
        proc = _batch(archive, out, f"killed-{run}")
        # the driver and its workers together, as a dying machine would take them
        kills.append(kill_9_after(proc, lambda: _finished_chunks(out), target, rng, whole_session=True))
    # the first kill (after 1 to 4 of 20 chunks) must interrupt a run; later ones may find it done when
    # the machine is fast, which the re-run below must take in its stride too
    assert 0 < kills[0] < 20, f"the kills came too late to interrupt anything: {kills}"
    rerun = _batch(archive, out, "rerun")
    assert rerun.wait(timeout=600) == 0, output(archive, "rerun")[1][-800:]
    lines = [json.loads(line) for path in sorted(out.glob("chunk-*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources = [line["source"] for line in lines]
    assert len(sources) == len(set(sources)) == 60, kills  # each input once, none lost
    assert all("analysis" in line for line in lines)
    url = f"sqlite:///{tmp_path}/loaded.db"
    loaded = subprocess.run([sys.executable, "-m", "communique", "load", str(out), "--db", url],
                            cwd=REPO, capture_output=True, timeout=600, check=False)
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert snapshot(url)[0]["articles"] == 60


# -- batch folders on a full or read-only disk (issue 14) -----------------------------------------


def _batch_inline(archive: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "communique", "batch", str(archive), "--out", str(out),
                           "--chunk-size", "3"], cwd=REPO, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_faults_full_disk_during_batch_keeps_whole_chunks(tmp_path: Path) -> None:
    archive = write_archive(tmp_path, 60)
    with tiny_disk(tmp_path, "200k") as disk:
        out = disk / "out"
        result = _batch_inline(archive, out)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        errors = [line for line in result.stderr.splitlines() if "disk is full" in line]
        assert len(errors) == 1 and str(out) in errors[0] and "run the same command again" in errors[0], result.stderr
        written = sorted(out.glob("chunk-*.jsonl"))
        assert 0 < len(written) < 20  # the disk filled part way through
        for path in written:  # each chunk file whole: its three lines, its Parquet twin beside it
            assert len(read_results(path)) == 3 and path.with_suffix(".parquet").exists()
        assert not [p.name for p in out.rglob("*.tmp")]  # no half-written file left behind
        subprocess.run(["mount", "-o", "remount,size=20m", str(disk)], check=True)  # room made
        rerun = _batch_inline(archive, out)
        assert rerun.returncode == 0, rerun.stderr[-800:]
        lines = [line for path in sorted(out.glob("chunk-*.jsonl")) for line in read_results(path)]
    sources = [line["source"] for line in lines]
    assert len(sources) == len(set(sources)) == 60 and all("analysis" in line for line in lines)


def test_faults_read_only_batch_folder_is_named(tmp_path: Path) -> None:
    archive = write_archive(tmp_path, 3)
    with tiny_disk(tmp_path, "1m") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        out = disk / "out"
        result = CliRunner().invoke(cli, ["batch", str(archive), "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert f"{out}: the folder cannot be written (Read-only file system)" in result.output
        assert isinstance(result.exception, SystemExit) and not out.exists()
