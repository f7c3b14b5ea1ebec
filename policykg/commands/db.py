"""``policykg db``: start, stop and inspect the embedded graph server; empty the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from policykg.commands.common import JsonOption, console, graph_store, print_json
from policykg.errors import InvalidInput

db_app = typer.Typer(help="Manage the embedded graph server (ArcadeDB over Bolt).")


def _embedded_only() -> Any:
    from policykg.graph.connect import embedded_server
    from policykg.settings import get_settings

    settings = get_settings()
    if not settings.embedded:
        raise InvalidInput(
            "NEO4J_URI is set: the graph server is external and not managed by policykg"
        )
    return embedded_server(settings)


@db_app.command("start")
def db_start() -> None:
    """Start the embedded graph server (no-op when it runs)."""
    server = _embedded_only()
    with console.status("starting the embedded graph server…"):
        status = server.start()
    console.print(
        f"graph server running: {status.bolt_uri} (pid {status.pid}, db {status.database})"
    )
    if status.note:
        console.print(f"note: {status.note}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded graph server."""
    stopped = _embedded_only().stop()
    console.print("graph server stopped" if stopped else "graph server was not running")


@db_app.command("status")
def db_status(as_json: JsonOption = False) -> None:
    """Show whether the embedded graph server runs (exit 3 when it does not)."""
    status = _embedded_only().status()
    if as_json:
        print_json({k: str(v) if isinstance(v, Path) else v for k, v in status.__dict__.items()})
    elif status.running:
        console.print(f"running: {status.bolt_uri} pid {status.pid} db {status.database}")
        console.print(f"home: {status.home}  log: {status.log}")
    else:
        console.print(f"not running{(' (' + status.note + ')') if status.note else ''}")
    if not status.running:
        raise typer.Exit(3)


@db_app.command("doctor")
def db_doctor(as_json: JsonOption = False) -> None:
    """Report the server kind and version, the schema in place, and counts per label."""
    from policykg.graph.doctor import diagnose

    with graph_store() as store:
        report = diagnose(store)
    if as_json:
        print_json(report)
        return
    console.print(f"server: {report['server']['kind']} {report['server']['version']}")
    console.print(f"agent: {report['server']['agent']}  database: {report['database']}")
    for kind in ("constraints", "indexes"):
        missing = report["schema"][f"missing_{kind}"]
        state = "all present" if not missing else "MISSING " + ", ".join(missing)
        console.print(f"{kind}: {state}")
    table = Table("label / type", "count")
    for name, n in report["counts"].items():
        table.add_row(name, str(n))
    console.print(table)
    for advice in report["advice"]:
        console.print(f"advice: {advice}")


@db_app.command("reset")
def db_reset(
    yes: Annotated[bool, typer.Option("--yes", help="do not ask (for scripts)")] = False,
) -> None:
    """Delete every node and relationship of the graph; the source archive is kept."""
    from policykg.archive import Archive
    from policykg.graph.writer import stored_sources
    from policykg.settings import get_settings

    settings = get_settings()
    archive = Archive(settings.archive_dir)
    with graph_store() as store:
        if not yes:
            archived = archive.object_digests()
            rows = stored_sources(store)
            lost = [r["id"] for r in rows if r.get("sha256") not in archived]
            console.print(
                f"This deletes the graph of database {settings.NEO4J_DATABASE!r} "
                f"({len(rows)} documents). The source archive {archive.root} is kept: "
                "`policykg rebuild` derives the graph again from it.",
                soft_wrap=True,
            )
            if lost:
                console.print(
                    f"{len(lost)} documents have no source in the archive (ingested before it "
                    f"existed) and cannot be rebuilt: {', '.join(lost)}",
                    soft_wrap=True,
                )
            typer.confirm("Delete the graph?", abort=True)
        store.write("delete_all")
    console.print(f"graph emptied; the archive {archive.root} is kept", soft_wrap=True)
