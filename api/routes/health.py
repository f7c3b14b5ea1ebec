"""GET /health: is the graph server reachable, and which one is it."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policykg import __version__
from policykg.api.schemas import ERROR_RESPONSES, HealthPublic, ServerPublic

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic, responses=ERROR_RESPONSES)
def get_health(request: Request) -> HealthPublic:
    """Report the graph server's kind and version; 503 when it cannot be reached."""
    store = request.app.state.store_holder.get()
    server = store.ping()
    return HealthPublic(
        status="ok",
        server=ServerPublic(kind=server.kind, version=server.version, agent=server.agent),
        database=store.database,
        version=__version__,
    )
