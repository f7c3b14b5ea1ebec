"""Server dialects: detection from the Bolt agent, schema DDL per server, portable values."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from policykg.graph import dialect
from policykg.graph.dialect import ServerInfo, detect
from policykg.graph.schema import INDEXES, NODE_KEYS
from policykg.queries import get_query

NEO4J_AGENT = "Neo4j/5.26.0"
ARCADEDB_AGENT = "Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)"

_CONSTRAINT = re.compile(
    r"^CREATE CONSTRAINT (\w+) IF NOT EXISTS FOR \(n:`(\w+)`\) REQUIRE n\.`(\w+)` IS UNIQUE$"
)
_INDEX = re.compile(r"^CREATE INDEX (\w+) IF NOT EXISTS FOR \(n:`(\w+)`\) ON \(n\.`(\w+)`\)$")


@pytest.mark.parametrize(
    ("agent", "kind", "version"),
    [
        (NEO4J_AGENT, "neo4j", "5.26.0"),
        ("Neo4j/5.13.0", "neo4j", "5.13.0"),
        ("Neo4j/2025.01.0", "neo4j", "2025.01.0"),
        (ARCADEDB_AGENT, "arcadedb", "26.10.2"),
        ("Memgraph/2.0", "unknown", "2.0"),
        ("", "unknown", ""),
    ],
)
def test_detect_kind_and_version(agent: str, kind: str, version: str) -> None:
    server = detect(agent, "5.4")
    assert (server.kind, server.version, server.agent, server.protocol) == (
        kind,
        version,
        agent,
        "5.4",
    )


def test_components_version_counts_on_neo4j_only() -> None:
    # Neo4j's agent may lag its real version; dbms.components() is authoritative
    assert detect(NEO4J_AGENT, components_version="5.26.3").version == "5.26.3"
    # ArcadeDB answers dbms.components() with a fixed "5.26.0": never its own version
    assert detect(ARCADEDB_AGENT, components_version="5.26.0").version == "26.10.2"
    assert detect("Memgraph/2.0", components_version="5.26.0").version == "2.0"


def test_what_each_server_offers() -> None:
    neo4j, arcade, other = detect(NEO4J_AGENT), detect(ARCADEDB_AGENT), detect("Memgraph/2.0")
    assert (neo4j.has_fulltext, arcade.has_fulltext, other.has_fulltext) == (True, False, False)
    assert (neo4j.has_components, arcade.has_components, other.has_components) == (
        True,
        False,
        False,
    )
    assert neo4j.search_query_name() == "search_units_fulltext"
    assert arcade.search_query_name() == other.search_query_name() == "search_units"


@pytest.mark.parametrize("agent", [NEO4J_AGENT, ARCADEDB_AGENT, "Memgraph/2.0"])
def test_every_servers_search_query_is_interchangeable(agent: str) -> None:
    # services/search.py runs whichever query the server gets with the same $q and
    # reads the same columns, so each must be a read with the portable one's shape
    portable = get_query("search_units")
    chosen = get_query(detect(agent).search_query_name())
    assert chosen.mode == "read"
    assert chosen.params == portable.params == ("q",)
    assert chosen.returns == portable.returns


def _constraints(statements: list[str]) -> dict[str, tuple[str, str]]:
    found = {}
    for s in statements:
        m = _CONSTRAINT.match(s)
        if m:
            found[m.group(2)] = (m.group(1), m.group(3))
    return found


@pytest.mark.parametrize("agent", [NEO4J_AGENT, ARCADEDB_AGENT])
def test_every_label_has_a_uniqueness_constraint_on_its_key(agent: str) -> None:
    statements = dialect.schema_statements(detect(agent))
    constraints = _constraints(statements)
    assert sorted(constraints) == sorted(NODE_KEYS)
    for label, (name, key) in constraints.items():
        assert key == NODE_KEYS[label]
        assert name == dialect.constraint_name(label)
    # constraints first: a build must never write a node before its key is unique
    first_other = next(i for i, s in enumerate(statements) if not _CONSTRAINT.match(s))
    assert all(_CONSTRAINT.match(s) for s in statements[:first_other])
    assert len(constraints) == first_other


@pytest.mark.parametrize("agent", [NEO4J_AGENT, ARCADEDB_AGENT])
def test_every_declared_index_is_created(agent: str) -> None:
    statements = dialect.schema_statements(detect(agent))
    indexes = {(m.group(2), m.group(3)): m.group(1) for m in map(_INDEX.match, statements) if m}
    wanted = {(label, prop) for label, props in INDEXES.items() for prop in props}
    assert set(indexes) == wanted
    assert all(name == dialect.index_name(*key) for key, name in indexes.items())


def test_neo4j_gets_the_cjk_fulltext_index_and_arcadedb_does_not() -> None:
    neo4j = dialect.schema_statements(detect(NEO4J_AGENT))
    arcade = dialect.schema_statements(detect(ARCADEDB_AGENT))
    fulltext = [s for s in neo4j if "FULLTEXT" in s]
    assert len(fulltext) == 1
    assert fulltext[0].startswith(f"CREATE FULLTEXT INDEX {dialect.FULLTEXT_INDEX} IF NOT EXISTS")
    assert "FOR (n:`Unit`) ON EACH [n.`heading`, n.`text`]" in fulltext[0]
    assert "`fulltext.analyzer`: 'cjk'" in fulltext[0]
    # the full-text procedure query reads the index this DDL creates
    assert f"'{dialect.FULLTEXT_INDEX}'" in get_query("search_units_fulltext").text
    assert not [s for s in arcade if "FULLTEXT" in s]
    assert [s for s in neo4j if s not in fulltext] == arcade


def test_unknown_servers_get_only_the_portable_ddl() -> None:
    assert dialect.schema_statements(detect("Memgraph/2.0")) == dialect.schema_statements(
        detect(ARCADEDB_AGENT)
    )


@pytest.mark.parametrize("agent", [NEO4J_AGENT, ARCADEDB_AGENT])
def test_ddl_is_idempotent_and_whitelisted(agent: str) -> None:
    for statement in dialect.schema_statements(detect(agent)):
        assert " IF NOT EXISTS " in statement
        for label in re.findall(r"\(n:`(\w+)`\)", statement):
            assert label in NODE_KEYS


@pytest.mark.parametrize("agent", [NEO4J_AGENT, ARCADEDB_AGENT])
def test_expected_schema_names_what_the_ddl_creates(agent: str) -> None:
    server = detect(agent)
    expected = dialect.expected_schema(server)
    created = " ".join(dialect.schema_statements(server))
    for name in expected["constraints"] + expected["indexes"]:
        assert re.search(rf"INDEX {name} |CONSTRAINT {name} ", created), name
    assert len(expected["constraints"]) == len(NODE_KEYS)
    assert (dialect.FULLTEXT_INDEX in expected["indexes"]) is server.has_fulltext


def test_server_info_is_a_value() -> None:
    assert detect(NEO4J_AGENT, "5.4") == ServerInfo("neo4j", "5.26.0", NEO4J_AGENT, "5.4")


# --- property values: what both servers store ---------------------------------------


@pytest.mark.parametrize(
    "value",
    [None, "知识产权", "", 0, -(2**63), 2**63 - 1, 1.5, True, [], ["a", "b"], [1, 2.5], [True]],
)
def test_portable_values(value: object) -> None:
    assert dialect.property_problem(value) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        # each of these ArcadeDB stores without complaint; Neo4j 5 refuses it
        ([1, "a"], "mixing"),
        ([[1], [2]], "list holding list"),
        (["a", None], "null"),
        ([True, 1], "mixing"),
        # neither server stores maps
        ({"a": 1}, "map"),
        ([{"a": 1}], "list holding dict"),
        (2**63, "64 bits"),
        # we store ISO strings: ArcadeDB drops a zoned datetime's offset
        (dt.date(2021, 9, 22), "date"),
        (dt.datetime(2021, 9, 22, tzinfo=dt.UTC), "datetime"),
    ],
)
def test_values_that_do_not_travel(value: object, why: str) -> None:
    problem = dialect.property_problem(value)
    assert problem is not None and why in problem


def test_property_problems_names_the_keys() -> None:
    assert dialect.property_problems({"id": "x", "path": ["a", None], "year": 2025}) == [
        "path: a list holding null (Neo4j refuses it)"
    ]


def test_the_corpus_writes_only_portable_values(parsed_corpus) -> None:  # type: ignore[no-untyped-def]
    """Everything the writer sends for the five plans would also land on Neo4j."""
    from policykg.graph.writer import document_rows

    problems = []
    for jurisdiction, doc in parsed_corpus.items():
        rows = document_rows(doc)
        maps = [("jurisdiction", rows["jurisdiction"]), ("document", rows["document"])]
        for key, value in rows.items():
            if isinstance(value, list):
                for row in value:
                    maps.append((key, {k: v for k, v in row.items() if k != "props"}))
                    if "props" in row:
                        maps.append((f"{key}.props", row["props"]))
        for where, props in maps:
            problems += [f"{jurisdiction} {where} {p}" for p in dialect.property_problems(props)]
    assert len(parsed_corpus) == 5
    assert not problems, "\n".join(problems[:20])
