"""Similarity of plans: adopted-measure sets and outline-clause coverage.

Jaccard and cosine (:mod:`policykg.services.similarity`) are computed on
binary jurisdiction × item sets. Binary,
not counts of units, because the plans are segmented very differently (21
numbered items in Guangxi, hundreds of sentences elsewhere): how *often* a plan
names a measure says more about its layout than about its policy.

Administrative level matters when comparing plans (a province writes for
cities, a city for districts), so the report ranks neighbours both across all
levels and within the jurisdiction's own level, and says when a level has a
single plan and so no within-level peer.
"""

from __future__ import annotations

from itertools import combinations
from statistics import mean

import numpy as np

from policykg.analytics.data import AnalyticsData
from policykg.analytics.models import (
    Basis,
    JurisdictionWithLevel,
    LevelGroup,
    Metric,
    MostSimilar,
    Neighbour,
    PairSimilarity,
    SetComparison,
    SimilarityReport,
)
from policykg.errors import InvalidInput
from policykg.services.similarity import cosine, jaccard, nearest


def score_matrix(
    report: SimilarityReport, basis: Basis | None = None, metric: Metric | None = None
) -> tuple[list[str], np.ndarray]:
    """The report's pairwise scores as a symmetric matrix (for heatmaps).

    Args:
        report: a :func:`similarity` report.
        basis: measures or clauses; the report's own when None.
        metric: jaccard or cosine; the report's own when None.

    Returns:
        Jurisdiction ids (sorted) and the matrix; the diagonal is 1.
    """
    basis = basis or report.basis
    metric = metric or report.metric
    names = sorted(j.id for j in report.jurisdictions)
    index = {n: i for i, n in enumerate(names)}
    m = np.eye(len(names))
    for p in report.pairs:
        value = getattr(getattr(p, basis), metric)
        m[index[p.a], index[p.b]] = m[index[p.b], index[p.a]] = value
    return names, m


def _compare(a: set[str], b: set[str]) -> SetComparison:
    return SetComparison(
        jaccard=round(jaccard(a, b), 4),
        cosine=round(cosine(a, b), 4),
        shared=sorted(a & b),
        only_a=sorted(a - b),
        only_b=sorted(b - a),
    )


def similarity(
    data: AnalyticsData, basis: Basis = "measures", metric: Metric = "jaccard", top: int = 3
) -> SimilarityReport:
    """Compare every pair of jurisdictions and rank each one's most similar plans.

    Args:
        data: the analytics snapshot.
        basis: rank by adopted measures or by covered outline clauses (both are
            reported for every pair).
        metric: rank by ``jaccard`` or ``cosine``.
        top: how many neighbours to list per jurisdiction.

    Raises:
        InvalidInput: an unknown basis or metric, or ``top`` < 1.
    """
    if basis not in ("measures", "clauses"):
        raise InvalidInput(f"basis must be 'measures' or 'clauses', not {basis!r}")
    if metric not in ("jaccard", "cosine"):
        raise InvalidInput(f"metric must be 'jaccard' or 'cosine', not {metric!r}")
    if top < 1:
        raise InvalidInput("top must be at least 1")
    js = data.jurisdictions
    measures = {j: data.adopted(j) for j in js}
    clauses = {j: data.covered(j) for j in js}
    pairs: list[PairSimilarity] = []
    score: dict[tuple[str, str], float] = {}
    for a, b in combinations(sorted(js), 2):
        pair = PairSimilarity(
            a=a,
            b=b,
            same_level=js[a].level == js[b].level,
            measures=_compare(measures[a], measures[b]),
            clauses=_compare(clauses[a], clauses[b]),
        )
        pairs.append(pair)
        value = getattr(getattr(pair, basis), metric)
        score[(a, b)] = score[(b, a)] = value
    pairs.sort(key=lambda p: (-getattr(getattr(p, basis), metric), p.a, p.b))

    by_level: dict[str, list[str]] = {}
    for j in sorted(js):
        by_level.setdefault(js[j].level, []).append(j)

    sets = measures if basis == "measures" else clauses
    most: list[MostSimilar] = []
    for j in sorted(js):
        ranked = [
            Neighbour(
                jurisdiction=o.id,
                score=round(o.score(metric), 4),
                same_level=js[o.id].level == js[j].level,
            )
            for o in nearest(sets, j, metric)
        ]
        within = [n for n in ranked if n.same_level]
        note = None
        if not within:
            note = f"{j} is the only {js[j].level} plan in the graph: no within-level comparison"
        most.append(
            MostSimilar(
                jurisdiction=j,
                level=js[j].level,
                overall=ranked[:top],
                within_level=within[:top],
                note=note,
            )
        )

    levels: list[LevelGroup] = []
    notes: list[str] = []
    for level, members in sorted(by_level.items()):
        within_scores = [score[(a, b)] for a, b in combinations(members, 2)]
        levels.append(
            LevelGroup(
                level=level,
                jurisdictions=members,
                within_level_pairs=len(within_scores),
                mean_score=round(mean(within_scores), 4) if within_scores else None,
            )
        )
    paired = [g for g in levels if g.within_level_pairs]
    single = [g for g in levels if not g.within_level_pairs]
    if single:
        notes.append(
            "within-level pairs exist only for "
            + (", ".join(f"{g.level} ({', '.join(g.jurisdictions)})" for g in paired) or "no level")
            + "; "
            + ", ".join(f"{g.level} has one plan ({g.jurisdictions[0]})" for g in single)
            + ", so those are compared across levels only"
        )
    across = [score[(p.a, p.b)] for p in pairs if not p.same_level]
    return SimilarityReport(
        basis=basis,
        metric=metric,
        jurisdictions=[
            JurisdictionWithLevel(id=j.id, name=j.name, level=j.level) for j in js.values()
        ],
        pairs=pairs,
        most_similar=most,
        levels=levels,
        across_level_mean=round(mean(across), 4) if across else None,
        notes=notes,
    )
