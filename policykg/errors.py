"""One error root for the whole project, and one JSON shape for all of them.

Driver, rdflib and parser errors are wrapped where they enter our code
(``raise ... from e``) so callers catch :class:`PolicyKGError` and nothing else.
The API turns every one into ``{"error": {"code", "message", "detail"}}``.
Every error class of the project is defined here. A programming error (a
query name that does not exist) is not one of them: it stays a plain Python
exception, so the API logs it with its traceback and answers 500.
"""

from __future__ import annotations

from typing import Any


def error_body(code: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The JSON shape of every error the API returns (also for its own 404s and 422s)."""
    return {"error": {"code": code, "message": message, "detail": detail}}


class PolicyKGError(Exception):
    """Root of every error this project raises on purpose."""

    code = "error"
    status = 500

    def __init__(self, message: str, *, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def to_dict(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.detail)


class NotFound(PolicyKGError):
    """A jurisdiction, document, measure, clause or indicator id that does not exist."""

    code = "not_found"
    status = 404


class InvalidInput(PolicyKGError):
    """Input that cannot be used: a bad parameter, an unreadable plan, a bad manifest."""

    code = "invalid_input"
    status = 422


class PayloadTooLarge(InvalidInput):
    """An upload or file over the configured size limit (refused before it is read whole)."""

    code = "payload_too_large"
    status = 413


class Unauthorized(PolicyKGError):
    """A write without a valid API key."""

    code = "unauthorized"
    status = 401


class GraphUnavailable(PolicyKGError):
    """The graph server cannot be reached, or did not answer in time."""

    code = "graph_unavailable"
    status = 503


class ConfigError(PolicyKGError):
    """Settings that cannot work (a default secret outside development, a bad path...)."""

    code = "config_error"
    status = 500


class OntologyError(PolicyKGError):
    """The measure ontology or the outline reference data is malformed."""

    code = "ontology_error"
    status = 500


class QueryFailed(PolicyKGError):
    """The server rejected a named query (a bug, or a constraint violation)."""

    code = "query_failed"
    status = 500


class ExportInvalid(PolicyKGError):
    """The graph's content does not satisfy the export contract (a bug)."""

    code = "export_invalid"
    status = 500
