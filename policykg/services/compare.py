"""Compare jurisdictions: shared and unique measures, clause coverage, targets, similarity."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.services.catalog import adopted_sets, check_jurisdictions, implemented_sets
from policykg.services.models import ComparePublic
from policykg.services.records import Mention, fetch_mentions
from policykg.services.similarity import jaccard


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
