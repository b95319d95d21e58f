"""PolNeAR: quote attribution against brat attribution relations (Source / Cue / Content)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal

from ..errors import EvaluationError
from ..records import Analysis, Article
from ._common import PRF, Analyze, Ratio, header, row, run_analyze

QuoteKind = Literal["direct", "mixed", "indirect"]
Segment = tuple[int, int]

KINDS: tuple[QuoteKind, ...] = ("direct", "mixed", "indirect")


_OPEN_MARKS = "“„«"
_CLOSE_MARKS = "”»"
_BOTH_MARKS = '"'
_ENTRY_START = re.compile(r"^(?:[TERAMN]\d+|#\d*|\*)\t")


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution relation: its content, source and cue spans (may be discontinuous)."""

    id: str
    content: tuple[Segment, ...]
    source: tuple[Segment, ...]
    cue: tuple[Segment, ...]
    kind: QuoteKind


def _quoted_flags(text: str) -> list[bool]:
    """For each letter or digit of ``text``, whether it stands inside double quotation marks.

    Curly marks open and close; a straight mark toggles; typewriter pairs of backquotes and of
    apostrophes count as double marks. A closing mark with no opening one means
    the quote began before ``text``, so everything before it counts as quoted.
    """
    text = text.replace("``", "“").replace("''", '"')
    flags: list[bool] = []
    inside = False
    for ch in text:
        if ch in _OPEN_MARKS:
            inside = True
        elif ch in _CLOSE_MARKS:
            if not inside:
                flags = [True] * len(flags)
            inside = False
        elif ch in _BOTH_MARKS:
            inside = not inside
        elif ch.isalnum():
            flags.append(inside)
    return flags


def _with_adjacent_marks(text: str, start: int, end: int) -> str:
    """A content segment plus a quotation mark just outside it, in case the annotator left it out."""
    before = text[start - 1] if start > 0 and text[start - 1] in _OPEN_MARKS + _BOTH_MARKS else ""
    after = ""
    tail = text[end : end + 2]
    for i, ch in enumerate(tail):
        if ch in _CLOSE_MARKS + _BOTH_MARKS:
            after = tail[: i + 1]
            break
        if ch not in ",.?!;:":
            break
    return before + text[start:end] + after


def quote_kind(text: str, segments: Iterable[Segment]) -> QuoteKind:
    """Classify content as direct (all inside quote marks), mixed (partly) or indirect (none).

    Each discontinuous segment is read on its own, since ``"A," he said. "B."`` quotes twice.
    """
    flags: list[bool] = []
    for start, end in segments:
        flags.extend(_quoted_flags(_with_adjacent_marks(text, start, end)))
    if flags and all(flags):
        return "direct"
    if any(flags):
        return "mixed"
    return "indirect"


