"""The FastAPI application: JSON API, and (mounted elsewhere) views and pages.

Every error leaves as ``{"error": {"code", "message", "detail"}}`` with the
status its :class:`~policykg.errors.PolicyKGError` subclass names; request
validation errors and unknown routes get the same shape.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from policykg import __version__
from policykg.api import web
from policykg.api.routes import ROUTERS
from policykg.api.store_holder import StoreHolder
from policykg.errors import GraphUnavailable, PayloadTooLarge, PolicyKGError, error_body
from policykg.graph.store import GraphStore
from policykg.settings import Settings, get_settings

_HTTP_CODES = {
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "invalid_input",
}


def operation_id(route: APIRoute) -> str:
    """The OpenAPI operationId of a route: its function's name (``get_adopters``).

    Generated clients name their methods after it; route names are unique (a
    test checks), so no path or method needs to be appended.
    """
    return route.name


def is_page(path: str) -> bool:
    """True for the researchers' pages, whose errors are pages too (the API's are JSON)."""
    return path == "/" or path.startswith("/pages/")


def page_error(request: Request, exc: PolicyKGError) -> HTMLResponse:
    """An error of a page as a readable page (503 while the graph server is down)."""
    page = web.Page(request, web.pick_lang(request.query_params.get("lang")))
    unavailable = isinstance(exc, GraphUnavailable)
    message = page.t("unavailable") if unavailable else exc.message
    response = web.render(page, "error.html", status=exc.status, message=message)
    if unavailable:
        response.headers["Retry-After"] = "30"
    return response


def create_app(
    settings: Settings | None = None,
    store_factory: Callable[[], GraphStore] | None = None,
) -> FastAPI:
    """Build the app.

    Args:
        settings: configuration (the process settings when None).
        store_factory: how to open the graph store (from settings when None);
            tests pass one bound to their test database.

    Raises:
        ConfigError: the API key is the default (or short) outside development mode.
    """
    settings = settings or get_settings()
    # Here, not only in `policykg serve`: `uvicorn --factory` and other ASGI
    # servers build the app without the CLI.
    settings.check_api_key()
    if store_factory is None:
        from policykg.graph.connect import open_store

        def store_factory() -> GraphStore:
            # start=False: a request never starts (or restarts) the embedded
            # server an operator stopped; `policykg serve` starts it once.
            return open_store(settings, start=False)

    holder = StoreHolder(store_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(
        title="PolicyKG",
        version=__version__,
        description=(
            "Which Chinese jurisdictions adopt which IP-policy measures, how their plans "
            "compare, and which clauses of the national IP outline each plan implements."
        ),
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.store_holder = holder

    if settings.POLICYKG_CORS_ORIGINS:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.POLICYKG_CORS_ORIGINS,
            allow_methods=["GET", "POST"],
            allow_headers=["X-API-Key", "Content-Type"],
        )

    @app.middleware("http")
    async def limit_body(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Refuse by the declared size before reading a byte; endpoints that read
        # a body also count what actually arrives (a client may lie or stream).
        length = request.headers.get("content-length")
        limit = settings.POLICYKG_MAX_UPLOAD_BYTES + 64 * 1024  # form overhead
        if length is not None and (not length.isdigit() or int(length) > limit):
            err = PayloadTooLarge(f"request body over {settings.POLICYKG_MAX_UPLOAD_BYTES} bytes")
            return JSONResponse(err.to_dict(), status_code=err.status)
        return await call_next(request)

    @app.exception_handler(PolicyKGError)
    async def on_policykg_error(request: Request, exc: PolicyKGError) -> Response:
        if isinstance(exc, GraphUnavailable):
            holder.reset()
        if is_page(request.url.path):
            return page_error(request, exc)
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"])
        return JSONResponse(
            error_body("invalid_input", f"{where}: {first['msg']}", detail), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        message = str(exc.detail) if exc.detail else code
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.url.path}"
        return JSONResponse(error_body(code, message), status_code=exc.status_code)

    for router in ROUTERS:
        app.include_router(router)
    return app
