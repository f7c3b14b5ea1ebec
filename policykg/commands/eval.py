"""``policykg eval``: score the tagger and the linker against the hand-made labels."""

from __future__ import annotations

import dataclasses
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


def _loaded(folder: Path) -> list[Any]:
    """The plans of a corpus folder, loaded (not tagged: the evaluations tag copies)."""
    from policykg.loaders import load_document, read_plan_bytes
    from policykg.pipeline import corpus_entries

    limit = 20 * 1024 * 1024
    return [
        load_document(read_plan_bytes(path, limit), entry) for entry, path in corpus_entries(folder)
    ]


@eval_app.command("adoption")
def eval_adoption(
    labels: Annotated[Path | None, typer.Option(help="adoption labels YAML")] = None,
    tag_labels: Annotated[
        Path | None, typer.Option(help="judged tags YAML (unit-level precision)")
    ] = None,
    measures: Annotated[
        bool, typer.Option(help="also list every measure's held-out score")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Adoption P/R/F1 in-sample, with held-out vocabulary and always-adopt; tag precision."""
    from policykg.errors import InvalidInput
    from policykg.ontology.evaluation import adoption_summary
    from policykg.ontology.tag_precision import evaluate_tag_precision
    from policykg.ontology.tagger import Tagger
    from policykg.ontology.vocab import bundled_ontology
    from policykg.resources import corpus_dir

    bundled = _loaded(corpus_dir())
    summary = adoption_summary(bundled, labels or labels_path("adoption_labels.yaml"))
    # The judged sample spans the bundled plans and the development fixtures,
    # which live in a checkout's tests/data; an installed wheel scores the
    # bundled part and says so.
    note = ""
    try:
        plans = bundled + _loaded(_tests_data() / "fixtures")
    except InvalidInput:
        plans, note = bundled, "development fixtures not found: bundled plans only"
    precision = evaluate_tag_precision(
        plans, tag_labels or labels_path("tag_labels.yaml"), Tagger(bundled_ontology())
    )
    if as_json:
        print_json(
            {
                "adoption": summary.model_dump(),
                "tag_precision": {
                    **precision.model_dump(exclude={"outcomes"}),
                    "pooled": {
                        name: cell.model_dump()
                        | {
                            "adoption_precision": cell.adoption_precision,
                            "concept_precision": cell.concept_precision,
                        }
                        for name, cell in (
                            ("core", precision.pooled("core")),
                            ("other", precision.pooled("other")),
                            ("all", precision.pooled()),
                        )
                    },
                    "not_predicted": precision.count("not_predicted"),
                    "unmatched": precision.count("unmatched"),
                },
            }
        )
        return
    console.print(summary.to_table(), soft_wrap=True, markup=False)
    if measures:
        console.print()
        console.print(summary.heldout.to_table(), soft_wrap=True, markup=False)
    console.print()
    console.print(precision.to_table(), soft_wrap=True, markup=False)
    if note:
        console.print(f"note: {note}", markup=False)


@eval_app.command("clauses")
def eval_clauses(
    labels: Annotated[Path | None, typer.Option(help="labels YAML")] = None,
    as_json: JsonOption = False,
) -> None:
    """Clause linker: top-1/top-3 accuracy and stored-link precision per plan (held out)."""
    from policykg.linker.evaluation import evaluate_clauses

    report = evaluate_clauses(_parsed_corpus(), labels or labels_path("clause_labels.yaml"))
    if as_json:
        print_json(dataclasses.asdict(report))
    else:
        console.print(report.to_table(), soft_wrap=True)


#: The plan sets of a checkout: the bundled corpus (scored on its golden files),
#: the development fixtures and the held-out fixtures, by name -> folder under
#: tests/data/ (None: the bundled corpus, scored on the golden files there).
PLAN_SETS: dict[str, str | None] = {
    "bundled": None,
    "dev": "fixtures",
    "heldout": "heldout",
    "heldout2": "heldout2",
    "heldout3": "heldout3",
    "heldout4": "heldout4",
}


def _present_sets(data: Path) -> tuple[list[str], list[str]]:
    """The named plan sets this checkout holds, and those it lacks.

    A set is present when its folder has a manifest (the bundled set when its
    golden files are there): a held-out set may be kept out of a checkout on
    purpose, and scoring the others must not fail for it.
    """
    present: list[str] = []
    absent: list[str] = []
    for name, folder in PLAN_SETS.items():
        here = (
            any(data.glob("*.expected.json"))
            if folder is None
            else (data / folder / "manifest.yaml").is_file()
        )
        (present if here else absent).append(name)
    return present, absent


def _tests_data() -> Path:
    import policykg
    from policykg.errors import InvalidInput

    path = Path(policykg.__file__).resolve().parents[1] / "tests" / "data"
    if not path.is_dir():
        raise InvalidInput(
            f"no tests/data beside the package ({path}): the plan sets live in a checkout; "
            "name a folder with a manifest and expectation files instead"
        )
    return path


@eval_app.command("plans")
def eval_plans(
    sets: Annotated[
        list[str] | None,
        typer.Argument(
            help="bundled, dev, heldout, heldout2, heldout3, heldout4, or a folder with "
            "manifest.yaml and "
            "<plan>.expected.yaml files (default: every named set this checkout holds)"
        ),
    ] = None,
    failures: Annotated[bool, typer.Option(help="list every wrong fact")] = False,
    as_json: JsonOption = False,
) -> None:
    """Facts recovered per plan and pooled: metadata, headings, agencies, targets, adoption."""
    from policykg.pipeline import Pipeline
    from policykg.plan_eval import PlanReport, evaluate_bundled, evaluate_folder
    from policykg.resources import corpus_dir

    pipeline = Pipeline()
    reports: list[PlanReport] = []
    absent: list[str] = []
    if not sets:
        sets, absent = _present_sets(_tests_data())
    for name in sets:
        if name in PLAN_SETS:
            folder = PLAN_SETS[name]
            data = _tests_data()
            if folder is None:
                reports.append(
                    evaluate_bundled(
                        corpus_dir(), data, labels_path("adoption_labels.yaml"), pipeline
                    )
                )
            else:
                reports.append(evaluate_folder(data / folder, pipeline, name=name))
        else:
            reports.append(evaluate_folder(Path(name), pipeline))
    if as_json:
        print_json([r.summary() for r in reports])
        return
    if absent:
        console.print(f"not in this checkout: {', '.join(absent)}", markup=False)
        console.print()
    for report in reports:
        console.print(report.to_table(), soft_wrap=True, markup=False)
        if failures:
            for plan, fact in report.failures():
                console.print(
                    f"  {plan} {fact.category} {fact.key}: expected {fact.expected!r}, "
                    f"got {fact.got!r}",
                    soft_wrap=True,
                    markup=False,
                )
        console.print()
