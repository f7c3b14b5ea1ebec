"""Response models of the API itself: errors, health, pages of items, the ingest receipt.

The answers' own models (``XPublic``) are what :mod:`policykg.services` returns
(:mod:`policykg.services.models`); here they are only wrapped in pages
(``XsPublic{data, count, limit, offset}``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from policykg.services.models import (
    CategoryNode,
    ClausePublic,
    DocumentSummaryPublic,
    IndicatorSummaryPublic,
    JurisdictionPublic,
    SearchHit,
)


class ErrorDetail(BaseModel):
    code: str = Field(description="machine-readable error code, e.g. not_found")
    message: str = Field(description="what went wrong, for a human")
    detail: object | None = None


class ErrorPublic(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


class ServerPublic(BaseModel):
    kind: str = Field(description="neo4j | arcadedb | unknown")
    version: str
    agent: str


class HealthPublic(BaseModel):
    status: str = Field(description="ok")
    server: ServerPublic
    database: str
    version: str = Field(description="PolicyKG version")


#: responses every route may give besides its success body
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorPublic, "description": "unknown id"},
    422: {"model": ErrorPublic, "description": "bad parameter"},
    503: {"model": ErrorPublic, "description": "graph server unavailable"},
}


# --- pagination ----------------------------------------------------------------------
class _Page(BaseModel):
    count: int = Field(description="total number of items, all pages")
    limit: int = Field(description="page size asked for")
    offset: int = Field(description="items skipped")


class JurisdictionsPublic(_Page):
    data: list[JurisdictionPublic]


class DocumentsPublic(_Page):
    data: list[DocumentSummaryPublic]


class MeasureTreePublic(_Page):
    data: list[CategoryNode] = Field(description="categories, each with its measures")


class ClausesPublic(_Page):
    data: list[ClausePublic]


class IndicatorsPublic(_Page):
    data: list[IndicatorSummaryPublic]


class SearchPublic(_Page):
    q: str = Field(description="the query as matched (simplified, lower-case)")
    data: list[SearchHit]


# --- documents ----------------------------------------------------------------------------
class DocumentIngestPublic(BaseModel):
    """The receipt of an ingested plan."""

    id: str
    jurisdiction_id: str
    title: str | None = None
    units: dict[str, int] = Field(description="units by kind")
    targets: int
    measures_adopted: int
    clauses_linked: int
    warnings: list[str]
    source_format: str = Field(description="text | html | pdf | docx, told from the bytes")
    source_url: str | None = Field(default=None, description="where it was fetched from")
    sha256: str = Field(description="SHA-256 of the uploaded bytes (the id derives from it)")
    outcome: str = Field(
        description="created | updated (written again: other fields) | unchanged (status 200)"
    )
    superseded_by: str | None = Field(
        default=None, description="the current version that supersedes it, if one does"
    )
    supersedes: list[str] = Field(description="earlier versions it supersedes")
