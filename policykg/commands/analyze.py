"""``policykg analyze``: the comparative analytics on the command line.

``similarity``, ``diffusion``, ``gaps JURISDICTION``, ``centrality`` and
``communities`` print rich tables, or with ``--json`` exactly what the matching
``/analytics/*`` endpoint returns (both call :mod:`policykg.analytics`).
Errors are :class:`~policykg.errors.PolicyKGError` and reach
``policykg.cli.main``, which prints them as one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.table import Table

from policykg.analytics import (
    AnalyticsData,
    centrality,
    communities,
    diffusion,
    gaps,
    similarity,
)
from policykg.analytics.models import Basis, Metric
from policykg.commands.common import JsonOption, console, graph_store, print_json

analyze_app = typer.Typer(
    help="Compare the plans: similarity, measure diffusion, gaps, network centrality.",
    no_args_is_help=True,
)


@contextmanager
def _data() -> Iterator[AnalyticsData]:
    with graph_store() as store:
        yield AnalyticsData.from_store(store)


def _notes(notes: list[str]) -> None:
    for note in notes:
        console.print(f"note: {note}")


@analyze_app.command("similarity")
def similarity_cmd(
    basis: Annotated[Basis, typer.Option(help="rank by measures or clauses")] = "measures",
    metric: Annotated[Metric, typer.Option(help="jaccard or cosine")] = "jaccard",
    top: Annotated[int, typer.Option(min=1, help="neighbours per jurisdiction")] = 3,
    as_json: JsonOption = False,
) -> None:
    """Which plans resemble each other (adopted measures, outline-clause coverage)."""
    with _data() as data:
        report = similarity(data, basis, metric, top)
    if as_json:
        print_json(report)
        return
    table = Table(
        "a",
        "b",
        "same level",
        "measures jaccard",
        "measures cosine",
        "clauses jaccard",
        "clauses cosine",
        title="pairs",
    )
    for p in report.pairs:
        table.add_row(
            p.a,
            p.b,
            "yes" if p.same_level else "",
            f"{p.measures.jaccard:.3f}",
            f"{p.measures.cosine:.3f}",
            f"{p.clauses.jaccard:.3f}",
            f"{p.clauses.cosine:.3f}",
        )
    console.print(table)
    most = Table(
        "jurisdiction",
        "level",
        f"most similar ({basis}, {metric})",
        "within level",
        title="most similar plans",
    )
    for s in report.most_similar:
        most.add_row(
            s.jurisdiction,
            s.level,
            ", ".join(f"{n.jurisdiction} {n.score:.3f}" for n in s.overall),
            ", ".join(f"{n.jurisdiction} {n.score:.3f}" for n in s.within_level) or "—",
        )
    console.print(most)
    _notes(report.notes)


@analyze_app.command("diffusion")
def diffusion_cmd(
    measure: Annotated[str | None, typer.Option(help="only this measure id")] = None,
    as_json: JsonOption = False,
) -> None:
    """Who adopted each measure first, who followed, and local innovations."""
    with _data() as data:
        report = diffusion(data, measure)
    if as_json:
        print_json(report)
        return
    console.print(
        "plans by issue date: "
        + " < ".join(f"{t.jurisdiction} {t.issued_on or 'undated'}" for t in report.timeline)
    )
    table = Table(
        "measure", "adopters", "first", "followers", "undated", "local", title="diffusion"
    )
    for d in report.measures:
        table.add_row(
            f"{d.label_zh} ({d.measure})",
            str(d.adopter_count),
            d.first_adopter or "—",
            ", ".join(d.followers),
            ", ".join(d.undated_adopters),
            "yes" if d.local_innovation else "",
        )
    console.print(table)
    _notes(report.notes)


@analyze_app.command("gaps")
def gaps_cmd(
    jurisdiction: Annotated[str, typer.Argument(help="jurisdiction id, e.g. heyuan")],
    peer: Annotated[
        list[str] | None, typer.Option(help="compare with these (repeatable; default: all others)")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Outline clauses a plan leaves out, and core measures its peers adopt but it does not."""
    with _data() as data:
        report = gaps(data, jurisdiction, peer or None)
    if as_json:
        print_json(report)
        return
    j = report.jurisdiction
    console.print(
        f"{j.name} ({j.id}, {j.level}): {report.clauses_covered}/{report.clauses_total} "
        f"outline clauses implemented, {report.core_measures_adopted}/"
        f"{report.core_measures_total} core measures adopted"
    )
    clauses = Table("clause", "title", "implemented by peers", title="clauses with no unit")
    for c in report.missing_clauses:
        clauses.add_row(c.clause, c.title, ", ".join(p.jurisdiction for p in c.peers) or "—")
    console.print(clauses)
    measures = Table("measure", "category", "adopted by peers", title="core measures peers adopt")
    for g in report.missing_core_measures:
        measures.add_row(
            f"{g.label_zh} ({g.measure})",
            g.category or "",
            ", ".join(f"{p.jurisdiction} [{p.units[0].unit_id}]" for p in g.peers),
        )
    console.print(measures)
    _notes(report.notes)


@analyze_app.command("centrality")
def centrality_cmd(
    top: Annotated[int, typer.Option(min=1, help="rows to show")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Central measures of the jurisdiction–measure network."""
    with _data() as data:
        report = centrality(data)
    if as_json:
        print_json(report)
        return
    table = Table("measure", "adopters", "degree", "betweenness", "eigenvector", title="centrality")
    for r in report.measures[:top]:
        table.add_row(
            f"{r.label_zh} ({r.measure})",
            str(r.adopters),
            f"{r.degree:.3f}",
            f"{r.betweenness:.4f}",
            f"{r.eigenvector:.4f}",
        )
    console.print(table)
    _notes(report.notes)


@analyze_app.command("communities")
def communities_cmd(
    seed: Annotated[int, typer.Option(help="Louvain seed")] = 42,
    resolution: Annotated[float, typer.Option(min=0.01, help="Louvain resolution")] = 1.0,
    as_json: JsonOption = False,
) -> None:
    """Groups of measures adopted together (Louvain, fixed seed)."""
    with _data() as data:
        report = communities(data, seed, resolution)
    if as_json:
        print_json(report)
        return
    console.print(f"{report.method}; modularity {report.modularity}")
    table = Table("#", "size", "adopted by all", "measures", title="communities")
    for c in report.communities:
        table.add_row(
            str(c.index), str(c.size), ", ".join(c.adopted_by_all) or "—", ", ".join(c.labels_zh)
        )
    console.print(table)
    _notes(report.notes)
