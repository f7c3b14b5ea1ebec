"""The core measure and indicator list (``data/reference/core_measures.yaml``).

The ontology must contain every core measure under exactly its id, category and
labels; tests compare the two. The file is curated by hand as one flow mapping
per line, and its English labels are written unquoted, which YAML does not read
as meant: ``en: traditional knowledge, folk art and intangible heritage`` becomes
``en: traditional knowledge`` plus a stray key (silently), and
``en: "three-in-one" civil/criminal/administrative IP trials`` is a syntax
error. Rather than edit reference data, measure lines are read with the fixed
key order the file uses (``id, zh, en, category, hints``), values taken
literally up to the next key; indicator lines (no commas in values) are YAML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from policykg.errors import OntologyError
from policykg.resources import reference_dir


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CoreMeasure(_Frozen):
    id: str
    zh: str
    en: str
    category: str
    hints: list[str]


class CoreIndicator(_Frozen):
    id: str
    zh: str
    unit: str


class CoreReference(_Frozen):
    measures: list[CoreMeasure]
    indicators: list[CoreIndicator]


_ENTRY = re.compile(
    r"^\s*-\s*\{id:\s*(?P<id>[^,]+?),\s*zh:\s*(?P<zh>.+?),\s*en:\s*(?P<en>.+?),"
    r"\s*category:\s*(?P<category>[a-z_]+),\s*hints:\s*\[(?P<hints>.*)\]\s*\}\s*$"
)


def _parse(raw: str) -> dict[str, Any]:
    """Read the ``measures:`` and ``indicators:`` lines of the file."""
    data: dict[str, list[Any]] = {"measures": [], "indicators": []}
    section: str | None = None
    for line in raw.splitlines():
        stripped = line.strip()
        if re.match(r"^[a-z_]+:\s*$", line):
            section = stripped.rstrip(":")
            continue
        if section not in data or not stripped.startswith("- {"):
            continue
        if section == "measures":
            m = _ENTRY.match(line)
            if m is None:
                raise OntologyError(f"cannot read core measure line: {stripped}")
            hints = yaml.safe_load("[" + m["hints"] + "]")
            data[section].append(
                {
                    "id": m["id"].strip(),
                    "zh": m["zh"].strip(),
                    "en": m["en"].strip(),
                    "category": m["category"],
                    "hints": [str(h) for h in hints],
                }
            )
        else:
            try:
                data[section].append(yaml.safe_load(stripped)[0])
            except yaml.YAMLError as e:
                raise OntologyError(f"cannot read core indicator line: {stripped}") from e
    return data


def load_core_reference(path: Path | None = None) -> CoreReference:
    """Load the core measures and canonical indicators.

    Args:
        path: a file in the shape of ``core_measures.yaml``; bundled when None.

    Raises:
        OntologyError: the file is missing, a line does not have the expected
            shape, or an entry does not match the schema.
    """
    path = path or reference_dir() / "core_measures.yaml"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise OntologyError(f"cannot read {path}: {e}") from e
    data = _parse(raw)
    try:
        return CoreReference.model_validate(data)
    except ValidationError as e:
        raise OntologyError(f"core reference {path} does not match its schema: {e}") from e


@lru_cache(maxsize=1)
def bundled_core_reference() -> CoreReference:
    """The bundled core reference, read once per process."""
    return load_core_reference()
