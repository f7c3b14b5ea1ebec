"""``policykg archive``: list, back up and restore the source archive."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from policykg.commands.common import JsonOption, console, print_json

if TYPE_CHECKING:
    from policykg.archive import Archive

archive_app = typer.Typer(
    help="The source archive: every plan ever ingested (list, export, import)."
)


def _archive() -> Archive:
    from policykg.archive import Archive
    from policykg.settings import get_settings

    return Archive(get_settings().archive_dir)


@archive_app.command("list")
def archive_list(as_json: JsonOption = False) -> None:
    """Every ingest the archive holds: when, how, which source, which document."""
    archive = _archive()
    records = archive.records()
    if as_json:
        print_json([r.model_dump(mode="json") for r in records])
        return
    table = Table("ingested at", "route", "document", "format", "source", "replaces")
    for r in records:
        entry = r.manifest_entry()
        table.add_row(
            r.ingested_at.isoformat(timespec="seconds"),
            r.route + (" (bundled)" if r.bundled else ""),
            r.document_id,
            r.source_format,
            entry.source,
            entry.replaces or "",
        )
    console.print(table)
    console.print(
        f"{len(records)} records, {len(archive.object_digests())} sources in {archive.root}"
    )


@archive_app.command("export")
def archive_export(
    file: Annotated[Path, typer.Argument(help="tar file to write (.tar, or .tar.gz to compress)")],
) -> None:
    """Write every archived source and record to one tar file (a backup)."""
    from policykg.archive import export_archive

    archive = _archive()
    sources, records = export_archive(archive, file)
    console.print(f"wrote {file}: {sources} sources, {records} records", soft_wrap=True)


@archive_app.command("import")
def archive_import(
    file: Annotated[Path, typer.Argument(help="tar file written by `policykg archive export`")],
) -> None:
    """Add a backup's sources and records to the archive (each checked); then run rebuild."""
    from policykg.archive import import_archive
    from policykg.settings import get_settings

    report = import_archive(_archive(), file, get_settings().POLICYKG_MAX_UPLOAD_BYTES)
    console.print(
        f"imported {file}: {report.objects_added} new sources ({report.objects_present} "
        f"already here), {report.records_added} new records ({report.records_present} already "
        f"here) for {len(report.document_ids)} documents; run `policykg rebuild` to derive them",
        soft_wrap=True,
    )
