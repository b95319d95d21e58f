"""Store commands for the ``communique`` CLI: ingest a corpus, ask it questions, export it.

``register(cli)`` adds them to the main click group; each command parses its options, calls one
library function and prints the result as a table, JSON or CSV.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from . import queries
from ._options import iso_date
from .errors import CommuniqueError
from .store import DEFAULT_URL, Store, open_store

F = TypeVar("F", bound=Callable[..., Any])
Rows = list[dict[str, Any]]


def db_option(func: F) -> F:
    """``--db URL``, from ``COMMUNIQUE_DB`` when not given."""
    return click.option(
        "--db", "db", envvar="COMMUNIQUE_DB", default=DEFAULT_URL, show_default=True,
        help="Store URL: sqlite:///path.db or postgresql://user@host/db (env COMMUNIQUE_DB).",
    )(func)


def format_option(func: F) -> F:
    """``--format table|json|csv``."""
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
        help="Output format.",
    )(func)


def date_range_options(func: F) -> F:
    """``--since`` and ``--until`` dates."""
    func = click.option("--until", callback=iso_date, help="Latest date, YYYY-MM-DD.")(func)
    return click.option("--since", callback=iso_date, help="Earliest date, YYYY-MM-DD.")(func)


@contextmanager
def _store(db: str) -> Iterator[Store]:
    """Open the store, turning library errors into one-line CLI errors."""
    try:
        store = open_store(db)
    except CommuniqueError as exc:
        raise click.ClickException(exc.message) from exc
    try:
        yield store
    except CommuniqueError as exc:
        raise click.ClickException(exc.message) from exc
    finally:
        store.close()


#: Columns a terminal table shows per command; JSON and CSV keep every column.
TABLE_COLUMNS = {
    "meetings": ("date", "kind", "formality", "initiator", "status", "participants", "n_sources", "sources"),
    "quotes": ("date", "speaker_name", "text", "about", "n_sources", "sources"),
    "timeline": ("date", "type", "what", "n_sources"),
    "recent_meetings": ("date", "kind", "formality", "status", "participants", "n_sources"),
}


#: Terminal columns that hold one short word: a code, a date, a count or an offset (an office title such
#: as ``role`` is running text and wraps).
SHORT_COLUMNS = frozenset({"date", "first_reported", "last_reported", "kind", "formality", "initiator", "status",
                           "type", "n_sources", "sources", "quotes", "reports", "rows", "n", "start", "end",
                           "field", "id"})
#: Terminal columns of running text: they get twice the share of the others.
TEXT_COLUMNS = frozenset({"text", "what", "participants", "who", "value", "title"})


def _print_rows(rows: Rows, fmt: str, title: str | None = None) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        click.echo(queries.to_csv(rows), nl=False)
        return
    columns = list(dict.fromkeys(k for row in rows for k in row))
    from rich.console import Console
    from rich.table import Table

    if title in TABLE_COLUMNS:
        columns = [c for c in TABLE_COLUMNS[title] if c in columns]
    table = Table(title=title, show_lines=False)
    for column in columns:
        if column in SHORT_COLUMNS:  # codes and dates: never broken, as wide as their longest value
            table.add_column(column, no_wrap=True)
        else:  # names and text share the rest, running text twice as much
            table.add_column(column, overflow="fold", ratio=2 if column in TEXT_COLUMNS else 1)
    for row in rows:
        table.add_row(*(queries.flat(row.get(c)) for c in columns))
    console = Console()
    # too wide for the terminal: the codes keep their width and the text columns share the rest by ratio
    # (rich applies ratios only to an expanded table)
    table.expand = bool(rows) and console.measure(table).maximum >= console.width  # measure caps at the width
    console.print(table if rows else f"{title + ': ' if title else ''}nothing found")


def _print_sections(data: dict[str, Any], fmt: str) -> None:
    """A profile or stats object: scalars first, then each list as its own table."""
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        return
    scalars = [{"field": k, "value": queries.flat(v)} for k, v in data.items() if not isinstance(v, list)]
    sections = {k: v for k, v in data.items() if isinstance(v, list) and (not v or isinstance(v[0], dict))}
    if fmt == "csv":
        rows: Rows = [{"section": "summary", **r} for r in scalars]
        for name, items in sections.items():
            rows += [{"section": name, **item} for item in items]
        _print_rows(rows, "csv")
        return
    if scalars:
        _print_rows(scalars, "table", "summary")
    for name, items in sections.items():
        _print_rows(items, "table", name)


def _pipeline(model: str | None) -> Any:
    from .extract import Pipeline

    try:
        return Pipeline(model=model)
    except CommuniqueError as exc:
        raise click.ClickException(exc.message) from exc


def _run_with_progress(label: str, work: Callable[[Callable[[str, str], None]], Any]) -> Any:
    """Run ``work(progress)`` under a rich progress line showing articles and articles/s."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.perf_counter()
    with Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), TextColumn("{task.fields[last]}"),
        transient=False, console=None,
    ) as progress:
        task = progress.add_task(label, total=None, rate=0.0, last="")

        def tick(source: str, outcome: str) -> None:
            elapsed = max(time.perf_counter() - started, 1e-6)
            done = progress.tasks[task].completed + 1
            progress.update(task, completed=done, rate=done / elapsed, last=f"{outcome}: {source[-60:]}")

        return work(tick)


