"""Scorers for the public benchmarks: PolNeAR (quotes), PLOVER GSR and PETR2 GSR (events).

Each scorer takes ``analyze``, any callable from :class:`~communique.records.Article` to
:class:`~communique.records.Analysis`, so it measures whatever produces the contract's records
(our pipeline, a baseline, a test double). Each returns a result with ``to_dict()`` and
``render()``. An article that ``analyze`` fails on is recorded in ``errors`` and scored as
having no predictions; the run goes on.

- :func:`score_polnear`: quote attribution against PolNeAR's brat relations (Source/Cue/Content).
- :func:`score_plover`: PLOVER event type, actor countries and CONSULT modes on the PLOVER GSR.
- :func:`score_petr`: (source country, target country, CAMEO code) triples on the PETR2 GSR.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal

from .errors import EvaluationError
from .records import Analysis, Article

__all__ = ["score_polnear", "score_plover", "score_petr"]

Analyze = Callable[[Article], Analysis]
QuoteKind = Literal["direct", "mixed", "indirect"]
Segment = tuple[int, int]

KINDS: tuple[QuoteKind, ...] = ("direct", "mixed", "indirect")


# --------------------------------------------------------------------------------------------
# Shared counting
# --------------------------------------------------------------------------------------------


@dataclass
class PRF:
    """Precision over predictions, recall over gold items, and their F1.

    ``correct`` predictions out of ``predicted``; ``found`` gold items out of ``gold``. The two
    numerators differ when several predictions may match one gold item.
    """

    correct: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count to this one (micro-averaging)."""
        self.correct += other.correct
        self.predicted += other.predicted
        self.found += other.found
        self.gold += other.gold

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Ratio:
    """``hits`` out of ``total``: an accuracy or a recall."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def count(self, ok: bool) -> None:
        self.hits += int(ok)
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "value": round(self.value, 4)}


def _row(label: str, prf: PRF, width: int = 26) -> str:
    return (
        f"{label:<{width}}{prf.precision:>9.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"
        f"   {prf.correct}/{prf.predicted} pred, {prf.found}/{prf.gold} gold"
    )


def _header(width: int = 26) -> str:
    return f"{'':<{width}}{'precision':>9}{'recall':>8}{'F1':>8}"


def _run(analyze: Analyze, article: Article, name: str, errors: list[str]) -> Analysis | None:
    """Call ``analyze``; record a failure in ``errors`` and return None instead of raising."""
    try:
        return analyze(article)
    except Exception as exc:  # one article's failure must not stop a benchmark run
        errors.append(f"{name}: {type(exc).__name__}: {exc}")
        return None


# --------------------------------------------------------------------------------------------
# Country codes (PLOVER and PETR gold use CAMEO actor codes)
# --------------------------------------------------------------------------------------------

# CAMEO country codes that differ from ISO 3166-1 alpha-3.
_CAMEO_TO_ISO3 = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "UK": "GBR"}

# CAMEO actor codes whose first three letters are not a country.
_NON_STATE = {
    "---", "IGO", "NGO", "MNC", "UIS", "IMG", "REB", "INS", "SEP", "OPP", "GOV", "MIL", "CVL",
    "BUS", "MED", "EDU", "REL", "LEG", "JUD", "COP", "SPY", "HRI", "REF", "AGR", "LAB", "ELI",
    "CRM", "UAF", "PTY", "NGM",
}


def country_of_code(code: str | None) -> str | None:
    """The ISO3 country of a CAMEO actor code (``"RUSGOV"`` → ``"RUS"``), None for non-states."""
    if not code:
        return None
    head = code.strip().upper()[:3]
    if head in _NON_STATE or len(head) < 3 or not head.isalpha():
        return None
    return _CAMEO_TO_ISO3.get(head, head)


def _actor_country(analysis: Analysis, actor_id: str | None) -> str | None:
    """The country of a predicted actor: its CAMEO code's country, else its ISO3 ``country``."""
    actor = analysis.actor(actor_id)
    if actor is None:
        return None
    cameo = actor.codes.get("cameo")
    if cameo:
        return country_of_code(cameo)
    return _CAMEO_TO_ISO3.get(actor.country, actor.country) if actor.country else None


