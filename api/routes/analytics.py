"""GET /analytics/*: similarity, diffusion, networks and gaps of the plans in the graph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from policykg.analytics import (
    AnalyticsData,
    centrality,
    communities,
    diffusion,
    gaps,
    similarity,
)
from policykg.analytics.models import (
    Basis,
    CentralityReport,
    CommunitiesReport,
    DiffusionReport,
    GapReport,
    Metric,
    SimilarityReport,
)
from policykg.api.deps import StoreDep
from policykg.api.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.get("/similarity", response_model=SimilarityReport, responses=ERROR_RESPONSES)
def get_similarity(
    store: StoreDep,
    basis: Annotated[Basis, Query(description="rank by adopted measures or covered clauses")] = (
        "measures"
    ),
    metric: Annotated[Metric, Query(description="jaccard or cosine")] = "jaccard",
    top: Annotated[int, Query(ge=1, le=50, description="neighbours per jurisdiction")] = 3,
) -> SimilarityReport:
    """Pairwise similarity of the plans; each one's most similar plans, within and across levels."""
    return similarity(AnalyticsData.from_store(store), basis, metric, top)


@router.get("/diffusion", response_model=DiffusionReport, responses=ERROR_RESPONSES)
def get_diffusion(
    store: StoreDep,
    measure: Annotated[str | None, Query(description="only this measure id")] = None,
) -> DiffusionReport:
    """Adopters of each measure by plan issue date: first adopter, followers, local innovations."""
    return diffusion(AnalyticsData.from_store(store), measure)


@router.get("/gaps/{jurisdiction}", response_model=GapReport, responses=ERROR_RESPONSES)
def get_gaps(
    store: StoreDep,
    jurisdiction: Annotated[str, Path(description="jurisdiction id, e.g. heyuan")],
    peer: Annotated[
        list[str] | None, Query(description="peers to compare with (default: all others)")
    ] = None,
) -> GapReport:
    """Outline clauses a plan leaves out, and core measures its peers adopt but it does not."""
    return gaps(AnalyticsData.from_store(store), jurisdiction, peer)


@router.get("/centrality", response_model=CentralityReport, responses=ERROR_RESPONSES)
def get_centrality(store: StoreDep) -> CentralityReport:
    """Degree, betweenness and eigenvector centrality of measures in the adoption network."""
    return centrality(AnalyticsData.from_store(store))


@router.get("/communities", response_model=CommunitiesReport, responses=ERROR_RESPONSES)
def get_communities(
    store: StoreDep,
    seed: Annotated[int, Query(description="Louvain seed (fixed = reproducible)")] = 42,
    resolution: Annotated[float, Query(gt=0, le=10, description="Louvain resolution")] = 1.0,
) -> CommunitiesReport:
    """Communities of measures that are adopted together (Louvain on the co-adoption graph)."""
    return communities(AnalyticsData.from_store(store), seed, resolution)
