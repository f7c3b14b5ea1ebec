"""One error root for the whole project, and one JSON shape for all of them.

Driver, rdflib and parser errors are wrapped where they enter our code
(``raise ... from e``) so callers catch :class:`PolicyKGError` and nothing else.
The API turns every one into ``{"error": {"code", "message", "detail"}}``.
"""

from __future__ import annotations

from typing import Any


class PolicyKGError(Exception):
    """Root of every error this project raises on purpose."""

    code = "error"
    status = 500

    def __init__(self, message: str, *, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def to_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "detail": self.detail}}


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
