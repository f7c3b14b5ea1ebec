"""All API routers, in the order they appear in the OpenAPI docs."""

from policykg.api.routes import (
    analytics,
    clauses,
    compare,
    documents,
    export,
    health,
    indicators,
    jurisdictions,
    measures,
    pages,
    search,
    views,
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
    analytics.router,
    views.router,
    pages.router,  # last: JSON routes win any path conflict
]
