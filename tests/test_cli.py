"""The command line at its edges: one-line errors for bad plan fields, every export format.

The field rules are those of ``policykg.model`` (a jurisdiction id is a
lowercase ascii slug of 2–64 characters); the export checks parse each format
with the library a reader would use and compare counts with the graph's own.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.namespace import RDF
from typer.testing import CliRunner

from policykg import cli
from policykg.errors import InvalidInput
from policykg.exporters import CSV_COLUMNS, FORMATS
from policykg.graph.store import GraphStore
from policykg.ingest import cli_option, manifest_entry
from policykg.model import LEVELS
from policykg.ontology.vocab import PKG
from policykg.services.dataset import validate_dataset

FIELDS = {"file": "plan.txt", "jurisdiction": "shenzhen", "name": "深圳市", "level": "county"}
ARGS = ["--jurisdiction", "shenzhen", "--name", "深圳市", "--level", "county"]


# --- one ingest entry: the same rules and messages for the CLI and the API ------------
def test_manifest_entry_from_the_users_fields() -> None:
    entry = manifest_entry(**FIELDS, province="广东省", issued_on="2021-12-30", title="")
    assert entry.jurisdiction.id == "shenzhen" and entry.jurisdiction.province == "广东省"
    assert entry.issued_on == date(2021, 12, 30)
    assert entry.title is None  # a blank form field is no title


@pytest.mark.parametrize(
    ("field", "value", "cli_message", "api_message"),
    [
        (
            "jurisdiction",
            "Bad",
            "--jurisdiction 'Bad': must be a lowercase ascii slug of 2–64 characters",
            "jurisdiction 'Bad': must be a lowercase ascii slug of 2–64 characters",
        ),
        ("jurisdiction", "x", "--jurisdiction 'x': must be a lowercase ascii slug", None),
        ("jurisdiction", "a" * 65, "2–64 characters", None),
        (
            "issued_on",
            "2022-13-45",
            "--issued-on '2022-13-45': must be a date written YYYY-MM-DD (month must be in 1..12)",
            "issued_on '2022-13-45': must be a date written YYYY-MM-DD",
        ),
        ("issued_on", "30.12.2021", "--issued-on '30.12.2021': must be a date written", None),
        ("name", "", "--name '': string should have at least 1 character", None),
        ("level", "galaxy", "--level 'galaxy': input should be 'national', 'province'", None),
    ],
)
def test_bad_fields_are_one_line_naming_the_option_and_the_rule(
    field: str, value: str, cli_message: str, api_message: str | None
) -> None:
    fields = {**FIELDS, field: value}
    with pytest.raises(InvalidInput) as cli_error:
        manifest_entry(**fields, field_name=cli_option)
    with pytest.raises(InvalidInput) as api_error:
        manifest_entry(**fields)
    assert cli_message in cli_error.value.message
    assert api_message is None or api_message in api_error.value.message
    for message in (cli_error.value.message, api_error.value.message):
        assert "\n" not in message and "pydantic" not in message and "^[a-z]" not in message
    assert api_error.value.detail == [
        {"field": field, "value": value, "rule": api_error.value.detail[0]["rule"]}
    ]


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as error:
        manifest_entry(
            **{**FIELDS, "jurisdiction": "Bad", "issued_on": "2022-02-30"}, field_name=cli_option
        )
    assert [p["field"] for p in error.value.detail] == ["issued_on", "jurisdiction"]
    assert error.value.message.startswith("--issued-on '2022-02-30': must be a date written")
    assert "; --jurisdiction 'Bad': must be a lowercase ascii slug" in error.value.message


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    """Run ``policykg ARGS`` as the console script does; (exit code, stderr)."""
    monkeypatch.setattr(sys, "argv", ["policykg", *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    return exit_.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--jurisdiction", "Bad", "--name", "测试市", "--level", "county"],
            "error: --jurisdiction 'Bad': must be a lowercase ascii slug of 2–64 characters "
            "(a letter, then letters, digits, _ or -)",
        ),
        (
            [*ARGS, "--issued-on", "2021-02-30"],
            "error: --issued-on '2021-02-30': must be a date written YYYY-MM-DD "
            "(day is out of range for month)",
        ),
    ],
)
def test_policykg_ingest_prints_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    line: str,
) -> None:
    # the fields are checked before the file is read or any graph server is reached
    code, err = _main(monkeypatch, capsys, "ingest", str(tmp_path / "absent.txt"), *args)
    assert code == 1
    assert err == line + "\n"


def test_ingest_levels_are_the_models(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    r = CliRunner().invoke(cli.app, ["ingest", "--help"], env={"COLUMNS": "300"})
    assert "|".join(LEVELS) in r.output
    code, _ = _main(monkeypatch, capsys, "ingest", "x.txt", *ARGS[:4], "--level", "galaxy")
    assert code == 2  # a usage error, before anything runs


# --- every export format from the command line, read back by its own parser -------------
def _json(data: bytes, counts: dict[str, int]) -> None:
    dataset = json.loads(data)
    validate_dataset(dataset)  # the policykg-export/1 contract
    assert dataset["format"] == "policykg-export/1"
    assert len(dataset["documents"]) == counts["Document"] == 5
    assert len(dataset["tasks"]) == counts["Unit"]


def _csv(data: bytes, counts: dict[str, int]) -> None:
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == counts["Unit"]
    assert {r[2] for r in rows[1:]} == {"hohhot", "heyuan", "guangxi", "ningbo", "chongqing"}


def _rdf(fmt: str) -> Callable[[bytes, dict[str, int]], None]:
    def check(data: bytes, counts: dict[str, int]) -> None:
        g = Graph().parse(data=data, format={"turtle": "turtle", "jsonld": "json-ld"}[fmt])
        assert len(set(g.subjects(RDF.type, PKG.Jurisdiction))) == counts["Jurisdiction"] == 5
        assert len(set(g.subjects(RDF.type, PKG.Unit))) == counts["Unit"]

    return check


def _graphml(data: bytes, counts: dict[str, int]) -> None:
    g = nx.read_graphml(io.BytesIO(data))
    kinds = [k for _, k in g.nodes(data="kind")]
    assert kinds.count("jurisdiction") == counts["Jurisdiction"] == 5
    assert kinds.count("unit") == counts["Unit"]
    issued = [(a, b) for a, b, t in g.edges(data="type") if t == "ISSUED"]
    assert len(issued) == counts["ISSUED"] == 5


READERS: dict[str, Callable[[bytes, dict[str, int]], None]] = {
    "json": _json,
    "csv": _csv,
    "turtle": _rdf("turtle"),
    "jsonld": _rdf("jsonld"),
    "graphml": _graphml,
}


def test_every_registered_format_has_a_reader_here() -> None:
    assert set(READERS) == set(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_from_the_cli_parses(cli_corpus: GraphStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    r = CliRunner().invoke(cli.app, ["export", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert f"wrote {out}" in r.output
    READERS[fmt](out.read_bytes(), cli_corpus.counts())


def test_export_offers_exactly_the_registered_formats() -> None:
    r = CliRunner().invoke(cli.app, ["export", "--format", "xml"], env={"COLUMNS": "300"})
    assert r.exit_code == 2
    assert "'xml' is not one of " + ", ".join(f"'{f}'" for f in FORMATS) in r.output
