"""Link plan units to the national outline clauses they implement.

:class:`Linker` ranks all 24 clauses for a unit with the calibrated model of
:mod:`policykg.linker.model` and stores on each linkable unit (task, column,
goal, guarantee) the clauses scoring at least the threshold, best first, at
most three. Background and other units are never linked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from policykg.linker.features import FEATURES, ClauseIndex, UnitSignals
from policykg.linker.model import DEFAULT_THRESHOLD, MAX_LINKS, Weights, load_weights
from policykg.linker.numbering import numbered_clauses
from policykg.model import LINKABLE_KINDS, ClauseLink, Document, Unit
from policykg.ontology.outline import Outline

_METHOD_OF = {
    "lex_text": "lexical",
    "terms": "terms",
    "measures": "measures",
    "path": "path",
    "numbering": "numbering",
}


def default_measure_clauses() -> dict[str, list[str]]:
    """measure id -> clause ids from the bundled ontology; empty if it is not available.

    The ontology is built by another module; until it exists the linker runs
    on its other signals.
    """
    try:
        from policykg.ontology.vocab import bundled_ontology
    except ImportError:
        return {}
    return {m.id: list(m.clauses) for m in bundled_ontology().measures}


class Linker:
    """Rank outline clauses for plan units and store the likely ones.

    Args:
        outline: the outline skeleton (clauses C01..C24).
        measure_clauses: measure id -> clause ids the measure serves (from the
            ontology); measures missing here add nothing.
        weights: fitted model; the bundled ``weights.yaml`` by default.
        threshold: lowest score stored by :meth:`link_document`.
        max_links: most links stored per unit.
    """

    def __init__(
        self,
        outline: Outline,
        measure_clauses: Mapping[str, Sequence[str]],
        *,
        weights: Weights | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        max_links: int = MAX_LINKS,
    ) -> None:
        self.outline = outline
        self.index = ClauseIndex(outline, measure_clauses)
        self.weights = weights or load_weights()
        self.threshold = threshold
        self.max_links = max_links
        self._numbering: dict[tuple[int, str, str], dict[str, str]] = {}

    # -- signals -----------------------------------------------------------

    def numbering(self, doc: Document) -> dict[str, str]:
        """unit id -> clause id where ``doc`` mirrors the outline's numbering."""
        # Per document object: the same source parsed twice gives the same answer.
        key = (id(doc), doc.id, doc.sha256)
        if key not in self._numbering:
            self._numbering[key] = numbered_clauses(
                doc, lambda u: self.index.lexical(u.heading, u.text), self.index.clause_ids
            )
        return self._numbering[key]

    def signals(self, unit: Unit, doc: Document | None = None) -> UnitSignals:
        """Collect what the features need from a unit and its document."""
        return UnitSignals(
            heading=unit.heading,
            text=unit.text,
            ancestors=list(unit.path[:-1]),
            measures=[m.measure_id for m in unit.measures if m.adoption],
            numbered_clause=self.numbering(doc).get(unit.id) if doc is not None else None,
            kind=unit.kind,
        )

    def features(self, unit: Unit, doc: Document | None = None) -> tuple[np.ndarray, list[str]]:
        """Feature matrix (clauses x FEATURES) and evidence per clause for a unit."""
        return self.index.features(self.signals(unit, doc))

    # -- ranking -----------------------------------------------------------

    def _rank(self, s: UnitSignals) -> list[ClauseLink]:
        x, evidence = self.index.features(s)
        scores = self.weights.predict(x)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        links = []
        for rank, i in enumerate(order, start=1):
            methods = [
                label for name, label in _METHOD_OF.items() if x[i, FEATURES.index(name)] > 0
            ]
            links.append(
                ClauseLink(
                    clause_id=self.index.clause_ids[i],
                    score=round(float(scores[i]), 4),
                    rank=rank,
                    method="+".join(methods) or "none",
                    evidence=evidence[i],
                )
            )
        return links

    def _keep(self, ranked: list[ClauseLink]) -> list[ClauseLink]:
        return [link for link in ranked if link.score >= self.threshold][: self.max_links]

    def rank(self, unit: Unit, doc: Document | None = None) -> list[ClauseLink]:
        """All clauses for ``unit``, best first, with calibrated scores (for evaluation)."""
        return self._rank(self.signals(unit, doc))

    def link_document(self, doc: Document) -> None:
        """Fill ``Unit.clauses`` for every linkable unit of ``doc``; clear it on the rest."""
        for unit in doc.units:
            unit.clauses = self._keep(self.rank(unit, doc)) if unit.kind in LINKABLE_KINDS else []

    def link_text(
        self,
        heading: str,
        text: str,
        path: Sequence[str] = (),
        *,
        measures: Sequence[str] = (),
        kind: str = "task",
        all_clauses: bool = False,
    ) -> list[ClauseLink]:
        """Link a free-standing piece of plan text.

        Args:
            heading: the unit's heading.
            text: its body.
            path: ancestor headings, root first (without ``heading``).
            measures: ids of measures adopted in the text, if already tagged.
            kind: the unit kind (goal and guarantee units lean to chapters 二 and 九).
            all_clauses: return all clauses instead of the stored links.
        """
        ranked = self._rank(
            UnitSignals(
                heading=heading,
                text=text,
                ancestors=list(path),
                measures=list(measures),
                kind=kind,
            )
        )
        return ranked if all_clauses else self._keep(ranked)
