"""``policykg db doctor``: which server, which schema, how much data, what to fix."""

from __future__ import annotations

from typing import Any

from policykg.graph import dialect
from policykg.graph.schema import NODE_KEYS
from policykg.graph.store import GraphStore


def diagnose(store: GraphStore) -> dict[str, Any]:
    """Inspect the server and database behind ``store``.

    Returns:
        A JSON-able report: server kind/version/agent, the schema objects found
        and missing, counts per label and relationship type, and advice.
    """
    server = store.ping()
    present = store.schema_report()
    expected = dialect.expected_schema(server)
    missing_constraints = [c for c in expected["constraints"] if c not in present["constraints"]]
    missing_indexes = [i for i in expected["indexes"] if i not in present["indexes"]]
    counts = store.counts()
    advice = []
    if missing_constraints or missing_indexes:
        advice.append("schema incomplete: run `policykg build` (it creates constraints first)")
    if not counts.get("Document"):
        advice.append("no plans loaded: run `policykg build`")
    if not counts.get("Measure"):
        advice.append("no measure ontology loaded: run `policykg build`")
    if server.kind == "unknown":
        advice.append("unrecognised Bolt server: only Neo4j 5 and ArcadeDB are tested")
    if server.kind == "neo4j" and not server.version.startswith("5"):
        advice.append(f"Neo4j {server.version}: the queries are written and linted for Cypher 5")
    return {
        "server": {
            "kind": server.kind,
            "version": server.version,
            "agent": server.agent,
            "protocol": server.protocol,
        },
        "database": store.database,
        "schema": {
            "constraints": present["constraints"],
            "indexes": present["indexes"],
            "missing_constraints": missing_constraints,
            "missing_indexes": missing_indexes,
        },
        "counts": {label: counts.get(label, 0) for label in NODE_KEYS}
        | {k: v for k, v in counts.items() if k not in NODE_KEYS},
        "advice": advice,
    }
