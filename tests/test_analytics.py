"""Comparative analytics on the five-plan graph: facts a reader can check in data/corpus.

What the plans say (read in data/corpus/*.txt and data/corpus/manifest.yaml):

* issue dates: ningbo 2020-07-08 (draft for comment), guangxi 2022-02-10,
  hohhot 2022-12-25, chongqing 2024-10-11; the heyuan capture has no date.
* levels: hohhot and heyuan are prefecture cities, ningbo sub-provincial,
  chongqing a municipality, guangxi a province.
* patent open licensing: ningbo "建立专利公开许可制度" and chongqing
  "全面实施专利开放许可制度"(開放許可); no other plan has 开放许可/公开许可.
* IP pledge financing: hohhot "加大知识产权质押融资工作力度", heyuan
  "完善知识产权质押融资风险分担机制", guangxi "知识产权质押融资银企对接活动",
  chongqing "知识产权质押融资风险共担机制"(質押融資).
* high-value patents: every plan (chongqing as 高價值專利, ningbo
  "实施高价值专利培育计划").
* patent navigation (专利导航): in chongqing (專利導航), guangxi, heyuan and
  ningbo; not in hohhot. Schools (中小学/青少年/进校园): in chongqing, guangxi,
  heyuan and hohhot; not in ningbo.
* Guangxi's 21 numbered items follow outline clauses C04–C24 in order
  (item 10 建立市场化运营机制 = C13, item 19 加强组织领导 = C22).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from policykg.analytics import (
    AnalyticsData,
    centrality,
    co_adoption_graph,
    communities,
    diffusion,
    gaps,
    measure_diffusion,
    score_matrix,
    similarity,
)
from policykg.api.main import create_app
from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore
from policykg.services.dataset import build_dataset
from policykg.services.similarity import cosine, jaccard
from policykg.settings import Settings

DATED_ORDER = ["ningbo", "guangxi", "hohhot", "chongqing"]


@pytest.fixture(scope="module")
def data(corpus_store: GraphStore) -> AnalyticsData:
    return AnalyticsData.from_store(corpus_store)


# --- the snapshot ------------------------------------------------------------------------
def test_snapshot_has_the_five_plans_with_their_levels(data: AnalyticsData) -> None:
    levels = {j.id: j.level for j in data.jurisdictions.values()}
    assert levels == {
        "hohhot": "prefecture_city",
        "heyuan": "prefecture_city",
        "ningbo": "sub_provincial_city",
        "chongqing": "municipality",
        "guangxi": "province",
    }
    dates = {j.id: j.documents[0].issued_date for j in data.jurisdictions.values()}
    assert str(dates["ningbo"]) == "2020-07-08"
    assert str(dates["chongqing"]) == "2024-10-11"
    assert dates["heyuan"] is None


# --- similarity ----------------------------------------------------------------------------
def test_set_scores() -> None:
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)
    assert cosine({"a", "b"}, {"b", "c"}) == pytest.approx(0.5)
    assert (jaccard(set(), set()), cosine(set(), set())) == (0.0, 0.0)
    assert (jaccard({"a"}, {"a"}), cosine({"a"}, {"a"})) == (1.0, 1.0)


def test_similarity_pairs_are_consistent_with_the_adopted_sets(data: AnalyticsData) -> None:
    report = similarity(data)
    assert len(report.pairs) == 10  # 5 plans, every unordered pair once
    for p in report.pairs:
        a, b = data.adopted(p.a), data.adopted(p.b)
        assert p.measures.shared == sorted(a & b)
        assert p.measures.jaccard == pytest.approx(len(a & b) / len(a | b), abs=1e-4)
        assert p.measures.jaccard <= p.measures.cosine  # true for any two non-empty sets
        assert 0 < p.clauses.jaccard <= 1
    scores = [p.measures.jaccard for p in report.pairs]
    assert scores == sorted(scores, reverse=True)


def test_within_level_only_for_the_prefecture_cities(data: AnalyticsData) -> None:
    report = similarity(data, basis="clauses", metric="cosine")
    pairs = [(p.a, p.b) for p in report.pairs if p.same_level]
    assert pairs == [("heyuan", "hohhot")]
    groups = {g.level: g for g in report.levels}
    assert groups["prefecture_city"].jurisdictions == ["heyuan", "hohhot"]
    assert groups["prefecture_city"].within_level_pairs == 1
    for level in ("sub_provincial_city", "municipality", "province"):
        assert groups[level].within_level_pairs == 0
        assert groups[level].mean_score is None
    by_j = {m.jurisdiction: m for m in report.most_similar}
    assert [n.jurisdiction for n in by_j["hohhot"].within_level] == ["heyuan"]
    assert [n.jurisdiction for n in by_j["heyuan"].within_level] == ["hohhot"]
    for lone in ("ningbo", "chongqing", "guangxi"):
        assert by_j[lone].within_level == []
        assert by_j[lone].note and "only" in by_j[lone].note
    assert any("prefecture_city (heyuan, hohhot)" in n for n in report.notes)
    # the ranking uses the requested basis and metric
    hohhot = by_j["hohhot"].overall
    assert [n.score for n in hohhot] == sorted((n.score for n in hohhot), reverse=True)
    pair = next(p for p in report.pairs if {p.a, p.b} == {"hohhot", hohhot[0].jurisdiction})
    assert hohhot[0].score == pair.clauses.cosine


def test_score_matrix_is_symmetric(data: AnalyticsData) -> None:
    report = similarity(data)
    names, m = score_matrix(report)
    assert names == sorted(data.jurisdictions)
    assert (m == m.T).all()
    assert m[names.index("hohhot"), names.index("heyuan")] == next(
        p.measures.jaccard for p in report.pairs if (p.a, p.b) == ("heyuan", "hohhot")
    )


def test_similarity_rejects_bad_arguments(data: AnalyticsData) -> None:
    with pytest.raises(InvalidInput):
        similarity(data, metric="euclid")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        similarity(data, top=0)


# --- diffusion -----------------------------------------------------------------------------
def test_timeline_orders_plans_by_issue_date_undated_last(data: AnalyticsData) -> None:
    report = diffusion(data)
    assert [t.jurisdiction for t in report.timeline] == [*DATED_ORDER, "heyuan"]
    assert [t.undated for t in report.timeline] == [False] * 4 + [True]
    assert any(n.startswith("heyuan:") and "no issue date" in n for n in report.notes)


def test_open_licensing_spreads_from_ningbo_to_chongqing(data: AnalyticsData) -> None:
    d = measure_diffusion(data, "open_licensing")
    assert [a.jurisdiction for a in d.adopters] == ["ningbo", "chongqing"]
    assert d.first_adopter == "ningbo"
    assert d.followers == ["chongqing"]
    assert not d.local_innovation  # two plans have it
    assert not d.order_uncertain
    ningbo, chongqing = d.adopters
    assert str(ningbo.issued_on) == "2020-07-08"
    assert any("公开许可" in (e.sentence or "") for e in ningbo.evidence)
    assert any("开放许可" in (e.sentence or "") for e in chongqing.evidence)
    assert all(e.unit_id.startswith(chongqing.document_id) for e in chongqing.evidence)


def test_pledge_financing_adopters_follow_the_timeline(data: AnalyticsData) -> None:
    d = measure_diffusion(data, "pledge_financing")
    adopters = [a.jurisdiction for a in d.adopters]
    assert {"hohhot", "heyuan", "guangxi", "chongqing"} <= set(adopters)
    # dated adopters in issue-date order, the undated heyuan last and flagged
    assert adopters[:-1] == [j for j in DATED_ORDER if j in adopters]
    assert adopters[-1] == "heyuan" and d.adopters[-1].undated
    assert d.undated_adopters == ["heyuan"]
    assert d.order_uncertain
    assert d.first_adopter == adopters[0]
    assert d.followers == adopters[1:-1]
    for a in d.adopters:
        assert a.evidence, a.jurisdiction
        assert all("质押" in (e.sentence or "") for e in a.evidence), a.jurisdiction


def test_local_innovations_have_exactly_one_adopter(data: AnalyticsData) -> None:
    report = diffusion(data)
    local = {i.measure: i.jurisdiction for i in report.local_innovations}
    assert "open_licensing" not in local
    assert "high_value_patent" not in local
    for d in report.measures:
        assert d.local_innovation == (len(data.adopters(d.measure)) == 1)
        if d.local_innovation:
            assert local[d.measure] == d.adopters[0].jurisdiction
    assert set(report.never_adopted) == {m for m in data.measures if not data.adopters(m)}


def test_high_value_patents_are_adopted_everywhere(data: AnalyticsData) -> None:
    d = measure_diffusion(data, "high_value_patent")
    assert d.adopter_count == 5
    assert d.first_adopter == "ningbo"
    assert d.followers == ["guangxi", "hohhot", "chongqing"]


def test_unknown_measure_is_not_found(data: AnalyticsData) -> None:
    with pytest.raises(NotFound):
        diffusion(data, "no_such_measure")


# --- networks ------------------------------------------------------------------------------
def test_centrality_of_measures(data: AnalyticsData) -> None:
    report = centrality(data)
    rows = {r.measure: r for r in report.measures}
    assert set(rows) == {m for ms in data.adoptions.values() for m in ms}
    hvp = rows["high_value_patent"]
    assert hvp.adopters == 5 and hvp.degree == 1.0
    for r in report.measures:
        assert r.adopters == len(data.adopters(r.measure))
        assert r.degree == pytest.approx(r.adopters / 5, abs=1e-4)
    # a measure every plan adopts sits above any single-plan measure
    singles = [r for r in report.measures if r.adopters == 1]
    assert singles
    assert all(hvp.eigenvector > r.eigenvector for r in singles)


def test_communities_do_not_depend_on_the_hash_seed(cli_corpus: GraphStore) -> None:
    # `policykg analyze communities` in processes with different string hashing
    # must print the same seeded communities: the snapshot and the projection
    # are built from sets and dicts, and Louvain follows insertion order.
    import os
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).with_name("policykg")
    outs = {
        subprocess.run(
            [str(exe), "analyze", "communities", "--json"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(outs) == 1


def test_communities_partition_the_adopted_measures(data: AnalyticsData) -> None:
    report = communities(data, seed=7)
    members = [m for c in report.communities for m in c.measures]
    assert sorted(members) == sorted({m for ms in data.adoptions.values() for m in ms})
    assert len(members) == len(set(members))
    assert [c.index for c in report.communities] == list(range(1, len(report.communities) + 1))
    for c in report.communities:
        for j in c.adopted_by_all:
            assert all(j in data.adopters(m) for m in c.measures)
    # same seed, same answer
    again = communities(data, seed=7)
    assert [c.measures for c in again.communities] == [c.measures for c in report.communities]
    p = co_adoption_graph(data, jaccard=True)
    groups = [set(c.measures) for c in report.communities]
    assert report.modularity == pytest.approx(
        nx.community.modularity(p, groups, weight="weight"), abs=1e-3
    )


def test_co_adoption_weights_count_shared_adopters(data: AnalyticsData) -> None:
    p = co_adoption_graph(data)
    shared = set(data.adopters("open_licensing")) & set(data.adopters("high_value_patent"))
    assert p["open_licensing"]["high_value_patent"]["weight"] == len(shared) == 2


# --- gaps ----------------------------------------------------------------------------------
def _covered_by_dataset(store: GraphStore, jurisdiction: str) -> set[str]:
    return {
        c["id"]
        for t in build_dataset(store)["tasks"]
        if t["jurisdiction_id"] == jurisdiction
        for c in t["clauses"]
    }


@pytest.mark.parametrize("jurisdiction", ["guangxi", "heyuan"])
def test_missing_clauses_are_those_no_unit_implements(
    corpus_store: GraphStore, data: AnalyticsData, jurisdiction: str
) -> None:
    report = gaps(data, jurisdiction)
    covered = _covered_by_dataset(corpus_store, jurisdiction)
    assert {c.clause for c in report.missing_clauses} == set(data.clauses) - covered
    assert report.clauses_covered == len(covered)
    for gap in report.missing_clauses:
        for peer in gap.peers:
            assert peer.jurisdiction != jurisdiction
            assert peer.units and all(u.score is not None for u in peer.units)


def test_guangxi_follows_the_outline_clause_by_clause(data: AnalyticsData) -> None:
    report = gaps(data, "guangxi")
    # its 21 items implement C04..C24; only the guiding-thought clauses may be missing
    assert {c.clause for c in report.missing_clauses} <= {"C01", "C02", "C03"}


def test_hohhot_lacks_patent_navigation_that_peers_adopt(data: AnalyticsData) -> None:
    report = gaps(data, "hohhot")
    missing = {g.measure: g for g in report.missing_core_measures}
    assert "patent_navigation" in missing
    nav = missing["patent_navigation"]
    peers = {p.jurisdiction for p in nav.peers}
    assert peers and peers <= {"chongqing", "guangxi", "heyuan", "ningbo"}
    for p in nav.peers:
        assert any("专利导航" in (u.sentence or "") for u in p.units), p.jurisdiction
    # what it adopts is never reported missing
    assert not set(missing) & data.adopted("hohhot")
    assert "pledge_financing" not in missing


def test_ningbo_lacks_ip_education_in_schools(data: AnalyticsData) -> None:
    report = gaps(data, "ningbo", peers=["hohhot", "heyuan"])
    assert report.peers == ["heyuan", "hohhot"]
    missing = {g.measure: g for g in report.missing_core_measures}
    assert "school_ip_education" in missing
    assert {p.jurisdiction for p in missing["school_ip_education"].peers} <= {"heyuan", "hohhot"}


def test_gaps_of_unknown_jurisdiction(data: AnalyticsData) -> None:
    with pytest.raises(NotFound):
        gaps(data, "atlantis")
    with pytest.raises(InvalidInput):
        gaps(data, "hohhot", peers=["hohhot"])


# --- API -----------------------------------------------------------------------------------
@pytest.fixture()
def client(corpus_store: GraphStore, graph_server: Any) -> Any:
    # the app closes its store when it shuts down: give it its own connection
    app = create_app(
        Settings(_env_file=None),  # type: ignore[call-arg]
        store_factory=lambda: graph_server.connect(graph_server.corpus_database),
    )
    with TestClient(app) as c:
        yield c


def test_api_similarity_and_diffusion(client: TestClient) -> None:
    r = client.get("/analytics/similarity", params={"basis": "clauses", "metric": "cosine"})
    assert r.status_code == 200
    body = r.json()
    assert body["basis"] == "clauses" and len(body["pairs"]) == 10
    r = client.get("/analytics/diffusion", params={"measure": "open_licensing"})
    assert r.status_code == 200
    (d,) = r.json()["measures"]
    assert d["first_adopter"] == "ningbo" and d["followers"] == ["chongqing"]
    assert client.get("/analytics/similarity", params={"metric": "x"}).status_code == 422


def test_api_gaps_and_404(client: TestClient) -> None:
    r = client.get("/analytics/gaps/hohhot")
    assert r.status_code == 200, r.text
    assert r.json()["jurisdiction"]["id"] == "hohhot"
    r = client.get("/analytics/gaps/atlantis")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


def test_api_centrality_and_communities(client: TestClient) -> None:
    r = client.get("/analytics/centrality")
    assert r.status_code == 200
    rows = {m["measure"]: m for m in r.json()["measures"]}
    assert rows["high_value_patent"]["adopters"] == 5
    r = client.get("/analytics/communities", params={"seed": 1})
    assert r.status_code == 200 and r.json()["communities"]


# --- CLI -----------------------------------------------------------------------------------
@pytest.fixture()
def cli_env(corpus_store: GraphStore, graph_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the CLI's settings at the test server's corpus database."""
    from policykg.settings import get_settings

    s = graph_server.settings
    monkeypatch.setenv("POLICYKG_HOME", str(s.POLICYKG_HOME))
    monkeypatch.setenv("NEO4J_DATABASE", graph_server.corpus_database)
    if s.NEO4J_URI:
        monkeypatch.setenv("NEO4J_URI", s.NEO4J_URI)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_cli_analyze(cli_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    from policykg.commands import analyze

    # wide enough that no table cell wraps inside an id
    monkeypatch.setattr(analyze, "console", Console(width=400))
    analyze_app = analyze.analyze_app
    runner = CliRunner()
    r = runner.invoke(analyze_app, ["diffusion", "--measure", "open_licensing", "--json"])
    assert r.exit_code == 0, r.output
    assert '"first_adopter": "ningbo"' in r.output
    r = runner.invoke(analyze_app, ["gaps", "hohhot"])
    assert r.exit_code == 0, r.output
    assert "patent_navigation" in r.output
    r = runner.invoke(analyze_app, ["similarity"])
    assert r.exit_code == 0, r.output
    assert "within-level pairs exist only for prefecture_city" in r.output.replace("\n", " ")
