"""Compare jurisdictions: shared and unique measures, clause coverage, targets, similarity."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from itertools import combinations
from typing import Any, Literal

from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.services.catalog import check_jurisdictions, jurisdiction_names

MatrixBy = Literal["measure", "clause"]


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0.0 when both are empty (nothing adopted is no evidence of likeness)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def adopted_sets(store: GraphStore, ids: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Jurisdiction id -> {measure id: number of adopting units} (only ``ids`` if given)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = store.read("list_adoptions_of", ids=ids) if ids else store.read("list_adoptions")
    for row in rows:
        out[row["jurisdiction_id"]][row["measure_id"]] = int(row["units"])
    return out


def implemented_sets(
    store: GraphStore, min_score: float, ids: list[str] | None = None
) -> dict[str, dict[str, int]]:
    """Jurisdiction id -> {clause id: implementing units at or above min_score} (``ids`` only)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        store.read("list_implementations_of", ids=ids, min_score=min_score)
        if ids
        else store.read("list_implementations", min_score=min_score)
    )
    for row in rows:
        out[row["jurisdiction_id"]][row["clause_id"]] = int(row["units"])
    return out


def _distinct(ids: list[str]) -> list[str]:
    # "j=hohhot,ningbo" and "j=hohhot&j=ningbo" mean the same
    parts = (p.strip() for i in ids for p in (i or "").split(","))
    wanted = list(dict.fromkeys(p for p in parts if p))
    if len(wanted) < 2:
        raise InvalidInput(
            "compare needs at least two distinct jurisdiction ids", detail={"given": ids}
        )
    return wanted


def compare(store: GraphStore, ids: list[str], min_score: float = 0.0) -> dict[str, Any]:
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
    wanted = _distinct(ids)
    names = check_jurisdictions(store, wanted)
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
    return {
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


def matrix(store: GraphStore, by: MatrixBy = "measure", min_score: float = 0.0) -> dict[str, Any]:
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
    return {"by": by, "min_score": min_score, "columns": columns, "rows": rows}


def matrix_csv(data: dict[str, Any], cell: Literal["adopted", "units"] = "adopted") -> bytes:
    """The matrix as CSV: one header row, one row per jurisdiction, UTF-8 with a BOM.

    Args:
        data: what :func:`matrix` returned.
        cell: ``adopted`` writes 1/0, ``units`` the number of units.
    """
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["jurisdiction_id", "jurisdiction_name", *(c["id"] for c in data["columns"])])
    for row in data["rows"]:
        writer.writerow([row["id"], row["name"], *(c[cell] for c in row["cells"])])
    # BOM so that Excel, which many policy researchers use, reads it as UTF-8
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
