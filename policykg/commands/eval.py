"""``policykg eval``: score the tagger and the linker against the hand-made labels."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from policykg.commands.common import JsonOption, console, print_json
from policykg.errors import InvalidInput

eval_app = typer.Typer(help="Score the tagger and the linker against hand-made labels.")


def _parsed_corpus() -> list[Any]:
    from policykg.pipeline import Pipeline, corpus_entries
    from policykg.resources import corpus_dir

    pipeline = Pipeline()
    return [pipeline.parse_file(path, entry) for entry, path in corpus_entries(corpus_dir())]


def _default_labels(name: str) -> Path:
    """Where the bundled labels file ``name`` is."""
    from policykg import resources

    # The labels are moving into the package data (resources.labels_path); until
    # then they are test data, present in a checkout only.
    labels_path = getattr(resources, "labels_path", None)
    if labels_path is not None:
        path = Path(labels_path(name))
    else:
        import policykg

        path = Path(policykg.__file__).resolve().parents[1] / "tests" / "data" / name
    if not path.exists():
        raise InvalidInput(f"labels {name} not found at {path}; pass --labels")
    return path


@eval_app.command("adoption")
def eval_adoption(
    labels: Annotated[Path | None, typer.Option(help="labels YAML")] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of measure adoption per measure and overall."""
    from policykg.ontology.evaluation import evaluate_adoption

    report = evaluate_adoption(_parsed_corpus(), labels or _default_labels("adoption_labels.yaml"))
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

    report = evaluate_clauses(_parsed_corpus(), labels or _default_labels("clause_labels.yaml"))
    if as_json:
        print_json(report.model_dump())
    else:
        console.print(report.to_table(), soft_wrap=True)
