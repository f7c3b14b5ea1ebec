"""Score the tagger's adoption decisions against hand-made labels.

The labels (``data/labels/adoption_labels.yaml``) say, for each core measure and
each jurisdiction, whether the plan adopts the measure; they were made by
reading the plans. The tagger predicts adoption when at least one unit of the
jurisdiction's plan carries an adopting tag of the measure
(:func:`policykg.ontology.tagger.adoptions`). Each (measure, jurisdiction) pair
is one binary decision; the report gives per-measure and micro-averaged
precision, recall and F1, naming the jurisdictions behind every error.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from policykg.errors import InvalidInput
from policykg.model import Document
from policykg.ontology.tagger import Tagger, adoptions
from policykg.ontology.vocab import bundled_ontology
from policykg.yamlfile import load_yaml


class AdoptionLabel(BaseModel):
    """One judgement: does this plan adopt this measure?"""

    model_config = ConfigDict(extra="forbid", frozen=True)

    adopts: bool
    sentence: str | None = Field(default=None, description="verbatim quote showing adoption")
    note: str | None = None


class AdoptionLabels(BaseModel):
    """The whole labelled set: ``labels[measure_id][jurisdiction_id]``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdictions: list[str]
    labels: dict[str, dict[str, AdoptionLabel]]


def load_adoption_labels(path: Path) -> AdoptionLabels:
    """Read and validate an adoption-label file.

    Raises:
        InvalidInput: the file is missing or malformed, a true label lacks its
            sentence, or a measure does not cover every listed jurisdiction.
    """
    labels = load_yaml(path, AdoptionLabels)
    for measure_id, by_jur in labels.labels.items():
        if set(by_jur) != set(labels.jurisdictions):
            raise InvalidInput(f"labels of {measure_id} do not cover {labels.jurisdictions}")
        for jur, label in by_jur.items():
            if label.adopts and not label.sentence:
                raise InvalidInput(f"{measure_id}/{jur} adopts but quotes no sentence")
    return labels


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    # With nothing predicted, precision is 1 (no false claim); with nothing to
    # find, recall is 1. F1 is their harmonic mean, 0 when both are 0.
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


class MeasureScore(BaseModel):
    """Precision, recall and F1 of one measure over the jurisdictions."""

    measure_id: str
    tp: list[str] = Field(default_factory=list, description="jurisdictions correctly tagged")
    fp: list[str] = Field(default_factory=list, description="tagged, but the label says no")
    fn: list[str] = Field(default_factory=list, description="labelled adopting, not tagged")
    tn: list[str] = Field(default_factory=list)
    precision: float
    recall: float
    f1: float


class AdoptionReport(BaseModel):
    """The result of :func:`evaluate_adoption`."""

    jurisdictions: list[str]
    measures: list[MeasureScore]
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float = Field(description="micro-averaged over all (measure, jurisdiction) pairs")
    recall: float
    f1: float

    def failures(self) -> list[tuple[str, str, str]]:
        """Every error as ``(measure_id, jurisdiction, "FP" | "FN")``."""
        out: list[tuple[str, str, str]] = []
        for m in self.measures:
            out += [(m.measure_id, j, "FP") for j in m.fp]
            out += [(m.measure_id, j, "FN") for j in m.fn]
        return out

    def to_table(self) -> str:
        """A plain-text table: one row per measure, then the micro average."""
        width = max([len("measure"), *(len(m.measure_id) for m in self.measures)])
        header = f"{'measure':<{width}}  {'P':>5} {'R':>5} {'F1':>5}  errors"
        lines = [header, "-" * len(header)]
        for m in self.measures:
            errors = ", ".join([*(f"FP:{j}" for j in m.fp), *(f"FN:{j}" for j in m.fn)])
            lines.append(
                f"{m.measure_id:<{width}}  {m.precision:5.2f} {m.recall:5.2f} {m.f1:5.2f}  {errors}"
            )
        lines.append("-" * len(header))
        lines.append(
            f"{'micro':<{width}}  {self.precision:5.2f} {self.recall:5.2f} {self.f1:5.2f}  "
            f"TP={self.tp} FP={self.fp} FN={self.fn} TN={self.tn}"
        )
        return "\n".join(lines)


def evaluate_adoption(
    documents: list[Document], labels_path: Path, tagger: Tagger | None = None
) -> AdoptionReport:
    """Tag the documents and score their adoptions against the labels.

    The documents are tagged on copies, so the caller's units keep whatever
    tags they had. Only jurisdictions that have both a document and labels are
    scored.

    Args:
        documents: loaded plans, one per jurisdiction.
        labels_path: an adoption-label YAML file.
        tagger: the tagger to use; one over the bundled ontology when None.

    Raises:
        InvalidInput: the labels cannot be read, or no document has labels.
    """
    labels = load_adoption_labels(labels_path)
    tagger = tagger or Tagger(bundled_ontology())
    predicted: dict[str, set[str]] = {}
    for doc in documents:
        copy = doc.model_copy(deep=True)
        tagger.tag_document(copy)
        predicted[doc.jurisdiction.id] = set(adoptions(copy))
    jurisdictions = [j for j in labels.jurisdictions if j in predicted]
    if not jurisdictions:
        raise InvalidInput("none of the documents belongs to a labelled jurisdiction")
    scores: list[MeasureScore] = []
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for measure_id, by_jur in labels.labels.items():
        cells: dict[str, list[str]] = {"tp": [], "fp": [], "fn": [], "tn": []}
        for jur in jurisdictions:
            gold = by_jur[jur].adopts
            pred = measure_id in predicted[jur]
            key = ("tp" if pred else "fn") if gold else ("fp" if pred else "tn")
            cells[key].append(jur)
        for key, value in cells.items():
            totals[key] += len(value)
        p, r, f = _prf(len(cells["tp"]), len(cells["fp"]), len(cells["fn"]))
        scores.append(MeasureScore(measure_id=measure_id, precision=p, recall=r, f1=f, **cells))
    p, r, f = _prf(totals["tp"], totals["fp"], totals["fn"])
    return AdoptionReport(
        jurisdictions=jurisdictions, measures=scores, precision=p, recall=r, f1=f, **totals
    )
