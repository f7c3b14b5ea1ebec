"""The graph's entities as typed records, read with named queries.

One record type per entity (a jurisdiction, a plan, a measure, a clause, a
unit, a mention, a clause link, a target), shared by every reader: the graph
views draw them, the analytics count them, the pages cite them. Each
``fetch_*`` function is one named read, filtered by ids (``None`` means all).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from policykg.errors import NotFound
from policykg.graph.store import GraphStore


@dataclass(frozen=True)
class DocumentInfo:
    """A plan (``Document``) as the lists cite it; dates are ISO strings as stored."""

    id: str
    title: str | None = None
    issued_on: str | None = None
    status: str | None = None
    doc_number: str | None = None
    published_on: str | None = None

    @property
    def issued_date(self) -> date | None:
        """The issue date, or None when the plan has none (or an unreadable one)."""
        return _date(self.issued_on)

    @property
    def published_date(self) -> date | None:
        return _date(self.published_on)


@dataclass(frozen=True)
class JurisdictionInfo:
    """A jurisdiction and the plans it issued, ordered by plan id."""

    id: str
    name: str
    level: str
    province: str | None = None
    documents: tuple[DocumentInfo, ...] = ()

    def document(self, document_id: str) -> DocumentInfo:
        """One of its plans (KeyError if it issued no plan with this id)."""
        for d in self.documents:
            if d.id == document_id:
                return d
        raise KeyError(document_id)


@dataclass(frozen=True)
class ClauseInfo:
    """A clause of the national outline."""

    id: str
    title: str
    chapter: str | None = None
    digest: str = ""


@dataclass(frozen=True)
class MeasureInfo:
    """A measure of the ontology: labels, category and the outline clauses it serves."""

    id: str
    label_zh: str
    label_en: str = ""
    definition: str = ""
    category_id: str | None = None
    category_zh: str | None = None
    category_en: str | None = None
    clauses: tuple[ClauseInfo, ...] = ()
    core: bool = False


@dataclass(frozen=True)
class UnitRef:
    """A unit of a plan as a finding cites it: where it is and what it says."""

    id: str
    document_id: str
    document_title: str | None = None
    heading: str = ""
    path: tuple[str, ...] = ()
    kind: str | None = None
    order: int = 0


@dataclass(frozen=True)
class Mention:
    """A unit mentions a measure; ``adoption`` says whether it commits to it."""

    jurisdiction_id: str
    measure_id: str
    unit: UnitRef
    adoption: bool
    evidence: str = ""
    sentence: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Implementation:
    """A unit is linked to an outline clause by the linker."""

    jurisdiction_id: str
    clause_id: str
    unit: UnitRef
    score: float
    rank: int
    evidence: str = ""


@dataclass(frozen=True)
class TargetInfo:
    """A quantitative target a plan sets, with its canonical indicator when it has one."""

    id: str
    jurisdiction_id: str
    document_id: str
    metric: str
    value: float
    unit: str
    year: int | None = None
    indicator: str | None = None
    indicator_label: str | None = None
    text: str = ""
    unit_id: str | None = None
    unit_heading: str | None = None
    comparator: str | None = None


# --- row -> record --------------------------------------------------------------------
def _str(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


def _date(value: object) -> date | None:
    """An ISO date string (or a driver date) as a ``date``; None when absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    to_native = getattr(value, "to_native", None)  # neo4j.time.Date
    if callable(to_native):
        native = to_native()
        return native if isinstance(native, date) else None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def _jurisdiction(row: dict[str, Any]) -> JurisdictionInfo:
    docs = tuple(
        DocumentInfo(
            id=str(d["id"]),
            title=d.get("title"),
            issued_on=_iso(d.get("issued_on")),
            status=d.get("status"),
            doc_number=d.get("doc_number"),
            published_on=_iso(d.get("published_on")),
        )
        for d in row.get("documents") or []
        if d  # some servers keep the NULL of an empty OPTIONAL MATCH in collect()
    )
    return JurisdictionInfo(
        id=str(row["id"]),
        name=_str(row.get("name"), str(row["id"])),
        level=_str(row.get("level"), "unknown"),
        province=row.get("province"),
        documents=docs,
    )


def _clause(row: dict[str, Any]) -> ClauseInfo:
    return ClauseInfo(
        id=str(row["id"]),
        title=_str(row.get("title")),
        chapter=row.get("chapter"),
        digest=_str(row.get("digest")),
    )


def _measure(row: dict[str, Any]) -> MeasureInfo:
    return MeasureInfo(
        id=str(row["id"]),
        label_zh=_str(row.get("label_zh"), str(row["id"])),
        label_en=_str(row.get("label_en")),
        definition=_str(row.get("definition")),
        category_id=row.get("category_id"),
        category_zh=row.get("category_zh"),
        category_en=row.get("category_en"),
        clauses=tuple(_clause(c) for c in row.get("clauses") or [] if c),
        core=bool(row.get("core")),
    )


