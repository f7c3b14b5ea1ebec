"""Score the whole reading of a plan against a hand-written expectation file.

A plan folder (``tests/data/fixtures/``, ``tests/data/heldout/``, or any folder a
curator makes) holds plan files, a ``manifest.yaml`` and, for each plan,
``<name>.expected.yaml`` in the format of ``tests/data/fixtures/README.md``.
:func:`evaluate_folder` parses every plan with the full pipeline (loaders,
tagger, linker) and counts *facts*: each metadata field, each heading (found
with its marker and heading; and, separately, its kind), each heading the
loader invented (a fact wrong), each string that must not survive (chrome,
personal data, table-of-contents lines), each responsible-unit list, each
target, the number of targets, and each measure adopted or not adopted.

The five bundled plans have older golden files (``tests/data/<plan>.expected.json``
and the adoption labels); :func:`bundled_expectations` turns them into the
same facts where they say the same things, so one table can put the bundled
plans next to plans the code was not written against.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from policykg.errors import InvalidInput
from policykg.loaders.manifest import load_manifest
from policykg.model import Document, Unit
from policykg.pipeline import Pipeline
from policykg.text import to_simplified

#: Fact categories, in report order.
CATEGORIES = (
    "metadata",
    "sections",
    "kinds",
    "extra_sections",
    "absent_text",
    "agencies",
    "targets",
    "target_count",
    "adopted",
    "not_adopted",
)

#: Units the loader makes that are not headings of the plan body.
_NON_BODY_SLUGS = ("notice", "preamble", "text")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExpectedMetadata(_Strict):
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = Field(default_factory=list)
    issued_on: date | None = None
    published_on: date | None = None
    status: str = "final"


class ExpectedSection(_Strict):
    marker: str | None = None
    heading: str
    kind: str | None = None


class ExpectedTarget(_Strict):
    heading: str | None = None
    unit_key: str | None = Field(default=None, description="where, in the bundled golden files")
    metric: str = ""
    indicator: str | None = None
    value: float
    unit: str = Field(default="", description="unit of measure as printed (件, 亿元 → 元, 分)")
    year: int | None = None
    comparator: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None

    model_config = ConfigDict(extra="forbid")


class NotAdopted(_Strict):
    measure: str
    why: str = ""


class PlanExpectation(_Strict):
    """What a careful reader finds in one plan (see tests/data/fixtures/README.md)."""

    source: str
    style: str = ""
    metadata: ExpectedMetadata
    sections: list[ExpectedSection] = Field(default_factory=list)
    sections_complete: bool = Field(
        default=True, description="sections lists every heading, so extra ones are errors"
    )
    absent_text: list[str] = Field(default_factory=list)
    agencies: dict[str, list[str]] = Field(default_factory=dict)
    targets: list[ExpectedTarget] = Field(default_factory=list)
    target_count: int | None = None
    adopted: list[str] = Field(default_factory=list)
    not_adopted: list[NotAdopted] = Field(default_factory=list)


class Fact(BaseModel):
    """One checked fact: what was expected, what the pipeline gave."""

    category: str
    key: str
    ok: bool
    expected: Any = None
    got: Any = None


class PlanScore(BaseModel):
    plan: str
    facts: list[Fact]

    @property
    def right(self) -> int:
        return sum(f.ok for f in self.facts)

    @property
    def total(self) -> int:
        return len(self.facts)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def by_category(self) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for cat in CATEGORIES:
            facts = [f for f in self.facts if f.category == cat]
            if facts:
                out[cat] = (sum(f.ok for f in facts), len(facts))
        return out


class PlanReport(BaseModel):
    """Facts recovered per plan and pooled, for one set of plans."""

    name: str
    plans: list[PlanScore]

    @property
    def right(self) -> int:
        return sum(p.right for p in self.plans)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.plans)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0

    def failures(self) -> list[tuple[str, Fact]]:
        return [(p.plan, f) for p in self.plans for f in p.facts if not f.ok]

    def summary(self) -> dict[str, Any]:
        """Per plan and pooled counts, by category (what ``--json`` prints)."""
        pooled: dict[str, list[int]] = {}
        for p in self.plans:
            for cat, (r, t) in p.by_category().items():
                acc = pooled.setdefault(cat, [0, 0])
                acc[0] += r
                acc[1] += t
        return {
            "set": self.name,
            "plans": [
                {
                    "plan": p.plan,
                    "right": p.right,
                    "total": p.total,
                    "share": round(p.share, 4),
                    "by_category": {k: list(v) for k, v in p.by_category().items()},
                }
                for p in self.plans
            ],
            "pooled": {
                "right": self.right,
                "total": self.total,
                "share": round(self.share, 4),
                "by_category": pooled,
            },
            "failures": [
                {"plan": plan, **f.model_dump(mode="json")} for plan, f in self.failures()
            ],
        }

    def to_table(self) -> str:
        cats = [c for c in CATEGORIES if any(c in p.by_category() for p in self.plans)]
        width = max([len("plan"), *(len(p.plan) for p in self.plans)])
        head = f"{'plan':<{width}}  {'facts':>9} {'share':>6}  " + " ".join(
            f"{c[:9]:>9}" for c in cats
        )
        lines = [f"[{self.name}]", head, "-" * len(head)]

        def row(name: str, right: int, total: int, cells: dict[str, tuple[int, int]]) -> str:
            share = right / total if total else 1.0
            parts = " ".join(
                f"{f'{cells[c][0]}/{cells[c][1]}' if c in cells else '-':>9}" for c in cats
            )
            return f"{name:<{width}}  {f'{right}/{total}':>9} {share:6.1%}  {parts}"

        pooled: dict[str, tuple[int, int]] = {}
        for p in self.plans:
            lines.append(row(p.plan, p.right, p.total, p.by_category()))
            for c, (r, t) in p.by_category().items():
                pr, pt = pooled.get(c, (0, 0))
                pooled[c] = (pr + r, pt + t)
        lines.append("-" * len(head))
        lines.append(row("pooled", self.right, self.total, pooled))
        return "\n".join(lines)


# --- matching helpers ----------------------------------------------------------------------


_PUNCT_EDGE = "。；;：:，,、 "


def norm(text: str | None) -> str:
    """Comparison key: NFKC, simplified, no whitespace, no trailing punctuation."""
    if text is None:
        return ""
    t = unicodedata.normalize("NFKC", to_simplified(text))
    t = re.sub(r"\s+", "", t)
    t = t.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return t.strip(_PUNCT_EDGE)


def _marker_key(marker: str | None) -> str:
    return re.sub(r"[.、:：]+$", "", norm(marker))


def heading_matches(expected: str, got: str) -> bool:
    """Equal after :func:`norm`, or one a long prefix of the other.

    A reader writes an item's title; the loader may keep a little more or less
    of an untitled item's first sentence. A prefix counts when the shorter is at
    least four characters and 60 % of the longer.
    """
    a, b = norm(expected), norm(got)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= max(4, int(0.6 * len(long_))) and long_.startswith(short)


def _body_units(doc: Document) -> list[Unit]:
    return [u for u in doc.units if u.id.rsplit("/", 1)[-1] not in _NON_BODY_SLUGS]


def _find_unit(doc: Document, heading: str) -> Unit | None:
    for u in doc.units:
        if heading_matches(heading, u.heading):
            return u
    return None


def _unit_by_key(doc: Document, key: str) -> Unit | None:
    for u in doc.units:
        if u.id == f"{doc.id}/{key}":
            return u
    return None


# --- fact checks --------------------------------------------------------------------------


def _metadata_facts(doc: Document, exp: ExpectedMetadata) -> list[Fact]:
    got: dict[str, Any] = {
        "title": doc.title,
        "doc_number": doc.doc_number,
        "issuers": doc.issuers,
        "issued_on": doc.issued_on,
        "published_on": doc.published_on,
        "status": doc.status,
    }
    facts = []
    for name, want in exp.model_dump().items():
        have = got[name]
        if name == "issuers":
            ok = sorted(norm(x) for x in want) == sorted(norm(x) for x in have)
        elif name in ("title", "doc_number"):
            ok = norm(want) == norm(have) and (want is None) == (have is None)
        else:
            ok = want == have
        facts.append(Fact(category="metadata", key=name, ok=ok, expected=want, got=have))
    return facts


def _section_facts(doc: Document, exp: PlanExpectation) -> list[Fact]:
    units = _body_units(doc)
    used: set[int] = set()
    facts: list[Fact] = []
    cursor = 0
    for s in exp.sections:
        key = f"{s.marker or ''}{s.heading}"
        hit = None
        # In document order after the previous match first, then anywhere
        # unused, so one missed heading does not fail every heading after it.
        order = list(range(cursor, len(units))) + list(range(0, cursor))
        for i in order:
            u = units[i]
            if i in used or not heading_matches(s.heading, u.heading):
                continue
            if s.marker is not None and _marker_key(s.marker) != _marker_key(u.marker):
                continue
            hit = i
            break
        if hit is None:
            facts.append(Fact(category="sections", key=key, ok=False, expected=key, got=None))
            if s.kind is not None:
                facts.append(Fact(category="kinds", key=key, ok=False, expected=s.kind))
            continue
        used.add(hit)
        cursor = hit + 1
        u = units[hit]
        facts.append(Fact(category="sections", key=key, ok=True, expected=key, got=u.id))
        if s.kind is not None:
            facts.append(
                Fact(category="kinds", key=key, ok=u.kind == s.kind, expected=s.kind, got=u.kind)
            )
    if exp.sections_complete:
        for i, u in enumerate(units):
            if i not in used:
                facts.append(
                    Fact(
                        category="extra_sections",
                        key=f"{u.marker or ''}{u.heading}",
                        ok=False,
                        expected=None,
                        got=u.id,
                    )
                )
    return facts


def _absent_facts(doc: Document, strings: Iterable[str]) -> list[Fact]:
    haystack = norm(
        "\n".join(
            [
                *(
                    f"{u.heading}\n{u.text}\n{u.text_original}\n{' '.join(u.agencies)}"
                    for u in doc.units
                ),
                *(t.text for t in doc.targets),
            ]
        )
    )
    return [
        Fact(category="absent_text", key=s, ok=norm(s) not in haystack, expected="absent")
        for s in strings
    ]


def _agency_facts(doc: Document, agencies: dict[str, list[str]], by_key: bool) -> list[Fact]:
    facts = []
    for where, want in agencies.items():
        unit = _unit_by_key(doc, where) if by_key else _find_unit(doc, where)
        have = list(unit.agencies) if unit else None
        ok = have is not None and sorted(map(norm, want)) == sorted(map(norm, have))
        facts.append(Fact(category="agencies", key=where, ok=ok, expected=want, got=have))
    return facts


def _target_ok(t: Any, e: ExpectedTarget) -> bool:
    if abs(t.value - e.value) > 1e-6 * max(1.0, abs(e.value)):
        return False
    if e.unit and norm(t.unit) != norm(e.unit):
        return False
    if t.year != e.year or t.indicator != e.indicator:
        return False
    if e.comparator is not None and t.comparator != e.comparator:
        return False
    if e.baseline is not None and (t.baseline is None or abs(t.baseline - e.baseline) > 1e-6):
        return False
    return e.baseline_year is None or t.baseline_year == e.baseline_year


def _target_facts(doc: Document, exp: PlanExpectation) -> list[Fact]:
    facts = []
    for e in exp.targets:
        hit = next((t for t in doc.targets if _target_ok(t, e)), None)
        facts.append(
            Fact(
                category="targets",
                key=f"{e.metric or e.indicator} {e.value:g}{e.unit} {e.year}",
                ok=hit is not None,
                expected=e.model_dump(exclude_none=True),
                got=hit.model_dump(include={"metric", "value", "unit", "year", "indicator"})
                if hit
                else None,
            )
        )
    if exp.target_count is not None:
        facts.append(
            Fact(
                category="target_count",
                key="target_count",
                ok=len(doc.targets) == exp.target_count,
                expected=exp.target_count,
                got=len(doc.targets),
            )
        )
    return facts


def adopted_measures(doc: Document) -> set[str]:
    """Measures a tagged document adopts (an adopting tag in any unit)."""
    return {t.measure_id for u in doc.units for t in u.measures if t.adoption}


def _adoption_facts(doc: Document, exp: PlanExpectation) -> list[Fact]:
    have = adopted_measures(doc)
    facts = [
        Fact(category="adopted", key=m, ok=m in have, expected=True, got=m in have)
        for m in exp.adopted
    ]
    facts += [
        Fact(
            category="not_adopted",
            key=n.measure,
            ok=n.measure not in have,
            expected=False,
            got=n.measure in have,
        )
        for n in exp.not_adopted
    ]
    return facts


def score_plan(doc: Document, exp: PlanExpectation, *, by_key: bool = False) -> PlanScore:
    """Every fact of one expectation, checked on one parsed, tagged document."""
    facts = [
        *_metadata_facts(doc, exp.metadata),
        *_section_facts(doc, exp),
        *_absent_facts(doc, exp.absent_text),
        *_agency_facts(doc, exp.agencies, by_key),
        *_target_facts(doc, exp),
        *_adoption_facts(doc, exp),
    ]
    return PlanScore(plan=Path(exp.source).stem, facts=facts)


# --- folders ------------------------------------------------------------------------------


def load_expectation(path: Path) -> PlanExpectation:
    """Read one ``<name>.expected.yaml``.

    Raises:
        InvalidInput: missing, not YAML, or not in the expectation format.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return PlanExpectation.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as e:
        raise InvalidInput(f"cannot read expectation {path}: {e}") from e


