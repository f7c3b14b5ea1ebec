"""Typed results of the analytics: what the API returns and the CLI prints.

Every result names its evidence: the units (and sentences) behind an adoption,
the peers and their units behind a gap, so a reader can check any figure in
the plan text.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Basis = Literal["measures", "clauses"]
Metric = Literal["jaccard", "cosine"]


class EvidencePublic(BaseModel):
    """A unit of a plan behind a finding."""

    document_id: str
    unit_id: str
    heading: str | None = None
    sentence: str | None = Field(default=None, description="the sentence that adopts a measure")
    evidence: str | None = Field(default=None, description="the phrase the tagger matched")
    score: float | None = Field(default=None, description="clause-link score, for clause links")


class JurisdictionWithLevel(BaseModel):
    id: str
    name: str
    level: str = Field(description="prefecture_city, sub_provincial_city, municipality, province")


# --- similarity ----------------------------------------------------------------------------
class SetComparison(BaseModel):
    """Two jurisdictions' sets (adopted measures or covered clauses) side by side."""

    jaccard: float = Field(description="|A∩B| / |A∪B|; 0 when both are empty")
    cosine: float = Field(description="|A∩B| / sqrt(|A|·|B|) (binary vectors); 0 if one is empty")
    shared: list[str]
    only_a: list[str]
    only_b: list[str]


class PairSimilarity(BaseModel):
    a: str
    b: str
    same_level: bool
    measures: SetComparison
    clauses: SetComparison


class Neighbour(BaseModel):
    jurisdiction: str
    score: float
    same_level: bool


class MostSimilar(BaseModel):
    """A jurisdiction's closest plans, across all levels and within its own."""

    jurisdiction: str
    level: str
    overall: list[Neighbour]
    within_level: list[Neighbour] = Field(description="empty when no peer shares its level")
    note: str | None = None


class LevelGroup(BaseModel):
    level: str
    jurisdictions: list[str]
    within_level_pairs: int
    mean_score: float | None = Field(
        default=None, description="mean similarity of the pairs within this level, if any"
    )


class SimilarityReport(BaseModel):
    """Pairwise similarity of the plans, and each plan's most similar ones."""

    basis: Basis = Field(description="what the ranking compares: adopted measures or clauses")
    metric: Metric = Field(description="which score the ranking uses")
    jurisdictions: list[JurisdictionWithLevel]
    pairs: list[PairSimilarity]
    most_similar: list[MostSimilar]
    levels: list[LevelGroup]
    across_level_mean: float | None = None
    notes: list[str] = Field(default_factory=list)


# --- diffusion -----------------------------------------------------------------------------
class AdopterPublic(BaseModel):
    jurisdiction: str
    name: str
    level: str
    document_id: str = Field(description="the earliest dated plan of this jurisdiction adopting it")
    issued_on: date | None
    undated: bool = Field(description="the plan has no issue date: ordered last")
    evidence: list[EvidencePublic]


class MeasureDiffusion(BaseModel):
    """Who adopts a measure, in the order their plans were issued."""

    measure: str
    label_zh: str
    label_en: str
    category: str | None
    core: bool
    adopter_count: int
    adopters: list[AdopterPublic] = Field(description="dated plans by issue date, undated last")
    first_adopter: str | None = Field(
        description="the earliest dated adopter (None if all undated)"
    )
    followers: list[str] = Field(description="the later dated adopters, in order")
    undated_adopters: list[str]
    order_uncertain: bool = Field(
        description="an undated plan adopts it too, so it may have come first"
    )
    local_innovation: bool = Field(description="exactly one jurisdiction adopts it")


class PlanDate(BaseModel):
    jurisdiction: str
    document_id: str
    issued_on: date | None
    undated: bool


class LocalInnovation(BaseModel):
    measure: str
    label_zh: str
    jurisdiction: str


class DiffusionReport(BaseModel):
    """Diffusion of every adopted measure through the plans."""

    timeline: list[PlanDate] = Field(description="plans by issue date, undated last")
    measures: list[MeasureDiffusion]
    local_innovations: list[LocalInnovation]
    never_adopted: list[str] = Field(description="ontology measures no plan adopts")
    notes: list[str] = Field(default_factory=list)


# --- networks ------------------------------------------------------------------------------
class MeasureCentrality(BaseModel):
    measure: str
    label_zh: str
    category: str | None
    adopters: int = Field(description="degree in the jurisdiction–measure bipartite network")
    degree: float = Field(description="bipartite degree centrality (share of jurisdictions)")
    betweenness: float = Field(description="bipartite betweenness centrality")
    eigenvector: float = Field(
        description="eigenvector centrality in the co-adoption projection "
        "(weights: shared adopters)"
    )


class CentralityReport(BaseModel):
    """How central each adopted measure is in the jurisdiction–measure network."""

    jurisdictions: int
    measures: list[MeasureCentrality] = Field(description="by eigenvector, then adopters")
    notes: list[str] = Field(default_factory=list)


class MeasureCommunity(BaseModel):
    index: int
    size: int
    measures: list[str]
    labels_zh: list[str]
    adopted_by_all: list[str] = Field(description="jurisdictions adopting every measure of it")
    adopted_by_any: list[str]


class CommunitiesReport(BaseModel):
    """Groups of measures that travel together (adopted by the same plans)."""

    method: str
    seed: int
    resolution: float
    modularity: float | None
    communities: list[MeasureCommunity]
    notes: list[str] = Field(default_factory=list)


# --- gaps ----------------------------------------------------------------------------------
class PeerEvidence(BaseModel):
    jurisdiction: str
    units: list[EvidencePublic]


class ClauseGap(BaseModel):
    """An outline clause no unit of the plan implements."""

    clause: str
    title: str
    chapter: str | None
    peers: list[PeerEvidence] = Field(description="peers that implement it, with their units")


class MeasureGap(BaseModel):
    """A core measure that peers adopt and this jurisdiction does not."""

    measure: str
    label_zh: str
    label_en: str
    category: str | None
    peers: list[PeerEvidence]


class GapReport(BaseModel):
    """What a jurisdiction's plans leave out, against the outline and against its peers."""

    jurisdiction: JurisdictionWithLevel
    documents: list[str]
    peers: list[str]
    clauses_total: int
    clauses_covered: int
    missing_clauses: list[ClauseGap]
    core_measures_total: int
    core_measures_adopted: int
    missing_core_measures: list[MeasureGap]
    core_measures_nobody_adopts: list[str]
    notes: list[str] = Field(default_factory=list)
