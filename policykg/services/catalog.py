"""Jurisdictions, plans (with their unit tree) and indicators, read from the graph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.services.models import (
    DocumentPublic,
    DocumentSummaryPublic,
    IndicatorPublic,
    IndicatorSummaryPublic,
    JurisdictionPublic,
)
from policykg.services.records import TargetInfo, fetch_targets


def strip_none(items: list[Any] | None) -> list[Any]:
    """``items`` without the nulls ``collect(CASE ... ELSE NULL END)`` leaves on some servers."""
    return [i for i in items or [] if i is not None]


def adopted_sets(store: GraphStore, ids: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
    """Jurisdiction id -> {measure id: number of adopting units} (only ``ids`` if given)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = store.read("list_adoptions_of", ids=list(ids)) if ids else store.read("list_adoptions")
    for row in rows:
        out[row["jurisdiction_id"]][row["measure_id"]] = int(row["units"])
    return out


def implemented_sets(
    store: GraphStore, min_score: float, ids: Sequence[str] | None = None
) -> dict[str, dict[str, int]]:
    """Jurisdiction id -> {clause id: implementing units at or above min_score} (``ids`` only)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        store.read("list_implementations_of", ids=list(ids), min_score=min_score)
        if ids
        else store.read("list_implementations", min_score=min_score)
    )
    for row in rows:
        out[row["jurisdiction_id"]][row["clause_id"]] = int(row["units"])
    return out


def _stats(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Per jurisdiction: units by kind, measures adopted, clauses implemented, targets."""
    stats: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"units": {}, "measures_adopted": 0, "clauses_implemented": 0, "targets": 0}
    )
    for row in store.read("count_units_by_kind"):
        stats[row["jurisdiction_id"]]["units"][row["kind"]] = int(row["count"])
    for jid, measures in adopted_sets(store).items():
        stats[jid]["measures_adopted"] = len(measures)
    for jid, clauses in implemented_sets(store, 0.0).items():
        stats[jid]["clauses_implemented"] = len(clauses)
    for row in store.read("count_targets_by_jurisdiction"):
        stats[row["jurisdiction_id"]]["targets"] = int(row["count"])
    return stats


def jurisdictions(store: GraphStore) -> list[JurisdictionPublic]:
    """Every jurisdiction with its plans and counts, ordered by id."""
    stats = _stats(store)
    return [
        JurisdictionPublic.model_validate(
            {**row, "documents": strip_none(row["documents"]), "counts": stats[row["id"]]}
        )
        for row in store.read("list_jurisdictions")
    ]


def jurisdiction_names(store: GraphStore) -> dict[str, str]:
    """Jurisdiction id -> name, ordered by id."""
    return {r["id"]: r["name"] for r in store.read("list_jurisdiction_names")}


def jurisdiction(store: GraphStore, jurisdiction_id: str) -> JurisdictionPublic:
    """One jurisdiction with its plans and counts.

    Raises:
        NotFound: no jurisdiction has this id.
    """
    for j in jurisdictions(store):
        if j.id == jurisdiction_id:
            return j
    raise NotFound(f"no jurisdiction with id {jurisdiction_id!r}")


def check_jurisdictions(store: GraphStore, ids: Sequence[str]) -> dict[str, str]:
    """Names of ``ids``, in their order; raise NotFound naming every id that does not exist."""
    names = jurisdiction_names(store)
    unknown = [i for i in ids if i not in names]
    if unknown:
        raise NotFound(
            f"no jurisdiction with id {', '.join(repr(u) for u in unknown)}",
            detail={"unknown": unknown, "known": sorted(names)},
        )
    return {i: names[i] for i in ids}


def documents(store: GraphStore, jurisdiction_id: str | None = None) -> list[DocumentSummaryPublic]:
    """Every plan (optionally of one jurisdiction) with its unit and target counts."""
    rows = store.read("list_documents")
    if jurisdiction_id is not None:
        check_jurisdictions(store, [jurisdiction_id])
        rows = [r for r in rows if r["jurisdiction_id"] == jurisdiction_id]
    return [
        DocumentSummaryPublic.model_validate({**r, "issuers": r["issuers"] or []}) for r in rows
    ]


def _unit_tree(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nest unit rows under their parents (rows in document order; roots returned).

    A unit whose parent is not among the rows becomes a root rather than being
    lost, so a partially written tree still shows every unit.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        r["measures"] = strip_none(r["measures"])
        r["clauses"] = strip_none(r["clauses"])
        r["agencies"] = r["agencies"] or []
        r["path"] = r["path"] or []
        r["children"] = []
        by_id[r["id"]] = r
    roots: list[dict[str, Any]] = []
    for r in rows:
        parent = by_id.get(r["parent_id"] or "")
        (parent["children"] if parent is not None else roots).append(r)
    return roots


def document(store: GraphStore, document_id: str) -> DocumentPublic:
    """One plan: metadata, citations and the nested unit tree.

    Raises:
        NotFound: no plan has this id.
    """
    rows = store.read("get_document", document_id=document_id)
    if not rows:
        raise NotFound(f"no document with id {document_id!r}")
    doc = rows[0]
    units = store.read("list_document_units", document_id=document_id)
    versions = store.read("list_document_versions", jurisdiction_id=doc["jurisdiction"]["id"])
    return DocumentPublic.model_validate(
        {
            **doc,
            "citations": strip_none(doc["citations"]),
            "issuers": doc["issuers"] or [],
            "warnings": doc["warnings"] or [],
            "versions": plan_versions(document_id, versions),
            "unit_count": len(units),
            "units": _unit_tree(units),
        }
    )


def plan_versions(document_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The versions of one plan among a jurisdiction's documents, oldest first.

    A superseded document points at its plan's current version, so a plan's
    versions are that current document and every document pointing at it.
    """
    by_id = {r["id"]: r for r in rows}
    if document_id not in by_id:
        return []
    head = by_id[document_id].get("superseded_by") or document_id
    chain = [r for r in rows if r["id"] == head or r.get("superseded_by") == head]
    return sorted(
        chain,
        key=lambda r: (
            r["id"] == head,  # the current version last, whatever its dates say
            str(r.get("issued_on") or r.get("published_on") or ""),
            r.get("status") != "draft",
            r["id"],
        ),
    )


def jurisdiction_targets(store: GraphStore, jurisdiction_id: str) -> list[TargetInfo]:
    """A jurisdiction's plan targets on canonical indicators, by indicator then target id."""
    targets = [t for t in fetch_targets(store, [jurisdiction_id]) if t.indicator is not None]
    return sorted(targets, key=lambda t: (t.indicator or "", t.id))


def indicators(store: GraphStore) -> list[IndicatorSummaryPublic]:
    """The canonical indicators with the clauses they quantify and their target counts."""
    return [IndicatorSummaryPublic.model_validate(r) for r in store.read("list_indicators")]


def indicator(store: GraphStore, indicator_id: str) -> IndicatorPublic:
    """One indicator: every plan target on it and the national outline's benchmark.

    Raises:
        NotFound: no indicator has this id.
    """
    rows = store.read("get_indicator", indicator_id=indicator_id)
    if not rows:
        raise NotFound(f"no indicator with id {indicator_id!r}")
    targets = store.read("list_targets", indicator_id=indicator_id)
    return IndicatorPublic.model_validate(
        {
            **rows[0],
            "targets": [t for t in targets if t["scope"] != "national"],
            "national": [t for t in targets if t["scope"] == "national"],
        }
    )
