"""Score analyses against gold files with exactly the contract's rules.

- names match after lower-casing and stripping accents and punctuation when the last tokens are
  equal or one name's tokens are a subset of the other's;
- quotes match on token overlap >= half of the shorter one's tokens and matching speakers
  (greedy one-to-one); span-only scores ignore the speaker;
- meetings: predicted held CONSULT events match a gold meeting when every gold participant matches
  some predicted participant (a gold country also matches a participant of that country); on
  matched pairs, kind, formality and initiator accuracy (both null counts as correct);
- roles match on person name and at least one shared word of the role;
- totals are micro-averaged over the documents of a folder.

An actor-linking score is added: of the gold speakers and meeting participants that the output
matches by position (quote span, meeting evidence), the share resolved to the right actor.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from .errors import EvaluationError
from .institutions import Body, classify
from .records import Analysis, Article, shared_words

Analyzer = Callable[[Article], Analysis]


def name_tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.findall(r"[a-z0-9]+", text)


def names_match(a: str | None, b: str | None) -> bool:
    """The contract's name rule (v1.1): equal last tokens, one name's tokens a subset of the other's,
    last tokens that are transliteration variants, or one name's last token among the other's tokens."""
    if not a or not b:
        return False
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta[-1] == tb[-1] or set(ta) <= set(tb) or set(tb) <= set(ta):
        return True
    la, lb = ta[-1], tb[-1]
    if len(la) >= 5 and len(lb) >= 5 and la[0] == lb[0] and difflib.SequenceMatcher(None, la, lb).ratio() >= 0.85:
        return True
    return (len(la) >= 5 and la in tb) or (len(lb) >= 5 and lb in ta)


SPOKESPERSON = re.compile(r"^(?:spokes(?:man|woman|person)|press secretary|spokesperson)\s+(?:for|of)\s+(?P<principal>.+)$", re.I)


def actor_matches(gold_name: str | None, analysis: Analysis, actor_id: str | None) -> bool:
    """Whether a predicted actor is the gold speaker or participant, by the v1.1 rules: people and
    countries by name; institutions by name or mention, or as the same kind of body of the same
    country (never by a country); "Spokesman for X" only by a spokesperson group for the same X."""
    actor = analysis.actor(actor_id)
    if not gold_name or actor is None:
        return False
    spokes = SPOKESPERSON.match(gold_name.strip())
    if spokes:
        mine = SPOKESPERSON.match(actor.name.strip())
        return actor.kind == "group" and mine is not None and names_match(spokes.group("principal"), mine.group("principal"))
    body = _body(gold_name)
    if body is None:
        return names_match(gold_name, actor.name)
    if actor.kind not in ("organization", "group"):
        return False
    if names_match(gold_name, actor.name) or any(names_match(gold_name, m.text) for m in actor.mentions):
        return True
    kind = actor.codes.get("institution")
    if kind and body.same_as(Body(kind, actor.country)):
        return True
    for text in (actor.name, *(m.text for m in actor.mentions)):
        theirs = _body(text)
        if theirs is not None:
            if theirs.country is None and actor.country:
                theirs = Body(theirs.kind, actor.country, theirs.seat)
            if body.same_as(theirs):
                return True
    return False


@lru_cache(maxsize=4096)
def _body(name: str) -> Body | None:
    """The institution a name stands for: by its words, or as an organization the KB knows."""
    from .kb import load_kb

    kb = load_kb()
    body = classify(name, kb)
    if body is None and any(a.kind == "organization" for a in kb.lookup(name)):
        return Body("organization", None)
    return body


def text_tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def overlap_ok(a: str, b: str) -> bool:
    """Token overlap is at least half of the shorter text's tokens."""
    ta, tb = text_tokens(a), text_tokens(b)
    if not ta or not tb:
        return False
    return shared_words(ta, tb) >= min(len(ta), len(tb)) / 2


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def merge(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 3), "correct": self.correct, "total": self.total}


