"""``policykg vocab``: check the measure vocabulary and find what it misses.

``check`` runs the SHACL shapes and the structural and label checks of
:mod:`policykg.ontology.checks` (an ambiguous short label without a context
rule is an error) and exits 1 when anything fails. ``suggest`` lists phrases
that recur across plans in text no measure tags (:mod:`policykg.ontology.suggest`),
with their units, for a curator to add as labels or concepts in
``ontology/measures.ttl``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from policykg.commands.common import JsonOption, console, print_json

vocab_app = typer.Typer(
    help="Check the measure vocabulary and suggest what it misses.", no_args_is_help=True
)

OntologyOption = Annotated[
    Path | None,
    typer.Option(
        "--ontology",
        help="folder with measures.ttl and indicators.ttl, or one .ttl file (default: bundled)",
    ),
]


@vocab_app.command("check")
def vocab_check(ontology: OntologyOption = None, as_json: JsonOption = False) -> None:
    """SHACL shapes and label checks of the vocabulary; exit 1 when any fails."""
    from policykg.ontology.checks import label_problems, validate_shapes
    from policykg.ontology.export import ontology_graph
    from policykg.ontology.vocab import ontology_from_graph

    graph = ontology_graph(ontology)
    problems = label_problems(graph)
    conforms, report = validate_shapes(graph)
    if not conforms:
        problems.append(report.strip())
    onto = ontology_from_graph(graph) if not problems else None
    counts = (
        {
            "measures": len(onto.measures),
            "labels": sum(len(m.labels_zh) for m in onto.measures),
            "context_labels": sum(len(m.context_labels) for m in onto.measures),
            "topic_labels": sum(len(m.topic_labels) for m in onto.measures),
            "ip_cues": len(onto.ip_cues),
        }
        if onto
        else {}
    )
    if as_json:
        print_json({"ok": not problems, "problems": problems, **counts})
    elif problems:
        for p in problems:
            console.print(f"problem: {p}", soft_wrap=True, markup=False)
        console.print(f"{len(problems)} problems", markup=False)
    else:
        console.print(
            "ok: {measures} measures, {labels} zh labels ({context_labels} need IP context, "
            "{topic_labels} need a cue of their measure), {ip_cues} IP cues; "
            "SHACL shapes and label checks pass".format(**counts),
            soft_wrap=True,
            markup=False,
        )
    if problems:
        raise typer.Exit(1)


@vocab_app.command("suggest")
def vocab_suggest(
    corpus: Annotated[
        list[Path] | None,
        typer.Option(help="corpus folder with manifest.yaml, repeatable (default: bundled)"),
    ] = None,
    ontology: OntologyOption = None,
    min_plans: Annotated[int, typer.Option(min=1, help="plans a phrase must recur in")] = 2,
    top: Annotated[int, typer.Option(min=1, help="suggestions to show")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Phrases recurring across plans in text no measure tags, with their units, ranked."""
    from policykg.commands.eval import _loaded
    from policykg.ontology.suggest import suggest
    from policykg.ontology.tagger import Tagger
    from policykg.ontology.vocab import bundled_ontology, load_ontology
    from policykg.resources import corpus_dir

    documents = [d for folder in corpus or [corpus_dir()] for d in _loaded(folder)]
    vocabulary = load_ontology(ontology) if ontology else bundled_ontology()
    found = suggest(documents, Tagger(vocabulary), min_plans=min_plans, limit=top)
    if as_json:
        print_json([s.model_dump() for s in found])
        return
    table = Table("phrase", "plans", "units", "first unit", "clause")
    for s in found:
        e = s.units[0]
        table.add_row(
            s.phrase, str(len(s.plans)), str(len(s.units)), f"{e.plan} {e.heading}", e.clause
        )
    console.print(table)
    console.print(
        f"{len(found)} candidates from {len(documents)} plans; add the good ones to "
        "ontology/measures.ttl as altLabels or new concepts, then run `policykg vocab check`",
        markup=False,
    )
