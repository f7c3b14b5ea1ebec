"""``policykg export``: the dataset read back from the graph, in any registered format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from policykg.commands.common import console, graph_store
from policykg.exporters import FORMATS

if TYPE_CHECKING:
    ExportFormat = str
else:
    # typer offers a Literal's values as the choices: taken from the exporters'
    # registry, so a new format is offered here as soon as it is registered.
    ExportFormat = Literal[tuple(FORMATS)]


def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="file (default stdout)")
    ] = None,
) -> None:
    """Export the dataset read back from the graph (json is the policykg-export/1 contract)."""
    from policykg.exporters import export_bytes

    with graph_store() as store:
        data = export_bytes(store, format)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        console.print(f"wrote {output} ({len(data)} bytes, {format})", soft_wrap=True)
