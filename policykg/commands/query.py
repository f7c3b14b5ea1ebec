"""CLI mirrors of the API's central questions: adopters, compare, coverage.

``policykg query adopters 质押融资``, ``policykg compare hohhot ningbo`` and
``policykg coverage C10`` print rich tables, or with ``--json`` exactly what the
matching endpoint returns (both call :mod:`policykg.services`). Errors are
:class:`~policykg.errors.PolicyKGError` and reach ``policykg.cli.main``, which
prints them as one line.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from policykg import services
from policykg.commands.common import JsonOption, console, graph_store, print_json

query_app = typer.Typer(help="Ask the graph: who adopts a measure, and more.")
MinScoreOption = Annotated[
    float, typer.Option("--min-score", min=0.0, max=1.0, help="ignore clause links below this")
]


def render_adopters(data: dict[str, Any]) -> Table:
    """The adopters answer as a table: one row per piece of evidence."""
    m = data["measure"]
    table = Table(
        "jurisdiction",
        "status",
        "unit",
        "sentence",
        title=f"{m['label_zh']} ({m['id']}, {m['label_en']})",
    )
    for j in data["adopters"]:
        for e in j["evidence"]:
            table.add_row(
                f"{j['name']} {j['id']}", "adopts", e["heading"] or e["unit_id"], e["sentence"]
            )
    for j in data["mentions_only"]:
        for e in j["evidence"]:
            table.add_row(
                f"{j['name']} {j['id']}",
                f"mentions ({e['reason']})",
                e["heading"] or e["unit_id"],
                e["sentence"],
            )
    for j in data["non_adopters"]:
        table.add_row(f"{j['name']} {j['id']}", "no", "", "")
    return table


@query_app.command("adopters")
def adopters_cmd(
    measure: Annotated[str, typer.Argument(help="measure id or label, e.g. 质押融资")],
    as_json: JsonOption = False,
) -> None:
    """Which jurisdictions adopt a measure, with the sentence that shows it."""
    with graph_store() as store:
        data = services.adopters(store, measure).model_dump(mode="json")
    if as_json:
        print_json(data)
    else:
        console.print(render_adopters(data))


def render_compare(data: dict[str, Any]) -> list[Table]:
    """Similarity, measures and clause coverage of a comparison, as tables."""
    ids = [j["id"] for j in data["jurisdictions"]]
    sim = Table(
        "a",
        "b",
        "jaccard",
        "shared",
        "union",
        title=f"similarity of adopted measures (overall {data['similarity']['overall']})",
    )
    for p in data["similarity"]["pairwise"]:
        sim.add_row(p["a"], p["b"], f"{p['jaccard']:.3f}", str(p["shared"]), str(p["union"]))
    shared = Table("measure", "label", title=f"adopted by all ({len(data['shared_measures'])})")
    for m in data["shared_measures"]:
        shared.add_row(m["id"], m["label_zh"] or "")
    unique = Table("jurisdiction", "adopted", "only this one adopts", title="unique measures")
    for j in data["jurisdictions"]:
        only = data["unique_measures"][j["id"]]
        unique.add_row(
            f"{j['name']} {j['id']}",
            str(j["adopted"]),
            ", ".join(m["label_zh"] or m["id"] for m in only),
        )
    clauses = Table("clause", "title", *ids, title="clause coverage (implementing units)")
    for c in data["clauses"]:
        clauses.add_row(c["id"], c["title"], *(str(c["units"][j] or "-") for j in ids))
    return [sim, shared, unique, clauses]


def compare_cmd(
    j: Annotated[list[str], typer.Argument(help="two or more jurisdiction ids")],
    as_json: JsonOption = False,
    min_score: MinScoreOption = 0.0,
) -> None:
    """Compare jurisdictions: shared and unique measures, clause coverage, similarity."""
    with graph_store() as store:
        data = services.compare(store, j, min_score).model_dump(mode="json")
    if as_json:
        print_json(data)
        return
    for table in render_compare(data):
        console.print(table)


def render_coverage(data: dict[str, Any]) -> Table:
    """Who implements a clause, through which units, quantified or restated."""
    c = data["clause"]
    table = Table("jurisdiction", "mode", "score", "unit", title=f"{c['id']} {c['title']}")
    for j in data["implementing"]:
        for u in j["units"]:
            table.add_row(
                f"{j['name']} {j['id']}",
                j["mode"],
                f"{u['score']:.3f}",
                u["heading"] or u["unit_id"],
            )
    for j in data["not_implementing"]:
        table.add_row(f"{j['name']} {j['id']}", "not implemented", "", "")
    return table


def coverage_cmd(
    clause: Annotated[str, typer.Argument(help="outline clause id, e.g. C10")],
    as_json: JsonOption = False,
    min_score: MinScoreOption = 0.0,
) -> None:
    """Which jurisdictions implement an outline clause, through which units."""
    with graph_store() as store:
        data = services.coverage(store, clause, min_score).model_dump(mode="json")
    if as_json:
        print_json(data)
    else:
        console.print(render_coverage(data))


# Also reachable as `policykg query compare ...` / `policykg query coverage ...`.
query_app.command("compare")(compare_cmd)
query_app.command("coverage")(coverage_cmd)
