"""``policykg view KIND [ID...] -o FILE.html``: write an interactive graph view.

The page is the one the API serves under ``/views``: self-contained (the
vis-network script is inlined), so the file opens offline.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from policykg.commands.common import graph_store
from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.views import VIEW_KINDS, render_view

if TYPE_CHECKING:
    ViewKind = str
else:
    # typer offers a Literal's values as the choices: the views' own registry
    ViewKind = Literal[VIEW_KINDS]


def write_view(store: GraphStore, kind: str, ids: Sequence[str], output: Path | None) -> str:
    """Render a view and write it to ``output`` (stdout when None); return the HTML.

    Raises:
        InvalidInput: a bad kind, wrong number of ids, or an unwritable file.
        NotFound: an id that names nothing in the graph.
    """
    html = render_view(store, kind, ids)
    if output is None:
        sys.stdout.write(html)
        return html
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(html, encoding="utf-8")
    except OSError as e:
        raise InvalidInput(f"cannot write {output}: {e.strerror or e}") from e
    return html


def view_cmd(
    kind: Annotated[ViewKind, typer.Argument(help="which view")],
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="measure id or label / jurisdiction id / clause id; "
            "two or more jurisdiction ids for compare; none for overview",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="HTML file to write (default: stdout)"),
    ] = None,
) -> None:
    """Write an interactive graph view as one self-contained HTML file."""
    with graph_store() as store:
        write_view(store, kind, ids or [], output)
    if output is not None:
        typer.echo(f"wrote {output}", err=True)
