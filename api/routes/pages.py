"""Web pages for researchers: server-rendered HTML over the same services as the JSON API.

Pages live at ``/`` and under ``/pages/...`` so they never shadow a JSON path;
the stylesheet is served at ``/static/style.css``. A page that cannot be shown
(unknown id, bad input) is an HTML error page with the error's status, not the
API's JSON error body.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from policykg import services
from policykg.api import web
from policykg.api.deps import StoreDep
from policykg.errors import InvalidInput, NotFound, PolicyKGError
from policykg.services.models import MeasureNode, SearchHit

router = APIRouter(tags=["pages"], include_in_schema=False)

LangParam = Annotated[str | None, Query(description="zh (default) or en")]
SEARCH_PAGE_SIZE = 50


def _page(request: Request, lang: str | None) -> web.Page:
    return web.Page(request, web.pick_lang(lang))


def _error(page: web.Page, exc: PolicyKGError) -> HTMLResponse:
    return web.render(page, "error.html", status=exc.status, message=exc.message)


@router.get("/static/style.css")
def stylesheet() -> FileResponse:
    """The pages' stylesheet (its URL carries a content hash, so it may be cached for long)."""
    return FileResponse(
        web.STATIC_DIR / "style.css",
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=31536000, immutable"},
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, lang: LangParam = None) -> HTMLResponse:
    """Home: the corpus, a search box, the measure tree with adoption counts."""
    page = _page(request, lang)
    return web.render(
        page,
        "home.html",
        jurisdictions=services.jurisdictions(store),
        tree=services.measures_tree(store),
        clause_count=len(services.clauses(store)),
    )


@router.get("/pages/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    q: str = "",
    offset: int = 0,
    lang: LangParam = None,
) -> HTMLResponse:
    """Search results with the matching sentences highlighted."""
    page = _page(request, lang)
    hits: list[SearchHit] = []
    measures: list[MeasureNode] = []
    offset = max(offset, 0)
    if q.strip():
        try:
            hits = services.search(store, q)
            measures = services.matching_measures(store, q)
        except InvalidInput as exc:
            return _error(page, exc)
    return web.render(
        page,
        "search.html",
        q=q,
        measures=measures,
        hits=hits[offset : offset + SEARCH_PAGE_SIZE],
        count=len(hits),
        offset=offset,
        size=SEARCH_PAGE_SIZE,
    )


@router.get("/pages/measures/{measure}", response_class=HTMLResponse)
def measure_page(
    request: Request, measure: str, store: StoreDep, lang: LangParam = None
) -> HTMLResponse:
    """One measure: definition, adopters with their sentences, non-adopters, clauses, graph."""
    page = _page(request, lang)
    try:
        info = services.measure(store, measure)
        adopters = services.adopters(store, info.id)
    except (NotFound, InvalidInput) as exc:
        return _error(page, exc)
    return web.render(page, "measure.html", m=info, a=adopters)


@router.get("/pages/jurisdictions/{jurisdiction_id}", response_class=HTMLResponse)
def jurisdiction_page(
    request: Request, jurisdiction_id: str, store: StoreDep, lang: LangParam = None
) -> HTMLResponse:
    """One jurisdiction: its plans with their unit trees, targets, gaps and nearest peers."""
    page = _page(request, lang)
    try:
        j = services.jurisdiction(store, jurisdiction_id)
    except NotFound as exc:
        return _error(page, exc)
    plans = [services.document(store, d.id) for d in j.current_documents]
    clauses = services.clauses(store)
    return web.render(
        page,
        "jurisdiction.html",
        j=j,
        plans=plans,
        measures=services.measure_index(services.measures_tree(store)),
        clause_titles={c.id: c.title for c in clauses},
        targets=services.jurisdiction_targets(store, jurisdiction_id),
        not_covered=[c for c in clauses if jurisdiction_id not in c.jurisdictions],
        similar=services.similar_jurisdictions(store, jurisdiction_id),
    )


