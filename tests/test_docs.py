"""Docs that cannot rot: the README's command line section and settings table match the code.

The CLI reference is the app's own ``--help`` (regenerated, never edited); the
hand-written summary table may name only commands, options and choices the app
has, and must name every command.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import typer

from policykg.cli import app
from policykg.commands import reference
from policykg.exporters import FORMATS
from policykg.model import LEVELS
from policykg.settings import Settings

README_PATH = Path(__file__).resolve().parents[1] / "README.md"
README = README_PATH.read_text(encoding="utf-8")


def _section(start: str, end: str) -> str:
    return README[README.index(start) : README.index(end)]


def test_cli_reference_is_current() -> None:
    section = README[README.index(reference.START) : README.index(reference.END)]
    current = reference.render(app)
    assert section + reference.END == current, (
        f"README.md's CLI reference is out of date: run `{reference.REGENERATE}`"
    )


def test_reference_has_every_command_and_the_registries_choices() -> None:
    rendered = reference.render(app)
    for command in _commands():
        assert f"#### `policykg {command}`" in rendered
    assert "| `--format`, `-f` | " + "\\|".join(FORMATS) + " |" in rendered
    # choices come from the registries they describe, never from a copied list
    assert _choices(_option("export", "--format")) == set(FORMATS)
    assert _choices(_option("ingest", "--level")) == set(LEVELS)


def _option(command: str, name: str) -> Any:
    return next(p for p in _group().commands[command].params if name in p.opts)


# --- the hand-written summary table ------------------------------------------------------
def _group() -> Any:
    return typer.main.get_group(app)


def _commands() -> set[str]:
    out = set()
    for name, command in _group().commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            out |= {f"{name} {sub}" for sub in subcommands}
        else:
            out.add(name)
    return out


def _summary_lines() -> list[str]:
    """The summary block's command parts (the description starts after two spaces)."""
    section = _section("## Command line", "### Reference")
    start = section.index("```\n") + 4
    block = section[start : section.index("\n```", start)]
    return [re.split(r" {2,}", line)[0] for line in block.splitlines()]


def _choices(param: Any) -> set[str] | None:
    """The values a parameter accepts, when it is a choice (a Literal or an Enum)."""
    annotation = param.type_descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    if get_origin(annotation) is Literal:
        return {str(c) for c in get_args(annotation)}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return {str(c.value) for c in annotation}
    return None


def _check_line(line: str) -> list[str]:
    """What the summary line ``policykg NAME ...`` claims that the app does not have."""
    problems: list[str] = []
    tokens = line.split()
    assert tokens[0] == "policykg", tokens
    name = tokens[1]
    command = _group().commands.get(name)
    if command is None:
        return [f"no command {name!r}"]
    subcommands = getattr(command, "commands", None)
    if subcommands:
        listed = set(tokens[2].split("|"))
        if listed != set(subcommands):
            problems.append(f"{name}: lists {sorted(listed)}, the app has {sorted(subcommands)}")
        return problems
    options = {opt: p for p in command.params for opt in p.opts if opt.startswith("-")}
    arguments = [p for p in command.params if not any(o.startswith("-") for o in p.opts)]
    rest = [t.strip("[]") for t in tokens[2:]]
    for i, token in enumerate(rest):
        if token.startswith("-"):
            param = options.get(token)
            if param is None:
                problems.append(f"{name}: no option {token}")
                continue
            value = rest[i + 1] if i + 1 < len(rest) else ""
            if "|" in value and set(value.split("|")) != _choices(param):
                problems.append(
                    f"{name} {token}: lists {value}, the app has {sorted(_choices(param) or ())}"
                )
        elif "|" in token and not (i > 0 and rest[i - 1].startswith("-")):
            chosen = [_choices(p) for p in arguments if _choices(p)]
            if set(token.split("|")) not in chosen:
                problems.append(f"{name}: lists {token}, the app's choices are {chosen}")
    return problems


def test_summary_table_names_every_command() -> None:
    mentioned = set()
    for tokens in map(str.split, _summary_lines()):
        command = _group().commands.get(tokens[1])
        if getattr(command, "commands", None):
            mentioned |= {f"{tokens[1]} {sub}" for sub in tokens[2].split("|")}
        else:
            mentioned.add(tokens[1])
    missing = sorted(_commands() - mentioned)
    assert not missing, f"README's Command line table does not mention: {missing}"


def test_summary_table_names_only_real_options_and_choices() -> None:
    problems = [p for line in _summary_lines() for p in _check_line(line)]
    assert not problems, "README's Command line table: " + "; ".join(problems)


def test_summary_check_catches_a_wrong_format_list() -> None:
    # the table once promised formats the app refused; the check must see that
    claimed = "policykg export --format json|csv|turtle|jsonld|graphml|xml -o FILE"
    assert _check_line(claimed) == [
        f"export --format: lists json|csv|turtle|jsonld|graphml|xml, the app has {sorted(FORMATS)}"
    ]
    assert _check_line("policykg view overview|treemap")
    assert _check_line("policykg build --fast") == ["build: no option --fast"]
    assert _check_line("policykg db start|stop")


def test_readme_lists_every_setting() -> None:
    section = _section("## Configuration", "## Layout")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in section]
    assert not missing, f"README's Configuration table does not mention: {missing}"
