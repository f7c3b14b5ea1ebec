"""Compare jurisdictions: shared and unique measures, clause coverage, targets, similarity."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from itertools import combinations
from typing import Any, Literal

from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore
from policykg.services.catalog import (
    adopted_sets,
    check_jurisdictions,
    implemented_sets,
    jurisdiction_names,
)
from policykg.services.models import (
    CategoryNode,
    ComparePublic,
    MatrixColumn,
    MatrixPublic,
    MatrixRow,
    MeasureColumn,
    MeasureMatrix,
)
from policykg.services.records import Mention, fetch_jurisdictions, fetch_mentions
from policykg.services.similarity import jaccard

MatrixBy = Literal["measure", "clause"]


def distinct_ids(ids: Sequence[str]) -> list[str]:
    """The ids asked for, in order, without repeats or blanks.

    ``j=hohhot,ningbo`` and ``j=hohhot&j=ningbo`` mean the same.
    """
    parts = (p.strip() for i in ids for p in (i or "").split(","))
    return list(dict.fromkeys(p for p in parts if p))


def check_compare_ids(store: GraphStore, ids: Sequence[str]) -> dict[str, str]:
    """The names of the jurisdictions a comparison asks for, in the order asked.

    Raises:
        InvalidInput: fewer than two distinct ids.
        NotFound: an id names no jurisdiction (every unknown one is named).
    """
    wanted = distinct_ids(ids)
    if len(wanted) < 2:
        raise InvalidInput(
            "compare needs at least two distinct jurisdiction ids", detail={"given": list(ids)}
        )
    return check_jurisdictions(store, wanted)


def compare(store: GraphStore, ids: Sequence[str], min_score: float = 0.0) -> ComparePublic:
    """Compare two or more jurisdictions side by side.

    Returns shared measures (adopted by all), measures unique to each, clause
    coverage per clause (implementing unit counts), targets per canonical
    indicator (with the national benchmark), and Jaccard similarity of the
    adopted-measure sets, pairwise and overall (intersection of all over union
    of all).

    Raises:
        InvalidInput: fewer than two distinct ids.
        NotFound: an id names no jurisdiction.
    """
    names = check_compare_ids(store, ids)
    wanted = list(names)
    adopted = adopted_sets(store, wanted)
    sets = {j: set(adopted.get(j, {})) for j in wanted}
    measures = {m["id"]: m for m in store.read("list_measures")}

    def label(mid: str) -> dict[str, Any]:
        m = measures.get(mid, {})
        return {
            "id": mid,
            "label_zh": m.get("label_zh"),
            "label_en": m.get("label_en"),
            "category": m.get("category"),
        }

    shared = set.intersection(*sets.values())
    union = set.union(*sets.values())
    unique = {
        j: [label(m) for m in sorted(s - set.union(set(), *(sets[o] for o in wanted if o != j)))]
        for j, s in sets.items()
    }

    implemented = implemented_sets(store, min_score, wanted)
    clause_rows = []
    for c in store.read("list_clauses"):
        units = {j: implemented.get(j, {}).get(c["id"], 0) for j in wanted}
        clause_rows.append(
            {
                "id": c["id"],
                "title": c["title"],
                "chapter": c["chapter"],
                "units": units,
                "all": all(n > 0 for n in units.values()),
            }
        )

    by_indicator: dict[str, dict[str, Any]] = {}
    indicator_info = {i["id"]: i for i in store.read("list_indicators")}
    targets = store.read("list_targets_of", ids=wanted)
    for t in targets:
        if t["scope"] != "national" and t["jurisdiction_id"] in names:
            info = indicator_info.get(t["indicator"], {})
            entry = by_indicator.setdefault(
                t["indicator"],
                {
                    "indicator": t["indicator"],
                    "label_zh": info.get("label_zh"),
                    "unit": info.get("unit"),
                    "national": [],
                    "values": {j: [] for j in wanted},
                },
            )
            entry["values"][t["jurisdiction_id"]].append(t)
    for t in targets:
        if t["scope"] == "national" and t["indicator"] in by_indicator:
            by_indicator[t["indicator"]]["national"].append(t)

    scores = {(a, b): jaccard(sets[a], sets[b]) for a, b in combinations(wanted, 2)}
    pairwise = [
        {
            "a": a,
            "b": b,
            "jaccard": round(score, 4),
            "shared": len(sets[a] & sets[b]),
            "union": len(sets[a] | sets[b]),
        }
        for (a, b), score in scores.items()
    ]
    return ComparePublic.model_validate(
        {
            "jurisdictions": [{"id": j, "name": names[j], "adopted": len(sets[j])} for j in wanted],
            "shared_measures": [label(m) for m in sorted(shared)],
            "unique_measures": unique,
            "clauses": clause_rows,
            "targets": [by_indicator[k] for k in sorted(by_indicator)],
            "similarity": {
                "pairwise": pairwise,
                "overall": round(len(shared) / len(union), 4) if union else 0.0,
                "mean_pairwise": round(sum(scores.values()) / len(scores), 4),
            },
            "min_score": min_score,
        }
    )


def adoption_evidence(
    store: GraphStore, jurisdiction_ids: Sequence[str]
) -> dict[tuple[str, str], list[Mention]]:
    """(jurisdiction id, measure id) -> the adopting mentions, in plan order."""
    out: dict[tuple[str, str], list[Mention]] = {}
    for m in fetch_mentions(store, jurisdiction_ids):
        out.setdefault((m.jurisdiction_id, m.measure_id), []).append(m)
    return out


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
