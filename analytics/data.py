"""What the comparative analytics work on: one snapshot of the graph's records.

Every analysis (similarity, diffusion, networks, gaps) starts from an
:class:`AnalyticsData` built from the records :mod:`policykg.services.records`
reads, so the numbers an analyst sees are what the graph holds, never the
parser's memory. A jurisdiction *adopts* a measure when at least one unit of
one of its plans mentions the measure with ``adoption = true``; it *covers*
an outline clause when at least one of its units has an ``IMPLEMENTS`` link to
the clause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.services.records import (
    ClauseInfo,
    Implementation,
    JurisdictionInfo,
    MeasureInfo,
    Mention,
    fetch_clauses,
    fetch_implementations,
    fetch_jurisdictions,
    fetch_measures,
    fetch_mentions,
)


@dataclass
class AnalyticsData:
    """Jurisdictions, measures, clauses, adoptions and clause coverage of the graph."""

    #: jurisdictions with at least one plan, by id
    jurisdictions: dict[str, JurisdictionInfo]
    measures: dict[str, MeasureInfo]
    clauses: dict[str, ClauseInfo]
    #: jurisdiction id -> measure id -> adopting mentions, in plan order
    adoptions: dict[str, dict[str, list[Mention]]] = field(default_factory=dict)
    #: jurisdiction id -> clause id -> implementing units, in plan order
    coverage: dict[str, dict[str, list[Implementation]]] = field(default_factory=dict)

    @classmethod
    def from_records(
        cls,
        jurisdictions: Iterable[JurisdictionInfo],
        measures: Iterable[MeasureInfo],
        clauses: Iterable[ClauseInfo],
        mentions: Iterable[Mention] = (),
        implementations: Iterable[Implementation] = (),
    ) -> AnalyticsData:
        """Group the records; adopting mentions only count as adoptions."""
        data = cls(
            # a jurisdiction without a plan has nothing to compare
            {j.id: j for j in jurisdictions if j.documents},
            {m.id: m for m in measures},
            {c.id: c for c in clauses},
        )
        for m in mentions:
            if m.adoption:
                data.adoptions.setdefault(m.jurisdiction_id, {}).setdefault(
                    m.measure_id, []
                ).append(m)
        for i in implementations:
            data.coverage.setdefault(i.jurisdiction_id, {}).setdefault(i.clause_id, []).append(i)
        return data

    @classmethod
    def from_store(cls, store: GraphStore) -> AnalyticsData:
        """The snapshot of the whole graph, read through the services."""
        return cls.from_records(
            fetch_jurisdictions(store),
            fetch_measures(store),
            fetch_clauses(store),
            fetch_mentions(store, adoption_only=True),
            fetch_implementations(store),
        )

    # --- lookups ---------------------------------------------------------------
    def jurisdiction(self, jurisdiction_id: str) -> JurisdictionInfo:
        """The jurisdiction with this id.

        Raises:
            NotFound: no plan of this jurisdiction is in the graph.
        """
        try:
            return self.jurisdictions[jurisdiction_id]
        except KeyError:
            known = ", ".join(self.jurisdictions) or "none"
            raise NotFound(
                f"no jurisdiction {jurisdiction_id!r} in the graph (known: {known})"
            ) from None

    def measure(self, measure_id: str) -> MeasureInfo:
        """The measure with this id.

        Raises:
            NotFound: the ontology in the graph has no such measure.
        """
        try:
            return self.measures[measure_id]
        except KeyError:
            raise NotFound(f"no measure {measure_id!r} in the graph") from None

    def adopted(self, jurisdiction_id: str) -> set[str]:
        """Ids of the measures the jurisdiction adopts."""
        return set(self.adoptions.get(jurisdiction_id, {}))

    def covered(self, jurisdiction_id: str) -> set[str]:
        """Ids of the outline clauses at least one of its units implements."""
        return set(self.coverage.get(jurisdiction_id, {}))

    def adopters(self, measure_id: str) -> list[str]:
        """Jurisdictions that adopt the measure, sorted by id."""
        return sorted(j for j, ms in self.adoptions.items() if measure_id in ms)
