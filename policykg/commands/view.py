"""``policykg view KIND [ID...] -o FILE.html``: write an interactive graph view.

The page is the one the API serves under ``/views``: self-contained (the
vis-network script is inlined), so the file opens offline. Register with
``app.command("view")(view_cmd)`` in ``policykg.cli``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.views import render_view


class ViewKind(StrEnum):
    overview = "overview"
    measure = "measure"
    jurisdiction = "jurisdiction"
    clause = "clause"
    compare = "compare"


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
    from policykg.graph.connect import open_store
    from policykg.settings import get_settings

    store = open_store(get_settings())
    try:
        write_view(store, kind.value, ids or [], output)
    finally:
        store.close()
    if output is not None:
        typer.echo(f"wrote {output}", err=True)
