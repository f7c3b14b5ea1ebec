"""Graph views over a hand-built document written into a scratch database.

The document's headings, sentences and title carry a hostile string; the pages
must show it as text, never let it close a <script> element.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from html_support import scripts as script_elements

from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore
from policykg.graph.writer import write_document, write_reference
from policykg.model import ClauseLink, Document, Jurisdiction, MeasureTag, Target, Unit
from policykg.ontology.outline import bundled_outline
from policykg.ontology.vocab import bundled_ontology
from policykg.views import build_view, render_view

HOSTILE = "</script><script>alert(1)</script>"


def _hostile_document() -> Document:
    j = Jurisdiction(id="testville", name="测试市", level="prefecture_city", province="测试省")
    doc_id = "testville-plan"
    units = [
        Unit(
            id=f"{doc_id}/1",
            document_id=doc_id,
            order=0,
            depth=0,
            kind="task",
            heading=f"一、推进质押融资{HOSTILE}",
            path=[f"一、推进质押融资{HOSTILE}"],
            text=f"开展知识产权质押融资。{HOSTILE}",
            measures=[
                MeasureTag(
                    measure_id="pledge_financing",
                    evidence="质押融资",
                    sentence=f"开展知识产权质押融资。{HOSTILE}",
                )
            ],
            clauses=[
                ClauseLink(clause_id="C13", score=0.9, rank=1, method="test", evidence="运营")
            ],
        ),
        Unit(
            id=f"{doc_id}/2",
            document_id=doc_id,
            order=1,
            depth=0,
            kind="background",
            heading="二、发展基础",
            path=["二、发展基础"],
            text="过去开展了商标质押。",
            measures=[
                MeasureTag(
                    measure_id="pledge_financing",
                    evidence="质押",
                    sentence="过去开展了商标质押。",
                    adoption=False,
                    reason="background",
                )
            ],
        ),
    ]
    target = Target(
        id=f"{doc_id}/1/t0",
        unit_id=f"{doc_id}/1",
        metric="专利授权总量",
        value=100.0,
        unit="件",
        year=2025,
        text=f"专利授权总量达到100件{HOSTILE}",
    )
    return Document(
        id=doc_id,
        jurisdiction=j,
        title=f"测试方案{HOSTILE}",
        issued_on=date(2024, 1, 1),
        source_file="testville.txt",
        sha256="0" * 64,
        encoding="utf-8",
        units=units,
        targets=[target],
    )


@pytest.fixture(scope="module")
def hostile_store(scratch_store: GraphStore) -> GraphStore:
    write_reference(scratch_store, bundled_outline(), bundled_ontology())
    write_document(scratch_store, _hostile_document())
    return scratch_store


def test_views_of_a_hand_built_document(hostile_store: GraphStore) -> None:
    overview = build_view(hostile_store, "overview").graph
    assert sorted(overview.nodes) == ["jurisdiction:testville", "measure:pledge_financing"]
    assert overview.has_edge("jurisdiction:testville", "measure:pledge_financing")

    measure = build_view(hostile_store, "measure", ["质押融资"]).graph  # a label resolves
    adopting = measure.edges["unit:testville-plan/1", "measure:pledge_financing"]
    background = measure.edges["unit:testville-plan/2", "measure:pledge_financing"]
    assert adopting["adoption"] is True and not adopting.get("dashes")
    assert background["adoption"] is False and background["dashes"] is True
    assert measure.has_edge("measure:pledge_financing", "clause:C13")  # ontology: C13

    juris = build_view(hostile_store, "jurisdiction", ["testville"]).graph
    assert juris.has_edge("document:testville-plan", "clause:C13")
    assert juris.has_edge("document:testville-plan", "target:testville-plan/1/t0")
    absent = [n for n in juris if n.startswith("clause:") and n != "clause:C13"]
    assert len(absent) == 23  # the outline has C01..C24
    assert all(juris.nodes[n].get("shapeProperties") for n in absent)

    clause = build_view(hostile_store, "clause", ["c13"]).graph
    assert clause.has_edge("unit:testville-plan/1", "clause:C13")
    assert clause.has_edge("jurisdiction:testville", "unit:testville-plan/1")
    assert clause.edges["unit:testville-plan/1", "clause:C13"]["score"] == pytest.approx(0.9)


def test_hostile_plan_text_cannot_close_the_script(hostile_store: GraphStore) -> None:
    for kind, ids in (
        ("overview", []),
        ("measure", ["pledge_financing"]),
        ("jurisdiction", ["testville"]),
        ("clause", ["C13"]),
    ):
        page = render_view(hostile_store, kind, ids)
        assert "alert(1)</script>" not in page, kind
        scripts = script_elements(page)
        assert [s[0] for s in scripts] == ["", "pkg-nodes", "pkg-edges", "pkg-options", ""]
        nodes = json.loads(scripts[1][1]) + json.loads(scripts[2][1])
        titles = " ".join(n.get("title", "") for n in nodes)
        # the hostile text is in the tooltips, escaped once for HTML
        assert "&lt;/script&gt;&lt;script&gt;alert(1)" in titles, kind
        assert "<script>" not in titles, kind


def test_bad_ids_and_arguments(hostile_store: GraphStore) -> None:
    with pytest.raises(NotFound):
        build_view(hostile_store, "jurisdiction", ["atlantis"])
    with pytest.raises(NotFound):
        build_view(hostile_store, "clause", ["C99"])
    with pytest.raises(NotFound):
        build_view(hostile_store, "measure", ["no such measure"])
    with pytest.raises(NotFound):
        build_view(hostile_store, "compare", ["testville", "atlantis"])
    with pytest.raises(InvalidInput):
        build_view(hostile_store, "compare", ["testville"])
    with pytest.raises(InvalidInput):
        build_view(hostile_store, "treemap")
    with pytest.raises(InvalidInput):
        build_view(hostile_store, "clause", [])
