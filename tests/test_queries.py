"""Named queries: every file loads with a valid header; nothing else writes Cypher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policykg.errors import NotFound
from policykg.queries import get_query, list_queries

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


def test_unknown_and_hostile_names_are_not_found() -> None:
    for name in ("nope", "../pyproject", "find_adopters; DROP"):
        with pytest.raises(NotFound):
            get_query(name)


def test_no_cypher_outside_queries() -> None:
    """Cypher lives in queries/ (schema DDL in graph/dialect.py is the one exception)."""
    pattern = re.compile(r"\b(MATCH|MERGE|UNWIND|DETACH DELETE)\b[^\n]*[(\[]")
    offenders = []
    for folder in ("policykg", "graph", "loaders", "ontology", "linker", "api", "views",
                   "analytics"):
        for path in (ROOT / folder).rglob("*.py"):
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line) and not line.lstrip().startswith("#"):
                    offenders.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
