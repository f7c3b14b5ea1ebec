"""The ``policykg`` command line.

Every command reports errors as one line on stderr and a non-zero exit, never a
traceback: :func:`main` catches :class:`PolicyKGError` at the edge.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from policykg.errors import InvalidInput, PolicyKGError
from policykg.resources import labels_path
from policykg.settings import Settings, get_settings

app = typer.Typer(
    name="policykg",
    help="Cross-city knowledge graph of Chinese local IP policy plans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Manage the embedded graph server (ArcadeDB over Bolt).")
eval_app = typer.Typer(help="Score the tagger and the linker against hand-made labels.")
app.add_typer(db_app, name="db")
app.add_typer(eval_app, name="eval")


def _register_commands() -> None:
    # Command modules of their own (one concern each); registered here so that
    # `policykg --help` lists everything in one place.
    from policykg.commands.analyze import analyze_app
    from policykg.commands.query import compare_cmd, coverage_cmd, query_app
    from policykg.commands.view import view_cmd

    app.add_typer(query_app, name="query")
    app.command("compare")(compare_cmd)
    app.command("coverage")(coverage_cmd)
    app.command("view")(view_cmd)
    app.add_typer(analyze_app, name="analyze")


_register_commands()

console = Console()
err = Console(stderr=True)


def _settings() -> Settings:
    return get_settings()


@contextmanager
def _store(start: bool = True) -> Iterator[Any]:
    from policykg.graph.connect import open_store

    store = open_store(_settings(), start=start)
    try:
        yield store
    finally:
        store.close()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


# --- db -----------------------------------------------------------------------------
def _embedded_only() -> Any:
    from policykg.graph.connect import embedded_server

    settings = _settings()
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
def db_status(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show whether the embedded graph server runs (exit 3 when it does not)."""
    status = _embedded_only().status()
    if as_json:
        _print_json({k: str(v) if isinstance(v, Path) else v for k, v in status.__dict__.items()})
    elif status.running:
        console.print(f"running: {status.bolt_uri} pid {status.pid} db {status.database}")
        console.print(f"home: {status.home}  log: {status.log}")
    else:
        console.print(f"not running{(' (' + status.note + ')') if status.note else ''}")
    if not status.running:
        raise typer.Exit(3)


