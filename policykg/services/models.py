"""The answers the services give, as typed models.

The JSON API returns them as they are (they are its response models, hence the
``XPublic`` names); the pages and the command line read the same objects.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


# --- jurisdictions ---------------------------------------------------------------------
class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    issued_on: str | None = Field(default=None, description="ISO date")
    published_on: str | None = Field(default=None, description="ISO date")
    status: str | None = Field(default=None, description="final | draft")
    source_format: str | None = Field(default=None, description="text | html | pdf | docx")
    source_url: str | None = Field(default=None, description="where it was fetched from")
    replaces: str | None = Field(default=None, description="the document the user said it replaces")
    superseded_by: str | None = Field(
        default=None, description="the current version that supersedes it; null when current"
    )


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
    documents: list[DocumentRef] = Field(
        description="every plan, current and superseded (counts are of the current ones)"
    )
    counts: JurisdictionCounts

    @property
    def current_documents(self) -> list[DocumentRef]:
        """The plans no later version supersedes."""
        return [d for d in self.documents if d.superseded_by is None]


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
    source_format: str | None = Field(default=None, description="text | html | pdf | docx")
    source_url: str | None = Field(default=None, description="where it was fetched from")
    superseded_by: str | None = Field(
        default=None, description="the current version that supersedes it; null when current"
    )


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
    source_format: str | None = Field(default=None, description="text | html | pdf | docx")
    source_url: str | None = Field(default=None, description="where it was fetched from")
    sha256: str | None = Field(default=None, description="SHA-256 of the source bytes")
    encoding: str | None = None
    replaces: str | None = Field(default=None, description="the document the user said it replaces")
    superseded_by: str | None = Field(
        default=None, description="the current version that supersedes it; null when current"
    )
    versions: list[DocumentRef] = Field(
        default_factory=list,
        description="every version of this plan, oldest first, itself included",
    )
    warnings: list[str]
    loaded_at: str | None = None
    jurisdiction: JurisdictionBrief
    citations: list[CitationPublic]
    unit_count: int
    units: list[UnitPublic] = Field(description="the heading tree: top-level units, nested")


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


class ComparePair(BaseModel):
    a: str
    b: str
    jaccard: float
    shared: int
    union: int


class CompareSimilarity(BaseModel):
    pairwise: list[ComparePair]
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
    similarity: CompareSimilarity
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


class MeasureColumn(MatrixColumn):
    """A measure column of the matrix page: the measure's labels, category and adopters."""

    label_zh: str | None = None
    label_en: str | None = None
    core: bool = False
    adopters: int = 0
    category: str | None = None


class MeasureMatrix(BaseModel):
    """The adoption matrix as the matrix page filters it (not part of the JSON API)."""

    levels: list[str] = Field(description="every jurisdiction level in the graph, sorted")
    category: str | None = Field(description="the measure category kept, None for all")
    level: str | None = Field(description="the jurisdiction level kept, None for all")
    columns: list[MeasureColumn] = Field(description="by category, in measure-tree order")
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
