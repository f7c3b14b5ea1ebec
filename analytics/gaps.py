"""Gap analysis: what a jurisdiction's plans leave out.

Two kinds of gap, each with the evidence a reader needs to judge it:

* outline clauses no unit of its plans implements (with the peers that do
  implement them and their units);
* core measures (``Measure.core``, the project's reference list) its peers
  adopt and it does not, with those peers and the units that adopt them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from policykg.analytics.data import AnalyticsData
from policykg.analytics.diffusion import evidence_public
from policykg.analytics.models import (
    ClauseGap,
    GapReport,
    JurisdictionWithLevel,
    MeasureGap,
    PeerEvidence,
)
from policykg.errors import InvalidInput
from policykg.services.records import Implementation, Mention


def _peer_evidence(
    peers: Iterable[str],
    by_peer: Mapping[str, Mapping[str, Sequence[Mention | Implementation]]],
    item: str,
) -> list[PeerEvidence]:
    return [
        PeerEvidence(jurisdiction=p, units=[evidence_public(e) for e in by_peer[p][item]])
        for p in peers
        if item in by_peer.get(p, {})
    ]


def gaps(data: AnalyticsData, jurisdiction_id: str, peers: list[str] | None = None) -> GapReport:
    """Outline clauses and peer-adopted core measures missing from a jurisdiction's plans.

    Args:
        data: the analytics snapshot.
        jurisdiction_id: whose plans to examine.
        peers: the jurisdictions to compare with; every other one when None.

    Raises:
        NotFound: the jurisdiction is not in the graph.
        InvalidInput: a peer is unknown, or is the jurisdiction itself.
    """
    j = data.jurisdiction(jurisdiction_id)
    if peers is None:
        peer_ids = [p for p in data.jurisdictions if p != j.id]
    else:
        unknown = [p for p in peers if p not in data.jurisdictions or p == j.id]
        if unknown:
            raise InvalidInput(f"not a peer of {j.id}: {', '.join(unknown)}")
        peer_ids = sorted(set(peers))

    covered = data.covered(j.id)
    missing_clauses = [
        ClauseGap(
            clause=c.id,
            title=c.title,
            chapter=c.chapter,
            peers=_peer_evidence(peer_ids, data.coverage, c.id),
        )
        for c in sorted(data.clauses.values(), key=lambda c: c.id)
        if c.id not in covered
    ]

    adopted = data.adopted(j.id)
    core = sorted(m.id for m in data.measures.values() if m.core)
    missing_measures: list[MeasureGap] = []
    nobody: list[str] = []
    for mid in core:
        if mid in adopted:
            continue
        evidence = _peer_evidence(peer_ids, data.adoptions, mid)
        if not evidence:
            nobody.append(mid)
            continue
        m = data.measure(mid)
        missing_measures.append(
            MeasureGap(
                measure=mid,
                label_zh=m.label_zh,
                label_en=m.label_en,
                category=m.category_id,
                peers=evidence,
            )
        )
    # the gaps most peers agree on first
    missing_measures.sort(key=lambda g: (-len(g.peers), g.measure))

    notes = []
    if not j.documents:
        notes.append(f"{j.id} has no plan in the graph")
    if not covered:
        notes.append(f"no unit of {j.id} is linked to any outline clause")
    return GapReport(
        jurisdiction=JurisdictionWithLevel(id=j.id, name=j.name, level=j.level),
        documents=[p.id for p in j.documents],
        peers=peer_ids,
        clauses_total=len(data.clauses),
        clauses_covered=len(covered & set(data.clauses)),
        missing_clauses=missing_clauses,
        core_measures_total=len(core),
        core_measures_adopted=len(adopted & set(core)),
        missing_core_measures=missing_measures,
        core_measures_nobody_adopts=nobody,
        notes=notes,
    )
