"""CLI commands for the knowledge base: ``kb build``, ``actors search`` and ``actors show``.

The lead's ``communique.cli`` calls :func:`register` to add them to its ``cli`` group.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import click

from .errors import CommuniqueError
from .kb import DEFAULT_KB, KBActor, KnowledgeBase

# rich and kbbuild (urllib, http.client) are imported by the commands that use them: every other
# command, `communique analyze` above all, starts without them (issue 13)


@click.group("kb")
def kb() -> None:
    """Build and inspect the actor knowledge base."""


@kb.command("build")
@click.option("--shared", "shared", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared"),
              show_default=True, help="Folder holding data/actors/ (office tables, Phoenix dictionaries).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_KB, show_default=True,
              help="Where to write the KB (.json.gz or .json).")
@click.option("--wikidata", is_flag=True, help="Also fetch current offices and memberships from Wikidata (needs internet).")
@click.option("--prepare/--no-prepare", default=True, show_default=True,
              help="Also build the start-up forms (prebuilt KB, name index for the installed model) in the cache folder.")
def kb_build(shared: Path, out: Path, wikidata: bool, prepare: bool) -> None:
    """Build the knowledge base from facts, and the forms that let a pipeline open it quickly.

    Example:

        communique kb build --shared ../shared --out communique/data/kb.json.gz
    """
    from .kbbuild import build_kb, wikidata_rows

    try:
        extra = wikidata_rows() if wikidata else None
        stats = build_kb(shared, out, extra=extra)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"{stats.path}: {stats.bytes / 1024:.0f} KiB, {stats.actors} actors ({stats.persons} persons, "
        f"{stats.countries} countries, {stats.organizations} organizations), {stats.tenures} tenures, "
        f"{stats.memberships} memberships; version {stats.version}; built in {stats.seconds:.1f}s"
    )
    if prepare:
        from .actors import prepare as prepare_start

        try:
            names = prepare_start(out)
        except CommuniqueError as exc:  # the KB is written; only the first start will be slower
            click.echo(f"communique: warning: start-up forms not built: {exc}", err=True)
        else:
            click.echo(f"start-up forms built: prebuilt KB and {names:,} names for the installed model")


def _load(path: Path | None) -> KnowledgeBase:
    try:
        return KnowledgeBase.load(path)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from exc


kb_option = click.option("--kb", "kb_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="KB file to read (default: the packaged snapshot).")


# Below this many columns the office table leaves out titles and sources.
WIDE_TABLE = 120


@click.group("actors")
def actors() -> None:
    """Look up actors in the knowledge base."""


@actors.command("search")
@click.argument("name")
@click.option("--limit", default=20, show_default=True, help="Most rows to show.")
@kb_option
def actors_search(name: str, limit: int, kb_path: Path | None) -> None:
    """Find actors by name, surname, partial name, alias or transliteration; close misspellings ranked.

    Example:

        communique actors search Trump
    """
    from rich.console import Console
    from rich.table import Table

    base = _load(kb_path)
    found = base.search(name, limit)
    if not found:
        raise click.ClickException(f"no actor named {name!r} in KB {base.version}")
    table = Table("id", "name", "kind", "country", "matching name", "score")
    for actor, alias, score in found:
        table.add_row(actor.id, actor.name, actor.institution or actor.kind, actor.country or "", alias, f"{score:.2f}")
    Console().print(table)


def _facts(base: KnowledgeBase, actor: KBActor) -> list[tuple[str, str]]:
    values = (("id", actor.id), ("name", actor.name), ("kind", actor.kind), ("institution", actor.institution),
              ("country", actor.country), ("CAMEO", actor.cameo), ("gender", actor.gender), ("capital", actor.capital),
              ("aliases", ", ".join(actor.aliases)), ("demonyms", ", ".join(actor.demonyms)),
              ("metonyms", ", ".join(actor.metonyms)))
    return [(label, value) for label, value in values if value]


def _office_rows(base: KnowledgeBase, actor: KBActor, day: dt.date | None) -> list[dict[str, str]]:
    rows = []
    for tenure in sorted(base.offices(actor.id, day), key=lambda t: t.start or dt.date.min):
        of = base.get(tenure.of)
        rows.append({"role": tenure.role, "of": of.name if of else (tenure.of or ""), "start": str(tenure.start or ""),
                     "end": str(tenure.end or ""), "title": tenure.title, "source": tenure.source})
    return rows


@actors.command("show")
@click.argument("actor_id")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only offices held on this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table for people; json (facts and offices) or csv (offices) for programs.")
@kb_option
def actors_show(actor_id: str, on: dt.datetime | None, fmt: str, kb_path: Path | None) -> None:
    """Show an actor's facts and offices (on a date, or all).

    Example:

        communique actors show Q57394 --on 2020-06-01 --format json
    """
    base = _load(kb_path)
    actor = base.get(actor_id)
    if actor is None:
        raise click.ClickException(f"no actor with id {actor_id!r}; find ids with `communique actors search NAME`")
    day = on.date() if on else None
    offices = _office_rows(base, actor, day)
    if fmt == "json":
        click.echo(json.dumps({**dict(_facts(base, actor)), "aliases": list(actor.aliases), "offices": offices},
                              ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["id", "name", "role", "of", "start", "end", "title", "source"])
        writer.writeheader()
        for row in offices:
            writer.writerow({"id": actor.id, "name": actor.name, **row})
        click.echo(out.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    facts = Table("field", "value", show_header=False)
    for label, value in _facts(base, actor):
        facts.add_row(label, value)
    console.print(facts)
    # Titles and roles never break inside ("Chairman of the Security Council" on one line): the
    # long free-text columns (title, source) give way first (issue 14, defect 4).
    # In a narrow terminal the free-text columns are left to --format json/csv.
    wide = console.width >= WIDE_TABLE
    table = Table(title=f"offices{f' on {day}' if day else ''}",
                  caption=None if wide else "titles and sources: --format json or csv, or a wider terminal")
    table.add_column("role", no_wrap=True, overflow="ellipsis", ratio=3)
    table.add_column("of", no_wrap=True, overflow="ellipsis", ratio=2)
    table.add_column("start", no_wrap=True, min_width=10)
    table.add_column("end", no_wrap=True, min_width=10)
    if wide:
        table.add_column("title", overflow="fold", ratio=3)
        table.add_column("source", overflow="fold", ratio=2)
    for row in offices:
        cells = [row["role"], row["of"], row["start"], row["end"]]
        table.add_row(*(cells + [row["title"], row["source"]] if wide else cells))
    console.print(table)


def register(cli: click.Group) -> None:
    """Add the ``kb`` and ``actors`` command groups to the main CLI group."""
    from . import cli_verbs

    cli_verbs.register(kb)
    cli.add_command(kb)
    cli.add_command(actors)
