"""Write the model into the graph: reference data once, each document atomically.

A document is written in ONE transaction: its stale units are deleted, the
derived links of the rest are dropped and rewritten, so a re-ingest of the
same source is idempotent, a re-derivation with newer code replaces the old
units without orphans, and a failure half-way leaves the graph exactly as it
was. In the same transaction the jurisdiction's versions are decided again
(:func:`policykg.versions.decide_versions` over its documents as the graph
holds them, the new one included) and its ``ADOPTS`` summary is rewritten from
its current documents only. Rows are sent in batches (``UNWIND $rows``, see the
``merge_*`` queries); :func:`document_statements` lists what one document
sends, in order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from policykg.graph.store import GraphStore, Tx, WriteSummary
from policykg.model import Document, Unit
from policykg.ontology.outline import Outline
from policykg.ontology.vocab import Ontology
from policykg.text import label_key
from policykg.versions import VersionDecision, decide_versions, facts_of

#: A named query and its parameters, as :meth:`Tx.run` takes them.
Statement = tuple[str, dict[str, Any]]


def stable_id(*parts: str | None) -> str:
    """A short id from content, stable across rebuilds (for citations, agencies)."""
    h = hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()
    return h[:16]


def write_reference(
    store: GraphStore,
    outline: Outline,
    ontology: Ontology,
    indicator_clauses: Mapping[str, Sequence[str]] | None = None,
) -> WriteSummary:
    """Write the outline (chapters, clauses, 2025 targets) and the measure ontology.

    Args:
        store: the graph store.
        outline: the national outline reference data.
        ontology: the measure ontology (measures, categories, indicators).
        indicator_clauses: which clauses each indicator quantifies (none when None).
    """
    indicator_clauses = indicator_clauses or {}
    chapters = [
        {"id": ch.id, "title": ch.title, "ordinal": i} for i, ch in enumerate(outline.chapters)
    ]
    clauses = [
        {
            "id": c.id,
            "chapter": c.chapter,
            "title": c.title,
            "digest": c.digest,
            "key_terms": list(c.key_terms),
            "number": c.number,
        }
        for c in outline.clauses
    ]
    categories = [
        {"id": c.id, "label_zh": c.label_zh, "label_en": c.label_en} for c in ontology.categories
    ]
    measures = measure_rows(ontology)
    indicators = [
        {
            "id": i.id,
            "label_zh": i.label_zh,
            "unit": i.unit,
            "clauses": list(indicator_clauses.get(i.id, ())),
        }
        for i in ontology.indicators
    ]
    outline_targets = [
        {
            "id": f"{outline.document.id}-target-{t.indicator}",
            "indicator": t.indicator,
            "props": {
                "metric": t.metric,
                "indicator": t.indicator,
                "value": t.value,
                "unit": t.unit,
                "year": t.year,
                "scope": "national",
                "document_id": outline.document.id,
                "jurisdiction_id": "national",
                "text": f"{t.metric} {t.value:g}{t.unit}（{t.year}年）",
            },
        }
        for t in outline.document.targets_2025
    ]

    def work(tx: Tx) -> None:
        tx.run("merge_chapters", rows=chapters)
        tx.run("merge_clauses", rows=clauses)
        tx.run("merge_categories", rows=categories)
        tx.run("merge_measures", rows=measures)
        tx.run("merge_indicators", rows=indicators)
        tx.run("merge_outline_targets", rows=outline_targets)

    return store.run_transaction("write reference data", work)[1]


def measure_rows(ontology: Ontology) -> list[dict[str, Any]]:
    """The rows ``merge_measures`` writes: one per measure, its properties under ``props``.

    Both definitions travel, so pages can show the one in the reader's language.
    """
    return [
        {
            "id": m.id,
            "category": m.category,
            "clauses": list(m.clauses),
            "props": {
                "label_zh": m.label_zh,
                "label_en": m.label_en,
                "definition": m.definition,
                "definition_zh": m.definition_zh,
                "alt_labels": list(m.alt_labels),
                "core": bool(m.core),
                # the label_key() of every label, one per line: a lookup sends
                # the key of what the user typed, so label search is one CONTAINS
                "labels_search": "\n".join(
                    label_key(label) for label in (m.id, m.label_zh, m.label_en, *m.alt_labels)
                ),
            },
        }
        for m in ontology.measures
    ]


def _unit_props(u: Unit) -> dict[str, Any]:
    return {
        "document_id": u.document_id,
        "parent_id": u.parent_id,
        "order": u.order,
        "depth": u.depth,
        "marker": u.marker,
        "number": u.number,
        "kind": u.kind,
        "path": list(u.path),
        "heading": u.heading,
        "text": u.text,
        "text_original": u.text_original,
        "agencies": list(u.agencies),
        "text_search": f"{u.heading}\n{u.text}".lower(),
    }


def _mention_rows(units: Iterable[Unit]) -> list[dict[str, Any]]:
    """One row per (unit, measure): adoption if any tag adopts; all evidence kept."""
    rows: list[dict[str, Any]] = []
    for u in units:
        by_measure: dict[str, list[Any]] = {}
        for tag in u.measures:
            by_measure.setdefault(tag.measure_id, []).append(tag)
        for measure_id, tags in by_measure.items():
            adopting = [t for t in tags if t.adoption]
            lead = adopting[0] if adopting else tags[0]
            rows.append(
                {
                    "unit_id": u.id,
                    "measure_id": measure_id,
                    "adoption": bool(adopting),
                    "reason": lead.reason,
                    "evidence": lead.evidence,
                    "sentence": lead.sentence,
                    "evidences": list(dict.fromkeys(t.evidence for t in tags)),
                    "sentences": list(dict.fromkeys(t.sentence for t in tags if t.sentence)),
                }
            )
    return rows


def document_rows(doc: Document) -> dict[str, Any]:
    """Everything :func:`write_document` sends, as plain parameter rows."""
    j = doc.jurisdiction
    props = {
        "title": doc.title,
        "title_original": doc.title_original,
        "issuers": list(doc.issuers),
        "doc_number": doc.doc_number,
        "issued_on": doc.issued_on.isoformat() if doc.issued_on else None,
        "published_on": doc.published_on.isoformat() if doc.published_on else None,
        "status": doc.status,
        "source_file": doc.source_file,
        "source_format": doc.source_format,
        "source_url": doc.source_url,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "replaces": doc.replaces,
        "warnings": list(doc.warnings),
        "units": len(doc.units),
        "targets_count": len(doc.targets),
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return {
        "jurisdiction": {"id": j.id, "name": j.name, "level": j.level, "province": j.province},
        "document": props,
        "units": [{"id": u.id, "props": _unit_props(u)} for u in doc.units],
        "parents": [{"child": u.id, "parent": u.parent_id} for u in doc.units if u.parent_id],
        "agencies": [
            {"unit_id": u.id, "agency_id": stable_id(a), "name": a, "ordinal": i}
            for u in doc.units
            for i, a in enumerate(u.agencies)
        ],
        "mentions": _mention_rows(doc.units),
        "implements": [
            {
                "unit_id": u.id,
                "clause_id": c.clause_id,
                "score": c.score,
                "rank": c.rank,
                "method": c.method,
                "evidence": c.evidence,
            }
            for u in doc.units
            for c in u.clauses
        ],
        "targets": [
            {
                "id": t.id,
                "unit_id": t.unit_id,
                "indicator": t.indicator,
                "props": {
                    **t.model_dump(exclude={"id"}),
                    "document_id": doc.id,
                    "jurisdiction_id": j.id,
                    "scope": "plan",
                },
            }
            for t in doc.targets
        ],
        "citations": list(
            {
                stable_id(c.title, c.doc_number): {
                    "id": stable_id(c.title, c.doc_number),
                    "title": c.title,
                    "doc_number": c.doc_number,
                    "context": c.context,
                }
                for c in doc.citations
            }.values()
        ),
    }


def document_statements(doc: Document) -> list[Statement]:
    """The statements that write one document, in the order they must run.

    Args:
        doc: a parsed, tagged and linked document.

    Returns:
        ``(query name, parameters)`` pairs; a statement with a ``rows``
        parameter sends a batch of :func:`document_rows`, the others act on
        the document or jurisdiction as a whole. :func:`write_document_tx`
        decides the jurisdiction's versions between the document's own writes
        and the adoption summary (the last two statements).
    """
    return [*_own_statements(doc), *_summary_statements(doc.jurisdiction.id)]


def _own_statements(doc: Document) -> list[Statement]:
    rows = document_rows(doc)
    jurisdiction_id = doc.jurisdiction.id
    return [
        ("merge_jurisdictions", {"rows": [rows["jurisdiction"]]}),
        (
            "merge_document",
            {"jurisdiction_id": jurisdiction_id, "document_id": doc.id, "props": rows["document"]},
        ),
        ("delete_stale_units", {"document_id": doc.id, "keep": [u.id for u in doc.units]}),
        ("delete_unit_links", {"document_id": doc.id}),
        ("delete_document_targets", {"document_id": doc.id}),
        ("merge_units", {"document_id": doc.id, "rows": rows["units"]}),
        ("merge_unit_parents", {"rows": rows["parents"]}),
        ("merge_agencies", {"rows": rows["agencies"]}),
        ("merge_mentions", {"rows": rows["mentions"]}),
        ("merge_implements", {"rows": rows["implements"]}),
        ("merge_targets", {"document_id": doc.id, "rows": rows["targets"]}),
        ("merge_citations", {"document_id": doc.id, "rows": rows["citations"]}),
        ("delete_orphan_agencies", {}),
        ("delete_orphan_citations", {}),
    ]


def _summary_statements(jurisdiction_id: str) -> list[Statement]:
    # The jurisdiction-level summary the adoption questions read, kept in the
    # same transaction so it can never disagree with the units it counts.
    return [
        ("delete_jurisdiction_adoptions", {"jurisdiction_id": jurisdiction_id}),
        ("merge_jurisdiction_adoptions", {"jurisdiction_id": jurisdiction_id}),
    ]


def apply_versions_tx(tx: Tx, jurisdiction_id: str) -> VersionDecision:
    """Decide a jurisdiction's versions from its documents in the graph, and record them."""
    decision = decide_versions(
        facts_of(tx.run("list_document_versions", jurisdiction_id=jurisdiction_id))
    )
    rows = [{"id": i, "superseded_by": by} for i, by in sorted(decision.superseded_by.items())]
    tx.run("set_document_versions", rows=rows)
    return decision


