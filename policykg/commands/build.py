"""``policykg build`` (a corpus folder), ``policykg ingest`` (one plan) and ``policykg rebuild``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from policykg.commands.common import JsonOption, console, graph_store, print_json
from policykg.model import Level

if TYPE_CHECKING:
    from policykg.build import DocumentSummary


def _summary_table(summaries: list[DocumentSummary]) -> Table:
    table = Table(
        "document", "format", "units", "targets", "measures adopted", "clauses", "version",
        "warnings",
    )  # fmt: skip
    for s in summaries:
        units = ", ".join(f"{k} {v}" for k, v in sorted(s.units.items()))
        version = f"superseded by {s.superseded_by}" if s.superseded_by else "current"
        table.add_row(
            s.id,
            s.source_format,
            units,
            str(s.targets),
            str(s.measures_adopted),
            str(s.clauses_linked),
            version,
            str(len(s.warnings)),
        )
    return table


def build_cmd(
    corpus: Annotated[
        Path | None, typer.Option(help="corpus folder with manifest.yaml (default: bundled)")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Archive and ingest a corpus (default: the bundled five plans); idempotent."""
    from policykg.archive import Archive
    from policykg.build import build
    from policykg.fetch import FetchLimits
    from policykg.pipeline import Pipeline
    from policykg.resources import corpus_dir
    from policykg.settings import get_settings

    settings = get_settings()
    pipeline = Pipeline(max_bytes=settings.POLICYKG_MAX_UPLOAD_BYTES)
    with graph_store() as store, console.status("building the graph…") as status:
        summaries = build(
            store,
            pipeline,
            corpus or corpus_dir(),
            progress=status.update,
            archive=Archive(settings.archive_dir),
            limits=FetchLimits.from_settings(settings),
        )
    if as_json:
        print_json([s.__dict__ for s in summaries])
        return
    console.print(_summary_table(summaries))


def ingest_cmd(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="plan file or http(s) URL: text (UTF-8, GBK/GB18030, Big5), HTML, PDF or DOCX",
        ),
    ],
    jurisdiction: Annotated[str, typer.Option(help="ascii id, e.g. shenzhen")],
    name: Annotated[str, typer.Option(help="Chinese name, e.g. 深圳市")],
    level: Annotated[Level, typer.Option(help="administrative level")],
    province: Annotated[str | None, typer.Option(help="province it belongs to")] = None,
    title: Annotated[str | None, typer.Option(help="title, if the text lacks one")] = None,
    doc_number: Annotated[str | None, typer.Option(help="文号, if the text lacks one")] = None,
    issued_on: Annotated[str | None, typer.Option(help="YYYY-MM-DD, if the text lacks it")] = None,
    replaces: Annotated[
        str | None, typer.Option(help="id of an earlier document of the jurisdiction it supersedes")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Archive and ingest one plan, a file or a URL (the same bytes again: a no-op)."""
    from policykg.archive import Archive
    from policykg.build import ingest_source
    from policykg.fetch import FetchLimits
    from policykg.ingest import cli_option, manifest_entry
    from policykg.pipeline import Pipeline
    from policykg.settings import get_settings
    from policykg.sources import fetch_source, is_url, read_source

    settings = get_settings()
    url = source if is_url(source) else None
    entry = manifest_entry(
        file=None if url else Path(source).name,
        url=url,
        jurisdiction=jurisdiction,
        name=name,
        level=level,
        province=province,
        title=title,
        doc_number=doc_number,
        issued_on=issued_on,
        replaces=replaces,
        field_name=cli_option,
    )
    limit = settings.POLICYKG_MAX_UPLOAD_BYTES
    if url is not None:
        with console.status(f"fetching {url}…"):
            plan = fetch_source(entry, FetchLimits.from_settings(settings), "url")
    else:
        plan = read_source(Path(source), entry, "file", limit)
    pipeline = Pipeline(max_bytes=limit)
    with graph_store() as store:
        summary = ingest_source(store, pipeline, plan, Archive(settings.archive_dir))
    if as_json:
        print_json(summary.__dict__)
        return
    if summary.outcome == "unchanged":
        console.print(
            f"unchanged: {summary.id} is already in the archive and the graph "
            "(same bytes, same fields); nothing written"
        )
    else:
        console.print(
            f"{'ingested' if summary.outcome == 'created' else 'written again'} {summary.id} "
            f"({summary.source_format}): units {summary.units}, targets {summary.targets}"
        )
    if summary.superseded_by:
        console.print(f"superseded by {summary.superseded_by} (kept, not current)")
    for old in summary.supersedes:
        console.print(f"supersedes {old} (kept, no longer current)")
    for w in summary.warnings:
        console.print(f"warning: {w}", soft_wrap=True)


def rebuild_cmd(as_json: JsonOption = False) -> None:
    """Derive the whole graph again from the archive and the bundled corpus, with this version."""
    from policykg.archive import Archive
    from policykg.pipeline import Pipeline
    from policykg.rebuild import rebuild
    from policykg.settings import get_settings

    settings = get_settings()
    pipeline = Pipeline(max_bytes=settings.POLICYKG_MAX_UPLOAD_BYTES)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with (
        graph_store() as store,
        Progress(*columns, console=console, transient=True, disable=as_json) as bar,
    ):
        task = bar.add_task("rebuilding", total=None)

        def progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=f"rebuild: {what}")

        report = rebuild(store, pipeline, Archive(settings.archive_dir), progress)
    if as_json:
        print_json(
            {
                "documents": [s.__dict__ for s in report.documents],
                "removed": report.removed,
                "unarchived": report.unarchived,
                "failed": report.failed,
                "warnings": report.warnings,
            }
        )
        return
    console.print(_summary_table(report.documents))
    console.print(f"rebuilt {len(report.documents)} documents from {settings.archive_dir}")
    for doc_id in report.removed:
        console.print(f"removed {doc_id}: its source now gives another document id")
    for doc_id in report.unarchived:
        console.print(
            f"kept {doc_id} as it was: its source is not in the archive; "
            "ingest its file again to keep it through a reset",
            soft_wrap=True,
        )
    for line in report.failed:
        console.print(f"failed (the graph keeps the earlier version): {line}", soft_wrap=True)
    for w in report.warnings:
        console.print(f"warning: {w}", soft_wrap=True)
