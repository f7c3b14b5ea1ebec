"""Build the graph from a corpus folder, and ingest single plans.

``build`` is idempotent: every write is a MERGE keyed on stable ids and each
document replaces its previous version in one transaction, so running it twice
(or again after an interrupted run) yields the same graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policykg.graph.store import GraphStore
from policykg.graph.writer import write_document, write_reference
from policykg.model import Document, ManifestEntry
from policykg.pipeline import Pipeline, corpus_entries

Progress = Callable[[str], None]


@dataclass
class DocumentSummary:
    """What one parsed and written plan contains (the ingest receipt)."""

    id: str
    jurisdiction_id: str
    title: str | None
    units: dict[str, int]
    targets: int
    measures_adopted: int
    clauses_linked: int
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> DocumentSummary:
        kinds: dict[str, int] = {}
        for u in doc.units:
            kinds[u.kind] = kinds.get(u.kind, 0) + 1
        adopted = {t.measure_id for u in doc.units for t in u.measures if t.adoption}
        clauses = {c.clause_id for u in doc.units for c in u.clauses}
        return cls(
            doc.id,
            doc.jurisdiction.id,
            doc.title,
            kinds,
            len(doc.targets),
            len(adopted),
            len(clauses),
            list(doc.warnings),
        )


def prepare(store: GraphStore, pipeline: Pipeline) -> None:
    """Schema and reference data (outline, ontology): needed before any plan."""
    store.ensure_schema()
    write_reference(store, pipeline.outline, pipeline.ontology, pipeline.indicator_clauses)


def build(
    store: GraphStore,
    pipeline: Pipeline,
    corpus: Path,
    progress: Progress | None = None,
) -> list[DocumentSummary]:
    """Parse every plan of a corpus folder and write it, one transaction per plan.

    All plans are parsed before anything is written, so a plan that fails to
    parse stops the build with the graph untouched.
    """
    say = progress or (lambda _msg: None)
    entries = corpus_entries(corpus)
    docs = []
    for entry, path in entries:
        say(f"parse {entry.file}")
        docs.append(pipeline.parse_file(path, entry))
    say("write reference data")
    prepare(store, pipeline)
    summaries = []
    for doc in docs:
        say(f"write {doc.id}")
        write_document(store, doc)
        summaries.append(DocumentSummary.of(doc))
    return summaries


def ingest(
    store: GraphStore, pipeline: Pipeline, raw: bytes, entry: ManifestEntry
) -> DocumentSummary:
    """Parse and write one plan; a parse error leaves the graph unchanged."""
    doc = pipeline.parse(raw, entry)
    prepare(store, pipeline)
    write_document(store, doc)
    return DocumentSummary.of(doc)
