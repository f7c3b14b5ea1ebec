"""Diffusion of measures: who adopted each one first, who followed.

Plans are ordered by their issue date (``Document.issued_on``). A plan without
one (the Heyuan capture has no date) cannot be placed: it goes last and is
flagged, and a measure it adopts gets ``order_uncertain`` because that plan may
well have come first. A jurisdiction with several plans counts from the
earliest dated plan that adopts the measure.
"""

from __future__ import annotations

from datetime import date

from policykg.analytics.data import AnalyticsData
from policykg.analytics.models import (
    AdopterPublic,
    DiffusionReport,
    EvidencePublic,
    LocalInnovation,
    MeasureDiffusion,
    PlanDate,
)
from policykg.services.records import DocumentInfo, Implementation, JurisdictionInfo, Mention

_LAST = date.max


def evidence_public(e: Mention | Implementation) -> EvidencePublic:
    """The public form of a unit behind a finding (a measure's sentence, a clause link's score)."""
    if isinstance(e, Mention):
        return EvidencePublic(
            document_id=e.unit.document_id,
            unit_id=e.unit.id,
            heading=e.unit.heading,
            sentence=e.sentence,
            evidence=e.evidence,
        )
    return EvidencePublic(
        document_id=e.unit.document_id, unit_id=e.unit.id, heading=e.unit.heading, score=e.score
    )


def _plan_key(plan: DocumentInfo) -> tuple[date, str]:
    return (plan.issued_date or _LAST, plan.id)


def _adopter(j: JurisdictionInfo, evidence: list[Mention]) -> AdopterPublic:
    plans = sorted({j.document(e.unit.document_id) for e in evidence}, key=_plan_key)
    first = plans[0]
    return AdopterPublic(
        jurisdiction=j.id,
        name=j.name,
        level=j.level,
        document_id=first.id,
        issued_on=first.issued_date,
        undated=first.issued_date is None,
        evidence=[evidence_public(e) for e in evidence if e.unit.document_id == first.id],
    )


def measure_diffusion(data: AnalyticsData, measure_id: str) -> MeasureDiffusion:
    """The adopters of one measure in issue-date order, with their evidence.

    Raises:
        NotFound: the measure is not in the graph.
    """
    m = data.measure(measure_id)
    adopters = [
        _adopter(data.jurisdictions[j], data.adoptions[j][measure_id])
        for j in data.adopters(measure_id)
    ]
    adopters.sort(key=lambda a: (a.issued_on or _LAST, a.jurisdiction))
    dated = [a.jurisdiction for a in adopters if not a.undated]
    undated = [a.jurisdiction for a in adopters if a.undated]
    return MeasureDiffusion(
        measure=m.id,
        label_zh=m.label_zh,
        label_en=m.label_en,
        category=m.category_id,
        core=m.core,
        adopter_count=len(adopters),
        adopters=adopters,
        first_adopter=dated[0] if dated else None,
        followers=dated[1:],
        undated_adopters=undated,
        order_uncertain=bool(undated) and len(adopters) > 1,
        local_innovation=len(adopters) == 1,
    )


def diffusion(data: AnalyticsData, measure_id: str | None = None) -> DiffusionReport:
    """Diffusion of every adopted measure (or of one), local innovations, undated plans.

    Args:
        data: the analytics snapshot.
        measure_id: restrict the report to this measure.

    Raises:
        NotFound: ``measure_id`` is not in the graph.
    """
    plans = sorted(
        ((j, p) for j in data.jurisdictions.values() for p in j.documents),
        key=lambda jp: (*_plan_key(jp[1]), jp[0].id),
    )
    timeline = [
        PlanDate(
            jurisdiction=j.id,
            document_id=p.id,
            issued_on=p.issued_date,
            undated=p.issued_date is None,
        )
        for j, p in plans
    ]
    adopted = sorted({m for ms in data.adoptions.values() for m in ms})
    wanted = [data.measure(measure_id).id] if measure_id else adopted
    measures = [measure_diffusion(data, m) for m in wanted if m in adopted]
    if measure_id and not measures:
        measures = [measure_diffusion(data, measure_id)]  # a measure nobody adopts: empty
    # the most widely adopted first; ties by id so the order is stable
    measures.sort(key=lambda d: (-d.adopter_count, d.measure))
    local = [
        LocalInnovation(
            measure=d.measure, label_zh=d.label_zh, jurisdiction=d.adopters[0].jurisdiction
        )
        for d in measures
        if d.local_innovation
    ]
    notes = [
        f"{t.jurisdiction}: plan {t.document_id} has no issue date; it is ordered last and "
        "any measure it adopts may have started there"
        for t in timeline
        if t.undated
    ]
    return DiffusionReport(
        timeline=timeline,
        measures=measures,
        local_innovations=local,
        never_adopted=[] if measure_id else sorted(set(data.measures) - set(adopted)),
        notes=notes,
    )
