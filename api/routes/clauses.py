"""GET /clauses: the national outline's clauses and who implements each one."""

from __future__ import annotations

from fastapi import APIRouter

from policykg import services
from policykg.api.deps import StoreDep
from policykg.api.routes._params import DEFAULT_LIMIT, Limit, MinScore, Offset
from policykg.api.schemas import ERROR_RESPONSES, ClausesPublic
from policykg.services.models import CoveragePublic

router = APIRouter(prefix="/clauses", tags=["clauses"])


@router.get("", response_model=ClausesPublic, responses=ERROR_RESPONSES)
def list_clauses(
    store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0, min_score: MinScore = 0.0
) -> dict[str, object]:
    """The outline's clauses in order, each with the jurisdictions that implement it."""
    return services.page(services.clauses(store, min_score), limit, offset)


@router.get("/{clause_id}/coverage", response_model=CoveragePublic, responses=ERROR_RESPONSES)
def get_coverage(clause_id: str, store: StoreDep, min_score: MinScore = 0.0) -> CoveragePublic:
    """Who implements a clause, through which units, and whether they quantify or restate it."""
    return services.coverage(store, clause_id, min_score)
