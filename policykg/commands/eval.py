"""``policykg eval``: score the tagger and the linker against the hand-made labels."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from policykg.commands.common import JsonOption, console, print_json
from policykg.resources import labels_path

eval_app = typer.Typer(help="Score the tagger and the linker against hand-made labels.")


def _parsed_corpus() -> list[Any]:
    from policykg.pipeline import Pipeline, corpus_entries
    from policykg.resources import corpus_dir

    pipeline = Pipeline()
    return [pipeline.parse_file(path, entry) for entry, path in corpus_entries(corpus_dir())]


@eval_app.command("adoption")
def eval_adoption(
    labels: Annotated[Path | None, typer.Option(help="labels YAML")] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of measure adoption per measure and overall."""
    from policykg.ontology.evaluation import evaluate_adoption

    report = evaluate_adoption(_parsed_corpus(), labels or labels_path("adoption_labels.yaml"))
    if as_json:
        print_json(report.model_dump())
    else:
        console.print(report.to_table(), soft_wrap=True)


@eval_app.command("clauses")
def eval_clauses(
    labels: Annotated[Path | None, typer.Option(help="labels YAML")] = None,
    as_json: JsonOption = False,
) -> None:
    """Top-1 and top-3 accuracy of the clause linker."""
    from policykg.linker.evaluation import evaluate_clauses

    report = evaluate_clauses(_parsed_corpus(), labels or labels_path("clause_labels.yaml"))
    if as_json:
        print_json(report.model_dump())
    else:
        console.print(report.to_table(), soft_wrap=True)
