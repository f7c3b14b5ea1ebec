"""Measure the clause linker against hand labels, and refit its weights.

Labels (``data/labels/clause_labels.yaml``) name a unit by jurisdiction and
heading and list every clause a reader accepts for it. A unit is a top-k hit
when any acceptable clause is among its k best-ranked clauses.

The figures :func:`evaluate_clauses` reports are cross-validated by default:
for each plan, the weights are refitted on the labels of the other plans only
and the held-out plan is ranked with them (leave-one-plan-out), so a plan's
own labels never tune the model that is scored on it. ``cross_validate=False``
scores the bundled weights, which were fitted on every label: that figure is
in-sample and overstates what to expect on a new plan.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from policykg.errors import InvalidInput
from policykg.linker.features import heading_key
from policykg.linker.linker import Linker
from policykg.linker.model import DEFAULT_THRESHOLD, MAX_LINKS, WEIGHTS_PATH, Weights, fit
from policykg.model import LINKABLE_KINDS, Document, Unit
from policykg.ontology.outline import Outline, bundled_outline
from policykg.yamlfile import load_yaml


class ClauseLabel(BaseModel):
    """One hand label: the clauses a reader accepts for one unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdiction: str
    heading: str = Field(min_length=1)
    clauses: list[str] = Field(min_length=1)


class _LabelFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    labels: list[ClauseLabel]


def load_labels(path: Path) -> list[ClauseLabel]:
    """Read and validate a labels file.

    Raises:
        InvalidInput: missing file, bad YAML, or a label in the wrong shape.
    """
    return load_yaml(path, _LabelFile).labels


def find_unit(doc: Document, heading: str) -> Unit:
    """The one linkable unit of ``doc`` whose heading matches ``heading``.

    An exact match of the reduced headings (simplified script, no marker, no
    punctuation) wins; otherwise the label may be a prefix of the heading.

    Raises:
        InvalidInput: no unit or several units match.
    """
    key = heading_key(heading)
    units = [u for u in doc.units if u.kind in LINKABLE_KINDS]
    exact = [u for u in units if heading_key(u.heading) == key]
    found = exact or [u for u in units if heading_key(u.heading).startswith(key)]
    if len(found) != 1:
        where = ", ".join(f"{u.id} {u.heading!r}" for u in found) or "none"
        raise InvalidInput(
            f"label {doc.jurisdiction.id}/{heading!r} must match exactly one linkable unit;"
            f" matched {len(found)}: {where}"
        )
    return found[0]


@dataclass
class _Example:
    label: ClauseLabel
    unit: Unit
    x: np.ndarray
    y: np.ndarray


@dataclass
class Miss:
    """A labelled unit whose best clause is not an accepted one."""

    jurisdiction: str
    unit_id: str
    heading: str
    expected: list[str]
    ranked: list[tuple[str, float]]
    top3: bool


@dataclass
class ClauseReport:
    """Top-k accuracy of the linker on the labelled units."""

    n: int
    top1: float
    top3: float
    cross_validated: bool
    per_plan: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    #: (score bin low, high, pairs, share correct): do scores mean probabilities?
    reliability: list[tuple[float, float, int, float]] = field(default_factory=list)
    #: Share of labelled units that would store at least one link (score >= threshold).
    linked_share: float = 0.0
    #: Share of the links that would be stored (top 3, score >= threshold) judged correct.
    stored_precision: float = 0.0

    def to_table(self) -> str:
        """A plain-text report: totals, per plan, reliability, then every miss."""
        how = "leave-one-plan-out" if self.cross_validated else "in-sample (bundled weights)"
        lines = [
            f"clause linking, {self.n} labelled units, {how}",
            f"top-1 {self.top1:.3f}   top-3 {self.top3:.3f}",
            f"units with a stored link {self.linked_share:.3f}"
            f"   stored links correct {self.stored_precision:.3f}",
            "",
            f"{'plan':<12}{'units':>6}{'top-1':>8}{'top-3':>8}",
        ]
        for plan, (n, t1, t3) in sorted(self.per_plan.items()):
            lines.append(f"{plan:<12}{n:>6}{t1:>8.3f}{t3:>8.3f}")
        if self.reliability:
            lines += ["", f"{'score':<12}{'pairs':>6}{'correct':>9}"]
            for lo, hi, n, share in self.reliability:
                lines.append(f"{lo:.1f}-{hi:.1f}{'':<5}{n:>6}{share:>9.2f}")
        if self.misses:
            lines += ["", "misses (expected | ranked):"]
            for m in self.misses:
                ranked = " ".join(f"{c}:{s:.2f}" for c, s in m.ranked)
                flag = "" if m.top3 else "  (not in top-3)"
                lines.append(
                    f"  {m.jurisdiction} {m.heading[:24]} | {','.join(m.expected)} | {ranked}{flag}"
                )
        return "\n".join(lines)


