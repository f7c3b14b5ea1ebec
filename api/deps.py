"""FastAPI dependencies: the settings, the graph store and the API-key guard."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from policykg.errors import Unauthorized
from policykg.graph.store import GraphStore
from policykg.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> GraphStore:
    """The app's store, connected lazily so the API starts even with the graph down."""
    holder = request.app.state.store_holder
    store: GraphStore = holder.get()
    return store


def require_api_key(
    request: Request,
    x_api_key: Annotated[str | None, Header(description="API key for write endpoints")] = None,
) -> None:
    """Reject a write without the configured key (constant-time comparison)."""
    settings: Settings = request.app.state.settings
    expected = settings.POLICYKG_API_KEY.get_secret_value().encode("utf-8")
    given = (x_api_key or "").encode("utf-8")
    if not hmac.compare_digest(given, expected):
        raise Unauthorized("a valid X-API-Key header is required for this endpoint")


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ApiKeyDep = Annotated[None, Depends(require_api_key)]
