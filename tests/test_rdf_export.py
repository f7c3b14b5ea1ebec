"""Linked-data and GraphML exports of the five-plan graph: they hold what the graph holds.

Counts are compared with the graph's own (``GraphStore.counts()`` and the
adopting mentions the services read), not with constants, so the test follows the
pipeline; the facts checked by name (Ningbo's issue date, Heyuan having none,
open licensing adopted in Ningbo) are in data/corpus/manifest.yaml and
data/corpus/ningbo.txt ("建立专利公开许可制度").
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from policykg.analytics.graphml import dataset_network, to_graphml
from policykg.exporters import FORMATS, export_bytes
from policykg.graph.store import GraphStore
from policykg.ontology.vocab import MEASURE, PKG
from policykg.rdf_export import (
    dataset_graph,
    document_iri,
    jurisdiction_iri,
    target_iri,
    unit_iri,
)
from policykg.services.dataset import build_dataset
from policykg.services.records import fetch_mentions


@pytest.fixture(scope="module")
def dataset(corpus_store: GraphStore) -> dict[str, Any]:
    return build_dataset(corpus_store)


@pytest.fixture(scope="module")
def turtle(corpus_store: GraphStore) -> bytes:
    return export_bytes(corpus_store, "turtle")


@pytest.fixture(scope="module")
def reloaded(turtle: bytes) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def _count(g: Graph, cls: URIRef) -> int:
    return len(set(g.subjects(RDF.type, cls)))


def test_turtle_round_trip_keeps_the_graphs_counts(
    corpus_store: GraphStore, reloaded: Graph
) -> None:
    counts = corpus_store.counts()
    assert _count(reloaded, PKG.Jurisdiction) == counts["Jurisdiction"] == 5
    assert _count(reloaded, PKG.Plan) == counts["Document"] == 5
    assert _count(reloaded, PKG.Unit) == counts["Unit"]
    # every Target node: the plans' and the outline's national 2025 targets
    assert _count(reloaded, PKG.Target) == counts["Target"]
    adoptions = fetch_mentions(corpus_store, adoption_only=True)
    assert len(set(reloaded.subject_objects(PKG.adopts))) == len(adoptions)
    assert len(set(reloaded.subject_objects(PKG.mentions))) == counts["MENTIONS"]
    assert len(set(reloaded.subject_objects(PKG.implements))) == counts["IMPLEMENTS"]
    assert len(set(reloaded.subject_objects(PKG.hasUnit))) == counts["HAS_UNIT"]


def test_turtle_and_jsonld_are_isomorphic(corpus_store: GraphStore, reloaded: Graph) -> None:
    jsonld = export_bytes(corpus_store, "jsonld")
    from_json = Graph().parse(data=jsonld, format="json-ld")
    assert len(from_json) == len(reloaded)
    assert isomorphic(from_json, reloaded)


def test_stable_iris_and_typed_values(dataset: dict[str, Any], reloaded: Graph) -> None:
    ningbo = jurisdiction_iri("ningbo")
    assert str(ningbo) == "https://policykg.org/id/jurisdiction/ningbo"
    (doc,) = reloaded.objects(ningbo, PKG.issued)
    assert doc == document_iri(
        next(d["id"] for d in dataset["documents"] if d["jurisdiction"]["id"] == "ningbo")
    )
    assert (doc, DCTERMS.issued, Literal("2020-07-08", datatype=XSD.date)) in reloaded
    heyuan_doc = next(reloaded.objects(jurisdiction_iri("heyuan"), PKG.issued))
    assert next(reloaded.objects(heyuan_doc, DCTERMS.issued), None) is None
    # ningbo adopts open licensing in a unit whose mention node keeps the sentence
    open_licensing = MEASURE["open_licensing"]
    units = {
        u
        for u in reloaded.subjects(PKG.adopts, open_licensing)
        if (doc, PKG.hasUnit, u) in reloaded
    }
    assert units
    sentences = [
        str(s)
        for m in reloaded.subjects(PKG.mentionOf, open_licensing)
        if next(reloaded.objects(m, PKG.inUnit)) in units
        for s in reloaded.objects(m, PKG.sentence)
    ]
    assert any("公开许可" in s for s in sentences)
    # the measure is the ontology's SKOS concept
    assert (open_licensing, RDF.type, SKOS.Concept) in reloaded
    assert (open_licensing, SKOS.prefLabel, Literal("专利开放许可", lang="zh")) in reloaded


def test_targets_are_typed_data(dataset: dict[str, Any], reloaded: Graph) -> None:
    plan_targets = [t for t in dataset["targets"] if t.get("year") is not None]
    assert plan_targets
    t = plan_targets[0]
    node = target_iri(t["id"])
    assert str(node) == f"https://policykg.org/id/target/{t['id']}"
    (value,) = reloaded.objects(node, PKG.value)
    assert value.datatype == XSD.decimal and float(value) == pytest.approx(t["value"])
    (year,) = reloaded.objects(node, PKG.year)
    assert year.datatype == XSD.integer and int(year) == t["year"]
    assert (node, PKG.unit, Literal(t["unit"])) in reloaded
    hv = [
        n
        for n in reloaded.subjects(RDF.type, PKG.Target)
        if (
            n,
            PKG.indicator,
            URIRef("https://policykg.org/id/indicator/high_value_invention_patents_per_10k"),
        )
        in reloaded
    ]
    assert hv  # the outline's national target at least


def test_units_hang_in_their_plan(dataset: dict[str, Any], reloaded: Graph) -> None:
    task = next(t for t in dataset["tasks"] if t.get("parent_id"))
    u = unit_iri(task["id"])
    assert (document_iri(task["document_id"]), PKG.hasUnit, u) in reloaded
    assert (u, PKG.parentUnit, unit_iri(task["parent_id"])) in reloaded


def test_graph_without_ontology_is_only_the_data(dataset: dict[str, Any]) -> None:
    g = dataset_graph(dataset, include_ontology=False)
    assert (MEASURE["open_licensing"], SKOS.prefLabel, None) in g  # concept stub from the data
    assert _count(g, PKG.Target) == len(dataset["targets"])


def test_graphml_reloads_with_the_same_nodes(dataset: dict[str, Any]) -> None:
    data = to_graphml(dataset)
    g = nx.read_graphml(io.BytesIO(data))
    network = dataset_network(dataset)
    assert g.number_of_nodes() == network.number_of_nodes()
    assert g.number_of_edges() == network.number_of_edges()
    kinds: dict[str, int] = {}
    for _, attrs in g.nodes(data=True):
        kinds[attrs["kind"]] = kinds.get(attrs["kind"], 0) + 1
    assert kinds == {
        "jurisdiction": 5,
        "document": 5,
        "unit": len(dataset["tasks"]),
        "measure": len(dataset["measures"]),
        "clause": len(dataset["clauses"]),
    }
    # typed attributes survive: booleans, integers, floats; no None written
    assert g.nodes["measure:open_licensing"]["core"] is True
    heyuan = next(
        n
        for n, a in g.nodes(data=True)
        if a["kind"] == "document" and a["jurisdiction"] == "heyuan"
    )
    assert "issued_on" not in g.nodes[heyuan]
    implements = [a for *_, a in g.edges(data=True) if a["type"] == "IMPLEMENTS"]
    assert implements and all(isinstance(a["score"], float) for a in implements)
    mentions = [a for *_, a in g.edges(data=True) if a["type"] == "MENTIONS"]
    assert any(a["adoption"] is True for a in mentions)


def test_formats_are_registered_with_media_types() -> None:
    assert FORMATS["turtle"][0].startswith("text/turtle")
    assert FORMATS["jsonld"][0] == "application/ld+json"
    assert FORMATS["graphml"][0] == "application/graphml+xml"


def test_export_endpoint_serves_the_new_formats(
    corpus_store: GraphStore, graph_server: Any
) -> None:
    from fastapi.testclient import TestClient

    from policykg.api.main import create_app
    from policykg.settings import Settings

    app = create_app(
        Settings(_env_file=None),  # type: ignore[call-arg]
        store_factory=lambda: graph_server.connect(graph_server.corpus_database),
    )
    with TestClient(app) as client:
        r = client.get("/export", params={"format": "jsonld"})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/ld+json")
        g = Graph().parse(data=r.content, format="json-ld")
        assert len(set(g.subjects(RDF.type, PKG.Jurisdiction))) == 5
        r = client.get("/export", params={"format": "graphml"})
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/graphml+xml")
        # 204 units (the units_by_kind of tests/data/*.expected.json: hohhot 45, heyuan 62,
        # guangxi 34, ningbo 32, chongqing 31), the 118 measures of ontology/measures.ttl,
        # the 24 outline clauses, 5 jurisdictions and their 5 plans
        assert nx.read_graphml(io.BytesIO(r.content)).number_of_nodes() == 356
