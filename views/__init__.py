"""Interactive graph views: self-contained HTML pages drawn with vis-network.

Five views, each a pure builder over the subgraph a service returns
(:mod:`policykg.services.subgraphs`): overview (who adopts what), one measure,
one jurisdiction, one outline clause, and a comparison of two or more
jurisdictions. :func:`build_view` asks the service and builds;
:func:`render_view` returns the page. The API serves them under
``/views`` and ``policykg view`` writes them to files.
"""

from __future__ import annotations

from collections.abc import Sequence

from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.services import subgraphs
from policykg.views.builders import (
    VIEW_KINDS,
    View,
    build_clause_view,
    build_comparison,
    build_jurisdiction_view,
    build_measure_view,
    build_overview,
    node_id,
)
from policykg.views.render import render_html

__all__ = [
    "VIEW_KINDS",
    "View",
    "build_view",
    "node_id",
    "render_html",
    "render_view",
]


def build_view(store: GraphStore, kind: str, ids: Sequence[str] = ()) -> View:
    """Fetch the data of one view and build it.

    Args:
        store: the graph store.
        kind: one of :data:`VIEW_KINDS`.
        ids: nothing for the overview; one id for measure (an id or a label),
            jurisdiction and clause; two or more jurisdiction ids for compare.

    Raises:
        InvalidInput: an unknown kind or the wrong number of ids.
        NotFound: an id that names nothing in the graph.
    """
    ids = [i.strip() for i in ids if i and i.strip()]
    if kind not in VIEW_KINDS:
        raise InvalidInput(f"unknown view {kind!r}; choose one of {', '.join(VIEW_KINDS)}")
    if kind == "overview":
        if ids:
            raise InvalidInput("the overview takes no id")
        return build_overview(subgraphs.overview_data(store))
    if kind == "compare":
        return build_comparison(subgraphs.comparison_data(store, ids))
    if len(ids) != 1:
        raise InvalidInput(f"the {kind} view takes exactly one id")
    (ident,) = ids
    if kind == "measure":
        return build_measure_view(subgraphs.measure_data(store, ident))
    if kind == "jurisdiction":
        return build_jurisdiction_view(subgraphs.jurisdiction_data(store, ident))
    return build_clause_view(subgraphs.clause_data(store, ident.upper()))


def render_view(store: GraphStore, kind: str, ids: Sequence[str] = ()) -> str:
    """The HTML page of one view (see :func:`build_view` for the arguments)."""
    return render_html(build_view(store, kind, ids))
