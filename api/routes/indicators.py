"""GET /indicators: canonical indicators and every target set on them."""

from __future__ import annotations

from fastapi import APIRouter

from policykg import services
from policykg.api.deps import StoreDep
from policykg.api.routes._params import DEFAULT_LIMIT, Limit, Offset
from policykg.api.schemas import ERROR_RESPONSES, IndicatorsPublic
from policykg.services.models import IndicatorPublic

router = APIRouter(prefix="/indicators", tags=["indicators"])


@router.get("", response_model=IndicatorsPublic, responses=ERROR_RESPONSES)
def list_indicators(
    store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, object]:
    """Canonical indicators with the clauses they quantify and how many plan targets use them."""
    return services.page(services.indicators(store), limit, offset)


@router.get("/{indicator_id}", response_model=IndicatorPublic, responses=ERROR_RESPONSES)
def get_indicator(indicator_id: str, store: StoreDep) -> IndicatorPublic:
    """Every plan target on an indicator, and the national outline's benchmark when it has one."""
    return services.indicator(store, indicator_id)
