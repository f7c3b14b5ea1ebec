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

Section headings (（三）…, 保障措施) have labels of their own (``headings:`` in
the labels file). They are never used for fitting, but the links the linker
would store on them are scored with the same held-out weights, so the
precision of stored links covers every unit the linker links, per plan.
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
    headings: list[ClauseLabel] = Field(default_factory=list)


def load_labels(path: Path) -> list[ClauseLabel]:
    """Read and validate a labels file; the labels of items, which fit the weights.

    Raises:
        InvalidInput: missing file, bad YAML, or a label in the wrong shape.
    """
    return load_yaml(path, _LabelFile).labels


def load_heading_labels(path: Path) -> list[ClauseLabel]:
    """The labels of section headings in a labels file (scored, never fitted).

    Raises:
        InvalidInput: missing file, bad YAML, or a label in the wrong shape.
    """
    return load_yaml(path, _LabelFile).headings


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
class WrongLink:
    """A link the linker would store that the labels do not accept."""

    jurisdiction: str
    heading: str
    clause: str
    score: float
    expected: list[str]
    section: bool


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
    #: plan -> (item links stored, correct, section-heading links stored, correct)
    links_per_plan: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    #: Labelled section headings, and their links that would be stored and are correct.
    headings: int = 0
    heading_links: int = 0
    heading_links_correct: int = 0
    wrong_links: list[WrongLink] = field(default_factory=list)

    def to_table(self) -> str:
        """A plain-text report: totals, per plan, reliability, then every miss."""
        how = "leave-one-plan-out" if self.cross_validated else "in-sample (bundled weights)"
        lines = [
            f"clause linking, {self.n} labelled units, {how}",
            f"top-1 {self.top1:.3f}   top-3 {self.top3:.3f}",
            f"units with a stored link {self.linked_share:.3f}"
            f"   stored links correct {self.stored_precision:.3f}",
            f"section headings {self.headings}: {self.heading_links} links stored, "
            f"{self.heading_links_correct} correct",
            "",
            f"{'plan':<12}{'units':>6}{'top-1':>8}{'top-3':>8}"
            f"{'item links':>12}{'correct':>9}{'heading links':>15}{'correct':>9}"
            f"{'all correct':>13}",
        ]
        for plan, (n, t1, t3) in sorted(self.per_plan.items()):
            il, ic, hl, hc = self.links_per_plan.get(plan, (0, 0, 0, 0))
            share = (ic + hc) / (il + hl) if il + hl else 1.0
            lines.append(
                f"{plan:<12}{n:>6}{t1:>8.3f}{t3:>8.3f}{il:>12}{ic:>9}{hl:>15}{hc:>9}{share:>13.3f}"
            )
        if self.reliability:
            lines += ["", f"{'score':<12}{'pairs':>6}{'correct':>9}"]
            for lo, hi, n, share in self.reliability:
                lines.append(f"{lo:.1f}-{hi:.1f}{'':<5}{n:>6}{share:>9.2f}")
        if self.wrong_links:
            lines += ["", "stored links the labels reject (unit | clause score | expected):"]
            for w in self.wrong_links:
                kind = "section " if w.section else ""
                lines.append(
                    f"  {w.jurisdiction} {kind}{w.heading[:24]} | {w.clause} {w.score:.2f} | "
                    f"{','.join(w.expected)}"
                )
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
    linker: Linker,
    documents: Sequence[Document],
    labels: Sequence[ClauseLabel],
    seen: dict[str, ClauseLabel] | None = None,
) -> list[_Example]:
    by_jurisdiction = {d.jurisdiction.id: d for d in documents}
    ids = linker.index.clause_ids
    examples = []
    seen = {} if seen is None else seen
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
    seen: dict[str, ClauseLabel] = {}
    examples = _examples(linker, documents, load_labels(labels_path), seen)
    sections = _examples(linker, documents, load_heading_labels(labels_path), seen)
    scores: dict[int, np.ndarray] = {}
    section_scores: dict[int, np.ndarray] = {}
    if cross_validate:
        for plan in sorted({e.label.jurisdiction for e in examples + sections}):
            train = [e for e in examples if e.label.jurisdiction != plan]
            w = _fit(train)
            for i, e in enumerate(examples):
                if e.label.jurisdiction == plan:
                    scores[i] = w.predict(e.x)
            for i, e in enumerate(sections):
                if e.label.jurisdiction == plan:
                    section_scores[i] = w.predict(e.x)
    else:
        for i, e in enumerate(examples):
            scores[i] = linker.weights.predict(e.x)
        for i, e in enumerate(sections):
            section_scores[i] = linker.weights.predict(e.x)
    ids = linker.index.clause_ids

    def ranked(s: np.ndarray) -> list[int]:
        return sorted(range(len(ids)), key=lambda j: (-s[j], j))

    def stored(e: _Example, s: np.ndarray, section: bool) -> tuple[int, int, list[WrongLink]]:
        kept = [j for j in ranked(s)[:MAX_LINKS] if s[j] >= DEFAULT_THRESHOLD]
        wrong = [
            WrongLink(
                e.label.jurisdiction,
                e.unit.heading,
                ids[j],
                float(s[j]),
                list(e.label.clauses),
                section,
            )
            for j in kept
            if ids[j] not in e.label.clauses
        ]
        return len(kept), len(kept) - len(wrong), wrong

    hits1: list[bool] = []
    hits3: list[bool] = []
    misses = []
    wrong_links: list[WrongLink] = []
    stored_n = stored_ok = units_linked = 0
    per: dict[str, list[tuple[bool, bool]]] = {}
    links: dict[str, list[int]] = {}
    for i, e in enumerate(examples):
        order = ranked(scores[i])
        top = [ids[j] for j in order[:3]]
        h1, h3 = top[0] in e.label.clauses, bool(set(top) & set(e.label.clauses))
        hits1.append(h1)
        hits3.append(h3)
        per.setdefault(e.label.jurisdiction, []).append((h1, h3))
        n_kept, n_ok, wrong = stored(e, scores[i], section=False)
        stored_n += n_kept
        stored_ok += n_ok
        units_linked += bool(n_kept)
        wrong_links += wrong
        cell = links.setdefault(e.label.jurisdiction, [0, 0, 0, 0])
        cell[0] += n_kept
        cell[1] += n_ok
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
    heading_links = heading_ok = 0
    for i, e in enumerate(sections):
        n_kept, n_ok, wrong = stored(e, section_scores[i], section=True)
        heading_links += n_kept
        heading_ok += n_ok
        wrong_links += wrong
        cell = links.setdefault(e.label.jurisdiction, [0, 0, 0, 0])
        cell[2] += n_kept
        cell[3] += n_ok
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
        stored_precision=stored_ok / stored_n if stored_n else 0.0,
        links_per_plan={p: (c[0], c[1], c[2], c[3]) for p, c in links.items()},
        headings=len(sections),
        heading_links=heading_links,
        heading_links_correct=heading_ok,
        wrong_links=wrong_links,
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
