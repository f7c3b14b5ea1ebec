"""Outline clauses: who implements each one, through which units, and how concretely."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.services.catalog import jurisdiction_names


def clauses(store: GraphStore, min_score: float = 0.0) -> list[dict[str, Any]]:
    """The outline's clauses in order, each with the jurisdictions implementing it."""
    implementing: dict[str, list[str]] = defaultdict(list)
    for row in store.read("list_implementations", min_score=min_score):
        implementing[row["clause_id"]].append(row["jurisdiction_id"])
    out = []
    for c in store.read("list_clauses"):
        c["key_terms"] = c["key_terms"] or []
        c["jurisdictions"] = sorted(implementing.get(c["id"], []))
        out.append(c)
    return out


def coverage(store: GraphStore, clause_id: str, min_score: float = 0.0) -> dict[str, Any]:
    """Which jurisdictions implement a clause, through which units, and whether they quantify it.

    A jurisdiction *quantifies* the clause when one of its units linked to the
    clause sets a target on an indicator that quantifies the clause
    (``(:Unit)-[:SETS]->(:Target)-[:ON_INDICATOR]->(:Indicator)-[:QUANTIFIES]->(:Clause)``);
    otherwise it only *restates* it.

    Args:
        store: the graph store.
        clause_id: an outline clause id, e.g. ``C10``.
        min_score: ignore clause links scored below this.

    Raises:
        NotFound: no clause has this id.
    """
    clause = next((c for c in store.read("list_clauses") if c["id"] == clause_id), None)
    if clause is None:
        raise NotFound(f"no clause with id {clause_id!r}")
    clause["key_terms"] = clause["key_terms"] or []
    names = jurisdiction_names(store)
    units: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.read("find_clause_units", clause_id=clause_id, min_score=min_score):
        units[row.pop("jurisdiction_id")].append(row)
    targets_by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.read("find_clause_targets", clause_id=clause_id):
        targets_by_unit[row.pop("unit_id")].append(row)
    implementing, missing = [], []
    for jid, name in names.items():
        if jid not in units:
            missing.append({"id": jid, "name": name})
            continue
        targets = [
            {**t, "unit_id": u["unit_id"]}
            for u in units[jid]
            for t in targets_by_unit.get(u["unit_id"], [])
        ]
        implementing.append(
            {
                "id": jid,
                "name": name,
                "mode": "quantifies" if targets else "restates",
                "best_score": max(u["score"] for u in units[jid]),
                "units": units[jid],
                "targets": targets,
            }
        )
    return {
        "clause": clause,
        "min_score": min_score,
        "implementing": implementing,
        "not_implementing": missing,
    }
