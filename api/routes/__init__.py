"""All API routers, in the order they appear in the OpenAPI docs."""

from policykg.api.routes import (
    clauses,
    compare,
    documents,
    export,
    health,
    indicators,
    jurisdictions,
    measures,
    search,
)

ROUTERS = [
    health.router,
    jurisdictions.router,
    documents.router,
    measures.router,
    compare.router,
    clauses.router,
    indicators.router,
    search.router,
    export.router,
]
