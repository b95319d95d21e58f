"""Counting shared by the benchmark scorers, and CAMEO actor codes to ISO3 countries."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Callable

from ..records import Analysis, Article

Analyze = Callable[[Article], Analysis]




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


def row(label: str, prf: PRF, width: int = 26) -> str:
    return (
        f"{label:<{width}}{prf.precision:>9.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"
        f"   {prf.correct}/{prf.predicted} pred, {prf.found}/{prf.gold} gold"
    )


def header(width: int = 26) -> str:
    return f"{'':<{width}}{'precision':>9}{'recall':>8}{'F1':>8}"


def run_analyze(analyze: Analyze, article: Article, name: str, errors: list[str]) -> Analysis | None:
    """Call ``analyze``; record a failure in ``errors`` and return None instead of raising."""
    try:
        return analyze(article)
    except Exception as exc:  # one article's failure must not stop a benchmark run
        errors.append(f"{name}: {type(exc).__name__}: {exc}")
        return None



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


def actor_country(analysis: Analysis, actor_id: str | None) -> str | None:
    """The country of a predicted actor: its CAMEO code's country, else its ISO3 ``country``."""
    actor = analysis.actor(actor_id)
    if actor is None:
        return None
    cameo = actor.codes.get("cameo")
    if cameo:
        return country_of_code(cameo)
    return _CAMEO_TO_ISO3.get(actor.country, actor.country) if actor.country else None
