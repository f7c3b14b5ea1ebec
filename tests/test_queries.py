"""Named queries: every file loads with a valid header; nothing else writes Cypher."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.errors import PolicyKGError
from policykg.graph.store import GraphStore
from policykg.queries import get_query, list_queries
from policykg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", list_queries())
def test_every_query_has_a_header(name: str) -> None:
    q = get_query(name)
    assert q.mode in ("read", "write")
    assert q.summary, f"{name}: first line should say what it does"
    # every $param used is declared in the header
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("//"))
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
    assert used <= set(q.params), f"{name}: undeclared params {used - set(q.params)}"


def test_unknown_and_hostile_names_are_programming_errors() -> None:
    # Query names come from our code, not from requests: an unknown one is a bug
    # (a logged 500), never a NotFound that the API would answer with a 404.
    for name in ("nope", "../pyproject", "find_adopters; DROP"):
        with pytest.raises(LookupError, match="no named query") as e:
            get_query(name)
        assert not isinstance(e.value, PolicyKGError)


def test_an_unknown_query_through_the_api_is_a_500_not_a_404(corpus_store: GraphStore) -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    app = create_app(settings, store_factory=lambda: corpus_store)

    @app.get("/broken")
    def broken() -> object:
        return corpus_store.read("find_no_such_thing")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/broken")
    assert response.status_code == 500
    with TestClient(app) as client, pytest.raises(LookupError, match="find_no_such_thing"):
        client.get("/broken")  # uncaught: the server logs it with its traceback


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings excluded (they may quote Cypher)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


CYPHER = re.compile(r"\b(?:MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\S+\s+AS\s|\bDETACH\s+DELETE\b")


def test_no_cypher_outside_queries() -> None:
    """Cypher lives in queries/ (schema DDL in graph/dialect.py is the one exception)."""
    offenders = []
    for folder in (
        "policykg",
        "graph",
        "loaders",
        "ontology",
        "linker",
        "api",
        "views",
        "analytics",
    ):
        for path in (ROOT / folder).rglob("*.py"):
            for line, text in _string_literals(path):
                if CYPHER.search(text):
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    assert not offenders, "\n".join(offenders)


def test_the_cypher_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'def f():\n    """MATCH (n) in a docstring is fine"""\n'
        '    return "MATCH (n:Unit) RETURN n"\n'
    )
    found = [t for _, t in _string_literals(bad) if CYPHER.search(t)]
    assert found == ["MATCH (n:Unit) RETURN n"]
