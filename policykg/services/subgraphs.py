"""The part of the graph each graph view draws, as typed records.

The view builders (:mod:`policykg.views.builders`) are pure functions of these
results, so they are tested on hand-made data without a server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.services.clauses import serving_measures
from policykg.services.compare import check_compare_ids
from policykg.services.lookup import resolve_measure
from policykg.services.records import (
    ClauseInfo,
    Implementation,
    JurisdictionInfo,
    MeasureInfo,
    Mention,
    TargetInfo,
    fetch_clauses,
    fetch_implementations,
    fetch_jurisdiction,
    fetch_jurisdictions,
    fetch_measures,
    fetch_mentions,
    fetch_targets,
)


@dataclass(frozen=True)
class OverviewData:
    jurisdictions: list[JurisdictionInfo]
    measures: list[MeasureInfo]
    mentions: list[Mention]  # adopting mentions only


@dataclass(frozen=True)
class MeasureData:
    measure: MeasureInfo
    jurisdictions: list[JurisdictionInfo]
    mentions: list[Mention]  # adopting and non-adopting


@dataclass(frozen=True)
class JurisdictionData:
    jurisdiction: JurisdictionInfo
    measures: list[MeasureInfo]
    mentions: list[Mention]  # adopting mentions only
    clauses: list[ClauseInfo]  # every outline clause
    implementations: list[Implementation]
    targets: list[TargetInfo]


@dataclass(frozen=True)
class ClauseData:
    clause: ClauseInfo
    jurisdictions: list[JurisdictionInfo]
    implementations: list[Implementation]
    measures: list[MeasureInfo] = field(default_factory=list)  # measures serving the clause


@dataclass(frozen=True)
class ComparisonData:
    jurisdictions: list[JurisdictionInfo]  # in the order asked for
    measures: list[MeasureInfo]
    mentions: list[Mention]  # adopting mentions only


def overview_data(store: GraphStore) -> OverviewData:
    """Every jurisdiction, every adopted measure and the adopting mentions."""
    mentions = fetch_mentions(store)
    return OverviewData(
        jurisdictions=fetch_jurisdictions(store),
        measures=fetch_measures(store, {m.measure_id for m in mentions}),
        mentions=mentions,
    )


def measure_data(store: GraphStore, text: str) -> MeasureData:
    """One measure (by id or any label), every unit that mentions it, and their jurisdictions.

    Raises:
        NotFound: no measure has this id or label in the graph.
    """
    measure_id = resolve_measure(store, text)
    measures = fetch_measures(store, [measure_id])
    if not measures:
        raise NotFound(f"no measure with id {measure_id!r}")
    mentions = fetch_mentions(store, measure_ids=[measure_id], adoption_only=False)
    ids = sorted({m.jurisdiction_id for m in mentions})
    return MeasureData(
        measure=measures[0],
        jurisdictions=fetch_jurisdictions(store, ids) if ids else [],
        mentions=mentions,
    )


def jurisdiction_data(store: GraphStore, jurisdiction_id: str) -> JurisdictionData:
    """One jurisdiction's documents, adoptions, clause links and targets.

    Raises:
        NotFound: no jurisdiction has this id.
    """
    jurisdiction = fetch_jurisdiction(store, jurisdiction_id)
    mentions = fetch_mentions(store, [jurisdiction_id])
    return JurisdictionData(
        jurisdiction=jurisdiction,
        measures=fetch_measures(store, {m.measure_id for m in mentions}),
        mentions=mentions,
        clauses=fetch_clauses(store),
        implementations=fetch_implementations(store, [jurisdiction_id]),
        targets=fetch_targets(store, [jurisdiction_id]),
    )


def clause_data(store: GraphStore, clause_id: str) -> ClauseData:
    """One outline clause, the units that implement it and their jurisdictions.

    Raises:
        NotFound: no clause has this id.
    """
    clauses = fetch_clauses(store, [clause_id])
    if not clauses:
        raise NotFound(f"no outline clause with id {clause_id!r}")
    implementations = fetch_implementations(store, clause_ids=[clause_id])
    ids = sorted({i.jurisdiction_id for i in implementations})
    return ClauseData(
        clause=clauses[0],
        jurisdictions=fetch_jurisdictions(store, ids) if ids else [],
        implementations=implementations,
        measures=serving_measures(store, clause_id),
    )


def comparison_data(store: GraphStore, jurisdiction_ids: Sequence[str]) -> ComparisonData:
    """Two or more jurisdictions and what they adopt.

    Raises:
        InvalidInput: fewer than two distinct ids.
        NotFound: an id names no jurisdiction.
    """
    ids = list(check_compare_ids(store, jurisdiction_ids))
    found = {j.id: j for j in fetch_jurisdictions(store, ids)}
    mentions = fetch_mentions(store, ids)
    return ComparisonData(
        jurisdictions=[found[i] for i in ids],
        measures=fetch_measures(store, {m.measure_id for m in mentions}),
        mentions=mentions,
    )
