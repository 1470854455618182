"""Every command has help with an Example: line and appears in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from socialmap.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def _commands(group: click.Group, prefix: str = ""):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # includes the entry-point commands (bench, synth)
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


COMMANDS = list(_commands(cli))


def test_there_are_commands():
    assert {"init-db", "import", "stats", "export", "demo", "synth"} <= {n for n, _ in COMMANDS}


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help_with_example(name, command):
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert command.help and "Example:" in command.help


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_is_in_readme(name, command):
    assert f"socialmap {name}" in README or f"`{name}`" in README, name
