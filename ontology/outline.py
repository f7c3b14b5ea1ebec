"""The national outline (知识产权强国建设纲要 2021–2035) as typed reference data.

Loaded from ``data/reference/national_outline.yaml``: chapters, the 24 clauses
with their digests and key terms, and the outline's own 2025 targets. The
linker matches plan units against these; ``graph/`` writes them as nodes; the
ontology turns them into RDF.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from policykg.errors import OntologyError
from policykg.resources import reference_dir
from policykg.yamlfile import load_yaml


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutlineTarget(_Frozen):
    indicator: str
    metric: str
    value: float
    unit: str
    year: int


class OutlineDocument(_Frozen):
    id: str
    title: str
    issuer: list[str]
    published_on: str
    level: str
    targets_2025: list[OutlineTarget]


class Chapter(_Frozen):
    id: str = Field(description="the outline's chapter numeral, e.g. 四")
    title: str


class Clause(_Frozen):
    id: str = Field(pattern=r"^C[0-9]{2}$")
    chapter: str
    title: str
    digest: str
    key_terms: list[str]

    @property
    def number(self) -> int:
        """The outline's paragraph number （一）…（二十四） as an integer."""
        return int(self.id[1:])


class Outline(_Frozen):
    document: OutlineDocument
    chapters: list[Chapter]
    clauses: list[Clause]

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    def chapter(self, chapter_id: str) -> Chapter:
        for ch in self.chapters:
            if ch.id == chapter_id:
                return ch
        raise KeyError(chapter_id)


def load_outline(path: Path | None = None) -> Outline:
    """Load and validate the outline skeleton.

    Args:
        path: a YAML file in the shape of ``national_outline.yaml``; the bundled
            one when None.

    Raises:
        OntologyError: the file is missing or malformed, or its clauses do not
            name known chapters.
    """
    path = path or reference_dir() / "national_outline.yaml"
    outline = load_yaml(path, Outline, error=OntologyError)
    chapter_ids = {ch.id for ch in outline.chapters}
    for c in outline.clauses:
        if c.chapter not in chapter_ids:
            raise OntologyError(f"clause {c.id} names unknown chapter {c.chapter}")
    return outline


@lru_cache(maxsize=1)
def bundled_outline() -> Outline:
    """The bundled outline, parsed once per process."""
    return load_outline()
