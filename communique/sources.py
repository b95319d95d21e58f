"""Expand what a user points ``communique ingest`` at into articles.

A source is a file (``.txt``, ``.html``, ``.json``, ``.jsonl``, ``.xml``/``.rss``/``.atom``), a
directory (searched recursively), a JSONL archive (one ``{"url", "title", "published", "outlet",
"text" | "html"}`` object a line), an RSS/Atom feed (a file or URL) or an article URL. Problems
with one input are yielded as its ``InputError`` so that a batch records them and goes on.

Example::

    for item in iter_articles(["archive.jsonl", "https://example.org/feed.xml"]):
        if isinstance(item, InputError):
            print("skipped", item.source, item.problem)
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException

from . import ingest
from .errors import EmptyInputError, InputError, NoArticleTextError
from .records import Article

Fetch = Callable[[str], bytes]

#: File suffixes taken from directories.
ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".json", ".jsonl"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
#: A feed entry with less text than this is a teaser; the linked page is fetched instead.
MIN_FEED_TEXT = 400


def _parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start an RSS, RDF or Atom document."""
    head = data[:2000].lower()
    return b"<rss" in head or b"<rdf:rdf" in head or (b"<feed" in head and b"<html" not in head)


def article_from_record(record: Any, source: str) -> Article:
    """An article from one archive record (``text`` or ``html`` plus metadata)."""
    if not isinstance(record, dict):
        raise InputError(source, "an archive record must be a JSON object with a text or html field")
    for name in ("url", "title", "outlet"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(source, f"the record's {name!r} field must be a string, not {type(record[name]).__name__}")
    published = _parse_date(record.get("published"))
    url, title = record.get("url"), record.get("title")
    if isinstance(record.get("text"), str) and record["text"].strip():
        article = ingest.article_from_text(record["text"], source, published=published, url=url, title=title)
    elif isinstance(record.get("html"), str) and record["html"].strip():
        article = ingest.article_from_html(record["html"], source, published=published, url=url, title=title)
    else:
        raise InputError(source, "the record has no text or html field; give the article's words in one of them")
    if record.get("outlet"):
        article = article.model_copy(update={"outlet": str(record["outlet"])})
    return article


def _record_from_line(raw: bytes, source: str) -> Article:
    """The article of one JSONL line, or the ``InputError`` saying what is wrong with the line."""
    if len(raw) > ingest.max_bytes():
        raise ingest.too_large(source, "line", len(raw))
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"the line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
            "JSON Lines files must be UTF-8",
        ) from exc
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"the line is not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(source, "the line nests JSON too deeply to be an archive record") from exc
    return article_from_record(record, source)


def _iter_jsonl(path: Path) -> Iterator[Article | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read the file ({exc.strerror})")
        return
    records = 0
    with handle:
        # bytes, not text: one line in another encoding must not stop the lines after it
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            records += 1
            try:
                yield _record_from_line(raw, f"{path}:{number}")
            except InputError as exc:
                yield exc
    if not records:
        yield EmptyInputError(str(path), "the JSON Lines file holds no records")


def _iter_json(path: Path) -> Iterator[Article | InputError]:
    try:
        size = path.stat().st_size
        if size > ingest.max_bytes():
            raise ingest.too_large(str(path), "file", size)
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(str(path), f"cannot read the JSON file ({exc.strerror})")
        return
    except UnicodeDecodeError as exc:
        yield InputError(str(path), f"the JSON file is not valid UTF-8 (byte at offset {exc.start}); JSON must be UTF-8")
        return
    except json.JSONDecodeError as exc:
        yield InputError(str(path), f"the file is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield InputError(str(path), "the file nests JSON too deeply to be an archive")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield InputError(str(path), "the JSON file holds an empty list; give article records")
    for number, record in enumerate(records, start=1):
        source = str(path) if len(records) == 1 else f"{path}#{number}"
        try:
            yield article_from_record(record, source)
        except InputError as exc:
            yield exc


def _html_to_text(fragment: str) -> str:
    import lxml.html

    try:
        return " ".join(lxml.html.fromstring(fragment).text_content().split())
    except (ValueError, TypeError):
        return " ".join(fragment.split())


def _iter_feed(data: bytes, source: str, fetch: Fetch) -> Iterator[Article | InputError]:
    import feedparser

    feed = feedparser.parse(data)
    broken = feed.get("bozo_exception") if isinstance(feed.get("bozo_exception"), SAXParseException) else None
    if not feed.entries:
        problem = "the feed has no entries"
        if feed.get("bozo"):
            problem = f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})"
        yield InputError(source, problem)
        return
    if broken is not None:
        # a truncated or malformed feed: its readable entries are still analysed, and the damage is reported
        yield InputError(source, f"the feed is not well-formed XML ({broken}); entries after that point are lost")
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        entry_source = entry.get("link") or f"{source}#{number}"
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date.fromtimestamp(time.mktime(parsed)) if parsed else None
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        text = _html_to_text(body) if body else ""
        try:
            if len(text) < MIN_FEED_TEXT and entry.get("link"):
                try:
                    page = fetch(entry["link"])
                    article = ingest.article_from_html(
                        page, entry_source, published=published, url=entry["link"], title=entry.get("title")
                    )
                except InputError:
                    if not text:
                        raise
                    # The page is gone or empty; the feed's own text is better than nothing.
                    article = ingest.article_from_text(
                        text, entry_source, published=published, url=entry.get("link"), title=entry.get("title")
                    )
            elif text:
                article = ingest.article_from_text(
                    text, entry_source, published=published, url=entry.get("link"), title=entry.get("title")
                )
            else:
                raise NoArticleTextError(entry_source, "the feed entry has no text and no link to fetch")
            if outlet:
                # The feed names its publisher; a fetched page often gives only its host name.
                article = article.model_copy(update={"outlet": outlet})
            yield article
        except InputError as exc:
            yield exc


def _iter_path(path: Path, fetch: Fetch) -> Iterator[Article | InputError]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path)
    elif suffix == ".json":
        yield from _iter_json(path)
    elif suffix in FEED_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(str(path), f"cannot read the file ({exc.strerror})")
            return
        yield from _iter_feed(data, str(path), fetch)
    else:
        try:
            yield ingest.read_article(str(path))
        except InputError as exc:
            yield exc


def iter_articles(sources: Iterable[str], *, fetch: Fetch | None = None) -> Iterator[Article | InputError]:
    """Every article the sources hold, or the error that kept one from being read.

    ``fetch`` downloads a URL (default: ``communique.ingest.fetch``); tests pass their own.
    """
    get: Fetch = fetch or ingest.fetch
    for source in sources:
        if ingest.is_url(source):
            try:
                data = get(source)
                if looks_like_feed(data):
                    yield from _iter_feed(data, source, get)
                else:
                    yield ingest.article_from_html(data, source, url=source)
            except InputError as exc:
                yield exc
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES | FEED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield InputError(source, "the directory holds no .txt, .html, .json, .jsonl or feed files")
            for file in files:
                yield from _iter_path(file, get)
        elif path.exists() or source == "-":
            yield from _iter_path(path, get)
        else:
            yield InputError(source, "no such file or directory")