def _print_report(report: Any) -> None:
    click.echo(f"analysed: {report.analysed}  unchanged: {report.unchanged}  failed: {len(report.failed)}")
    for source, reason in report.failed:
        # one line per failed input on stderr, as `analyze` prints them (issue 14)
        click.echo(f"communique: error: {source}: {reason}", err=True)


def register(cli: click.Group) -> None:
    """Add the store commands to the ``communique`` group."""

    @cli.command("reanalyze")
    @click.option("--all", "all_", is_flag=True, help="Every article, not only the stale ones.")
    @click.option("--stale", is_flag=True, help="Articles analysed by another pipeline or KB version (default).")
    @db_option
    @click.option("--model", help="spaCy model name (default: best installed).")
    def reanalyze_cmd(all_: bool, stale: bool, db: str, model: str | None) -> None:
        """Analyse stored articles again with the current pipeline and KB.

        Example:

            communique reanalyze --stale --db sqlite:///corpus.db
        """
        from .batch import reanalyze

        if all_ and stale:
            raise click.UsageError("give --all or --stale, not both")
        pipeline = _pipeline(model)
        with _store(db) as store:
            report = _run_with_progress(
                "reanalyze", lambda tick: reanalyze(store, pipeline, all=all_, progress=tick)
            )
        _print_report(report)

    @cli.command("meetings")
    @click.argument("actors", nargs=-1, metavar="[A [B]]")
    @click.option("--between", nargs=2, metavar="A B", help="Two actors, by name or id (same as giving A B).")
    @date_range_options
    @click.option("--formality", type=click.Choice(["formal", "informal", "unspecified"]))
    @click.option("--kind", type=click.Choice(["meeting", "visit", "summit", "phone_call", "video_call", "talks"]))
    @click.option("--limit", default=200, show_default=True, help="Most meetings to list.")
    @db_option
    @format_option
    def meetings_cmd(actors: tuple[str, ...], between: tuple[str, str] | None, since: dt.date | None,
                     until: dt.date | None, formality: str | None, kind: str | None, limit: int, db: str,
                     fmt: str) -> None:
        """Meetings, newest first, with their sources: of everyone, of one actor, or of two.

        Example:

            communique meetings Putin Nazarbayev --since 2019-01-01
            communique meetings --formality informal --since 2025-05-01
        """
        if between and actors:
            raise click.UsageError("give the actors as arguments or with --between, not both")
        names = list(between or actors)
        if len(names) > 2:
            raise click.UsageError(f"give at most two actors, not {len(names)}")
        if limit < 1:
            raise click.BadParameter("must be at least 1", param_hint="--limit")
        with _store(db) as store:
            rows = queries.meetings(store, *names, since=since, until=until, formality=formality, kind=kind,
                                    limit=limit)
        _print_rows(rows, fmt, "meetings")

    @cli.command("quotes")
    @click.option("--by", "by", help="Speaker, by name or id.")
    @click.option("--about", help="Actor the quotes are about.")
    @click.option("--search", help="Words the quote or its sentence contains.")
    @date_range_options
    @db_option
    @format_option
    def quotes_cmd(by: str | None, about: str | None, search: str | None, since: dt.date | None,
                   until: dt.date | None, db: str, fmt: str) -> None:
        """Quotes by an actor, about another, or matching words.

        Example:

            communique quotes --by Tokayev --about Nazarbayev --search integration
        """
        if not (by or about or search):
            raise click.UsageError("give at least one of --by, --about, --search")
        with _store(db) as store:
            rows = queries.quotes(store, by=by, about=about, search=search, since=since, until=until)
        _print_rows(rows, fmt, "quotes")

    @cli.command("actor")
    @click.argument("name")
    @db_option
    @format_option
    def actor_cmd(name: str, db: str, fmt: str) -> None:
        """An actor's profile: offices, meeting partners, quotes by and about.

        Example:

            communique actor "Kassym-Jomart Tokayev"
        """
        with _store(db) as store:
            profile = queries.actor_profile(store, name)
        _print_sections(profile, fmt)

    @cli.command("timeline")
    @click.argument("a")
    @click.argument("b", required=False)
    @db_option
    @format_option
    def timeline_cmd(a: str, b: str | None, db: str, fmt: str) -> None:
        """Events, quotes and offices of an actor (with another), oldest first.

        Example:

            communique timeline Putin Nazarbayev
        """
        with _store(db) as store:
            rows = queries.timeline(store, a, b)
        _print_rows(rows, fmt, "timeline")

    @cli.command("network")
    @date_range_options
    @db_option
    @format_option
    def network_cmd(since: dt.date | None, until: dt.date | None, db: str, fmt: str) -> None:
        """Who met whom: actor pairs weighted by the number of meetings.

        Example:

            communique network --since 2024-01-01 --format csv
        """
        with _store(db) as store:
            rows = queries.network(store, since=since, until=until)
        _print_rows(rows, fmt, "network")

    @cli.command("stats")
    @db_option
    @format_option
    def stats_cmd(db: str, fmt: str) -> None:
        """What the store holds: counts, outlets, event types, versions.

        Example:

            communique stats --db sqlite:///corpus.db
        """
        with _store(db) as store:
            data = queries.stats(store)
        counts = data.pop("counts")
        data["counts"] = [{"table": k, "rows": v} for k, v in counts.items()]
        _print_sections(data, fmt)

    @cli.command("overview")
    @db_option
    @format_option
    @click.option("--limit", default=10, show_default=True, help="Rows per section.")
    def overview_cmd(db: str, fmt: str, limit: int) -> None:
        """The corpus at a glance: meetings with their sources, the most quoted actors, and what to run next.

        Example:

            communique overview --db sqlite:///corpus.db
        """
        with _store(db) as store:
            data = queries.overview(store, limit=limit)
        counts = data.pop("counts")
        data["counts"] = [{"table": k, "rows": v} for k, v in counts.items()]
        _print_sections(data, fmt)
        if fmt == "table":
            click.echo(
                "\nQuery further:  communique meetings --between Putin Tokayev | communique quotes --by Biden"
                " | communique actor Meloni | communique network\n"
                "Export:         communique export events --format csv --out events.csv"
                " (also quotes, offices, network; parquet, jsonl, gexf, graphml)"
            )

    @cli.command("doctor")
    @db_option
    @format_option
    @click.option("--repair", is_flag=True, help="Rebuild the full-text indexes first, then check.")
    def doctor_cmd(db: str, fmt: str, repair: bool) -> None:
        """Check the store: references, orphan rows, offsets, full-text index, versions; exit 1 on a problem.

        Example:

            communique doctor --db sqlite:///corpus.db
        """
        from .doctor import examine, healthy
        from .kb import load_kb
        from .settings import setting

        try:
            kb_version: str | None = load_kb(setting("kb") or None).version
        except CommuniqueError:
            kb_version = None  # the store can still be checked; versions are compared to the pipeline only
        with _store(db) as store:
            if repair:
                store.repair_search()
            findings = examine(store, kb_version=kb_version)
        _print_rows([f.to_dict() for f in findings], fmt, "doctor" if fmt == "table" else None)
        if fmt == "table":
            passed = sum(f.status == "ok" for f in findings)
            verdict = "" if healthy(findings) else "; the store has problems"
            click.echo(f"{passed} of {len(findings)} checks passed{verdict}")
        if not healthy(findings):
            sys.exit(1)

    @cli.command("export")
    @click.argument("kind", type=click.Choice(["events", "quotes", "offices", "network"]))
    @click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "jsonl", "gexf", "graphml"]),
                  default="csv", show_default=True, help="File format (gexf and graphml for network).")
    @click.option("--out", type=click.Path(dir_okay=False), help="Output file (stdout for text formats).")
    @date_range_options
    @db_option
    def export_cmd(kind: str, fmt: str, out: str | None, since: dt.date | None, until: dt.date | None,
                   db: str) -> None:
        """Export events, quotes, offices or the meeting network.

        Example:

            communique export events --format parquet --out events.parquet
        """
        from .export import export

        with _store(db) as store:
            n = export(store, kind, fmt, out, since=since, until=until)  # type: ignore[arg-type]
        if out:
            click.echo(f"wrote {n} {kind} records to {out}", err=True)
