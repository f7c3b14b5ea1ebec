"""Response models shared by the routes (``XPublic`` / ``XsPublic{data, count}``)."""

from __future__ import annotations

from pydantic import BaseModel, Field


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
