"""The data the graph views draw, fetched from the store with named queries.

The view builders are pure functions of these records, so they are tested on a
known graph without a browser and without a server. Every fetch is a read
through :meth:`GraphStore.read` and one of the ``queries/view_*.cypher`` files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    title: str | None = None
    issued_on: str | None = None
    status: str | None = None
    doc_number: str | None = None


@dataclass(frozen=True)
class JurisdictionInfo:
    id: str
    name: str
    level: str
    province: str | None = None
    documents: tuple[DocumentInfo, ...] = ()


@dataclass(frozen=True)
class ClauseInfo:
    id: str
    title: str
    chapter: str | None = None
    digest: str = ""


@dataclass(frozen=True)
class MeasureInfo:
    id: str
    label_zh: str
    label_en: str = ""
    definition: str = ""
    category_id: str | None = None
    category_zh: str | None = None
    category_en: str | None = None
    clauses: tuple[ClauseInfo, ...] = ()


@dataclass(frozen=True)
class UnitRef:
    """A unit of a plan as the views cite it: where it is and what it says."""

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


@dataclass(frozen=True)
class OverviewData:
    jurisdictions: list[JurisdictionInfo]
    measures: list[MeasureInfo]
    mentions: list[Mention]  # adopting mentions only


@dataclass(frozen=True)
class MeasureData:
    measure: MeasureInfo
    jurisdictions: list[JurisdictionInfo]
    mentions: list[Mention]  # adopting and non-adopting


@dataclass(frozen=True)
class JurisdictionData:
    jurisdiction: JurisdictionInfo
    measures: list[MeasureInfo]
    mentions: list[Mention]  # adopting mentions only
    clauses: list[ClauseInfo]  # every outline clause
    implementations: list[Implementation]
    targets: list[TargetInfo]


@dataclass(frozen=True)
class ClauseData:
    clause: ClauseInfo
    jurisdictions: list[JurisdictionInfo]
    implementations: list[Implementation]
    measures: list[MeasureInfo] = field(default_factory=list)  # measures serving the clause


@dataclass(frozen=True)
class ComparisonData:
    jurisdictions: list[JurisdictionInfo]  # in the order asked for
    measures: list[MeasureInfo]
    mentions: list[Mention]  # adopting mentions only


# --- row -> record --------------------------------------------------------------------
def _str(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


def _jurisdiction(row: dict[str, Any]) -> JurisdictionInfo:
    docs = tuple(
        DocumentInfo(
            id=str(d["id"]),
            title=d.get("title"),
            issued_on=None if d.get("issued_on") is None else str(d["issued_on"]),
            status=d.get("status"),
            doc_number=d.get("doc_number"),
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
    )


# --- fetches ------------------------------------------------------------------------------
def fetch_jurisdictions(
    store: GraphStore, ids: Sequence[str] | None = None
) -> list[JurisdictionInfo]:
    """Jurisdictions by id (all when ``ids`` is None), sorted by id."""
    rows = store.read("view_jurisdictions", jurisdiction_ids=None if ids is None else list(ids))
    return [_jurisdiction(r) for r in rows]


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
    """Unit-measure mentions with evidence, filtered (None means no filter)."""
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
    """Unit-clause links with score and rank, filtered (None means no filter)."""
    rows = store.read(
        "view_implementations",
        jurisdiction_ids=None if jurisdiction_ids is None else list(jurisdiction_ids),
        clause_ids=None if clause_ids is None else list(clause_ids),
    )
    return [_implementation(r) for r in rows]


def fetch_targets(store: GraphStore, jurisdiction_ids: Sequence[str]) -> list[TargetInfo]:
    """Quantitative targets of the jurisdictions' plans."""
    rows = store.read("view_targets", jurisdiction_ids=list(jurisdiction_ids))
    return [_target(r) for r in rows]


def _one_jurisdiction(store: GraphStore, jurisdiction_id: str) -> JurisdictionInfo:
    found = fetch_jurisdictions(store, [jurisdiction_id])
    if not found:
        raise NotFound(f"no jurisdiction with id {jurisdiction_id!r}")
    return found[0]


def overview_data(store: GraphStore) -> OverviewData:
    """Every jurisdiction, every adopted measure and the adopting mentions."""
    mentions = fetch_mentions(store)
    return OverviewData(
        jurisdictions=fetch_jurisdictions(store),
        measures=fetch_measures(store, {m.measure_id for m in mentions}),
        mentions=mentions,
    )


def measure_data(store: GraphStore, measure_id: str) -> MeasureData:
    """One measure (by id), every unit that mentions it, and their jurisdictions.

    Raises:
        NotFound: no measure has this id in the graph.
    """
    measures = fetch_measures(store, [measure_id])
    if not measures:
        raise NotFound(f"no measure with id {measure_id!r}")
    mentions = fetch_mentions(store, measure_ids=[measure_id], adoption_only=False)
    ids = sorted({m.jurisdiction_id for m in mentions})
    return MeasureData(
        measure=measures[0],
        jurisdictions=fetch_jurisdictions(store, ids) if ids else [],
        mentions=mentions,
    )


def jurisdiction_data(store: GraphStore, jurisdiction_id: str) -> JurisdictionData:
    """One jurisdiction's documents, adoptions, clause links and targets.

    Raises:
        NotFound: no jurisdiction has this id.
    """
    jurisdiction = _one_jurisdiction(store, jurisdiction_id)
    mentions = fetch_mentions(store, [jurisdiction_id])
    return JurisdictionData(
        jurisdiction=jurisdiction,
        measures=fetch_measures(store, {m.measure_id for m in mentions}),
        mentions=mentions,
        clauses=fetch_clauses(store),
        implementations=fetch_implementations(store, [jurisdiction_id]),
        targets=fetch_targets(store, [jurisdiction_id]),
    )


def clause_data(store: GraphStore, clause_id: str) -> ClauseData:
    """One outline clause, the units that implement it and their jurisdictions.

    Raises:
        NotFound: no clause has this id.
    """
    clauses = fetch_clauses(store, [clause_id])
    if not clauses:
        raise NotFound(f"no outline clause with id {clause_id!r}")
    implementations = fetch_implementations(store, clause_ids=[clause_id])
    ids = sorted({i.jurisdiction_id for i in implementations})
    return ClauseData(
        clause=clauses[0],
        jurisdictions=fetch_jurisdictions(store, ids) if ids else [],
        implementations=implementations,
        measures=[m for m in fetch_measures(store) if clause_id in {c.id for c in m.clauses}],
    )


def comparison_data(store: GraphStore, jurisdiction_ids: Sequence[str]) -> ComparisonData:
    """Two or more jurisdictions and what they adopt.

    Raises:
        InvalidInput: fewer than two distinct ids.
        NotFound: an id names no jurisdiction.
    """
    ids = list(dict.fromkeys(jurisdiction_ids))
    if len(ids) < 2:
        raise InvalidInput("a comparison needs at least two distinct jurisdiction ids")
    found = {j.id: j for j in fetch_jurisdictions(store, ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"no jurisdiction with id {missing[0]!r}")
    mentions = fetch_mentions(store, ids)
    return ComparisonData(
        jurisdictions=[found[i] for i in ids],
        measures=fetch_measures(store, {m.measure_id for m in mentions}),
        mentions=mentions,
    )
