"""CLI command ``kb verbs``: build the event-coding dictionaries from PETRARCH2's files (issue 11)."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import CommuniqueError
from .kb import DATA_DIR

PETRARCH = Path("data") / "petrarch2"
PHOENIX = Path("data") / "actors" / "petrarch2"


@click.command("verbs")
@click.option("--shared", "shared", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared"),
              show_default=True, help="Folder holding data/petrarch2/ (CAMEO.2.0.txt, Phoenix.agents.txt) and data/actors/petrarch2/.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DATA_DIR,
              show_default=True, help="Folder to write cameo_verbs.json, cameo_agents.json and cameo_gazetteer.json to.")
def kb_verbs(shared: Path, out: Path) -> None:
    """Build the CAMEO verb dictionary, agent nouns and place and group names used by event coding.

    Example:

        communique kb verbs --shared ../shared
    """
    # late: building the dictionaries is rare, and every other command would pay for these imports
    from .agents import AGENTS_FILE, build_agents
    from .gazetteer import GAZETTEER_FILE, build_gazetteer
    from .verbdict import VERBS_FILE, build_verbs

    try:
        verbs = build_verbs(shared / PETRARCH / "CAMEO.2.0.txt", out / VERBS_FILE.name)
        agents = build_agents(shared / PETRARCH / "Phoenix.agents.txt", out / AGENTS_FILE.name)
        gazetteer = build_gazetteer(shared / PHOENIX / "Phoenix.Countries.actors.txt",
                                    shared / PHOENIX / "Phoenix.MilNonState.actors.txt", out / GAZETTEER_FILE.name)
    except CommuniqueError as exc:
        raise click.ClickException(str(exc)) from exc
    patterns = sum(len(block["patterns"]) for block in verbs["blocks"])
    click.echo(
        f"{out / VERBS_FILE.name}: {len(verbs['blocks'])} verb blocks, {len(verbs['verbs'])} verbs, {patterns} patterns, "
        f"{len(verbs['synsets'])} synonym sets; {out / AGENTS_FILE.name}: {len(agents['agents'])} agent nouns; "
        f"{out / GAZETTEER_FILE.name}: {len(gazetteer['places'])} place names, {len(gazetteer['groups'])} groups"
    )


def register(group: click.Group) -> None:
    """Add ``verbs`` to the ``kb`` command group."""
    group.add_command(kb_verbs)
