"""Named Cypher statements: one per ``<verb>_<noun>.cypher`` file in this folder.

Every statement the application runs lives here; nothing else in the project
writes Cypher (the only exception is schema DDL, which differs between servers
and is generated from a whitelist in ``graph/dialect.py``). Each file starts
with a header of ``//`` comments::

    // find_adopters: jurisdictions that adopt a measure, with evidence
    // mode: read
    // params: $measure_id
    // returns: jurisdiction_id, jurisdiction_name, ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER = re.compile(r"^//\s*(mode|params|returns):\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """A Cypher statement and what its header declares."""

    name: str
    text: str
    mode: str  # "read" or "write"
    params: tuple[str, ...]
    returns: tuple[str, ...]
    summary: str


def _parse(name: str, text: str) -> NamedQuery:
    mode, summary = "", ""
    params: tuple[str, ...] = ()
    returns: tuple[str, ...] = ()
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        m = _HEADER.match(line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "mode":
                mode = value
            elif key == "params":
                # "$rows (list of {id, ...}), $document_id": the $names are the params
                params = tuple(re.findall(r"\$([A-Za-z_]\w*)", value))
            else:
                returns = tuple(v.strip() for v in value.split(",") if v.strip() not in ("", "-"))
        elif not summary and ":" in line:
            summary = line.split(":", 1)[1].strip()
    if mode not in ("read", "write"):
        raise ValueError(f"query {name}: header must say '// mode: read' or '// mode: write'")
    return NamedQuery(name, text, mode, params, returns, summary)


@cache
def get_query(name: str) -> NamedQuery:
    """Return the named query ``queries/<name>.cypher``.

    Query names are written in our code, never taken from a request, so an
    unknown one is a bug: a plain exception (a logged 500 in the API), not a
    :class:`~policykg.errors.NotFound` that would read as a missing resource.

    Raises:
        LookupError: no such file (or a name that is not a plain identifier).
    """
    if not _NAME.match(name):
        raise LookupError(f"no named query {name!r}")
    path = resources.files(__name__) / f"{name}.cypher"
    if not path.is_file():
        raise LookupError(f"no named query {name!r}")
    return _parse(name, path.read_text(encoding="utf-8"))


def list_queries() -> list[str]:
    """Names of all shipped queries, sorted."""
    return sorted(
        p.name.removesuffix(".cypher")
        for p in resources.files(__name__).iterdir()
        if p.name.endswith(".cypher")
    )
