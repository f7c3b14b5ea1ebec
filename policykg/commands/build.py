"""``policykg build`` (a corpus folder) and ``policykg ingest`` (one plan file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from policykg.commands.common import JsonOption, console, graph_store, print_json
from policykg.model import Level


def build_cmd(
    corpus: Annotated[
        Path | None, typer.Option(help="corpus folder with manifest.yaml (default: bundled)")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest a corpus (default: the bundled five plans) into the graph; idempotent."""
    from policykg.build import build
    from policykg.pipeline import Pipeline
    from policykg.resources import corpus_dir
    from policykg.settings import get_settings

    pipeline = Pipeline(max_bytes=get_settings().POLICYKG_MAX_UPLOAD_BYTES)
    with graph_store() as store, console.status("building the graph…") as status:
        summaries = build(store, pipeline, corpus or corpus_dir(), progress=status.update)
    if as_json:
        print_json([s.__dict__ for s in summaries])
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


def ingest_cmd(
    file: Annotated[Path, typer.Argument(help="plan text (UTF-8, GBK/GB18030 or Big5)")],
    jurisdiction: Annotated[str, typer.Option(help="ascii id, e.g. shenzhen")],
    name: Annotated[str, typer.Option(help="Chinese name, e.g. 深圳市")],
    level: Annotated[Level, typer.Option(help="administrative level")],
    province: Annotated[str | None, typer.Option(help="province it belongs to")] = None,
    title: Annotated[str | None, typer.Option(help="title, if the text lacks one")] = None,
    doc_number: Annotated[str | None, typer.Option(help="文号, if the text lacks one")] = None,
    issued_on: Annotated[str | None, typer.Option(help="YYYY-MM-DD, if the text lacks it")] = None,
    as_json: JsonOption = False,
) -> None:
    """Add one new plan to the graph (replaces an earlier version of the same plan)."""
    from policykg.build import ingest
    from policykg.ingest import cli_option, manifest_entry
    from policykg.loaders import read_plan_bytes
    from policykg.pipeline import Pipeline
    from policykg.settings import get_settings

    settings = get_settings()
    entry = manifest_entry(
        file=file.name,
        jurisdiction=jurisdiction,
        name=name,
        level=level,
        province=province,
        title=title,
        doc_number=doc_number,
        issued_on=issued_on,
        field_name=cli_option,
    )
    raw = read_plan_bytes(file, settings.POLICYKG_MAX_UPLOAD_BYTES)
    pipeline = Pipeline(max_bytes=settings.POLICYKG_MAX_UPLOAD_BYTES)
    with graph_store() as store:
        summary = ingest(store, pipeline, raw, entry)
    if as_json:
        print_json(summary.__dict__)
        return
    console.print(f"ingested {summary.id}: units {summary.units}, targets {summary.targets}")
    for w in summary.warnings:
        console.print(f"warning: {w}")
