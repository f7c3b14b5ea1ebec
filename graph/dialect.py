"""What differs between Neo4j 5 and ArcadeDB's Bolt/Cypher, in one place.

Both servers run the named queries in ``queries/`` unchanged. What differs:

* detection: ArcadeDB answers ``dbms.components()`` as "Neo4j Kernel 5.26.0",
  so the kind comes from the Bolt agent string ("Neo4j/5.26.0 compatible
  (ArcadeDB 26.10.2)"); a real Neo4j says "Neo4j/5.x.y".
* schema DDL: both accept ``CREATE CONSTRAINT ... IF NOT EXISTS ... IS UNIQUE``
  and ``CREATE INDEX ... IF NOT EXISTS``; full-text indexes exist on Neo4j
  only (``CREATE FULLTEXT INDEX`` with the CJK analyzer), so search uses the
  full-text procedure there and a portable ``CONTAINS`` scan elsewhere.

DDL is generated here, not kept in ``queries/``, because labels cannot be
parameters: every spliced label comes from ``graph/schema.py``'s whitelist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from policykg.graph.schema import INDEXES, NODE_KEYS, check_label

ServerKind = Literal["neo4j", "arcadedb", "unknown"]

_ARCADE = re.compile(r"ArcadeDB\s+([0-9][\w.\-]*)")
_NEO4J = re.compile(r"^Neo4j/([0-9][\w.\-]*)")

#: Neo4j's full-text index over unit text (the CJK analyzer splits Chinese into
#: bigrams; the standard analyzer would index single characters only).
FULLTEXT_INDEX = "unit_fulltext"


@dataclass(frozen=True)
class ServerInfo:
    """The graph server behind the Bolt connection."""

    kind: ServerKind
    version: str
    agent: str
    protocol: str

    @property
    def has_fulltext(self) -> bool:
        return self.kind == "neo4j"

    def search_query_name(self) -> str:
        """The named query ``search`` uses on this server."""
        return "search_units_fulltext" if self.has_fulltext else "search_units"


def detect(agent: str, protocol: str = "", components_version: str | None = None) -> ServerInfo:
    """Tell the server kind and version from its Bolt agent string.

    Args:
        agent: ``driver.get_server_info().agent``.
        protocol: the Bolt protocol version, for reports.
        components_version: the version ``CALL dbms.components()`` gave, if any.
    """
    m = _ARCADE.search(agent)
    if m:
        return ServerInfo("arcadedb", m.group(1), agent, protocol)
    m = _NEO4J.match(agent)
    if m:
        return ServerInfo("neo4j", components_version or m.group(1), agent, protocol)
    return ServerInfo("unknown", components_version or "", agent, protocol)


def constraint_name(label: str) -> str:
    return f"{label.lower()}_key"


def index_name(label: str, prop: str) -> str:
    return f"{label.lower()}_{prop}"


def schema_statements(server: ServerInfo) -> list[str]:
    """The DDL that puts the schema in place on ``server``, idempotently."""
    statements = [
        f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS "
        f"FOR (n:{check_label(label)}) REQUIRE n.`{key}` IS UNIQUE"
        for label, key in NODE_KEYS.items()
    ]
    for label, props in INDEXES.items():
        for prop in props:
            statements.append(
                f"CREATE INDEX {index_name(label, prop)} IF NOT EXISTS "
                f"FOR (n:{check_label(label)}) ON (n.`{prop}`)"
            )
    if server.has_fulltext:
        statements.append(
            f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
            "FOR (n:`Unit`) ON EACH [n.`heading`, n.`text`] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
        )
    return statements


def expected_schema(server: ServerInfo) -> dict[str, list[str]]:
    """Names of the constraints and indexes ``doctor`` expects to find."""
    indexes = [index_name(label, p) for label, props in INDEXES.items() for p in props]
    if server.has_fulltext:
        indexes.append(FULLTEXT_INDEX)
    return {"constraints": [constraint_name(label) for label in NODE_KEYS], "indexes": indexes}
