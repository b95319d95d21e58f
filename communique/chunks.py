"""Chunk files: a batch's input cut into numbered chunks, and each chunk's results on disk.

A batch folder holds, for chunk ``n`` of the plan, ``chunk-<n>-<digest>.jsonl`` (one line per input:
the article and its analysis, or the input's error) and the same rows as ``.parquet``; the digest
names the chunk's articles, so a changed input never passes for a finished chunk. Files are written
to a temporary name and renamed, so a chunk is either complete or absent: the JSONL file, renamed
last, is what says a chunk is done. ``manifest.json`` lists the chunks of the latest plan.

Example::

    from communique.chunks import plan, read_results
    for chunk in plan(["archive.jsonl"], size=100):
        print(chunk.name, len(chunk.items))
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError
from .records import Analysis, Article
from .sources import Fetch, iter_articles

MANIFEST = "manifest.json"
PENDING = ".pending"
#: One line of a chunk's results: {"source", "article", "analysis"} or {"source", "error"}.
Result = dict[str, Any]


@dataclass(frozen=True)
class Unread:
    """An input that could not be read (an ``InputError``, kept as plain data so that chunks pickle)."""

    source: str
    problem: str
    code: str = InputError.code


@dataclass(frozen=True)
class Chunk:
    """Inputs ``items`` (articles, or the inputs that could not be read) numbered ``index``."""

    index: int
    items: tuple[Article | Unread, ...]

    @property
    def name(self) -> str:
        keys = "\n".join(i.id if isinstance(i, Article) else "!" + i.source for i in self.items)
        return f"chunk-{self.index:06d}-{hashlib.sha256(keys.encode('utf-8')).hexdigest()[:12]}"

    @property
    def articles(self) -> list[Article]:
        return [i for i in self.items if isinstance(i, Article)]


def plan(sources: Iterable[str], size: int, *, fetch: Fetch | None = None) -> Iterator[Chunk]:
    """The sources' inputs in reading order, ``size`` at a time (the same sources give the same chunks)."""
    if size < 1:
        raise ValueError(f"the chunk size must be at least 1, not {size}")
    items: list[Article | Unread] = []
    index = 0
    for item in iter_articles(sources, fetch=fetch):
        items.append(Unread(item.source, item.problem, item.code) if isinstance(item, InputError) else item)
        if len(items) == size:
            yield Chunk(index, tuple(items))
            index, items = index + 1, []
    if items:
        yield Chunk(index, tuple(items))


def error_result(item: Unread) -> Result:
    return {"source": item.source, "error": item.problem, "code": item.code}


def article_result(article: Article, analysis: Analysis | None, error: str | None = None,
                   code: str | None = None) -> Result:
    """The line for one analysed article (with its text, so that ``load`` can store it) or its failure."""
    line: Result = {"source": article.source, "article": article.model_dump(mode="json")}
    if analysis is not None:
        line["analysis"] = analysis.to_dict()
    else:
        line["error"], line["code"] = error, code
    return line


def decode(line: Result) -> tuple[Article, Analysis] | None:
    """The article and analysis of a result line, or None for a failed input."""
    if "analysis" not in line:
        return None
    return Article.model_validate(line["article"]), Analysis.model_validate(line["analysis"])


# -- files ----------------------------------------------------------------------------------
def results_path(out_dir: Path, name: str) -> Path:
    return out_dir / f"{name}.jsonl"


def is_done(out_dir: Path, name: str) -> bool:
    return results_path(out_dir, name).exists()


#: What the errno of a failed write means: no room left (disk or quota), or a folder that cannot be written.
_FULL = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def output_error(path: Path, exc: OSError) -> OutputError:
    """The error a failed write into a batch folder means, saying what to do (issue 14)."""
    reason = exc.strerror or str(exc)
    if exc.errno in _FULL:
        problem = (f"the disk is full ({reason}); the chunks already written are complete and kept: free some "
                   "space and run the same command again to write the rest")
    elif exc.errno in _READ_ONLY:
        problem = (f"the folder cannot be written ({reason}); make it writable or choose another --out, then run "
                   "the command again")
    else:
        problem = f"cannot be written ({reason}); the chunks already written are kept: run the same command again"
    return OutputError(str(path), problem)


def make_folder(path: Path) -> None:
    """``path`` and its parents, created if missing (an ``OutputError`` when they cannot be)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(path, exc) from exc


def _atomic_write(target: Path, write: Any) -> None:
    """``write(path)`` into a temporary file beside ``target``, flushed to disk, then renamed over it.

    A write that fails (a full disk, a read-only folder) leaves no temporary file and raises an
    ``OutputError``; ``target`` is then as it was before, complete or absent.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise output_error(target, exc) from exc
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(target, exc) from exc
        raise


