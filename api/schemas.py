"""Response models shared by the routes (``XPublic`` / ``XsPublic{data, count}``)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="machine-readable error code, e.g. not_found")
    message: str = Field(description="what went wrong, for a human")
    detail: object | None = None


class ErrorPublic(BaseModel):
    """The one error shape of the API."""

    error: ErrorDetail


class ServerPublic(BaseModel):
    kind: str = Field(description="neo4j | arcadedb | unknown")
    version: str
    agent: str


class HealthPublic(BaseModel):
    status: str = Field(description="ok")
    server: ServerPublic
    database: str
    version: str = Field(description="PolicyKG version")


#: responses every route may give besides its success body
ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    404: {"model": ErrorPublic, "description": "unknown id"},
    422: {"model": ErrorPublic, "description": "bad parameter"},
    503: {"model": ErrorPublic, "description": "graph server unavailable"},
}


# --- pagination ----------------------------------------------------------------------
class _Page(BaseModel):
    count: int = Field(description="total number of items, all pages")
    limit: int = Field(description="page size asked for")
    offset: int = Field(description="items skipped")


# --- jurisdictions ---------------------------------------------------------------------
class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    issued_on: str | None = Field(default=None, description="ISO date")
    status: str | None = Field(default=None, description="final | draft")


class JurisdictionCounts(BaseModel):
    units: dict[str, int] = Field(description="units by kind (task, goal, background, ...)")
    measures_adopted: int = Field(description="distinct measures adopted")
    clauses_implemented: int = Field(description="distinct outline clauses linked")
    targets: int = Field(description="quantitative targets set")


class JurisdictionPublic(BaseModel):
    id: str
    name: str
    level: str
    province: str | None = None
    documents: list[DocumentRef]
    counts: JurisdictionCounts


class JurisdictionsPublic(_Page):
    data: list[JurisdictionPublic]


class JurisdictionRef(BaseModel):
    id: str
    name: str


# --- documents ---------------------------------------------------------------------------
class DocumentSummaryPublic(BaseModel):
    id: str
    title: str | None = None
    doc_number: str | None = None
    issued_on: str | None = None
    published_on: str | None = None
    status: str | None = None
    issuers: list[str] = Field(default_factory=list)
    jurisdiction_id: str
    jurisdiction_name: str
    units: int | None = Field(default=None, description="number of units")
    targets: int | None = Field(default=None, description="number of targets")


class DocumentsPublic(_Page):
    data: list[DocumentSummaryPublic]


class CitationPublic(BaseModel):
    id: str
    title: str | None = None
    doc_number: str | None = None
    context: str | None = None


class UnitMeasure(BaseModel):
    id: str
    adoption: bool
    reason: str | None = None
    evidence: str | None = None
    sentence: str | None = None


class UnitClause(BaseModel):
    id: str
    score: float
    rank: int | None = None


class UnitPublic(BaseModel):
    id: str
    parent_id: str | None = None
    order: int
    depth: int
    kind: str
    marker: str | None = None
    path: list[str]
    heading: str
    text: str
    agencies: list[str]
    measures: list[UnitMeasure]
    clauses: list[UnitClause]
    children: list[UnitPublic] = Field(default_factory=list)


class JurisdictionBrief(BaseModel):
    id: str
    name: str
    level: str
    province: str | None = None


class DocumentPublic(BaseModel):
    id: str
    title: str | None = None
    title_original: str | None = None
    doc_number: str | None = None
    issued_on: str | None = None
    published_on: str | None = None
    status: str | None = None
    issuers: list[str]
    source_file: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    warnings: list[str]
    loaded_at: str | None = None
    jurisdiction: JurisdictionBrief
    citations: list[CitationPublic]
    unit_count: int
    units: list[UnitPublic] = Field(description="the heading tree: top-level units, nested")


class DocumentIngestPublic(BaseModel):
    """The receipt of an ingested plan."""

    id: str
    jurisdiction_id: str
    title: str | None = None
    units: dict[str, int] = Field(description="units by kind")
    targets: int
    measures_adopted: int
    clauses_linked: int
    warnings: list[str]


# --- measures ---------------------------------------------------------------------------
class MeasureNode(BaseModel):
    id: str
    label_zh: str
    label_en: str
    core: bool
    adopters: int = Field(description="jurisdictions adopting the measure")


class CategoryNode(BaseModel):
    id: str
    label_zh: str
    label_en: str
    adopters: int = Field(description="measures of the category adopted somewhere")
    measures: list[MeasureNode]


class MeasureTreePublic(_Page):
    data: list[CategoryNode] = Field(description="categories, each with its measures")


class CategoryRef(BaseModel):
    id: str
    label_zh: str | None = None
    label_en: str | None = None


class ClauseRef(BaseModel):
    id: str
    title: str | None = None


class MeasurePublic(BaseModel):
    id: str
    label_zh: str
    label_en: str
    definition: str | None = None
    alt_labels: list[str]
    core: bool
    category: CategoryRef | None = None
    clauses: list[ClauseRef] = Field(description="outline clauses the measure serves")
    adopters: int = Field(description="jurisdictions adopting the measure")


class MeasureBrief(BaseModel):
    id: str
    label_zh: str | None = None
    label_en: str | None = None
    category: CategoryRef | str | None = None


class MentionEvidence(BaseModel):
    unit_id: str
    kind: str | None = None
    heading: str | None = None
    path: list[str]
    document_id: str
    document_title: str | None = None
    adoption: bool
    reason: str | None = None
    evidence: str | None = Field(default=None, description="the words that triggered the tag")
    sentence: str = Field(description="the sentence holding the evidence")
    evidences: list[str]
    sentences: list[str]


class JurisdictionEvidence(BaseModel):
    id: str
    name: str
    evidence: list[MentionEvidence]


class AdoptersPublic(BaseModel):
    measure: MeasureBrief
    query: str = Field(description="the id or label asked for")
    adopters: list[JurisdictionEvidence] = Field(description="jurisdictions adopting it")
    mentions_only: list[JurisdictionEvidence] = Field(
        description="jurisdictions that mention it without adopting it (background, ...)"
    )
    non_adopters: list[JurisdictionRef] = Field(description="jurisdictions that never mention it")


# --- compare and matrix ----------------------------------------------------------------
class CompareJurisdiction(BaseModel):
    id: str
    name: str
    adopted: int = Field(description="measures adopted")


class CompareClause(BaseModel):
    id: str
    title: str
    chapter: str | None = None
    units: dict[str, int] = Field(description="jurisdiction id -> implementing units (0 = none)")
    all: bool = Field(description="implemented by every compared jurisdiction")


class TargetPublic(BaseModel):
    id: str
    indicator: str
    scope: str = Field(description="plan | national")
    jurisdiction_id: str | None = None
    jurisdiction_name: str | None = None
    document_id: str | None = None
    unit_id: str | None = None
    metric: str | None = None
    value: float
    unit: str | None = None
    year: int | None = None
    comparator: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    text: str | None = None


class CompareTargets(BaseModel):
    indicator: str
    label_zh: str | None = None
    unit: str | None = None
    national: list[TargetPublic] = Field(description="the national outline's benchmark")
    values: dict[str, list[TargetPublic]] = Field(description="jurisdiction id -> its targets")


class PairSimilarity(BaseModel):
    a: str
    b: str
    jaccard: float
    shared: int
    union: int


class Similarity(BaseModel):
    pairwise: list[PairSimilarity]
    overall: float = Field(description="measures adopted by all / adopted by any")
    mean_pairwise: float


class ComparePublic(BaseModel):
    jurisdictions: list[CompareJurisdiction]
    shared_measures: list[MeasureBrief] = Field(description="adopted by every one")
    unique_measures: dict[str, list[MeasureBrief]] = Field(
        description="jurisdiction id -> measures only it adopts among those compared"
    )
    clauses: list[CompareClause]
    targets: list[CompareTargets] = Field(description="per canonical indicator")
    similarity: Similarity
    min_score: float


class MatrixColumn(BaseModel):
    id: str
    label: str


class MatrixCell(BaseModel):
    adopted: int = Field(description="1 adopted / implemented, else 0")
    units: int = Field(description="units that adopt / implement it")


class MatrixRow(BaseModel):
    id: str
    name: str
    cells: list[MatrixCell] = Field(description="one per column, in column order")


class MatrixPublic(BaseModel):
    by: str = Field(description="measure | clause")
    min_score: float
    columns: list[MatrixColumn]
    rows: list[MatrixRow]


# --- clauses ----------------------------------------------------------------------------
class ClausePublic(BaseModel):
    id: str
    number: int | None = None
    title: str
    chapter: str | None = None
    chapter_title: str | None = None
    digest: str | None = None
    key_terms: list[str]
    jurisdictions: list[str] = Field(default_factory=list, description="ids implementing it")


class ClausesPublic(_Page):
    data: list[ClausePublic]


class CoverageUnit(BaseModel):
    unit_id: str
    document_id: str
    kind: str | None = None
    heading: str | None = None
    score: float
    rank: int | None = None
    method: str | None = None


class CoverageTarget(BaseModel):
    target_id: str
    unit_id: str
    indicator: str
    metric: str | None = None
    value: float
    unit: str | None = None
    year: int | None = None


class CoverageJurisdiction(BaseModel):
    id: str
    name: str
    mode: str = Field(description="quantifies (sets a target on the clause) | restates")
    best_score: float
    units: list[CoverageUnit]
    targets: list[CoverageTarget]


class CoveragePublic(BaseModel):
    clause: ClausePublic
    min_score: float
    implementing: list[CoverageJurisdiction]
    not_implementing: list[JurisdictionRef]


# --- indicators --------------------------------------------------------------------------
class IndicatorSummaryPublic(BaseModel):
    id: str
    label_zh: str
    unit: str | None = None
    clauses: list[str] = Field(description="outline clauses the indicator quantifies")
    target_count: int = Field(description="plan targets on it")


class IndicatorsPublic(_Page):
    data: list[IndicatorSummaryPublic]


class IndicatorPublic(BaseModel):
    id: str
    label_zh: str
    unit: str | None = None
    clauses: list[str]
    targets: list[TargetPublic] = Field(description="every plan target on the indicator")
    national: list[TargetPublic] = Field(description="the national outline's benchmark")


# --- search ------------------------------------------------------------------------------
class SearchMatch(BaseModel):
    field: str = Field(description="heading | text")
    sentence: str
    start: int = Field(description="offset of the sentence in the field")
    end: int
    highlights: list[list[int]] = Field(description="[start, end] of each match in the sentence")


class SearchHit(BaseModel):
    unit_id: str
    document_id: str
    jurisdiction_id: str
    jurisdiction_name: str | None = None
    kind: str | None = None
    path: list[str]
    heading: str | None = None
    score: float
    matches: list[SearchMatch]


class SearchPublic(_Page):
    q: str = Field(description="the query as matched (simplified, lower-case)")
    data: list[SearchHit]
