"""GET /jurisdictions: the jurisdictions, their plans and what the plans contain."""

from __future__ import annotations

from fastapi import APIRouter

from policykg import services
from policykg.api.deps import StoreDep
from policykg.api.routes._params import DEFAULT_LIMIT, Limit, Offset
from policykg.api.schemas import ERROR_RESPONSES, JurisdictionsPublic
from policykg.services.models import JurisdictionPublic

router = APIRouter(prefix="/jurisdictions", tags=["jurisdictions"])


@router.get("", response_model=JurisdictionsPublic, responses=ERROR_RESPONSES)
def list_jurisdictions(
    store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, object]:
    """List jurisdictions with their plans and counts of units, measures, clauses and targets."""
    return services.page(services.jurisdictions(store), limit, offset)


@router.get("/{jurisdiction_id}", response_model=JurisdictionPublic, responses=ERROR_RESPONSES)
def get_jurisdiction(jurisdiction_id: str, store: StoreDep) -> JurisdictionPublic:
    """One jurisdiction: level, province, plans, and counts of what its plans contain."""
    return services.jurisdiction(store, jurisdiction_id)
