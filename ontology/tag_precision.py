"""Unit-level precision of the tagger's adoptions, on a hand-judged sample.

Plan-level adoption labels (:mod:`policykg.ontology.evaluation`) cover the 42
core measures only, and a plan that adopts a measure somewhere hides every
wrong tag of it elsewhere. This module judges tags one by one: a sample of
adopting (unit, measure) tags is drawn from the tagger's output with a fixed
seed (:func:`draw_sample`), and a reader judges each by reading the unit:

* ``commits``: the unit commits the plan to this measure (a correct adoption);
* ``mentions``: the unit names this measure but does not commit to it (the
  concept is right, the adoption is not);
* ``wrong``: the words mean something else (the concept is wrong).

The judgements (``data/labels/tag_labels.yaml``) are keyed by plan, unit
heading, measure id and evidence sentence, never by unit id, so they survive
loader changes that renumber units. :func:`evaluate_tag_precision` finds each
judged tag again in the current output and reports, per plan and pooled, for
core and other measures: adoption precision (commits / judged tags still
predicted) and concept precision ((commits + mentions) / the same).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from policykg.model import Document, Unit
from policykg.ontology.tagger import Tagger
from policykg.text import to_simplified
from policykg.yamlfile import load_yaml

Judgement = Literal["commits", "mentions", "wrong"]
Outcome = Literal["predicted", "not_predicted", "unmatched"]

_MARKER = re.compile(
    r"^\s*(?:专栏\s*[0-9一二三四五六七八九十]+|第[一二三四五六七八九十百]+[章节条]"
    r"|[（(][一二三四五六七八九十百0-9]+[)）]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|[0-9]+\s*[、.．])\s*"
)
_CIRCLED = re.compile(r"^\s*[①-⑳]")  # before NFKC, which turns ⑦ into 7
_NON_WORD = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    """A heading or sentence reduced for matching: NFKC, simplified, no marker, no punctuation."""
    simple = to_simplified(unicodedata.normalize("NFKC", _CIRCLED.sub("", text)))
    return _NON_WORD.sub("", _MARKER.sub("", simple))


class SampledTag(BaseModel):
    """One adopting tag of the tagger's output, as the sample lists it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    plan: str = Field(description="jurisdiction id")
    heading: str = Field(description="the unit's heading, as the loaders gave it")
    measure: str
    core: bool
    evidence: str = Field(description="the words that matched")
    sentence: str = Field(description="the sentence holding them")


class TagLabel(SampledTag):
    """A sampled tag with the reader's judgement."""

    judgement: Judgement
    note: str | None = None


class TagLabels(BaseModel):
    """The labels file: how the sample was drawn, then one judgement per tag."""

    model_config = ConfigDict(extra="forbid")

    seed: int
    per_stratum: int
    plans: list[str]
    labels: list[TagLabel]


def load_tag_labels(path: Path) -> TagLabels:
    """Read and validate a tag-labels file.

    Raises:
        InvalidInput: missing file, bad YAML, or a label in the wrong shape.
    """
    return load_yaml(path, TagLabels)


def adopting_tags(documents: Iterable[Document], tagger: Tagger) -> list[SampledTag]:
    """Every adopting (unit, measure) tag of the documents, in document order.

    The documents are tagged on copies.
    """
    core = {m.id for m in tagger.ontology.measures if m.core}
    out: list[SampledTag] = []
    for doc in documents:
        copy = doc.model_copy(deep=True)
        tagger.tag_document(copy)
        for unit in copy.units:
            for tag in unit.measures:
                if tag.adoption:
                    out.append(
                        SampledTag(
                            plan=doc.jurisdiction.id,
                            heading=unit.heading,
                            measure=tag.measure_id,
                            core=tag.measure_id in core,
                            evidence=tag.evidence,
                            sentence=tag.sentence,
                        )
                    )
    return out


def draw_sample(
    documents: Sequence[Document], tagger: Tagger, per_stratum: int, seed: int
) -> list[SampledTag]:
    """A stratified random sample of adopting tags: per plan, core and other measures.

    Each plan contributes up to ``per_stratum`` tags of core measures and as
    many of the other measures (all of a stratum when it is smaller), drawn
    with ``random.Random(seed)`` from the tags in document order, so the same
    documents, tagger and seed give the same sample.
    """
    rng = random.Random(seed)
    tags = adopting_tags(documents, tagger)
    sample: list[SampledTag] = []
    for doc in documents:
        for core in (True, False):
            stratum = [t for t in tags if t.plan == doc.jurisdiction.id and t.core == core]
            picked = sorted(rng.sample(range(len(stratum)), min(per_stratum, len(stratum))))
            sample += [stratum[i] for i in picked]
    return sample


class PrecisionCell(BaseModel):
    """Judged tags of one plan and one stratum that the tagger still predicts."""

    judged: int = 0
    commits: int = 0
    mentions: int = 0
    wrong: int = 0

    @property
    def adoption_precision(self) -> float:
        return self.commits / self.judged if self.judged else 1.0

    @property
    def concept_precision(self) -> float:
        return (self.commits + self.mentions) / self.judged if self.judged else 1.0

    def add(self, judgement: Judgement) -> None:
        self.judged += 1
        if judgement == "commits":
            self.commits += 1
        elif judgement == "mentions":
            self.mentions += 1
        else:
            self.wrong += 1


