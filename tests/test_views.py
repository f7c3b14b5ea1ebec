"""Graph views: the builders on known data, the page's safety, and the five-plan graph.

Facts about the corpus come from the plan texts in data/corpus (line numbers of
the byte copies cited), and the measure ontology in ontology/measures.ttl.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from html_support import scripts as script_elements

from policykg.api.main import create_app
from policykg.graph.store import GraphStore
from policykg.services.records import (
    ClauseInfo,
    DocumentInfo,
    Implementation,
    JurisdictionInfo,
    MeasureInfo,
    Mention,
    UnitRef,
)
from policykg.services.subgraphs import ComparisonData, JurisdictionData, OverviewData
from policykg.settings import Settings
from policykg.views import build_view, render_html
from policykg.views.builders import (
    build_comparison,
    build_jurisdiction_view,
    build_overview,
    comparison_layout,
)

HOSTILE = "</script><script>alert(1)</script>"


# --- known hand-made data ---------------------------------------------------------------------
def _j(ident: str, name: str, level: str) -> JurisdictionInfo:
    return JurisdictionInfo(
        ident, name, level, None, (DocumentInfo(f"{ident}-doc", f"{name}方案"),)
    )


def _m(ident: str, label: str, category: str) -> MeasureInfo:
    return MeasureInfo(ident, label, ident, "", category, category, category, ())


NAMES = {"aa": "甲市", "bb": "乙省", "cc": "丙市"}


def _mention(j: str, m: str, heading: str = "一、任务", sentence: str = "开展工作。") -> Mention:
    unit = UnitRef(
        f"{j}-u-{m}", f"{j}-doc", f"{NAMES[j]}方案", heading, ("一、", heading), "task", 1
    )
    return Mention(j, m, unit, True, m, sentence, "adoption")


A, B, C = (
    _j("aa", "甲市", "prefecture_city"),
    _j("bb", "乙省", "province"),
    _j("cc", "丙市", "municipality"),
)
SHARED, ONLY_A, ONLY_B = (
    _m("shared_m", "共同措施", "finance"),
    _m("only_a", "甲独有", "protection"),
    _m("only_b", "乙独有", "creation"),
)
MENTIONS = [
    _mention("aa", "shared_m", sentence=f"质押融资{HOSTILE}"),
    _mention("bb", "shared_m"),
    _mention("aa", "only_a"),
    _mention("bb", "only_b"),
]


def test_overview_builder_draws_adoptions_sized_and_shaped() -> None:
    view = build_overview(OverviewData([A, B], [SHARED, ONLY_A, ONLY_B], MENTIONS))
    g = view.graph
    assert sorted(g.nodes) == [
        "jurisdiction:aa",
        "jurisdiction:bb",
        "measure:only_a",
        "measure:only_b",
        "measure:shared_m",
    ]
    assert g.has_edge("jurisdiction:aa", "measure:shared_m")
    assert g.has_edge("jurisdiction:bb", "measure:shared_m")
    assert not g.has_edge("jurisdiction:aa", "measure:only_b")
    # size grows with the number of adopters; colour follows the category
    assert g.nodes["measure:shared_m"]["size"] > g.nodes["measure:only_a"]["size"]
    assert g.nodes["measure:shared_m"]["color"] != g.nodes["measure:only_a"]["color"]
    # shape follows the level
    assert g.nodes["jurisdiction:aa"]["shape"] == "square"
    assert g.nodes["jurisdiction:bb"]["shape"] == "diamond"
    # every node and edge has a tooltip; the edge's cites heading, sentence and document
    assert all(d.get("title") for _, d in g.nodes(data=True))
    edge_tip = g.edges["jurisdiction:aa", "measure:shared_m"]["title"]
    assert "一、 › 一、任务" in edge_tip and "甲市方案" in edge_tip
    assert "&lt;/script&gt;" in edge_tip and "</script>" not in edge_tip
    assert {f.attr for f in view.filters} == {"category", "level"}
    assert view.legend and view.title


def test_comparison_layout_puts_shared_in_the_middle_and_unique_beside_their_owner() -> None:
    view = build_comparison(ComparisonData([A, B], [SHARED, ONLY_A, ONLY_B], MENTIONS))
    g = view.graph
    x = {n: g.nodes[n]["x"] for n in g}
    assert x["jurisdiction:aa"] < x["measure:only_a"] < x["measure:shared_m"]
    assert x["measure:shared_m"] < x["measure:only_b"] < x["jurisdiction:bb"]
    assert x["measure:shared_m"] == pytest.approx(0.0)
    assert g.nodes["jurisdiction:aa"]["y"] == pytest.approx(g.nodes["jurisdiction:bb"]["y"])
    assert all(d["fixed"] for _, d in g.nodes(data=True))
    assert view.physics is False


def test_comparison_layout_of_three_keeps_unique_groups_near_their_jurisdiction() -> None:
    groups = {
        frozenset({"aa", "bb", "cc"}): ["measure:all"],
        frozenset({"aa"}): ["measure:a1", "measure:a2"],
        frozenset({"bb"}): ["measure:b1"],
        frozenset({"cc"}): ["measure:c1"],
        frozenset({"aa", "bb"}): ["measure:ab"],
    }
    pos = comparison_layout(["aa", "bb", "cc"], groups)
    assert pos["measure:all"] == (0.0, 0.0)

    def dist(p: tuple[float, float], q: tuple[float, float]) -> float:
        return ((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2) ** 0.5

    for j, m in (("aa", "measure:a1"), ("bb", "measure:b1"), ("cc", "measure:c1")):
        own = dist(pos[m], pos[f"jurisdiction:{j}"])
        others = [dist(pos[m], pos[f"jurisdiction:{o}"]) for o in ("aa", "bb", "cc") if o != j]
        assert own < min(others), (j, pos)
    # a pair's measure sits closer to the pair than to the third jurisdiction
    ab = pos["measure:ab"]
    assert (
        dist(ab, pos["jurisdiction:cc"])
        > max(dist(ab, pos["jurisdiction:aa"]), dist(ab, pos["jurisdiction:bb"])) * 0.99
    )


def test_jurisdiction_builder_marks_clauses_not_covered() -> None:
    clauses = [ClauseInfo("C12", "运用机制"), ClauseInfo("C13", "运营机制")]
    unit = UnitRef("aa-u1", "aa-doc", "甲市方案", "建立运营机制", (), "task", 3)
    data = JurisdictionData(
        jurisdiction=A,
        measures=[SHARED],
        mentions=[MENTIONS[0]],
        clauses=clauses,
        implementations=[Implementation("aa", "C13", unit, 0.8, 1, "运营")],
        targets=[],
    )
    g = build_jurisdiction_view(data).graph
    assert g.has_edge("document:aa-doc", "clause:C13")
    assert g.has_edge("document:aa-doc", "measure:shared_m")
    assert g.has_edge("jurisdiction:aa", "document:aa-doc")
    absent = g.nodes["clause:C12"]
    assert absent["shapeProperties"] == {"borderDashes": [5, 5]}
    assert g.edges["jurisdiction:aa", "clause:C12"]["dashes"] is True
    assert "shapeProperties" not in g.nodes["clause:C13"]


# --- the page ----------------------------------------------------------------------------------
def test_page_is_self_contained_and_escapes_plan_text() -> None:
    page = render_html(build_overview(OverviewData([A, B], [SHARED, ONLY_A, ONLY_B], MENTIONS)))
    # no resource from any host: no src/href at all on script, link, img or iframe
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "new vis.Network" in page and "vis-network" in page  # the library is inlined
    assert "sourceMappingURL" not in page
    # the hostile sentence never appears raw: the only </script> are our own closing tags
    assert HOSTILE not in page and "alert(1)</script>" not in page
    scripts = script_elements(page)
    assert [s[0] for s in scripts] == ["", "pkg-nodes", "pkg-edges", "pkg-options", ""]
    nodes = json.loads(scripts[1][1])  # the embedded JSON parses back whole
    assert {n["id"] for n in nodes} >= {"jurisdiction:aa", "measure:shared_m"}
    assert all(n.get("title") for n in nodes)
    measure = next(n for n in nodes if n["id"] == "measure:shared_m")
    assert measure["pkg_category"] == "finance"  # filter attributes travel as pkg_*
    assert "<h1>" in page and 'id="legend"' in page
    assert "stabilizationIterationsDone" in page and "physics: false" in page


# --- the five-plan graph -----------------------------------------------------------------------
FIVE = {"hohhot", "heyuan", "guangxi", "ningbo", "chongqing"}


def test_overview_of_the_corpus(corpus_store: GraphStore) -> None:
    view = build_view(corpus_store, "overview")
    g = view.graph
    jurisdictions = {n.split(":", 1)[1] for n in g if n.startswith("jurisdiction:")}
    assert jurisdictions == FIVE
    # hohhot.txt:94 "15.加大知识产权质押融资工作力度" — a task of the plan, so an adoption
    assert g.has_edge("jurisdiction:hohhot", "measure:pledge_financing")
    tip = g.edges["jurisdiction:hohhot", "measure:pledge_financing"]["title"]
    assert "加大知识产权质押融资工作力度" in tip
    # hohhot.txt:106 names 马德里商标注册; heyuan.txt never mentions Madrid
    assert g.has_edge("jurisdiction:hohhot", "measure:madrid_trademark")
    assert not g.has_edge("jurisdiction:heyuan", "measure:madrid_trademark")
    # shapes by level (manifest: guangxi province, chongqing municipality, ningbo sub-provincial)
    assert g.nodes["jurisdiction:guangxi"]["shape"] == "diamond"
    assert g.nodes["jurisdiction:chongqing"]["shape"] == "star"
    assert g.nodes["jurisdiction:ningbo"]["shape"] == "triangle"
    assert g.nodes["jurisdiction:hohhot"]["shape"] == "square"
    # measures only appear when adopted, and are sized by adopters
    for n, d in g.nodes(data=True):
        if n.startswith("measure:"):
            assert g.in_degree(n) == d["adopters"] >= 1
            assert d["size"] == 10 + 6 * d["adopters"]


def test_measure_view_of_pledge_financing(corpus_store: GraphStore) -> None:
    g = build_view(corpus_store, "measure", ["知识产权质押融资"]).graph
    assert "measure:pledge_financing" in g
    assert g.has_edge("measure:pledge_financing", "clause:C13")  # measures.ttl servesClause
    headings = {d["label"] for n, d in g.nodes(data=True) if n.startswith("unit:")}
    assert "加大知识产权质押融资工作力度" in headings  # hohhot.txt:94
    assert "完善知识产权质押融资风险分担机制" in headings  # heyuan's task on pledge risk sharing
    # heyuan.txt:7, under 发展基础, reviews 十三五 pledge loans: a mention, not an adoption
    (review,) = [
        n for n, d in g.nodes(data=True) if n.startswith("unit:heyuan") and d["label"] == "发展基础"
    ]
    assert g.edges[review, "measure:pledge_financing"]["adoption"] is False
    assert g.edges[review, "measure:pledge_financing"]["dashes"] is True
    for n in g:
        if n.startswith("unit:"):
            (owner,) = [p for p in g.predecessors(n) if p.startswith("jurisdiction:")]
            assert n.split(":", 1)[1].startswith(owner.split(":", 1)[1])


def test_jurisdiction_view_of_hohhot(corpus_store: GraphStore) -> None:
    view = build_view(corpus_store, "jurisdiction", ["hohhot"])
    g = view.graph
    docs = [n for n in g if n.startswith("document:")]
    assert len(docs) == 1
    assert "呼和浩特市推进知识产权强市建设工作方案" in g.nodes[docs[0]]["title"]
    clauses = sorted(n for n in g if n.startswith("clause:"))
    assert clauses == [f"clause:C{i:02d}" for i in range(1, 25)]
    # hohhot.txt:78 "（三）优化知识产权运营机制" answers the outline's C13 运营机制
    assert g.has_edge(docs[0], "clause:C13")
    for n in clauses:
        covered = g.has_edge(docs[0], n)
        assert covered != bool(g.nodes[n].get("shapeProperties")), n
    # hohhot.txt:80 "至2025年,专利授权总量达到25000件"
    targets = [d["label"] for n, d in g.nodes(data=True) if n.startswith("target:")]
    assert any("专利授权总量" in t and "25000" in t for t in targets)
    assert g.has_edge(docs[0], "measure:pledge_financing")


def test_clause_view_of_c13(corpus_store: GraphStore) -> None:
    view = build_view(corpus_store, "clause", ["C13"])
    g = view.graph
    assert "建立规范有序、充满活力的市场化运营机制" in view.title
    # guangxi.txt:69 "10.建立市场化运营机制" follows the outline's C13 in order
    guangxi_units = [
        d["label"]
        for n, d in g.nodes(data=True)
        if n.startswith("unit:guangxi") and g.has_edge(n, "clause:C13")
    ]
    assert "建立市场化运营机制" in guangxi_units
    assert g.has_edge(
        "jurisdiction:guangxi",
        next(
            n
            for n in g
            if n.startswith("unit:guangxi") and g.nodes[n]["label"] == "建立市场化运营机制"
        ),
    )
    assert g.has_edge("measure:pledge_financing", "clause:C13")


def test_comparison_of_hohhot_and_heyuan(corpus_store: GraphStore) -> None:
    g = build_view(corpus_store, "compare", ["hohhot", "heyuan"]).graph
    x = {n: d["x"] for n, d in g.nodes(data=True)}
    # both plans adopt pledge financing (hohhot.txt:94, heyuan's 完善知识产权质押融资风险分担机制)
    assert g.has_edge("jurisdiction:hohhot", "measure:pledge_financing")
    assert g.has_edge("jurisdiction:heyuan", "measure:pledge_financing")
    assert x["jurisdiction:hohhot"] < x["measure:madrid_trademark"] < x["measure:pledge_financing"]
    # heyuan.txt:155 电商平台…知识产权保护; hohhot.txt never mentions 电商 or 电子商务
    assert x["measure:pledge_financing"] < x["measure:ecommerce_protection"]
    assert x["measure:ecommerce_protection"] < x["jurisdiction:heyuan"]


# --- delivery: API and CLI ---------------------------------------------------------------------
def _settings() -> Settings:
    return Settings(_env_file=None)  # type: ignore[call-arg]


def test_api_serves_the_views(corpus_store: GraphStore, graph_server: Any) -> None:
    # the app closes its store on shutdown: give it its own connection to the corpus
    app = create_app(
        _settings(), store_factory=lambda: graph_server.connect(graph_server.corpus_database)
    )
    with TestClient(app) as client:
        for url, must in (
            ("/views/overview", "jurisdiction:hohhot"),
            ("/views/measures/质押融资", "measure:pledge_financing"),
            ("/views/measures/pledge_financing", "unit:hohhot"),
            ("/views/jurisdictions/hohhot", "document:"),
            ("/views/clauses/C13", "clause:C13"),
            ("/views/compare?j=hohhot&j=heyuan", "jurisdiction:heyuan"),
        ):
            r = client.get(url)
            assert r.status_code == 200, (url, r.text[:200])
            assert r.headers["content-type"].startswith("text/html")
            assert must in r.text and "<h1>" in r.text, url
        for url, status in (
            ("/views/measures/no-such-measure", 404),
            ("/views/jurisdictions/atlantis", 404),
            ("/views/clauses/C99", 404),
            ("/views/compare?j=hohhot", 422),
            ("/views/compare", 422),
        ):
            r = client.get(url)
            assert r.status_code == status, url
            assert set(r.json()["error"]) == {"code", "message", "detail"}


def test_cli_writes_a_view(corpus_store: GraphStore, tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from policykg.commands import view as view_cmd_module

    out = tmp_path / "nested" / "compare.html"
    view_cmd_module.write_view(corpus_store, "compare", ["hohhot", "guangxi"], out)
    page = out.read_text(encoding="utf-8")
    assert "jurisdiction:guangxi" in page and "<h1>" in page

    # argument parsing: KIND is checked before any store is opened
    app = typer.Typer()
    app.command("view")(view_cmd_module.view_cmd)
    app.command("noop")(lambda: None)
    r = CliRunner().invoke(app, ["view", "treemap", "-o", str(tmp_path / "x.html")])
    assert r.exit_code != 0 and "treemap" in r.output