def _write_lines(path: Path, lines: Iterable[Result]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")


def _read_lines(path: Path) -> list[Result]:
    lines = []
    with path.open(encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            try:
                lines.append(json.loads(text))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"not a batch result line ({exc.msg}); run `communique batch` "
                                 "again to rewrite the chunk") from exc
    return lines


def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


#: Parquet columns: one row per input; the analysis as its JSON text, with counts to filter on.
PARQUET_COLUMNS = ("article_id", "source", "url", "title", "outlet", "published", "error", "n_actors", "n_quotes",
                   "n_events", "n_roles", "analysis")


def _parquet_rows(lines: list[Result]) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {c: [] for c in PARQUET_COLUMNS}
    for line in lines:
        article = line.get("article") or {}
        analysis = line.get("analysis")
        row = {
            "article_id": Article.model_validate(article).id if article else None,
            "source": line["source"], "url": article.get("url"), "title": article.get("title"),
            "outlet": article.get("outlet"), "published": article.get("published"), "error": line.get("error"),
            "analysis": json.dumps(analysis, ensure_ascii=False) if analysis else None,
        }
        for kind in ("actors", "quotes", "events", "roles"):
            row[f"n_{kind}"] = len(analysis[kind]) if analysis else None
        for column in PARQUET_COLUMNS:
            table[column].append(row[column])
    return table


def _write_parquet(path: Path, lines: list[Result]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int32() if c.startswith("n_") else pa.string()) for c in PARQUET_COLUMNS])
    pq.write_table(pa.table(_parquet_rows(lines), schema=schema), path)


def write_results(out_dir: Path, name: str, lines: list[Result], *, parquet: bool) -> Path:
    """Write a chunk's results: Parquet first, then the JSONL whose arrival marks the chunk done."""
    if parquet:
        _atomic_write(out_dir / f"{name}.parquet", lambda p: _write_parquet(p, lines))
    target = results_path(out_dir, name)
    _atomic_write(target, lambda p: _write_lines(p, lines))
    return target


def read_results(path: Path) -> list[Result]:
    """The result lines of one chunk file."""
    return _read_lines(path)


# -- pending inputs -------------------------------------------------------------------------
# The plan is written to disk before any chunk runs, so that progress knows its totals and the
# driver never holds a large corpus in memory; each pending file goes once its results are written.
def write_pending(out_dir: Path, chunk: Chunk) -> None:
    lines = [{"article": i.model_dump(mode="json")} if isinstance(i, Article) else error_result(i) for i in chunk.items]
    make_folder(out_dir / PENDING)
    _atomic_write(out_dir / PENDING / f"{chunk.name}.jsonl", lambda p: _write_lines(p, lines))


def read_pending(out_dir: Path, name: str, index: int) -> Chunk:
    items: list[Article | Unread] = []
    for line in _read_lines(out_dir / PENDING / f"{name}.jsonl"):
        if "article" in line:
            items.append(Article.model_validate(line["article"]))
        else:
            items.append(Unread(line["source"], line["error"], line["code"]))
    return Chunk(index, tuple(items))


def drop_pending(out_dir: Path, name: str) -> None:
    (out_dir / PENDING / f"{name}.jsonl").unlink(missing_ok=True)


def tidy(out_dir: Path) -> None:
    """Remove the pending folder once every chunk is written (it stays while any is missing)."""
    folder = out_dir / PENDING
    if folder.is_dir() and not any(folder.glob("*.jsonl")):
        for leftover in folder.iterdir():
            leftover.unlink()  # temporary files of a write a crash interrupted
        folder.rmdir()


# -- manifest -------------------------------------------------------------------------------
def write_manifest(out_dir: Path, data: dict[str, Any]) -> None:
    _atomic_write(out_dir / MANIFEST, lambda p: p.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8"))


def chunk_files(out_dir: Path) -> list[Path]:
    """The finished chunk files of the folder's latest plan (every chunk file when it has no manifest)."""
    if not out_dir.is_dir():
        raise InputError(str(out_dir), "no such batch folder; run `communique batch SOURCE... --out DIR` first")
    manifest = out_dir / MANIFEST
    if manifest.exists():
        try:
            names = json.loads(manifest.read_text(encoding="utf-8"))["chunks"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(str(manifest), f"not a batch manifest ({exc}); run `communique batch` again") from exc
        return [p for p in (results_path(out_dir, n) for n in names) if p.exists()]
    return sorted(out_dir.glob("chunk-*.jsonl"))
