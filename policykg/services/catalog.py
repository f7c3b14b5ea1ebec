"""Jurisdictions, plans (with their unit tree) and indicators, read from the graph."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.errors import NotFound
from policykg.graph.store import GraphStore


def _strip_none(items: list[Any] | None) -> list[Any]:
    # collect(CASE ... ELSE NULL END) leaves nulls on servers that keep them
    return [i for i in items or [] if i is not None]


def jurisdiction_stats(store: GraphStore, min_score: float = 0.0) -> dict[str, dict[str, Any]]:
    """Per jurisdiction: units by kind, measures adopted, clauses implemented, targets."""
    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"units": {}, "measures_adopted": 0, "clauses_implemented": 0, "targets": 0}
    )
    for row in store.read("count_units_by_kind"):
        stats[row["jurisdiction_id"]]["units"][row["kind"]] = int(row["count"])
    for row in store.read("list_adoptions"):
        stats[row["jurisdiction_id"]]["measures_adopted"] += 1
    for row in store.read("list_implementations", min_score=min_score):
        stats[row["jurisdiction_id"]]["clauses_implemented"] += 1
    for row in store.read("count_targets_by_jurisdiction"):
        stats[row["jurisdiction_id"]]["targets"] = int(row["count"])
    return stats


def jurisdictions(store: GraphStore) -> list[dict[str, Any]]:
    """Every jurisdiction with its plans and counts, ordered by id."""
    stats = jurisdiction_stats(store)
    out = []
    for row in store.read("list_jurisdictions"):
        row["documents"] = _strip_none(row["documents"])
        row["counts"] = stats[row["id"]]
        out.append(row)
    return out


def jurisdiction_names(store: GraphStore) -> dict[str, str]:
    """Jurisdiction id -> name, ordered by id."""
    return {r["id"]: r["name"] for r in store.read("list_jurisdiction_names")}


def jurisdiction(store: GraphStore, jurisdiction_id: str) -> dict[str, Any]:
    """One jurisdiction with its plans and counts.

    Raises:
        NotFound: no jurisdiction has this id.
    """
    for row in jurisdictions(store):
        if row["id"] == jurisdiction_id:
            return row
    raise NotFound(f"no jurisdiction with id {jurisdiction_id!r}")


def check_jurisdictions(store: GraphStore, ids: list[str]) -> dict[str, str]:
    """Names of ``ids``; raise NotFound naming every id that does not exist."""
    names = jurisdiction_names(store)
    unknown = [i for i in ids if i not in names]
    if unknown:
        raise NotFound(
            f"no jurisdiction with id {', '.join(repr(u) for u in unknown)}",
            detail={"unknown": unknown, "known": sorted(names)},
        )
    return {i: names[i] for i in ids}


def documents(store: GraphStore, jurisdiction_id: str | None = None) -> list[dict[str, Any]]:
    """Every plan (optionally of one jurisdiction) with its unit and target counts."""
    rows = store.read("list_documents")
    if jurisdiction_id is not None:
        check_jurisdictions(store, [jurisdiction_id])
        rows = [r for r in rows if r["jurisdiction_id"] == jurisdiction_id]
    for r in rows:
        r["issuers"] = r["issuers"] or []
    return rows


def unit_tree(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nest unit rows under their parents (rows in document order; roots returned).

    A unit whose parent is not among the rows becomes a root rather than being
    lost, so a partially written tree still shows every unit.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        r["measures"] = _strip_none(r["measures"])
        r["clauses"] = _strip_none(r["clauses"])
        r["agencies"] = r["agencies"] or []
        r["path"] = r["path"] or []
        r["children"] = []
        by_id[r["id"]] = r
    roots: list[dict[str, Any]] = []
    for r in rows:
        parent = by_id.get(r["parent_id"] or "")
        (parent["children"] if parent is not None else roots).append(r)
    return roots


def document(store: GraphStore, document_id: str) -> dict[str, Any]:
    """One plan: metadata, citations and the nested unit tree.

    Raises:
        NotFound: no plan has this id.
    """
    rows = store.read("get_document", document_id=document_id)
    if not rows:
        raise NotFound(f"no document with id {document_id!r}")
    doc = rows[0]
    doc["citations"] = _strip_none(doc["citations"])
    doc["issuers"] = doc["issuers"] or []
    doc["warnings"] = doc["warnings"] or []
    units = store.read("list_document_units", document_id=document_id)
    doc["unit_count"] = len(units)
    doc["units"] = unit_tree(units)
    return doc


def indicators(store: GraphStore) -> list[dict[str, Any]]:
    """The canonical indicators with the clauses they quantify and their target counts."""
    return store.read("list_indicators")


def indicator(store: GraphStore, indicator_id: str) -> dict[str, Any]:
    """One indicator: every plan target on it and the national outline's benchmark.

    Raises:
        NotFound: no indicator has this id.
    """
    rows = store.read("get_indicator", indicator_id=indicator_id)
    if not rows:
        raise NotFound(f"no indicator with id {indicator_id!r}")
    out = rows[0]
    targets = store.read("list_targets", indicator_id=indicator_id)
    out["targets"] = [t for t in targets if t["scope"] != "national"]
    out["national"] = [t for t in targets if t["scope"] == "national"]
    return out