def _examples(
    linker: Linker, documents: Sequence[Document], labels: Sequence[ClauseLabel]
) -> list[_Example]:
    by_jurisdiction = {d.jurisdiction.id: d for d in documents}
    ids = linker.index.clause_ids
    examples = []
    seen: dict[str, ClauseLabel] = {}
    for label in labels:
        doc = by_jurisdiction.get(label.jurisdiction)
        if doc is None:
            raise InvalidInput(f"label names jurisdiction {label.jurisdiction!r}, not loaded")
        unknown = set(label.clauses) - set(ids)
        if unknown:
            raise InvalidInput(f"label {label.heading!r} names unknown clauses {sorted(unknown)}")
        unit = find_unit(doc, label.heading)
        if unit.id in seen:
            raise InvalidInput(
                f"labels {seen[unit.id].heading!r} and {label.heading!r} both match unit {unit.id}"
            )
        seen[unit.id] = label
        x, _ = linker.features(unit, doc)
        y = np.array([1.0 if cid in label.clauses else 0.0 for cid in ids])
        examples.append(_Example(label, unit, x, y))
    return examples


def _fit(examples: Sequence[_Example], meta: dict[str, object] | None = None) -> Weights:
    return fit(np.vstack([e.x for e in examples]), np.concatenate([e.y for e in examples]), meta)


def _reliability(scores: np.ndarray, truth: np.ndarray) -> list[tuple[float, float, int, float]]:
    edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001]
    rows = []
    for lo, hi in itertools.pairwise(edges):
        mask = (scores >= lo) & (scores < hi)
        if mask.any():
            rows.append((lo, min(hi, 1.0), int(mask.sum()), float(truth[mask].mean())))
    return rows


