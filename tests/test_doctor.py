"""``policykg db doctor`` against a real server: kind, version, schema, counts, advice."""

from __future__ import annotations

import importlib.metadata
import json
import re
from typing import Any

import pytest

from policykg.graph import dialect
from policykg.graph.doctor import diagnose
from policykg.graph.schema import NODE_KEYS
from policykg.graph.store import GraphStore


@pytest.fixture(scope="module")
def reports(scratch_store: GraphStore, graph_server: Any) -> dict[str, Any]:
    """The doctor's report on an empty database, before and after ensure_schema()."""
    before = diagnose(scratch_store)
    scratch_store.ensure_schema()
    after = diagnose(scratch_store)
    return {
        "before": before,
        "after": after,
        "embedded": graph_server.embedded is not None,
        "server": scratch_store.server,
    }


def test_report_is_json(reports: dict[str, Any]) -> None:
    assert json.loads(json.dumps(reports["after"])) == reports["after"]


def test_reports_the_server(reports: dict[str, Any]) -> None:
    server = reports["after"]["server"]
    assert server["kind"] == reports["server"].kind
    assert server["version"] and server["agent"] and server["protocol"]
    if reports["embedded"]:
        # the embedded server is the arcadedb-embedded package's ArcadeDB
        assert server["kind"] == "arcadedb"
        package = importlib.metadata.version("arcadedb-embedded")
        assert server["version"] == re.sub(r"\.post\d+$", "", package)
        assert f"(ArcadeDB {server['version']})" in server["agent"]
    else:
        assert server["kind"] in ("neo4j", "arcadedb")


def test_fresh_database_lacks_schema_and_says_so(reports: dict[str, Any]) -> None:
    if not reports["embedded"]:
        pytest.skip("an external server's one database keeps its schema between runs")
    before = reports["before"]
    expected = dialect.expected_schema(reports["server"])
    assert before["schema"]["missing_constraints"] == expected["constraints"]
    assert before["schema"]["missing_indexes"] == expected["indexes"]
    assert any(a.startswith("schema incomplete") for a in before["advice"])


def test_nothing_missing_after_ensure_schema(reports: dict[str, Any]) -> None:
    after = reports["after"]
    expected = dialect.expected_schema(reports["server"])
    assert after["schema"]["missing_constraints"] == []
    assert after["schema"]["missing_indexes"] == []
    assert set(expected["constraints"]) <= set(after["schema"]["constraints"])
    assert not any(a.startswith("schema incomplete") for a in after["advice"])


def test_constraint_indexes_follow_arcadedb_naming(reports: dict[str, Any]) -> None:
    """ArcadeDB lists a constraint's own index as ``Label[key]``, not by the constraint's name."""
    if reports["server"].kind != "arcadedb":
        pytest.skip("Neo4j names a constraint's index after the constraint")
    present = set(reports["after"]["schema"]["indexes"])
    owned = {f"{label}[{key}]" for label, key in NODE_KEYS.items()}
    assert owned <= present
    expected = set(dialect.expected_schema(reports["server"])["indexes"])
    assert present == owned | expected


def test_empty_database_counts_every_label_and_advises_a_build(reports: dict[str, Any]) -> None:
    after = reports["after"]
    assert {label: after["counts"][label] for label in NODE_KEYS} == dict.fromkeys(NODE_KEYS, 0)
    assert "no plans loaded: run `policykg build`" in after["advice"]
    assert "no measure ontology loaded: run `policykg build`" in after["advice"]


def test_corpus_counts_and_no_advice(corpus_store: GraphStore) -> None:
    report = diagnose(corpus_store)
    counts = report["counts"]
    # data/corpus/manifest.yaml: five plans, one per jurisdiction
    assert counts["Document"] == 5
    assert counts["ISSUED"] == 5
    # data/reference/national_outline.yaml: chapters 二..九, clauses C01..C24
    assert counts["Chapter"] == 8
    assert counts["Clause"] == 24
    assert counts["IN_CHAPTER"] == 24
    assert counts["Unit"] > 0 and counts["HAS_UNIT"] == counts["Unit"]
    assert counts["Measure"] > 0
    assert report["schema"]["missing_constraints"] == []
    assert report["schema"]["missing_indexes"] == []
    assert report["advice"] == []
