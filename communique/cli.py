"""The ``communique`` command line: thin commands over the library."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from ._options import iso_date
from .errors import CommuniqueError, InputError

EXIT_INPUT = 2


def _fail(message: str, code: int = EXIT_INPUT) -> None:
    click.echo(f"communique: error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="communique")
def cli() -> None:
    """Who met whom, who said what, who holds which office: diplomatic news into records."""
    from .kb import freeze_on_load

    freeze_on_load()  # a process of our own: what it loads lives until it ends


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default=None,
              help="Output format (default: markdown on a terminal, json otherwise).")
@click.option("--published", callback=iso_date, help="Publication date YYYY-MM-DD (overrides the page's).")
@click.option("--url", help="The article's URL, when analysing a file.")
@click.option("--title", help="The article's title.")
@click.option("--include-text", is_flag=True, help="Add the analysed text to the JSON output.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one <stem>.json (or .md) per source into this folder.")
@click.option("--model", help="spaCy model name (default: best installed).")
def analyze(sources: tuple[str, ...], fmt: str | None, published: dt.date | None, url: str | None,
            title: str | None, include_text: bool, out_dir: Path | None, model: str | None) -> None:
    """Analyse articles: .txt or .html files, '-' for stdin, or URLs.

    Several sources load the model once; with --out DIR each gets its own file, otherwise they are
    printed one after another (JSON: one object per line).

    Example:

        communique analyze article.txt --format json --published 2025-01-07
    """
    from .extract import Pipeline
    from .ingest import read_article
    from .render import to_markdown

    fmt = fmt or ("markdown" if sys.stdout.isatty() and out_dir is None else "json")
    articles = []
    failures: list[str] = []
    for source in sources:
        try:
            articles.append(read_article(source, published=published, url=url, title=title))
        except InputError as exc:
            failures.append(exc.message)
            click.echo(f"communique: error: {exc.message}", err=True)
    if articles:
        try:
            pipeline = Pipeline(model=model)
        except CommuniqueError as exc:
            _fail(exc.message, 1)
        written: set[str] = set()
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        for article, result in pipeline.analyze_many(articles, include_text=include_text):
            if isinstance(result, CommuniqueError):
                failures.append(result.message)
                click.echo(f"communique: error: {result.message}", err=True)
                continue
            several = len(sources) > 1
            if fmt == "json":
                # several sources on stdout: one JSON object per line (NDJSON)
                rendered = result.to_json(indent=None if several and out_dir is None else 1)
            else:
                rendered = to_markdown(result)
            if out_dir is None:
                click.echo(rendered)
                if several and fmt == "markdown":
                    click.echo("---\n")
            else:
                stem = Path(article.source).stem if article.source not in ("-",) else "stdin"
                if article.source.startswith(("http://", "https://")):
                    stem = article.id
                if stem in written:
                    # a/x.txt and b/x.txt in one run: keep both, told apart by the article id
                    stem = f"{stem}-{article.id[:8]}"
                written.add(stem)
                target = out_dir / f"{stem}.{'json' if fmt == 'json' else 'md'}"
                tmp = target.with_suffix(target.suffix + ".tmp")
                tmp.write_text(rendered + "\n", encoding="utf-8")
                tmp.replace(target)
                click.echo(f"wrote {target}", err=True)
    if failures:
        sys.exit(EXIT_INPUT)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the analysis object (communique.analysis/1).

    Example:

        communique schema > analysis.schema.json
    """
    from .records import analysis_json_schema

    click.echo(json.dumps(analysis_json_schema(), indent=1))


@cli.command("evaluate")
@click.argument("gold", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--per-document", is_flag=True, help="Also print each document's scores.")
@click.option("--polnear", type=click.Path(path_type=Path), help="Score quote attribution on a PolNeAR folder.")
@click.option("--plover", type=click.Path(path_type=Path), help="Score event coding on a PLOVER GSR JSON file.")
@click.option("--petr", type=click.Path(path_type=Path), help="Score CAMEO coding on a PETR2 GSR XML file.")
@click.option("--limit", type=int, help="Score at most this many PolNeAR articles.")
@click.option("--skip", type=int, default=0, show_default=True,
              help="Leave out the first N PolNeAR articles (in name order), e.g. to score a held-out slice.")
@click.option("--every", type=int, default=1, show_default=True,
              help="Score every Nth PolNeAR article (after --skip, before --limit): a sample of a large split.")
@click.option("--half", type=click.Choice(["a", "b"]),
              help="Score one half of a GOLD folder: a = odd story/passage numbers, b = even (find rules on one, check on the other).")
@click.option("--model", help="spaCy model name (default: best installed).")
def evaluate_cmd(gold: Path | None, as_json: bool, per_document: bool, polnear: Path | None, plover: Path | None,
                 petr: Path | None, limit: int | None, skip: int, every: int, half: str | None, model: str | None) -> None:
    """Score the pipeline against gold files (contract rules) or public benchmark sets.

    Example:

        communique evaluate ../shared/dev-gold
    """
    from .evaluate import evaluate
    from .extract import Pipeline

    if not any((gold, polnear, plover, petr)):
        raise click.UsageError("give a GOLD folder or file, or one of --polnear / --plover / --petr")
    try:
        pipeline = Pipeline(model=model)
        results: list[Any] = []
        if gold is not None:
            results.append(("gold", evaluate(gold, pipeline.analyze, half=half)))
        if polnear or plover or petr:
            from . import evalsets

            if polnear:
                results.append(("polnear", evalsets.score_polnear(polnear, pipeline.analyze, limit=limit, skip=skip, every=every)))
            if plover:
                results.append(("plover", evalsets.score_plover(plover, pipeline.analyze)))
            if petr:
                results.append(("petr", evalsets.score_petr(petr, pipeline.analyze)))
    except CommuniqueError as exc:
        _fail(exc.message)
    for name, result in results:
        if as_json:
            data = result.to_dict()
            if per_document and hasattr(result, "per_document"):
                data["per_document"] = result.per_document
            click.echo(json.dumps({name: data}, indent=1))
        else:
            click.echo(f"== {name} ==")
            click.echo(result.render())
            if per_document and hasattr(result, "per_document"):
                for doc_id, scores in result.per_document.items():
                    q, m, r = scores["quotes"], scores["meetings"], scores["roles"]
                    click.echo(f"{doc_id:55} quotes {q['tp']}/{q['fp']}/{q['fn']}  meetings {m['tp']}/{m['fp']}/{m['fn']}  roles {r['tp']}/{r['fp']}/{r['fn']}")


def _register_commands() -> None:
    from . import cli_batch, cli_desk, cli_kb, cli_store

    cli_kb.register(cli)
    cli_store.register(cli)
    cli_batch.register(cli)
    cli_desk.register(cli)


_register_commands()


def main() -> None:
    cli()
