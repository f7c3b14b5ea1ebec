"""Score the tagger's adoption decisions against hand-made labels.

The labels (``data/labels/adoption_labels.yaml``) say, for each core measure and
each jurisdiction, whether the plan adopts the measure; they were made by
reading the plans. The tagger predicts adoption when at least one unit of the
jurisdiction's plan carries an adopting tag of the measure
(:func:`policykg.ontology.tagger.adoptions`). Each (measure, jurisdiction) pair
is one binary decision; the report gives per-measure, per-plan and
micro-averaged precision, recall and F1, naming the jurisdictions behind every
error.

Three figures, side by side (:func:`adoption_summary`):

* **in-sample**: the bundled vocabulary as it is. Its altLabels were collected
  by reading these very plans, so this says the vocabulary covers them.
* **held-out vocabulary**: each plan is scored by a tagger without the labels
  that only that plan could have taught. A label's provenance is derived, not
  stored: the set of bundled plans whose text holds it
  (:func:`label_provenance`). A label found in plan P alone is dropped when
  scoring P; a label found in several plans could have come from another one
  and stays; a label found in none, and the labels of
  ``data/reference/core_measures.yaml`` (core prefLabels and hints), are
  curated and stay. This estimates what the tagger does on a plan it has not
  seen.
* **always adopt**: answering "adopts" for every core measure and plan, the
  floor any tagger must beat (most core measures are adopted almost everywhere).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from policykg.errors import InvalidInput
from policykg.model import Document
from policykg.ontology.reference import CoreReference, bundled_core_reference
from policykg.ontology.tagger import Tagger, adoptions
from policykg.ontology.vocab import Ontology, bundled_ontology
from policykg.text import to_simplified
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


class PlanScore(BaseModel):
    """Precision, recall and F1 of one plan over the labelled measures."""

    jurisdiction: str
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float


class AdoptionReport(BaseModel):
    """The result of :func:`evaluate_adoption`."""

    jurisdictions: list[str]
    measures: list[MeasureScore]
    plans: list[PlanScore] = Field(default_factory=list, description="one row per jurisdiction")
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


def _score(
    labels: AdoptionLabels, jurisdictions: list[str], predicted: Mapping[str, set[str]]
) -> AdoptionReport:
    scores: list[MeasureScore] = []
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    per_plan = {j: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for j in jurisdictions}
    for measure_id, by_jur in labels.labels.items():
        cells: dict[str, list[str]] = {"tp": [], "fp": [], "fn": [], "tn": []}
        for jur in jurisdictions:
            gold = by_jur[jur].adopts
            pred = measure_id in predicted[jur]
            key = ("tp" if pred else "fn") if gold else ("fp" if pred else "tn")
            cells[key].append(jur)
            per_plan[jur][key] += 1
        for key, value in cells.items():
            totals[key] += len(value)
        p, r, f = _prf(len(cells["tp"]), len(cells["fp"]), len(cells["fn"]))
        scores.append(MeasureScore(measure_id=measure_id, precision=p, recall=r, f1=f, **cells))
    plans = []
    for jur, c in per_plan.items():
        p, r, f = _prf(c["tp"], c["fp"], c["fn"])
        plans.append(PlanScore(jurisdiction=jur, precision=p, recall=r, f1=f, **c))
    p, r, f = _prf(totals["tp"], totals["fp"], totals["fn"])
    return AdoptionReport(
        jurisdictions=jurisdictions,
        measures=scores,
        plans=plans,
        precision=p,
        recall=r,
        f1=f,
        **totals,
    )


def _labelled(labels: AdoptionLabels, documents: Iterable[Document]) -> list[str]:
    have = {d.jurisdiction.id for d in documents}
    jurisdictions = [j for j in labels.jurisdictions if j in have]
    if not jurisdictions:
        raise InvalidInput("none of the documents belongs to a labelled jurisdiction")
    return jurisdictions


def evaluate_adoption(
    documents: list[Document],
    labels_path: Path,
    tagger: Tagger | None = None,
    *,
    tagger_for: Callable[[str], Tagger] | None = None,
) -> AdoptionReport:
    """Tag the documents and score their adoptions against the labels.

    The documents are tagged on copies, so the caller's units keep whatever
    tags they had. Only jurisdictions that have both a document and labels are
    scored.

    Args:
        documents: loaded plans, one per jurisdiction.
        labels_path: an adoption-label YAML file.
        tagger: the tagger to use; one over the bundled ontology when None.
        tagger_for: a tagger per jurisdiction id (the held-out vocabulary);
            overrides ``tagger``.

    Raises:
        InvalidInput: the labels cannot be read, or no document has labels.
    """
    labels = load_adoption_labels(labels_path)
    jurisdictions = _labelled(labels, documents)
    shared = tagger or Tagger(bundled_ontology())
    predicted: dict[str, set[str]] = {}
    for doc in documents:
        jid = doc.jurisdiction.id
        copy = doc.model_copy(deep=True)
        (tagger_for(jid) if tagger_for else shared).tag_document(copy)
        predicted[jid] = set(adoptions(copy))
    return _score(labels, jurisdictions, predicted)


def always_adopt(documents: list[Document], labels_path: Path) -> AdoptionReport:
    """The baseline that answers "adopts" for every labelled measure and plan."""
    labels = load_adoption_labels(labels_path)
    jurisdictions = _labelled(labels, documents)
    every = set(labels.labels)
    return _score(labels, jurisdictions, {j: every for j in jurisdictions})


def _plan_text(doc: Document) -> str:
    return to_simplified("\n".join(f"{u.heading}\n{u.text}" for u in doc.units))


def curated_labels(reference: CoreReference | None = None) -> set[str]:
    """Labels written before any plan was read: core prefLabels and their hints."""
    reference = reference or bundled_core_reference()
    return {to_simplified(x) for m in reference.measures for x in (m.zh, *m.hints)}


def label_provenance(ontology: Ontology, documents: Iterable[Document]) -> dict[str, set[str]]:
    """For every zh label of the ontology, the plans whose text holds it.

    The text is each unit's heading and text in simplified script, what the
    tagger reads. A label no plan holds maps to an empty set.
    """
    texts = {d.jurisdiction.id: _plan_text(d) for d in documents}
    labels = {to_simplified(x) for m in ontology.measures for x in m.labels_zh}
    return {label: {j for j, text in texts.items() if label in text} for label in sorted(labels)}


def without_own_labels(
    ontology: Ontology, jurisdiction: str, provenance: Mapping[str, set[str]], keep: set[str]
) -> Ontology:
    """The ontology minus the labels only ``jurisdiction``'s plan holds (``keep`` excepted).

    A measure whose preferred label goes is matched by its remaining labels; a
    measure left with none is left out (that plan could not have taught it).
    """

    def own(label: str) -> bool:
        s = to_simplified(label)
        return s not in keep and provenance.get(s) == {jurisdiction}

    measures = []
    for m in ontology.measures:
        labels = [x for x in m.labels_zh if not own(x)]
        if not labels:
            continue
        measures.append(
            m.model_copy(
                update={
                    "label_zh": labels[0],
                    "alt_labels": labels[1:],
                    "context_labels": [x for x in m.context_labels if x in labels],
                    "topic_labels": [x for x in m.topic_labels if x in labels],
                }
            )
        )
    return ontology.model_copy(update={"measures": measures})


class AdoptionSummary(BaseModel):
    """The three adoption figures, per plan and pooled (see the module docstring)."""

    in_sample: AdoptionReport
    heldout: AdoptionReport
    always_adopt: AdoptionReport
    #: jurisdiction -> labels dropped when scoring it (found in its plan only)
    dropped_labels: dict[str, list[str]]

    def to_table(self) -> str:
        """Per plan and pooled: P/R/F1 of the three, then the held-out errors."""
        head = f"{'plan':<10}" + "".join(
            f"  {name:^17}" for name in ("in-sample", "held-out vocab", "always adopt")
        )
        sub = f"{'':<10}" + "  {:>5} {:>5} {:>5}".format("P", "R", "F1") * 3
        lines = [
            f"measure adoption, {len(self.in_sample.measures)} core measures x "
            f"{len(self.in_sample.jurisdictions)} plans",
            head,
            sub,
        ]
        reports = (self.in_sample, self.heldout, self.always_adopt)
        rows = [
            [next(p for p in r.plans if p.jurisdiction == j) for r in reports]
            for j in self.in_sample.jurisdictions
        ]
        for j, row in zip(self.in_sample.jurisdictions, rows, strict=True):
            lines.append(
                f"{j:<10}"
                + "".join(f"  {p.precision:5.2f} {p.recall:5.2f} {p.f1:5.2f}" for p in row)
            )
        lines.append(
            f"{'pooled':<10}"
            + "".join(f"  {r.precision:5.2f} {r.recall:5.2f} {r.f1:5.2f}" for r in reports)
        )
        dropped = sum(len(v) for v in self.dropped_labels.values())
        lines += [
            "",
            f"held-out vocabulary: {dropped} labels found in one plan only, dropped when "
            "scoring that plan",
        ]
        errors = self.heldout.failures()
        if errors:
            lines.append("held-out errors: " + ", ".join(f"{k}:{m}/{j}" for m, j, k in errors))
        return "\n".join(lines)


def adoption_summary(
    documents: list[Document],
    labels_path: Path,
    ontology: Ontology | None = None,
    reference: CoreReference | None = None,
) -> AdoptionSummary:
    """In-sample, held-out-vocabulary and always-adopt scores of the same labels.

    Args:
        documents: the labelled plans (the bundled corpus).
        labels_path: an adoption-label YAML file.
        ontology: the vocabulary; the bundled one when None.
        reference: the core reference whose labels count as curated.
    """
    ontology = ontology or bundled_ontology()
    provenance = label_provenance(ontology, documents)
    keep = curated_labels(reference)
    taggers: dict[str, Tagger] = {}
    dropped: dict[str, list[str]] = {}
    for doc in documents:
        jid = doc.jurisdiction.id
        held = without_own_labels(ontology, jid, provenance, keep)
        taggers[jid] = Tagger(held)
        dropped[jid] = sorted(
            x for x, plans in provenance.items() if plans == {jid} and x not in keep
        )
    return AdoptionSummary(
        in_sample=evaluate_adoption(documents, labels_path, Tagger(ontology)),
        heldout=evaluate_adoption(documents, labels_path, tagger_for=taggers.__getitem__),
        always_adopt=always_adopt(documents, labels_path),
        dropped_labels=dropped,
    )