@router.get("/pages/documents/{document_id}", response_class=HTMLResponse)
def document_page(
    request: Request, document_id: str, store: StoreDep, lang: LangParam = None
) -> HTMLResponse:
    """One plan on its own, current or superseded (then with a link to the current version)."""
    page = _page(request, lang)
    try:
        d = services.document(store, document_id)
    except NotFound as exc:
        return _error(page, exc)
    current = next((v for v in d.versions if v.id == d.superseded_by), None)
    return web.render(
        page,
        "document.html",
        d=d,
        current_title=current.title if current else None,
        measures=services.measure_index(services.measures_tree(store)),
        clause_titles={c.id: c.title for c in services.clauses(store)},
    )


@router.get("/pages/compare", response_class=HTMLResponse)
def compare_page(
    request: Request,
    store: StoreDep,
    j: Annotated[list[str] | None, Query()] = None,
    lang: LangParam = None,
) -> HTMLResponse:
    """Two or more jurisdictions side by side: measures with evidence, clauses, targets."""
    page = _page(request, lang)
    chosen = services.distinct_ids(j or [])
    everyone = services.jurisdictions(store)
    result = None
    status = 200
    if len(chosen) >= 2:
        try:
            result = services.compare(store, chosen)
        except (NotFound, InvalidInput) as exc:
            return _error(page, exc)
    elif chosen:
        status = 422  # one jurisdiction is a request we cannot answer, not an empty form
    evidence = services.adoption_evidence(store, chosen) if result else {}
    return web.render(
        page,
        "compare.html",
        status=status,
        everyone=everyone,
        chosen=chosen,
        r=result,
        evidence=evidence,
    )


@router.get("/pages/clauses", response_class=HTMLResponse)
def clauses_page(request: Request, store: StoreDep, lang: LangParam = None) -> HTMLResponse:
    """The outline's clauses and how many jurisdictions implement each."""
    page = _page(request, lang)
    return web.render(
        page,
        "clauses.html",
        clauses=services.clauses(store),
        names=services.jurisdiction_names(store),
    )


@router.get("/pages/clauses/{clause_id}", response_class=HTMLResponse)
def clause_page(
    request: Request, clause_id: str, store: StoreDep, lang: LangParam = None
) -> HTMLResponse:
    """One outline clause: which plans implement it, through which units, with which targets."""
    page = _page(request, lang)
    try:
        cov = services.coverage(store, clause_id)
    except NotFound as exc:
        return _error(page, exc)
    return web.render(
        page, "clause.html", cov=cov, serving=services.serving_measures(store, clause_id)
    )


@router.get("/pages/matrix", response_class=HTMLResponse)
def matrix_page(
    request: Request,
    store: StoreDep,
    category: Annotated[str | None, Query()] = None,
    level: Annotated[str | None, Query()] = None,
    lang: LangParam = None,
) -> HTMLResponse:
    """The adoption matrix, filterable by measure category and jurisdiction level."""
    page = _page(request, lang)
    tree = services.measures_tree(store)
    try:
        data = services.measure_matrix(store, tree, category, level)
    except NotFound as exc:
        return _error(page, exc)
    return web.render(
        page,
        "matrix.html",
        data=data,
        categories=tree,
        category_by_id={c.id: c for c in tree},
    )


@router.get("/pages/matrix.csv")
def matrix_csv(
    request: Request,
    store: StoreDep,
    category: Annotated[str | None, Query()] = None,
    level: Annotated[str | None, Query()] = None,
    lang: LangParam = None,
) -> Response:
    """The filtered adoption matrix as CSV (UTF-8 with BOM), as the matrix page shows it."""
    try:
        data = services.measure_matrix(store, services.measures_tree(store), category, level)
    except NotFound as exc:
        return _error(_page(request, lang), exc)
    name = "-".join(["policykg-matrix", *(x for x in (data.category, data.level) if x)])
    return Response(
        services.matrix_csv(data.columns, data.rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/pages/{rest:path}", response_class=HTMLResponse)
def unknown_page(request: Request, rest: str, lang: LangParam = None) -> HTMLResponse:
    """Any other /pages/ path: an HTML 404 rather than the API's JSON one."""
    page = _page(request, lang)
    return _error(page, NotFound(f"no page at /pages/{rest}"))
