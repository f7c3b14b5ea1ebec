"""The jurisdiction × measure (or clause) matrix: the API's, the matrix page's, as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal

from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore
from policykg.services.catalog import adopted_sets, implemented_sets, jurisdiction_names
from policykg.services.models import (
    CategoryNode,
    MatrixColumn,
    MatrixPublic,
    MatrixRow,
    MeasureColumn,
    MeasureMatrix,
)
from policykg.services.records import fetch_jurisdictions

MatrixBy = Literal["measure", "clause"]


def matrix(store: GraphStore, by: MatrixBy = "measure", min_score: float = 0.0) -> MatrixPublic:
    """Jurisdiction × measure (or clause) matrix: 1/0 and the unit count per cell.

    Columns are every measure of the ontology (or every clause of the outline),
    so absent adoption shows as 0 rather than as a missing column.
    """
    if by == "measure":
        columns = [{"id": m["id"], "label": m["label_zh"]} for m in store.read("list_measures")]
        counts = adopted_sets(store)
    elif by == "clause":
        columns = [{"id": c["id"], "label": c["title"]} for c in store.read("list_clauses")]
        counts = implemented_sets(store, min_score)
    else:
        raise InvalidInput(f"unknown matrix axis {by!r}; use measure or clause")
    rows = []
    for jid, name in jurisdiction_names(store).items():
        have = counts.get(jid, {})
        rows.append(
            {
                "id": jid,
                "name": name,
                "cells": [
                    {"adopted": 1 if have.get(col["id"]) else 0, "units": have.get(col["id"], 0)}
                    for col in columns
                ],
            }
        )
    return MatrixPublic.model_validate(
        {"by": by, "min_score": min_score, "columns": columns, "rows": rows}
    )


def measure_matrix(
    store: GraphStore,
    tree: list[CategoryNode],
    category: str | None = None,
    level: str | None = None,
) -> MeasureMatrix:
    """The jurisdiction × measure matrix, keeping measures of one category and/or one level.

    Columns follow the measure tree (a category's measures sit together) and
    carry the measure's labels, category and adopter count.

    Args:
        store: the graph store.
        tree: what :func:`policykg.services.measures_tree` returned (passed in
            because the caller shows it too).
        category: keep only measures of this category (all when None or empty).
        level: keep only jurisdictions of this level (all when None or empty).

    Raises:
        NotFound: no category or no jurisdiction level has this id.
    """
    levels = {j.id: j.level for j in fetch_jurisdictions(store)}
    categories = {c.id for c in tree}
    if category and category not in categories:
        raise NotFound(f"no measure category {category!r}", detail={"known": sorted(categories)})
    if level and level not in levels.values():
        known = sorted(set(levels.values()))
        raise NotFound(f"no jurisdiction level {level!r}", detail={"known": known})
    data = matrix(store, "measure")
    nodes = {m.id: (m, c.id) for c in tree for m in c.measures}
    keep = [
        i
        for i, col in enumerate(data.columns)
        if not category or (col.id in nodes and nodes[col.id][1] == category)
    ]
    # the measure tree's order (by category), so a category's measures sit together
    position = {mid: n for n, mid in enumerate(nodes)}
    keep.sort(key=lambda i: position.get(data.columns[i].id, len(position)))
    columns = []
    for i in keep:
        col = data.columns[i]
        node, node_category = nodes.get(col.id, (None, None))
        columns.append(
            MeasureColumn(
                **col.model_dump(),
                **(node.model_dump(exclude={"id"}) if node else {}),
                category=node_category,
            )
        )
    rows = [
        MatrixRow(id=r.id, name=r.name, cells=[r.cells[i] for i in keep])
        for r in data.rows
        if not level or levels.get(r.id) == level
    ]
    return MeasureMatrix(
        levels=sorted(set(levels.values())),
        category=category or None,
        level=level or None,
        columns=columns,
        rows=rows,
    )


def matrix_csv(
    columns: Sequence[MatrixColumn],
    rows: Sequence[MatrixRow],
    cell: Literal["adopted", "units"] = "adopted",
) -> bytes:
    """A matrix as CSV: one header row, one row per jurisdiction, UTF-8 with a BOM.

    Args:
        columns: the matrix's columns (of :func:`matrix` or :func:`measure_matrix`).
        rows: its rows, one cell per column.
        cell: ``adopted`` writes 1/0, ``units`` the number of units.
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["jurisdiction_id", "jurisdiction_name", *(c.id for c in columns)])
    for row in rows:
        writer.writerow([row.id, row.name, *(getattr(c, cell) for c in row.cells)])
    # BOM so that Excel, which many policy researchers use, reads it as UTF-8
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