@db_app.command("doctor")
def db_doctor(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Report the server kind and version, the schema in place, and counts per label."""
    from policykg.graph.doctor import diagnose

    with _store() as store:
        report = diagnose(store)
    if as_json:
        _print_json(report)
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
def db_reset(yes: Annotated[bool, typer.Option("--yes", help="really delete")] = False) -> None:
    """Delete every node and relationship in the configured database."""
    if not yes:
        raise InvalidInput("refusing to delete the graph without --yes")
    with _store() as store:
        store.write("delete_all")
    console.print("graph emptied")


# --- build / ingest / export --------------------------------------------------------------
@app.command("build")
def build_cmd(
    corpus: Annotated[
        Path | None, typer.Option(help="corpus folder with manifest.yaml (default: bundled)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Ingest a corpus (default: the bundled five plans) into the graph; idempotent."""
    from policykg.build import build
    from policykg.pipeline import Pipeline
    from policykg.resources import corpus_dir

    pipeline = Pipeline(max_bytes=_settings().POLICYKG_MAX_UPLOAD_BYTES)
    with _store() as store, console.status("building the graph…") as status:
        summaries = build(store, pipeline, corpus or corpus_dir(), progress=status.update)
    if as_json:
        _print_json([s.__dict__ for s in summaries])
        return
    table = Table("document", "units", "targets", "measures adopted", "clauses", "warnings")
    for s in summaries:
        units = ", ".join(f"{k} {v}" for k, v in sorted(s.units.items()))
        table.add_row(
            s.id,
            units,
            str(s.targets),
            str(s.measures_adopted),
            str(s.clauses_linked),
            str(len(s.warnings)),
        )
    console.print(table)


class Level(StrEnum):
    national = "national"
    province = "province"
    municipality = "municipality"
    sub_provincial_city = "sub_provincial_city"
    prefecture_city = "prefecture_city"
    county = "county"
    district = "district"


@app.command("ingest")
def ingest_cmd(
    file: Annotated[Path, typer.Argument(help="plan text (UTF-8, GBK/GB18030 or Big5)")],
    jurisdiction: Annotated[str, typer.Option(help="ascii id, e.g. shenzhen")],
    name: Annotated[str, typer.Option(help="Chinese name, e.g. 深圳市")],
    level: Annotated[Level, typer.Option(help="administrative level")],
    province: Annotated[str | None, typer.Option(help="province it belongs to")] = None,
    title: Annotated[str | None, typer.Option(help="title, if the text lacks one")] = None,
    doc_number: Annotated[str | None, typer.Option(help="文号, if the text lacks one")] = None,
    issued_on: Annotated[str | None, typer.Option(help="YYYY-MM-DD, if the text lacks it")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Add one new plan to the graph (replaces an earlier version of the same plan)."""
    from pydantic import ValidationError

    from policykg.build import ingest
    from policykg.loaders import read_plan_bytes
    from policykg.model import ManifestEntry
    from policykg.pipeline import Pipeline

    settings = _settings()
    try:
        entry = ManifestEntry.model_validate(
            {
                "file": file.name,
                "jurisdiction": {
                    "id": jurisdiction,
                    "name": name,
                    "level": level.value,
                    "province": province,
                },
                "title": title,
                "doc_number": doc_number,
                "issued_on": date.fromisoformat(issued_on) if issued_on else None,
            }
        )
    except (ValidationError, ValueError) as e:
        raise InvalidInput(f"bad plan fields: {e}") from e
    raw = read_plan_bytes(file, settings.POLICYKG_MAX_UPLOAD_BYTES)
    pipeline = Pipeline(max_bytes=settings.POLICYKG_MAX_UPLOAD_BYTES)
    with _store() as store:
        summary = ingest(store, pipeline, raw, entry)
    if as_json:
        _print_json(summary.__dict__)
        return
    console.print(f"ingested {summary.id}: units {summary.units}, targets {summary.targets}")
    for w in summary.warnings:
        console.print(f"warning: {w}")


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


@app.command("export")
def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="file (default stdout)")
    ] = None,
) -> None:
    """Export the dataset read back from the graph (json is the policykg-export/1 contract)."""
    from policykg.exporters import export_bytes

    with _store() as store:
        data = export_bytes(store, format.value)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        console.print(f"wrote {output} ({len(data)} bytes, {format.value})")


@app.command("serve")
def serve_cmd(
    host: Annotated[str | None, typer.Option(help="bind address")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
) -> None:
    """Run the API and web pages (uvicorn)."""
    import uvicorn

    from policykg.api.main import create_app

    settings = _settings()
    settings.check_api_key()
    if settings.embedded:
        from policykg.graph.connect import embedded_server

        with console.status("starting the embedded graph server…"):
            embedded_server(settings).start()
    app_ = create_app(settings)
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
    uvicorn.run(app_, host=h, port=p, log_level="info")


# --- evaluation ---------------------------------------------------------------------------
def _parsed_corpus() -> list[Any]:
    from policykg.pipeline import Pipeline, corpus_entries
    from policykg.resources import corpus_dir

    pipeline = Pipeline()
    return [pipeline.parse_file(path, entry) for entry, path in corpus_entries(corpus_dir())]


@eval_app.command("adoption")
def eval_adoption(
    labels: Annotated[Path | None, typer.Option(help="labels YAML")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Precision, recall and F1 of measure adoption per measure and overall."""
    from policykg.ontology.evaluation import evaluate_adoption

    report = evaluate_adoption(_parsed_corpus(), labels or _default_labels("adoption_labels.yaml"))
    if as_json:
        _print_json(report.model_dump())
    else:
        console.print(report.to_table(), soft_wrap=True)


@eval_app.command("clauses")
def eval_clauses(
    labels: Annotated[Path | None, typer.Option(help="labels YAML")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Top-1 and top-3 accuracy of the clause linker."""
    from policykg.linker.evaluation import evaluate_clauses

    report = evaluate_clauses(_parsed_corpus(), labels or _default_labels("clause_labels.yaml"))
    if as_json:
        _print_json(report.model_dump())
    else:
        console.print(report.to_table(), soft_wrap=True)


def _default_labels(name: str) -> Path:
    return labels_path(name)


def main() -> None:
    """Entry point: run the app, turning our errors into one line and exit 1."""
    try:
        rc = app(standalone_mode=False)
    except PolicyKGError as e:
        err.print(f"error: {e.message}", markup=False, highlight=False)
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as e:
        # Usage errors come from the click that typer vendors; duck-type them
        # rather than import a private module.
        show, code = getattr(e, "show", None), getattr(e, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()