# --------------------------------------------------------------------------------------------
# PolNeAR
# --------------------------------------------------------------------------------------------

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
            _header(),
            _row("content + source", self.full),
            _row("content only", self.content_only),
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
    directory: str | Path, analyze: Analyze, limit: int | None = None
) -> PolnearResult:
    """Score quote attribution on a PolNeAR split (or any brat folder of attribution relations).

    A predicted quote is correct when its content overlaps a gold content segment and its
    ``speaker_mention`` overlaps that relation's source (a relation without a source wants no
    mention). Several predictions may match one relation; recall counts relations with at least
    one correct prediction. ``content_only`` ignores the speaker.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise EvaluationError(str(directory), "not a folder: pass a PolNeAR split such as polnear/dev")
    files, extra = _polnear_files(directory)
    if limit is not None:
        files = files[:limit]
    result = PolnearResult(skipped_annotations=extra)
    for txt, ann in files:
        text = _read_exact(txt)
        gold = read_brat(ann, text)
        started = time.perf_counter()
        analysis = _run(analyze, Article(text=text, source=txt.name), txt.name, result.errors)
        result.seconds += time.perf_counter() - started
        _score_polnear_article(text, gold, analysis, result)
        result.articles += 1
    return result


# --------------------------------------------------------------------------------------------
# PLOVER GSR
# --------------------------------------------------------------------------------------------

# PLOVER 0.5b1 names used by the GSR → (current type, mode implied by the old name).
LEGACY_PLOVER = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


@dataclass(frozen=True)
class PloverGold:
    """One PLOVER GSR record in current PLOVER terms."""

    id: str
    text: str
    plover: str
    mode: str | None
    source_country: str | None
    target_country: str | None
    has_source: bool
    has_target: bool


def _first_code(actors: Any) -> tuple[bool, str | None]:
    if not isinstance(actors, list) or not actors or not isinstance(actors[0], dict):
        return False, None
    return True, country_of_code(actors[0].get("code"))


def normalise_plover(record: dict[str, Any]) -> PloverGold:
    """Map a GSR record's old type names and ``host`` mode to current PLOVER (see LEGACY_PLOVER)."""
    event = str(record["event"]).strip().upper()
    mode = record.get("mode") or None
    mode = mode.strip().lower() if isinstance(mode, str) else None
    plover, implied_mode = LEGACY_PLOVER.get(event, (event, None))
    mode = mode or implied_mode
    source, target = record.get("source"), record.get("target")
    if plover == "CONSULT" and mode == "host":
        mode, source, target = "visit", target, source
    has_source, source_country = _first_code(source)
    has_target, target_country = _first_code(target)
    return PloverGold(
        id=str(record.get("id", "")),
        text=str(record.get("text", "")).strip(),
        plover=plover,
        mode=mode,
        source_country=source_country,
        target_country=target_country,
        has_source=has_source,
        has_target=has_target,
    )


def read_plover(path: Path) -> list[PloverGold]:
    """The scorable records of a PLOVER GSR JSON file (DOCUMENT records and empty texts left out)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(str(path), f"cannot read the PLOVER GSR JSON ({exc})") from exc
    if not isinstance(records, list):
        raise EvaluationError(str(path), "expected a JSON list of PLOVER records")
    gold = []
    for record in records:
        if not isinstance(record, dict) or "event" not in record:
            raise EvaluationError(str(path), f"record without an event: {str(record)[:80]}")
        if str(record["event"]).upper() == "DOCUMENT" or not str(record.get("text", "")).strip():
            continue
        gold.append(normalise_plover(record))
    return gold


@dataclass
class PloverResult:
    """PLOVER event-type, actor-country and CONSULT-mode scores on the PLOVER GSR."""

    records: int = 0
    by_type: dict[str, PRF] = field(default_factory=dict)
    micro: PRF = field(default_factory=PRF)
    source_country: Ratio = field(default_factory=Ratio)
    target_country: Ratio = field(default_factory=Ratio)
    consult_mode: Ratio = field(default_factory=Ratio)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    gold_types: set[str] = field(default_factory=set)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the event types present in the gold records."""
        types = sorted(self.gold_types)
        return sum(self.by_type[t].f1 for t in types) / len(types) if types else 0.0

    @property
    def macro_precision(self) -> float:
        types = sorted(self.gold_types)
        return sum(self.by_type[t].precision for t in types) / len(types) if types else 0.0

    @property
    def macro_recall(self) -> float:
        types = sorted(self.gold_types)
        return sum(self.by_type[t].recall for t in types) / len(types) if types else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": "plover-gsr",
            "records": self.records,
            "by_type": {t: prf.to_dict() for t, prf in sorted(self.by_type.items())},
            "micro": self.micro.to_dict(),
            "macro": {
                "precision": round(self.macro_precision, 4),
                "recall": round(self.macro_recall, 4),
                "f1": round(self.macro_f1, 4),
                "types": sorted(self.gold_types),
            },
            "source_country": self.source_country.to_dict(),
            "target_country": self.target_country.to_dict(),
            "consult_mode": self.consult_mode.to_dict(),
            "seconds": round(self.seconds, 2),
            "errors": list(self.errors),
        }

    def render(self) -> str:
        lines = [
            f"PLOVER GSR: {self.records} records, {self.seconds:.1f} s"
            + (f", {len(self.errors)} failed" if self.errors else ""),
            _header(),
        ]
        for kind, prf in sorted(self.by_type.items()):
            marker = "" if kind in self.gold_types else " (not in gold)"
            lines.append(_row(kind + marker, prf))
        lines.append(_row("micro", self.micro))
        lines.append(
            f"{'macro (gold types)':<26}{self.macro_precision:>9.3f}{self.macro_recall:>8.3f}"
            f"{self.macro_f1:>8.3f}"
        )
        for label, ratio in (
            ("source country (matched)", self.source_country),
            ("target country (matched)", self.target_country),
            ("CONSULT mode (matched)", self.consult_mode),
        ):
            lines.append(f"{label:<26}{ratio.value:>9.3f}   {ratio.hits}/{ratio.total}")
        return "\n".join(lines)


