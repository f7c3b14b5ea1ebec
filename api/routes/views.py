"""GET /views/...: the interactive graph views as self-contained HTML pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from policykg.api.deps import StoreDep
from policykg.api.schemas import ERROR_RESPONSES
from policykg.views import render_view

router = APIRouter(prefix="/views", tags=["views"])

_HTML: dict[str, object] = {
    "content": {"text/html": {}},
    "description": "a self-contained HTML page",
}
_RESPONSES: dict[int | str, dict[str, object]] = {200: _HTML, **ERROR_RESPONSES}


def _page(html: str) -> HTMLResponse:
    # The page inlines everything it needs; its CSP meta tag forbids other hosts too.
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.get("/overview", response_class=HTMLResponse, responses=_RESPONSES)
def get_overview_view(store: StoreDep) -> HTMLResponse:
    """Jurisdictions and the measures they adopt, as an interactive graph."""
    return _page(render_view(store, "overview"))


@router.get("/measures/{measure}", response_class=HTMLResponse, responses=_RESPONSES)
def get_measure_view(
    measure: Annotated[str, Path(description="measure id or label: 质押融资, pledge_financing")],
    store: StoreDep,
) -> HTMLResponse:
    """One measure: its adopters, the units that carry it and the clauses it serves."""
    return _page(render_view(store, "measure", [measure]))


@router.get("/jurisdictions/{jurisdiction}", response_class=HTMLResponse, responses=_RESPONSES)
def get_jurisdiction_view(
    jurisdiction: Annotated[str, Path(description="jurisdiction id, e.g. hohhot")],
    store: StoreDep,
) -> HTMLResponse:
    """One jurisdiction: documents, measures, clauses covered and not, targets."""
    return _page(render_view(store, "jurisdiction", [jurisdiction]))


@router.get("/clauses/{clause}", response_class=HTMLResponse, responses=_RESPONSES)
def get_clause_view(
    clause: Annotated[str, Path(description="outline clause id, e.g. C13")],
    store: StoreDep,
) -> HTMLResponse:
    """One outline clause and the jurisdictions and units that implement it."""
    return _page(render_view(store, "clause", [clause]))


@router.get("/compare", response_class=HTMLResponse, responses=_RESPONSES)
def get_compare_view(
    store: StoreDep,
    j: Annotated[list[str], Query(description="two or more jurisdiction ids: ?j=hohhot&j=heyuan")],
) -> HTMLResponse:
    """Two or more jurisdictions side by side, shared measures in the middle."""
    return _page(render_view(store, "compare", j))
