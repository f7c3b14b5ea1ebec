"""Docs that cannot rot: the README lists every CLI command and every setting."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from policykg.cli import app
from policykg.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(typer_app: typer.Typer) -> set[str]:
    group = typer.main.get_group(typer_app)
    out = set()
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            out |= {f"{name} {sub}" for sub in subcommands}
        else:
            out.add(name)
    return out


def test_readme_lists_every_cli_command() -> None:
    section = README[README.index("## Command line") : README.index("## Configuration")]
    missing = []
    for command in sorted(_commands(app)):
        group, _, sub = command.partition(" ")
        # "policykg db start|stop|status" covers "db start"
        pattern = rf"policykg {group}\b" + (rf"[^\n]*\b{sub}\b" if sub else "")
        if not re.search(pattern, section):
            missing.append(command)
    assert not missing, f"README's Command line section does not mention: {missing}"


def test_readme_lists_every_setting() -> None:
    section = README[README.index("## Configuration") : README.index("## Layout")]
    missing = [name for name in Settings.model_fields if f"`{name}`" not in section]
    assert not missing, f"README's Configuration table does not mention: {missing}"
