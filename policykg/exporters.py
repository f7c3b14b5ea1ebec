"""Serialise the dataset read back from the graph: JSON contract, CSV, RDF, GraphML.

One function per format, all starting from :func:`policykg.services.dataset.build_dataset`
so the CLI and the API export exactly the same content.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from policykg.analytics.graphml import to_graphml
from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.rdf_export import to_jsonld, to_turtle
from policykg.services.dataset import build_dataset, validate_dataset

CSV_COLUMNS = (
    "id",
    "document_id",
    "jurisdiction_id",
    "kind",
    "marker",
    "path",
    "heading",
    "text",
    "agencies",
    "measures",
    "adopted_measures",
    "clauses",
    "clause_scores",
    # the unit's plan: where it came from, and whether a later version supersedes it
    "source_format",
    "source_url",
    "superseded_by",
)


def to_json(dataset: dict[str, Any]) -> bytes:
    validate_dataset(dataset)
    return json.dumps(dataset, ensure_ascii=False, indent=2).encode("utf-8")


def to_csv(dataset: dict[str, Any]) -> bytes:
    """One row per unit; lists joined with '; ', path with ' > '."""
    documents = {d["id"]: d for d in dataset["documents"]}
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for t in dataset["tasks"]:
        doc = documents.get(t["document_id"], {})
        writer.writerow(
            [
                t["id"],
                t["document_id"],
                t["jurisdiction_id"],
                t["kind"],
                t.get("marker") or "",
                " > ".join(t["path"]),
                t["heading"],
                t["text"],
                "; ".join(t["agencies"]),
                "; ".join(m["id"] for m in t["measures"]),
                "; ".join(m["id"] for m in t["measures"] if m.get("adoption")),
                "; ".join(c["id"] for c in t["clauses"]),
                "; ".join(f"{c['score']:.3f}" for c in t["clauses"]),
                doc.get("source_format") or "",
                doc.get("source_url") or "",
                doc.get("superseded_by") or "",
            ]
        )
    # BOM so that Excel, which many policy researchers use, reads it as UTF-8
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


FORMATS: dict[str, tuple[str, Callable[[dict[str, Any]], bytes]]] = {
    "json": ("application/json", to_json),
    "csv": ("text/csv; charset=utf-8", to_csv),
    "turtle": ("text/turtle; charset=utf-8", to_turtle),
    "jsonld": ("application/ld+json", to_jsonld),
    "graphml": ("application/graphml+xml", to_graphml),
}


def export_bytes(store: GraphStore, fmt: str) -> bytes:
    """The dataset in ``fmt``; raises InvalidInput for an unknown format."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[fmt][1](build_dataset(store))
