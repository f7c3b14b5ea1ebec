"""Static Neo4j guard: every named query and the schema DDL pass Neo4j's own Cypher 5 linter.

The embedded server in the rest of the suite is ArcadeDB, which accepts some
Cypher a real Neo4j rejects (and the other way round). Neo4j publishes its
parser and semantic analysis as the npm package ``@neo4j-cypher/language-support``;
``tools/cypher-lint/lint.mjs`` runs it, in one node process for all
statements, against a schema built from ``graph/schema.py`` and Neo4j's
built-in functions and procedures (APOC and GDS left out on purpose).

The linter is installed by ``python3 dev.py test`` (``npm ci`` in
``tools/cypher-lint``); without node or the installed package these tests skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from policykg.graph import dialect, schema
from policykg.queries import get_query, list_queries

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "cypher-lint"
PACKAGE = "@neo4j-cypher/language-support"

#: Notifications Neo4j's linter gives that are known and intended, by
#: (query, message fragment). Each entry says why; keep the list short.
#: Notifications accepted on purpose, with the reason: none at present (the
#: unique-key lookups of the merge_* queries are separate MATCH clauses, so
#: Neo4j sees no cartesian product).
KNOWN_NOTIFICATIONS: dict[tuple[str, str], str] = {}

#: Statements that must fail the guard, with the diagnostic each must produce.
#: They run in the same node process as the real queries.
NEGATIVE_PROBES: dict[str, tuple[str, list[str], str]] = {
    "apoc_function": (
        "MATCH (u:Unit) RETURN apoc.text.join(u.agencies, ',') AS agencies",
        [],
        "unknown_function",
    ),
    "apoc_procedure": (
        "CALL apoc.periodic.iterate('MATCH (u:Unit) RETURN u', 'DETACH DELETE u', {}) "
        "YIELD batches RETURN batches",
        [],
        "unknown_procedure",
    ),
    "gds_function": (
        "MATCH (a:Unit), (b:Unit) RETURN gds.similarity.cosine([1.0], [1.0]) AS s",
        [],
        "unknown_function",
    ),
    "unknown_label": ("MATCH (p:Policy) RETURN p.id AS id", [], "unknown_label"),
    "unknown_relationship_type": (
        "MATCH (d:Document)-[:CONTAINS]->(u:Unit) RETURN u.id AS id",
        [],
        "unknown_type",
    ),
    "syntax_error": ("MATCH (d:Document RETURN d.id AS id", [], "error"),
    "undeclared_parameter": (
        "MATCH (d:Document {id: $document_id}) RETURN d.id AS id",
        [],
        "parameter",
    ),
    "wrong_direction": (
        "MATCH (u:Unit)-[:HAS_UNIT]->(d:Document) RETURN d.id AS id",
        [],
        "schema_path",
    ),
    "fulltext_ddl_without_each": (
        "CREATE FULLTEXT INDEX bad IF NOT EXISTS FOR (n:`Unit`) ON (n.`text`)",
        [],
        "error",
    ),
}

#: Positive controls: built-ins the filter must keep (a filter that dropped
#: every procedure would make the negative probes pass for the wrong reason).
POSITIVE_PROBES: dict[str, tuple[str, list[str]]] = {
    "fulltext_procedure": (
        "CALL db.index.fulltext.queryNodes('unit_fulltext', $q) YIELD node, score "
        "RETURN node.id AS id, score",
        ["q"],
    ),
    "builtin_functions": (
        "MATCH (u:Unit) WHERE toLower(u.text) CONTAINS $q "
        "RETURN u.id AS id, size(u.text) AS n, coalesce(u.heading, '') AS h",
        ["q"],
    ),
    "server_components": (
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
        [],
    ),
}

NEO4J = dialect.detect("Neo4j/5.26.0")
ARCADEDB = dialect.detect("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)")


def _lint_schema() -> dict[str, Any]:
    return {
        "labels": schema.labels(),
        "relationshipTypes": schema.relationship_types(),
        "propertyKeys": list(schema.PROPERTY_KEYS),
        "graphSchema": [
            {"from": start, "to": end, "relType": rel_type}
            for rel_type, (start, end, _) in schema.RELATIONSHIPS.items()
        ],
    }


def _statements() -> list[dict[str, Any]]:
    out = [
        {"name": name, "text": get_query(name).text, "params": list(get_query(name).params)}
        for name in list_queries()
    ]
    for server in (NEO4J, ARCADEDB):
        out += [
            {"name": f"ddl:{server.kind}:{i}", "text": text, "params": []}
            for i, text in enumerate(dialect.schema_statements(server))
        ]
    out += [
        {"name": f"probe:{name}", "text": text, "params": params}
        for name, (text, params, _) in NEGATIVE_PROBES.items()
    ]
    out += [
        {"name": f"probe:{name}", "text": text, "params": params}
        for name, (text, params) in POSITIVE_PROBES.items()
    ]
    return out


@pytest.fixture(scope="module")
def lint() -> dict[str, Any]:
    """Lint every statement in one node process; results by statement name."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH: the Neo4j Cypher lint needs Node.js")
    if not (TOOL / "node_modules" / PACKAGE).is_dir():
        pytest.skip(f"{PACKAGE} is not installed: run `npm ci --prefix tools/cypher-lint`")
    payload = json.dumps({"queries": _statements(), "schema": _lint_schema()})
    proc = subprocess.run(
        [node, str(TOOL / "lint.mjs")],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    report["by_name"] = {r["name"]: r for r in report["results"]}
    return report


def classify(diagnostic: dict[str, Any]) -> str:
    """Sort a linter diagnostic into what it means for us."""
    message = diagnostic["message"]
    if message.startswith("Function ") and "is not present in the database" in message:
        return "unknown_function"
    if message.startswith("Procedure ") and "is not present in the database" in message:
        return "unknown_procedure"
    if message.startswith("Parameter $") and message.endswith(" is not defined."):
        return "parameter"
    if (
        message.startswith(("Label or relationship type ", "Label "))
        and "is not present" in message
    ):
        return "unknown_label"
    if message.startswith("Relationship type ") and "is not present" in message:
        return "unknown_type"
    if re.match(r"^(\[:.*\] has no .*\(:.*\)|\(:.*\) has no .*\[:.*\])$", message):
        return "schema_path"
    if diagnostic["severity"] == "error":
        return "error"
    if re.match(r"^\w+ is not present in the database", message):
        return "property"
    if "cartesian product" in message:
        return "cartesian product"
    if "deprecated" in message:
        return "deprecated"
    return "other"


def _row_keys(name: str) -> set[str]:
    """Keys the query's header declares for its parameter maps: ``{unit_id, ...}``."""
    params_line = next(
        line for line in get_query(name).text.splitlines() if line.startswith("// params:")
    )
    return {
        key.strip()
        for group in re.findall(r"\{([^}]*)\}", params_line)
        for key in group.split(",")
        if key.strip() and key.strip() != "..."
    }


def _unexpected(
    name: str, diagnostics: list[dict[str, Any]], row_keys: frozenset[str] = frozenset()
) -> list[str]:
    """Diagnostics that fail the guard: everything but precisely allowed notices."""
    bad = []
    for d in diagnostics:
        kind = classify(d)
        if kind == "property" and d["message"].split()[0] in row_keys:
            continue  # a key of an UNWIND row map, declared in the header; not stored
        if (name, kind) in KNOWN_NOTIFICATIONS:
            continue
        bad.append(f"{name}:{d['line']}:{d['column']} {d['severity']} [{kind}] {d['message']}")
    return bad


def test_linter_is_the_pinned_package(lint: dict[str, Any]) -> None:
    pinned = json.loads((TOOL / "package.json").read_text())["dependencies"][PACKAGE]
    assert lint["package"] == f"{PACKAGE}@{pinned}"
    assert lint["cypherVersion"] == "CYPHER 5"
    # Neo4j 5's built-ins, with the APOC/GDS plugins filtered out
    assert lint["functions"] > 100
    assert lint["procedures"] > 20


@pytest.mark.parametrize("name", list_queries())
def test_named_query_passes_neo4j_lint(lint: dict[str, Any], name: str) -> None:
    result = lint["by_name"][name]
    bad = _unexpected(name, result["diagnostics"], frozenset(_row_keys(name)))
    assert not bad, "\n".join(bad)
    assert result["statements"] == 1, f"{name}: one statement per file"


@pytest.mark.parametrize("name", list_queries())
def test_header_params_match_the_statement(lint: dict[str, Any], name: str) -> None:
    """The header's ``// params:`` names exactly the parameters Neo4j's parser finds."""
    assert sorted(lint["by_name"][name]["paramsUsed"]) == sorted(get_query(name).params)


@pytest.mark.parametrize("server", [NEO4J, ARCADEDB], ids=lambda s: s.kind)
def test_schema_ddl_passes_neo4j_lint(lint: dict[str, Any], server: dialect.ServerInfo) -> None:
    statements = dialect.schema_statements(server)
    assert statements
    for i, text in enumerate(statements):
        diagnostics = lint["by_name"][f"ddl:{server.kind}:{i}"]["diagnostics"]
        assert diagnostics == [], f"{text}\n{diagnostics}"


def test_fulltext_ddl_was_linted(lint: dict[str, Any]) -> None:
    """The CJK full-text index, Neo4j-only syntax, is among the statements checked."""
    statements = dialect.schema_statements(NEO4J)
    fulltext = [i for i, text in enumerate(statements) if "FULLTEXT INDEX" in text]
    assert len(fulltext) == 1
    i = fulltext[0]
    assert lint["by_name"][f"ddl:neo4j:{i}"]["diagnostics"] == []


@pytest.mark.parametrize("probe", sorted(NEGATIVE_PROBES))
def test_guard_catches(lint: dict[str, Any], probe: str) -> None:
    _, _, expected = NEGATIVE_PROBES[probe]
    diagnostics = lint["by_name"][f"probe:{probe}"]["diagnostics"]
    kinds = {classify(d) for d in diagnostics}
    assert expected in kinds, diagnostics
    assert _unexpected(f"probe:{probe}", diagnostics)


@pytest.mark.parametrize("probe", sorted(POSITIVE_PROBES))
def test_guard_accepts_builtins(lint: dict[str, Any], probe: str) -> None:
    assert lint["by_name"][f"probe:{probe}"]["diagnostics"] == []
