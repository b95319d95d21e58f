"""The README documents every command and every setting (docs kept true by tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.cli import cli
from communique.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_every_command_is_in_the_readme(command: str) -> None:
    assert f"communique {command}" in README


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_docs_every_setting_is_in_the_readme(setting: str) -> None:
    assert f"COMMUNIQUE_{setting.upper()}" in README


def test_docs_readme_opens_with_the_two_setup_commands() -> None:
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
