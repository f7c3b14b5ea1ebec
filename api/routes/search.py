"""GET /search: full-text search over plan units, in simplified or traditional script."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from policykg import services
from policykg.api.deps import StoreDep
from policykg.api.routes._params import DEFAULT_LIMIT, Limit, Offset
from policykg.api.schemas import ERROR_RESPONSES, SearchPublic
from policykg.services.search import MAX_QUERY_CHARS, normalise_query

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchPublic, responses=ERROR_RESPONSES)
def search_units(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="text to find")],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, object]:
    """Units whose heading or text contains q, with the matching sentences and their offsets."""
    key = normalise_query(q)
    return {**services.page(services.search(store, q), limit, offset), "q": key}
