"""PLOVER GSR: PLOVER event types, actor countries and CONSULT modes."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ..records import Article
from ._common import PRF, Analyze, Ratio, actor_country, country_of_code, header, row, run_analyze


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
            header(),
        ]
        for kind, prf in sorted(self.by_type.items()):
            marker = "" if kind in self.gold_types else " (not in gold)"
            lines.append(row(kind + marker, prf))
        lines.append(row("micro", self.micro))
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


def plover_type(event: Any) -> str:
    """The PLOVER type an event counts as: PLOVER codes an announced meeting as AGREE (intent to meet),
    where communique keeps it a CONSULT with status "planned" (and CAMEO 036)."""
    kind = str(event.plover).strip().upper()
    status = getattr(event, "status", "held")
    if kind == "CONSULT" and status == "planned":
        return "AGREE"
    if kind == "CONSULT" and status == "cancelled":
        return ""  # a called-off meeting is no consultation; PLOVER codes the cancelling act, if any
    return kind


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
        analysis = run_analyze(analyze, Article(text=gold.text, source=gold.id), gold.id, result.errors)
        result.seconds += time.perf_counter() - started
        result.records += 1
        result.gold_types.add(gold.plover)
        events = analysis.events if analysis is not None else []
        predicted = {plover_type(e) for e in events} - {""}
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
        match = next(e for e in events if plover_type(e) == gold.plover)
        if gold.has_source:
            got = actor_country(analysis, match.source[0] if match.source else None)
            result.source_country.count(got == gold.source_country)
        if gold.has_target:
            got = actor_country(analysis, match.target[0] if match.target else None)
            result.target_country.count(got == gold.target_country)
        if gold.plover == "CONSULT":
            mode = match.mode.strip().lower() if match.mode else None
            result.consult_mode.count(mode == gold.mode)
    return result
