"""The fields a user gives for one new plan, checked once for the CLI and the API.

``policykg ingest`` and ``POST /documents`` both call :func:`manifest_entry`:
it parses the date, validates everything against
:class:`~policykg.model.ManifestEntry` and turns every problem into one
:class:`~policykg.errors.InvalidInput` whose message is a single line naming
the option (``--issued-on`` on the command line, ``issued_on`` in the API) and
the rule it breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from policykg.errors import InvalidInput
from policykg.model import ManifestEntry

#: how a field is called where the user typed it: identity for the API's form fields
FieldName = Callable[[str], str]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: The user's flat fields nest into the model; this maps a model location back.
_USER_FIELD: dict[tuple[str, ...], str] = {
    ("jurisdiction", "id"): "jurisdiction",
    ("jurisdiction", "name"): "name",
    ("jurisdiction", "level"): "level",
    ("jurisdiction", "province"): "province",
}


def cli_option(field: str) -> str:
    """``issued_on`` as the command line spells it: ``--issued-on`` (the plan is SOURCE)."""
    return "SOURCE" if field in ("file", "url") else "--" + field.replace("_", "-")


def manifest_entry(
    *,
    jurisdiction: str,
    name: str,
    level: str,
    file: str | None = None,
    url: str | None = None,
    province: str | None = None,
    title: str | None = None,
    doc_number: str | None = None,
    issued_on: str | date | None = None,
    replaces: str | None = None,
    field_name: FieldName = str,
) -> ManifestEntry:
    """The manifest entry for one plan from what the user typed.

    The plan is a ``file`` name or a ``url``, one of them. Empty strings count
    as absent (an HTML form sends them for blank fields).

    Raises:
        InvalidInput: one line naming every bad field and its rule; ``detail``
            lists them as ``{"field", "value", "rule"}``.
    """
    problems: list[dict[str, Any]] = []
    issued = _date(issued_on, "issued_on", problems)
    fields = {
        "file": file or None,
        "url": url or None,
        "jurisdiction": {
            "id": jurisdiction,
            "name": name,
            "level": level,
            "province": province or None,
        },
        "title": title or None,
        "doc_number": doc_number or None,
        "issued_on": issued,
        "replaces": replaces or None,
    }
    try:
        entry = ManifestEntry.model_validate(fields)
    except ValidationError as e:
        problems += [_problem(err) for err in e.errors()]
    if problems:
        message = "; ".join(
            f"{field_name(p['field'])} {p['value']!r}: {p['rule']}" for p in problems
        )
        raise InvalidInput(message, detail=problems)
    return entry


def _date(value: str | date | None, field: str, problems: list[dict[str, Any]]) -> date | None:
    if value is None or isinstance(value, date):
        return value
    if not value:
        return None
    rule = "must be a date written YYYY-MM-DD"
    if not _ISO_DATE.fullmatch(value):
        problems.append({"field": field, "value": value, "rule": rule})
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:  # e.g. "month must be in 1..12"
        problems.append({"field": field, "value": value, "rule": f"{rule} ({e})"})
        return None


def _problem(err: Any) -> dict[str, Any]:
    loc = tuple(str(p) for p in err["loc"])
    field = _USER_FIELD.get(loc[:2], loc[0] if loc else "file")
    value = err.get("input")
    if not loc and isinstance(value, dict):  # the file-or-url rule, on the entry as a whole
        value = value.get("file") or value.get("url")
    return {"field": field, "value": value, "rule": _rule(loc, err)}


def _rule(loc: tuple[str, ...], err: Any) -> str:
    # A regular expression means nothing to a reader: the model states in words
    # the rule its pattern encodes, in the field's description.
    if err["type"] == "string_pattern_mismatch":
        description = _description(loc)
        if description:
            return f"must be {description}"
    msg = str(err["msg"])
    return msg[:1].lower() + msg[1:]


def _description(loc: tuple[str, ...]) -> str | None:
    """The description of the model field at ``loc`` (nested models followed)."""
    model: Any = ManifestEntry
    description = None
    for part in loc:
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(part)
        if info is None:
            return None
        model, description = info.annotation, info.description
    return description
