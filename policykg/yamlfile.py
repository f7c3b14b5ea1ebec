"""Read a YAML file into a pydantic model, with one clear line when it cannot be.

Every YAML file the project reads (the corpus manifest, reference data, the
linker's cues and weights, the hand labels) goes through :func:`load_yaml`
with a model that says what the file holds, so a missing file, a syntax error
and a wrong shape all come out as one :class:`~policykg.errors.PolicyKGError`
naming the file and the place: ``manifest.yaml: line 4, column 3: ...`` or
``manifest.yaml: documents.0.file: Field required``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from policykg.errors import InvalidInput, PolicyKGError

M = TypeVar("M", bound=BaseModel)


def _yaml_problem(e: yaml.YAMLError) -> str:
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    return f"{where}{problem}"


def _schema_problem(e: ValidationError) -> str:
    errors = e.errors()
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def load_yaml(path: Path, model: type[M], *, error: type[PolicyKGError] = InvalidInput) -> M:
    """Parse ``path`` with ``yaml.safe_load`` and validate it as ``model``.

    Args:
        path: the YAML file.
        model: the pydantic model of the whole file (a ``RootModel`` for a
            file that is a bare mapping or list).
        error: what to raise: :class:`~policykg.errors.InvalidInput` for files
            a user supplies, :class:`~policykg.errors.OntologyError` for the
            bundled reference data.

    Returns:
        The validated model.

    Raises:
        PolicyKGError: of class ``error``, one line naming the file and what is
            wrong with it; a schema mismatch carries every problem in ``detail``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise error(f"{path}: file not found") from e
    except (OSError, UnicodeDecodeError) as e:
        raise error(f"{path}: cannot be read: {e}") from e
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise error(f"{path} is not valid YAML: {_yaml_problem(e)}") from e
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        detail = [
            {"loc": ".".join(str(p) for p in err["loc"]), "msg": err["msg"]} for err in e.errors()
        ]
        raise error(f"{path} does not match its schema: {_schema_problem(e)}", detail=detail) from e
