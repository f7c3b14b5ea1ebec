"""The dataset export (``policykg-export/1``), read back from the graph.

What ``policykg export --format json`` writes and ``GET /export?format=json``
returns. It is assembled from named read queries, never from the parser's
memory, so it shows what the graph really holds. The JSON schema of the
contract ships in ``data/contract/export.schema.json``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from policykg.errors import ExportInvalid
from policykg.graph.store import GraphStore
from policykg.resources import export_schema_path
from policykg.services.catalog import strip_none

FORMAT = "policykg-export/1"


@cache
def export_schema() -> dict[str, Any]:
    return dict(json.loads(export_schema_path().read_text(encoding="utf-8")))


def build_dataset(store: GraphStore) -> dict[str, Any]:
    """Read the whole dataset from the graph in the export contract's shape."""
    documents = store.read("export_documents")
    tasks = []
    for row in store.read("export_units"):
        row["measures"] = strip_none(row["measures"])
        row["clauses"] = strip_none(row["clauses"])
        row["path"] = row["path"] or []
        row["agencies"] = row["agencies"] or []
        tasks.append(row)
    targets = store.read("export_targets")
    measures = store.read("export_measures")
    for m in measures:
        m["alt_labels"] = m["alt_labels"] or []
    clauses = store.read("export_clauses")
    return {
        "format": FORMAT,
        "documents": documents,
        "tasks": tasks,
        "targets": targets,
        "measures": measures,
        "clauses": clauses,
    }


def validate_dataset(dataset: dict[str, Any]) -> None:
    """Check a dataset against the contract's JSON schema.

    Raises:
        ExportInvalid: with the first violation's path and message.
    """
    validator = jsonschema.Draft202012Validator(export_schema())
    error = next(iter(validator.iter_errors(dataset)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise ExportInvalid(f"export does not match its schema at /{where}: {error.message}")