def score_plover(path: str | Path, analyze: Analyze, limit: int | None = None) -> PloverResult:
    """Score PLOVER event types, actor countries and CONSULT modes on the PLOVER GSR.

    Each record's sentence is analysed as one article (the GSR's dates are placeholders, so none
    is given). Per record, the distinct predicted types are compared with the gold type. On a
    matched event (the first predicted event of the gold type) the source and target countries
    are compared (country of the first actor; non-state gold codes such as IGO want no country)
    and, for CONSULT, the mode.
    """
    path = Path(path)
    gold_records = read_plover(path)
    if limit is not None:
        gold_records = gold_records[:limit]
    result = PloverResult()
    for gold in gold_records:
        started = time.perf_counter()
        analysis = _run(analyze, Article(text=gold.text, source=gold.id), gold.id, result.errors)
        result.seconds += time.perf_counter() - started
        result.records += 1
        result.gold_types.add(gold.plover)
        events = analysis.events if analysis is not None else []
        predicted = {e.plover.strip().upper() for e in events}
        for kind in predicted | {gold.plover}:
            prf = result.by_type.setdefault(kind, PRF())
            hit = kind == gold.plover and kind in predicted
            prf.correct += hit
            prf.found += hit
            prf.predicted += kind in predicted
            prf.gold += kind == gold.plover
        result.micro.predicted += len(predicted)
        result.micro.gold += 1
        if analysis is None or gold.plover not in predicted:
            continue
        result.micro.correct += 1
        result.micro.found += 1
        match = next(e for e in events if e.plover.strip().upper() == gold.plover)
        if gold.has_source:
            got = _actor_country(analysis, match.source[0] if match.source else None)
            result.source_country.count(got == gold.source_country)
        if gold.has_target:
            got = _actor_country(analysis, match.target[0] if match.target else None)
            result.target_country.count(got == gold.target_country)
        if gold.plover == "CONSULT":
            mode = match.mode.strip().lower() if match.mode else None
            result.consult_mode.count(mode == gold.mode)
    return result


# --------------------------------------------------------------------------------------------
# PETR2 GSR
# --------------------------------------------------------------------------------------------

Triple = tuple[str | None, str | None, str]


@dataclass(frozen=True)
class PetrSentence:
    """One PETR2 validation sentence and its gold (source, target, CAMEO code) codings."""

    id: str
    text: str
    date: dt.date | None
    codings: tuple[tuple[str, str, str], ...]


_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def _attributes(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(text)}


