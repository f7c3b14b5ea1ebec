"""What the comparative analytics read from the graph, in one snapshot.

Every analysis (similarity, diffusion, networks, gaps) starts from an
:class:`AnalyticsData` read with a handful of named queries, so the numbers an
analyst sees are what the graph holds, never the parser's memory. A
jurisdiction *adopts* a measure when at least one unit of one of its plans
mentions the measure with ``adoption = true``; it *covers* an outline clause
when at least one of its units has an ``IMPLEMENTS`` link to the clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from policykg.errors import NotFound
from policykg.graph.store import GraphStore


@dataclass(frozen=True)
class PlanInfo:
    """One plan (Document) of a jurisdiction, with the date diffusion orders by."""

    document_id: str
    title: str | None
    issued_on: date | None
    published_on: date | None
    status: str | None


@dataclass(frozen=True)
class JurisdictionInfo:
    """A jurisdiction and its plans (usually one)."""

    id: str
    name: str
    level: str
    province: str | None
    plans: tuple[PlanInfo, ...]

    def plan(self, document_id: str) -> PlanInfo:
        for p in self.plans:
            if p.document_id == document_id:
                return p
        raise KeyError(document_id)


@dataclass(frozen=True)
class MeasureInfo:
    """A measure of the ontology as the graph stores it."""

    id: str
    label_zh: str
    label_en: str
    category: str | None
    core: bool
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class ClauseInfo:
    """A clause of the national outline."""

    id: str
    title: str
    chapter: str | None


@dataclass(frozen=True)
class UnitEvidence:
    """The unit (and, for measures, the sentence) behind an adoption or a clause link."""

    document_id: str
    unit_id: str
    heading: str | None
    sentence: str | None = None
    evidence: str | None = None
    score: float | None = None


@dataclass
class AnalyticsData:
    """Jurisdictions, measures, clauses, adoptions and clause coverage from the graph."""

    jurisdictions: dict[str, JurisdictionInfo]
    measures: dict[str, MeasureInfo]
    clauses: dict[str, ClauseInfo]
    #: jurisdiction id -> measure id -> adopting units, in plan order
    adoptions: dict[str, dict[str, list[UnitEvidence]]] = field(default_factory=dict)
    #: jurisdiction id -> clause id -> implementing units, in plan order
    coverage: dict[str, dict[str, list[UnitEvidence]]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: GraphStore) -> AnalyticsData:
        """Read the snapshot with the ``analytics_*`` and ``export_*`` named queries."""
        plans: dict[str, list[PlanInfo]] = {}
        heads: dict[str, dict[str, str | None]] = {}
        for row in store.read("analytics_plans"):
            jid = row["jurisdiction_id"]
            heads[jid] = {k: row[k] for k in ("name", "level", "province")}
            plans.setdefault(jid, []).append(
                PlanInfo(
                    document_id=row["document_id"],
                    title=row["title"],
                    issued_on=_date(row["issued_on"]),
                    published_on=_date(row["published_on"]),
                    status=row["status"],
                )
            )
        jurisdictions = {
            jid: JurisdictionInfo(
                id=jid,
                name=str(heads[jid]["name"] or jid),
                level=str(heads[jid]["level"] or "unknown"),
                province=heads[jid]["province"],
                plans=tuple(ps),
            )
            for jid, ps in sorted(plans.items())
        }
        measures = {
            r["id"]: MeasureInfo(
                id=r["id"],
                label_zh=r["label_zh"] or r["id"],
                label_en=r["label_en"] or r["id"],
                category=r["category"],
                core=bool(r["core"]),
                clauses=tuple(c for c in r["clauses"] if c),
            )
            for r in store.read("export_measures")
        }
        clauses = {
            r["id"]: ClauseInfo(id=r["id"], title=r["title"] or r["id"], chapter=r["chapter"])
            for r in store.read("export_clauses")
        }
        data = cls(jurisdictions, measures, clauses)
        for r in store.read("analytics_adoptions"):
            data.adoptions.setdefault(r["jurisdiction_id"], {}).setdefault(
                r["measure_id"], []
            ).append(
                UnitEvidence(
                    document_id=r["document_id"],
                    unit_id=r["unit_id"],
                    heading=r["heading"],
                    sentence=r["sentence"],
                    evidence=r["evidence"],
                )
            )
        for r in store.read("analytics_clause_links"):
            data.coverage.setdefault(r["jurisdiction_id"], {}).setdefault(
                r["clause_id"], []
            ).append(
                UnitEvidence(
                    document_id=r["document_id"],
                    unit_id=r["unit_id"],
                    heading=r["heading"],
                    score=None if r["score"] is None else float(r["score"]),
                )
            )
        return data

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


def _date(value: object) -> date | None:
    """An ISO date string (or a driver date) as a ``date``; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    to_native = getattr(value, "to_native", None)  # neo4j.time.Date
    if callable(to_native):
        native = to_native()
        return native if isinstance(native, date) else None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
