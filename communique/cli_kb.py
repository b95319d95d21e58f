"""CLI commands for the knowledge base: ``kb build``, ``actors search`` and ``actors show``.

The lead's ``communique.cli`` calls :func:`register` to add them to its ``cli`` group.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .errors import CommuniqueError
from .kb import DEFAULT_KB, KnowledgeBase, norm_name
from .kbbuild import build_kb, wikidata_rows


@click.group("kb")
def kb() -> None:
    """Build and inspect the actor knowledge base."""


@kb.command("build")
@click.option("--shared", "shared", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared"),
              show_default=True, help="Folder holding data/actors/ (office tables, Phoenix dictionaries).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_KB, show_default=True,
              help="Where to write the KB (.json.gz or .json).")
@click.option("--wikidata", is_flag=True, help="Also fetch current offices and memberships from Wikidata (needs internet).")
def kb_build(shared: Path, out: Path, wikidata: bool) -> None:
    """Build the knowledge base from facts.

    Example:

        communique kb build --shared ../shared --out communique/data/kb.json.gz
    """
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


def _load(path: Path | None) -> KnowledgeBase:
    try:
        return KnowledgeBase.load(path)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from exc


kb_option = click.option("--kb", "kb_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         help="KB file to read (default: the packaged snapshot).")


@click.group("actors")
def actors() -> None:
    """Look up actors in the knowledge base."""


@actors.command("search")
@click.argument("name")
@click.option("--limit", default=20, show_default=True, help="Most rows to show.")
@kb_option
def actors_search(name: str, limit: int, kb_path: Path | None) -> None:
    """Find actors whose name or alias matches NAME (exactly, else by prefix).

    Example:

        communique actors search Tokaev
    """
    base = _load(kb_path)
    key = norm_name(name)
    rows: list[tuple[str, str, str, str, str]] = []
    for alias, actor in base.names():
        alias_key = norm_name(alias)
        if alias_key == key or (len(key) >= 3 and alias_key.startswith(key)):
            rows.append((actor.id, actor.name, actor.kind, actor.country or "", alias))
    rows.sort(key=lambda r: (norm_name(r[4]) != key, r[1]))
    seen: set[str] = set()
    table = Table("id", "name", "kind", "country", "matching alias")
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        table.add_row(*row)
        if len(seen) >= limit:
            break
    if not seen:
        raise click.ClickException(f"no actor named {name!r} in KB {base.version}")
    Console().print(table)


@actors.command("show")
@click.argument("actor_id")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Only offices held on this date (YYYY-MM-DD).")
@kb_option
def actors_show(actor_id: str, on: dt.datetime | None, kb_path: Path | None) -> None:
    """Show an actor's facts and offices (on a date, or all).

    Example:

        communique actors show Q57394 --on 2020-06-01
    """
    base = _load(kb_path)
    actor = base.get(actor_id)
    if actor is None:
        raise click.ClickException(f"no actor with id {actor_id!r}; find ids with `communique actors search NAME`")
    facts = Table("field", "value", show_header=False)
    for label, value in (("id", actor.id), ("name", actor.name), ("kind", actor.kind), ("country", actor.country),
                         ("CAMEO", actor.cameo), ("capital", actor.capital), ("aliases", ", ".join(actor.aliases)),
                         ("demonyms", ", ".join(actor.demonyms)), ("metonyms", ", ".join(actor.metonyms))):
        if value:
            facts.add_row(label, value)
    console = Console()
    console.print(facts)
    day = on.date() if on else None
    offices = Table("role", "of", "start", "end", "title", "source", title=f"offices{f' on {day}' if day else ''}")
    for tenure in sorted(base.offices(actor.id, day), key=lambda t: t.start or dt.date.min):
        of = base.get(tenure.of)
        offices.add_row(tenure.role, of.name if of else (tenure.of or ""), str(tenure.start or ""),
                        str(tenure.end or ""), tenure.title, tenure.source)
    console.print(offices)


def register(cli: click.Group) -> None:
    """Add the ``kb`` and ``actors`` command groups to the main CLI group."""
    cli.add_command(kb)
    cli.add_command(actors)