def _parse_segments(offsets: str, where: str) -> tuple[Segment, ...]:
    try:
        segments = tuple(
            (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
        )
    except ValueError as exc:
        raise EvaluationError(where, f"bad brat offsets {offsets!r}: {exc}") from exc
    return segments


def read_brat(ann_path: Path, text: str) -> list[GoldAttribution]:
    """Read the attribution relations of one brat ``.ann`` file, checking spans against ``text``.

    Span text in a ``T`` line may contain newlines (continuation lines); discontinuous spans
    (``start end;start end``) are joined with one space, as brat writes them.
    """
    raw = _read_exact(ann_path)
    if raw.endswith("\n"):
        raw = raw[:-1]
    entries: list[str] = []
    for line in raw.split("\n"):
        if _ENTRY_START.match(line) or not entries:
            entries.append(line)
        else:
            entries[-1] += "\n" + line
    spans: dict[str, tuple[Segment, ...]] = {}
    relations: list[tuple[str, dict[str, list[str]]]] = []
    for entry in entries:
        if entry.startswith("T"):
            parts = entry.split("\t", 2)
            if len(parts) < 2 or " " not in parts[1]:
                raise EvaluationError(str(ann_path), f"malformed text-bound line {entry[:60]!r}")
            _, offsets = parts[1].split(" ", 1)
            segments = _parse_segments(offsets, str(ann_path))
            written = parts[2] if len(parts) == 3 else ""
            actual = " ".join(text[a:b] for a, b in segments)
            if actual != written:
                raise EvaluationError(
                    str(ann_path),
                    f"{parts[0]} says {written[:40]!r} but the text at {offsets} is "
                    f"{actual[:40]!r}: the .txt is not the one annotated, or it was re-encoded "
                    "(offsets are characters of the UTF-8 text, newlines unchanged)",
                )
            spans[parts[0]] = segments
        elif entry.startswith("E"):
            parts = entry.split("\t")
            roles: dict[str, list[str]] = {}
            args = parts[1].split() if len(parts) > 1 else []
            if not args or not args[0].startswith("Attribution"):
                continue
            for arg in args[1:]:
                role, _, ref = arg.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            relations.append((parts[0], roles))
    gold = []
    for rel_id, roles in relations:
        try:
            content = tuple(s for ref in roles.get("Content", []) for s in spans[ref])
            source = tuple(s for ref in roles.get("Source", []) for s in spans[ref])
            cue = tuple(s for ref in roles.get("Cue", []) for s in spans[ref])
        except KeyError as exc:
            raise EvaluationError(str(ann_path), f"{rel_id} names a missing span {exc}") from exc
        if not content:
            continue  # an attribution without content cannot be matched by a quote
        content = tuple(sorted(content))
        gold.append(GoldAttribution(rel_id, content, source, cue, quote_kind(text, content)))
    return gold


def _polnear_files(directory: Path) -> tuple[list[tuple[Path, Path]], int]:
    """Pair each text with its ``.ann`` file; return the pairs and how many extra ``.ann`` were left.

    Two layouts are read: PolNeAR's split folders (``attributions/NAME_ANNOTATOR.ann`` beside
    ``text/NAME.txt``) and plain brat folders (``NAME.ann`` beside ``NAME.txt``). When several
    annotators annotated one text, the first ``.ann`` in name order is scored.
    """
    if (directory / "attributions").is_dir() and (directory / "text").is_dir():
        ann_dir, text_dir = directory / "attributions", directory / "text"
    else:
        ann_dir = text_dir = directory
    pairs: dict[Path, Path] = {}
    extra = 0
    for ann in sorted(ann_dir.glob("*.ann")):
        txt = text_dir / f"{ann.stem}.txt"
        if not txt.exists():
            txt = text_dir / f"{ann.stem.rsplit('_', 1)[0]}.txt"
        if not txt.exists():
            raise EvaluationError(str(ann), "no matching .txt file beside it or in text/")
        if txt in pairs:
            extra += 1
            continue
        pairs[txt] = ann
    if not pairs:
        raise EvaluationError(str(directory), "no brat .ann files found (looked in it and attributions/)")
    return [(txt, ann) for txt, ann in pairs.items()], extra


def _read_exact(path: Path) -> str:
    """A file's UTF-8 text with its newlines unchanged, so that character offsets hold."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(str(path), f"cannot read it as UTF-8 text ({exc})") from exc


def _overlaps(start: int, end: int, segments: Iterable[Segment]) -> bool:
    return any(start < b and a < end for a, b in segments)


@dataclass
class PolnearResult:
    """Quote-attribution scores on PolNeAR (micro-averaged over articles)."""

    articles: int = 0
    skipped_annotations: int = 0
    full: PRF = field(default_factory=PRF)
    content_only: PRF = field(default_factory=PRF)
    recall_by_kind: dict[str, Ratio] = field(default_factory=lambda: {k: Ratio() for k in KINDS})
    content_recall_by_kind: dict[str, Ratio] = field(
        default_factory=lambda: {k: Ratio() for k in KINDS}
    )
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": "polnear",
            "articles": self.articles,
            "skipped_annotations": self.skipped_annotations,
            "full": self.full.to_dict(),
            "content_only": self.content_only.to_dict(),
            "recall_by_kind": {k: v.to_dict() for k, v in self.recall_by_kind.items()},
            "content_recall_by_kind": {
                k: v.to_dict() for k, v in self.content_recall_by_kind.items()
            },
            "seconds": round(self.seconds, 2),
            "errors": list(self.errors),
        }

    def render(self) -> str:
        lines = [
            f"PolNeAR: {self.articles} articles, {self.full.gold} attributions, "
            f"{self.full.predicted} predicted quotes, {self.seconds:.1f} s"
            + (f", {len(self.errors)} failed" if self.errors else ""),
            header(),
            row("content + source", self.full),
            row("content only", self.content_only),
            "recall by type (content + source / content only):",
        ]
        for kind in KINDS:
            full, span = self.recall_by_kind[kind], self.content_recall_by_kind[kind]
            lines.append(
                f"  {kind:<24}{full.value:>9.3f}{span.value:>8.3f}   n={full.total}"
            )
        return "\n".join(lines)


def _score_polnear_article(
    text: str, gold: list[GoldAttribution], analysis: Analysis | None, result: PolnearResult
) -> None:
    quotes = analysis.quotes if analysis is not None else []
    found_full: set[int] = set()
    found_span: set[int] = set()
    for quote in quotes:
        span_hits = [i for i, g in enumerate(gold) if _overlaps(quote.start, quote.end, g.content)]
        full_hits = [i for i in span_hits if _speaker_matches(quote.speaker_mention, gold[i])]
        found_span.update(span_hits)
        found_full.update(full_hits)
        result.content_only.correct += bool(span_hits)
        result.full.correct += bool(full_hits)
    for prf, found in ((result.full, found_full), (result.content_only, found_span)):
        prf.predicted += len(quotes)
        prf.gold += len(gold)
        prf.found += len(found)
    for i, g in enumerate(gold):
        result.recall_by_kind[g.kind].count(i in found_full)
        result.content_recall_by_kind[g.kind].count(i in found_span)


def _speaker_matches(mention: Any, gold: GoldAttribution) -> bool:
    """The predicted speaker mention overlaps the gold source; no source needs no mention."""
    if not gold.source:
        return mention is None
    return mention is not None and _overlaps(mention.start, mention.end, gold.source)


def score_polnear(
    directory: str | Path, analyze: Analyze, limit: int | None = None, skip: int = 0, every: int = 1
) -> PolnearResult:
    """Score quote attribution on a PolNeAR split (or any brat folder of attribution relations).

    A predicted quote is correct when its content overlaps a gold content segment and its
    ``speaker_mention`` overlaps that relation's source (a relation without a source wants no
    mention). Several predictions may match one relation; recall counts relations with at least
    one correct prediction. ``content_only`` ignores the speaker. ``skip`` leaves out the first
    articles in name order, ``every`` keeps each n-th of the rest (a sample of a large split) and
    ``limit`` caps how many are scored.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise EvaluationError(str(directory), "not a folder: pass a PolNeAR split such as polnear/dev")
    files, extra = _polnear_files(directory)
    if skip < 0:
        raise EvaluationError(str(directory), f"--skip must not be negative (got {skip})")
    if every < 1:
        raise EvaluationError(str(directory), f"--every must be 1 or more (got {every})")
    files = files[skip::every]
    if limit is not None:
        files = files[:limit]
    result = PolnearResult(skipped_annotations=extra)
    for txt, ann in files:
        text = _read_exact(txt)
        gold = read_brat(ann, text)
        started = time.perf_counter()
        analysis = run_analyze(analyze, Article(text=text, source=txt.name), txt.name, result.errors)
        result.seconds += time.perf_counter() - started
        _score_polnear_article(text, gold, analysis, result)
        result.articles += 1
    return result


def iter_polnear_articles(
    directory: str | Path, limit: int | None = None
) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """Yield (name, text, gold relations) for each article of a PolNeAR split, for inspection."""
    files, _ = _polnear_files(Path(directory))
    for txt, ann in files[:limit] if limit is not None else files:
        text = _read_exact(txt)
        yield txt.name, text, read_brat(ann, text)
