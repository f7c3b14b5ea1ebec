"""The CLI mirrors (policykg/commands/query.py) print what the API answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from policykg.commands import query
from policykg.graph.store import GraphStore


@pytest.fixture(scope="module")
def runner(graph_server, pipeline) -> Iterator[CliRunner]:  # type: ignore[no-untyped-def]
    """A runner whose commands reach the corpus graph (built on first use)."""
    from policykg.build import build
    from policykg.resources import corpus_dir

    store = graph_server.connect(graph_server.corpus_database)
    if graph_server.corpus_dirty:
        store.write("delete_all")
        build(store, pipeline, corpus_dir())
        graph_server.corpus_dirty = False

    @contextmanager
    def corpus_store() -> Iterator[GraphStore]:
        yield store

    # Only where the store comes from is replaced: the settings-based connection
    # would reach the user's database, not the test server.
    mp = pytest.MonkeyPatch()
    mp.setattr(query, "_store", corpus_store)
    try:
        yield CliRunner()
    finally:
        mp.undo()
        store.close()


def test_adopters_json_and_table(runner: CliRunner) -> None:
    r = runner.invoke(query.query_app, ["adopters", "開放許可", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["measure"]["id"] == "open_licensing"
    assert {j["id"] for j in data["adopters"]} == {"ningbo", "chongqing"}
    r = runner.invoke(query.query_app, ["adopters", "质押融资"])
    assert r.exit_code == 0 and "pledge_financing" in r.output and "hohhot" in r.output


def test_compare_and_coverage(runner: CliRunner) -> None:
    r = runner.invoke(query.query_app, ["compare", "hohhot", "ningbo", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [p["a"] + "/" + p["b"] for p in data["similarity"]["pairwise"]] == ["hohhot/ningbo"]
    r = runner.invoke(query.query_app, ["compare", "hohhot", "ningbo"])
    assert r.exit_code == 0 and "similarity" in r.output and "C24" in r.output
    r = runner.invoke(query.query_app, ["coverage", "C13"])
    assert r.exit_code == 0 and "guangxi" in r.output


def test_errors_reach_the_cli_edge(runner: CliRunner) -> None:
    from policykg.errors import InvalidInput, NotFound

    r = runner.invoke(query.query_app, ["adopters", "量子纠缠"])
    assert isinstance(r.exception, NotFound) and "量子纠缠" in r.exception.message
    r = runner.invoke(query.query_app, ["compare", "hohhot"])
    assert isinstance(r.exception, InvalidInput)