def evaluate_clauses(
    documents: Sequence[Document],
    labels_path: Path,
    *,
    measure_clauses: Mapping[str, Sequence[str]] | None = None,
    outline: Outline | None = None,
    cross_validate: bool = True,
    weights: Weights | None = None,
) -> ClauseReport:
    """Top-1 and top-3 accuracy of clause ranking on the labelled units.

    Args:
        documents: loaded (and, for the measure signal, tagged) plans.
        labels_path: the labels YAML.
        measure_clauses: measure id -> clause ids; the bundled ontology's if None.
        outline: the bundled outline if None.
        cross_validate: refit per held-out plan (honest); False scores ``weights``
            (default: the bundled weights, fitted on all labels).
        weights: weights for the in-sample evaluation.

    Raises:
        InvalidInput: a label matches no unit or several.
    """
    from policykg.linker.linker import default_measure_clauses

    mc = default_measure_clauses() if measure_clauses is None else measure_clauses
    if weights is None and cross_validate:
        weights = Weights(coef={}, intercept=0.0)  # refitted per fold; avoid the bundled file
    linker = Linker(outline or bundled_outline(), mc, weights=weights)
    examples = _examples(linker, documents, load_labels(labels_path))
    scores: dict[int, np.ndarray] = {}
    if cross_validate:
        for plan in sorted({e.label.jurisdiction for e in examples}):
            train = [e for e in examples if e.label.jurisdiction != plan]
            w = _fit(train)
            for i, e in enumerate(examples):
                if e.label.jurisdiction == plan:
                    scores[i] = w.predict(e.x)
    else:
        for i, e in enumerate(examples):
            scores[i] = linker.weights.predict(e.x)
    ids = linker.index.clause_ids
    hits1: list[bool] = []
    hits3: list[bool] = []
    misses = []
    stored = stored_ok = units_linked = 0
    per: dict[str, list[tuple[bool, bool]]] = {}
    for i, e in enumerate(examples):
        order = sorted(range(len(ids)), key=lambda j, s=scores[i]: (-s[j], j))  # type: ignore[misc]
        top = [ids[j] for j in order[:3]]
        h1, h3 = top[0] in e.label.clauses, bool(set(top) & set(e.label.clauses))
        hits1.append(h1)
        hits3.append(h3)
        per.setdefault(e.label.jurisdiction, []).append((h1, h3))
        kept = [ids[j] for j in order[:MAX_LINKS] if scores[i][j] >= DEFAULT_THRESHOLD]
        stored += len(kept)
        stored_ok += sum(c in e.label.clauses for c in kept)
        units_linked += bool(kept)
        if not h1:
            misses.append(
                Miss(
                    e.label.jurisdiction,
                    e.unit.id,
                    e.unit.heading,
                    list(e.label.clauses),
                    [(ids[j], float(scores[i][j])) for j in order[:3]],
                    h3,
                )
            )
    all_scores = np.concatenate([scores[i] for i in range(len(examples))])
    truth = np.concatenate([e.y for e in examples])
    n = len(examples)
    return ClauseReport(
        n=n,
        top1=sum(hits1) / n if n else 0.0,
        top3=sum(hits3) / n if n else 0.0,
        cross_validated=cross_validate,
        per_plan={
            p: (len(v), sum(a for a, _ in v) / len(v), sum(b for _, b in v) / len(v))
            for p, v in per.items()
        },
        misses=misses,
        reliability=_reliability(all_scores, truth),
        linked_share=units_linked / n if n else 0.0,
        stored_precision=stored_ok / stored if stored else 0.0,
    )


def refit_weights(
    documents: Sequence[Document],
    labels_path: Path,
    *,
    measure_clauses: Mapping[str, Sequence[str]] | None = None,
    outline: Outline | None = None,
    out: Path | None = WEIGHTS_PATH,
) -> Weights:
    """Fit the weights on every label and write them (to the bundled file by default).

    The returned weights carry in ``meta`` how many units and pairs they saw
    and the cross-validated accuracy at the time of fitting.
    """
    from policykg.linker.linker import default_measure_clauses

    mc = default_measure_clauses() if measure_clauses is None else measure_clauses
    outline = outline or bundled_outline()
    report = evaluate_clauses(documents, labels_path, measure_clauses=mc, outline=outline)
    # Features do not depend on the weights, so any weights serve to extract them.
    probe = Linker(outline, mc, weights=Weights(coef={}, intercept=0.0))
    examples = _examples(probe, documents, load_labels(labels_path))
    per_plan: dict[str, int] = {}
    for e in examples:
        per_plan[e.label.jurisdiction] = per_plan.get(e.label.jurisdiction, 0) + 1
    weights = _fit(
        examples,
        {
            "labelled_units": len(examples),
            "units_per_plan": per_plan,
            "pairs": int(sum(len(e.y) for e in examples)),
            "measure_signal": bool(mc),
            "cv_top1": round(report.top1, 3),
            "cv_top3": round(report.top3, 3),
        },
    )
    if out is not None:
        out.write_text(weights.to_yaml(), encoding="utf-8")
    return weights
