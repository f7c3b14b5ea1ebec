"""The CLI mirrors (policykg/commands/query.py) print what the API answers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from policykg.commands import query
from policykg.graph.store import GraphStore


@pytest.fixture()
def runner(cli_corpus: GraphStore) -> CliRunner:
    """A runner whose commands reach the corpus graph through the settings, as a user's do."""
    return CliRunner()


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
