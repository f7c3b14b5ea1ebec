"""How alike two jurisdictions' sets are (adopted measures, covered clauses).

The one place set similarity is computed: the compare answer, the
jurisdiction page's "most similar" list and the analytics' similarity report
all score and rank with these functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Literal

from policykg.graph.store import GraphStore
from policykg.services.catalog import adopted_sets, jurisdiction_names

Metric = Literal["jaccard", "cosine"]


def jaccard(a: Set[str], b: Set[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0.0 when both are empty (nothing adopted is no evidence of likeness)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def cosine(a: Set[str], b: Set[str]) -> float:
    """|a ∩ b| / sqrt(|a|·|b|) of the sets as binary vectors; 0.0 when one is empty."""
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Overlap:
    """One other jurisdiction's set against a jurisdiction's own."""

    id: str
    jaccard: float
    cosine: float
    shared: int
    union: int

    def score(self, metric: Metric) -> float:
        return self.jaccard if metric == "jaccard" else self.cosine


def nearest(
    sets: Mapping[str, Set[str]], jurisdiction_id: str, metric: Metric = "jaccard"
) -> list[Overlap]:
    """Every other jurisdiction of ``sets``, most similar to ``jurisdiction_id`` first.

    Ties are broken by id, so the order is stable.
    """
    mine = sets.get(jurisdiction_id, set())
    out = [
        Overlap(
            id=other,
            jaccard=jaccard(mine, theirs),
            cosine=cosine(mine, theirs),
            shared=len(mine & theirs),
            union=len(mine | theirs),
        )
        for other, theirs in sets.items()
        if other != jurisdiction_id
    ]
    return sorted(out, key=lambda o: (-o.score(metric), o.id))


@dataclass(frozen=True)
class SimilarJurisdiction:
    id: str
    name: str
    jaccard: float
    shared: int
    union: int


def similar_jurisdictions(store: GraphStore, jurisdiction_id: str) -> list[SimilarJurisdiction]:
    """Every other jurisdiction by Jaccard similarity of adopted measures, most similar first."""
    names = jurisdiction_names(store)
    adopted = adopted_sets(store)
    sets = {j: set(adopted.get(j, {})) for j in names}
    return [
        SimilarJurisdiction(
            id=o.id, name=names[o.id], jaccard=o.jaccard, shared=o.shared, union=o.union
        )
        for o in nearest(sets, jurisdiction_id)
    ]
