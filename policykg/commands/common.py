"""What every command group shares: the consoles, the graph store, JSON output.

Errors are :class:`~policykg.errors.PolicyKGError` and travel up to
``policykg.cli.main``, which prints them as one line on stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console

if TYPE_CHECKING:
    from policykg.graph.store import GraphStore

console = Console()
err = Console(stderr=True)

JsonOption = Annotated[bool, typer.Option("--json", help="print JSON instead of text")]


@contextmanager
def graph_store(start: bool = True) -> Iterator[GraphStore]:
    """The configured graph store (the embedded server is started when needed), closed after."""
    from policykg.graph.connect import open_store
    from policykg.settings import get_settings

    store = open_store(get_settings(), start=start)
    try:
        yield store
    finally:
        store.close()


def print_json(data: Any) -> None:
    """Print a response model, or plain data, as indented UTF-8 JSON on stdout."""
    if isinstance(data, BaseModel):
        text = data.model_dump_json(indent=2)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")