def write_document_tx(tx: Tx, doc: Document) -> VersionDecision:
    """Run the writes of one document inside an open transaction.

    Returns:
        The jurisdiction's versions as decided with this document in place.
    """
    for name, params in _own_statements(doc):
        tx.run(name, **params)
    decision = apply_versions_tx(tx, doc.jurisdiction.id)
    for name, params in _summary_statements(doc.jurisdiction.id):
        tx.run(name, **params)
    return decision


def write_document(store: GraphStore, doc: Document) -> WriteSummary:
    """Write (or replace) one document in a single transaction.

    Raises:
        GraphUnavailable: the server went away; nothing of the document landed.
    """
    # by its module name, so that a test may wrap it (tests/test_reliability_*.py)
    return store.run_transaction(f"write document {doc.id}", lambda tx: write_document_tx(tx, doc))[
        1
    ]


def remove_documents(store: GraphStore, document_ids: Sequence[str]) -> list[VersionDecision]:
    """Delete documents, then settle their jurisdictions, in one transaction.

    The jurisdictions of the removed documents get their versions decided
    again and their ``ADOPTS`` rewritten; a jurisdiction left without any
    document goes too.

    Returns:
        The versions decided for each jurisdiction that keeps documents.
    """
    rows = store.read("list_document_sources", jurisdiction_id=None)
    jurisdictions = sorted({r["jurisdiction_id"] for r in rows if r["id"] in set(document_ids)})

    def work(tx: Tx) -> list[VersionDecision]:
        decisions = []
        for document_id in document_ids:
            tx.run("delete_document", document_id=document_id)
        tx.run("delete_orphan_agencies")
        tx.run("delete_orphan_citations")
        for jurisdiction_id in jurisdictions:
            decisions.append(apply_versions_tx(tx, jurisdiction_id))
            for name, params in _summary_statements(jurisdiction_id):
                tx.run(name, **params)
        tx.run("delete_empty_jurisdictions")
        return decisions

    return store.run_transaction(f"remove {len(document_ids)} documents", work)[0]


def jurisdiction_versions(store: GraphStore, jurisdiction_id: str) -> VersionDecision:
    """The versions of a jurisdiction's documents as the graph holds them now (a read)."""
    return decide_versions(
        facts_of(store.read("list_document_versions", jurisdiction_id=jurisdiction_id))
    )


def stored_sources(store: GraphStore, jurisdiction_id: str | None = None) -> list[dict[str, Any]]:
    """Each document's id, jurisdiction, source digest, title, file and URL, by id."""
    return store.read("list_document_sources", jurisdiction_id=jurisdiction_id)
