"""``policykg rebuild``: derive the whole graph again from the archive, with the current code.

The sources are the package's own corpus and every plan of the archive (for a
document ingested several times, the latest record: the same bytes with the
latest manifest fields). Records of the package's corpus are not read: the
corpus of the installed version stands for them, and a bundled source that
version no longer ships is *retired* (its document leaves the graph).

Each source is parsed and written in its own transaction, as an ingest writes
it, so readers see every document whole, old or new, throughout. Then the
graph is settled:

* a document whose source now gives it another id (an id made by an older
  version, a retired bundled plan) is removed, with its units and targets;
* a document whose source is not in the archive (ingested by a version that
  kept no archive) is kept as it is and reported: nothing can derive it
  again, and deleting it would lose it;
* a source that no longer parses keeps its document as it was, reported.

Run twice, it gives the same graph; the document ids do not change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from policykg.archive import Archive, ArchiveRecord
from policykg.build import DocumentSummary, prepare
from policykg.errors import PolicyKGError
from policykg.fetch import FetchLimits
from policykg.graph.store import GraphStore
from policykg.graph.writer import (
    jurisdiction_versions,
    remove_documents,
    stored_sources,
    write_document,
)
from policykg.pipeline import Pipeline
from policykg.resources import corpus_dir
from policykg.sources import Source, corpus_sources
from policykg.versions import VersionDecision

#: progress(done, total, what): called before each source and once at the end
RebuildProgress = Callable[[int, int, str], None]


@dataclass
class RebuildReport:
    """What a rebuild did."""

    documents: list[DocumentSummary] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unarchived: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Planned:
    source: Source
    label: str
    record: ArchiveRecord | None = None


def _latest(records: list[ArchiveRecord]) -> dict[str, ArchiveRecord]:
    """The latest record of each document (records come oldest first)."""
    latest: dict[str, ArchiveRecord] = {}
    for record in records:
        latest[record.document_id] = record
    return latest


def plan_rebuild(archive: Archive, max_bytes: int) -> tuple[list[_Planned], set[str]]:
    """The sources a rebuild derives, in order, and the digests of retired bundled sources."""
    bundled = corpus_sources(corpus_dir(), FetchLimits(max_bytes=max_bytes))
    digests = {hashlib.sha256(s.raw).hexdigest(): s for s in bundled}
    bundled_ids = {f"{s.entry.jurisdiction.id}-{sha[:12]}" for sha, s in digests.items()}
    planned = [_Planned(s, f"bundled {s.entry.file}") for s in bundled]
    records = archive.records()
    retired = {r.sha256 for r in records if r.bundled and r.sha256 not in digests}
    for record in _latest([r for r in records if not r.bundled]).values():
        if record.document_id in bundled_ids:
            continue  # the package's own plan, ingested by hand as well: derived once
        source = Source(
            raw=b"",  # read when its turn comes, so a big archive is not held in memory
            entry=record.manifest_entry(),
            route=record.route,
            final_url=record.final_url,
            charset=record.charset,
        )
        planned.append(_Planned(source, record.document_id, record))
    return planned, retired


def rebuild(
    store: GraphStore,
    pipeline: Pipeline,
    archive: Archive,
    progress: RebuildProgress | None = None,
) -> RebuildReport:
    """Derive every archived and bundled plan again and settle the graph (module docstring).

    Raises:
        InvalidInput: an archive record that is not valid (named); nothing is written then.
        GraphUnavailable: the graph server went away (documents written so far stay).
    """
    say = progress or (lambda _done, _total, _what: None)
    planned, retired = plan_rebuild(archive, pipeline.max_bytes)
    report = RebuildReport()
    prepare(store, pipeline)
    written: dict[str, str] = {}  # document id -> source digest
    kept: set[str] = set()  # ids whose source failed: their graph version stays
    for n, item in enumerate(planned):
        say(n, len(planned), item.label)
        source = item.source
        try:
            if item.record is not None:
                raw = archive.read_object(item.record.sha256)
                source = Source(raw, source.entry, source.route, source.final_url, source.charset)
            doc = pipeline.parse(
                source.raw, source.entry, source_url=source.source_url, charset=source.charset
            )
        except PolicyKGError as e:
            report.failed.append(f"{item.label}: {e.message}")
            if item.record is not None:
                kept.add(item.record.document_id)
            continue
        with archive.lock():
            write_document(store, doc)
        written[doc.id] = doc.sha256
        report.documents.append(DocumentSummary.of(doc, "updated"))
    say(len(planned), len(planned), "settle versions")

    with archive.lock():
        # read again under the lock: an ingest that ran meanwhile is archived, not stale
        archived = {r.document_id for r in archive.records()}
        derived = set(written.values()) | retired
        remove = []
        for row in stored_sources(store):
            doc_id = row["id"]
            if doc_id in written or doc_id in kept:
                continue
            if row.get("sha256") in derived:
                remove.append(doc_id)
            elif doc_id not in archived:
                report.unarchived.append(doc_id)
        if remove:
            remove_documents(store, remove)
    report.removed = sorted(remove)
    jurisdictions = sorted({r["jurisdiction_id"] for r in stored_sources(store)})
    decisions = {j: jurisdiction_versions(store, j) for j in jurisdictions}
    for decision in decisions.values():
        report.warnings.extend(decision.warnings)
    report.documents = [
        _with_versions(s, decisions.get(s.jurisdiction_id)) for s in report.documents
    ]
    return report


def _with_versions(summary: DocumentSummary, decision: VersionDecision | None) -> DocumentSummary:
    if decision is None:
        return summary
    by = decision.superseded_by
    return replace(
        summary,
        superseded_by=by.get(summary.id),
        supersedes=sorted(i for i, b in by.items() if b == summary.id),
    )
