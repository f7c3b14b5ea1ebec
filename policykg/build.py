"""Build the graph from a corpus folder, and ingest single plans, archiving every source.

Every route that adds a plan ends in :func:`store_plan`: with the archive's
lock held, the source bytes and a record of the ingest are written to the
archive (durably) *before* the graph transaction, then the document is
written in one transaction. A crash after the archive write leaves a source
the graph lacks, which ``policykg rebuild`` (or the same ingest again) writes;
a crash inside the transaction leaves nothing of the document in the graph.

``build`` is idempotent: every write is a MERGE keyed on stable ids and each
document replaces its previous version in one transaction, so running it twice
(or again after an interrupted run) yields the same graph. ``ingest`` of bytes
the archive and the graph already hold, with the same fields, is a no-op that
says so.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from policykg import __version__
from policykg.archive import Archive, ArchiveRecord, entry_fields
from policykg.archive.records import now
from policykg.errors import InvalidInput
from policykg.fetch import FetchLimits
from policykg.graph.store import GraphStore
from policykg.graph.writer import (
    jurisdiction_versions,
    remove_documents,
    stored_sources,
    write_document,
    write_reference,
)
from policykg.model import Document, ManifestEntry
from policykg.pipeline import Pipeline
from policykg.resources import corpus_dir
from policykg.sources import Source, corpus_sources
from policykg.versions import VersionDecision

Progress = Callable[[str], None]
#: What an ingest did: a new document, a document written again, or nothing.
Outcome = Literal["created", "updated", "unchanged"]


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
    source_format: str = "text"
    source_url: str | None = None
    sha256: str = ""
    outcome: Outcome = "created"
    superseded_by: str | None = None
    supersedes: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls, doc: Document, outcome: Outcome = "created", versions: VersionDecision | None = None
    ) -> DocumentSummary:
        kinds: dict[str, int] = {}
        for u in doc.units:
            kinds[u.kind] = kinds.get(u.kind, 0) + 1
        adopted = {t.measure_id for u in doc.units for t in u.measures if t.adoption}
        clauses = {c.clause_id for u in doc.units for c in u.clauses}
        by = versions.superseded_by if versions else {}
        version_warnings = [w for w in (versions.warnings if versions else []) if doc.id in w]
        return cls(
            doc.id,
            doc.jurisdiction.id,
            doc.title,
            kinds,
            len(doc.targets),
            len(adopted),
            len(clauses),
            [*doc.warnings, *version_warnings],
            doc.source_format,
            doc.source_url,
            doc.sha256,
            outcome,
            by.get(doc.id),
            sorted(i for i, b in by.items() if b == doc.id),
        )


def prepare(store: GraphStore, pipeline: Pipeline) -> None:
    """Schema and reference data (outline, ontology): needed before any plan."""
    store.ensure_schema()
    write_reference(store, pipeline.outline, pipeline.ontology, pipeline.indicator_clauses)


def archive_record(source: Source, doc: Document, *, bundled: bool = False) -> ArchiveRecord:
    """The archive record of one ingest of ``source``, parsed as ``doc``."""
    return ArchiveRecord(
        sha256=doc.sha256,
        size=len(source.raw),
        document_id=doc.id,
        source_format=doc.source_format,
        route=source.route,
        ingested_at=now(),
        entry=entry_fields(source.entry),
        final_url=source.final_url,
        charset=source.charset,
        bundled=bundled,
        policykg_version=__version__,
    )


def _check_replaces(doc: Document, graph: dict[str, dict[str, Any]]) -> None:
    if doc.replaces is None:
        return
    if doc.replaces == doc.id:
        raise InvalidInput(f"replaces {doc.replaces!r}: that is this plan's own id")
    if doc.replaces not in graph:
        known = ", ".join(sorted(graph)) or "none"
        raise InvalidInput(
            f"replaces {doc.replaces!r}: jurisdiction {doc.jurisdiction.id!r} has no document "
            f"with this id (it has: {known})",
            detail={"replaces": doc.replaces, "documents": sorted(graph)},
        )


def store_plan(
    store: GraphStore,
    doc: Document,
    source: Source,
    archive: Archive | None,
    *,
    skip_unchanged: bool,
    bundled: bool = False,
    pipeline: Pipeline | None = None,
) -> Outcome:
    """Archive a parsed plan's source, then write it to the graph (under the archive lock).

    Args:
        store: the graph.
        doc: the parsed, tagged and linked document.
        source: where it came from (its bytes are what the archive keeps).
        archive: the source archive; None writes the graph only (tests, benchmarks).
        skip_unchanged: do nothing when the archive already has this source
            with the same fields and the graph holds the document.
        bundled: the source is one of the package's own plans.
        pipeline: when given, the schema and reference data are written first
            (under the same lock: concurrent ingests would fight over them).

    Returns:
        ``created``, ``updated`` (the graph had the document) or ``unchanged``.

    Raises:
        InvalidInput: ``replaces`` names no document of the jurisdiction.
    """
    guard = archive.lock() if archive is not None else contextlib.nullcontext()
    with guard:
        if pipeline is not None:
            prepare(store, pipeline)
        graph = {r["id"]: r for r in stored_sources(store, doc.jurisdiction.id)}
        _check_replaces(doc, graph)
        in_graph = graph.get(doc.id, {}).get("sha256") == doc.sha256
        if archive is not None:
            record = archive_record(source, doc, bundled=bundled)
            if archive.find_same(record) is None:
                archive.add(source.raw, record)
            elif skip_unchanged and in_graph:
                return "unchanged"
            else:
                archive.put_object(source.raw)  # heals a damaged or missing copy
        write_document(store, doc)
        # the same source under an id an older version gave it: this document replaces it
        stale = [i for i, r in graph.items() if r.get("sha256") == doc.sha256 and i != doc.id]
        if stale:
            remove_documents(store, stale)
    return "updated" if doc.id in graph else "created"


def build(
    store: GraphStore,
    pipeline: Pipeline,
    corpus: Path,
    progress: Progress | None = None,
    *,
    archive: Archive | None = None,
    limits: FetchLimits | None = None,
) -> list[DocumentSummary]:
    """Read (or fetch) and parse every plan of a corpus folder, then archive and write each.

    All plans are read and parsed before anything is archived or written, so a
    plan that fails stops the build with the graph and the archive untouched.
    """
    say = progress or (lambda _msg: None)
    limits = limits or FetchLimits(max_bytes=pipeline.max_bytes)
    bundled = corpus.resolve() == corpus_dir().resolve()
    parsed = []
    for source in corpus_sources(corpus, limits):
        say(f"parse {source.entry.source}")
        doc = pipeline.parse(
            source.raw, source.entry, source_url=source.source_url, charset=source.charset
        )
        parsed.append((source, doc))
    say("write reference data")
    with archive.lock() if archive is not None else contextlib.nullcontext():
        prepare(store, pipeline)
    outcomes: list[Outcome] = []
    for source, doc in parsed:
        say(f"write {doc.id}")
        outcomes.append(
            store_plan(store, doc, source, archive, skip_unchanged=False, bundled=bundled)
        )
    decisions = {j: jurisdiction_versions(store, j) for j in {d.jurisdiction.id for _, d in parsed}}
    return [
        DocumentSummary.of(doc, outcome, decisions[doc.jurisdiction.id])
        for (_, doc), outcome in zip(parsed, outcomes, strict=True)
    ]


def ingest_source(
    store: GraphStore, pipeline: Pipeline, source: Source, archive: Archive | None = None
) -> DocumentSummary:
    """Parse one plan, archive its source and write it; nothing lands when parsing fails."""
    doc = pipeline.parse(
        source.raw, source.entry, source_url=source.source_url, charset=source.charset
    )
    outcome = store_plan(store, doc, source, archive, skip_unchanged=True, pipeline=pipeline)
    return DocumentSummary.of(doc, outcome, jurisdiction_versions(store, doc.jurisdiction.id))


def ingest(
    store: GraphStore,
    pipeline: Pipeline,
    raw: bytes,
    entry: ManifestEntry,
    archive: Archive | None = None,
) -> DocumentSummary:
    """Parse and write one plan file's bytes; a parse error leaves the graph unchanged."""
    return ingest_source(store, pipeline, Source(raw, entry, "file"), archive)
