"""Signals that say how well a plan unit matches each outline clause.

One :class:`ClauseIndex` per outline turns a unit (heading, text, ancestor
headings, tagged measures, place in the plan's numbering) into a feature matrix
with one row per clause. No single signal decides; :mod:`policykg.linker.model`
weighs them. Every feature is computed from the unit and the outline alone, so
a unit scores the same whatever other documents are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict
from sklearn.feature_extraction.text import TfidfVectorizer

from policykg.errors import OntologyError
from policykg.ontology.outline import Outline
from policykg.text import to_simplified
from policykg.yamlfile import load_yaml

#: Feature names, in column order. Keep in step with :meth:`ClauseIndex.features`
#: and with ``weights.yaml``.
FEATURES: tuple[str, ...] = (
    "lex_text",  # char 2-3-gram TF-IDF cosine: heading + text vs clause title+digest+terms
    "lex_heading",  # same, heading only
    "lex_title",  # heading vs the clause's own title
    "lex_rel",  # lex_text / best lex_text over the 24 clauses
    "lex_top",  # 1 for the clause with the best combined lexical score
    "terms",  # log(1 + distinct key terms of the clause found in heading + text)
    "terms_heading",  # distinct key terms found in the heading
    "terms_rel",  # terms / best terms over the clauses
    "terms_parent",  # distinct key terms found in the parent's heading
    "measures",  # share of the unit's adopted measures that serve the clause
    "path",  # the nearest ancestor heading names the clause's chapter
    "chapter_own",  # the unit's own heading names the clause's chapter
    "numbering",  # the plan mirrors the outline item by item and this item maps here
    "kind_goal",  # a goal unit (总体要求, 目标) and a clause of chapter 二
    "kind_guarantee",  # a guarantee unit (保障措施) and a clause of chapter 九
)

_RESPONSIBLE = re.compile(r"[（(〔][^（）()〔〕]*?(?:负责|责任单位)[^（）()〔〕]*?[）)〕]")
_MARKER = re.compile(
    r"^\s*(?:专栏\s*[0-9一二三四五六七八九十]+\s*[:：]?|[（(][一二三四五六七八九十百]+[)）]"
    r"|[一二三四五六七八九十百]+\s*[、.．]|[0-9]+\s*[、.．﹒]\s*)\s*"
)
_NON_WORD = re.compile(r"[\s，。、；：,.;:!！?？“”\"'‘’《》〈〉()（）【】\[\]—\-·•|+＋]+")


def clean_text(text: str) -> str:
    """Drop responsible-agency brackets: agency lists say who, not what."""
    return _RESPONSIBLE.sub("", text)


def heading_key(heading: str) -> str:
    """A heading reduced for matching: simplified, marker and punctuation removed."""
    return _NON_WORD.sub("", _MARKER.sub("", to_simplified(heading)))


class _ChapterCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    chapters: dict[str, tuple[str, ...]]


class _ClauseCues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    clauses: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def chapter_cues() -> dict[str, tuple[str, ...]]:
    """Cue words per outline chapter, from ``linker/chapter_cues.yaml``."""
    path = Path(__file__).with_name("chapter_cues.yaml")
    return load_yaml(path, _ChapterCues, error=OntologyError).chapters


@lru_cache(maxsize=1)
def clause_cues() -> dict[str, tuple[str, ...]]:
    """Section names per clause, from ``linker/clause_cues.yaml``."""
    path = Path(__file__).with_name("clause_cues.yaml")
    return load_yaml(path, _ClauseCues, error=OntologyError).clauses


def path_chapters(path: Sequence[str]) -> dict[str, float]:
    """Chapters named by the nearest ancestor heading that carries any cue.

    Args:
        path: headings from the root down to the unit's parent (not the unit).

    Returns:
        chapter id -> share of the cue hits in that heading (empty when no
        ancestor carries a cue).
    """
    cues = chapter_cues()
    for heading in reversed(path):
        h = to_simplified(heading)
        hits = {ch: sum(1 for w in words if w in h) for ch, words in cues.items()}
        total = sum(hits.values())
        if total:
            return {ch: n / total for ch, n in hits.items() if n}
    return {}


@dataclass
class UnitSignals:
    """The raw material for one unit's features, independent of any model."""

    heading: str
    text: str
    ancestors: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    numbered_clause: str | None = None
    kind: str = "task"


