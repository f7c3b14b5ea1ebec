"""GET /export: the dataset, exactly as ``policykg export`` writes it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from policykg.api.deps import StoreDep
from policykg.api.schemas import ERROR_RESPONSES
from policykg.exporters import FORMATS, export_bytes

router = APIRouter(tags=["export"])


@router.get(
    "/export",
    response_class=Response,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "the dataset in the requested format (json = policykg-export/1)",
            "content": {media.split(";")[0]: {} for media, _ in FORMATS.values()},
        },
    },
)
def export_dataset(
    store: StoreDep,
    format: Annotated[str, Query(description=f"one of: {', '.join(FORMATS)}")] = "json",
) -> Response:
    """Download the whole dataset read back from the graph (json contract, csv, ...)."""
    data = export_bytes(store, format)  # InvalidInput (422) for a format not in FORMATS
    media_type = FORMATS[format][0]
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="policykg-export.{format}"'},
    )
