"""GET /compare and GET /matrix: jurisdictions side by side."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from policykg import services
from policykg.api.deps import StoreDep
from policykg.api.routes._params import MinScore
from policykg.api.schemas import ERROR_RESPONSES
from policykg.services.models import ComparePublic, MatrixPublic

router = APIRouter(tags=["compare"])


@router.get("/compare", response_model=ComparePublic, responses=ERROR_RESPONSES)
def compare_jurisdictions(
    store: StoreDep,
    j: Annotated[
        list[str], Query(description="jurisdiction ids, two or more (repeat j, or comma-separate)")
    ],
    min_score: MinScore = 0.0,
) -> ComparePublic:
    """Shared and unique measures, clause coverage, targets and similarity of 2+ jurisdictions."""
    return services.compare(store, j, min_score)


@router.get(
    "/matrix",
    response_model=MatrixPublic,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "the matrix as JSON, or as CSV (UTF-8 with BOM) with format=csv",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def get_matrix(
    store: StoreDep,
    by: Annotated[Literal["measure", "clause"], Query(description="columns")] = "measure",
    format: Annotated[Literal["json", "csv"], Query(description="json | csv")] = "json",
    cell: Annotated[
        Literal["adopted", "units"], Query(description="CSV cells: 1/0, or unit counts")
    ] = "adopted",
    min_score: MinScore = 0.0,
) -> object:
    """Jurisdiction × measure (or clause) matrix: 1/0 and unit count per cell; JSON or CSV."""
    data = services.matrix(store, by, min_score)
    if format == "csv":
        return Response(
            services.matrix_csv(data.columns, data.rows, cell),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="policykg-matrix-{by}.csv"'},
        )
    return data