def read_petr(path: Path) -> list[PetrSentence]:
    """Read PETR2 validation sentences leniently (its ``<Sentence …/>`` tags are self-closed).

    A sentence runs from its ``<Sentence`` tag to the next one; its ``<EventCoding>`` tags and
    ``<Text>`` are read from that stretch. ``noevents="True"`` codings mean no gold event.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EvaluationError(str(path), f"cannot read the PETR2 validation XML ({exc})") from exc
    starts = list(_SENTENCE.finditer(raw))
    if not starts:
        raise EvaluationError(str(path), "no <Sentence> records found: is this a PETR2 validation file?")
    sentences = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(raw)
        block = raw[match.end() : end]
        attrs = _attributes(match.group(1))
        if attrs.get("evaluate", "true").lower() == "false":
            continue
        text_match = _TEXT.search(block)
        if text_match is None:
            raise EvaluationError(str(path), f"sentence {attrs.get('id', i)} has no <Text>")
        text = " ".join(html.unescape(text_match.group(1)).split())
        codings = []
        for coding in _CODING.finditer(block):
            c = _attributes(coding.group(1))
            if c.get("noevents", "").lower() == "true" or "eventcode" not in c:
                continue
            codings.append((c.get("sourcecode", ""), c.get("targetcode", ""), c["eventcode"].strip()))
        sentences.append(
            PetrSentence(attrs.get("id", str(i)), text, _petr_date(attrs.get("date")), tuple(codings))
        )
    return sentences


def _petr_date(value: str | None) -> dt.date | None:
    if not value or not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _predicted_triples(analysis: Analysis) -> list[Triple]:
    """One (source country, target country, code) per source × target pair of each event."""
    triples: list[Triple] = []
    for event in analysis.events:
        sources = event.source or [None]
        targets = event.target or [None]
        for source in sources:
            for target in targets:
                triples.append(
                    (
                        _actor_country(analysis, source),
                        _actor_country(analysis, target),
                        event.cameo.strip(),
                    )
                )
    return triples


def _count_triples(gold: list[Triple], predicted: list[Triple], into: PRF) -> None:
    common = sum((Counter(gold) & Counter(predicted)).values())
    into.correct += common
    into.found += common
    into.predicted += len(predicted)
    into.gold += len(gold)


@dataclass
class PetrResult:
    """Agreement with PETR2's (source, target, CAMEO code) triples."""

    sentences: int = 0
    root: PRF = field(default_factory=PRF)
    full_code: PRF = field(default_factory=PRF)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": "petr2-gsr",
            "sentences": self.sentences,
            "root": self.root.to_dict(),
            "full_code": self.full_code.to_dict(),
            "seconds": round(self.seconds, 2),
            "errors": list(self.errors),
        }

    def render(self) -> str:
        return "\n".join(
            [
                f"PETR2 GSR: {self.sentences} sentences, {self.root.gold} gold codings, "
                f"{self.root.predicted} predicted, {self.seconds:.1f} s"
                + (f", {len(self.errors)} failed" if self.errors else ""),
                _header(34),
                _row("(src, tgt, CAMEO root)", self.root, 34),
                _row("(src, tgt, full CAMEO code)", self.full_code, 34),
            ]
        )


def score_petr(path: str | Path, analyze: Analyze, limit: int | None = None) -> PetrResult:
    """Score (source country, target country, CAMEO code) triples on the PETR2 GSR.

    Countries are the first three letters of CAMEO actor codes (``RUSGOV`` → ``RUS``; ``---`` and
    non-state codes such as ``IGO`` mean no country); a predicted actor's country comes from its
    ``codes["cameo"]``, else its ISO3 ``country``. Each predicted event yields one triple per
    source × target pair; triples match one-to-one within a sentence, at the level of the
    two-digit root and of the full code.
    """
    path = Path(path)
    sentences = read_petr(path)
    if limit is not None:
        sentences = sentences[:limit]
    result = PetrResult()
    for sentence in sentences:
        article = Article(text=sentence.text, published=sentence.date, source=sentence.id)
        started = time.perf_counter()
        analysis = _run(analyze, article, sentence.id, result.errors)
        result.seconds += time.perf_counter() - started
        result.sentences += 1
        gold = [(country_of_code(s), country_of_code(t), c) for s, t, c in sentence.codings]
        predicted = _predicted_triples(analysis) if analysis is not None else []
        _count_triples(gold, predicted, result.full_code)
        _count_triples(
            [(s, t, c[:2]) for s, t, c in gold], [(s, t, c[:2]) for s, t, c in predicted], result.root
        )
    return result


def iter_polnear_articles(
    directory: str | Path, limit: int | None = None
) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """Yield (name, text, gold relations) for each article of a PolNeAR split, for inspection."""
    files, _ = _polnear_files(Path(directory))
    for txt, ann in files[:limit] if limit is not None else files:
        text = _read_exact(txt)
        yield txt.name, text, read_brat(ann, text)
