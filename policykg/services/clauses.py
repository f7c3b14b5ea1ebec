"""Outline clauses: who implements each one, through which units, and how concretely."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.services.catalog import implemented_sets, jurisdiction_names
from policykg.services.models import ClausePublic, CoveragePublic
from policykg.services.records import MeasureInfo, fetch_measures


def clauses(store: GraphStore, min_score: float = 0.0) -> list[ClausePublic]:
    """The outline's clauses in order, each with the jurisdictions implementing it."""
    implementing: dict[str, list[str]] = defaultdict(list)
    for jid, clause_ids in implemented_sets(store, min_score).items():
        for cid in clause_ids:
            implementing[cid].append(jid)
    return [
        ClausePublic.model_validate(
            {
                **c,
                "key_terms": c["key_terms"] or [],
                "jurisdictions": sorted(implementing.get(c["id"], [])),
            }
        )
        for c in store.read("list_clauses")
    ]


def serving_measures(store: GraphStore, clause_id: str) -> list[MeasureInfo]:
    """The measures of the ontology that serve an outline clause, by id."""
    return [m for m in fetch_measures(store) if clause_id in {c.id for c in m.clauses}]


def coverage(store: GraphStore, clause_id: str, min_score: float = 0.0) -> CoveragePublic:
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
    return CoveragePublic.model_validate(
        {
            "clause": clause,
            "min_score": min_score,
            "implementing": implementing,
            "not_implementing": missing,
        }
    )
