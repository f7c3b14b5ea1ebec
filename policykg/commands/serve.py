"""``policykg serve``: the API, web pages and graph views under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from policykg.commands.common import console


def serve_cmd(
    host: Annotated[str | None, typer.Option(help="bind address")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
) -> None:
    """Run the API and web pages (uvicorn)."""
    import uvicorn

    from policykg.api.main import create_app
    from policykg.settings import get_settings

    settings = get_settings()
    settings.check_api_key()
    if settings.embedded:
        from policykg.graph.connect import embedded_server

        with console.status("starting the embedded graph server…"):
            embedded_server(settings).start()
    app = create_app(settings)
    h, p = host or settings.POLICYKG_HOST, port or settings.POLICYKG_PORT
    base = f"http://{h}:{p}"
    for line in (
        f"PolicyKG is serving on {base}/",
        f"  web pages      {base}/  (search, measures, jurisdictions, compare, matrix)",
        f"  graph views    {base}/views/overview  (and /views/measures/pledge_financing …)",
        f"  JSON API docs  {base}/docs",
        "  stop with Ctrl-C; stop the graph server with `policykg db stop`",
    ):
        console.print(line, soft_wrap=True, markup=False)
    uvicorn.run(app, host=h, port=p, log_level="info")
