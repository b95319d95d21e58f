"""PETR2 GSR: (source country, target country, CAMEO code) triples on real news sentences."""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..records import Analysis, Article
from ._common import PRF, Analyze, actor_country, country_of_code, header, row, run_analyze


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
        sources: list[str | None] = list(event.source) or [None]
        targets: list[str | None] = list(event.target) or [None]
        for source in sources:
            for target in targets:
                triples.append(
                    (
                        actor_country(analysis, source),
                        actor_country(analysis, target),
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


# Issue 11 splits the sentences in two before any rule is written: the first, third, fifth ...
# scored sentence ("development") may be read to find rules, the second, fourth ... ("held-out")
# may not, so its figures measure how the coding generalises.
HALVES = ("development", "held-out")


def half_of(index: int) -> str:
    """The half a sentence belongs to, from its 0-based position among the scored sentences."""
    return HALVES[index % 2]


@dataclass
class PetrHalf:
    """The scores of one half of the sentences."""

    sentences: int = 0
    root: PRF = field(default_factory=PRF)
    full_code: PRF = field(default_factory=PRF)

    def to_dict(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "root": self.root.to_dict(), "full_code": self.full_code.to_dict()}


@dataclass
class PetrResult:
    """Agreement with PETR2's (source, target, CAMEO code) triples, overall and per half."""

    sentences: int = 0
    root: PRF = field(default_factory=PRF)
    full_code: PRF = field(default_factory=PRF)
    halves: dict[str, PetrHalf] = field(default_factory=lambda: {name: PetrHalf() for name in HALVES})
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": "petr2-gsr",
            "sentences": self.sentences,
            "root": self.root.to_dict(),
            "full_code": self.full_code.to_dict(),
            "halves": {name: half.to_dict() for name, half in self.halves.items()},
            "seconds": round(self.seconds, 2),
            "errors": list(self.errors),
        }

    def render(self) -> str:
        lines = [
            f"PETR2 GSR: {self.sentences} sentences, {self.root.gold} gold codings, "
            f"{self.root.predicted} predicted, {self.seconds:.1f} s"
            + (f", {len(self.errors)} failed" if self.errors else ""),
            header(34),
            row("(src, tgt, CAMEO root)", self.root, 34),
            row("(src, tgt, full CAMEO code)", self.full_code, 34),
        ]
        for name, half in self.halves.items():
            lines += [
                f"{name} half ({'odd' if name == HALVES[1] else 'even'} positions): {half.sentences} sentences",
                row("(src, tgt, CAMEO root)", half.root, 34),
                row("(src, tgt, full CAMEO code)", half.full_code, 34),
            ]
        return "\n".join(lines)


def score_petr(path: str | Path, analyze: Analyze, limit: int | None = None) -> PetrResult:
    """Score (source country, target country, CAMEO code) triples on the PETR2 GSR.

    Countries are the first three letters of CAMEO actor codes (``RUSGOV`` → ``RUS``; ``---`` and
    non-state codes such as ``IGO`` mean no country); a predicted actor's country comes from its
    ``codes["cameo"]``, else its ISO3 ``country``. Each predicted event yields one triple per
    source × target pair; triples match one-to-one within a sentence, at the level of the
    two-digit root and of the full code. Each half (:func:`half_of`) is also scored on its own.
    """
    path = Path(path)
    sentences = read_petr(path)
    if limit is not None:
        sentences = sentences[:limit]
    result = PetrResult()
    for index, sentence in enumerate(sentences):
        article = Article(text=sentence.text, published=sentence.date, source=sentence.id)
        started = time.perf_counter()
        analysis = run_analyze(analyze, article, sentence.id, result.errors)
        result.seconds += time.perf_counter() - started
        result.sentences += 1
        gold = [(country_of_code(s), country_of_code(t), c) for s, t, c in sentence.codings]
        predicted = _predicted_triples(analysis) if analysis is not None else []
        half = result.halves[half_of(index)]
        half.sentences += 1
        roots_gold = [(s, t, c[:2]) for s, t, c in gold]
        roots_predicted = [(s, t, c[:2]) for s, t, c in predicted]
        for full, roots in ((result.full_code, result.root), (half.full_code, half.root)):
            _count_triples(gold, predicted, full)
            _count_triples(roots_gold, roots_predicted, roots)
    return result