def evaluate_folder(folder: Path, pipeline: Pipeline | None = None, name: str = "") -> PlanReport:
    """Parse every plan of a folder with a manifest and score it against its expectation.

    Raises:
        InvalidInput: no manifest, a plan without an expectation file, or a bad file.
    """
    pipeline = pipeline or Pipeline()
    entries = load_manifest(folder / "manifest.yaml")
    scores = []
    for entry in entries:
        stem = Path(entry.file).stem
        exp_path = folder / f"{stem}.expected.yaml"
        if not exp_path.is_file():
            raise InvalidInput(f"{entry.file} in {folder} has no {exp_path.name}")
        doc = pipeline.parse_file(folder / entry.file, entry)
        scores.append(score_plan(doc, load_expectation(exp_path)))
    return PlanReport(name=name or folder.name, plans=scores)


def bundled_expectations(golden_dir: Path, adoption_labels: Path) -> dict[str, PlanExpectation]:
    """The bundled plans' golden files and adoption labels as expectations.

    The golden files list chapters and ``（一）`` sections, a selection of items,
    agencies and targets by unit key, and unit counts per kind (not one kind per
    heading); the adoption labels judge the 42 core measures. Only those facts
    are checked, and extra headings are not (the golden files do not list every
    item).
    """
    labels = yaml.safe_load(adoption_labels.read_text(encoding="utf-8"))["labels"]
    out: dict[str, PlanExpectation] = {}
    for path in sorted(golden_dir.glob("*.expected.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        plan = path.name.split(".")[0]
        sections = [ExpectedSection(marker=m, heading=h) for m, h in g.get("sections", [])]
        listed = {norm(s.heading) for s in sections}
        sections += [
            ExpectedSection(heading=h) for h in g.get("items", {}).values() if norm(h) not in listed
        ]
        adopted = [m for m, by in labels.items() if by.get(plan, {}).get("adopts") is True]
        not_adopted = [
            NotAdopted(measure=m)
            for m, by in labels.items()
            if by.get(plan, {}).get("adopts") is False
        ]
        out[plan] = PlanExpectation(
            source=Path(g["source"]).name,
            metadata=ExpectedMetadata.model_validate(g["metadata"]),
            sections=sections,
            sections_complete=False,
            agencies=g.get("agencies", {}),
            # the golden files say `unit` for the unit key, `unit_of_measure` for 件/元
            targets=[
                ExpectedTarget.model_validate(
                    {
                        {"unit": "unit_key", "unit_of_measure": "unit"}.get(k, k): v
                        for k, v in t.items()
                    }
                )
                for t in g.get("targets", [])
            ],
            target_count=g.get("target_count"),
            adopted=adopted,
            not_adopted=not_adopted,
        )
    return out


def evaluate_bundled(
    corpus: Path, golden_dir: Path, adoption_labels: Path, pipeline: Pipeline | None = None
) -> PlanReport:
    """The five bundled plans scored on the facts their golden files state."""
    from policykg.pipeline import corpus_entries

    pipeline = pipeline or Pipeline()
    expectations = bundled_expectations(golden_dir, adoption_labels)
    scores = []
    for entry, path in corpus_entries(corpus):
        exp = expectations.get(Path(entry.file).stem)
        if exp is None:
            continue
        doc = pipeline.parse_file(path, entry)
        scores.append(score_plan(doc, exp, by_key=True))
    return PlanReport(name="bundled", plans=scores)