def _unit(row: dict[str, Any]) -> UnitRef:
    return UnitRef(
        id=str(row["unit_id"]),
        document_id=str(row["document_id"]),
        document_title=row.get("document_title"),
        heading=_str(row.get("heading")),
        path=tuple(str(p) for p in row.get("path") or []),
        kind=row.get("kind"),
        order=int(row.get("unit_order") or 0),
    )


def _mention(row: dict[str, Any]) -> Mention:
    return Mention(
        jurisdiction_id=str(row["jurisdiction_id"]),
        measure_id=str(row["measure_id"]),
        unit=_unit(row),
        adoption=bool(row.get("adoption")),
        evidence=_str(row.get("evidence")),
        sentence=_str(row.get("sentence")),
        reason=_str(row.get("reason")),
    )


def _implementation(row: dict[str, Any]) -> Implementation:
    return Implementation(
        jurisdiction_id=str(row["jurisdiction_id"]),
        clause_id=str(row["clause_id"]),
        unit=_unit(row),
        score=float(row.get("score") or 0.0),
        rank=int(row.get("rank") or 0),
        evidence=_str(row.get("evidence")),
    )


def _target(row: dict[str, Any]) -> TargetInfo:
    return TargetInfo(
        id=str(row["id"]),
        jurisdiction_id=str(row["jurisdiction_id"]),
        document_id=str(row["document_id"]),
        metric=_str(row.get("metric")),
        value=float(row.get("value") or 0.0),
        unit=_str(row.get("unit")),
        year=None if row.get("year") is None else int(row["year"]),
        indicator=row.get("indicator"),
        indicator_label=row.get("indicator_label"),
        text=_str(row.get("text")),
        unit_id=row.get("unit_id"),
        unit_heading=row.get("unit_heading"),
        comparator=row.get("comparator"),
    )


# --- fetches ------------------------------------------------------------------------------
def fetch_jurisdictions(
    store: GraphStore, ids: Sequence[str] | None = None
) -> list[JurisdictionInfo]:
    """Jurisdictions by id (all when ``ids`` is None), sorted by id."""
    rows = store.read("view_jurisdictions", jurisdiction_ids=None if ids is None else list(ids))
    return [_jurisdiction(r) for r in rows]


def fetch_jurisdiction(store: GraphStore, jurisdiction_id: str) -> JurisdictionInfo:
    """One jurisdiction.

    Raises:
        NotFound: no jurisdiction has this id.
    """
    found = fetch_jurisdictions(store, [jurisdiction_id])
    if not found:
        raise NotFound(f"no jurisdiction with id {jurisdiction_id!r}")
    return found[0]


def fetch_measures(store: GraphStore, ids: Iterable[str] | None = None) -> list[MeasureInfo]:
    """Measures by id (all when ``ids`` is None), with category and served clauses."""
    rows = store.read("view_measures", measure_ids=None if ids is None else sorted(set(ids)))
    return [_measure(r) for r in rows]


def fetch_clauses(store: GraphStore, ids: Sequence[str] | None = None) -> list[ClauseInfo]:
    """Outline clauses by id (all when ``ids`` is None), sorted by id."""
    rows = store.read("view_clauses", clause_ids=None if ids is None else list(ids))
    return [_clause(r) for r in rows]


def fetch_mentions(
    store: GraphStore,
    jurisdiction_ids: Sequence[str] | None = None,
    measure_ids: Sequence[str] | None = None,
    *,
    adoption_only: bool = True,
) -> list[Mention]:
    """Unit-measure mentions with evidence, in plan order per (jurisdiction, measure)."""
    rows = store.read(
        "view_mentions",
        jurisdiction_ids=None if jurisdiction_ids is None else list(jurisdiction_ids),
        measure_ids=None if measure_ids is None else list(measure_ids),
        adoption_only=adoption_only,
    )
    return [_mention(r) for r in rows]


def fetch_implementations(
    store: GraphStore,
    jurisdiction_ids: Sequence[str] | None = None,
    clause_ids: Sequence[str] | None = None,
) -> list[Implementation]:
    """Unit-clause links with score and rank, in plan order per (jurisdiction, clause)."""
    rows = store.read(
        "view_implementations",
        jurisdiction_ids=None if jurisdiction_ids is None else list(jurisdiction_ids),
        clause_ids=None if clause_ids is None else list(clause_ids),
    )
    return [_implementation(r) for r in rows]


def fetch_targets(store: GraphStore, jurisdiction_ids: Sequence[str]) -> list[TargetInfo]:
    """Quantitative targets of the jurisdictions' plans, by plan and target id."""
    rows = store.read("view_targets", jurisdiction_ids=list(jurisdiction_ids))
    return [_target(r) for r in rows]
