"""Query parameters several routers share (pagination, clause-link threshold)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from policykg.services.paging import DEFAULT_LIMIT, MAX_LIMIT

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
MinScore = Annotated[
    float,
    Query(ge=0.0, le=1.0, description="ignore clause links scored below this (0 = all links)"),
]

__all__ = ["DEFAULT_LIMIT", "Limit", "MinScore", "Offset"]
