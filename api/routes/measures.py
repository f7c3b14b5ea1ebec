"""GET /measures: the measure ontology with adoption counts, and who adopts each measure."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from policykg import services
from policykg.api.deps import StoreDep
from policykg.api.routes._params import DEFAULT_LIMIT, Limit, Offset
from policykg.api.schemas import ERROR_RESPONSES, MeasureTreePublic
from policykg.services.models import AdoptersPublic, MeasurePublic

router = APIRouter(prefix="/measures", tags=["measures"])

MeasureKey = Annotated[
    str,
    Path(description="measure id or any label: 质押融资, 質押融資, pledge_financing, ..."),
]


@router.get("", response_model=MeasureTreePublic, responses=ERROR_RESPONSES)
def list_measures(
    store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, object]:
    """The ontology as a tree: categories, their measures, and how many jurisdictions adopt each."""
    return services.page(services.measures_tree(store), limit, offset)


@router.get("/{measure}", response_model=MeasurePublic, responses=ERROR_RESPONSES)
def get_measure(measure: MeasureKey, store: StoreDep) -> MeasurePublic:
    """One measure (by id or label): labels, definition, category, clauses served, adopters."""
    return services.measure(store, measure)


@router.get("/{measure}/adopters", response_model=AdoptersPublic, responses=ERROR_RESPONSES)
def get_adopters(measure: MeasureKey, store: StoreDep) -> AdoptersPublic:
    """Which jurisdictions adopt a measure (with evidence), only mention it, or do not."""
    return services.adopters(store, measure)