class LabelOutcome(BaseModel):
    """What became of one judged tag in the current output."""

    label: TagLabel
    outcome: Outcome


class TagPrecisionReport(BaseModel):
    """Per plan and pooled precision, core and other measures apart."""

    plans: list[str]
    #: plan -> stratum ("core" | "other") -> cell
    cells: dict[str, dict[str, PrecisionCell]]
    outcomes: list[LabelOutcome]

    def pooled(self, stratum: str | None = None) -> PrecisionCell:
        """All plans together, for one stratum or both."""
        total = PrecisionCell()
        for by_stratum in self.cells.values():
            for name, cell in by_stratum.items():
                if stratum is None or name == stratum:
                    total.judged += cell.judged
                    total.commits += cell.commits
                    total.mentions += cell.mentions
                    total.wrong += cell.wrong
        return total

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    def errors(self) -> list[TagLabel]:
        """Judged tags still predicted that do not commit to their measure."""
        return [
            o.label
            for o in self.outcomes
            if o.outcome == "predicted" and o.label.judgement != "commits"
        ]

    def to_table(self) -> str:
        """Per plan: judged tags and adoption / concept precision, core and other."""
        lines = [
            f"unit-level tag precision, {len(self.outcomes)} judged tags "
            f"({self.count('predicted')} still predicted, {self.count('not_predicted')} "
            f"no longer predicted, {self.count('unmatched')} not found)",
            f"{'plan':<10}  {'core':^16}  {'other':^16}  {'all':^16}",
            f"{'':<10}" + "  {:>4} {:>5} {:>5}".format("n", "adopt", "conc") * 3,
        ]

        def cols(cell: PrecisionCell) -> str:
            return (
                f"  {cell.judged:>4} {cell.adoption_precision:5.2f} {cell.concept_precision:5.2f}"
            )

        for plan in self.plans:
            by = self.cells.get(plan, {})
            both = PrecisionCell(
                judged=sum(c.judged for c in by.values()),
                commits=sum(c.commits for c in by.values()),
                mentions=sum(c.mentions for c in by.values()),
                wrong=sum(c.wrong for c in by.values()),
            )
            core, other = by.get("core", PrecisionCell()), by.get("other", PrecisionCell())
            lines.append(f"{plan:<10}" + cols(core) + cols(other) + cols(both))
        lines.append(
            f"{'pooled':<10}"
            + cols(self.pooled("core"))
            + cols(self.pooled("other"))
            + cols(self.pooled())
        )
        lines.append("adopt = commits / judged; conc = (commits + mentions) / judged")
        return "\n".join(lines)


def _find(doc: Document, label: TagLabel) -> list[Unit]:
    """The units of ``doc`` that hold the label's sentence, preferring its heading."""
    sentence = text_key(label.sentence)
    holding = [u for u in doc.units if sentence in text_key(f"{u.heading}\n{u.text}")]
    by_heading = [u for u in holding if text_key(u.heading) == text_key(label.heading)]
    return by_heading or holding


def evaluate_tag_precision(
    documents: Sequence[Document], labels_path: Path, tagger: Tagger
) -> TagPrecisionReport:
    """Find every judged tag in the tagger's current output and score the ones it keeps.

    A judged tag is *predicted* when a unit holding its sentence (under its
    heading, if such a unit exists) carries an adopting tag of its measure;
    *not predicted* when the unit is found but the adopting tag is gone;
    *unmatched* when no unit holds the sentence (the plan is missing, or the
    loaders now cut the text differently).
    """
    labels = load_tag_labels(labels_path)
    by_plan = {d.jurisdiction.id: d for d in documents}
    tagged: dict[str, Document] = {}
    outcomes: list[LabelOutcome] = []
    cells: dict[str, dict[str, PrecisionCell]] = {}
    for label in labels.labels:
        doc = by_plan.get(label.plan)
        if doc is None:
            outcomes.append(LabelOutcome(label=label, outcome="unmatched"))
            continue
        if label.plan not in tagged:
            copy = doc.model_copy(deep=True)
            tagger.tag_document(copy)
            tagged[label.plan] = copy
        units = _find(tagged[label.plan], label)
        if not units:
            outcomes.append(LabelOutcome(label=label, outcome="unmatched"))
            continue
        kept = any(t.adoption and t.measure_id == label.measure for u in units for t in u.measures)
        outcomes.append(LabelOutcome(label=label, outcome="predicted" if kept else "not_predicted"))
        if kept:
            stratum = "core" if label.core else "other"
            cells.setdefault(label.plan, {}).setdefault(stratum, PrecisionCell()).add(
                label.judgement
            )
    plans = [p for p in labels.plans if p in by_plan]
    return TagPrecisionReport(plans=plans, cells=cells, outcomes=outcomes)