class ClauseIndex:
    """Lexical and key-term index over the outline's clauses.

    Args:
        outline: the outline whose clauses units are matched against.
        measure_clauses: measure id -> the clause ids the measure serves.
    """

    def __init__(self, outline: Outline, measure_clauses: Mapping[str, Sequence[str]]) -> None:
        self.outline = outline
        self.clause_ids = [c.id for c in outline.clauses]
        self._pos = {cid: i for i, cid in enumerate(self.clause_ids)}
        self.measure_clauses = {
            m: [c for c in cs if c in self._pos] for m, cs in measure_clauses.items()
        }
        docs = [f"{c.title}。{c.digest}。{'、'.join(c.key_terms)}" for c in outline.clauses]
        titles = [c.title for c in outline.clauses]
        # IDF over the clauses themselves: n-grams every clause shares (知识产权,
        # 建设) weigh little, those that tell clauses apart weigh much.
        self._vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
        self._docs = self._vec.fit_transform(docs + [ch.title for ch in outline.chapters])[
            : len(docs)
        ]
        self._titles = self._vec.transform(titles)
        cues = clause_cues()
        self._terms = [
            tuple(dict.fromkeys(to_simplified(t) for t in (*c.key_terms, *cues.get(c.id, ()))))
            for c in outline.clauses
        ]

    def _cos(self, text: str, matrix: object) -> np.ndarray:
        v = self._vec.transform([text])
        return np.asarray((v @ matrix.T).toarray()).ravel()  # type: ignore[attr-defined]

    def lexical(self, heading: str, text: str) -> np.ndarray:
        """Combined lexical score per clause (used for ranking without a model)."""
        full = to_simplified(f"{heading}。{clean_text(text)}")
        return self._cos(full, self._docs) + self._cos(to_simplified(heading), self._docs)

    def term_hits(self, text: str) -> list[list[str]]:
        """Key terms of each clause found in ``text`` (simplified)."""
        return [[t for t in terms if t in text] for terms in self._terms]

    def features(self, s: UnitSignals) -> tuple[np.ndarray, list[str]]:
        """Feature matrix (clauses x FEATURES) and an evidence string per clause."""
        heading = to_simplified(s.heading)
        body = to_simplified(clean_text(s.text))
        full = f"{heading}。{body}"
        n = len(self.clause_ids)
        x = np.zeros((n, len(FEATURES)))
        # One vectoriser call for both strings: scikit-learn's per-call overhead,
        # not the arithmetic, dominated linking time (benchmarks/README.md).
        vectors = self._vec.transform([full, heading])
        to_docs = np.asarray((vectors @ self._docs.T).toarray())
        lex_text = to_docs[0]
        lex_heading = to_docs[1] if heading else np.zeros(n)
        x[:, 0] = lex_text
        x[:, 1] = lex_heading
        if heading:
            x[:, 2] = np.asarray((vectors[1] @ self._titles.T).toarray()).ravel()
        x[:, 3] = lex_text / lex_text.max() if lex_text.max() > 0 else 0.0
        combined = lex_text + lex_heading
        if combined.max() > 0:
            x[int(combined.argmax()), 4] = 1.0
        hits = self.term_hits(full)
        heading_hits = self.term_hits(heading)
        counts = np.array([len(h) for h in hits], dtype=float)
        x[:, 5] = np.log1p(counts)
        x[:, 6] = [len(h) for h in heading_hits]
        x[:, 7] = counts / counts.max() if counts.max() > 0 else 0.0
        parent = to_simplified(s.ancestors[-1]) if s.ancestors else ""
        x[:, 8] = [len(h) for h in self.term_hits(parent)] if parent else 0.0
        served: list[list[str]] = [[] for _ in range(n)]
        for m in dict.fromkeys(s.measures):
            for cid in self.measure_clauses.get(m, ()):
                served[self._pos[cid]].append(m)
        n_measures = len(set(s.measures))
        if n_measures:
            x[:, 9] = [len(v) / n_measures for v in served]
        chapters = path_chapters(s.ancestors)
        x[:, 10] = [chapters.get(c.chapter, 0.0) for c in self.outline.clauses]
        own = path_chapters([heading])
        x[:, 11] = [own.get(c.chapter, 0.0) for c in self.outline.clauses]
        if s.numbered_clause in self._pos:
            x[self._pos[s.numbered_clause], 12] = 1.0
        x[:, 13] = [s.kind == "goal" and c.chapter == "二" for c in self.outline.clauses]
        x[:, 14] = [s.kind == "guarantee" and c.chapter == "九" for c in self.outline.clauses]
        evidence = []
        for i, c in enumerate(self.outline.clauses):
            parts = []
            if served[i]:
                parts.append("measures: " + ", ".join(served[i]))
            if hits[i]:
                parts.append("terms: " + "、".join(hits[i]))
            if x[i, 10]:
                parts.append(f"path: chapter {c.chapter}")
            if x[i, 12]:
                parts.append("numbering")
            evidence.append("; ".join(parts))
        return x, evidence
