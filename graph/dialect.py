"""What differs between Neo4j 5 and ArcadeDB's Bolt/Cypher, in one place.

Both servers run the named queries in ``queries/`` unchanged. What differs:

* detection: ArcadeDB answers ``dbms.components()`` as "Neo4j Kernel 5.26.0",
  so the kind comes from the Bolt agent string ("Neo4j/5.26.0 compatible
  (ArcadeDB 26.10.2)"); a real Neo4j says "Neo4j/5.x.y".
* schema DDL: both accept ``CREATE CONSTRAINT ... IF NOT EXISTS ... IS UNIQUE``
  and ``CREATE INDEX ... IF NOT EXISTS``; full-text indexes exist on Neo4j
  only (``CREATE FULLTEXT INDEX`` with the CJK analyzer), so search uses the
  full-text procedure there and a portable ``CONTAINS`` scan elsewhere.

* property values: Neo4j stores only scalars and homogeneous lists of
  scalars without nulls; ArcadeDB also stores mixed and nested lists and
  lists holding null, so a write that passes the embedded tests can still fail
  on Neo4j. :func:`property_problems` checks values against the portable set.
  Dates are stored as ISO strings: ArcadeDB drops the offset of a zoned
  datetime parameter.
* ``dbms.components()``: meaningful on Neo4j only (see :attr:`ServerInfo.has_components`).

DDL is generated here, not kept in ``queries/``, because labels cannot be
parameters: every spliced label comes from ``graph/schema.py``'s whitelist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from policykg.graph.schema import INDEXES, NODE_KEYS, check_label

ServerKind = Literal["neo4j", "arcadedb", "unknown"]

_ARCADE = re.compile(r"ArcadeDB\s+([0-9][\w.\-]*)")
_NEO4J = re.compile(r"^Neo4j/([0-9][\w.\-]*)")
_ANY = re.compile(r"^[\w.\-]+/([0-9][\w.\-]*)")

#: Neo4j's integer properties are signed 64-bit.
_INT64 = (-(2**63), 2**63 - 1)

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
        """Whether the server has Neo4j's full-text indexes (and the CJK analyzer)."""
        return self.kind == "neo4j"

    @property
    def has_components(self) -> bool:
        """Whether ``CALL dbms.components()`` tells the real server version.

        ArcadeDB answers it with a fixed "Neo4j Kernel 5.26.0"; other Bolt
        servers (Memgraph, ...) have no such procedure at all.
        """
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
    # Some other Bolt server ("Memgraph/2.0"): keep its own version for reports;
    # its dbms.components(), if any, describes what it imitates, not itself.
    m = _ANY.match(agent)
    return ServerInfo("unknown", m.group(1) if m else "", agent, protocol)


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


def _scalar_kind(value: Any) -> str | None:
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "boolean"
    if isinstance(value, int):
        return "number" if _INT64[0] <= value <= _INT64[1] else None
    if isinstance(value, float):
        return "number"  # Neo4j widens a list of integers and floats to floats
    if isinstance(value, str):
        return "string"
    return None


def property_problem(value: Any) -> str | None:
    """Why ``value`` cannot be stored as a property on both servers, or None if it can.

    The portable set is what Neo4j 5 stores: null (it removes the property),
    booleans, 64-bit integers, floats, strings, and lists of one of those kinds
    without nulls. Temporal values are left out on purpose: the project stores
    ISO date strings, because ArcadeDB loses the offset of a zoned datetime.
    """
    if value is None or _scalar_kind(value) is not None:
        return None
    if isinstance(value, (list, tuple)):
        kinds = set()
        for item in value:
            if item is None:
                return "a list holding null (Neo4j refuses it)"
            kind = _scalar_kind(item)
            if kind is None:
                return f"a list holding {type(item).__name__} (Neo4j stores lists of scalars only)"
            kinds.add(kind)
        if len(kinds) > 1:
            return f"a list mixing {' and '.join(sorted(kinds))} (Neo4j refuses it)"
        return None
    if isinstance(value, int):
        return "an integer outside 64 bits"
    if isinstance(value, Mapping):
        return "a map (neither server stores maps as properties)"
    return f"a {type(value).__name__} (outside the portable property types)"


def property_problems(props: Mapping[str, Any]) -> list[str]:
    """``"key: why"`` for every value of a property map that is not portable."""
    out = []
    for key, value in props.items():
        problem = property_problem(value)
        if problem:
            out.append(f"{key}: {problem}")
    return out