@dataclass
class Scores:
    quotes: PRF = field(default_factory=PRF)
    quote_spans: PRF = field(default_factory=PRF)
    meetings: PRF = field(default_factory=PRF)
    roles: PRF = field(default_factory=PRF)
    kind: Accuracy = field(default_factory=Accuracy)
    formality: Accuracy = field(default_factory=Accuracy)
    initiator: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    linking: Accuracy = field(default_factory=Accuracy)
    documents: int = 0
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, other: Scores) -> None:
        for name in ("quotes", "quote_spans", "meetings", "roles"):
            getattr(self, name).add(getattr(other, name))
        for name in ("kind", "formality", "initiator", "date", "linking"):
            getattr(self, name).merge(getattr(other, name))
        self.documents += other.documents

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "quotes": self.quotes.to_dict(),
            "quote_spans": self.quote_spans.to_dict(),
            "meetings": self.meetings.to_dict(),
            "roles": self.roles.to_dict(),
            "meeting_kind": self.kind.to_dict(),
            "meeting_formality": self.formality.to_dict(),
            "meeting_initiator": self.initiator.to_dict(),
            "meeting_date": self.date.to_dict(),
            "actor_linking": self.linking.to_dict(),
        }

    def render(self) -> str:
        lines = [f"documents: {self.documents}", f"{'':14} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
        for label, prf in (("quotes", self.quotes), ("quote spans", self.quote_spans),
                           ("meetings", self.meetings), ("roles", self.roles)):
            lines.append(f"{label:14} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}   {prf.tp}/{prf.fp}/{prf.fn}")
        lines.append("matched meetings:")
        for label, acc in (("kind", self.kind), ("formality", self.formality), ("initiator", self.initiator),
                           ("date", self.date)):
            lines.append(f"  {label:12} {acc.value:6.3f}   ({acc.correct}/{acc.total})")
        lines.append(f"actor linking  {self.linking.value:6.3f}   ({self.linking.correct}/{self.linking.total})")
        return "\n".join(lines)


def _actor_name(analysis: Analysis, actor_id: str | None) -> str | None:
    actor = analysis.actor(actor_id)
    return actor.name if actor else None


def _actor_country(analysis: Analysis, actor_id: str | None) -> str | None:
    actor = analysis.actor(actor_id)
    return actor.country if actor else None


def _greedy(gold: list[Any], pred: list[Any], ok: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and ok(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


COUNTRY_NAMES: dict[str, str] = {}
KIND_CLASS = {"talks": "meeting"}  # v1.1: scoring treats meeting and talks as one kind


def _kind_class(kind: str | None) -> str | None:
    return KIND_CLASS.get(kind, kind) if kind else None


def _country_code(name: str) -> str | None:
    """ISO3 of a gold participant that names a country ("Ireland"), via the knowledge base."""
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name] or None
    from .kb import load_kb

    actor = load_kb().country_by_name(name)
    COUNTRY_NAMES[name] = actor.country if actor and actor.country else ""
    return COUNTRY_NAMES[name] or None


def score_document(gold: dict[str, Any], analysis: Analysis) -> Scores:
    """Score one analysis against one gold document."""
    scores = Scores(documents=1)
    # quotes
    gold_quotes = gold.get("quotes", [])
    pred_quotes = analysis.quotes
    matched = _greedy(
        gold_quotes, pred_quotes,
        lambda g, p: overlap_ok(g["text"], p.text) and actor_matches(g.get("speaker"), analysis, p.speaker),
    )
    scores.quotes = PRF(len(matched), len(pred_quotes) - len(matched), len(gold_quotes) - len(matched))
    span_pairs = _greedy(gold_quotes, pred_quotes, lambda g, p: overlap_ok(g["text"], p.text))
    scores.quote_spans = PRF(len(span_pairs), len(pred_quotes) - len(span_pairs), len(gold_quotes) - len(span_pairs))
    for gi, pi in span_pairs:
        if gold_quotes[gi].get("speaker"):
            scores.linking.add(actor_matches(gold_quotes[gi]["speaker"], analysis, pred_quotes[pi].speaker))
    # meetings
    gold_meetings = gold.get("meetings", [])
    pred_meetings = [e for e in analysis.events if e.plover == "CONSULT" and e.status == "held"]

    def participant_ok(name: str, event: Any) -> bool:
        code = _country_code(name)
        for pid in event.participants:
            if actor_matches(name, analysis, pid):
                return True
            if code and _actor_country(analysis, pid) == code:
                return True
        return False

    meeting_pairs = _greedy(gold_meetings, pred_meetings, lambda g, p: all(participant_ok(n, p) for n in g["participants"]))
    scores.meetings = PRF(len(meeting_pairs), len(pred_meetings) - len(meeting_pairs), len(gold_meetings) - len(meeting_pairs))
    for gi, pi in meeting_pairs:
        g, p = gold_meetings[gi], pred_meetings[pi]
        scores.kind.add(_kind_class(g.get("kind")) == _kind_class(p.kind))
        scores.formality.add((g.get("formality") or "unspecified") == p.formality)
        gi_name = g.get("initiator")
        scores.initiator.add((gi_name is None and p.initiator is None) or actor_matches(gi_name, analysis, p.initiator))
        if g.get("date"):
            scores.date.add(p.date is not None and p.date.isoformat() == g["date"])
    for g in gold_meetings:
        # linking: among predictions from the gold meeting's sentence, the one sharing most participants
        evidence = g.get("evidence") or ""
        same_place = [p for p in pred_meetings if evidence and (evidence in p.evidence.text or p.evidence.text in evidence)]
        if same_place:
            best = max(same_place, key=lambda p: sum(participant_ok(n, p) for n in g["participants"]))
            for name in g["participants"]:
                scores.linking.add(participant_ok(name, best))
    # roles
    gold_roles = gold.get("roles", [])
    pred_roles = analysis.roles

    def role_ok(g: dict[str, Any], p: Any) -> bool:
        if not names_match(g["person"], _actor_name(analysis, p.person)):
            return False
        return bool(set(name_tokens(g["role"])) & set(name_tokens(p.role)))

    role_pairs = _greedy(gold_roles, pred_roles, role_ok)
    scores.roles = PRF(len(role_pairs), len(pred_roles) - len(role_pairs), len(gold_roles) - len(role_pairs))
    return scores


def load_gold(path: Path) -> tuple[dict[str, Any], Article]:
    """A gold file and the article it annotates (its text inline or in ``text_file``)."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationError(str(path), f"cannot read gold JSON ({exc})") from exc
    text = gold.get("text")
    if text is None and gold.get("text_file"):
        text_path = path.parent / gold["text_file"]
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EvaluationError(str(path), f"cannot read its text file {text_path} ({exc})") from exc
    if not isinstance(text, str):
        raise EvaluationError(str(path), "gold file has neither 'text' nor 'text_file'")
    published = None
    if gold.get("published"):
        try:
            published = dt.date.fromisoformat(gold["published"])
        except ValueError as exc:
            raise EvaluationError(str(path), f"bad 'published' date {gold['published']!r}") from exc
    article = Article(
        text=text, title=gold.get("title"), outlet=gold.get("outlet"), url=gold.get("url"),
        published=published, published_text=gold.get("published_text"), source=str(path),
    )
    return gold, article


def gold_files(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    if not target.is_dir():
        raise EvaluationError(str(target), "no such gold file or folder")
    files = sorted(p for p in target.glob("*.json") if not p.name.startswith("."))
    if not files:
        raise EvaluationError(str(target), "the folder holds no gold .json files")
    return files


def half_of(gold: dict[str, Any], path: Path) -> str:
    """Which half of a split set a gold document belongs to: ``a`` when the number in its story
    (``s03``) or, for a passage outside a story, in its id (``n117``) is odd, ``b`` when even. A
    story's passages stay together, so merging is tested on both halves."""
    key = gold.get("story") or gold.get("id") or path.stem
    digits = re.findall(r"\d+", str(key))
    return "a" if digits and int(digits[0]) % 2 else "b"


def evaluate(target: Path, analyze: Analyzer, half: str | None = None) -> Scores:
    """Run ``analyze`` on every gold file's text and score the results, micro-averaged; ``half``
    (``a`` or ``b``) keeps one half of the set (see :func:`half_of`)."""
    total = Scores()
    for path in gold_files(target):
        gold, article = load_gold(path)
        if half and half_of(gold, path) != half:
            continue
        scores = score_document(gold, analyze(article))
        total.per_document[path.stem] = scores.to_dict()
        total.add(scores)
    return total
