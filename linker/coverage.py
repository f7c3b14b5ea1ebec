"""Which outline clauses each jurisdiction implements, and how concretely.

A clause is *implemented* by a jurisdiction when at least one of its units is
linked to it (``Unit.clauses``, filled by :class:`policykg.linker.Linker`).
It is *quantified* when such a unit also carries a :class:`Target` whose
indicator measures that clause (``linker/indicator_clauses.yaml``), and
*restated* when it is implemented with words only. Otherwise it is *absent*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

from policykg.errors import OntologyError
from policykg.model import Document
from policykg.ontology.outline import Outline

Status = Literal["quantified", "restated", "absent"]


@lru_cache(maxsize=1)
def bundled_indicator_clauses() -> dict[str, tuple[str, ...]]:
    """indicator id -> clause ids, from ``linker/indicator_clauses.yaml``."""
    path = Path(__file__).with_name("indicator_clauses.yaml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {str(k): tuple(v) for k, v in raw["indicators"].items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
        raise OntologyError(f"cannot read indicator clauses from {path}: {e}") from e


@dataclass
class ClauseCoverage:
    """One clause in one jurisdiction."""

    jurisdiction_id: str
    clause_id: str
    status: Status
    unit_ids: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)

    @property
    def implemented(self) -> bool:
        return self.status != "absent"


@dataclass
class Coverage:
    """Clause coverage of every jurisdiction in the documents given."""

    clause_ids: list[str]
    rows: list[ClauseCoverage]

    def jurisdictions(self) -> list[str]:
        return list(dict.fromkeys(r.jurisdiction_id for r in self.rows))

    def get(self, jurisdiction_id: str, clause_id: str) -> ClauseCoverage:
        """The row for one jurisdiction and clause (KeyError if none)."""
        for r in self.rows:
            if r.jurisdiction_id == jurisdiction_id and r.clause_id == clause_id:
                return r
        raise KeyError((jurisdiction_id, clause_id))

    def for_jurisdiction(self, jurisdiction_id: str) -> list[ClauseCoverage]:
        return [r for r in self.rows if r.jurisdiction_id == jurisdiction_id]

    def share_implemented(self, jurisdiction_id: str) -> float:
        rows = self.for_jurisdiction(jurisdiction_id)
        return sum(r.implemented for r in rows) / len(rows) if rows else 0.0

    def to_table(self) -> str:
        """Clauses down, jurisdictions across: Q quantified, R restated, . absent."""
        mark = {"quantified": "Q", "restated": "R", "absent": "."}
        plans = self.jurisdictions()
        lines = ["clause " + " ".join(f"{p[:9]:>9}" for p in plans)]
        for cid in self.clause_ids:
            cells = [mark[self.get(p, cid).status] for p in plans]
            lines.append(f"{cid:<7}" + " ".join(f"{c:>9}" for c in cells))
        return "\n".join(lines)


def coverage(
    documents: Iterable[Document],
    outline: Outline,
    indicator_clauses: Mapping[str, Sequence[str]] | None = None,
) -> Coverage:
    """Clause coverage per jurisdiction from linked documents.

    Args:
        documents: documents whose units the linker has already linked; several
            documents of one jurisdiction are pooled.
        outline: the outline whose clauses are counted.
        indicator_clauses: indicator id -> clause ids it quantifies; the bundled
            ``indicator_clauses.yaml`` when None.
    """
    ind = bundled_indicator_clauses() if indicator_clauses is None else indicator_clauses
    clause_ids = [c.id for c in outline.clauses]
    units: dict[tuple[str, str], list[str]] = {}
    targets: dict[tuple[str, str], list[str]] = {}
    plans: list[str] = []
    for doc in documents:
        jid = doc.jurisdiction.id
        if jid not in plans:
            plans.append(jid)
        by_unit: dict[str, list[str]] = {}
        for t in doc.targets:
            if t.unit_id and t.indicator:
                by_unit.setdefault(t.unit_id, []).append(t.id)
        indicator_of = {t.id: t.indicator for t in doc.targets}
        for u in doc.units:
            for link in u.clauses:
                key = (jid, link.clause_id)
                units.setdefault(key, []).append(u.id)
                for tid in by_unit.get(u.id, ()):
                    if link.clause_id in ind.get(indicator_of[tid] or "", ()):
                        targets.setdefault(key, []).append(tid)
    rows = []
    for jid in plans:
        for cid in clause_ids:
            key = (jid, cid)
            status: Status = (
                "quantified" if targets.get(key) else "restated" if units.get(key) else "absent"
            )
            rows.append(
                ClauseCoverage(
                    jid,
                    cid,
                    status,
                    list(dict.fromkeys(units.get(key, []))),
                    list(dict.fromkeys(targets.get(key, []))),
                )
            )
    return Coverage(clause_ids=clause_ids, rows=rows)
