"""Prebuilt forms of objects that are slow to build, kept on disk between processes (issue 13).

Every process used to parse the knowledge base's JSON and index it before its first article; the
indexed object, pickled, loads in a fraction of that time. A cache file's name carries a digest of
everything the object is built from, so a changed input never reads a stale form, and writing a
new form removes the older ones built from the same place. The folder is the ``COMMUNIQUE_CACHE_DIR``
setting (default ``$XDG_CACHE_HOME/communique``, i.e. ``~/.cache/communique``); ``off`` turns it off.

Example::

    target = cache.path("kb", str(kb_file.resolve()), kb_file.read_bytes())
    kb = cache.read(target, KnowledgeBase) or build()
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, TypeVar

from .settings import load_settings

T = TypeVar("T")


def folder(setting: str | Path | None = None) -> Path | None:
    """The cache folder: ``setting``, else the ``cache_dir`` setting, else ``$XDG_CACHE_HOME/communique``."""
    value = str(setting) if setting is not None else str(load_settings()["cache_dir"])
    if value.strip().lower() in ("off", "none", "0"):
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "communique"


def path(kind: str, place: str, built_from: bytes, setting: str | Path | None = None,
         suffix: str = ".pickle") -> Path | None:
    """Where the form of ``kind`` built at ``place`` from ``built_from`` is kept; None when caching is off."""
    base = folder(setting)
    if base is None:
        return None
    where = hashlib.sha256(place.encode("utf-8")).hexdigest()[:12]
    # pickles of one Python version are not promised to load in another's classes
    key = hashlib.sha256(built_from + sys.version.encode("utf-8")).hexdigest()[:20]
    return base / f"{kind}-{where}-{key}{suffix}"


def read(target: Path, kind: type[T]) -> T | None:
    """The object kept at ``target`` if it is there, whole, and a ``kind``; else None."""
    # a prebuilt form is a few hundred thousand objects, none of them garbage: the cyclic collector
    # would walk them again and again while they load (more than half the knowledge base's 0.27 s)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with target.open("rb") as fh:
            value = pickle.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None  # a damaged or foreign file: the caller builds the object again and rewrites it
    finally:
        if collecting:
            gc.enable()
    return value if isinstance(value, kind) else None


def write(target: Path, value: object) -> None:
    """Keep ``value`` at ``target`` (temporary file, then rename) and drop older forms from the same place.

    Never raises for the file system: a read-only or full cache folder only costs the next start its
    speed-up.
    """
    write_with(target, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))


def write_with(target: Path, save: Callable[[BinaryIO], None]) -> None:
    """:func:`write` for a form that ``save`` writes to an open binary file (e.g. arrays to memory-map)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                save(fh)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        same_place = target.name.rsplit("-", 1)[0] + "-"
        for old in target.parent.glob(same_place + "*" + target.suffix):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        pass
